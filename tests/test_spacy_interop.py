"""newskit inside spaCy: plain results that spaCy moves and stores, doc.ents and span groups for displacy."""
import re

import pytest
import spacy
from spacy import displacy
from spacy.tokens import Doc, DocBin

from newskit.nlp import results
from newskit.nlp.pipeline import make_doc
from newskit.records import ArticleRecord
from newskit.nlp.results import RESULTS
from newskit.nlp.spans import GROUPS

from .conftest import SAMPLES

SEED = (SAMPLES / "seed-khalilzad.txt").read_text(encoding="utf-8")
TEXTS = [
    "Harbour ferries resume\n\nThe ferry service returned on Monday, the operator said.\n\n"
    "“We are glad to be back,” said Mara Lindqvist, the captain of the Westport ferry.\n",
    "Mayor Helen Okafor said on Friday that the new bridge over the Tarn would open in March 2022. "
    "“It is a great day for Lindholm,” Okafor told reporters.\n",
    "Velora Corp. said its profits rose 12 percent last year, and its chief executive, Dana Whitlow, "
    "promised that the company would hire 200 workers in Ohio.\n",
]
NAMES = [*RESULTS, "published"]


def values(doc: Doc) -> dict:
    """Everything newskit puts on a Doc, as comparable plain values."""
    out = {name: doc._.get(name) for name in NAMES}
    out["ents"] = [(e.start_char, e.end_char, e.label_, e.id_) for e in doc.ents]
    for key in GROUPS:
        out[key] = [(s.start_char, s.end_char, s.label_, s.id_) for s in doc.spans[key]]
    return out


def docs_of(nlp, texts, published="2021-10-19"):
    return [make_doc(nlp, t, published) for t in texts]


@pytest.fixture(scope="module")
def saved_nlp(nlp, tmp_path_factory):
    path = tmp_path_factory.mktemp("pipeline") / "newskit_sm"
    nlp.to_disk(path)
    return spacy.load(path)


@pytest.fixture(scope="module")
def seed_doc(nlp):
    return nlp(make_doc(nlp, SEED, "2021-10-19"))


def test_every_newskit_value_is_plain_json(seed_doc):
    data = seed_doc.to_json(underscore=NAMES)["_"]
    assert data["published"] == "2021-10-19"
    rec = results.record(seed_doc).model_dump()
    assert data["nk_entities"] == rec["entities"] and data["nk_quotes"] == rec["quotes"]
    assert data["nk_dates"] == rec["dates"] and data["boilerplate"] == rec["boilerplate"]
    assert len(data["nk_quotes"]) == 13 and len(data["nk_dates"]) == 14


def test_n_process_2_over_a_saved_pipeline_gives_what_one_process_gives(saved_nlp):
    texts = TEXTS + [SEED]
    one = [values(d) for d in saved_nlp.pipe(docs_of(saved_nlp, texts), n_process=1, batch_size=2)]
    two = [values(d) for d in saved_nlp.pipe(docs_of(saved_nlp, texts), n_process=2, batch_size=2)]
    assert two == one
    assert all(v["published"] == "2021-10-19" for v in two)  # the date travels with the Doc
    assert [d["value"] for d in two[0]["nk_dates"]] == ["2021-10-18"]
    assert sum(len(v["nk_quotes"]) for v in two) >= 15


def test_n_process_2_over_plain_texts(saved_nlp):
    one = [values(d) for d in saved_nlp.pipe(TEXTS, n_process=1)]
    two = [values(d) for d in saved_nlp.pipe(TEXTS, n_process=2)]
    assert two == one and one[1]["nk_quotes"]


def test_a_docbin_round_trip_keeps_every_newskit_value(nlp, seed_doc):
    docs = [seed_doc] + [nlp(d) for d in docs_of(nlp, TEXTS)]
    store = DocBin(store_user_data=True)
    for doc in docs:
        store.add(doc)
    back = list(DocBin().from_bytes(store.to_bytes()).get_docs(spacy.blank("en").vocab))
    assert [values(d) for d in back] == [values(d) for d in docs]
    assert results.record(back[0]) == results.record(seed_doc)
    assert [e.name for e in results.entities(back[0])] == [e.name for e in results.entities(seed_doc)]


def test_to_bytes_and_to_json_round_trips(nlp, seed_doc):
    again = Doc(nlp.vocab).from_bytes(seed_doc.to_bytes())
    assert values(again) == values(seed_doc)
    from_json = Doc(nlp.vocab).from_json(seed_doc.to_json(underscore=NAMES))
    assert {n: from_json._.get(n) for n in NAMES} == {n: seed_doc._.get(n) for n in NAMES}
    assert results.record(from_json) == results.record(seed_doc)


def test_typed_records_assigned_are_stored_as_plain_data(nlp):
    doc = nlp(make_doc(nlp, TEXTS[1], "2021-10-19"))
    quotes = results.quotes(doc)
    doc._.nk_quotes = quotes[:1]
    assert doc._.nk_quotes == [quotes[0].model_dump()]
    assert results.quotes(doc) == quotes[:1]
    doc._.nk_quotes = [dict(q) for q in doc._.nk_quotes]  # plain dicts are kept as they are
    assert results.quotes(doc) == quotes[:1]


def test_displacy_ent_marks_exactly_newskits_mentions_of_the_seed(seed_doc):
    html = displacy.render(seed_doc, style="ent", page=False)
    marks = re.findall(r"<mark[^>]*>\s*(.*?)\s*<span[^>]*>([A-Z_]+)</span>\s*</mark>", html, re.S)
    mentions = sorted((m.start, m.text, e.label) for e in results.entities(seed_doc) for m in e.mentions)
    assert len(mentions) == 77
    assert [(html_text, label) for html_text, label in marks] == [
        (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"), label) for _, text, label in mentions]
    # the model's own reading is kept aside, not drawn
    assert len(seed_doc.spans["model_ents"]) == 103
    assert "Biden’s Envoy Who" in {s.text for s in seed_doc.spans["model_ents"]}
    assert "Biden’s Envoy Who" not in {e.text for e in seed_doc.ents}


def test_doc_ents_carry_the_entity_label_and_id(seed_doc):
    by_id = {e.id: e for e in results.entities(seed_doc)}
    for ent in seed_doc.ents:
        entity = by_id[ent.id_]
        assert ent.label_ == entity.label
        assert (ent.start_char, ent.end_char) in {(m.start, m.end) for m in entity.mentions}
        assert ent._.nk_entity["name"] == entity.name


def test_span_groups_draw_quotes_speakers_cues_and_dates(seed_doc):
    quotes = results.quotes(seed_doc)
    group = seed_doc.spans["quotes"]
    assert [s.label_ for s in group] == [q.kind for q in quotes]
    assert [s._.nk_quote["text"] for s in group] == [q.text for q in quotes]
    speakers = seed_doc.spans["speakers"]
    assert len(speakers) == sum(q.speaker is not None for q in quotes)
    for s in speakers:  # a speaker span leads to its quote and, through it, to the speaker's entity
        quote = s._.nk_quote
        assert quote["speaker"]["text"] == s.text and s.label_ == "SPEAKER"
        assert (s._.nk_entity or {}).get("id") == quote["speaker_entity"]
    assert "Antony Blinken" in {s._.nk_entity["name"] for s in speakers if s.text == "he"}
    assert all(s.label_ == "CUE" and s._.nk_quote["cue"]["text"] == s.text for s in seed_doc.spans["cues"])
    dates = seed_doc.spans["dates"]
    assert [(s.label_, s._.nk_date["value"]) for s in dates] == [(d.type, d.value) for d in results.dates(seed_doc)]
    html = displacy.render(seed_doc, style="span", options={"spans_key": "quotes"}, page=False)
    badges = re.findall(r">\s*(direct|indirect|mixed)\s*</span>", html)
    assert badges == [q.kind for q in quotes]  # one label where each quote starts


def test_later_steps_still_read_the_models_entities(nlp):
    """doc.ents is replaced last: the dates and quotes steps saw the parser's own labels."""
    doc = nlp(make_doc(nlp, TEXTS[1], "2021-10-19"))
    assert any(s.label_ == "DATE" for s in doc.spans["model_ents"])
    assert not any(e.label_ == "DATE" for e in doc.ents)
    rec = results.record(doc)
    assert isinstance(rec, ArticleRecord) and rec.dates and rec.quotes


def test_results_inside_a_token_are_widened_and_overlaps_left_out_of_doc_ents():
    """Spans cover whole tokens; the records keep their exact offsets."""
    from newskit.records import Entity, TextSpan
    from newskit.nlp.spans import annotate

    doc = spacy.blank("en")("VeloraCorp hired Ana Ruiz.")
    assert [t.text for t in doc][:1] == ["VeloraCorp"]
    doc._.nk_entities = [
        Entity(id="E1", name="Velora", label="ORG", mentions=[TextSpan(text="Velora", start=0, end=6)], count=1, first=0),
        Entity(id="E2", name="Corp", label="ORG", mentions=[TextSpan(text="Corp", start=6, end=10)], count=1, first=6),
        Entity(id="E3", name="Ana Ruiz", label="PERSON", mentions=[TextSpan(text="Ana Ruiz", start=17, end=25)],
               count=1, first=17),
    ]
    annotate(doc)
    assert [(e.text, e.label_, e.id_) for e in doc.ents] == [("VeloraCorp", "ORG", "E1"), ("Ana Ruiz", "PERSON", "E3")]
    assert doc._.nk_entities[1]["mentions"][0] == {"text": "Corp", "start": 6, "end": 10}
    assert all(len(doc.spans[g]) == 0 for g in GROUPS)  # a blank pipeline: no model entities, no other results
