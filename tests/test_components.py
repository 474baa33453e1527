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


# every newskit component with language data: each owns one data folder
OWN_FOLDER = {"newskit_document": "document", "newskit_boilerplate": "boilerplate", "newskit_dates": "dates",
              "newskit_entities": "entities", "newskit_quotes": "quotes", "newskit_people": "people"}


def test_saved_pipeline_carries_each_components_own_data(saved):
    """Each component's directory holds its own data folder's files and nothing else: no file in two."""
    from newskit.nlp.data import installed_folder

    seen = {}
    for comp, folder in OWN_FOLDER.items():
        want = sorted(p.name for p in installed_folder(folder).iterdir() if p.suffix in (".json", ".txt"))
        got = sorted(p.name for p in (saved / comp).iterdir() if p.is_file() and p.name != "cfg")
        assert got == want, comp
        for name in got:
            content = (saved / comp / name).read_bytes()
            assert content not in seen, f"{comp}/{name} is a copy of {seen.get(content)}"
            seen[content] = f"{comp}/{name}"


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


LATE_CUE = ("“We will rebuild the bridge before the winter storms arrive,” the mayor of the small northern "
            "harbour town, Tom Baker, told reporters on Monday.")


def test_quote_numbers_are_config_of_a_saved_pipeline(saved):
    """A speech verb more than ``attribution_max_tokens`` after a quote's closing mark is not its cue:
    the number is in the saved config.cfg and a changed value reaches the quote step."""
    import spacy

    cfg = spacy.load(saved).config["components"]["newskit_quotes"]
    assert cfg["attribution_max_tokens"] == 30 and cfg["window_sents"] == 6
    for value, cue in ((30, "told"), (5, None)):
        nlp = spacy.load(saved, config={"components.newskit_quotes.attribution_max_tokens": value})
        quotes = nlp(LATE_CUE)._.nk_quotes
        assert [(q["cue"] or {}).get("text") for q in quotes] == [cue]


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
    assert quote["cue"] is None   # (its speaker is then the no-cue ranker's choice)


def test_the_dateparser_fallback_is_a_config_switch():
    """"March the 3rd, 2021" is valued by dateparser, the fallback; switched off in the config, it is not."""
    import datetime as dt

    from newskit.nlp.dates import DateData
    from newskit.nlp.dates.anchoring import DEFAULT_CONFIG, Ctx, Settings
    from newskit.nlp.dates.normalisation import value_of

    data = DateData.load()
    on, off = Settings(**DEFAULT_CONFIG), Settings(**{**DEFAULT_CONFIG, "dateparser_fallback": False})
    assert value_of("March the 3rd, 2021", Ctx(data, dt.date(2021, 10, 19), settings=on))[:2] == ("DATE", "2021-03-03")
    assert value_of("March the 3rd, 2021", Ctx(data, dt.date(2021, 10, 19), settings=off)) is None


def test_config_changes_reach_the_component():
    import spacy

    nlp = spacy.blank("en")
    comp = nlp.add_pipe("newskit_dates", config={"dateparser_fallback": False, "month_ahead": 1})
    assert comp.settings.dateparser_fallback is False and comp.settings.month_ahead == 1


def test_date_config_reaches_the_stage():
    """A config number changes what the stage finds: a year written 33 characters before a bare
    day dates it (``year_hint_chars`` 50, the default); with 5 the day takes the publication year."""
    import spacy

    from newskit.nlp.pipeline import make_doc

    def june(config):
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        nlp.add_pipe("newskit_dates", config=config)
        doc = nlp(make_doc(nlp, "The 2016 vote on the harbour was held on June 23 in the town hall.", "2021-10-19"))
        return [d["value"] for d in doc._.nk_dates if d["text"] == "June 23"]

    assert june({}) == ["2016-06-23"]
    assert june({"year_hint_chars": 5}) == ["2021-06-23"]


def test_edited_date_data_in_a_saved_pipeline_takes_effect(saved, tmp_path):
    """The dates component reads its own copy: a new holiday in the saved lexicon is found and valued."""
    import shutil

    import spacy

    from newskit.nlp.pipeline import make_doc

    text = "The harbour closes on Lantern Night, the crew said."
    copy = tmp_path / "edited"
    shutil.copytree(saved, copy)
    lexicon = copy / "newskit_dates" / "lexicon.json"
    data = json.loads(lexicon.read_text(encoding="utf-8"))
    data["holidays"]["lantern night"] = "11-05"
    lexicon.write_text(json.dumps(data), encoding="utf-8")

    def found(nlp):
        doc = nlp(make_doc(nlp, text, "2021-10-19"))
        return [(d["text"], d["value"]) for d in doc._.nk_dates]

    assert ("Lantern Night", "2021-11-05") in found(spacy.load(copy))
    assert not any(t == "Lantern Night" for t, _ in found(spacy.load(saved)))


def test_entity_vote_weights_are_config(nlp):
    """A place vote's weight in the entity component's config decides a name the parser calls a person."""
    import spacy

    from newskit.nlp import results

    text = "Farmers in Mato Grosso said the soy harvest was late this year."
    start = text.index("Mato Grosso")
    blank = spacy.blank("en")
    labels = {}
    for weight in (1.5, 0.5):
        doc = nlp(text)
        doc.ents = [doc.char_span(start, start + len("Mato Grosso"), label="PERSON")]
        comp = blank.add_pipe("newskit_entities", name=f"entities_{weight}", config={"signal": {"place_region": weight}})
        assert blank.config["components"][f"entities_{weight}"]["signal"]["place_country"] == 2.0  # the rest stays
        labels[weight] = [(e.name, e.label) for e in results.entities(comp(doc))]
    assert labels == {1.5: [("Mato Grosso", "GPE")], 0.5: [("Mato Grosso", "PERSON")]}


def test_the_gazetteers_population_threshold_is_config():
    import spacy

    comp = spacy.blank("en").add_pipe("newskit_entities", config={"city_min_population": 50_000_000})
    assert comp.data.places.kind_of("Rotterdam") is None and comp.data.places.kind_of("Bavaria") == "region"


def test_edited_entity_data_in_a_saved_pipeline_takes_effect(saved, tmp_path):
    """The entity step reads its own copy: without the "Mc" prefix a one-word "McTavish" reads as a brand."""
    import shutil

    import spacy

    from newskit.nlp import results
    from newskit.nlp.pipeline import make_doc

    text = "The ferry left late on Monday. McTavish said the engines had failed again."
    copy = tmp_path / "edited"
    shutil.copytree(saved, copy)
    data_file = copy / "newskit_entities" / "lexicon.json"
    data = json.loads(data_file.read_text(encoding="utf-8"))
    data["camel_name_prefixes"] = [p for p in data["camel_name_prefixes"] if p.lower() != "mc"]
    data_file.write_text(json.dumps(data), encoding="utf-8")

    def label(path):
        pipeline = spacy.load(path)
        ents = results.entities(pipeline(make_doc(pipeline, text, "2021-10-19")))
        return {e.name: e.label for e in ents}.get("McTavish")

    assert label(saved) == "PERSON"
    assert label(copy) == "ORG"




def test_a_pipeline_saved_by_an_earlier_newskit_gets_a_one_line_error(saved, tmp_path, runner):
    """Its data was a whole models/ copy in each component's folder: say so, and what to do."""
    import shutil

    from newskit.cli.app import app

    old = tmp_path / "old"
    shutil.copytree(saved, old)
    for comp in OWN_FOLDER:
        folder = old / comp
        for f in folder.iterdir():
            f.unlink()
        (folder / "models").mkdir()
        (folder / "models" / "speech_verbs.txt").write_text("say\n", encoding="utf-8")
    res = runner.invoke(app, ["extract", "-", "--model", str(old), "--format", "jsonl"], input="A text.\n")
    assert res.exit_code == 2
    assert "saved by an earlier newskit" in res.stderr and "save it again" in res.stderr
    assert "Traceback" not in res.stderr and res.stdout == ""
