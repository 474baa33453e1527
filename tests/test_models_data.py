"""Every language data file under models/ is listed in models/README.md with its format, and loads:
JSON parses, word lists hold no entry twice, patterns compile."""
from __future__ import annotations

import json
import re

import pytest

from newskit.nlp.data import models_root, read_words
from newskit.nlp.dates import DateData

MODELS = models_root()
_ROW = re.compile(r"^\|\s*`([^`]+)`\s*\|\s*([a-z ]+?)\s*\|\s*(.*?)\s*\|\s*$")


def _formats() -> dict:
    """file -> (format, [pattern keys]) from the "Formats" table of models/README.md."""
    text = (MODELS / "README.md").read_text(encoding="utf-8")
    section = text.split("## Formats", 1)[1].split("\n## ", 1)[0]
    out = {}
    for line in section.splitlines():
        m = _ROW.match(line)
        if m:
            out[m.group(1)] = (m.group(2), re.findall(r"`([^`]+)`", m.group(3)))
    return out


FORMATS = _formats()


def _files():
    return sorted(str(p.relative_to(MODELS)) for p in MODELS.rglob("*") if p.is_file() and p.name != "README.md")


def test_every_data_file_is_listed_with_a_known_format():
    files = _files()
    assert files, "models/ holds no data"
    unlisted = [f for f in files if f not in FORMATS]
    assert not unlisted, f"not in the Formats table of models/README.md: {unlisted}"
    missing = [f for f in FORMATS if f not in files]
    assert not missing, f"listed in models/README.md but absent: {missing}"
    assert {fmt for fmt, _ in FORMATS.values()} <= {"json", "lines", "span patterns", "rules"}


def _word_lists(value, path=""):
    """(dotted path, list) for every list of strings in a JSON value; notes (``_`` keys) skipped."""
    if isinstance(value, dict):
        for k, v in value.items():
            if not k.startswith("_"):
                yield from _word_lists(v, f"{path}.{k}" if path else k)
    elif isinstance(value, list):
        if value and all(isinstance(x, str) for x in value):
            yield path, value
        else:
            for i, x in enumerate(value):
                yield from _word_lists(x, f"{path}[{i}]")


def _at(data, dotted: str):
    for part in dotted.split("."):
        data = data[part]
    return data


def _twice(items):
    seen, dup = set(), []
    for x in items:
        k = x.strip().lower()
        if k in seen:
            dup.append(x)
        seen.add(k)
    return dup


@pytest.mark.parametrize("name", [f for f, (fmt, _) in FORMATS.items() if fmt == "json"])
def test_json_file_loads_without_repeats_and_its_patterns_compile(name):
    data = json.loads((MODELS / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict) and data
    for path, items in _word_lists(data):
        assert not _twice(items), f"{name}: {path} lists {_twice(items)} twice"
    for key in FORMATS[name][1]:
        value = _at(data, key)
        for pattern in value if isinstance(value, list) else [value]:
            try:
                re.compile(pattern)
            except re.error as exc:  # pragma: no cover - the failure message
                pytest.fail(f"{name}: {key}: {pattern!r} does not compile: {exc}")


@pytest.mark.parametrize("name", [f for f, (fmt, _) in FORMATS.items() if fmt == "lines"])
def test_word_list_has_entries_and_none_twice(name):
    items = list(read_words(MODELS / name))
    assert items, f"{name} is empty"
    assert not _twice(items), f"{name} lists {_twice(items)} twice"


def test_span_patterns_and_rules_load():
    kinds = {fmt for fmt, _ in FORMATS.values()}
    assert {"span patterns", "rules"} <= kinds
    data = DateData.load()
    assert data.grammar.span_regexes  # every line of dates/patterns.txt, placeholders filled, compiles
    assert data.program.defines and data.program.steps  # dates/rules.txt parses and every pattern compiles


def test_a_repeated_word_is_caught():
    """The check itself: a list with an entry twice (in another case) is reported."""
    assert _twice(["Mayor", "judge", "mayor"]) == ["mayor"]
    assert dict(_word_lists({"_note": ["a", "a"], "x": {"y": ["b", "c"]}})) == {"x.y": ["b", "c"]}
