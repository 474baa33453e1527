"""Speaker resolver: pronouns and descriptions to the person or organisation they mean.
"""
from __future__ import annotations

from bisect import bisect_left
from typing import Dict, List, Optional, Tuple

import numpy as np
from spacy.attrs import LOWER
from spacy.tokens import Token

from ..records import Entity
from .context import _SUBJ, _Ctx, _hashes


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
