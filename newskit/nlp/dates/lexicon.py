"""Dates' word lists, typed: ``models/en/dates/lexicon.json`` plus the shared calendar names.

Job: :class:`Lexicon` holds every word list of ``lexicon.json`` as a field (a dict maps a
word to what it means, a tuple keeps the file's order, a frozenset is only asked
"is this word in it"), with the month and weekday names and time zones of the shared
:class:`~newskit.nlp.data.DocumentData`; what number a count phrase says; and the regex
alternation of a word list.
Limits: English only; a key of the file that is no field (or a field the file lacks) is an
error when the file is read, not a silent miss later.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, fields
from typing import Any, Dict, FrozenSet, List, Mapping, Optional, Tuple

from newskit.nlp.data import DocumentData, entries

__all__ = ["Lexicon", "alternation", "capitalised_name", "number_value", "unit_code"]


@dataclass(frozen=True)
class Lexicon:
    """The word lists of the dates component (see ``models/README.md`` for each key)."""

    # shared calendar names (DocumentData: ``document/calendar.json``)
    months: Mapping[str, int]
    weekdays: Mapping[str, int]
    time_zones: Tuple[str, ...]
    # lexicon.json
    seasons: Mapping[str, str]
    season_months: Mapping[str, List[int]]
    parts_of_day: Mapping[str, str]
    units: Mapping[str, str]
    numbers: Mapping[str, float]
    day_ordinals: Mapping[str, int]
    number_scales: Mapping[str, int]
    vague_numbers: Tuple[str, ...]
    count_determiners: Tuple[str, ...]
    vague_determiners: Tuple[str, ...]
    ordinals: Mapping[str, int]
    modifiers: Tuple[str, ...]
    set_adverbs: Mapping[str, str]
    present_ref: Tuple[str, ...]
    past_ref: Tuple[str, ...]
    future_ref: Tuple[str, ...]
    holidays: Mapping[str, str]
    plural_duration_cues: Tuple[str, ...]
    future_cue_words: FrozenSet[str]
    future_cue_preps: Tuple[str, ...]
    some_day_modals: Tuple[str, ...]
    some_day_subjects: Tuple[str, ...]
    extra_triggers: Tuple[str, ...]
    not_triggers: FrozenSet[str]
    forced_triggers: FrozenSet[str]
    decade_words: Mapping[str, int]
    generic_after_today: Tuple[str, ...]
    future_cue_phrases: Tuple[str, ...]
    reporting_verbs: FrozenSet[str]
    same_form_past_verbs: FrozenSet[str]
    range_connectors: Tuple[str, ...]
    reschedule_stems: Tuple[str, ...]
    deferral_verbs: FrozenSet[str]
    infinitive_future_cues: FrozenSet[str]
    deictic_days: Mapping[str, int]
    season_prev_words: Tuple[str, ...]
    year_prev_words: FrozenSet[str]
    name_entity_labels: FrozenSet[str]
    duration_preps: Tuple[str, ...]
    discourse_subjects: FrozenSet[str]
    duration_leads: Tuple[str, ...]
    not_rate_prev_words: Tuple[str, ...]
    event_name_heads: FrozenSet[str]

    @classmethod
    def from_json(cls, data: Mapping[str, Any], document: DocumentData) -> "Lexicon":
        """The lexicon of a parsed ``lexicon.json`` (documentation keys skipped) and the shared names."""
        raw: Dict[str, Any] = {**entries(data), "months": document.months, "weekdays": document.weekdays,
                               "time_zones": document.time_zones}
        names = [f.name for f in fields(cls)]
        unknown, missing = sorted(set(raw) - set(names)), [n for n in names if n not in raw]
        if unknown or missing:
            raise ValueError(f"dates lexicon: unknown keys {unknown}, missing keys {missing}")
        kinds = {f.name: str(f.type) for f in fields(cls)}
        return cls(**{n: _typed(raw[n], kinds[n]) for n in names})


def _typed(value: Any, kind: str) -> Any:
    if kind.startswith("FrozenSet"):
        return frozenset(value)
    if kind.startswith("Tuple"):
        return tuple(value)
    return dict(value)


def alternation(words) -> str:
    """A regex alternation of the words, longest first; a space matches any white space."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


def capitalised_name(s: str) -> str:
    """A name with its first word capitalised; later words either way ("Christmas eve")."""
    words = s.split()
    out = [re.escape(words[0][:1].upper() + words[0][1:])]
    out += ["[%s%s]%s" % (w[:1].upper(), w[:1].lower(), re.escape(w[1:])) if w[:1].isalpha() else re.escape(w)
            for w in words[1:]]
    return r"\s+".join(out)


def number_value(s: Optional[str], lex: Lexicon) -> Optional[float]:
    """Value of a count phrase; None for vague counts ('several', 'a few')."""
    if s is None:
        return None
    s = s.strip().lower().replace("-", " ")
    nums = lex.numbers
    half = 0.0
    for tail in (" and a half", " 1/2"):
        if s.endswith(tail):
            s, half = s[: -len(tail)], 0.5
    try:
        return float(s.replace(",", "")) + half
    except ValueError:
        pass
    if s in nums:
        return nums[s] + half
    n = _compound_number(s.split(), nums, lex.number_scales)
    return None if n is None else n + half


def _compound_number(words: List[str], nums, scales) -> Optional[float]:
    """A number in words: "twenty five", "two thousand", "a couple of hundred",
    "three hundred and fifty" (None if the words are no number or out of order: "two three")."""
    nums = {**nums, **scales}
    total = current = 0.0
    i = 0
    while i < len(words):
        phrase = next((" ".join(words[i:i + k]) for k in (3, 2, 1) if i + k <= len(words)
                       and " ".join(words[i:i + k]) in nums), None)
        if phrase is None:
            if words[i] != "and" or not current:
                return None
            i += 1
            continue
        n = nums[phrase]
        if phrase in scales:
            current = (current or 1) * n
            if n >= 1000:
                total, current = total + current, 0
        elif not current or (current % 100 == 0 and n < 100) or (current % 10 == 0 and 20 <= current % 100 and n < 10):
            current += n
        else:
            return None
        i += len(phrase.split())
    return total + current or None


def unit_code(word: str, lex: Lexicon) -> Optional[str]:
    """The unit code of a unit word ("weeks" → "W", "fortnight" → "FN"), or None."""
    return lex.units.get(word.replace("-", " "))
