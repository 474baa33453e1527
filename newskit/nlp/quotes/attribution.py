"""Who said each quote, in text order: the quotes of a document chosen among the candidates
(quotes with marks first, then reported speech; never overlapping, never in furniture) and
their speakers filled one after the other, so that a quote with no cue and a pronoun see the
previous speaker.

* a cue's speaker: the mention that governs it (``sources``), named (``naming``);
* a quote with no cue: the ranker's choice between the previous speaker and the mentions
  around the quote (``floating``, weights learned from annotated news);
* the adjacent quote's speaker and whether another person was named since are given to the
  speaker resolver as features of that candidate.

Limits: one pass in text order; a later quote never changes an earlier speaker.
"""
from __future__ import annotations

from bisect import bisect_right, insort
from typing import Iterator, List, Optional, Tuple

from spacy.tokens import Doc

from newskit.nlp.document import content_before, in_furniture as in_boilerplate
from newskit.records import Entity
from .config import QuoteConfig
from .context import Candidate, QuoteContext, trim
from .cues import direct_candidates, indirect_candidates, label_candidates
from .marks import find_segments
from .quotedata import QuoteData
from .naming import mention_span, name_of, with_appositive
from .floating import no_cue_speaker
from .sources import attach_speaker, name_in_sentence

__all__ = ["find_speakers", "adjacent_speaker", "other_person_between"]


def _inside_report(ctx: QuoteContext, cue, start: int) -> bool:
    """"Ruiz said she felt “…”": a cue in the clause of an earlier speech verb; the report
    belongs to that verb's subject. A speech verb of its own counts only as a complement of
    the earlier one ("she recalled asking") and before the quote (``start``: "Ruiz said she recalled
    “…”"); joined to it ("but he said that …") or after the quote ("“…,” he said") it
    reports for its own subject."""
    speech = ctx.lex.speech
    if cue.lemma_.lower() not in speech:
        links: Tuple[str, ...] = ("ccomp", "xcomp", "conj", "advcl")
    elif cue.idx < start:
        links = ("ccomp", "xcomp")
    else:
        return False
    up = cue
    while up.head.i != up.i and up.dep_ in links:
        up = up.head
        if up.i < cue.i and up.lemma_.lower() in speech:
            return True
    return False


def adjacent_speaker(ctx: QuoteContext, prev: Optional[Candidate], start: int) -> Optional[Entity]:
    """The speaker of the adjacent quote ``prev`` (this paragraph or up to ``float_paragraphs``
    before the quote at ``start``), when it was a person-like mention (a name, not "an AFP
    report"); else None."""
    if prev is None or prev.ent is None or ctx.block_of(start) - ctx.block_of(prev.s) > ctx.cfg.float_paragraphs:
        return None
    if prev.ent.label == "PERSON" or prev.spk_head is not None and prev.spk_head.pos_ == "PROPN":
        return prev.ent
    return None


def other_person_between(ctx: QuoteContext, prev: Candidate, c: Candidate) -> bool:
    """A person other than the previous speaker named in the narration between two quotes
    ("“…,” he adds. The program also helped Ana Ruiz, 50. “…,” he says."): the chain of
    quotes is broken, and the last speaker gets no bonus for the pronoun."""
    lo, hi = min(prev.e, c.s), c.s
    if c.spk_span is not None and c.spk_span[0] < hi and c.cue is not None and c.cue.idx < c.s:
        hi = c.spk_span[0]   # ("He said: “…”": up to the pronoun)
    k = bisect_right(ctx.mention_starts, lo)
    while k < len(ctx.mentions) and ctx.mentions[k][0] < hi:
        ms, _, ent = ctx.mentions[k]
        if ent.label == "PERSON" and ent is not prev.ent and not ctx.in_quote(ms):
            return True
        k += 1
    return False


def _choose(ctx: QuoteContext, cands: List[Candidate]) -> List[Candidate]:
    """The best non-overlapping set, in text order: quotes with marks first, then reported speech."""
    doc = ctx.doc
    cands.sort(key=lambda c: (c.prio, c.s))
    chosen: List[Candidate] = []
    taken: List[Tuple[int, int]] = []
    for c in cands:
        if c.e <= c.s or in_boilerplate(doc, c.s):
            continue
        cut = content_before(doc, c.s, c.e)
        if cut < c.e:  # a sentence run on into furniture stops before it
            c.s, c.e = trim(ctx, c.s, cut)
            if c.e <= c.s:
                continue
        k = bisect_right(taken, (c.s, c.e))
        if k > 0 and taken[k - 1][1] > c.s or k < len(taken) and taken[k][0] < c.e:
            continue
        chosen.append(c)
        insort(taken, (c.s, c.e))
    chosen.sort(key=lambda c: c.s)
    return chosen


def _speaker(ctx: QuoteContext, c: Candidate, prev: Optional[Candidate]) -> None:
    """Fill the candidate's speaker mention, name and entity."""
    attach_speaker(ctx, c)
    prev_ent = adjacent_speaker(ctx, prev, c.s)
    # the narration turned to someone else since: the ranker weighs that
    ctx.prev_broken = prev_ent is not None and other_person_between(ctx, prev, c)
    if c.ent is not None or c.name is not None:
        return   # named already (a headline's speaker)
    if c.spk_head is not None:
        if c.spk_span is None:
            c.spk_span = mention_span(ctx, c.spk_head)
        if c.spk_head.i in ctx.named:
            # one mention, one referent: "“…,” says the maverick, noting that …" names both alike
            c.name, c.ent = ctx.named[c.spk_head.i]
        else:
            c.name, c.ent = name_of(ctx, c.spk_head, c.spk_span, prev_ent, (c.s, c.e))
            ctx.named[c.spk_head.i] = (c.name, c.ent)
        c.spk_span = with_appositive(ctx, c.spk_head, c.spk_span, c.ent)
        if c.spk_head.pos_ == "PRON" and c.cue is not None and c.spk_head.lower_ not in ("who", "which", "that") \
                and (any(x.lower_ == "what" and x.i < c.spk_head.i for x in c.cue.children)
                     or _inside_report(ctx, c.cue, c.s)):
            name_in_sentence(ctx, c)
    elif c.cue is None and c.kind == "direct":
        # "“…”" with no cue: the previous speaker goes on, or someone named just before
        # ("Smith was blunt. “…”"): the ranker's choice (``floating.py``)
        no_cue_speaker(ctx, c, prev, prev_ent)


def find_speakers(doc: Doc, data: QuoteData, cfg: QuoteConfig) -> Iterator[Tuple[QuoteContext, Candidate]]:
    """(context, candidate) of each quote found, in text order, its speaker filled
    (marks → cues and content → sources → resolver)."""
    ctx = QuoteContext(doc, data, cfg)
    ctx.segs = find_segments(ctx.text)
    ctx.seg_starts = [s.os for s in ctx.segs]
    cands = label_candidates(ctx) + direct_candidates(ctx)
    used = {c.cue.i for c in cands if c.cue is not None}
    cands += indirect_candidates(ctx, used)
    prev: Optional[Candidate] = None
    # speakers in text order, so that floating quotes and pronouns see the previous speaker
    for c in _choose(ctx, cands):
        if c.para < 0:
            c.para = ctx.para_of(c.s)
        _speaker(ctx, c, prev)
        yield ctx, c
        if c.kind in ("direct", "mixed") or c.spk_span is not None:
            prev = c
