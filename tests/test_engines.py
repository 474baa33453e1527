"""Engines: several jobs and Dask give the same bytes as one job; long texts."""
import json

import pytest

from newskit.cli.app import app
from newskit.read.ingest import Article

from .conftest import SAMPLES, assert_offsets, jsonl

PARAS = [
    "The mayor, Helen Okafor, opened the new library on Monday.",
    "“Reading changes lives,” Okafor said. She thanked the builders.",
    "The council said in a statement that the library cost $4 million.",
    "Daniel Brooks, a local teacher, told reporters the town had waited since 2015.",
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    path = tmp_path_factory.mktemp("corpus") / "many.jsonl"
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(40):
            text = "\n\n".join(PARAS[(i + k) % len(PARAS)] for k in range(2 + i % 3))
            fh.write(json.dumps({"id": f"a{i:03d}", "text": text, "published": "2022-05-1%d" % (i % 10)}) + "\n")
    return path


def extract(runner, *args):
    res = runner.invoke(app, ["extract", *map(str, args), "--format", "jsonl", "--quiet"])
    assert res.exit_code == 0, res.stderr
    return res.stdout


def test_two_jobs_same_bytes_as_one(runner, corpus):
    one = extract(runner, corpus, SAMPLES, "--jobs", "1")
    two = extract(runner, corpus, SAMPLES, "--jobs", "2", "--batch-size", "4")
    assert one == two
    n_samples = sum(len(p.read_text(encoding="utf-8").splitlines()) for p in SAMPLES.glob("*.expected.jsonl"))
    assert len(jsonl(one)) == 40 + n_samples


def test_dask_local_cluster_same_bytes(runner, corpus):
    pytest.importorskip("dask.distributed")
    one = extract(runner, corpus, "--jobs", "1")
    dask = extract(runner, corpus, "--engine", "dask", "--jobs", "2", "--batch-size", "8")
    assert dask == one


def test_long_text_in_pieces_keeps_offsets_and_groups(nlp):
    from newskit.nlp.pipeline import analyze, parse_long, to_record

    text = "\n\n".join(PARAS + [f"Okafor visited school number {i} with {i + 2} teachers." for i in range(12)])
    art = Article(id="long", source="long", text=text, published="2022-05-10")
    whole = next(analyze(nlp, [art]))
    pieces = to_record(parse_long(nlp, text, "2022-05-10", limit=200), art)
    rec = pieces.model_dump()
    assert_offsets(rec, text)
    okafor = [e for e in rec["entities"] if e["name"] == "Helen Okafor"]
    assert len(okafor) == 1 and okafor[0]["count"] >= 2  # grouped across pieces
    # pieces cut at paragraph breaks give what the whole text gives
    assert [(e.name, e.count) for e in pieces.entities] == [(e.name, e.count) for e in whole.entities]
    assert len(pieces.quotes) == len(whole.quotes)


def test_text_beyond_max_length_is_analysed(nlp):
    from newskit.nlp.pipeline import analyze

    text = "\n\n".join(PARAS + [f"Okafor visited school number {i} with {i + 2} teachers." for i in range(12)])
    old = nlp.max_length
    nlp.max_length = 300
    try:
        [rec] = list(analyze(nlp, [Article(id="x", source="x", text=text)]))
    finally:
        nlp.max_length = old
    assert_offsets(rec.model_dump(), text)
    assert rec.entities and rec.quotes


def test_an_article_whose_analysis_fails_is_reported_not_fatal(nlp):
    from spacy.language import Language

    from newskit.read.ingest import InputError
    from newskit.nlp.pipeline import analyze

    if "test_boom" not in Language.factories:
        @Language.component("test_boom")
        def boom(doc):
            if "BOOM" in doc.text:
                raise ValueError("kaboom")
            return doc

    nlp.add_pipe("test_boom", last=True)
    try:
        arts = [Article(id=str(i), source=f"s{i}", text=t) for i, t in enumerate(["Fine text.", "BOOM here.", "Also fine."])]
        out = list(analyze(nlp, arts, report_errors=True))
    finally:
        nlp.remove_pipe("test_boom")
    assert [type(o).__name__ for o in out] == ["ArticleRecord", "InputError", "ArticleRecord"]
    assert isinstance(out[1], InputError) and "kaboom" in out[1].message and out[1].source == "s1"
