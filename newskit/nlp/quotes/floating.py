"""The speaker of a quote with no cue ("“…”" standing alone, or after "Ruiz was blunt."):
candidate mentions and the ranker's choice among them.

The candidates are the previous quote's speaker mention (the quote "floats on") and the
mentions that could be a source in the narration around the quote: subjects, names of
people and organisations, and personal pronouns, from a few sentences before the quote to
the end of the sentence it ends in ("“…” Ruiz from the stage.", in the quote's paragraph),
never inside a quote.
Each has features (``ranker.no_cue_features``: the previous quote's speaker and how many
paragraphs back it is, distance, role, subject of the sentence before, kind of mention,
label, ...) and the ranker's "nocue:" weights, learned from annotated news by
``python -m newskit.train speakers``, pick one.

Limits: the candidates come from spaCy's parse; a quote with no candidate keeps no speaker.
"""
from __future__ import annotations

from typing import List, Optional, Tuple

from spacy.tokens import Token

from .context import SUBJ, Candidate, QuoteContext
from .naming import mention_span, name_of
from .ranker import QuoteView, no_cue_features
from .sources import previous_sentence_subject

__all__ = ["Option", "options", "no_cue_speaker"]

_KINDS = ("PERSON", "ORG", "GPE", "NORP")   # entity labels whose mentions are candidates


class Option:
    """One candidate: a token of the narration, or (``token`` None) the previous quote's speaker."""
    __slots__ = ("token", "span", "feats")

    def __init__(self, token: Optional[Token], span: Tuple[int, int], feats) -> None:
        self.token, self.span, self.feats = token, span, feats


def _candidate_tokens(ctx: QuoteContext, c: Candidate) -> List[Token]:
    """Mention heads around a quote with no cue, outside quotes (see the module docstring)."""
    doc = ctx.doc
    first = doc[ctx.tok_at(c.s)].sent
    for _ in range(ctx.cfg.no_cue_sents_before):
        if first.start == 0:
            break
        first = doc[first.start - 1].sent
    last = doc[ctx.tok_at(max(c.s, c.e - 1))].sent
    lex = ctx.lex
    end_para = ctx.para_of(max(c.s, c.e - 1))
    out = []
    for t in doc[first.start:last.end]:
        if c.s <= t.idx < c.e or ctx.in_quote(t.idx) or not t.text[:1].isalpha():
            continue
        if t.idx >= c.e and ctx.para_of(t.idx) != end_para:
            break   # a speaker named after the quote is in its paragraph ("“…” Ruiz from the stage.")
        if t.dep_ in ("compound", "flat") and t.head.pos_ == "PROPN":
            continue   # (a name is its last word)
        lw = t.lower_
        if t.dep_ in SUBJ and t.pos_ in ("PROPN", "NOUN", "PRON") and lw not in lex.non_speaker \
                or t.pos_ == "PROPN" and t.ent_type_ in _KINDS \
                or t.pos_ == "PRON" and (lw in lex.male or lw in lex.female or lw in lex.first):
            out.append(t)
    return out


def options(ctx: QuoteContext, c: Candidate, prev: Optional[Candidate]) -> List[Option]:
    """The candidate speakers of a quote with no cue, with their features."""
    prev_ok = prev is not None and prev.spk_span is not None
    prev_subject = previous_sentence_subject(ctx, c.s)
    toks = _candidate_tokens(ctx, c)
    view = QuoteView(ctx, c, toks)
    out: List[Option] = []
    if prev_ok:
        out.append(Option(None, prev.spk_span, no_cue_features(ctx, c, view, None, prev, prev_subject)))
    for t in toks:
        span = mention_span(ctx, t)
        if prev_ok and span[0] < prev.spk_span[1] and prev.spk_span[0] < span[1]:
            continue   # (the previous speaker's own mention is the option above)
        out.append(Option(t, span, no_cue_features(ctx, c, view, t, prev, prev_subject)))
    return out


def no_cue_speaker(ctx: QuoteContext, c: Candidate, prev: Optional[Candidate], prev_ent) -> None:
    """Fill the speaker of a quote with no cue with the ranker's best option (if any)."""
    opts = options(ctx, c, prev)
    best = ctx.data.ranker.best([o.feats for o in opts])
    if best < 0:
        return
    o = opts[best]
    if o.token is None:   # the previous speaker goes on
        c.spk_span, c.name, c.ent = prev.spk_span, prev.name, prev.ent
        return
    c.spk_head, c.spk_span = o.token, o.span
    c.name, c.ent = name_of(ctx, o.token, o.span, prev_ent, (c.s, c.e))
