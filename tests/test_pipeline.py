"""The pipeline: any spaCy pipeline through --model, components inside nlp.pipe."""
import pytest
import spacy

from newskit.cli.app import app
from newskit.nlp.pipeline import COMPONENTS

from .conftest import assert_offsets, jsonl

TEXT = "Mayor Helen Okafor said on Monday that the bridge would open.\n\n“It is a great day,” Okafor said.\n"


def test_components_are_registered_spacy_factories(nlp):
    for name in COMPONENTS:
        assert name in nlp.pipe_names
    doc = nlp(TEXT)
    assert doc._.nk_entities and doc._.nk_quotes and doc._.nk_dates is not None


@pytest.mark.parametrize("sentencizer", [False, True])
def test_a_pipeline_from_a_path_without_parser_works(runner, tmp_path, sentencizer):
    blank = spacy.blank("en")
    if sentencizer:
        blank.add_pipe("sentencizer")
    blank.to_disk(tmp_path / "blank")
    story = tmp_path / "story.txt"
    story.write_text(TEXT, encoding="utf-8")
    res = runner.invoke(app, ["extract", str(story), "--model", str(tmp_path / "blank"), "--format", "jsonl",
                              "--published", "2022-05-11"])
    assert res.exit_code == 0, res.stderr
    [rec] = jsonl(res.stdout)
    assert_offsets(rec, TEXT)
    assert any(d["text"] == "Monday" and d["value"] == "2022-05-09" for d in rec["dates"])
    assert [q["text"] for q in rec["quotes"] if q["kind"] == "direct"] == ["It is a great day,"]


def test_the_default_model_is_the_pinned_small_english_pipeline(nlp):
    assert nlp.meta["lang"] == "en" and nlp.meta["version"] == "3.8.0"
    assert {"parser", "ner"} <= set(nlp.pipe_names)
