"""`newskit extract --db` / `--resume` and the corpus database (newskit.write.db, newskit.write.tables)."""
import json
import re
import sqlite3

import pytest

from newskit.cli.app import app
from newskit.write.db import LINKS, META_COLUMNS, Corpus, RunInfo, table_columns
from newskit.records import ArticleRecord
from newskit.write.tables import SPECS, TABLES

from .conftest import ROOT, SAMPLES, jsonl

PARAS = [
    "The harbour board met on Tuesday in Port Ellery.",
    "“We will finish the new pier by June,” said Mara Quist, who chairs the board.",
    "Quist said the pier would cost less than the old plan. The Ellery Trust agreed.",
    "Tomas Birken of the Ellery Trust told reporters that fishing crews had waited since 2019.",
    "“Nobody asked the crews,” Birken said on Wednesday.",
]
N = 24


def write_corpus(path, changed=()):
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(N):
            text = f"Pier report {i}\n\n" + "\n\n".join(PARAS[(i + k) % len(PARAS)] for k in range(2 + i % 3))
            if i in changed:
                text += "\n\nThe board will meet again next week."
            fh.write(json.dumps({"id": f"p{i:03d}", "text": text, "title": f"Pier report {i}",
                                 "published": f"2022-0{1 + i % 4}-1{i % 10}"}) + "\n")
    return path


def extract(runner, *args, ok=True):
    res = runner.invoke(app, ["extract", *map(str, args)])
    if ok:
        assert res.exit_code == 0, (res.stderr, res.exception)
    return res


def content(path):
    """Every table's rows, sorted, without the write time."""
    con = sqlite3.connect(path)
    out = {}
    for spec in TABLES:
        cols = [c for c in table_columns(spec.name) if c != "analysed_at"]
        quoted = ", ".join(f'"{c}"' for c in cols)
        out[spec.name] = sorted(con.execute(f"SELECT {quoted} FROM {spec.name}").fetchall(), key=repr)
    con.close()
    return out


def counts_from_jsonl(recs):
    return {
        "articles": len(recs),
        "boilerplate": sum(len(r["boilerplate"]) for r in recs),
        "entities": sum(len(r["entities"]) for r in recs),
        "mentions": sum(len(e["mentions"]) for r in recs for e in r["entities"]),
        "quotes": sum(len(r["quotes"]) for r in recs),
        "dates": sum(len(r["dates"]) for r in recs),
    }


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return write_corpus(tmp_path_factory.mktemp("corpus") / "pier.jsonl")


@pytest.fixture(scope="module")
def full(tmp_path_factory, corpus):
    """One uninterrupted run over the corpus and the samples: (db path, JSON Lines records)."""
    from typer.testing import CliRunner

    folder = tmp_path_factory.mktemp("full")
    db, out = folder / "full.db", folder / "full.jsonl"
    extract(CliRunner(), corpus, SAMPLES, "--db", db, "-o", out, "--batch-size", "4", "--quiet")
    return db, jsonl(out.read_text(encoding="utf-8"))


# ------------------------------------------------------------ tables from the model

FULL = ArticleRecord.model_validate({
    "id": "x1", "source": "x1.txt", "title": "Pier opens", "published": "2022-05-02", "url": "https://example.org/x1",
    "content_end": 90, "boilerplate": [{"start": 90, "end": 100}], "text": "...",
    "entities": [{"id": "E1", "name": "Mara Quist", "label": "PERSON", "count": 2, "first": 3, "titles": ["Chair"],
                  "mentions": [{"text": "Mara Quist", "start": 3, "end": 13}, {"text": "Quist", "start": 40, "end": 45}]}],
    "quotes": [{"text": "It is done", "start": 20, "end": 30, "kind": "direct", "cue": {"text": "said", "start": 32, "end": 36},
                "speaker": {"text": "Quist", "start": 40, "end": 45}, "speaker_name": "Mara Quist", "speaker_entity": "E1"}],
    "dates": [{"text": "Monday", "start": 50, "end": 56, "type": "DATE", "value": "2022-05-02"}],
})


def leaf_names(d: dict, prefix: str = "") -> set:
    """Column names a JSON object flattens to: nested objects prefixed, lists of objects left to child tables."""
    out = set()
    for k, v in d.items():
        if isinstance(v, dict):
            out |= leaf_names(v, f"{prefix}{k}_")
        elif not (isinstance(v, list) and v and isinstance(v[0], dict)):
            out.add(prefix + k)
    return out


def test_columns_are_the_record_fields():
    data = FULL.model_dump(mode="json")
    ent = data["entities"][0]
    assert set(SPECS["articles"].column_names) == leaf_names(data)
    assert set(SPECS["entities"].column_names) == leaf_names(ent) - {"id"} | {"article_id", "n", "entity_id"}
    assert set(SPECS["mentions"].column_names) == leaf_names(ent["mentions"][0]) | {"article_id", "entity_id", "n"}
    for table in ("quotes", "dates", "boilerplate"):
        assert set(SPECS[table].column_names) == leaf_names(data[table][0]) | {"article_id", "n"}
    assert "cue_start" in SPECS["quotes"].column_names and "speaker_name" in SPECS["quotes"].column_names


def test_every_list_of_objects_has_a_table():
    from newskit.write.tables import tableless_fields

    assert tableless_fields() == []


def test_database_columns_match_the_tables(full):
    con = sqlite3.connect(full[0])
    for spec in TABLES:
        cols = [r[1] for r in con.execute(f"PRAGMA table_info({spec.name})")]
        assert cols == spec.column_names + (list(META_COLUMNS) if spec.name == "articles" else []) + \
            ([LINKS[spec.name][0]] if spec.name in LINKS else [])
    con.close()


def test_a_full_record_reads_back_from_a_database(tmp_path):
    c = Corpus(str(tmp_path / "one.db"))
    c.write([(FULL, "hash")], RunInfo("0", "m", "1"))
    assert list(c.records()) == [FULL]
    c.close()


def test_readme_documents_the_tables():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for spec in TABLES:
        m = re.search(rf"^\| `{spec.name}` \| [^|]+ \| ([^|]+) \|$", readme, re.M)
        assert m, spec.name
        assert [c.strip() for c in m.group(1).split(",")] == table_columns(spec.name)


# ------------------------------------------------------------ writing


def test_counts_and_records_equal_the_json_lines_of_the_same_run(full):
    db, recs = full
    c = Corpus(str(db), create=False)
    assert c.counts() == counts_from_jsonl(recs)
    assert c.counts()["quotes"] > N and c.counts()["mentions"] > N
    assert [r.model_dump(mode="json") for r in c.records()] == \
        [ArticleRecord.model_validate(r).model_dump(mode="json") for r in recs]
    c.close()


def test_hostile_articles_keep_their_exact_text_in_the_database(runner, tmp_path):
    src = ROOT / "tests" / "hostile" / "articles.jsonl"
    db, out = tmp_path / "h.db", tmp_path / "h.jsonl"
    extract(runner, src, "--db", db, "-o", out, "--include-text", "--quiet")
    recs = [ArticleRecord.model_validate(r) for r in jsonl(out.read_text(encoding="utf-8"))]
    c = Corpus(str(db), create=False)
    assert list(c.records()) == recs
    c.close()
    assert any("<script>" in r.id for r in recs) and any("\u202e" in (r.text or "") for r in recs)


def test_db_alone_writes_nothing_to_stdout(runner, tmp_path):
    story = tmp_path / "story.txt"
    story.write_text("Pier opens\n\n" + PARAS[1] + "\n", encoding="utf-8")
    res = extract(runner, story, "--db", tmp_path / "c.db")
    assert res.stdout == ""
    assert "1 article done" in res.stderr
    assert Corpus(str(tmp_path / "c.db"), create=False).counts()["quotes"] == 1


def test_rerun_replaces_rows_without_duplicates(runner, tmp_path):
    corpus = write_corpus(tmp_path / "c.jsonl")
    db = tmp_path / "c.db"
    extract(runner, corpus, SAMPLES, "--db", db, "--batch-size", "4", "--quiet")
    first = content(db)
    extract(runner, corpus, SAMPLES, "--db", db, "--batch-size", "5", "--quiet")
    assert content(db) == first
    # a changed article replaces its own rows, not adds to them
    write_corpus(corpus, changed={3})
    extract(runner, corpus, "--db", db, "--quiet")
    after = content(db)
    assert len(after["articles"]) == len(first["articles"])
    assert [d for d in after["dates"] if d[0] == "p003"] != [d for d in first["dates"] if d[0] == "p003"]
    assert [q for q in after["quotes"] if q[0] != "p003"] == [q for q in first["quotes"] if q[0] != "p003"]


class Killed(Exception):
    pass


def test_killed_run_keeps_whole_batches_and_resume_completes_it(runner, tmp_path, monkeypatch, corpus, full):
    db = tmp_path / "c.db"
    real_write, calls = Corpus.write, []

    def dying_write(self, items, run):
        items = list(items)
        calls.append(len(items))
        if len(calls) == 3:
            raise Killed("killed while writing batch 3")
        return real_write(self, items, run)

    monkeypatch.setattr(Corpus, "write", dying_write)
    res = extract(runner, corpus, SAMPLES, "--db", db, "--batch-size", "4", "--quiet", ok=False)
    assert isinstance(res.exception, Killed)
    monkeypatch.setattr(Corpus, "write", real_write)

    con = sqlite3.connect(db)  # it opens, and SQLite and FTS find nothing wrong
    assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    con.execute("INSERT INTO quotes_fts(quotes_fts) VALUES('integrity-check')")
    con.close()
    part, whole = content(db), content(full[0])
    ids = {a[0] for a in part["articles"]}
    assert len(ids) == 8  # two whole batches of four
    for table in part:  # and every row of those articles, nothing more
        assert part[table] == [r for r in whole[table] if r[0] in ids]

    res = extract(runner, corpus, SAMPLES, "--db", db, "--batch-size", "4", "--resume", "--jobs", "2")
    n_samples = sum(len(p.read_text(encoding="utf-8").splitlines()) for p in SAMPLES.glob("*.expected.jsonl"))
    assert f"{N + n_samples - 8} articles done, 0 failed, 8 skipped (already in {db})" in res.stderr
    assert content(db) == whole


def test_a_process_killed_mid_run_leaves_whole_batches(runner, tmp_path):
    """SIGKILL, not an exception: the process gets no chance to clean up."""
    import os
    import signal
    import subprocess
    import sys
    import time

    big = tmp_path / "big.jsonl"
    with open(big, "w", encoding="utf-8") as fh:
        for i in range(80):  # each text its own (--resume also skips a text stored under another id)
            text = f"Pier report {i}\n\n" + "\n\n".join(PARAS[(i + k) % len(PARAS)] for k in range(3))
            fh.write(json.dumps({"id": f"b{i:03d}", "text": text, "published": "2022-03-01"}) + "\n")
    db = tmp_path / "killed.db"
    proc = subprocess.Popen([sys.executable, "-m", "newskit", "extract", str(big), "--db", str(db), "--batch-size", "3",
                             "--quiet"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    done, deadline = 0, time.monotonic() + 120
    while done < 6 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
        try:
            con = sqlite3.connect(db, timeout=1)
            done = con.execute("SELECT count(*) FROM articles").fetchone()[0]
            con.close()
        except sqlite3.Error:
            pass
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    if proc.returncode != -signal.SIGKILL:
        pytest.skip("the run ended before it could be killed")
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    n = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    con.close()
    assert 6 <= n < 80 and n % 3 == 0  # whole batches of three only
    kept = content(db)
    extract(runner, big, "--db", tmp_path / "whole.db", "--batch-size", "3", "--quiet")
    whole = content(tmp_path / "whole.db")
    assert kept["quotes"] == [r for r in whole["quotes"] if r[0] in {a[0] for a in kept["articles"]}]
    res = extract(runner, big, "--db", db, "--batch-size", "3", "--resume")
    assert f"{80 - n} articles done, 0 failed, {n} skipped" in res.stderr
    assert content(db) == whole


def test_resume_skips_before_the_parse(runner, tmp_path, monkeypatch):
    import newskit.nlp.pipeline as pipeline

    corpus = write_corpus(tmp_path / "c.jsonl")
    db = tmp_path / "c.db"
    extract(runner, corpus, "--db", db, "--quiet")
    write_corpus(corpus, changed={5, 6})
    parsed = []
    real = pipeline.make_doc
    monkeypatch.setattr(pipeline, "make_doc", lambda nlp, text, published: parsed.append(text) or real(nlp, text, published))
    res = extract(runner, corpus, "--db", db, "--resume", "--format", "jsonl")
    assert [r["id"] for r in jsonl(res.stdout)] == ["p005", "p006"]
    assert len(parsed) == 2 and all("next week" in t for t in parsed)
    assert "2 articles done, 0 failed, 22 skipped" in res.stderr


def test_an_article_whose_analysis_fails_leaves_the_others_paired_with_their_texts(runner, monkeypatch, corpus, full,
                                                                                   tmp_path):
    import newskit.nlp.pipeline as pipeline

    real = pipeline.to_record

    def failing(doc, article, include_text=False):
        if article.id == "p005":
            raise RuntimeError("analysis bug")
        return real(doc, article, include_text)

    monkeypatch.setattr(pipeline, "to_record", failing)
    db = tmp_path / "c.db"
    res = extract(runner, corpus, "--db", db, "--batch-size", "4", ok=False)
    assert res.exit_code == 1 and "analysis failed (RuntimeError: analysis bug)" in res.stderr
    got, whole = content(db), content(full[0])
    assert len(got["articles"]) == N - 1
    for table in got:  # text hashes included: every record went in with its own article's
        assert got[table] == [r for r in whole[table] if r[0].startswith("p") and r[0] != "p005"]


def test_resume_needs_db(runner, tmp_path):
    res = extract(runner, write_corpus(tmp_path / "c.jsonl"), "--resume", ok=False)
    assert res.exit_code == 2 and "--resume needs --db" in res.stderr


def test_not_a_database_is_a_usage_error(runner, tmp_path):
    bad = tmp_path / "notes.db"
    bad.write_text("just some notes\n", encoding="utf-8")
    res = extract(runner, write_corpus(tmp_path / "c.jsonl"), "--db", bad, ok=False)
    assert res.exit_code == 2
    assert f"{bad}: not an SQLite database" in res.stderr
    assert bad.read_text(encoding="utf-8") == "just some notes\n"


def other_programs_db(path, create_sql):
    con = sqlite3.connect(path)
    con.execute(create_sql)
    con.commit()
    con.close()
    return path


def test_another_programs_table_is_refused(runner, tmp_path):
    other = other_programs_db(tmp_path / "other.db", "CREATE TABLE quotes (who TEXT, said TEXT)")
    res = extract(runner, write_corpus(tmp_path / "c.jsonl"), "--db", other, ok=False)
    assert res.exit_code == 2 and "table quotes does not have newskit's columns" in res.stderr


def test_two_jobs_and_dask_write_the_same_database(runner, tmp_path, corpus, full):
    extract(runner, corpus, SAMPLES, "--db", tmp_path / "j2.db", "--jobs", "2", "--batch-size", "4", "--quiet")
    assert content(tmp_path / "j2.db") == content(full[0])
    pytest.importorskip("dask.distributed")
    extract(runner, corpus, SAMPLES, "--db", tmp_path / "dask.db", "--engine", "dask", "--jobs", "2",
            "--batch-size", "8", "--quiet")
    assert content(tmp_path / "dask.db") == content(full[0])


# ------------------------------------------------------------ reading


def test_indexes_serve_the_common_filters(full):
    con = sqlite3.connect(full[0])
    for sql in ["SELECT * FROM {t} WHERE article_id = 'p001'".format(t=t)
                for t in ("entities", "mentions", "quotes", "dates", "boilerplate")] + [
            "SELECT * FROM quotes WHERE speaker_name = 'Mara Quist'",
            "SELECT * FROM entities WHERE label = 'ORG'",
            "SELECT * FROM dates WHERE value = '2022-01-11'"]:
        plan = " ".join(r[-1] for r in con.execute("EXPLAIN QUERY PLAN " + sql))
        assert "USING INDEX" in plan or "USING PRIMARY KEY" in plan, (sql, plan)
    con.close()


def test_speakers_view(full):
    con = sqlite3.connect(full[0])
    con.row_factory = sqlite3.Row
    rows = {r["speaker_name"]: dict(r) for r in con.execute("SELECT * FROM speakers")}
    recs = full[1]
    quist = [(r["published"], q) for r in recs for q in r["quotes"] if q["speaker_name"] == "Mara Quist"]
    assert rows["Mara Quist"]["quotes"] == len(quist) > 0
    assert rows["Mara Quist"]["first_published"] == min(p for p, _ in quist)
    assert rows["Mara Quist"]["last_published"] == max(p for p, _ in quist)
    con.close()


def readme_queries():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```sql\n(.*?)\n```", readme, re.S)


def test_readme_has_the_example_queries():
    queries = readme_queries()
    assert len(queries) >= 3
    assert any("FROM speakers" in q for q in queries)
    assert any("MATCH" in q for q in queries)
    assert any("month" in q for q in queries)


def test_every_readme_query_runs_and_finds_rows(full):
    con = sqlite3.connect(full[0])
    for query in readme_queries():
        assert con.execute(query).fetchall(), query
    con.close()


def test_summarize_reads_a_database_like_json_lines(runner, full, tmp_path):
    db, recs = full
    out = tmp_path / "full.jsonl"
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")
    from_db = runner.invoke(app, ["summarize", str(db), "--format", "json"])
    from_jsonl = runner.invoke(app, ["summarize", str(out), "--format", "json"])
    assert from_db.exit_code == 0, from_db.stderr
    assert from_db.stdout == from_jsonl.stdout
    assert json.loads(from_db.stdout)["articles"] == len(recs)


def test_summarize_names_a_database_it_cannot_read(runner, tmp_path):
    other = other_programs_db(tmp_path / "other.db", "CREATE TABLE t (x)")
    res = runner.invoke(app, ["summarize", str(other), "--format", "json"])
    assert res.exit_code == 1
    assert f"{other}: not a newskit database" in res.stderr
