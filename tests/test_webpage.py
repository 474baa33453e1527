"""HTML input: trafilatura's main extractor, its simpler fallbacks, and over-deep pages."""
from newskit.cli.app import app
from newskit.nlp.data import DocumentData
from newskit.read.webpage import flatten, main_text

PROSE = DocumentData.load().prose

from .conftest import jsonl

SENTENCES = " ".join(
    f"On day {i} of the inquiry, the harbour board in Kirkholm heard that the old pier needed repairs." for i in range(50))


def deep_page(levels=5000):
    return ("<html><head><title>Pier inquiry</title></head><body>" + "<div>" * levels
            + f"<p>{SENTENCES}</p>" + "</div>" * levels + "</body></html>")


def test_a_page_of_5000_nested_divs_keeps_its_text(runner, tmp_path):
    page = tmp_path / "deep.html"
    page.write_text(deep_page(), encoding="utf-8")
    res = runner.invoke(app, ["extract", str(page), "--format", "jsonl", "--include-text"])
    assert res.exit_code == 0, res.stderr
    [rec] = jsonl(res.stdout)
    assert rec["text"].strip() == SENTENCES
    assert rec["title"] == "Pier inquiry"
    assert any(e["name"] == "Kirkholm" for e in rec["entities"])


def test_flatten_drops_only_the_tags_nested_too_deep():
    html = "<body>" + "<div class=a>" * 5 + "<p>Text &amp; more<br>here</p>" + "</div>" * 5 + "</body>"
    flat = flatten(html, depth=3)
    assert flat == "<body><div class=a><div class=a><p>Text &amp; more<br>here</p></div></div></body>"
    assert flatten(html, depth=10) is None  # nothing to drop


def test_when_the_main_extractor_gives_nothing_the_fallbacks_need_prose(monkeypatch):
    import trafilatura

    monkeypatch.setattr(trafilatura, "bare_extraction", lambda *a, **k: None)
    nav = "<html><body><nav>" + " ".join(f"<a href='/{i}'>Section {i}</a>" for i in range(8)) + "</nav></body></html>"
    assert main_text(nav, PROSE) is None  # links only: "no main text"
    page = f"<html><head><title>Pier</title></head><body><p>{SENTENCES}</p></body></html>"
    found = main_text(page, PROSE)
    assert found.extractor == "baseline" and found.text.strip() == SENTENCES and found.title == "Pier"
