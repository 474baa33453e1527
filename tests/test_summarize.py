"""Corpus summaries (`newskit.write.summarize`) and `newskit summarize`."""
import json

import pytest

from newskit.records import ArticleRecord, DateExpr, Entity, Quote, TextSpan
from newskit.write.render import to_json_line
from newskit.write.sources import read_records
from newskit.write.summarize import month_range, render_html, render_json, summarize, timeline_svg


def ent(eid, name, label, count):
    ms = [TextSpan(text=name, start=i * 100, end=i * 100 + len(name)) for i in range(count)]
    return Entity(id=eid, name=name, label=label, mentions=ms, count=count, first=0)


def q(name=None, ent_id=None, speaker=None):
    sp = TextSpan(text=speaker, start=0, end=len(speaker)) if speaker else None
    return Quote(text="x", start=0, end=1, kind="direct", speaker=sp, speaker_name=name, speaker_entity=ent_id)


def d(value, typ="DATE"):
    return DateExpr(text="x", start=0, end=1, type=typ, value=value)


def rec(rid, title=None, entities=(), quotes=(), dates=()):
    return ArticleRecord(id=rid, source=rid, title=title, entities=list(entities), quotes=list(quotes), dates=list(dates))


CORPUS = [
    rec("a1", "Ferry approved",
        entities=[ent("E1", "Elena Voss", "PERSON", 3), ent("E2", "Marlow Bay", "GPE", 2), ent("E3", "Northline", "ORG", 1)],
        quotes=[q("Elena Voss", "E1"), q(None, "E1"), q("Tomas Brandt")],
        dates=[d("2024-03-05"), d("2024-03"), d("2024"), d(None)]),
    rec("a2", "Ferry delayed",
        entities=[ent("E1", "elena voss", "PERSON", 1), ent("E2", "Northline", "ORG", 4), ent("E3", "Marlow  Bay", "GPE", 1)],
        quotes=[q("Ada Okafor"), q(None, None, speaker="he"), q("ELENA VOSS")],
        dates=[d("2024-06-01T10:00", "TIME"), d("P2M", "DURATION"), d("2023-11"), d("2024-13")]),
    rec("a3", None),
]


def test_speakers_are_ranked_across_articles():
    s = summarize(CORPUS)
    assert s["articles"] == 3
    # names merge case-insensitively; the entity's name stands in for a missing speaker_name
    assert s["speakers"] == [
        {"name": "Elena Voss", "quotes": 3, "articles": 2},
        {"name": "Ada Okafor", "quotes": 1, "articles": 1},
        {"name": "Tomas Brandt", "quotes": 1, "articles": 1},
    ]
    t = s["totals"]
    assert (t["quotes"], t["attributed_quotes"], t["unattributed_quotes"], t["speakers"]) == (6, 5, 1, 3)


def test_entities_by_label_sum_mentions():
    s = summarize(CORPUS)
    by = {g["label"]: g for g in s["entities_by_label"]}
    assert [g["label"] for g in s["entities_by_label"]] == ["ORG", "PERSON", "GPE"]  # 5, 4, 3 mentions
    assert by["PERSON"]["top"] == [{"name": "Elena Voss", "mentions": 4, "articles": 2}]
    assert by["GPE"]["top"] == [{"name": "Marlow Bay", "mentions": 3, "articles": 2}]  # spacing normalised
    assert by["ORG"]["entities"] == 1 and by["ORG"]["mentions"] == 5
    assert s["totals"]["mentions"] == 12 and s["totals"]["entities"] == 6


def test_quotes_per_article():
    s = summarize(CORPUS)["quotes_per_article"]
    assert s["top"] == [{"id": "a1", "title": "Ferry approved", "quotes": 3},
                        {"id": "a2", "title": "Ferry delayed", "quotes": 3},
                        {"id": "a3", "title": None, "quotes": 0}]
    assert (s["mean"], s["median"], s["max"], s["without_quotes"]) == (2.0, 3.0, 3, 1)
    assert s["histogram"] == [{"quotes": 0, "articles": 1}, {"quotes": 3, "articles": 2}]


def test_timeline_counts_months_only():
    s = summarize(CORPUS)
    assert s["timeline"] == [{"month": "2023-11", "count": 1}, {"month": "2024-03", "count": 2},
                             {"month": "2024-06", "count": 1}]
    assert s["totals"]["dates"] == 8 and s["totals"]["dated_by_month"] == 4


def test_top_limits_every_ranking():
    s = summarize(CORPUS, top=1)
    assert len(s["speakers"]) == 1 and all(len(g["top"]) == 1 for g in s["entities_by_label"])
    assert len(s["quotes_per_article"]["top"]) == 1
    assert len(summarize(CORPUS, top=0)["speakers"]) == 3


def test_empty_corpus():
    s = summarize([])
    assert s["articles"] == 0 and s["speakers"] == [] and s["timeline"] == []
    assert s["quotes_per_article"]["mean"] == 0.0
    assert "No attributed quotes." in render_html(s)


def test_summary_is_deterministic_json():
    assert render_json(summarize(CORPUS)) == render_json(summarize(list(CORPUS)))
    assert json.loads(render_json(summarize(CORPUS)))["articles"] == 3


def test_month_range_and_svg_timeline():
    assert month_range("2023-11", "2024-02") == ["2023-11", "2023-12", "2024-01", "2024-02"]
    svg = timeline_svg(summarize(CORPUS)["timeline"])
    assert svg.startswith("<svg") and "role=\"img\"" in svg and "<title id=\"nk-tl-title\">" in svg
    assert svg.count("<rect") == 3  # empty months are gaps, not bars
    assert "<title>2024-03: 2</title>" in svg
    assert timeline_svg([]) == ""


def test_html_summary_page_is_self_contained():
    page = render_html(summarize(CORPUS))
    assert page.startswith("<!DOCTYPE html>") and "<svg" in page and "<script" not in page and "<link" not in page
    assert "https://" not in page and page.count("http://") == 1  # only the SVG namespace
    for heading in ("Most-quoted speakers", "Most-mentioned entities by label", "Quotes per article", "Timeline of dates"):
        assert heading in page
    assert "<td>Elena Voss</td><td class=\"num\">3</td>" in page


def write_jsonl(path, records, extra_lines=()):
    lines = [to_json_line(r) for r in records]
    for pos, line in extra_lines:
        lines.insert(pos, line)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_read_records_reports_bad_lines_and_keeps_the_rest(tmp_path):
    p = write_jsonl(tmp_path / "out.jsonl", CORPUS, [(1, "{not json"), (3, "[1, 2]"), (4, "{\"id\": 7}"), (5, "   ")])
    errors = []
    got = list(read_records([str(p), str(tmp_path / "missing.jsonl")], errors.append))
    assert [r.id for r in got] == ["a1", "a2", "a3"]
    assert errors[0].startswith(f"{p}:2: not valid JSON")
    assert errors[1].startswith(f"{p}:4: not a newskit record")
    assert errors[2].startswith(f"{p}:5: not a newskit record (id:")
    assert errors[3].startswith(f"{tmp_path / 'missing.jsonl'}: cannot read")
    assert len(errors) == 4


# ---------------------------------------------------------------- the CLI


def invoke(*args, **kw):
    from typer.testing import CliRunner

    from newskit.cli.app import app

    return CliRunner().invoke(app, ["summarize", *args], **kw)


@pytest.fixture()
def outputs(tmp_path):
    return write_jsonl(tmp_path / "out.jsonl", CORPUS)


def test_cli_json_when_piped(outputs):
    res = invoke(str(outputs), "--top", "2")
    assert res.exit_code == 0, res.stderr
    data = json.loads(res.stdout)
    assert data["articles"] == 3 and [s["name"] for s in data["speakers"]] == ["Elena Voss", "Ada Okafor"]
    assert res.stderr == ""


def test_cli_table(outputs):
    res = invoke(str(outputs), "--format", "table")
    assert res.exit_code == 0, res.stderr
    for heading in ("Most-quoted speakers", "Most-mentioned entities by label", "Quotes per article",
                    "Timeline of dates"):
        assert heading in res.stdout
    assert "Elena Voss" in res.stdout and "2024-03" in res.stdout


def test_cli_html_to_file(outputs, tmp_path):
    out = tmp_path / "summary.html"
    res = invoke(str(outputs), "--output", str(out))  # format from the extension
    assert res.exit_code == 0, res.stderr
    assert res.stdout == ""
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<svg" in page


def test_cli_bad_lines_exit_1_but_summarise_the_rest(tmp_path):
    p = write_jsonl(tmp_path / "out.jsonl", CORPUS, [(2, "oops")])
    res = invoke(str(p), "--format", "json")
    assert res.exit_code == 1
    assert json.loads(res.stdout)["articles"] == 3  # stdout stays valid data
    assert f"{p}:3: not valid JSON" in res.stderr


def test_cli_stdin(outputs):
    res = invoke("-", input=outputs.read_text(encoding="utf-8"))
    assert res.exit_code == 0, res.stderr
    assert json.loads(res.stdout)["articles"] == 3


def test_cli_missing_file(tmp_path):
    res = invoke(str(tmp_path / "nope.jsonl"))
    assert res.exit_code == 1
    assert "nope.jsonl: cannot read" in res.stderr
    assert json.loads(res.stdout)["articles"] == 0


def test_cli_reads_what_extract_writes(tmp_path):
    from typer.testing import CliRunner

    from newskit.cli.app import app

    art = tmp_path / "ferry.txt"
    art.write_text("Ferry approved\n\n“It is a good day,” said Mayor Elena Voss on Tuesday.\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    res = CliRunner().invoke(app, ["extract", str(art), "--format", "jsonl", "--published", "2024-02-08",
                                   "--output", str(out)])
    assert res.exit_code == 0, res.stderr
    res = invoke(str(out), "--format", "json")
    assert res.exit_code == 0, res.stderr
    data = json.loads(res.stdout)
    assert data["articles"] == 1 and data["totals"]["quotes"] == 1


def test_reads_a_json_array_too(tmp_path):
    from newskit.write.render import record_dict

    p = tmp_path / "out.json"
    items = [record_dict(r) for r in CORPUS] + [{"id": 1}]
    p.write_text(json.dumps(items, indent=2), encoding="utf-8")
    errors = []
    assert [r.id for r in read_records([str(p)], errors.append)] == ["a1", "a2", "a3"]
    assert len(errors) == 1 and errors[0].startswith(f"{p}:item 4: not a newskit record")


def test_undecodable_bytes_are_reported_with_their_line(tmp_path):
    p = tmp_path / "out.jsonl"
    good = [to_json_line(r).encode("utf-8") for r in CORPUS[:2]]
    p.write_bytes(good[0] + b"\n\xff\xfe bad\n" + good[1] + b"\n")
    errors = []
    assert [r.id for r in read_records([str(p)], errors.append)] == ["a1", "a2"]
    assert len(errors) == 1 and errors[0].startswith(f"{p}:2: not UTF-8 text")
