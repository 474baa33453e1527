"""Is a PERSON entity a person? Evidence for it, evidence against it, and the decision.

For every entity the earlier steps label PERSON, :func:`check_people` weighs

* evidence of a person: a title or honorific (4), a he/she the quote resolver linked
  to it (4), a role noun or an age beside it ("Ana Ruiz, a nurse", "economist Ana
  Ruiz", "Ruiz, 54,", "Ruiz is a mother": 3), a given name before a family name or the
  entity step's context evidence ("the Ruiz administration": 2), a given name alone that
  gender-guesser is sure of (1),
  a speech verb with it as subject (1.5), the family name of a person named in full (1);
* evidence against it: the last word of an organisation's or a facility's name
  ("… LLP", "… Observatory": 4.5; a head that is also a family name, "… Hall": 1.5), a
  company noun beside it ("Velora, a company", "the firm Velora": 3), a company or
  platform noun after it ("the Velora pipeline", "Plinkr users": 2), "on/to X" after a
  verb of posting or a noun ("posted on Plinkr", "a tour on Plinkr": 2), "it" after its speech
  verb ("Velora said it": 2) or "the company" as the next subject ("Velora said … The company
  …": 2), quotation marks around it or a work noun before it ("the film Tidewater": 2.5), a
  place preposition before a known place ("in Tarrow": 2), "the" before it (1).

The strongest piece on each side is compared; a PERSON whose counter-evidence is
stronger gets that label (``label_source: "context"``); a tie keeps the person.
A company is never turned into a place here: only the PERSON label is re-decided,
and a place label needs the gazetteer or a place preposition.

Limits: one look at each mention's neighbours and its parse; fictional characters
named like people stay people; a family name alone is evidence only after the full
name (the grouping step has usually joined the two already).
"""
from __future__ import annotations

from typing import Callable, Dict, FrozenSet, List, Mapping, Optional, Sequence, Set, Tuple

from spacy.tokens import Doc, Span, Token

from newskit.nlp.entities.data import EntityData
from newskit.records import Entity, Quote
from .data import PeopleData

__all__ = ["EVIDENCE_WEIGHTS", "mention_spans", "beside_nouns", "quote_links", "described_as_company", "check_people"]

# How much one kind of evidence weighs: the people component's config ("evidence"), a hand-set
# ranking of how directly each kind shows a person (no training data labels it); only the order matters.
EVIDENCE_WEIGHTS = {
    # for a person: a title or honorific, and a he/she resolved to it, are the surest signs
    "title": 4.0, "pronoun": 4.0,
    "role": 3.0, "who": 3.0,          # a role noun or an age beside it; "X, who ..."
    "given": 2.0,                     # a given name before a family name, or the entity step's context
    "speech": 1.5,                    # the subject of a speech verb (organisations speak too)
    "family": 1.0, "given_alone": 1.0,  # a family name after the full name; a given name alone
    # against: the name's own last word ("… Observatory") is the most direct evidence and
    # outweighs a title ("King … Station"); a head that is also a family name ("… Hall") much less
    "head": 4.5, "surname_head": 1.5,
    "company": 3.0,                   # "Velora, a company", "the firm Velora"
    "the_plural": 2.5, "work": 2.5,   # "the Westport Herons"; quotation marks or a work noun
    "after": 2.0, "platform": 2.0, "it": 2.0, "place": 2.0, "which": 2.0,
    "the": 1.0,                       # "the" before it: weak ("the Ruiz campaign" is a person's)
}
_PLACE_TAGS = ("GPE", "LOC", "FAC")
_DETS = ("the", "a", "an", "another", "its", "their")

_OPEN = ("“", '"', "‘", "«")
_CLOSE = ("”", '"', "’", "»")


def mention_spans(doc: Doc, ent: Entity) -> List[Span]:
    """The token spans of an entity's mentions (expanded to whole tokens)."""
    out = []
    for m in ent.mentions:
        sp = doc.char_span(m.start, m.end, alignment_mode="expand")
        if sp is not None and len(sp):
            out.append(sp)
    return out


def beside_nouns(span: Span, describing: bool = False) -> List[Token]:
    """Common nouns set beside a name: apposition either way, a noun right before it, a predicate
    noun ("Ruiz is a nurse"). With ``describing``, only the nouns that say what the name is, with
    their determiner: "Velora, a company", "the company Velora", "Velora is a company" (not "the
    committee, Ana Ruiz", where the name says who the committee's member is)."""
    root, doc = span.root, span.doc
    out = [c for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
    if root.dep_ == "appos" and root.head.pos_ == "NOUN" and not describing:
        out.append(root.head)
    if span.start > 0:
        prev = doc[span.start - 1]
        if prev.pos_ == "NOUN" and prev.text.islower() and (
                not describing or span.start > 1 and doc[span.start - 2].lower_ in _DETS):
            out.append(prev)
    if root.dep_ == "nsubj" and root.head.lemma_ == "be":
        out.extend(c for c in root.head.children if c.dep_ == "attr" and c.pos_ == "NOUN")
    if describing:
        out = [n for n in out if any(c.dep_ == "det" for c in n.children) or n.i == span.start - 1]
    return out


def _aged(span: Span) -> bool:
    """"Ruiz, 54," or "Ruiz (54)": an age right after the name."""
    doc, i = span.doc, span.end
    return i + 2 < len(doc) and doc[i].text in (",", "(") and doc[i + 1].like_num \
        and doc[i + 2].text in (",", ")", ".") and len(doc[i + 1].text) <= 3


def _quoted(span: Span, text: str) -> bool:
    s, e = span.start_char, span.end_char
    return s > 0 and text[s - 1] in _OPEN and e < len(text) and text[e] in _CLOSE


def _prev(span: Span) -> Optional[Token]:
    return span.doc[span.start - 1] if span.start > 0 else None


def _next_word(span: Span) -> Optional[Token]:
    doc, i = span.doc, span.end
    if i < len(doc) and doc[i].tag_ == "POS":
        i += 1
    return doc[i] if i < len(doc) else None


class _Weigh:
    """The strongest evidence for and against a person, with the label the latter argues for;
    ``weights`` says what each kind of evidence weighs (:data:`EVIDENCE_WEIGHTS`)."""

    def __init__(self, weights: Mapping[str, float]):
        self.weights = weights
        self.person = 0.0
        self.against: Tuple[float, str] = (0.0, "")

    def pro(self, kind: str) -> None:
        self.person = max(self.person, self.weights[kind])

    def con(self, kind: str, label: str) -> None:
        w = self.weights[kind]
        if w > self.against[0]:
            self.against = (w, label)


def _name_head(ent: Entity, w: _Weigh, data: PeopleData) -> None:
    words = ent.name.replace("’", "'").split()
    last = words[-1].lower().rstrip(".,") if words else ""
    if len(words) < 2:
        return
    if last in data.org_heads:
        w.con("surname_head" if last in data.surname_heads else "head", "ORG")
    elif last in data.facility_heads:
        w.con("surname_head" if last in data.surname_heads else "head", "FAC")


def _mention(span: Span, text: str, w: _Weigh, data: PeopleData, entity_data: EntityData,
             families: FrozenSet[str]) -> None:
    """Evidence around one mention."""
    prev, nxt = _prev(span), _next_word(span)
    if prev is not None and prev.lower_ in data.all_honorifics:
        w.pro("title")
    for noun in beside_nouns(span):
        lem = noun.lemma_.lower()
        if lem in data.person_nouns or lem in data.all_role_nouns or noun.lower_ in data.all_role_nouns:
            w.pro("role")
    if any(n.lemma_.lower() in data.company_nouns for n in beside_nouns(span, describing=True)):
        w.con("company", "ORG")
    if _aged(span):
        w.pro("role")
    if nxt is not None and nxt.text.islower():
        if nxt.lower_ in data.platform_after:
            w.con("platform", "ORG")
        elif nxt.lower_ in data.company_nouns and prev is not None and prev.lower_ == "the":
            w.con("after", "ORG")
    if prev is not None and prev.lower_ in data.platform_before and len(span) == 1 and (
            prev.head.lemma_.lower() in data.platform_verbs or prev.head.pos_ == "NOUN"):
        w.con("platform", "ORG")   # "posted on Plinkr", "a tour on Plinkr" (not "counting on Ruiz")
    if _quoted(span, text) or prev is not None and prev.lower_ in data.work_nouns:
        w.con("work", "WORK_OF_ART")
    if prev is not None and prev.lower_ in data.place_before and entity_data.places.kind_of(span.text) is not None:
        w.con("place", "GPE")
    if prev is not None and prev.lower_ == "the" and not (
            nxt is not None and nxt.text.islower() and nxt.lower_ in entity_data.person_after):
        w.con("the", "ORG")   # "the Gatekeeper", "the Ardley mall" (not "the Ruiz campaign")
    if prev is not None and prev.lower_ == "the" and span[-1].tag_ == "NNPS" and not (
            len(span) == 1 and span.text.rstrip("s").rstrip("e") in families):
        w.con("the_plural", "ORG")   # "the Westport Herons", "the Reformists": a team or a party (not "the Ruizes")
    root = span.root
    if root.dep_ in ("nsubj", "nsubjpass") and any(
            t.lower_ in ("it", "its") for t in span.doc[root.head.i + 1:root.head.i + 4]):
        w.con("it", "ORG")
    _relative(span, w)
    _listed(span, w, data)


def _relative(span: Span, w: _Weigh) -> None:
    """"Ruiz, who …" is a person; "Plinkr, which …" is not."""
    doc, i = span.doc, span.end
    if i + 1 < len(doc) and doc[i].text == ",":
        if doc[i + 1].lower_ in ("who", "whom", "whose"):
            w.pro("who")
        elif doc[i + 1].lower_ == "which":
            w.con("which", "ORG")


def _listed(span: Span, w: _Weigh, data: PeopleData) -> None:
    """Lists: a name among places ("in Tarrow, Ellin and Sundby"), a place after a town
    ("Tarrow, Vt."), a name among companies ("companies including Velora and Plinkr")."""
    doc, root = span.doc, span.root
    first = root
    while first.dep_ == "conj" and first.head.i < first.i:
        first = first.head
    if first is not root:
        members = [first] + [t for t in first.subtree if t.dep_ == "conj" and t.i != root.i]
        kinds = [t.ent_type_ for t in members if t.ent_type_]
        n_places = sum(k in _PLACE_TAGS for k in kinds)
        if "PERSON" not in kinds and (n_places >= 2 or n_places and len(span) == 1):
            w.con("place", "GPE")
            return
    if first.dep_ == "pobj" and first.head.lower_ in ("including", "like", "as") \
            and first.head.head.lemma_.lower() in data.company_nouns:
        w.con("company", "ORG")
    s, e = span.start, span.end
    if len(span) == 1 and s >= 2 and doc[s - 1].text == "," and doc[s - 2].ent_type_ in _PLACE_TAGS \
            and (e < len(doc) and doc[e].text in (".", ",") or span.text.endswith(".")) \
            and root.dep_ not in ("nsubj", "nsubjpass"):
        w.con("place", "GPE")


def quote_links(quotes: Sequence[Quote], data: PeopleData) -> Tuple[Dict[str, Dict[int, str]], Set[str]]:
    """From the quotes component: entity id -> {offset: gender} of the he/she that the resolver
    made speak for it, and the ids of entities named as a speaker (subject of a speech verb)."""
    pronouns: Dict[str, Dict[int, str]] = {}
    named: Set[str] = set()
    for q in quotes:
        if not q.speaker_entity or q.speaker is None:
            continue
        g = data.gender_of(data.pronouns, q.speaker.text)
        if g:
            pronouns.setdefault(q.speaker_entity, {})[q.speaker.start] = g
        elif q.speaker.text[:1].isupper():
            named.add(q.speaker_entity)
    return pronouns, named


def described_as_company(doc: Doc, entities: Sequence[Entity], data: PeopleData) -> Set[str]:
    """Ids of the entities that "the company" (any company noun after "the") as a subject points back
    to: the one entity named as a subject in that sentence before it, else in the sentence before
    ("Velora said profits rose. The company makes bicycle parts.")."""
    subjects = []   # (start, entity id) of mentions that are a clause's subject
    for ent in entities:
        for span in mention_spans(doc, ent)[:20]:
            if span.root.dep_ in ("nsubj", "nsubjpass"):
                subjects.append((span.start_char, ent.id))
    subjects.sort()
    out: Set[str] = set()
    sents = list(doc.sents)
    for k, sent in enumerate(sents):
        for tok in sent:
            if tok.dep_ not in ("nsubj", "nsubjpass") or tok.lemma_.lower() not in data.company_nouns \
                    or tok.i == 0 or doc[tok.i - 1].lower_ != "the":
                continue
            for lo, hi in ((sent.start_char, tok.idx), (sents[k - 1].start_char if k else 0, sent.start_char)):
                found = {eid for pos, eid in subjects if lo <= pos < hi}
                if found:
                    if len(found) == 1:
                        out |= found
                    break
    return out


def _weigh(doc: Doc, ent: Entity, text: str, data: PeopleData, entity_data: EntityData, weights: Mapping[str, float],
           is_given: Callable[[str], bool], pronouns, named, families: FrozenSet[str] = frozenset()) -> _Weigh:
    w = _Weigh(weights)
    if ent.titles:
        w.pro("title")
    if ent.id in pronouns:
        w.pro("pronoun")
    if ent.id in named:
        w.pro("speech")
    has_given = any(len(m.text.split()) >= 2 and is_given(m.text.split()[0]) for m in ent.mentions)
    if has_given or ent.label_source == "context":   # (the entity step's own evidence: "the Ruiz administration")
        w.pro("given")
    elif " " not in ent.name.strip() and data.given_names.gender(ent.name.strip()):
        w.pro("given_alone")   # "Marilyn": a given name alone is a person's, or a pet's, or a ship's
    _name_head(ent, w, data)
    for span in mention_spans(doc, ent)[:20]:
        _mention(span, text, w, data, entity_data, families)
    return w


def _no_name(doc: Doc, ent: Entity, w: _Weigh, data: PeopleData, is_given: Callable[[str], bool]) -> bool:
    """A PERSON that is no name at all: a title alone ("Cpl"), a description ending in a role noun
    ("Labour MP", "Drummer"), or one capitalised word that only opens a sentence and that
    nothing shows to be a person ("Curious, then, how it ended.")."""
    words = ent.name.split()
    if not words or w.person >= w.weights["title"]:
        return False
    titles = data.titles
    if all(m.text.lower().rstrip(".") in titles or m.text.lower() in titles for m in ent.mentions):
        return True
    if words[-1].lower() in data.person_nouns and not is_given(words[0]) and w.person < w.weights["role"]:
        return True
    if len(words) > 1 or w.person > 0 or is_given(words[0]) or len(ent.mentions) > 1:
        return False
    span = doc.char_span(ent.mentions[0].start, ent.mentions[0].end, alignment_mode="expand")
    return span is not None and (span[0].is_sent_start or span.start == 0) \
        and span.root.dep_ not in ("nsubj", "nsubjpass", "poss")


def check_people(doc: Doc, entities: List[Entity], quotes: Sequence[Quote], data: PeopleData,
                 entity_data: EntityData, is_given: Callable[[str], bool],
                 weights: Mapping[str, float] = EVIDENCE_WEIGHTS) -> Set[str]:
    """Re-decide, in place, every PERSON whose evidence against a person outweighs the evidence for one.

    Returns the ids of the PERSON entities that are no name at all (see :func:`_no_name`)."""
    text = doc.text
    pronouns, named = quote_links(quotes, data)
    companies = described_as_company(doc, entities, data)
    full = {}
    for ent in entities:
        if ent.label == "PERSON" and " " in ent.name.strip():
            full.setdefault(ent.name.split()[-1], ent)
    names = {e.name.split()[-1] for e in entities if e.label == "PERSON" and e.name.strip()}
    families = frozenset(names) | frozenset(f.rstrip("s").rstrip("e") for f in names)
    no_name = set()
    for ent in entities:
        if ent.label != "PERSON":
            continue
        w = _weigh(doc, ent, text, data, entity_data, weights, is_given, pronouns, named, families)
        if " " not in ent.name.strip() and ent.name in full:
            w.pro("family")
        if ent.id in companies:
            w.con("it", "ORG")
        if _no_name(doc, ent, w, data, is_given):
            no_name.add(ent.id)
        elif w.against[0] > w.person:
            ent.label, ent.label_source = w.against[1], "context"
    return no_name
