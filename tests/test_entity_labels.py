"""Entity labels: the place vote from reference data, context signals, label_source, canonical names.

Every sentence is our own. Most tests force a parser error with ``with_parser_errors`` so that
they test newskit's correction, not what the small spaCy model happens to guess.
"""

from newskit.nlp import results
from newskit.records import ArticleRecord, Entity, TextSpan
from newskit.write.summarize import summarize

from .test_entities import by_name, with_parser_errors


def label_of(doc, name):
    e = by_name(results.entities(doc), name)
    return e.label, e.label_source


# ----------------------------------------------------------------------------- places
def places(nlp):
    """The gazetteer of the pipeline's entity data."""
    return nlp.get_pipe("newskit_entities").data.places


def test_reference_data_knows_regions_cities_and_accentless_forms(nlp):
    p = places(nlp)
    assert p.kind_of("Mato Grosso") == "region" and p.kind_of("Paraná") == "region"
    assert p.kind_of("Parana") == "region"  # without the accent
    assert p.kind_of("Bavaria") == "region"  # pycountry's English name for Bayern
    assert p.kind_of("Moldova") == "country" and p.kind_of("Scotland") == "country"
    assert p.kind_of("Rotterdam") == "city"
    assert p.kind_of("Harlow Finch") is None


def test_regions_the_parser_calls_people_are_places(nlp):
    text = "Farmers in Mato Grosso and Rondônia said the soy harvest was late this year."
    doc = with_parser_errors(nlp, text, [("Mato Grosso", "PERSON", 0), ("Rondônia", "ORG", 0)])
    assert label_of(doc, "Mato Grosso") == ("GPE", "gazetteer")
    assert label_of(doc, "Rondônia") == ("GPE", "gazetteer")


def test_a_country_the_parser_calls_an_organisation_is_a_place(nlp):
    doc = with_parser_errors(nlp, "Moldova signed the grain deal on Tuesday.", [("Moldova", "ORG", 0)])
    assert label_of(doc, "Moldova") == ("GPE", "gazetteer")


def test_a_city_name_does_not_overturn_an_organisation(nlp):
    # a city's name is often a club's or a company's: only a bare PERSON is overturned
    doc = with_parser_errors(nlp, "Rotterdam signed a new goalkeeper.", [("Rotterdam", "ORG", 0)])
    assert label_of(doc, "Rotterdam")[0] == "ORG"


def test_surname_that_is_a_city_stays_a_person(nlp):
    text = "Dana Austin opened the bakery in March. Austin said she would hire four bakers."
    doc = with_parser_errors(nlp, text, [("Dana Austin", "PERSON", 0), ("Austin", "GPE", 1)])
    ents = results.entities(doc)
    austin = by_name(ents, "Dana Austin")
    assert austin.label == "PERSON" and austin.count == 2


def test_lone_city_name_that_speaks_with_he_is_a_person(nlp):
    doc = with_parser_errors(nlp, "Austin said he would sign the contract on Monday.", [("Austin", "PERSON", 0)])
    assert label_of(doc, "Austin") == ("PERSON", "context")


def test_georgia_the_person_is_not_the_country(nlp):
    doc = with_parser_errors(nlp, "Georgia said she would run for the council again.", [("Georgia", "GPE", 0)])
    assert label_of(doc, "Georgia") == ("PERSON", "context")


def test_georgia_the_country_is_a_place(nlp):
    doc = with_parser_errors(nlp, "Georgia opened a new border crossing with Armenia.", [("Georgia", "PERSON", 0)])
    assert label_of(doc, "Georgia") == ("GPE", "gazetteer")


def test_a_title_keeps_a_place_name_a_person(nlp):
    doc = with_parser_errors(nlp, "Ms. Georgia thanked the volunteers.", [("Georgia", "GPE", 0)])
    assert label_of(doc, "Georgia")[0] == "PERSON"


# ----------------------------------------------------------------------------- organisation evidence
def test_company_possessive_and_said_it_make_an_organisation(nlp):
    text = "Streamly's shares rose after the launch. Streamly said it would make a sequel."
    doc = with_parser_errors(nlp, text, [("Streamly", "GPE", 0), ("Streamly", "GPE", 1)])
    assert label_of(doc, "Streamly") == ("ORG", "context")


def test_market_words_after_a_known_place_do_not_make_it_a_company(nlp):
    doc = with_parser_errors(nlp, "Rotterdam shares fell on Friday.", [("Rotterdam", "GPE", 0)])
    assert label_of(doc, "Rotterdam")[0] == "GPE"


def test_person_said_it_stays_a_person(nlp):
    text = "Ana Ferreira chaired the meeting. Ferreira said it was too late to change the plan."
    doc = with_parser_errors(nlp, text, [("Ana Ferreira", "PERSON", 0), ("Ferreira", "PERSON", 1)])
    assert by_name(results.entities(doc), "Ana Ferreira").label == "PERSON"


def test_acronym_before_awards_is_the_organisation(nlp):
    text = "Nominees for the HPG awards were named on Monday."
    doc = with_parser_errors(nlp, text, [("HPG", "PERSON", 0)])
    assert label_of(doc, "HPG") == ("ORG", "context")


def test_acronym_defined_in_brackets_takes_its_expansion_label(nlp):
    text = "The Harbour Pilots Guild (HPG) voted to strike. HPG members will picket the docks."
    doc = with_parser_errors(nlp, text, [("Harbour Pilots Guild", "ORG", 0), ("HPG", "PERSON", 1)])
    guild = by_name(results.entities(doc), "Harbour Pilots Guild")
    assert guild.label == "ORG" and [m.text for m in guild.mentions] == ["Harbour Pilots Guild", "HPG", "HPG"]


def test_a_lone_acronym_the_parser_calls_a_person_is_an_organisation(nlp):
    doc = with_parser_errors(nlp, "The fishermen asked KFPA to intervene.", [("KFPA", "PERSON", 0)])
    assert label_of(doc, "KFPA") == ("ORG", "context")


def test_event_word_ending_a_name_makes_an_event(nlp):
    text = "She won a prize at the Silver Lantern Awards in April."
    doc = with_parser_errors(nlp, text, [("Silver Lantern Awards", "PERSON", 0)])
    assert label_of(doc, "Silver Lantern Awards") == ("EVENT", "context")


def test_organisation_noun_before_a_name(nlp):
    text = "The carmaker Velora recalled 4,000 vans. The club Rotterdam fired its coach."
    doc = with_parser_errors(nlp, text, [("Velora", "PERSON", 0), ("Rotterdam", "GPE", 0)])
    assert label_of(doc, "Velora") == ("ORG", "context")
    assert label_of(doc, "Rotterdam") == ("ORG", "context")


def test_company_suffix_or_ampersand_makes_an_organisation(nlp):
    doc = with_parser_errors(nlp, "Harlow & Finch said profits rose.", [("Harlow & Finch", "PERSON", 0)])
    assert label_of(doc, "Harlow & Finch") == ("ORG", "context")


def test_towns_that_beat_each_other_are_teams_but_countries_stay_places(nlp):
    doc = with_parser_errors(nlp, "Rotterdam beat Utrecht 2-0 on Saturday.",
                             [("Rotterdam", "PERSON", 0), ("Utrecht", "PERSON", 0)])
    assert label_of(doc, "Rotterdam")[0] == "ORG" and label_of(doc, "Utrecht")[0] == "ORG"
    doc = with_parser_errors(nlp, "Brazil beat Chile 2-0 on Saturday.", [("Brazil", "GPE", 0), ("Chile", "GPE", 0)])
    assert label_of(doc, "Brazil")[0] == "GPE" and label_of(doc, "Chile")[0] == "GPE"


# ----------------------------------------------------------------------------- label_source and canonical names
def test_label_source_says_model_vote_or_context(nlp):
    text = "Tarrant arrived early. Tarrant spoke first. Then Tarrant left."
    doc = with_parser_errors(nlp, text, [("Tarrant", "GPE", 0), ("Tarrant", "PERSON", 1), ("Tarrant", "PERSON", 2)])
    assert label_of(doc, "Tarrant") == ("PERSON", "vote")
    doc = with_parser_errors(nlp, "Maria Lopez planted a tree.", [("Maria Lopez", "PERSON", 0)])
    assert label_of(doc, "Maria Lopez") == ("PERSON", "model")


def test_country_forms_get_one_canonical_name_and_keep_their_mentions(nlp):
    doc = nlp("Britain and the U.S. signed the accord.")
    uk = by_name(results.entities(doc), "Britain")
    us = by_name(results.entities(doc), "U.S.")
    assert uk.canonical == "United Kingdom" and [m.text for m in uk.mentions] == ["Britain"]
    assert us.canonical == "United States"
    doc = nlp("Maria Lopez planted a tree.")
    assert by_name(results.entities(doc), "Maria Lopez").canonical == "Maria Lopez"


def test_summarize_counts_a_country_once_under_its_canonical_name():
    def rec(rid, name, n):
        ms = [TextSpan(text=name, start=i * 20, end=i * 20 + len(name)) for i in range(n)]
        e = Entity(id="E1", name=name, canonical="United States", label="GPE", label_source="model",
                   mentions=ms, count=n, first=0)
        return ArticleRecord(id=rid, source=rid, entities=[e])

    out = summarize([rec("a", "U.S.", 3), rec("b", "United States", 2)])
    gpe = [g for g in out["entities_by_label"] if g["label"] == "GPE"][0]
    assert gpe["top"] == [{"name": "United States", "mentions": 5, "articles": 2}]


def test_a_known_place_after_near_is_a_place(nlp):
    doc = with_parser_errors(nlp, "The plant near Rotterdam will close.", [("Rotterdam", "ORG", 0)])
    assert label_of(doc, "Rotterdam") == ("GPE", "context")


def test_a_city_that_is_also_a_given_name_does_not_outvote_the_parser(nlp):
    doc = with_parser_errors(nlp, "Later that evening Nancy drove to the coast.", [("Nancy", "PERSON", 0)])
    assert label_of(doc, "Nancy")[0] == "PERSON"


def test_two_places_joined_by_and_are_two_places(nlp):
    text = "Rain fell on Amazonas and Rondônia, while Trinidad and Tobago stayed dry."
    doc = with_parser_errors(nlp, text, [("Amazonas and Rondônia", "ORG", 0), ("Trinidad and Tobago", "GPE", 0)])
    names = [(e.name, e.label) for e in results.entities(doc)]
    assert ("Amazonas", "GPE") in names and ("Rondônia", "GPE") in names
    assert ("Trinidad and Tobago", "GPE") in names


def test_canonical_country_names_come_from_iso_and_the_alias_list(nlp):
    p = places(nlp)
    assert p.canonical("Viet Nam") == p.canonical("Vietnam") == "Vietnam"  # ISO name and common name
    assert p.canonical("Russian Federation") == p.canonical("Russia") == "Russia"  # alias list
    assert p.canonical("the U.K.") == p.canonical("Britain") == "United Kingdom"
    assert p.canonical("Rotterdam") is None  # only countries get a corpus-wide name
    # abbreviations are not taken as places on ALL CAPS lines ("JOIN US")
    assert "us" not in p.headline_names and "france" in p.headline_names


def test_a_region_that_opens_with_a_given_name_is_not_a_person(nlp):
    doc = with_parser_errors(nlp, "Ferries to Nova Scotia were cancelled.", [("Nova Scotia", "ORG", 0)])
    assert label_of(doc, "Nova Scotia")[0] == "GPE"


# ----------------------------------------------------------------------------- sports reports
SPORTS = ("Rotterdam lost 3-1 to Harbourside in the league on Saturday. Ana Ruiz scored for Rotterdam after halftime, "
          "but the goalkeeper was beaten twice before the break.\n\n"
          "The win over Rotterdam lifts Harbourside to third in the standings. In Utrecht, the other semifinal "
          "was postponed.")


def test_in_a_sports_report_a_town_that_plays_is_a_team(nlp):
    doc = with_parser_errors(nlp, SPORTS, [("Rotterdam", "GPE", 0), ("Rotterdam", "GPE", 1), ("Rotterdam", "GPE", 2)])
    assert label_of(doc, "Rotterdam") == ("ORG", "context")


def test_in_a_sports_report_a_town_where_something_happens_stays_a_place(nlp):
    doc = with_parser_errors(nlp, SPORTS, [("Utrecht", "GPE", 0)])
    assert label_of(doc, "Utrecht")[0] == "GPE"


def test_a_score_line_makes_teams_but_a_country_stays_a_country(nlp):
    text = ("Results of the cricket league on Sunday, wickets in brackets:\n\n"
            "Rotterdam 214 Utrecht 190\n\nBrazil 3 Chile 1 in the basketball semifinal at halftime.")
    doc = with_parser_errors(nlp, text, [("Rotterdam", "GPE", 0), ("Utrecht", "GPE", 0), ("Brazil", "GPE", 0),
                                         ("Chile", "GPE", 0)])
    assert label_of(doc, "Rotterdam")[0] == "ORG" and label_of(doc, "Utrecht")[0] == "ORG"
    assert label_of(doc, "Brazil")[0] == "GPE" and label_of(doc, "Chile")[0] == "GPE"


def test_outside_a_sports_report_a_town_that_acts_stays_a_place(nlp):
    text = ("Rotterdam will spend 3-4 million euros on new bridges, the city council said. "
            "The plan for Rotterdam was approved after a long debate, and Rotterdam's mayor welcomed it.")
    doc = with_parser_errors(nlp, text, [("Rotterdam", "GPE", 0), ("Rotterdam", "GPE", 1), ("Rotterdam", "GPE", 2)])
    assert label_of(doc, "Rotterdam")[0] == "GPE"


def test_burma_and_the_republic_of_ireland_are_countries(nlp):
    p = places(nlp)
    assert p.kind_of("Burma") == "country" and p.canonical("Burma") == "Myanmar"
    assert p.kind_of("Republic of Ireland") == "country"


def test_a_dateline_stays_a_place_when_the_same_name_plays_as_a_team(nlp):
    text = ("ROTTERDAM, Netherlands (AP) — Rotterdam lost 3-1 to Harbourside in the league on Saturday. "
            "Ana Ruiz scored for Rotterdam after halftime, and the goalkeeper was beaten twice before the break.")
    doc = with_parser_errors(nlp, text, [("ROTTERDAM", "GPE", 0), ("Rotterdam", "GPE", 0), ("Rotterdam", "GPE", 1)])
    ents = [e for e in results.entities(doc) if e.name.lower() == "rotterdam"]
    labels = {e.mentions[0].text: e.label for e in ents}
    assert labels == {"ROTTERDAM": "GPE", "Rotterdam": "ORG"}


def test_the_town_of_x_and_x_county_are_places_the_gazetteer_need_not_know(nlp):
    text = "Floods reached the coastal town of Karvelo on Monday and spread to Tamsen county by night."
    doc = with_parser_errors(nlp, text, [("Karvelo", "ORG", 0), ("Tamsen", "PERSON", 0)])
    assert label_of(doc, "Karvelo") == ("GPE", "context")
    assert label_of(doc, "Tamsen")[0] == "GPE"


def test_a_nationality_before_a_company_noun_stays_a_nationality(nlp):
    text = "Swiss investors pulled out of the tender, and Japanese firms bid instead."
    doc = with_parser_errors(nlp, text, [("Swiss", "NORP", 0), ("Japanese", "NORP", 0)])
    assert label_of(doc, "Swiss")[0] == "NORP" and label_of(doc, "Japanese")[0] == "NORP"


def test_a_capital_inside_one_word_is_a_brand_not_a_place_or_a_person(nlp):
    text = "Videos on StreamHub drew complaints, and Maria DeLuca asked McKenna to remove them."
    doc = with_parser_errors(nlp, text, [("StreamHub", "GPE", 0), ("Maria DeLuca", "PERSON", 0), ("McKenna", "PERSON", 0)])
    assert label_of(doc, "StreamHub") == ("ORG", "context")
    assert label_of(doc, "Maria DeLuca")[0] == "PERSON" and label_of(doc, "McKenna")[0] == "PERSON"


def test_a_nationality_the_parser_missed_is_found_but_not_inside_a_longer_name(nlp):
    text = "The French delegation met Welsh farmers before the Scottish Open began."
    doc = with_parser_errors(nlp, text, [("French", "NORP", 0), ("Scottish Open", "EVENT", 0)])
    assert label_of(doc, "Welsh") == ("NORP", "gazetteer")
    assert sorted(e.name for e in results.entities(doc)) == ["French", "Scottish Open", "Welsh"]


def test_a_civic_story_that_mentions_hockey_is_no_sports_report(nlp):
    from newskit.nlp.entities.teams import is_sports_report

    text = ("Candidates in Westport were asked about hockey arenas, hockey fees and youth hockey. "
            "The council voted 5-4 to fund the rink.")
    comp = nlp.get_pipe("newskit_entities")
    assert not is_sports_report(nlp.make_doc(text), text, comp.data, comp.settings)
    assert is_sports_report(nlp.make_doc(SPORTS), SPORTS, comp.data, comp.settings)
