"""Dates: temporal expressions with TIMEX3 types and values.

Baseline version: spaCy DATE/TIME entities, normalised with a few rules for
years, months and weekdays relative to ``doc._.published``. Values that need
the publication date are ``None`` when it is unknown.
Output: ``doc._.nk_dates`` (list of :class:`~newskit.records.DateExpr`).
"""
from __future__ import annotations

import datetime as dt
import re
from typing import List, Optional

from spacy.language import Language
from spacy.tokens import Doc

from .boilerplate import in_boilerplate
from .records import DateExpr

if not Doc.has_extension("nk_dates"):
    Doc.set_extension("nk_dates", default=None)

MONTHS = {m.lower(): i for i, m in enumerate(
    "January February March April May June July August September October November December".split(), 1)}
WEEKDAYS = {d.lower(): i for i, d in enumerate("Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split())}


def normalise(text: str, published: Optional[dt.date]) -> Optional[str]:
    t = text.lower().strip()
    t = re.sub(r"^(on|in|the)\s+", "", t)
    if re.fullmatch(r"\d{4}", t):
        return t
    m = re.fullmatch(r"([a-z]+)\s+(\d{4})", t)
    if m and m.group(1) in MONTHS:
        return f"{m.group(2)}-{MONTHS[m.group(1)]:02d}"
    if t in MONTHS and published:
        return f"{published.year}-{MONTHS[t]:02d}"
    m = re.fullmatch(r"([a-z]+)\s+(\d{1,2})", t)
    if m and m.group(1) in MONTHS and published:
        return f"{published.year}-{MONTHS[m.group(1)]:02d}-{int(m.group(2)):02d}"
    if t in WEEKDAYS and published:
        back = (published.weekday() - WEEKDAYS[t]) % 7 or 7
        return (published - dt.timedelta(days=back)).isoformat()
    if t in ("today",) and published:
        return published.isoformat()
    if t == "yesterday" and published:
        return (published - dt.timedelta(days=1)).isoformat()
    return None


def find_dates(doc: Doc) -> List[DateExpr]:
    pub = doc._.published
    published = dt.date.fromisoformat(pub) if pub else None
    out = []
    for ent in doc.ents:
        if ent.label_ not in ("DATE", "TIME") or in_boilerplate(doc, ent.start_char):
            continue
        out.append(DateExpr(text=ent.text, start=ent.start_char, end=ent.end_char, type=ent.label_,
                            value=normalise(ent.text, published)))
    return out


@Language.component("newskit_dates")
def dates_component(doc: Doc) -> Doc:
    doc._.nk_dates = find_dates(doc)
    return doc
