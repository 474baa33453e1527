"""Speaker resolver: a mention-level coreference for the people and organisations of one article.

``Resolver(doc, entities, in_quote)`` answers three questions, each in time bounded by a
fixed window, so a whole article costs time linear in its length:

* ``pronoun(tok, prev_speaker, exclude)``: the entity a he/she/they/it (and his/her/their/its)
  stands for, or None. Hard constraints come first, as rules: animacy (he/she only a person,
  never an entity labelled GPE, LOC, FAC or NORP whatever its words, nor an organisation
  unless its name is a person's; it an organisation, place or thing, never a person or a work
  title; a quote's "it" is a place only when no organisation is in the window: a place speaks
  through its government), number (they an organisation or group; a pair "X and Y" or a plural phrase for
  people is no entity: ``sources`` names it as a whole) and gender (honorifics, the given name
  through ``gender-guesser``, pronouns the article already uses next to the name). Among the
  candidates left (``candidates``: the entities named in the window, the adjacent quote's
  speaker, and for he/she with none in the window the last person of that gender before it)
  the speaker ranker (``ranker.py``, weights learned by ``python -m newskit.train speakers``)
  picks one from features: distance, syntactic role, inside a quote, subject of a speech
  verb, the adjacent quote's speaker, earlier pronouns and definite descriptions resolved to
  it ("the mayor" after "Mayor Ana Ruiz"), label, ...; a person sought as a quote's source
  has its features again under ``src_`` names, weighed apart from a narration pronoun's.
  ``resolved(tok)`` gives the answer again for a pronoun already asked about.
* ``description(head)``: "the goalkeeper" → the person introduced with that noun as an
  apposition ("Omar Haddad, the team's goalkeeper"), a premodifier ("goalkeeper Omar Haddad"),
  a predicate ("Haddad is a goalkeeper") or a title ("Sen. Ruiz" → "the senator").
* ``salient(tok, kind)`` / ``salient_person(tok, words)``: the entity a description with no
  introduction stands for ("the company", "the minister"), by the same constraints (a
  description never names a nationality or party) and the same ranker;
* ``gender(ent)``: "m", "f" or "" (unknown).

Limits: no coreference model; the window is the last ``WINDOW_SENTS`` sentences (and at most
``WINDOW_MENTIONS`` mentions); plural phrases ("the nurses", "Ana Ruiz and Tom Li") are not
entities: the quote finder gives them to "they" by recency (``sources._group_antecedent``);
binding inside one clause is not checked.
Word lists: ``models/coref.json``.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Callable, Dict, FrozenSet, List, Optional, Sequence, Tuple

from spacy.attrs import DEP, IDX, IS_ALPHA, LOWER
from spacy.tokens import Doc, Token

from newskit.nlp import document
from newskit.records import Entity
from newskit.nlp.resources import load_json, load_set, per_models
from newskit.nlp.givennames import given_name_gender
from .ranker import Ranker, candidate_features, named

# the candidate window (cost bound, not tuned to data): an antecedent this far back is rare
WINDOW_SENTS = 6        # how many sentences back a pronoun looks for its antecedent
WINDOW_MENTIONS = 60    # and at most this many mentions
_SUBJ = {"nsubj", "nsubjpass"}
_OBJ = {"dobj", "pobj", "dative", "attr", "appos"}
# (a nationality or party names people, "they", never "it")
_IT_LABELS = {"ORG", "GPE", "FAC", "PRODUCT", "LOC", "LAW", "EVENT"}
_THEY_LABELS = {"ORG", "NORP", "GPE"}
_ORG_LABELS = {"ORG", "GPE"}
_NOT_ANIMATE = {"GPE", "LOC", "FAC", "NORP"}   # a place or a nationality is never he or she
# the ranker keeps two sets of weights: for a person (he, she, "the defender") and for anything
# else (it, they, "the company")
_KIND_GROUP = {"m": "person", "f": "person", "a": "person"}


class _Lex:
    def __init__(self) -> None:
        d = load_json("en/quotes/coref.json")
        self.male = frozenset(d["male_pronouns"])
        self.female = frozenset(d["female_pronouns"])
        self.plural = frozenset(d["plural_pronouns"])
        self.neuter = frozenset(d["neuter_pronouns"])
        self.male_titles = frozenset(d["male_titles"])
        self.female_titles = frozenset(d["female_titles"])
        self.aliases: Dict[str, str] = dict(d["title_aliases"])
        self.determiners = frozenset(d["definite_determiners"])
        self.place_preps = frozenset(d["place_prepositions"])
        # titles that stand before a person's name ("Sen.", "Chief", "Dr."): shared with entities
        self.titles = load_set("en/document/titles.txt") | self.male_titles | self.female_titles
        self.org_nouns = frozenset(d["organisation_nouns"])
        self.government_nouns = frozenset(d["government_nouns"])
        self.agent_suffixes = tuple(d["agent_noun_suffixes"])


@per_models
def lexicon() -> _Lex:
    return _Lex()


def _bare(word: str) -> str:
    """A word without zero-width and format characters pasted from web pages."""
    return "".join(ch for ch in word if ch.isprintable() and ch not in "\u200b\u200c\u200d\ufeff")


class _Mention:
    """One mention of an entity: where (character, token, narration sentence, paragraph),
    its role ('s' subject, 'o' object, 'm' a name modifying a noun, '' other), whether it
    sits inside a quote or parentheses, is the subject of a speech verb, or is a pronoun
    resolved earlier."""
    __slots__ = ("start", "i", "sent", "para", "ent", "role", "quoted", "speech", "pron")

    def __init__(self, res: "Resolver", head: Token, start: int, ent: Entity, pron: bool = False) -> None:
        self.start, self.i, self.ent, self.pron = start, head.i, ent, pron
        self.sent = res.sent_index(head.i)
        self.para = bisect_right(res._paras, head.idx)
        self.role, self.quoted, self.speech = res._role(head)


def _places_speak_through_organisations(found: Dict[str, List["_Mention"]]) -> None:
    """A quote's "it" is an organisation when one is in the window: a place speaks only through
    its government ("Crestline Power ... Millbrook ... it said" is the company). Drops the
    places from ``found`` (entity id -> mentions) then; with no organisation they stay."""
    labels = {key: ms[0].ent.label for key, ms in found.items()}
    if any(label == "ORG" for label in labels.values()):
        for key, label in labels.items():
            if label in _NOT_ANIMATE:
                del found[key]


class Resolver:
    """Coreference for one document (see the module docstring)."""

    def __init__(self, doc: Doc, entities: Sequence[Entity], in_quote: Callable[[int], bool],
                 ranker: Optional[Ranker] = None, speech: FrozenSet[str] = frozenset()) -> None:
        self.doc = doc
        self.lex = lexicon()
        self.in_quote = in_quote
        self.ranker = ranker or Ranker.load()   # (the weights of the data folder in force)
        self.speech = speech    # lemmas of speech verbs: a subject of one is a source
        self._paras = document.line_starts(doc)
        self.sent_starts = [s.start for s in doc.sents] if len(doc) else []
        self._starts = doc.to_array(IDX).tolist() if len(doc) else []
        self._narr = self._narrator_sentences()
        self._text = document.text(doc)
        self._gender: Dict[str, str] = {}
        self._animate: Dict[str, bool] = {}
        self._votes: Dict[str, List[int]] = {}
        self._named: List[_Mention] = []
        self._linked: Dict[int, Entity] = {}    # token → entity, for names the tagger missed
        # family names of the people tagged as such: "the Ruiz family", a relative tagged ORG
        self._surnames = {e.name.split()[-1] for e in entities if e.label == "PERSON" and " " in e.name}
        self._by_surname: Dict[str, Entity] = {}
        for e in entities:
            if e.label == "PERSON" and " " in e.name:
                last = e.name.split()[-1]
                # a family name two people share names neither
                self._by_surname[last] = None if last in self._by_surname else e
        self._described: Dict[str, List[Tuple[int, Entity]]] = {}
        covered = set()
        for ent in entities:
            for m in ent.mentions:
                head = self._head_of(m.start, m.end)
                if head is None:
                    continue
                covered.update(range(bisect_left(self._starts, m.start), head.i + 1))
                self._named.append(_Mention(self, head, m.start, ent))
                if ent.label == "PERSON":
                    self._index_descriptions(head, ent)
        self._add_unlisted(covered)
        self._named.sort(key=lambda x: x.start)
        self._named_starts = [m.start for m in self._named]
        for lst in self._described.values():
            lst.sort(key=lambda x: x[0])
        # pronouns resolved so far, in text order (they count as mentions of their entity)
        self._resolved: List[_Mention] = []
        self._resolved_starts: List[int] = []
        self._memo: Dict[int, Optional[Entity]] = {}
        self._scanned = 0    # characters before this offset were walked by ``_catch_up``
        self._last_table: Dict[str, List[Optional[Entity]]] = {}
        self._mention_starts: Dict[str, List[int]] = {}
        self._collect_votes()

    def _add_unlisted(self, covered) -> None:
        """People the entity tagger missed: a proper-noun subject outside quotes whose first
        word is a given name of known gender, or that follows a title ("Chief Okafor said");
        a family name of a tagged person links to that person ("Ruiz said" missed once).
        They take part in resolution as entities with an id starting "~" (not in the output)."""
        lex = self.lex
        found: Dict[str, List[Tuple[Token, Token]]] = {}
        for tok in self._tokens_among(DEP, _SUBJ):
            if not tok.text[:1].isupper() or tok.i in covered or self.in_quote(tok.idx):
                continue
            known = self._by_surname.get(_bare(tok.text))
            if known is not None:   # "Ruiz said" where the tagger missed this one mention
                self._named.append(_Mention(self, tok, tok.idx, known))
                self._linked[tok.i] = known
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
            if (first.i < tok.i and given_name_gender(first.text)) or titled or tok.text in found:
                found.setdefault(tok.text, []).append((first, tok))
        for k, (last, occ) in enumerate(sorted(found.items())):
            name = max((self.doc[f.i:t.i + 1].text for f, t in occ), key=len)
            if " " not in name and not any(f.i > 0 and self.doc[f.i - 1].lower_ in lex.titles for f, _ in occ) \
                    and not given_name_gender(name):
                continue
            ent = Entity(id=f"~{k}", name=name, label="PERSON", mentions=[], count=len(occ), first=occ[0][0].idx)
            self._surnames.add(name.split()[-1])
            for f, t in occ:
                self._named.append(_Mention(self, t, f.idx, ent))
                self._linked[t.i] = ent

    def linked(self, tok: Token) -> Optional[Entity]:
        """The entity of a proper-noun subject the tagger missed, if the resolver knows it."""
        return self._linked.get(tok.i)

    # ------------------------------------------------------------------ helpers
    def _narrator_sentences(self) -> List[int]:
        """For each sentence, how many sentences of narration (with a word outside quotes)
        start at or before it: recency counts the narrator's sentences, not a quote's."""
        out, n = [], 0
        starts = self.sent_starts
        alpha = self.doc.to_array(IS_ALPHA).tolist() if len(self.doc) else []
        for si, a in enumerate(starts):
            b = starts[si + 1] if si + 1 < len(starts) else len(self.doc)
            if any(alpha[i] and not self.in_quote(self._starts[i]) for i in range(a, b)):
                n += 1
            out.append(n)
        return out

    def _tokens_among(self, attr: int, values) -> List[Token]:
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

    def _head_of(self, s: int, e: int) -> Optional[Token]:
        a = bisect_left(self._starts, s)
        b = bisect_left(self._starts, e)
        if a >= b:
            return None
        toks = self.doc[a:b]
        return toks.root

    def _role(self, head: Token) -> Tuple[str, bool, bool]:
        """(role, quoted, speech) of a mention headed by ``head`` (see ``_Mention``)."""
        dep = head.dep_
        if dep in ("compound", "nmod") and head.head.pos_ == "NOUN":
            role = "m"    # "the Ruiz family", "a Smith Corp. pipeline": not a participant
        else:
            role = "s" if dep in _SUBJ else "o" if dep in _OBJ else ""
        # (a photo credit "(Ana Ruiz/Reuters)" is no participant either)
        quoted = self.in_quote(head.idx) or self._in_parentheses(head.idx)
        speech = role == "s" and not quoted and head.head.lemma_.lower() in self.speech
        return role, quoted, speech

    def _in_parentheses(self, pos: int) -> bool:
        text = self._text
        lo = text.rfind("\n", 0, pos) + 1
        return text.rfind("(", lo, pos) > text.rfind(")", lo, pos)

    # ------------------------------------------------------------------ gender
    def _collect_votes(self) -> None:
        """A he/she outside quotes whose sentence (and the one before) names exactly one
        person votes for that person's gender."""
        lex = self.lex
        for tok in self._tokens_among(LOWER, lex.male | lex.female):
            lw = tok.lower_
            if self.in_quote(tok.idx):
                continue
            k = bisect_right(self.sent_starts, tok.i) - 1
            lo = self._starts[self.sent_starts[max(0, k - 1)]]
            k = bisect_left(self._named_starts, tok.idx)
            found = set()
            for j in range(k - 1, max(-1, k - 20), -1):
                m = self._named[j]
                if m.start < lo:
                    break
                if m.ent.label == "PERSON" and not self.in_quote(m.start):
                    found.add(m.ent.id)
            if len(found) == 1:
                v = self._votes.setdefault(found.pop(), [0, 0])
                v[0 if lw in lex.male else 1] += 1

    def gender(self, ent: Entity) -> str:
        g = self._gender.get(ent.id)
        if g is not None:
            return g
        tm, tf = self._title_gender(ent)
        m, f = 3 * tm, 3 * tf
        # the given name: the first word of the longest mention whose first word has a known
        # gender ("Hillary Clinton" when a quote also calls her "Crooked Hillary Clinton")
        forms = sorted({x.text for x in ent.mentions[:20]} | {ent.name}, key=len, reverse=True)
        full = [x.split() for x in forms if " " in x.strip()]   # (a lone family name is no given name)
        if not full and ent.label == "PERSON":
            full = [x.split() for x in forms[:1] if x.strip()]
        for words in full:
            g = given_name_gender(words[0])
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
        if ent.label in _NOT_ANIMATE or ent.label in (
                "DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY", "WORK_OF_ART"):
            return False   # a place or a nationality is never he or she, whatever its words
        a = self._animate.get(ent.id)
        if a is None:
            a = any(
                len(m.text.split()) >= 2 and given_name_gender(m.text.split()[0]) for m in ent.mentions[:20]) \
                or bool(sum(self._title_gender(ent))) \
                or ent.name.split()[-1] in self._surnames \
                or any(w.lower() in self.lex.titles for w in ent.name.split()[:-1])   # "Chief Okonkwo" tagged ORG
            self._animate[ent.id] = a
        return a

    def _place_like(self, ent: Entity) -> bool:
        """A name used after a preposition of place ("in Santa Clara") in a third of its
        mentions or more is not a person, whatever the tagger says."""
        n = 0
        mentions = ent.mentions[:20]
        for m in mentions:
            i = bisect_left(self._starts, m.start)
            if 0 < i < len(self.doc) and self._starts[i] == m.start and self.doc[i - 1].lower_ in self.lex.place_preps:
                j = bisect_left(self._starts, m.end)
                n += j >= len(self.doc) or self.doc[j].tag_ != "POS"
        return n > 0 and 3 * n >= len(mentions)

    def _title_gender(self, ent: Entity) -> Tuple[int, int]:
        lex = self.lex
        m = f = 0
        for t in ent.titles or ():
            tl = t.lower()
            m += tl in lex.male_titles
            f += tl in lex.female_titles
        for men in ent.mentions[:20]:
            i = bisect_left(self._starts, men.start)
            if 0 < i < len(self.doc) and self._starts[i] == men.start:
                prev = self.doc[i - 1].lower_
                m += prev in lex.male_titles
                f += prev in lex.female_titles
        return m, f

    def _fits(self, ent: Entity, kind: str) -> bool:
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
            return ent.label in _THEY_LABELS
        if kind == "o":
            return ent.label in _ORG_LABELS
        if kind == "c":
            return ent.label == "ORG"
        if kind == "s":   # (a description: never a nationality or party, "the Ohio Democrat")
            return ent.label in _ORG_LABELS or self.animate(ent)
        return ent.label in _IT_LABELS

    def kind_of(self, tok: Token) -> str:
        lw = tok.lower_
        lex = self.lex
        return "m" if lw in lex.male else "f" if lw in lex.female else "p" if lw in lex.plural \
            else "n" if lw in lex.neuter else ""

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
        a = bisect_left(self._starts, start)
        b = bisect_left(self._starts, pos)
        for i in range(a, b):
            t = self.doc[i]
            lw = t.lower_
            if (lw in lex.male or lw in lex.female) and i not in self._memo and not self.in_quote(t.idx):
                ent = self._rank(t, self.kind_of(t), None, (0, 0))
                self._remember(t, ent)
            elif t.pos_ == "NOUN" and (t.lemma_.lower() in self._described or lw in self._described) \
                    and not self.in_quote(t.idx):
                # "the mayor" after "Mayor Ana Ruiz": a mention of her in the chain too
                ent = self.description(t)
                if ent is not None:
                    self._remember(t, ent)

    def _remember(self, tok: Token, ent: Optional[Entity]) -> None:
        self._memo[tok.i] = ent
        if ent is not None and not self.in_quote(tok.idx) and \
                (not self._resolved_starts or tok.idx > self._resolved_starts[-1]):
            self._resolved.append(_Mention(self, tok, tok.idx, ent, pron=True))
            self._resolved_starts.append(tok.idx)

    def candidates(self, tok: Token, kind: str, prev_speaker: Optional[Entity], exclude: Tuple[int, int],
                   prev_broken: bool = False) -> Tuple[List[Entity], List[Dict[str, float]]]:
        """The entities before ``tok`` that pass the constraints for ``kind`` (see ``_fits``),
        most recent first, with the ranker's features (names "person:..." for a person's
        kinds, "thing:..." for the others): the entities named in the window, the adjacent
        quote's speaker (``prev_speaker``; ``prev_broken``: another person was named since)
        and, for he/she with none in the window, the last person of that gender before it."""
        si = self.sent_index(tok.i)
        lo_sent = si - WINDOW_SENTS
        para = bisect_right(self._paras, tok.idx)
        found: Dict[str, List[_Mention]] = {}
        fits: Dict[str, bool] = {}
        far: Optional[Entity] = None
        for pool, starts in ((self._named, self._named_starts), (self._resolved, self._resolved_starts)):
            k = bisect_left(starts, tok.idx)
            for j in range(k - 1, max(-1, k - 1 - WINDOW_MENTIONS), -1):
                m = pool[j]
                if m.sent < lo_sent:
                    break
                if exclude[0] <= m.start < exclude[1]:
                    continue
                ok = fits.get(m.ent.id)
                if ok is None:
                    ok = fits[m.ent.id] = self._fits(m.ent, kind)
                if ok:
                    found.setdefault(m.ent.id, []).append(m)
        if kind == "n" and exclude[1] > exclude[0]:
            _places_speak_through_organisations(found)
        ents: List[Entity] = []
        feats: List[Dict[str, float]] = []
        group = _KIND_GROUP.get(kind, "thing")
        # a person sought as a quote's source (not a pronoun of the narration): the same
        # features again under "src_" names, so that the ranker can weigh them differently there
        source = group == "person" and exclude[1] > exclude[0]
        if prev_speaker is not None and prev_speaker.id not in found and self._fits(prev_speaker, kind):
            found[prev_speaker.id] = []   # the adjacent quote's speaker, named before the window
        if not found and kind in ("m", "f"):
            # a he/she has an antecedent: the last person of that gender named before the window
            far = self._last_person(bisect_left(self._named_starts, tok.idx), kind)
            if far is not None:
                found[far.id] = []
        order = sorted(found, key=lambda k: (-max((m.start for m in found[k]), default=-1), k))
        by_id = {e.id: e for e in (prev_speaker, far) if e is not None}
        for rank, key in enumerate(order):
            ms = found[key]
            ent = ms[0].ent if ms else by_id[key]
            f = candidate_features(ms, si, para, tok.i, ent, self._named_before(ent, tok.idx), WINDOW_SENTS)
            f["nearest"] = float(rank == 0)
            if prev_speaker is not None and ent.id == prev_speaker.id:
                f["prev_speaker_broken" if prev_broken else "prev_speaker"] = 1.0
            if source:
                f.update({"src_" + k: v for k, v in list(f.items())})
            ents.append(ent)
            feats.append(named(f, group))
        return ents, feats

    def _named_before(self, ent: Entity, pos: int) -> int:
        """How many mentions of ``ent`` start before ``pos`` (what came later does not count:
        the same text alone or followed by more gives the same answer)."""
        starts = self._mention_starts.get(ent.id)
        if starts is None:
            starts = self._mention_starts[ent.id] = sorted(m.start for m in ent.mentions)
        return bisect_left(starts, pos)

    def _last_person(self, k: int, kind: str) -> Optional[Entity]:
        """The entity of the last named mention before mention ``k`` that fits ``kind``
        ('m' or 'f'); a table built once (linear), looked up in constant time."""
        table = self._last_table.get(kind)
        if table is None:
            table, last = [None], None
            for m in self._named:
                if self._fits(m.ent, kind) and self.gender(m.ent) == kind:
                    last = m.ent
                table.append(last)
            self._last_table[kind] = table
        return table[k]

    def _rank(self, tok: Token, kind: str, prev_speaker: Optional[Entity],
              exclude: Tuple[int, int], prev_broken: bool = False) -> Optional[Entity]:
        ents, feats = self.candidates(tok, kind, prev_speaker, exclude, prev_broken)
        best = self.ranker.best(feats)
        return ents[best] if best >= 0 else None

    # ------------------------------------------------------------------ descriptions
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
        if head.dep_ in _SUBJ and head.head.lemma_ == "be":
            for c in head.head.children:
                if c.dep_ == "attr" and c.pos_ == "NOUN":
                    lemmas.append(c.lemma_.lower())   # "Ruiz is a nurse"
        for t in ent.titles or ():
            tl = t.lower()
            lemmas.append(self.lex.aliases.get(tl, tl).rstrip("."))
            lemmas.append(tl.split()[-1].rstrip(".") if " " in tl else tl.rstrip("."))
        for lemma in set(lemmas):
            self._described.setdefault(lemma, []).append((head.idx, ent))

    def description(self, head: Token) -> Optional[Entity]:
        """The person a definite description headed by ``head`` names, or None."""
        if not any(c.dep_ == "det" and c.lower_ in self.lex.determiners for c in head.children):
            return None
        for key in (head.lemma_.lower(), head.lower_):
            lst = self._described.get(key)
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

    def agent_noun(self, word: str) -> bool:
        """A noun that names a person by what they do ("defender", "resident", "spokeswoman")."""
        return len(word) > 4 and word.endswith(self.lex.agent_suffixes) and word not in self.lex.org_nouns

    def salient(self, tok: Token, kind: str, exclude: Tuple[int, int] = (0, 0)) -> Optional[Entity]:
        """The most salient entity before ``tok`` of a pronoun kind (see ``_fits``)."""
        return self._rank(tok, kind, None, exclude)
