"""The people step's language data (``models/people.json``) as one typed, read-only object.

:func:`people_data` loads it once per data folder; the stage functions of
:mod:`newskit.nlp.people` take it as an argument, so a caller (or a test) can pass
its own lists.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Dict, FrozenSet, Tuple

from newskit.nlp.resources import load_json, per_models

GENDERS = ("female", "male")


def _low(xs) -> FrozenSet[str]:
    return frozenset(x.lower() for x in xs)


@dataclass(frozen=True)
class PeopleData:
    """Word lists and credit patterns of the people step (see ``models/README.md``)."""

    honorifics: Dict[str, FrozenSet[str]]     # gender -> honorifics ("ms.", "sir")
    role_nouns: Dict[str, FrozenSet[str]]     # gender -> gendered role nouns ("mother", "actor")
    person_nouns: FrozenSet[str]              # role nouns without a gender ("nurse")
    company_nouns: FrozenSet[str]             # "X, a company": an organisation
    org_heads: FrozenSet[str]                 # last word of an organisation's name ("LLP")
    facility_heads: FrozenSet[str]            # last word of a building's or a site's name ("Observatory")
    surname_heads: FrozenSet[str]             # heads that are family names too ("Hall")
    platform_after: FrozenSet[str]            # "X users"
    platform_before: FrozenSet[str]           # "on X"
    platform_verbs: FrozenSet[str]            # "posted on X"
    work_nouns: FrozenSet[str]                # "the film X"
    place_before: FrozenSet[str]              # "in X"
    pronouns: Dict[str, FrozenSet[str]]       # gender -> pronoun forms
    person_heads_after: FrozenSet[str]        # "the Ruiz administration": a person's (entities/lexicon.json)
    credits: Tuple[re.Pattern, ...]           # credit lines, groups name/name2/org

    def gender_of(self, table: Dict[str, FrozenSet[str]], word: str) -> str:
        """"female", "male" or "" for a word of a gendered table."""
        w = word.lower()
        return next((g for g in GENDERS if w in table[g]), "")

    @property
    def all_honorifics(self) -> FrozenSet[str]:
        return self.honorifics["female"] | self.honorifics["male"]

    @property
    def all_role_nouns(self) -> FrozenSet[str]:
        return self.role_nouns["female"] | self.role_nouns["male"]


def from_json(d: dict, person_heads_after=()) -> PeopleData:
    """Build the object from the JSON structure of ``models/people.json`` (and the entity
    lexicon's ``person_heads_after``)."""
    by_gender = lambda key: {g: _low(d[key][g]) for g in GENDERS}  # noqa: E731
    return PeopleData(
        honorifics=by_gender("honorifics"), role_nouns=by_gender("role_nouns"),
        person_nouns=_low(d["person_nouns"]), company_nouns=_low(d["company_nouns"]),
        org_heads=_low(d["org_heads"]), facility_heads=_low(d["facility_heads"]),
        surname_heads=_low(d["surname_heads"]), platform_after=_low(d["platform_after"]),
        platform_before=_low(d["platform_before"]), platform_verbs=_low(d["platform_verbs"]),
        work_nouns=_low(d["work_nouns"]), place_before=_low(d["place_before"]),
        pronouns=by_gender("pronouns"), person_heads_after=_low(person_heads_after),
        credits=tuple(re.compile(p, re.M) for p in d["credits"]),
    )


@per_models
def people_data() -> PeopleData:
    """``models/people.json`` of the data folder in force."""
    return from_json(load_json("en/people/people.json"), load_json("en/entities/lexicon.json")["person_heads_after"])
