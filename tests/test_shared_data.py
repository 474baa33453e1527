"""The data several components share lives once (the newskit_document component's folder):
an edit in a saved pipeline reaches every component and reader that uses it."""
import json
import shutil

import pytest

from newskit.nlp.data import DocumentData, installed_folder
from newskit.read.ingest import ReadOptions, read_text

STORY = ("The ferry service returned to the harbour on Monday after a long winter pause.\n\n"
         "Crews spent the spring repairing the old pier and the ticket office beside it.\n\n"
         "Related stories:\n\n"
         "The harbour master said the crossings would run every hour until the autumn.\n")


@pytest.fixture(scope="module")
def saved(nlp, tmp_path_factory):
    path = tmp_path_factory.mktemp("shared") / "pipeline"
    nlp.to_disk(path)
    return path


def test_the_shared_files_are_saved_once_with_the_document_component(saved):
    names = sorted(p.name for p in installed_folder("document").iterdir())
    assert sorted(p.name for p in (saved / "newskit_document").iterdir() if p.is_file()) == names
    for comp in saved.iterdir():
        if comp.is_dir() and comp.name != "newskit_document":
            assert not {p.name for p in comp.iterdir()} & set(names), comp.name


def test_an_edited_prose_rule_reaches_the_furniture_step_and_the_reader(saved, tmp_path):
    import spacy

    from newskit.nlp.pipeline import make_doc, shared_data

    plain = spacy.load(saved)
    doc = plain(make_doc(plain, STORY))
    tail = STORY.index("Related")
    # the prose line after "Related stories:" ends the furniture there
    assert [(r["start"], r["kind"]) for r in doc._.boilerplate] == [(tail, "tail")]
    assert doc._.boilerplate[0]["end"] < STORY.index("The harbour master")

    copy = tmp_path / "edited"
    shutil.copytree(saved, copy)
    prose = copy / "newskit_document" / "prose.json"
    data = json.loads(prose.read_text(encoding="utf-8"))
    data["min_words"] = 40  # no line of the story is long enough to be prose now
    prose.write_text(json.dumps(data), encoding="utf-8")

    edited = spacy.load(copy)
    doc = edited(make_doc(edited, STORY))
    assert [(r["start"], r["end"]) for r in doc._.boilerplate] == [(tail, len(STORY))]  # runs to the end
    # the same edit reaches the page reader, through the pipeline's shared data ...
    assert shared_data(edited).prose.min_words == 40
    # ... and through DocumentData.for_model, which the CLI reads before the model loads
    assert DocumentData.for_model(str(copy)).prose.min_words == 40
    assert DocumentData.for_model(str(saved)).prose.min_words == DocumentData.load().prose.min_words


def test_the_month_names_of_the_pipeline_reach_the_publication_date_reader(saved, tmp_path):
    copy = tmp_path / "months"
    shutil.copytree(saved / "newskit_document", copy)
    cal = json.loads((copy / "calendar.json").read_text(encoding="utf-8"))
    del cal["months"]["march"], cal["months"]["mar"]
    (copy / "calendar.json").write_text(json.dumps(cal), encoding="utf-8")
    text = "March 15, 2023\n\nThe council met.\n"
    assert read_text(text, "a", ReadOptions()).published == "2023-03-15"
    assert read_text(text, "a", ReadOptions(document=DocumentData.load(copy))).published is None
