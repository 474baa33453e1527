"""Temporal expressions: spans, TIMEX3 types and values (newskit.nlp.dates).

Every row is a sentence we wrote ourselves, its publication date, and the
expressions a reader expects with their TIMEX3 type and value.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from newskit.nlp import dates, results
from newskit.nlp.pipeline import make_doc

PUB = "2021-10-20"  # a Wednesday in ISO week 42


@pytest.fixture(scope="module")
def data():
    """The installed date data, loaded once for the module (``normalise`` takes it as an argument)."""
    return dates.DateData.load()


def run(nlp, text, published=PUB):
    doc = nlp(make_doc(nlp, text, published))
    found = results.dates(doc)
    for d in found:
        assert text[d.start:d.end] == d.text
    return [(d.text, d.type, d.value) for d in found]


def expect(nlp, text, published, wanted):
    got = run(nlp, text, published)
    for item in wanted:
        assert item in got, f"{item} not in {got}"
    return got


# --- granularity kept ---------------------------------------------------------------------
GRANULARITY = [
    ("The company was founded in 2018.", ("2018", "DATE", "2018")),
    ("Talks began in February 2020 in Geneva.", ("February 2020", "DATE", "2020-02")),
    ("The troops left on August 15.", ("August 15", "DATE", "2021-08-15")),
    ("Prices climbed last week.", ("last week", "DATE", "2021-W41")),
    ("The city grew fast in the 1990s.", ("the 1990s", "DATE", "199")),
    ("The bridge closed in summer 2019.", ("summer 2019", "DATE", "2019-SU")),
    ("Sales rose 4% in the third quarter.", ("the third quarter", "DATE", "2021-Q3")),
    ("The minister resigned on Monday morning.", ("Monday morning", "TIME", "2021-10-18TMO")),
    ("The vote closed at 3 p.m. Tuesday.", ("3 p.m. Tuesday", "TIME", "2021-10-19T15:00")),
    ("The treaty was signed on March 3, 1998, in Oslo.", ("March 3, 1998", "DATE", "1998-03-03")),
    ("Profit fell in the first half of 2020.", ("the first half of 2020", "DATE", "2020-H1")),
    ("Shares were halted at 10:30 a.m. today.", ("10:30 a.m. today", "TIME", "2021-10-20T10:30")),
]


@pytest.mark.parametrize("text,item", GRANULARITY)
def test_granularity(nlp, text, item):
    expect(nlp, text, PUB, [item])


# --- relative to the publication date -----------------------------------------------------
RELATIVE = [
    # weekdays: past tense looks back, future tense looks ahead
    ("The mayor said Friday that she would run.", ("Friday", "DATE", "2021-10-15")),
    ("The mayor will announce her decision on Friday.", ("Friday", "DATE", "2021-10-22")),
    ("Officials met on Monday.", ("Monday", "DATE", "2021-10-18")),
    ("The committee will meet Monday.", ("Monday", "DATE", "2021-10-25")),
    ("The results came out today.", ("today", "DATE", "2021-10-20")),
    ("The plant closed yesterday.", ("yesterday", "DATE", "2021-10-19")),
    ("The court rules tomorrow.", ("tomorrow", "DATE", "2021-10-21")),
    ("Rents rose sharply last year.", ("last year", "DATE", "2020")),
    ("The law takes effect next month.", ("next month", "DATE", "2021-11")),
    ("Exports grew this year.", ("this year", "DATE", "2021")),
    ("The strike began two weeks ago.", ("two weeks ago", "DATE", "2021-W40")),
    ("The fire started three days ago.", ("three days ago", "DATE", "2021-10-17")),
    ("The ship will dock in three days.", ("three days", "DATE", "2021-10-23")),
    ("The bank raised rates earlier this month.", ("earlier this month", "DATE", "2021-10")),
    ("The festival returns next summer.", ("next summer", "DATE", "2022-SU")),
    ("Ticket sales slumped last spring.", ("last spring", "DATE", "2021-SP")),
    ("The company expects a loss in the fourth quarter.", ("the fourth quarter", "DATE", "2021-Q4")),
    ("The factory reopened in March.", ("March", "DATE", "2021-03")),
    ("The new line opens in January.", ("January", "DATE", "2022-01")),
    ("Prices fell over the weekend.", ("the weekend", "DATE", "2021-W41-WE")),
    ("Protesters gathered last night.", ("last night", "TIME", "2021-10-19TNI")),
]


@pytest.mark.parametrize("text,item", RELATIVE)
def test_relative_to_publication(nlp, text, item):
    expect(nlp, text, PUB, [item])


# --- anaphoric: relative to the last date in the text -------------------------------------
def test_days_earlier_and_same_day(nlp):
    text = ("The capital fell on August 15. Two days earlier, the envoy had left. "
            "The embassy closed the same day.")
    expect(nlp, text, PUB, [("August 15", "DATE", "2021-08-15"),
                            ("Two days earlier", "DATE", "2021-08-13"),
                            ("the same day", "DATE", "2021-08-13")])


def test_week_later_and_that_year(nlp):
    text = "The dam burst on May 2, 2019. A week later the town was evacuated. That year the river froze."
    expect(nlp, text, PUB, [("May 2, 2019", "DATE", "2019-05-02"),
                            ("A week later", "DATE", "2019-05-09"),
                            ("That year", "DATE", "2019")])


def test_following_day(nlp):
    text = "The crash happened on Jan. 4, 2010, and the pilot died the following day."
    expect(nlp, text, PUB, [("the following day", "DATE", "2010-01-05")])


def test_year_ago_quarter_compares_quarters(nlp):
    text = "Net income rose to $5 million in the third quarter from $4 million a year ago."
    expect(nlp, text, PUB, [("the third quarter", "DATE", "2021-Q3"), ("a year ago", "DATE", "2020-Q3")])


# --- durations and sets -------------------------------------------------------------------
DURATIONS = [
    ("She led the party for nearly two decades.", ("nearly two decades", "DURATION", "P2DE")),
    ("The trial lasted a month.", ("a month", "DURATION", "P1M")),
    ("Negotiations dragged on for years.", ("years", "DURATION", "PXY")),
    ("The hearing took five hours.", ("five hours", "DURATION", "PT5H")),
    ("He signed a two-year contract.", ("two-year", "DURATION", "P2Y")),
    ("Sales fell over the past three months.", ("the past three months", "DURATION", "P3M")),
    ("The repairs will take 2 1/2 years.", ("2 1/2 years", "DURATION", "P2Y6M")),
    ("The council meets every week.", ("every week", "SET", "P1W")),
    ("The paper is published weekly.", ("weekly", "SET", "P1W")),
    ("Patients are checked daily.", ("daily", "SET", "P1D")),
    ("The market opens every Tuesday.", ("every Tuesday", "SET", "XXXX-WXX-2")),
]


@pytest.mark.parametrize("text,item", DURATIONS)
def test_durations_and_sets(nlp, text, item):
    expect(nlp, text, PUB, [item])


# --- references ---------------------------------------------------------------------------
REFS = [
    ("The firm now employs 300 people.", ("now", "DATE", "PRESENT_REF")),
    ("Such floods were rare in the past.", ("the past", "DATE", "PAST_REF")),
    ("More storms are expected in the coming days.", ("the coming days", "DATE", "FUTURE_REF")),
    ("The mine recently changed owners.", ("recently", "DATE", "PAST_REF")),
]


@pytest.mark.parametrize("text,item", REFS)
def test_references(nlp, text, item):
    expect(nlp, text, PUB, [item])


# --- not dates ----------------------------------------------------------------------------
NOT_DATES = [
    "The airline grounded every Boeing 737 in its fleet.",
    "United won the final 2-1 after extra time.",
    "The house sold for $2,000,000 last month.",  # the price is not a year
    "Tickets for IPL 2022 went on sale at noon.",
    "The 6-year-old boy was found safe.",
    "The island buys about three-quarters of its fuel abroad.",
    "He won 1500 votes in the district.",
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_not_dates(nlp, text):
    got = run(nlp, text)
    texts = [g[0] for g in got]
    for bad in ("737", "2-1", "2,000,000", "$2,000,000", "2022", "IPL 2022", "6-year-old", "three-quarters",
                "about three-quarters", "1500"):
        assert bad not in texts, f"{bad!r} taken for a date in {got}"


def test_price_sentence_keeps_real_date(nlp):
    expect(nlp, "The house sold for $2,000,000 last month.", PUB, [("last month", "DATE", "2021-09")])


# --- without a publication date -----------------------------------------------------------
def test_without_publication_date(nlp):
    text = ("The accord was signed on March 3, 1998. Two days later the army withdrew. "
            "The president spoke on Friday and will travel next week.")
    got = run(nlp, text, published=None)
    assert ("March 3, 1998", "DATE", "1998-03-03") in got
    assert ("Two days later", "DATE", "1998-03-05") in got  # anchored on the text's own date
    assert ("Friday", "DATE", None) in got  # needs the publication date: null, not guessed
    assert ("next week", "DATE", None) in got


# --- the plain function -------------------------------------------------------------------
PLAIN = [
    ("yesterday", "2021-10-20", None, ("DATE", "2021-10-19")),
    ("Friday", "2021-10-20", "future", ("DATE", "2021-10-22")),
    ("Friday", "2021-10-20", "past", ("DATE", "2021-10-15")),
    ("Sept. 30", "1999-11-02", "past", ("DATE", "1999-09-30")),
    ("mid-1996", "2021-10-20", None, ("DATE", "1996")),
    ("the early 1980s", "2021-10-20", None, ("DATE", "198")),
    ("nineteen ninety-six", "2021-10-20", None, ("DATE", "1996")),
    ("late November", "2021-10-20", None, ("DATE", "2021-11")),
    ("this week", "2021-10-20", None, ("DATE", "2021-W42")),
    ("Christmas", "2021-10-20", "future", ("DATE", "2021-12-25")),
    ("Thanksgiving", "2021-10-20", "future", ("DATE", "2021-11-25")),
    ("the 20th century", "2021-10-20", None, ("DATE", "19")),
    ("several months", "2021-10-20", None, ("DURATION", "PXM")),
    ("a minute and a half", "2021-10-20", None, ("DURATION", "PT1M30S")),
    ("1 1/2 hours", "2021-10-20", None, ("DURATION", "PT1H30M")),
    ("last February", "2021-03-02", None, ("DATE", "2020-02")),
    ("last April", "2021-10-20", None, ("DATE", "2021-04")),
    ("January nineteen ninety-seven", "2021-10-20", None, ("DATE", "1997-01")),
    ("yesterday", None, None, ("DATE", None)),
    ("2018", None, None, ("DATE", "2018")),
]


@pytest.mark.parametrize("text,pub,tense,want", PLAIN)
def test_normalise_function(data, text, pub, tense, want):
    assert dates.normalise(text, pub, tense=tense, data=data) == want


def test_not_an_expression(data):
    assert dates.normalise("the company", "2021-10-20", data=data) is None


def test_output_sorted_and_non_overlapping(nlp):
    text = ("On Tuesday, Jan. 5, 2021, and again two weeks later, the board met; "
            "it meets every month and will meet next Friday at 9 a.m.")
    doc = nlp(make_doc(nlp, text, PUB))
    spans = [(d.start, d.end) for d in results.dates(doc)]
    assert spans == sorted(spans)
    assert all(e1 <= s2 for (_, e1), (s2, _) in zip(spans, spans[1:]))


@pytest.mark.parametrize("text,pub", [("Christmas 0000", "2021-10-20"), ("next Monday", "9999-12-31"),
                                      ("last summer", "0001-01-01"), ("in 99999 years", "2021-10-20")])
def test_out_of_range_calendar_is_not_an_error(data, text, pub):
    r = dates.normalise(text, pub, tense="future", data=data)
    assert r is None or r[1] is None or isinstance(r[1], str)


def test_year_written_in_the_same_sentence_anchors_a_bare_day(nlp):
    text = "The 2016 referendum was held on June 23, and the count ended on Friday."
    expect(nlp, text, PUB, [("2016", "DATE", "2016"), ("June 23", "DATE", "2016-06-23")])


def test_bare_plural_units_only_as_durations(nlp):
    got = run(nlp, "The deal came after months of talks, and the rebels waited for years.")
    assert ("months", "DURATION", "PXM") in got and ("years", "DURATION", "PXY") in got
    got = run(nlp, "Owing to weeks of delays, the bridge opened late.")
    assert ("weeks", "DURATION", "PXW") in got


# --- which way a weekday points: the verb it attaches to and its preposition ---------------
TUE = "2024-01-09"  # a Tuesday
DIRECTION = [
    # a past report of a forward-looking limit: the nearest such day
    ("The weather office issued a warning until Wednesday morning.", ("Wednesday morning", "TIME", "2024-01-10TMO")),
    ("The strike lasted until Monday.", ("Monday", "DATE", "2024-01-08")),
    # a limit said in the present or the future looks ahead
    ("The exhibition runs until Sunday.", ("Sunday", "DATE", "2024-01-14")),
    ("The team could leave as soon as Thursday, officials said.", ("Thursday", "DATE", "2024-01-11")),
    # schedules: present tense, "is to", "set to", modals, progressive
    ("The two leaders meet Monday in the capital.", ("Monday", "DATE", "2024-01-15")),
    ("The court hears the case on Thursday.", ("Thursday", "DATE", "2024-01-11")),
    ("The bank, which reports earnings on Thursday, declined to comment.", ("Thursday", "DATE", "2024-01-11")),
    ("He is due in court on Monday.", ("Monday", "DATE", "2024-01-15")),
    ("The talks are set to resume Monday.", ("Monday", "DATE", "2024-01-15")),
    ("Trading in the shares is to resume Thursday.", ("Thursday", "DATE", "2024-01-11")),
    ("She said he would be flying to Paris Thursday.", ("Thursday", "DATE", "2024-01-11")),
    # past plans: the planning day when it comes first, else the nearest day; past perfect looks back
    ("On Friday, the government planned to pay the workers.", ("Friday", "DATE", "2024-01-05")),
    ("A memorial planned for Saturday was cancelled after the threats.", ("Saturday", "DATE", "2024-01-06")),
    ("The lease had been due to run out Friday evening.", ("Friday evening", "TIME", "2024-01-05TEV")),
    # past events, including verbs whose past looks like their present
    ("Police arrested the man on Sunday.", ("Sunday", "DATE", "2024-01-07")),
    ("Weak bank shares hurt the index on Friday.", ("Friday", "DATE", "2024-01-05")),
    # a reporting verb in the present does not make a schedule
    ("The minister says the plan follows Friday's vote.", ("Friday", "DATE", "2024-01-05")),
    # a deferral points to a new date ahead, even in the past tense
    ("Officials postponed until Thursday morning any decision on the plan.",
     ("Thursday morning", "TIME", "2024-01-11TMO")),
    ("The judge adjourned the hearing until Monday.", ("Monday", "DATE", "2024-01-15")),
    # reduced relatives: a plan takes its clause's time, other ones are past
    ("Lawyers asked the court to suspend the injunction issued Thursday.", ("Thursday", "DATE", "2024-01-04")),
    ("Rebels attack the peace talks, set to resume Friday in the capital.", ("Friday", "DATE", "2024-01-12")),
    ("The company is likely to announce results Friday.", ("Friday", "DATE", "2024-01-12")),
]


@pytest.mark.parametrize("text,item", DIRECTION)
def test_weekday_direction(nlp, text, item):
    expect(nlp, text, TUE, [item])


# --- ranges: two dates valued together -----------------------------------------------------
RANGES = [
    ("The festival ran from Monday to Wednesday.",
     [("Monday", "DATE", "2024-01-01"), ("Wednesday", "DATE", "2024-01-03")]),
    ("The festival will run from Saturday to Monday.",
     [("Saturday", "DATE", "2024-01-13"), ("Monday", "DATE", "2024-01-15")]),
    ("The strike lasted from Monday until Friday.",
     [("Monday", "DATE", "2024-01-01"), ("Friday", "DATE", "2024-01-05")]),
    ("The talks ran from Nov. 20 to Jan. 5, 2024.",
     [("Nov. 20", "DATE", "2023-11-20"), ("Jan. 5, 2024", "DATE", "2024-01-05")]),
    ("The road is shut from 9 p.m. to 5 a.m.",
     [("9 p.m.", "TIME", "2024-01-09T21:00"), ("5 a.m.", "TIME", "2024-01-10T05:00")]),
    ("Output grew 40% between 2010 and 2015.", [("2010", "DATE", "2010"), ("2015", "DATE", "2015")]),
    ("Prices rose in 2010-2015.", [("2010", "DATE", "2010"), ("2015", "DATE", "2015")]),
    ("The survey ran from January to March.", [("January", "DATE", "2023-01"), ("March", "DATE", "2023-03")]),
    ("The survey will run from November to February.",
     [("November", "DATE", "2024-11"), ("February", "DATE", "2025-02")]),
    ("The meeting runs from 10 a.m. to 2 p.m. Friday.",
     [("10 a.m.", "TIME", "2024-01-12T10:00"), ("2 p.m. Friday", "TIME", "2024-01-12T14:00")]),
    # a moved date is not a range: the new day is the nearest one
    ("The vote was postponed from Monday to Wednesday.",
     [("Monday", "DATE", "2024-01-08"), ("Wednesday", "DATE", "2024-01-10")]),
]


@pytest.mark.parametrize("text,items", RANGES)
def test_ranges(nlp, text, items):
    expect(nlp, text, TUE, items)


# --- year-ago periods compare with the current reporting period ----------------------------
YEAR_AGO = [
    ("Profit rose in the third quarter. In the year-ago quarter, it fell.",
     ("the year-ago quarter", "DATE", "2022-Q3")),
    ("Net rose to $5 million, against a loss in the 2022 period. Its year-ago numbers held a charge.",
     ("year-ago", "DATE", "2022")),
    ("Sales climbed last year. The year-earlier figures were restated.", ("year-earlier", "DATE", "2022")),
]


@pytest.mark.parametrize("text,item", YEAR_AGO)
def test_year_ago_period(nlp, text, item):
    expect(nlp, text, "2023-11-02", [item])


def test_now_opening_a_sentence_is_a_discourse_marker(nlp):
    got = run(nlp, "The company lost money for years. Now, I want to be clear about the plan.", TUE)
    assert not any(t.lower() == "now" for t, _, _ in got)
    got = run(nlp, "The company lost money for years. Now, what should the owners do?", TUE)
    assert not any(t.lower() == "now" for t, _, _ in got)
    assert ("now", "DATE", "PRESENT_REF") in run(nlp, "The company is now in profit.", TUE)


def test_now_opening_a_sentence_can_be_a_time(nlp):
    # set against the past, a present state: "now" says when (decided from the sentence)
    got = run(nlp, "The company lost money for years. Now, the new owners run it at a profit.", TUE)
    assert ("Now", "DATE", "PRESENT_REF") in got


# --- a month or day with no tense to go by: the last one, unless the next is close ---------
NO_TENSE = [
    ("March", "2023-10-30", "2023-03"),       # seven months back beats five ahead
    ("January", "2023-10-30", "2024-01"),     # three months ahead: the coming one
    ("November", "2024-01-15", "2023-11"),
    ("March 3", "2023-10-30", "2023-03-03"),
    ("Dec. 20", "2023-10-30", "2023-12-20"),
    ("Jan. 5", "2023-11-20", "2024-01-05"),
    ("June 2", "2024-01-15", "2023-06-02"),
]


@pytest.mark.parametrize("text,pub,value", NO_TENSE)
def test_month_or_day_without_tense(data, text, pub, value):
    assert dates.normalise(text, pub, data=data)[1] == value


def test_year_and_number_joined_by_a_hyphen_is_not_a_range(nlp):
    got = run(nlp, "The part number 2010-5 was recalled.", TUE)
    assert not any(v == "2010" for _, _, v in got)


def test_past_deferral_to_a_month_is_background(nlp):
    # a weekday after "postponed until" is ahead (see DIRECTION); a month is the nearest one
    expect(nlp, "The council extended the curfew until March after the riots.", "2024-05-10",
           [("March", "DATE", "2024-03")])


EASTER = [
    ("The shops were shut on Good Friday.", "2024-04-10", ("Good Friday", "DATE", "2024-03-29")),
    ("The parade returns on Easter Monday.", "2025-03-01", ("Easter Monday", "DATE", "2025-04-21")),
    ("Crowds filled the square on Easter Sunday.", "2019-05-02", ("Easter Sunday", "DATE", "2019-04-21")),
]


@pytest.mark.parametrize("text,pub,item", EASTER)
def test_easter_holidays(nlp, text, pub, item):
    expect(nlp, text, pub, [item])


def test_holy_week_is_the_week_ending_on_easter(nlp):
    expect(nlp, "Pilgrims arrived as Holy Week began.", "2024-03-26", [("Holy Week", "DATE", "2024-W13")])
    expect(nlp, "Pilgrims will come for Easter week.", "2024-03-26", [("Easter week", "DATE", "2024-W13")])
    expect(nlp, "The shops close early on Christmas eve.", "2024-12-02", [("Christmas eve", "DATE", "2024-12-24")])


# --- table-driven cases: tests/data/date_cases.tsv ------------------------------------------
def _cases():
    rows = []
    path = Path(__file__).parent / "data" / "date_cases.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        text, pub, expr, typ, value = line.split("\t")
        rows.append(pytest.param(text, pub, expr, typ, None if value == "-" else value, id=expr or text[:30]))
    return rows


@pytest.mark.parametrize("text,pub,expr,typ,value", _cases())
def test_table(nlp, text, pub, expr, typ, value):
    """One row per phenomenon; type "-" means the expression must not be found as a date."""
    got = run(nlp, text, pub)
    if typ == "-":
        assert not any(expr in t or t in expr for t, _, _ in got), f"{expr!r} taken for a date in {got}"
    else:
        assert (expr, typ, value) in got, f"{(expr, typ, value)} not in {got}"
