"""Entities: spaCy's named entities, cleaned and grouped per article.

Baseline version: trims edge punctuation and possessives, groups mentions by
lower-cased name and person surnames to full names. Mentions in boilerplate
regions are dropped. Output: ``doc._.nk_entities`` (list of
:class:`~newskit.records.Entity`, ids E1.. in order of first mention).
"""
from __future__ import annotations

from typing import Dict, List, Optional

from spacy.language import Language
from spacy.tokens import Doc

from .boilerplate import in_boilerplate
from .records import Entity, TextSpan

if not Doc.has_extension("nk_entities"):
    Doc.set_extension("nk_entities", default=None)

KEEP = {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"}
_TRAIL = ".,;:!?'\"’”)"


def _clean(text: str, start: int, end: int):
    while end > start and text[end - 1] in _TRAIL + " ":
        end -= 1
    for poss in ("’s", "'s"):
        if text[start:end].endswith(poss):
            end -= 2
    return start, end


def find_entities(doc: Doc) -> List[Entity]:
    text = doc.text
    groups: Dict[str, dict] = {}
    order: List[str] = []
    for ent in doc.ents:
        if ent.label_ not in KEEP or in_boilerplate(doc, ent.start_char):
            continue
        s, e = _clean(text, ent.start_char, ent.end_char)
        if e <= s:
            continue
        name = text[s:e]
        key = name.lower()
        if key not in groups:
            groups[key] = {"name": name, "labels": [], "mentions": []}
            order.append(key)
        groups[key]["labels"].append(ent.label_)
        groups[key]["mentions"].append(TextSpan(text=name, start=s, end=e))
    # surnames to full person names
    persons = [k for k in order if "PERSON" in groups[k]["labels"] and " " in k]
    for key in list(order):
        if " " in key or key not in groups:
            continue
        full = [p for p in persons if p.split()[-1] == key]
        if len(full) == 1:
            target = groups[full[0]]
            target["labels"] += groups[key]["labels"]
            target["mentions"] += groups[key]["mentions"]
            del groups[key]
            order.remove(key)
    out = []
    for key in sorted(order, key=lambda k: min(m.start for m in groups[k]["mentions"])):
        g = groups[key]
        labels = g["labels"]
        label = max(sorted(set(labels)), key=labels.count)
        mentions = sorted(g["mentions"], key=lambda m: m.start)
        out.append(Entity(id=f"E{len(out) + 1}", name=g["name"], label=label, mentions=mentions,
                          count=len(mentions), first=mentions[0].start))
    return out


def entity_at(doc: Doc, start: int, end: int) -> Optional[Entity]:
    """The entity with a mention overlapping ``[start, end)``, if any."""
    for ent in doc._.nk_entities or ():
        for m in ent.mentions:
            if m.start < end and start < m.end:
                return ent
    return None


@Language.component("newskit_entities")
def entities_component(doc: Doc) -> Doc:
    doc._.nk_entities = find_entities(doc)
    return doc
