"""Context signals: what the words in and around a mention say it is.

Each signal adds a vote ``(label, weight, "context")`` to the mention (``Mention.ev``);
:mod:`newskit.nlp.entities.vote` weighs them against the parser's label and the
gazetteer. Word lists: ``models/en/entities/evidence.json`` (:class:`~.data.EntityData`);
weights: the component's config (``signal``).

* event: a name ending in an event word is an EVENT ("the Winter Games"); a name
  right before one in lower case is the organisation behind it ("the SAG awards");
* organisation noun: "the daily Globe", "the carmaker Acme", "the club Westport"
  (a noun saying what the organisation is, right before its name);
* company: a corporate noun after the name or its possessive ("Acme's shares",
  "the Acme chief executive"), before "of"/"in" and the name ("shares of Acme"),
  a company's verb ("Acme acquired ..."), or "<name> said it ..." (when the parser
  does not call it a person: "Ana said it was late") make an ORG; so does a
  company suffix or "&" in the name ("Harlow & Finch", "Acme Corp."), and so does a
  capital inside one word ("YouTube", "PayPal": not "McDonald", "DeSantis");
* place word: a known place after "near", "outside", ... is a GPE; so is any name after
  "the town of", "the island of", ... or before "county", "province" ("Tamsen county");
* team: a team noun after a place's name ("the Westport captain") or a place
  beating or beaten by another makes a team (ORG);
* acronym: a short ALL CAPS word in body text that the parser calls a person is
  an organisation (not "US", "UK": those are aliases of places);
* sports report: a town or a club where it plays is a team (:mod:`.teams`);
* speaker: the subject of a speech verb followed by he/she ("Georgia said she ...")
  is a person; this also stops a place vote.

Limits: one token of look-ahead and the parser's subject relation; a company
named after a person that "said it" still reads as an ORG, as it should.
"""
from __future__ import annotations

from typing import FrozenSet, List, Mapping, Optional, Tuple

from newskit.nlp import document
from .common import POSS, Mention
from .config import EntitiesConfig
from .data import EntityData
from .names import name_key
from .teams import is_sports_report, team_signal

__all__ = ["collect"]

_SUBJ = ("nsubj", "nsubjpass")
Words = Mapping[str, FrozenSet[str]]  # the lists of evidence.json


def _after(doc, end: int, words) -> bool:
    """Whether the words at token ``end`` (after a possessive) are in ``words`` (one or two words)."""
    if end < len(doc) and doc[end].text in POSS:
        end += 1
    if end >= len(doc) or "\n" in doc[end - 1].whitespace_:
        return False
    one = doc[end].lower_
    two = one + " " + doc[end + 1].lower_ if end + 1 < len(doc) else ""
    return one in words or two in words


def _pronoun_after(doc, verb, pronouns) -> bool:
    """A pronoun from ``pronouns`` within three tokens after the verb ("said it would", "said that she")."""
    for tok in doc[verb.i + 1:verb.i + 4]:
        if tok.lower_ in pronouns:
            return True
        if tok.is_punct and tok.text != ",":
            break
    return False


def _event(name: str, key: str, w: Words) -> bool:
    words = name.lower().split()
    return key in w["event_names"] or len(words) > 1 and (
        words[-1] in w["event_words"] or " ".join(words[-2:]) in w["event_words"])


def _place_noun_of(doc, span, w: Words) -> bool:
    """"the town of Ardmore", "the island of Rona": a noun for a kind of place, "of", the name."""
    i = span.start
    return i >= 2 and doc[i - 1].lower_ == "of" and doc[i - 2].text.islower() and doc[i - 2].lower_ in w["place_nouns_of"]


def _around(doc, span, m: Mention, key: str, kind: Optional[str], data: EntityData) -> List[Tuple[str, str]]:
    """Signals from the words next to the name: ORG or GPE votes, by signal name."""
    w = data.evidence
    out = []
    prev = doc[span.start - 1] if span.start else None
    nxt = doc[span.end] if span.end < len(doc) else None
    if prev is not None and prev.text.islower() and prev.lower_ in w["org_nouns_before"]:
        out.append(("ORG", "org_noun"))
    elif prev is not None and kind is not None and prev.lower_ in w["place_words_before"]:
        out.append(("GPE", "place_word"))
    elif _place_noun_of(doc, span, w) or (
            nxt is not None and nxt.text.islower() and nxt.lower_ in w["place_nouns_after"]):
        out.append(("GPE", "place_word"))
    if nxt is not None and nxt.text.islower() and nxt.lower_ in w["event_words"] and m.label != "NORP" \
            and key not in data.demonyms:
        out.append(("ORG", "event_before"))
    # "Tokyo shares", "the Westport plant": after a known place these nouns are its market or site
    # "Swiss firms", "Japanese investors": after a nationality they say whose, not which company
    demonym = m.label == "NORP" or key in data.demonyms
    if kind is None and not demonym and (_after(doc, span.end, w["company_nouns"]) or (
            span.start >= 2 and doc[span.start - 1].lower_ in ("of", "in")
            and doc[span.start - 2].lower_ in w["company_nouns"])):
        out.append(("ORG", "company"))
    # a town or a county can name a team; a country's team is the country (news usage)
    team_like = kind not in (None, "country") or (kind is None and m.label in ("ORG", "FAC"))
    if team_like and m.label != "NORP" and _after(doc, span.end, w["team_nouns"]):
        out.append(("ORG", "team"))
    return out


def _syntax(doc, text: str, span, m: Mention, kind: Optional[str], data: EntityData) -> List[Tuple[str, str]]:
    """Signals from the name's verb: a team's, a company's, or a speaker's with a pronoun."""
    w = data.evidence
    root = span.root
    head = root.head
    a, b = min(root.i, head.i), max(root.i, head.i)
    if m.src == "dateline" or a < b and "\n" in text[doc[a].idx:doc[b - 1].idx + len(doc[b - 1])]:
        return []  # the parse of a dateline runs into the first sentence
    lemma = head.lemma_.lower()
    if root.dep_ in _SUBJ + ("dobj",) and lemma in w["team_verbs"] and kind not in (None, "country"):
        return [("ORG", "team")]
    if root.dep_ not in _SUBJ or head.pos_ not in ("VERB", "AUX"):
        return []
    if lemma in w["company_verbs"] and kind is None:
        return [("ORG", "company")]
    if lemma in data.speech_verbs:
        if m.label != "PERSON" and kind is None and _pronoun_after(doc, head, w["company_pronoun"]):
            return [("ORG", "company")]
        if _pronoun_after(doc, head, w["person_pronouns"]):
            return [("PERSON", "person_speaker")]
    return []


def _camel_brand(word: str, data: EntityData) -> bool:
    """"YouTube", "PayPal": a capital after a small letter, not after a name's prefix ("McDonald", "DeSantis")."""
    if not word[:1].isupper():
        return False
    inner = next((i for i in range(1, len(word)) if word[i - 1].islower() and word[i].isupper()), None)
    return inner is not None and word[:inner].lower() not in data.camel_prefixes


def _name_itself(name: str, key: str, m: Mention, kind: Optional[str], data: EntityData) -> List[Tuple[str, str]]:
    """Signals inside the name: a company suffix or "&"; a short ALL CAPS acronym."""
    words = name.split()
    out = []
    if len(words) > 1 and (words[-1].lower() in data.org_suffixes or " & " in name and words[-1][:1].isupper()):
        out.append(("ORG", "org_name"))
    if len(words) == 1 and m.label in ("GPE", "LOC", "FAC", "PERSON") and _camel_brand(name, data):
        out.append(("ORG", "org_name"))
    bare = name.replace(".", "")
    if m.label == "PERSON" and not m.head and 2 <= len(bare) <= 5 and bare.isalpha() and bare.isupper() \
            and key not in data.alias_of and key not in data.demonyms and kind is None:
        out.append(("ORG", "acronym"))
    return out


def collect(doc, mentions: List[Mention], data: EntityData, cfg: EntitiesConfig) -> None:
    """Add the context votes of every mention (in place)."""
    w, weight = data.evidence, cfg.signal
    text = document.text(doc)
    sports = is_sports_report(doc, text, data, cfg)
    for m in mentions:
        span = doc.char_span(m.s, m.e, alignment_mode="expand")
        if span is None or not len(span):
            continue
        name = text[m.s:m.e]
        key = name_key(name)
        if _event(name, key, w):
            m.ev.append(("EVENT", weight["event_name"], "context"))
            continue
        kind = data.places.kind_of(name)
        found = _name_itself(name, key, m, kind, data) + _around(doc, span, m, key, kind, data) \
            + _syntax(doc, text, span, m, kind, data)
        if sports and not any(sig == "team" for _, sig in found):
            found += [("ORG", sig) for sig in team_signal(doc, span, m, kind, text, data)]
        m.ev.extend((label, weight[sig], "context") for label, sig in found)
