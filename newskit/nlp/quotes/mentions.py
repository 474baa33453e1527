"""Mentions for the speaker resolver: where each person, organisation or place of one article
is named, in which role, and the running state of the pronouns resolved so far.

:class:`MentionTable` holds, for one document:

* the named mentions (every mention of a tagged entity, by its head token), each a
  :class:`Mention` with its narration sentence, paragraph, syntactic role ('s' subject,
  'o' object, 'm' a name modifying a noun), whether it sits inside a quote or parentheses
  and whether it is the subject of a speech verb;
* people the entity tagger missed (a proper-noun subject outside quotes that starts with a
  given name of known gender or follows a title; a tagged person's family name alone),
  as entities with an id starting "~" (never in the output);
* the nouns that describe a named person where it is introduced ("Omar Haddad, the team's
  goalkeeper", "goalkeeper Omar Haddad", "Haddad is a goalkeeper", a title);
* the pronouns and descriptions resolved so far, in text order (:meth:`add_resolved`):
  they count as mentions of their entity for the ones after them.

Limits: a mention's head is the root of its tokens in spaCy's parse; recency counts the
narrator's sentences (those with a word outside quotes), not a quote's.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Callable, Dict, List, Optional, Sequence, Tuple

from spacy.attrs import DEP, IDX, IS_ALPHA
from spacy.tokens import Doc, Token

from newskit.nlp import document
from newskit.records import Entity
from .quotedata import SUBJ, QuoteData

__all__ = ["Mention", "MentionTable", "OBJ"]

OBJ = frozenset({"dobj", "pobj", "dative", "attr", "appos"})


def _bare(word: str) -> str:
    """A word without zero-width and format characters pasted from web pages."""
    return "".join(ch for ch in word if ch.isprintable() and ch not in "\u200b\u200c\u200d\ufeff")


class Mention:
    """One mention of an entity: where (character, token, narration sentence, paragraph),
    its role ('s' subject, 'o' object, 'm' a name modifying a noun, '' other), whether it
    sits inside a quote or parentheses, is the subject of a speech verb, or is a pronoun
    resolved earlier."""
    __slots__ = ("start", "i", "sent", "para", "ent", "role", "quoted", "speech", "pron")

    def __init__(self, table: "MentionTable", head: Token, start: int, ent: Entity, pron: bool = False) -> None:
        self.start, self.i, self.ent, self.pron = start, head.i, ent, pron
        self.sent = table.sent_index(head.i)
        self.para = bisect_right(table.paras, head.idx)
        self.role, self.quoted, self.speech = table.role(head)


class MentionTable:
    """The mentions of one document (see the module docstring)."""

    def __init__(self, doc: Doc, entities: Sequence[Entity], in_quote: Callable[[int], bool],
                 data: QuoteData) -> None:
        self.doc = doc
        self.in_quote = in_quote
        self.lex = data.coref
        self.speech = data.words.speech   # lemmas of speech verbs: a subject of one is a source
        self.given_names = data.given_names
        self.paras = document.line_starts(doc)
        self.sent_starts = [s.start for s in doc.sents] if len(doc) else []
        self.starts = doc.to_array(IDX).tolist() if len(doc) else []
        self._narr = self._narrator_sentences()
        self.text = document.text(doc)
        self.named: List[Mention] = []
        self.linked: Dict[int, Entity] = {}    # token → entity, for names the tagger missed
        # family names of the people tagged as such: "the Ruiz family", a relative tagged ORG
        self.surnames = {e.name.split()[-1] for e in entities if e.label == "PERSON" and " " in e.name}
        self._by_surname: Dict[str, Optional[Entity]] = {}
        for e in entities:
            if e.label == "PERSON" and " " in e.name:
                last = e.name.split()[-1]
                # a family name two people share names neither
                self._by_surname[last] = None if last in self._by_surname else e
        self.described: Dict[str, List[Tuple[int, Entity]]] = {}
        covered = set()
        for ent in entities:
            for m in ent.mentions:
                head = self.head_of(m.start, m.end)
                if head is None:
                    continue
                covered.update(range(bisect_left(self.starts, m.start), head.i + 1))
                self.named.append(Mention(self, head, m.start, ent))
                if ent.label == "PERSON":
                    self._index_descriptions(head, ent)
        self._add_unlisted(covered)
        self.named.sort(key=lambda x: x.start)
        self.named_starts = [m.start for m in self.named]
        for lst in self.described.values():
            lst.sort(key=lambda x: x[0])
        # pronouns and descriptions resolved so far, in text order (mentions of their entity)
        self.resolved: List[Mention] = []
        self.resolved_starts: List[int] = []

    def add_resolved(self, tok: Token, ent: Entity) -> None:
        """A pronoun or description outside quotes resolved to ``ent``: a mention of it from now on
        (only in text order: an earlier token asked about later is not added)."""
        if not self.in_quote(tok.idx) and (not self.resolved_starts or tok.idx > self.resolved_starts[-1]):
            self.resolved.append(Mention(self, tok, tok.idx, ent, pron=True))
            self.resolved_starts.append(tok.idx)

    def _add_unlisted(self, covered) -> None:
        """People the entity tagger missed: a proper-noun subject outside quotes whose first
        word is a given name of known gender, or that follows a title ("Chief Okafor said");
        a family name of a tagged person links to that person ("Ruiz said" missed once).
        They take part in resolution as entities with an id starting "~" (not in the output)."""
        lex, gender = self.lex, self.given_names.gender
        found: Dict[str, List[Tuple[Token, Token]]] = {}
        for tok in self.tokens_among(DEP, SUBJ):
            if not tok.text[:1].isupper() or tok.i in covered or self.in_quote(tok.idx):
                continue
            known = self._by_surname.get(_bare(tok.text))
            if known is not None:   # "Ruiz said" where the tagger missed this one mention
                self.named.append(Mention(self, tok, tok.idx, known))
                self.linked[tok.i] = known
                continue
            if tok.pos_ != "PROPN":
                continue
            first = tok
            while first.i > 0 and self.doc[first.i - 1].pos_ == "PROPN" and self.doc[first.i - 1].head.i == tok.i \
                    and self.doc[first.i - 1].dep_ in ("compound", "flat") and tok.i - first.i < 3:
                first = self.doc[first.i - 1]
            titled = False
            for t in self.doc[max(0, first.i - 1):tok.i]:
                if t.lower_ in lex.titles:   # "Chief Okafor": the name starts after its title
                    titled, first = True, self.doc[t.i + 1]
            if (first.i < tok.i and gender(first.text)) or titled or tok.text in found:
                found.setdefault(tok.text, []).append((first, tok))
        for k, (last, occ) in enumerate(sorted(found.items())):
            name = max((self.doc[f.i:t.i + 1].text for f, t in occ), key=len)
            if " " not in name and not any(f.i > 0 and self.doc[f.i - 1].lower_ in lex.titles for f, _ in occ) \
                    and not gender(name):
                continue
            ent = Entity(id=f"~{k}", name=name, label="PERSON", mentions=[], count=len(occ), first=occ[0][0].idx)
            self.surnames.add(name.split()[-1])
            for f, t in occ:
                self.named.append(Mention(self, t, f.idx, ent))
                self.linked[t.i] = ent

    def _index_descriptions(self, head: Token, ent: Entity) -> None:
        """Nouns that describe a named person where it is introduced."""
        lemmas = []
        for c in head.children:
            if c.dep_ == "appos" and c.pos_ == "NOUN":
                lemmas.append(c.lemma_.lower())
            if c.dep_ in ("compound", "amod", "nmod") and c.i < head.i and c.pos_ == "NOUN" and c.is_lower:
                lemmas.append(c.lemma_.lower())
        if head.dep_ == "appos" and head.head.pos_ == "NOUN":
            lemmas.append(head.head.lemma_.lower())     # "the coach, Ana Ruiz,"
        if head.dep_ in SUBJ and head.head.lemma_ == "be":
            for c in head.head.children:
                if c.dep_ == "attr" and c.pos_ == "NOUN":
                    lemmas.append(c.lemma_.lower())   # "Ruiz is a nurse"
        for t in ent.titles or ():
            tl = t.lower()
            lemmas.append(self.lex.aliases.get(tl, tl).rstrip("."))
            lemmas.append(tl.split()[-1].rstrip(".") if " " in tl else tl.rstrip("."))
        for lemma in set(lemmas):
            self.described.setdefault(lemma, []).append((head.idx, ent))

    # ------------------------------------------------------------------ geometry
    def _narrator_sentences(self) -> List[int]:
        """For each sentence, how many sentences of narration (with a word outside quotes)
        start at or before it: recency counts the narrator's sentences, not a quote's."""
        out, n = [], 0
        starts = self.sent_starts
        alpha = self.doc.to_array(IS_ALPHA).tolist() if len(self.doc) else []
        for si, a in enumerate(starts):
            b = starts[si + 1] if si + 1 < len(starts) else len(self.doc)
            if any(alpha[i] and not self.in_quote(self.starts[i]) for i in range(a, b)):
                n += 1
            out.append(n)
        return out

    def tokens_among(self, attr: int, values) -> List[Token]:
        """The tokens whose ``attr`` (LOWER, DEP, ...) is one of ``values``, in text order."""
        if not len(self.doc):
            return []
        strings = self.doc.vocab.strings   # symbol ids for spaCy's own labels, hashes otherwise
        wanted = {strings[v] for v in values}
        doc = self.doc
        return [doc[i] for i, v in enumerate(doc.to_array(attr).tolist()) if v in wanted]

    def sent_index(self, i: int) -> int:
        """Narration-sentence index of token ``i``."""
        k = bisect_right(self.sent_starts, i) - 1
        return self._narr[k] if k >= 0 else 0

    def head_of(self, s: int, e: int) -> Optional[Token]:
        a = bisect_left(self.starts, s)
        b = bisect_left(self.starts, e)
        if a >= b:
            return None
        toks = self.doc[a:b]
        return toks.root

    def role(self, head: Token) -> Tuple[str, bool, bool]:
        """(role, quoted, speech) of a mention headed by ``head`` (see :class:`Mention`)."""
        dep = head.dep_
        if dep in ("compound", "nmod") and head.head.pos_ == "NOUN":
            role = "m"    # "the Ruiz family", "a Smith Corp. pipeline": not a participant
        else:
            role = "s" if dep in SUBJ else "o" if dep in OBJ else ""
        # (a photo credit "(Ana Ruiz/Reuters)" is no participant either)
        quoted = self.in_quote(head.idx) or self._in_parentheses(head.idx)
        speech = role == "s" and not quoted and head.head.lemma_.lower() in self.speech
        return role, quoted, speech

    def _in_parentheses(self, pos: int) -> bool:
        text = self.text
        lo = text.rfind("\n", 0, pos) + 1
        return text.rfind("(", lo, pos) > text.rfind(")", lo, pos)
