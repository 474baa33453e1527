"""`newskit export`: tidy CSV and JSON Lines from a database or JSON Lines (newskit.write.export)."""
import csv
import io
import json
import sqlite3

import pytest

from newskit.cli.app import app
from newskit.write.export import TABLE_NAMES, spreadsheet_cell, tidy_columns
from newskit.write.tables import SPECS

from .conftest import ROOT, SAMPLES, jsonl

HOSTILE = ROOT / "tests" / "hostile"

RISKY = [
    {"id": "r1", "title": "=HYPERLINK(\"http://example.invalid\",\"open\")", "published": "2022-06-01",
     "text": "“+44 is the code to dial,” said Ada Brenner on Monday.\n\n"
             "“@everyone should read the report,” Brenner said.\n\n"
             "“-5 degrees is too cold for the pier work,” said Ola Fenn."},
    {"id": "r2", "title": "Plain title, with a comma", "published": "2022-06-02",
     "text": "Ada Brenner said the council would vote in July.\n\n“We are ready,” she said."},
]


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """A database and the JSON Lines of the same run, over the samples and two risky articles."""
    from typer.testing import CliRunner

    folder = tmp_path_factory.mktemp("export")
    src = folder / "risky.jsonl"
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in RISKY), encoding="utf-8")
    db, out = folder / "c.db", folder / "c.jsonl"
    res = CliRunner().invoke(app, ["extract", str(SAMPLES), str(src), "--db", str(db), "-o", str(out), "--quiet"])
    assert res.exit_code == 0, res.stderr
    return db, out


def export(runner, *args, ok=True):
    res = runner.invoke(app, ["export", *map(str, args)])
    if ok:
        assert res.exit_code == 0, (res.stderr, res.exception)
    return res


@pytest.mark.parametrize("table", TABLE_NAMES)
def test_database_and_json_lines_export_the_same_rows(runner, made, table):
    db, out = made
    for fmt in ("csv", "jsonl"):
        a = export(runner, db, "--table", table, "--format", fmt).stdout
        assert a == export(runner, out, "--table", table, "--format", fmt).stdout
        assert len(a.splitlines()) > 2


@pytest.mark.parametrize("table", ["quotes", "entities", "mentions", "dates"])
def test_csv_round_trips_to_the_table_rows(runner, made, table):
    db, _ = made
    text = export(runner, db, "--table", table).stdout_bytes.decode("utf-8")  # .stdout folds CRLF
    assert text.startswith(",".join(tidy_columns(table)) + "\r\n")
    got = list(csv.DictReader(io.StringIO(text, newline="")))
    con = sqlite3.connect(db)
    con.row_factory = sqlite3.Row
    sql = f"SELECT t.*, a.title, a.published FROM {table} t JOIN articles a ON a.id = t.article_id ORDER BY a.rowid, t.n"
    if table == "mentions":  # in entity order
        sql = ("SELECT t.*, a.title, a.published FROM mentions t JOIN articles a ON a.id = t.article_id "
               "JOIN entities e ON e.article_id = t.article_id AND e.entity_id = t.entity_id ORDER BY a.rowid, e.n, t.n")
    want = [dict(r) for r in con.execute(sql)]
    con.close()
    assert len(got) == len(want) > 0
    for g, w in zip(got, want):
        for col in SPECS[table].column_names:  # every table column, as a spreadsheet cell
            cell = w[col]
            if col == "titles":
                cell = json.loads(cell)
            assert g[col] == str(spreadsheet_cell(cell)), (col, g, w)
        assert g["title"] == spreadsheet_cell(w["title"]) and g["published"] == spreadsheet_cell(w["published"])


def test_one_row_per_quote_with_article_id_title_and_published(runner, made):
    _, out = made
    recs = jsonl(out.read_text(encoding="utf-8"))
    rows = [json.loads(line) for line in export(runner, out, "--table", "quotes", "--format", "jsonl").stdout.splitlines()]
    assert len(rows) == sum(len(r["quotes"]) for r in recs)
    assert list(rows[0]) == tidy_columns("quotes")
    first = recs[0]
    assert rows[0]["article_id"] == first["id"] and rows[0]["title"] == first["title"]
    assert rows[0]["published"] == first["published"] and rows[0]["text"] == first["quotes"][0]["text"]
    assert rows[0]["cue_text"] == first["quotes"][0]["cue"]["text"]


def test_mentions_carry_their_entity(runner, made):
    db, _ = made
    rows = list(csv.DictReader(io.StringIO(export(runner, db, "--table", "mentions").stdout_bytes.decode(), newline="")))
    brenner = [r for r in rows if r["article_id"] == "r1" and r["text"] == "Brenner"]
    assert brenner and all(r["entity_name"] == "Ada Brenner" and r["entity_label"] == "PERSON" for r in brenner)


def test_formula_cells_are_defused_in_csv_only(runner, made):
    db, _ = made
    rows = list(csv.DictReader(io.StringIO(export(runner, db, "--table", "quotes").stdout_bytes.decode(), newline="")))
    texts = [r["text"] for r in rows if r["article_id"] == "r1"]
    assert "'+44 is the code to dial," in texts and "'@everyone should read the report," in texts
    assert "'-5 degrees is too cold for the pier work," in texts
    assert {r["title"] for r in rows if r["article_id"] == "r1"} == {"'" + RISKY[0]["title"]}
    assert all(r["title"] == RISKY[1]["title"] for r in rows if r["article_id"] == "r2")
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for r in rows for cell in r.values())
    # JSON Lines and the database keep the exact text
    exact = [json.loads(line) for line in export(runner, db, "--table", "quotes", "--format", "jsonl").stdout.splitlines()]
    assert "+44 is the code to dial," in [r["text"] for r in exact]
    con = sqlite3.connect(db)
    assert con.execute("SELECT title FROM articles WHERE id = 'r1'").fetchone()[0] == RISKY[0]["title"]
    con.close()


def test_spreadsheet_cell():
    assert spreadsheet_cell(None) == "" and spreadsheet_cell(12) == 12
    assert spreadsheet_cell("=1+1") == "'=1+1" and spreadsheet_cell("\tx") == "'\tx" and spreadsheet_cell("\rx") == "'\rx"
    assert spreadsheet_cell("a=b") == "a=b" and spreadsheet_cell(["Sen.", "=x"]) == '["Sen.", "=x"]'


def test_articles_table_and_output_file(runner, made, tmp_path):
    db, out = made
    target = tmp_path / "articles.csv"
    res = export(runner, db, "--table", "articles", "-o", target)
    assert res.stdout == ""
    rows = list(csv.DictReader(target.open(encoding="utf-8", newline="")))
    assert [r["id"] for r in rows] == [r["id"] for r in jsonl(out.read_text(encoding="utf-8"))]
    assert list(rows[0]) == SPECS["articles"].column_names


def test_bad_inputs_are_named_and_the_rest_exported(runner, made, tmp_path):
    _, out = made
    missing = tmp_path / "missing.jsonl"
    res = export(runner, missing, out, "--table", "dates", ok=False)
    assert res.exit_code == 1
    assert f"{missing}: cannot read" in res.stderr
    assert len(res.stdout.splitlines()) > 2


def test_unknown_table_is_a_usage_error(runner, made):
    res = export(runner, made[0], "--table", "people", ok=False)
    assert res.exit_code == 2


def test_hostile_records_export_inert_csv_and_exact_json(runner, tmp_path):
    """The hand-built hostile records: formula-like names in every field a model fills."""
    from newskit.write.db import Corpus, RunInfo
    from newskit.records import ArticleRecord

    src = HOSTILE / "records.jsonl"
    recs = [ArticleRecord.model_validate_json(line) for line in src.read_text(encoding="utf-8").splitlines()]
    db = tmp_path / "hostile.db"
    corpus = Corpus(str(db))
    corpus.write([(r, "-") for r in recs], RunInfo("0", "m", "1"))
    corpus.close()
    formula_like = {e.name for r in recs for e in r.entities if e.name.startswith(("=", "+", "-", "@", "\t", "\r"))}
    assert len(formula_like) >= 5
    for table in TABLE_NAMES:
        text = export(runner, src, "--table", table).stdout_bytes.decode("utf-8")
        assert text == export(runner, db, "--table", table).stdout_bytes.decode("utf-8")
        cells = [c for row in csv.reader(io.StringIO(text, newline="")) for c in row]
        assert not any(c.startswith(("=", "+", "-", "@", "\t", "\r")) for c in cells), table
    entities = list(csv.DictReader(io.StringIO(export(runner, db, "--table", "entities").stdout_bytes.decode(), newline="")))
    assert {"'" + name for name in formula_like} <= {r["name"] for r in entities}
    exact = {json.loads(line)["name"] for line in export(runner, db, "--table", "entities", "--format", "jsonl").stdout.splitlines()}
    assert formula_like <= exact
