"""Saved pages (``--save-html DIR``) and reading them back (``--offline``).

Job: :class:`PageStore` keeps every downloaded document (article pages,
feeds, sitemaps) as the bytes the server sent, in a file named from the URL
(``127.0.0.1_8000_news_story.html-1a2b3c4d5e.html``: a readable slug plus a
hash of the whole URL, so two URLs never share a file), with a small
``.meta.json`` beside it holding the URL as asked for, the URL after
redirects and the content type. Both are written atomically (a temporary
sibling renamed into place). With ``offline`` the store answers instead of
the network, so the same run can be repeated, byte-identical, from the
saved pages.

Limits: a URL that failed is not saved, so offline it fails as "not saved";
``newskit extract DIR`` also reads the saved ``.html`` pages, but then ids
and sources are the file paths.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from typing import Optional
from urllib.parse import urlsplit

from .download import FetchError, Fetched

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
SLUG_MAX = 80


def page_name(url: str) -> str:
    """The file name (without extension) a URL is saved under."""
    parts = urlsplit(url)
    slug = _UNSAFE.sub("_", f"{parts.netloc}{parts.path}" + (f"?{parts.query}" if parts.query else "")).strip("._")
    digest = hashlib.sha256(url.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    return f"{slug[:SLUG_MAX]}-{digest}"


class PageStore:
    def __init__(self, folder: str, offline: bool = False):
        self.folder = folder
        self.offline = offline
        if not offline:
            os.makedirs(folder, exist_ok=True)  # raises OSError when it cannot be made
        elif not os.path.isdir(folder):
            raise FileNotFoundError(2, "no such directory of saved pages", folder)

    def _paths(self, url: str, ext: str):
        base = os.path.join(self.folder, page_name(url))
        return base + ext, base + ".meta.json"

    def save(self, doc: Fetched, kind: str) -> None:
        """Keep a downloaded document (``kind``: "page" or "feed")."""
        body_path, meta_path = self._paths(doc.url, ".html" if kind == "page" else ".xml")
        _atomic_write(body_path, doc.body)
        meta = {"url": doc.url, "final_url": doc.final_url, "content_type": doc.content_type, "kind": kind}
        _atomic_write(meta_path, (json.dumps(meta, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8"))

    def load(self, url: str) -> Fetched:
        """The saved document for ``url``; raises FetchError when there is none."""
        meta_path = self._paths(url, "")[1]
        try:
            with open(meta_path, encoding="utf-8") as fh:
                meta = json.load(fh)
            body_path = self._paths(url, ".html" if meta.get("kind") == "page" else ".xml")[0]
            with open(body_path, "rb") as fh:
                body = fh.read()
        except FileNotFoundError:
            raise FetchError(f"not saved in {self.folder} (--offline fetches nothing)") from None
        except (OSError, ValueError) as exc:
            raise FetchError(f"saved copy in {self.folder} cannot be read ({exc})") from None
        return Fetched(url, meta.get("final_url") or url, body, meta.get("content_type") or "")


def _atomic_write(path: str, data: bytes) -> None:
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".newskit-", suffix=".part", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


class Source:
    """Documents by URL: from the network (saving them when a store is given) or, offline, from the store."""

    def __init__(self, fetcher, store: Optional[PageStore] = None):
        self.fetcher, self.store = fetcher, store

    @property
    def offline(self) -> bool:
        return bool(self.store and self.store.offline)

    def get(self, url: str, kind: str = "page") -> Fetched:
        if self.offline:
            return self.store.load(url)
        doc = self.fetcher.fetch(url)
        if self.store and (kind != "page" or doc.is_html):
            self.store.save(doc, kind)
        return doc
