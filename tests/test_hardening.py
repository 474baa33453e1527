"""Hardening (issue 26): one bad record, odd file names, shared databases, signals, long texts."""
import json
import sqlite3

import pytest

from newskit.cli.app import app

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
    from newskit.nlp.pipeline import analyze_text
    from newskit.nlp.quotes import reported

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
    from newskit.nlp.pipeline import split_points

    assert split_points("a" * 10 + "\n\n" + "b" * 10, 16) == [12]
    one_line = "First words here. Second words here. Third words here."
    cuts = split_points(one_line, 30)
    assert cuts and all(one_line[c - 2:c] == ". " for c in cuts)
    spaced = "word " * 20
    assert all(spaced[c - 1] == " " for c in split_points(spaced, 23))
    assert split_points("x" * 50, 20) == [20, 40]  # no break at all: cut inside the word


def test_a_text_over_the_piece_size_is_parsed_in_pieces(nlp, monkeypatch):
    """Pieces are parsed one at a time; entities, quotes and dates are stitched across the seams."""
    from newskit.nlp import pipeline
    from newskit.read.ingest import Article

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


# ---------------------------------------------------------------- file names and ids (item 2, issue 25)

STORY = "Pier news\n\nThe mayor said the bridge would open on Monday.\n"


def test_non_utf8_file_names_give_utf8_ids_in_every_output(runner, tmp_path):
    import os

    folder = tmp_path / "in"
    folder.mkdir()
    with open(os.path.join(os.fsencode(folder), b"x\xff.txt"), "wb") as fh:
        fh.write(STORY.encode())
    with open(os.path.join(os.fsencode(folder), b"f\xfe.jsonl"), "wb") as fh:
        fh.write(json.dumps({"text": STORY}).encode() + b"\n")
    res = run(runner, "extract", folder, "--format", "jsonl", "--quiet")
    assert res.exit_code == 0
    recs = jsonl(res.stdout)
    assert [r["id"] for r in recs] == [f"{folder}/f\\xfe.jsonl:1", f"{folder}/x\\xff.txt"]
    assert recs[1]["source"] == f"{folder}/x\\xff.txt"
    for out in ("o.jsonl", "o.html", "o.json"):
        res = run(runner, "extract", folder, "-o", tmp_path / out, "--quiet")
        assert res.exit_code == 0, res.stderr
        assert "x\\xff.txt" in (tmp_path / out).read_bytes().decode("utf-8").replace("\\\\", "\\")
    db = tmp_path / "c.db"
    assert run(runner, "extract", folder, "--db", db, "--quiet").exit_code == 0
    again = run(runner, "extract", folder, "--db", db, "--resume").stderr
    assert "2 skipped" in again  # the same file, the same id
    ids = [r[0] for r in sqlite3.connect(db).execute("SELECT id FROM articles ORDER BY id")]
    assert ids == [r["id"] for r in recs]


def test_a_files_id_does_not_depend_on_the_working_directory(runner, tmp_path, monkeypatch):
    sub = tmp_path / "news"
    sub.mkdir()
    (sub / "a.txt").write_text(STORY, encoding="utf-8")
    ids = []
    for cwd, arg in ((tmp_path, "news/a.txt"), (sub, "a.txt"), (sub, "./a.txt"), (tmp_path, "news")):
        monkeypatch.chdir(cwd)
        [rec] = jsonl(run(runner, "extract", arg, "--format", "jsonl", "--quiet").stdout)
        ids.append(rec["id"])
    assert ids == [str(sub / "a.txt")] * 4


# ---------------------------------------------------------------- outputs that are inputs (item 4)

def test_output_that_is_an_input_is_refused_before_reading(runner, tmp_path, monkeypatch):
    feed = tmp_path / "in.jsonl"
    feed.write_text(json.dumps({"id": "a", "text": GOOD}) + "\n", encoding="utf-8")
    before = feed.read_bytes()
    monkeypatch.chdir(tmp_path)
    for args in (["-o", "in.jsonl"], ["-o", "./in.jsonl"], ["--db", "in.jsonl"]):
        res = run(runner, "extract", "in.jsonl", *args)
        assert res.exit_code == 2 and "is an input" in res.stderr and res.stdout == ""
    res = run(runner, "extract", "in.jsonl", "--db", "x.db", "-o", "x.db")
    assert res.exit_code == 2 and "both --output and --db" in res.stderr
    for cmd in ("summarize", "export"):
        res = run(runner, cmd, "in.jsonl", "-o", str(feed))
        assert res.exit_code == 2 and "is an input" in res.stderr
    assert feed.read_bytes() == before


def test_walking_a_folder_never_reads_the_runs_own_output(runner, tmp_path):
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    for _ in range(2):
        res = run(runner, "extract", tmp_path, "-o", out)
        assert res.exit_code == 0 and "1 article done" in res.stderr
    res = run(runner, "extract", str(tmp_path / "*.*"), "-o", out)  # a pattern matching a.txt and out.jsonl
    assert res.exit_code == 0 and len(jsonl(out.read_text(encoding="utf-8"))) == 1


# ---------------------------------------------------------------- one database, several runs (items 3, 8)

def _record(rid):
    from newskit.records import ArticleRecord

    return ArticleRecord(id=rid, source=rid, text=None)


def _write_many(path, prefix, n, start):
    from newskit.write.db import Corpus, RunInfo

    start.wait()
    corpus = Corpus(path)  # several processes create the new database at once
    for i in range(n):
        corpus.write([(_record(f"{prefix}{i:03d}"), "h")], RunInfo("t", "m", "1"))  # one row per transaction
    corpus.close()


def test_several_processes_writing_one_database_lose_no_row(tmp_path):
    import multiprocessing as mp

    ctx = mp.get_context("fork")
    start = ctx.Event()
    path = str(tmp_path / "shared.db")
    procs = [ctx.Process(target=_write_many, args=(path, p, 40, start)) for p in "abc"]
    for p in procs:
        p.start()
    start.set()
    for p in procs:
        p.join(120)
    assert [p.exitcode for p in procs] == [0, 0, 0]
    assert sqlite3.connect(path).execute("SELECT COUNT(DISTINCT id) FROM articles").fetchone()[0] == 120


def test_a_write_retries_when_the_lock_outlasts_the_busy_timeout(tmp_path, monkeypatch):
    import threading
    import time

    from newskit.write import db as dbmod

    path = str(tmp_path / "c.db")
    corpus = dbmod.Corpus(path)
    monkeypatch.setattr(dbmod, "BUSY_SECONDS", 0.05)
    corpus.db.conn.execute("PRAGMA busy_timeout = 50")
    other = sqlite3.connect(path, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")  # another run's transaction holds the write lock for a while
    threading.Timer(0.8, other.commit).start()
    t = time.perf_counter()
    corpus.write([(_record("a"), "h")], dbmod.RunInfo("t", "m", "1"))
    assert time.perf_counter() - t >= 0.7
    assert [r[0] for r in corpus.db.execute("SELECT id FROM articles")] == ["a"]
    corpus.close()


def _feed(path, items):
    path.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in items), encoding="utf-8")
    return path


def test_duplicate_ids_keep_the_first_on_every_run_and_warn_once(runner, tmp_path):
    first = "The mayor said the bridge would open on Monday."
    second = "The harbour master said the ferry would stop on Friday."
    feed = _feed(tmp_path / "feed.jsonl", [("X", first), ("Y", GOOD), ("X", second), ("X", second + " Again.")])
    db = tmp_path / "c.db"
    stored = []
    for args in ([], ["--resume"], ["--resume"], []):
        res = run(runner, "extract", feed, "--db", db, *args)
        assert res.exit_code == 0
        warnings = [ln for ln in res.stderr.splitlines() if "warning" in ln]
        assert len(warnings) == 1 and "'X'" in warnings[0] and "feed.jsonl:3" in warnings[0]
        stored.append(sqlite3.connect(db).execute("SELECT text_sha256 FROM articles WHERE id = 'X'").fetchone())
    from newskit.write.db import text_hash

    assert stored == [(text_hash(first),)] * 4


def test_resume_skips_a_text_already_stored_under_another_id(runner, tmp_path, monkeypatch):
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "copy").mkdir()
    (tmp_path / "copy" / "a.txt").write_text(STORY, encoding="utf-8")  # the same text elsewhere
    db = tmp_path / "c.db"
    assert run(runner, "extract", tmp_path / "news", "--db", db, "--quiet").exit_code == 0
    res = run(runner, "extract", tmp_path / "copy", "--db", db, "--resume")
    assert "0 articles done, 0 failed, 1 skipped" in res.stderr
    assert sqlite3.connect(db).execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 1
    # within one run, two ids with one text are both stored
    db2 = tmp_path / "d.db"
    assert run(runner, "extract", tmp_path / "news", tmp_path / "copy", "--db", db2, "--resume").exit_code == 0
    assert sqlite3.connect(db2).execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 2


# ---------------------------------------------------------------- signals (item 7)

def _children(pid):
    import os

    kids = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", "rb") as fh:
                    stat = fh.read().rsplit(b")", 1)[1].split()
            except OSError:
                continue
            if int(stat[1]) == pid and stat[0] != b"Z":
                kids.append(int(entry))
    return kids


def _alive(pid):
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            return fh.read().rsplit(b")", 1)[1].split()[0] != b"Z"
    except OSError:
        return False


def _start_jobs_run(tmp_path, *extra):
    import subprocess
    import sys
    import time

    from .conftest import ROOT

    feed = _feed(tmp_path / "feed.jsonl", [(f"a{i}", f"Report {i}. " + GOOD * 6) for i in range(400)])
    proc = subprocess.Popen([sys.executable, "-m", "newskit", "extract", str(feed), "--jobs", "2", *extra],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 90
    while len(_children(proc.pid)) < 2 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.1)
    time.sleep(1.0)  # the workers are analysing
    workers = _children(proc.pid)
    if proc.poll() is not None or len(workers) < 2:
        proc.kill()
        pytest.skip("the run ended before it could be signalled")
    return proc, workers


def _gone(pids, wait=10.0):
    import time

    deadline = time.monotonic() + wait
    while any(_alive(p) for p in pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    return not any(_alive(p) for p in pids)


def test_sigterm_with_jobs_ends_workers_and_removes_the_part_file(tmp_path):
    import signal

    out = tmp_path / "out.jsonl"
    proc, workers = _start_jobs_run(tmp_path, "-o", str(out))
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 143 and b"terminated" in err and b"Traceback" not in err
    assert _gone(workers)
    assert not out.exists() and not list(tmp_path.glob(".newskit-*.part"))


def test_a_worker_whose_parent_is_killed_exits_by_itself(tmp_path):
    import signal

    proc, workers = _start_jobs_run(tmp_path, "--format", "jsonl")
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert _gone(workers)


# ---------------------------------------------------------------- database for Datasette and spreadsheets (issue 25)

def _export_feed(tmp_path):
    return _feed(tmp_path / "feed.jsonl", [("a", "“We will reopen the café,” said Zoë Ångström on Monday.")])


def test_export_bom_for_spreadsheets(runner, tmp_path):
    feed = _export_feed(tmp_path)
    out = run(runner, "extract", feed, "--format", "jsonl", "--quiet").stdout
    (tmp_path / "out.jsonl").write_text(out, encoding="utf-8")
    plain = tmp_path / "plain.csv"
    marked = tmp_path / "marked.csv"
    assert run(runner, "export", tmp_path / "out.jsonl", "-o", plain).exit_code == 0
    assert run(runner, "export", tmp_path / "out.jsonl", "-o", marked, "--bom").exit_code == 0
    assert marked.read_bytes() == b"\xef\xbb\xbf" + plain.read_bytes()
    assert "Ångström" in marked.read_text(encoding="utf-8-sig")
    res = run(runner, "export", tmp_path / "out.jsonl", "--format", "jsonl", "--bom")
    assert res.exit_code == 2 and "--bom is for --format csv" in res.stderr


def test_quotes_and_mentions_link_to_their_entity_with_one_column_keys(runner, tmp_path):
    feed = _feed(tmp_path / "feed.jsonl", [
        ("a", "“We will reopen the café,” said Zoë Ångström on Monday. Ångström runs the Harbour Trust."),
        ("b", "“The road stays shut,” said Tomas Birken of the Ellery Trust. Birken spoke on Friday.")])
    db = tmp_path / "c.db"
    assert run(runner, "extract", feed, "--db", db, "--quiet").exit_code == 0
    con = sqlite3.connect(db)
    for table, column in (("quotes", "speaker_key"), ("mentions", "entity_key")):
        fks = [(r[0], r[2], r[3], r[4]) for r in con.execute(f"PRAGMA foreign_key_list({table})")]
        # Datasette drops foreign keys of several columns: this one must be a key of its own
        ids = [fk[0] for fk in fks if fk[1:] == ("entities", column, "entity_key")]
        assert len(ids) == 1 and sum(fk[0] == ids[0] for fk in fks) == 1
    unique = [r for r in con.execute("PRAGMA index_list(entities)") if r[2]]
    cols = {tuple(c[2] for c in con.execute(f"PRAGMA index_info({r[1]})")) for r in unique}
    assert ("article_id", "entity_id") in cols and ("entity_key",) in cols
    linked = con.execute("SELECT q.article_id, q.speaker_name, e.name FROM quotes q "
                         "JOIN entities e ON e.entity_key = q.speaker_key ORDER BY q.article_id").fetchall()
    assert linked == [("a", "Zoë Ångström", "Zoë Ångström"), ("b", "Tomas Birken", "Tomas Birken")]
    assert con.execute("SELECT COUNT(*) FROM mentions m LEFT JOIN entities e ON e.entity_key = m.entity_key "
                       "WHERE e.entity_key IS NULL").fetchone() == (0,)
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    # a second run over the same articles replaces the rows (children go before their entities)
    assert run(runner, "extract", feed, "--db", db, "--quiet").exit_code == 0
    assert con.execute("SELECT COUNT(*) FROM quotes").fetchone() == (2,)


@pytest.mark.parametrize("cmd", ["export", "summarize"])
def test_sigterm_during_export_or_summarize_removes_the_temp_file(runner, tmp_path, monkeypatch, cmd):
    from newskit import exitcodes
    from newskit.cli import corpus

    out_jsonl = tmp_path / "out.jsonl"
    out_jsonl.write_text(run(runner, "extract", _export_feed(tmp_path), "--format", "jsonl", "--quiet").stdout,
                         encoding="utf-8")

    def stopped(*args, **kwargs):  # SIGTERM arrives while the records are read
        raise exitcodes.Terminated()
        yield

    monkeypatch.setattr(corpus, "read_outputs", stopped)
    res = run(runner, cmd, out_jsonl, "-o", tmp_path / "result.out")
    assert res.exit_code == 143 and "terminated" in res.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["feed.jsonl", "out.jsonl"]


def test_a_database_from_before_the_entity_keys_and_genders_gets_them_on_the_next_run(runner, tmp_path):
    import sqlite_utils

    feed = _feed(tmp_path / "feed.jsonl", [
        ("a", "“We will reopen the café,” said Zoë Ångström on Monday. Ångström runs the Harbour Trust.")])
    db = tmp_path / "old.db"
    assert run(runner, "extract", feed, "--db", db, "--quiet").exit_code == 0
    old = sqlite_utils.Database(db)  # the layout newskit wrote before: no key columns
    for table, key in (("quotes", "speaker_key"), ("mentions", "entity_key"), ("entities", "entity_key")):
        for index in old[table].indexes:
            if key in index.columns:
                old.execute(f"DROP INDEX [{index.name}]")
        old[table].transform(drop={key})
    old["entities"].transform(drop={"role", "gender", "gender_source"})  # nor the people fields
    old.close()
    con = sqlite3.connect(db)
    assert "speaker_key" not in [r[1] for r in con.execute("PRAGMA table_info(quotes)")]
    res = run(runner, "export", db, "--table", "quotes", "--format", "jsonl")  # still readable
    assert res.exit_code == 0 and jsonl(res.stdout)[0]["speaker_name"] == "Zoë Ångström"
    feed2 = _feed(tmp_path / "feed2.jsonl", [("b", "“The road stays shut,” said Tomas Birken on Friday.")])
    assert run(runner, "extract", feed2, "--db", db, "--quiet").exit_code == 0
    linked = con.execute("SELECT q.article_id, e.name FROM quotes q JOIN entities e "
                         "ON e.entity_key = q.speaker_key ORDER BY 1").fetchall()
    assert linked == [("a", "Zoë Ångström"), ("b", "Tomas Birken")]
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    genders = con.execute("SELECT article_id, gender FROM entities WHERE label = 'PERSON' ORDER BY 1").fetchall()
    assert genders == [("a", None), ("b", "male")]  # the old rows keep no gender; the new ones have it
