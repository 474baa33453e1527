"""The ``newskit_dates`` spaCy component: find, value and anchor dates in a Doc.

Job: orchestrate the grammar, normalisation and anchoring over a parsed ``Doc`` and
store :class:`~newskit.records.DateExpr` records in ``doc._.nk_dates``.
Limits: needs ``doc._.published`` to anchor deictic expressions (else values are None).
"""
from __future__ import annotations

import datetime as dt
from typing import List, Optional, Tuple

from spacy.language import Language
from spacy.tokens import Doc

from ..boilerplate import doc_text
from ..records import DateExpr
from .anchoring import DEFAULT_SETTINGS, SENT_BREAK, Ctx, Settings, governing_tense
from .arithmetic import Anchor
from .grammar import candidates, name_spans, next_word, not_a_date, prev_word, select_spans
from .normalisation import value_of
from .ranges import add_day_range_ends, fix_ranges, split_count_ranges
from .rules import named


if not Doc.has_extension("nk_dates"):
    Doc.set_extension("nk_dates", default=None)
if not Doc.has_extension("published"):
    Doc.set_extension("published", default=None)


class _Reference:
    """The reference time while reading a text: the last anchored period and day, and
    the last year written out (which anchors a bare day later in the same sentence)."""

    __slots__ = ("anchor", "day", "year_hint")

    def __init__(self, dct: Optional[dt.date]):
        self.anchor: Optional[Anchor] = Anchor("D", dct) if dct else None
        self.day: Optional[dt.date] = dct
        self.year_hint: Optional[Tuple[int, int]] = None  # (end offset, year)

    def context(self, doc: Doc, s: int, e: int, dct, settings: Settings) -> Ctx:
        text = doc_text(doc)
        tense = governing_tense(doc, s, e, text)
        ctx = Ctx(dct, tense, self.anchor, prev_word(text, s), next_word(text, e), settings)
        ctx.refday = self.day
        ctx.before = text[max(0, s - 40):s].lower()
        hint = self.year_hint
        if hint is not None and s - hint[0] <= settings.year_hint_chars and tense != "future" \
                and not SENT_BREAK.search(text, hint[0], s):
            ctx.year_hint = hint[1]
        return ctx

    def update(self, span_text: str, e: int, r) -> None:
        typ, value, anchor = r
        if typ == "DATE" and value and named("EXPLICIT_YEAR").search(span_text) and value[:4].isdigit():
            self.year_hint = (e, int(value[:4]))
        if anchor is not None and typ in ("DATE", "TIME"):
            self.anchor = anchor
            if anchor.gran == "D":
                self.day = anchor.day


def _publication_date(doc: Doc) -> Optional[dt.date]:
    pub = doc._.published
    try:
        return dt.date.fromisoformat(pub[:10]) if pub else None
    except ValueError:
        return None


def find_dates(doc: Doc, settings: Settings = DEFAULT_SETTINGS) -> List[DateExpr]:
    """Temporal expressions of a parsed ``Doc`` (needs ``doc._.published`` for anchoring)."""
    dct = _publication_date(doc)
    text = doc_text(doc)
    cands = candidates(doc, text)
    ent_cover = [(c[0], c[1]) for c in cands if c[2]]
    out: List[DateExpr] = []
    tenses: List[Optional[str]] = []
    reference = _Reference(dct)
    names = name_spans(doc)
    for s, e, src in select_spans(text, cands):
        if not_a_date(doc, s, e, src, ent_cover, names):
            continue
        span_text = text[s:e]
        ctx = reference.context(doc, s, e, dct, settings)
        tense = ctx.tense
        r = value_of(span_text, ctx)
        if r is None:
            if src and " " in span_text.strip():  # a spaCy DATE/TIME the rules cannot value
                out.append(DateExpr(text=span_text, start=s, end=e, type="TIME" if src == 2 else "DATE", value=None))
            continue
        reference.update(span_text, e, r)
        out.append(DateExpr(text=span_text, start=s, end=e, type=r[0], value=r[1]))
        tenses.append(tense)
    if len(out) > 1:
        fix_ranges(text, out, tenses, dct)
    return add_day_range_ends(text, split_count_ranges(out))


class DateFinder:
    """The ``newskit_dates`` pipeline component: ``doc._.nk_dates`` from the text."""

    def __init__(self, nlp: Language, name: str, settings: Settings):
        self.name = name
        self.settings = settings

    def __call__(self, doc: Doc) -> Doc:
        doc._.nk_dates = find_dates(doc, self.settings)
        return doc


@Language.factory(
    "newskit_dates",
    assigns=["doc._.nk_dates"],
    default_config={
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
    },
)
def make_date_finder(nlp: Language, name: str, recent_months: int, month_ahead: int, day_ahead: int,
                     past_day_ahead: int, future_day_behind: int, half_year_days: int,
                     year_hint_chars: int) -> DateFinder:
    settings = Settings(recent_months, month_ahead, day_ahead, past_day_ahead, future_day_behind,
                        half_year_days, year_hint_chars)
    return DateFinder(nlp, name, settings)
