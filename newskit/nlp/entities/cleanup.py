"""Span clean-up: cut spaCy's entities into clean name pieces, drop junk, join cut organisation names.

Limits: works on the parser's tokens, so a name the tokenizer glues to other
text is cut where the tokens are; titles are only those in the shared ``models/en/document/titles.txt``.
"""
from __future__ import annotations

from typing import List, Tuple

from spacy.attrs import LOWER, ORTH, SENT_START

from newskit.nlp import document
from .common import DASHES, NAME_LABELS, POSS, SEP_TEXT, TRAIL_CHARS, Mention, capitalised
from .config import MentionWeights
from .data import EntityData

__all__ = ["clean_ent", "drop_initial_common_words", "merge_orgs", "title_before"]


def _is_sep(tok, data: EntityData) -> bool:
    t = tok.text
    if tok.is_space or "\n" in t:
        return True
    if t in SEP_TEXT:
        return True
    if t in DASHES and (tok.whitespace_ or (tok.i > 0 and tok.doc[tok.i - 1].whitespace_)):
        return True
    if t.lower() in data.split_words and not t[:1].isupper() or t.lower() in ("v", "v.", "vs", "vs."):
        return True
    if any(c.isdigit() for c in t) and not any(c.isalpha() for c in t):
        return True
    return False


def _match_title(doc, i: int, j: int, data: EntityData) -> int:
    """Length (in tokens) of the longest title starting at token i (not past j)."""
    best = 0
    words = []
    for n in range(1, min(data.title_len, j - i) + 1):
        words.append(doc[i + n - 1].text.lower())
        if " ".join(words) in data.titles:
            best = n
    return best


def title_before(doc, i: int, data: EntityData, lo: int) -> Tuple[int, List[str]]:
    """Titles directly before token i (stacked, e.g. 'former Deputy Secretary of State').

    Returns the first token index of the titles and their texts in reading order."""
    titles: List[str] = []
    start = i
    while True:
        found = 0
        if start <= lo or doc[start - 1].lower_ not in data.title_last:
            break
        for n in range(min(data.title_len, start - lo), 0, -1):
            a = start - n
            if "\n" in doc[a:start].text:
                continue
            if " ".join(t.text.lower() for t in doc[a:start]) in data.titles:
                found = n
                break
        if not found:
            break
        start -= found
        titles.insert(0, doc[start:start + found].text)
    return start, titles


def _segments(doc, i: int, j: int, label: str, head_line: bool, data: EntityData) -> List[Tuple[int, int]]:
    """Token ranges of a spaCy entity (tokens i..j) cut at separators, "the" and inner possessives."""
    segs: List[Tuple[int, int]] = []
    a = i
    for k in range(i, j):
        tok = doc[k]
        cut = _is_sep(tok, data)
        if not cut and tok.lower_ == "the" and k > a and label in NAME_LABELS \
                and doc[k - 1].lower_ not in data.particles:
            cut = True  # "Okafor the Lagos bank ...": a name, then a description
        if not cut and tok.text in POSS and k > a and k + 1 < j:
            # internal possessive: "Biden's Envoy" (a person or place owns what follows)
            if head_line or label in ("PERSON", "GPE", "NORP") or _match_title(doc, k + 1, j, data):
                cut = True
        if cut:
            if k > a:
                segs.append((a, k))
            a = k + 1
    if j > a:
        segs.append((a, j))
    return [piece for seg in segs for piece in _split_places(doc, *seg, data)]


def _split_places(doc, a: int, b: int, data: EntityData) -> List[Tuple[int, int]]:
    """"Amazonas and Rondônia" is two places ("Trinidad and Tobago", a place itself, stays one)."""
    for k in range(a + 1, b - 1):
        if doc[k].lower_ in ("and", "&"):
            known = data.places.kind_of
            if known(doc[a:b].text) is None and known(doc[a:k].text) and known(doc[k + 1:b].text):
                return [(a, k), (k + 1, b)]
    return [(a, b)]


def _trim_start(doc, a: int, b: int, label: str, data: EntityData, titles: List[str]) -> int:
    """First token of the name in a..b: determiners, months, junk and titles (appended to ``titles``) skipped."""
    while a < b:
        t = doc[a]
        tl = t.text.lower()
        if tl in data.dets or not t.text.strip() or (not t.text[0].isalnum() and t.text not in ("@",)):
            a += 1
            continue
        if tl in data.months and label != "PERSON" and b - a > 1 and capitalised(doc[a + 1].text):
            a += 1
            continue
        if tl in data.not_names and b - a > 1:
            a += 1
            continue
        n = _match_title(doc, a, b, data)
        if n and n < b - a and (label == "PERSON" or doc[a + n - 1].text.endswith(".")) \
                and capitalised(doc[a + n].text):
            titles.append(doc[a:a + n].text)
            a += n
            continue
        if t.text[0].islower() and not (tl in data.particles and b - a > 1 and capitalised(doc[a + 1].text))\
                and not (tl in data.particles and a + 1 < b and doc[a + 1].text in DASHES):
            # "pro-Beijing New People Party": the whole hyphenated modifier goes, not just "pro-"
            a += 3 if b - a > 3 and _attached_hyphen(doc, a) else 1
            continue
        if tl in data.particles and tl in ("of", "and", "for", "on", "&", "the", "-", "'s", "’s"):
            a += 1
            continue
        return a
    return a


def _attached_hyphen(doc, i: int) -> bool:
    """Tokens i, i+1, i+2 spell one hyphenated word ("pro-Beijing", "Yeung-tat")."""
    return i + 2 < len(doc) and doc[i + 1].text in ("-", "‐") and not doc[i].whitespace_ \
        and not doc[i + 1].whitespace_ and doc[i + 2].text[:1].isalpha()


def _trim_end(doc, a: int, b: int, data: EntityData) -> Tuple[int, bool]:
    """End token of the name in a..b, and whether a place word was cut ("Westport city council")."""
    tail_heads = False
    while b > a:
        t = doc[b - 1]
        tl = t.text.lower()
        if t.text in POSS or not t.text.strip() or not (t.text[0].isalnum() or t.text[-1:].isalnum()):
            b -= 1
            continue
        if t.text[0].islower():
            # "days", "province", a stray verb: not part of a name (hyphen parts like Lam Ka-wai stay)
            if not (b - 1 > a and doc[b - 2].text in DASHES and not doc[b - 2].whitespace_):
                tail_heads = tail_heads or tl in data.place_of_tails
                b -= 1
                continue
        if tl in data.not_names and b - a > 1:
            b -= 1
            continue
        break
    return b, tail_heads


def _post_nominal(doc, i: int, j: int, data: EntityData) -> bool:
    """"Mark Lee, QC, said": honours and degrees after a person's name and a comma."""
    return j - i == 1 and doc[i].text.replace(".", "") in data.post_nominals and i >= 2 \
        and doc[i - 1].text == "," and doc[i - 2].ent_type_ == "PERSON"


def _zone_after_time(doc, i: int, data: EntityData) -> bool:
    """A time-zone abbreviation right after a clock time ("5 p.m. EST", "(0800 GMT")."""
    if doc[i].text not in data.zones or i == 0:
        return False
    prev = doc[i - 1].text.lower()
    return any(c.isdigit() for c in prev) or prev in ("a.m.", "p.m.", "am", "pm", "noon", "midnight")


def _trim_role(doc, a: int, b: int, data: EntityData) -> int:
    """"State Department Spokesperson": a role word (one or two) ending a non-person name is the next person's."""
    for n in (2, 1):
        if b - a > n and doc[b - n:b].text.lower() in data.role_tails and doc[b - n].text[:1].isupper() \
                and doc[b - n - 1].text[:1].isupper():
            return b - n
    return b


def _char_end(doc, b: int, j: int, data: EntityData) -> int:
    """End offset of the name ending at token b: a trailing period kept on abbreviations (U.S., Corp., Jr.)."""
    text = document.text(doc)
    last = doc[b - 1]
    s, e = last.idx, last.idx + len(last.text)
    keep_period = False
    if text[e - 1] == ".":
        core = last.text[:-1]
        keep_period = "." in core or core.lower() in data.abbrevs or (len(core) == 1 and core.isupper())
    elif last.text.lower() in data.abbrevs and b < len(doc) and doc[b].text == "." and not last.whitespace_ \
            and b == j:
        e += 1  # "Corp" + "." split by the tokenizer
        keep_period = True
    while e > s and text[e - 1] in TRAIL_CHARS and not (keep_period and text[e - 1] == "."):
        e -= 1
    if text.endswith("‘s", s, e) and e - 2 > s:
        e -= 2  # "Trump‘s": a possessive typed with an opening quote stays glued to the token
    comma = text.rfind(",", s, e)
    if comma > s and text[comma + 1:e].isdigit():
        e = comma  # "Ruiz,60": an age typed without a space stays glued to the name
    return e


def clean_ent(doc, i: int, j: int, label: str, head_line: bool, data: EntityData,
              weights: MentionWeights) -> List[Mention]:
    """Cut one spaCy entity (tokens i..j) into clean name pieces."""
    text = document.text(doc)
    out = []
    if _post_nominal(doc, i, j, data):
        return out
    if label == "PERSON" and j >= 1 and _attached_hyphen(doc, j - 1) and doc[j + 1].text.islower() \
            and len(doc[j + 1].text) <= 4 and doc[j + 1].text not in data.compound_tails:
        j += 2  # the parser stopped inside a hyphenated given name: "Lam Ka" of "Lam Ka-wai"
    segs = _segments(doc, i, j, label, head_line, data)
    for n_seg, (a, b) in enumerate(segs):
        titles: List[str] = []
        a = _trim_start(doc, a, b, label, data, titles)
        if a < b and _zone_after_time(doc, a, data):  # "09:30 GMT Friday": part of a time, not a name
            if all(t.lower_ in data.months for t in doc[a + 1:b]):
                continue
            a += 1
        b, tail_heads = _trim_end(doc, a, b, data)
        if label != "PERSON":
            b = _trim_role(doc, a, b, data)
        if b <= a:
            continue
        # the parser picks the label at the entity's first token: later pieces of a cut span vote less
        lab, sig, w = label, "model", weights.split if n_seg else weights.body
        if titles:
            lab, sig, w = "PERSON", "context", max(w, weights.title)
        if tail_heads and lab == "ORG" and b - a == 1:
            lab, w, sig = "GPE", weights.split, "context"  # "the Westport city council": the name left is the place's
        s, e = doc[a].idx, _char_end(doc, b, j, data)
        if e <= s or not any(c.isalpha() for c in text[s:e]):
            continue
        out.append(Mention(s, e, lab, w, titles, head_line, (a, b), sig=sig))
    return out


def drop_initial_common_words(doc, cands: List[Mention]) -> List[Mention]:
    """'Council approves ...': a one-word candidate capitalised only because it opens a
    sentence or line, whose lower-case form the article uses as a common word, and that is
    never capitalised inside a sentence, is no name."""
    out = []
    usage = None
    for m in cands:
        if m.toks and m.toks[1] - m.toks[0] == 1:
            tok = doc[m.toks[0]]
            at_start = tok.is_sent_start or tok.i == 0 or "\n" in doc[tok.i - 1].text_with_ws
            if at_start and tok.text[:1].isupper() and not tok.text.isupper():
                if usage is None:
                    usage = _word_usage(doc)
                common, named = usage
                if tok.lower in common and tok.lower not in named:
                    continue
        out.append(m)
    return out


def _word_usage(doc):
    """Lower-case forms (as hashes) the article uses as a common word, and those it
    capitalises inside a sentence (not at a sentence or line start)."""
    rows = doc.to_array([ORTH, LOWER, SENT_START]).tolist()
    strings = doc.vocab.strings
    kinds = {o: _orth_kind(strings[o]) for o in {o for o, _, _ in rows}}
    common, named = set(), set()
    after_break = True  # the first token starts the text
    for orth, low, sent_start in rows:
        if orth == low:
            common.add(low)
        k = kinds[orth]
        if k & _CAPITAL and not (sent_start == 1 or after_break):
            named.add(low)
        after_break = bool(k & _HAS_BREAK)
    return common, named


_HAS_BREAK, _CAPITAL = 1, 2


def _orth_kind(t: str) -> int:
    """Whether a token text holds a line break, or starts with a capital (bits)."""
    return (_HAS_BREAK if "\n" in t else 0) | (_CAPITAL if t[:1].isupper() else 0)


def merge_orgs(doc, cands: List[Mention], data: EntityData, weights: MentionWeights) -> List[Mention]:
    """Join an organisation's name cut at 'and' / 'of' ("Bureau of South" + "and Central Asian Affairs")."""
    out: List[Mention] = []
    i = 0
    while i < len(cands):
        m = cands[i]
        if m.toks and not m.head:
            a, b = m.toks
            words = [t.text.lower() for t in doc[a:b]]
            nxt = doc[b] if b < len(doc) else None
            merged = None
            if nxt is not None and nxt.text.lower() in ("and", "&") and "of" in words \
                    and any(w in data.org_heads for w in words[:words.index("of")]):
                # a run of capitalised words after 'and', ending in a topic word
                k = b + 1
                while k < len(doc) and capitalised(doc[k].text) and "\n" not in doc[k].text:
                    k += 1
                if k > b + 1 and doc[k - 1].text.lower() in data.org_tails and k - b - 1 <= 5:
                    merged = k
            elif nxt is not None and nxt.text.lower() == "of" and words[-1] in data.org_heads:
                k = b + 1
                if k < len(doc) and doc[k].text.lower() == "the":
                    k += 1
                k0 = k
                while k < len(doc) and capitalised(doc[k].text) and "\n" not in doc[k].text:
                    k += 1
                if k > k0 and k - k0 <= 4:
                    merged = k
            if merged is not None:
                last = doc[merged - 1]
                e = last.idx + len(last.text)
                new = Mention(m.s, e, "ORG", max(m.w, weights.body), m.titles, False, (a, merged))
                j = i + 1
                while j < len(cands) and cands[j].s < e:
                    j += 1
                out.append(new)
                i = j
                continue
        out.append(m)
        i += 1
    return out
