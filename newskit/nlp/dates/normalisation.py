"""Normalisation: the TIMEX3 type and value of one expression.

Job: clean a found expression and run the rules of ``models/en/dates/rules.txt`` over it
(:mod:`.rules`, with the handlers of the data's handler table, :mod:`.handlers`); an
expression with a month name that no rule values goes to dateparser.
Only "this is not a date" is a normal outcome (a rule valued ``NONE``, no rule matching, a
handler returning None, or :class:`~.arithmetic.NotADate` from a calendar sum outside
years 1..9999); any other error of a handler or of the data is raised.
Limits: English only; one value per expression; time zones are dropped.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Optional, Tuple

from . import rules
from .anchoring import DEFAULT_SETTINGS, Ctx, Result, Settings
from .arithmetic import Anchor, NotADate, timex_value
from .lexicon import number_value

__all__ = ["clean", "normalise", "value_of"]

_DATEPARSER_MEMO = 4096  # dateparser answers kept per data object (a memo, not data: any size gives the same output)


def clean(text: str, data) -> str:
    """Lower case, one space, no trailing punctuation or possessive, "p.m." as "pm", and
    a year in words inside a longer expression as digits ("May nineteen ninety" → "may 1990")."""
    t = text.lower().strip()
    spelled = data.named["SPELLED_YEAR_IN"]
    if " " in t and spelled.search(t) and not spelled.fullmatch(t):
        t = spelled.sub(lambda m: str(1900 + int(number_value(m.group(1), data.lex) or 0)), t)
    t = " ".join(t.split())
    for step in data.program.clean:
        t = step.rx.sub(step.repl, t)
    return t


def normalise(text: str, published=None, tense: Optional[str] = None, ref: Optional[Anchor] = None,
              prev: str = "", next: str = "", settings: Settings = DEFAULT_SETTINGS, *, data
              ) -> Optional[Tuple[str, Optional[str]]]:
    """TIMEX3 ``(type, value)`` of one temporal expression, or None if it is not one.

    ``published`` is the anchor (``date`` or ``YYYY-MM-DD``); ``tense`` ("past"/"future")
    decides weekdays and bare months; ``ref`` is the last anchored date for anaphora;
    ``data`` is the :class:`~newskit.nlp.dates.data.DateData` (``DateData.load()``).
    """
    if isinstance(published, str):
        published = dt.date.fromisoformat(published) if published else None
    r = value_of(text, Ctx(data, published, tense, ref, prev, next, settings))
    return (r[0], r[1]) if r else None


def value_of(text: str, ctx: Ctx) -> Optional[Result]:
    """``(type, value, anchor)`` of one expression in its context, or None when it is no date."""
    t = clean(text, ctx.data)
    if not t:
        return None
    ctx.full = ctx.core = t
    try:
        r = rules.run(t, ctx)
    except NotADate:
        return None
    if r is None and ctx.settings.dateparser_fallback and ctx.core and any(c.isdigit() for c in ctx.core):
        return _dp_parse(ctx.core, ctx)
    return r


def _dp_parse(text: str, ctx: Ctx) -> Optional[Result]:
    """dateparser fallback for an expression with a month name (and a year or a publication date)."""
    data, dct = ctx.data, ctx.dct
    if not set(re.findall(r"[a-z]+", text)) & set(data.lex.months):
        return None
    d = _dp_memo(text, dct.isoformat() if dct else None, data.dateparser_memo)
    year = data.named["YEAR_NUM"]
    if d is None or (dct is None and not year.search(text)):
        return None
    has_day = bool(data.named["DAY_OF_MONTH"].search(year.sub("", text)))
    a = Anchor("D" if has_day else "M", d)
    return "DATE", timex_value(a), a


def _dp_memo(text: str, dct: Optional[str], memo: dict) -> Optional[dt.date]:
    key = (text, dct)
    if key not in memo:
        if len(memo) >= _DATEPARSER_MEMO:
            memo.clear()
        memo[key] = _dateparser(text, dct)
    return memo[key]


def _dateparser(text: str, dct: Optional[str]) -> Optional[dt.date]:
    try:
        import dateparser
    except ImportError:  # pragma: no cover
        return None
    settings = {"PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False}
    if dct:
        settings["RELATIVE_BASE"] = dt.datetime.fromisoformat(dct)
    try:
        r = dateparser.parse(text, languages=["en"], settings=settings)
    except Exception:  # dateparser raises on odd input (a third-party parser: its failure is "no date")
        return None
    return r.date() if r else None
