"""People: who is a person, who is only credited, and the gender the text presents.

The ``newskit_people`` component runs after the quotes (it reads which he/she the
quote resolver linked to whom, through the quotes' ``speaker`` and
``speaker_entity``) and edits the entities of ``doc._.nk_entities`` in place:

1. credits (:mod:`.credits`): a name seen only in a photo, wire or video credit,
   a byline or an author note gets ``role: "credit"`` and the label ``CREDIT``;
2. evidence (:mod:`.evidence`): a PERSON whose evidence against a person
   (an organisation's or a facility's name, a platform, a work, a place) outweighs
   the evidence for one gets the other label;
3. gender (:mod:`.gender`): ``gender`` and ``gender_source`` of each PERSON
   (off with the component's ``gender`` config, or ``newskit extract --no-gender``,
   which clears it on the records: :mod:`.nogender`).

Language data: ``models/en/people/people.json``, passed in as :class:`.data.PeopleData`, and
the entity step's :class:`~newskit.nlp.entities.data.EntityData` (given names, gazetteer).
Entity ids do not change, so the quotes' ``speaker_entity`` stays valid.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence

from spacy.language import Language
from spacy.tokens import Doc

from newskit.nlp import document, results
from newskit.nlp.components import Component
from newskit.nlp.data import DocumentData, installed_folder
from newskit.nlp.entities import DEFAULT_CONFIG as ENTITIES_CONFIG, EntitiesConfig, EntityData
from newskit.records import Entity, Quote
from .credits import mark_credits
from .data import PeopleData
from .evidence import EVIDENCE_WEIGHTS, check_people, quote_links
from .gender import assign_gender, narrated_pronouns

__all__ = ["find_people", "PeopleData", "PeopleComponent"]

ENTITIES = "newskit_entities"


def _is_given(data: PeopleData, names: EntityData) -> Callable[[str], bool]:
    gender = data.given_names.gender
    return lambda word: bool(gender(word)) or word in names.given


def find_people(doc: Doc, entities: List[Entity], quotes: Sequence[Quote], data: PeopleData, names: EntityData,
                gender: bool = True, weights: Mapping[str, float] = EVIDENCE_WEIGHTS) -> List[Entity]:
    """Credits, person evidence and gender for ``entities`` of ``doc``: the entities, edited in place,
    without those that are no name (ids renumbered; the quotes' ``speaker_entity`` follow).

    ``names`` is the entity step's data: its given names, gazetteer and person words; ``weights``
    what each kind of person evidence weighs (the component's ``evidence`` config)."""
    text = document.text(doc)
    is_given = _is_given(data, names)
    mark_credits(entities, text, data, is_given)
    no_name = check_people(doc, entities, quotes, data, names, is_given, weights)
    entities = _drop(doc, entities, quotes, no_name)
    if gender:
        pronouns, _ = quote_links(quotes, data)
        for eid, links in narrated_pronouns(doc, entities, quotes, data).items():
            pronouns[eid] = {**links, **pronouns.get(eid, {})}
        assign_gender(doc, entities, data, {k: list(v.values()) for k, v in pronouns.items()})
    return entities


def _drop(doc: Doc, entities: List[Entity], quotes: Sequence[Quote], ids) -> List[Entity]:
    """Remove the entities that are no name (unless a quote names one as its speaker), number
    the rest E1.. again, and keep the quotes' ``speaker_entity`` and the span index in step."""
    ids = set(ids) - {q.speaker_entity for q in quotes}
    if not ids:
        return entities
    kept = [e for e in entities if e.id not in ids]
    new_id = {e.id: f"E{k + 1}" for k, e in enumerate(kept)}
    for e in kept:
        e.id = new_id[e.id]
    for q in quotes:
        if q.speaker_entity:
            q.speaker_entity = new_id.get(q.speaker_entity, q.speaker_entity)
    return kept


class PeopleComponent(Component):
    """``newskit_people``: credits, person evidence and gender on ``doc._.nk_entities``."""

    folder = "people"

    def __init__(self, nlp: Language, name: str, cfg: Dict[str, Any]):
        super().__init__(nlp, name, cfg)
        self.gender = bool(cfg["gender"])
        self.weights = {**EVIDENCE_WEIGHTS, **cfg.get("evidence", {})}
        self._names: Optional[EntityData] = None

    def load_data(self, folder: Path, document: DocumentData) -> PeopleData:
        return PeopleData.load(folder, document)

    def entity_data(self) -> EntityData:
        """The entity step's data: the pipeline's ``newskit_entities`` component's (the installed
        copy, with its default config, in a pipeline without one)."""
        if ENTITIES in self.nlp.component_names:
            return self.nlp.get_pipe(ENTITIES).data
        if self._names is None:
            self._names = EntityData.load(installed_folder("entities"), self.document(),
                                          EntitiesConfig.from_cfg(ENTITIES_CONFIG))
        return self._names

    def __call__(self, doc: Doc) -> Doc:
        ents = results.entities(doc)
        if ents:
            quotes = results.quotes(doc)  # typed copies: the step edits them, then they are stored
            doc._.nk_entities = find_people(doc, ents, quotes, self.data, self.entity_data(), self.gender,
                                             self.weights)
            doc._.nk_quotes = quotes  # a dropped entity renumbers the speakers' entity ids
        return doc


@Language.factory(
    "newskit_people",
    assigns=["doc._.nk_entities", "doc._.nk_quotes"],
    requires=["doc._.nk_entities", "doc._.nk_quotes"],
    default_config={"gender": True, "evidence": EVIDENCE_WEIGHTS},
)
def make_people(nlp: Language, name: str, gender: bool, evidence: Dict[str, float]) -> PeopleComponent:
    """The ``newskit_people`` component: credits, person evidence and gender on ``doc._.nk_entities``."""
    return PeopleComponent(nlp, name, {"gender": gender, "evidence": dict(evidence)})
