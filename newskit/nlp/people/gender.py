"""The gender the text presents for a person: ``gender`` and ``gender_source`` of a PERSON entity.

Evidence, strongest kind first: the he/she the quote resolver links to the person as a
quote's speaker, and a he/she in the narration whose sentence (or the one before) names
that one person as its subject (``pronoun``); an honorific before the name (``honorific``:
Ms, Mrs, Mr, Sir, Dame); a gendered role noun beside the name or among its titles
(``role``: "Ana Ruiz, a mother of two", "actress Ana Ruiz", "his wife, Ana Ruiz"); the given name of a name with two words or more
(``given_name``, from gender-guesser; its "mostly_" and "andy" answers are no answer).
A family name alone never gives a gender. The strongest kind that has any evidence
decides by majority; a tie there gives null.

This is the gender the article's words present, for counting voices; it says nothing
about a person's identity. Limits: pronouns are the resolver's speaker links and the
one-person-in-the-sentence rule (no full coreference), so a family name shared by two
people grouped as one can carry the other's pronouns; role nouns only beside a mention
of the name or among its titles.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Dict, List, Optional, Sequence, Tuple

from spacy.tokens import Doc

from newskit.records import Entity, Quote
from .data import GENDERS, PeopleData
from .evidence import beside_nouns, mention_spans

__all__ = ["KINDS", "decide", "narrated_pronouns", "assign_gender"]

KINDS = ("pronoun", "honorific", "role", "given_name")   # strongest first


def _votes(doc: Doc, ent: Entity, data: PeopleData, pronouns: List[str]) -> Dict[str, List[str]]:
    """kind -> the genders each piece of evidence of that kind presents."""
    out: Dict[str, List[str]] = {k: [] for k in KINDS}
    out["pronoun"] = list(pronouns)
    spans = mention_spans(doc, ent)[:20]
    out["honorific"] = [g for g in (data.gender_of(data.honorifics, t) for t in ent.titles) if g]
    # a role among the titles: "actress Ana Ruiz", "Deputy Chairwoman Ana Ruiz"
    out["role"] = [g for g in (data.gender_of(data.role_nouns, t.split()[-1]) for t in ent.titles if t.split()) if g]
    for span in spans:
        if span.start > 0:
            g = data.gender_of(data.honorifics, span.doc[span.start - 1].text)
            if g and not ent.titles:
                out["honorific"].append(g)
        for noun in beside_nouns(span):
            g = data.gender_of(data.role_nouns, noun.text) or data.gender_of(data.role_nouns, noun.lemma_)
            if g:
                out["role"].append(g)
    forms = sorted({m.text for m in ent.mentions} | {ent.name}, key=lambda t: (-len(t.split()), t))
    full = [f.split() for f in forms if len(f.split()) >= 2]
    if full:
        g = {"f": "female", "m": "male"}.get(data.given_names.gender(full[0][0]), "")
        if g:
            out["given_name"].append(g)
    return out


def decide(votes: Dict[str, List[str]]) -> Tuple[Optional[str], Optional[str]]:
    """``(gender, source)``: the strongest kind with evidence, by majority; a tie is no answer."""
    for kind in KINDS:
        v = votes.get(kind) or []
        if not v:
            continue
        f, m = v.count("female"), v.count("male")
        if f == m:
            return None, None
        return (GENDERS[0] if f > m else GENDERS[1]), kind
    return None, None


def narrated_pronouns(doc: Doc, entities: Sequence[Entity], quotes: Sequence[Quote],
                      data: PeopleData) -> Dict[str, Dict[int, str]]:
    """he/she as a subject in the narration (outside quotes, and not a quote's speaker, which the
    resolver answered): the one person named, as a subject, in its sentence before it; when nobody
    is named there, the one person named as a subject in the sentence before.
    Returns entity id -> {pronoun offset: gender}."""
    quoted = sorted((q.start, q.end) for q in quotes if q.kind != "indirect")
    starts = [s for s, _ in quoted]

    def in_quote(pos: int) -> bool:
        i = bisect_right(starts, pos) - 1
        return i >= 0 and quoted[i][0] <= pos < quoted[i][1]

    people = sorted((m.start, ent.id) for ent in entities if ent.label == "PERSON" for m in ent.mentions)
    people_starts = [p for p, _ in people]
    speakers = {q.speaker.start for q in quotes if q.speaker is not None}   # the resolver's own answers
    out: Dict[str, Dict[int, str]] = {}

    def only_person(lo: int, hi: int):
        """The one person named in [lo, hi) outside quotes, as a subject at least once; '' when
        nobody is named there; None when several people are (or the one is never a subject)."""
        a, b = bisect_left(people_starts, lo), bisect_left(people_starts, hi)
        named = [(pos, eid) for pos, eid in people[a:b] if not in_quote(pos)]
        if not named:
            return ""
        ids = {eid for _, eid in named}
        return ids.pop() if len(ids) == 1 and any(_subject(doc, pos) for pos, _ in named) else None

    sents = list(doc.sents)
    for k, sent in enumerate(sents):
        for tok in sent:
            if tok.pos_ != "PRON" or tok.idx in speakers or in_quote(tok.idx):
                continue
            g = data.gender_of(data.pronouns, tok.text)
            if not g:
                continue
            # this sentence first (Lappin and Leass: the nearest subject), else the one before
            eid = only_person(sent.start_char, tok.idx)
            if eid == "" and k:
                eid = only_person(sents[k - 1].start_char, sent.start_char)
            if eid:
                out.setdefault(eid, {})[tok.idx] = g
    return out


def _subject(doc: Doc, pos: int) -> bool:
    """The mention starting at ``pos`` is the subject of its clause (the antecedent a he/she prefers)."""
    span = doc.char_span(pos, pos + 1, alignment_mode="expand")
    if span is None:
        return False
    tok = span[0]
    while tok.dep_ == "compound" and tok.head.i > tok.i:
        tok = tok.head
    if tok.dep_ == "appos":   # "His lawyer, Ana Ruiz, said …": the name stands for the subject
        tok = tok.head
    return tok.dep_ in ("nsubj", "nsubjpass")


def assign_gender(doc: Doc, entities: Sequence[Entity], data: PeopleData, pronouns: Dict[str, List[str]]) -> None:
    """Set ``gender`` and ``gender_source`` on every PERSON entity, in place."""
    for ent in entities:
        if ent.label != "PERSON":
            continue
        ent.gender, ent.gender_source = decide(_votes(doc, ent, data, pronouns.get(ent.id, [])))
