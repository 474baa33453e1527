"""Shared pieces of the entity step: the candidate mention, line kinds, label sets, offsets.

The language data is :class:`~newskit.nlp.entities.data.EntityData`; the numbers are
the component's config (:mod:`.config`). Limits: the line kinds are guesses from case
and position (a Title Case sentence at the top reads as a headline).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from typing import List, Optional, Tuple

__all__ = ["KEEP", "PLACE_LABELS", "NAME_LABELS", "SEP_TEXT", "DASHES", "POSS", "TRAIL_CHARS", "Mention", "Lines",
           "capitalised", "dedupe", "occurrences"]

KEEP = {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}
NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC"}
SEP_TEXT = {"(", ")", "[", "]", "{", "}", ",", ";", ":", "/", "|", "\"", "“", "”", "«", "»", "‘", "'", "’", "*", "•", "·"}
DASHES = {"-", "–", "—", "--"}
POSS = {"'s", "’s", "'", "’"}
TRAIL_CHARS = ".,;:!?'\"’”‘“)(*"


class Mention:
    """A candidate mention."""

    __slots__ = ("s", "e", "label", "w", "titles", "head", "toks", "src", "sig", "ev")

    def __init__(self, s, e, label, w, titles=None, head=False, toks=None, src="ner", sig="model"):
        self.s, self.e, self.label, self.w = s, e, label, w
        self.titles = titles or []
        self.head = head
        self.toks = toks  # (first token index, end token index) or None
        self.src = src
        self.sig = sig  # what set ``label``: "model", "context" or "gazetteer"
        self.ev: List[Tuple[str, float, str]] = []  # more evidence: (label, weight, signal)

    def relabel(self, label: str, w: float, sig: str = "context") -> None:
        """A rule sets the label: it votes with weight ``w`` (at least the current one)."""
        self.label, self.w, self.sig = label, max(self.w, w), sig

    def __repr__(self):  # pragma: no cover - debugging aid
        return f"Mention({self.s},{self.e},{self.label},{self.w},{self.src})"


class Lines:
    """Line starts and kinds: 'body', 'caps' (ALL CAPS) or 'title' (Title Case at the top)."""

    _FUNC = frozenset("a an the of in on at to for and or but from by with as vs v de is are was".split())
    _WORD = re.compile(r"[^\W\d_][\w'’.-]*")

    def __init__(self, text: str):
        self.starts: List[int] = []
        self.kinds: List[str] = []
        pos = 0
        nonempty = 0
        for raw in text.splitlines(keepends=True):
            line = raw.strip()
            kind = "body"
            if line:
                if line.upper() == line and sum(c.isalpha() for c in line[:40]) >= 2:
                    kind = "caps"
                elif nonempty < 3 and not line.endswith((".", "?", "!", "”", "\"")) or nonempty < 1:
                    words = [w for w in self._WORD.findall(line) if w.lower() not in self._FUNC]
                    if len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.85 * len(words):
                        kind = "title"
                nonempty += 1
            self.starts.append(pos)
            self.kinds.append(kind)
            pos += len(raw)
        if not self.starts:
            self.starts, self.kinds = [0], ["body"]

    def index(self, pos: int) -> int:
        return bisect_right(self.starts, pos) - 1

    def kind(self, pos: int) -> str:
        return self.kinds[self.index(pos)]

    def span(self, i: int, text: str) -> Tuple[int, int]:
        end = self.starts[i + 1] if i + 1 < len(self.starts) else len(text)
        return self.starts[i], end


def capitalised(t: str) -> bool:
    return t[:1].isupper() or (t[:1].isdigit() and any(c.isalpha() for c in t))


def dedupe(ms: List[Mention]) -> List[Mention]:
    """Sort, and drop mentions overlapping an earlier kept (longer or first) one.

    Of two mentions of the same span the heavier one stays, or the dateline's: it knows it is a dateline."""
    ms = sorted(ms, key=lambda m: (m.s, -(m.e - m.s)))
    out: List[Mention] = []
    for m in ms:
        if out and m.s < out[-1].e:
            prev = out[-1]
            if m.s == prev.s and m.e == prev.e and (m.w > prev.w or m.src == "dateline"):
                out[-1] = m
            continue
        out.append(m)
    return out


_LEFT_STOP = ".’'-"
_RIGHT_STOP = "’'-"


def occurrences(hay: str, needle: str, lo: int = 0, hi: Optional[int] = None):
    """Start offsets of ``needle`` in ``hay[lo:hi]`` as a whole word (str.find: no regex to compile)."""
    hi = len(hay) if hi is None else hi
    n = len(needle)
    i = hay.find(needle, lo, hi)
    while i >= 0:
        j = i + n
        if (i == 0 or not (hay[i - 1].isalnum() or hay[i - 1] in _LEFT_STOP)) and \
                (j >= len(hay) or not (hay[j].isalnum() or hay[j] in _RIGHT_STOP)):
            yield i
        i = hay.find(needle, i + 1, hi)
