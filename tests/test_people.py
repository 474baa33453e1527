"""The people step (`newskit.nlp.people`): who is a person, credits, and the gender the text presents.

Every sentence here is invented for the test."""
import json
import re

import pytest

from newskit.nlp.people import find_people
from newskit.nlp.people.credits import credit_spans
from newskit.nlp.data import DocumentData, installed_folder
from newskit.nlp.people.data import PeopleData
from newskit.nlp.people.gender import decide
from newskit.nlp.pipeline import analyze_text
from newskit.records import Entity, TextSpan


def ents(text, nlp):
    return {e.name: e for e in analyze_text(text, nlp=nlp).entities}


def as_person(doc, text, names):
    """PERSON entities for every occurrence of ``names``: what a model that calls them people gives."""
    out = []
    for k, name in enumerate(names, 1):
        ms = [TextSpan(text=name, start=m.start(), end=m.end()) for m in re.finditer(re.escape(name), text)]
        out.append(Entity(id=f"E{k}", name=name, label="PERSON", label_source="model", mentions=ms,
                          count=len(ms), first=ms[0].start))
    return out


def people_data(nlp):
    return nlp.get_pipe("newskit_people").data


def entity_data(nlp):
    return nlp.get_pipe("newskit_entities").data


def redecide(nlp, text, names):
    """Run the people step on entities that the model would have labelled PERSON."""
    doc = nlp(text)
    found = find_people(doc, as_person(doc, text, names), [], people_data(nlp), entity_data(nlp))
    return {e.name: e for e in found}


# ------------------------------------------------------------------ evidence of a person

def test_a_given_name_a_title_and_a_role_keep_a_person(nlp):
    text = ("Ines Calloway opened the exhibition. Dr. Farrow gave a talk. Pellham, a retired nurse, "
            "brought her grandchildren.")
    got = redecide(nlp, text, ["Ines Calloway", "Farrow", "Pellham"])
    assert {n: e.label for n, e in got.items()} == {"Ines Calloway": "PERSON", "Farrow": "PERSON", "Pellham": "PERSON"}


@pytest.mark.parametrize("text, name, label", [
    ("Stargazers met at the Brennick Observatory on Friday.", "Brennick Observatory", "FAC"),
    ("Pupils at Kestrel Hartley School won the debate.", "Kestrel Hartley School", "FAC"),
    ("The lawyers of Harwick Dunmore LLP filed the appeal.", "Harwick Dunmore LLP", "ORG"),
    ("A vigil was held at the Marsh Memorial on Sunday.", "Marsh Memorial", "ORG"),
    ("Guests left the Ellery Hotel after the alarm.", "Ellery Hotel", "FAC"),
])
def test_an_organisation_or_facility_head_outweighs_a_person_label(nlp, text, name, label):
    assert redecide(nlp, text, [name])[name].label == label


def test_a_head_that_is_also_a_family_name_needs_no_other_evidence(nlp):
    text = "Jane Hall said the bridge was safe. Visitors queued outside Dunmore Hall."
    got = redecide(nlp, text, ["Jane Hall", "Dunmore Hall"])
    assert got["Jane Hall"].label == "PERSON"
    assert got["Dunmore Hall"].label == "FAC"


def test_a_platform_is_no_person(nlp):
    text = "The band announced the tour on Plinkr on Tuesday. Thousands of Vexo users shared it."
    got = redecide(nlp, text, ["Plinkr", "Vexo"])
    assert got["Plinkr"].label == "ORG" and got["Vexo"].label == "ORG"


def test_the_parsers_platform_person_is_redecided(nlp):
    assert ents("The singer announced the tour on Mastodon on Tuesday.", nlp)["Mastodon"].label == "ORG"


def test_a_work_in_quotation_marks_is_no_person(nlp):
    text = "Fans queued to see “Harlan Wade” at the cinema, the film Ostrow Nights too."
    got = redecide(nlp, text, ["Harlan Wade", "Ostrow Nights"])
    assert got["Harlan Wade"].label == "WORK_OF_ART" and got["Ostrow Nights"].label == "WORK_OF_ART"


def test_a_brand_that_said_something_stays_a_company_when_the_article_calls_it_one(nlp):
    found = ents("Castellan said on Monday that profits rose. The company makes bicycle parts.", nlp)
    assert found["Castellan"].label == "ORG"
    text = "Velora said profits rose. Velora, a company that makes bicycle parts, hired 40 people."
    assert redecide(nlp, text, ["Velora"])["Velora"].label == "ORG"


def test_a_person_who_speaks_is_not_turned_into_a_company(nlp):
    text = "Ana Brisco said profits rose. She said the shop would open on Sunday."
    assert redecide(nlp, text, ["Ana Brisco"])["Ana Brisco"].label == "PERSON"


def test_the_vote_never_turns_a_company_into_a_place(nlp):
    text = "Tarrow Freight said it would cut 200 jobs. Tarrow Freight, a company based in the port, is losing money."
    assert redecide(nlp, text, ["Tarrow Freight"])["Tarrow Freight"].label == "ORG"


def test_a_title_alone_or_a_sentence_opening_word_is_no_name(nlp):
    text = "Cpl. Ana Brisco filed the report. Curious, then, how it ended. The Labour MP spoke next."
    got = redecide(nlp, text, ["Cpl", "Ana Brisco", "Curious", "Labour MP"])
    assert list(got) == ["Ana Brisco"]
    assert got["Ana Brisco"].id == "E1"   # ids numbered again


def test_a_curly_possessive_is_not_left_on_the_name(nlp):
    found = ents("Mara Quist‘s plan was approved. Mara Quist said it was overdue.", nlp)
    assert "Mara Quist" in found and not any(n.endswith("‘s") for n in found)
    assert found["Mara Quist"].count == 2


# ----------------------------------------------------------------------------- credits

@pytest.mark.parametrize("text, name", [
    ("The mayor opened the bridge on Monday.\n\nPhoto: Nadia Petrov/Harbour Press\n", "Nadia Petrov"),
    ("Crowds lined the route. (Dario Vint/Coastal Wire)\nThe parade ended at noon.", "Dario Vint"),
    ("By Lena Marsh\n\nThe council met on Tuesday to discuss the budget.", "Lena Marsh"),
    ("The council met on Tuesday.\n\nWith files from Tomas Ruel\n", "Tomas Ruel"),
])
def test_credits_are_not_people_mentioned(nlp, text, name):
    found = ents(text, nlp)
    assert found[name].role == "credit" and found[name].label == "CREDIT"
    assert not [e for e in found.values() if e.label == "PERSON"]


def test_a_credited_person_named_in_the_story_is_a_person(nlp):
    text = "Lena Marsh said the bridge was late.\n\nBy Lena Marsh\n"
    names, _ = credit_spans(text, people_data(nlp), lambda w: w == "Lena")
    assert [text[a:b] for a, b in names] == ["Lena Marsh"]


def test_an_organisation_credited_keeps_its_label(nlp):
    found = ents("The new pier opened on Monday. Image: Royal Navy.\nThe pier cost $4 million.", nlp)
    assert (found["Royal Navy"].label, found["Royal Navy"].role) == ("ORG", "credit")


def test_an_agency_in_a_credit_is_an_organisation(nlp):
    found = ents("Crowds lined the route. (Dario Vint/Coastal Wire)\nThe parade ended at noon.", nlp)
    assert found["Coastal Wire"].label == "ORG" and found["Coastal Wire"].role == "credit"


# ------------------------------------------------------------------------------ gender

def test_a_family_name_and_a_she_later(nlp):
    e = ents("Councillor Brandt spoke first. Brandt said the plan was sound. She said the vote would come in May.",
             nlp)["Brandt"]
    assert (e.label, e.gender, e.gender_source) == ("PERSON", "female", "pronoun")


def test_a_family_name_alone_gives_no_gender(nlp):
    doc = nlp("Grant opened the meeting.")
    e = find_people(doc, as_person(doc, doc.text, ["Grant"]), [], people_data(nlp), entity_data(nlp))[0]
    assert e.gender is None and e.gender_source is None


@pytest.mark.parametrize("text, name, gender, source", [
    ("Mrs. Dana Holt said the road was closed.", "Dana Holt", "female", "honorific"),
    ("Jordan Vale, a mother of three, said the school was too far.", "Jordan Vale", "female", "role"),
    ("The ferry carried Tomas Brandt across the bay.", "Tomas Brandt", "male", "given_name"),
    ("Her husband, Robin Holt, agreed with the plan.", "Robin Holt", "male", "role"),
])
def test_each_kind_of_gender_evidence(nlp, text, name, gender, source):
    e = ents(text, nlp)[name]
    assert (e.gender, e.gender_source) == (gender, source)


def test_a_pronoun_outweighs_the_given_name(nlp):
    e = ents("Sasha Lind founded the bakery in 2010. He said the first year was hard.", nlp)["Sasha Lind"]
    assert (e.gender, e.gender_source) == ("male", "pronoun")


def test_conflicting_evidence_the_stronger_kind_wins_and_a_tie_is_no_answer():
    assert decide({"pronoun": ["female"], "honorific": ["male"], "given_name": ["male"]}) == ("female", "pronoun")
    assert decide({"pronoun": ["female", "male"], "honorific": ["male"]}) == (None, None)
    assert decide({"pronoun": ["male", "male", "female"]}) == ("male", "pronoun")
    assert decide({"given_name": []}) == (None, None)


def test_conflicting_pronouns(nlp):
    tie = ents("Oliver Moreau lectured on Monday. He was tired. Oliver Moreau left early. She was happy.", nlp)
    assert tie["Oliver Moreau"].gender is None   # one he, one she: no answer, not the given name's "male"
    more = ents("Kit Moreau lectured on Monday. He was tired. Kit Moreau left early. He was happy. "
                "Kit Moreau went home. She slept.", nlp)
    assert (more["Kit Moreau"].gender, more["Kit Moreau"].gender_source) == ("male", "pronoun")


def test_no_gender_option_leaves_gender_null(runner, tmp_path):
    from newskit.cli.app import app

    src = tmp_path / "a.txt"
    src.write_text("Ferry news\n\nMrs. Dana Holt said the ferry was late.\n", encoding="utf-8")
    with_g = json.loads(runner.invoke(app, ["extract", str(src), "--format", "jsonl"]).stdout)
    without = runner.invoke(app, ["extract", str(src), "--format", "jsonl", "--no-gender"])
    assert without.exit_code == 0
    rec = json.loads(without.stdout)
    assert [e["gender"] for e in with_g["entities"] if e["label"] == "PERSON"] == ["female"]
    assert all(e["gender"] is None and e["gender_source"] is None for e in rec["entities"])


def test_the_table_shows_each_persons_gender_and_its_evidence(runner, tmp_path):
    from newskit.cli.app import app

    src = tmp_path / "a.txt"
    src.write_text("Ferry news\n\nMrs. Dana Holt said the ferry was late.\n\nPhoto: Nadia Petrov/Harbour Press\n",
                   encoding="utf-8")
    res = runner.invoke(app, ["extract", str(src), "--format", "table"], env={"COLUMNS": "160"})
    assert res.exit_code == 0
    row = next(line for line in res.stdout.splitlines() if "Dana Holt" in line)
    assert "female (honorific)" in row
    credit = next(line for line in res.stdout.splitlines() if "Nadia Petrov" in line)
    assert "credit" in credit and "PERSON" not in credit


def test_the_component_config_turns_gender_off():
    from newskit.nlp.pipeline import load_pipeline

    nlp = load_pipeline()
    nlp.remove_pipe("newskit_people")
    nlp.add_pipe("newskit_people", config={"gender": False})
    e = analyze_text("Mrs. Dana Holt said the ferry was late.", nlp=nlp).entities[0]
    assert e.label == "PERSON" and e.gender is None


def test_the_data_object_is_built_from_the_data_file_and_the_shared_data():
    document = DocumentData.load()
    data = PeopleData.load(installed_folder("people"), document)
    assert "observatory" in data.facility_heads and "llp" in data.org_heads
    assert data.gender_of(data.honorifics, "Ms.") == "female" and data.gender_of(data.role_nouns, "actor") == "male"
    assert "secretary of state" in data.titles and data.given_names is document.given_names


def test_a_pronoun_after_a_name_set_beside_the_subject(nlp):
    e = ents("The court met on Monday. Her lawyer, Kit Okoro, said her client would appeal.", nlp)["Kit Okoro"]
    assert (e.gender, e.gender_source) == ("female", "pronoun")


def test_an_age_typed_without_a_space_is_not_part_of_the_name(nlp):
    found = ents("The victims were Omar Haddad, 39, and Karim Sayegh,60, both of Tarrow.", nlp)
    assert "Karim Sayegh" in found and found["Karim Sayegh"].label == "PERSON"


def test_person_evidence_weights_are_config(nlp):
    """What a company noun beside a name weighs is the people component's config: heavier than a
    speech verb's subject (the default), "Velora, a company" is an organisation; lighter, a person."""
    text = "Velora, a company based in Tarrow, said it would hire 40 workers."

    from newskit.nlp import results
    from newskit.nlp.people import PeopleComponent
    from newskit.nlp.people.evidence import EVIDENCE_WEIGHTS

    def label(config):
        doc = nlp.make_doc(text)
        for name, proc in nlp.pipeline:
            doc = PeopleComponent(nlp, "people", config)(doc) if name == "newskit_people" else proc(doc)
        return [(e.name, e.label) for e in results.entities(doc)]

    default = {"gender": True, "evidence": EVIDENCE_WEIGHTS}
    assert nlp.config["components"]["newskit_people"]["evidence"]["company"] == 3.0
    assert label(default) == [("Velora", "ORG")]
    assert label({**default, "evidence": {**EVIDENCE_WEIGHTS, "company": 1.0, "it": 1.0}}) == [("Velora", "PERSON")]
