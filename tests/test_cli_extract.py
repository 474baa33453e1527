"""`newskit extract`: inputs, formats, errors, exit codes (CliRunner)."""
import json
import os

import pytest

from newskit.cli.app import app

from .conftest import SAMPLES, assert_offsets, jsonl

STORY = (
    "Harbour plan approved\n\n"
    "The city council approved the harbour plan on Monday. "
    "“This is a great day for the town,” said Mayor Helen Okafor.\n"
)


def run(runner, *args, **kw):
    return runner.invoke(app, list(args), **kw)


@pytest.fixture
def story(tmp_path):
    p = tmp_path / "story.txt"
    p.write_text(STORY, encoding="utf-8")
    return p


def test_text_file_to_jsonl(runner, story):
    res = run(runner, "extract", str(story), "--format", "jsonl", "--published", "2023-03-15")
    assert res.exit_code == 0, res.stderr
    [rec] = jsonl(res.stdout)
    assert rec["id"] == str(story) and rec["source"] == str(story)
    assert rec["published"] == "2023-03-15"
    assert rec["title"] == "Harbour plan approved"
    assert_offsets(rec, STORY)
    assert any(d["text"] == "Monday" and d["value"] == "2023-03-13" for d in rec["dates"])
    [q] = rec["quotes"]
    assert q["text"].startswith("This is a great day")
    assert "Okafor" in (q["speaker_name"] or "")
    assert "1 article done, 0 failed" in res.stderr


def test_bom_and_crlf_are_fine(runner, tmp_path):
    p = tmp_path / "crlf.txt"
    p.write_bytes(b"\xef\xbb\xbf" + STORY.replace("\n", "\r\n").encode("utf-8"))
    res = run(runner, "extract", str(p), "--format", "jsonl", "--include-text")
    assert res.exit_code == 0, res.stderr
    [rec] = jsonl(res.stdout)
    assert rec["text"] == STORY  # BOM dropped, line ends read as in Python's open()
    assert_offsets(rec, rec["text"])


def test_without_published_date_relative_values_are_null(runner, story):
    res = run(runner, "extract", str(story), "--format", "jsonl")
    [rec] = jsonl(res.stdout)
    assert rec["published"] is None
    monday = [d for d in rec["dates"] if d["text"] == "Monday"]
    assert monday and monday[0]["value"] is None


def test_dateline_gives_published(runner, tmp_path):
    p = tmp_path / "dated.txt"
    p.write_text("Harbour plan approved\nMarch 15, 2023\n\nThe council met on Monday.\n", encoding="utf-8")
    [rec] = jsonl(run(runner, "extract", str(p), "--format", "jsonl").stdout)
    assert rec["published"] == "2023-03-15"


def test_jsonl_input_keeps_ids_titles_and_dates(runner):
    res = run(runner, "extract", str(SAMPLES / "wire.jsonl"), "--format", "jsonl")
    assert res.exit_code == 0, res.stderr
    recs = jsonl(res.stdout)
    assert [r["id"] for r in recs] == ["wire-001", "wire-002"]
    assert recs[0]["published"] == "2024-01-09"
    assert recs[0]["url"] == "https://example.org/news/storm-closes-schools"
    assert recs[1]["source"].endswith("wire.jsonl:2")


def test_html_input_main_text_title_and_date(runner):
    page = SAMPLES / "harbour-bridge.html"
    res = run(runner, "extract", str(page), "--format", "jsonl", "--include-text")
    assert res.exit_code == 0, res.stderr
    [rec] = jsonl(res.stdout)
    assert rec["title"] == "Council approves new harbour bridge after decade-long dispute"
    assert rec["published"] == "2023-03-14"
    assert "Home | News" not in rec["text"]  # navigation is not article text
    assert "Nobody asked us" in rec["text"]
    assert_offsets(rec, rec["text"])
    names = {e["name"] for e in rec["entities"]}
    assert "Helen Okafor" in names


def test_stdin_text_and_jsonl(runner):
    res = run(runner, "extract", "--format", "jsonl", input=STORY)
    assert res.exit_code == 0, res.stderr
    [rec] = jsonl(res.stdout)
    assert rec["source"] == "<stdin>"
    lines = json.dumps({"id": "a", "text": STORY}) + "\n" + json.dumps({"id": "b", "text": STORY}) + "\n"
    res = run(runner, "extract", "-", "--format", "jsonl", input=lines)
    assert [r["id"] for r in jsonl(res.stdout)] == ["a", "b"]


def test_directory_is_recursive_and_sorted(runner, tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "one.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "notes.csv").write_text("a,b\n", encoding="utf-8")
    res = run(runner, "extract", str(tmp_path), "--format", "jsonl")
    assert res.exit_code == 0, res.stderr
    assert [os.path.basename(r["id"]) for r in jsonl(res.stdout)] == ["two.txt", "one.txt"] or \
        [r["id"] for r in jsonl(res.stdout)] == sorted(r["id"] for r in jsonl(res.stdout))


def test_glob(runner, tmp_path):
    for n in ("a", "b"):
        (tmp_path / f"{n}.txt").write_text(STORY, encoding="utf-8")
    res = run(runner, "extract", str(tmp_path / "*.txt"), "--format", "jsonl")
    assert len(jsonl(res.stdout)) == 2


def test_json_format_is_one_array(runner, story):
    res = run(runner, "extract", str(story), str(story), "--format", "json")
    assert res.exit_code == 0
    data = json.loads(res.stdout)
    assert isinstance(data, list) and len(data) == 2


def test_table_format(runner, story):
    res = run(runner, "extract", str(story), "--format", "table", "--published", "2023-03-15")
    assert res.exit_code == 0
    assert "Harbour plan approved" in res.stdout
    assert "Quotes" in res.stdout and "Okafor" in res.stdout
    assert "2023-03-13" in res.stdout


def test_piped_default_is_jsonl(runner, story):
    res = run(runner, "extract", str(story))
    jsonl(res.stdout)


def test_output_file_is_written(runner, story, tmp_path):
    out = tmp_path / "out.jsonl"
    res = run(runner, "extract", str(story), "--output", str(out))
    assert res.exit_code == 0
    assert res.stdout == ""
    assert len(jsonl(out.read_text(encoding="utf-8"))) == 1
    assert not [p for p in os.listdir(tmp_path) if p.endswith(".part")]


def test_failed_run_keeps_previous_output(runner, tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text("previous good output\n", encoding="utf-8")
    res = run(runner, "extract", str(tmp_path / "missing.txt"), "--output", str(out))
    assert res.exit_code == 1
    assert out.read_text(encoding="utf-8") == "previous good output\n"


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("missing.txt", None, "no such file"),
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\n", "empty file"),
        ("latin1.txt", "Caf\u00e9 owners said so.".encode("latin-1"), "not valid utf-8"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("nomain.html", b"<html><body><nav><a href='/'>Home</a></nav></body></html>", "no main text"),
    ],
)
def test_bad_input_is_reported_and_others_go_on(runner, story, tmp_path, name, content, message):
    bad = tmp_path / name
    if content is not None:
        bad.write_bytes(content)
    res = run(runner, "extract", str(bad), str(story), "--format", "jsonl")
    assert res.exit_code == 1
    [rec] = jsonl(res.stdout)  # stdout stays valid JSON Lines
    assert rec["id"] == str(story)
    errs = [ln for ln in res.stderr.splitlines() if "error" in ln]
    assert len(errs) == 1
    assert str(bad) in errs[0] and message in errs[0].lower()
    assert "Traceback" not in res.stderr
    assert "1 article done, 1 failed" in res.stderr


def test_errors_replace_decodes_anyway(runner, tmp_path):
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Caf\u00e9 owners said so on Monday.".encode("latin-1"))
    assert run(runner, "extract", str(bad), "--format", "jsonl", "--errors", "replace").exit_code == 0
    res = run(runner, "extract", str(bad), "--format", "jsonl", "--encoding", "latin-1", "--include-text")
    assert jsonl(res.stdout)[0]["text"].startswith("Café")


def test_directory_without_articles(runner, tmp_path):
    (tmp_path / "data.csv").write_text("x\n", encoding="utf-8")
    res = run(runner, "extract", str(tmp_path), "--format", "jsonl")
    assert res.exit_code == 1
    assert "no article files" in res.stderr and str(tmp_path) in res.stderr


def test_malformed_jsonl_names_line_number(runner, tmp_path):
    p = tmp_path / "feed.jsonl"
    p.write_text(
        json.dumps({"id": "ok1", "text": STORY}) + "\n"
        + '{"id": "broken", "text": \n'
        + json.dumps({"id": "notext"}) + "\n"
        + json.dumps({"id": "num", "text": 42}) + "\n"
        + json.dumps({"id": "ok2", "text": STORY}) + "\n",
        encoding="utf-8",
    )
    res = run(runner, "extract", str(p), "--format", "jsonl")
    assert res.exit_code == 1
    assert [r["id"] for r in jsonl(res.stdout)] == ["ok1", "ok2"]
    err = res.stderr
    assert f"{p}:2" in err and "line 2" in err and "malformed JSON" in err
    assert "line 3" in err and 'no "text"' in err
    assert "line 4" in err and "not a string" in err
    assert "2 articles done, 3 failed" in err


def test_bad_published_is_usage_error(runner, story):
    res = run(runner, "extract", str(story), "--published", "19/10/2021")
    assert res.exit_code == 2
    assert "YYYY-MM-DD" in res.stderr


def test_unknown_model_is_a_clear_error(runner, story):
    res = run(runner, "extract", str(story), "--model", "no_such_pipeline_xyz")
    assert res.exit_code == 2
    assert "no_such_pipeline_xyz" in res.stderr and "Traceback" not in res.stderr


def test_same_input_gives_identical_bytes(runner):
    a = run(runner, "extract", str(SAMPLES), "--format", "jsonl").stdout
    b = run(runner, "extract", str(SAMPLES), "--format", "jsonl").stdout
    assert a == b and a


def test_directory_of_mixed_files(runner, tmp_path):
    (tmp_path / "good.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (tmp_path / "feed.jsonl").write_text('{"id": "j1", "text": "The mayor spoke on Monday."}\n{oops\n', encoding="utf-8")
    (tmp_path / "page.html").write_text("<html><body><p>" + STORY + "</p></body></html>", encoding="utf-8")
    (tmp_path / "notes.csv").write_text("ignored\n", encoding="utf-8")
    res = run(runner, "extract", str(tmp_path), "--format", "jsonl")
    assert res.exit_code == 1
    ids = [os.path.basename(r["id"]) for r in jsonl(res.stdout)]
    assert ids == ["j1", "good.txt", "page.html"]
    errors = [ln for ln in res.stderr.splitlines() if "error" in ln]
    assert len(errors) == 3
    assert any("empty.txt" in e and "empty" in e for e in errors)
    assert any("image.txt" in e and "binary" in e for e in errors)
    assert any("feed.jsonl:2" in e for e in errors)
    assert "3 articles done, 3 failed" in res.stderr


def test_output_into_a_missing_folder_is_a_clear_error(runner, story, tmp_path):
    res = run(runner, "extract", str(story), "--output", str(tmp_path / "nope" / "out.jsonl"))
    assert res.exit_code == 2
    assert "cannot write" in res.stderr and "Traceback" not in res.stderr


def test_output_file_gets_a_normal_mode(runner, story, tmp_path):
    out = tmp_path / "out.jsonl"
    old = os.umask(0o022)
    try:
        run(runner, "extract", str(story), "--output", str(out))
    finally:
        os.umask(old)
    assert out.stat().st_mode & 0o777 == 0o644


def test_setup_errors_stay_on_one_line(runner, story, tmp_path):
    # long names must not be wrapped at the terminal width: one error, one line
    model = "no_such_pipeline_" + "x" * 90
    res = run(runner, "extract", str(story), "--model", model)
    assert res.exit_code == 2
    assert res.stderr.count("\n") == 1 and model in res.stderr
    deep = tmp_path / ("missing_folder_" + "y" * 90) / "out.jsonl"
    res = run(runner, "extract", str(story), "--output", str(deep))
    assert res.exit_code == 2
    assert res.stderr.count("\n") == 1 and f"cannot write {deep}" in res.stderr


def test_nothing_written_message_is_one_line(runner, tmp_path):
    out = tmp_path / ("result_" + "z" * 90 + ".jsonl")
    res = run(runner, "extract", str(tmp_path / "missing.txt"), "--output", str(out), "--quiet")
    assert res.exit_code == 1 and not out.exists()
    assert f"newskit: nothing written to {out}: every input failed" in res.stderr.splitlines()


def test_scheduler_without_dask_engine_is_usage_error(runner, story):
    # a scheduler address would otherwise be ignored silently and the run would go local
    res = run(runner, "extract", str(story), "--scheduler", "tcp://127.0.0.1:8786")
    assert res.exit_code == 2
    assert "--scheduler needs --engine dask" in res.stderr and res.stdout == ""
