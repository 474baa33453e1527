"""The hard constraints of the speaker resolver: animacy, number and gender agreement between
a pronoun (or a description) and an entity, facts of English applied before the ranker.

* animacy: he/she only a person, never an entity labelled GPE, LOC, FAC or NORP whatever its
  words, nor an organisation unless its name is a person's (a given name of known gender, an
  honorific, a tagged person's family name); a "person" used after a preposition of place in
  a third of its mentions is a place ("in Santa Clara"); it an organisation, place or thing,
  never a person or a work title;
* a quote's "it" is a place only when no organisation is in the window: a place speaks
  through its government (:func:`places_speak_through_organisations`);
* number: they an organisation, a group or a place; a description ("the company", "the
  city") only an organisation or a government; a description never names a nationality or
  party ("the Ohio Democrat");
* gender (:meth:`Agreement.gender`): honorifics, the given name (gender-guesser, through the
  shared ``DocumentData.given_names``), and the pronouns the article already uses next to
  the name (votes that never outweigh a title).

Each kind of pronoun is a letter (:func:`pronoun_kind`, :meth:`Agreement.fits`).
Limits: gender from names is the library's answer for the name alone (no country); no
binding inside one clause.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Dict, List, Tuple

from spacy.attrs import LOWER
from spacy.tokens import Token

from newskit.nlp.givennames import GivenNames
from newskit.records import Entity
from .mentions import Mention, MentionTable
from .quotedata import CorefWords

__all__ = ["Agreement", "pronoun_kind", "places_speak_through_organisations", "IT_LABELS", "THEY_LABELS",
           "ORG_LABELS", "NOT_ANIMATE"]

# (a nationality or party names people, "they", never "it")
IT_LABELS = frozenset({"ORG", "GPE", "FAC", "PRODUCT", "LOC", "LAW", "EVENT"})
THEY_LABELS = frozenset({"ORG", "NORP", "GPE"})
ORG_LABELS = frozenset({"ORG", "GPE"})
NOT_ANIMATE = frozenset({"GPE", "LOC", "FAC", "NORP"})   # a place or a nationality is never he or she
_NO_ONE = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY", "WORK_OF_ART"})


def pronoun_kind(tok: Token, lex: CorefWords) -> str:
    """'m' (he), 'f' (she), 'p' (they), 'n' (it) and their forms; '' for any other word."""
    lw = tok.lower_
    return "m" if lw in lex.male else "f" if lw in lex.female else "p" if lw in lex.plural \
        else "n" if lw in lex.neuter else ""


def places_speak_through_organisations(found: Dict[str, List[Mention]]) -> None:
    """A quote's "it" is an organisation when one is in the window: a place speaks only through
    its government ("Crestline Power ... Millbrook ... it said" is the company). Drops the
    places from ``found`` (entity id -> mentions) then; with no organisation they stay."""
    labels = {key: ms[0].ent.label for key, ms in found.items()}
    if any(label == "ORG" for label in labels.values()):
        for key, label in labels.items():
            if label in NOT_ANIMATE:
                del found[key]


class Agreement:
    """Animacy and gender of the entities of one document, and whether one fits a pronoun kind."""

    def __init__(self, mentions: MentionTable, lex: CorefWords, given_names: GivenNames, read: int = 20) -> None:
        self.mentions = mentions
        self.lex = lex
        self.read = read   # how many of an entity's first mentions are read (config: mentions_read)
        self.given = given_names.gender
        self._gender: Dict[str, str] = {}
        self._animate: Dict[str, bool] = {}
        self._votes: Dict[str, List[int]] = _pronoun_votes(mentions, lex)

    def gender(self, ent: Entity) -> str:
        """"m", "f" or "" (unknown): honorifics, the given name, then the article's pronouns."""
        g = self._gender.get(ent.id)
        if g is not None:
            return g
        tm, tf = self._title_gender(ent)
        m, f = 3 * tm, 3 * tf
        # the given name: the first word of the longest mention whose first word has a known
        # gender ("Hillary Clinton" when a quote also calls her "Crooked Hillary Clinton")
        forms = sorted({x.text for x in ent.mentions[:self.read]} | {ent.name}, key=len, reverse=True)
        full = [x.split() for x in forms if " " in x.strip()]   # (a lone family name is no given name)
        if not full and ent.label == "PERSON":
            full = [x.split() for x in forms[:1] if x.strip()]
        for words in full:
            g = self.given(words[0])
            if g:
                m += 3 * (g == "m")
                f += 3 * (g == "f")
                break
        v = self._votes.get(ent.id)
        if v:   # pronoun votes are noisy when the tagger misses a name: they never outweigh a title
            m += min(v[0], 2)
            f += min(v[1], 2)
        g = "m" if m > f else "f" if f > m else ""
        self._gender[ent.id] = g
        return g

    def animate(self, ent: Entity) -> bool:
        """A person: tagged PERSON, or a name the tagger mislabelled (ORG, never a place or
        a nationality) that starts with a given name of known gender, follows an honorific
        or is a tagged person's family name ("Kevin Smith" tagged ORG)."""
        if ent.label == "PERSON":
            if ent.id not in self._animate:
                self._animate[ent.id] = not self._place_like(ent)
            return self._animate[ent.id]
        if ent.label in NOT_ANIMATE or ent.label in _NO_ONE:
            return False   # a place or a nationality is never he or she, whatever its words
        a = self._animate.get(ent.id)
        if a is None:
            a = any(
                len(m.text.split()) >= 2 and self.given(m.text.split()[0]) for m in ent.mentions[:self.read]) \
                or bool(sum(self._title_gender(ent))) \
                or ent.name.split()[-1] in self.mentions.surnames \
                or any(w.lower() in self.lex.titles for w in ent.name.split()[:-1])   # "Chief Okonkwo" tagged ORG
            self._animate[ent.id] = a
        return a

    def fits(self, ent: Entity, kind: str) -> bool:
        """Animacy, number and gender agreement of an entity with a pronoun kind:
        'm', 'f' (he, she), 'a' (a person of either gender), 'p' (they), 'n' (it), 'o' (an organisation
        or a government: "the city"), 'c' (an organisation only: "the company"), 's' (any who can
        speak: a person, an organisation, a government)."""
        if kind in ("m", "f", "a"):
            if not self.animate(ent):
                return False
            if kind == "a":
                return True
            g = self.gender(ent)
            return not g or g == kind
        if kind == "p":
            return ent.label in THEY_LABELS
        if kind == "o":
            return ent.label in ORG_LABELS
        if kind == "c":
            return ent.label == "ORG"
        if kind == "s":   # (a description: never a nationality or party, "the Ohio Democrat")
            return ent.label in ORG_LABELS or self.animate(ent)
        return ent.label in IT_LABELS

    def _place_like(self, ent: Entity) -> bool:
        """A name used after a preposition of place ("in Santa Clara") in a third of its
        mentions or more is not a person, whatever the tagger says."""
        n = 0
        doc, starts = self.mentions.doc, self.mentions.starts
        mentions = ent.mentions[:self.read]
        for m in mentions:
            i = bisect_left(starts, m.start)
            if 0 < i < len(doc) and starts[i] == m.start and doc[i - 1].lower_ in self.lex.place_preps:
                j = bisect_left(starts, m.end)
                n += j >= len(doc) or doc[j].tag_ != "POS"
        return n > 0 and 3 * n >= len(mentions)

    def _title_gender(self, ent: Entity) -> Tuple[int, int]:
        lex = self.lex
        doc, starts = self.mentions.doc, self.mentions.starts
        m = f = 0
        for t in ent.titles or ():
            tl = t.lower()
            m += tl in lex.male_titles
            f += tl in lex.female_titles
        for men in ent.mentions[:self.read]:
            i = bisect_left(starts, men.start)
            if 0 < i < len(doc) and starts[i] == men.start:
                prev = doc[i - 1].lower_
                m += prev in lex.male_titles
                f += prev in lex.female_titles
        return m, f


def _pronoun_votes(table: MentionTable, lex: CorefWords) -> Dict[str, List[int]]:
    """A he/she outside quotes whose sentence (and the one before) names exactly one
    person votes for that person's gender: entity id -> [he votes, she votes]."""
    votes: Dict[str, List[int]] = {}
    for tok in table.tokens_among(LOWER, lex.male | lex.female):
        lw = tok.lower_
        if table.in_quote(tok.idx):
            continue
        k = bisect_right(table.sent_starts, tok.i) - 1
        lo = table.starts[table.sent_starts[max(0, k - 1)]]
        k = bisect_left(table.named_starts, tok.idx)
        found = set()
        for j in range(k - 1, max(-1, k - 20), -1):
            m = table.named[j]
            if m.start < lo:
                break
            if m.ent.label == "PERSON" and not table.in_quote(m.start):
                found.add(m.ent.id)
        if len(found) == 1:
            v = votes.setdefault(found.pop(), [0, 0])
            v[0 if lw in lex.male else 1] += 1
    return votes
