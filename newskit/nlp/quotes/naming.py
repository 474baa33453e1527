"""Naming a speaker mention: its span in the text and the speaker name (and entity) it stands for.

* the span (:func:`mention_span`): from the left edge of the noun phrase to its head, a
  description with its post-modifiers up to ``phrase_max`` tokens (config) ("one of the
  nurses", "sources familiar with the talks"), never from the line above;
* the name (:func:`name_of`): a tagged entity over the head (a description never names a
  party or nationality), a name the tagger missed that the resolver linked, a name set beside
  a noun (an appositive, "the carmaker X", a pair "A and B"), the antecedent of "who", else
  what ``referents`` makes of a pronoun, a document or a description, else a person named
  inside the subject phrase; with none, the mention's own words;
* a mention whose name came from an appositive the span stops before runs on to the end of
  that name (:func:`with_appositive`).

Limits: rule-based on spaCy's parse; an appositive after a clause is a title, not a name.
"""
from __future__ import annotations

from bisect import bisect_right
from typing import Optional, Tuple

from spacy.tokens import Token

from newskit.records import Entity
from .context import SUBJ, QuoteContext
from .referents import described_entity, owner_of, pair_of_names, pronoun_name, publisher_phrase

__all__ = ["mention_span", "name_of", "with_appositive"]


def mention_span(ctx: QuoteContext, head: Token) -> Tuple[int, int]:
    """Speaker mention: from the left edge of the noun phrase to its head."""
    doc = ctx.doc
    left = head.left_edge.i
    # do not start at punctuation or inside another clause
    while left < head.i and (doc[left].is_punct or doc[left].is_space or doc[left].dep_ in ("cc", "prep", "mark")
                             or "\n" in doc[left].text_with_ws):
        left += 1
    for t in doc[left:head.i]:
        if "\n" in t.text_with_ws:
            left = t.i + 1   # a mention never starts on the line above (a running time "2:22")
    right = head.i
    # keep a flat name that continues after the head ("said John Smith")
    while right + 1 < len(doc) and doc[right + 1].dep_ in ("compound", "flat") and doc[right + 1].head.i == head.i:
        right += 1
    if head.pos_ in ("NOUN", "PRON", "NUM", "DET", "ADJ") and head.tag_ not in ("PRP", "WP"):
        right = _phrase_end(head, ctx.cfg.phrase_max)
    s, e = doc[left].idx, doc[right].idx + len(doc[right])
    if head.pos_ == "PROPN":
        # a name that goes on past its head ("The Department of Coastal Affairs said"): the whole name
        k = bisect_right(ctx.mention_starts, head.idx) - 1
        if k >= 0 and ctx.mentions[k][0] <= head.idx < ctx.mentions[k][1]:
            e = max(e, ctx.mentions[k][1])
    while e > s and not ctx.text[e - 1].isprintable():
        e -= 1   # (a zero-width space pasted after the name)
    return s, e


def _phrase_end(head: Token, phrase_max: int) -> int:
    """Last token of a description with its post-modifiers ("one of the nurses", "sources
    familiar with the talks", "an official cited in the report"), up to a comma, a
    conjunction or a relative clause."""
    right = head.i
    for c in head.rights:
        if c.dep_ not in ("prep", "amod", "acl") or c.i != right + 1 or c.dep_ == "acl" and c.tag_ not in ("VBN", "VBD"):
            break   # (a present participle after the noun is the cue: "a statement calling …"; a past
            # participle the tagger took for a past tense is still one: "people arrested last week")
        # the modifier ends at a comma, a conjunction or a relative clause ("a lawyer named in
        # the filing, who …"): its length is judged up to there
        end = _modifier_end(c)
        if end - head.i > phrase_max:
            break
        if end < c.right_edge.i:
            return max(right, end)
        right = end
    return right


def _modifier_end(mod: Token) -> int:
    """Last token of a post-modifier before a comma, a conjunction, a line end or a relative
    clause ("familiar with the talks who …": before "who")."""
    end = mod.right_edge.i
    for t in mod.doc[mod.i:mod.right_edge.i + 1]:
        if t.dep_ == "relcl":
            end = min(end, t.left_edge.i - 1)
        elif t.is_punct or t.dep_ == "cc":
            end = min(end, t.i - 1)
        elif "\n" in t.text_with_ws:
            end = min(end, t.i)
    return end


def name_of(ctx: QuoteContext, head: Token, span: Tuple[int, int], prev_speaker: Optional[Entity],
          quote: Tuple[int, int]) -> Tuple[Optional[str], Optional[Entity]]:
    """speaker_name and entity for a speaker mention headed by ``head``."""
    lex = ctx.lex
    lw = head.lower_
    pair = pair_of_names(ctx, head)
    if pair is not None:
        return pair, None
    ent = ctx.entity_over(head.idx, head.idx + len(head))
    if ent is not None and ent.label == "NORP" and _is_description(ctx, head):
        ent = None   # "the Ohio Democrat": a description names a person, never a party or nationality
    if ent is None and head.text[:1].isupper():
        ent = ctx.resolver.linked(head)
    if ent is not None:
        return ent.name, ent
    near = _named_beside(ctx, head)
    if near is not None:
        return near
    if head.pos_ == "PRON" and ctx.resolver.kind_of(head):
        return pronoun_name(ctx, head, prev_speaker, quote)
    if lw in lex.first or lw in lex.non_speaker:
        return None, None
    if lw == "who" and head.head.dep_ == "relcl":
        ante = _relative_antecedent(ctx, head)
        span2 = mention_span(ctx, ante)
        if ante.i != head.i:
            return name_of(ctx, ante, span2, prev_speaker, quote)
    lemma = head.lemma_.lower()
    if lemma in lex.source_nouns:
        owner = owner_of(ctx, head, prev_speaker, quote)
        if owner is None:
            publisher = publisher_phrase(ctx, head)
            if publisher is not None:
                return publisher, None
        if owner is None and lemma in lex.communications:
            # "Gatsby confirmed the death. A statement said …": whoever the text was about
            owner = ctx.resolver.salient(head, "s", quote)
        if owner is not None:
            return owner.name, owner
    elif head.pos_ == "NOUN" or head.is_lower and (lemma in lex.roles or lw in lex.roles):
        ent = described_entity(ctx, head, quote)
        if ent is not None:
            return ent.name, ent
    ent = _person_in_subject(ctx, head)
    if ent is not None:
        return ent.name, ent
    return ctx.text[span[0]:span[1]], None


def with_appositive(ctx: QuoteContext, head: Token, span: Tuple[int, int], ent: Optional[Entity]) -> Tuple[int, int]:
    """"With days to go, the campaign, Ana Ruiz, said" parsed with "campaign" as the subject:
    when the speaker's name comes from an appositive of the mention's head and the mention
    does not hold it, the mention runs on to the end of that name."""
    if ent is None or head.pos_ == "PRON":
        return span
    for c in head.children:
        if c.dep_ == "appos" and c.idx >= span[1] and ctx.entity_over(c.idx, c.idx + len(c)) is ent:
            k = bisect_right(ctx.mention_starts, c.idx) - 1
            if k >= 0 and ctx.mentions[k][2] is ent and ctx.mentions[k][1] > c.idx:
                return span[0], ctx.mentions[k][1]
    return span


def _is_description(ctx: QuoteContext, head: Token) -> bool:
    """A noun phrase with a determiner ("the Ohio Democrat", "a Canadian"): no name."""
    return any(c.dep_ == "det" for c in head.children)


def _named_beside(ctx: QuoteContext, head: Token) -> Optional[Tuple[Optional[str], Optional[Entity]]]:
    """(name, entity) of a name set beside a speaker noun (an appositive, "the carmaker X"), or None."""
    # an appositive name: "one of the lawyers, Ana Ruiz," / "the spokesman, John Smith,"
    closing = _closing_appositive(ctx, head)
    if closing is not None:
        return closing
    for c in head.children:
        if c.dep_ == "appos" and not ctx.in_quote(c.idx) and not _clause_between(ctx, head, c):
            pair = pair_of_names(ctx, c)
            if pair is not None:
                return pair, None   # "the owners, Ana Ruiz and Tom Li,": both speak
            ent = ctx.entity_over(c.idx, c.idx + len(c))
            if ent is not None and (ent.label == "PERSON" or c.left_edge.i == head.i + 1):
                return ent.name, ent   # (or any name right after it: "the airline Skyward Air")
            if ent is None and c.pos_ == "PROPN" and ctx.data.given_names.gender(c.text):
                return ctx.doc[c.left_edge.i:c.i + 1].text, None   # "her son, Malik,"
            if ent is not None and c.pos_ == "PROPN" and c.i == c.left_edge.i and head.tag_ == "NN" \
                    and head.lemma_.lower() in ctx.lex.person_nouns:
                return c.text, None   # "says her dad, Darrin": a name beside a noun for a person
    nxt = ctx.doc[head.i + 1] if head.i + 1 < len(ctx.doc) else None
    if head.pos_ == "NOUN" and nxt is not None and nxt.pos_ == "PROPN" and (nxt.head.i == head.i or head.head.i == nxt.i):
        ent = ctx.entity_over(nxt.idx, nxt.idx + len(nxt))   # "the carmaker Velora said"
        if ent is not None:
            return ent.name, ent
    return None


def _closing_appositive(ctx: QuoteContext, head: Token) -> Optional[Tuple[Optional[str], Optional[Entity]]]:
    """"The keeper of the archive, Ana Ruiz, said": a person's name set off by commas at the end
    of a subject phrase names the whole phrase, wherever the parser hung it inside."""
    doc = ctx.doc
    end = head.right_edge.i
    if head.pos_ == "PRON" or end <= head.i or doc[end].text != "," or head.dep_ not in ("nsubj", "nsubjpass"):
        return None
    last = doc[end - 1]
    app = last
    while app.dep_ != "appos" and app.head.i != app.i and app.head.i > head.i and app.head.i < end:
        app = app.head   # (from the name's last word up to the appositive's head)
    if app.dep_ != "appos" or app.head.i == head.i or app.right_edge.i != end - 1 or _clause_between(ctx, head, app):
        return None
    ent = ctx.entity_over(app.idx, app.idx + len(app))
    if ent is None or ent.label != "PERSON":
        return None
    return ent.name, ent


def _clause_between(ctx: QuoteContext, head: Token, appos: Token) -> bool:
    """An appositive name follows its noun's phrase at once ("the coach, Ana Ruiz,"; "one of
    the lawyers, Ana Ruiz,"), never after a clause ("the resident, who wrote the novel The
    Iron Sea,": a title the parser hung on the noun)."""
    return any(t.pos_ in ("VERB", "AUX") for t in ctx.doc[head.i + 1:appos.left_edge.i])


def _relative_antecedent(ctx: QuoteContext, head: Token) -> Token:
    """The noun a relative "who" stands for ("X, who said": X), as a speaker."""
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
        subj = next((c for c in a.head.children if c.dep_ in SUBJ), None)
        if subj is not None:
            ante = subj
    return ante


def _person_in_subject(ctx: QuoteContext, head: Token) -> Optional[Entity]:
    """A person named inside the subject phrase before ``head``, before any comma."""
    # "Transit advocate Omar Haddad, 45," parsed with a common-noun head: a person
    # named inside the subject phrase, before any comma; not a possessor ("Ruiz's lawyers")
    for t in head.subtree:
        if t.i > head.i and t.is_punct:
            break
        if t.ent_type_ == "PERSON" and t.i < head.i and not any(
                a.dep_ == "poss" for a in (t, *t.ancestors) if a.i != head.i and head.is_ancestor(a)):
            ent = ctx.entity_over(t.idx, t.idx + len(t))
            if ent is not None and ent.label == "PERSON":
                return ent
    return None
