"""Web inputs as articles: URLs, URL lists, feeds and sitemaps, fetched in threads.

Job: :class:`WebReader` turns what the user gave (page URLs, ``--urls``
files, ``--feed`` and ``--sitemap`` addresses) into the same
:class:`~newskit.read.ingest.Article` / :class:`~newskit.read.ingest.InputError`
stream as files, in input order: it expands feeds and sitemaps first (so the
number of articles is known: :attr:`WebReader.total`), drops URLs the
database already holds (``skip``, for ``--resume``), then downloads the pages
in a pool of threads, several hosts at once and each host politely
(:mod:`.download`), a bounded window ahead of the consumer, so downloads
overlap the parse. :meth:`WebReader.start` begins all this in the background
(``run_extract`` calls it before loading the model); the consumer turns each
page into an article. A page goes through the same HTML path as a saved page
(:func:`newskit.read.ingest.read_html`); its record has ``id`` and ``source`` =
the URL as given and ``url`` = the URL after redirects.

Limits: the window (:data:`WINDOW` pages) bounds memory to that many pages
(each at most the size cap); pages are yielded in input order, so one slow
page holds back the ones after it (not their downloads).
"""
from __future__ import annotations

import queue
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Callable, Iterator, List, Optional, TextIO

from newskit.read.ingest import InputError, Item, ReadOptions, read_html
from .discover import feed_urls, sitemap_urls
from .download import FetchError, Fetched, Fetcher, FetchSettings
from .polite import HostGate
from .safety import Guard, Refused, check_scheme
from .store import PageStore, Source

THREADS = 8  # downloads at once (across hosts: each host still gets one at a time)
WINDOW = 32  # pages fetched ahead of the parse


def is_url(text: str) -> bool:
    """Whether a command-line input is a web address rather than a path."""
    return text.lower().startswith(("http://", "https://"))


@dataclass
class WebInputs:
    urls: List[str] = field(default_factory=list)  # page URLs typed on the command line
    url_files: List[str] = field(default_factory=list)  # --urls files ("-" = stdin)
    feeds: List[str] = field(default_factory=list)
    sitemaps: List[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.urls or self.url_files or self.feeds or self.sitemaps)


@dataclass
class WebOptions:
    fetch: FetchSettings = field(default_factory=FetchSettings)
    save_html: Optional[str] = None
    offline: bool = False  # read every URL from save_html instead of the network


def read_url_list(path: str, stdin: Optional[TextIO] = None) -> List[str]:
    """URLs of a list file, one a line; blank lines and ``#`` comments skipped. Raises OSError."""
    if path == "-":
        lines = list(stdin if stdin is not None else sys.stdin)
    else:
        with open(path, encoding="utf-8-sig") as fh:
            lines = fh.readlines()
    return [ln.strip() for ln in lines if ln.strip() and not ln.strip().startswith("#")]


class WebReader:
    """Iterate to get the articles (and errors) of the web inputs, in order."""

    def __init__(self, inputs: WebInputs, options: WebOptions, read: ReadOptions,
                 skip: Optional[Callable[[str], bool]] = None, stdin: Optional[TextIO] = None,
                 guard: Optional[Guard] = None):
        self.inputs, self.options, self.read = inputs, options, read
        self.skip = skip
        self.stdin = stdin
        self.total: Optional[int] = None  # articles to fetch, once the inputs are expanded
        self.skipped = 0
        self.stop = threading.Event()
        self.guard = guard or Guard(allow_private=options.fetch.allow_private)
        fetcher = Fetcher(options.fetch, self.guard, HostGate(self.stop))
        store = PageStore(options.save_html, offline=options.offline) if options.save_html else None
        self.source = Source(fetcher, store)
        self._thread: Optional[threading.Thread] = None
        self._pool: Optional[ThreadPoolExecutor] = None
        self._queue: "queue.Queue" = queue.Queue()
        self._room = threading.Semaphore(WINDOW)

    # ------------------------------------------------------------------ expansion

    def _targets(self, errors: List[InputError]) -> List[str]:
        """Every page URL to read, in order, without repeats; problems go to ``errors``."""
        typed: List[str] = list(self.inputs.urls)
        for path in self.inputs.url_files:
            try:
                typed += read_url_list(path, self.stdin)
            except OSError as exc:
                errors.append(InputError(path, f"cannot read URL list ({exc.strerror or exc})"))
            except UnicodeDecodeError:
                errors.append(InputError(path, "URL list is not UTF-8 text"))
        for url in typed + self.inputs.feeds + self.inputs.sitemaps:
            self.guard.add_typed(url)
        found = list(typed)
        expanders = (("feed", self.inputs.feeds, lambda url: feed_urls(url, self.source.get)),
                     ("sitemap", self.inputs.sitemaps, lambda url: sitemap_urls(url, self.source.get, on_error)))

        def on_error(url: str, why: str) -> None:  # a nested sitemap that failed
            errors.append(InputError(url, f"sitemap: {why}"))

        for kind, urls, expand in expanders:
            for url in urls:
                try:
                    check_scheme(url)
                    got = expand(url)
                except (FetchError, Refused) as exc:
                    errors.append(InputError(url, f"{kind}: {exc}"))
                    continue
                if not got:
                    errors.append(InputError(url, f"{kind} lists no articles"))
                found += got
        return list(dict.fromkeys(found))

    # ------------------------------------------------------------------ pages

    def _download(self, url: str):
        """One page's download (or the reason it failed); runs in a download thread."""
        try:
            check_scheme(url)
            return self.source.get(url, "page")
        except (FetchError, Refused) as exc:
            return InputError(url, str(exc))
        except InterruptedError:
            return InputError(url, "stopped")
        except Exception as exc:  # a URL no check foresaw (urllib3, the page store): this URL fails, not the run
            return InputError(url, f"download failed ({type(exc).__name__}: {exc})")

    def start(self) -> "WebReader":
        """Begin expanding and downloading in the background (before the model has even loaded)."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._produce, name="newskit-web", daemon=True)
            self._thread.start()
        return self

    def _produce(self) -> None:
        """Expand the inputs, then keep up to WINDOW downloads submitted ahead of the consumer."""
        try:
            errors: List[InputError] = []
            urls = self._targets(errors)
            for err in errors:
                self._queue.put(err)
            if self.skip is not None:
                kept = [u for u in urls if not self.skip(u)]
                self.skipped = len(urls) - len(kept)
                urls = kept
            self.total = len(urls)
            self._pool = ThreadPoolExecutor(max_workers=max(1, min(THREADS, len(urls))),
                                            thread_name_prefix="newskit-fetch")
            for url in urls:
                while not self._room.acquire(timeout=0.5):
                    if self.stop.is_set():
                        return
                if self.stop.is_set():
                    return
                self._queue.put(self._pool.submit(self._download, url))
        except BaseException as exc:  # handed to the consumer, raised there
            self._queue.put(_Failure(exc))
        finally:
            self._queue.put(_DONE)

    def __iter__(self) -> Iterator[Item]:
        self.start()
        try:
            while True:
                got = self._queue.get()
                if got is _DONE:
                    return
                if isinstance(got, _Failure):
                    raise got.exc
                if isinstance(got, InputError):
                    yield got
                    continue
                doc = got.result()
                self._room.release()
                yield doc if isinstance(doc, InputError) else page_article(doc, self.read)
        finally:
            self.close()

    def close(self) -> None:
        """Stop: no new downloads, wake the threads waiting for a host's turn."""
        self.stop.set()
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)


_DONE = object()


class _Failure:
    def __init__(self, exc: BaseException):
        self.exc = exc


def page_article(doc: Fetched, read: ReadOptions) -> Item:
    """A downloaded page through the HTML path of saved pages, with the web's id, source and url."""
    from trafilatura.utils import decode_file

    if not doc.is_html:
        return InputError(doc.url, f"not an HTML page (content type {doc.content_type})")
    item = read_html(decode_file(doc.body), doc.url, read)
    if isinstance(item, InputError):
        return item
    item.id = item.source = doc.url
    item.url = doc.final_url
    return item
