"""The handler table of the date rules: every ``@name(...)`` a rule of ``rules.txt`` may name.

Job: one explicit table, name → function, built from the handler modules (:mod:`.years`,
:mod:`.days`, :mod:`.periods`); :class:`~newskit.nlp.dates.data.DateData` holds it and
checks when it loads that every handler a rule names is in it.
A handler is ``f(ctx, type, *args) -> (type, value, anchor)`` or None ("not a date");
it may raise :class:`~.arithmetic.NotADate` for a day outside the calendar; any other
error is a bug and is raised.
Limits: a name is in at most one module (checked here).
"""
from __future__ import annotations

from types import MappingProxyType
from typing import Callable, Mapping

from .days import DAY_HANDLERS
from .periods import PERIOD_HANDLERS
from .years import YEAR_HANDLERS

__all__ = ["HANDLERS", "Handler"]

Handler = Callable[..., object]


def _table(*parts: Mapping[str, Handler]) -> Mapping[str, Handler]:
    table: dict = {}
    for part in parts:
        twice = set(table) & set(part)
        if twice:
            raise ValueError(f"date handlers named twice: {sorted(twice)}")
        table.update(part)
    return MappingProxyType(table)


HANDLERS: Mapping[str, Handler] = _table(YEAR_HANDLERS, DAY_HANDLERS, PERIOD_HANDLERS)
