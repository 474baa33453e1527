"""find_quotes: orchestrates marks, cues, sources and the resolver; the spaCy component.
"""
from __future__ import annotations

from bisect import bisect_right, insort
from typing import List, Optional, Tuple

from spacy.language import Language
from spacy.tokens import Doc

from newskit.nlp.document import content_before, in_furniture as in_boilerplate
from newskit.nlp.components import DataComponent
from newskit.nlp.resources import using_models
from .ranker import Ranker
from newskit.records import Quote
from .marks import find_segments
from .context import _Ctx, _Cand, _trim
from .cues import _direct_candidates, _label_candidates, _indirect_candidates
from .sources import _mention_span, _name, _attach_speaker, _name_in_sentence
from .floating import no_cue_speaker

# the adjacent quote's speaker is a candidate for a pronoun this many paragraphs on (its own
# paragraph or the next: an antecedent's reach, not tuned to data)
FLOAT_PARAGRAPHS = 1


def _inside_report(ctx: _Ctx, cue) -> bool:
    """"Ruiz said she recalled thinking “…”": a cue that is no speech verb sits in the
    clause of an earlier speech verb; the report belongs to that verb's subject."""
    if cue.lemma_.lower() in ctx.lex.speech:
        return False   # a speech verb of its own ("but he said that …") reports for its subject
    up = cue
    while up.head.i != up.i and up.dep_ in ("ccomp", "xcomp", "conj", "advcl"):
        up = up.head
        if up.i < cue.i and up.lemma_.lower() in ctx.lex.speech:
            return True
    return False


def _other_person_between(ctx: _Ctx, prev: _Cand, c: _Cand) -> bool:
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


def _choose(ctx: _Ctx, cands: List[_Cand]) -> List[_Cand]:
    """The best non-overlapping set, in text order: quotes with marks first, then reported speech."""
    doc = ctx.doc
    cands.sort(key=lambda c: (c.prio, c.s))
    chosen: List[_Cand] = []
    taken: List[Tuple[int, int]] = []
    for c in cands:
        if c.e <= c.s or in_boilerplate(doc, c.s):
            continue
        cut = content_before(doc, c.s, c.e)
        if cut < c.e:  # a sentence run on into furniture stops before it
            c.s, c.e = _trim(ctx, c.s, cut)
            if c.e <= c.s:
                continue
        k = bisect_right(taken, (c.s, c.e))
        if k > 0 and taken[k - 1][1] > c.s or k < len(taken) and taken[k][0] < c.e:
            continue
        chosen.append(c)
        insort(taken, (c.s, c.e))
    chosen.sort(key=lambda c: c.s)
    return chosen


def _speaker(ctx: _Ctx, c: _Cand, prev: Optional[_Cand]) -> None:
    """Fill the candidate's speaker mention, name and entity."""
    _attach_speaker(ctx, c)
    # the speaker of the adjacent quote (this paragraph or the one before), when it was a
    # person-like mention (a name, not "an AFP report")
    prev_ent = prev.ent if prev is not None and prev.ent is not None and (
        prev.ent.label == "PERSON" or prev.spk_head is not None and prev.spk_head.pos_ == "PROPN") \
        and ctx.block_of(c.s) - ctx.block_of(prev.s) <= FLOAT_PARAGRAPHS else None
    # the narration turned to someone else since: the ranker weighs that
    ctx.prev_broken = prev_ent is not None and _other_person_between(ctx, prev, c)
    if c.ent is not None or c.name is not None:
        return   # named already (a headline's speaker)
    if c.spk_head is not None:
        if c.spk_span is None:
            c.spk_span = _mention_span(ctx, c.spk_head)
        if c.spk_head.i in ctx.named:
            # one mention, one referent: "“…,” says the maverick, noting that …" names both alike
            c.name, c.ent = ctx.named[c.spk_head.i]
        else:
            c.name, c.ent = _name(ctx, c.spk_head, c.spk_span, prev_ent, (c.s, c.e))
            ctx.named[c.spk_head.i] = (c.name, c.ent)
        if c.spk_head.pos_ == "PRON" and c.cue is not None and c.spk_head.lower_ not in ("who", "which", "that") \
                and (any(x.lower_ == "what" and x.i < c.spk_head.i for x in c.cue.children)
                     or _inside_report(ctx, c.cue)):
            _name_in_sentence(ctx, c)
    elif c.cue is None and c.kind == "direct":
        # "“…”" with no cue: the previous speaker goes on, or someone named just before
        # ("Smith was blunt. “…”"): the ranker's choice (``floating.py``)
        no_cue_speaker(ctx, c, prev, prev_ent)


def _record(ctx: _Ctx, c: _Cand) -> Quote:
    cue_span = None
    if c.cue is not None:
        ce = c.cue_end if c.cue_end > 0 else c.cue.idx + len(c.cue)
        cue_span = ctx.span(c.cue.idx, ce)
    return Quote(text=ctx.text[c.s:c.e], start=c.s, end=c.e, kind=c.kind, cue=cue_span,
                 speaker=ctx.span(*c.spk_span) if c.spk_span else None,
                 speaker_name=c.name,
                 speaker_entity=c.ent.id if c.ent is not None and not c.ent.id.startswith("~") else None)


def find_quotes(doc: Doc, ranker: Optional[Ranker] = None) -> List[Quote]:
    """Quotes of a parsed document with entities: marks → cues and content → sources → resolver
    (``ranker``: the speaker ranker's weights; by default those of the data folder in force)."""
    return [_record(ctx, c) for ctx, c in _speakers(doc, ranker or Ranker.load())]


def _speakers(doc: Doc, ranker: Ranker):
    """(context, candidate) of each quote found, in text order, its speaker filled."""
    ctx = _Ctx(doc, ranker)
    ctx.segs = find_segments(ctx.text)
    ctx.seg_starts = [s.os for s in ctx.segs]
    cands = _label_candidates(ctx) + _direct_candidates(ctx)
    used = {c.cue.i for c in cands if c.cue is not None}
    cands += _indirect_candidates(ctx, used)
    prev: Optional[_Cand] = None
    # speakers in text order, so that floating quotes and pronouns see the previous speaker
    for c in _choose(ctx, cands):
        if c.para < 0:
            c.para = ctx.para_of(c.s)
        _speaker(ctx, c, prev)
        yield ctx, c
        if c.kind in ("direct", "mixed") or c.spk_span is not None:
            prev = c


class QuotesComponent(DataComponent):
    """The quotes step; holds the speaker ranker's weights, read from its data folder
    (``models/speakers.json``, or the copy in a saved pipeline)."""

    def __init__(self, nlp: Language, name: str) -> None:
        super().__init__(nlp, name, self._process_doc)
        self._ranker: Optional[Ranker] = None

    @property
    def ranker(self) -> Ranker:
        if self._ranker is None:
            with using_models(self.data_dir):
                self._ranker = Ranker.load()
        return self._ranker

    def from_disk(self, path, *, exclude=()) -> "QuotesComponent":
        super().from_disk(path, exclude=exclude)
        self._ranker = None   # read the weights of the copy
        return self

    def _process_doc(self, doc: Doc) -> Doc:
        doc._.nk_quotes = find_quotes(doc, self.ranker)
        return doc


@Language.factory(
    "newskit_quotes",
    assigns=["doc._.nk_quotes"],
    requires=["doc.sents", "doc._.boilerplate", "doc._.nk_entities"],
)
def make_quotes(nlp: Language, name: str) -> QuotesComponent:
    """The ``newskit_quotes`` component: quotes with cue and speaker in ``doc._.nk_quotes``."""
    return QuotesComponent(nlp, name)
