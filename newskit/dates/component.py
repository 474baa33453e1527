"""The ``newskit_dates`` spaCy component: find, value and anchor dates in a Doc.

Job: orchestrate the grammar, normalisation and anchoring over a parsed ``Doc`` and
store :class:`~newskit.records.DateExpr` records in ``doc._.nk_dates``.
Limits: needs ``doc._.published`` to anchor deictic expressions (else values are None).
"""
from __future__ import annotations

import datetime as dt
import re
from typing import List, Optional, Tuple

from spacy.language import Language
from spacy.tokens import Doc

from ..boilerplate import in_boilerplate
from ..records import DateExpr
from .anchoring import _EXPLICIT_YEAR, _SENT_BREAK, Ctx, _fix_ranges, _governing_tense
from .arithmetic import Anchor
from .grammar import (_ABBR_MONTH, _AGE_AFTER, _ENT_BAD, _PLURAL_UNIT, _SKIP_SPAN, _TITLE_UNIT, _YEAR_ONLY, _candidates,
                      _keep_year, _next_word, _prev_word, _select, _sentence_initial, _temporal_word_re)
from .lexicon import _lex
from .normalisation import _normalise


if not Doc.has_extension("nk_dates"):
    Doc.set_extension("nk_dates", default=None)
if not Doc.has_extension("published"):
    Doc.set_extension("published", default=None)


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



@Language.component("newskit_dates")
def dates_component(doc: Doc) -> Doc:
    doc._.nk_dates = find_dates(doc)
    return doc
