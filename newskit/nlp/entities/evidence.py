"""Label evidence in and around a name: titles, 'the X administration', given names, results tables, missed full names.

Limits: a given name is only one in ``models/en/entities/given_names.txt``; a
results table needs at least two lines of the same shape.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from typing import Dict, List, Tuple

from newskit.nlp import document
from .cleanup import title_before
from .common import PLACE_LABELS, POSS, Lines, Mention
from .config import MentionWeights
from .data import EntityData
from .names import name_key

__all__ = ["mark_titles", "person_context", "looks_like_person", "given_name_votes", "table_row_names", "new_people"]


def mark_titles(doc, cands: List[Mention], data: EntityData,
                weights: MentionWeights) -> List[Tuple[int, int]]:
    """Record titles standing before names; return the title regions (to drop 'State' in 'Secretary of State')."""
    regions = []
    cand_starts = {m.toks[0]: m for m in cands if m.toks}
    for m in cands:
        if not m.toks or m.label not in ("PERSON", "ORG", "GPE", "NORP", "LOC"):
            continue
        a = m.toks[0]
        lo = max(0, a - 8)
        start, titles = title_before(doc, a, data, lo)
        if not titles:
            continue
        # only a capitalised title, or any title before a PERSON, makes a person
        cap = doc[start].text[:1].isupper() or doc[start].text.lower().endswith(".")
        if m.label != "PERSON" and not cap:
            continue
        if m.label != "PERSON" and (doc[start].text.lower() in data.org_heads):
            continue
        # a name already inside another candidate ('Bank of X') is not titled
        if start in cand_starts and cand_starts[start] is not m and cand_starts[start].e > m.s:
            continue
        # "Major League Baseball": a title makes a person of one word or of a person-like name only
        if m.label != "PERSON" and m.toks[1] - m.toks[0] > 1 and \
                not looks_like_person(document.text(doc)[m.s:m.e].split(), data):
            continue
        m.titles = titles + m.titles
        m.relabel("PERSON", weights.title)
        regions.append((doc[start].idx, doc[a].idx))
    return regions


def person_context(doc, cands: List[Mention], data: EntityData, weights: MentionWeights) -> None:
    """'the X administration': a single name before such a word is a person."""
    for m in cands:
        if not m.toks or m.head:
            continue
        a, b = m.toks
        if b - a != 1 or m.label == "PERSON":
            continue
        k = name_key(doc[a].text)
        if k in data.headline_places or k in data.demonyms or k in data.alias_of:
            continue
        nxt = b
        if nxt < len(doc) and doc[nxt].text in POSS:
            nxt += 1
        if nxt < len(doc) and doc[nxt].text.lower() in data.person_after and doc[nxt].text.islower():
            m.relabel("PERSON", weights.title)


_INITIAL = re.compile(r"^[A-Z]\.$")
_PERSON_PAIR = re.compile(r"(?<![\w.’'-])([A-Z][a-z]+|[A-Z]\.)[ ]((?:[A-Z]\.[ ]?)?(?:Mc|Mac|O'|De|Van |van |de |von )?[A-Z][a-z][\w'’-]*[a-z])(?![\w’'-])")


def looks_like_person(words: List[str], data: EntityData) -> bool:
    """'Ingrid Vasquez', 'T. Okonkwo': a given name (or an initial) then a capitalised surname."""
    if len(words) < 2 or len(words) > 4:
        return False
    first, last = words[0], words[-1]
    if not (first in data.given or first.capitalize() in data.given and first.isupper() or _INITIAL.match(first)):
        return False
    if not last[:1].isupper() or last.lower() in data.place_tails or \
            any(w.lower() in data.org_heads or w.lower() in data.org_suffixes or w.lower() in data.org_tails for w in words):
        return False
    name = " ".join(words)
    k = name_key(name)
    # "Nova Scotia", "Santa Clara": a given name opens many a place's name
    return k not in data.headline_places and k not in data.alias_of and data.places.kind_of(name) is None


def given_name_votes(doc, cands: List[Mention], data: EntityData, weights: MentionWeights) -> None:
    text = document.text(doc)
    # one-word names this article itself uses as places ("Charlotte" the city)
    other: Dict[str, float] = defaultdict(float)
    for m in cands:
        w = text[m.s:m.e]
        if " " not in w:
            other[w] += m.w if m.label in PLACE_LABELS else -m.w
    for m in cands:
        if m.label == "PERSON" or m.s >= m.e:
            continue
        words = text[m.s:m.e].split()
        if other.get(words[0], 0) > 0:
            continue
        if looks_like_person(words, data):
            m.relabel("PERSON", weights.title)


def table_row_names(doc, cands: List[Mention], data: EntityData,
                    weights: MentionWeights) -> List[Mention]:
    """Results and standings tables: the name before the numbers is a team (or a competitor)."""
    text = document.text(doc)
    found = []
    for rx in data.table_rows:
        for mt in rx.finditer(text):
            for g in ("a", "b"):
                if g in rx.groupindex and mt.group(g):
                    found.append((mt.start(g), mt.end(g)))
    if len({text.count("\n", 0, s) for s, _ in found}) < 2:
        return cands
    found.sort()
    by_span = {(m.s, m.e): m for m in cands}
    drop = set()
    add = []
    starts = sorted((m.s, m.e, id(m)) for m in cands)
    for s, e in found:
        if document.in_furniture(doc, s):
            continue
        words = text[s:e].split()
        label = "PERSON" if looks_like_person(words, data) else "ORG"
        m = by_span.get((s, e))
        if m is not None:
            m.label, m.w, m.sig = label, weights.table, "context"
            continue
        span = doc.char_span(s, e)
        if span is None:
            continue
        drop.update(cid for _, _, cid in document.overlapping(starts, s, e))
        add.append(Mention(s, e, label, weights.table, [], False, (span.start, span.end), "table", "context"))
    return [m for m in cands if id(m) not in drop] + add


def new_people(doc, lines: Lines, cands: List[Mention], title_regions, data: EntityData,
               weights: MentionWeights) -> List[Mention]:
    """Names the parser missed entirely: 'Ingrid Vasquez', 'T. Okonkwo' in body lines."""
    text = document.text(doc)
    taken = sorted([(m.s, m.e) for m in cands] + list(title_regions))
    out = []
    for mt in _PERSON_PAIR.finditer(text):
        s, e = mt.start(), mt.end()
        if lines.kind(s) != "body" or "\n" in text[s:e]:
            continue
        i = bisect_right(taken, (s, float("inf"))) - 1
        if any(0 <= j < len(taken) and taken[j][0] < e and s < taken[j][1] for j in (i, i + 1)):
            continue
        words = text[s:e].split()
        if not looks_like_person(words, data) or document.in_furniture(doc, s):
            continue
        # not the start of a longer capitalised run ("Ingrid Vasquez Trophy")
        nxt = text[e:e + 2]
        if len(nxt) == 2 and nxt[0] == " " and nxt[1].isupper():
            continue
        if s >= 2 and text[s - 1] == " " and text[s - 2].isalpha() and text[s - 2] != text[s - 2].lower():
            prev = text[:s - 1].rsplit(None, 1)[-1] if text[:s - 1].strip() else ""
            if prev[:1].isupper() and prev.lower() not in data.titles:
                continue
        span = doc.char_span(s, e)
        if span is None:
            continue
        out.append(Mention(s, e, "PERSON", weights.body, [], False, (span.start, span.end), "given", "context"))
    return out
