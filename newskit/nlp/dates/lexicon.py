"""Dates' language data: the word lists of ``models/dates/lexicon.json``, loaded once.

Job: load and cache the word lists and turn a list into a regex alternation.
Limits: English only; holds no rules of its own.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import FrozenSet

from newskit.nlp.resources import load_json, per_models


def alternation(words) -> str:
    """A regex alternation of the words, longest first; a space matches any white space."""
    return _alt_cached(tuple(words))


@lru_cache(maxsize=64)
def _alt_cached(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


@per_models
def _lex() -> dict:
    cal = load_json("en/document/calendar.json")  # month and weekday names and time zones: shared data
    return {**load_json("en/dates/lexicon.json"), **{k: v for k, v in cal.items() if not k.startswith("_")}}


def capitalised_name(s: str) -> str:
    """A name with its first word capitalised; later words either way ("Christmas eve")."""
    words = s.split()
    out = [re.escape(words[0][:1].upper() + words[0][1:])]
    out += ["[%s%s]%s" % (w[:1].upper(), w[:1].lower(), re.escape(w[1:])) if w[:1].isalpha() else re.escape(w)
            for w in words[1:]]
    return r"\s+".join(out)


@per_models
def _lex_set(key: str) -> FrozenSet[str]:
    """A word list of ``models/dates/lexicon.json`` as a set."""
    return frozenset(_lex()[key])
