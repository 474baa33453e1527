"""Politeness towards each host: one request at a time, a pause between them.

Job: :class:`HostGate` serialises the requests to a host (several hosts are
served at once by different threads) and keeps at least the run's delay
(``--delay``, or the host's robots.txt ``Crawl-delay`` when that is longer)
between the end of one request and the start of the next;
:func:`retry_wait` reads a ``Retry-After`` header (seconds or an HTTP date)
and otherwise gives an exponential back-off.

Limits: hosts are told apart by name (``example.com`` and
``www.example.com`` are two hosts); the gate lives in one process.
"""
from __future__ import annotations

import email.utils
import threading
import time
from contextlib import contextmanager
from typing import Dict, Iterator, Optional


class HostGate:
    """Per-host turns: ``with gate.turn(host, delay): <one request>``."""

    def __init__(self, stop: Optional[threading.Event] = None):
        self._locks: Dict[str, threading.Lock] = {}
        self._next: Dict[str, float] = {}
        self._guard = threading.Lock()
        self.stop = stop or threading.Event()

    def _lock(self, host: str) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(host, threading.Lock())

    @contextmanager
    def turn(self, host: str, delay: float) -> Iterator[None]:
        """Wait for the host's turn, hold it for the request, then book the pause."""
        with self._lock(host):
            wait = self._next.get(host, 0.0) - time.monotonic()
            if wait > 0:
                self.sleep(wait)
            try:
                yield
            finally:
                self._next[host] = time.monotonic() + delay

    def hold(self, host: str, seconds: float) -> None:
        """Keep the host's next turn at least ``seconds`` away (a Retry-After)."""
        with self._guard:
            self._next[host] = max(self._next.get(host, 0.0), time.monotonic() + seconds)

    def sleep(self, seconds: float) -> None:
        """Sleep, but wake at once when the run is stopped."""
        if self.stop.wait(seconds):
            raise InterruptedError("stopped")


def retry_wait(header: Optional[str], attempt: int, base: float = 1.0) -> float:
    """Seconds to wait before retry number ``attempt`` (1, 2, ...): the server's
    Retry-After when it gives one, else ``base`` doubled per attempt."""
    if header:
        header = header.strip()
        if header.isdigit():
            return float(header)
        try:
            when = email.utils.parsedate_to_datetime(header)
        except (TypeError, ValueError):
            when = None
        if when is not None and when.tzinfo is not None:
            return max(0.0, when.timestamp() - time.time())
    return base * 2 ** (attempt - 1)
