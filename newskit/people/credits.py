"""Credits: photo, wire and video credits, bylines and author notes.

``credit_spans(text, data)`` finds, with the patterns of ``models/people.json``
(``credits``), the credited names ("Photo: Ana Ruiz/Harbour Press", "(Ana
Ruiz/Reuters)", "By Ana Ruiz", "With files from Ana Ruiz") and the agencies
beside them. ``mark_credits`` then gives ``role: "credit"`` to every entity all
of whose mentions lie in credits: a credited person is not a person the article
mentions, so its label becomes ``CREDIT``; an agency named only in credits is an
organisation (``ORG``).

Limits: only the credit shapes in the data file; a credited person who is also
named in the story is a person mentioned (the credit mention stays one of theirs).
"""
from __future__ import annotations

from typing import List, Sequence, Tuple

from ..records import Entity
from .data import PeopleData

Span = Tuple[int, int]


def credit_spans(text: str, data: PeopleData) -> Tuple[List[Span], List[Span]]:
    """``(names, agencies)``: character spans of credited names and of the agencies in credits."""
    names, orgs = set(), set()
    for rx in data.credits:
        for mt in rx.finditer(text):
            for g in ("name", "name2", "org"):
                if g in rx.groupindex and mt.group(g):
                    (orgs if g == "org" else names).add((mt.start(g), mt.end(g)))
    return sorted(names), sorted(orgs)


def _inside(s: int, e: int, spans: Sequence[Span]) -> bool:
    return any(a <= s and e <= b for a, b in spans)


def mark_credits(entities: List[Entity], text: str, data: PeopleData) -> None:
    """Set ``role`` (and the label) of entities seen only in credits, in place."""
    names, orgs = credit_spans(text, data)
    if not names and not orgs:
        return
    for ent in entities:
        if not ent.mentions:
            continue
        if all(_inside(m.start, m.end, names) for m in ent.mentions) and ent.label in ("PERSON", "ORG", "GPE", "NORP"):
            ent.role, ent.label, ent.label_source = "credit", "CREDIT", "context"
        elif all(_inside(m.start, m.end, orgs) for m in ent.mentions):
            ent.role = "credit"
            if ent.label == "PERSON":
                ent.label, ent.label_source = "ORG", "context"
