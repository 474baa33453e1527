"""Where a download may go: schemes, hosts and the addresses they resolve to.

Job: the rule that keeps a hostile feed, sitemap or redirect from making
newskit read a cloud metadata service, an intranet page or a local file.

* Only ``http`` and ``https`` URLs are fetched, always.
* A host the user typed (a URL on the command line or in ``--urls``, a
  ``--feed`` or ``--sitemap`` address) is fetched wherever it resolves.
* Any other host (a link found in a feed or sitemap, the target of a
  redirect) must resolve only to public (globally routable) addresses;
  loopback, private, link-local, shared and reserved addresses are refused,
  unless ``allow_private`` is set.

The check is made on the addresses the name resolves to, and the connection
is then made to the checked address itself (:class:`PinnedHTTPConnection`),
so a name that resolves differently a second time (DNS rebinding) cannot
slip past it.

Limits: the host rule compares host names as written (lower-cased), so a
typed ``localhost`` does not make ``127.0.0.1`` a typed host; a proxy from
the environment is not used (connections are direct).
"""
from __future__ import annotations

import ipaddress
import socket
from typing import Callable, Iterable, List, Optional, Set, Tuple
from urllib.parse import urlsplit

import urllib3

SCHEMES = ("http", "https")


class Refused(Exception):
    """A URL newskit will not fetch; the message says why."""


def check_scheme(url: str) -> None:
    """Raise :class:`Refused` unless ``url`` is an http or https URL with a host."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in SCHEMES:
        raise Refused(f"not an http or https URL ({parts.scheme or 'no'} scheme)")
    if not parts.hostname:
        raise Refused("URL has no host")
    try:
        parts.port
    except ValueError:
        raise Refused("URL has a port that is not a number from 0 to 65535") from None


def host_of(url: str) -> str:
    """The host name of a URL, lower-cased, without port or brackets."""
    return (urlsplit(url).hostname or "").lower()


def _address(text: str):
    ip = ipaddress.ip_address(text.split("%", 1)[0])  # an IPv6 zone id is not part of the address
    return getattr(ip, "ipv4_mapped", None) or ip


def is_public(address: str) -> bool:
    """Whether an IP address is globally routable (not loopback, private, link-local, ...)."""
    return _address(address).is_global


Resolver = Callable[[str, int], List[Tuple[int, str]]]


def system_resolver(host: str, port: int) -> List[Tuple[int, str]]:
    """(family, address) pairs for a host, from the system resolver."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys((family, sockaddr[0]) for family, _, _, _, sockaddr in infos))


class Guard:
    """The address rule of one run: which hosts were typed, whether private targets are allowed."""

    def __init__(self, typed_hosts: Iterable[str] = (), allow_private: bool = False,
                 resolver: Optional[Resolver] = None):
        self.typed: Set[str] = {h.lower() for h in typed_hosts if h}
        self.allow_private = allow_private
        self.resolver = resolver or system_resolver

    def add_typed(self, url: str) -> None:
        self.typed.add(host_of(url))

    def trusted(self, host: str) -> bool:
        """Whether any address is fine for this host (typed, or --allow-private)."""
        return self.allow_private or host.lower().strip("[]") in self.typed

    def address(self, host: str, port: int) -> Tuple[int, str]:
        """The (family, address) to connect to for ``host``; raises :class:`Refused`
        when the host resolves to an address it may not reach, or OSError when it
        does not resolve."""
        found = self.resolver(host, port)
        if not found:
            raise socket.gaierror(f"{host} has no address")
        if not self.trusted(host):
            bad = [addr for _, addr in found if not is_public(addr)]
            if bad:
                raise Refused(f"{host} resolves to a non-public address ({bad[0]}); "
                              "only the hosts you typed may be private (use --allow-private)")
        return found[0]


class PinnedHTTPConnection(urllib3.connection.HTTPConnection):
    """An HTTP connection to the address its :class:`Guard` checked (the Host header,
    TLS name and certificate check still use the host name)."""

    def __init__(self, *args, guard: Guard, **kwargs):
        super().__init__(*args, **kwargs)
        self._guard = guard

    def _new_conn(self) -> socket.socket:
        try:
            _, address = self._guard.address(self.host, self.port)
        except socket.gaierror as exc:
            raise urllib3.exceptions.NameResolutionError(self.host, self, exc) from exc
        self._dns_host = address  # connect to the checked address, not a second lookup
        return super()._new_conn()


class PinnedHTTPSConnection(PinnedHTTPConnection, urllib3.connection.HTTPSConnection):
    pass


class PinnedHTTPPool(urllib3.HTTPConnectionPool):
    ConnectionCls = PinnedHTTPConnection


class PinnedHTTPSPool(urllib3.HTTPSConnectionPool):
    ConnectionCls = PinnedHTTPSConnection


POOLS = {"http": PinnedHTTPPool, "https": PinnedHTTPSPool}
