"""Quotes: direct, mixed and reported speech with cue, speaker and speaker name.

What it finds (``doc._.nk_quotes``, sorted by start, never overlapping):

* direct quotes between double marks (curly, straight, ``''…''``, «…», paired
  with each other) or single marks (‘…’, '…', three words or more, e.g. in
  headlines), also over several paragraphs (a paragraph left open and the next
  one opening again) and split by their attribution ("“A,” he said. “B.”":
  both parts get the same cue). The span is the content inside the marks.
  Transcript lines ("SMITH: …") and signed quotes ("“…” ― Ana Ruiz") too.
* mixed quotes: a quoted fragment inside reported speech ("X said that Y
  “…”", "X called it “…”"); the span is the reported clause holding the
  fragment, up to its closing mark.
* indirect quotes: a speech or belief verb with a clausal complement ("X said
  the talks failed", "X told Y that …", "X said in a statement that …"), a
  speech act with an infinitive ("urged the state to act"), a bare
  parenthetical attribution ("The plan, she said, will fail") and
  "according to X".
* the cue (the verb, or "according to"), the speaker (the in-text mention that
  governs the cue: a name, a pronoun, a description, a document) and the
  speaker's canonical name: he/she resolve to the nearest fitting person
  (a subject earlier in the paragraph, else the previous speaker, else the
  nearest person named; gender from honorifics and from pronouns used next to
  a name), role descriptions ("the senator") to the person introduced with
  that role, modified epithets ("the GOP nominee", "the Ohio businessman") to
  a person subject earlier in the sentence or else the article's most mentioned
  person, appositions ("one of the lawyers, Ana Ruiz,") to the name, "who" to
  its antecedent, passive agents ("was told by X") and participles after a name
  ("footage of X saying") to that name, they/it to a named organisation subject
  nearby, documents to their owner ("his letter", "an AFP report", "the
  resignation" after "his resignation", "X issued a statement"); a quote with
  no cue right after another quote (a floating quote) takes the previous
  speaker, unless a new named subject opens its paragraph.

Not quotes: short quoted phrases with no cue (scare quotes, titles), quoted
names after naming verbs (nicknames), apostrophes, section labels (UPDATE:),
short single-quoted lines of their own with no cue (section headings).
Limits: rule-based on spaCy's parse, so a wrong parse gives a wrong clause
span or speaker; nested reports are given once, to the outermost speech verb;
pronouns are resolved by salience rules, not by a coreference model; "they"
and "it" resolve only to a named organisation (a previous speaker or a nearby
subject), never to a plural description; epithets may pick the wrong person
when the article's most mentioned person is not the one meant. Word lists live
in ``models/speech_verbs.txt`` and ``models/quotes.json``.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from typing import Dict, List, Optional, Tuple

from spacy.language import Language
import numpy as np
from spacy.attrs import IDX, LEMMA, LOWER, ORTH, SPACY, TAG
from spacy.tokens import Doc, Token

from .boilerplate import content_before, in_boilerplate
from .records import Entity, Quote, TextSpan
from .resources import load_json, load_set

if not Doc.has_extension("nk_quotes"):
    Doc.set_extension("nk_quotes", default=None)

_VERB_TAGS = {"VB", "VBD", "VBG", "VBN", "VBP", "VBZ"}
_SUBJ = {"nsubj", "nsubjpass"}
_NOT_SPEAKER_ENTS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY", "WORK_OF_ART"}
_COMPLEMENT = {"dobj", "oprd", "attr", "dative", "ccomp", "xcomp", "acomp", "obj", "iobj"}
_END_PUNCT = ".!?"
_SENT_END = re.compile(r"[.!?][\"'”’)]*\s+(?=[\"“‘'(]*[A-Z0-9]|$)")
_ABBREV = re.compile(r"(?:^|[\s(-])(?:[A-Z][a-z]{0,3}|[A-Za-z](?:\.[A-Za-z])+|[A-Z])\.$")


def _sent_cuts(s: str):
    """Sentence ends in ``s`` (end offsets), skipping abbreviations (Mr., Sen., U.S.)."""
    for m in _SENT_END.finditer(s):
        if s[m.start()] == "." and _ABBREV.search(s[max(0, m.start() - 8):m.start() + 1]):
            continue
        yield m
_WORD = re.compile(r"\w+(?:[’'-]\w+)*")


class _Lex:
    """The word lists, loaded once."""

    def __init__(self) -> None:
        data = load_json("quotes.json")
        self.speech = load_set("speech_verbs.txt")
        self.belief = frozenset(data["belief_verbs"])
        self.partial = frozenset(data["partial_cues"]) | self.speech
        self.cues = self.speech | self.belief
        self.naming = frozenset(data["naming_verbs"])
        self.infinitive = frozenset(data["infinitive_cues"])
        self.not_labels = frozenset(data["not_speaker_labels"])
        self.aliases = dict(data["title_aliases"])
        self.cues = self.cues | self.infinitive
        self.source_nouns = frozenset(data["source_nouns"])
        self.publish = frozenset(data["publish_verbs"])
        self.owner_preps = frozenset(data["owner_preps"])
        self.roles = frozenset(data["roles"])
        self.female_titles = frozenset(data["female_titles"])
        self.male_titles = frozenset(data["male_titles"])
        self.male = frozenset(data["male_pronouns"])
        self.female = frozenset(data["female_pronouns"])
        self.plural = frozenset(data["plural_pronouns"])
        self.first = frozenset(data["first_person"])
        self.non_speaker = frozenset(data["non_speaker_pronouns"])


@lru_cache(maxsize=1)
def _lex() -> _Lex:  # noqa: D401
    return _Lex()


# --------------------------------------------------------------------------- quote marks
class _Seg:
    """Text between a pair of quote marks: ``[cs, ce)`` is the content."""

    __slots__ = ("os", "cs", "ce", "close", "single")

    def __init__(self, os_: int, cs: int, ce: int, close: int, single: bool) -> None:
        self.os, self.cs, self.ce, self.close, self.single = os_, cs, ce, close, single


def _para_bounds(text: str) -> List[int]:
    """Start offsets of paragraphs (lines)."""
    starts = [0]
    pos = text.find("\n")
    while pos >= 0:
        starts.append(pos + 1)
        pos = text.find("\n", pos + 1)
    return starts


_DQ = re.compile(r"''|[\"“”«»]")


def _is_open(text: str, i: int, width: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + width] if i + width < len(text) else " "
    return (before.isspace() or before in "([{—–-:;/") and not after.isspace()


def _continues(text: str, open_at: int, i: int) -> bool:
    """A quote opened at ``open_at`` may still be open at ``i``: every paragraph
    it runs into opens again with a quote mark (multi-paragraph quote)."""
    nl = text.find("\n", open_at, i)
    while nl >= 0:
        j = nl + 1
        while j < i and text[j] in " \t\r\n":
            j += 1
        if j < len(text) and j <= i and text[j] not in "“\"«" and text[j:j + 2] != "''":
            return False
        nl = text.find("\n", j, i)
    return True


def _double_segments(text: str) -> List[_Seg]:
    segs: List[_Seg] = []
    open_at = -1       # offset of the pending opening mark
    open_w = 0
    kind = ""
    for m in _DQ.finditer(text):
        i, mark = m.start(), m.group()
        w = len(mark)
        if open_at >= 0 and not _continues(text, open_at, i):
            open_at = -1
        fam = "''" if mark == "''" else '"'   # curly, straight and angle marks pair freely
        if mark in "“«":
            role = "open"
        elif mark in "”»":
            # a closing mark typed where a quote opens (at a paragraph start, before a word)
            line_start = text.rfind("\n", 0, i) + 1
            role = "open" if open_at < 0 and not text[line_start:i].strip() and _is_open(text, i, w) else "close"
        else:  # straight marks: direction from the context
            if open_at >= 0 and kind == fam:
                role = "close" if not _is_open(text, i, w) or text[open_at:i].count("\n") == 0 else "open"
            else:
                role = "open" if _is_open(text, i, w) else "close"
        if role == "open":
            if open_at >= 0:
                line_start = text.rfind("\n", 0, i) + 1
                if line_start > open_at and text[line_start:i].strip() == "":
                    # multi-paragraph quote: the previous paragraph ends open and
                    # this paragraph opens again at its very start
                    continue
                # an opening mark while one is pending: restart here
            open_at, open_w, kind = i, w, fam
        else:
            if open_at < 0 or kind != fam:
                continue
            cs, ce = open_at + open_w, i
            if text[cs:ce].strip():
                segs.append(_Seg(open_at, cs, ce, i + w, False))
            open_at = -1
    return segs


_SQ = re.compile(r"[‘’']")


def _single_segments(text: str, taken: List[Tuple[int, int]]) -> List[_Seg]:
    """Single-quoted segments of three words or more, outside double quotes."""
    segs: List[_Seg] = []
    open_at, kind = -1, ""
    starts = [a for a, _ in taken]
    for m in _SQ.finditer(text):
        i, mark = m.start(), m.group()
        k = bisect_right(starts, i) - 1
        if k >= 0 and taken[k][0] <= i < taken[k][1]:
            continue
        before = text[i - 1] if i > 0 else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if open_at >= 0 and "\n" in text[open_at:i]:
            open_at = -1
        can_open = (before.isspace() or before in "([{—–-:\"“") and (after.isalnum())
        can_close = not before.isspace() and not after.isalnum()
        if open_at >= 0 and can_close and (mark == "’" if kind == "‘" else mark == "'"):
            content = text[open_at + 1:i]
            if len(_WORD.findall(content)) >= 3:
                segs.append(_Seg(open_at, open_at + 1, i, i + 1, True))
            open_at = -1
        elif can_open and mark in "‘'":
            open_at, kind = i, mark
    return segs


def find_segments(text: str) -> List[_Seg]:
    """All quote-mark segments, multi-paragraph quotes joined into one."""
    segs = _double_segments(text)
    taken = [(s.os, s.close) for s in segs]
    segs += _single_segments(text, taken)
    segs.sort(key=lambda s: s.os)
    return segs


# --------------------------------------------------------------------------- the analysis
def _doc_text(doc: Doc) -> str:
    """``doc.text`` without building a Token object per token."""
    if not len(doc):
        return doc.text
    strings = doc.vocab.strings
    arr = doc.to_array([ORTH, SPACY])
    return "".join(strings[int(o)] + (" " if sp else "") for o, sp in arr)


class _Ctx:
    """Per-document lookups shared by the steps."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = _doc_text(doc)
        self.lex = _lex()
        self.tok_starts = doc.to_array(IDX).tolist() if len(doc) else []
        self.paras = _para_bounds(self.text)
        self.segs: List[_Seg] = []
        self.seg_starts: List[int] = []
        # person mentions outside quotes: (start, end, entity)
        self.ents: List[Entity] = list(doc._.nk_entities or ())
        ment = []
        for ent in self.ents:
            for m in ent.mentions:
                ment.append((m.start, m.end, ent))
        ment.sort(key=lambda x: (x[0], x[1]))
        self.mentions = ment
        self.mention_starts = [m[0] for m in ment]
        self.gender: Dict[str, str] = {}
        self.pvotes: Optional[Dict[str, List[int]]] = None

    # token helpers
    def tok_at(self, char: int) -> int:
        return max(0, bisect_right(self.tok_starts, char) - 1)

    def toks_in(self, s: int, e: int) -> range:
        return range(bisect_left(self.tok_starts, s), bisect_left(self.tok_starts, e))

    def para_of(self, char: int) -> int:
        return bisect_right(self.paras, char) - 1

    def context_start(self, tok: Token) -> Token:
        """First token of the sentence before ``tok``'s when it is in the same paragraph, else of ``tok``'s own."""
        sent = tok.sent
        if sent.start > 0:
            prev = self.doc[sent.start - 1].sent
            if self.para_of(prev.start_char) == self.para_of(tok.idx):
                return prev[0]
        return sent[0]

    def in_quote(self, char: int) -> bool:
        k = bisect_right(self.seg_starts, char) - 1
        return k >= 0 and self.segs[k].os <= char < self.segs[k].close

    def entity_over(self, s: int, e: int) -> Optional[Entity]:
        k = bisect_left(self.mention_starts, e)
        best = None
        for j in range(k - 1, max(-1, k - 12), -1):
            ms, me, ent = self.mentions[j]
            if ms < e and s < me:
                if best is None or ent.label == "PERSON":
                    best = ent
        return best

    def span(self, s: int, e: int) -> TextSpan:
        return TextSpan(text=self.text[s:e], start=s, end=e)


def _is_cue_verb(tok: Token, lex_set) -> bool:
    return tok.tag_ in _VERB_TAGS and tok.lemma_.lower() in lex_set


def _subject_of(tok: Token, ok=None) -> Optional[Token]:
    """The subject governing a cue verb, climbing through conjuncts, xcomp, advcl.
    ``ok`` filters candidates (e.g. not inside the quote itself)."""
    cur = tok
    for _ in range(6):
        for c in cur.children:
            if c.dep_ in _SUBJ and (ok is None or ok(c)):
                return c
        # "said John Smith": a proper noun after the verb, parsed as object/attr
        if cur.i == tok.i and not any(c.dep_ in ("xcomp", "ccomp") and c.i > tok.i for c in cur.children):
            for c in cur.rights:
                if c.dep_ in ("dobj", "attr", "npadvmod", "oprd") and c.pos_ == "PROPN" \
                        and c.ent_type_ not in _NOT_SPEAKER_ENTS and c.left_edge.i == tok.i + 1:
                    return c
        if cur.dep_ in ("conj", "xcomp", "advcl", "ccomp", "parataxis", "relcl", "pcomp", "prep", "pobj") \
                and cur.head.i != cur.i:
            if cur.dep_ == "relcl":
                return cur.head
            cur = cur.head
            continue
        if cur.dep_ == "acl" and cur.head.pos_ in ("NOUN", "PROPN"):
            return cur.head   # "a statement saying ..."
        break
    return None


def _mention_span(ctx: _Ctx, head: Token) -> Tuple[int, int]:
    """Speaker mention: from the left edge of the noun phrase to its head."""
    doc = ctx.doc
    left = head.left_edge.i
    # do not start at punctuation or inside another clause
    while left < head.i and (doc[left].is_punct or doc[left].is_space or doc[left].dep_ in ("cc", "prep", "mark")
                             or "\n" in doc[left].text_with_ws):
        left += 1
    right = head.i
    # keep a flat name that continues after the head ("said John Smith")
    while right + 1 < len(doc) and doc[right + 1].dep_ in ("compound", "flat") and doc[right + 1].head.i == head.i:
        right += 1
    s, e = doc[left].idx, doc[right].idx + len(doc[right])
    return s, e


# ---- names
def _pronoun_votes(ctx: _Ctx) -> Dict[str, List[int]]:
    """Gender evidence from pronouns: a he/she (his/her) outside quotes whose
    sentence and the sentence before name exactly one person votes for that person."""
    if ctx.pvotes is not None:
        return ctx.pvotes
    votes: Dict[str, List[int]] = {}
    doc, lex = ctx.doc, ctx.lex
    if len(doc):
        strings = doc.vocab.strings
        male = _hashes(strings, lex.male)
        female = _hashes(strings, lex.female)
        low = doc.to_array([LOWER])
        male_a = np.fromiter(male, dtype=low.dtype)
        female_a = np.fromiter(female, dtype=low.dtype)
        is_m = np.isin(low, male_a)
        idx = np.flatnonzero(is_m | np.isin(low, female_a)).tolist()
        for i in idx:
            tok = doc[i]
            if ctx.in_quote(tok.idx):
                continue
            lo = ctx.context_start(tok).idx
            k = bisect_left(ctx.mention_starts, tok.idx)
            found = set()
            for j in range(k - 1, -1, -1):
                ms, me, ent = ctx.mentions[j]
                if ms < lo:
                    break
                if ent.label == "PERSON" and me <= tok.idx and not ctx.in_quote(ms):
                    found.add(ent.id)
            if len(found) == 1:
                v = votes.setdefault(found.pop(), [0, 0])
                v[0 if is_m[i] else 1] += 1
    ctx.pvotes = votes
    return votes


def _gender_of(ctx: _Ctx, ent: Entity) -> str:
    g = ctx.gender.get(ent.id)
    if g is not None:
        return g
    lex = ctx.lex
    votes = {"m": 0, "f": 0}
    for t in ent.titles or ():
        tl = t.lower()
        if tl in lex.male_titles:
            votes["m"] += 2
        elif tl in lex.female_titles:
            votes["f"] += 2
    doc = ctx.doc
    for m in ent.mentions:
        i = ctx.tok_at(m.start)
        if i > 0:
            prev = doc[i - 1].lower_
            if prev in lex.male_titles:
                votes["m"] += 2
            elif prev in lex.female_titles:
                votes["f"] += 2
    pv = _pronoun_votes(ctx).get(ent.id)
    if pv:
        votes["m"] += pv[0]
        votes["f"] += pv[1]
    g = "m" if votes["m"] > votes["f"] else "f" if votes["f"] > votes["m"] else ""
    ctx.gender[ent.id] = g
    return g


def _compatible(ctx: _Ctx, ent: Entity, gender: str) -> bool:
    if not gender:
        return True
    g = _gender_of(ctx, ent)
    return not g or g == gender


def _resolve_person(ctx: _Ctx, pos: int, gender: str, prev_speaker: Optional[Entity],
                    quote_start: int) -> Optional[Entity]:
    """The person a he/she at ``pos`` refers to (see module doc)."""
    doc = ctx.doc
    para_start = ctx.paras[ctx.para_of(min(pos, quote_start))]
    limit = min(pos, quote_start)
    # 1. nearest person that is a subject, in this paragraph before the quote:
    #    a name, or a role description naming one ("The minister rejected it.")
    k = bisect_left(ctx.mention_starts, limit)
    for i in range(ctx.tok_at(max(limit - 1, 0)), -1, -1):
        t = doc[i]
        if t.idx < para_start:
            break
        if t.dep_ not in _SUBJ or t.idx >= limit or ctx.in_quote(t.idx):
            continue
        ent = ctx.entity_over(t.idx, t.idx + len(t))
        if ent is None and t.lemma_.lower() in ctx.lex.roles and \
                any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in t.children):
            ent = _resolve_role(ctx, t, t.idx)
        if ent is not None and ent.label == "PERSON" and _compatible(ctx, ent, gender):
            return ent
    # 2. the previous quote's speaker
    if prev_speaker is not None and _compatible(ctx, prev_speaker, gender):
        # whatever label the tagger gave it, it spoke: a person-like source
        return prev_speaker
    # 3. nearest person mention outside quotes
    for j in range(k - 1, -1, -1):
        ms, me, ent = ctx.mentions[j]
        if ent.label != "PERSON" or ctx.in_quote(ms) or me > limit:
            continue
        if _compatible(ctx, ent, gender):
            return ent
    return None


def _resolve_role(ctx: _Ctx, head: Token, before: int) -> Optional[Entity]:
    """'the senator' → the nearest earlier person introduced with that role."""
    role = head.lower_
    doc = ctx.doc
    alias = ctx.lex.aliases
    k = bisect_left(ctx.mention_starts, before)
    for j in range(k - 1, -1, -1):
        ms, me, ent = ctx.mentions[j]
        if ent.label != "PERSON":
            continue
        if any(alias.get(t.lower(), t.lower()).rstrip(".") == role.rstrip(".") for t in ent.titles or ()):
            return ent
        i = ctx.tok_at(ms)
        window = [doc[x].lower_ for x in range(max(0, i - 4), i)]
        e_i = ctx.tok_at(max(me - 1, ms))
        window += [doc[x].lower_ for x in range(e_i + 1, min(len(doc), e_i + 6))]
        if role in window or any(alias.get(w) == role for w in window):
            return ent
    return None


def _resolve_epithet(ctx: _Ctx, head: Token, span: Tuple[int, int], prev_speaker: Optional[Entity],
                     quote_start: int) -> Optional[Entity]:
    """'the GOP nominee', 'the Vermont senator', 'the former first lady': a definite
    singular role description with a modifier refers back to a prominent person named
    before: a person subject earlier in its sentence, else the article's most mentioned
    person (three mentions or more); both must fit the gender its words give."""
    if head.tag_ != "NN" or head.lemma_.lower() not in ctx.lex.roles and head.lower_ not in ctx.lex.roles:
        return None
    if not any(c.dep_ in ("compound", "amod", "nmod", "npadvmod") and c.i < head.i for c in head.children):
        return None
    if any(c.ent_type_ in ("GPE", "ORG") for c in head.children if c.dep_ == "compound" and c.i < head.i) and \
            any(c.lower_ == "state" for c in head.subtree):
        return None   # "the New York state attorney general": an office, not an epithet
    lex = ctx.lex
    words = [t.lower_ for t in ctx.doc[head.left_edge.i:head.i + 1]]
    gender = "m" if any(w in lex.male_titles for w in words) else \
        "f" if any(w in lex.female_titles for w in words) else ""
    limit = min(span[0], quote_start)
    # "As for whether Sanders agrees, the Vermont senator said": a person named earlier in the sentence
    doc = ctx.doc
    for i in range(ctx.tok_at(max(limit - 1, 0)), head.sent.start - 1, -1):
        t = doc[i]
        if t.dep_ in _SUBJ and t.idx < limit and not ctx.in_quote(t.idx):
            ent = ctx.entity_over(t.idx, t.idx + len(t))
            if ent is not None and ent.label == "PERSON" and _compatible(ctx, ent, gender):
                return ent
    best, best_n = None, 2
    for ent in ctx.ents:
        if ent.label != "PERSON" or not ent.mentions or ent.mentions[0].start >= limit:
            continue
        n = len(ent.mentions)
        if n > best_n and _compatible(ctx, ent, gender):
            best, best_n = ent, n
    return best


def _resolve_group(ctx: _Ctx, head: Token) -> Optional[Entity]:
    """'they' / 'it' → a named organisation or country that is the subject of this
    sentence before the pronoun or of the sentence before it, in the same paragraph."""
    doc = ctx.doc
    lo = ctx.context_start(head).i
    for i in range(head.i - 1, lo - 1, -1):
        t = doc[i]
        if t.dep_ not in _SUBJ or ctx.in_quote(t.idx):
            continue
        ent = ctx.entity_over(t.idx, t.idx + len(t))
        if ent is None:
            # "Smith's campaign", "the Tax Foundation's study": the owner of the subject
            for c in t.children:
                if c.dep_ == "poss":
                    ent = ctx.entity_over(c.idx, c.idx + len(c))
            if ent is None or ent.label == "PERSON":
                continue
        if ent.label in ("ORG", "GPE", "NORP"):
            return ent
        return None
    return None


def _owner_of(ctx: _Ctx, head: Token, prev_speaker, quote_start: int, depth: int = 0) -> Optional[Entity]:
    """Owner of a non-person source: possessor, compound name, 'in/from/by NAME'."""
    lex = ctx.lex
    for c in head.children:
        if c.dep_ == "poss":
            ent = ctx.entity_over(c.idx, c.idx + len(c))
            if ent is not None:
                return ent
            lw = c.lower_
            if lw in lex.male or lw in lex.female:
                return _resolve_possessive(ctx, c, prev_speaker, quote_start)
        if c.dep_ in ("compound", "nmod", "amod"):
            ent = ctx.entity_over(c.idx, c.idx + len(c))
            if ent is not None:
                return ent
        if c.dep_ == "prep" and c.lower_ in lex.owner_preps:
            for p in c.children:
                if p.dep_ == "pobj":
                    ent = ctx.entity_over(p.left_edge.idx, p.idx + len(p))
                    if ent is not None:
                        return ent
    if depth == 0 and any(c.dep_ == "det" and c.lower_ in ("the", "that", "this") for c in head.children):
        # 'the resignation' → an earlier 'his resignation' / 'X's resignation'
        lemma = head.lemma_.lower()
        for t in reversed(ctx.doc[:head.i]):
            if t.lemma_.lower() == lemma and t.pos_ == "NOUN" and not ctx.in_quote(t.idx):
                if any(c.dep_ == "poss" for c in t.children):
                    return _owner_of(ctx, t, prev_speaker, t.idx, depth + 1)
    if head.dep_ == "dobj" and head.head.lemma_.lower() in lex.publish:
        # "the council issued a statement calling …": the subject that issued it
        for c in head.head.children:
            if c.dep_ == "nsubj" and not ctx.in_quote(c.idx):
                ent = ctx.entity_over(c.idx, c.idx + len(c))
                if ent is None and c.lower_ in (lex.male | lex.female):
                    ent = _resolve_person(ctx, c.idx, "m" if c.lower_ in lex.male else "f", prev_speaker,
                                          min(quote_start, c.idx))
                return ent
    return None


def _resolve_possessive(ctx: _Ctx, tok: Token, prev_speaker, quote_start: int) -> Optional[Entity]:
    gender = "m" if tok.lower_ in ctx.lex.male else "f"
    # "In his letter, Smith said": the person subject later in the same sentence
    sent = tok.sent
    root = sent.root
    for c in root.children:
        if c.dep_ in _SUBJ and c.i > tok.i:
            ent = ctx.entity_over(c.idx, c.idx + len(c))
            if ent is not None and ent.label == "PERSON":
                return ent
    return _resolve_person(ctx, tok.idx, gender, prev_speaker, min(quote_start, tok.idx))


def _name(ctx: _Ctx, head: Token, span: Tuple[int, int], prev_speaker: Optional[Entity],
          quote_start: int) -> Tuple[Optional[str], Optional[Entity]]:
    """speaker_name and entity for a speaker mention headed by ``head``."""
    lex = ctx.lex
    lw = head.lower_
    ent = ctx.entity_over(head.idx, head.idx + len(head))
    if ent is not None:
        return ent.name, ent
    # an appositive name: "one of the lawyers, Ana Ruiz," / "the spokesman, John Smith,"
    for c in head.children:
        if c.dep_ == "appos" and not ctx.in_quote(c.idx):
            ent = ctx.entity_over(c.idx, c.idx + len(c))
            if ent is not None and ent.label == "PERSON":
                return ent.name, ent
    if lw in lex.male or lw in lex.female:
        ent = _resolve_person(ctx, head.idx, "m" if lw in lex.male else "f", prev_speaker, quote_start)
        return (ent.name, ent) if ent is not None else (None, None)
    if lw in lex.plural:
        if lw in ("they", "them") and prev_speaker is not None and prev_speaker.label != "PERSON":
            return prev_speaker.name, prev_speaker
        if lw in ("they", "them"):
            ent = _resolve_group(ctx, head)
            if ent is not None:
                return ent.name, ent
        return None, None
    if lw == "it":
        ent = _resolve_group(ctx, head)
        if ent is not None:
            return ent.name, ent
        return None, None
    if lw in lex.first or lw in lex.non_speaker:
        return None, None
    if lw == "who" and head.head.dep_ == "relcl":
        ante = head.head.head   # "X, who said": the speaker is X
        doc = ctx.doc
        j = head.i - 1
        if j > 0 and doc[j].text == ",":
            j -= 1
        if j > 0 and doc[j].pos_ == "ADV" and doc[j].head.i == j - 1:
            j -= 1   # "protesters here, who"
        if j >= 0 and j != ante.i and doc[j].pos_ in ("NOUN", "PROPN") and doc[j].tag_ in ("NNS", "NNPS", "NNP", "NN") \
                and ante.i < j:
            ante = doc[j]   # "a focal point for protesters, who said": the nearest noun, not the parse's
        a = ante
        while a.dep_ in ("conj", "appos") and a.head.i != a.i:
            a = a.head
        if a.dep_ == "attr":
            # "Smith is a critic and writer who said": the subject the description is predicated of
            subj = next((c for c in a.head.children if c.dep_ in _SUBJ), None)
            if subj is not None:
                ante = subj
        span2 = _mention_span(ctx, ante)
        if ante.i != head.i:
            return _name(ctx, ante, span2, prev_speaker, quote_start)
    lemma = head.lemma_.lower()
    if lemma in lex.source_nouns:
        owner = _owner_of(ctx, head, prev_speaker, quote_start)
        if owner is not None:
            return owner.name, owner
    elif lemma in lex.roles or lw in lex.roles:
        # an appositive name: "the spokesman, John Smith,"
        for c in head.children:
            if c.dep_ == "appos":
                ent = ctx.entity_over(c.idx, c.idx + len(c))
                if ent is not None:
                    return ent.name, ent
        ent = ctx.entity_over(span[0], span[1])
        if ent is not None and ent.label == "PERSON":
            return ent.name, ent
        if any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in head.children):
            ent = _resolve_role(ctx, head, span[0])
            if ent is not None:
                return ent.name, ent
            ent = _resolve_epithet(ctx, head, span, prev_speaker, quote_start)
            if ent is not None:
                return ent.name, ent
    else:
        ent = ctx.entity_over(span[0], span[1])
        if ent is not None:
            return ent.name, ent
    # "Transit advocate Omar Haddad, 45," parsed with a common-noun head: a person
    # named inside the subject phrase, before any comma
    for t in head.subtree:
        if t.i > head.i and t.is_punct:
            break
        if t.ent_type_ == "PERSON":
            ent = ctx.entity_over(t.idx, t.idx + len(t))
            if ent is not None and ent.label == "PERSON":
                return ent.name, ent
    return ctx.text[span[0]:span[1]], None


# ---- quote candidates
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


_DATELINE = re.compile(r"[A-Z][A-Z.'’ -]{1,40}(?:,[A-Za-z .]{2,30})?\s+[—–-]{1,2}\s+")


def _trim(ctx: _Ctx, s: int, e: int) -> Tuple[int, int]:
    text = ctx.text
    while s < e and (text[s].isspace() or text[s] in ",;:—–-"):
        s += 1
    m = _DATELINE.match(text, s, e)
    if m is not None and (s == 0 or text[s - 1] == "\n"):
        s = m.end()   # "OTTAWA — ..." opens the paragraph, not the report
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:—–-."):
        e -= 1
    return s, e


def _cue_in(ctx: _Ctx, s: int, e: int, lexset, prefer_last: bool = False) -> Optional[Token]:
    doc = ctx.doc
    found = [doc[i] for i in ctx.toks_in(s, e) if _is_cue_verb(doc[i], lexset)]
    if not found:
        return None
    return found[-1] if prefer_last else found[0]


def _prefix_tail(ctx: _Ctx, seg: _Seg, prev_close: int) -> Tuple[int, str]:
    """Start and text of the sentence part before a segment's opening mark."""
    text = ctx.text
    p = ctx.paras[ctx.para_of(seg.os)]
    lo = max(p, prev_close)
    prefix = text[lo:seg.os]
    cut = 0
    for m in _sent_cuts(prefix):
        cut = m.end()
    return lo + cut, prefix[cut:]


def _suffix(ctx: _Ctx, seg: _Seg, next_open: int) -> Tuple[int, int]:
    """The attribution window after a segment's closing mark."""
    text = ctx.text
    pi = ctx.para_of(seg.close)
    pend = ctx.paras[pi + 1] - 1 if pi + 1 < len(ctx.paras) else len(text)
    hi = min(pend, next_open)
    window = text[seg.close:hi]
    m = next(_sent_cuts(window), None)
    if m:
        hi = seg.close + m.start() + 1
    return seg.close, hi


def _direct_candidates(ctx: _Ctx) -> List[_Cand]:
    doc, text, lex = ctx.doc, ctx.text, ctx.lex
    segs = ctx.segs
    out: List[_Cand] = []
    prev_close = -1
    prev_cand: Optional[_Cand] = None
    for n, seg in enumerate(segs):
        if in_boilerplate(doc, seg.os):
            prev_close = seg.close
            continue
        content = text[seg.cs:seg.ce]
        nwords = len(_WORD.findall(content))
        next_open = segs[n + 1].os if n + 1 < len(segs) else len(text)
        tail_start, tail = _prefix_tail(ctx, seg, prev_close)
        tail_s = tail.strip()
        stripped = content.rstrip()
        stripped = stripped.rstrip("’'\"” ")
        last = stripped[-1:] if stripped else ""
        # --- the attribution after the closing mark
        ss, se = _suffix(ctx, seg, next_open)
        after = text[ss:se]
        after_ok = bool(after.strip()) and (
            last in ",?!—–-" or after.lstrip()[:1] in (",", "—", "–", "-")
            or (after.lstrip()[:1].islower()))
        after_cue = _cue_in(ctx, ss, se, lex.speech) if after_ok else None
        if after_cue is not None:
            # the attribution is the first clause after the quote: "…,” X sings
            # before asking her" is cued by "sings", not by "asking"
            first_verb = next((ctx.doc[i] for i in ctx.toks_in(ss, after_cue.idx)
                               if ctx.doc[i].pos_ == "VERB"), None)
            if first_verb is not None and first_verb.is_ancestor(after_cue):
                after_cue = None
        if after_cue is not None and after_cue.i - ctx.tok_at(ss) > 30:
            after_cue = None
        # --- standalone or embedded
        intro_cue = None
        colon = tail_s.endswith(":")
        standalone = (not tail_s or colon or tail_s.endswith(",") or tail_s.endswith("—")
                      or tail_s in ("(",))
        if tail_s:
            intro_cue = _cue_in(ctx, tail_start, seg.os, lex.speech, prefer_last=True)
            if intro_cue is not None:
                # "He said “...”": the cue verb ends the prefix
                rest = text[intro_cue.idx + len(intro_cue):seg.os].strip()
                if not standalone and not rest:
                    standalone = True
            elif standalone and not colon and tail_s not in ("(",):
                # "With many systems, “there is no …,” he said": the quote ends a
                # sentence that starts before it
                standalone = False
        if not tail_s and seg.os == ctx.paras[ctx.para_of(seg.os)]:
            # a paragraph that opens with a quote: "She said:\n\n“...”"
            pi = ctx.para_of(seg.os)
            j = pi - 1
            while j >= 0 and not text[ctx.paras[j]:ctx.paras[j + 1]].strip():
                j -= 1
            if j >= 0:
                prev_line = text[ctx.paras[j]:ctx.paras[j + 1]].rstrip()
                if prev_line.endswith(":"):
                    ls, _ = _prefix_tail(ctx, _Seg(ctx.paras[j] + len(prev_line), 0, 0, 0, False), -1)
                    intro_cue = _cue_in(ctx, ls, ctx.paras[j] + len(prev_line), lex.speech, prefer_last=True)
        cand: Optional[_Cand] = None
        if standalone:
            cue = after_cue or (intro_cue if (colon or tail_s) else None) or intro_cue
            if cue is None and colon and not after_cue:
                cue = None
            if seg.single and cue is None and nwords < 3:
                prev_close = seg.close
                continue
            cand = _Cand(seg.cs, seg.ce, "direct", cue=cue, prio=0)
            if cue is None and colon:
                # "X unveiled a new message: “…”": the subject before the colon
                subj = _clause_subject(ctx, seg.os - 1)
                if subj is not None:
                    cand.spk_head = subj
            if cue is None:
                # between two quotes: "“A,” he said, “B.”" shares the cue
                if _continues_prev(ctx, prev_cand, seg):
                    # "“A,” he said. “B.”": one quote split by its attribution
                    cand.cue = prev_cand.cue
                    cand.spk_head, cand.spk_span = prev_cand.spk_head, prev_cand.spk_span
                elif nwords < 4 and last not in _END_PUNCT + ",":
                    # a short quoted phrase with no cue: a title or a scare quote
                    if not _headline_speaker(ctx, seg, cand):
                        prev_close = seg.close
                        continue
                elif seg.single and nwords <= 8 and _alone_on_line(text, seg) \
                        and not _headline_speaker(ctx, seg, cand):
                    # a short single-quoted line of its own: a section heading, not speech
                    prev_close = seg.close
                    continue
        else:
            # embedded fragment: inside reported speech or a scare quote
            cand = _embedded(ctx, seg, tail_start, after_cue, nwords)
            if cand is None:
                prev_close = seg.close
                continue
        cand.seg_end = seg.ce
        cand.para = ctx.para_of(seg.os)
        if cand.cue is None and cand.kind == "direct" and not cand.spk_head:
            _headline_speaker(ctx, seg, cand)
        out.append(cand)
        prev_cand = cand
        prev_close = seg.close
    return out


def _alone_on_line(text: str, seg: _Seg) -> bool:
    ls = text.rfind("\n", 0, seg.os) + 1
    le = text.find("\n", seg.close)
    le = len(text) if le < 0 else le
    return not text[ls:seg.os].strip() and not text[seg.close:le].strip(" \t.!?")


_LABEL = re.compile(r"(?m)^[ \t]*[\"“]?([A-Z][\w.'’ -]{1,40}?):[ \t]+(\S[^\n]*)$")


def _label_candidates(ctx: _Ctx) -> List[_Cand]:
    """'NAME: text' lines: a transcript's speaker label, or a headline's source."""
    out: List[_Cand] = []
    text = ctx.text
    for m in _LABEL.finditer(text):
        ns, ne = m.span(1)
        if in_boilerplate(ctx.doc, ns):
            continue
        name = m.group(1)
        if name.lower().strip() in ctx.lex.not_labels or len(name.strip()) < 2:
            continue
        k = bisect_left(ctx.mention_starts, ns)
        ment = ctx.mentions[k] if k < len(ctx.mentions) and ctx.mentions[k][0] == ns else None
        caps = name.isupper() and len(name.split()) <= 3
        inside = [x for x in ctx.mentions[k:k + 4] if x[0] < ne and x[1] <= ne]
        titled = len(name.split()) <= 4 and all(w[:1].isupper() for w in name.split())
        if titled and any(x[2].label in ("PERSON", "ORG") for x in inside):
            pass
        elif titled and any(e.label == "PERSON" and (e.name == name or e.name.endswith(" " + name))
                            for e in ctx.ents):
            pass   # a headline's source, named in full in the article
        elif caps and (ment is None or ment[2].label not in ("GPE", "LOC", "DATE")):
            pass
        else:
            continue
        cs, ce = _trim(ctx, m.start(2), m.end(2))
        if len(_WORD.findall(text[cs:ce])) < 3:
            continue
        quoted = any(cs <= sg.os < ce for sg in ctx.segs)
        kind = "direct" if caps or quoted else "indirect"
        c = _Cand(cs, ce, kind, prio=-1)
        c.spk_head = ctx.doc[ctx.tok_at(ne - 1)]
        c.spk_span = (ns, ne)
        c.para = ctx.para_of(cs)
        out.append(c)
    return out


def _clause_subject(ctx: _Ctx, pos: int) -> Optional[Token]:
    """The named subject of the clause that ends at ``pos`` (a colon)."""
    tok = ctx.doc[ctx.tok_at(pos)]
    head = tok.head
    for _ in range(3):
        if head.pos_ in ("VERB", "AUX"):
            break
        head = head.head
    for c in head.children:
        if c.dep_ in _SUBJ and c.i < tok.i and (
                ctx.entity_over(c.idx, c.idx + len(c)) is not None or c.pos_ in ("NOUN", "PROPN")
                or c.lower_ in ctx.lex.male or c.lower_ in ctx.lex.female):
            return c
    return None


def _previous_sentence_subject(ctx: _Ctx, pos: int) -> Optional[Token]:
    tok = ctx.doc[ctx.tok_at(pos)]
    sent = tok.sent
    if sent.start_char < pos - 2 and ctx.text[sent.start_char:pos].strip(" \"“‘'"):
        prev_sent = sent   # the parser kept the quote in the sentence before it
    elif sent.start == 0:
        return None
    else:
        prev_sent = ctx.doc[sent.start - 1].sent
    if ctx.para_of(prev_sent.start_char) != ctx.para_of(pos) or ctx.in_quote(prev_sent.root.idx):
        return None
    lex = ctx.lex
    for c in prev_sent.root.children:
        if c.dep_ in _SUBJ and c.idx < pos:
            ent = ctx.entity_over(c.idx, c.idx + len(c))
            if ent is not None and ent.label == "PERSON" or c.lower_ in lex.male or c.lower_ in lex.female:
                return c
            if ent is None and c.pos_ == "PROPN" and c.ent_type_ in ("", "PERSON"):
                return c
            if c.lemma_.lower() in lex.roles or any(t.ent_type_ == "PERSON" for t in c.subtree):
                return c
    return None


def _continues_prev(ctx: _Ctx, prev: Optional[_Cand], seg: _Seg) -> bool:
    """The segment continues the previous quote of its paragraph."""
    if prev is None or prev.cue is None or prev.kind != "direct":
        return False
    if prev.para != ctx.para_of(seg.os):
        return False
    between = ctx.text[prev.seg_end:seg.os]
    if prev.seg_end <= prev.cue.idx < seg.os:
        return True
    return len(_WORD.findall(between)) <= 2


_SIGNATURE = re.compile(r"[^\S\n]*(?:[—–―]|--)[^\S\n]*([A-Z][\w.'’-]*(?:[^\S\n]+[A-Z][\w.'’-]*){0,4}?)\.?[^\S\n]*(?=,|\r?\n|$)")


def _headline_speaker(ctx: _Ctx, seg: _Seg, cand: _Cand) -> bool:
    """‘Quote’: Name, … (a headline) or “Quote” ― Name (a signed quote)."""
    text = ctx.text
    m = re.match(r"[^\S\n]*(?:[:—–―-]|--)[^\S\n]*", text[seg.close:seg.close + 6])
    if not m:
        return False
    s = seg.close + m.end()
    ent = ctx.entity_over(s, s + 1)
    if ent is None or ent.label not in ("PERSON", "ORG") or ctx.mentions[bisect_right(ctx.mention_starts, s) - 1][0] != s:
        # a title-case headline often hides the name from the tagger: a person
        # named in the article whose name starts the text after the colon
        rest = text[s:s + 60]
        best = None
        for e in ctx.ents:
            if e.label == "PERSON" and " " in e.name and rest.startswith(e.name) and \
                    (len(rest) == len(e.name) or not rest[len(e.name)].isalnum()):
                if best is None or len(e.name) > len(best.name):
                    best = e
        if best is None:
            # “…” ― Maria Lopez  (a signature: capitalised words to the end of the line)
            sig = _SIGNATURE.match(text, seg.close)
            if sig is None:
                return False
            a, b = sig.span(1)
            cand.spk_span = (a, b)
            cand.spk_head = ctx.doc[ctx.tok_at(b - 1)]
            ent = ctx.entity_over(a, b)
            cand.name, cand.ent = (ent.name, ent) if ent is not None else (text[a:b], None)
            if ent is None:
                cand.ent = None
                cand.spk_head = None
            return True
        cand.spk_span = (s, s + len(best.name))
        cand.spk_head = ctx.doc[ctx.tok_at(s + len(best.name) - 1)]
        cand.name, cand.ent = best.name, best
        return True
    i = ctx.tok_at(s)
    head = ctx.doc[i]
    while head.i + 1 < len(ctx.doc) and ctx.entity_over(ctx.doc[head.i + 1].idx, ctx.doc[head.i + 1].idx + 1) is ent:
        head = ctx.doc[head.i + 1]
    cand.spk_head = head
    cand.spk_span = _mention_span(ctx, head)
    cand.spk_span = (s, head.idx + len(head))
    return True


def _embedded(ctx: _Ctx, seg: _Seg, tail_start: int, after_cue: Optional[Token], nwords: int) -> Optional[_Cand]:
    doc, lex = ctx.doc, ctx.lex
    toks = ctx.toks_in(seg.cs, seg.ce)
    if not len(toks):
        return None
    first = doc[toks[0]]
    # climb from the fragment to a governing cue verb outside it
    child, cur = first, first
    while cur.head.i != cur.i:
        child, cur = cur, cur.head
        if cur.idx >= seg.os and cur.idx < seg.close:
            continue
        if cur.sent.start != first.sent.start:
            break
        if _is_cue_verb(cur, lex.partial | lex.belief):
            break
    else:
        cur = None
    if cur is not None and _is_cue_verb(cur, lex.partial | lex.belief):
        # a report inside a report ("X said that Y called it “…”"): the outer speech verb
        c2, up = cur, cur
        while up.head.i != up.i and up.head.sent.start == first.sent.start:
            c2, up = up, up.head
            if _is_cue_verb(up, lex.speech) and c2.dep_ in ("ccomp", "conj", "advcl", "xcomp"):
                if c2.dep_ == "ccomp" and up.i < cur.i:   # not a trailing "…, he wrote"
                    child, cur = c2, up
                break
    if cur is not None and _is_cue_verb(cur, lex.naming) and _is_name(ctx.text[seg.cs:seg.ce]):
        return None   # a nickname or title: friends call her “the Judge”
    if cur is not None and cur.head is not None and _is_cue_verb(cur, lex.partial | lex.belief) and \
            not (seg.os <= cur.idx < seg.close):
        if child.dep_ in ("ccomp", "xcomp", "advcl", "conj", "parataxis") or child.i < cur.i:
            parts = [child]
            naming_clause = True
            if child.dep_ == "conj" and child.i > cur.i:
                # "said that A, and B “…”": the report holds both conjuncts
                cc = next((c for c in cur.children if c.dep_ == "ccomp" and cur.i < c.i < child.i), None)
                if cc is not None:
                    parts = [cc, child]
        else:
            # "called X “Y”", "described X as “Y”": the verb's whole complement
            parts = [c for c in cur.rights if c.dep_ in _COMPLEMENT or c.i == child.i
                     or (c.dep_ == "prep" and c.lower_ == "as")]
            naming_clause = False
        sub_s = min(p.left_edge.idx for p in parts)
        r = max((p.right_edge for p in parts), key=lambda t: t.i)
        sub_e = r.idx + len(r)
        if not naming_clause and cur.i < first.i and sub_e > seg.close:
            # "criticized X as a “Y” during a visit": a dash or a scene-setting adjunct
            # after the quoted words ends the naming (unless more quoted words follow)
            m = _NAMING_END.match(ctx.text, seg.close, sub_e)
            if m is not None and not _DQ.search(ctx.text, seg.close, sub_e):
                sub_e = seg.close
        lo, hi = min(sub_s, seg.cs), max(sub_e, seg.ce)
        if child.dep_ == "ccomp" and child.i > cur.i:
            hi = _to_sentence_end(ctx, cur, hi)
            cut = _cut_participle(ctx, seg.close, hi)
            if cut < hi:
                hi = cut   # "said A “…”, adding that B": the participle is not part of the report
        lo, hi = _trim(ctx, lo, hi)
        lo = _skip_that(ctx, lo)
        if lo >= seg.os - 1 and hi <= seg.close + 1:
            lo, hi, kind = seg.cs, seg.ce, "direct"
        else:
            kind = "mixed"
            if seg.cs < hi < seg.close:
                hi = seg.close   # keep the closing mark of the quoted part
        return _Cand(lo, hi, kind, cue=cur, prio=0)
    if after_cue is not None:
        lo, hi = _trim(ctx, tail_start, seg.ce)
        return _Cand(lo, seg.close if seg.cs < hi < seg.close else hi, "mixed", cue=after_cue, prio=0)
    if nwords >= 8:
        return _Cand(seg.cs, seg.ce, "direct", prio=2)
    return None


_NAMING_END = re.compile(r"[\s,.]*(?:[—–]|--|\s-\s|(?:during|at|in|on|after|before|while|when|since|amid|"
                         r"following|last|this|earlier|later)\b)", re.I)

_LOWER_OK = {"the", "a", "an", "of", "and", "in", "on", "for", "to", "de", "la", "von", "van"}


def _is_name(s: str) -> bool:
    """A short quoted name: up to four words, capitalised but for small words."""
    words = _WORD.findall(s)
    return 0 < len(words) <= 4 and any(w[:1].isupper() for w in words) and \
        all(w[:1].isupper() or w.lower() in _LOWER_OK for w in words)


def _skip_that(ctx: _Ctx, lo: int) -> int:
    text = ctx.text
    m = re.match(r"(?:that|whether|if)\s+", text[lo:lo + 9], re.I)
    return lo + m.end() if m else lo


def _hashes(strings, words) -> frozenset:
    """String-store ids of words and their capitalised forms (lemmas keep case for names)."""
    return frozenset(strings.add(v) for w in words for v in (w, w.capitalize()))


def _indirect_candidates(ctx: _Ctx, used_cues: set) -> List[_Cand]:
    doc, lex = ctx.doc, ctx.lex
    out: List[_Cand] = []
    if not len(doc):
        return out
    strings = doc.vocab.strings
    cue_ids = _hashes(strings, lex.cues)
    verb_tags = _hashes(strings, _VERB_TAGS)
    according = strings.add("according")
    arr = doc.to_array([LEMMA, TAG, LOWER])
    mask = np.isin(arr[:, 0], np.fromiter(cue_ids, dtype=arr.dtype)) & \
        np.isin(arr[:, 1], np.fromiter(verb_tags, dtype=arr.dtype))
    mask |= arr[:, 2] == according
    for i in np.flatnonzero(mask).tolist():
        tok = doc[i]
        lw = tok.lemma_.lower()
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            c = _according(ctx, tok)
            if c is not None:
                out.append(c)
            continue
        if tok.tag_ not in _VERB_TAGS or lw not in lex.cues or tok.i in used_cues:
            continue
        if ctx.in_quote(tok.idx) or in_boilerplate(doc, tok.idx):
            continue
        comp = None
        for c in tok.children:
            if c.dep_ == "ccomp":
                comp = c
                break
        if comp is None and lw in lex.infinitive:
            comp = _infinitive_report(tok)
        if comp is None:
            c = _parenthetical(ctx, tok) if lw in lex.speech else None
            if c is not None:
                out.append(c)
            continue
        s = comp.left_edge.idx
        r = comp.right_edge
        e = r.idx + len(r)
        if comp.dep_ == "xcomp":
            # "urged the council to act": the addressee belongs to the report
            obj = next((c for c in tok.children if c.dep_ in ("dobj", "dative") and tok.i < c.i < comp.i), None)
            if obj is not None:
                s = min(s, obj.left_edge.idx)
        if comp.i < tok.i:
            # "..., officials said": the clause ends before the cue
            e = min(e, tok.idx)
        else:
            s = max(s, tok.idx + len(tok))
            e = _to_sentence_end(ctx, tok, e)
            e = _cut_participle(ctx, s, e)
        s, e = _trim(ctx, s, e)
        s = _skip_that(ctx, s)
        if len(ctx.toks_in(s, e)) < 3:
            continue
        out.append(_Cand(s, e, "indirect", cue=tok, prio=1))
    return out


def _infinitive_report(tok: Token) -> Optional[Token]:
    """'promised to cut taxes', 'urged Congress to act', 'called for a vote'."""
    for c in tok.children:
        if c.dep_ == "xcomp" and c.i > tok.i:
            return c
        if c.dep_ == "prep" and c.lower_ in ("for", "on") and c.i > tok.i and tok.lemma_.lower() in ("call", "appeal"):
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    return None


def _parenthetical(ctx: _Ctx, tok: Token) -> Optional[_Cand]:
    """"The plan, she said, will fail." / "The plan will fail, she said.": the
    sentence around a bare attribution (subject + speech verb set off by commas)."""
    doc = ctx.doc
    if any(c.dep_ in ("dobj", "ccomp", "xcomp", "dative", "attr", "oprd") for c in tok.children):
        return None
    subj = next((c for c in tok.children if c.dep_ in _SUBJ), None)
    if subj is None:
        return None
    a = min(subj.left_edge.i, tok.i)
    b = max(tok.i, subj.right_edge.i)
    # the attribution may carry adjuncts ("said on Monday", "said in an interview")
    sent = tok.sent
    while b + 1 < sent.end and not doc[b + 1].is_punct and tok.is_ancestor(doc[b + 1]):
        b += 1
    before = doc[a - 1] if a > sent.start else None
    after = doc[b + 1] if b + 1 < sent.end else None
    if before is None or before.text not in (",", "—", "–"):
        return None
    if after is not None and after.text not in (",", ".", "—", "–", "!", "?", ";") and not after.is_space:
        return None
    s, e = sent.start_char, sent.end_char
    if after is None or after.text in (".", "!", "?", ";") or after.is_space:
        e = before.idx          # "..., she said."
        s2, e2 = _trim(ctx, s, e)
    else:
        s2, e2 = _trim(ctx, s, e)   # "X, she said, Y": the whole sentence (the hull)
    if len(ctx.toks_in(s2, e2)) < 4 or ctx.in_quote(s2):
        return None
    return _Cand(s2, e2, "indirect", cue=tok, prio=1)


def _cut_participle(ctx: _Ctx, s: int, e: int) -> int:
    """'said the plan failed, arguing that …': a participle set off by a comma after
    the reported clause belongs to the reporting sentence, not to the report."""
    doc = ctx.doc
    rng = ctx.toks_in(s, e)
    for i in rng:
        t = doc[i]
        if t.tag_ == "VBG" and t.dep_ == "advcl" and i - 1 > rng.start and doc[i - 1].text == "," \
                and not any(c.dep_ in _SUBJ for c in t.children):
            return doc[i - 1].idx
    return e


def _to_sentence_end(ctx: _Ctx, cue: Token, e: int) -> int:
    """Reported speech after its cue runs to the end of the sentence ("said X, and
    Y"), unless another cue verb starts a new report first."""
    sent = cue.sent
    lex = ctx.lex
    r = cue.right_edge
    end = min(sent.end_char, r.idx + len(r))   # the cue's own clause, not its host
    for i in ctx.toks_in(e, end):
        t = ctx.doc[i]
        if _is_cue_verb(t, lex.cues) or (t.is_punct and t.text in ";:") or ctx.text[t.idx] == "\n":
            return e
    return max(e, end)


def _according(ctx: _Ctx, tok: Token) -> Optional[_Cand]:
    doc = ctx.doc
    if ctx.in_quote(tok.idx) or in_boilerplate(doc, tok.idx):
        return None
    to = doc[tok.i + 1]
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    sent = tok.sent
    ph_s = tok.idx
    r = pobj.right_edge
    ph_e = r.idx + len(r)
    before = ctx.text[sent.start_char:ph_s]
    after = ctx.text[ph_e:sent.end_char]
    if len(before.strip(" ,.;:—–-\n")) >= len(after.strip(" ,.;:—–-\n")):
        s, e = sent.start_char, ph_s
    else:
        s, e = ph_e, sent.end_char
    s, e = _trim(ctx, s, e)
    if len(ctx.toks_in(s, e)) < 3:
        return None
    c = _Cand(s, e, "indirect", cue=tok, prio=1)
    c.spk_head = pobj
    c.cue_end = to.idx + len(to)
    return c


def _attach_speaker(ctx: _Ctx, cand: _Cand) -> None:
    if cand.spk_head is not None or cand.cue is None:
        return
    cue = cand.cue
    # a passive cue names its speaker as the agent: "was written by X", "was called Y by X"
    for c in cue.children:
        if c.dep_ == "agent":
            p = next((g for g in c.children if g.dep_ == "pobj" and not ctx.in_quote(g.idx)), None)
            if p is not None:
                cand.spk_head = p
                return
    # "footage of X asking, “…”": a participle cue right after a person names that person
    if cue.tag_ == "VBG" and cue.i > 0 and cue.dep_ in ("acl", "advcl", "xcomp", "pcomp", "conj"):
        prev = ctx.doc[cue.i - 1]
        ent = ctx.entity_over(prev.idx, prev.idx + len(prev))
        if ent is not None and ent.label == "PERSON" and not ctx.in_quote(prev.idx) \
                and not any(c.dep_ in _SUBJ for c in cue.children):
            cand.spk_head = prev
            return
    subj = None
    if cue.tag_ == "VBG" and cue.dep_ == "advcl" and cue.i > 0 and ctx.doc[cue.i - 1].text == "," \
            and not any(c.dep_ in _SUBJ for c in cue.children):
        # "X said A, arguing that B": the participle shares the subject of the report's verb
        # (the outermost reporting verb: "X said he did not think A, arguing B")
        outer, up = None, cue.head
        while True:
            if _is_cue_verb(up, ctx.lex.cues) and up.i < cue.i:
                outer = up
            if up.head.i == up.i:
                break
            up = up.head
        if outer is not None:
            subj = _subject_of(outer, lambda t: not ctx.in_quote(t.idx))
    if subj is None:
        subj = _subject_of(cue, lambda t: not ctx.in_quote(t.idx))
    if subj is not None and subj.lower_ in ("that", "which") and cue.dep_ == "relcl":
        subj = cue.head   # "a letter that says ..."
    if subj is not None and (subj.lower_ in ctx.lex.non_speaker and subj.lower_ != "it"
                             or subj.ent_type_ in ("DATE", "TIME") or ctx.in_quote(subj.idx)
                             or subj.is_punct):
        subj = None
    if subj is None:
        # a misparsed attribution: the nearest named mention in the cue's clause, outside quotes
        sent = cue.sent
        best = None
        for j in range(bisect_left(ctx.mention_starts, sent.start_char), len(ctx.mentions)):
            ms, me, ent = ctx.mentions[j]
            if ms >= sent.end_char:
                break
            if ctx.in_quote(ms) or ent.label not in ("PERSON", "ORG", "NORP", "GPE"):
                continue
            if cand.s <= ms < cand.e:
                continue
            d = abs(ms - cue.idx)
            if d < 60 and (best is None or d < best[0]):
                best = (d, me)
        if best is None:
            return
        subj = ctx.doc[ctx.tok_at(best[1] - 1)]
    cand.spk_head = subj


def _name_in_sentence(ctx: _Ctx, c: _Cand) -> None:
    """"Smith condemned what he called …": the pronoun speaker of a "what he called"
    clause whose referent (or the same pronoun) is the subject of its sentence takes
    that subject as its mention."""
    head = c.spk_head
    for i in range(head.i - 1, head.sent.start - 1, -1):
        t = ctx.doc[i]
        if t.dep_ in _SUBJ and not ctx.in_quote(t.idx) and not (c.s <= t.idx < c.e) and (
                t.lower_ == head.lower_ or c.ent is not None and ctx.entity_over(t.idx, t.idx + len(t)) is c.ent):
            c.spk_head = t
            c.spk_span = _mention_span(ctx, t)
            return


def _new_subject_before(ctx: _Ctx, c: _Cand, prev: _Cand) -> bool:
    """A floating quote in a new paragraph, after a sentence whose subject is another
    named person ("On TV, Sen. Ruiz named three reasons. “…”"): that person speaks."""
    if prev.para == c.para:
        return False
    subj = _previous_sentence_subject(ctx, c.s)
    if subj is None:
        return False
    ent = ctx.entity_over(subj.idx, subj.idx + len(subj))
    return ent is not None and ent.label == "PERSON" and ent is not prev.ent


def find_quotes(doc: Doc) -> List[Quote]:
    ctx = _Ctx(doc)
    ctx.segs = find_segments(ctx.text)
    ctx.seg_starts = [s.os for s in ctx.segs]
    cands = _label_candidates(ctx) + _direct_candidates(ctx)
    used = {c.cue.i for c in cands if c.cue is not None}
    cands += _indirect_candidates(ctx, used)
    # keep the best non-overlapping set: quotes with marks first, then reported speech
    cands.sort(key=lambda c: (c.prio, c.s))
    chosen: List[_Cand] = []
    starts: List[Tuple[int, int]] = []
    for c in cands:
        if c.e <= c.s or in_boilerplate(doc, c.s):
            continue
        cut = content_before(doc, c.s, c.e)
        if cut < c.e:  # a sentence run on into furniture stops before it
            c.s, c.e = _trim(ctx, c.s, cut)
            if c.e <= c.s:
                continue
        if any(c.s < e and s < c.e for s, e in starts):
            continue
        chosen.append(c)
        starts.append((c.s, c.e))
    chosen.sort(key=lambda c: c.s)
    # speakers, in text order so that floating quotes and pronouns see the previous speaker
    out: List[Quote] = []
    prev: Optional[_Cand] = None
    for c in chosen:
        if c.para < 0:
            c.para = ctx.para_of(c.s)
        _attach_speaker(ctx, c)
        # the previous speaker, when it was a person-like mention (a name, not "an AFP report")
        prev_ent = prev.ent if prev is not None and prev.ent is not None and (
            prev.ent.label == "PERSON" or prev.spk_head is not None and prev.spk_head.pos_ == "PROPN") else None
        if c.ent is not None or c.name is not None:
            pass   # named already (a headline's speaker)
        elif c.spk_head is not None:
            if c.spk_span is None:
                c.spk_span = _mention_span(ctx, c.spk_head)
            c.name, c.ent = _name(ctx, c.spk_head, c.spk_span, prev_ent, c.s)
            if c.spk_head.pos_ == "PRON" and c.cue is not None and \
                    c.spk_head.lower_ not in ("who", "which", "that") and \
                    any(x.lower_ == "what" and x.i < c.spk_head.i for x in c.cue.children):
                _name_in_sentence(ctx, c)
        elif c.cue is None and c.kind == "direct" and prev is not None and prev.spk_span is not None \
                and (prev.kind in ("direct", "mixed") and 0 <= c.para - prev.para <= 2
                     or prev.kind == "indirect" and 0 <= c.para - prev.para <= 1) \
                and not _new_subject_before(ctx, c, prev):
            # a floating quote continues the previous speaker
            c.spk_span, c.name, c.ent = prev.spk_span, prev.name, prev.ent
        elif c.cue is None and c.kind == "direct":
            # "Smith was blunt. “…”": the named subject of the sentence before, same paragraph
            subj = _previous_sentence_subject(ctx, c.s)
            if subj is not None:
                c.spk_head = subj
                c.spk_span = _mention_span(ctx, subj)
                c.name, c.ent = _name(ctx, subj, c.spk_span, prev_ent, c.s)
        cue_span = None
        if c.cue is not None:
            ce = c.cue_end if c.cue_end > 0 else c.cue.idx + len(c.cue)
            cue_span = ctx.span(c.cue.idx, ce)
        out.append(Quote(
            text=ctx.text[c.s:c.e], start=c.s, end=c.e, kind=c.kind, cue=cue_span,
            speaker=ctx.span(*c.spk_span) if c.spk_span else None,
            speaker_name=c.name, speaker_entity=c.ent.id if c.ent is not None else None))
        if c.kind in ("direct", "mixed") or c.spk_span is not None:
            prev = c
    return out


@Language.component("newskit_quotes")
def quotes_component(doc: Doc) -> Doc:
    doc._.nk_quotes = find_quotes(doc)
    return doc
