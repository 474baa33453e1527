"""The people step's language data (``models/en/people/people.json``) as one typed, read-only object.

:meth:`PeopleData.load` reads it (the ``newskit_people`` component does, once, and keeps
it); the stage functions of :mod:`newskit.nlp.people` take it as an argument, so a caller
(or a test) can pass its own lists. Titles and given-name gender come from the shared
:class:`~newskit.nlp.data.DocumentData`; the given-name list, the gazetteer and the words
after a person's name ("the Ruiz administration") are the entity step's
(:class:`~newskit.nlp.entities.data.EntityData`), passed beside it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, FrozenSet, Tuple

from newskit.nlp.data import DocumentData, lowered as _low, read_json
from newskit.nlp.givennames import GivenNames

__all__ = ["GENDERS", "PeopleData"]

GENDERS = ("female", "male")


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
    credits: Tuple[re.Pattern, ...]           # credit lines, groups name/name2/org
    titles: FrozenSet[str]                    # titles, lower case (shared: document/titles.txt)
    given_names: GivenNames                   # given-name gender (shared: gender-guesser)

    @classmethod
    def load(cls, folder: Path, document: DocumentData) -> "PeopleData":
        """Read a ``people`` folder; titles and given-name gender from the shared ``document`` data."""
        d = read_json(Path(folder) / "people.json")
        by_gender = lambda key: {g: _low(d[key][g]) for g in GENDERS}  # noqa: E731
        return cls(
            honorifics=by_gender("honorifics"), role_nouns=by_gender("role_nouns"),
            person_nouns=_low(d["person_nouns"]), company_nouns=_low(d["company_nouns"]),
            org_heads=_low(d["org_heads"]), facility_heads=_low(d["facility_heads"]),
            surname_heads=_low(d["surname_heads"]), platform_after=_low(d["platform_after"]),
            platform_before=_low(d["platform_before"]), platform_verbs=_low(d["platform_verbs"]),
            work_nouns=_low(d["work_nouns"]), place_before=_low(d["place_before"]),
            pronouns=by_gender("pronouns"), credits=tuple(re.compile(p, re.M) for p in d["credits"]),
            titles=frozenset(document.titles), given_names=document.given_names,
        )

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
