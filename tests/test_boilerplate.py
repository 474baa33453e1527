"""Boilerplate: site furniture is marked (own texts), never rewritten, and yields nothing."""
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newskit.nlp import results
from newskit.nlp.boilerplate import DEFAULT_CONFIG, BoilerplateConfig, BoilerplateData, find_boilerplate
from newskit.nlp.data import DocumentData, installed_folder
from newskit.nlp.document import in_furniture as in_boilerplate
from newskit.nlp.results import content_end

SHARED = DocumentData.load()
DATA = BoilerplateData.load(installed_folder("boilerplate"), SHARED)
CFG = BoilerplateConfig(**DEFAULT_CONFIG)

STORY = ("Harbour master Jane Okafor said the ports in Lindholm would stay shut until Friday.\n"
         "Fishermen were told to stay ashore while the storm moved along the northern coast.\n")


def marked(text):
    return [text[s:e] for s, e, _ in find_boilerplate(text, DATA, CFG)]


def test_comment_prompts_and_latest_news_banner_end_the_article():
    text = STORY + "Read all the Latest News, Breaking News and Cricket Updates here.\nWhat's your reaction?\n0 comment\n"
    regions = find_boilerplate(text, DATA, CFG)
    start = text.index("Read all")
    assert regions[-1] == (start, len(text), "tail")


def test_comment_prompt_without_article_text_before_is_not_a_tail():
    text = "Comments\n" + STORY
    assert find_boilerplate(text, DATA, CFG) == []


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
    return any(s <= pos < e for s, e, _ in find_boilerplate(text, DATA, CFG))


def test_headline_printed_twice_only_the_repeat_is_marked():
    head = "Storm Closes Ports Along The Northern Coast"
    text = head + "\nBy Staff Writer\n" + head + "\n" + STORY
    assert find_boilerplate(text, DATA, CFG) == [(len(head) + 17, 2 * len(head) + 17, "repeated-headline")]


def test_pipeline_marks_regions_and_other_steps_ignore_them(nlp):
    head = "Okafor Shuts Lindholm Ports"
    text = head + "\n" + head + "\n" + STORY + "Also read: Okafor Visits Bergen Harbour\nRead more of the latest news here\n"
    doc = nlp(text)
    assert in_boilerplate(doc, len(head) + 1)
    assert not in_boilerplate(doc, 0)
    assert content_end(doc) == text.index("Read more")
    also = text.index("Also read")
    repeat = (len(head) + 1, 2 * len(head) + 1)
    for ent in results.entities(doc):
        for m in ent.mentions:
            assert m.start < also and not (repeat[0] <= m.start < repeat[1])
    assert "Bergen" not in [e.name for e in results.entities(doc)]


# --------------------------------------------------------------------------- furniture mid-article

FERRY = (Path(__file__).parent / "data" / "ferry_article.txt").read_text(encoding="utf-8")
# after the paragraph with the doctor's name, before the paragraph quoting him
CUT = FERRY.index("Related stories:")
PLAIN = FERRY[:CUT] + FERRY[FERRY.index("\"It has been a hard"):].replace("Story continues below advertisement\n\n", "")

MID_ARTICLE = {
    "related stories": ("Related stories:\n\nKirkholm Council Approves New Harbour Wall\n"
                        "Charter Boat Operator Adds Weekend Sailings\n\n", "tail"),
    "link list": ("Related stories:\n- Gdansk Yard Wins Order For Second Island Ferry\n"
                  "- Mainland Hospital Opens Outreach Clinic In Lerwick\n\n", "tail"),
    "most read": ("Most read\n\n1. Lerwick Pier Closed After Storm Damage\n2. Aberdeen Schools Shut For A Day\n\n", "tail"),
    "advertisement": ("Story continues below advertisement\n\n", "line"),
    "newsletter": ("Sign up for our weekly island newsletter\n\n"
                   "Get the week's top stories from Kirkholm delivered to your inbox every Friday.\n\n"
                   "Enter your email address\n\nSign up\n\n"
                   "By signing up you agree to our privacy policy.\n\n", "tail"),
    "video caption": ("Video: Mariam Oduya Tours The Repaired Engine Room (2:43)\n\n", "line"),
    "running time": ("2:43\n\n", "line"),
    "comments": ("Comments (3)\n\n", "tail"),
    "tags": ("Tags: Kirkholm, Saint Brendan, Scottish Government\n\n", "tail"),
    "trending": ("Trending now\n\nAberdeen Council Names New Harbour Chief\n\n", "tail"),
}


def _found(rec):
    for e in rec.entities:
        for m in e.mentions:
            yield ("entity", m.start, m.end)
    for q in rec.quotes:
        yield ("quote", q.start, q.end)
    for d in rec.dates:
        yield ("date", d.start, d.end)


@pytest.fixture(scope="module")
def mid_article_records(nlp):
    from newskit.read.ingest import Article
    from newskit.nlp.pipeline import analyze

    arts = [Article(id="plain", source="plain", text=PLAIN, published="2024-03-04")]
    for name, (block, _) in MID_ARTICLE.items():
        arts.append(Article(id=name, source=name, text=PLAIN[:CUT] + block + PLAIN[CUT:], published="2024-03-04"))
    return {rec.id: rec for rec in analyze(nlp, arts)}


@pytest.mark.parametrize("name", list(MID_ARTICLE))
def test_furniture_mid_article_hides_only_itself(mid_article_records, name):
    block, kind = MID_ARTICLE[name]
    plain, rec = mid_article_records["plain"], mid_article_records[name]
    shift = len(block)
    # the furniture is one region of its kind, ending before the story resumes
    [region] = [r for r in rec.boilerplate if r.start == CUT]
    assert region.kind == kind
    assert region.end == CUT + len(block.rstrip())
    assert rec.content_end == plain.content_end + shift  # the trailing "Comments (2)" only
    # nothing is found in the furniture, everything before and after it still is
    moved = {(k, s + shift * (s >= CUT), e + shift * (s >= CUT)) for k, s, e in _found(plain)}
    got = set(_found(rec))
    assert not [f for f in got if CUT <= f[1] < CUT + shift]
    after = {f for f in moved if f[1] >= CUT + shift}
    assert len(after) > 40 and after <= got
    assert got == moved


def test_prose_judge():
    is_prose = SHARED.prose.is_prose

    assert is_prose("The council met on Monday and agreed to repair the pier.")
    assert is_prose("\u201cWe will be back,\u201d she said.")
    assert not is_prose("Council Agrees To Repair The Old Pier At Last.")  # title case
    assert not is_prose("Council agrees to repair the old pier")  # no sentence end
    assert not is_prose("Will the old pier ever be repaired?")  # a headline question
    assert not is_prose("- The council agreed to repair the old pier.")  # a list item
    assert not is_prose("Pier repaired.")  # too short to tell


PROSE_LINES = [
    "The harbour board met on Tuesday and agreed to repair the old pier.",
    "\u201cWe cannot wait another winter,\u201d the chair of the board said.",
    "Work is expected to start in May and should take about six weeks.",
]
TAIL_LINES = ["Related stories:", "Most read", "Comments (3)", "Tags: Kirkholm, Harbour", "Trending now",
              "Sign up for our daily newsletter"]
SINGLE_LINES = ["Story continues below advertisement", "2:43", "Enter your email address", "Share this article"]
LIST_ITEMS = ["- Pier Repairs Approved", "1. Harbour Wall Cracks Again", "Kirkholm Pier Closed For Winter"]


@given(st.lists(st.sampled_from(PROSE_LINES + TAIL_LINES + SINGLE_LINES + LIST_ITEMS), max_size=14, unique=True),
       st.sampled_from(["\n", "\n\n"]))
def test_regions_cover_furniture_and_never_prose(lines, sep):
    lines = PROSE_LINES[:2] + lines  # some article text first: tail lines count only after it (a
    # list item printed twice near the top would be a repeated headline: items are unique)
    text = sep.join(lines)
    regions = find_boilerplate(text, DATA, CFG)
    assert all(0 <= s < e <= len(text) for s, e, _ in regions)
    assert all(a.end < b.start for a, b in zip(regions, regions[1:]))  # sorted, disjoint
    pos, in_block = 0, False
    for line in lines:
        in_block = line in TAIL_LINES or in_block and line not in PROSE_LINES
        inside = any(s <= pos < e for s, e, _ in regions)
        assert inside == (line in SINGLE_LINES or in_block), line
        pos += len(line) + len(sep)
