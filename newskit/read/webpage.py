"""Main text of an HTML page: trafilatura's extractors, most careful first.

``main_text(html, prose)`` tries trafilatura's main extractor (``bare_extraction``,
which also gives the title, date and URL), then its simpler ``baseline`` and
``html2txt`` extractors, whose text is taken only when it holds some prose
(a page of navigation links is not an article: ``prose``, the pipeline's
:class:`~newskit.nlp.data.Prose` data, says what a prose line is). A page nested deeper than
the HTML parser under trafilatura (libxml2) accepts (thousands of nested
``<div>``s) loses its text in that parser, so when every extractor comes back
empty the page is flattened (the container tags beyond :data:`MAX_DEPTH`
levels are dropped, their text and paragraph tags kept) and tried once more.

Limits: the flattening reads tags with Python's ``html.parser`` and matches
end tags by name, so a page of unclosed tags may be flattened more than it
needs; the fallbacks carry no title or date beyond what trafilatura's
metadata extractor finds.
"""
from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from typing import List, Optional, Tuple

from newskit.nlp.data import Prose

MIN_WORDS = 4  # less than this is navigation, not an article
MAX_DEPTH = 200  # libxml2 stops at 256 levels; leave room for the elements it adds
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
# paragraph-level tags stay (the extractors read paragraphs from them), within a little more depth
_BLOCKS = frozenset("p h1 h2 h3 h4 h5 h6 blockquote pre li".split())
_BLOCK_ROOM = 16


class PageError(Exception):
    """The page cannot be read (a parser error); the message says why."""


@dataclass
class PageText:
    text: str
    title: Optional[str] = None
    date: Optional[str] = None
    url: Optional[str] = None
    extractor: str = "main"  # "main", "baseline" or "html2txt"


def main_text(html: str, prose: Prose) -> Optional[PageText]:
    """The article text of a page, or None when no extractor finds any."""
    found = _extract(html, prose)
    if found is None:
        flat = flatten(html)
        if flat is not None:
            found = _extract(flat, prose)
    return found


def _extract(html: str, prose: Prose) -> Optional[PageText]:
    import trafilatura  # lazy: heavy import

    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False,
                                          favor_precision=True, as_dict=False)
        text = getattr(doc, "text", None) if doc is not None else None
        if _enough(text):
            return PageText(text, getattr(doc, "title", None) or None, getattr(doc, "date", None),
                            getattr(doc, "url", None) or None)
        for name, extractor in (("baseline", lambda h: trafilatura.baseline(h)[1]), ("html2txt", trafilatura.html2txt)):
            text = extractor(html)
            if _enough(text) and prose.has_prose(text):
                meta = trafilatura.extract_metadata(html)
                return PageText(text, getattr(meta, "title", None) or None, getattr(meta, "date", None),
                                getattr(meta, "url", None) or None, extractor=name)
    except Exception as exc:  # trafilatura raises a variety of parser errors
        raise PageError(f"could not parse HTML ({type(exc).__name__})") from exc
    return None


def _enough(text: Optional[str]) -> bool:
    return bool(text) and len(text.split()) >= MIN_WORDS


def flatten(html: str, depth: int = MAX_DEPTH) -> Optional[str]:
    """``html`` without the container tags nested beyond ``depth``; None when none is.

    Depth counts the elements kept; paragraph tags (``<p>``, headings, list
    items) are kept up to a few levels more."""
    parser = _Flattener(depth)
    parser.feed(html)
    parser.close()
    return "".join(parser.out) if parser.dropped else None


class _Flattener(HTMLParser):
    """Copies a page through, dropping the start and end tags of containers nested too deep."""

    def __init__(self, depth: int):
        super().__init__(convert_charrefs=False)
        self.depth = depth
        self.out: List[str] = []
        self.open: List[Tuple[str, bool]] = []  # (tag, kept)
        self.dropped = 0
        self.kept = 0  # open elements that were kept

    def handle_starttag(self, tag, attrs):
        raw = self.get_starttag_text() or f"<{tag}>"
        if tag in _VOID:
            self.out.append(raw)
            return
        room = self.depth + (_BLOCK_ROOM if tag in _BLOCKS else 0)
        kept = self.kept < room
        self.open.append((tag, kept))
        self.kept += kept
        if kept:
            self.out.append(raw)
        else:
            self.dropped += 1

    def handle_startendtag(self, tag, attrs):
        self.out.append(self.get_starttag_text() or f"<{tag}/>")

    def handle_endtag(self, tag):
        for i in range(len(self.open) - 1, -1, -1):
            if self.open[i][0] == tag:
                kept = self.open[i][1]
                self.kept -= sum(k for _, k in self.open[i:])
                del self.open[i:]
                if kept:
                    self.out.append(f"</{tag}>")
                return
        self.out.append(f"</{tag}>")  # a stray end tag: left for the real parser

    def handle_data(self, data):
        self.out.append(data)

    def handle_entityref(self, name):
        self.out.append(f"&{name};")

    def handle_charref(self, name):
        self.out.append(f"&#{name};")

    def handle_comment(self, data):
        self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl):
        self.out.append(f"<!{decl}>")

    def handle_pi(self, data):
        self.out.append(f"<?{data}>")

    def unknown_decl(self, data):
        self.out.append(f"<![{data}]>")
