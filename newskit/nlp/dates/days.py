"""Handlers of the date rules for days and times of day.

Job: the calendar sums behind the rules of ``models/en/dates/rules.txt`` that name a day or
a clock time (``@weekday``, ``@clock``, ``@deictic_day``, ...): which day an expression
means, given the publication date and the reference time in :class:`~.anchoring.Ctx`;
and the day a time is on (:func:`day_of`, also used by the period handlers).
Limits: time zones are dropped; a weekday's direction follows the tense in the context.
"""
from __future__ import annotations

import datetime as dt
from typing import Optional

from . import rules
from .anchoring import Ctx, Result, weekday_date
from .arithmetic import Anchor, add_days

__all__ = ["DAY_HANDLERS", "at_time", "day_of", "part_code"]


def part_code(word: str, ctx: Ctx) -> str:
    """The TIMEX3 code of a part of the day ("morning" → "MO")."""
    return ctx.data.lex.parts_of_day[word]


def _sub_ctx(ctx: Ctx) -> Ctx:
    c = Ctx(ctx.data, ctx.dct, ctx.tense, ctx.ref, ctx.prev, ctx.next, ctx.settings)
    c.refday = ctx.refday
    return c


def day_of(word: Optional[str], ctx: Ctx) -> Optional[dt.date]:
    """The day a time is on: a deictic day, a weekday, a calendar date, or (none) the reference day."""
    lex = ctx.data.lex
    if not word:
        return ctx.refday if ctx.refday is not None else ctx.dct
    if word in lex.deictic_days:
        return add_days(ctx.dct, lex.deictic_days[word]) if ctx.dct else None
    if word in lex.weekdays:
        return weekday_date(lex.weekdays[word], ctx)
    r = rules.run(word, _sub_ctx(ctx))
    if r is not None and r[2] is not None and r[2].gran == "D":
        return r[2].day
    return None


def at_time(d: Optional[dt.date], code: str, typ: str = "TIME") -> Result:
    """A time of day ``code`` on day ``d`` (no value without the day)."""
    if d is None:
        return typ, None, None
    return typ, f"{d.isoformat()}T{code}", Anchor("D", d)


# --------------------------------------------------------------------------- days and clock times

def _clock_duration(ctx: Ctx, typ: str, h: str, mi: str, sec: str) -> Result:
    """"2:45:10" (hours, minutes, seconds): a race or running time."""
    return typ, f"PT{int(h)}H{int(mi)}M{int(sec)}S", None


def _clock24(ctx: Ctx, typ: str, h: str, mi: str, day: Optional[str]) -> Optional[Result]:
    """"09:30 GMT Friday": a 24-hour time with a zone (the zone is dropped)."""
    if int(h) > 24:
        return None
    return at_time(day_of(day, ctx), f"{int(h):02d}:{mi}", typ)


def _short_year_end(ctx: Ctx, typ: str, yy: str) -> Optional[Result]:
    """"99" in "1998-99": the end of a span of years, in the century of its start."""
    start = ctx.data.named["YEAR_RANGE_START"].search(ctx.before)
    if start is None:
        return None
    y0 = int(start.group(1))
    y = y0 // 100 * 100 + int(yy)
    if y <= y0:
        y += 100
    return typ, f"{y:04d}", None


def _that_time(ctx: Ctx, typ: str) -> Result:
    """"at that time", "at the time": the time the text is about, in the past unless said ahead."""
    return typ, "FUTURE_REF" if ctx.tense == "future" else "PAST_REF", None


def _some_day(ctx: Ctx, typ: str) -> Optional[Result]:
    """"could one day win", "he one day hoped": an indefinite day, ahead unless the text is past;
    declines "for one day", "one day later" (a duration or an offset)."""
    lex = ctx.data.lex
    if ctx.prev in lex.some_day_modals:
        return typ, "FUTURE_REF", None
    if ctx.prev in lex.some_day_subjects:
        return typ, "PAST_REF" if ctx.tense == "past" else "FUTURE_REF", None
    return None


def _clock(ctx: Ctx, typ: str, h: str, mi: Optional[str], ap: str, day: Optional[str]) -> Optional[Result]:
    hour, minute = int(h), int(mi or 0)
    if hour > 12 or minute > 59:
        return None
    if ap == "pm" and hour < 12:
        hour += 12
    if ap == "am" and hour == 12:
        hour = 0
    return at_time(day_of(day, ctx), f"{hour:02d}:{minute:02d}", typ)


def _deictic_day(ctx: Ctx, typ: str, offset: int, part: Optional[str]) -> Result:
    timed = part is not None or ctx.core.startswith("tonight")
    if ctx.dct is None:
        return ("TIME" if timed else typ), None, None
    d = add_days(ctx.dct, offset)
    if timed:
        return at_time(d, part_code(part or "tonight", ctx))
    return typ, d.isoformat(), Anchor("D", d)


def _day_before_after(ctx: Ctx, typ: str, which: str, offset: int) -> Result:
    if ctx.dct is None:
        return typ, None, None
    d = add_days(ctx.dct, offset + (-1 if which == "before" else 1))
    return typ, d.isoformat(), Anchor("D", d)


def _day_before_after_weekday(ctx: Ctx, typ: str, which: str, wd: int, rel: Optional[str]) -> Result:
    """"the day before last Tuesday": a day next to a weekday found as "last Tuesday" is."""
    d = weekday_date(wd, ctx, rel or "")
    if d is None:
        return typ, None, None
    d = add_days(d, -1 if which == "before" else 1)
    return typ, d.isoformat(), Anchor("D", d)


def _weekday(ctx: Ctx, typ: str, wd: int, rel: Optional[str], part: Optional[str]) -> Result:
    if rel in ("that", "the same", "the previous", "the following", "the next"):
        base = ctx.refday or ctx.dct
        if base is None:
            return ("TIME" if part else typ), None, None
        if rel in ("the following", "the next"):
            d = add_days(base, (wd - base.isoweekday()) % 7 or 7)
        elif rel == "the previous":
            d = add_days(base, -((base.isoweekday() - wd) % 7 or 7))
        else:
            d = add_days(base, -((base.isoweekday() - wd) % 7))
    else:
        d = weekday_date(wd, ctx, rel or "")
    if part:
        return at_time(d, part_code(part, ctx))
    if d is None:
        return typ, None, None
    return typ, d.isoformat(), Anchor("D", d)


def _noon_of_day(ctx: Ctx, typ: str, part: str, day: str) -> Result:
    return at_time(day_of(day, ctx), part_code(part, ctx), typ)


def _part_of_day(ctx: Ctx, typ: str, which: str, part: str) -> Result:
    dct = ctx.dct
    if which == "this":
        d = dct
    elif which == "last":
        d = add_days(dct, -1) if dct else None
    elif which in ("that", "the"):
        d = ctx.ref.day if ctx.ref and ctx.ref.gran == "D" else dct
    else:
        d = day_of(which, ctx)
    return at_time(d, part_code(part, ctx), typ)


def _bare_part(ctx: Ctx, typ: str, part: str) -> Result:
    d = day_of(None, ctx)
    if d is None:
        return typ, None, None
    return typ, f"{d.isoformat()}T{ctx.data.lex.parts_of_day.get(part, 'AF')}", None


def _next_part(ctx: Ctx, typ: str, rel: str, part: str) -> Result:
    base = ctx.refday or ctx.dct
    if base is None:
        return typ, None, None
    return at_time(add_days(base, -1 if rel == "previous" else 1), part_code(part, ctx), typ)


# The handlers of this module by the name a rule of rules.txt gives them (``@name(...)``).
DAY_HANDLERS = {
    "clock_duration": _clock_duration,
    "clock24": _clock24,
    "short_year_end": _short_year_end,
    "that_time": _that_time,
    "some_day": _some_day,
    "clock": _clock,
    "deictic_day": _deictic_day,
    "day_before_after": _day_before_after,
    "day_before_after_weekday": _day_before_after_weekday,
    "weekday": _weekday,
    "noon_of_day": _noon_of_day,
    "part_of_day": _part_of_day,
    "bare_part": _bare_part,
    "next_part": _next_part,
}
