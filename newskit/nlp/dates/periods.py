"""Handlers of the date rules for reporting periods, relative units, offsets and durations.

Job: the calendar sums behind the rules of ``models/en/dates/rules.txt`` that name them
(``@quarter``, ``@relative_unit``, ``@offset``, ``@count_duration``, ...): which quarter,
half or stretch an expression means, given the publication date and the reference time
in :class:`~.anchoring.Ctx`.
Limits: fiscal years are calendar years; a quarter without a year is the publication
year's unless it has not begun; vague counts ("several days") give ``X`` values.
"""
from __future__ import annotations

import datetime as dt
from typing import Optional

from .anchoring import Ctx, Result, is_recent
from .arithmetic import TIME_UNITS, Anchor, add_days, add_months, calendar_date, iso_duration, shift, timex_value
from .days import at_time, day_of, part_code
from .lexicon import number_value, unit_code

__all__ = ["PERIOD_HANDLERS"]

_REL_YEAR = {"this": 0, "last": -1, "next": 1}
_YEARS_IN = {"DE": 10, "CE": 100}


# --------------------------------------------------------------------------- reporting periods

def _period_ref(ctx: Ctx) -> Optional[Anchor]:
    """The quarter a comparison is about: the last one named (if it is the current
    reporting period, not a future or a year-old one), else the last completed one."""
    ref = ctx.ref
    if ref is not None and ref.gran in ("Q", "HALF") and is_recent(ref, ctx):
        return ref
    if ctx.dct is not None:
        return Anchor("Q", shift(ctx.dct, "Q", -1))
    return None


def _year_ago_period(ctx: Ctx, typ: str, base: str, what: str) -> Result:
    qref = _period_ref(ctx)
    if base[0].isdigit():
        y = int(base)
    elif qref is None:
        return typ, None, None
    else:
        y = qref.day.year - 1
    if what in ("first half", "second half"):
        return typ, timex_value(Anchor("HALF", calendar_date(y, 1 if what.startswith("first") else 7, 1))), None
    if qref is not None:
        return typ, timex_value(Anchor(qref.gran, calendar_date(y, qref.day.month, 1))), None
    return typ, f"{y:04d}", None


def _part_of_relative_year(ctx: Ctx, typ: str, rel: str, nth: str, what: str) -> Result:
    if ctx.dct is None:
        return typ, None, None
    y = ctx.dct.year + _REL_YEAR[rel]
    half = what == "half"
    n = ctx.data.lex.ordinals.get(nth, 2 if half else 4)
    a = Anchor("HALF" if half else "Q", calendar_date(y, (6 if half else 3) * (n - 1) + 1, 1))
    return typ, timex_value(a), a


def _period_a_year_ago(ctx: Ctx, typ: str, what: str) -> Result:
    ref, dct = ctx.ref, ctx.dct
    if ref is not None and ref.gran in ("Q", "HALF") and what in ("quarter", "period"):
        base = ref
    elif dct is not None:
        g = {"quarter": "Q", "period": "Q", "year": "Y", "month": "M"}[what]
        base = Anchor(g, shift(dct, g, -1) if g != "Y" else dct)
    else:
        return typ, None, None
    return typ, timex_value(Anchor(base.gran, shift(base.day, "Y", -1))), None


def _latest_period(ctx: Ctx, typ: str) -> Result:
    if ctx.ref is not None and ctx.ref.gran in ("Q", "HALF"):
        return typ, timex_value(ctx.ref), None
    if ctx.dct is None:
        return typ, None, None
    return typ, timex_value(Anchor("Q", shift(ctx.dct, "Q", -1))), None


def _fiscal_year(ctx: Ctx, typ: str, rel: Optional[str]) -> Result:
    if ctx.dct is None:
        return typ, None, None
    step = {"latest": -1, "previous": -1, "prior": -1, "past": -1, "next": 1, "coming": 1}.get(rel or "", 0)
    return typ, f"{ctx.dct.year + step:04d}", None


def _month_of_relative_year(ctx: Ctx, typ: str, mon: int, rel: str) -> Result:
    if ctx.dct is None:
        return typ, None, None
    a = Anchor("M", calendar_date(ctx.dct.year + _REL_YEAR[rel], mon, 1))
    return typ, timex_value(a), a


def _earlier_in(ctx: Ctx, typ: str, ucode: str) -> Result:
    base = ctx.refday or ctx.dct
    if base is None:
        return typ, None, None
    return typ, timex_value(Anchor(ucode, base)), None


# --------------------------------------------------------------------------- quarters and halves

def _quarter(ctx: Ctx, typ: str, y1: Optional[str], mods: str, what: str, plural: Optional[str],
             y2: Optional[str]) -> Optional[Result]:
    """"the third quarter", "the latest quarter", "the first half of 2020", "third quarters"."""
    if not (mods or y1 or y2 or ctx.full.startswith("the ")):
        return None
    words = [w for w in mods.replace("-", " ").split() if w]
    half = what == "half"
    gran = "HALF" if half else "Q"
    year = y1 or y2
    n = None
    for w in words:
        n = ctx.data.lex.ordinals.get(w, n)
    if plural and not year:
        return ("SET", f"XXXX-Q{n}", None) if n else None  # "recent quarters": a vague duration, below
    ago = "year earlier" in " ".join(words) or "year ago" in " ".join(words)
    if half and n is None and "last" in words and year:
        n = 2
    base = _nth_period(n, half, year, ctx) if n is not None else _named_period(words, gran, ctx)
    if base is None:
        return typ, None, None
    if ago:
        base = shift(base, "Y", -1)
    a = Anchor(gran, base)
    return typ, timex_value(a), (a if not ago else None)


def _nth_period(n: int, half: bool, year: Optional[str], ctx: Ctx) -> Optional[dt.date]:
    dct = ctx.dct
    if year:
        y = int(year)
    elif dct is None and ctx.ref is not None:
        y = ctx.ref.day.year
    elif dct:
        y = dct.year
        cur = (dct.month - 1) // (6 if half else 3) + 1
        if n > cur and ctx.tense != "future":
            y -= 1
    else:
        return None
    return calendar_date(y, (6 if half else 3) * (n - 1) + 1, 1)


def _named_period(words, gran: str, ctx: Ctx) -> Optional[dt.date]:
    """"the next quarter", "the current half", "the latest quarter", "the quarter"."""
    dct, ref = ctx.dct, ctx.ref
    if "next" in words:
        return shift(dct, gran, 1) if dct else None
    if "current" in words or "this" in words:
        return dct
    if "latest" in words and dct is not None:
        return shift(dct, gran, -1)
    if ref is not None and ref.gran == gran:
        return ref.day
    if dct is not None:
        return shift(dct, gran, -1)
    return None


# --------------------------------------------------------------------------- this/last/next unit

_UNIT_GRAN = {"D": "D", "W": "W", "WE": "W", "M": "M", "Q": "Q", "Y": "Y", "DE": "DE", "CE": "CE"}


def _unit_is_duration(rel: str, unit: str, ctx: Ctx) -> bool:
    """"the whole week", "for the year", "the year ended June 30", "over the next decade":
    a stretch, not a date ("in the next decade" locates one: a date)."""
    if rel in ("the whole", "the entire", "the past", "the coming"):
        return True
    if unit in ("decade", "century") and ctx.prev in ctx.data.lex.duration_preps:
        return True
    if rel != "the":
        return False
    return (unit not in ("year", "week", "month", "weekend")
            or (unit not in ("weekend", "year") and ctx.prev in ("for", "over", "throughout"))
            or ctx.next in ("ended", "ending"))


def _unit_base(rel: str, ctx: Ctx, unit: str):
    """(base day, step) of "this/last/next/the same ... unit"."""
    dct, ref = ctx.dct, ctx.ref
    if rel in ("this", "the current", "the"):
        if rel == "the" and ref is not None and ref.gran in ("Y", "M", "W", "D", "Q") and unit == "year":
            return ref.day, 0
        return dct, 0
    if rel in ("last", "the previous", "the preceding", "the prior", "the last"):
        return (ref.day if rel not in ("last", "the last") and ref is not None else dct), -1
    if rel in ("next", "the next", "the following"):
        return (ref.day if rel != "next" and ref is not None else dct), 1
    if rel == "the latest":
        return dct, 0
    return (ref.day if ref else dct), 0  # that, that same, the same


def _unknown_part_of_ref(rel: str, gran: str, ref: Optional[Anchor]) -> Optional[str]:
    """"that same day" after "last October": some day of that month, which one unsaid (1998-10-XX);
    "that day" after "in 1998" is 1998-XX-XX, "that month" after a year 1998-XX."""
    if rel not in ("that", "that same", "the same") or ref is None:
        return None
    y, m = ref.day.year, ref.day.month
    if gran == "D" and ref.gran == "M":
        return f"{y}-{m:02d}-XX"
    if gran == "D" and ref.gran == "Y":
        return f"{y}-XX-XX"
    if gran == "M" and ref.gran == "Y":
        return f"{y}-XX"
    return None


def _relative_unit(ctx: Ctx, typ: str, rel: str, unit: str) -> Optional[Result]:
    ucode = unit_code(unit, ctx.data.lex)
    if _unit_is_duration(rel, unit, ctx):
        return "DURATION", iso_duration(1, ucode), None
    base, step = _unit_base(rel, ctx, unit)
    if base is None:
        return typ, None, None
    g = _UNIT_GRAN[ucode]
    part_of_ref = _unknown_part_of_ref(rel, g, ctx.ref)
    if part_of_ref:
        return typ, part_of_ref, None
    if g == "DE":
        return typ, f"{add_months(base, 120 * step).year // 10:03d}", None
    if g == "CE":
        return typ, f"{add_months(base, 1200 * step).year // 100:02d}", None
    d = shift(base, g, step)
    if d is None:
        return None
    if unit == "weekend":
        if step == 0 and base is ctx.dct and base.isoweekday() < 6 and ctx.tense != "future":
            d = add_days(base, -7)  # "the weekend" read on a weekday: the one just past
        return typ, timex_value(Anchor("W", d)) + "-WE", None
    a = Anchor(g, d)
    return typ, timex_value(a), a


# --------------------------------------------------------------------------- offsets

def _offset(ctx: Ctx, typ: str, count: str, ucode: str, direction: str) -> Optional[Result]:
    """"two weeks ago", "three days later", "a year earlier", "in 10 days from now"."""
    n = number_value(count, ctx.data.lex)
    sign = -1 if direction in ("ago", "earlier", "before", "before that") else 1
    anaph = direction not in ("ago", "from now", "hence")
    if ucode in TIME_UNITS:
        return "DURATION", iso_duration(n, ucode), None
    if n is None:
        if anaph:  # "a few days later": a vague stretch after the last date
            return "DURATION", iso_duration(None, ucode), None
        return typ, "PAST_REF" if sign < 0 else "FUTURE_REF", None
    ref = ctx.ref
    base = (ref.day if ref is not None else ctx.dct) if anaph else ctx.dct
    if base is None:
        return typ, None, None
    g = {"DE": "Y", "CE": "Y"}.get(ucode, ucode)
    mult = _YEARS_IN.get(ucode, 1)
    gran = g
    if ucode == "Y" and n == 1 and ref is not None and ref.gran == "Q":
        base, gran = ref.day, "Q"  # "a year ago/earlier" in a quarterly report compares quarters
    if ucode == "Y" and anaph and ref is not None and ref.gran in ("D", "M"):
        gran = "Y"
    if ucode == "W" and anaph and ref is not None and ref.gran == "D":
        gran = "D"  # "a week later" than a given day is a day
    d = shift(base, g, sign * n * mult)
    if d is None:
        return None
    a = Anchor(gran, d)
    # only day-level offsets move the reference time ("two days later ... a day after that")
    return typ, timex_value(a), (a if gran in ("D", "W") else None)


def _unit_before_after(ctx: Ctx, typ: str, unit: str, direction: str) -> Result:
    base = ctx.ref.day if ctx.ref is not None else ctx.dct
    if base is None:
        return typ, None, None
    step = -1 if direction in ("before", "earlier") else 1
    if unit in ("night", "morning", "evening"):
        return at_time(add_days(base, step), part_code(unit, ctx))
    g = unit_code(unit, ctx.data.lex)
    a = Anchor(g, shift(base, g, step))
    return typ, timex_value(a), a


def _week_of(ctx: Ctx, typ: str, day: str) -> Optional[Result]:
    """"the week of March 6": the ISO week of that day."""
    d = day_of(day, ctx)
    if d is None:
        return None
    return typ, timex_value(Anchor("W", d)), Anchor("W", d)


def _year_earlier_adj(ctx: Ctx, typ: str) -> Result:
    ref, dct = ctx.ref, ctx.dct
    base = ref if ref is not None and is_recent(ref, ctx) else (Anchor("Y", dct) if dct else ref)
    if base is None:
        return typ, None, None
    a = Anchor(base.gran if base.gran in ("Q", "Y", "M", "HALF") else "Y", shift(base.day, "Y", -1))
    return typ, timex_value(a), None


# --------------------------------------------------------------------------- durations

def _one_more_unit(ctx: Ctx, typ: str, ucode: str) -> Optional[Result]:
    """"an additional year", "a full month": one unit (a bare "year" is not an expression)."""
    if ctx.full != ctx.core and ctx.data.named["MORE_UNIT_LEAD"].match(ctx.full):
        return typ, iso_duration(1, ucode), None
    return None


def _count_duration(ctx: Ctx, typ: str, lead: Optional[str], count: str, unit: str,
                    tail: Optional[str]) -> Optional[Result]:
    """"three years", "the past two months", "a two-year", "several weeks", "the next 10 days"."""
    lex = ctx.data.lex
    count = count.strip()
    if tail == "and a half" and number_value(count, ctx.data.lex) is not None:
        count = str(number_value(count, ctx.data.lex) + 0.5)
    if lead is None and count.split()[-1:] and count.split()[-1] in lex.duration_leads and len(count.split()) <= 2:
        lead, count = count.split()[-1], ""  # "the first hours", "the past weeks"
    ucode = unit_code(unit, ctx.data.lex)
    if ucode is None:
        return None
    if count in ("", "the"):
        return _unit_without_count(ctx, typ, lead, unit, ucode)
    n = number_value(count, ctx.data.lex)
    if n is None:
        return _vague_count(typ, count, ucode, lex)
    # "in three days" said of the future: a date counted from the publication date
    if ctx.prev == "in" and ctx.tense == "future" and ctx.dct is not None and lead is None \
            and ucode in ("D", "W", "M", "Y") and n == int(n):
        d = shift(ctx.dct, ucode, int(n))
        if d is not None:
            a = Anchor(ucode, d)
            return "DATE", timex_value(a), a
    # a price or quantity "a year": "$5 a year" is a rate
    if count in ("a", "an") and (ctx.data.named["RATE_BEFORE"].fullmatch(ctx.prev or "-") or (
            ctx.prev not in lex.not_rate_prev_words and ctx.data.named["RATE_CONTEXT"].search(ctx.before))):
        return "SET", iso_duration(1, ucode), None
    return typ, iso_duration(n, ucode), None


def _unit_without_count(ctx: Ctx, typ: str, lead: Optional[str], unit: str, ucode: str) -> Optional[Result]:
    if unit.endswith("s") or unit in ("centuries", "millennia"):
        if lead == "recent" and ucode in ("Y", "DE"):
            return "DATE", "PAST_REF", None
        if lead == "coming":
            return "DATE", "FUTURE_REF", None
        return typ, iso_duration(None, ucode), None
    if lead is None and not ctx.full.startswith(("the", "each", "all")):
        return typ, iso_duration(1, ucode), None
    return None


def _vague_count(typ: str, count: str, ucode: str, lex) -> Optional[Result]:
    """"two to three weeks", "two or three days", "several months"."""
    words = count.split()
    if len(words) == 1 and count.count("-") == 1:  # "2-3"
        words = [count.split("-")[0], "to", count.split("-")[1]]
    if len(words) == 3 and words[1] in ("to", "or", "and"):
        first = number_value(words[0], lex)
        if first is not None and words[1] == "to":
            return typ, iso_duration(None, ucode), None
        return typ, iso_duration(first, ucode), None
    if count in lex.vague_numbers or count in lex.count_determiners or count in lex.vague_determiners \
            or count in lex.modifiers or (len(words) > 1 and words[-1] in lex.number_scales):  # "a few hundred"
        return typ, iso_duration(None, ucode), None
    return None


def _long_adj(ctx: Ctx, typ: str, ucode: str) -> Result:
    plural = ctx.core.split("-")[0].endswith("s")
    return typ, iso_duration(None if plural else 1, ucode), None


# The handlers of this module by the name a rule of rules.txt gives them (``@name(...)``).
PERIOD_HANDLERS = {
    "year_ago_period": _year_ago_period,
    "part_of_relative_year": _part_of_relative_year,
    "period_a_year_ago": _period_a_year_ago,
    "latest_period": _latest_period,
    "fiscal_year": _fiscal_year,
    "month_of_relative_year": _month_of_relative_year,
    "earlier_in": _earlier_in,
    "quarter": _quarter,
    "relative_unit": _relative_unit,
    "offset": _offset,
    "unit_before_after": _unit_before_after,
    "week_of": _week_of,
    "year_earlier_adj": _year_earlier_adj,
    "one_more_unit": _one_more_unit,
    "count_duration": _count_duration,
    "long_adj": _long_adj,
}
