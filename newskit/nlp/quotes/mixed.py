"""Mixed quotes: a quoted fragment inside reported speech ("X said the plan was “…”",
"X called it “…”", "described X as “…”"), found from the cue verb that governs it from
outside the marks.

The span is the report's clause holding the fragment (a quote that is all of its clause is
direct); for a naming verb ("called X “Y”") the verb's whole complement, cut where a
scene-setting adjunct after the quoted words starts. Not quotes: a short quoted name after
a naming verb (friends call her “the Judge”), a fragment that holds its own cue's speaker.

Limits: rule-based on spaCy's parse; nested reports are given to the outermost speech verb.
"""
from __future__ import annotations

import re
from typing import Optional, Tuple

from spacy.tokens import Token

from .context import COMPLEMENT, SUBJ, Candidate, QuoteContext, is_cue_verb, trim
from .marks import DOUBLE_MARK, WORD, Segment
from .reported import cut_participle, skip_that, to_sentence_end

__all__ = ["embedded_quote", "holds_its_speaker"]


def holds_its_speaker(cue: Token, lo: int, hi: int) -> bool:
    """Every subject of the cue lies inside the span [lo, hi)."""
    subjects = [c for c in cue.children if c.dep_ in SUBJ]
    return bool(subjects) and all(lo <= c.idx < hi for c in subjects)


def embedded_quote(ctx: QuoteContext, seg: Segment, tail_start: int, after_cue: Optional[Token],
                   nwords: int) -> Optional[Candidate]:
    """A quoted fragment inside reported speech ("X said the plan was “…”"): the report with its
    cue verb, the words after a cue that follows the quote, or a long quote standing alone."""
    lex = ctx.lex
    toks = ctx.toks_in(seg.cs, seg.ce)
    if not len(toks):
        return None
    first = ctx.doc[toks[0]]
    child, cur = _governing_cue(ctx, seg, first)
    if cur is not None and is_cue_verb(cur, lex.naming) and _is_name(ctx.text[seg.cs:seg.ce]):
        return None   # a nickname or title: friends call her “the Judge”
    if cur is not None and cur.head is not None and is_cue_verb(cur, lex.partial | lex.belief) and \
            not (seg.os <= cur.idx < seg.close):
        return _report(ctx, seg, first, child, cur)
    if after_cue is not None:
        lo, hi = trim(ctx, tail_start, seg.ce)
        if holds_its_speaker(after_cue, lo, hi):
            return None   # "X, who lost “…”, says …": a quote never holds its own speaker
        return Candidate(lo, seg.close if seg.cs < hi < seg.close else hi, "mixed", cue=after_cue, prio=0)
    if nwords >= 8:
        return Candidate(seg.cs, seg.ce, "direct", prio=2)
    return None


def _governing_cue(ctx: QuoteContext, seg: Segment, first: Token) -> Tuple[Token, Optional[Token]]:
    """(child, verb): the cue verb governing a fragment from outside it (None if there is none),
    and its child on the path from the fragment's first token."""
    lex = ctx.lex
    # climb from the fragment to a governing cue verb outside it
    child, cur = first, first
    while cur.head.i != cur.i:
        child, cur = cur, cur.head
        if cur.idx >= seg.os and cur.idx < seg.close:
            continue
        if cur.sent.start != first.sent.start:
            break
        if ctx.para_of(cur.idx) != ctx.para_of(seg.os):
            cur = None   # (a heading line above, parsed into the sentence, governs nothing here)
            break
        if is_cue_verb(cur, lex.partial | lex.belief):
            break
    else:
        cur = None
    if cur is not None and is_cue_verb(cur, lex.partial | lex.belief):
        # a report inside a report ("X said that Y called it “…”"): the outer speech verb
        c2, up = cur, cur
        while up.head.i != up.i and up.head.sent.start == first.sent.start \
                and ctx.para_of(up.head.idx) == ctx.para_of(seg.os):
            c2, up = up, up.head
            if is_cue_verb(up, lex.speech) and c2.dep_ in ("ccomp", "conj", "advcl", "xcomp"):
                if c2.dep_ == "ccomp" and up.i < cur.i:   # not a trailing "…, he wrote"
                    child, cur = c2, up
                break
    return child, cur


def _report(ctx: QuoteContext, seg: Segment, first: Token, child: Token, cur: Token) -> Optional[Candidate]:
    """The report a fragment stands in, governed by the cue verb ``cur``: its clause (direct when
    the quote is all of it, else mixed), or the complement of a naming verb ("called X “Y”")."""
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
        parts = [c for c in cur.rights if c.dep_ in COMPLEMENT or c.i == child.i
                 or (c.dep_ == "prep" and c.lower_ == "as")]
        naming_clause = False
    sub_s = min(p.left_edge.idx for p in parts)
    r = max((p.right_edge for p in parts), key=lambda t: t.i)
    sub_e = r.idx + len(r)
    if not naming_clause and cur.i < first.i and sub_e > seg.close:
        # "criticized X as a “Y” during a visit": a dash or a scene-setting adjunct
        # after the quoted words ends the naming (unless more quoted words follow)
        m = _NAMING_END.match(ctx.text, seg.close, sub_e)
        if m is not None and not DOUBLE_MARK.search(ctx.text, seg.close, sub_e):
            sub_e = seg.close
    lo, hi = min(sub_s, seg.cs), max(sub_e, seg.ce)
    if child.dep_ == "ccomp" and child.i > cur.i:
        hi = to_sentence_end(ctx, cur, hi)
        cut = cut_participle(ctx, seg.close, hi)
        if cut < hi:
            hi = cut   # "said A “…”, adding that B": the participle is not part of the report
    lo, hi = trim(ctx, lo, hi)
    lo = skip_that(ctx, lo)
    if lo >= seg.os - 1 and hi <= seg.close + 1:
        lo, hi, kind = seg.cs, seg.ce, "direct"
    else:
        kind = "mixed"
        if seg.cs < hi < seg.close:
            hi = seg.close   # keep the closing mark of the quoted part
    if kind == "mixed" and not lo <= cur.idx < hi and holds_its_speaker(cur, lo, hi):
        return None   # "X, who lost “…”, says …": a quote never holds its own speaker
    return Candidate(lo, hi, kind, cue=cur, prio=0)


_NAMING_END = re.compile(r"[\s,.]*(?:[—–]|--|\s-\s|(?:during|at|in|on|after|before|while|when|since|amid|"
                         r"following|last|this|earlier|later)\b)", re.I)


_LOWER_OK = {"the", "a", "an", "of", "and", "in", "on", "for", "to", "de", "la", "von", "van"}


def _is_name(s: str) -> bool:
    """A short quoted name: up to four words, capitalised but for small words."""
    words = WORD.findall(s)
    return 0 < len(words) <= 4 and any(w[:1].isupper() for w in words) and \
        all(w[:1].isupper() or w.lower() in _LOWER_OK for w in words)

