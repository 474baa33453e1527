"""The shared document context: what every newskit component asks of a Doc.

Job: one definition of the per-article facts the components share, each
computed once per Doc and kept beside it (:func:`newskit.nlp.results.derived`):

* :func:`text` – the article text (spaCy rebuilds ``doc.text`` from the tokens
  on every access; :func:`keep_text` records the text a Doc was made from);
* :func:`regions`, :func:`in_furniture`, :func:`content_before` – the site-furniture regions the boilerplate
  component marked (``doc._.boilerplate``) and questions about an offset;
* :func:`mentions`, :func:`entities_over`, :func:`entity_at` – the entities with a mention
  overlapping a stretch of text (``doc._.nk_entities`` and a span index built from it);
* :func:`line_starts` – where the text's lines (paragraphs) start;
* :func:`dateline_end` – where a paragraph's opening dateline ("OTTAWA — ")
  ends.

The results themselves (``doc._.published``, ``doc._.boilerplate``,
``doc._.nk_entities``, ...) and their typed views are :mod:`newskit.nlp.results`.

Limits: the caches live in :func:`newskit.nlp.results.derived` (never serialised);
they assume a component that changes ``doc._.boilerplate`` calls :func:`forget`
(the boilerplate and entities components do); it holds no analysis of its own.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from typing import List, Optional

from spacy.tokens import Doc

from .results import derived, entities

_TEXT, _REGIONS, _LINES, _MENTIONS = "text", "regions", "lines", "mentions"


def text(doc: Doc) -> str:
    """``doc.text``, built once per Doc (checked against the Doc's length before reuse)."""
    memo = derived(doc)
    cached = memo.get(_TEXT)
    n = len(doc)
    if type(cached) is tuple and cached[0] == n:
        return cached[1]  # tokens unchanged: no check needed
    t = cached if isinstance(cached, str) and _fits(doc, cached) else doc.text
    memo[_TEXT] = (n, t)
    return t


def keep_text(doc: Doc, t: str) -> None:
    """Remember ``t``, the text ``doc`` was tokenised from (spaCy's tokenizer keeps text exactly);
    :func:`text` checks its length against the Doc once before using it."""
    derived(doc)[_TEXT] = t


def _fits(doc: Doc, t: str) -> bool:
    """True when ``t`` (kept before the parse) is as long as this Doc's text."""
    return len(doc) > 0 and doc[-1].idx + len(doc[-1].text_with_ws) == len(t)


def forget(doc: Doc) -> None:
    """Drop the cached furniture regions (after ``doc._.boilerplate`` was set)."""
    derived(doc).pop(_REGIONS, None)


def regions(doc: Doc) -> list:
    """The furniture regions ``(start, end, kind)``, sorted, read once per Doc."""
    memo = derived(doc)
    r = memo.get(_REGIONS)
    if r is None:
        r = memo[_REGIONS] = [(g["start"], g["end"], g["kind"]) for g in doc._.boilerplate or ()]
    return r


def in_furniture(doc: Doc, pos: int) -> bool:
    """True when offset ``pos`` lies in a marked furniture region."""
    r = regions(doc)
    if not r:
        return False
    i = bisect_right(r, (pos, float("inf"))) - 1
    return i >= 0 and r[i][0] <= pos < r[i][1]


def content_before(doc: Doc, start: int, end: int) -> int:
    """``end``, or where the first region starting inside ``(start, end)`` begins."""
    r = regions(doc)
    if not r:
        return end
    i = bisect_right(r, (start, float("inf")))
    if i < len(r) and r[i][0] < end:
        return r[i][0]
    return end


def overlapping(index, start: int, end: int):
    """Items ``(s, e, key)`` of a start-sorted list of non-overlapping spans that overlap [start, end)."""
    i = bisect_right(index, (start, float("inf"), 0)) - 1
    # only the span starting at/before ``start`` and those after it can overlap
    for j in range(max(i, 0), len(index)):
        s, e, k = index[j]
        if s >= end:
            break
        if start < e:
            yield s, e, k


def _mention_index(doc: Doc) -> list:
    """Sorted ``(start, end, entity index)`` of every entity mention, built once per entity list."""
    ents = entities(doc)
    memo = derived(doc)
    hit = memo.get(_MENTIONS)
    if hit is not None and hit[0] is ents:
        return hit[1]
    index = sorted((m.start, m.end, k) for k, ent in enumerate(ents) for m in ent.mentions)
    memo[_MENTIONS] = (ents, index)
    return index


def mentions(doc: Doc) -> list:
    """Every entity mention as ``(start, end, entity)``, in text order."""
    ents = entities(doc)
    return [(s, e, ents[k]) for s, e, k in _mention_index(doc)]


def entities_over(doc: Doc, start: int, end: int) -> list:
    """The entities with a mention overlapping ``[start, end)``, one per mention, in text order."""
    ents = entities(doc)
    return [ents[k] for _, _, k in overlapping(_mention_index(doc), start, end)]


def entity_at(doc: Doc, start: int, end: int, prefer: Optional[str] = None):
    """The entity with a mention overlapping ``[start, end)``, if any.

    The first such mention wins; with ``prefer`` (a label), the first mention
    of an entity with that label, else the last mention."""
    found = entities_over(doc, start, end)
    if not found:
        return None
    if prefer is None:
        return found[0]
    return next((e for e in found if e.label == prefer), found[-1])


def line_starts(doc: Doc) -> List[int]:
    """Start offsets of the text's lines (split at "\\n" only), built once per Doc."""
    t = text(doc)
    memo = derived(doc)
    cached = memo.get(_LINES)
    if cached is not None and cached[0] is t:
        return cached[1]
    starts, pos = [0], t.find("\n")
    while pos >= 0:
        starts.append(pos + 1)
        pos = t.find("\n", pos + 1)
    memo[_LINES] = (t, starts)
    return starts


def dateline_end(txt: str, start: int, end: int, pattern: "re.Pattern[str]") -> Optional[int]:
    """Where a dateline opening the paragraph at ``start`` ("OTTAWA — ") ends, or None
    (``pattern``: the paragraph dateline, ``DocumentData.paragraph_dateline``)."""
    if start and txt[start - 1] != "\n":
        return None
    m = pattern.match(txt, start, end)
    return m.end() if m else None
