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
    prefixes = {a[:k] for a in acronyms for k in range(1, len(a) + 1)}
    covered = sorted((m.s, m.e) for m in mentions)
    starts = [c[0] for c in covered]
    out: List[Mention] = []
    firsts = {a[0] for a in acronyms}
    after = 0   # tokens before this one are in a name found already
    # (only a word that starts like an acronym can start its spelled-out name)
    for i in [i for i, word in enumerate(t.text for t in doc) if word[:1] in firsts]:
        found = _spelled_from(doc, i, prefixes, acronyms, data) if i >= after else None
        if found is None:
            continue
        end, label = found
        s, e = doc[i].idx, doc[end - 1].idx + len(doc[end - 1])
        near = bisect_left(starts, e)
        if not any(cs < e and s < ce for cs, ce in covered[max(0, near - 8):near]):
            out.append(Mention(s, e, label, weights.linked, [], False, (i, end), "acro"))
        after = end
    return out


def _capital(tok, data: EntityData) -> bool:
    """A capitalised word of a name (not all capitals, not a particle such as "of")."""
    return tok.is_alpha and tok.text[:1].isupper() and not tok.is_upper and tok.lower_ not in data.particles


def _spelled_from(doc, i: int, prefixes, acronyms: Dict[str, str], data: EntityData) -> Optional[Tuple[int, str]]:
    """(end, label) of the longest run of capitalised words from token ``i`` (particles
    between them, never first or last) whose initials spell one of ``acronyms``, or None.
    The initials are built word by word and the run stops as soon as they begin no acronym
    (``prefixes``), so each token costs a few steps."""
    if not _capital(doc[i], data) or doc[i].text[0] not in prefixes:
        return None
    initials, best = doc[i].text[0], None
    for j in range(i + 1, len(doc)):
        t = doc[j]
        if _capital(t, data):
            initials += t.text[0]
            if initials not in prefixes:
                break
            if initials in acronyms:
                best = (j + 1, acronyms[initials])
        elif t.lower_ not in data.particles or t.whitespace_ == "" and t.text != "&":
            break
    return best
