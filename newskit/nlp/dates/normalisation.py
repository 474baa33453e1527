"""Normalisation: the TIMEX3 type and value of one expression.

Job: clean a found expression, run the rules of ``models/dates/rules.txt`` over it
(:mod:`.rules`), and hold the handlers the rules name for what data cannot say: the
calendar sums that anchor a month, a weekday, a quarter or an offset to the
publication date and the reference time (:mod:`.anchoring`).
Limits: English only; one value per expression; time zones are dropped; dateparser
is only a fallback for an expression with a month name the rules cannot read.
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Callable, Dict, List, Optional, Tuple

from . import rules
from .anchoring import DEFAULT_SETTINGS, Ctx, Result, Settings, day_year, month_year
from .arithmetic import Anchor, holiday_date, iso_duration, timex_value
from .lexicon import _lex

HANDLERS: Dict[str, Callable] = {}


def handler(fn: Callable) -> Callable:
    """Register a function a rule can name as ``@name(...)``."""
    HANDLERS[fn.__name__.lstrip("_")] = fn
    return fn


# --------------------------------------------------------------------------- numbers, cleaning

def number_value(s: Optional[str]) -> Optional[float]:
    """Value of a count phrase; None for vague counts ('several', 'a few')."""
    if s is None:
        return None
    s = s.strip().lower().replace("-", " ")
    nums = _lex()["numbers"]
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
    n = _compound_number(s.split(), nums, _lex()["number_scales"])
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


def _clean(text: str) -> str:
    """Lower case, one space, no trailing punctuation or possessive, "p.m." as "pm", and
    a year in words inside a longer expression as digits ("May nineteen ninety" → "may 1990")."""
    t = text.lower().strip()
    spelled = rules.named("SPELLED_YEAR_IN")
    if " " in t and spelled.search(t) and not spelled.fullmatch(t):
        t = spelled.sub(lambda m: str(1900 + int(number_value(m.group(1)) or 0)), t)
    t = " ".join(t.split())
    for step in rules.clean_steps():
        t = step.rx.sub(step.repl, t)
    return t


def unit_code(word: str) -> Optional[str]:
    return _lex()["units"].get(word.replace("-", " "))


# --------------------------------------------------------------------------- entry points

def normalise(text: str, published=None, tense: Optional[str] = None, ref: Optional[Anchor] = None,
              prev: str = "", next: str = "", settings: Settings = DEFAULT_SETTINGS
              ) -> Optional[Tuple[str, Optional[str]]]:
    """TIMEX3 ``(type, value)`` of one temporal expression, or None if it is not one.

    ``published`` is the anchor (``date`` or ``YYYY-MM-DD``); ``tense`` ("past"/"future")
    decides weekdays and bare months; ``ref`` is the last anchored date for anaphora.
    """
    if isinstance(published, str):
        published = dt.date.fromisoformat(published) if published else None
    r = value_of(text, Ctx(published, tense, ref, prev, next, settings))
    return (r[0], r[1]) if r else None


def value_of(text: str, ctx: Ctx) -> Optional[Result]:
    try:
        t = _clean(text)
        if not t:
            return None
        ctx.full = ctx.core = t
        r = rules.run(t, ctx, HANDLERS)
        if r is None and ctx.settings.dateparser_fallback and ctx.core and any(c.isdigit() for c in ctx.core):
            return _dp_parse(ctx.core, ctx.dct)
        return r
    except (ValueError, OverflowError, TypeError, AttributeError, KeyError):
        # calendar arithmetic beyond year 1..9999, a malformed number or a word spelled
        # unlike its word list: not a usable date
        return None


def _dp_parse(text: str, dct: Optional[dt.date]) -> Optional[Result]:
    """dateparser fallback for an expression with a month name (and a year or a publication date)."""
    if not set(re.findall(r"[a-z]+", text)) & set(_lex()["months"]):
        return None
    d = _dp_cached(text, dct.isoformat() if dct else None)
    year = rules.named("YEAR_NUM")
    if d is None or (dct is None and not year.search(text)):
        return None
    has_day = bool(rules.named("DAY_OF_MONTH").search(year.sub("", text)))
    a = Anchor("D" if has_day else "M", d)
    return "DATE", timex_value(a), a


@lru_cache(maxsize=4096)
def _dp_cached(text: str, dct: Optional[str]) -> Optional[dt.date]:
    try:
        import dateparser
    except ImportError:  # pragma: no cover
        return None
    settings = {"PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False}
    if dct:
        settings["RELATIVE_BASE"] = dt.datetime.fromisoformat(dct)
    try:
        r = dateparser.parse(text, languages=["en"], settings=settings)
    except Exception:  # dateparser raises on odd input
        return None
    return r.date() if r else None


# --------------------------------------------------------------------------- handlers: sets, years

@handler
def _duration(ctx: Ctx, typ: str, n, ucode: str) -> Result:
    return typ, iso_duration(None if n == "X" else n, ucode), None


@handler
def _every_n(ctx: Ctx, typ: str, count: str, ucode: str) -> Optional[Result]:
    """"every two weeks", "every four years": a set with that period."""
    n = number_value(count)
    return (typ, iso_duration(n, ucode), None) if n else None


@handler
def _part_set(ctx: Ctx, typ: str, code: str) -> Optional[Result]:
    return (typ, f"XXXX-XX-XXT{code}", None) if len(code) == 2 else None


@handler
def _spelled_year(ctx: Ctx, typ: str, base: int, rest: Optional[str]) -> Optional[Result]:
    n = number_value(rest) if rest else 0
    if n is None or n >= 100 or n != int(n):
        return None
    a = Anchor("Y", dt.date(base + int(n), 1, 1))
    return typ, timex_value(a), a


@handler
def _century(ctx: Ctx, typ: str, n: str) -> Result:
    return typ, "%02d" % (int(n) - 1), None


@handler
def _year_end(ctx: Ctx, typ: str, rel: Optional[str]) -> Result:
    if ctx.dct is None:
        return typ, None, None
    return typ, f"{ctx.dct.year + {'last': -1, 'next': 1}.get(rel or '', 0):04d}", None


@handler
def _ymd(ctx: Ctx, typ: str, y: str, m: str, d: str) -> Optional[Result]:
    try:
        a = Anchor("D", dt.date(int(y), int(m), int(d)))
    except ValueError:
        return None
    return typ, timex_value(a), a


@handler
def _numeric_date(ctx: Ctx, typ: str, a: str, b: str, y: str) -> Optional[Result]:
    year = int(y)
    if year < 100:
        year += 1900 if year >= 50 else 2000
    mo, da = int(a), int(b)
    if mo > 12 >= da:  # day first (15/08/2021)
        mo, da = da, mo
    return _ymd(ctx, typ, str(year), str(mo), str(da))


# --------------------------------------------------------------------------- handlers: calendar

@handler
def _month_day(ctx: Ctx, typ: str, mon: int, day: str, year: Optional[str], rel: Optional[str]) -> Optional[Result]:
    if rel in ("last", "next"):
        ctx.tense = "past" if rel == "last" else "future"
    day_n = int(day)
    y = int(year) if year else day_year(mon, day_n, ctx)
    if y is None:
        return typ, None, None
    try:
        d = dt.date(y, mon, day_n)
        if rel and ctx.dct is not None and not year:
            if rel == "next" and d <= ctx.dct:
                d = dt.date(y + 1, mon, day_n)
            elif rel == "last" and d >= ctx.dct:
                d = dt.date(y - 1, mon, day_n)
    except ValueError:
        return None
    a = Anchor("D", d)
    return typ, timex_value(a), a


@handler
def _month_day_words(ctx: Ctx, typ: str, mon: Optional[int], day: Optional[int], mon2: Optional[int],
                     day2: Optional[int], year: Optional[str], rel: Optional[str]) -> Optional[Result]:
    """"March eighth", "the fifth of May": a day of the month said as an ordinal word."""
    return _month_day(ctx, typ, mon or mon2, str(day or day2), year, rel)


@handler
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
    a = Anchor("M", dt.date(y, mon, 1))
    return typ, timex_value(a), a


@handler
def _year(ctx: Ctx, typ: str, year: str, part: Optional[str], q: Optional[int], half: Optional[str]) -> Result:
    y = int(year)
    ref = ctx.ref
    if half:
        a = Anchor("HALF", dt.date(y, 1 if half == "first" else 7, 1))
    elif q:
        a = Anchor("Q", dt.date(y, 3 * q - 2, 1))
    elif part == "quarter" and ref and ref.gran == "Q":  # "the 2020 quarter": the one just named
        a = Anchor("Q", dt.date(y, (ref.day.month - 1) // 3 * 3 + 1, 1))
    elif part == "quarter":
        return typ, f"{y}-QX", Anchor("Y", dt.date(y, 1, 1))
    elif part == "period" and ref and ref.gran == "Q":
        a = Anchor("Q", dt.date(y, ref.day.month, 1))
    else:
        a = Anchor("Y", dt.date(y, 1, 1))
    return typ, timex_value(a), a


@handler
def _decade(ctx: Ctx, typ: str, dec: Optional[str], short: Optional[str]) -> Result:
    if dec:
        return typ, dec, None
    d = int(short)
    dct = ctx.dct
    cent = 19 if d >= 3 or dct is None or dct.year < 2000 + d * 10 else 20
    return typ, f"{cent}{d}", None


@handler
def _season(ctx: Ctx, typ: str, code: str, year: Optional[str], rel: Optional[str]) -> Optional[Result]:
    if rel is None and ctx.core != ctx.full:
        rel = "the"  # "early summer": the modifier made it a season of a year
    if not (rel or year or ctx.prev in _lex()["season_prev_words"]):
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
    a = Anchor("SEASON", dt.date(y, 1, 1), code)
    return typ, timex_value(a), a


def _season_year(code: str, rel: Optional[str], ctx: Ctx) -> int:
    dct = ctx.dct
    y = dct.year
    start, end = _lex()["season_months"][code]
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


@handler
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
            d + dt.timedelta(days=6 if spec == "EAW" else 0) < dct:
        d = holiday_date(spec, y + 1)
    elif rel is None and ctx.tense in (None, "near", "defer", "present"):
        # no tense: the nearest one
        d = min((holiday_date(spec, y + k) for k in (-1, 0, 1)), key=lambda x: abs((x - dct).days))
    return _holiday_result(typ, spec, d)


def _holiday_result(typ: str, spec: str, d: dt.date) -> Result:
    a = Anchor("W" if spec == "EAW" else "D", d)
    return typ, timex_value(a), a


from . import periods  # noqa: E402,F401  (registers the handlers of days, times and periods)
