"""Site furniture: mark the regions of a page that are not the article.

Scraped news text often ends with comment prompts, "Read all the Latest News"
banners and share buttons, and repeats its headline. This module marks such
regions; it never rewrites the text, so offsets stay true. Every other
component ignores anything that starts inside a marked region.

Limits: patterns are line-based (``models/boilerplate.json``); furniture glued
inside a paragraph of real text is not detected.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import List, Optional, Tuple

from spacy.language import Language
from spacy.tokens import Doc

from .resources import load_json

Region = Tuple[int, int]

if not Doc.has_extension("boilerplate"):
    Doc.set_extension("boilerplate", default=None)


@lru_cache(maxsize=1)
def _patterns():
    data = load_json("boilerplate.json")
    tail = re.compile("(?:" + "|".join(data["tail"]) + r")\Z", re.I)
    line = re.compile("(?:" + "|".join(data["line"]) + r")\Z", re.I)
    return tail, line


def _lines(text: str):
    pos = 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        lead = len(body) - len(body.lstrip())
        yield pos + lead, pos + len(body.rstrip()), body.strip()
        pos += len(raw)


def find_boilerplate(text: str) -> List[Region]:
    """Character regions of ``text`` that are site furniture, sorted."""
    tail_re, line_re = _patterns()
    regions: List[Region] = []
    lines = [ln for ln in _lines(text) if ln[2]]
    # A headline printed twice: the repeat is furniture.
    for (s1, e1, t1), (s2, e2, t2) in zip(lines, lines[1:]):
        if t1 == t2 and len(t1) > 15:
            regions.append((s2, e2))
    content_lines = 0
    for start, end, body in lines:
        if content_lines >= 2 and tail_re.match(body):
            regions.append((start, len(text)))
            break
        if line_re.match(body):
            regions.append((start, end))
        else:
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


def content_end(doc: Doc) -> Optional[int]:
    """Offset where trailing boilerplate starts, or None."""
    regions = doc._.boilerplate or []
    if regions and regions[-1][1] == len(doc.text):
        return regions[-1][0]
    return None


def in_boilerplate(doc: Doc, start: int, end: Optional[int] = None) -> bool:
    """True when the span starting at ``start`` lies in a marked region."""
    for s, e in doc._.boilerplate or ():
        if s <= start < e:
            return True
        if s > start:
            break
    return False


@Language.component("newskit_boilerplate")
def boilerplate_component(doc: Doc) -> Doc:
    doc._.boilerplate = find_boilerplate(doc.text)
    return doc
