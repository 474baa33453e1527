"""Sources: the in-text mention that governs a cue (its agent, subject, or a name its
misparsed clause holds; the body that issued a document), headline and signature names,
and the person subject of the sentence before a quote with no cue. Its span and the
name it stands for are ``naming``'s.

Limits: rule-based on spaCy's parse; lines above a quote (headings, captions, running
times) that the parser runs into a sentence are kept out by paragraph checks.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import Optional

from spacy.tokens import Token

from .marks import Segment
from .context import SUBJ, NOT_SPEAKER_ENTS, QuoteContext, is_cue_verb, Candidate
from .naming import mention_span

__all__ = ["previous_sentence_subject", "headline_speaker", "attach_speaker", "name_in_sentence"]


def _subject_of(tok: Token, ok=None) -> Optional[Token]:
    """The subject governing a cue verb, climbing through conjuncts, xcomp, advcl.
    ``ok`` filters candidates (e.g. not inside the quote itself)."""
    cur = tok
    for _ in range(6):
        for c in cur.children:
            if c.dep_ in SUBJ and (ok is None or ok(c)):
                return c
        # "said John Smith": a proper noun after the verb, parsed as object/attr
        if cur.i == tok.i and not any(c.dep_ in ("xcomp", "ccomp") and c.i > tok.i for c in cur.children):
            start = tok.i + 1 + any(c.dep_ == "prt" and c.i == tok.i + 1 for c in cur.children)
            for c in cur.rights:
                # ("points out the city's engineer": a particle may stand between)
                if c.dep_ in ("dobj", "attr", "npadvmod", "oprd") and c.left_edge.i == start and (
                        c.pos_ == "PROPN" and c.ent_type_ not in NOT_SPEAKER_ENTS or c.pos_ == "NOUN" and start > tok.i + 1):
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


def previous_sentence_subject(ctx: QuoteContext, pos: int) -> Optional[Token]:
    """The person subject of the sentence before a quote with no cue (same paragraph, or the
    last sentence of the paragraph before when the quote opens its own, over a heading line)."""
    tok = ctx.doc[ctx.tok_at(pos)]
    sent = tok.sent
    pi = ctx.para_of(pos)
    line_start = ctx.paras[pi]
    if ctx.text[line_start:pos].strip(" \t\"“‘'"):
        # the quote does not open its paragraph: the sentence before it, in this paragraph
        if sent.start_char < pos - 2 and sent.start_char >= line_start and \
                ctx.text[sent.start_char:pos].strip(" \"“‘'"):
            prev_sent = sent   # the parser kept the quote in the sentence before it
        elif sent.start == 0:
            return None
        else:
            prev_sent = ctx.doc[sent.start - 1].sent
        if ctx.para_of(prev_sent.start_char) != pi:
            return None
    else:
        prev_sent = _last_sentence_before(ctx, pi)
        if prev_sent is None:
            return None
    subj = _person_subject(ctx, prev_sent, pos)
    if subj is None and prev_sent.start > 0 and not any(c.dep_ in SUBJ for c in prev_sent.root.children):
        # "… is simple: never share your pills.": a subjectless sentence leans on the one before
        before = ctx.doc[prev_sent.start - 1].sent
        if ctx.para_of(before.start_char) == ctx.para_of(prev_sent.start_char):
            subj = _person_subject(ctx, before, pos)
    return subj


def _person_subject(ctx: QuoteContext, sent, pos: int) -> Optional[Token]:
    """The subject of a sentence's main verb when it names a person."""
    if ctx.in_quote(sent.root.idx):
        return None
    lex = ctx.lex
    root = sent.root
    kids = list(root.children)
    if not any(c.dep_ in SUBJ for c in kids):   # "X is simple: never share …" parsed with "share" as root
        kids += [g for c in kids if c.dep_ in ("ccomp", "parataxis") and c.i < root.i for g in c.children]
    for c in kids:
        if ctx.para_of(c.idx) not in (ctx.para_of(root.idx), ctx.para_of(pos)):
            continue   # (a caption line above, parsed into the sentence, is not its subject)
        if c.dep_ in SUBJ and c.idx < pos and c.lemma_.lower() in lex.source_nouns:
            # "Her message is simple: …" / “…”: the owner of the message speaks
            c = next((p for p in c.children if p.dep_ == "poss"), c)
        if c.dep_ in ("nsubj", "nsubjpass", "poss") and c.idx < pos:
            ent = ctx.entity_over(c.idx, c.idx + len(c))
            if ent is not None and ent.label == "PERSON" or c.lower_ in lex.male or c.lower_ in lex.female:
                return c
            if ent is None and c.pos_ == "PROPN" and c.ent_type_ in ("", "PERSON"):
                return c
            if c.lemma_.lower() in lex.roles or any(t.ent_type_ == "PERSON" for t in c.subtree):
                return c
    return None


def _last_sentence_before(ctx: QuoteContext, pi: int):
    """The last sentence of the paragraph before line ``pi`` (one heading line skipped)."""
    text = ctx.text
    skipped = 0
    j = pi - 1
    while j >= 0:
        a = ctx.paras[j]
        line = text[a:ctx.paras[j + 1]].strip()
        if not line:
            j -= 1
            continue
        if ctx.block_of(ctx.paras[pi]) - ctx.block_of(a) > 1 + skipped:
            return None
        if line[-1] not in ".!?\"”’'" and len(line.split()) <= ctx.cfg.heading_max_words and not skipped:
            skipped = 1     # a heading or caption line between the person and the quote
            j -= 1
            continue
        b = a + len(text[a:ctx.paras[j + 1]].rstrip())
        sent = ctx.doc[ctx.tok_at(b - 1)].sent
        while sent.root.idx >= b and sent.start > 0:
            sent = ctx.doc[sent.start - 1].sent
        return sent if a <= sent.root.idx < b else None
    return None


_SIGNATURE = re.compile(r"[^\S\n]*(?:[—–―]|--)[^\S\n]*([A-Z][\w.'’-]*(?:[^\S\n]+[A-Z][\w.'’-]*){0,4}?)\.?[^\S\n]*(?=,|\r?\n|$)")


def headline_speaker(ctx: QuoteContext, seg: Segment, cand: Candidate) -> bool:
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
    cand.spk_span = (s, head.idx + len(head))
    return True


def attach_speaker(ctx: QuoteContext, cand: Candidate) -> None:
    """The speaker token of a cue: its agent or the person before a participle, else its subject,
    else (a misparse) the nearest name in its clause; an issuer stands for its document."""
    if cand.spk_head is not None or cand.cue is None:
        return
    cue = cand.cue
    named = _agent_or_person_before(ctx, cue)
    if named is not None:
        cand.spk_head = named
        return
    subj = _cue_subject(ctx, cue)
    if subj is None:
        subj = _nearest_name(ctx, cand, cue)
        if subj is None:
            return
    cand.spk_head = _issuer(ctx, subj) or subj


def _agent_or_person_before(ctx: QuoteContext, cue):
    """"was written by X": the passive agent; "footage of X asking, “…”": the person right before
    a participle cue."""
    for c in cue.children:
        if c.dep_ == "agent":
            p = next((g for g in c.children if g.dep_ == "pobj" and not ctx.in_quote(g.idx)), None)
            if p is not None:
                return p
    if cue.tag_ == "VBG" and cue.i > 0 and cue.dep_ in ("acl", "advcl", "xcomp", "pcomp", "conj"):
        prev = ctx.doc[cue.i - 1]
        ent = ctx.entity_over(prev.idx, prev.idx + len(prev))
        if ent is not None and ent.label == "PERSON" and not ctx.in_quote(prev.idx) \
                and not any(c.dep_ in SUBJ for c in cue.children):
            return prev
    return None


def _cue_subject(ctx: QuoteContext, cue):
    """The cue's subject outside quotes and in its paragraph, or that of the report a participle
    continues; None for a non-speaker word, a date, punctuation or a heading above."""
    subj = None
    if cue.tag_ == "VBG" and cue.dep_ == "advcl" and cue.i > 0 and ctx.doc[cue.i - 1].text == "," \
            and not any(c.dep_ in SUBJ for c in cue.children):
        # "X said A, arguing that B": the participle shares the subject of the report's verb
        # (the outermost reporting verb: "X said he did not think A, arguing B")
        outer, up = None, cue.head
        while True:
            if is_cue_verb(up, ctx.lex.cues) and up.i < cue.i:
                outer = up
            if up.head.i == up.i:
                break
            up = up.head
        if outer is not None:
            subj = _subject_of(outer, lambda t: not ctx.in_quote(t.idx))
    if subj is None:
        # (a speaker and its cue share a paragraph: a timestamp or heading line the parser
        # hung on the cue as a second subject is passed over for the subject beside it)
        para = ctx.para_of(cue.idx)
        subj = _subject_of(cue, lambda t: not ctx.in_quote(t.idx) and ctx.para_of(t.idx) == para) \
            or _subject_of(cue, lambda t: not ctx.in_quote(t.idx))
    if subj is None:
        subj = _inverted_object(ctx, cue) or _subject_before_relative(cue)
    if subj is not None and subj.lower_ in ("that", "which") and cue.dep_ == "relcl":
        subj = cue.head   # "a letter that says ..."
    if subj is not None and (subj.lower_ in ctx.lex.non_speaker and subj.lower_ != "it"
                             or subj.ent_type_ in ("DATE", "TIME") and not _age_noun(subj) or ctx.in_quote(subj.idx)
                             or subj.is_punct or ctx.para_of(subj.idx) != ctx.para_of(cue.idx)):
        subj = None   # (a speaker and its cue share a paragraph: a heading above is no subject)
    return subj


def _inverted_object(ctx: QuoteContext, cue) -> Optional[Token]:
    """"“…,” read the email.", "“…,” wrote one reader.": right after a quote's closing mark, a
    cue with no subject whose noun phrase follows it and ends the clause is inverted: the
    parser's object is the speaker."""
    doc = ctx.doc
    k = bisect_right(ctx.seg_starts, cue.idx) - 1
    if k < 0 or ctx.segs[k].close >= cue.idx or ctx.text[ctx.segs[k].close:cue.idx].strip(" \t,\"”’'"):
        return None
    for c in cue.rights:
        if c.dep_ in ("dobj", "attr", "npadvmod") and c.left_edge.i == cue.i + 1 and c.pos_ in ("NOUN", "PRON", "NUM"):
            after = doc[c.right_edge.i + 1] if c.right_edge.i + 1 < len(doc) else None
            if after is None or after.is_punct and after.text in ".,;!?" or "\n" in c.right_edge.text_with_ws:
                return c
        break
    return None


def _subject_before_relative(cue) -> Optional[Token]:
    """"One resident, who like others spoke on condition of anonymity, said …" parsed with the
    relative clause's verb as the cue's complement: the subject of that left-hand complement,
    which the relative clause follows, is the cue's."""
    for c in cue.lefts:
        if c.dep_ == "ccomp":
            subj = next((t for t in c.lefts if t.dep_ in SUBJ), None)
            if subj is not None and any(r.dep_ == "relcl" for r in subj.rights):
                return subj
    return None


def _nearest_name(ctx: QuoteContext, cand: Candidate, cue):
    """A misparsed attribution: the nearest named mention in the cue's clause, outside quotes;
    a person before an organisation ("X, director at the Y Centre, said")."""
    sent = cue.sent
    lo = _sentence_start(ctx, sent)
    best = None
    for j in range(bisect_left(ctx.mention_starts, lo), len(ctx.mentions)):
        ms, me, ent = ctx.mentions[j]
        if ms >= sent.end_char:
            break
        if ctx.in_quote(ms) or ent.label not in ("PERSON", "ORG", "NORP", "GPE") or cand.s <= ms < cand.e:
            continue
        d = abs(ms - cue.idx)
        # (a name after a preposition is where someone works, not who speaks: "X, a
        # researcher at Y Hall, said")
        key = (ent.label != "PERSON", _after_preposition(ctx, ctx.doc[ctx.tok_at(me - 1)]), d)
        near = ctx.cfg.near_person if ent.label == "PERSON" else ctx.cfg.near_other
        if d < near and (best is None or key < best[0]):
            best = (key, me)
    return None if best is None else ctx.doc[ctx.tok_at(best[1] - 1)]


def _age_noun(tok: Token) -> bool:
    """"the 39-year-old", "my two-year-old": an age used as a noun is a person, though the
    tagger marks it as a date."""
    return tok.lower_ in ("old", "olds") and tok.i > 0 and tok.doc[tok.i - 1].text == "-"


def _after_preposition(ctx: QuoteContext, tok: Token) -> bool:
    """The object of a preposition on its own line (a heading above that the parser ran into
    the sentence governs nothing)."""
    return tok.dep_ == "pobj" and ctx.para_of(tok.head.idx) == ctx.para_of(tok.idx)


def _sentence_start(ctx: QuoteContext, sent) -> int:
    """Where the sentence of a cue starts: a "sentence" whose first word is in lower case
    (after quote marks) goes on from the one before, cut at an abbreviation ("who lost
    16 lbs. “and two …” between May and June, says")."""
    text = ctx.text
    i = sent.start_char
    while i < sent.end_char and not text[i].isalnum():
        i += 1
    if sent.start > 0 and i < sent.end_char and text[i].islower():
        before = ctx.doc[sent.start - 1].sent
        if ctx.para_of(before.start_char) == ctx.para_of(sent.start_char):
            return before.start_char
    return sent.start_char


def _issuer(ctx: QuoteContext, head: Token) -> Optional[Token]:
    """"The council issued a statement calling …", "He released a letter that says …": the
    subject that put the document out is the source; also when the parser hung the participle
    on the addressee ("the campaign sent out an email to supporters saying …")."""
    lex = ctx.lex
    verb = None
    if head.lemma_.lower() in lex.source_nouns and head.dep_ == "dobj":
        verb = head.head
    elif head.dep_ == "pobj" and head.head.lower_ == "to" and head.head.dep_ in ("dative", "prep") and any(
            c.dep_ == "dobj" and c.lemma_.lower() in lex.source_nouns for c in head.head.head.children):
        verb = head.head.head
    if verb is not None and lex.publishes(verb):
        for c in verb.children:
            if c.dep_ == "nsubj" and not ctx.in_quote(c.idx):
                return c
    return None


def name_in_sentence(ctx: QuoteContext, c: Candidate) -> None:
    """"Smith condemned what he called …": the pronoun speaker of a "what he called"
    clause whose referent (or the same pronoun) is the subject of its sentence takes
    that subject as its mention."""
    head = c.spk_head
    for i in range(head.i - 1, head.sent.start - 1, -1):
        t = ctx.doc[i]
        if t.dep_ in SUBJ and not ctx.in_quote(t.idx) and not (c.s <= t.idx < c.e) and (
                t.lower_ == head.lower_ or c.ent is not None and ctx.entity_over(t.idx, t.idx + len(t)) is c.ent):
            c.spk_head = t
            c.spk_span = mention_span(ctx, t)
            return
