"""Hostile articles stay inert in every output format.

The corpus in ``tests/hostile/`` (see its README) carries markup, script,
rich markup, terminal escapes, bidi overrides, formula-like quotes and
non-http URLs in every free-text field. It goes through ``extract`` (table,
json, jsonl, html) and ``summarize`` (table, json, html); the pages must parse
with no script, no event handler, no non-http(s) link and the CSP meta, the
tables must carry no markup effect or foreign escape sequence, and JSON must
keep the exact text.
"""
import io
import json
import re
from pathlib import Path

import html5lib
import pytest
from rich.console import Console
from typer.testing import CliRunner

from newskit.cli.app import app
from newskit.write.html import render_page, stylesheet
from newskit.write.render import TableWriter
from newskit.safe import CSP
from newskit.write.sources import read_records
from newskit.write.summarize import render_table, summarize

HERE = Path(__file__).resolve().parent / "hostile"
ARTICLES = HERE / "articles.jsonl"
RECORDS = HERE / "records.jsonl"

XHTML = "{http://www.w3.org/1999/xhtml}"
URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "poster", "data", "srcset", "background", "ping"}
FORBIDDEN_ELEMENTS = {"script", "iframe", "frame", "frameset", "object", "embed", "base", "form", "link", "applet"}
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
SGR = re.compile("\x1b\\[[0-9;]*m")  # colour and weight, the only escapes rich itself writes here


def inputs():
    return [json.loads(line) for line in ARTICLES.read_text(encoding="utf-8").splitlines()]


def records():
    return list(read_records([str(RECORDS)], on_error=pytest.fail))


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """``extract`` over the article corpus in every format: {format: output text}."""
    out = {}
    runner = CliRunner()
    tmp = tmp_path_factory.mktemp("hostile")
    for fmt in ("jsonl", "json", "html", "table"):
        f = tmp / f"out.{fmt}"
        args = ["extract", str(ARTICLES), "--format", fmt, "--include-text", "-q", "-o", str(f)]
        res = runner.invoke(app, args)
        assert res.exit_code == 0, (fmt, res.output, res.exception)
        out[fmt] = f.read_text(encoding="utf-8")
    return out


def local(name):
    return name.rsplit("}", 1)[-1] if not name.startswith("{http://www.w3.org/1999/xlink}") else "xlink:href"


def text_of(el):
    return "".join(el.itertext())


def assert_inert_page(page):
    """The page parses cleanly and cannot run or load anything; returns its tree."""
    parser = html5lib.HTMLParser(strict=True)
    doc = parser.parse(page)  # raises on any parse error
    head = doc.find(f"{XHTML}head")
    first = [el for el in head if el.tag != f"{XHTML}meta" or "charset" not in el.attrib][0]
    assert first.tag == f"{XHTML}meta" and first.get("http-equiv", "").lower() == "content-security-policy"
    assert first.get("content") == CSP == "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
    assert "http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\"" in page
    [style] = [el for el in doc.iter() if local(el.tag) == "style"]
    assert style.text == "\n" + stylesheet()  # nothing got into the style sheet
    for el in doc.iter():
        tag = local(el.tag)
        assert tag not in FORBIDDEN_ELEMENTS, tag
        if tag == "meta" and el.get("http-equiv"):
            assert el.get("http-equiv").lower() == "content-security-policy"
        for name, value in el.attrib.items():
            name = local(name).lower()
            assert not name.startswith("on"), (tag, name, value)
            if name in URL_ATTRS:
                assert value.startswith("#") or re.fullmatch(r"(?i)https?://[^\s\x00-\x1f\x7f-\x9f]+", value), (tag, name, value)
            if name == "style":
                assert "url(" not in value.lower() and "expression" not in value.lower()
    return doc


def assert_table_inert(out):
    """Terminal output: no escape sequence but rich's own colours, no C1 or bidi control."""
    rest = SGR.sub("", out)
    assert "\x1b" not in rest, repr(rest[rest.index("\x1b") - 40:rest.index("\x1b") + 40])
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", rest)
    assert not any(c in rest for c in BIDI)
    assert "\x1b]8" not in out  # no hyperlink


# ---------------------------------------------------------------- extract


def test_jsonl_and_json_keep_the_exact_text(extracted):
    want = inputs()
    lines = [json.loads(line) for line in extracted["jsonl"].splitlines()]
    array = json.loads(extracted["json"])
    assert len(lines) == len(array) == len(want) == 16
    for got in (lines, array):
        for rec, art in zip(got, want):
            assert rec["id"] == art["id"]
            assert rec["text"] == art["text"]
            assert rec["title"] == art.get("title")
            assert rec["url"] == art.get("url")
            for q in rec["quotes"]:
                assert art["text"][q["start"]:q["end"]] == q["text"]
    quotes = [q["text"] for r in lines for q in r["quotes"]]
    assert "+1 for the new bus depot," in quotes and "@SUM(A1:A9) is how the clerks count the votes," in quotes
    assert "\t=1+1 was typed into the minutes," in quotes  # no apostrophe, no stripping
    for raw in (extracted["jsonl"], extracted["json"]):
        # C0 controls are escaped by JSON itself, C1 and bidi controls by newskit
        assert not re.search(f"[\x00-\x1f\x7f-\x9f{BIDI}]", raw.replace("\n", ""))
        assert "\\u001b[31mRed title" in raw and "\\u009b31m" in raw and "Amira \\u202eHaddad\\u202c" in raw


def test_html_page_is_inert_and_shows_the_hostile_text(extracted):
    page = extracted["html"]
    doc = assert_inert_page(page)
    want = inputs()
    articles = [el for el in doc.iter(f"{XHTML}article")]
    assert len(articles) == len(want)
    for art_el, art in zip(articles, want):
        h2 = art_el.find(f".//{XHTML}h2")
        shown = text_of(h2)
        title = art.get("title") or art["id"]
        assert shown == title.replace("\x1b", "␛").replace("\x07", "␇")
        meta = [p for p in art_el.iter(f"{XHTML}p") if "nk-meta" in p.get("class", "")][0]
        links = meta.findall(f".//{XHTML}a")
        url = art.get("url")
        if url and re.match(r"(?i)https?://\S", url):
            assert [a.get("href") for a in links] == [url]
            assert links[0].get("rel") == "noopener noreferrer"
        else:
            assert links == []
            if url:
                assert text_of(meta.find(f".//{XHTML}code")) == (url.replace("\t", "␉").replace("\n", "␊")
                                                                 .replace("\x01", "␁"))
    body = text_of(doc.find(f"{XHTML}body"))
    assert "<script>alert('text')</script>" in body
    assert "<b onmouseover=alert('quote')>June" in body
    assert "[link=https://evil.example]Read the plan[/link]" in body


def test_table_shows_markup_and_escapes_as_text(extracted):
    out = extracted["table"]
    assert_table_inert(out)
    assert "<img src=x onerror=alert('title')>[bold red]Pier vote[/bold red]" in out
    assert "[link=https://evil.example]Read the plan[/link]" in out
    assert "␛[31mRed title␛[0m␛]0;window title␇" in out
    assert "\\x9b31m" in out


def test_hostile_html_input_stays_text(tmp_path):
    """An HTML article with script, an onload handler and javascript: URLs in
    its canonical link, og:url and body: only the words reach the page."""
    out = tmp_path / "page.html"
    res = CliRunner().invoke(app, ["extract", str(HERE / "page.html"), "-q", "-o", str(out)])
    assert res.exit_code == 0, res.output
    doc = assert_inert_page(out.read_text(encoding="utf-8"))
    body = text_of(doc.find(f"{XHTML}body"))
    assert "We got what we asked for <script>alert('quote')</script>," in body
    assert [a.get("href") for a in doc.iter(f"{XHTML}a") if not a.get("href").startswith("#")] == []


# ------------------------------------------------------ hand-built records


def table_of(recs, **console):
    buf = io.StringIO()
    w = TableWriter(Console(file=buf, width=160, **console))
    for rec in recs:
        w.write(rec)
    return buf.getvalue()


def test_record_fields_never_become_markup_or_escapes():
    plain = table_of(records(), force_terminal=False)
    assert_table_inert(plain)
    for name in ("[bold red]Ansel Poe[/bold red]", "[link=https://evil.example]Ivo Brandt[/link]",
                 "[/bold]Tess Moor", "␛[31mOtto Vance␛[0m", "␛]8;;https://evil.example␛\\Lena Sorn␛]8;;␛\\",
                 "Mira\\x9b2JHolt", "Sami \\u202eOkoro\\u202c", "[i]The Mayor[/i]", "[bold]FAC[/bold]",
                 "␍=Return Cells", "<b onmouseover=alert('label')>X</b>", "[bold]2025-04-07T12:00[/bold]"):
        assert name in plain, name
    coloured = table_of(records(), force_terminal=True, color_system="truecolor")
    assert_table_inert(coloured)
    assert "[bold red]Ansel Poe[/bold red]" in SGR.sub("", coloured)


def test_record_page_is_inert():
    recs = records()
    page = render_page(recs)
    doc = assert_inert_page(page)
    titles = [text_of(h) for h in doc.iter(f"{XHTML}h2")]
    assert titles == [r.title for r in recs]
    marks = {el.get("data-entity"): el for el in doc.iter(f"{XHTML}mark") if el.get("data-entity")}
    assert marks["\"><svg onload=alert('eid')>"].get("data-label") == "<b onmouseover=alert('label')>X</b>"
    assert marks["E5"].get("title") == "PERSON · ␛[31mOtto Vance␛[0m (E5)"
    speakers = {el.get("data-speaker") for el in doc.iter(f"{XHTML}mark") if el.get("data-speaker")}
    assert "<script>alert('name')</script>Rhea Quill" in speakers and "[bold red]Ansel Poe[/bold red]" in speakers
    assert "original page (not linked)" in text_of(doc.find(f"{XHTML}body"))


# ---------------------------------------------------------------- summarize


@pytest.fixture(scope="module")
def summarized(tmp_path_factory, extracted):
    """``summarize`` of the hand-built records plus extract's output, in every format."""
    tmp = tmp_path_factory.mktemp("hostile-summary")
    ex = tmp / "extracted.jsonl"
    ex.write_text(extracted["jsonl"], encoding="utf-8")
    runner = CliRunner()
    out = {}
    for fmt, ext in (("json", "json"), ("html", "html"), ("table", "txt")):
        f = tmp / f"summary.{ext}"
        res = runner.invoke(app, ["summarize", str(RECORDS), str(ex), "--format", fmt, "--top", "0", "-o", str(f)])
        assert res.exit_code == 0, (fmt, res.output, res.exception)
        out[fmt] = f.read_text(encoding="utf-8")
    return out


def test_summary_json_keeps_the_exact_names(summarized):
    s = json.loads(summarized["json"])
    speakers = {r["name"] for r in s["speakers"]}
    recs = records()
    want = {" ".join(q.speaker_name.split()) for r in recs for q in r.quotes if q.speaker_name}
    assert want <= speakers
    entities = {r["name"] for g in s["entities_by_label"] for r in g["top"]}
    assert {" ".join(e.name.split()) for r in recs for e in r.entities} <= entities
    assert {"=HYPERLINK(\"https://evil.example/\",\"Report\")", "+Plus Holdings", "-Minus Works", "@SUM(A1:A9)"} <= entities
    assert "<b onmouseover=alert('label')>X</b>" in {g["label"] for g in s["entities_by_label"]}
    assert not re.search(f"[\x7f-\x9f{BIDI}]", summarized["json"])


def test_summary_page_is_inert(summarized):
    doc = assert_inert_page(summarized["html"])
    cells = {text_of(td) for td in doc.iter(f"{XHTML}td")}
    assert "<script>alert('name')</script>Rhea Quill" in cells
    assert "[link=https://evil.example]Ivo Brandt[/link]" in cells
    assert "<script>alert('title')</script>[bold red]Harbour row[/bold red]" in cells


def test_summary_table_is_inert(summarized):
    assert_table_inert(summarized["table"])
    assert "[/bold]Tess Moor" in summarized["table"]
    buf = io.StringIO()
    render_table(summarize(records(), top=0), Console(file=buf, width=200, force_terminal=True, color_system="truecolor"))
    coloured = buf.getvalue()
    assert_table_inert(coloured)
    plain = SGR.sub("", coloured)
    assert "[link=https://evil.example]Ivo Brandt[/link]" in plain and "<b onmouseover=alert('label')>X</b>" in plain


# ------------------------------------------------------------ bad Unicode


def test_lone_surrogate_escapes_are_refused_with_one_line(tmp_path):
    f = tmp_path / "bad.jsonl"
    f.write_text('{"id": "a\\ud800", "text": "The ferry sails on Monday."}\n'
                 '{"id": "ok", "title": "Fine", "text": "The ferry sails on Monday, the operator said."}\n',
                 encoding="utf-8")
    res = CliRunner().invoke(app, ["extract", str(f), "--format", "jsonl", "-q"])
    assert res.exit_code == 1
    assert [json.loads(line)["id"] for line in res.stdout.splitlines()] == ["ok"]
    assert f"{f}:1: line 1: \"id\" is not valid Unicode" in res.stderr
    out = tmp_path / "records.jsonl"
    out.write_text(res.stdout + '{"id": "b", "source": "s", "title": "x\\udc00"}\n', encoding="utf-8")
    res = CliRunner().invoke(app, ["summarize", str(out), "--format", "json"])
    assert res.exit_code == 1 and json.loads(res.stdout)["articles"] == 1
    assert f"{out}:2: not valid Unicode" in res.stderr
