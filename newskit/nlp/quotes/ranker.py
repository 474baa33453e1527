"""Speaker ranker: picks, among the candidates the resolver's constraints leave, the entity a
pronoun or a description stands for, with weights learned from annotated news.

A candidate is an entity mentioned before the pronoun (within the resolver's window), the
adjacent quote's speaker, or the last person of the pronoun's gender. Each candidate has a
few numeric features (``candidates.CandidateFinder`` computes them: distance, syntactic
role, inside a quote, the adjacent quote's speaker, label, ...), named "person:..." when a
person is sought (he, she, "the minister") and "thing:..." otherwise (it, they, "the
company"); its score is the dot product of its features with the weights, and the highest
score wins (ties: the most recent mention).

The weights are data, written by ``python -m newskit.train speakers`` into
``models/en/quotes/speakers.json`` (a conditional-logit model, see ``newskit/train``); the quotes
component loads them from its data folder, so a saved pipeline carries its own copy.

Limits: a linear model over hand-chosen features; no lexical features (no words are learned);
no "no antecedent" option: a description with a fitting candidate always takes one.
"""
from __future__ import annotations

from math import log1p
from pathlib import Path
from typing import Dict, Mapping, Optional, Sequence, Union

from newskit.records import Entity
from newskit.nlp.data import read_json

__all__ = ["Ranker", "WEIGHTS_FILE", "candidate_features", "named"]

WEIGHTS_FILE = "speakers.json"   # in the quotes component's data folder
_LABEL_FEATURE = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "LOC": "GPE", "FAC": "GPE", "NORP": "NORP"}


class Ranker:
    """Scores candidate feature vectors with fixed weights (a dot product)."""

    def __init__(self, weights: Mapping[str, float], meta: Optional[Mapping] = None) -> None:
        self.weights: Dict[str, float] = dict(weights)
        self.meta = dict(meta or {})

    @classmethod
    def load(cls, folder: Union[str, Path]) -> "Ranker":
        """The weights in a quotes data folder (``models/en/quotes/`` or a saved pipeline's copy)."""
        data = read_json(Path(folder) / WEIGHTS_FILE)
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


def candidate_features(ms: Sequence, si: int, para: int, ti: int, ent: Entity, before: int,
                       window: int) -> Dict[str, float]:
    """The ranker's features of one candidate entity from its mentions in the window
    (``ms``: ``mentions.Mention`` objects; ``si``, ``para``, ``ti``: the pronoun's narration
    sentence, line and token; ``before``: how many times the article named the entity before
    the pronoun). Each is put
    on a scale near 0..1 (distances divided by the window, counts and token distances on a
    log scale, recency halved per sentence) so that one L2 penalty suits them all; the
    scales are not tuned, the weights are learned."""
    f: Dict[str, float] = {"label_" + _LABEL_FEATURE.get(ent.label, "other"): 1.0,
                           "mentions_before": log1p(before) / 3.0}
    if not ms:
        f["outside_window"] = 1.0
        return f
    near = max(ms, key=lambda m: m.start)
    d = si - near.sent
    f["dist"] = d / window
    f["same_sent"] = float(d == 0)
    f["prev_sent"] = float(d == 1)
    f["same_para"] = float(near.para == para)
    f["tokens"] = log1p(max(0, ti - near.i)) / 5.0
    f["mentions"] = log1p(len(ms)) / 2.0
    f["near_" + (near.role or "other")] = 1.0
    f["near_quoted"] = float(near.quoted)
    f["all_quoted"] = float(all(m.quoted for m in ms))
    f["subj"] = max((0.5 ** (si - m.sent) for m in ms if m.role == "s" and not m.quoted), default=0.0)
    f["obj"] = max((0.5 ** (si - m.sent) for m in ms if m.role == "o" and not m.quoted), default=0.0)
    f["speech_subj"] = max((0.5 ** (si - m.sent) for m in ms if m.speech), default=0.0)
    f["pronoun_chain"] = float(any(m.pron for m in ms))
    # the narrator's own mentions (not in a quote, not a modifier): how recent the latest
    f["narrated"] = max((0.5 ** (si - m.sent) for m in ms if not m.quoted and m.role != "m"), default=0.0)
    f["subj_same_para"] = float(any(m.role == "s" and not m.quoted and m.para == para for m in ms))
    return f


def named(feats: Mapping[str, float], group: str) -> Dict[str, float]:
    """The features under their names in the weights: "person:..." or "thing:..."."""
    return {f"{group}:{k}": v for k, v in feats.items()}
