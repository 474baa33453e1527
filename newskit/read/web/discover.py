"""Feeds and sitemaps to article URLs, with trafilatura's own parsers.

Job: :func:`feed_urls` reads an RSS, Atom or JSON feed (or a web page that
links its feed with ``<link rel="alternate">``) and :func:`sitemap_urls` an
XML or text sitemap (following nested sitemaps), returning the article URLs
they list, in their order, without repeats. The documents come through the
run's :class:`~newskit.read.web.store.Source` (polite, guarded, saved with
``--save-html``); parsing is trafilatura's (``trafilatura.feeds.find_links``,
``is_potential_feed``, ``FEED_TYPES``; ``trafilatura.sitemaps.SitemapObject``).

Unlike trafilatura's crawler helpers, no link is dropped for its domain or
for being an IP address: where a link may lead is decided at download time
by :mod:`newskit.read.web.safety`. Links that are not http(s) are kept so that
the download refuses and names them. The feed's own address and a bare
home page (``https://host/``) are not articles and are left out.

Limits: at most :data:`MAX_SITEMAPS` sitemaps per ``--sitemap`` and
:data:`MAX_FEEDS` feeds linked from one page are read.
"""
from __future__ import annotations

from typing import Callable, List
from urllib.parse import urljoin, urlsplit

from .download import FetchError

MAX_SITEMAPS = 50
MAX_FEEDS = 3


class NotAFeed(FetchError):
    """The document is neither a feed nor a page that links one."""


def _decode(body: bytes) -> str:
    from trafilatura.utils import decode_file

    return decode_file(body)


def _articles(links: List[str], base: str, own: str) -> List[str]:
    out = []
    for link in links:
        link = urljoin(base, link.strip())
        parts = urlsplit(link)
        if link == own or (parts.scheme in ("http", "https") and parts.path in ("", "/") and not parts.query):
            continue
        out.append(link)
    return list(dict.fromkeys(out))


def feed_links(text: str, url: str) -> List[str]:
    """The links of a feed document (empty when it is not a feed)."""
    from trafilatura.feeds import FeedParameters, find_links

    parts = urlsplit(url)
    params = FeedParameters(f"{parts.scheme}://{parts.netloc}", parts.hostname or "", url, external=True)
    return find_links(text.strip(), params)


def is_feed(text: str) -> bool:
    from trafilatura.feeds import is_potential_feed

    text = text.lstrip("\ufeff \t\r\n")
    return is_potential_feed(text) or text.startswith("{")


def linked_feeds(html: str, url: str) -> List[str]:
    """The feeds a web page announces with ``<link rel="alternate" type="application/rss+xml">`` and kin."""
    from trafilatura.feeds import FEED_TYPES
    from trafilatura.utils import load_html

    tree = load_html(html)
    if tree is None:
        return []
    found = [link.get("href", "") for link in tree.xpath('//link[@rel="alternate"][@href]')
             if link.get("type", "").split(";")[0].strip().lower() in FEED_TYPES - {"text/plain", "application/json"}]
    return list(dict.fromkeys(urljoin(url, h.strip()) for h in found if h.strip()))


def feed_urls(url: str, get: Callable) -> List[str]:
    """Article URLs of the feed at ``url`` (or of the feeds the page at ``url`` links).

    ``get(url, kind)`` returns a :class:`~newskit.read.web.download.Fetched`; raises
    FetchError (NotAFeed when neither a feed nor a page linking one is found)."""
    doc = get(url, "feed")
    text = _decode(doc.body)
    if is_feed(text):
        return _articles(feed_links(text, doc.final_url), doc.final_url, url)
    feeds = linked_feeds(text, doc.final_url) if "<" in text else []
    if not feeds:
        raise NotAFeed("not a feed (no RSS, Atom or JSON feed here, and the page links none)")
    out: List[str] = []
    for feed in feeds[:MAX_FEEDS]:
        fdoc = get(feed, "feed")
        ftext = _decode(fdoc.body)
        if is_feed(ftext):
            out += _articles(feed_links(ftext, fdoc.final_url), fdoc.final_url, feed)
    return list(dict.fromkeys(out))


def sitemap_urls(url: str, get: Callable, on_error: Callable[[str, str], None]) -> List[str]:
    """Article URLs of the sitemap at ``url``, nested sitemaps followed.

    Raises FetchError when the sitemap itself fails; a nested sitemap that
    fails is passed to ``on_error(url, reason)`` and the others still count."""
    from trafilatura.sitemaps import SitemapObject, is_plausible_sitemap

    class _Collect(SitemapObject):
        """trafilatura's sitemap reader, keeping every link (safety is checked at download)."""

        def handle_link(self, link: str) -> None:
            if link == self.current_url:
                return
            link = urljoin(self.current_url, link.strip())
            from trafilatura.sitemaps import DETECT_SITEMAP_LINK

            (self.sitemap_urls if DETECT_SITEMAP_LINK.search(link) else self.urls).append(link)

    parts = urlsplit(url)
    sm = _Collect(f"{parts.scheme}://{parts.netloc}", parts.hostname or "", [url], external=True)
    first = True
    while sm.sitemap_urls and len(sm.seen) < MAX_SITEMAPS:
        sm.current_url = sm.sitemap_urls.pop(0)
        sm.seen.add(sm.current_url)
        try:
            doc = get(sm.current_url, "feed")
        except FetchError as exc:
            if first:
                raise
            on_error(sm.current_url, str(exc))
            continue
        sm.content = _decode(doc.body)
        if first and not is_plausible_sitemap(sm.current_url, sm.content):
            raise NotAFeed("not a sitemap (neither XML with <urlset> or <sitemapindex> nor a list of URLs)")
        first = False
        sm.process()
        sm.sitemap_urls = [s for s in sm.sitemap_urls if s not in sm.seen]
    return _articles(sm.urls, url, url)
