"""Normalisation: the TIMEX3 type and value of one expression.

Job: read a found expression (cleaned, lower-case) and give its type (DATE, TIME,
DURATION, SET) and value, anchored through :mod:`.anchoring`.
Limits: English only; one value per expression; time zones are dropped; dateparser
is only a fallback for an expression with a month name the rules cannot read.
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Optional, Tuple

from .anchoring import Ctx, Result, _day_year, _month_year, _recent, _weekday
from .arithmetic import _TIME_UNITS, _UNIT_BASE, Anchor, _add_months, _dur, _fmt, _holiday, _shift
from .lexicon import _alt, _lex


_NUMRE = re.compile(r"^(?:\d+(?:[.,]\d+)?)$")


def _number(s: str) -> Optional[float]:
    """Value of a count phrase; None for vague counts ('several', 'a few')."""
    s = s.strip().lower().replace("-", " ")
    lex = _lex()
    half = 0.0
    if s.endswith(" and a half"):
        s, half = s[: -len(" and a half")], 0.5
    if s.endswith(" 1/2"):
        s, half = s[:-4], 0.5
    if _NUMRE.match(s):
        return float(s.replace(",", "")) + half
    if s in lex["numbers"]:
        return lex["numbers"][s] + half
    parts = s.split()
    if len(parts) == 2 and parts[0] in lex["numbers"] and parts[1] in lex["numbers"]:
        a, b = lex["numbers"][parts[0]], lex["numbers"][parts[1]]
        if b == 100 or b == 1000:
            return a * b + half
        if a >= 20 and b < 10:
            return a + b + half
    return None



_SPELLED_YEAR = re.compile(r"\bnineteen(?: hundred)? (?:and )?((?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
                           r"(?:-(?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen|"
                           r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)\b")


def _clean(text: str) -> str:
    t = text.lower().strip()
    if " " in t and _SPELLED_YEAR.search(t) and not _SPELLED_YEAR.fullmatch(t):
        t = _SPELLED_YEAR.sub(lambda m: str(1900 + int(_number(m.group(1)) or 0)), t)
    t = re.sub(r"\s+", " ", t)
    t = t.replace("a.m.", "am").replace("p.m.", "pm").replace("a.m", "am").replace("p.m", "pm")
    t = re.sub(r"\b([a-z]{3,5})\.", r"\1", t)
    t = re.sub(r"[\s,.;:!?'\"]+$", "", t)
    t = re.sub(r"'s$", "", t)
    return t


def _unit_code(word: str) -> Optional[str]:
    return _lex()["units"].get(word.replace("-", " "))



def _dp_parse(text: str, dct: Optional[dt.date]) -> Optional[Result]:
    """dateparser fallback for an expression with an explicit year or month name."""
    lex = _lex()
    words = set(re.findall(r"[a-z]+", text))
    has_month = bool(words & set(lex["months"]))
    has_year = bool(re.search(r"\b(1[5-9]\d\d|20\d\d)\b", text))
    has_day = bool(re.search(r"\b\d{1,2}(st|nd|rd|th)?\b", re.sub(r"\b(1[5-9]\d\d|20\d\d)\b", "", text)))
    if not has_month:
        return None
    d = _dp_cached(text, dct.isoformat() if dct else None)
    if d is None:
        return None
    if not has_year and dct is None:
        return None
    gran = "D" if has_day else "M"
    a = Anchor(gran, d)
    return "DATE", _fmt(a), a


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


def _ref_value(t: str) -> Optional[str]:
    lex = _lex()
    if t in lex["present_ref"]:
        return "PRESENT_REF"
    if t in lex["past_ref"]:
        return "PAST_REF"
    if t in lex["future_ref"]:
        return "FUTURE_REF"
    return None


_MODS_RE = None


def _mods_re() -> "re.Pattern[str]":
    global _MODS_RE
    if _MODS_RE is None:
        _MODS_RE = re.compile(r"^(?:(?:%s) )+" % _alt(_lex()["modifiers"] + ["for", "each of", "all of", "in"]))
    return _MODS_RE


def normalise(text: str, published=None, tense: Optional[str] = None, ref: Optional[Anchor] = None,
              prev: str = "", next: str = "") -> Optional[Tuple[str, Optional[str]]]:
    """TIMEX3 ``(type, value)`` of one temporal expression, or None if it is not one.

    ``published`` is the anchor (``date`` or ``YYYY-MM-DD``); ``tense`` ("past"/"future")
    decides weekdays and bare months; ``ref`` is the last anchored date for anaphora.
    """
    if isinstance(published, str):
        published = dt.date.fromisoformat(published) if published else None
    r = _normalise(text, Ctx(published, tense, ref, prev, next))
    return (r[0], r[1]) if r else None


def _normalise(text: str, ctx: Ctx) -> Optional[Result]:
    try:
        return _normalise_rules(text, ctx)
    except (ValueError, OverflowError, TypeError, AttributeError):
        # calendar arithmetic beyond year 1..9999 or a malformed number: not a usable date
        return None


def _normalise_rules(text: str, ctx: Ctx) -> Optional[Result]:
    t = _clean(text)
    if not t:
        return None
    lex = _lex()
    months, wds, seasons = lex["months"], lex["weekdays"], lex["seasons"]
    dct = ctx.dct

    # references
    rv = _ref_value(t)
    if rv:
        if t == "earlier" or t == "later":
            return None
        return "DATE", rv, None

    # sets
    m = re.fullmatch(r"(daily|weekly|monthly|annually|yearly|hourly|nightly|biweekly|semiannually)", t)
    if m:
        return "SET", lex["set_adverbs"][m.group(1)], None
    m = re.fullmatch(r"(?:every|each|per) (?:other |single )?(.+)", t)
    if m:
        w = m.group(1)
        if w in months:
            return "SET", f"XXXX-{months[w]:02d}", None
        if w in wds:
            return "SET", f"XXXX-WXX-{wds[w]}", None
        if w in seasons:
            return "SET", f"XXXX-{seasons[w]}", None
        if w in lex["parts_of_day"] and len(lex["parts_of_day"][w]) == 2:
            return "SET", f"XXXX-XX-XXT{lex['parts_of_day'][w]}", None
        u = _unit_code(w)
        if u:
            return "SET", _dur(2 if "other" in t else 1, u), None
    m = re.fullmatch(r"(?:once|twice|thrice|\w+ times) (?:a|an|per|each|every) (\w+)", t)
    if m and _unit_code(m.group(1)):
        return "SET", _dur(1, _unit_code(m.group(1))), None
    m = re.fullmatch(r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday)s(?: (morning|afternoon|evening|night)s?)?", t)
    if m:
        v = f"XXXX-WXX-{wds[m.group(1)]}"
        if m.group(2):
            v += "T" + lex["parts_of_day"][m.group(2)]
        return "SET", v, None

    # strip approximators / leading prepositions kept in the span
    core = _mods_re().sub("", t)
    core = re.sub(r"^the (?=(?:early|late|mid|post|pre)\b)", "", core)
    core = re.sub(r"^this past (?=spring|summer|fall|autumn|winter)", "last ", core)
    core = re.sub(r"^this coming (?=spring|summer|fall|autumn|winter)", "next ", core)
    core = re.sub(r"^(?:(?:early|late|mid)\b-?|the end of|the beginning of|the start of|the middle of|the rest of|"
                  r"the end of|end of|the turn of|the eve of) ?", "", core)
    core = re.sub(r"^(?:earlier|later) (?=this|that|today|tonight|yesterday|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday)", "", core)

    if core != t and core in seasons:
        core = "the " + core
    r = _spelled_year(core, ctx) or _century_or_year_end(core, ctx)
    if r:
        return r
    r = _calendar(core, ctx)
    if r:
        return r
    r = _times(core, ctx)
    if r:
        return r
    r = _relative(core, t, ctx)
    if r:
        return r
    r = _durations(core, t, ctx)
    if r:
        return r
    if re.search(r"\d", core):
        return _dp_parse(core, dct)
    return None



def _calendar(t: str, ctx: Ctx) -> Optional[Result]:
    lex = _lex()
    months, seasons = lex["months"], lex["seasons"]
    dct = ctx.dct
    # ISO and numeric dates
    m = re.fullmatch(r"((?:19|20)\d\d)-(\d\d)-(\d\d)", t)
    if m:
        try:
            a = Anchor("D", dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))))
            return "DATE", _fmt(a), a
        except ValueError:
            return None
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})", t)
    if m:
        y = int(m.group(3))
        y = y + (1900 if y >= 50 else 2000) if y < 100 else y
        mo, da = int(m.group(1)), int(m.group(2))
        if mo > 12 >= da:  # day first (15/08/2021)
            mo, da = da, mo
        try:
            a = Anchor("D", dt.date(y, mo, da))
            return "DATE", _fmt(a), a
        except ValueError:
            return None
    # weekday, month day, year
    wd_pre = r"(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday),? )?"
    mon_alt = _alt(months)
    rel_m = re.match(r"(last|next|this) (?=[a-z]+ \d)", t)
    if rel_m:
        t = t[rel_m.end():]
        ctx = Ctx(ctx.dct, "past" if rel_m.group(1) == "last" else "future" if rel_m.group(1) == "next" else ctx.tense,
                  ctx.ref, ctx.prev, ctx.next)
    m = re.fullmatch(wd_pre + r"(%s) (\d{1,2})(?:st|nd|rd|th)?(?:,? (\d{4}))?" % mon_alt, t) or \
        re.fullmatch(wd_pre + r"(?:the )?(\d{1,2})(?:st|nd|rd|th)? (?:of )?(%s)(?:,? (\d{4}))?" % mon_alt, t)
    if m:
        g = m.groups()
        mon_w, day = (g[0], g[1]) if not g[0].isdigit() else (g[1], g[0])
        mon, day = months[mon_w], int(day)
        y = _month_year(mon, ctx, int(g[2]) if g[2] else None) if g[2] else _day_year(mon, day, ctx)
        if y is None:
            return "DATE", None, None
        try:
            d = dt.date(y, mon, day)
            if rel_m and dct is not None and not g[2]:
                if rel_m.group(1) == "next" and d <= dct:
                    d = dt.date(y + 1, mon, day)
                elif rel_m.group(1) == "last" and d >= dct:
                    d = dt.date(y - 1, mon, day)
        except ValueError:
            return None
        a = Anchor("D", d)
        return "DATE", _fmt(a), a
    # month (year)
    m = re.fullmatch(r"(?:(last|next|this|that) )?(%s)(?:,? (?:of )?(\d{4}))?" % mon_alt, t)
    if m:
        mon = months[m.group(2)]
        if m.group(3):
            y = int(m.group(3))
        elif m.group(1) and dct:
            rel = m.group(1)
            y = dct.year
            # "last February" read in March is the one a year before, not last month
            if rel == "last" and mon >= dct.month - 1:
                y -= 1
            elif rel == "next" and mon <= dct.month:
                y += 1
        elif m.group(1) == "that" and ctx.ref:
            y = ctx.ref.day.year
        else:
            y = _month_year(mon, ctx)
        if y is None:
            return "DATE", None, None
        a = Anchor("M", dt.date(y, mon, 1))
        return "DATE", _fmt(a), a
    # year, fiscal year, decade
    m = re.fullmatch(r"(?:(?:fiscal|calendar) (?:year )?|(?:the )?year |post-|pre-)?((?:1[5-9]|20)\d\d)(?: (period|quarter|first quarter|second quarter|third quarter|fourth quarter|first half|second half))?", t)
    if m:
        y = int(m.group(1))
        q = m.group(2)
        if q and q != "period":
            if q == "quarter":
                qn = (ctx.ref.day.month - 1) // 3 + 1 if ctx.ref and ctx.ref.gran == "Q" else None
                if qn is None:
                    a = Anchor("Y", dt.date(y, 1, 1))
                    return "DATE", f"{y}-QX", a
            elif "half" in q:
                a = Anchor("H", dt.date(y, 1 if q.startswith("first") else 7, 1))
                return "DATE", _fmt(a), a
            else:
                qn = lex["ordinals"][q.split()[0]]
            a = Anchor("Q", dt.date(y, 3 * qn - 2, 1))
            return "DATE", _fmt(a), a
        if q == "period" and ctx.ref and ctx.ref.gran == "Q":
            a = Anchor("Q", dt.date(y, ctx.ref.day.month, 1))
            return "DATE", _fmt(a), a
        a = Anchor("Y", dt.date(y, 1, 1))
        return "DATE", _fmt(a), a
    m = re.fullmatch(r"(?:the )?(?:(1[5-9]\d|20\d)0|'(\d)0)s", t)
    if m:
        if m.group(1):
            return "DATE", m.group(1), None
        d = int(m.group(2))
        cent = 19 if d >= 3 or dct is None or dct.year < 2000 + d * 10 else 20
        return "DATE", f"{cent}{d}", None
    # season
    m = re.fullmatch(r"(?:(last|next|this|that|the) )?(%s)(?:,? (?:of )?(\d{4}))?" % _alt(seasons), t)
    if m and (m.group(1) or m.group(3) or ctx.prev in ("the", "early", "late", "in", "past", "coming")):
        code = seasons[m.group(2)]
        rel = m.group(1)
        if m.group(3):
            y = int(m.group(3))
        elif rel == "that" and ctx.ref:
            y = ctx.ref.day.year
        elif dct:
            y = dct.year
            start, end = lex["season_months"][code]
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
        else:
            return "DATE", None, None
        a = Anchor("S", dt.date(y, 1, 1), code)
        return "DATE", _fmt(a), a
    # holidays
    m = re.fullmatch(r"(?:(last|next|this) )?(%s)(?: (\d{4}))?" % _alt(lex["holidays"]), t)
    if m:
        spec = lex["holidays"][m.group(2)]
        rel = m.group(1)
        if m.group(3):
            y = int(m.group(3))
        elif dct:
            y = dct.year
        else:
            return "DATE", None, None
        d = _holiday(spec, y)
        if not m.group(3) and dct:
            if (rel == "last" or (rel is None and ctx.tense == "past")) and d > dct:
                d = _holiday(spec, y - 1)
            elif (rel == "next" or (rel is None and ctx.tense == "future")) and \
                    d + dt.timedelta(days=6 if spec == "EAW" else 0) < dct:
                d = _holiday(spec, y + 1)
            elif rel is None and ctx.tense in (None, "near", "defer", "present"):
                # no tense: the nearest one
                d = min((_holiday(spec, y + k) for k in (-1, 0, 1)), key=lambda x: abs((x - dct).days))
        a = Anchor("W" if spec == "EAW" else "D", d)
        return "DATE", _fmt(a), a
    return None


def _century_or_year_end(t: str, ctx: Ctx) -> Optional[Result]:
    m = re.fullmatch(r"(?:the |a )?(\d{1,2})(?:st|nd|rd|th) century", t)
    if m:
        return "DATE", "%02d" % (int(m.group(1)) - 1), None
    m = re.fullmatch(r"(?:the )?(?:(this|last|next) )?year(?:'s)?[- ]end", t)
    if m:
        if ctx.dct is None:
            return "DATE", None, None
        y = ctx.dct.year + {"last": -1, "next": 1}.get(m.group(1) or "", 0)
        return "DATE", f"{y:04d}", None
    return None


def _spelled_year(t: str, ctx: Ctx) -> Optional[Result]:
    """Years and decades in words: "nineteen ninety-six", "the year two thousand", "the nineties"."""
    lex = _lex()
    t = re.sub(r"^(?:the )?year ", "", t)
    if t in lex["decade_words"]:
        return "DATE", "19%d" % lex["decade_words"][t], None
    m = re.fullmatch(r"the (\w+)", t)
    if m and m.group(1) in lex["decade_words"]:
        return "DATE", "19%d" % lex["decade_words"][m.group(1)], None
    m = re.fullmatch(r"nineteen(?: hundred)? (?:and )?(?:oh[- ])?(.+)", t)
    if m:
        n = _number(m.group(1))
        if n is None or n >= 100 or n != int(n):
            return None
        y = 1900 + int(n)
    else:
        m = re.fullmatch(r"two thousand(?: and (.+))?", t)
        if not m:
            return None
        n = _number(m.group(1)) if m.group(1) else 0
        if n is None:
            return None
        y = 2000 + int(n)
    a = Anchor("Y", dt.date(y, 1, 1))
    return "DATE", _fmt(a), a



_DAYWORDS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}


def _times(t: str, ctx: Ctx) -> Optional[Result]:
    lex = _lex()
    wds, parts = lex["weekdays"], lex["parts_of_day"]
    dct = ctx.dct
    wd_alt = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"

    def day_of(word: Optional[str], default_ref: bool = True) -> Optional[dt.date]:
        if word is None or word == "":
            if ctx.refday is not None and default_ref:
                return ctx.refday
            return dct
        if word in _DAYWORDS:
            return dct + dt.timedelta(days=_DAYWORDS[word]) if dct else None
        if word in wds:
            return _weekday(wds[word], ctx)
        r = _calendar(word, ctx)
        if r is not None and r[2] is not None and r[2].gran == "D":
            return r[2].day
        return None

    # clock time
    m = re.fullmatch(r"(?:about |around |approximately |at about |shortly after |just after |shortly before |just before )?"
                     r"(\d{1,2})(?:[:.](\d\d))? ?(am|pm|o'clock)(?: [a-z]{1,3}t|gmt|utc)?"
                     r"(?:,? (?:on )?(%s|today|yesterday|tomorrow|tonight|(?:%s) \d{1,2}))?" % (wd_alt, _alt(lex["months"])), t)
    if m:
        h, mi, ap = int(m.group(1)), int(m.group(2) or 0), m.group(3)
        if h > 12 or mi > 59:
            return None
        if ap == "pm" and h < 12:
            h += 12
        if ap == "am" and h == 12:
            h = 0
        d = day_of(m.group(4))
        if d is None:
            return "TIME", None, None
        return "TIME", f"{d.isoformat()}T{h:02d}:{mi:02d}", Anchor("D", d)
    # today / yesterday / tomorrow / tonight, with a part of day
    m = re.fullmatch(r"(today|yesterday|tomorrow|tonight)(?: (morning|afternoon|evening|night))?", t)
    if m:
        if dct is None:
            return ("TIME" if m.group(2) or m.group(1) == "tonight" else "DATE"), None, None
        d = dct + dt.timedelta(days=_DAYWORDS[m.group(1)])
        a = Anchor("D", d)
        if m.group(2) or m.group(1) == "tonight":
            return "TIME", d.isoformat() + "T" + parts[m.group(2) or "tonight"], a
        return "DATE", d.isoformat(), a
    # the day before yesterday
    m = re.fullmatch(r"the day (before|after) (yesterday|tomorrow)", t)
    if m:
        if dct is None:
            return "DATE", None, None
        d = dct + dt.timedelta(days=_DAYWORDS[m.group(2)] + (-1 if m.group(1) == "before" else 1))
        return "DATE", d.isoformat(), Anchor("D", d)
    # weekday (+ part of day)
    m = re.fullmatch(r"(?:(last|next|this|this past|this coming|that|the previous|the following|the next|the same) )?(%s)(?: (morning|afternoon|evening|night))?" % wd_alt, t)
    if m:
        rel = m.group(1)
        if rel in ("that", "the same", "the previous", "the following", "the next"):
            base = ctx.refday or dct
            if base is None:
                return "DATE", None, None
            wd = wds[m.group(2)]
            if rel in ("the following", "the next"):
                d = base + dt.timedelta(days=(wd - base.isoweekday()) % 7 or 7)
            elif rel == "the previous":
                d = base - dt.timedelta(days=(base.isoweekday() - wd) % 7 or 7)
            else:
                d = base - dt.timedelta(days=(base.isoweekday() - wd) % 7)
        else:
            d = _weekday(wds[m.group(2)], ctx, rel or "")
        if d is None:
            return ("TIME" if m.group(3) else "DATE"), None, None
        if m.group(3):
            return "TIME", d.isoformat() + "T" + parts[m.group(3)], Anchor("D", d)
        return "DATE", d.isoformat(), Anchor("D", d)
    # noon/midnight + day, part of day + deictic
    m = re.fullmatch(r"(noon|midnight|midday) (?:on )?(%s|today|yesterday|tomorrow)" % wd_alt, t)
    if m:
        d = day_of(m.group(2))
        if d is None:
            return "TIME", None, None
        return "TIME", d.isoformat() + "T" + parts[m.group(1)], Anchor("D", d)
    m = re.fullmatch(r"(this|that|last|the|yesterday|tomorrow|%s) (morning|afternoon|evening|night)" % wd_alt, t)
    if m:
        w = m.group(1)
        if w == "this":
            d = dct
        elif w == "last":
            d = dct - dt.timedelta(days=1) if dct and m.group(2) == "night" else (
                dct - dt.timedelta(days=1) if dct else None)
        elif w in ("that", "the"):
            d = ctx.ref.day if ctx.ref and ctx.ref.gran == "D" else dct
        else:
            d = day_of(w)
        if d is None:
            return "TIME", None, None
        return "TIME", d.isoformat() + "T" + parts[m.group(2)], Anchor("D", d)
    m = re.fullmatch(r"(midnight|noon|midday|overnight|mid-?afternoon|mid afternoon|mid-?morning)", t)
    if m:
        d = day_of(None)
        code = parts.get(m.group(1), "AF")
        if d is None:
            return "TIME", None, None
        return "TIME", d.isoformat() + "T" + code, None
    return None



def _relative(t: str, full: str, ctx: Ctx) -> Optional[Result]:
    """this/last/next + unit, N units ago/later, quarters and halves."""
    lex = _lex()
    dct = ctx.dct
    ref = ctx.ref
    # the year-ago period / quarter
    m = re.fullmatch(r"(?:the )?(?:comparable |corresponding |same |prior )?(year-ago|year-earlier|year earlier|year-before|prior-year|(?:1[5-9]|20)\d\d) "
                     r"(period|quarter|nine months|six months|first half|second half)", t)
    if m:
        if m.group(2) in ("nine months", "six months"):
            return "DURATION", "P9M" if m.group(2).startswith("nine") else "P6M", None
        # the quarter compared with: the last one named (if it is the current reporting
        # period, not a future or a year-old one), else the last completed one
        if ref is not None and ref.gran in ("Q", "H") and _recent(ref, dct):
            qref = ref
        elif dct is not None:
            qref = Anchor("Q", _shift(dct, "Q", -1))
        else:
            qref = None
        if m.group(1)[0].isdigit():
            y = int(m.group(1))
        else:
            if qref is None:
                return "DATE", None, None
            y = qref.day.year - 1
        if m.group(2) in ("first half", "second half"):
            a = Anchor("H", dt.date(y, 1 if m.group(2).startswith("first") else 7, 1))
            return "DATE", _fmt(a), None
        if qref is not None:
            a = Anchor(qref.gran, dt.date(y, qref.day.month, 1))
            return "DATE", _fmt(a), None
        return "DATE", f"{y:04d}", None
    m = re.fullmatch(r"(this|last|next) year's (first|second|third|fourth|final) (?:fiscal )?(quarter|half)", t)
    if m:
        if dct is None:
            return "DATE", None, None
        y = dct.year + {"this": 0, "last": -1, "next": 1}[m.group(1)]
        n = lex["ordinals"].get(m.group(2), 4 if m.group(3) == "quarter" else 2)
        half = m.group(3) == "half"
        a = Anchor("H" if half else "Q", dt.date(y, (6 if half else 3) * (n - 1) + 1, 1))
        return "DATE", _fmt(a), a
    m = re.fullmatch(r"the (quarter|period|year|month) a year (?:ago|earlier)", t)
    if m:
        if ref is not None and ref.gran in ("Q", "H") and m.group(1) in ("quarter", "period"):
            base = ref
        elif dct is not None:
            g = {"quarter": "Q", "period": "Q", "year": "Y", "month": "M"}[m.group(1)]
            base = Anchor(g, _shift(dct, g, -1) if g != "Y" else dct)
        else:
            return "DATE", None, None
        a = Anchor(base.gran, _shift(base.day, "Y", -1))
        return "DATE", _fmt(a), None
    m = re.fullmatch(r"the (latest|current) period", t)
    if m:
        if ref is not None and ref.gran in ("Q", "H"):
            return "DATE", _fmt(ref), None
        if dct is None:
            return "DATE", None, None
        a = Anchor("Q", _shift(dct, "Q", -1))
        return "DATE", _fmt(a), None
    m = re.fullmatch(r"(?:the )?(current |latest |previous |prior |past |full |whole |entire |next |coming )?(?:fiscal|financial|calendar|full|school) year", t)
    if m:
        if dct is None:
            return "DATE", None, None
        w = (m.group(1) or "").strip()
        y = dct.year + {"latest": -1, "previous": -1, "prior": -1, "past": -1, "next": 1, "coming": 1}.get(w, 0)
        return "DATE", f"{y:04d}", None
    m = re.fullmatch(r"(%s) (this|last|next) year" % _alt(lex["months"]), t)
    if m:
        if dct is None:
            return "DATE", None, None
        y = dct.year + {"this": 0, "last": -1, "next": 1}[m.group(2)]
        a = Anchor("M", dt.date(y, lex["months"][m.group(1)], 1))
        return "DATE", _fmt(a), a
    m = re.fullmatch(r"(?:earlier|later) in the (day|week|month|year)", t)
    if m:
        base = ctx.refday or dct
        if base is None:
            return "DATE", None, None
        a = Anchor(_unit_code(m.group(1)), base)
        return "DATE", _fmt(a), None
    m = re.fullmatch(r"(?:the )?(next|following|previous) (morning|afternoon|evening|night)", t)
    if m:
        base = ctx.refday or dct
        if base is None:
            return "TIME", None, None
        d = base + dt.timedelta(days=-1 if m.group(1) == "previous" else 1)
        return "TIME", d.isoformat() + "T" + lex["parts_of_day"][m.group(2)], Anchor("D", d)
    # quarters / halves
    m = re.fullmatch(r"(?:the )?(?:((?:1[5-9]|20)\d\d) )?((?:(?:first|second|third|fourth|final|last|latest|current|next|previous|past|same|comparable|year-earlier|year-ago|fiscal|recent|calendar)[- ]){0,3})(quarter|half)s?(?:,? (?:of )?(?:fiscal )?((?:1[5-9]|20)\d\d))?", t)
    if m and (m.group(2) or m.group(1) or m.group(4) or full.startswith("the ")):
        mods = [w for w in re.split(r"[- ]", m.group(2) or "") if w]
        half = m.group(3) == "half"
        year = m.group(1) or m.group(4)
        n = None
        for w in mods:
            if w in lex["ordinals"]:
                n = lex["ordinals"][w]
        if t.endswith("s") and not year:
            if n:
                return "SET", f"XXXX-Q{n}", None
            return None  # "recent quarters": a vague duration, read below
        ago = bool(re.search(r"year[- ](?:earlier|ago)", m.group(2) or ""))
        if half and n is None and "last" in mods and year:
            n = 2
        base = None
        if n is not None:
            if year:
                y = int(year)
            elif dct is None and ref is not None:
                y = ref.day.year
            elif dct:
                y = dct.year
                cur = (dct.month - 1) // (6 if half else 3) + 1
                if n > cur and ctx.tense != "future":
                    y -= 1
            else:
                return "DATE", None, None
            base = dt.date(y, (6 if half else 3) * (n - 1) + 1, 1)
        else:
            if "next" in mods:
                src = dct
                if src is None:
                    return "DATE", None, None
                base = _shift(src, "H" if half else "Q", 1)
            elif "current" in mods or "this" in mods:
                if dct is None:
                    return "DATE", None, None
                base = dct
            elif "latest" in mods and dct is not None:
                base = _shift(dct, "H" if half else "Q", -1)
            elif ref is not None and ref.gran == ("H" if half else "Q"):
                base = ref.day
            elif dct is not None:
                base = _shift(dct, "H" if half else "Q", -1)
            else:
                return "DATE", None, None
        if ago and base:
            base = _shift(base, "Y", -1)
        a = Anchor("H" if half else "Q", base)
        return "DATE", _fmt(a), (a if not ago else None)
    # this / last / next / same ... unit
    m = re.fullmatch(r"(this|that|last|next|the same|the following|the previous|the preceding|the next|the current|"
                     r"the prior|the coming|the past|the latest|the last|the whole|the entire|the) "
                     r"(day|week|weekend|month|quarter|year|decade|century)", t)
    if m:
        rel, unit = m.group(1), m.group(2)
        ucode = _unit_code(unit)
        g = {"D": "D", "W": "W", "WE": "W", "M": "M", "Q": "Q", "Y": "Y", "DE": "DE", "CE": "CE"}[ucode]
        if rel in ("the whole", "the entire", "the past", "the coming") or (rel == "the" and unit not in ("year", "week", "month", "weekend")) \
                or (rel == "the" and unit not in ("weekend", "year") and ctx.prev in ("for", "over", "throughout")) \
                or (rel == "the" and ctx.next in ("ended", "ending")):  # "the year ended June 30": a fiscal period
            return "DURATION", _dur(1, ucode), None
        if rel in ("this", "the current", "the"):
            base, step = dct, 0
            if rel == "the" and ref is not None and ref.gran in ("Y", "M", "W", "D", "Q") and unit == "year":
                base = ref.day
        elif rel in ("last", "the previous", "the preceding", "the prior", "the last"):
            base, step = dct, -1
            if rel not in ("last", "the last") and ref is not None:
                base = ref.day
        elif rel in ("next", "the next", "the following"):
            base, step = dct, 1
            if rel != "next" and ref is not None:
                base = ref.day
        elif rel == "the latest":
            base, step = dct, 0
        else:  # that, the same
            base, step = (ref.day if ref else dct), 0
        if base is None:
            return "DATE", None, None
        if g == "DE":
            d = _add_months(base, 120 * step)
            return "DATE", f"{d.year // 10:03d}", None
        if g == "CE":
            d = _add_months(base, 1200 * step)
            return "DATE", f"{d.year // 100:02d}", None
        d = _shift(base, g, step)
        if d is None:
            return None
        if unit == "weekend":
            if step == 0 and base is dct and base is not None and base.isoweekday() < 6 and ctx.tense != "future":
                d = base - dt.timedelta(days=7)  # "the weekend" read on a weekday: the one just past
            a = Anchor("W", d)
            return "DATE", _fmt(a) + "-WE", None
        a = Anchor(g, d)
        return "DATE", _fmt(a), a
    # earlier/later this unit
    # N units ago / earlier / later / from now; in N units
    m = re.fullmatch(r"(.+?)[- ](day|days|week|weeks|month|months|quarter|quarters|year|years|decade|decades|hour|hours|minute|minutes)"
                     r" (ago|earlier|later|before|after|from now|hence|before that|after that)", t)
    if m:
        n = _number(m.group(1))
        ucode = _unit_code(m.group(2))
        direction = -1 if m.group(3) in ("ago", "earlier", "before", "before that") else 1
        anaph = m.group(3) not in ("ago", "from now", "hence")
        if ucode in _TIME_UNITS:
            return "DURATION", _dur(n, ucode), None
        if n is None:
            if anaph:  # "a few days later": a vague stretch after the last date
                return "DURATION", _dur(None, ucode), None
            return ("DATE", "PAST_REF" if direction < 0 else "FUTURE_REF", None)
        base = (ref.day if ref is not None else dct) if anaph else dct
        g = {"DE": "Y", "CE": "Y"}.get(ucode, ucode)
        mult = _UNIT_BASE[ucode][1] if ucode in ("DE", "CE") else 1
        if base is None:
            return "DATE", None, None
        gran = g
        if ucode == "Y" and n == 1 and ref is not None and ref.gran == "Q":
            # "a year ago/earlier" in a quarterly report compares quarters
            base, gran = ref.day, "Q"
        if ucode == "Y" and anaph and ref is not None and ref.gran in ("D", "M"):
            gran = "Y"
        if ucode == "W" and anaph and ref is not None and ref.gran == "D":
            gran = "D"  # "a week later" than a given day is a day
        d = _shift(base, g, direction * n * mult)
        if d is None:
            return None
        a = Anchor(gran, d)
        # only day-level offsets move the reference time ("two days later ... a day after that")
        return "DATE", _fmt(a), (a if gran in ("D", "W") else None)
    m = re.fullmatch(r"(?:the )?(day|week|month|year|night|morning|evening) (before|after|earlier|later)", t)
    if m:
        base = ref.day if ref is not None else dct
        if base is None:
            return "DATE", None, None
        u = m.group(1)
        step = -1 if m.group(2) in ("before", "earlier") else 1
        if u in ("night", "morning", "evening"):
            d = base + dt.timedelta(days=step)
            return "TIME", d.isoformat() + "T" + lex["parts_of_day"][u], Anchor("D", d)
        g = _unit_code(u)
        d = _shift(base, g, step)
        a = Anchor(g, d)
        return "DATE", _fmt(a), a
    m = re.fullmatch(r"year-(?:earlier|ago)", t)
    if m:
        base = ref if ref is not None and _recent(ref, dct) else (Anchor("Y", dct) if dct else ref)
        if base is None:
            return "DATE", None, None
        a = Anchor(base.gran if base.gran in ("Q", "Y", "M", "H") else "Y", _shift(base.day, "Y", -1))
        return "DATE", _fmt(a), None
    return None


def _durations(t: str, full: str, ctx: Ctx) -> Optional[Result]:
    lex = _lex()
    m = re.fullmatch(r"(?:the )?(seconds|minutes|hours|days|weeks|months|quarters|years|decades|centuries)(?: or (?:days|weeks|months|years))?", t)
    if m:
        return "DURATION", _dur(None, _unit_code(m.group(1))), None
    m = re.fullmatch(r"(second|minute|hour|day|week|month|quarter|year|decade|century)", t)
    if m and full != t and re.match(r"(?:an? )?(?:additional|extra|another|full|whole|entire)\b", full):
        return "DURATION", _dur(1, _unit_code(m.group(1))), None
    m = re.fullmatch(r"(?:(?:each of |all of |for )?the )?(?:(first|last|past|next|latest|previous|following|coming|remaining|year-earlier|final|same|recent) )?"
                     r"(.*?)(?:[- ](?:more|additional|straight|consecutive|full|successive|calendar))?[- ]"
                     r"((?:trading |business )?(?:second|minute|hour|day|week|weekend|fortnight|month|quarter|year|decade|century|millennium)s?|centuries|millennia)"
                     r"(?:-(long|old))?(?: (or so|ahead|in a row|running|old|and a half))?", t)
    if m:
        lead, numw, unit = m.group(1), m.group(2).strip(), m.group(3)
        if m.group(5) == "and a half" and _number(numw) is not None:
            numw = str(_number(numw) + 0.5)
        if lead is None and numw in ("recent", "coming", "past", "last", "next", "the recent", "the coming", "the past"):
            lead, numw = numw.split()[-1], ""
        ucode = _unit_code(unit)
        if ucode is None:
            return None
        if numw in ("", "the"):
            if unit.endswith("s") or unit in ("centuries", "millennia"):
                if lead == "recent" and ucode in ("Y", "DE"):
                    return "DATE", "PAST_REF", None
                if lead == "coming":
                    return "DATE", "FUTURE_REF", None
                return "DURATION", _dur(None, ucode), None
            if lead is None and not full.startswith(("the", "each", "all")):
                return "DURATION", _dur(1, ucode), None
            return None
        n = _number(numw)
        if n is None:
            if re.fullmatch(r"(?:\d+|[a-z]+) (?:to|or|and) (?:\d+|[a-z]+)", numw):
                first = _number(numw.split()[0])
                if first is not None and numw.split()[1] == "to":
                    return "DURATION", _dur(None, ucode), None
                return "DURATION", _dur(first, ucode), None
            if numw in lex["vague_numbers"] or numw in lex["modifiers"]:
                return "DURATION", _dur(None, ucode), None
            return None
        # "in three days" said of the future: a date counted from the publication date
        if ctx.prev == "in" and ctx.tense == "future" and ctx.dct is not None and lead is None \
                and ucode in ("D", "W", "M", "Y") and n == int(n):
            d = _shift(ctx.dct, ucode, int(n))
            if d is not None:
                a = Anchor(ucode, d)
                return "DATE", _fmt(a), a
        # a price or quantity "a year": "$5 a year" is a rate
        if numw in ("a", "an") and re.fullmatch(r"[\d$%.,]+|million|billion|times|once|twice", ctx.prev or "-"):
            return "SET", _dur(1, ucode), None
        return "DURATION", _dur(n, ucode), None
    m = re.fullmatch(r"(?:a |an )?(day|year|week|month|hour|decade)s?-long", t)
    if m:
        return "DURATION", _dur(None if t.split("-")[0].endswith("s") else 1, _unit_code(m.group(1))), None
    return None
