"""The learned speaker ranker: the constraints it never overrides, its weights as the quotes
component's data, and a deterministic training command. Sentences are our own."""
import json

from newskit.nlp import results
from newskit.nlp.quotes.ranker import Ranker

from .test_speakers import resolver


def quote(nlp, text, fragment):
    hits = [q for q in results.quotes(nlp(text)) if fragment in q.text]
    assert len(hits) == 1, [q.text for q in results.quotes(nlp(text))]
    return hits[0]


def _both(**weights):
    """The same weights for a person's kinds and the others'."""
    return Ranker({f"{g}:{k}": v for g in ("person", "thing") for k, v in weights.items()})


# a ranker that prefers exactly what the constraints forbid: a place, an organisation or a
# nationality, the more recent the better
PERVERSE = _both(label_GPE=50.0, label_ORG=50.0, label_NORP=50.0, label_PERSON=-50.0, nearest=10.0)


# ---------------------------------------------------------------- constraints
def test_he_and_she_never_resolve_to_a_place(nlp):
    text = ("Tom Baker toured Canada last week. Canada signed the trade deal on Friday.\n\n"
            "“This is a good day for the workers,” he said.")
    assert quote(nlp, text, "good day").speaker_name == "Tom Baker"
    doc = nlp("Lena Ortiz toured Portugal in May. Portugal signed the deal. She praised it.")
    res = resolver(nlp, doc, PERVERSE)
    she = next(t for t in doc if t.lower_ == "she")
    assert res.pronoun(she).name == "Lena Ortiz"
    # a place that shares a person's family name is still a place
    doc = nlp("Mary Georgia visited Georgia in May. Georgia signed the deal on Friday. She praised it.")
    res = resolver(nlp, doc, PERVERSE)
    assert res.pronoun(next(t for t in doc if t.lower_ == "she")).name == "Mary Georgia"
    doc = nlp("Portugal signed the deal on Friday. He praised it.")
    res = resolver(nlp, doc, PERVERSE)
    assert res.pronoun(next(t for t in doc if t.lower_ == "he")) is None


def test_he_and_she_never_resolve_to_an_organisation(nlp):
    doc = nlp("Lena Ortiz visited the Harbor Authority on Monday. The Harbor Authority approved "
              "the plan. She praised it.")
    res = resolver(nlp, doc, PERVERSE)
    assert res.pronoun(next(t for t in doc if t.lower_ == "she")).name == "Lena Ortiz"
    text = "The Harbor Authority closed the port on Monday.\n\n“We will reopen when it is safe,” she said."
    assert quote(nlp, text, "reopen when").speaker_name is None


def test_it_never_resolves_to_a_person(nlp):
    doc = nlp("Tom Baker read the plan on Friday. It said the dam would flood the valley.")
    res = resolver(nlp, doc, _both(label_PERSON=100.0))
    assert res.pronoun(next(t for t in doc if t.lower_ == "it")) is None


def test_a_quotes_it_is_the_organisation_not_the_place_beside_it(nlp):
    # a place speaks only through its government: with a company in the window, "it said" is the
    # company, even for a ranker that prefers places
    text = ("Crestline Power serves most homes in Millbrook. Millbrook lost power for two days last week.\n\n"
            "In a statement on Monday, it said the outage was caused by ice on the lines.")
    assert quote(nlp, text, "outage was caused").speaker_name == "Crestline Power"
    doc = nlp(text)
    it = next(t for t in doc if t.lower_ == "it")
    quoted = next(q for q in results.quotes(doc) if "outage" in q.text)
    res = resolver(nlp, doc, _both(label_GPE=50.0, nearest=10.0))
    assert res.pronoun(it, exclude=(quoted.start, quoted.end)).name == "Crestline Power"
    # in the narration, "it" may still be the place
    res = resolver(nlp, doc, _both(label_GPE=50.0, nearest=10.0))
    assert res.pronoun(it).name == "Millbrook"


def test_a_description_never_names_a_party_or_nationality(nlp):
    text = ("Republicans and Democrats met in Columbus on Tuesday to discuss the budget.\n\n"
            "“We will not support this budget,” the Ohio Democrat said.")
    q = quote(nlp, text, "not support")
    assert q.speaker.text == "the Ohio Democrat" and q.speaker_name == "the Ohio Democrat"
    # a statement's owner is whoever can speak: never the nationality named before it
    doc = nlp("Canadians voted on Monday. A statement said the count was slow.")
    res = resolver(nlp, doc, PERVERSE)
    head = next(t for t in doc if t.lower_ == "statement")
    assert res.salient(head, "s") is None


def test_he_or_she_finds_a_person_named_long_before(nlp):
    filler = " ".join(f"The committee met for the {n} time." for n in
                      ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth"))
    text = f"Lena Ortiz chairs the committee.\n\n{filler}\n\n“We are nearly done,” she said."
    assert quote(nlp, text, "nearly done").speaker_name == "Lena Ortiz"


def test_a_description_of_a_named_person_carries_the_chain(nlp):
    # "the mayor" is Tom Baker again: the he of the quote after it is him, not the man named
    # (inside quotation marks) in between
    text = ("Mayor Tom Baker opened the new bridge on Monday. The engineer “Omar Haddad” was named "
            "in the report on the bridge.\n\nThe mayor thanked the crews for their work.\n\n"
            "“We are proud of this bridge,” he said.")
    assert quote(nlp, text, "proud of this").speaker_name == "Tom Baker"


# ---------------------------------------------------------------- weights are component data
TWO_MEN = ("Tom Baker spoke first at the meeting on Monday.\n\nThen Omar Haddad spoke about the budget.\n\n"
           "“We cannot wait another year,” he said.")


def test_the_ranker_reads_its_weights_from_a_saved_pipeline(nlp, tmp_path):
    import spacy

    default = quote(nlp, TWO_MEN, "another year").speaker_name
    assert default in ("Tom Baker", "Omar Haddad")
    nlp.to_disk(tmp_path / "saved")
    weights = tmp_path / "saved" / "newskit_quotes" / "speakers.json"
    data = json.loads(weights.read_text(encoding="utf-8"))
    assert data["weights"] == nlp.get_pipe("newskit_quotes").ranker.weights
    # weights that prefer the candidate named first
    data["weights"] = {"person:nearest": -100.0 if default == "Omar Haddad" else 100.0}
    weights.write_text(json.dumps(data), encoding="utf-8")
    edited = spacy.load(tmp_path / "saved")
    other = ({"Tom Baker", "Omar Haddad"} - {default}).pop()
    assert quote(edited, TWO_MEN, "another year").speaker_name == other
    assert quote(nlp, TWO_MEN, "another year").speaker_name == default   # the installed data is untouched


# ---------------------------------------------------------------- training
ARTICLES = {
    "river": ("Mara Lindqvist runs the ferry company with Tom Baker. The river rose in Westport on Monday, and "
              "the Harbor Authority closed the docks.\n\n"
              "She said the boats would stay in port until Thursday.\n\n"
              "Velora Corp. said it would pay for the repairs. Velora Corp. later said the work would start soon.\n\n"
              "“We expect the boats back on Friday,” he said."),
    "school": ("Omar Haddad teaches at the village school in Eastbury. Ana Ruiz leads its board.\n\n"
               "He said the roof leaked in every classroom.\n\n"
               "She said the board had asked the Harbor Authority for help.\n\n"
               "The Harbor Authority said it would send engineers."),
}


def _write_set(root, attributions):
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    for name, text in ARTICLES.items():
        (root / "text" / f"{name}.txt").write_text(text, encoding="utf-8")
        lines = []
        for k, (source, content) in enumerate(attributions[name], 1):
            c = text.index(content)
            s = text.rindex(source, 0, c)   # (the mention just before its quote)
            lines.append(f"T{2 * k - 1}\tSource {s} {s + len(source)}\t{source}")
            lines.append(f"T{2 * k}\tContent {c} {c + len(content)}\t{content}")
            lines.append(f"E{k}\tAttribution:T{2 * k} Content:T{2 * k} Source:T{2 * k - 1}")
        (root / "attributions" / f"{name}_ab12.ann").write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_training_is_deterministic(tmp_path):
    from newskit.train.__main__ import main

    _write_set(tmp_path / "data", {
        "river": [("She", "the boats would stay in port until Thursday"),
                  ("Velora Corp.", "the work would start soon"),
                  ("he", "We expect the boats back on Friday")],
        "school": [("He", "the roof leaked in every classroom"),
                   ("She", "the board had asked the Harbor Authority for help"),
                   ("The Harbor Authority", "it would send engineers")],
    })
    outs = []
    for k in range(2):
        out = tmp_path / f"w{k}.json"
        assert main(["speakers", "--data", str(tmp_path / "data"), "--out", str(out)]) == 0
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
    data = json.loads(outs[0])
    assert data["meta"]["articles"] == 2 and data["meta"]["examples"] >= 3
    assert data["weights"] and all(isinstance(v, float) for v in data["weights"].values())
    assert data["meta"]["examples_person"] >= 2 and data["meta"]["examples_thing"] >= 1
    assert "examples_nocue" in data["meta"]
    assert "Lindqvist" not in outs[0].decode()   # numbers only, no text of the training set


def test_training_reports_a_folder_in_the_wrong_format(tmp_path, capsys):
    from newskit.train.__main__ import main

    (tmp_path / "empty").mkdir()
    assert main(["speakers", "--data", str(tmp_path / "empty"), "--out", str(tmp_path / "w.json")]) == 2
    err = capsys.readouterr().err
    assert "empty" in err and "attributions" in err
    assert not (tmp_path / "w.json").exists()


def test_the_training_cache_is_rebuilt_when_the_language_data_changes(tmp_path, monkeypatch):
    import shutil

    from newskit.nlp import data as nkdata
    from newskit.train import speakers

    models = tmp_path / "models"
    shutil.copytree(nkdata.models_root(), models)
    monkeypatch.setattr(nkdata, "models_root", lambda: models)
    before = speakers._code_key()
    weights = models / "en" / "quotes" / "speakers.json"
    weights.write_text(weights.read_text() + "\n")      # the output file: no effect on the features
    assert speakers._code_key() == before
    verbs = models / "en" / "document" / "speech_verbs.txt"
    verbs.write_text(verbs.read_text() + "holler\n")     # a word list: the features change
    assert speakers._code_key() != before


def test_shipped_weights_name_their_training_data():
    from newskit.nlp.data import installed_folder, read_json

    data = read_json(installed_folder("quotes") / "speakers.json")
    assert data["meta"]["data"] == "polnear-train" and data["meta"]["examples"] > 1000
    assert 0.5 < data["meta"]["train_accuracy"] <= 1.0


# ---------------------------------------------------------------- quotes with no cue
def _with_ranker(nlp, ranker):
    """The quote step's data (with ``ranker`` in place of the shipped weights) and config."""
    from dataclasses import replace

    comp = nlp.get_pipe("newskit_quotes")
    return replace(comp.data, ranker=ranker), comp.settings


def _no_cue_options(nlp, text, fragment, ranker):
    from newskit.nlp.quotes.attribution import find_speakers
    from newskit.nlp.quotes.floating import options

    doc = nlp(text)
    prev = None
    for ctx, c in find_speakers(doc, *_with_ranker(nlp, ranker)):
        if fragment in ctx.text[c.s:c.e]:
            return ctx, c, options(ctx, c, prev)
        if c.kind in ("direct", "mixed") or c.spk_span is not None:
            prev = c
    raise AssertionError(fragment)


def test_a_quote_with_no_cue_chooses_among_mentions_outside_quotes(nlp):
    text = ("Ana Ruiz spoke to reporters at the harbour on Monday.\n\n"
            "“Tom Li will not stop us,” Ruiz said.\n\n“The boats sail at dawn.”")
    ctx, c, opts = _no_cue_options(nlp, text, "boats sail", Ranker({}))
    assert c.cue is None
    spans = [ctx.text[a:b] for a, b in (o.span for o in opts)]
    assert opts[0].token is None and spans[0] == "Ruiz"   # the previous speaker goes on ...
    assert "Ana Ruiz" in spans                            # ... or a mention of the narration,
    assert not any("Li" in s for s in spans)              # never one inside a quote
    # the choice is the ranker's: weights that prefer a proper name far back take it
    ranker = Ranker({"nocue:name": 5.0, "nocue:sents": 5.0})
    q = next(q for q in _quotes_with(nlp, text, ranker) if "boats sail" in q.text)
    assert q.speaker.text == "Ana Ruiz" and q.speaker_name == "Ana Ruiz"


def _quotes_with(nlp, text, ranker):
    from newskit.nlp.quotes.component import find_quotes

    with nlp.select_pipes(disable=["newskit_quotes"]):
        doc = nlp(text)
    return find_quotes(doc, *_with_ranker(nlp, ranker))


def test_the_shipped_weights_choose_the_speaker_of_a_quote_with_no_cue(nlp):
    text = ("“We will reopen the pier in May,” said Ana Ruiz, the harbour master.\n\n"
            "“The repairs are almost done.”\n\n"
            "Tom Li, who runs the ferry, was less sure. He pointed at the cracked pylons.\n\n"
            "“Nobody has checked those yet.”")
    assert quote(nlp, text, "almost done").speaker_name == "Ana Ruiz"
    assert quote(nlp, text, "Nobody has checked").speaker_name == "Tom Li"
