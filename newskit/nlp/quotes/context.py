"""Shared per-document state for the quote steps (:class:`QuoteContext`): the component's data
(word lists, ranker weights) and config, token/paragraph lookups, quote segments, entity
mentions by offset, the speaker resolver (built on first use); and the candidate record
(:class:`Candidate`). Limits: one context per document, never shared between documents.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Dict, List, Optional, Tuple

from spacy.attrs import IDX
from spacy.tokens import Doc, Token

from newskit.nlp import document
from newskit.records import Entity, TextSpan
from newskit.nlp.results import entities
from .config import QuoteConfig
from .marks import Segment
from .quotedata import SUBJ, VERB_TAGS, QuoteData
from .resolver import Resolver

__all__ = ["QuoteContext", "Candidate", "is_cue_verb", "trim", "VERB_TAGS", "SUBJ", "NOT_SPEAKER_ENTS",
           "COMPLEMENT", "END_PUNCT"]

NOT_SPEAKER_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY", "WORK_OF_ART"})
COMPLEMENT = frozenset({"dobj", "oprd", "attr", "dative", "ccomp", "xcomp", "acomp", "obj", "iobj"})
END_PUNCT = ".!?"


class QuoteContext:
    """Per-document lookups shared by the steps, with the component's data and config
    (``lex``: the quote finder's word lists, ``data.words``)."""

    def __init__(self, doc: Doc, data: QuoteData, cfg: QuoteConfig) -> None:
        self.doc = doc
        self.data = data
        self.cfg = cfg
        self.text = document.text(doc)
        self.lex = data.words
        self.tok_starts = doc.to_array(IDX).tolist() if len(doc) else []
        self.paras = document.line_starts(doc)
        self.segs: List[Segment] = []
        self.seg_starts: List[int] = []
        self.ents: List[Entity] = list(entities(doc))
        self.mentions = document.mentions(doc)  # (start, end, entity)
        self.mention_starts = [m[0] for m in self.mentions]
        self._resolver: Optional[Resolver] = None
        self.named: Dict[int, Tuple[Optional[str], Optional[Entity]]] = {}   # speaker token → its name
        # the quote being named: whether the narration named another person since the adjacent
        # quote (a feature of that quote's speaker for the ranker)
        self.prev_broken = False
        # paragraph rank of each line: blank lines do not count as paragraphs
        rank, n = [], -1
        for k, a in enumerate(self.paras):
            b = self.paras[k + 1] if k + 1 < len(self.paras) else len(self.text)
            if self.text[a:b].strip():
                n += 1
            rank.append(max(n, 0))
        self.para_rank = rank

    @property
    def resolver(self) -> Resolver:
        """The speaker resolver; built on first use, once the quote segments are known."""
        if self._resolver is None:
            self._resolver = Resolver(self.doc, self.ents, self.in_quote, self.data, self.cfg)
        return self._resolver

    def block_of(self, char: int) -> int:
        """Index of the non-blank paragraph holding ``char`` (distances between paragraphs)."""
        return self.para_rank[self.para_of(char)]

    # token helpers
    def tok_at(self, char: int) -> int:
        return max(0, bisect_right(self.tok_starts, char) - 1)

    def toks_in(self, s: int, e: int) -> range:
        return range(bisect_left(self.tok_starts, s), bisect_left(self.tok_starts, e))

    def para_of(self, char: int) -> int:
        return bisect_right(self.paras, char) - 1

    def in_quote(self, char: int) -> bool:
        k = bisect_right(self.seg_starts, char) - 1
        return k >= 0 and self.segs[k].os <= char < self.segs[k].close

    def entity_over(self, s: int, e: int) -> Optional[Entity]:
        """The entity mentioned over ``[s, e)``, a person first."""
        return document.entity_at(self.doc, s, e, prefer="PERSON")

    def span(self, s: int, e: int) -> TextSpan:
        return TextSpan(text=self.text[s:e], start=s, end=e)


def is_cue_verb(tok: Token, lex_set) -> bool:
    return tok.tag_ in VERB_TAGS and tok.lemma_.lower() in lex_set


class Candidate:
    """A quote found: its span ``[s, e)``, kind, cue token, speaker head/span, and the speaker's
    name and entity once named (``prio``: which of overlapping candidates wins, lower first)."""

    __slots__ = ("s", "e", "kind", "cue", "spk_head", "spk_span", "name", "ent", "prio", "seg_end", "para",
                 "cue_end")

    def __init__(self, s, e, kind, cue=None, spk_head=None, spk_span=None, prio=0):
        self.s, self.e, self.kind, self.cue = s, e, kind, cue
        self.spk_head, self.spk_span, self.prio = spk_head, spk_span, prio
        self.name = self.ent = None
        self.seg_end = e
        self.para = -1
        self.cue_end = -1


def trim(ctx: QuoteContext, s: int, e: int) -> Tuple[int, int]:
    """``[s, e)`` without the spaces and punctuation at its ends, nor a paragraph's opening dateline."""
    text = ctx.text
    while s < e and (text[s].isspace() or text[s] in ",;:—–-"):
        s += 1
    end = document.dateline_end(text, s, e, ctx.data.paragraph_dateline)
    if end is not None:
        s = end   # "OTTAWA — ..." opens the paragraph, not the report
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:—–-."):
        e -= 1
    return s, e
