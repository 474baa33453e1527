"""Cues and content: the quote candidates (direct, mixed, indirect, labelled) with their
cue verb and the span of what was said. Speakers are attached later (``sources``).
"""
from __future__ import annotations

import re
from bisect import bisect_left
from typing import List, Optional, Tuple

from spacy.attrs import LEMMA, LOWER, TAG
from spacy.tokens import Token

from ..document import in_furniture as in_boilerplate
from .marks import _sent_cuts, _WORD, _Seg, _DQ
from .context import _VERB_TAGS, _SUBJ, _COMPLEMENT, _END_PUNCT, _Ctx, _is_cue_verb, _hash_set, _Cand, _trim
from .sources import _headline_speaker


CLAUSE_LOOKBACK = 40   # tokens a colon looks back for the verb whose subject speaks
HEADLINE_CAPS = 0.7   # share of capitalised words (over three letters) that makes a line a headline


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
    """Candidates from quote-mark segments: standalone quotes with their cue, fragments
    embedded in reported speech (``_embedded``), headlines and signed quotes."""
    doc, text = ctx.doc, ctx.text
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
        ss, se, after_ok, after_cue = _after_attribution(ctx, seg, last, next_open)
        standalone, intro_cue = _before_attribution(ctx, seg, tail_start, tail_s)
        if standalone:
            cand = _standalone(ctx, seg, prev_cand, after_cue or intro_cue, nwords, last, next_open,
                               tail_s.endswith(":"), (ss, se, after_ok))
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


def _standalone(ctx: _Ctx, seg: _Seg, prev_cand: Optional[_Cand], cue: Optional[Token], nwords: int, last: str,
                next_open: int, colon: bool, after: Tuple[int, int, bool]) -> Optional[_Cand]:
    """A quote standing on its own (not inside reported speech) with its cue, or None when it is
    no speech: a short cue-less quoted phrase (a title, a scare quote) or a heading line.
    ``after`` is the attribution after the quote (start, end, whether it may hold a cue)."""
    ss, se, after_ok = after
    if seg.single and cue is None and nwords < 3:
        return None
    cand = _Cand(seg.cs, seg.ce, "direct", cue=cue, prio=0)
    if cue is None and after_ok:
        _according_after(ctx, cand, ss, se)
    if cand.cue is None and not after_ok and last in _END_PUNCT:
        cand.cue = _next_sentence_cue(ctx, seg, next_open)
    cue = cand.cue
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
                return None
        elif seg.single and nwords <= 8 and _alone_on_line(ctx.text, seg) \
                and not _headline_speaker(ctx, seg, cand):
            # a short single-quoted line of its own: a section heading, not speech
            return None
    return cand


def _after_attribution(ctx: _Ctx, seg: _Seg, last: str, next_open: int):
    """The attribution window after the closing mark: (start, end, whether it attributes,
    its speech verb). The attribution is the first clause after the quote: "…,” X sings
    before asking her" is cued by "sings", not by "asking"."""
    text, lex = ctx.text, ctx.lex
    ss, se = _suffix(ctx, seg, next_open)
    after = text[ss:se]
    after_ok = bool(after.strip()) and (
        last in ",?!—–-" or after.lstrip()[:1] in (",", "—", "–", "-") or after.lstrip()[:1].islower())
    after_cue = _cue_in(ctx, ss, se, lex.speech) if after_ok else None
    if after_cue is not None:
        first_verb = next((ctx.doc[i] for i in ctx.toks_in(ss, after_cue.idx) if ctx.doc[i].pos_ == "VERB"), None)
        if first_verb is not None and first_verb.is_ancestor(after_cue) \
                and not _is_cue_verb(first_verb, lex.cues | lex.partial):
            after_cue = None   # ("he was quoted as saying" keeps its cue)
    if after_cue is not None and after_cue.i - ctx.tok_at(ss) > 30:
        after_cue = None
    return ss, se, after_ok, after_cue


def _before_attribution(ctx: _Ctx, seg: _Seg, tail_start: int, tail_s: str):
    """Whether the quote stands alone (not a fragment of a sentence) and the speech verb
    that introduces it ("He said: “…”", "She said:\n\n“…”")."""
    text, lex = ctx.text, ctx.lex
    colon = tail_s.endswith(":")
    standalone = not tail_s or colon or tail_s.endswith(",") or tail_s.endswith("—") or tail_s == "("
    intro_cue = None
    if tail_s:
        intro_cue = _cue_in(ctx, tail_start, seg.os, lex.speech, prefer_last=True)
        if intro_cue is not None:
            # "He said “...”": the cue verb ends the prefix
            if not standalone and not text[intro_cue.idx + len(intro_cue):seg.os].strip():
                standalone = True
        elif standalone and not colon and tail_s != "(":
            # "With many systems, “there is no …,” he said": the quote ends a
            # sentence that starts before it
            standalone = False
    elif seg.os == ctx.paras[ctx.para_of(seg.os)]:
        # a paragraph that opens with a quote after a line ending in a colon
        j = ctx.para_of(seg.os) - 1
        while j >= 0 and not text[ctx.paras[j]:ctx.paras[j + 1]].strip():
            j -= 1
        if j >= 0:
            prev_line = text[ctx.paras[j]:ctx.paras[j + 1]].rstrip()
            if prev_line.endswith(":"):
                end = ctx.paras[j] + len(prev_line)
                ls, _ = _prefix_tail(ctx, _Seg(end, 0, 0, 0, False), -1)
                intro_cue = _cue_in(ctx, ls, end, lex.speech, prefer_last=True)
    return standalone, intro_cue


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
        if re.search(r"['’]S\b", name, re.I):
            continue   # "ANALYST'S TAKE:": a possessive phrase is a section label, not a name
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
    """The subject, naming someone, of the nearest verb before ``pos`` (a colon) on its line
    and in its sentence ("…, when Ruiz posted this: “…”")."""
    end = ctx.tok_at(pos)
    sent_start = ctx.doc[end].sent.start
    line = ctx.para_of(pos)
    for i in range(end - 1, max(sent_start, end - CLAUSE_LOOKBACK) - 1, -1):
        v = ctx.doc[i]
        if ctx.para_of(v.idx) != line:
            break
        if v.pos_ in ("VERB", "AUX"):
            for c in v.children:
                if c.dep_ in _SUBJ and c.i < end and _names_someone(ctx, c):
                    return c
    return None


def _names_someone(ctx: _Ctx, c: Token) -> bool:
    """A subject that can speak: a name, a personal pronoun, or a noun for a person or a body."""
    lex, res = ctx.lex, ctx.resolver
    if ctx.entity_over(c.idx, c.idx + len(c)) is not None or c.pos_ == "PROPN":
        return True
    if c.pos_ == "PRON":
        return c.lower_ in lex.male or c.lower_ in lex.female or c.lower_ in lex.plural
    lemma = c.lemma_.lower()
    return c.pos_ == "NOUN" and (lemma in lex.roles or lemma in lex.person_nouns or lemma in lex.source_nouns
                                 or lemma in res.lex.org_nouns or res.agent_noun(c.lower_))


def _according_after(ctx: _Ctx, cand: _Cand, ss: int, se: int) -> None:
    """"“…,” according to Ana Ruiz, a nurse.": the attribution after the closing mark."""
    for i in ctx.toks_in(ss, se):
        tok = ctx.doc[i]
        if tok.is_punct or tok.is_space:
            continue
        if tok.lower_ == "according" and i + 1 < len(ctx.doc) and ctx.doc[i + 1].lower_ == "to":
            to = ctx.doc[i + 1]
            pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                cand.cue, cand.spk_head, cand.cue_end = tok, pobj, to.idx + len(to)
        return


def _next_sentence_cue(ctx: _Ctx, seg: _Seg, next_open: int) -> Optional[Token]:
    """"“… .” Ana Ruiz, an economist at a bank, said in a note.": a sentence right after the
    quote whose verb is a bare speech verb (no clause of its own) attributes the quote."""
    text = ctx.text
    j = seg.close
    while j < len(text) and text[j] in " \t":
        j += 1
    if j >= len(text) or j >= next_open or text[j] == "\n":
        return None
    sent = ctx.doc[ctx.tok_at(j)].sent
    root = sent.root
    if sent.end_char > next_open or "\n" in text[j:sent.end_char].rstrip() or ctx.in_quote(root.idx):
        return None
    if not _is_cue_verb(root, ctx.lex.speech) or any(c.dep_ in ("ccomp", "xcomp", "advcl") for c in root.children):
        return None
    if not any(c.dep_ in _SUBJ and c.i < root.i for c in root.children):
        return None
    return root


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


def _holds_its_speaker(cue: Token, lo: int, hi: int) -> bool:
    """Every subject of the cue lies inside the span [lo, hi)."""
    subjects = [c for c in cue.children if c.dep_ in _SUBJ]
    return bool(subjects) and all(lo <= c.idx < hi for c in subjects)


def _embedded(ctx: _Ctx, seg: _Seg, tail_start: int, after_cue: Optional[Token], nwords: int) -> Optional[_Cand]:
    """A quoted fragment inside reported speech ("X said the plan was “…”"): the report with its
    cue verb, the words after a cue that follows the quote, or a long quote standing alone."""
    lex = ctx.lex
    toks = ctx.toks_in(seg.cs, seg.ce)
    if not len(toks):
        return None
    first = ctx.doc[toks[0]]
    child, cur = _governing_cue(ctx, seg, first)
    if cur is not None and _is_cue_verb(cur, lex.naming) and _is_name(ctx.text[seg.cs:seg.ce]):
        return None   # a nickname or title: friends call her “the Judge”
    if cur is not None and cur.head is not None and _is_cue_verb(cur, lex.partial | lex.belief) and \
            not (seg.os <= cur.idx < seg.close):
        return _report(ctx, seg, first, child, cur)
    if after_cue is not None:
        lo, hi = _trim(ctx, tail_start, seg.ce)
        if _holds_its_speaker(after_cue, lo, hi):
            return None   # "X, who lost “…”, says …": a quote never holds its own speaker
        return _Cand(lo, seg.close if seg.cs < hi < seg.close else hi, "mixed", cue=after_cue, prio=0)
    if nwords >= 8:
        return _Cand(seg.cs, seg.ce, "direct", prio=2)
    return None


def _governing_cue(ctx: _Ctx, seg: _Seg, first: Token) -> Tuple[Token, Optional[Token]]:
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
    return child, cur


def _report(ctx: _Ctx, seg: _Seg, first: Token, child: Token, cur: Token) -> Optional[_Cand]:
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
    if kind == "mixed" and not lo <= cur.idx < hi and _holds_its_speaker(cur, lo, hi):
        return None   # "X, who lost “…”, says …": a quote never holds its own speaker
    return _Cand(lo, hi, kind, cue=cur, prio=0)


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


def _indirect_candidates(ctx: _Ctx, used_cues: set) -> List[_Cand]:
    doc, lex = ctx.doc, ctx.lex
    out: List[_Cand] = []
    if not len(doc):
        return out
    strings = doc.vocab.strings
    according = strings.add("according")
    cue_ids, verb_tags = _hash_set(strings, lex.cues), _hash_set(strings, _VERB_TAGS)
    arr = doc.to_array([LEMMA, TAG, LOWER])
    tags, lows = arr[:, 1].tolist(), arr[:, 2].tolist()
    for i in [i for i, lemma in enumerate(arr[:, 0].tolist())
              if lemma in cue_ids and tags[i] in verb_tags or lows[i] == according]:
        tok = doc[i]
        lw = tok.lemma_.lower()
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            c = _according(ctx, tok)
            if c is not None:
                out.append(c)
            continue
        if tok.tag_ not in _VERB_TAGS or lw not in lex.cues or tok.i in used_cues:
            continue
        if ctx.in_quote(tok.idx) or in_boilerplate(doc, tok.idx) or _in_headline(ctx, tok):
            continue
        if lw in lex.evidence and _inanimate_subject(ctx, tok):
            continue   # "the data show that …": evidence, not a statement
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


def _in_headline(ctx: _Ctx, tok: Token) -> bool:
    """A title-case line with no closing period ("Users Urged to Remain Cautious") is a
    headline, not a report."""
    text = ctx.text
    lo = text.rfind("\n", 0, tok.idx) + 1
    hi = text.find("\n", tok.idx)
    line = text[lo:hi if hi >= 0 else len(text)].strip()
    if not line or line[-1] in ".”\"'’":
        return False
    words = [w for w in _WORD.findall(line) if len(w) > 3]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= HEADLINE_CAPS * len(words)


def _inanimate_subject(ctx: _Ctx, tok: Token) -> bool:
    """The subject of an evidence verb is a thing ("the data", "the surge", "messages"),
    not a person, an organisation, a pronoun for one, or a document that speaks for its owner."""
    subj = next((c for c in tok.children if c.dep_ in _SUBJ), None)
    if subj is None:
        return False
    lex = ctx.lex
    lw, lemma = subj.lower_, subj.lemma_.lower()
    if subj.pos_ == "PRON":
        return lw in lex.non_speaker and lw not in ("it", "you")   # "it" may be a report
    if ctx.entity_over(subj.idx, subj.idx + len(subj)) is not None or subj.pos_ == "PROPN":
        return False
    res = ctx.resolver
    # documents, recordings and polls report findings for their owners ("the poll shows")
    return not (lemma in lex.source_nouns or lemma in lex.roles or lemma in lex.person_nouns
                or lemma in res.lex.org_nouns or res.agent_noun(lw))


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
