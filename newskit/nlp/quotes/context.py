"""Shared per-document state for the quote steps: word lists, token/paragraph lookups,
entity mentions by offset, and the candidate record.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Dict, List, Optional, Tuple

from spacy.attrs import IDX
from spacy.tokens import Doc, Token

from newskit.nlp import document
from newskit.records import Entity, TextSpan
from newskit.nlp.resources import load_json, load_set, per_models
from newskit.nlp.results import entities
from .coref import Resolver, lexicon as coref_lexicon
from .ranker import Ranker
from .marks import _Seg


_VERB_TAGS = {"VB", "VBD", "VBG", "VBN", "VBP", "VBZ"}


_SUBJ = {"nsubj", "nsubjpass"}


_NOT_SPEAKER_ENTS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY", "WORK_OF_ART"}


_COMPLEMENT = {"dobj", "oprd", "attr", "dative", "ccomp", "xcomp", "acomp", "obj", "iobj"}


_END_PUNCT = ".!?"


class _Lex:
    """The word lists, loaded once."""

    def __init__(self) -> None:
        data = load_json("en/quotes/quotes.json")
        self.speech = load_set("en/document/speech_verbs.txt")
        self.belief = frozenset(data["belief_verbs"])
        self.partial = frozenset(data["partial_cues"]) | self.speech
        self.cues = self.speech | self.belief
        self.naming = frozenset(data["naming_verbs"])
        self.infinitive = frozenset(data["infinitive_cues"])
        self.not_labels = frozenset(data["not_speaker_labels"])
        self.cues = self.cues | self.infinitive
        self.source_nouns = frozenset(data["source_nouns"])
        self.publish = frozenset(data["publish_verbs"])
        self.owner_preps = frozenset(data["owner_preps"])
        self.roles = frozenset(data["roles"])
        pron = coref_lexicon()
        self.male, self.female = pron.male, pron.female
        self.plural = frozenset(data["plural_pronouns"])
        self.first = frozenset(data["first_person"])
        self.first_singular = frozenset(data["first_person_singular"])
        self.responses = frozenset(data["response_nouns"])
        self.non_speaker = frozenset(data["non_speaker_pronouns"])
        self.evidence = frozenset(data["evidence_verbs"])
        self.communications = frozenset(data["communication_nouns"])
        self.person_nouns = frozenset(data["person_nouns"])


@per_models
def _lex() -> _Lex:  # noqa: D401
    return _Lex()


class _Ctx:
    """Per-document lookups shared by the steps."""

    def __init__(self, doc: Doc, ranker: Ranker) -> None:
        self.doc = doc
        self.ranker = ranker
        self.text = document.text(doc)
        self.lex = _lex()
        self.tok_starts = doc.to_array(IDX).tolist() if len(doc) else []
        self.paras = document.line_starts(doc)
        self.segs: List[_Seg] = []
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
            self._resolver = Resolver(self.doc, self.ents, self.in_quote, self.ranker, self.lex.speech)
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


def _is_cue_verb(tok: Token, lex_set) -> bool:
    return tok.tag_ in _VERB_TAGS and tok.lemma_.lower() in lex_set


def _hashes(strings, words) -> frozenset:
    """String-store ids of words and their capitalised forms (lemmas keep case for names)."""
    return frozenset(strings.add(v) for w in words for v in (w, w.capitalize()))


_ID_SETS: dict = {}  # (id of string store, id of word set) -> (store, words, ids)


def _hash_set(strings, words) -> frozenset:
    """:func:`_hashes`, computed once per string store and word set."""
    hit = _ID_SETS.get((id(strings), id(words)))
    if hit is not None and hit[0] is strings and hit[1] is words:
        return hit[2]
    if len(_ID_SETS) > 16:  # pipelines come and go in a long-lived process
        _ID_SETS.clear()
    ids = _hashes(strings, words)
    _ID_SETS[(id(strings), id(words))] = (strings, words, ids)
    return ids


class _Cand:
    __slots__ = ("s", "e", "kind", "cue", "spk_head", "spk_span", "name", "ent", "prio", "seg_end", "para",
                 "cue_end")

    def __init__(self, s, e, kind, cue=None, spk_head=None, spk_span=None, prio=0):
        self.s, self.e, self.kind, self.cue = s, e, kind, cue
        self.spk_head, self.spk_span, self.prio = spk_head, spk_span, prio
        self.name = self.ent = None
        self.seg_end = e
        self.para = -1
        self.cue_end = -1


def _trim(ctx: _Ctx, s: int, e: int) -> Tuple[int, int]:
    text = ctx.text
    while s < e and (text[s].isspace() or text[s] in ",;:—–-"):
        s += 1
    end = document.dateline_end(text, s, e)
    if end is not None:
        s = end   # "OTTAWA — ..." opens the paragraph, not the report
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:—–-."):
        e -= 1
    return s, e
