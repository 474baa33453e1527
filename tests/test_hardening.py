"""Hardening (issue 26): one bad record, odd file names, shared databases, signals, long texts."""
import json
import sqlite3

import pytest

from newskit.cli import app

from .conftest import jsonl

GOOD = "The harbour board met on Tuesday. “We will finish the pier by June,” said Mara Quist."


def run(runner, *args):
    return runner.invoke(app, [str(a) for a in args])


def _deep_feed(path, depth=5000):
    """A good record, a line of ``depth`` nested brackets, a good record with a deep field, a good record."""
    lines = [json.dumps({"id": "a", "text": GOOD}), "[" * depth + "]" * depth,
             '{"id": "x", "text": "Fine.", "title": ' + "[" * depth + "]" * depth + "}",
             json.dumps({"id": "b", "text": GOOD})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("extra", [[], ["--jobs", "2"]])
def test_deeply_nested_line_is_that_records_error(runner, tmp_path, extra):
    feed = _deep_feed(tmp_path / "feed.jsonl")
    res = run(runner, "extract", feed, "--format", "jsonl", *extra)
    assert res.exit_code == 1
    assert [r["id"] for r in jsonl(res.stdout)] == ["a", "b"]
    errors = [ln for ln in res.stderr.splitlines() if "error" in ln]
    assert len(errors) == 2 and all("nested too deeply" in ln for ln in errors)
    assert ":2:" in errors[0] and ":3:" in errors[1]


def test_deeply_nested_line_with_db_then_summarize_and_export(runner, tmp_path):
    feed = _deep_feed(tmp_path / "feed.jsonl")
    db = tmp_path / "c.db"
    res = run(runner, "extract", feed, "--db", db, "--quiet")
    assert res.exit_code == 1 and "nested too deeply" in res.stderr
    assert sorted(r[0] for r in sqlite3.connect(db).execute("SELECT id FROM articles")) == ["a", "b"]
    # newskit's own readers: a deep line among records written by extract
    out = run(runner, "extract", feed, "--format", "jsonl", "--quiet").stdout.splitlines()
    mixed = tmp_path / "out.jsonl"
    mixed.write_text(out[0] + "\n" + "[" * 5000 + "]" * 5000 + "\n" + out[1] + "\n", encoding="utf-8")
    res = run(runner, "summarize", mixed, "--format", "json")
    assert res.exit_code == 1 and "out.jsonl:2: JSON nested too deeply" in res.stderr
    assert json.loads(res.stdout)["articles"] == 2
    res = run(runner, "export", mixed, "--table", "articles", "--format", "jsonl")
    assert res.exit_code == 1 and "nested too deeply" in res.stderr
    assert [r["id"] for r in jsonl(res.stdout)] == ["a", "b"]
