"""The date grammar as data (models/en/dates/): every file loads, every pattern compiles,
every rule names a handler that exists and groups it has; the tuned numbers are config;
a handler's error is raised, only "not a date" is a normal outcome."""
from __future__ import annotations

import datetime as dt
import json
import re
import shutil

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from newskit.nlp import results
from newskit.nlp.data import installed_folder
from newskit.nlp.dates import DateData, normalise, rules
from newskit.nlp.dates.handlers import HANDLERS

DATA = installed_folder("dates")


@pytest.fixture(scope="module")
def data():
    return DateData.load()


def test_rules_file_loads_and_every_rule_is_complete(data):
    defines, steps = data.program.defines, data.program.steps
    names = [s.name for s in steps if isinstance(s, rules.Rule)]
    assert len(names) > 40 and len(names) == len(set(names)), "rule names must be unique"
    for step in steps:
        if not isinstance(step, rules.Rule):
            continue
        assert step.type in ("DATE", "TIME", "DURATION", "SET"), step.name
        groups = set(step.rx.groupindex)
        if step.call:
            assert step.call[0] in HANDLERS, f"{step.name}: no handler {step.call[0]}"
            for arg in step.call[1]:
                assert arg in groups or arg.isdigit() or arg == "X", f"{step.name}: unknown argument {arg}"
        elif step.value != "NONE":
            for field in re.findall(r"\{(\w+)", step.value):
                assert field in groups, f"{step.name}: template field {field} is not a group"
    assert set(data.named) == set(defines)  # every named pattern compiles


def test_span_patterns_compile(data):
    assert len(data.grammar.span_regexes) >= 40


def test_lexicon_has_no_duplicate_keys_or_items():
    def pairs(items):
        keys = [k for k, _ in items]
        assert len(keys) == len(set(keys)), f"duplicate keys: {keys}"
        return dict(items)

    lex = json.loads((DATA / "lexicon.json").read_text(encoding="utf-8"), object_pairs_hook=pairs)
    for key, value in lex.items():
        if isinstance(value, list):
            assert len(value) == len(set(value)), f"duplicates in {key}"


def test_unit_codes_differ_from_anchor_granularities():
    codes = set(json.loads((DATA / "lexicon.json").read_text(encoding="utf-8"))["units"].values())
    assert {"SEC", "HR"} <= codes and not codes & {"S", "H", "HALF", "SEASON"}


def _blank(**config):
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("newskit_dates", config=config)
    return nlp


def _dates(nlp, text, published):
    doc = nlp.make_doc(text)
    doc._.published = published
    return [(d.text, d.value) for d in results.dates(nlp(doc))]


def test_tuned_numbers_are_component_config():
    nlp = _blank()
    cfg = nlp.config["components"]["newskit_dates"]
    assert cfg["month_ahead"] == 3 and cfg["recent_months"] == 15 and cfg["day_ahead"] == 92
    text = "The sale ends in January."
    assert ("January", "2024-01") in _dates(nlp, text, "2023-10-30")  # three months ahead: the coming one
    assert ("January", "2023-01") in _dates(_blank(month_ahead=1), text, "2023-10-30")


_WORDS = ["last", "next", "the", "of", "in", "early", "mid-", "March", "Sept.", "Friday", "nights", "2:45:10",
          "09:30", "GMT", "1998-99", "99", "two", "to", "and", "six", "weeks", "decade", "decades", "a", "year",
          "ago", "later", "every", "other", "twice", "Easter", "Christmas", "quarter", "half", "week", "day",
          "at", "that", "time", "now", "p.m.", "10", "31", "2020", "nineteen", "ninety-six", "'s", ",", "-"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=6),
       st.one_of(st.none(), st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))),
       st.sampled_from([None, "past", "future", "near", "present", "defer"]))
def test_normalise_never_fails_on_messy_input(data, words, published, tense):
    r = normalise(" ".join(words), published, tense=tense, data=data)
    assert r is None or (r[0] in ("DATE", "TIME", "DURATION", "SET") and (r[1] is None or isinstance(r[1], str)))


# --- errors are raised, "not a date" is not an error ---------------------------------------

def test_a_handler_error_is_raised_not_taken_for_no_date():
    """A bug in a handler (here: a TypeError) reaches the caller instead of becoming "not a date"."""
    def broken(ctx, typ, *args):
        return typ, args[0] + 1, None  # a group's text plus a number: a TypeError

    data = DateData.load(handlers={**HANDLERS, "ymd": broken})
    with pytest.raises(TypeError):
        normalise("2021-10-18", "2021-10-20", data=data)


def test_a_handler_returning_none_is_no_date():
    data = DateData.load(handlers={**HANDLERS, "ymd": lambda ctx, typ, *args: None})
    assert normalise("2021-10-18", "2021-10-20", data=data) is None


@pytest.mark.parametrize("text,pub", [("February 30, 2021", "2021-10-20"), ("the fifth quarter", "2021-10-20"),
                                      ("next year", "9999-06-01"), ("tomorrow", "9999-12-31")])
def test_a_day_outside_the_calendar_is_no_date(data, text, pub):
    """A day the calendar does not have (NotADate from the arithmetic) is "not a date", not an error."""
    assert normalise(text, pub, data=data) is None


def test_a_rule_naming_a_missing_handler_fails_when_the_data_loads():
    handlers = {k: v for k, v in HANDLERS.items() if k != "weekday"}
    with pytest.raises(ValueError, match="weekday"):
        DateData.load(handlers=handlers)


def test_a_misspelt_lexicon_key_fails_when_the_data_loads(tmp_path):
    folder = tmp_path / "dates"
    shutil.copytree(DATA, folder)
    lex = json.loads((folder / "lexicon.json").read_text(encoding="utf-8"))
    lex["seasonz"] = lex.pop("seasons")
    (folder / "lexicon.json").write_text(json.dumps(lex), encoding="utf-8")
    with pytest.raises(ValueError, match="seasonz"):
        DateData.load(folder)


def test_a_rule_naming_an_unknown_lexicon_value_raises(tmp_path):
    """A word list value the handler cannot use (a misspelt unit code) is an error, not "no date"."""
    folder = tmp_path / "dates"
    shutil.copytree(DATA, folder)
    lex = json.loads((folder / "lexicon.json").read_text(encoding="utf-8"))
    lex["units"]["weeks"] = "WX"  # no such unit code
    (folder / "lexicon.json").write_text(json.dumps(lex), encoding="utf-8")
    with pytest.raises(KeyError):
        normalise("two weeks", "2021-10-20", data=DateData.load(folder))
