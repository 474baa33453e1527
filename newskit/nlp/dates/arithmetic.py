"""Calendar arithmetic for TIMEX3 values: what data cannot say.

Job: anchors (a day at a granularity) and their TIMEX3 strings, month/quarter/year
shifts, n-th weekdays, Easter and holiday dates, ISO 8601 durations.
A day outside the calendar (a year beyond 1..9999, a "fifth quarter", February 30) is
:class:`NotADate`: :func:`calendar_date` and :func:`add_days` raise it, and the normaliser
takes it to mean the expression has no value.
Limits: proleptic Gregorian calendar, years 1..9999; Western Easter only.
"""
from __future__ import annotations

import calendar
import datetime as dt
from typing import NamedTuple, Optional

__all__ = ["Anchor", "NotADate", "TIME_UNITS", "UNIT_BASE", "add_days", "add_months", "calendar_date",
           "holiday_date", "iso_duration", "shift", "timex_value"]


class NotADate(ValueError):
    """A calendar sum that leaves the calendar: the expression is not a date (a normal outcome)."""


def calendar_date(year: int, month: int, day: int) -> dt.date:
    """``dt.date(year, month, day)``, or :class:`NotADate` when there is no such day."""
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        raise NotADate(str(exc)) from None


def add_days(d: dt.date, n: float) -> dt.date:
    """``d`` plus ``n`` days, or :class:`NotADate` beyond the calendar."""
    try:
        return d + dt.timedelta(days=n)
    except OverflowError as exc:
        raise NotADate(str(exc)) from None


# Unit codes of lexicon.json "units" → (TIMEX3 duration letter, how many of it). The codes
# are newskit's own names: SEC/MIN/HR are clock units (written after "PT"), the rest
# calendar units; they are distinct from the anchor granularities below (HALF, SEASON).
UNIT_BASE = {"SEC": ("S", 1), "MIN": ("M", 1), "HR": ("H", 1), "D": ("D", 1), "W": ("W", 1), "WE": ("D", 2),
             "FN": ("W", 2), "M": ("M", 1), "Q": ("Q", 1), "Y": ("Y", 1), "DE": ("DE", 1), "CE": ("CE", 1),
             "ML": ("Y", 1000)}
TIME_UNITS = {"SEC", "MIN", "HR"}


class Anchor(NamedTuple):
    """A period named by a date: its granularity and a day inside it.

    Granularities: Y, HALF, Q, SEASON (``extra`` holds the season code), M, W, D, DE
    (decade)."""
    gran: str
    day: dt.date
    extra: str = ""  # season code


def timex_value(a: Anchor) -> str:
    y = a.day.year
    if a.gran == "Y":
        return f"{y:04d}"
    if a.gran == "Q":
        return f"{y:04d}-Q{(a.day.month - 1) // 3 + 1}"
    if a.gran == "HALF":
        return f"{y:04d}-H{1 if a.day.month <= 6 else 2}"
    if a.gran == "M":
        return f"{y:04d}-{a.day.month:02d}"
    if a.gran == "W":
        iy, iw, _ = a.day.isocalendar()
        return f"{iy:04d}-W{iw:02d}"
    if a.gran == "SEASON":
        return f"{y:04d}-{a.extra}"
    if a.gran == "DE":
        return f"{y // 10:03d}"
    return a.day.isoformat()


def add_months(d: dt.date, n: int) -> dt.date:
    m = d.month - 1 + n
    y = d.year + m // 12
    m = m % 12 + 1
    if not dt.MINYEAR <= y <= dt.MAXYEAR:
        raise NotADate(f"year {y} is out of range")
    return dt.date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def shift(d: dt.date, unit: str, n: float) -> Optional[dt.date]:
    try:
        if unit == "D":
            return d + dt.timedelta(days=n)
        if unit == "W":
            return d + dt.timedelta(days=7 * n)
        if unit == "M":
            return add_months(d, int(round(n)))
        if unit == "Q":
            return add_months(d, int(round(3 * n)))
        if unit == "HALF":
            return add_months(d, int(round(6 * n)))
        if unit == "Y":
            return add_months(d, int(round(12 * n)))
    except (OverflowError, ValueError):
        return None
    return None


def _nth_weekday(y: int, m: int, wd: int, n: int) -> dt.date:
    """n-th (1-based; -1 = last) ISO weekday ``wd`` (1=Mon) of month m."""
    if n > 0:
        d = calendar_date(y, m, 1)
        d = add_days(d, (wd - d.isoweekday()) % 7)
        return add_days(d, 7 * (n - 1))
    d = calendar_date(y, m, calendar.monthrange(y, m)[1])
    return add_days(d, -((d.isoweekday() - wd) % 7))


def iso_duration(n: Optional[float], ucode: str) -> str:
    """ISO 8601 duration of ``n`` units (``None``: an unknown number, ``PXY``)."""
    base, mult = UNIT_BASE[ucode]
    time = ucode in TIME_UNITS
    if n is None:
        return ("PTX" if time else "PX") + base
    n = n * mult
    if n != int(n):
        # fractions: 2.5 years -> P2Y6M, 1.5 hours -> PT1H30M
        whole = int(n)
        if time:
            sub = {"H": ("M", 60), "M": ("S", 60)}.get(base)
        else:
            sub = {"Y": ("M", 12), "D": ("H", 24), "M": ("D", 30), "W": ("D", 7)}.get(base)
        if sub:
            rest = int(round((n - whole) * sub[1]))
            if time:
                return f"PT{whole}{base}{rest}{sub[0]}"
            if base == "D":
                return f"P{whole}DT{rest}H"
            return f"P{whole}{base}{rest}{sub[0]}"
        q = f"{n:g}"
        return ("PT" if time else "P") + q + base
    return ("PT" if time else "P") + f"{int(n)}" + base


def _easter(y: int) -> dt.date:
    """Western Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = y % 19, y // 100, y % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * l_) // 433
    month = (h + l_ - 7 * m + 90) // 25
    return calendar_date(y, month, (h + l_ - 7 * m + 33 * month + 19) % 32)


def holiday_date(spec: str, y: int) -> dt.date:
    """The day of a holiday in year ``y`` from its spec in the lexicon (see models/README.md):
    ``MM-DD`` a fixed day; ``MM-WDn`` the n-th weekday of a month (``L`` the last);
    ``EA`` Easter Sunday; ``EAW`` Holy Week (its Monday); any of the day specs may end in
    ``+k`` or ``-k`` days ("11-MO1+1": the Tuesday after the first Monday of November)."""
    if spec == "EAW":  # Holy Week: the Monday of the ISO week that ends on Easter Sunday
        return add_days(_easter(y), -6)
    if spec.startswith("EA"):  # days from Easter Sunday
        return add_days(_easter(y), int(spec[2:]))
    k = max(spec.find("+", 5), spec.find("-", 5))  # the shift after "MM-DD" or "MM-WDn"
    base, shift = (spec[:k], int(spec[k:])) if k > 0 else (spec, 0)
    mo, rest = base.split("-")
    if rest.isdigit():
        return add_days(calendar_date(y, int(mo), int(rest)), shift)
    wd = {"MO": 1, "TU": 2, "WE": 3, "TH": 4, "FR": 5, "SA": 6, "SU": 7}[rest[:2]]
    n = -1 if rest[2:] == "L" else int(rest[2:])
    return add_days(_nth_weekday(y, int(mo), wd, n), shift)
