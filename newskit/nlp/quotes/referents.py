"""Referents: what a speaker mention that is no name stands for.

* a document ("a statement", "the union's release", "a report released by the ministry"):
  its owner (possessor, compound name, 'in/from/by' name, the body that released it);
* a description ("the coach", "the company", "the bow-tied rebel"): the person introduced
  with that noun, else the most salient organisation (of the right kind) or person before it
  when the description speaks as one ("my" in its quote, he/she in its report);
* a pronoun: the resolver's entity, or for "they" a pair of names or a plural phrase for
  people named more recently ("Ana Ruiz and Tom Li", "the nurses").

Limits: rule-based on spaCy's parse; an unnamed description stays a phrase; a description
of a group ("the officials") is never resolved. Word lists: ``models/quotes.json`` and
``models/coref.json``.
"""
from __future__ import annotations

from bisect import bisect_left
from typing import Optional, Tuple

from spacy.tokens import Token

from newskit.records import Entity
from .context import SUBJ, QuoteContext, is_cue_verb


__all__ = ["owner_of", "publisher_phrase", "described_entity", "pronoun_name", "pair_of_names"]

_PLACE_MODIFIERS = {"NORP", "GPE", "LOC"}   # "the Canadian government", "the Ontario court"


def owner_of(ctx: QuoteContext, head: Token, prev_speaker, quote: Tuple[int, int], depth: int = 0) -> Optional[Entity]:
    """Owner of a non-person source: possessor, compound name, 'in/from/by NAME'."""
    lex = ctx.lex
    for c in head.children:
        if c.dep_ == "poss":
            ent = ctx.entity_over(c.idx, c.idx + len(c))
            if ent is not None:
                return ent
            lw = c.lower_
            if lw in lex.male or lw in lex.female:
                return _resolve_possessive(ctx, c, prev_speaker, quote)
            if c.pos_ == "PRON" and ctx.resolver.kind_of(c):
                # "its report", "their study": what the resolver gives for the pronoun
                return ctx.resolver.pronoun(c, prev_speaker, quote, ctx.prev_broken)
            if c.pos_ == "NOUN":
                return described_entity(ctx, c, quote)   # "the union's release": the union
        if c.dep_ in ("compound", "nmod", "amod"):
            ent = ctx.entity_over(c.idx, c.idx + len(c))
            if ent is not None:
                return ent
        if c.dep_ == "prep" and c.lower_ in lex.owner_preps:
            ent = _prep_object_entity(ctx, c)
            if ent is not None:
                return ent
        if c.dep_ == "acl" and c.tag_ == "VBN" and lex.publishes(c):
            # "a statement released by the ministry", "a release sent to media from the union"
            for p in c.children:
                if p.dep_ == "agent" or p.dep_ == "prep" and p.lower_ in lex.owner_preps:
                    ent = _prep_object_entity(ctx, p)
                    if ent is not None:
                        return ent
    if depth == 0 and any(c.dep_ == "det" and c.lower_ in ("the", "that", "this") for c in head.children):
        # 'the resignation' → an earlier 'his resignation' / 'X's resignation'; 'the post' →
        # an earlier 'X wrote in a blog post' (the writer)
        lemma = head.lemma_.lower()
        for t in reversed(ctx.doc[max(0, head.i - ctx.cfg.owner_lookback):head.i]):
            if t.lemma_.lower() == lemma and t.pos_ == "NOUN" and not ctx.in_quote(t.idx):
                writer = _writer_of(ctx, t)
                if writer is not None:
                    return writer
                if any(c.dep_ == "poss" for c in t.children):
                    return owner_of(ctx, t, prev_speaker, quote, depth + 1)
    return None


def _writer_of(ctx: QuoteContext, doc_noun: Token) -> Optional[Entity]:
    """"Ana Ruiz wrote in a letter …", "In the letter, Ruiz said …": the named subject of
    the speech verb the document is the place of."""
    prep = doc_noun.head
    if doc_noun.dep_ != "pobj" or prep.lower_ != "in" or not is_cue_verb(prep.head, ctx.lex.speech):
        return None
    subj = next((c for c in prep.head.children if c.dep_ in SUBJ and not ctx.in_quote(c.idx)), None)
    return ctx.entity_over(subj.idx, subj.idx + len(subj)) if subj is not None else None


def _prep_object_entity(ctx: QuoteContext, prep: Token) -> Optional[Entity]:
    """The entity named as the object of a preposition ("by the ministry", "from X")."""
    for p in prep.children:
        if p.dep_ == "pobj":
            ent = ctx.entity_over(p.left_edge.idx, p.idx + len(p))
            if ent is not None:
                return ent
    return None


def publisher_phrase(ctx: QuoteContext, head: Token) -> Optional[str]:
    """"a statement released by the Premier's Office": the name of the body that put a document
    out, when the tagger left it unnamed (a proper-noun phrase after "by" or "from")."""
    lex = ctx.lex
    preps = [c for c in head.children if c.dep_ == "prep" and c.lower_ in ("by", "from")]
    for c in head.children:
        if c.dep_ == "acl" and lex.publishes(c):
            preps += [p for p in c.children if p.dep_ == "agent" or p.dep_ == "prep" and p.lower_ in ("by", "from")]
    for p in preps:
        obj = next((o for o in p.children if o.dep_ == "pobj" and o.pos_ == "PROPN"), None)
        if obj is not None and not ctx.in_quote(obj.idx):
            return ctx.doc[obj.left_edge.i:obj.i + 1].text
    return None


def _resolve_possessive(ctx: QuoteContext, tok: Token, prev_speaker, quote: Tuple[int, int]) -> Optional[Entity]:
    """"In his letter, Smith said": the person subject later in the same sentence, else
    what the resolver gives for the pronoun."""
    for c in tok.sent.root.children:
        if c.dep_ in SUBJ and c.i > tok.i:
            ent = ctx.entity_over(c.idx, c.idx + len(c))
            if ent is not None and ent.label == "PERSON":
                return ent
    return ctx.resolver.pronoun(tok, prev_speaker, quote, ctx.prev_broken)


def described_entity(ctx: QuoteContext, head: Token, quote: Tuple[int, int]) -> Optional[Entity]:
    """A description as a speaker: the person introduced with that noun ("Ana Ruiz, the
    coach" … "the coach"); else a definite singular description points back to the most
    salient organisation ("the company") or person ("the veteran defender") before it."""
    res = ctx.resolver
    ent = res.description(head)
    if ent is not None:
        return ent
    hyphenated = head.i > 0 and ctx.doc[head.i - 1].text == "-"   # ("the sergeant-at-arms": "arms")
    if head.tag_ not in ("NN", "NNP") and not (hyphenated and head.tag_ == "NNS") \
            or not any(c.dep_ == "det" and c.lower_ in res.lex.determiners for c in head.children):
        return None
    if head.lemma_.lower() in res.lex.org_nouns:
        if any(c.dep_ in ("amod", "compound", "nmod") and c.ent_type_ in _PLACE_MODIFIERS for c in head.children):
            return None   # "the Canadian government", "the Ontario court": the modifier says which
        return _named_with(ctx, head) \
            or res.salient(head, "o" if head.lemma_.lower() in res.lex.government_nouns else "c", quote)
    if (head.lemma_.lower() in ctx.lex.roles or res.agent_noun(head.lower_)) and not _introduced_unnamed(ctx, head):
        words = [t.lower_ for t in ctx.doc[head.left_edge.i:head.i + 1]]
        return res.salient_person(head, words, quote)
    kind = _speaks_as_person(ctx, head, quote)
    if kind and not _introduced_unnamed(ctx, head):
        return res.salient(head, kind, quote)   # "“In my view …,” says the bow-tied maverick"
    return None


def _named_with(ctx: QuoteContext, head: Token) -> Optional[Entity]:
    """"the union" after "the Harbour Workers Union": the last organisation before the description
    whose name holds its noun."""
    noun = head.lemma_.lower()
    for ms, me, ent in reversed(ctx.mentions[:bisect_left(ctx.mention_starts, head.idx)]):
        if ent.label == "ORG" and noun in ent.name.lower().split():
            return ent
    return None


def _speaks_as_person(ctx: QuoteContext, head: Token, quote: Tuple[int, int]) -> str:
    """Whether a description of any noun speaks as a person: 'a' when its quote says "I",
    "my" ("“In my view …,” says the maverick"), 'm' or 'f' when its report goes on with he or
    she ("the veteran said he would run"); '' otherwise."""
    cue = head.head
    if head.dep_ not in ("nsubj", "nsubjpass") or not is_cue_verb(cue, ctx.lex.speech):
        return ""
    for c in cue.children:
        if c.dep_ == "ccomp" and c.i > cue.i:
            subj = next((s for s in c.children if s.dep_ in SUBJ), None)
            if subj is not None and subj.i > cue.i:
                kind = ctx.resolver.kind_of(subj)
                if kind in ("m", "f"):
                    return kind
    if quote[1] > quote[0] and ctx.in_quote(quote[0]) and any(
            ctx.doc[i].lower_ in ctx.lex.first_singular for i in ctx.toks_in(*quote)):
        return "a"
    return ""


def _introduced_unnamed(ctx: QuoteContext, head: Token) -> bool:
    """"A city official said …" … "the official said": the description points back to a
    person introduced without a name, not to the most salient named one."""
    lemma = head.lemma_
    for t in reversed(ctx.doc[max(0, head.i - ctx.cfg.owner_lookback):head.i]):
        if t.lemma_ == lemma and t.pos_ == "NOUN" and \
                any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in t.children):
            return True
    return False


def pronoun_name(ctx: QuoteContext, head: Token, prev_speaker: Optional[Entity],
                  quote: Tuple[int, int]) -> Tuple[Optional[str], Optional[Entity]]:
    """A pronoun speaker: the resolver's entity; for "they", a group named more recently
    ("Ana Ruiz and Tom Li", "the nurses") wins, with its whole phrase as the name."""
    ent = ctx.resolver.pronoun(head, prev_speaker, quote, ctx.prev_broken)
    if ctx.resolver.kind_of(head) == "p":
        group = _group_antecedent(ctx, head, quote)
        last = max((m.start for m in ent.mentions if m.start < head.idx), default=-1) if ent is not None else -1
        if group is not None and group[0] > last:
            return group[1], None
    return (ent.name, ent) if ent is not None else (None, None)


def _group_antecedent(ctx: QuoteContext, head: Token, quote: Tuple[int, int]) -> Optional[Tuple[int, str]]:
    """The latest subject before ``head``, in its sentence or the one before and outside any
    quote, that "they" can stand for: a pair or list of names ("X and Y") or a plural noun
    for people ("the nurses", "local residents"). Returns (offset, phrase) or None."""
    doc = ctx.doc
    lo = head.sent.start
    if lo > 0:
        lo = doc[lo - 1].sent.start
    for tok in reversed(doc[lo:head.i]):
        if tok.dep_ not in SUBJ or ctx.in_quote(tok.idx) or quote[0] <= tok.idx < quote[1]:
            continue
        conj = [c for c in tok.children if c.dep_ == "conj"]
        if tok.pos_ == "PROPN" and conj and all(c.pos_ == "PROPN" for c in conj):
            last = conj[-1]
            while any(c.dep_ == "conj" for c in last.children):
                last = [c for c in last.children if c.dep_ == "conj"][-1]
            return tok.idx, doc[tok.left_edge.i:last.i + 1].text
        if tok.tag_ == "NNS" and _people_noun(ctx, tok.lemma_.lower()):
            pair = next((p for p in map(lambda c: pair_of_names(ctx, c), (c for c in tok.children if c.dep_ == "appos"))
                         if p is not None), None)
            return tok.idx, pair or doc[tok.left_edge.i:tok.i + 1].text
    return None


def pair_of_names(ctx: QuoteContext, tok: Token) -> Optional[str]:
    """"Ana Ruiz and Tom Li" (or a longer list) when ``tok`` heads a coordination of
    people's names: the whole coordination, for a speaker that is both; else None."""
    if tok.pos_ != "PROPN":
        return None
    names, cur = [tok], tok
    while True:
        nxt = [c for c in cur.children if c.dep_ == "conj"]
        if not nxt:
            break
        cur = nxt[-1]
        names.append(cur)
    if len(names) < 2:
        return None
    for t in names:
        ent = ctx.entity_over(t.idx, t.idx + len(t))
        if t.pos_ != "PROPN" or ent is None or ent.label != "PERSON" or ctx.in_quote(t.idx):
            return None
    first = tok
    while first.i > 0 and ctx.doc[first.i - 1].head.i == tok.i and ctx.doc[first.i - 1].dep_ in ("compound", "flat") \
            and ctx.doc[first.i - 1].pos_ == "PROPN":
        first = ctx.doc[first.i - 1]
    return ctx.doc[first.i:names[-1].i + 1].text


def _people_noun(ctx: QuoteContext, lemma: str) -> bool:
    """A noun for people: a role, a person noun, or an agent noun ("residents", "nurses")."""
    return lemma in ctx.lex.roles or lemma in ctx.lex.person_nouns or ctx.resolver.agent_noun(lemma)
