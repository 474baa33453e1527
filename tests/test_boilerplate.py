"""Boilerplate: site furniture is marked (own texts), never rewritten, and yields nothing."""
import pytest

from newskit.boilerplate import content_end, find_boilerplate, in_boilerplate
from newskit.pipeline import load_pipeline

STORY = ("Harbour master Jane Okafor said the ports in Lindholm would stay shut until Friday.\n"
         "Fishermen were told to stay ashore while the storm moved along the northern coast.\n")


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def marked(text):
    return [text[s:e] for s, e, _ in find_boilerplate(text)]


def test_comment_prompts_and_latest_news_banner_end_the_article():
    text = STORY + "Read all the Latest News, Breaking News and Cricket Updates here.\nWhat's your reaction?\n0 comment\n"
    regions = find_boilerplate(text)
    start = text.index("Read all")
    assert regions[-1] == (start, len(text), "tail")


def test_comment_prompt_without_article_text_before_is_not_a_tail():
    text = "Comments\n" + STORY
    assert find_boilerplate(text) == []


def test_share_buttons_also_read_links_and_cookie_notice_are_single_lines():
    text = ("We use cookies to improve your experience. By using our site you accept cookies.\n" + STORY
            + "Also Read: Ferry Company Cancels Trips As Winds Rise\n"
            + "Facebook Twitter WhatsApp Email\n"
            + "Share this article\n"
            + "The coast guard said the harbour would reopen on Saturday morning.\n")
    for line in ("We use cookies to improve", "Also Read: Ferry", "Facebook Twitter", "Share this article"):
        assert in_boilerplate_text(text, text.index(line)), line
    for line in ("Harbour master", "Fishermen were"):
        assert not in_boilerplate_text(text, text.index(line)), line
    assert not in_boilerplate_text(text, text.index("The coast guard"))


def in_boilerplate_text(text, pos):
    return any(s <= pos < e for s, e, _ in find_boilerplate(text))


def test_headline_printed_twice_only_the_repeat_is_marked():
    head = "Storm Closes Ports Along The Northern Coast"
    text = head + "\nBy Staff Writer\n" + head + "\n" + STORY
    assert find_boilerplate(text) == [(len(head) + 17, 2 * len(head) + 17, "repeated-headline")]


def test_pipeline_marks_regions_and_other_steps_ignore_them(nlp):
    head = "Okafor Shuts Lindholm Ports"
    text = head + "\n" + head + "\n" + STORY + "Also read: Okafor Visits Bergen Harbour\nRead more of the latest news here\n"
    doc = nlp(text)
    assert in_boilerplate(doc, len(head) + 1)
    assert not in_boilerplate(doc, 0)
    assert content_end(doc) == text.index("Read more")
    also = text.index("Also read")
    repeat = (len(head) + 1, 2 * len(head) + 1)
    for ent in doc._.nk_entities:
        for m in ent.mentions:
            assert m.start < also and not (repeat[0] <= m.start < repeat[1])
    assert "Bergen" not in [e.name for e in doc._.nk_entities]
