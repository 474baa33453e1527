"""Dates: temporal expressions found in news text, typed and valued as TIMEX3.

Job: find the spans (own regex grammar from ``models/en/dates/`` plus spaCy DATE/TIME
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
* durations (``P2Y``, ``PXY``, ``PT5H``, ``P2DE``, ``PT2H45M10S``), sets (``P1W``,
  ``XXXX-WXX-2``, ``XXXX-WI``) and ``PRESENT_REF``/``PAST_REF``/``FUTURE_REF``;
* names of works and shows that hold time words ("The Morning Show", "Harbour Radio Today"), a month
  heading a name ("the annual March of the Lanterns") and a set adverb used as the noun for a paper
  ("the French daily Le Monde") are not dates;
* holidays are computed from day specs in the lexicon (Easter-based, n-th weekday of a month,
  with a shift: Election Day is the Tuesday after the first Monday of November).

Without a publication date, absolute dates still resolve and anchored values are
``None``. ``dateparser`` (English only, its answers kept on the data object) is only a fallback for a found
expression the rules cannot read. Limits: English only; one value per span (a range
is two spans); time zones are dropped; fiscal calendars are treated as calendar years;
weekday direction follows the parser's tags and attachment, so a mis-parse can flip it.

The language knowledge is data in ``models/en/dates/`` (word lists, span patterns, the
rules of ``rules.txt``; see ``models/README.md``), read with the shared calendar names into
one typed object, :class:`DateData` (:mod:`.data`), that every stage takes as an argument.
Modules by role: :mod:`.lexicon` types the word lists; :mod:`.grammar` finds candidates;
:mod:`.rules` reads the rule file and runs it; :mod:`.normalisation` values one expression;
:mod:`.handlers` is the explicit table of the functions the rules name, which live in
:mod:`.years` (years, months, seasons, holidays), :mod:`.days` (days, clock times) and
:mod:`.periods` (quarters, relative units, offsets, durations); :mod:`.anchoring` ties values
to the publication date, the reference time and the tense of the verb; :mod:`.ranges` values
the ends of ranges together; :mod:`.arithmetic` does the calendar sums; :mod:`.component` is
the spaCy factory ``newskit_dates`` (the one entry point of the pipeline, its tuned numbers in
its config). A handler's error is raised; only "not a date" (no value, or :class:`NotADate`
from a day outside the calendar) is a normal outcome.

Plain entry points: :func:`normalise` (text + publication date + ``DateData`` → type, value)
for a single expression, :func:`find_dates` for a parsed ``Doc``.
"""
from __future__ import annotations

from .arithmetic import Anchor, NotADate
from .component import DateFinder, find_dates
from .data import DateData
from .normalisation import normalise

__all__ = ["Anchor", "DateData", "DateFinder", "NotADate", "find_dates", "normalise"]
