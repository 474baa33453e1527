"""Ranges: the two ends of "from Monday to Wednesday", "between March and June",
"9 p.m. to 5 a.m." valued together, and counts such as "six to nine weeks" split in two.

Job: after each expression has its own value, make the ends of a range agree: the end
never comes before the start, and a past range ends by the publication date; a moved
date ("postponed from Monday to Wednesday") is two separate days, the new one the
nearest. A count range gives each end its own duration ("six" P6W, "nine weeks" P9W).
Limits: only two neighbouring expressions joined by a connector of the word list
``range_connectors``; ranges of quarters, seasons or years are left as they are.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import List, NamedTuple, Optional, Tuple

from newskit.records import DateExpr
from .anchoring import Ctx, weekday_date
from .lexicon import Lexicon
from .normalisation import normalise

__all__ = ["RangeCues", "add_day_range_ends", "fix_ranges", "split_count_ranges"]

_MONTH_VALUE = re.compile(r"(\d{4})-(\d\d)(?:-(\d\d))?")
_TIME_VALUE = re.compile(r"(\d{4}-\d\d-\d\d)T(\d\d):(\d\d)")


class RangeCues(NamedTuple):
    """What joins two expressions into a range, and what says a date was moved (from the lexicon)."""

    gap: "re.Pattern[str]"  # the connector between the ends: "to", "and", "-"
    moved: "re.Pattern[str]"  # a rescheduling verb just before the first end: "postponed"

    @classmethod
    def build(cls, lex: Lexicon) -> "RangeCues":
        gap = re.compile(r"\s*(%s)\s*" % "|".join(re.escape(c) for c in lex.range_connectors), re.I)
        moved = re.compile(r"\b(?:%s)\w*\b[^.;]{0,60}$" % "|".join(lex.reschedule_stems), re.I)
        return cls(gap, moved)


def fix_ranges(text: str, out: List[DateExpr], tenses: List[Optional[str]], dct: Optional[dt.date], data) -> None:
    """Value the two ends of each range in ``out`` together (in place); ``data`` is the DateData."""
    gap_re, moved_re = data.ranges
    weekday_only = data.named["WEEKDAY_ONLY"]
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        if not (a.value and b.value) or a.type not in ("DATE", "TIME") or b.type != a.type:
            continue
        conn = _connector(text, a, b, gap_re)
        if conn is None:
            continue
        if moved_re.search(text, max(0, a.start - 80), a.start):
            if conn == "to":
                out[i + 1] = _moved_to(b, dct, data)
            continue
        if weekday_only.fullmatch(a.text) and weekday_only.fullmatch(b.text) and dct is not None:
            new = _weekday_range(a, b, tenses[i], dct, data.lex)
        elif a.type == "DATE":
            new = _calendar_range(a, b, tenses[i], data.named["EXPLICIT_YEAR"])
        else:
            new = _clock_range(a, b, data.named["CLOCK_ONLY"])
        if new is None:
            continue
        if new[0] != a.value:
            out[i] = a.model_copy(update={"value": new[0]})
        if new[1] != b.value:
            out[i + 1] = b.model_copy(update={"value": new[1]})


def _connector(text: str, a: DateExpr, b: DateExpr, gap_re) -> Optional[str]:
    """The word joining two expressions into a range ("to", "and", "-"), or None."""
    g = gap_re.fullmatch(text, a.end, b.start)
    if g is None:
        return None
    conn = g.group(1).lower()
    lead = text[max(0, a.start - 9):a.start].lower().split()
    lead_w = lead[-1] if lead else ""
    if conn == "and" and lead_w != "between":
        return None
    if conn in ("to", "until", "till", "til") and lead_w not in ("from", "between"):
        return None
    return conn


def _moved_to(b: DateExpr, dct: Optional[dt.date], data) -> DateExpr:
    """"postponed from Monday to Wednesday": the new day is the nearest one."""
    if not data.named["WEEKDAY_ONLY"].fullmatch(b.text) or dct is None:
        return b
    d = weekday_date(data.lex.weekdays[b.text.lower()], Ctx(data, dct, "near"))
    return b.model_copy(update={"value": d.isoformat()}) if d is not None else b


def _weekday_range(a: DateExpr, b: DateExpr, tense: Optional[str], dct: dt.date, lex: Lexicon) -> Tuple[str, str]:
    """A past range ends by the publication date; another starts at its first day."""
    wds = lex.weekdays
    w1, w2 = wds[a.text.lower()], wds[b.text.lower()]
    span = (w2 - w1) % 7 or 7
    if tense == "past":
        end = dct - dt.timedelta(days=(dct.isoweekday() - w2) % 7)
        start = end - dt.timedelta(days=span)
    else:
        start = dt.date.fromisoformat(a.value)
        end = start + dt.timedelta(days=span)
    return start.isoformat(), end.isoformat()


def _calendar_range(a: DateExpr, b: DateExpr, tense: Optional[str], explicit_year) -> Optional[Tuple[str, str]]:
    """Months or days: the end is not before the start ("from November to February")."""
    ma, mb = _MONTH_VALUE.fullmatch(a.value), _MONTH_VALUE.fullmatch(b.value)
    if not (ma and mb) or bool(ma.group(3)) != bool(mb.group(3)):
        return None
    ya, yb = explicit_year.search(a.text), explicit_year.search(b.text)
    if ya and yb:
        return None
    ka, kb = a.value[5:], b.value[5:]  # month(-day) parts
    if yb:  # "from Nov. 20 to Jan. 5, 2024": the start takes the end's year
        return f"{int(mb.group(1)) - (1 if ka > kb else 0):04d}-{ka}", b.value
    if b.value < a.value:
        if tense == "past" and not ya:  # "ran from January to March": both behind
            return f"{int(mb.group(1)) - (1 if ka > kb else 0):04d}-{ka}", b.value
        return a.value, f"{int(ma.group(1)) + (1 if kb < ka else 0):04d}-{kb}"
    return None


def _clock_range(a: DateExpr, b: DateExpr, clock) -> Optional[Tuple[str, str]]:
    """"from 9 p.m. to 5 a.m.": an end before the start is on the next day;
    "from 10 a.m. to 2 p.m. Friday": the start is on the end's day."""
    ta, tb = _TIME_VALUE.fullmatch(a.value), _TIME_VALUE.fullmatch(b.value)
    if not (ta and tb):
        return None
    if clock.fullmatch(a.text.strip()) and not clock.fullmatch(b.text.strip()):
        if ta.group(1) != tb.group(1) and (ta.group(2), ta.group(3)) <= (tb.group(2), tb.group(3)):
            return f"{tb.group(1)}T{ta.group(2)}:{ta.group(3)}", b.value
        return None
    if not clock.fullmatch(b.text.strip()) or ta.group(1) != tb.group(1):
        return None
    if (tb.group(2), tb.group(3)) < (ta.group(2), ta.group(3)):
        d = dt.date.fromisoformat(tb.group(1)) + dt.timedelta(days=1)
        return a.value, f"{d.isoformat()}T{tb.group(2)}:{tb.group(3)}"
    return None


def split_count_ranges(out: List[DateExpr], data) -> List[DateExpr]:
    """"six to nine weeks" → "six" (P6W) and "nine weeks" (P9W): each end of a count range
    valued with the unit written once at its end."""
    rx = data.named["COUNT_RANGE"]
    res: List[DateExpr] = []
    for d in out:
        m = rx.search(d.text) if d.type == "DURATION" else None
        first = normalise(f"{m.group('first')} {m.group('unit')}", data=data) if m else None
        rest = normalise(m.group("rest"), data=data) if m else None
        if not (first and rest and first[0] == rest[0] == "DURATION"):
            res.append(d)
            continue
        res.append(DateExpr(text=d.text[:m.end("first")], start=d.start, end=d.start + m.end("first"),
                            type="DURATION", value=first[1]))
        res.append(DateExpr(text=m.group("rest"), start=d.start + m.start("rest"), end=d.end,
                            type="DURATION", value=rest[1]))
    return res


def add_day_range_ends(text: str, out: List[DateExpr], data) -> List[DateExpr]:
    """"April 24 and 25", "May 3-5": the bare day that ends a range of days takes the month
    (and year) of the day before it."""
    rx = data.named["DAY_RANGE_END"]
    res: List[DateExpr] = []
    for i, d in enumerate(out):
        res.append(d)
        m = rx.match(text, d.end) if d.type == "DATE" and d.value and _MONTH_VALUE.fullmatch(d.value) else None
        if m is None or not _MONTH_VALUE.fullmatch(d.value).group(3):
            continue
        start, end = m.start(1), m.end(1)
        if i + 1 < len(out) and out[i + 1].start < m.end():
            continue
        try:
            day = dt.date(int(d.value[:4]), int(d.value[5:7]), int(m.group(1)))
        except ValueError:
            continue
        if day.isoformat() > d.value:
            res.append(DateExpr(text=text[start:end], start=start, end=end, type="DATE", value=day.isoformat()))
    return res
