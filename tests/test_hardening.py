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


# ---------------------------------------------------------------- cost and memory of long texts

def test_headline_rule_judges_each_line_once(nlp, monkeypatch):
    """Many cue verbs on one long line: the line is judged once, not once per cue (linear cost)."""
    from newskit.pipeline import analyze_text
    from newskit.quotes import reported

    calls = []
    real = reported._headline_line
    monkeypatch.setattr(reported, "_headline_line", lambda ctx, k: calls.append(k) or real(ctx, k))
    line = " ".join(f"Officer {n} said the road near the mill was closed." for n in "ABCDEFGHIJKL")
    head = "Council Leaders Said Bridges Would Reopen Soon\n\n"
    rec = analyze_text(head + line, nlp=nlp)
    assert len(calls) == len(set(calls)) <= 2
    assert len(rec.quotes) >= 10  # the reports on the body line are found
    assert all(q.start >= len(head) for q in rec.quotes)  # the headline is not a report


def test_split_points_prefer_paragraphs_then_sentences_then_spaces():
    from newskit.pipeline import split_points

    assert split_points("a" * 10 + "\n\n" + "b" * 10, 16) == [12]
    one_line = "First words here. Second words here. Third words here."
    cuts = split_points(one_line, 30)
    assert cuts and all(one_line[c - 2:c] == ". " for c in cuts)
    spaced = "word " * 20
    assert all(spaced[c - 1] == " " for c in split_points(spaced, 23))
    assert split_points("x" * 50, 20) == [20, 40]  # no break at all: cut inside the word


def test_a_text_over_the_piece_size_is_parsed_in_pieces(nlp, monkeypatch):
    """Pieces are parsed one at a time; entities, quotes and dates are stitched across the seams."""
    from newskit import pipeline
    from newskit.ingest import Article

    from .conftest import assert_offsets

    paras = ["The ferry board met on Tuesday in Port Ellery.",
             "“We will finish the new pier by June,” said Mara Quist, who chairs the board.",
             "Quist said on Friday that the pier would cost less than the old plan."]
    text = " ".join(paras * 6)  # one line: cut at sentence ends
    parsed = []
    real = pipeline.parse_long
    monkeypatch.setattr(pipeline, "parse_long", lambda *a, **k: parsed.append(1) or real(*a, **k))
    monkeypatch.setattr(pipeline, "PIECE_CHARS", 300)
    [rec] = pipeline.analyze(nlp, [Article(id="x", source="x", text=text, published="2022-05-10")])
    assert parsed == [1]
    assert_offsets(rec.model_dump(), text)
    [quist] = [e for e in rec.entities if e.name == "Mara Quist"]
    assert quist.count >= 12  # one entity across every piece
    assert sum(q.speaker_name == "Mara Quist" for q in rec.quotes) >= 6
    assert sum(d.value == "2022-05-10" for d in rec.dates) == 6  # "on Tuesday" in every copy


# ---------------------------------------------------------------- smaller points (item 9)

def test_published_with_trailing_junk_warns(runner, tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "a", "text": GOOD, "published": "2021-10-19xxxx"}) + "\n"
                    + json.dumps({"id": "b", "text": GOOD, "published": "2021-10-19T08:30:00+02:00"}) + "\n",
                    encoding="utf-8")
    res = run(runner, "extract", feed, "--format", "jsonl", "--quiet")
    assert res.exit_code == 0
    a, b = jsonl(res.stdout)
    assert a["published"] is None and b["published"] == "2021-10-19"
    [warning] = [ln for ln in res.stderr.splitlines() if "warning" in ln]
    assert "line 1" in warning and "2021-10-19xxxx" in warning and "not a date" in warning


def test_check_with_malformed_expected_file_is_one_line(runner, tmp_path):
    (tmp_path / "story.txt").write_text("Pier news\n\n" + GOOD + "\n", encoding="utf-8")
    (tmp_path / "story.expected.jsonl").write_text('{"id": "story.txt", "entities": [\n', encoding="utf-8")
    res = run(runner, "check", tmp_path)
    assert res.exit_code == 1
    [err] = [ln for ln in res.stderr.splitlines() if ln.startswith("ERROR")]
    assert "story.expected.jsonl: line 1: not valid JSON" in err
    assert res.exception is None or isinstance(res.exception, SystemExit)  # no traceback


def test_unreadable_subdirectory_is_permission_denied(runner, tmp_path, monkeypatch):
    import os

    (tmp_path / "ok.txt").write_text("Pier news\n\n" + GOOD + "\n", encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "hidden.txt").write_text(GOOD, encoding="utf-8")
    real = os.scandir

    def scandir(path="."):  # as for a folder without read permission (tests may run as root)
        if os.fspath(path) == str(locked):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    res = run(runner, "extract", tmp_path, "--format", "jsonl", "--quiet")
    assert res.exit_code == 1
    assert [r["title"] for r in jsonl(res.stdout)] == ["Pier news"]
    assert f"{locked}: permission denied" in res.stderr


def test_only_folder_unreadable_is_permission_denied_not_empty(runner, tmp_path, monkeypatch):
    import os

    real = os.scandir
    monkeypatch.setattr(os, "scandir", lambda path=".": (_ for _ in ()).throw(
        PermissionError(13, "Permission denied", os.fspath(path))) if os.fspath(path) == str(tmp_path) else real(path))
    res = run(runner, "extract", tmp_path, "--format", "jsonl")
    assert res.exit_code == 1 and "permission denied" in res.stderr and "has no article files" not in res.stderr


def test_fifo_found_while_walking_is_skipped(runner, tmp_path):
    import os

    (tmp_path / "ok.txt").write_text("Pier news\n\n" + GOOD + "\n", encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")  # no writer: opening it would block the run
    res = run(runner, "extract", tmp_path, "--format", "jsonl", "--quiet")
    assert res.exit_code == 0 and len(jsonl(res.stdout)) == 1
