"""The ``newskit_dates`` spaCy component: find, value and anchor dates in a Doc.

Job: orchestrate the grammar, normalisation and anchoring over a parsed ``Doc`` and
store :class:`~newskit.records.DateExpr` records in ``doc._.nk_dates``.
Limits: needs ``doc._.published`` to anchor deictic expressions (else values are None).
"""
from __future__ import annotations

import datetime as dt
from typing import List, Optional

from spacy.language import Language
from spacy.tokens import Doc

from newskit.nlp.document import text as doc_text
from newskit.nlp.components import DataComponent
from newskit.records import DateExpr
from .anchoring import DEFAULT_CONFIG, DEFAULT_SETTINGS, ReferenceTime, Settings
from .grammar import candidates, name_spans, not_a_date, select_spans
from .normalisation import value_of
from .ranges import add_day_range_ends, fix_ranges, split_count_ranges


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
    reference = ReferenceTime(dct)
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


class DateFinder(DataComponent):
    """The ``newskit_dates`` pipeline component: ``doc._.nk_dates`` from the text."""

    def __init__(self, nlp: Language, name: str, settings: Settings):
        super().__init__(nlp, name, self._find)
        self.settings = settings

    def _find(self, doc: Doc) -> Doc:
        doc._.nk_dates = find_dates(doc, self.settings)
        return doc


@Language.factory(
    "newskit_dates",
    assigns=["doc._.nk_dates"],
    requires=["doc.ents", "doc._.boilerplate"],
    default_config=DEFAULT_CONFIG,  # the tuned numbers, each explained in anchoring.DEFAULT_CONFIG
)
def make_date_finder(nlp: Language, name: str, recent_months: int, month_ahead: int, day_ahead: int,
                     past_day_ahead: int, future_day_behind: int, half_year_days: int,
                     year_hint_chars: int, dateparser_fallback: bool) -> DateFinder:
    settings = Settings(recent_months, month_ahead, day_ahead, past_day_ahead, future_day_behind,
                        half_year_days, year_hint_chars, dateparser_fallback)
    return DateFinder(nlp, name, settings)
