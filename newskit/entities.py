"""Entities: spaCy's named entities, cleaned, checked and grouped per article.

Steps run after the parse, so they help any pipeline given with ``--model``:

1. span cleanup: a spaCy entity is cut at line breaks, brackets, commas,
   scores and "v"; leading determiners, trailing punctuation, possessive 's
   and stray lower-case words are trimmed (an abbreviation keeps its period:
   "U.S.", "Corp."); titles and roles before a name ("Secretary of State",
   "Mr.", "Sen.", ``models/titles.txt``) are kept out of it, recorded on the
   entity, and make it a PERSON; an organisation's name cut at "and"/"of"
   ("the Bureau of South" + "and Central Asian Affairs") is joined again;
2. evidence beyond the parser: a known given name or an initial before a
   surname votes PERSON (``models/entities/given_names.txt``) and finds full
   names the parser missed; "the X administration" makes X a person; in
   results/standings tables the names before the scores are teams (ORG);
3. headlines and datelines: candidates on ALL CAPS lines and on Title Case
   lines at the top are kept only when the body (or the place and demonym
   lists) attests them, else trimmed to the part that is attested ("Biden's
   Envoy Who" -> "Biden"); a dateline's place ("LONDON 1996-08-30") is a GPE;
4. document history: a name found once is found again where the parser
   missed it (same spelling, a person's surname; any case on ALL CAPS lines);
5. grouping: same normalised name, aliases ("US" / "U.S." / "the United
   States", ``models/entities/lexicon.json``), acronyms defined "(NSC)" or
   implied by initials, surnames and first names to the full person name,
   "X" to "X Corp.";
6. one label per entity, by a weighted vote over all its mentions (in the
   spirit of skweak's document-level majority): headline mentions and later
   pieces of a cut span weigh less, titles / given names / tables more.

Output: ``doc._.nk_entities`` (list of :class:`~newskit.records.Entity`, ids
E1.. in order of first mention, mentions sorted and never overlapping) and
``doc._.nk_entity_spans`` (sorted ``(start, end, index)`` for
:func:`entity_at`). Nothing starting in boilerplate is kept.

Limits: no coreference beyond names (pronouns and descriptions are not
mentions); a name the parser never tags and no rule above finds is missed;
a headline-only name that the body never repeats and no list knows is dropped
on purpose; two different people sharing a surname are told apart only by
which full name came last before the surname.
"""
from __future__ import annotations

import re
from bisect import bisect_right, insort
from collections import defaultdict
from functools import lru_cache
from typing import Dict, List, Optional, Tuple

from spacy.language import Language
from spacy.tokens import Doc

from .boilerplate import doc_text
from .records import Entity, TextSpan
from .resources import load_json, load_lines

if not Doc.has_extension("nk_entities"):
    Doc.set_extension("nk_entities", default=None)
if not Doc.has_extension("nk_entity_spans"):
    Doc.set_extension("nk_entity_spans", default=None)

KEEP = {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}
_NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC"}
_SEP_TEXT = {"(", ")", "[", "]", "{", "}", ",", ";", ":", "/", "|", "\"", "“", "”", "«", "»", "‘", "'", "’", "*", "•", "·"}
_DASHES = {"-", "–", "—", "--"}
_POSS = {"'s", "’s", "'", "’"}
_TRAIL_CHARS = ".,;:!?'\"’”‘“)(*"

# weights of a mention's label vote
W_BODY, W_SPLIT, W_HEAD, W_TITLE, W_LINKED, W_LONE_PERSON = 1.0, 0.5, 0.3, 1.5, 0.0, 0.6


class _Lex:
    """The word lists, loaded once."""

    def __init__(self):
        data = load_json("entities/lexicon.json")
        low = lambda xs: frozenset(x.lower() for x in xs)  # noqa: E731
        self.dets = low(data["determiners"])
        self.particles = low(data["name_particles"])
        self.abbrevs = low(data["abbreviations"])
        self.months = low(data["months"])
        self.split_words = low(data["split_words"])
        self.org_heads = low(data["org_heads"])
        self.org_tails = low(data["org_tails"])
        self.org_suffixes = low(data["org_suffixes"])
        self.person_after = low(data["person_heads_after"])
        self.place_tails = low(data["place_tails"])
        self.place_of_tails = low(data["place_of_tails"])
        self.not_names = low(data["not_names"])
        self.demonyms = {_key(d): d for d in data["demonyms"]}
        self.alias_of: Dict[str, str] = {}
        for group in data["aliases"]:
            canon = _key(group[0])
            for a in group:
                self.alias_of[_key(a)] = canon
        self.places = {_key(p): p for p in load_lines("entities/places.txt")}
        self.given = frozenset(load_lines("entities/given_names.txt"))
        titles = [t.lower() for t in load_lines("titles.txt")]
        self.titles = frozenset(titles)
        self.title_len = max(len(t.split()) for t in titles)
        self.title_last = frozenset(t.split()[-1] for t in titles)
        self.dateline = re.compile(data["dateline"])
        self.table_rows = [re.compile(r, re.M) for r in data["table_rows"]]
        # lists used to find names on ALL CAPS / Title Case lines
        gaz = {}
        for k, v in self.places.items():
            gaz[v] = "GPE"
        for v in data["demonyms"]:
            gaz[v] = "NORP"
        self.gazetteer = gaz
        self.gaz_label = {_key(k): v for k, v in gaz.items()}
        alts = sorted(gaz, key=len, reverse=True)
        body = "|".join(re.escape(a) for a in alts)
        self.gaz_re_ci = re.compile(r"(?<![\w.’'-])(?:%s)(?![\w’'-])" % body, re.I)


@lru_cache(maxsize=1)
def _lex() -> _Lex:
    return _Lex()


_KEY_THE = re.compile(r"^the\s+", re.I)
_KEY_WS = re.compile(r"\s+")


def _key(s: str) -> str:
    """Normalised name used for grouping: lower case, no 'the', no periods."""
    s = s.replace("’", "'").lower()
    s = _KEY_THE.sub("", s)
    s = s.replace(".", "").replace(" - ", "-")
    return _KEY_WS.sub(" ", s).strip()


class _M:
    """A candidate mention."""

    __slots__ = ("s", "e", "label", "w", "titles", "head", "toks", "src")

    def __init__(self, s, e, label, w, titles=None, head=False, toks=None, src="ner"):
        self.s, self.e, self.label, self.w = s, e, label, w
        self.titles = titles or []
        self.head = head
        self.toks = toks  # (first token index, end token index) or None
        self.src = src

    def __repr__(self):  # pragma: no cover - debugging aid
        return f"_M({self.s},{self.e},{self.label},{self.w},{self.src})"


# ----------------------------------------------------------------------------- lines
class _Lines:
    """Line starts and kinds: 'body', 'caps' (ALL CAPS) or 'title' (Title Case at the top)."""

    _FUNC = frozenset("a an the of in on at to for and or but from by with as vs v de is are was".split())
    _WORD = re.compile(r"[^\W\d_][\w'’.-]*")

    def __init__(self, text: str):
        self.starts: List[int] = []
        self.kinds: List[str] = []
        pos = 0
        nonempty = 0
        for raw in text.splitlines(keepends=True):
            line = raw.strip()
            kind = "body"
            if line:
                if line.upper() == line and sum(c.isalpha() for c in line[:40]) >= 2:
                    kind = "caps"
                elif nonempty < 3 and not line.endswith((".", "?", "!", "”", "\"")) or nonempty < 1:
                    words = [w for w in self._WORD.findall(line) if w.lower() not in self._FUNC]
                    if len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.85 * len(words):
                        kind = "title"
                nonempty += 1
            self.starts.append(pos)
            self.kinds.append(kind)
            pos += len(raw)
        if not self.starts:
            self.starts, self.kinds = [0], ["body"]

    def index(self, pos: int) -> int:
        return bisect_right(self.starts, pos) - 1

    def kind(self, pos: int) -> str:
        return self.kinds[self.index(pos)]

    def span(self, i: int, text: str) -> Tuple[int, int]:
        end = self.starts[i + 1] if i + 1 < len(self.starts) else len(text)
        return self.starts[i], end


# ----------------------------------------------------------------------------- cleanup
def _in_bp(doc, pos: int) -> bool:
    """Like boilerplate.in_boilerplate, with the regions read once per doc (hot path)."""
    regions = doc.user_data.get("nk_bp")
    if regions is None:
        regions = doc.user_data["nk_bp"] = list(doc._.boilerplate or ())
    if not regions:
        return False
    i = bisect_right(regions, (pos, float("inf"))) - 1
    return i >= 0 and regions[i][0] <= pos < regions[i][1]


def _text(doc) -> str:
    """doc.text, computed once per doc (spaCy rebuilds it from the tokens on every access)."""
    t = doc.user_data.get("nk_text")
    if t is None:
        t = doc_text(doc)
    return t


def _is_sep(tok, lex: _Lex) -> bool:
    t = tok.text
    if tok.is_space or "\n" in t:
        return True
    if t in _SEP_TEXT:
        return True
    if t in _DASHES and (tok.whitespace_ or (tok.i > 0 and tok.doc[tok.i - 1].whitespace_)):
        return True
    if t.lower() in lex.split_words and not t[:1].isupper() or t.lower() in ("v", "v.", "vs", "vs."):
        return True
    if any(c.isdigit() for c in t) and not any(c.isalpha() for c in t):
        return True
    return False


def _capitalised(t: str) -> bool:
    return t[:1].isupper() or (t[:1].isdigit() and any(c.isalpha() for c in t))


def _match_title(doc, i: int, j: int, lex: _Lex) -> int:
    """Length (in tokens) of the longest title starting at token i (not past j)."""
    best = 0
    words = []
    for n in range(1, min(lex.title_len, j - i) + 1):
        words.append(doc[i + n - 1].text.lower())
        if " ".join(words) in lex.titles:
            best = n
    return best


def _title_before(doc, i: int, lex: _Lex, lo: int) -> Tuple[int, List[str]]:
    """Titles directly before token i (stacked, e.g. 'former Deputy Secretary of State').

    Returns the first token index of the titles and their texts in reading order."""
    titles: List[str] = []
    start = i
    while True:
        found = 0
        if start <= lo or doc[start - 1].lower_ not in lex.title_last:
            break
        for n in range(min(lex.title_len, start - lo), 0, -1):
            a = start - n
            if "\n" in doc[a:start].text:
                continue
            if " ".join(t.text.lower() for t in doc[a:start]) in lex.titles:
                found = n
                break
        if not found:
            break
        start -= found
        titles.insert(0, doc[start:start + found].text)
    return start, titles


def _clean_ent(doc, i: int, j: int, label: str, head_line: bool, lex: _Lex) -> List[_M]:
    """Cut one spaCy entity (tokens i..j) into clean name pieces."""
    text = _text(doc)
    segs: List[Tuple[int, int]] = []
    a = i
    for k in range(i, j):
        tok = doc[k]
        cut = _is_sep(tok, lex)
        if not cut and tok.lower_ == "the" and k > a and label in _NAME_LABELS \
                and doc[k - 1].lower_ not in lex.particles:
            cut = True  # "Rathbun the Scientology ..."
        if not cut and tok.text in _POSS and k > a and k + 1 < j:
            # internal possessive: "Biden's Envoy" (a person or place owns what follows)
            if head_line or label in ("PERSON", "GPE", "NORP") or _match_title(doc, k + 1, j, lex):
                cut = True
        if cut:
            if k > a:
                segs.append((a, k))
            a = k + 1
    if j > a:
        segs.append((a, j))
    out = []
    split = len(segs) > 1
    for n_seg, (a, b) in enumerate(segs):
        titles: List[str] = []
        lab = label
        # the parser picks the label at the entity's first token: later pieces of a cut span vote less
        w = W_SPLIT if split and n_seg else W_BODY
        # leading junk
        while a < b:
            t = doc[a]
            tl = t.text.lower()
            if tl in lex.dets or not t.text.strip() or (not t.text[0].isalnum() and t.text not in ("@",)):
                a += 1
                continue
            if tl in lex.months and label != "PERSON" and b - a > 1 and _capitalised(doc[a + 1].text):
                a += 1
                continue
            if tl in lex.not_names and b - a > 1:
                a += 1
                continue
            n = _match_title(doc, a, b, lex)
            if n and n < b - a and (label == "PERSON" or doc[a + n - 1].text.endswith(".")) \
                    and _capitalised(doc[a + n].text):
                titles.append(doc[a:a + n].text)
                a += n
                lab = "PERSON"
                w = max(w, W_TITLE)
                continue
            if t.text[0].islower() and not (tl in lex.particles and b - a > 1 and _capitalised(doc[a + 1].text))\
                    and not (tl in lex.particles and a + 1 < b and doc[a + 1].text in _DASHES):
                a += 1
                continue
            if tl in lex.particles and tl in ("of", "and", "for", "on", "&", "the", "-", "'s", "’s"):
                a += 1
                continue
            break
        # trailing junk
        tail_heads = False
        while b > a:
            t = doc[b - 1]
            tl = t.text.lower()
            if t.text in _POSS or not t.text.strip() or not (t.text[0].isalnum() or t.text[-1:].isalnum()):
                b -= 1
                continue
            if t.text[0].islower():
                # "days", "province", a stray verb: not part of a name (hyphen parts like Wong Yeung-tat stay)
                if not (b - 1 > a and doc[b - 2].text in _DASHES and not doc[b - 2].whitespace_):
                    tail_heads = tail_heads or tl in lex.place_of_tails
                    b -= 1
                    continue
            if tl in lex.not_names and b - a > 1:
                b -= 1
                continue
            break
        if b <= a:
            continue
        if tail_heads and lab == "ORG" and b - a == 1:
            lab, w = "GPE", W_SPLIT  # "the Westport city council": the name left is the place's
        s = doc[a].idx
        last = doc[b - 1]
        e = last.idx + len(last.text)
        # trailing period: keep it on abbreviations (U.S., Corp., Jr.), drop it otherwise
        keep_period = False
        if text[e - 1] == ".":
            core = last.text[:-1]
            keep_period = "." in core or core.lower() in lex.abbrevs or (len(core) == 1 and core.isupper())
        elif last.text.lower() in lex.abbrevs and b < len(doc) and doc[b].text == "." and not last.whitespace_ \
                and b == j:
            e += 1  # "Corp" + "." split by the tokenizer
            keep_period = True
        while e > s and text[e - 1] in _TRAIL_CHARS and not (keep_period and text[e - 1] == "."):
            e -= 1
        if e <= s or not any(c.isalpha() for c in text[s:e]):
            continue
        out.append(_M(s, e, lab, w, titles, head_line, (a, b)))
    return out


# ----------------------------------------------------------------------------- main
def find_entities(doc: Doc) -> List[Entity]:
    """The article's entities (also stores the span index used by :func:`entity_at`)."""
    lex = _lex()
    for k in ("nk_bp", "nk_upper"):
        doc.user_data.pop(k, None)
    text = doc_text(doc)  # checked once here; helpers below reuse the cached copy
    lines = _Lines(text)
    cands: List[_M] = []
    for ent in doc.ents:
        if ent.label_ not in KEEP or _in_bp(doc, ent.start_char):
            continue
        if ent.label_ in _NAME_LABELS and not any(t.tag_ in ("NNP", "NNPS") for t in ent):
            continue  # "Writing", "Volunteer": a common word the tagger does not read as a name
        kind = lines.kind(ent.start_char)
        for m in _clean_ent(doc, ent.start, ent.end, ent.label_, kind != "body", lex):
            if not _in_bp(doc, m.s):  # a span crossing into furniture keeps only its own part
                cands.append(m)
    cands.sort(key=lambda m: (m.s, -m.e))
    cands = _drop_initial_common_words(doc, cands)
    cands = _merge_orgs(doc, cands, lex)
    title_regions = _titles(doc, cands, lex)
    if title_regions:
        cands = [m for m in cands if not any(s <= m.s and m.e <= e for s, e in title_regions)]
    _person_context(doc, cands, lex)
    _given_names(doc, cands, lex)
    cands = _table_rows(doc, cands, lex)
    cands = _dedupe(cands + _new_people(doc, lines, cands, title_regions, lex))
    body = [m for m in cands if not m.head]
    heads = [m for m in cands if m.head]
    attested = _attested(body, lex, text)
    mentions = list(body)
    for m in heads:
        mentions.extend(_check_head(doc, m, attested, lex))
    mentions.extend(_datelines(doc, lines, lex))
    mentions = _dedupe(mentions)
    mentions.extend(_propagate(doc, lines, mentions, attested, lex, title_regions))
    mentions = _dedupe(mentions)
    mentions.extend(_acronym_defs(doc, mentions, lex))
    mentions = _dedupe(mentions)
    return _group(doc, mentions, lex)


def _drop_initial_common_words(doc, cands: List[_M]) -> List[_M]:
    """'Council approves ...': a one-word candidate capitalised only because it opens a
    sentence or line, whose lower-case form the article uses as a common word, and that is
    never capitalised inside a sentence, is no name."""
    out = []
    lower = None
    for m in cands:
        if m.toks and m.toks[1] - m.toks[0] == 1:
            tok = doc[m.toks[0]]
            at_start = tok.is_sent_start or tok.i == 0 or "\n" in doc[tok.i - 1].text_with_ws
            if at_start and tok.text[:1].isupper() and not tok.text.isupper():
                if lower is None:
                    lower = {}
                    for t in doc:
                        low = t.lower_
                        inside = not (t.is_sent_start or t.i == 0 or "\n" in doc[t.i - 1].text_with_ws)
                        seen = lower.setdefault(low, [False, False])
                        seen[0] |= t.text == low  # used as a common word
                        seen[1] |= inside and t.text[:1].isupper()  # capitalised mid-sentence
                common, named = lower.get(tok.lower_, (False, False))
                if common and not named:
                    continue
        out.append(m)
    return out


def _dedupe(ms: List[_M]) -> List[_M]:
    """Sort, and drop mentions overlapping an earlier kept (longer or first) one."""
    ms = sorted(ms, key=lambda m: (m.s, -(m.e - m.s)))
    out: List[_M] = []
    for m in ms:
        if out and m.s < out[-1].e:
            prev = out[-1]
            if m.s == prev.s and m.e == prev.e and m.w > prev.w:
                out[-1] = m
            continue
        out.append(m)
    return out


def _merge_orgs(doc, cands: List[_M], lex: _Lex) -> List[_M]:
    """Join an organisation's name cut at 'and' / 'of' ("Bureau of South" + "and Central Asian Affairs")."""
    out: List[_M] = []
    i = 0
    while i < len(cands):
        m = cands[i]
        if m.toks and not m.head:
            a, b = m.toks
            words = [t.text.lower() for t in doc[a:b]]
            nxt = doc[b] if b < len(doc) else None
            merged = None
            if nxt is not None and nxt.text.lower() in ("and", "&") and "of" in words \
                    and any(w in lex.org_heads for w in words[:words.index("of")]):
                # a run of capitalised words after 'and', ending in a topic word
                k = b + 1
                while k < len(doc) and _capitalised(doc[k].text) and "\n" not in doc[k].text:
                    k += 1
                if k > b + 1 and doc[k - 1].text.lower() in lex.org_tails and k - b - 1 <= 5:
                    merged = k
            elif nxt is not None and nxt.text.lower() == "of" and words[-1] in lex.org_heads:
                k = b + 1
                if k < len(doc) and doc[k].text.lower() == "the":
                    k += 1
                k0 = k
                while k < len(doc) and _capitalised(doc[k].text) and "\n" not in doc[k].text:
                    k += 1
                if k > k0 and k - k0 <= 4:
                    merged = k
            if merged is not None:
                last = doc[merged - 1]
                e = last.idx + len(last.text)
                new = _M(m.s, e, "ORG", max(m.w, W_BODY), m.titles, False, (a, merged))
                j = i + 1
                while j < len(cands) and cands[j].s < e:
                    j += 1
                out.append(new)
                i = j
                continue
        out.append(m)
        i += 1
    return out


def _titles(doc, cands: List[_M], lex: _Lex) -> List[Tuple[int, int]]:
    """Record titles standing before names; return the title regions (to drop 'State' in 'Secretary of State')."""
    regions = []
    cand_starts = {m.toks[0]: m for m in cands if m.toks}
    for m in cands:
        if not m.toks or m.label not in ("PERSON", "ORG", "GPE", "NORP", "LOC"):
            continue
        a = m.toks[0]
        lo = max(0, a - 8)
        start, titles = _title_before(doc, a, lex, lo)
        if not titles:
            continue
        # only a capitalised title, or any title before a PERSON, makes a person
        cap = doc[start].text[:1].isupper() or doc[start].text.lower().endswith(".")
        if m.label != "PERSON" and not cap:
            continue
        if m.label != "PERSON" and (doc[start].text.lower() in lex.org_heads):
            continue
        # a name already inside another candidate ('Bank of X') is not titled
        if start in cand_starts and cand_starts[start] is not m and cand_starts[start].e > m.s:
            continue
        # "Major League Baseball": a title makes a person of one word or of a person-like name only
        if m.label != "PERSON" and m.toks[1] - m.toks[0] > 1 and \
                not _looks_like_person(_text(doc)[m.s:m.e].split(), lex):
            continue
        m.titles = titles + m.titles
        m.label = "PERSON"
        m.w = max(m.w, W_TITLE)
        regions.append((doc[start].idx, doc[a].idx))
    return regions


def _person_context(doc, cands: List[_M], lex: _Lex) -> None:
    """'the X administration': a single name before such a word is a person."""
    for m in cands:
        if not m.toks or m.head:
            continue
        a, b = m.toks
        if b - a != 1 or m.label == "PERSON":
            continue
        k = _key(doc[a].text)
        if k in lex.places or k in lex.demonyms or k in lex.alias_of:
            continue
        nxt = b
        if nxt < len(doc) and doc[nxt].text in _POSS:
            nxt += 1
        if nxt < len(doc) and doc[nxt].text.lower() in lex.person_after and doc[nxt].text.islower():
            m.label = "PERSON"
            m.w = max(m.w, W_TITLE)


_INITIAL = re.compile(r"^[A-Z]\.$")
_PERSON_PAIR = re.compile(r"(?<![\w.’'-])([A-Z][a-z]+|[A-Z]\.)[ ]((?:[A-Z]\.[ ]?)?(?:Mc|Mac|O'|De|Van |van |de |von )?[A-Z][a-z][\w'’-]*[a-z])(?![\w’'-])")


def _looks_like_person(words: List[str], lex: _Lex) -> bool:
    """'Mihai Tararache', 'J. Russell': a given name (or an initial) then a capitalised surname."""
    if len(words) < 2 or len(words) > 4:
        return False
    first, last = words[0], words[-1]
    if not (first in lex.given or first.capitalize() in lex.given and first.isupper() or _INITIAL.match(first)):
        return False
    if not last[:1].isupper() or last.lower() in lex.place_tails or \
            any(w.lower() in lex.org_heads or w.lower() in lex.org_suffixes or w.lower() in lex.org_tails for w in words):
        return False
    k = _key(" ".join(words))
    return k not in lex.places and k not in lex.alias_of


def _given_names(doc, cands: List[_M], lex: _Lex) -> None:
    text = _text(doc)
    # one-word names this article itself uses as places ("Charlotte" the city)
    other: Dict[str, float] = defaultdict(float)
    for m in cands:
        w = text[m.s:m.e]
        if " " not in w:
            other[w] += m.w if m.label in PLACE_LABELS else -m.w
    for m in cands:
        if m.label == "PERSON" or m.s >= m.e:
            continue
        words = text[m.s:m.e].split()
        if other.get(words[0], 0) > 0:
            continue
        if _looks_like_person(words, lex):
            m.label = "PERSON"
            m.w = max(m.w, W_TITLE)


W_TABLE = 2.0


def _table_rows(doc, cands: List[_M], lex: _Lex) -> List[_M]:
    """Results and standings tables: the name before the numbers is a team (or a competitor)."""
    text = _text(doc)
    found = []
    for rx in lex.table_rows:
        for mt in rx.finditer(text):
            for g in ("a", "b"):
                if g in rx.groupindex and mt.group(g):
                    found.append((mt.start(g), mt.end(g)))
    if len({text.count("\n", 0, s) for s, _ in found}) < 2:
        return cands
    found.sort()
    by_span = {(m.s, m.e): m for m in cands}
    drop = set()
    add = []
    starts = sorted((m.s, m.e, id(m)) for m in cands)
    for s, e in found:
        if _in_bp(doc, s):
            continue
        words = text[s:e].split()
        label = "PERSON" if _looks_like_person(words, lex) else "ORG"
        m = by_span.get((s, e))
        if m is not None:
            m.label, m.w = label, W_TABLE
            continue
        span = doc.char_span(s, e)
        if span is None:
            continue
        drop.update(cid for _, _, cid in _overlapping(starts, s, e))
        add.append(_M(s, e, label, W_TABLE, [], False, (span.start, span.end), "table"))
    return [m for m in cands if id(m) not in drop] + add


def _new_people(doc, lines: _Lines, cands: List[_M], title_regions, lex: _Lex) -> List[_M]:
    """Names the parser missed entirely: 'Lindsay Davenport', 'A. Gurusinha' in body lines."""
    text = _text(doc)
    taken = sorted([(m.s, m.e) for m in cands] + list(title_regions))
    out = []
    for mt in _PERSON_PAIR.finditer(text):
        s, e = mt.start(), mt.end()
        if lines.kind(s) != "body" or "\n" in text[s:e]:
            continue
        i = bisect_right(taken, (s, float("inf"))) - 1
        if any(0 <= j < len(taken) and taken[j][0] < e and s < taken[j][1] for j in (i, i + 1)):
            continue
        words = text[s:e].split()
        if not _looks_like_person(words, lex) or _in_bp(doc, s):
            continue
        # not the start of a longer capitalised run ("Lindsay Davenport Cup")
        nxt = text[e:e + 2]
        if len(nxt) == 2 and nxt[0] == " " and nxt[1].isupper():
            continue
        if s >= 2 and text[s - 1] == " " and text[s - 2].isalpha() and text[s - 2] != text[s - 2].lower():
            prev = text[:s - 1].rsplit(None, 1)[-1] if text[:s - 1].strip() else ""
            if prev[:1].isupper() and prev.lower() not in lex.titles:
                continue
        span = doc.char_span(s, e)
        if span is None:
            continue
        out.append(_M(s, e, "PERSON", W_BODY, [], False, (span.start, span.end), "given"))
    return out


def _attested(body: List[_M], lex: _Lex, text: str) -> Dict[str, Tuple[str, float]]:
    """Normalised names the body vouches for, with a label."""
    att: Dict[str, Tuple[str, float]] = {}
    for m in body:
        k = _key(text[m.s:m.e])
        if k not in att or att[k][1] < m.w:
            att[k] = (m.label, m.w)
    for m in body:
        if m.label == "PERSON":
            parts = text[m.s:m.e].split()
            if len(parts) > 1:
                for p in parts:
                    pk = _key(p)
                    if len(pk) > 2 and pk not in att and pk not in lex.particles:
                        att[pk] = ("PERSON", 0.5)
    return att


def _lookup(k: str, attested, lex: _Lex) -> Optional[str]:
    if k in attested:
        return attested[k][0]
    if k in lex.alias_of:
        return attested.get(lex.alias_of[k], ("GPE",))[0]
    if k in lex.gaz_label:
        return lex.gaz_label[k]
    return None


def _check_head(doc, m: _M, attested, lex: _Lex) -> List[_M]:
    """A headline candidate is kept when attested, else trimmed to its attested part."""
    text = _text(doc)
    k = _key(text[m.s:m.e])
    lab = _lookup(k, attested, lex)
    if lab:
        m.w = W_HEAD
        return [m]
    words = text[m.s:m.e].split()
    if not text[m.s:m.e].isupper() and _looks_like_person(words, lex):  # a byline, a name only the headline gives
        m.label, m.w = "PERSON", W_HEAD
        return [m]
    if not m.toks:
        return []
    a, b = m.toks
    out = []
    k0 = a
    for n in range(min(b - a, 6), 0, -1):
        for st in range(a, b - n + 1):
            if st < k0:
                continue
            s = doc[st].idx
            e = doc[st + n - 1].idx + len(doc[st + n - 1].text)
            lab = _lookup(_key(text[s:e]), attested, lex)
            if lab and _capitalised(doc[st].text):
                out.append(_M(s, e, lab, W_HEAD, [], True, (st, st + n), "head"))
                k0 = st + n
    return out


def _datelines(doc, lines: _Lines, lex: _Lex) -> List[_M]:
    """'LONDON 1996-08-30', 'KABUL, Afghanistan (Reuters) -': the capitalised place is a GPE."""
    out = []
    text = _text(doc)
    seen = 0
    for i, st in enumerate(lines.starts):
        s, e = lines.span(i, text)
        line = text[s:e]
        if not line.strip():
            continue
        seen += 1
        if seen > 4:
            break
        mt = lex.dateline.match(line)
        if mt and mt.group("cue") and line.upper() == line:
            mt = None
        if mt and not _in_bp(doc, s + mt.start(1)):
            out.append(_M(s + mt.start(1), s + mt.end(1), "GPE", W_BODY, [], False, None, "dateline"))
    return out


_LEFT_STOP = ".’'-"
_RIGHT_STOP = "’'-"


def _occurrences(hay: str, needle: str, lo: int = 0, hi: Optional[int] = None):
    """Start offsets of ``needle`` in ``hay[lo:hi]`` as a whole word (str.find: no regex to compile)."""
    hi = len(hay) if hi is None else hi
    n = len(needle)
    i = hay.find(needle, lo, hi)
    while i >= 0:
        j = i + n
        if (i == 0 or not (hay[i - 1].isalnum() or hay[i - 1] in _LEFT_STOP)) and \
                (j >= len(hay) or not (hay[j].isalnum() or hay[j] in _RIGHT_STOP)):
            yield i
        i = hay.find(needle, i + 1, hi)


def _propagate(doc, lines: _Lines, mentions: List[_M], attested, lex: _Lex, title_regions) -> List[_M]:
    """Find again, where the parser missed them, names found elsewhere in the article."""
    text = _text(doc)
    forms: Dict[str, str] = {}
    for m in mentions:
        if m.src in ("ner", "dateline", "given", "table") and not m.head:
            forms.setdefault(text[m.s:m.e], m.label)
    for m in mentions:
        if m.label == "PERSON" and not m.head:
            parts = text[m.s:m.e].split()
            if len(parts) > 1:
                p = parts[-1]
                if len(p) > 2 and p[0].isupper() and p.lower() not in lex.particles:
                    forms.setdefault(p, "PERSON")
    for m in mentions:  # "Northwind Systems" is also "Northwind"
        if m.label == "ORG" and not m.head:
            parts = text[m.s:m.e].split()
            n = len(parts)
            while n > 1 and parts[n - 1].lower() in lex.org_suffixes:
                n -= 1
            if 0 < n < len(parts) and parts[0][:1].isupper() and len(" ".join(parts[:n])) > 2:
                forms.setdefault(" ".join(parts[:n]), "ORG")
    keep = {}
    for f, lab in forms.items():
        fl = f.lower()
        if len(f) < 2 or fl in lex.not_names:
            continue
        if " " not in f and fl != f and next(_occurrences(text, fl), None) is not None:
            continue  # also a common word here ("West" / "west")
        keep[f] = lab
    if not keep:
        return []
    taken = sorted([(m.s, m.e) for m in mentions] + list(title_regions))
    out: List[_M] = []

    def free(s, e):
        i = bisect_right(taken, (s, float("inf"))) - 1
        for j in (i, i + 1):
            if 0 <= j < len(taken) and taken[j][0] < e and s < taken[j][1]:
                return False
        return not _in_bp(doc, s)

    def add(s, e, form_label, check_neighbours):
        if not free(s, e):
            return
        span = doc.char_span(s, e)
        if span is None:
            return
        if check_neighbours:
            if span.start > 0:
                p = doc[span.start - 1]
                if p.text[:1].isupper() and p.tag_ in ("NNP", "NNPS") and "\n" not in p.text:
                    return  # part of a longer name the parser did not tag
            if span.end < len(doc):
                n = doc[span.end]
                if n.text[:1].isupper() and n.tag_ in ("NNP", "NNPS") and "\n" not in n.text:
                    return
        insort(taken, (s, e))
        out.append(_M(s, e, form_label, W_LINKED, [], lines.kind(s) != "body", (span.start, span.end), "prop"))

    ordered = sorted(keep, key=lambda f: (-len(f), f))
    for f in ordered:
        for s in _occurrences(text, f):
            kind = lines.kind(s)
            if kind != "caps":
                add(s, s + len(f), keep[f], kind == "body")
    caps_lines = [i for i, k in enumerate(lines.kinds) if k == "caps"]
    if caps_lines:
        upper = doc.user_data.get("nk_upper")
        if upper is None or len(upper) != len(text):
            upper = doc.user_data["nk_upper"] = text.upper()
        for i in caps_lines:
            s0, e0 = lines.span(i, text)
            for f in ordered:
                fu = f.upper()
                if len(fu) != len(f):
                    continue
                for s in _occurrences(upper, fu, s0, e0):
                    add(s, s + len(f), keep[f], False)
            for mt in lex.gaz_re_ci.finditer(text, s0, e0):
                lab = lex.gaz_label.get(_key(mt.group(0)))
                if lab:
                    add(mt.start(), mt.end(), lab, False)
    return out


_ACRO = re.compile(r"\s*\(\s*([A-Z][A-Za-z&.]{1,9})\s*\)")


def _acro_after(text: str, e: int) -> Optional[Tuple[int, int]]:
    """The span of an acronym in brackets right after offset e ("... Council (NSC)")."""
    mt = _ACRO.match(text, e, e + 16)
    if mt and (mt.group(1).isupper() or sum(c.isupper() for c in mt.group(1)) >= 2):
        return mt.start(1), mt.end(1)
    return None


def _defines(text: str, m: _M, span: Tuple[int, int], lex: _Lex) -> bool:
    """Whether the bracketed word at ``span`` is an acronym of mention ``m`` (not "Jane Doe ( U.S. )")."""
    if m.label == "PERSON" or " " not in text[m.s:m.e]:
        return False  # an acronym stands for several words ("... in Rwanda (RDR)" is not Rwanda)
    acr = text[span[0]:span[1]]
    k = _key(acr)
    if k in lex.alias_of or k in lex.places or k in lex.gaz_label:
        return False
    first = next((w for w in text[m.s:m.e].split() if w[:1].isupper()), "")
    return first[:1] == acr[:1]


def _acronym_defs(doc, mentions: List[_M], lex: _Lex) -> List[_M]:
    """'the National Security Council (NSC)': the acronym is a mention of the same thing."""
    text = _text(doc)
    out = []
    for m in mentions:
        span = _acro_after(text, m.e)
        if span and _defines(text, m, span, lex):
            out.append(_M(span[0], span[1], m.label, W_LINKED, [], m.head, None, "acro"))
    return out


def _initials(name: str, lex: _Lex) -> str:
    return "".join(w[0] for w in re.split(r"[\s-]+", name) if w and w[0].isupper() and w.lower() not in lex.particles)


# ----------------------------------------------------------------------------- grouping
def _shorter_name(toks: List[str], full: List[str]) -> bool:
    """'Hill' or 'Delane Hill' ends 'Marcus Delane Hill'; 'Marcus Hill' skips its middle name."""
    if len(full) <= len(toks):
        return False
    if full[-len(toks):] == toks:
        return True
    if len(toks) < 2 or toks[0] != full[0] or toks[-1] != full[-1]:
        return False
    it = iter(full)
    return all(t in it for t in toks)


def _group(doc, mentions: List[_M], lex: _Lex) -> List[Entity]:
    text = _text(doc)
    n = len(mentions)
    if not n:
        doc._.nk_entity_spans = []
        return []
    parent = list(range(n))

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(x, y):
        rx, ry = find(x), find(y)
        if rx != ry:
            if ry < rx:
                rx, ry = ry, rx
            parent[ry] = rx

    keys = [_key(text[m.s:m.e]) for m in mentions]
    by_key: Dict[str, int] = {}
    for i, k in enumerate(keys):
        k2 = lex.alias_of.get(k, k)
        if k2 in by_key:
            union(by_key[k2], i)
        else:
            by_key[k2] = i
    start_of = {m.s: i for i, m in enumerate(mentions)}
    for i, m in enumerate(mentions):
        span = _acro_after(text, m.e)
        if span and span[0] in start_of and _defines(text, m, span, lex):
            union(i, start_of[span[0]])

    def groups():
        g: Dict[int, List[int]] = defaultdict(list)
        for i in range(n):
            g[find(i)].append(i)
        return g

    def label_of(idx: List[int], final: bool = False) -> str:
        votes: Dict[str, float] = defaultdict(float)
        # a lone one-word "person" that no full name, title or given name backs is weak evidence
        lone = final and all(" " not in keys[i] for i in idx)
        for i in idx:
            m = mentions[i]
            w = m.w
            if lone and m.label == "PERSON" and w == W_BODY and not m.titles:
                w = W_LONE_PERSON
            votes[m.label] += w
        if not votes or max(votes.values()) == 0:
            for i in idx:
                votes[mentions[i].label] += 0.01
        return max(sorted(votes), key=lambda l: votes[l])

    # acronyms implied by initials: "NSC" <-> "National Security Council"
    g = groups()
    acr = {}
    for r, idx in g.items():
        for i in idx:
            t = text[mentions[i].s:mentions[i].e]
            t2 = t.replace(".", "")
            if 2 <= len(t2) <= 6 and t2.isupper() and t2.isalpha():
                acr.setdefault(t2, r)
    if acr:
        full: Dict[str, List[int]] = defaultdict(list)
        for r, idx in g.items():
            names = {text[mentions[i].s:mentions[i].e] for i in idx}
            for nm in names:
                if " " in nm:
                    ini = _initials(nm, lex)
                    if ini in acr and acr[ini] != r and r not in full[ini]:
                        full[ini].append(r)
        for ini, rs in full.items():
            if len(rs) == 1 and label_of(g[rs[0]]) not in ("PERSON",):
                union(acr[ini], rs[0])

    # people: surnames and first names to the full name
    g = groups()
    info = {}
    for r, idx in g.items():
        lab = label_of(idx)
        longest = max(idx, key=lambda i: (len(keys[i].split()), -mentions[i].s))
        info[r] = (lab, keys[longest].split(), idx)
    fulls = [(r, toks) for r, (lab, toks, idx) in info.items() if lab == "PERSON" and len(toks) > 1]
    if fulls:
        by_last: Dict[str, List[Tuple[int, List[str]]]] = defaultdict(list)
        by_first: Dict[str, List[int]] = defaultdict(list)
        for fr, ft in fulls:
            by_last[ft[-1]].append((fr, ft))
            by_first[ft[0]].append(fr)
        for r, (lab, toks, idx) in info.items():
            if toks[-1] not in by_last and not (len(toks) == 1 and toks[0] in by_first):
                continue
            has_person_vote = any(mentions[i].label == "PERSON" and mentions[i].w > 0 for i in idx)
            k = " ".join(toks)
            if not has_person_vote and (k in lex.places or k in lex.demonyms or k in lex.alias_of):
                continue
            suffix = [fr for fr, ft in by_last.get(toks[-1], ()) if fr != r and _shorter_name(toks, ft)]
            first = [fr for fr in by_first.get(toks[0], ()) if fr != r] if len(toks) == 1 else []
            if len(suffix) == 1 or (not suffix and len(first) == 1 and has_person_vote):
                union((suffix or first)[0], r)
                for i in idx:  # the full name decides: a surname's other labels do not vote
                    if mentions[i].label != "PERSON":
                        mentions[i].w = 0.0
            elif len(suffix) > 1:
                # several people share the surname: each short mention goes to the nearest full name before it
                for i in idx:
                    best = None
                    for fr in suffix:
                        for j in info[fr][2]:
                            if mentions[j].s < mentions[i].s and (best is None or mentions[j].s > mentions[best].s):
                                best = j
                    if best is not None:
                        parent[i] = i  # detach
                        union(best, i)
    # organisations: "Microsoft" <-> "Microsoft Corp."
    g = groups()
    toks_of = {r: max((keys[i].split() for i in idx), key=len) for r, idx in g.items()}
    by_first_tok: Dict[str, List[int]] = defaultdict(list)
    for r, toks in toks_of.items():
        if len(toks) > 1 and toks[-1] in lex.org_suffixes and label_of(g[r]) != "PERSON":
            by_first_tok[toks[0]].append(r)
    if by_first_tok:
        for r, toks in toks_of.items():
            if label_of(g[r]) == "PERSON" or toks[0] not in by_first_tok:
                continue  # "Andy Warhol" is not "Andy Warhol Foundation"
            for r2 in by_first_tok[toks[0]]:
                t2 = toks_of[r2]
                if r2 != r and len(t2) > len(toks) and t2[:len(toks)] == toks \
                        and all(w in lex.org_suffixes for w in t2[len(toks):]):
                    union(r2, r)
                    break

    g = groups()
    ents = []
    for r, idx in g.items():
        lab = label_of(idx, final=True)
        ms = sorted(idx, key=lambda i: mentions[i].s)
        spans = []
        seen = set()
        for i in ms:
            m = mentions[i]
            if (m.s, m.e) in seen:
                continue
            seen.add((m.s, m.e))
            spans.append(TextSpan(text=text[m.s:m.e], start=m.s, end=m.e))
        best = max(ms, key=lambda i: (
            mentions[i].label == lab, not mentions[i].head,
            not (text[mentions[i].s:mentions[i].e].isupper() and " " in text[mentions[i].s:mentions[i].e]
                 or text[mentions[i].s:mentions[i].e].isupper() and len(keys[i]) > 5),
            len(keys[i].replace(".", "").split()), len(keys[i]), -mentions[i].s))
        titles: List[str] = []
        for i in ms:
            for t in mentions[i].titles:
                if t not in titles:
                    titles.append(t)
        ents.append((spans[0].start, lab, text[mentions[best].s:mentions[best].e], spans, titles))
    ents.sort(key=lambda x: x[0])
    out = []
    index = []
    for k, (first, lab, name, spans, titles) in enumerate(ents):
        out.append(Entity(id=f"E{k + 1}", name=name, label=lab, mentions=spans, count=len(spans),
                          first=first, titles=titles))
        for sp in spans:
            index.append((sp.start, sp.end, k))
    index.sort()
    doc._.nk_entity_spans = index
    return out


def entity_at(doc: Doc, start: int, end: int) -> Optional[Entity]:
    """The entity with a mention overlapping ``[start, end)``, if any (the first such mention wins)."""
    ents = doc._.nk_entities or []
    index = doc._.nk_entity_spans
    if index is None:
        for ent in ents:
            for m in ent.mentions:
                if m.start < end and start < m.end:
                    return ent
        return None
    for _, _, k in _overlapping(index, start, end):
        return ents[k]
    return None


def _overlapping(index, start: int, end: int):
    """Items ``(s, e, key)`` of a start-sorted list of non-overlapping spans that overlap [start, end)."""
    i = bisect_right(index, (start, float("inf"), 0)) - 1
    # only the span starting at/before ``start`` and those after it can overlap
    for j in range(max(i, 0), len(index)):
        s, e, k = index[j]
        if s >= end:
            break
        if start < e:
            yield s, e, k


@Language.component("newskit_entities")
def entities_component(doc: Doc) -> Doc:
    doc._.nk_entities = find_entities(doc)
    return doc
