"""Credits: photo, wire and video credits, bylines and author notes.

``credit_spans(text, data)`` finds, with the patterns of ``models/en/people/people.json``
(``credits``), the credited names ("Photo: Ana Ruiz/Harbour Press", "(Ana
Ruiz/Reuters)", "By Ana Ruiz", "With files from Ana Ruiz") and the agencies
beside them. ``mark_credits`` then gives ``role: "credit"`` to the entities all of
whose mentions lie in credits: a credited person (an entity the earlier steps call
PERSON) is not a person the article mentions, so its label becomes ``CREDIT``; an
agency named only in credits keeps its label, or becomes ``ORG`` if it was PERSON.

Limits: only the credit shapes in the data file; a credited person who is also
named in the story is a person mentioned (the credit mention stays one of theirs).
"""
from __future__ import annotations

from typing import Callable, List, Sequence, Tuple

from newskit.records import Entity
from .data import PeopleData

__all__ = ["credit_spans", "mark_credits"]

Span = Tuple[int, int]
_EDGE = "/ .,;:()"


def _parts(text: str, s: int, e: int, is_given: Callable[[str], bool], names: set, orgs: set) -> None:
    """"Ana Ruiz/Harbour Press/Wire Images": a part that starts with a given name is a person."""
    pos = s
    for part in text[s:e].split("/"):
        a = pos + len(part) - len(part.lstrip())
        b = pos + len(part.rstrip())
        pos += len(part) + 1
        words = text[a:b].split()
        if not words:
            continue
        (names if len(words) >= 2 and is_given(words[0]) else orgs).add((a, b))


def credit_spans(text: str, data: PeopleData, is_given: Callable[[str], bool]) -> Tuple[List[Span], List[Span]]:
    """``(names, agencies)``: character spans of credited names and of the agencies in credits."""
    names: set = set()
    orgs: set = set()
    for rx in data.credits:
        for mt in rx.finditer(text):
            for g in ("name", "name2", "org", "parts"):
                if g not in rx.groupindex or not mt.group(g):
                    continue
                if g == "parts":
                    _parts(text, mt.start(g), mt.end(g), is_given, names, orgs)
                else:
                    (orgs if g == "org" else names).add((mt.start(g), mt.end(g)))
    return sorted(names), sorted(orgs)


def _inside(text: str, s: int, e: int, spans: Sequence[Span]) -> bool:
    """The mention lies in a span, give or take punctuation at its edges ("Ana Ruiz/")."""
    for a, b in spans:
        if s < b and a < e and not text[s:a].strip(_EDGE) and not text[b:e].strip(_EDGE):
            return True
    return False


def mark_credits(entities: List[Entity], text: str, data: PeopleData, is_given: Callable[[str], bool]) -> None:
    """Set ``role`` (and the label) of entities seen only in credits, in place."""
    names, orgs = credit_spans(text, data, is_given)
    if not names and not orgs:
        return
    for ent in entities:
        if not ent.mentions:
            continue
        if all(_inside(text, m.start, m.end, names) for m in ent.mentions):
            ent.role = "credit"
            if ent.label == "PERSON":
                ent.label, ent.label_source = "CREDIT", "context"
        elif all(_inside(text, m.start, m.end, orgs) for m in ent.mentions):
            ent.role = "credit"
            if ent.label == "PERSON":
                ent.label, ent.label_source = "ORG", "context"
