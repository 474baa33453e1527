"""Acronyms defined in brackets ("... Council (NSC)") or implied by a name's initials.

Limits: an acronym must start with the first capital of its expansion and
stands for a name of more than one word.
"""
from __future__ import annotations

import re
from typing import List, Optional, Tuple

from newskit.nlp import document
from .common import Mention
from .config import MentionWeights
from .data import EntityData
from .names import name_key

__all__ = ["acro_after", "defines", "acronym_defs", "initials_of"]


_ACRO = re.compile(r"\s*\(\s*([A-Z][A-Za-z&.]{1,9})\s*\)")


def acro_after(text: str, e: int) -> Optional[Tuple[int, int]]:
    """The span of an acronym in brackets right after offset e ("... Council (NSC)")."""
    mt = _ACRO.match(text, e, e + 16)
    if mt and (mt.group(1).isupper() or sum(c.isupper() for c in mt.group(1)) >= 2):
        return mt.start(1), mt.end(1)
    return None


def defines(text: str, m: Mention, span: Tuple[int, int], data: EntityData) -> bool:
    """Whether the bracketed word at ``span`` is an acronym of mention ``m`` (not "Jane Doe ( U.S. )")."""
    if m.label == "PERSON" or " " not in text[m.s:m.e]:
        return False  # an acronym stands for several words ("... in Rwanda (RDR)" is not Rwanda)
    acr = text[span[0]:span[1]]
    k = name_key(acr)
    if k in data.alias_of or k in data.headline_places or k in data.gaz_label:
        return False
    first = next((w for w in text[m.s:m.e].split() if w[:1].isupper()), "")
    return first[:1] == acr[:1]


def acronym_defs(doc, mentions: List[Mention], data: EntityData, weights: MentionWeights) -> List[Mention]:
    """'the National Security Council (NSC)': the acronym is a mention of the same thing."""
    text = document.text(doc)
    out = []
    for m in mentions:
        span = acro_after(text, m.e)
        if span and defines(text, m, span, data):
            out.append(Mention(span[0], span[1], m.label, weights.linked, [], m.head, None, "acro"))
    return out


def initials_of(name: str, data: EntityData) -> str:
    return "".join(w[0] for w in re.split(r"[\s-]+", name) if w and w[0].isupper() and w.lower() not in data.particles)
