"""Speaker ranker: picks, among the candidates the resolver's constraints leave, the entity a
pronoun or a description stands for, with weights learned from annotated news.

A candidate is an entity mentioned before the pronoun (within the resolver's window), the
adjacent quote's speaker, or the last person of the pronoun's gender. Each candidate has a
few numeric features (``coref.Resolver.candidates`` computes them: distance, syntactic
role, inside a quote, the adjacent quote's speaker, label, ...), named "person:..." when a
person is sought (he, she, "the minister") and "thing:..." otherwise (it, they, "the
company"); its score is the dot product of its features with the weights, and the highest
score wins (ties: the most recent mention).

The weights are data, written by ``python -m newskit.train speakers`` into
``models/speakers.json`` (a conditional-logit model, see ``newskit/train``); the quotes
component loads them from its data folder, so a saved pipeline carries its own copy.

Limits: a linear model over hand-chosen features; no lexical features (no words are learned);
no "no antecedent" option: a description with a fitting candidate always takes one.
"""
from __future__ import annotations

from typing import Dict, Mapping, Optional, Sequence

from ..resources import load_json

WEIGHTS_FILE = "speakers.json"


class Ranker:
    """Scores candidate feature vectors with fixed weights (a dot product)."""

    def __init__(self, weights: Mapping[str, float], meta: Optional[Mapping] = None) -> None:
        self.weights: Dict[str, float] = dict(weights)
        self.meta = dict(meta or {})

    @classmethod
    def load(cls) -> "Ranker":
        """The weights in the data folder in force (``models/`` or a saved pipeline's copy)."""
        data = load_json(WEIGHTS_FILE)
        return cls(data["weights"], data.get("meta"))

    def score(self, feats: Mapping[str, float]) -> float:
        w = self.weights
        return sum(w.get(k, 0.0) * v for k, v in feats.items())

    def best(self, cands: Sequence[Mapping[str, float]]) -> int:
        """Index of the best candidate (the first of equal scores: callers list the most
        recent first); -1 for an empty list."""
        best, best_s = -1, float("-inf")
        for i, f in enumerate(cands):
            s = self.score(f)
            if s > best_s:
                best, best_s = i, s
        return best
