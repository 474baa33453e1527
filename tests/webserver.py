"""A tiny web server on 127.0.0.1 for the web-input tests and the benchmark.

``Site`` serves a dict of routes (path -> :class:`Page`) from a thread; each
page may answer with any status, headers, a delay, and a sequence of answers
(for a 429 that succeeds on the next try). Every request is logged in
``site.hits`` (path, User-Agent). Nothing listens beyond the loopback.
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Dict, List, Optional, Tuple


@dataclass
class Page:
    body: bytes = b""
    status: int = 200
    headers: Dict[str, str] = field(default_factory=lambda: {"Content-Type": "text/html; charset=utf-8"})
    delay: float = 0.0
    then: Optional["Page"] = None  # the answer to the next requests, after this one was served once


def article_html(title: str, paragraphs: List[str]) -> bytes:
    body = "".join(f"<p>{p}</p>\n" for p in paragraphs)
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title></head>"
            f"<body><article><h1>{title}</h1>\n{body}</article></body></html>").encode("utf-8")


def rss(links: List[str]) -> bytes:
    items = "".join(f"<item><title>item</title><link>{u}</link></item>" for u in links)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Test feed</title>'
            f"<link>http://127.0.0.1/</link>{items}</channel></rss>").encode("utf-8")


def sitemap(links: List[str]) -> bytes:
    urls = "".join(f"<url><loc>{u}</loc></url>" for u in links)
    return (f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"{urls}</urlset>").encode("utf-8")


class Site:
    def __init__(self, routes: Optional[Dict[str, Page]] = None, host: str = "127.0.0.1"):
        self.routes: Dict[str, Page] = dict(routes or {})
        self.hits: List[Tuple[str, str]] = []
        self.times: List[Tuple[str, float]] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # headers and body leave at once (no 40 ms delayed-ACK stall)

            def do_GET(self):  # noqa: N802
                site.hits.append((self.path, self.headers.get("User-Agent", "")))
                site.times.append((self.path, time.monotonic()))
                page = site.routes.get(self.path)
                if page is None:
                    page = Page(b"<html><body>not here</body></html>", status=404)
                elif page.then is not None:
                    site.routes[self.path] = page.then
                if page.delay:
                    time.sleep(page.delay)
                try:
                    self.send_response(page.status)
                    for k, v in page.headers.items():
                        self.send_header(k, v)
                    self.send_header("Content-Length", str(len(page.body)))
                    self.end_headers()
                    self.wfile.write(page.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer((host, 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.base = f"http://{host}:{self.port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return self.base + path

    def __enter__(self) -> "Site":
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def paths(self) -> List[str]:
        return [p for p, _ in self.hits]
