"""Values newskit cannot use are reported, never dropped in silence; --strict fails them."""
import json

from hypothesis import given
from hypothesis import strategies as st

from newskit.cli.app import app
from newskit.read.ingest import Article, ReadOptions, read_jsonl

from .conftest import jsonl

TEXT = "The harbour board in Kirkholm met on Tuesday. Its chair, Nora Quill, said the pier would reopen in May."


def run(runner, *args):
    return runner.invoke(app, list(args))


def feed(tmp_path, *records, raw=None):
    p = tmp_path / "feed.jsonl"
    lines = [json.dumps(r) for r in records] + ([raw] if raw else [])
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return p


def warnings_of(stderr):
    return [ln for ln in stderr.splitlines() if ln.startswith("newskit: warning:")]


def test_unusable_values_are_warned_about_and_the_article_is_still_analysed(runner, tmp_path):
    p = feed(tmp_path,
             {"id": "a", "published": "not-a-date", "text": TEXT},
             {"id": "b", "published": "2021-02-30", "text": TEXT},
             {"id": "c", "title": 7, "url": ["x"], "published": "2021-02-03", "text": TEXT})
    res = run(runner, "extract", str(p), "--format", "jsonl")
    assert res.exit_code == 0, res.stderr
    recs = jsonl(res.stdout)  # stdout stays pure JSON Lines
    assert [r["id"] for r in recs] == ["a", "b", "c"]
    assert [r["published"] for r in recs] == [None, None, "2021-02-03"]
    assert recs[2]["title"] is None and recs[2]["url"] is None
    assert all(r["entities"] and r["quotes"] and r["dates"] for r in recs)
    warned = warnings_of(res.stderr)
    assert len(warned) == 4
    assert f"{p}:1" in warned[0] and "line 1" in warned[0] and '"not-a-date"' in warned[0]
    assert f"{p}:2" in warned[1] and '"2021-02-30"' in warned[1] and "published" in warned[1]
    assert f"{p}:3" in warned[2] and '"title" is not a string (7)' in warned[2]
    assert f"{p}:3" in warned[3] and '"url" is not a string (["x"])' in warned[3]
    assert "3 articles done, 0 failed" in res.stderr


def test_fallback_published_date_is_named_in_the_warning(runner, tmp_path):
    p = feed(tmp_path, {"id": "a", "published": "someday", "text": TEXT})
    res = run(runner, "extract", str(p), "--format", "jsonl", "--published", "2024-05-01")
    assert jsonl(res.stdout)[0]["published"] == "2024-05-01"
    [warned] = warnings_of(res.stderr)
    assert '"someday"' in warned and "--published 2024-05-01 used instead" in warned


def test_strict_turns_warnings_into_failures(runner, tmp_path):
    p = feed(tmp_path, {"id": "good", "published": "2024-05-01", "text": TEXT},
             {"id": "bad", "published": "not-a-date", "text": TEXT})
    res = run(runner, "extract", str(p), "--format", "jsonl", "--strict")
    assert res.exit_code == 1
    assert [r["id"] for r in jsonl(res.stdout)] == ["good"]
    errors = [ln for ln in res.stderr.splitlines() if "error" in ln]
    assert len(errors) == 1 and f"{p}:2" in errors[0] and '"not-a-date"' in errors[0] and "--strict" in errors[0]
    assert not warnings_of(res.stderr)
    assert "1 article done, 1 failed" in res.stderr


def test_lone_surrogate_is_a_bad_record_naming_its_line(runner, tmp_path):
    p = feed(tmp_path, {"id": "good", "text": TEXT}, raw='{"id": "odd", "text": "Nora Quill \\ud800 spoke on Monday."}')
    res = run(runner, "extract", str(p), "--format", "jsonl")
    assert res.exit_code == 1
    assert [r["id"] for r in jsonl(res.stdout)] == ["good"]
    [err] = [ln for ln in res.stderr.splitlines() if "error" in ln]
    assert f"{p}:2" in err and "line 2" in err and "lone surrogate" in err and "--errors replace" in err
    assert "analysis failed" not in res.stderr and "Traceback" not in res.stderr


def test_lone_surrogate_is_replaced_with_a_warning_under_errors_replace(runner, tmp_path):
    p = feed(tmp_path, raw='{"id": "odd", "title": "Pier \\udc01", "text": "Nora Quill \\ud800 spoke on Monday."}')
    res = run(runner, "extract", str(p), "--format", "jsonl", "--errors", "replace", "--include-text")
    assert res.exit_code == 0, res.stderr
    [rec] = jsonl(res.stdout)
    assert rec["text"] == "Nora Quill \ufffd spoke on Monday." and rec["title"] == "Pier \ufffd"
    assert any(d["text"] == "Monday" for d in rec["dates"])
    warned = warnings_of(res.stderr)
    assert len(warned) == 2 and all("U+FFFD" in w and f"{p}:1" in w for w in warned)


@given(st.sampled_from(["published", "title", "url"]),
       st.one_of(st.integers(), st.floats(allow_nan=False), st.booleans(), st.text(max_size=20),
                 st.lists(st.integers(), max_size=2), st.dictionaries(st.text(max_size=3), st.integers(), max_size=2)))
def test_a_value_is_used_or_named_in_a_warning(key, value):
    line = json.dumps({"text": TEXT, key: value}).encode()
    [art] = list(read_jsonl([line], "feed.jsonl", ReadOptions()))
    assert isinstance(art, Article)
    used = getattr(art, key)
    if used is None and not (isinstance(value, str) and not value.strip()):
        [warning] = art.warnings
        assert warning.startswith("line 1: ") and json.dumps(value)[:40] in warning
    else:
        assert not art.warnings
    [strict] = list(read_jsonl([line], "feed.jsonl", ReadOptions(strict=True)))
    assert isinstance(strict, Article) == (not art.warnings)
