"""The ``newskit_dates`` spaCy component: find, value and anchor dates in a Doc.

Job: orchestrate the grammar, normalisation and anchoring over a parsed ``Doc`` with the
component's :class:`~.data.DateData` and its config (:class:`~.anchoring.Settings`), and
store :class:`~newskit.records.DateExpr` records in ``doc._.nk_dates``.
Limits: needs ``doc._.published`` to anchor deictic expressions (else values are None).
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Dict, List, Optional

from spacy.language import Language
from spacy.tokens import Doc

from newskit.nlp.components import Component
from newskit.nlp.data import DocumentData
from newskit.nlp.document import text as doc_text
from newskit.records import DateExpr
from .anchoring import DEFAULT_CONFIG, DEFAULT_SETTINGS, ReferenceTime, Settings
from .data import FOLDER, DateData
from .grammar import candidates, name_spans, not_a_date, select_spans
from .normalisation import value_of
from .ranges import add_day_range_ends, fix_ranges, split_count_ranges

__all__ = ["DateFinder", "find_dates", "make_date_finder"]


def _publication_date(doc: Doc) -> Optional[dt.date]:
    pub = doc._.published
    try:
        return dt.date.fromisoformat(pub[:10]) if pub else None
    except ValueError:
        return None


def find_dates(doc: Doc, data: DateData, settings: Settings = DEFAULT_SETTINGS) -> List[DateExpr]:
    """Temporal expressions of a parsed ``Doc`` (needs ``doc._.published`` for anchoring)."""
    dct = _publication_date(doc)
    text = doc_text(doc)
    cands = candidates(doc, text, data)
    ent_cover = [(c[0], c[1]) for c in cands if c[2]]
    out: List[DateExpr] = []
    tenses: List[Optional[str]] = []
    reference = ReferenceTime(dct, data)
    names = name_spans(doc, data)
    for s, e, src in select_spans(text, cands, data):
        if not_a_date(doc, s, e, src, ent_cover, names, data):
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
        fix_ranges(text, out, tenses, dct, data)
    return add_day_range_ends(text, split_count_ranges(out, data), data)


class DateFinder(Component):
    """The ``newskit_dates`` pipeline component: ``doc._.nk_dates`` from the text."""

    folder = FOLDER

    def __init__(self, nlp: Language, name: str, cfg: Dict[str, Any]):
        super().__init__(nlp, name, cfg)
        self.settings = Settings(**cfg)

    def load_data(self, folder: Path, document: DocumentData) -> DateData:
        return DateData.load(folder, document)

    def __call__(self, doc: Doc) -> Doc:
        doc._.nk_dates = find_dates(doc, self.data, self.settings)
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
    """The ``newskit_dates`` component: TIMEX3 dates in ``doc._.nk_dates``."""
    cfg = dict(recent_months=recent_months, month_ahead=month_ahead, day_ahead=day_ahead,
               past_day_ahead=past_day_ahead, future_day_behind=future_day_behind, half_year_days=half_year_days,
               year_hint_chars=year_hint_chars, dateparser_fallback=dateparser_fallback)
    return DateFinder(nlp, name, cfg)
