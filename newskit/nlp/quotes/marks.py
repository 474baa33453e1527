"""Quote marks: the segments of text between paired quotation marks.

Curly, straight, ``''…''``, ‘‘…’’ and «…» double marks pair with each other; single marks
(‘…’, '…') count only for three words or more. A quote left open at a paragraph end
continues when the next paragraph opens again with a mark. Works on the raw text, no parse.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from typing import List, Tuple

__all__ = ["Segment", "find_segments", "sent_cuts", "WORD", "DOUBLE_MARK"]


_SENT_END = re.compile(r"[.!?][\"'”’)]*\s+(?=[\"“‘'(]*[A-Z0-9]|$)")


_ABBREV = re.compile(r"(?:^|[\s(-])(?:[A-Z][a-z]{0,3}|[A-Za-z](?:\.[A-Za-z])+|[A-Z])\.$")


def sent_cuts(s: str):
    """Sentence ends in ``s`` (end offsets), skipping abbreviations (Mr., Sen., U.S.)."""
    for m in _SENT_END.finditer(s):
        if s[m.start()] == "." and _ABBREV.search(s[max(0, m.start() - 8):m.start() + 1]):
            continue
        yield m


WORD = re.compile(r"\w+(?:[’'-]\w+)*")


class Segment:
    """Text between a pair of quote marks: ``[cs, ce)`` is the content."""

    __slots__ = ("os", "cs", "ce", "close", "single")

    def __init__(self, os_: int, cs: int, ce: int, close: int, single: bool) -> None:
        self.os, self.cs, self.ce, self.close, self.single = os_, cs, ce, close, single


DOUBLE_MARK = re.compile(r"''|‘‘|’’|[\"“”«»]")   # (‘‘ ’’: a double mark typed as two single ones)


def _is_open(text: str, i: int, width: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + width] if i + width < len(text) else " "
    return (before.isspace() or before in "([{—–-:;/") and not after.isspace()


def _continues(text: str, open_at: int, i: int) -> bool:
    """A quote opened at ``open_at`` may still be open at ``i``: every paragraph
    it runs into opens again with a quote mark (multi-paragraph quote)."""
    nl = text.find("\n", open_at, i)
    while nl >= 0:
        j = nl + 1
        while j < i and text[j] in " \t\r\n":
            j += 1
        if j < len(text) and j <= i and text[j] not in "“\"«" and text[j:j + 2] not in ("''", "‘‘"):
            return False
        nl = text.find("\n", j, i)
    return True


def _double_segments(text: str) -> List[Segment]:
    segs: List[Segment] = []
    open_at = -1       # offset of the pending opening mark
    open_w = 0
    kind = ""
    for m in DOUBLE_MARK.finditer(text):
        i, mark = m.start(), m.group()
        w = len(mark)
        if open_at >= 0 and not _continues(text, open_at, i):
            open_at = -1
        fam = "''" if mark == "''" else '"'   # curly, straight and angle marks pair freely
        if mark in ("“", "«", "‘‘"):
            role = "open"
        elif mark in ("”", "»", "’’"):
            # a closing mark typed where a quote opens (at a paragraph start, before a word)
            line_start = text.rfind("\n", 0, i) + 1
            role = "open" if open_at < 0 and not text[line_start:i].strip() and _is_open(text, i, w) else "close"
        else:  # straight marks: direction from the context
            if open_at >= 0 and kind == fam:
                role = "close" if not _is_open(text, i, w) or text[open_at:i].count("\n") == 0 else "open"
            else:
                role = "open" if _is_open(text, i, w) else "close"
        if role == "open":
            if open_at >= 0:
                line_start = text.rfind("\n", 0, i) + 1
                if line_start > open_at and text[line_start:i].strip() == "":
                    # multi-paragraph quote: the previous paragraph ends open and
                    # this paragraph opens again at its very start
                    continue
                # an opening mark while one is pending: restart here
            open_at, open_w, kind = i, w, fam
        else:
            if open_at < 0 or kind != fam:
                continue
            cs, ce = open_at + open_w, i
            if text[cs:ce].strip():
                segs.append(Segment(open_at, cs, ce, i + w, False))
            open_at = -1
    return segs


_SQ = re.compile(r"[‘’']")


def _single_segments(text: str, taken: List[Tuple[int, int]]) -> List[Segment]:
    """Single-quoted segments of three words or more, outside double quotes."""
    segs: List[Segment] = []
    open_at, kind = -1, ""
    starts = [a for a, _ in taken]
    for m in _SQ.finditer(text):
        i, mark = m.start(), m.group()
        k = bisect_right(starts, i) - 1
        if k >= 0 and taken[k][0] <= i < taken[k][1]:
            continue
        before = text[i - 1] if i > 0 else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if open_at >= 0 and "\n" in text[open_at:i]:
            open_at = -1
        can_open = (before.isspace() or before in "([{—–-:\"“") and (after.isalnum())
        can_close = not before.isspace() and not after.isalnum()
        if open_at >= 0 and can_close and (mark == "’" if kind == "‘" else mark == "'"):
            content = text[open_at + 1:i]
            if len(WORD.findall(content)) >= 3:
                segs.append(Segment(open_at, open_at + 1, i, i + 1, True))
            open_at = -1
        elif can_open and mark in "‘'":
            open_at, kind = i, mark
    return segs


def find_segments(text: str) -> List[Segment]:
    """All quote-mark segments, multi-paragraph quotes joined into one."""
    segs = _double_segments(text)
    taken = [(s.os, s.close) for s in segs]
    segs += _single_segments(text, taken)
    segs.sort(key=lambda s: s.os)
    return segs
