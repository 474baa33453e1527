"""The Python API (newskit.analyze, analyze_many, save, make_doc, record): the CLI's records from Python."""
import datetime as dt

import pytest

import newskit
from newskit.write.db import Corpus
from newskit.read.ingest import Article
from newskit.write.render import to_json_line

from .conftest import SAMPLES, jsonl

SEED = SAMPLES / "seed-khalilzad.txt"
TEXT = "Ferry back\n\n“We are glad to be back,” said Mara Lindqvist on Monday.\n"


def test_analyze_gives_the_cli_record(nlp, runner):
    from newskit.cli.app import app

    res = runner.invoke(app, ["extract", str(SEED), "--published", "2021-10-19", "--format", "jsonl"])
    (cli,) = jsonl(res.stdout)
    rec = newskit.analyze(SEED.read_text(encoding="utf-8"), published="2021-10-19", id=cli["id"], nlp=nlp)
    assert cli["source"] == cli["id"]  # a file's source is its path, which we gave as the id
    assert to_json_line(rec) + "\n" == res.stdout  # byte for byte


def test_the_publication_date_anchors_dates(nlp):
    anchored = newskit.analyze(TEXT, published=dt.date(2021, 10, 19), nlp=nlp)
    assert [(d.text, d.value) for d in anchored.dates] == [("Monday", "2021-10-18")]
    assert anchored.title == "Ferry back" and anchored.quotes[0].speaker_name == "Mara Lindqvist"
    assert [d.value for d in newskit.analyze(TEXT, nlp=nlp).dates] == [None]
    with pytest.raises(ValueError, match="not a date"):
        newskit.analyze(TEXT, published="19/10/2021", nlp=nlp)


def test_a_doc_gives_the_same_record(nlp):
    doc = nlp(newskit.make_doc(nlp, TEXT, published="2021-10-19"))
    assert doc._.published == "2021-10-19"
    rec = newskit.record(doc)
    want = newskit.analyze(TEXT, published="2021-10-19", nlp=nlp)
    assert rec.quotes == want.quotes and rec.dates == want.dates and rec.entities == want.entities


def test_analyze_many_reads_texts_dicts_and_articles_in_order(nlp):
    items = [TEXT,
             {"id": "a2", "text": "Mayor Helen Okafor said on Friday that the bridge would open.", "published": "2021-10-19"},
             Article(id="a3", source="mine", text="Nobody said anything on Tuesday.", published="2021-10-19")]
    recs = list(newskit.analyze_many(items, published="2021-10-20", nlp=nlp))
    assert [r.id for r in recs] == ["1", "a2", "a3"]
    assert recs[0].dates[0].value == "2021-10-18"  # the fallback date of the batch
    assert recs[1].dates[0].value == "2021-10-15" and recs[1].quotes[0].speaker_name == "Helen Okafor"


def test_unusable_inputs_raise_and_dropped_values_warn(nlp):
    with pytest.raises(ValueError, match="empty"):
        newskit.analyze("   ", nlp=nlp)
    with pytest.raises(ValueError, match='no "text"'):
        list(newskit.analyze_many([{"id": "x"}], nlp=nlp))
    with pytest.warns(UserWarning, match='"published" is not a date'):
        (rec,) = newskit.analyze_many([{"id": "x", "text": TEXT, "published": "2021-02-30"}], nlp=nlp)
    assert rec.published is None


def test_save_writes_the_corpus_database(nlp, tmp_path):
    path = str(tmp_path / "corpus.db")
    items = [{"id": "a1", "text": TEXT}, {"id": "a2", "text": "“It works,” Helen Okafor said on Friday."}]
    assert newskit.save(items, path, published="2021-10-19", nlp=nlp) == 2
    corpus = Corpus(path, create=False)
    try:
        stored = list(corpus.records())
        assert stored == list(newskit.analyze_many(items, published="2021-10-19", nlp=nlp))
        assert corpus.counts()["quotes"] == 2
    finally:
        corpus.close()
    assert newskit.save(items, path, published="2021-10-19", nlp=nlp, resume=True) == 0
