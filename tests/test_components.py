"""newskit's steps as spaCy factories: declared requirements, config, and data saved with the pipeline."""
import json
import subprocess
import sys

import pytest

from newskit.nlp.pipeline import COMPONENTS

from .conftest import SAMPLES, jsonl

FURNITURE = "Sponsored content from our partners"
TEXT = ("Harbour ferries resume\n\nThe ferry service returned on Monday, the operator said.\n\n"
        f"{FURNITURE}\n\n“We are glad to be back,” said Mara Lindqvist, the captain.\n")


def test_analyze_pipes_finds_no_missing_requirement(nlp):
    report = nlp.analyze_pipes(pretty=False)
    assert not any(report["problems"].values()), report["problems"]
    assigns = {name: nlp.get_pipe_meta(name).assigns for name in COMPONENTS}
    assert "doc._.nk_entities" in assigns["newskit_entities"]
    assert "doc._.nk_entities" in nlp.get_pipe_meta("newskit_quotes").requires


def test_tuned_numbers_are_config(nlp):
    cfg = nlp.config["components"]["newskit_dates"]
    assert cfg["factory"] == "newskit_dates"
    assert isinstance(cfg["recent_months"], int)


@pytest.fixture(scope="module")
def saved(nlp, tmp_path_factory):
    path = tmp_path_factory.mktemp("pipeline") / "newskit_sm"
    nlp.to_disk(path)
    return path


# the components that own a data folder of their own (the others still copy all of models/)
OWN_FOLDER = {"newskit_document": "document", "newskit_boilerplate": "boilerplate", "newskit_quotes": "quotes"}


def test_saved_pipeline_carries_each_components_own_data(saved):
    """Each component's directory holds its own data folder's files and nothing else: no file in two."""
    from newskit.nlp.data import installed_folder

    seen = {}
    for comp, folder in OWN_FOLDER.items():
        want = sorted(p.name for p in installed_folder(folder).iterdir() if p.suffix in (".json", ".txt"))
        got = sorted(p.name for p in (saved / comp).iterdir() if p.is_file() and p.name != "cfg")
        assert got == want, comp
        for name in got:
            assert name not in seen, f"{name} is in both {seen.get(name)} and {comp}"
            seen[name] = comp


def test_saved_pipeline_gives_the_same_output_in_a_fresh_process(saved, runner):
    from newskit.cli.app import app

    seed = SAMPLES / "seed-khalilzad.txt"
    want = runner.invoke(app, ["extract", str(seed), "--published", "2021-10-19", "--format", "jsonl"])
    assert want.exit_code == 0
    got = subprocess.run([sys.executable, "-m", "newskit", "extract", str(seed), "--published", "2021-10-19",
                          "--format", "jsonl", "--model", str(saved)],
                         capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL)
    assert got.returncode == 0, got.stderr
    assert got.stdout == want.stdout


def test_spacy_load_finds_the_factories_without_importing_newskit(saved):
    probe = ("import json, sys, spacy; nlp = spacy.load(sys.argv[1]); doc = nlp(sys.argv[2]); "
             "print(json.dumps([q['speaker_name'] for q in doc._.nk_quotes]))")
    res = subprocess.run([sys.executable, "-c", probe, str(saved), TEXT],
                         capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL)
    assert res.returncode == 0, res.stderr
    assert json.loads(res.stdout) == ["the operator", "Mara Lindqvist"]


def test_edited_data_in_a_saved_pipeline_takes_effect(saved, tmp_path):
    """A saved pipeline reads its own copy of the data: a new furniture line marks that line."""
    import shutil

    import spacy

    from newskit.nlp.pipeline import make_doc

    copy = tmp_path / "edited"
    shutil.copytree(saved, copy)
    data_file = copy / "newskit_boilerplate" / "boilerplate.json"
    data = json.loads(data_file.read_text(encoding="utf-8"))
    data["line"].append("sponsored content from our partners")
    data_file.write_text(json.dumps(data), encoding="utf-8")

    start = TEXT.index(FURNITURE)
    edited = spacy.load(copy)
    doc = edited(make_doc(edited, TEXT, "2021-10-19"))
    assert any(r["start"] <= start < r["end"] for r in doc._.boilerplate)
    plain = spacy.load(saved)
    doc = plain(make_doc(plain, TEXT, "2021-10-19"))
    assert not any(r["start"] <= start < r["end"] for r in doc._.boilerplate or ())


FLOATING = ("“We will rebuild the bridge,” Mayor Tom Baker said on Monday. The council agreed.\n\n"
            "“It will take two years and a lot of money.”")


def test_quote_numbers_are_config_of_a_saved_pipeline(saved):
    """A quote with no cue keeps the previous speaker one paragraph on (``float_paragraphs``);
    with 0 in the config it keeps it only in its own paragraph."""
    import spacy

    cfg = spacy.load(saved).config["components"]["newskit_quotes"]
    assert cfg["float_paragraphs"] == 1 and cfg["window_sents"] == 6
    for value, speaker in ((1, "Tom Baker"), (0, None)):
        nlp = spacy.load(saved, config={"components.newskit_quotes.float_paragraphs": value})
        quotes = nlp(FLOATING)._.nk_quotes
        assert [q["speaker_name"] for q in quotes] == ["Tom Baker", speaker]


def test_a_speech_verb_added_to_a_saved_pipelines_shared_data_makes_a_cue(saved, tmp_path):
    """speech_verbs.txt is shared data (newskit_document): a verb added there cues quotes."""
    import shutil

    import spacy

    text = "Harbour ferries resume\n\n“The ferry runs again on time,” chirped Mara Lindqvist, the captain.\n"
    copy = tmp_path / "edited"
    shutil.copytree(saved, copy)
    verbs = copy / "newskit_document" / "speech_verbs.txt"
    verbs.write_text(verbs.read_text(encoding="utf-8") + "chirp\n", encoding="utf-8")
    quote = spacy.load(copy)(text)._.nk_quotes[0]
    assert quote["cue"]["text"] == "chirped" and quote["speaker_name"] == "Mara Lindqvist"
    quote = spacy.load(saved)(text)._.nk_quotes[0]
    assert quote["cue"] is None and quote["speaker_name"] is None


def test_the_dateparser_fallback_is_a_config_switch():
    """"March the 3rd, 2021" is valued by dateparser, the fallback; switched off in the config, it is not."""
    import datetime as dt

    from newskit.nlp.dates.anchoring import DEFAULT_CONFIG, Ctx, Settings
    from newskit.nlp.dates.normalisation import value_of

    on, off = Settings(**DEFAULT_CONFIG), Settings(**{**DEFAULT_CONFIG, "dateparser_fallback": False})
    assert value_of("March the 3rd, 2021", Ctx(dt.date(2021, 10, 19), settings=on))[:2] == ("DATE", "2021-03-03")
    assert value_of("March the 3rd, 2021", Ctx(dt.date(2021, 10, 19), settings=off)) is None


def test_config_changes_reach_the_component():
    import spacy

    nlp = spacy.blank("en")
    comp = nlp.add_pipe("newskit_dates", config={"dateparser_fallback": False, "month_ahead": 1})
    assert comp.settings.dateparser_fallback is False and comp.settings.month_ahead == 1


def test_entity_vote_weights_come_from_the_data_folder_in_force(tmp_path):
    """Mention weights are read from the pipeline's own data copy, not fixed when newskit is imported."""
    import shutil

    from newskit.nlp.entities.common import weights
    from newskit.nlp.resources import default_models_dir, using_models

    copy = tmp_path / "models"
    shutil.copytree(default_models_dir(), copy)
    vote = copy / "en" / "entities" / "vote.json"
    data = json.loads(vote.read_text(encoding="utf-8"))
    data["mention"]["title"] = 7.5
    vote.write_text(json.dumps(data), encoding="utf-8")
    with using_models(copy):
        assert weights().title == 7.5
    assert weights().title == 1.5
