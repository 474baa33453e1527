"""Handlers of the date rules for years, months, seasons, holidays and simple sets.

Job: the calendar sums behind the rules of ``models/en/dates/rules.txt`` that name them
(``@month``, ``@month_day``, ``@year``, ``@season``, ``@holiday``, ``@duration``, ...):
which year a bare month, day, season or holiday is in, given the publication date,
the tense and the reference time in :class:`~.anchoring.Ctx`.
Limits: Western Easter only; winter belongs to the year it starts in.
"""
from __future__ import annotations

import datetime as dt
from typing import Optional

from .anchoring import Ctx, Result, day_year, month_year
from .arithmetic import Anchor, add_days, calendar_date, holiday_date, iso_duration, timex_value
from .lexicon import number_value

__all__ = ["YEAR_HANDLERS"]


# --------------------------------------------------------------------------- handlers: sets, years

def _duration(ctx: Ctx, typ: str, n, ucode: str) -> Result:
    return typ, iso_duration(None if n == "X" else n, ucode), None


def _every_n(ctx: Ctx, typ: str, count: str, ucode: str) -> Optional[Result]:
    """"every two weeks", "every four years": a set with that period."""
    n = number_value(count, ctx.data.lex)
    return (typ, iso_duration(n, ucode), None) if n else None


def _part_set(ctx: Ctx, typ: str, code: str) -> Optional[Result]:
    return (typ, f"XXXX-XX-XXT{code}", None) if len(code) == 2 else None


def _spelled_year(ctx: Ctx, typ: str, base: int, rest: Optional[str]) -> Optional[Result]:
    n = number_value(rest, ctx.data.lex) if rest else 0
    if n is None or n >= 100 or n != int(n):
        return None
    a = Anchor("Y", calendar_date(base + int(n), 1, 1))
    return typ, timex_value(a), a


def _century(ctx: Ctx, typ: str, n: str) -> Result:
    return typ, "%02d" % (int(n) - 1), None


def _year_end(ctx: Ctx, typ: str, rel: Optional[str]) -> Result:
    if ctx.dct is None:
        return typ, None, None
    return typ, f"{ctx.dct.year + {'last': -1, 'next': 1}.get(rel or '', 0):04d}", None


def _ymd(ctx: Ctx, typ: str, y: str, m: str, d: str) -> Optional[Result]:
    try:
        a = Anchor("D", calendar_date(int(y), int(m), int(d)))
    except ValueError:
        return None
    return typ, timex_value(a), a


def _numeric_date(ctx: Ctx, typ: str, a: str, b: str, y: str) -> Optional[Result]:
    year = int(y)
    if year < 100:
        year += 1900 if year >= 50 else 2000
    mo, da = int(a), int(b)
    if mo > 12 >= da:  # day first (15/08/2021)
        mo, da = da, mo
    return _ymd(ctx, typ, str(year), str(mo), str(da))


# --------------------------------------------------------------------------- handlers: calendar

def _month_day(ctx: Ctx, typ: str, mon: int, day: str, year: Optional[str], rel: Optional[str]) -> Optional[Result]:
    if rel in ("last", "next"):
        ctx.tense = "past" if rel == "last" else "future"
    day_n = int(day)
    y = int(year) if year else day_year(mon, day_n, ctx)
    if y is None:
        return typ, None, None
    try:
        d = calendar_date(y, mon, day_n)
        if rel and ctx.dct is not None and not year:
            if rel == "next" and d <= ctx.dct:
                d = calendar_date(y + 1, mon, day_n)
            elif rel == "last" and d >= ctx.dct:
                d = calendar_date(y - 1, mon, day_n)
    except ValueError:
        return None
    a = Anchor("D", d)
    return typ, timex_value(a), a


def _month_day_words(ctx: Ctx, typ: str, mon: Optional[int], day: Optional[int], mon2: Optional[int],
                     day2: Optional[int], year: Optional[str], rel: Optional[str]) -> Optional[Result]:
    """"March eighth", "the fifth of May": a day of the month said as an ordinal word."""
    return _month_day(ctx, typ, mon or mon2, str(day or day2), year, rel)


def _month(ctx: Ctx, typ: str, mon: int, year: Optional[str], rel: Optional[str]) -> Result:
    dct = ctx.dct
    if year:
        y = int(year)
    elif rel and dct:
        y = dct.year
        # "last February" read in March is the one a year before, not last month
        if rel == "last" and mon >= dct.month - 1:
            y -= 1
        elif rel == "next" and mon <= dct.month:
            y += 1
    elif rel == "that" and ctx.ref:
        y = ctx.ref.day.year
    else:
        y = month_year(mon, ctx)
    if y is None:
        return typ, None, None
    a = Anchor("M", calendar_date(y, mon, 1))
    return typ, timex_value(a), a


def _year(ctx: Ctx, typ: str, year: str, part: Optional[str], q: Optional[int], half: Optional[str]) -> Result:
    y = int(year)
    ref = ctx.ref
    if half:
        a = Anchor("HALF", calendar_date(y, 1 if half == "first" else 7, 1))
    elif q:
        a = Anchor("Q", calendar_date(y, 3 * q - 2, 1))
    elif part == "quarter" and ref and ref.gran == "Q":  # "the 2020 quarter": the one just named
        a = Anchor("Q", calendar_date(y, (ref.day.month - 1) // 3 * 3 + 1, 1))
    elif part == "quarter":
        return typ, f"{y}-QX", Anchor("Y", calendar_date(y, 1, 1))
    elif part == "period" and ref and ref.gran == "Q":
        a = Anchor("Q", calendar_date(y, ref.day.month, 1))
    else:
        a = Anchor("Y", calendar_date(y, 1, 1))
    return typ, timex_value(a), a


def _decade(ctx: Ctx, typ: str, dec: Optional[str], short: Optional[str]) -> Result:
    if dec:
        return typ, dec, None
    d = int(short)
    dct = ctx.dct
    cent = 19 if d >= 3 or dct is None or dct.year < 2000 + d * 10 else 20
    return typ, f"{cent}{d}", None


def _season(ctx: Ctx, typ: str, code: str, year: Optional[str], rel: Optional[str]) -> Optional[Result]:
    if rel is None and ctx.core != ctx.full:
        rel = "the"  # "early summer": the modifier made it a season of a year
    if not (rel or year or ctx.prev in ctx.data.lex.season_prev_words):
        return None
    dct = ctx.dct
    if year:
        y = int(year)
    elif rel == "that" and ctx.ref:
        y = ctx.ref.day.year
    elif dct:
        y = _season_year(code, rel, ctx)
    else:
        return typ, None, None
    a = Anchor("SEASON", calendar_date(y, 1, 1), code)
    return typ, timex_value(a), a


def _season_year(code: str, rel: Optional[str], ctx: Ctx) -> int:
    dct = ctx.dct
    y = dct.year
    start, end = ctx.data.lex.season_months[code]
    mo = dct.month
    in_season = (start <= mo <= end) if start < end else (mo >= start or mo <= end)
    if code == "WI" and mo <= end:
        y -= 1  # winter belongs to the year it starts in
    if rel == "last" and (in_season or mo < start):
        y -= 1
    elif rel == "next" and (in_season or mo > start):
        y += 1
    elif rel in ("the", None) and ctx.tense == "past" and mo < start and code != "WI":
        y -= 1
    return y


def _holiday(ctx: Ctx, typ: str, spec: str, year: Optional[str], rel: Optional[str]) -> Result:
    dct = ctx.dct
    if year:
        return _holiday_result(typ, spec, holiday_date(spec, int(year)))
    if dct is None:
        return typ, None, None
    y = dct.year
    d = holiday_date(spec, y)
    if (rel == "last" or (rel is None and ctx.tense == "past")) and d > dct:
        d = holiday_date(spec, y - 1)
    elif (rel == "next" or (rel is None and ctx.tense == "future")) and \
            add_days(d, 6 if spec == "EAW" else 0) < dct:
        d = holiday_date(spec, y + 1)
    elif rel is None and ctx.tense in (None, "near", "defer", "present"):
        # no tense: the nearest one
        d = min((holiday_date(spec, y + k) for k in (-1, 0, 1)), key=lambda x: abs((x - dct).days))
    return _holiday_result(typ, spec, d)


def _holiday_result(typ: str, spec: str, d: dt.date) -> Result:
    a = Anchor("W" if spec == "EAW" else "D", d)
    return typ, timex_value(a), a


# The handlers of this module by the name a rule of rules.txt gives them (``@name(...)``).
YEAR_HANDLERS = {
    "duration": _duration,
    "every_n": _every_n,
    "part_set": _part_set,
    "spelled_year": _spelled_year,
    "century": _century,
    "year_end": _year_end,
    "ymd": _ymd,
    "numeric_date": _numeric_date,
    "month_day": _month_day,
    "month_day_words": _month_day_words,
    "month": _month,
    "year": _year,
    "decade": _decade,
    "season": _season,
    "holiday": _holiday,
}
