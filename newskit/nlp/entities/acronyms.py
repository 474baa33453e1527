"""Acronyms defined in brackets ("... Council (NSC)") or implied by a name's initials, and
the spelled-out names the tagger left unnamed ("The Parliamentary Budget Officer … the PBO").

Limits: an acronym must start with the first capital of its expansion and
stands for a name of more than one word; a spelled-out name is found only when its initials,
particles left out ("of", "and"), spell an acronym the article names, and it overlaps no
other mention.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from typing import Dict, List, Optional, Tuple

from newskit.nlp import document
from .common import Mention
from .config import MentionWeights
from .data import EntityData
from .names import name_key

__all__ = ["acro_after", "defines", "acronym_defs", "initials_of", "spelled_out"]


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


def _acronyms(text: str, mentions: List[Mention]) -> Dict[str, str]:
    """The label of each acronym (two to six capitals, dots allowed) the article names."""
    out: Dict[str, str] = {}
    for m in mentions:
        t = text[m.s:m.e].replace(".", "")
        if 2 <= len(t) <= 6 and t.isupper() and t.isalpha() and m.label != "PERSON":
            out.setdefault(t, m.label)
    return out


def spelled_out(doc, mentions: List[Mention], data: EntityData, weights: MentionWeights) -> List[Mention]:
    """"The Parliamentary Budget Officer … the PBO": a run of capitalised words (particles
    between them) that no mention covers and whose initials spell an acronym of the article is
    a mention of the acronym's thing, with its label (the grouping step joins the two)."""
    text = document.text(doc)
    acronyms = _acronyms(text, mentions)
    if not acronyms:
        return []
    covered = sorted((m.s, m.e) for m in mentions)
    starts = [c[0] for c in covered]
    longest = max(map(len, acronyms)) * 2   # (a particle may stand between any two words)
    out: List[Mention] = []
    i, n = 0, len(doc)
    while i < n:
        end = _spelled_from(doc, i, min(n, i + longest), acronyms, data)
        if end is None:
            i += 1
            continue
        s, e = doc[i].idx, doc[end - 1].idx + len(doc[end - 1])
        k = bisect_left(starts, e)
        if not any(cs < e and s < ce for cs, ce in covered[max(0, k - 8):k]):
            label = acronyms[initials_of(doc[i:end].text, data)]
            out.append(Mention(s, e, label, weights.linked, [], False, (i, end), "acro"))
        i = end
    return out


def _spelled_from(doc, i: int, stop: int, acronyms: Dict[str, str], data: EntityData) -> Optional[int]:
    """The end of the longest run of capitalised words from token ``i`` (particles between
    them, never first or last) whose initials spell one of ``acronyms``, or None."""
    def capital(t) -> bool:
        return t.is_alpha and t.text[:1].isupper() and not t.is_upper and t.lower_ not in data.particles
    if not capital(doc[i]):
        return None
    best = None
    for j in range(i + 1, stop):
        t = doc[j]
        if capital(t):
            if initials_of(doc[i:j + 1].text, data) in acronyms:
                best = j + 1
        elif t.lower_ not in data.particles or t.whitespace_ == "" and t.text != "&":
            break
    return best
