"""People mentioned and quoted by gender: `newskit summarize` and the database's `people` view.

A small corpus of invented records, with the counts worked out by hand."""
import json
import re
import sqlite3

from newskit.cli.app import app
from newskit.write.db import Corpus, RunInfo
from newskit.write.peoplecounts import outlet
from newskit.records import ArticleRecord, Entity, Quote, TextSpan
from newskit.write.render import to_json_line
from newskit.write.summarize import render_html, summarize

from .conftest import ROOT


def person(eid, name, gender=None, label="PERSON", role=None):
    return Entity(id=eid, name=name, label=label, role=role, gender=gender,
                  gender_source="given_name" if gender else None,
                  mentions=[TextSpan(text=name, start=0, end=len(name))], count=1, first=0)


def said(eid):
    return Quote(text="x", start=0, end=1, kind="direct", speaker_name="x", speaker_entity=eid)


CORPUS = [
    # harbour.example, March: 2 women and 1 man mentioned; one woman and the man quoted; a credit
    ArticleRecord(id="a1", source="a1", url="https://www.harbour.example/a1", published="2024-03-04", entities=[
        person("E1", "Marta Ellison", "female"), person("E2", "Tomas Brandt", "male"),
        person("E3", "Ines Calloway", "female"), person("E4", "Dario Vint", label="CREDIT", role="credit"),
        person("E5", "Harbour Board", label="ORG")],
        quotes=[said("E1"), said("E1"), said("E2"), said("E5"), said("E4")]),
    # harbour.example, April: one woman quoted, one person of unknown gender mentioned
    ArticleRecord(id="a2", source="a2", url="http://harbour.example/a2", published="2024-04-10", entities=[
        person("E1", "Delia Farrow", "female"), person("E2", "Okoro")], quotes=[said("E1")]),
    # coast.example, April: two men quoted, one unknown quoted
    ArticleRecord(id="a3", source="a3", url="https://coast.example/s", published="2024-04-22", entities=[
        person("E1", "Peter Lind", "male"), person("E2", "Aaron Pike", "male"), person("E3", "Sam Rowe")],
        quotes=[said("E1"), said("E2"), said("E3")]),
    # no URL, no date: counted in the totals only
    ArticleRecord(id="a4", source="a4", entities=[person("E1", "Lena Marsh", "female")]),
]


def block(f, m, u):
    return {"female": f, "male": m, "unknown": u, "total": f + m + u}


def test_outlet_is_the_host_without_www():
    assert outlet("https://www.Harbour.example/news/1?x=1") == "harbour.example"
    assert outlet("ftp://files.example") == "files.example"
    assert outlet("harbour.example/a") is None and outlet(None) is None


def test_summarize_counts_people_by_gender():
    people = summarize(CORPUS)["people"]
    assert people["articles"] == 4
    assert people["mentioned"] == block(4, 3, 2)   # the credit and the organisation are not people
    assert people["quoted"] == block(2, 3, 1)
    assert people["women_quoted_share"] == 40.0    # 2 of the 5 quoted people of known gender
    assert [(r["outlet"], r["articles"], r["quoted"], r["women_quoted_share"]) for r in people["by_outlet"]] == [
        ("coast.example", 1, block(0, 2, 1), 0.0),
        ("harbour.example", 2, block(2, 1, 0), 66.7),
    ]
    assert [(r["month"], r["mentioned"], r["quoted"]) for r in people["by_month"]] == [
        ("2024-03", block(2, 1, 0), block(1, 1, 0)),
        ("2024-04", block(1, 2, 2), block(1, 2, 1)),
    ]


def test_no_known_gender_gives_no_share():
    people = summarize([ArticleRecord(id="x", source="x", entities=[person("E1", "Okoro")], quotes=[said("E1")])])["people"]
    assert people["quoted"] == block(0, 0, 1) and people["women_quoted_share"] is None


def test_summarize_shows_people_in_every_format(runner, tmp_path):
    src = tmp_path / "c.jsonl"
    src.write_text("".join(to_json_line(r) + "\n" for r in CORPUS), encoding="utf-8")
    js = runner.invoke(app, ["summarize", str(src), "--format", "json"])
    assert js.exit_code == 0 and json.loads(js.stdout)["people"]["women_quoted_share"] == 40.0
    table = runner.invoke(app, ["summarize", str(src), "--format", "table"], env={"COLUMNS": "200"})
    assert "People mentioned and quoted" in table.stdout and "harbour.example (2)" in table.stdout
    assert "40.0%" in table.stdout
    html = render_html(summarize(CORPUS))
    assert 'id="s-people"' in html and "66.7%" in html and "not a statement about anyone" in html


def test_the_people_view_holds_the_same_counts(tmp_path):
    db = tmp_path / "people.db"
    c = Corpus(str(db))
    c.write([(r, r.id) for r in CORPUS], RunInfo("0", "m", "1"))
    c.close()
    con = sqlite3.connect(str(db))
    rows = con.execute("SELECT article_id, outlet, month, name, gender, quotes, quoted FROM people "
                       "ORDER BY article_id, entity_id").fetchall()
    assert rows[:3] == [("a1", "harbour.example", "2024-03", "Marta Ellison", "female", 2, 1),
                        ("a1", "harbour.example", "2024-03", "Tomas Brandt", "male", 1, 1),
                        ("a1", "harbour.example", "2024-03", "Ines Calloway", "female", 0, 0)]
    assert ("a4", None, None, "Lena Marsh", "female", 0, 0) in rows
    assert not [r for r in rows if r[3] in ("Dario Vint", "Harbour Board")]
    counts = dict(con.execute("SELECT gender, COUNT(*) FROM people WHERE quoted GROUP BY gender").fetchall())
    assert counts == {None: 1, "female": 2, "male": 3}
    con.close()


def test_the_readme_dashboard_query_gives_the_summary_numbers(tmp_path):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    query = next(q for q in re.findall(r"```sql\n(.*?)\n```", readme, re.S) if "FROM people" in q)
    db = tmp_path / "dash.db"
    c = Corpus(str(db))
    c.write([(r, r.id) for r in CORPUS], RunInfo("0", "m", "1"))
    c.close()
    con = sqlite3.connect(str(db))
    con.row_factory = sqlite3.Row
    rows = {r["outlet"]: dict(r) for r in con.execute(query)}
    by_outlet = {r["outlet"]: r for r in summarize(CORPUS)["people"]["by_outlet"]}
    for host, s in by_outlet.items():
        row = rows[host]
        assert (row["women_mentioned"], row["men_mentioned"], row["unknown_mentioned"]) == \
            (s["mentioned"]["female"], s["mentioned"]["male"], s["mentioned"]["unknown"])
        assert (row["women_quoted"], row["men_quoted"], row["unknown_quoted"]) == \
            (s["quoted"]["female"], s["quoted"]["male"], s["quoted"]["unknown"])
        assert row["women_quoted_pct"] == s["women_quoted_share"]
    con.close()
