"""Messy and hostile input: property-based tests, pipes, signals, exit codes."""
import json
import os
import signal
import subprocess
import sys
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newskit.nlp.data import DocumentData
from newskit.read.ingest import ReadOptions, dateline_date, decode, parse_published, read_jsonl

from .conftest import SAMPLES, assert_offsets

SHARED = DocumentData.load()

# quote marks, apostrophes, RTL and mixed scripts, control characters, newlines
PIECES = st.one_of(
    st.sampled_from(list("\"“”‘’'«»„‚ \n\t.,;:—-()")),
    st.sampled_from(["said", "told", "he", "Smith", "Monday", "2019", "May", "ago", " the ", "Mr. ", "\n\n"]),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=8),
    st.sampled_from(["مرحبا", "שלום", "Привет", "你好", "\u200f", "\u200e", "\u202e", "\x00", "\x07", "\x1b"]),
)
MESSY = st.lists(PIECES, max_size=60).map("".join)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=MESSY, published=st.sampled_from([None, "2021-10-19"]))
def test_analysis_never_fails_and_offsets_hold(nlp, text, published):
    from newskit.nlp.pipeline import analyze_text

    rec = analyze_text(text, published, nlp).model_dump()
    assert_offsets(rec, text)
    for key in ("entities", "quotes", "dates"):
        for item in rec[key]:
            for span in item.get("mentions", [item]):
                assert 0 <= span["start"] <= span["end"] <= len(text)
    quotes = sorted((q["start"], q["end"]) for q in rec["quotes"])
    for (s1, e1), (s2, e2) in zip(quotes, quotes[1:]):
        assert e1 <= s2, "quotes overlap"


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(["“", "”", "\"", "‘", "’"]), st.integers(1, 400))
def test_quote_marks_only_and_long_lines(nlp, mark, n):
    from newskit.nlp.pipeline import analyze_text

    text = (mark * n) + " " + ("word " * n) + mark
    rec = analyze_text(text, None, nlp).model_dump()
    assert_offsets(rec, text)


@given(st.lists(st.binary(max_size=200), max_size=20))
def test_jsonl_reader_never_raises(lines):
    items = list(read_jsonl([ln + b"\n" for ln in lines], "feed.jsonl", ReadOptions()))
    for it in items:
        assert hasattr(it, "text") or hasattr(it, "message")


@given(st.binary(max_size=500), st.sampled_from(["strict", "replace"]))
def test_decode_never_raises(data, errors):
    got = decode(data, "f.txt", ReadOptions(errors=errors))
    assert isinstance(got, str) or got.message


@given(st.one_of(st.none(), st.integers(), st.text(max_size=40)))
def test_date_parsers_never_raise(value):
    got = parse_published(value)
    assert got is None or len(got) == 10
    if isinstance(value, str):
        assert dateline_date(value, SHARED) is None or len(dateline_date(value, SHARED)) == 10


@given(st.dictionaries(st.sampled_from(["id", "text", "title", "published", "url"]),
                       st.one_of(st.none(), st.integers(), st.text(max_size=30), st.lists(st.integers(), max_size=2))))
def test_jsonl_records_of_any_shape(rec):
    [item] = list(read_jsonl([json.dumps(rec).encode()], "feed.jsonl", ReadOptions()))
    if isinstance(rec.get("text"), str) and rec["text"].strip():
        assert item.text == rec["text"]
    else:
        assert "line 1" in item.message


def newskit(*args, **kw):
    return [sys.executable, "-m", "newskit", *map(str, args)]


def test_broken_pipe_is_quiet():
    cmd = " ".join(newskit("extract", SAMPLES, SAMPLES, "--format", "jsonl")) + " | head -1"
    res = subprocess.run(["bash", "-c", "set -o pipefail; " + cmd], capture_output=True, text=True, timeout=300)
    assert len(res.stdout.splitlines()) == 1
    assert "Traceback" not in res.stderr and "BrokenPipe" not in res.stderr


def test_ctrl_c_stops_cleanly_and_leaves_no_output(tmp_path):
    feed = tmp_path / "big.jsonl"
    with open(feed, "w", encoding="utf-8") as fh:
        for i in range(3000):
            fh.write(json.dumps({"id": str(i), "text": "The mayor said on Monday that the bridge would open. " * 5}) + "\n")
    out = tmp_path / "out.jsonl"
    proc = subprocess.Popen(newskit("extract", feed, "--output", out), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    time.sleep(6)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130
    assert "Traceback" not in err and "interrupted" in err
    assert not out.exists()
    assert not [p for p in os.listdir(tmp_path) if p.endswith(".part")]


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read files without read permission")
def test_unreadable_file(runner, tmp_path):
    from newskit.cli.app import app

    p = tmp_path / "secret.txt"
    p.write_text("The mayor spoke.", encoding="utf-8")
    p.chmod(0)
    res = runner.invoke(app, ["extract", str(p), "--format", "jsonl"])
    assert res.exit_code == 1 and "permission denied" in res.stderr


def test_jsonl_reading_is_lazy():
    """A huge feed is read line by line: the first article arrives before the rest is read."""
    consumed = []

    def lines():
        for i in range(100_000):
            consumed.append(i)
            yield json.dumps({"id": str(i), "text": "x y"}).encode() + b"\n"

    it = read_jsonl(lines(), "feed.jsonl", ReadOptions())
    first = next(it)
    assert first.id == "0" and len(consumed) == 1
