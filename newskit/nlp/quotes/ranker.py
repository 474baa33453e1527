"""Speaker ranker: picks, among the candidates the resolver's constraints leave, the entity a
pronoun or a description stands for, with weights learned from annotated news.

A candidate is an entity mentioned before the pronoun (within the resolver's window), the
adjacent quote's speaker, or the last person of the pronoun's gender. Each candidate has a
few numeric features (``candidates.CandidateFinder`` computes them: distance, syntactic
role, inside a quote, the adjacent quote's speaker, label, ...), named "person:..." when a
person is sought (he, she, "the minister") and "thing:..." otherwise (it, they, "the
company"); its score is the dot product of its features with the weights, and the highest
score wins (ties: the most recent mention). A third set, "nocue:...", chooses the speaker of a
quote with no cue among the previous quote's speaker and the mentions around the quote
(``floating.py``; features: ``no_cue_features``).

The weights are data, written by ``python -m newskit.train speakers`` into
``models/en/quotes/speakers.json`` (a conditional-logit model, see ``newskit/train``); the quotes
component loads them from its data folder, so a saved pipeline carries its own copy.

Limits: a linear model over hand-chosen features; no lexical features (no words are learned);
no "no antecedent" option: a description with a fitting candidate always takes one.
"""
from __future__ import annotations

from bisect import bisect_right
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


class QuoteView:
    """What the features of a quote with no cue need to know of the quote itself, computed
    once per quote: its first token and sentence, whether it opens its paragraph, whether a
    colon introduces it, and where the nearest candidate before it starts."""
    __slots__ = ("q", "sent", "opens", "intro", "nearest")

    def __init__(self, ctx, c, toks) -> None:
        self.q = ctx.doc[ctx.tok_at(c.s)]
        self.sent = bisect_right(ctx.resolver.mentions.sent_starts, self.q.i)
        self.opens = not ctx.text[ctx.paras[ctx.para_of(c.s)]:c.s].strip(" \t\"“‘'")
        self.intro = ctx.text[max(0, c.s - 20):c.s].rstrip(" \t\"“‘'\n").endswith(":")
        self.nearest = max((t.idx for t in toks if t.idx < c.s), default=-1)


def no_cue_features(ctx, c, view: QuoteView, tok, prev, prev_subject) -> Dict[str, float]:
    """The ranker's features ("nocue:...") of one candidate speaker of a quote with no cue
    (``quotes/floating.py``): ``tok`` a mention head of the narration, or None for the previous
    quote's speaker ``prev``; ``prev_subject``: the person subject of the sentence before
    the quote (``sources._previous_sentence_subject``). Scales near 0..1 as in
    ``candidate_features``; the weights are learned."""
    doc = ctx.doc
    q, opens = view.q, view.opens
    head = tok if tok is not None else doc[ctx.tok_at(prev.spk_span[1] - 1)]
    f: Dict[str, float] = {}
    if tok is None:
        gap = ctx.block_of(c.s) - ctx.block_of(prev.s)
        f["prev"] = 1.0
        f["prev_gap" + str(min(max(gap, 0), 2))] = 1.0
        f["opens_prev"] = float(opens)
        if prev_subject is not None and prev.ent is not None:
            same = ctx.entity_over(prev_subject.idx, prev_subject.idx + len(prev_subject)) is prev.ent
            f["prev_is_subject" if same else "prev_other_subject"] = 1.0
    else:
        f.update(_mention_features(ctx, tok, prev, prev_subject))
    after = head.idx >= c.e
    f["after"] = float(after)
    ks = view.sent
    kt = bisect_right(ctx.resolver.mentions.sent_starts, head.i)
    d = max(0, ks - kt)
    f["sents"] = d / 4.0
    f["same_sent"] = float(ks == kt)
    f["prev_sent"] = float(d == 1)
    blocks = ctx.block_of(c.s) - ctx.block_of(head.idx)
    f["same_para"] = float(blocks == 0)
    f["para_before"] = float(blocks == 1)
    f["opens_same_para"] = float(opens and blocks == 0)
    f["tokens"] = log1p(abs(q.i - head.i)) / 5.0
    f["colon"] = float(view.intro and not after and d <= 1)
    if tok is not None and tok.idx == view.nearest:
        f["nearest"] = 1.0
    return {"nocue:" + k: v for k, v in f.items() if v}


def _mention_features(ctx, tok, prev, prev_subject) -> Dict[str, float]:
    """A candidate mention's own features: label, the previous speaker's entity, the subject
    of the sentence before, kind of mention, syntactic role."""
    ent = ctx.entity_over(tok.idx, tok.idx + len(tok))
    f = {"label_" + (_LABEL_FEATURE.get(ent.label, "other") if ent is not None else "none"): 1.0}
    f["prev_entity"] = float(prev is not None and ent is not None and ent is prev.ent)
    f["prev_subject"] = float(prev_subject is not None and prev_subject.i == tok.i)
    f["pron"] = float(tok.pos_ == "PRON")
    f["first_person"] = float(tok.lower_ in ctx.lex.first)
    f["name"] = float(tok.pos_ == "PROPN")
    dep = tok.dep_
    f["subj"] = float(dep in ("nsubj", "nsubjpass"))
    f["obj"] = float(dep in ("dobj", "pobj", "dative", "attr"))
    f["poss"] = float(dep == "poss")
    f["root_subj"] = float(f["subj"] and tok.head.dep_ == "ROOT")
    f["speech_subj"] = float(f["subj"] and tok.head.lemma_.lower() in ctx.lex.speech)
    return f
