"""Nesting annotations into HTML: the text cut into paragraphs, each span an element.

Every annotation is a :class:`Span` of the text; the spans' boundaries (and the paragraph
breaks) cut the text into segments, and at each segment the open elements are made to equal
the spans covering it by closing and reopening only what must change. So crossing spans are
split and everything nests; the cost is linear in the text plus the spans. All text is
escaped (:func:`esc`, :func:`attr`), with the control characters HTML forbids made visible.

Limits: the kinds of span and their nesting order are the article page's (``_RANK``); a span
outside the text is dropped.
"""
from __future__ import annotations

import re
from html import escape
from typing import Dict, List, Sequence, Tuple

from newskit.safe import visible

__all__ = ["Span", "esc", "attr", "markup_text", "paragraph_breaks"]

_NEWLINES = re.compile(r"\n(?:[^\S\n]*\n)*")
_HTML_SPACE = "\t\n\f\r"  # the only control characters allowed in HTML text
# nesting rank for spans that start and end at the same offsets (outer first)
_RANK = {"boiler": 0, "quote": 1, "speaker": 2, "cue": 2, "ent": 3, "date": 4}


def esc(text: str) -> str:
    """Text for HTML: escaped, with the control characters HTML forbids made visible."""
    return escape(visible(text, keep=_HTML_SPACE, bidi=False), quote=False)


def attr(text: str) -> str:
    return escape(visible(text, keep=_HTML_SPACE, bidi=False), quote=True)


class Span:
    """One annotation of the text: ``[start, end)``, its kind (for nesting), the element's
    class and attributes, and the labels that open and close it."""

    __slots__ = ("start", "end", "kind", "idx", "cls", "first_attrs", "attrs", "open_tag", "close_tag", "opened", "tag_el")

    def __init__(self, start: int, end: int, kind: str, idx: int, cls: str, attrs: str = "",
                 first_attrs: str = "", open_tag: str = "", close_tag: str = ""):
        self.start, self.end, self.kind, self.idx = start, end, kind, idx
        self.cls = cls
        self.attrs = attrs            # on every piece
        self.first_attrs = first_attrs  # on the first piece only (id, tabindex)
        self.open_tag = open_tag      # markup right after the first opening
        self.close_tag = close_tag    # markup right before the final closing
        self.opened = False
        self.tag_el = "mark" if kind in ("ent", "quote", "date") else "span"

    def key(self):
        return (self.start, -self.end, _RANK[self.kind], self.idx)


def paragraph_breaks(text: str) -> List[Tuple[int, int]]:
    """Regions of ``text`` that separate paragraphs (whitespace with line breaks).

    When the text has blank lines, only those separate paragraphs (single
    line breaks stay inside a paragraph); otherwise every line break does.
    Leading and trailing whitespace count as separators too.
    """
    n = len(text)
    found = []
    blank = False
    for m in _NEWLINES.finditer(text):
        s, e = m.start(), m.end()
        multi = text.count("\n", s, e) > 1
        blank = blank or multi
        found.append((s, e, multi))
    seps: List[Tuple[int, int]] = []
    lead = len(text) - len(text.lstrip())
    if lead:
        seps.append((0, lead))
    for s, e, multi in found:
        if blank and not multi:
            continue
        while s > 0 and text[s - 1] in " \t\r\f\v":
            s -= 1
        while e < n and text[e] in " \t\r\f\v":
            e += 1
        if seps and s <= seps[-1][1]:
            seps[-1] = (seps[-1][0], max(e, seps[-1][1]))
        else:
            seps.append((s, e))
    tail = len(text.rstrip())
    if tail < n and tail > 0:
        if seps and tail <= seps[-1][1]:
            seps[-1] = (min(seps[-1][0], tail), n)
        else:
            seps.append((tail, n))
    return seps


def markup_text(text: str, spans: Sequence[Span]) -> str:
    """The text as HTML paragraphs with the spans nested inside.

    Spans that cross each other or a paragraph break are closed and reopened,
    so the elements always nest; a span's first piece carries its id,
    tabindex and opening label, its last piece its closing label.
    """
    n = len(text)
    spans = [s for s in spans if 0 <= s.start < s.end <= n]
    seps = paragraph_breaks(text)
    starts, points = _segments(n, spans, seps)
    m = _Markup()
    active: List[Span] = []
    sep_i = 0
    for a, b in zip(points, points[1:]):
        if active:
            active = [s for s in active if s.end > a]
        if a in starts:
            active.extend(starts[a])
        while sep_i < len(seps) and seps[sep_i][1] <= a:
            sep_i += 1
        if sep_i < len(seps) and seps[sep_i][0] <= a:
            m.end_paragraph(seps[sep_i][1])  # a span ending inside the break is complete
            continue
        m.begin_paragraph()
        m.nest(sorted(active, key=Span.key) if len(active) > 1 else active, a)
        m.out.append(esc(text[a:b]))
    m.end_paragraph(n)
    return "".join(m.out)


def _segments(n: int, spans: Sequence[Span], seps: List[Tuple[int, int]]
              ) -> Tuple[Dict[int, List[Span]], List[int]]:
    """(spans by start offset, sorted cut points): every span and paragraph
    break boundary, plus the text's ends."""
    starts: Dict[int, List[Span]] = {}
    bounds = {0, n}
    for s in spans:
        starts.setdefault(s.start, []).append(s)
        bounds.add(s.start)
        bounds.add(s.end)
    for a, b in seps:
        bounds.add(a)
        bounds.add(b)
    return starts, sorted(bounds)


class _Markup:
    """The HTML being built by :func:`markup_text`: its pieces, the open elements, the open paragraph."""

    def __init__(self):
        self.out: List[str] = []
        self.stack: List[Span] = []
        self.in_para = False

    def nest(self, want: List[Span], pos: int) -> None:
        """Make the open elements equal ``want`` (outer first) by closing and reopening only what must change."""
        keep = 0
        while keep < len(self.stack) and keep < len(want) and self.stack[keep] is want[keep]:
            keep += 1
        self.close_to(keep, pos)
        for s in want[keep:]:
            self.open(s)

    def open(self, s: Span) -> None:
        if not s.opened:
            self.out.append(f"<{s.tag_el} class=\"{s.cls} first\"{s.attrs}{s.first_attrs}>{s.open_tag}")
            s.opened = True
        else:
            self.out.append(f"<{s.tag_el} class=\"{s.cls}\"{s.attrs}>")
        self.stack.append(s)

    def close_to(self, depth: int, pos: int) -> None:
        """Close open elements down to ``depth``; those ending by ``pos`` get their closing label."""
        while len(self.stack) > depth:
            s = self.stack.pop()
            self.out.append((s.close_tag if s.end <= pos else "") + f"</{s.tag_el}>")

    def begin_paragraph(self) -> None:
        if not self.in_para:
            self.out.append("<p>")
            self.in_para = True

    def end_paragraph(self, pos: int) -> None:
        """Close every open element (as of offset ``pos``) and the paragraph, if one is open."""
        self.close_to(0, pos)
        if self.in_para:
            self.out.append("</p>\n")
            self.in_para = False
