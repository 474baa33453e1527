"""Speaker resolver: a mention-level coreference for the people and organisations of one article.

``Resolver(doc, entities, in_quote, data, cfg)`` answers three questions, each in time bounded
by a fixed window, so a whole article costs time linear in its length:

* ``pronoun(tok, prev_speaker, exclude)``: the entity a he/she/they/it (and his/her/their/its)
  stands for, or None. The hard constraints (``constraints``: animacy, number, gender) filter
  the candidates (``candidates``: the entities named in the window, the adjacent quote's
  speaker, and for he/she with none in the window the last person of that gender before it);
  the speaker ranker (``ranker``, weights learned by ``python -m newskit.train speakers``)
  picks one from their features. Earlier he/she pronouns of the narration and definite
  descriptions ("the mayor" after "Mayor Ana Ruiz") are resolved first, in text order, and
  count as mentions (a running state: the text is walked once however many pronouns ask).
  ``resolved(tok)`` gives the answer again for a pronoun already asked about.
* ``description(head)``: "the goalkeeper" → the person introduced with that noun as an
  apposition, a premodifier, a predicate or a title (``mentions``).
* ``salient(tok, kind)`` / ``salient_person(tok, words)``: the entity a description with no
  introduction stands for ("the company", "the minister"), by the same constraints and ranker;
* ``gender(ent)``: "m", "f" or "" (unknown).

Limits: no coreference model; the window is the last ``window_sents`` sentences (and at most
``window_mentions`` mentions, config); plural phrases ("the nurses", "Ana Ruiz and Tom Li") are
not entities: the quote finder gives them to "they" by recency (``referents``).
Word lists: ``models/en/quotes/coref.json``.
"""
from __future__ import annotations

from bisect import bisect_left
from typing import Callable, Dict, Optional, Sequence, Tuple

from spacy.tokens import Doc, Token

from newskit.records import Entity
from .candidates import CandidateFinder
from .config import QuoteConfig
from .constraints import Agreement, pronoun_kind
from .mentions import MentionTable
from .quotedata import QuoteData
from .ranker import Ranker

__all__ = ["Resolver"]


class Resolver:
    """Coreference for one document (see the module docstring); ``ranker`` defaults to the
    data's learned weights."""

    def __init__(self, doc: Doc, entities: Sequence[Entity], in_quote: Callable[[int], bool],
                 data: QuoteData, cfg: QuoteConfig, ranker: Optional[Ranker] = None) -> None:
        self.doc = doc
        self.lex = data.coref
        self.in_quote = in_quote
        self.ranker = ranker or data.ranker
        self.mentions = MentionTable(doc, entities, in_quote, data)
        self.agreement = Agreement(self.mentions, self.lex, data.given_names, cfg.mentions_read)
        self.finder = CandidateFinder(self.mentions, self.agreement, cfg)
        self.gender = self.agreement.gender
        self.animate = self.agreement.animate
        self.candidates = self.finder.candidates
        self.sent_index = self.mentions.sent_index
        self._starts = self.mentions.starts
        self._memo: Dict[int, Optional[Entity]] = {}
        self._scanned = 0    # characters before this offset were walked by ``_catch_up``

    def linked(self, tok: Token) -> Optional[Entity]:
        """The entity of a proper-noun subject the tagger missed, if the resolver knows it."""
        return self.mentions.linked.get(tok.i)

    def kind_of(self, tok: Token) -> str:
        return pronoun_kind(tok, self.lex)

    def agent_noun(self, word: str) -> bool:
        """A noun that names a person by what they do ("defender", "resident", "spokeswoman")."""
        return self.lex.agent_noun(word)

    # ------------------------------------------------------------------ pronouns
    def pronoun(self, tok: Token, prev_speaker: Optional[Entity] = None,
                exclude: Tuple[int, int] = (0, 0), prev_broken: bool = False) -> Optional[Entity]:
        """The entity a third-person pronoun (he, she, they, it and their forms) at ``tok``
        stands for, or None when no entity before it fits. ``prev_speaker`` is the speaker
        of the adjacent quote (``prev_broken``: another person was named since), ``exclude``
        the span of the pronoun's own quote. The answer is memoised per token: asking again
        gives the same entity."""
        if tok.i in self._memo:
            return self._memo[tok.i]
        kind = self.kind_of(tok)
        if not kind:
            return None
        self._catch_up(tok.idx)
        ent = self._rank(tok, kind, prev_speaker, exclude, prev_broken=prev_broken)
        self._remember(tok, ent)
        return ent

    def resolved(self, tok: Token) -> Optional[Entity]:
        """The entity a pronoun was resolved to, if the quote finder asked about it."""
        return self._memo.get(tok.i)

    def _catch_up(self, pos: int) -> None:
        """Resolve the he/she pronouns (outside quotes) before ``pos`` not yet resolved, in
        text order, so that a chain "Ruiz … She … she said" carries its entity."""
        # running state: the text before ``_scanned`` was walked once already, so a whole
        # document costs one walk however many pronouns ask (quotes come in text order)
        start = self._scanned
        if start >= pos:
            return
        self._scanned = pos
        lex = self.lex
        described = self.mentions.described
        a = bisect_left(self._starts, start)
        b = bisect_left(self._starts, pos)
        for i in range(a, b):
            t = self.doc[i]
            lw = t.lower_
            if (lw in lex.male or lw in lex.female) and i not in self._memo and not self.in_quote(t.idx):
                ent = self._rank(t, self.kind_of(t), None, (0, 0))
                self._remember(t, ent)
            elif t.pos_ == "NOUN" and (t.lemma_.lower() in described or lw in described) \
                    and not self.in_quote(t.idx):
                # "the mayor" after "Mayor Ana Ruiz": a mention of her in the chain too
                ent = self.description(t)
                if ent is not None:
                    self._remember(t, ent)

    def _remember(self, tok: Token, ent: Optional[Entity]) -> None:
        self._memo[tok.i] = ent
        if ent is not None:
            self.mentions.add_resolved(tok, ent)

    def _rank(self, tok: Token, kind: str, prev_speaker: Optional[Entity],
              exclude: Tuple[int, int], prev_broken: bool = False) -> Optional[Entity]:
        ents, feats = self.finder.candidates(tok, kind, prev_speaker, exclude, prev_broken)
        best = self.ranker.best(feats)
        return ents[best] if best >= 0 else None

    # ------------------------------------------------------------------ descriptions
    def description(self, head: Token) -> Optional[Entity]:
        """The person a definite description headed by ``head`` names, or None."""
        if not any(c.dep_ == "det" and c.lower_ in self.lex.determiners for c in head.children):
            return None
        for key in (head.lemma_.lower(), head.lower_):
            lst = self.mentions.described.get(key)
            if not lst:
                continue
            k = bisect_left(lst, head.idx, key=lambda x: x[0])
            if k > 0:
                return lst[k - 1][1]
        return None

    def salient_person(self, tok: Token, words: Sequence[str], exclude: Tuple[int, int] = (0, 0)) -> Optional[Entity]:
        """The most salient person before ``tok`` whose gender fits the description's words
        ("the minister", "the father"): a role description with no introduction."""
        lex = self.lex
        kind = "m" if any(w in lex.male_titles for w in words) else \
            "f" if any(w in lex.female_titles for w in words) else "a"
        return self._rank(tok, kind, None, exclude)

    def salient(self, tok: Token, kind: str, exclude: Tuple[int, int] = (0, 0)) -> Optional[Entity]:
        """The most salient entity before ``tok`` of a pronoun kind (see ``Agreement.fits``)."""
        return self._rank(tok, kind, None, exclude)
