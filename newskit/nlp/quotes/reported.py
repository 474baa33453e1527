"""Reported speech: indirect quote candidates found from their cue verb, with no quote marks.

* a speech or belief verb with a clausal complement ("X said the talks failed"), the clause
  cut before a trailing participle ("…, adding that …") and at the sentence end;
* a speech act with an infinitive ("urged the state to act", "promised to cut taxes");
* a bare parenthetical attribution ("The plan, she said, will fail");
* "according to X", before or after the report, kept inside its paragraph.

Not reports: verbs inside quotes, furniture or title-case headlines, evidence verbs with a
thing as subject ("the data show that …"). The span helpers (``skip_that``,
``to_sentence_end``, ``cut_participle``) are shared with the mixed quotes of ``cues``.
Limits: rule-based on spaCy's parse; nested reports are given once, to the outermost verb.
"""
from __future__ import annotations

import re
from typing import Dict, List, Optional

from spacy.attrs import LEMMA, LOWER, TAG
from spacy.tokens import Token

from newskit.nlp.document import in_furniture as in_boilerplate
from .marks import WORD
from .context import VERB_TAGS, SUBJ, QuoteContext, is_cue_verb, Candidate, trim

__all__ = ["indirect_candidates", "skip_that", "cut_participle", "to_sentence_end"]


def skip_that(ctx: QuoteContext, lo: int) -> int:
    text = ctx.text
    m = re.match(r"(?:that|whether|if)\s+", text[lo:lo + 9], re.I)
    return lo + m.end() if m else lo


def indirect_candidates(ctx: QuoteContext, used_cues: set) -> List[Candidate]:
    doc, lex = ctx.doc, ctx.lex
    out: List[Candidate] = []
    if not len(doc):
        return out
    strings = doc.vocab.strings
    according = strings.add("according")
    cue_ids, verb_tags = ctx.data.ids(strings, lex.cues), ctx.data.ids(strings, VERB_TAGS)
    headlines: Dict[int, bool] = {}   # line number → headline or not, each line judged once
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
        if tok.tag_ not in VERB_TAGS or lw not in lex.cues or tok.i in used_cues:
            continue
        if ctx.in_quote(tok.idx) or in_boilerplate(doc, tok.idx) or _in_headline(ctx, tok, headlines):
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
            e = to_sentence_end(ctx, tok, e)
            e = cut_participle(ctx, s, e)
        s, e = trim(ctx, s, e)
        s = skip_that(ctx, s)
        if len(ctx.toks_in(s, e)) < 3:
            continue
        out.append(Candidate(s, e, "indirect", cue=tok, prio=1))
    return out


def _in_headline(ctx: QuoteContext, tok: Token, seen: Dict[int, bool]) -> bool:
    """A title-case line with no closing period ("Users Urged to Remain Cautious") is a
    headline, not a report. Each line is judged once (``seen``), so many cues on one
    long line cost one scan of it."""
    k = ctx.para_of(tok.idx)
    if k not in seen:
        seen[k] = _headline_line(ctx, k)
    return seen[k]


def _headline_line(ctx: QuoteContext, k: int) -> bool:
    lo = ctx.paras[k] if k >= 0 else 0
    hi = ctx.paras[k + 1] if k + 1 < len(ctx.paras) else len(ctx.text)
    line = ctx.text[lo:hi].strip()
    if not line or line[-1] in ".”\"'’":
        return False
    words = [w for w in WORD.findall(line) if len(w) > 3]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= ctx.cfg.headline_caps * len(words)


def _inanimate_subject(ctx: QuoteContext, tok: Token) -> bool:
    """The subject of an evidence verb is a thing ("the data", "the surge", "messages"),
    not a person, an organisation, a pronoun for one, or a document that speaks for its owner."""
    subj = next((c for c in tok.children if c.dep_ in SUBJ), None)
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


def _parenthetical(ctx: QuoteContext, tok: Token) -> Optional[Candidate]:
    """"The plan, she said, will fail." / "The plan will fail, she said.": the
    sentence around a bare attribution (subject + speech verb set off by commas)."""
    doc = ctx.doc
    if any(c.dep_ in ("dobj", "ccomp", "xcomp", "dative", "attr", "oprd") for c in tok.children):
        return None
    subj = next((c for c in tok.children if c.dep_ in SUBJ), None)
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
        s2, e2 = trim(ctx, s, e)
    else:
        s2, e2 = trim(ctx, s, e)   # "X, she said, Y": the whole sentence (the hull)
    if len(ctx.toks_in(s2, e2)) < 4 or ctx.in_quote(s2):
        return None
    return Candidate(s2, e2, "indirect", cue=tok, prio=1)


def cut_participle(ctx: QuoteContext, s: int, e: int) -> int:
    """'said the plan failed, arguing that …': a participle set off by a comma after
    the reported clause belongs to the reporting sentence, not to the report."""
    doc = ctx.doc
    rng = ctx.toks_in(s, e)
    for i in rng:
        t = doc[i]
        if t.tag_ == "VBG" and t.dep_ == "advcl" and i - 1 > rng.start and doc[i - 1].text == "," \
                and not any(c.dep_ in SUBJ for c in t.children):
            return doc[i - 1].idx
    return e


def to_sentence_end(ctx: QuoteContext, cue: Token, e: int) -> int:
    """Reported speech after its cue runs to the end of the sentence ("said X, and
    Y"), unless another cue verb starts a new report first."""
    sent = cue.sent
    lex = ctx.lex
    r = cue.right_edge
    end = min(sent.end_char, r.idx + len(r))   # the cue's own clause, not its host
    for i in ctx.toks_in(e, end):
        t = ctx.doc[i]
        if is_cue_verb(t, lex.cues) or (t.is_punct and t.text in ";:") or ctx.text[t.idx] == "\n":
            return e
    return max(e, end)


def _according(ctx: QuoteContext, tok: Token) -> Optional[Candidate]:
    doc = ctx.doc
    if ctx.in_quote(tok.idx) or in_boilerplate(doc, tok.idx):
        return None
    to = doc[tok.i + 1]
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    sent = tok.sent
    # (a sentence the parser ran on from the lines above starts in this paragraph)
    sent_s = max(sent.start_char, ctx.paras[ctx.para_of(tok.idx)])
    ph_s = tok.idx
    r = pobj.right_edge
    ph_e = r.idx + len(r)
    before = ctx.text[sent_s:ph_s]
    after = ctx.text[ph_e:sent.end_char]
    if len(before.strip(" ,.;:—–-\n")) >= len(after.strip(" ,.;:—–-\n")):
        s, e = sent_s, ph_s
    else:
        s, e = ph_e, sent.end_char
    s, e = trim(ctx, s, e)
    if len(ctx.toks_in(s, e)) < 3:
        return None
    c = Candidate(s, e, "indirect", cue=tok, prio=1)
    c.spk_head = pobj
    c.cue_end = to.idx + len(to)
    return c
