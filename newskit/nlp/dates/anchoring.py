"""Anchoring: which day, month or year a deictic expression points at.

Job: the normaliser's context (publication date, reference time, tense); the tense
and direction of an expression from the verb it attaches to; the year of a bare month
or day; weekdays; the ends of ranges valued together.
Limits: direction follows spaCy's tags and attachment, so a mis-parse can flip it;
fiscal calendars are treated as calendar years.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple, Optional, Tuple

from spacy.tokens import Doc

from newskit.nlp.document import text as doc_text
from .arithmetic import Anchor, add_days, add_months
from .grammar import next_word, prev_word
from .lexicon import Lexicon

__all__ = ["DEFAULT_CONFIG", "DEFAULT_SETTINGS", "Ctx", "ReferenceTime", "Result", "Settings", "day_year",
           "forward_phrase_pattern", "governing_tense", "is_recent", "month_year", "verb_tense", "weekday_date"]


# The tuned numbers of anchoring: the ``newskit_dates`` component's default config (change them
# in a pipeline's config.cfg). Each is a reading of news habits, checked on our own news text.
DEFAULT_CONFIG = {
    # a "year-ago quarter" compares with a quarter named in the text only if that one
    # started within this many months before the publication date
    "recent_months": 15,
    # with no tense to go by, a bare month is the coming one if at most this many months ahead
    "month_ahead": 3,
    # ... and a bare day ("March 3") the coming one if at most this many days ahead
    "day_ahead": 92,
    # in a past-tense sentence, a bare day more than this many days ahead is last year's
    "past_day_ahead": 90,
    # in a future-tense sentence, a bare day more than this many days behind is next year's
    "future_day_behind": 60,
    # with a tense, a day more than this many days away belongs to the nearer year
    "half_year_days": 183,
    # a year written at most this many characters earlier in the sentence dates a bare day
    "year_hint_chars": 50,
    # an expression with a month name and digits that no rule values goes to dateparser
    "dateparser_fallback": True,
}


class Settings(NamedTuple):
    """How far anchoring looks (see :data:`DEFAULT_CONFIG` for what each number means)."""

    recent_months: int
    month_ahead: int
    day_ahead: int
    past_day_ahead: int
    future_day_behind: int
    half_year_days: int
    year_hint_chars: int
    dateparser_fallback: bool = True


DEFAULT_SETTINGS = Settings(**DEFAULT_CONFIG)


class Ctx:
    """What the normaliser knows besides the expression itself."""

    __slots__ = ("data", "dct", "tense", "ref", "prev", "next", "before", "refday", "year_hint", "full", "core",
                 "settings")

    def __init__(self, data, dct: Optional[dt.date], tense: Optional[str] = None, ref: Optional[Anchor] = None,
                 prev: str = "", next: str = "", settings: Settings = DEFAULT_SETTINGS):
        self.data = data  # the component's DateData: word lists, named patterns, rules, handlers
        self.settings = settings
        self.full = self.core = ""  # the cleaned expression, and what is left after its modifiers
        self.dct = dct
        self.tense = tense  # "past" | "future" | "near" (the nearest day) | None
        self.ref = ref  # last anchored date in the text
        self.prev = prev.lower()  # the word before the expression
        self.before = ""  # the text just before it (lower case)
        self.next = next.lower()  # the word after
        self.refday = ref.day if ref is not None and ref.gran == "D" else None  # last anchored day
        self.year_hint: Optional[int] = None  # a year written earlier in the same sentence


Result = Tuple[str, Optional[str], Optional[Anchor]]  # type, value, anchor (for the reference time)


def month_year(mon: int, ctx: Ctx, explicit: Optional[int] = None) -> Optional[int]:
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
    if ctx.tense in ("future", "present"):  # "the festival opens in March": a schedule looks ahead
        return y + 1 if mon < base.month else y
    # no tense: news looks back, so the last such month unless the next one is close
    # (at most three months ahead: "through January" read in October)
    ahead = (mon - base.month) % 12
    if ahead <= ctx.settings.month_ahead:
        return y + 1 if mon < base.month else y
    return y - 1 if mon > base.month else y


def weekday_date(wd: int, ctx: Ctx, rel: str = "") -> Optional[dt.date]:
    base = ctx.dct
    if base is None:
        return None
    diff = wd - base.isoweekday()  # -6..6
    if rel in ("last", "this past", "past"):
        back = (base.isoweekday() - wd) % 7 or 7
        return add_days(base, -back)
    if rel in ("next", "this coming", "coming"):
        fwd = (wd - base.isoweekday()) % 7 or 7
        return add_days(base, fwd)
    if diff == 0:
        return base
    back = (base.isoweekday() - wd) % 7
    fwd = (wd - base.isoweekday()) % 7
    if ctx.tense == "past":
        return add_days(base, -back)
    if ctx.tense in ("future", "present", "defer"):  # "the leaders meet Monday": a schedule
        return add_days(base, fwd)
    if ctx.tense == "near":
        return add_days(base, -back) if back < fwd else add_days(base, fwd)
    # news reports mostly look back: without a tense, the past day unless the next one is tomorrow
    return add_days(base, -back)


def day_year(mon: int, day: int, ctx: Ctx) -> Optional[int]:
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
    st = ctx.settings
    tense = "future" if ctx.tense == "present" else ctx.tense  # "voters go to the polls on Nov. 8"
    if tense == "past" and delta > st.past_day_ahead:
        return y - 1
    if tense == "future" and delta < -st.future_day_behind:
        return y + 1
    if tense in ("past", "future"):
        if delta > st.half_year_days:
            return y - 1
        if delta < -st.half_year_days and tense != "past":
            return y + 1
        return y
    # no tense: news looks back, so the last such day unless the next one is close
    ahead = delta if delta >= 0 else (delta + 365)
    if ahead <= st.day_ahead:
        return y if delta >= 0 else y + 1
    return y if delta <= 0 else y - 1


def is_recent(a: Anchor, ctx: Ctx) -> bool:
    """Whether an anchored period can be the one a report is about: the publication
    year, or a part starting within ``recent_months`` before the publication date and
    not after it (always, without a publication date)."""
    dct = ctx.dct
    if dct is None:
        return True
    if a.gran == "Y":
        return a.day.year == dct.year
    return add_months(dct, -ctx.settings.recent_months) < a.day <= dct


def verb_tense(v, lex: Lexicon, depth: int = 0) -> Optional[str]:
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
            (v.lemma_.lower() in lex.future_cue_words or v.lower_ in lex.infinitive_future_cues):
        # a reduced relative plan ("the talks, set to resume Monday") has the time of its
        # clause; other reduced relatives are past ("the ruling issued Thursday")
        n = v.head
        for _ in range(4):
            if n.pos_ in ("VERB", "AUX") or n.head.i == n.i:
                break
            n = n.head
        return verb_tense(n, lex, depth + 1) if n.pos_ in ("VERB", "AUX") else None
    if v.tag_ == "VBN" and (lows & {"has", "have", "had", "was", "were", "been"} or not auxes):
        return "past"
    if v.tag_ == "VBG" and lows & {"is", "are", "'s", "'re", "am"}:
        return "future"  # present progressive: a plan ("is flying Thursday")
    if v.tag_ == "VBG" and not auxes and v.dep_ in ("pcomp", "advcl", "acl") and depth < 3:
        # a participle has no tense of its own: it takes its clause's ("flights will leave
        # Monday, with the third departing from August 6"; "speaking on Monday, he said")
        return _clause_tense(v, lex, depth)
    if v.tag_ == "VB" and "to" in lows and v.head.i != v.i and v.head.pos_ in ("VERB", "AUX", "ADJ") and depth < 3:
        # an infinitive takes the time of its governor: "is to resume", "are set to vote"
        h = v.head
        ht = verb_tense(h, lex, depth + 1) if h.pos_ != "ADJ" else (
            verb_tense(h.head, lex, depth + 1) if h.head.i != h.i else None)
        if h.lemma_ == "be" and ht in (None, "present"):
            return "future"  # "is to resume"
        if ht == "future" and not any(c.tag_ == "MD" for c in h.children if c.dep_ in ("aux", "auxpass")):
            return "present"  # "is trying to sell": ongoing, not a plan
        return ht
    if v.tag_ in ("VBZ", "VBP") or any(c.tag_ in ("VBZ", "VBP") for c in auxes):
        return "present"
    return None


def _clause_tense(v, lex: Lexicon, depth: int) -> Optional[str]:
    """The tense of the nearest verb above ``v`` (within three steps), or None."""
    n = v.head
    for _ in range(3):
        if n.i == v.i or n.head.i == n.i and n.pos_ not in ("VERB", "AUX"):
            return None
        if n.pos_ in ("VERB", "AUX"):
            return verb_tense(n, lex, depth + 1)
        n = n.head
    return None


def governing_tense(doc: Doc, start: int, end: int, data, text: Optional[str] = None) -> Optional[str]:
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
    tok = span.root
    lex = data.lex
    fwd_prep = (tok.dep_ == "pobj" and tok.head.lower_ in lex.future_cue_preps
                and tok.head.i < span.start) or bool(data.forward_phrase.search(
                    text if text is not None else doc_text(doc), max(0, start - 20), start))
    verb, cue = _governing_verb(span, lex)
    if verb is None:
        return "future" if cue is not None or fwd_prep else None
    t = verb_tense(verb, lex)
    if cue is None:
        cue = _plan_above(verb, lex)
    if cue is not None:
        return _planned_tense(span, verb, cue, t, fwd_prep, lex)
    if fwd_prep:
        # "postponed until Tuesday" is a new date ahead; "lasted until Monday" the nearest one
        if t == "past":
            # a past deferral: ahead for a weekday, the nearest month or date otherwise
            # ("the deadline was extended until September" is background)
            return "defer" if verb.lemma_.lower() in lex.deferral_verbs else "near"
        return "future"
    if t == "present":
        # only a date the verb itself takes ("meet Monday", "vote on Monday"), not "Friday's sale"
        r = span.root
        direct = r.head.i == verb.i or (r.dep_ == "pobj" and r.head.head.i == verb.i)
        if not direct or verb.lemma_.lower() in lex.reporting_verbs or verb.lower_ in lex.same_form_past_verbs:
            return None  # "hurt", "cut", "set": the tagger cannot tell past from present
        return "present"
    return t


def _governing_verb(span, lex: Lexicon):
    """(the verb an expression attaches to, a plan word passed on the way up) — within six steps."""
    cues = lex.future_cue_words
    tok, cue = span.root, None
    for _ in range(6):
        if cue is None and tok.lemma_.lower() in cues and tok.i not in range(span.start, span.end):
            cue = tok
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ != "amod":
            return tok, cue
        if tok.head.i == tok.i:
            break
        tok = tok.head
    return None, cue


def _plan_above(verb, lex: Lexicon):
    """A verb governed by "plan/expect/schedule/..." points forward ("plans to meet Friday")."""
    inf = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    for anc in (verb.head, verb.head.head):
        if anc.lemma_.lower() in lex.future_cue_words or (inf and anc.lower_ in lex.infinitive_future_cues):
            return anc
    return None


def _planned_tense(span, verb, cue, t, fwd_prep, lex: Lexicon) -> str:
    ct = verb_tense(cue, lex) if cue.pos_ in ("VERB", "AUX") else t
    if any(c.lower_ == "had" for v in (cue, verb, cue.head) for c in v.children if c.dep_ in ("aux", "auxpass")):
        return "past"  # past perfect: "had been due to expire Friday"
    if cue.pos_ in ("VERB", "AUX") and ct == "past":
        # "On Friday, they planned to pay" (the date before the plan) is the planning day;
        # "they planned a rally on Saturday", "a rally planned for Saturday" the nearest one
        if cue.i == verb.i and cue.i > span.root.i and not fwd_prep:
            return "past"
        return "near"
    return "future"


def forward_phrase_pattern(lex: Lexicon) -> "re.Pattern[str]":
    """A phrase just before an expression that points it ahead ("as soon as", "as early as")."""
    return re.compile(r"\b(?:%s)\s*$" % "|".join(re.escape(p) for p in lex.future_cue_phrases), re.I)


SENT_BREAK = re.compile(r"[.!?]['\"”’]?\s+[A-Z\"“‘']|\n")


class ReferenceTime:
    """The reference time while reading a text: the last anchored period and day, and
    the last year written out (which anchors a bare day later in the same sentence)."""

    __slots__ = ("data", "anchor", "day", "year_hint")

    def __init__(self, dct: Optional[dt.date], data):
        self.data = data
        self.anchor: Optional[Anchor] = Anchor("D", dct) if dct else None
        self.day: Optional[dt.date] = dct
        self.year_hint: Optional[Tuple[int, int]] = None  # (end offset, year)

    def context(self, doc: Doc, s: int, e: int, dct, settings: Settings) -> Ctx:
        text = doc_text(doc)
        tense = governing_tense(doc, s, e, self.data, text)
        ctx = Ctx(self.data, dct, tense, self.anchor, prev_word(text, s), next_word(text, e), settings)
        ctx.refday = self.day
        ctx.before = text[max(0, s - 40):s].lower()
        hint = self.year_hint
        if hint is not None and s - hint[0] <= settings.year_hint_chars and tense != "future" \
                and not SENT_BREAK.search(text, hint[0], s):
            ctx.year_hint = hint[1]
        return ctx

    def update(self, span_text: str, e: int, r) -> None:
        typ, value, anchor = r
        if typ == "DATE" and value and self.data.named["EXPLICIT_YEAR"].search(span_text) and value[:4].isdigit():
            self.year_hint = (e, int(value[:4]))
        if anchor is not None and typ in ("DATE", "TIME"):
            self.anchor = anchor
            if anchor.gran == "D":
                self.day = anchor.day
