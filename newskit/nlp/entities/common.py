"""Shared pieces of the entity step: word lists, vote weights, the candidate mention, line kinds, offsets.

``_Lex`` holds ``models/entities/lexicon.json``, the given names and titles, and
the names accepted on ALL CAPS lines (countries, world regions and big cities
from :mod:`.places`, demonyms). Limits: the line kinds are guesses from case
and position (a Title Case sentence at the top reads as a headline).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from types import SimpleNamespace
from typing import Dict, List, Optional, Tuple

from spacy.strings import hash_string

from newskit.nlp import document
from newskit.nlp.resources import load_json, load_lines, per_models

KEEP = {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}
_NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC"}
_SEP_TEXT = {"(", ")", "[", "]", "{", "}", ",", ";", ":", "/", "|", "\"", "“", "”", "«", "»", "‘", "'", "’", "*", "•", "·"}
_DASHES = {"-", "–", "—", "--"}
_POSS = {"'s", "’s", "'", "’"}
_TRAIL_CHARS = ".,;:!?'\"’”‘“)(*"



@per_models
def weights() -> SimpleNamespace:
    """What a mention's own label weighs (``models/entities/vote.json`` ``mention``), per data folder.

    Read through the data folder in force, so a saved pipeline's own copy of the data is used.
    """
    return SimpleNamespace(**load_json("en/entities/vote.json")["mention"])


class _Lex:
    """The word lists, loaded once."""

    def __init__(self):
        data = load_json("en/entities/lexicon.json")
        low = lambda xs: frozenset(x.lower() for x in xs)  # noqa: E731
        self.dets = low(data["determiners"])
        self.particles = low(data["name_particles"])
        self.abbrevs = low(data["abbreviations"])
        dates = load_json("en/document/calendar.json")  # month and day names: one list, shared
        self.months = frozenset(dates["months"]) | {w for w in dates["weekdays"] if w.endswith("day")}
        self.zones = frozenset(dates["time_zones"])
        self.split_words = low(data["split_words"])
        self.org_heads = low(data["org_heads"])
        self.org_tails = low(data["org_tails"])
        self.org_suffixes = low(data["org_suffixes"])
        self.short_name_tails = low(data["short_name_tails"])
        self.person_after = low(data["person_heads_after"])
        self.place_tails = low(data["place_tails"])
        self.place_of_tails = low(data["place_of_tails"])
        self.not_names = low(data["not_names"])
        self.compound_tails = low(data["compound_tails"])
        self.role_tails = low(data["role_tails"])
        self.post_nominals = frozenset(data["post_nominals"])
        self.camel_prefixes = low(data["camel_name_prefixes"])
        self.demonyms = {_key(d): d for d in data["demonyms"]}
        self.demonym_ids = frozenset(hash_string(d.lower()) for d in data["demonyms"] if " " not in d)
        self.alias_of: Dict[str, str] = {}
        for group in data["aliases"]:
            canon = _key(group[0])
            for a in group:
                self.alias_of[_key(a)] = canon
        from .places import places

        self.places = frozenset(places().headline_names())
        self.given = frozenset(load_lines("en/entities/given_names.txt"))
        titles = [t.lower() for t in load_lines("en/document/titles.txt")]
        self.titles = frozenset(titles)
        self.title_len = max(len(t.split()) for t in titles)
        self.title_last = frozenset(t.split()[-1] for t in titles)
        self.dateline = document.dateline_patterns()["dateline"]
        self.table_rows = [re.compile(r, re.M) for r in data["table_rows"]]
        # lists used to find names on ALL CAPS / Title Case lines
        self.gaz_label = {k: "GPE" for k in self.places}
        self.gaz_label.update((k, "NORP") for k in self.demonyms)
        self.gaz_len = max(len(k.split()) for k in self.gaz_label)

    _WORD = re.compile(r"[\w’'.&-]+")

    def gaz_matches(self, text: str, lo: int, hi: int):
        """Known places and demonyms in ``text[lo:hi]``, longest first: ``(start, end, label)``."""
        words = []
        for mt in self._WORD.finditer(text, lo, hi):
            s, e = mt.span()
            if text[e - 1] == "." and "." not in text[s:e - 1]:
                e -= 1  # "LONDON." ends a sentence; "U.S." keeps its periods
            if e > s:
                words.append((s, e))
        i = 0
        while i < len(words):
            for n in range(min(self.gaz_len, len(words) - i), 0, -1):
                s, e = words[i][0], words[i + n - 1][1]
                if text[s:e].count(" ") != n - 1 or "\n" in text[s:e]:
                    continue
                lab = self.gaz_label.get(_key(text[s:e]))
                if lab:
                    yield s, e, lab
                    i += n - 1
                    break
            i += 1


@per_models
def _lex() -> _Lex:
    return _Lex()


_KEY_THE = re.compile(r"^the\s+", re.I)
_KEY_WS = re.compile(r"\s+")


@lru_cache(maxsize=1 << 16)
def _key(s: str) -> str:
    """Normalised name used for grouping: lower case, no 'the', no periods (memoised: names repeat)."""
    s = s.replace("’", "'").lower()
    s = _KEY_THE.sub("", s)
    s = s.replace(".", "").replace(" - ", "-")
    return _KEY_WS.sub(" ", s).strip()


class _M:
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
        return f"_M({self.s},{self.e},{self.label},{self.w},{self.src})"


class _Lines:
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


def _capitalised(t: str) -> bool:
    return t[:1].isupper() or (t[:1].isdigit() and any(c.isalpha() for c in t))


def _dedupe(ms: List[_M]) -> List[_M]:
    """Sort, and drop mentions overlapping an earlier kept (longer or first) one.

    Of two mentions of the same span the heavier one stays, or the dateline's: it knows it is a dateline."""
    ms = sorted(ms, key=lambda m: (m.s, -(m.e - m.s)))
    out: List[_M] = []
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


def _occurrences(hay: str, needle: str, lo: int = 0, hi: Optional[int] = None):
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
