"""Site furniture: mark the regions of a page that are not the article.

Scraped news text often ends with comment prompts, "Read all the Latest News"
banners and share buttons, and repeats its headline. This module marks such
regions; it never rewrites the text, so offsets stay true. Every other
component ignores anything that starts inside a marked region.

Rules (``models/boilerplate.json``): "tail" lines (comment prompts, "Read all
the Latest News", newsletter and cookie banners, related-stories lists) start
furniture that runs to the end of the page once some article text was seen;
"line" patterns mark single lines anywhere (share buttons, "Also read:" links,
cookie notices, advertisement markers, bare URLs); a line repeating one of the
first lines (a headline printed twice) is furniture too.

Limits: patterns are line-based (``models/boilerplate.json``); furniture glued
inside a paragraph of real text is not detected.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from typing import List, Optional, Tuple

from spacy.language import Language
from spacy.tokens import Doc

from .components import DataComponent
from .resources import load_json

Region = Tuple[int, int]

if not Doc.has_extension("boilerplate"):
    Doc.set_extension("boilerplate", default=None)


@lru_cache(maxsize=1)
def _patterns():
    data = load_json("boilerplate.json")
    tail = re.compile("(?:" + "|".join(data["tail"]) + r")\Z", re.I)
    line = re.compile("(?:" + "|".join(data["line"]) + r")\Z", re.I)
    return (tail, line, int(data.get("repeat_window", 5)), int(data.get("repeat_min_chars", 16)),
            int(data.get("tail_after_lines", 2)))


def _lines(text: str):
    pos = 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        lead = len(body) - len(body.lstrip())
        yield pos + lead, pos + len(body.rstrip()), body.strip()
        pos += len(raw)


def find_boilerplate(text: str) -> List[Region]:
    """Character regions of ``text`` that are site furniture, sorted."""
    tail_re, line_re, window, min_chars, after = _patterns()
    regions: List[Region] = []
    lines = [ln for ln in _lines(text) if ln[2]]
    # A headline (or any of the first lines) printed twice: the repeat is furniture.
    top = {}
    for k, (s, e, t) in enumerate(lines):
        norm = " ".join(t.split()).casefold()
        if len(norm) < min_chars:
            continue
        if norm in top:
            regions.append((s, e))
        elif k < window:
            top[norm] = k
    content_lines = 0
    for start, end, body in lines:
        if content_lines >= after and tail_re.match(body):
            regions.append((start, len(text)))
            break
        if line_re.match(body):
            regions.append((start, end))
        elif len(body.split()) >= 6:
            content_lines += 1
    return _merge(regions)


def _merge(regions: List[Region]) -> List[Region]:
    out: List[Region] = []
    for s, e in sorted(regions):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(e, out[-1][1]))
        else:
            out.append((s, e))
    return out


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per Doc and shared by newskit's components.

    spaCy rebuilds ``doc.text`` from every token on each access (about 1 ms
    for a news article); the copy is kept in ``doc.user_data`` and checked
    against the Doc's length before reuse."""
    text = doc.user_data.get("nk_text")
    if text is not None and len(doc) and doc[-1].idx + len(doc[-1].text_with_ws) == len(text):
        return text
    text = doc.text
    doc.user_data["nk_text"] = text
    return text


def content_end(doc: Doc) -> Optional[int]:
    """Offset where trailing boilerplate starts, or None."""
    regions = doc._.boilerplate or []
    if regions and regions[-1][1] == len(doc_text(doc)):
        return regions[-1][0]
    return None


def in_boilerplate(doc: Doc, start: int, end: Optional[int] = None) -> bool:
    """True when the span starting at ``start`` lies in a marked region."""
    regions = doc._.boilerplate
    if not regions:
        return False
    i = bisect_right(regions, (start, float("inf"))) - 1
    return i >= 0 and regions[i][0] <= start < regions[i][1]


def boilerplate_component(doc: Doc) -> Doc:
    doc._.boilerplate = find_boilerplate(doc_text(doc))
    return doc


@Language.factory("newskit_boilerplate", assigns=["doc._.boilerplate"])
def make_boilerplate(nlp: Language, name: str) -> DataComponent:
    """The ``newskit_boilerplate`` component: furniture regions in ``doc._.boilerplate``."""
    return DataComponent(nlp, name, boilerplate_component)
