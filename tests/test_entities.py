"""Entities: span cleanup, titles, headlines, grouping, label consistency (own sentences)."""
import pytest

from newskit.nlp import results
from newskit.nlp.boilerplate import DEFAULT_CONFIG, BoilerplateConfig, BoilerplateData, find_boilerplate
from newskit.nlp.data import DocumentData, installed_folder
from newskit.nlp.entities import entity_at, find_entities


FURNITURE = BoilerplateData.load(installed_folder("boilerplate"), DocumentData.load())


def ents_of(nlp, text):
    return results.entities(nlp(text))


def with_parser_errors(nlp, text, spans):
    """Run the pipeline, then replace spaCy's entities by ``spans`` [(substring, label, nth)] to
    reproduce a parser error, and run newskit's entity step on that."""
    doc = nlp(text)
    ents = []
    for sub, label, nth in spans:
        pos = -1
        for _ in range(nth + 1):
            pos = text.index(sub, pos + 1)
        sp = doc.char_span(pos, pos + len(sub), label=label, alignment_mode="expand")
        ents.append(sp)
    doc.ents = ents
    doc._.boilerplate = find_boilerplate(text, FURNITURE, BoilerplateConfig(**DEFAULT_CONFIG))
    comp = nlp.get_pipe("newskit_entities")
    doc._.nk_entities = find_entities(doc, comp.data, comp.settings)
    return doc


def by_name(ents, name):
    found = [e for e in ents if e.name == name]
    assert found, f"no entity {name!r} in {[e.name for e in ents]}"
    return found[0]


def test_trailing_period_and_possessive_kept_out_of_names(nlp):
    text = "The talks were led by Maria Fernandez. Fernandez’s team later left for Madrid."
    doc = with_parser_errors(nlp, text, [("Maria Fernandez.", "PERSON", 0), ("Fernandez’s", "PERSON", 0)])
    ent = by_name(results.entities(doc), "Maria Fernandez")
    assert [m.text for m in ent.mentions] == ["Maria Fernandez", "Fernandez"]
    for m in ent.mentions:
        assert text[m.start:m.end] == m.text


def test_abbreviation_period_is_kept(nlp):
    ents = ents_of(nlp, "Officials in the U.S. said the plan would go ahead.")
    assert "U.S." in [m.text for e in ents for m in e.mentions]


def test_titles_kept_out_of_the_name_but_recorded(nlp):
    text = "Secretary of State Helen Marsh met Sen. Paul Ortega on Tuesday. Marsh later flew to Lisbon."
    ents = ents_of(nlp, text)
    marsh = by_name(ents, "Helen Marsh")
    assert marsh.label == "PERSON" and "Secretary of State" in marsh.titles
    assert by_name(ents, "Paul Ortega").titles == ["Sen."]
    # "State" of the title is not an organisation
    assert not any(e.name == "State" for e in ents)


def test_title_inside_a_person_span_is_stripped(nlp):
    doc = with_parser_errors(nlp, "Yesterday Dr. Amara Nwosu opened the clinic.", [("Dr. Amara Nwosu", "PERSON", 0)])
    ent = results.entities(doc)[0]
    assert ent.name == "Amara Nwosu" and ent.titles == ["Dr."]


def test_organisation_cut_at_and_is_joined(nlp):
    text = "She advises the Bureau of East and Pacific Affairs on trade."
    doc = with_parser_errors(nlp, text, [("the Bureau of East", "ORG", 0), ("Pacific Affairs", "ORG", 0)])
    names = [e.name for e in results.entities(doc)]
    assert names == ["Bureau of East and Pacific Affairs"]


def test_two_names_joined_by_a_comma_are_two_entities(nlp):
    text = ("Daniel Okonkwo chairs the board. In a letter, according to Reuters, Okonkwo said the "
            "merger was off. Reuters later confirmed it.")
    doc = with_parser_errors(nlp, text, [("Daniel Okonkwo", "PERSON", 0), ("Reuters, Okonkwo", "ORG", 0),
                                        ("Reuters", "ORG", 1)])
    ents = results.entities(doc)
    okonkwo = by_name(ents, "Daniel Okonkwo")
    assert okonkwo.label == "PERSON" and [m.text for m in okonkwo.mentions] == ["Daniel Okonkwo", "Okonkwo"]
    assert by_name(ents, "Reuters").count == 2


def test_title_case_headline_yields_no_junk_but_keeps_names(nlp):
    text = ("Lindqvist’s Adviser Who Led Port Talks Resigns\n"
            "Henrik Lindqvist, the harbour commissioner, accepted the resignation on Monday. "
            "Lindqvist thanked his adviser.")
    doc = with_parser_errors(nlp, text, [("Lindqvist’s Adviser Who", "PERSON", 0), ("Resigns", "GPE", 0),
                                        ("Henrik Lindqvist", "PERSON", 0), ("Lindqvist", "PERSON", 2)])
    ents = results.entities(doc)
    assert [e.name for e in ents] == ["Henrik Lindqvist"]
    assert ents[0].mentions[0].text == "Lindqvist" and ents[0].mentions[0].start == 0


def test_all_caps_headline_names_are_found_from_the_body(nlp):
    text = "FLOODS HIT PORTUGAL AS RAIN CONTINUES\nHeavy rain fell across Portugal on Sunday, officials said."
    ents = ents_of(nlp, text)
    portugal = by_name(ents, "Portugal")
    assert [m.text for m in portugal.mentions] == ["PORTUGAL", "Portugal"]
    assert not any("FLOODS" in e.name or "RAIN" in e.name for e in ents)


def test_dateline_place_is_a_place(nlp):
    ents = ents_of(nlp, "LISBON 2021-03-04\nThe government said rain would continue in Lisbon.")
    lisbon = by_name(ents, "Lisbon")
    assert lisbon.label == "GPE" and [m.text for m in lisbon.mentions] == ["LISBON", "Lisbon"]


def test_surname_groups_with_full_name_and_entity_at_resolves_it(nlp):
    text = "Jane Okafor runs the harbour. On Friday Okafor closed the port, and Okafor said it would reopen."
    doc = nlp(text)
    ents = results.entities(doc)
    assert len([e for e in ents if "Okafor" in e.name]) == 1
    okafor = by_name(ents, "Jane Okafor")
    assert okafor.count == 3 and okafor.first == 0
    pos = text.rindex("Okafor")
    assert entity_at(doc, pos, pos + 6).id == okafor.id


def test_missed_mention_is_found_again(nlp):
    text = "Jane Okafor runs the harbour. Later Okafor closed it."
    doc = with_parser_errors(nlp, text, [("Jane Okafor", "PERSON", 0)])
    assert [m.text for m in results.entities(doc)[0].mentions] == ["Jane Okafor", "Okafor"]


def test_united_states_forms_are_one_entity(nlp):
    ents = ents_of(nlp, "The United States sent aid. US officials said the U.S. would do more.")
    us = [e for e in ents if e.label == "GPE"]
    assert len(us) == 1 and us[0].name == "United States"
    assert [m.text for m in us[0].mentions] == ["United States", "US", "U.S."]


def test_acronym_defined_in_brackets_joins_its_expansion(nlp):
    text = "The National Fisheries Authority (NFA) closed the bay. The NFA said it would reopen it."
    ents = ents_of(nlp, text)
    assert len(ents) == 1 and ents[0].name == "National Fisheries Authority" and ents[0].count == 3


def test_acronym_implied_by_initials_joins_its_expansion(nlp):
    ents = ents_of(nlp, "The Regional Transport Council met on Friday. The RTC approved new bus routes.")
    assert [(e.name, e.count) for e in ents if e.label == "ORG"] == [("Regional Transport Council", 2)]


def test_a_spelled_out_name_the_tagger_missed_joins_its_acronym(nlp):
    text = ("The Parliamentary Budget Officer released a valuation of the pipeline on Thursday. "
            "The PBO said the pipeline was worth less than the price paid.")
    orgs = [e for e in ents_of(nlp, text) if e.label == "ORG"]
    assert [(e.name, e.count) for e in orgs] == [("Parliamentary Budget Officer", 2)]


def test_capitalised_words_that_do_not_spell_the_acronym_are_not_joined_to_it(nlp):
    text = ("The Parliamentary Budget Watchdog released a valuation of the pipeline on Thursday. "
            "The PBO said the pipeline was worth less than the price paid.")
    pbo = [e for e in ents_of(nlp, text) if "PBO" in e.name]
    assert [(e.name, e.count) for e in pbo] == [("PBO", 1)]


def test_one_label_per_name_by_majority(nlp):
    text = "Tarrant arrived early. Tarrant spoke first. Then Tarrant left."
    doc = with_parser_errors(nlp, text, [("Tarrant", "GPE", 0), ("Tarrant", "PERSON", 1), ("Tarrant", "PERSON", 2)])
    ents = results.entities(doc)
    assert len(ents) == 1 and ents[0].label == "PERSON" and ents[0].count == 3


def test_name_before_administration_is_a_person(nlp):
    text = "Critics said the Delacroix administration ignored the report."
    doc = with_parser_errors(nlp, text, [("Delacroix", "ORG", 0)])
    assert results.entities(doc)[0].label == "PERSON"


def test_nothing_from_boilerplate(nlp):
    text = ("Jane Okafor closed the port in Lindholm on Friday after the storm hit the coast.\n"
            "Ships waited outside the harbour for two days while the wind dropped.\n"
            "Read all the Latest News, Breaking News and Cricket World Cup Updates here.\n"
            "Comments\n"
            "Write the first comment for this!")
    doc = nlp(text)
    cut = text.index("Read all")
    assert all(m.start < cut for e in results.entities(doc) for m in e.mentions)


def test_ids_follow_first_mention_and_mentions_are_sorted(nlp):
    ents = ents_of(nlp, "Maria Lopez met Tom Baker in Oslo. Baker and Lopez then flew to Bergen.")
    assert [e.id for e in ents] == [f"E{i + 1}" for i in range(len(ents))]
    firsts = [e.first for e in ents]
    assert firsts == sorted(firsts)
    for e in ents:
        assert [m.start for m in e.mentions] == sorted(m.start for m in e.mentions)
        assert e.first == e.mentions[0].start and e.count == len(e.mentions)


def test_results_table_names_are_teams_or_competitors(nlp):
    text = ("Results of the northern league on Saturday :\n"
            "Harrowgate 2 Eldersfield 1\n"
            "Mossbank 0 Kilverton 3\n"
            "Leading scorer : Daniel Whitcombe 7\n"
            "Harrowgate 5 4 1 0 12 4 13\n")
    ents = ents_of(nlp, text)
    labels = {e.name: e.label for e in ents}
    for team in ("Harrowgate", "Eldersfield", "Mossbank", "Kilverton"):
        assert labels.get(team) == "ORG", (team, labels)
    assert by_name(ents, "Harrowgate").count == 2


def test_company_suffix_groups_but_a_person_is_not_their_foundation(nlp):
    text = ("Shares of Norvale Corp. rose on Monday. Norvale said profits doubled. "
            "Anna Kessler founded the Anna Kessler Foundation, and Kessler still chairs it.")
    doc = with_parser_errors(nlp, text, [("Norvale Corp.", "ORG", 0), ("Norvale", "ORG", 1),
                                        ("Anna Kessler", "PERSON", 0), ("Anna Kessler Foundation", "ORG", 0),
                                        ("Kessler", "PERSON", 2)])
    ents = results.entities(doc)
    assert by_name(ents, "Norvale Corp.").count == 2
    person = by_name(ents, "Anna Kessler")
    assert person.label == "PERSON" and [m.text for m in person.mentions] == ["Anna Kessler", "Kessler"]
    assert by_name(ents, "Anna Kessler Foundation").label == "ORG"


@pytest.mark.parametrize("text", ["", " \n\n ", "\u2019s", "THE END", "A.\nB.\n(C)", "Mr. Dr. Sen."])
def test_odd_inputs_do_not_break(nlp, text):
    doc = nlp(text)
    for e in results.entities(doc):
        for m in e.mentions:
            assert text[m.start:m.end] == m.text


def test_given_name_that_the_article_uses_as_a_place_does_not_make_a_person(nlp):
    text = "Fans in Charlotte cheered. The Charlotte Hornets won at home, and Charlotte celebrated."
    doc = with_parser_errors(nlp, text, [("Charlotte", "GPE", 0), ("Charlotte Hornets", "ORG", 0),
                                        ("Charlotte", "GPE", 2)])
    assert by_name(results.entities(doc), "Charlotte Hornets").label == "ORG"


def test_given_name_votes_person_against_a_wrong_parser_label(nlp):
    text = "Midfielder Andreas Kolbeck scored twice. Kolbeck was later substituted."
    doc = with_parser_errors(nlp, text, [("Andreas Kolbeck", "ORG", 0), ("Kolbeck", "ORG", 1)])
    ent = by_name(results.entities(doc), "Andreas Kolbeck")
    assert ent.label == "PERSON" and ent.count == 2


def test_acronym_defined_in_brackets_joins_even_when_initials_differ(nlp):
    text = "The Coastal Rescue Service (CORES) sent two boats. CORES said all crew were safe."
    doc = with_parser_errors(nlp, text, [("Coastal Rescue Service", "ORG", 0), ("CORES", "ORG", 0),
                                        ("CORES", "ORG", 1)])
    ents = results.entities(doc)
    assert len(ents) == 1 and ents[0].name == "Coastal Rescue Service" and ents[0].count == 3


def test_byline_names_at_the_top_are_kept(nlp):
    text = ("Port Strike Ends After Talks\nBy Maria Gonzalez and Peter Holm\n"
            "Dock workers returned to work on Monday after a deal with the port authority.")
    names = [e.name for e in ents_of(nlp, text)]
    assert "Maria Gonzalez" in names and "Peter Holm" in names
    assert not any("Strike" in n for n in names)


def test_country_in_brackets_after_a_name_is_not_an_acronym(nlp):
    text = "Results: Lena Marsh ( U.S. ) beat Ida Berg ( Sweden ) 6-3 6-4 . Tom Kell ( U.S. ) won too ."
    ents = ents_of(nlp, text)
    us = [e for e in ents if any(m.text == "U.S." for m in e.mentions)]
    assert len(us) == 1 and us[0].label == "GPE" and {m.text for m in us[0].mentions} == {"U.S."}


def test_title_word_inside_a_proper_name_does_not_make_a_person(nlp):
    text = "He signed with Major League Baseball in May."
    doc = with_parser_errors(nlp, text, [("League Baseball", "ORG", 0)])
    assert [e.label for e in results.entities(doc)] == ["ORG"]


def test_given_name_before_a_place_word_is_not_a_person(nlp):
    text = "Farmers in the Jordan Valley lost their crops."
    doc = with_parser_errors(nlp, text, [("Jordan Valley", "LOC", 0)])
    assert [e.label for e in results.entities(doc)] == ["LOC"]


def test_place_before_city_council_is_the_place(nlp):
    text = "The Westport city council voted on Monday."
    doc = with_parser_errors(nlp, text, [("The Westport city council", "ORG", 0)])
    assert [(e.name, e.label) for e in results.entities(doc)] == [("Westport", "GPE")]


def test_a_common_word_opening_a_headline_is_no_entity(nlp):
    text = ("Council approves new harbour bridge after long dispute\n"
            "The Westport city council on Monday approved a new bridge across the harbour.\n")
    names = [e.name for e in results.entities(nlp(text))]
    assert "Council" not in names and "Westport" in names


def test_a_company_short_name_joins_its_full_name(nlp):
    text = ("Brightwater Systems reported a record profit for the quarter.\n\n"
            "Shares rose 6% in early trading. Brightwater said it expects revenue to grow.")
    ents = results.entities(nlp(text))
    firm = [e for e in ents if e.name == "Brightwater Systems"]
    assert len(firm) == 1 and {m.text for m in firm[0].mentions} == {"Brightwater Systems", "Brightwater"}


def test_name_without_middle_name_joins_the_full_name_and_relatives_stay_apart(nlp):
    text = ("Police shot Marcus Delane Hill on Tuesday. His wife, Tamsin Hill, filmed the encounter.\n"
            "Marcus Hill had a brain injury, his family said.")
    ents = {e.name: e for e in results.entities(nlp(text))}
    assert {m.text for m in ents["Marcus Delane Hill"].mentions} == {"Marcus Delane Hill", "Marcus Hill"}
    assert "Tamsin Hill" in ents  # another person with the same surname stays apart


def test_a_hyphenated_given_name_is_completed_and_a_hyphenated_modifier_dropped(nlp):
    text = "Lam Ka-wai of the pro-Harbour Civic Union lost, and a Lam-led group protested."
    doc = with_parser_errors(nlp, text, [("Lam Ka", "PERSON", 0), ("pro-Harbour Civic Union", "ORG", 0),
                                         ("Lam", "PERSON", 1)])
    names = sorted(m.text for e in results.entities(doc) for m in e.mentions)
    assert names == ["Civic Union", "Lam", "Lam Ka-wai"]


def test_a_role_word_ending_an_organisation_belongs_to_the_next_person(nlp):
    text = "The Harbour Transit Authority Spokesperson Lena Ortiz said the line would reopen."
    doc = with_parser_errors(nlp, text, [("Harbour Transit Authority Spokesperson", "ORG", 0), ("Lena Ortiz", "PERSON", 0)])
    names = sorted(e.name for e in results.entities(doc))
    assert names == ["Harbour Transit Authority", "Lena Ortiz"]


def test_letters_after_a_name_are_no_place(nlp):
    text = "The prosecutor, Dana Whitlow, QC, said the case would go ahead."
    doc = with_parser_errors(nlp, text, [("Dana Whitlow", "PERSON", 0), ("QC", "GPE", 0)])
    assert [e.name for e in results.entities(doc)] == ["Dana Whitlow"]


def test_a_time_zone_after_a_clock_time_is_no_entity(nlp):
    text = "Trading opens at 09:30 GMT Friday, and the shelling began at 0800 GMT near Tarrant."
    doc = with_parser_errors(nlp, text, [("09:30 GMT Friday", "EVENT", 0), ("GMT", "ORG", 1), ("Tarrant", "GPE", 0)])
    assert [e.name for e in results.entities(doc)] == ["Tarrant"]


def test_a_company_short_name_the_parser_calls_a_person_joins_the_company(nlp):
    text = "Velora Corp. opened a plant on Monday. Velora said it would hire 200 people."
    doc = with_parser_errors(nlp, text, [("Velora Corp.", "ORG", 0), ("Velora", "PERSON", 1)])
    (e,) = results.entities(doc)
    assert e.label == "ORG" and [m.text for m in e.mentions] == ["Velora Corp.", "Velora"]
    # a person's full name keeps its surname and stays apart from the foundation named after them
    text = "Ana Warhol spoke on Monday. The Warhol Foundation paid for it, Warhol said."
    doc = with_parser_errors(nlp, text, [("Ana Warhol", "PERSON", 0), ("Warhol Foundation", "ORG", 0),
                                         ("Warhol", "PERSON", 2)])
    assert sorted(e.name for e in results.entities(doc)) == ["Ana Warhol", "Warhol Foundation"]
