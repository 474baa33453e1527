"""One label per entity: a weighted vote over its mentions and the evidence about them.

Inputs, each weighted by the component's config (:mod:`.config`: ``mention``, ``signal``):

* model: each mention's label from the parser (less on headline lines and for the
  later pieces of a cut span; a lone one-word "person" weighs less);
* context: rules that read the article (titles, given names, results tables,
  and the signals of :mod:`newskit.nlp.entities.signals`; a signal's weight grows
  with the square root of the entity's mentions, since the parser repeats its
  error on every mention of the same name);
* gazetteer: when every mention is a known place (:mod:`newskit.nlp.entities.places`)
  and nothing makes it a person (a title, a speech verb with he/she; for a
  city, being a given name too), a GPE vote per mention, allowed to overturn
  only the parser's labels listed for that kind of place (``place_overrides`` of
  ``models/en/entities/vote.json``; never a label that context evidence backs).

The winner is the label with the most weight (ties: alphabetical). Its source
says why: the single input behind an uncontested label, the context or
gazetteer evidence that gave it the most weight, or "vote" when the mentions
disagreed and the parser's majority settled it.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Dict, List, Tuple

from .common import Mention
from .config import EntitiesConfig
from .data import EntityData

__all__ = ["decide", "place_kind"]

_PLACE_ORDER = ("district", "city", "area", "region", "country")  # weakest first


def place_kind(names: List[str], data: EntityData):
    """The weakest place kind shared by all ``names``, or None when one is no known place."""
    kinds = set()
    for n in names:
        k = data.places.kind_of(n)
        if k is None:
            return None
        kinds.add(k)
    return next((k for k in _PLACE_ORDER if k in kinds), None)


def decide(ms: List[Mention], names: List[str], lone: bool, data: EntityData,
           cfg: EntitiesConfig) -> Tuple[str, str]:
    """``(label, label_source)`` for one entity's mentions ``ms`` (texts ``names``)."""
    weights = cfg.mention
    votes: Dict[str, float] = defaultdict(float)
    by_sig: Dict[Tuple[str, str], float] = defaultdict(float)

    def add(label: str, w: float, sig: str) -> None:
        votes[label] += w
        by_sig[label, sig] += w

    person_evidence = False
    # the parser's labels for one name are not independent: evidence in the text grows with them
    scale = len(ms) ** 0.5
    for m in ms:
        w = m.w
        if lone and m.label == "PERSON" and w == weights.body and not m.titles and m.sig == "model":
            w = weights.lone_person
        add(m.label, w, m.sig)
        person_evidence |= m.label == "PERSON" and m.sig == "context" and m.w > 0
        for label, ew, sig in m.ev:
            add(label, ew * scale, sig)
            person_evidence |= label == "PERSON"
    if not votes or max(votes.values()) == 0:
        for m in ms:
            add(m.label, 0.01, m.sig)
    winner = _best(votes)
    kind = None if person_evidence else place_kind(names, data)
    if kind == "city" and all(n in data.given for n in names):
        kind = None  # "Nancy", "George": a town's name that is also a given name is no evidence of a town
    if kind and winner in data.place_overrides.get(kind, ()) and not by_sig[winner, "context"]:
        add("GPE", cfg.signal["place_" + kind] * len(ms), "gazetteer")
        winner = _best(votes)
    return winner, _source(winner, votes, by_sig)


def _best(votes: Dict[str, float]) -> str:
    return max(sorted(votes), key=lambda lab: votes[lab])


def _source(winner: str, votes, by_sig) -> str:
    contested = any(v > 0 for lab, v in votes.items() if lab != winner)
    sigs = sorted(((w, sig) for (lab, sig), w in by_sig.items() if lab == winner and w > 0), reverse=True)
    if not sigs:
        return "model"
    top = sigs[0][1]
    if top == "model":
        return "vote" if contested else "model"
    return top
