"""Quote extraction and attribution: one test per phenomenon, on our own sentences."""
from newskit.nlp import results


def quotes(nlp, text):
    doc = nlp(text)
    qs = results.quotes(doc)
    # contract: sorted, non-overlapping, offsets true to the text
    for a, b in zip(qs, qs[1:]):
        assert a.start <= b.start and a.end <= b.start
    for q in qs:
        assert text[q.start:q.end] == q.text
        for span in (q.cue, q.speaker):
            if span is not None:
                assert text[span.start:span.end] == span.text
    return qs


def one(qs, fragment):
    hits = [q for q in qs if fragment in q.text]
    assert len(hits) == 1, [q.text for q in qs]
    return hits[0]


def test_straight_quotes_speaker_after(nlp):
    text = 'The storm closed every road in the valley. "We have never seen water this high," said Maria Lopez, the county engineer.'
    q = one(quotes(nlp, text), "never seen water")
    assert q.kind == "direct"
    assert q.text == "We have never seen water this high,"
    assert q.cue.text == "said"
    assert q.speaker_name == "Maria Lopez"


def test_curly_quotes_colon_speaker_before(nlp):
    text = "Maria Lopez warned residents on Tuesday: “Stay off the bridge until the engineers have checked it.”"
    q = one(quotes(nlp, text), "Stay off the bridge")
    assert q.kind == "direct"
    assert q.cue.text == "warned"
    assert q.speaker.text == "Maria Lopez"


def test_single_quoted_headline(nlp):
    text = ("‘We Will Rebuild Every Bridge’: Maria Lopez Promises Fast Repairs\n\n"
            "Maria Lopez, the county engineer, spoke after the flood on Sunday.")
    q = one(quotes(nlp, text), "Rebuild Every Bridge")
    assert q.text == "We Will Rebuild Every Bridge"
    assert q.speaker_name == "Maria Lopez"


def test_multi_paragraph_quote(nlp):
    text = ("Maria Lopez described the night in detail.\n\n"
            "“The water came in through the doors and we moved everyone upstairs.\n\n"
            "“By morning the whole street was a river,” she said.")
    qs = quotes(nlp, text)
    q = one(qs, "water came in")
    assert "whole street was a river" in q.text
    assert q.kind == "direct"
    assert q.speaker_name == "Maria Lopez"


def test_quote_split_by_attribution(nlp):
    text = "Tom Baker runs the shelter. “We have beds for forty people,” he said. “Tonight we need sixty.”"
    qs = quotes(nlp, text)
    a, b = one(qs, "forty people"), one(qs, "need sixty")
    assert a.cue is not None and b.cue == a.cue
    assert a.speaker_name == b.speaker_name == "Tom Baker"


def test_speaker_inside_quote(nlp):
    text = "Tom Baker runs the shelter. “Nobody,” he said, “will be turned away tonight.”"
    qs = quotes(nlp, text)
    b = one(qs, "turned away")
    assert b.cue.text == "said" and b.speaker.text == "he"
    assert b.speaker_name == "Tom Baker"


def test_mixed_quote(nlp):
    text = "Maria Lopez said that the old bridge “should have been replaced ten years ago” by the state."
    q = one(quotes(nlp, text), "replaced ten years ago")
    assert q.kind == "mixed"
    assert q.cue.text == "said"
    assert q.speaker_name == "Maria Lopez"
    assert q.text.startswith("the old bridge")


def test_indirect_quote(nlp):
    text = "Maria Lopez said the repairs would take at least three months."
    q = one(quotes(nlp, text), "repairs would take")
    assert q.kind == "indirect"
    assert q.text == "the repairs would take at least three months"
    assert q.speaker_name == "Maria Lopez"


def test_told_someone_that(nlp):
    text = "Tom Baker told reporters that the shelter would stay open all winter."
    q = one(quotes(nlp, text), "shelter would stay open")
    assert q.kind == "indirect" and q.cue.text == "told"
    assert q.speaker_name == "Tom Baker"
    assert not q.text.startswith("that")


def test_said_in_a_statement(nlp):
    text = "The Red Cross said in a statement that more volunteers were on their way."
    q = one(quotes(nlp, text), "more volunteers")
    assert q.kind == "indirect"
    assert q.speaker.text == "The Red Cross"


def test_according_to(nlp):
    text = "According to Reuters, the factory will close in March."
    q = one(quotes(nlp, text), "factory will close")
    assert q.kind == "indirect"
    assert q.cue.text == "According to"
    assert q.speaker_name == "Reuters"


def test_report_names_its_owner(nlp):
    text = "Prices rose for a third month, a Reuters report said."
    q = one(quotes(nlp, text), "Prices rose")
    assert q.speaker.text.endswith("report")
    assert q.speaker_name == "Reuters"


def test_pronoun_resolves_by_gender(nlp):
    text = ("Ms. Maria Lopez met Mr. Tom Baker at the shelter on Monday.\n\n"
            "“The plan is sound and the money is there,” she said.")
    q = one(quotes(nlp, text), "plan is sound")
    assert q.speaker.text == "she"
    assert q.speaker_name == "Maria Lopez"


def test_pronoun_prefers_previous_speaker(nlp):
    text = ("“We will not give up on this town,” Maria Lopez said after meeting Tom Baker.\n\n"
            "“The next storm will find us ready,” she said.")
    q = one(quotes(nlp, text), "next storm")
    assert q.speaker_name == "Maria Lopez"


def test_description_resolves_to_named_person(nlp):
    text = ("Senator Maria Lopez visited the flooded town on Friday.\n\n"
            "“Washington has to pay for this,” the senator said.")
    q = one(quotes(nlp, text), "Washington has to pay")
    assert q.speaker.text == "the senator"
    assert q.speaker_name == "Maria Lopez"


def test_floating_quote_takes_previous_speaker(nlp):
    text = ("“The roof held,” said Tom Baker.\n\n"
            "“The walls did not. We lost the kitchen and half of the dormitory.”")
    q = one(quotes(nlp, text), "walls did not")
    assert q.cue is None
    assert q.speaker_name == "Tom Baker"


def test_non_person_source_and_its_owner(nlp):
    text = ("Tom Baker sent his resignation to the board on Friday. "
            "“I leave the shelter in good hands and with a full pantry,” the resignation reads.")
    q = one(quotes(nlp, text), "good hands")
    assert q.speaker.text == "the resignation"
    assert q.cue.text == "reads"
    assert q.speaker_name == "Tom Baker"


def test_scare_quotes_and_titles_are_not_quotes(nlp):
    text = ("The so-called “rescue plan” was signed on Monday. "
            "Lopez starred in “Night Train” before politics, and friends call her “the Judge”.")
    assert quotes(nlp, text) == []


def test_apostrophes_are_not_quotes(nlp):
    text = ("The Farmers' Market didn’t open this week because of the Workers' strike, "
            "and the growers' union said nothing about it.")
    assert all("Market" not in q.text and "Workers" not in q.text for q in quotes(nlp, text))


def test_apostrophe_inside_single_quoted_headline(nlp):
    text = "‘We Didn’t See It Coming’: Farmers Count the Cost\n\nThe flood hit the valley overnight."
    q = one(quotes(nlp, text), "See It Coming")
    assert q.text == "We Didn’t See It Coming"


def test_boilerplate_has_no_quotes(nlp):
    text = ("“The river is falling,” said Maria Lopez.\n\n"
            "Roads in the valley should reopen by the weekend.\n\n"
            "Read all the Latest News, Breaking News and Live Updates here.\n\n"
            "“Share this story with your friends”\n\n“Tell us what you think”")
    qs = quotes(nlp, text)
    assert [q.text for q in qs] == ["The river is falling,"]  # the quoted prompts after the banner are furniture


def test_parenthetical_attribution(nlp):
    text = "The shelter, Tom Baker said, will stay open until the river falls."
    q = one(quotes(nlp, text), "will stay open")
    assert q.kind == "indirect" and q.cue.text == "said"
    assert q.speaker_name == "Tom Baker"


def test_signed_quote(nlp):
    text = "Readers wrote in after the flood.\n\n“We lost everything but each other.” ― Carla Mendes\n"
    q = one(quotes(nlp, text), "lost everything")
    assert q.speaker.text == "Carla Mendes"
    assert q.speaker_name == "Carla Mendes"


def test_transcript_speaker_label(nlp):
    text = "HOST: Thank you for joining us tonight on the program.\n\nLOPEZ: We need the bridge rebuilt before the winter comes.\n"
    q = one(quotes(nlp, text), "bridge rebuilt")
    assert q.kind == "direct"
    assert q.speaker.text == "LOPEZ"


def test_pronoun_does_not_resolve_to_a_document(nlp):
    text = ("Tom Baker runs the shelter. The county needs more beds, a Reuters report said.\n\n"
            "“We turn people away every night,” he said.")
    q = one(quotes(nlp, text), "turn people away")
    assert q.speaker_name == "Tom Baker"


def test_gender_learned_from_pronouns_and_role_subject(nlp):
    text = ("Finance Minister Claire Dubois presented the budget on Tuesday.\n\n"
            "Opposition leader Mark Feldman called the plan reckless. He said the deficit was too high.\n\n"
            "The minister rejected that criticism. “Our debt is the lowest in the group,” she said.")
    q = one(quotes(nlp, text), "debt is the lowest")
    assert q.speaker.text == "she"
    assert q.speaker_name == "Claire Dubois"


def test_infinitive_report_names_the_urger(nlp):
    text = "Maria Lopez wrote to the governor on Friday, urging the state to fund the new bridge."
    q = one(quotes(nlp, text), "fund the new bridge")
    assert q.kind == "indirect" and q.cue.text == "urging"
    assert q.speaker_name == "Maria Lopez"
    assert q.text.startswith("the state")


def test_section_labels_are_not_speakers(nlp):
    text = ("UPDATE: The mayor resigned after the council vote on Monday night.\n\n"
            "WATCH: Residents react to the news in the video below.\n")
    assert quotes(nlp, text) == []


def test_description_matches_abbreviated_title(nlp):
    text = ("Sen. Maria Lopez toured the flooded valley with Tom Baker on Friday.\n\n"
            "“The federal government has to pay for this,” the senator said.")
    q = one(quotes(nlp, text), "federal government")
    assert q.speaker.text == "the senator"
    assert q.speaker_name == "Maria Lopez"


def test_passive_cue_names_its_agent(nlp):
    text = "“Keep your doors locked tonight,” residents were told by Sheriff Ana Ruiz."
    q = one(quotes(nlp, text), "doors locked")
    assert q.cue.text == "told"
    assert "Ana Ruiz" in q.speaker.text
    assert q.speaker_name.endswith("Ana Ruiz")


def test_participle_cue_after_a_person(nlp):
    text = "The film opens with a clip of Tom Baker saying, “Nobody here remembers a winter this cold.”"
    q = one(quotes(nlp, text), "winter this cold")
    assert q.speaker.text == "Tom Baker"
    assert q.speaker_name == "Tom Baker"


def test_appositive_name_of_any_description(nlp):
    text = "One of the union's lawyers, Maria Lopez, said the strike would continue through the weekend."
    q = one(quotes(nlp, text), "strike would continue")
    assert q.speaker_name == "Maria Lopez"


def test_epithet_resolves_to_the_prominent_person(nlp):
    text = ("Tom Baker opened the new factory on Monday. Baker has run the company for ten years.\n\n"
            "The plant employs 400 people, Baker said.\n\n"
            "The Ohio businessman said the plant would double its staff by next spring.")
    q = one(quotes(nlp, text), "double its staff")
    assert q.speaker.text == "The Ohio businessman"
    assert q.speaker_name == "Tom Baker"


def test_they_and_it_resolve_to_an_organisation_subject(nlp):
    q = one(quotes(nlp, "The Harbor Authority closed the port on Monday. "
                        "They said the cranes had been damaged by the storm."), "cranes had been")
    assert q.speaker.text == "They"
    assert q.speaker_name == "Harbor Authority"
    q = one(quotes(nlp, "Greenpeace criticised the plan on Friday. "
                        "It said the new dam would destroy the wetlands along the river."), "new dam")
    assert q.speaker_name == "Greenpeace"


def test_issued_statement_names_the_issuer(nlp):
    text = "The Harbor Authority issued a statement calling the strike “an illegal walkout by a handful of workers.”"
    q = one(quotes(nlp, text), "illegal walkout")
    assert q.speaker.text == "The Harbor Authority"
    assert q.speaker_name == "Harbor Authority"


def test_what_he_called_names_the_sentence_subject(nlp):
    text = "Mayor Tom Baker condemned what he called a “reckless attack on our water supply.”"
    q = one(quotes(nlp, text), "reckless attack")
    assert q.speaker.text.endswith("Tom Baker")
    assert q.speaker_name == "Tom Baker"



def test_mixed_quote_in_second_conjunct_keeps_the_whole_report(nlp):
    text = ("The harbour master said the crane had not yet been inspected since the storm, "
            "and there were “deep cracks everywhere” along its base.")
    q = one(quotes(nlp, text), "deep cracks everywhere")
    assert q.kind == "mixed"
    assert q.text.startswith("the crane had not")
    assert q.text.endswith("along its base")


def test_floating_quote_after_a_new_named_subject(nlp):
    text = ("“We will not close the clinic,” said Tom Baker, the hospital director.\n\n"
            "On local radio, Senator Ana Ruiz named the budget cuts as the main reason for the crisis. "
            "“The state has abandoned the rural hospitals for a decade.”")
    q = one(quotes(nlp, text), "abandoned the rural")
    assert q.cue is None
    assert q.speaker_name == "Ana Ruiz"


def test_participle_after_a_report_is_its_own_attribution(nlp):
    text = ("Tom Baker said he didn't think the new rules hurt small farms in 2019, "
            "arguing that it was the drought that did the damage.")
    qs = quotes(nlp, text)
    first = one(qs, "new rules hurt")
    assert "arguing" not in first.text
    second = one(qs, "drought that did")
    assert second.cue.text == "arguing"
    assert second.speaker_name == "Tom Baker"


def test_what_it_called_takes_the_subject_and_its_organisation(nlp):
    text = ("The Harbor Authority defended its decision on Monday. "
            "It rejected what it called “a campaign of lies about the port.”")
    q = one(quotes(nlp, text), "campaign of lies")
    assert q.speaker.text == "It" and text[q.speaker.start:q.speaker.start + 11] == "It rejected"
    assert q.speaker_name == "Harbor Authority"


def test_single_quoted_section_heading_is_not_a_quote(nlp):
    text = ("“We will not close the clinic,” said Tom Baker, the hospital director.\n\n"
            "'A Town Without Doctors'\n\n"
            "The nearest hospital is two hours away by car.")
    qs = quotes(nlp, text)
    assert not [q for q in qs if "Town Without" in q.text]
    assert one(qs, "close the clinic").speaker_name == "Tom Baker"


def test_mixed_naming_ends_before_a_scene_adjunct_or_dash(nlp):
    qs = quotes(nlp, "Mayor Tom Baker criticized the new toll as a “tax on the poor” during a town hall in Springfield.")
    q = one(qs, "tax on the poor")
    assert q.kind == "mixed"
    assert q.text == "the new toll as a “tax on the poor”"
    qs = quotes(nlp, "Ana Ruiz likened the budget to “a house of cards” — a charge the governor denied.")
    q = one(qs, "house of cards")
    assert "governor" not in q.text


def test_mixed_report_ends_before_a_trailing_participle(nlp):
    text = ("The coach keeps wondering whether the referees can stay “neutral” in the final, "
            "repeating what his players have long complained about.")
    q = one(quotes(nlp, text), "“neutral”")
    assert q.kind == "mixed"
    assert q.text == "the referees can stay “neutral” in the final"


def test_who_speaker_takes_the_nearest_noun_and_the_described_subject(nlp):
    q = one(quotes(nlp, "The park has become a focal point for protesters here, who have taken to the "
                        "streets and said the footage must be released."), "footage must")
    assert q.speaker.text == "who"
    assert q.speaker_name == "protesters"
    q = one(quotes(nlp, "Tom Baker is a farmer, a veteran and a union organizer who has repeatedly said "
                        "the new dam will ruin the valley."), "new dam")
    assert q.speaker_name == "Tom Baker"
