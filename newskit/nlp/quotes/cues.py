"""Cues and content of the quotes marked in the text: for each quote-mark segment, the
candidate quote (direct, mixed, or a labelled transcript line) with its cue verb and the span
of what was said.

* direct: a quote standing on its own, cued before ("He said: “…”"), after ("“…,” she said",
  "“…,” according to X"), in the next sentence ("“… .” X said in a note."), split by its
  attribution, or with no cue (a floating quote, a headline, a signed quote);
* mixed: a fragment inside reported speech ("X said the plan was “…”", "called it “…”"), its
  span and cue from ``mixed``;
* labelled: transcript lines ("SMITH: …").

Reported speech with no marks is in ``reported`` (re-exported here: ``indirect_candidates``).
Speakers are attached later (``sources``). Limits: rule-based on spaCy's parse; a heading or
caption line above a quote never governs it (paragraph checks).
"""
from __future__ import annotations

import re
from bisect import bisect_left
from typing import List, Optional, Tuple

from spacy.tokens import Token

from newskit.nlp.document import in_furniture as in_boilerplate
from .marks import sent_cuts, WORD, Segment
from .context import SUBJ, END_PUNCT, QuoteContext, is_cue_verb, Candidate, trim
from .mixed import embedded_quote
from .sources import headline_speaker
from .reported import indirect_candidates

__all__ = ["direct_candidates", "label_candidates", "indirect_candidates"]


def _cue_in(ctx: QuoteContext, s: int, e: int, lexset, prefer_last: bool = False) -> Optional[Token]:
    doc = ctx.doc
    found = [doc[i] for i in ctx.toks_in(s, e) if is_cue_verb(doc[i], lexset)]
    if not found:
        return None
    return found[-1] if prefer_last else found[0]


def _prefix_tail(ctx: QuoteContext, seg: Segment, prev_close: int) -> Tuple[int, str]:
    """Start and text of the sentence part before a segment's opening mark."""
    text = ctx.text
    p = ctx.paras[ctx.para_of(seg.os)]
    lo = max(p, prev_close)
    prefix = text[lo:seg.os]
    cut = 0
    for m in sent_cuts(prefix):
        cut = m.end()
    return lo + cut, prefix[cut:]


def _suffix(ctx: QuoteContext, seg: Segment, next_open: int) -> Tuple[int, int]:
    """The attribution window after a segment's closing mark."""
    text = ctx.text
    pi = ctx.para_of(seg.close)
    pend = ctx.paras[pi + 1] - 1 if pi + 1 < len(ctx.paras) else len(text)
    hi = min(pend, next_open)
    window = text[seg.close:hi]
    m = next(sent_cuts(window), None)
    if m:
        hi = seg.close + m.start() + 1
    return seg.close, hi


def direct_candidates(ctx: QuoteContext) -> List[Candidate]:
    """Candidates from quote-mark segments: standalone quotes with their cue, fragments
    embedded in reported speech (``_embedded``), headlines and signed quotes."""
    doc, text = ctx.doc, ctx.text
    segs = ctx.segs
    out: List[Candidate] = []
    prev_close = -1
    prev_cand: Optional[Candidate] = None
    for n, seg in enumerate(segs):
        if in_boilerplate(doc, seg.os):
            prev_close = seg.close
            continue
        content = text[seg.cs:seg.ce]
        nwords = len(WORD.findall(content))
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
            cand = embedded_quote(ctx, seg, tail_start, after_cue, nwords)
        if cand is None:
            prev_close = seg.close
            continue
        cand.seg_end = seg.ce
        cand.para = ctx.para_of(seg.os)
        if cand.cue is not None and cand.cue.pos_ == "NOUN" and cand.spk_head is None:
            # "the post read": the document speaks
            cand.spk_head = noun = ctx.doc[cand.cue.i - 1]
            cand.spk_span = (ctx.doc[noun.i - 1].idx, noun.idx + len(noun))
        if cand.cue is None and cand.kind == "direct" and not cand.spk_head:
            headline_speaker(ctx, seg, cand)
        out.append(cand)
        prev_cand = cand
        prev_close = seg.close
    return out


def _standalone(ctx: QuoteContext, seg: Segment, prev_cand: Optional[Candidate], cue: Optional[Token], nwords: int,
                last: str, next_open: int, colon: bool, after: Tuple[int, int, bool]) -> Optional[Candidate]:
    """A quote standing on its own (not inside reported speech) with its cue, or None when it is
    no speech: a short cue-less quoted phrase (a title, a scare quote) or a heading line.
    ``after`` is the attribution after the quote (start, end, whether it may hold a cue)."""
    ss, se, after_ok = after
    if seg.single and cue is None and nwords < ctx.cfg.single_quote_min_words:
        return None
    cand = Candidate(seg.cs, seg.ce, "direct", cue=cue, prio=0)
    if cue is None and after_ok:
        _according_after(ctx, cand, ss, se)
        if cand.cue is None:
            _response_after(ctx, cand, ss, se)
    if cand.cue is None and not after_ok and last in END_PUNCT:
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
        elif nwords < ctx.cfg.phrase_min_words and last not in END_PUNCT + ",":
            # a short quoted phrase with no cue: a title or a scare quote
            if not headline_speaker(ctx, seg, cand):
                return None
        elif seg.single and nwords <= ctx.cfg.heading_quote_max_words and _alone_on_line(ctx.text, seg) \
                and not headline_speaker(ctx, seg, cand):
            # a short single-quoted line of its own: a section heading, not speech
            return None
    return cand


def _after_attribution(ctx: QuoteContext, seg: Segment, last: str, next_open: int):
    """The attribution window after the closing mark: (start, end, whether it attributes,
    its speech verb). The attribution is the first clause after the quote: "…,” X sings
    before asking her" is cued by "sings", not by "asking"."""
    text, lex = ctx.text, ctx.lex
    ss, se = _suffix(ctx, seg, next_open)
    after = text[ss:se]
    # (a quote with no closing punctuation at all runs on into its attribution: "“… to
    # management” Ana Ruiz said.")
    after_ok = bool(after.strip()) and (
        last in ",?!—–-" or after.lstrip()[:1] in (",", "—", "–", "-") or after.lstrip()[:1].islower()
        or last.isalnum())
    after_cue = _cue_in(ctx, ss, se, lex.speech) if after_ok else None
    if after_cue is None and after_ok:
        after_cue = _noun_tagged_cue(ctx, ss, se)
    if after_cue is not None:
        first_verb = next((ctx.doc[i] for i in ctx.toks_in(ss, after_cue.idx) if ctx.doc[i].pos_ == "VERB"), None)
        if first_verb is not None and first_verb.is_ancestor(after_cue) \
                and not is_cue_verb(first_verb, lex.cues | lex.partial):
            after_cue = None   # ("he was quoted as saying" keeps its cue)
    if after_cue is not None and after_cue.i - ctx.tok_at(ss) > ctx.cfg.attribution_max_tokens:
        after_cue = None
    return ss, se, after_ok, after_cue


def _noun_tagged_cue(ctx: QuoteContext, ss: int, se: int) -> Optional[Token]:
    """"“…,” the statement read.": a short attribution of a determiner, a noun and a speech
    verb the tagger took for a noun ("read", "said" as in "the post read")."""
    toks = [ctx.doc[i] for i in ctx.toks_in(ss, se) if not (ctx.doc[i].is_punct or ctx.doc[i].is_space)]
    if len(toks) == 3 and toks[0].pos_ == "DET" and toks[1].pos_ == "NOUN" and toks[2].pos_ == "NOUN" \
            and toks[2].lower_ in ctx.lex.speech and toks[1].lemma_.lower() in ctx.lex.source_nouns:
        return toks[2]
    return None


def _before_attribution(ctx: QuoteContext, seg: Segment, tail_start: int, tail_s: str):
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
                ls, _ = _prefix_tail(ctx, Segment(end, 0, 0, 0, False), -1)
                intro_cue = _cue_in(ctx, ls, end, lex.speech, prefer_last=True)
    return standalone, intro_cue


def _alone_on_line(text: str, seg: Segment) -> bool:
    ls = text.rfind("\n", 0, seg.os) + 1
    le = text.find("\n", seg.close)
    le = len(text) if le < 0 else le
    return not text[ls:seg.os].strip() and not text[seg.close:le].strip(" \t.!?")


_LABEL = re.compile(r"(?m)^[ \t]*[\"“]?([A-Z][\w.'’ -]{1,40}?):[ \t]+(\S[^\n]*)$")


def label_candidates(ctx: QuoteContext) -> List[Candidate]:
    """'NAME: text' lines: a transcript's speaker label, or a headline's source."""
    out: List[Candidate] = []
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
        cs, ce = trim(ctx, m.start(2), m.end(2))
        if len(WORD.findall(text[cs:ce])) < ctx.cfg.label_min_words:
            continue
        quoted = any(cs <= sg.os < ce for sg in ctx.segs)
        kind = "direct" if caps or quoted else "indirect"
        c = Candidate(cs, ce, kind, prio=-1)
        c.spk_head = ctx.doc[ctx.tok_at(ne - 1)]
        c.spk_span = (ns, ne)
        c.para = ctx.para_of(cs)
        out.append(c)
    return out


def _clause_subject(ctx: QuoteContext, pos: int) -> Optional[Token]:
    """The subject, naming someone, of the nearest verb before ``pos`` (a colon) on its line
    and in its sentence ("…, when Ruiz posted this: “…”")."""
    end = ctx.tok_at(pos)
    sent_start = ctx.doc[end].sent.start
    line = ctx.para_of(pos)
    for i in range(end - 1, max(sent_start, end - ctx.cfg.clause_lookback) - 1, -1):
        v = ctx.doc[i]
        if ctx.para_of(v.idx) != line:
            break
        if v.pos_ in ("VERB", "AUX"):
            for c in v.children:
                if c.dep_ in SUBJ and c.i < end and _names_someone(ctx, c):
                    return c
    return None


def _names_someone(ctx: QuoteContext, c: Token) -> bool:
    """A subject that can speak: a name, a personal pronoun, or a noun for a person or a body."""
    lex, res = ctx.lex, ctx.resolver
    if ctx.entity_over(c.idx, c.idx + len(c)) is not None or c.pos_ == "PROPN":
        return True
    if c.pos_ == "PRON":
        return c.lower_ in lex.male or c.lower_ in lex.female or c.lower_ in lex.plural
    lemma = c.lemma_.lower()
    return c.pos_ == "NOUN" and (lemma in lex.roles or lemma in lex.person_nouns or lemma in lex.source_nouns
                                 or lemma in res.lex.org_nouns or res.agent_noun(c.lower_))


def _according_after(ctx: QuoteContext, cand: Candidate, ss: int, se: int) -> None:
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


def _response_after(ctx: QuoteContext, cand: Candidate, ss: int, se: int) -> None:
    """"“…!” was the response of one viewer." / "“…” was her reply.": a copula right after the
    quote with a noun for what was said; its possessor or 'of'/'from' name speaks."""
    toks = [ctx.doc[i] for i in ctx.toks_in(ss, se) if not (ctx.doc[i].is_punct or ctx.doc[i].is_space)]
    if not toks or toks[0].lemma_ != "be":
        return
    noun = next((c for c in toks[0].children if c.dep_ == "attr" and c.lemma_.lower() in ctx.lex.responses), None)
    if noun is None:
        return
    for c in noun.children:
        if c.dep_ == "poss":
            cand.cue, cand.spk_head = noun, c
            return
        if c.dep_ == "prep" and c.lower_ in ("of", "from"):
            obj = next((o for o in c.children if o.dep_ == "pobj"), None)
            if obj is not None:
                r = obj.right_edge   # (the whole phrase: "of one jolly viewer")
                cand.cue, cand.spk_head, cand.spk_span = noun, obj, (obj.left_edge.idx, r.idx + len(r))
                return


def _next_sentence_cue(ctx: QuoteContext, seg: Segment, next_open: int) -> Optional[Token]:
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
    if not is_cue_verb(root, ctx.lex.speech) or any(c.dep_ in ("ccomp", "xcomp", "advcl") for c in root.children):
        return None
    if not any(c.dep_ in SUBJ and c.i < root.i for c in root.children):
        return None
    return root


def _continues_prev(ctx: QuoteContext, prev: Optional[Candidate], seg: Segment) -> bool:
    """The segment continues the previous quote of its paragraph."""
    if prev is None or prev.cue is None or prev.kind != "direct":
        return False
    if prev.para != ctx.para_of(seg.os):
        return False
    between = ctx.text[prev.seg_end:seg.os]
    if prev.seg_end <= prev.cue.idx < seg.os:
        return True
    return len(WORD.findall(between)) <= 2
