"""Dates: temporal expressions found in news text, typed and valued as TIMEX3.

Job: find the spans (own regex grammar from ``models/dates/`` plus spaCy DATE/TIME
entities as a fallback), trim them the way TimeML annotates (no prepositions or
possessive ``'s``; determiners and modifiers kept), and give each a TIMEX3 type
(DATE, TIME, DURATION, SET) and value anchored to the publication date
(``doc._.published``):

* granularity kept: ``2018``, ``2020-02``, ``2021-08-15``, ``2021-W41``, ``199``
  (decade), ``2019-SU``, ``2021-Q3``, ``2021-H1``, ``2021-10-18TMO``, ``…T15:00``;
* deictic expressions (today, last week, two weeks ago, in three days) against the
  publication date; weekdays by the verb the expression attaches to (past looks back;
  will/modals, "is to", "set to", present-tense schedules look ahead; until/by/through
  after a past verb take the nearest such day; deferrals point ahead); a month or day
  with no tense is the last one unless the next is at most three months ahead;
* ranges ("from Monday to Wednesday", "between 2010 and 2015", "2010-2015",
  "9 p.m. to 5 a.m.") are two dates valued together: the end is not before the start,
  and a past range ends by the publication date;
* anaphoric ones (two days earlier, the same day, that year) against the last date
  anchored in the text;
* durations (``P2Y``, ``PXY``, ``PT5H``), sets (``P1W``, ``XXXX-WXX-2``) and
  ``PRESENT_REF``/``PAST_REF``/``FUTURE_REF``.

Without a publication date, absolute dates still resolve and anchored values are
``None``. ``dateparser`` (English only, cached) is only a fallback for a found
expression the rules cannot read. Limits: English only; one value per span (a range
is two spans); time zones are dropped; fiscal calendars are treated as calendar years;
weekday direction follows the parser's tags and attachment, so a mis-parse can flip it.

Plain entry points: :func:`normalise` (text + publication date → type, value) for a
single expression, :func:`find_dates` for a parsed ``Doc``.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from functools import lru_cache
from typing import FrozenSet, List, NamedTuple, Optional, Tuple

from spacy.language import Language
from spacy.tokens import Doc

from .boilerplate import in_boilerplate
from .records import DateExpr
from .resources import load_json, load_lines

if not Doc.has_extension("nk_dates"):
    Doc.set_extension("nk_dates", default=None)
if not Doc.has_extension("published"):
    Doc.set_extension("published", default=None)

# --------------------------------------------------------------------------- lexicon


def _alt(words) -> str:
    words = tuple(words)
    return _alt_cached(words)


@lru_cache(maxsize=64)
def _alt_cached(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def _lex() -> dict:
    return load_json("dates/lexicon.json")


_UNIT_BASE = {"S": ("S", 1), "MIN": ("M", 1), "H": ("H", 1), "D": ("D", 1), "W": ("W", 1), "WE": ("D", 2),
              "FN": ("W", 2), "M": ("M", 1), "Q": ("Q", 1), "Y": ("Y", 1), "DE": ("Y", 10), "CE": ("Y", 100),
              "ML": ("Y", 1000)}
_TIME_UNITS = {"S", "MIN", "H"}


@lru_cache(maxsize=1)
def _span_regexes() -> List["re.Pattern[str]"]:
    lex = _lex()
    month_words = []
    for m in lex["months"]:
        cap = m.capitalize()
        month_words.append(cap + (r"\b\.?" if len(m) <= 4 and m != "june" and m != "july" and m != "may" else r"\b"))
        if len(m) > 4 or m in ("may", "june", "july"):
            month_words.append(m.upper() + r"\b")
    month = "(?-i:" + "|".join(sorted(month_words, key=len, reverse=True)) + ")"
    wd_full = [w for w in lex["weekdays"] if len(w) > 5]
    wd = "(?-i:(?:" + "|".join(w.capitalize() for w in wd_full) + r")s?\b)"
    number = _alt([k for k in lex["numbers"]] + lex["vague_numbers"][:14])
    tens = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
    num = (r"(?:\d+(?:[.,]\d+)?(?: 1/2| and a half)?|(?:%s)[- ](?:one|two|three|four|five|six|seven|eight|nine)|(?:%s)(?: and a half)?)"
           % (tens, number))
    units = lex["units"]
    unit = "(?:" + _alt(units) + r")\b"
    unitsg = "(?:" + _alt([u for u in units if not u.endswith("s")]) + r")\b"
    unitpl = "(?:" + _alt([u for u in units if u.endswith("s") or u.endswith("ies") or u == "millennia"]) + r")\b"
    mod = "(?:" + _alt(lex["modifiers"]) + ")"
    season = "(?:" + _alt(lex["seasons"]) + r")\b"
    part = "(?:" + _alt(lex["parts_of_day"]) + ")"
    holiday = "(?-i:" + "|".join(_capwords(h) for h in sorted(lex["holidays"], key=len, reverse=True)) + r")\b"
    refs = [r for r in lex["present_ref"] + lex["past_ref"] + lex["future_ref"]]
    ref = r"\b(?:" + _alt(refs) + r")\b"
    setadv = r"\b(?:" + _alt(lex["set_adverbs"]) + r")\b"
    # a year; "2010-2015" is two (a hyphen joins two full years, not a year and a number)
    year = (r"(?<![\d$#.,/])(?:(?<![\d]-)|(?<=(?<!\d)(?:1[5-9]|20)\d\d-))(?:1[5-9]\d\d|20\d\d)"
            r"(?![\d%/]|,\d|\.\d|-(?!(?:1[5-9]|20)\d\d(?!\d))\d)")
    subs = {"MONTH": month, "WD": wd, "YEAR": year, "NUM": num, "UNIT": unit, "UNITSG": unitsg,
            "UNITPL": unitpl, "MOD": mod, "SEASON": season, "PART": part, "HOLIDAY": holiday, "REF": ref,
            "SETADV": setadv}
    pats = []
    for line in load_lines("dates/patterns.txt"):
        pats.append(re.sub(r"<([A-Z]+)>", lambda m: subs[m.group(1)], line).replace(" ?", r"\s*").replace(" ", r"\s+"))
    return [re.compile(p, re.I) for p in pats]


@lru_cache(maxsize=1)
def _any_regex() -> "re.Pattern[str]":
    return re.compile("|".join("(?:%s)" % rx.pattern for rx in _span_regexes()), re.I)


def _capwords(s: str) -> str:
    """A name with its first word capitalised; later words either way ("Christmas eve")."""
    words = s.split()
    out = [re.escape(words[0][:1].upper() + words[0][1:])]
    out += ["[%s%s]%s" % (w[:1].upper(), w[:1].lower(), re.escape(w[1:])) if w[:1].isalpha() else re.escape(w)
            for w in words[1:]]
    return r"\s+".join(out)


# --------------------------------------------------------------------------- calendar helpers

class Anchor(NamedTuple):
    gran: str  # Y, Q, H, M, W, D, S (season), DE (decade)
    day: dt.date
    extra: str = ""  # season code


def _fmt(a: Anchor) -> str:
    y = a.day.year
    if a.gran == "Y":
        return f"{y:04d}"
    if a.gran == "Q":
        return f"{y:04d}-Q{(a.day.month - 1) // 3 + 1}"
    if a.gran == "H":
        return f"{y:04d}-H{1 if a.day.month <= 6 else 2}"
    if a.gran == "M":
        return f"{y:04d}-{a.day.month:02d}"
    if a.gran == "W":
        iy, iw, _ = a.day.isocalendar()
        return f"{iy:04d}-W{iw:02d}"
    if a.gran == "S":
        return f"{y:04d}-{a.extra}"
    if a.gran == "DE":
        return f"{y // 10:03d}"
    return a.day.isoformat()


def _add_months(d: dt.date, n: int) -> dt.date:
    m = d.month - 1 + n
    y = d.year + m // 12
    m = m % 12 + 1
    return dt.date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def _shift(d: dt.date, unit: str, n: float) -> Optional[dt.date]:
    try:
        if unit == "D":
            return d + dt.timedelta(days=n)
        if unit == "W":
            return d + dt.timedelta(days=7 * n)
        if unit == "M":
            return _add_months(d, int(round(n)))
        if unit == "Q":
            return _add_months(d, int(round(3 * n)))
        if unit == "H":
            return _add_months(d, int(round(6 * n)))
        if unit == "Y":
            return _add_months(d, int(round(12 * n)))
    except (OverflowError, ValueError):
        return None
    return None


def _nth_weekday(y: int, m: int, wd: int, n: int) -> dt.date:
    """n-th (1-based; -1 = last) ISO weekday ``wd`` (1=Mon) of month m."""
    if n > 0:
        d = dt.date(y, m, 1)
        d += dt.timedelta(days=(wd - d.isoweekday()) % 7)
        return d + dt.timedelta(days=7 * (n - 1))
    d = dt.date(y, m, calendar.monthrange(y, m)[1])
    return d - dt.timedelta(days=(d.isoweekday() - wd) % 7)


# --------------------------------------------------------------------------- normalisation


class Ctx:
    """What the normaliser knows besides the expression itself."""

    __slots__ = ("dct", "tense", "ref", "prev", "next", "refday", "year_hint")

    def __init__(self, dct: Optional[dt.date], tense: Optional[str] = None, ref: Optional[Anchor] = None,
                 prev: str = "", next: str = ""):
        self.dct = dct
        self.tense = tense  # "past" | "future" | "near" (the nearest day) | None
        self.ref = ref  # last anchored date in the text
        self.prev = prev.lower()  # the word before the expression
        self.next = next.lower()  # the word after
        self.refday = ref.day if ref is not None and ref.gran == "D" else None  # last anchored day
        self.year_hint: Optional[int] = None  # a year written earlier in the same sentence


Result = Tuple[str, Optional[str], Optional[Anchor]]  # type, value, anchor (for the reference time)

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


def _dur(n: Optional[float], ucode: str) -> str:
    base, mult = _UNIT_BASE[ucode]
    time = ucode in _TIME_UNITS
    if n is None:
        if ucode == "DE":
            return "PXDE"
        if ucode == "CE":
            return "PXCE"
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


def _month_year(mon: int, ctx: Ctx, explicit: Optional[int] = None) -> Optional[int]:
    if explicit is not None:
        return explicit
    if ctx.year_hint is not None:
        return ctx.year_hint
    base = ctx.dct or (ctx.ref.day if ctx.ref else None)
    if base is None:
        return None
    y = base.year
    if ctx.dct is None:
        return y
    if ctx.tense == "past":
        return y - 1 if mon > base.month + 1 else y
    if ctx.tense == "future":
        return y + 1 if mon < base.month else y
    # no tense: news looks back, so the last such month unless the next one is close
    # (at most three months ahead: "through January" read in October)
    ahead = (mon - base.month) % 12
    if ahead == 0 or ahead <= 3:
        return y + 1 if mon < base.month else y
    return y - 1 if mon > base.month else y


def _weekday(wd: int, ctx: Ctx, rel: str = "") -> Optional[dt.date]:
    base = ctx.dct
    if base is None:
        return None
    diff = wd - base.isoweekday()  # -6..6
    if rel in ("last", "this past", "past"):
        back = (base.isoweekday() - wd) % 7 or 7
        return base - dt.timedelta(days=back)
    if rel in ("next", "this coming", "coming"):
        fwd = (wd - base.isoweekday()) % 7 or 7
        return base + dt.timedelta(days=fwd)
    if diff == 0:
        return base
    back = (base.isoweekday() - wd) % 7
    fwd = (wd - base.isoweekday()) % 7
    if ctx.tense == "past":
        return base - dt.timedelta(days=back)
    if ctx.tense in ("future", "present", "defer"):  # "the leaders meet Monday": a schedule
        return base + dt.timedelta(days=fwd)
    if ctx.tense == "near":
        return base - dt.timedelta(days=back) if back < fwd else base + dt.timedelta(days=fwd)
    # news reports mostly look back: without a tense, the past day unless the next one is tomorrow
    return base - dt.timedelta(days=back)


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
    return dt.date(y, month, (h + l_ - 7 * m + 33 * month + 19) % 32)


def _holiday(spec: str, y: int) -> dt.date:
    if spec == "EAW":  # Holy Week: the Monday of the ISO week that ends on Easter Sunday
        return _easter(y) - dt.timedelta(days=6)
    if spec.startswith("EA"):  # days from Easter Sunday
        return _easter(y) + dt.timedelta(days=int(spec[2:]))
    mo, rest = spec.split("-")
    if rest.isdigit():
        return dt.date(y, int(mo), int(rest))
    wd = {"MO": 1, "TU": 2, "WE": 3, "TH": 4, "FR": 5, "SA": 6, "SU": 7}[rest[:2]]
    n = -1 if rest[2:] == "L" else int(rest[2:])
    return _nth_weekday(y, int(mo), wd, n)


def _day_year(mon: int, day: int, ctx: Ctx) -> Optional[int]:
    if ctx.year_hint is not None:
        return ctx.year_hint
    if ctx.dct is None:
        # a year given earlier in the text anchors a bare "August 15"
        return ctx.ref.day.year if ctx.ref else None
    base = ctx.dct
    y = base.year
    try:
        cand = dt.date(y, mon, day)
    except ValueError:
        return y
    delta = (cand - base).days
    if ctx.tense == "past" and delta > 90:
        return y - 1
    if ctx.tense == "future" and delta < -60:
        return y + 1
    if ctx.tense in ("past", "future"):
        if delta > 183:
            return y - 1
        if delta < -183 and ctx.tense != "past":
            return y + 1
        return y
    # no tense: news looks back, so the last such day unless the next one is close
    # (at most three months ahead)
    ahead = delta if delta >= 0 else (delta + 365)
    if ahead <= 92:
        return y if delta >= 0 else y + 1
    return y if delta <= 0 else y - 1


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


def _recent(a: Anchor, dct: Optional[dt.date]) -> bool:
    """Whether an anchored period can be the one a report is about: the publication
    year, or a part starting within the 15 months before the publication date and not
    after it (always, without a publication date)."""
    if dct is None:
        return True
    if a.gran == "Y":
        return a.day.year == dct.year
    return _add_months(dct, -15) < a.day <= dct


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


# --------------------------------------------------------------------------- finding spans

_PREP_TRIM = re.compile(r"^(?:(?:on|in|over(?= the )|at(?! least| most| about| around)|by|since|until|till|from|to|during|for|of|through|throughout|before|after|"
                        r"between|into|as of|as)\s+)+", re.I)
_AGE_AFTER = re.compile(r"^(?:-|\s)old\b|^-olds?\b", re.I)
_YEAR_ONLY = re.compile(r"(?:1[5-9]|20)\d\d")
_YEAR_PREV_OK = {"in", "since", "by", "until", "till", "before", "after", "during", "of", "from", "to", "through",
                 "between", "and", "or", "early", "late", "mid", "fiscal", "year", "the", "throughout", "around",
                 "circa", "spring", "summer", "fall", "autumn", "winter", "than", "for", "into", "as", "at",
                 "on", "beyond", "about", "-", "(", "within", "toward", "towards", "past", "last", "a", "an",
                 "that", "this", "its", "his", "her", "their", "our", "whose", "every"}


def _verb_tense(v, depth: int = 0) -> Optional[str]:
    """Tense of one verb: "past", "future", "present" or None (bare/unknown)."""
    auxes = [c for c in v.children if c.dep_ in ("aux", "auxpass")]
    lows = {c.lower_ for c in auxes}
    if lows & {"will", "'ll", "shall", "wo"} or v.lower_ in ("will", "'ll"):
        return "future"
    if any(c.tag_ == "MD" for c in auxes) and not lows & {"have", "did", "could", "can", "might"}:
        return "future"  # "would be flying", "may resume"
    if v.tag_ == "VBD" or any(c.tag_ == "VBD" for c in auxes):
        return "past"
    if v.tag_ == "VBN" and not auxes and v.dep_ == "acl" and depth < 3 and \
            (v.lemma_.lower() in _future_cues() or v.lower_ in _lex_set("infinitive_future_cues")):
        # a reduced relative plan ("the talks, set to resume Monday") has the time of its
        # clause; other reduced relatives are past ("the ruling issued Thursday")
        n = v.head
        for _ in range(4):
            if n.pos_ in ("VERB", "AUX") or n.head.i == n.i:
                break
            n = n.head
        return _verb_tense(n, depth + 1) if n.pos_ in ("VERB", "AUX") else None
    if v.tag_ == "VBN" and (lows & {"has", "have", "had", "was", "were", "been"} or not auxes):
        return "past"
    if v.tag_ == "VBG" and lows & {"is", "are", "'s", "'re", "am"}:
        return "future"  # present progressive: a plan ("is flying Thursday")
    if v.tag_ == "VB" and "to" in lows and v.head.i != v.i and v.head.pos_ in ("VERB", "AUX", "ADJ") and depth < 3:
        # an infinitive takes the time of its governor: "is to resume", "are set to vote"
        h = v.head
        ht = _verb_tense(h, depth + 1) if h.pos_ != "ADJ" else (_verb_tense(h.head, depth + 1) if h.head.i != h.i else None)
        if h.lemma_ == "be" and ht in (None, "present"):
            return "future"  # "is to resume"
        if ht == "future" and not any(c.tag_ == "MD" for c in h.children if c.dep_ in ("aux", "auxpass")):
            return "present"  # "is trying to sell": ongoing, not a plan
        return ht
    if v.tag_ in ("VBZ", "VBP") or any(c.tag_ in ("VBZ", "VBP") for c in auxes):
        return "present"
    return None


def _governing_tense(doc: Doc, start: int, end: int, text: Optional[str] = None) -> Optional[str]:
    """Which way a deictic expression points, from the verb it attaches to.

    "past", "future", "near" (the nearest such day: a past event reported with a
    forward-looking preposition, "issued a warning until Wednesday"), "present" (a
    weekday taken by a present-tense verb, read as a schedule), "defer" (a past
    deferral: "postponed until Tuesday", ahead for a weekday) or None.
    Rules: will/modals, "is to", "plans to", present progressive and a present
    tense (not a reporting verb: "the leaders meet Monday") point forward;
    until/till/by/before/through and "as soon as" point forward unless the verb is
    past, then to the nearest day; a past plan ("was scheduled for Friday") is the
    nearest day; a past verb looks back.
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    lex = _lex()
    cues = _future_cues()
    tok = span.root
    fwd_prep = (tok.dep_ == "pobj" and tok.head.lower_ in lex["future_cue_preps"]
                and tok.head.i < span.start) or bool(_fwd_phrase_re().search(text if text is not None else doc.text, max(0, start - 20), start))
    cue = None
    for _ in range(6):
        if cue is None and tok.lemma_.lower() in cues and tok.i not in range(span.start, span.end):
            cue = tok
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ != "amod":
            break
        if tok.head.i == tok.i:
            break
        tok = tok.head
    else:
        return "future" if cue is not None or fwd_prep else None
    verb = tok if tok.pos_ in ("VERB", "AUX") else None
    if verb is None:
        return "future" if cue is not None or fwd_prep else None
    t = _verb_tense(verb)
    # a verb governed by "plan/expect/schedule/..." points forward ("plans to meet Friday")
    if cue is None:
        inf = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
        for anc in (verb.head, verb.head.head):
            if anc.lemma_.lower() in cues or (inf and anc.lower_ in _lex_set("infinitive_future_cues")):
                cue = anc
                break
    if cue is not None:
        ct = _verb_tense(cue) if cue.pos_ in ("VERB", "AUX") else t
        if any(c.lower_ == "had" for v in (cue, verb, cue.head) for c in v.children if c.dep_ in ("aux", "auxpass")):
            return "past"  # past perfect: "had been due to expire Friday"
        if cue.pos_ in ("VERB", "AUX") and ct == "past":
            # "On Friday, they planned to pay" (the date before the plan) is the planning day;
            # "they planned a rally on Saturday", "a rally planned for Saturday" the nearest one
            if cue.i == verb.i and cue.i > span.root.i and not fwd_prep:
                return "past"
            return "near"
        return "future"
    if fwd_prep:
        # "postponed until Tuesday" is a new date ahead; "lasted until Monday" the nearest one
        if t == "past":
            # a past deferral: ahead for a weekday, the nearest month or date otherwise
            # ("the deadline was extended until September" is background)
            return "defer" if verb.lemma_.lower() in _lex_set("deferral_verbs") else "near"
        return "future"
    if t == "present":
        # only a date the verb itself takes ("meet Monday", "vote on Monday"), not "Friday's sale"
        r = span.root
        direct = r.head.i == verb.i or (r.dep_ == "pobj" and r.head.head.i == verb.i)
        if not direct or verb.lemma_.lower() in _lex_set("reporting_verbs") or verb.lower_ in _lex_set("same_form_past_verbs"):
            return None  # "hurt", "cut", "set": the tagger cannot tell past from present
        return "present"
    return t


@lru_cache(maxsize=None)
def _lex_set(key: str) -> FrozenSet[str]:
    """A word list of ``models/dates/lexicon.json`` as a set."""
    return frozenset(_lex()[key])


@lru_cache(maxsize=1)
def _fwd_phrase_re() -> "re.Pattern[str]":
    return re.compile(r"\b(?:%s)\s*$" % "|".join(re.escape(p) for p in _lex()["future_cue_phrases"]), re.I)


@lru_cache(maxsize=1)
def _future_cues() -> FrozenSet[str]:
    return frozenset(_lex()["future_cue_words"])


def _prev_word(text: str, start: int) -> str:
    m = re.search(r"([\w$%.,'-]+)\W*$", text[max(0, start - 30):start])
    return m.group(1).rstrip(".,") if m else ""


def _next_word(text: str, end: int) -> str:
    m = re.match(r"\W*([\w'-]+)", text[end:end + 30])
    return m.group(1) if m else ""


@lru_cache(maxsize=1)
def _trigger_words() -> FrozenSet[str]:
    """Words without which no pattern can match: the grammar is only tried near them."""
    lex = _lex()
    words = (list(lex["months"]) + list(lex["weekdays"]) + list(lex["seasons"]) + list(lex["units"])
             + list(lex["parts_of_day"]) + list(lex["set_adverbs"]) + lex["present_ref"] + lex["past_ref"]
             + lex["future_ref"] + list(lex["holidays"])
             + ["today", "yesterday", "tomorrow", "tonight", "ago", "weekdays", "midafternoon"]
             + lex["extra_triggers"])
    out = set()
    for w in words:
        out.update(re.findall(r"\w+", w))
    out.difference_update({"the", "a", "in", "at", "as", "s", "this", "time", "some", "long", "these", "more",
                           "right", "just", "day", "of", "s", "new", "st", "eve", "independence", "labor",
                           "memorial", "veterans", "boxing", "patrick", "mother", "father", "martin", "luther",
                           "king", "presidents", "valentine", "trading", "business", "near", "short", "longer",
                           "run", "possible", "ahead", "coming", "present", "while", "mid", "afternoon"})
    out.update({"day", "days", "afternoon"})
    return frozenset(out)


@lru_cache(maxsize=1)
def _start_words() -> FrozenSet[str]:
    """Every word that can begin an expression: a start position is only tried at one."""
    lex = _lex()
    out = set(_trigger_words())
    for line in load_lines("dates/patterns.txt"):
        out.update(w.lower() for w in re.findall(r"(?<![\\<])\b[A-Za-z]{2,}\b", re.sub(r"<[A-Z]+>", " ", line)))
    for key in ("numbers", "ordinals", "months", "weekdays", "seasons", "units", "parts_of_day", "holidays"):
        for w in lex[key]:
            out.update(re.findall(r"\w+", w.lower()))
    for key in ("vague_numbers", "modifiers", "present_ref", "past_ref", "future_ref"):
        for w in lex[key]:
            out.update(re.findall(r"\w+", w.lower()))
    out.update({"a", "an"})
    return frozenset(out)


_WORD = re.compile(r"\w+")
_NUMTRIG = re.compile(r"(?:1[5-9]|20)\d\d|\d0s|\d{1,2}")


def _candidates(doc: Doc, text: str) -> List[Tuple[int, int, int]]:
    """(start, end, source) spans: source 0 = own grammar, 1/2 = spaCy DATE/TIME entity."""
    cands = []
    trig = _trigger_words()
    startw = _start_words()
    words = [(m.start(), m.group()) for m in _WORD.finditer(text)]
    starts = set()
    for i, (ws, w) in enumerate(words):
        lw = w.lower()
        if lw in trig:
            pass
        elif w[0].isdigit() and _NUMTRIG.fullmatch(w):
            if len(w) <= 2:
                follow = text[ws + len(w):ws + len(w) + 4].lower()
                if not (follow[:1] in ("/", ":") or re.match(r" ?(?:[ap]\.?m\b|o'c)", follow)):
                    continue
        else:
            continue
        for j in range(max(0, i - 6), i + 1):
            p, wj = words[j]
            if j < i and not (wj[0].isdigit() or wj.lower() in startw):
                continue
            starts.add(p)
            if p and text[p - 1] in "'$":
                starts.add(p - 1)
    rxs = _span_regexes()
    anyrx = _any_regex()
    for p in sorted(starts):
        if not anyrx.match(text, p):
            continue
        for rx in rxs:
            m = rx.match(text, p)
            if m:
                cands.append((p, m.end(), 0))
    for ent in doc.ents:
        if ent.label_ in ("DATE", "TIME"):
            cands.append((ent.start_char, ent.end_char, 1 if ent.label_ == "DATE" else 2))
    return cands


def _trim(text: str, s: int, e: int) -> Tuple[int, int]:
    seg = text[s:e]
    m = _PREP_TRIM.match(seg)
    if m and m.end() < len(seg):
        s += m.end()
    seg = text[s:e]
    m = re.search(r"(?:'s|’s|'|’|[\s,.;:]+)$", seg)
    while m and m.start() > 0:
        # keep the dot of an abbreviation ("Sept.", "p.m.")
        if seg.endswith(".") and re.search(r"(?:\b[A-Za-z]{1,4}|[ap]\.m)\.$", seg):
            break
        e -= len(seg) - m.start()
        seg = text[s:e]
        m = re.search(r"(?:'s|’s|'|’|[\s,.;:]+)$", seg)
    return s, e


def _select(text: str, cands) -> List[Tuple[int, int, int]]:
    out = []
    seen = set()
    for s, e, src in cands:
        s, e = _trim(text, s, e)
        if e <= s or (s, e) in seen:
            continue
        seen.add((s, e))
        out.append((s, e, src))
    # own grammar first, then longest
    out.sort(key=lambda x: (x[2], -(x[1] - x[0]), x[0]))
    chosen: List[Tuple[int, int, int]] = []
    taken = []
    for s, e, src in out:
        if any(s < te and ts < e for ts, te in taken):
            continue
        chosen.append((s, e, src))
        taken.append((s, e))
    chosen.sort()
    return chosen


_ENT_BAD = re.compile(r"^[\d\s.,/%-]+$|year-old|years?\s+old|month-old|-old\b", re.I)
_TEMPORAL_WORD = None


def _temporal_word_re() -> "re.Pattern[str]":
    global _TEMPORAL_WORD
    if _TEMPORAL_WORD is None:
        lex = _lex()
        words = list(lex["months"]) + list(lex["weekdays"]) + list(lex["seasons"]) + list(lex["units"]) + \
            list(lex["parts_of_day"]) + ["today", "yesterday", "tomorrow", "tonight", "ago"]
        _TEMPORAL_WORD = re.compile(r"\b(?:%s)\b|\b(?:1[5-9]|20)\d\ds?\b" % _alt(words), re.I)
    return _TEMPORAL_WORD


def _keep_year(text: str, s: int, e: int, ent_cover) -> bool:
    """A bare 4-digit number is a year only in a temporal context."""
    raw_prev = _prev_word(text, s)
    prev = raw_prev.lower()
    nxt = text[e:e + 12]
    if re.match(r"\s*(?:%|percent|per\b|tons|pounds|feet|miles|units|shares|people|dollars|cars|troops|points)", nxt, re.I):
        return False
    before = text[max(0, s - 2):s]
    if before.endswith(("$", "#", "No", "No.")):
        return False
    if prev in _YEAR_PREV_OK or prev.endswith(("'s", "’s")):
        return True
    if any(es <= s and e <= ee for es, ee in ent_cover):
        # spaCy calls it a date; but a year right after a capitalised name is a product/event name
        if raw_prev[:1].isupper() and prev not in _lex()["months"]:
            return False
        return True
    return False


_SKIP_SPAN = re.compile(r"(?:-|\s)old$|^(?:the\s+)?day$|\b(?:two|three|four|one)-quarters?$|^(?:a|per)\s+second$|"
                        r"^(?:(?:more|less) than )?a quarter$|^(?:today|tomorrow)'s$", re.I)
_TITLE_UNIT = re.compile(r"(?:[A-Z]\w*|\d+) (?:Week|Weeks|Minutes|Hours|Days|Month|Months|Year|Years|Century)|(?<!\w )(?:Noon|Morning|Evening)")
_PLURAL_UNIT = re.compile(r"(?:seconds|minutes|hours|days|weeks|weekends|months|quarters|years|decades|centuries)")
_ABBR_MONTH = re.compile(r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?")


_SENT_BREAK = re.compile(r"[.!?]['\"”’]?\s+[A-Z\"“‘']|\n")
_EXPLICIT_YEAR = re.compile(r"(?<!\d)(?:1[5-9]|20)\d\d(?!\d)|nineteen|two thousand")


def _sentence_initial(text: str, s: int) -> bool:
    before = text[max(0, s - 4):s].rstrip(" \t\"'`“‘")
    return not before or before[-1] in ".!?\n:"


def find_dates(doc: Doc) -> List[DateExpr]:
    """Temporal expressions of a parsed ``Doc`` (needs ``doc._.published`` for anchoring)."""
    pub = doc._.published
    try:
        dct = dt.date.fromisoformat(pub[:10]) if pub else None
    except ValueError:
        dct = None
    text = doc.text
    cands = _candidates(doc, text)
    ent_cover = [(c[0], c[1]) for c in cands if c[2]]
    out: List[DateExpr] = []
    tenses: List[Optional[str]] = []
    ref: Optional[Anchor] = Anchor("D", dct) if dct else None
    refday: Optional[dt.date] = dct
    year_hint: Optional[Tuple[int, int]] = None  # (end offset, year) of the last written year
    lex = _lex()
    for s, e, src in _select(text, cands):
        if in_boilerplate(doc, s):
            continue
        span_text = text[s:e]
        if _AGE_AFTER.match(text[e:e + 6]) or _ENT_BAD.search(span_text) and src:
            continue
        if src and not _temporal_word_re().search(span_text):
            continue
        if _YEAR_ONLY.fullmatch(span_text) and not _keep_year(text, s, e, ent_cover):
            continue
        prev, nxt = _prev_word(text, s), _next_word(text, e)
        low = span_text.lower()
        if low in ("fall", "spring") and src == 0:
            continue
        if (low == "may" and _sentence_initial(text, s)) or (low == "march" and (
                prev.lower() in ("will", "would", "the", "a") or (prev.lower() == "to" and span_text == "march"))):
            continue
        if low == "second" and src == 0:
            continue
        if low == "now" and text[e:e + 1] == "," and _sentence_initial(text, s):
            continue  # "Now, ..." opening a sentence is a discourse marker, not a time
        if _SKIP_SPAN.search(span_text):
            continue
        if src == 0 and _PLURAL_UNIT.fullmatch(low) and prev.lower() not in lex["plural_duration_cues"] \
                and nxt.lower() != "of":  # "years of talks" is a stretch of time
            continue
        if src == 0 and _ABBR_MONTH.fullmatch(span_text) and not re.match(r"\s*\d", text[e:e + 3]):
            continue
        if low in ("today", "tomorrow") and text[e:e + 2] in ("'s", "’s") and \
                _next_word(text, e + 2).lower() in lex["generic_after_today"]:
            continue  # "today's world": the present in general, not the day
        if src == 0 and _TITLE_UNIT.fullmatch(span_text) and not _sentence_initial(text, s) \
                and low not in lex["holidays"]:
            continue  # a programme or title ("This Week", "60 Minutes"), not a time
        if low in ("the night", "the morning", "the evening", "the afternoon") and nxt.lower() == "of":
            continue
        tense = _governing_tense(doc, s, e, text)
        ctx = Ctx(dct, tense, ref, prev, nxt)
        ctx.refday = refday
        if year_hint is not None and s - year_hint[0] <= 50 and tense != "future" \
                and not _SENT_BREAK.search(text, year_hint[0], s):
            ctx.year_hint = year_hint[1]
        r = _normalise(span_text, ctx)
        if r is None:
            if src and " " in span_text.strip():
                typ = "TIME" if src == 2 else "DATE"
                out.append(DateExpr(text=span_text, start=s, end=e, type=typ, value=None))
            continue
        typ, value, anchor = r
        if typ == "DATE" and value and _EXPLICIT_YEAR.search(span_text) and re.match(r"\d{4}", value):
            year_hint = (e, int(value[:4]))
        if anchor is not None and typ in ("DATE", "TIME"):
            ref = anchor
            if anchor.gran == "D":
                refday = anchor.day
        out.append(DateExpr(text=span_text, start=s, end=e, type=typ, value=value))
        tenses.append(tense)
    if len(out) > 1:
        _fix_ranges(text, out, tenses, dct)
    return out


# --------------------------------------------------------------------------- ranges

_WEEKDAY_ONLY = re.compile(r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday)", re.I)
_MONTH_VALUE = re.compile(r"(\d{4})-(\d\d)(?:-(\d\d))?")
_CLOCK_ONLY = re.compile(r"(?:\d{1,2}(?:[:.]\d\d)?\s*(?:[ap]\.?m\.?|o'clock)|noon|midnight)", re.I)
_TIME_VALUE = re.compile(r"(\d{4}-\d\d-\d\d)T(\d\d):(\d\d)")


@lru_cache(maxsize=1)
def _range_res() -> Tuple["re.Pattern[str]", "re.Pattern[str]"]:
    lex = _lex()
    gap = re.compile(r"\s*(%s)\s*" % "|".join(re.escape(c) for c in lex["range_connectors"]), re.I)
    moved = re.compile(r"\b(?:%s)\w*\b[^.;]{0,60}$" % "|".join(lex["reschedule_stems"]), re.I)
    return gap, moved


def _fix_ranges(text: str, out: List[DateExpr], tenses: List[Optional[str]], dct: Optional[dt.date]) -> None:
    """Value the two ends of a range together ("from Monday to Wednesday", "between March
    and June", "from Nov. 20 to Jan. 5, 2024", "9 p.m. to 5 a.m."): the end never comes
    before the start. A past range ends by the publication date ("ran from Monday to
    Wednesday" read on a Tuesday is last week's). Not for a moved date ("postponed from
    Monday to Wednesday"): those are two separate days."""
    gap_re, moved_re = _range_res()
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        if not (a.value and b.value) or a.type not in ("DATE", "TIME") or b.type != a.type:
            continue
        g = gap_re.fullmatch(text, a.end, b.start)
        if g is None:
            continue
        conn = g.group(1).lower()
        lead = text[max(0, a.start - 9):a.start].lower().split()
        lead_w = lead[-1] if lead else ""
        if conn == "and" and lead_w != "between":
            continue
        if conn in ("to", "until", "till", "til") and lead_w not in ("from", "between"):
            continue
        if moved_re.search(text, max(0, a.start - 80), a.start):
            # "postponed from Monday to Wednesday": the new day is the nearest one
            if _WEEKDAY_ONLY.fullmatch(b.text) and dct is not None and conn == "to":
                c = Ctx(dct, "near")
                d = _weekday(_lex()["weekdays"][b.text.lower()], c)
                if d is not None and d.isoformat() != b.value:
                    out[i + 1] = b.model_copy(update={"value": d.isoformat()})
            continue
        new_a, new_b = a.value, b.value
        if _WEEKDAY_ONLY.fullmatch(a.text) and _WEEKDAY_ONLY.fullmatch(b.text) and dct is not None:
            wds = _lex()["weekdays"]
            w1, w2 = wds[a.text.lower()], wds[b.text.lower()]
            span = (w2 - w1) % 7 or 7
            if tenses[i] == "past":
                end = dct - dt.timedelta(days=(dct.isoweekday() - w2) % 7)
                start = end - dt.timedelta(days=span)
            else:
                start = dt.date.fromisoformat(a.value)
                end = start + dt.timedelta(days=span)
            new_a, new_b = start.isoformat(), end.isoformat()
        elif a.type == "DATE":
            ma, mb = _MONTH_VALUE.fullmatch(a.value), _MONTH_VALUE.fullmatch(b.value)
            if not (ma and mb) or bool(ma.group(3)) != bool(mb.group(3)):
                continue
            ya, yb = _EXPLICIT_YEAR.search(a.text), _EXPLICIT_YEAR.search(b.text)
            if ya and yb:
                continue
            ka, kb = a.value[5:], b.value[5:]  # month(-day) parts
            if yb and not ya:  # "from Nov. 20 to Jan. 5, 2024": the start takes the end's year
                y = int(mb.group(1)) - (1 if ka > kb else 0)
                new_a = f"{y:04d}-{ka}"
            elif not yb and b.value < a.value:
                if tenses[i] == "past" and not ya:  # "ran from January to March": both behind
                    new_a = f"{int(mb.group(1)) - (1 if ka > kb else 0):04d}-{ka}"
                else:
                    new_b = f"{int(ma.group(1)) + (1 if kb < ka else 0):04d}-{kb}"
        else:  # "from 9 p.m. to 5 a.m.": an end before the start is on the next day
            ta, tb = _TIME_VALUE.fullmatch(a.value), _TIME_VALUE.fullmatch(b.value)
            if not (ta and tb):
                continue
            if _CLOCK_ONLY.fullmatch(a.text.strip()) and not _CLOCK_ONLY.fullmatch(b.text.strip()):
                # "from 10 a.m. to 2 p.m. Friday": the start is on the end's day
                if ta.group(1) != tb.group(1) and (ta.group(2), ta.group(3)) <= (tb.group(2), tb.group(3)):
                    out[i] = a.model_copy(update={"value": f"{tb.group(1)}T{ta.group(2)}:{ta.group(3)}"})
                continue
            if not _CLOCK_ONLY.fullmatch(b.text.strip()) or ta.group(1) != tb.group(1):
                continue
            if (tb.group(2), tb.group(3)) < (ta.group(2), ta.group(3)):
                d = dt.date.fromisoformat(tb.group(1)) + dt.timedelta(days=1)
                new_b = f"{d.isoformat()}T{tb.group(2)}:{tb.group(3)}"
        if new_a != a.value:
            out[i] = a.model_copy(update={"value": new_a})
        if new_b != b.value:
            out[i + 1] = b.model_copy(update={"value": new_b})


@Language.component("newskit_dates")
def dates_component(doc: Doc) -> Doc:
    doc._.nk_dates = find_dates(doc)
    return doc
