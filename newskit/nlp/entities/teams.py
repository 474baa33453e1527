"""Sports reports: a town, a county or a club the parser calls a place is a team where it plays.

An article is a sports report when it holds at least ``sport_min_cues``
(the component's config) sports words (``sport_words`` in
``models/en/entities/evidence.json``) or scores ("2-1"), of ``sport_min_kinds``
kinds at least (a municipal story that mentions hockey three times is none).
There, a name that is no country, and that the gazetteer knows as a town,
county or region or that the parser calls a place, votes ORG ("team") where it
plays:

* before a score or next to "v" ("Westport 3 Harbourside 1", "Westport v Tarrant");
* as the subject or the object of a verb ("Westport won", "they beat Westport");
* after "for", "over", "against", "behind" ("a win over Westport");
* before a possessive ("Westport's Ana Ruiz", "Westport's lead").

After "in", "at" or "near", in a dateline and on headline lines (other than
next to a score) it casts no vote. A capitalised plural after "the" that the
parser calls a person or a place ("the Harbour Hawks", "the Pirates") is a team
anywhere in a sports report.

Limits: national teams keep the country's label, as news usage has it ("Brazil
beat Chile"); a town that is the grammatical subject of a sentence about the
place itself in a sports report ("Westport hosted the final") reads as a team.
"""
from __future__ import annotations

import re
from typing import List, Optional

from spacy.attrs import LOWER

from .common import POSS, Mention
from .config import EntitiesConfig
from .data import EntityData

__all__ = ["is_sports_report", "team_signal"]

_SCORE = re.compile(r"(?<![\d-])\d{1,3}-\d{1,3}(?![\d-])")
# a score or a run total after the name, past an optional "(Italy)"
_SCORE_AFTER = re.compile(r"[ \t]+(?:\([^()\n]{1,24}\)[ \t]*)?\d{1,3}(?:[-/]\d{1,3})?(?![\d/.,:-]?\d)")
_PLAYS_AS = ("nsubj", "nsubjpass", "dobj", "dative")


def is_sports_report(doc, text: str, data: EntityData, cfg: EntitiesConfig) -> bool:
    """Whether the article reads as a sports report (enough sports words and scores, of enough kinds)."""
    need, need_kinds = cfg.sport_min_cues, cfg.sport_min_kinds
    strings = doc.vocab.strings
    wanted = {strings.add(w) for w in data.evidence["sport_words"]}
    hits = [h for h in doc.to_array(LOWER).tolist() if h in wanted]
    n_scores = len(_SCORE.findall(text))
    kinds = len(set(hits)) + (n_scores > 0)
    return len(hits) + n_scores >= need and kinds >= need_kinds


def team_signal(doc, span, m: Mention, kind: Optional[str], text: str, data: EntityData) -> List[str]:
    """``["team"]`` when the mention plays in a sports report, else ``[]``."""
    if m.src == "dateline" or m.label == "NORP" or kind == "country":
        return []
    if kind is None and m.label not in ("GPE", "LOC", "FAC"):
        return ["team"] if _plural_after_the(doc, span, m) else []
    preps = data.evidence["team_preps"]
    if _SCORE_AFTER.match(text, m.e) or _next_to_versus(doc, span, preps):
        return ["team"]
    if m.head or _located(span):
        return []
    root = span.root
    if root.dep_ in _PLAYS_AS and root.head.pos_ in ("VERB", "AUX") and root.head.lemma_ != "be":
        return ["team"]
    if root.dep_ == "pobj" and root.head.lower_ in preps:
        return ["team"]
    if span.end < len(doc) and doc[span.end].text in POSS:
        return ["team"]
    return []


def _next_to_versus(doc, span, preps) -> bool:
    versus = {p for p in preps if p.startswith("v")}
    before = doc[span.start - 1].lower_ if span.start else ""
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    return before in versus or after in versus


def _located(span) -> bool:
    """After "in", "at", "near" (directly or through an apposition or a list): the place itself."""
    tok = span.root
    for _ in range(4):
        if tok.dep_ == "pobj":
            return tok.head.lower_ in ("in", "at", "near", "outside")
        if tok.dep_ not in ("appos", "conj", "compound") or tok.head is tok:
            return False
        tok = tok.head
    return False


def _plural_after_the(doc, span, m: Mention) -> bool:
    """"the Pirates", "the Harbour Hawks": a capitalised plural the parser took for a person or a place."""
    last = doc[span.end - 1].text
    return (m.label in ("PERSON", "GPE", "LOC", "FAC") and span.start > 0 and doc[span.start - 1].lower_ == "the"
            and len(last) > 3 and last[0].isupper() and last.endswith("s") and not last.endswith("ss"))
