"""robots.txt: may newskit fetch this URL, and how long should it wait between requests?

Job: :class:`Robots` reads each host's ``/robots.txt`` once (through the
run's own polite, guarded download), parses it with the standard library's
:class:`urllib.robotparser.RobotFileParser` and answers for newskit's
User-Agent. Following that parser: a 401 or 403 for robots.txt forbids the
whole host, any other error status (404, 410, 500, ...) allows it all. A
host that cannot be reached for its robots.txt is treated as allowing all
(the page request that follows then fails with its own reason).

Limits: one robots.txt per scheme, host and port, kept for the run; the
standard parser reads ``Crawl-delay`` in whole seconds only (a fraction such
as ``0.5`` is ignored, and ``--delay`` applies).
"""
from __future__ import annotations

import threading
from typing import Callable, Dict, Optional
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

ROBOTS_CAP = 512 * 1024  # Google reads the first 500 KiB of a robots.txt; we read as much


class Robots:
    def __init__(self, agent: str, fetch: Callable[[str], "tuple[int, bytes]"]):
        """``fetch(url)`` returns (status, body) or raises OSError-like errors."""
        self.agent = agent
        self._fetch = fetch
        self._parsers: Dict[str, RobotFileParser] = {}
        self._locks: Dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    def parser(self, url: str) -> RobotFileParser:
        parts = urlsplit(url)
        root = f"{parts.scheme}://{parts.netloc}"
        with self._guard:
            lock = self._locks.setdefault(root, threading.Lock())
        with lock:
            rp = self._parsers.get(root)
            if rp is None:
                rp = self._parsers[root] = self._read(root + "/robots.txt")
        return rp

    def _read(self, robots_url: str) -> RobotFileParser:
        rp = RobotFileParser(robots_url)
        try:
            status, body = self._fetch(robots_url)
        except Exception:  # unreachable: the page request will say why
            status, body = 404, b""
        if status in (401, 403):
            rp.disallow_all = True
        elif status >= 400:
            rp.allow_all = True
        else:
            rp.parse(body[:ROBOTS_CAP].decode("utf-8", errors="replace").splitlines())
        return rp

    def allowed(self, url: str) -> bool:
        return self.parser(url).can_fetch(self.agent, url)

    def crawl_delay(self, url: str) -> Optional[float]:
        delay = self.parser(url).crawl_delay(self.agent)
        return float(delay) if delay is not None else None
