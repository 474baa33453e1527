"""Download one URL politely and safely, or say in a few words why not.

Job: :class:`Fetcher` is newskit's only way onto the network. For each URL
it checks the scheme (:mod:`.safety`), asks robots.txt (:mod:`.robots`),
waits for the host's turn (:mod:`.polite`), sends one GET through urllib3
with a User-Agent naming newskit and its version and separate connect and
read timeouts, follows redirects itself (each hop checked again: scheme,
robots.txt, the address rule), retries a 429 or a 5xx a few times after the
server's ``Retry-After`` or an exponential back-off, and reads the body up
to a size cap. Every failure is a :class:`FetchError` whose message names
the reason (``HTTP 404 Not Found``, ``timed out after 30 s``,
``disallowed by robots.txt``, ``larger than the 10 MB cap`` ...).

Bodies are decoded to text by trafilatura's own decoder
(``trafilatura.utils.decode_file``: compression, charset guess), the same
way for a fresh download and for a saved page (:mod:`.store`).

Limits: GET only; no cookies, no proxy, no JavaScript; a ``Retry-After``
longer than :attr:`FetchSettings.max_retry_wait` fails the URL instead of
stalling the run.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from http.client import responses
from typing import Dict, Optional, Tuple
from urllib.parse import urljoin, urlsplit

import urllib3

from .polite import HostGate, retry_wait
from .robots import Robots
from .safety import POOLS, Guard, Refused, check_scheme, host_of

HTML_TYPES = ("text/html", "application/xhtml+xml")
MAX_REDIRECTS = 5
RETRY_STATUS = frozenset({429, 500, 502, 503, 504})


class FetchError(Exception):
    """A URL that could not be fetched; the message says why (without the URL)."""


@dataclass
class FetchSettings:
    delay: float = 1.0  # seconds between two requests to one host
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    retries: int = 3  # extra attempts after a 429 or 5xx
    backoff: float = 1.0  # first back-off in seconds, doubled per attempt
    max_retry_wait: float = 120.0  # a longer Retry-After fails the URL
    max_bytes: int = 10 * 1024 * 1024  # per page, after decompression
    allow_private: bool = False
    robots: bool = True


@dataclass
class Fetched:
    """A downloaded document: the URL asked for, the URL after redirects, the body."""

    url: str
    final_url: str
    body: bytes
    content_type: str = ""
    redirects: list = field(default_factory=list)

    @property
    def is_html(self) -> bool:
        return not self.content_type or self.content_type in HTML_TYPES


def user_agent() -> str:
    from newskit import __version__

    return f"newskit/{__version__} (+https://pypi.org/project/newskit/)"


class Fetcher:
    """Polite, guarded downloads for one run (thread-safe)."""

    def __init__(self, settings: FetchSettings, guard: Optional[Guard] = None, gate: Optional[HostGate] = None):
        self.settings = settings
        self.guard = guard or Guard(allow_private=settings.allow_private)
        self.gate = gate or HostGate()
        self.agent = user_agent()
        self.robots = Robots(self.agent, self._robots_fetch)
        self._pools: Dict[Tuple[str, str, int], urllib3.HTTPConnectionPool] = {}
        self._lock = threading.Lock()

    # ------------------------------------------------------------------ public

    def fetch(self, url: str) -> Fetched:
        """Download ``url`` (following redirects); raises :class:`FetchError`."""
        hops = []
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            try:
                check_scheme(current)
            except Refused as exc:
                raise FetchError(f"redirect to {current} refused: {exc}" if hops else str(exc)) from None
            if self.settings.robots and not self._robots_allow(current):
                raise FetchError(f"disallowed by robots.txt{_via(current, hops)}")
            status, headers, body = self._get(current, self._delay(current))
            if status in (301, 302, 303, 307, 308) and headers.get("location"):
                hops.append(current)
                current = urljoin(current, headers["location"].strip())
                continue
            if status != 200:
                raise FetchError(f"HTTP {status} {responses.get(status, '')}".rstrip() + _via(current, hops))
            ctype = headers.get("content-type", "").split(";")[0].strip().lower()
            return Fetched(url, current, body, ctype, hops)
        raise FetchError(f"more than {MAX_REDIRECTS} redirects")

    # ------------------------------------------------------------------ steps

    def _robots_allow(self, url: str) -> bool:
        try:
            return self.robots.allowed(url)
        except FetchError:
            return True

    def _delay(self, url: str) -> float:
        delay = self.settings.delay
        if self.settings.robots:
            crawl = self.robots.crawl_delay(url)
            if crawl is not None and crawl > delay:
                delay = crawl
        return delay

    def _robots_fetch(self, url: str) -> Tuple[int, bytes]:
        """robots.txt, redirects followed (each hop checked), no retries: (status, body)."""
        for _ in range(MAX_REDIRECTS + 1):
            check_scheme(url)
            status, headers, body = self._get(url, self.settings.delay, retries=0)
            if status not in (301, 302, 303, 307, 308) or not headers.get("location"):
                return status, body
            url = urljoin(url, headers["location"].strip())
        return 404, b""  # a redirect loop: as if there were no robots.txt

    def _get(self, url: str, delay: float, retries: Optional[int] = None) -> Tuple[int, dict, bytes]:
        """One GET with retries on 429/5xx: (status, lower-cased headers, body)."""
        retries = self.settings.retries if retries is None else retries
        host = host_of(url)
        attempt = 0
        while True:
            with self.gate.turn(host, delay):
                status, headers, body = self._request(url)
            if status not in RETRY_STATUS or attempt >= retries:
                if status in RETRY_STATUS and retries:
                    raise FetchError(f"HTTP {status} {responses.get(status, '')} after {attempt + 1} attempts")
                return status, headers, body
            attempt += 1
            wait = retry_wait(headers.get("retry-after"), attempt, self.settings.backoff)
            if wait > self.settings.max_retry_wait:
                raise FetchError(f"HTTP {status} {responses.get(status, '')}: the server asks to wait "
                                 f"{wait:.0f} s (Retry-After), longer than newskit waits "
                                 f"({self.settings.max_retry_wait:.0f} s)")
            self.gate.hold(host, wait)

    def _pool(self, url: str) -> urllib3.HTTPConnectionPool:
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        port = parts.port or (443 if scheme == "https" else 80)
        key = (scheme, parts.hostname or "", port)
        with self._lock:
            pool = self._pools.get(key)
            if pool is None:
                kwargs = {"guard": self.guard}
                if scheme == "https":
                    import certifi

                    kwargs.update(cert_reqs="CERT_REQUIRED", ca_certs=certifi.where())
                pool = self._pools[key] = POOLS[scheme](parts.hostname, port, maxsize=2, block=False, **kwargs)
            return pool

    def _request(self, url: str) -> Tuple[int, dict, bytes]:
        s = self.settings
        parts = urlsplit(url)
        path = parts.path or "/"
        if parts.query:
            path += "?" + parts.query
        headers = {"User-Agent": self.agent, "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
        headers.update(urllib3.util.make_headers(accept_encoding=True))
        try:
            resp = self._pool(url).urlopen(
                "GET", path, headers=headers, redirect=False, retries=False, preload_content=False,
                timeout=urllib3.Timeout(connect=s.connect_timeout, read=s.read_timeout),
            )
        except Refused as exc:
            raise FetchError(f"refused: {exc}") from None
        except urllib3.exceptions.HTTPError as exc:
            raise FetchError(_network_reason(exc, s)) from None
        try:
            status = resp.status
            headers = {k.lower(): v for k, v in resp.headers.items()}
            if status != 200:
                _discard(resp)
                return status, headers, b""
            return status, headers, self._read_capped(resp, headers)
        except urllib3.exceptions.HTTPError as exc:
            raise FetchError(_network_reason(exc, s)) from None
        finally:
            resp.release_conn()

    def _read_capped(self, resp, headers: dict) -> bytes:
        cap = self.settings.max_bytes
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > cap:
            resp.close()
            raise FetchError(f"larger than the {_size(cap)} cap ({_size(int(length))})")
        out = bytearray()
        for chunk in resp.stream(64 * 1024):
            out += chunk
            if len(out) > cap:
                resp.close()
                raise FetchError(f"larger than the {_size(cap)} cap")
        return bytes(out)


def _discard(resp, limit: int = 256 * 1024) -> None:
    """Read away a short error body so the connection can be reused; close it on a long one."""
    length = resp.headers.get("content-length", "")
    if length.isdigit() and int(length) <= limit:
        resp.drain_conn()
    else:
        resp.close()


def _via(url: str, hops: list) -> str:
    return f" (at {url}, after a redirect)" if hops else ""


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / 1024 / 1024:.3g} MB"
    return f"{n / 1024:.3g} KB" if n >= 1024 else f"{n} bytes"


def _network_reason(exc: Exception, s: FetchSettings) -> str:
    """A few words for a urllib3 error."""
    E = urllib3.exceptions
    if isinstance(exc, E.NameResolutionError):
        return "host name not found (DNS lookup failed)"
    if isinstance(exc, E.ConnectTimeoutError):
        return f"connection timed out after {s.connect_timeout:g} s"
    if isinstance(exc, E.ReadTimeoutError):
        return f"timed out: no answer within {s.read_timeout:g} s"
    if isinstance(exc, E.SSLError):
        return f"TLS error ({exc})"
    if isinstance(exc, E.NewConnectionError):
        reason = str(exc).split(":")[-1].strip()
        return f"cannot connect ({reason})"
    if isinstance(exc, E.ProtocolError):
        return f"connection broken ({exc})"
    return f"download failed ({type(exc).__name__}: {exc})"
