"""A text far beyond nlp.max_length: 300 copies of one article, every copy analysed alike."""
from pathlib import Path

import pytest

from newskit.read.ingest import Article
from newskit.nlp.pipeline import PIECE_CHARS, analyze

from .conftest import assert_offsets

ARTICLE = (Path(__file__).parent / "data" / "ferry_article.txt").read_text(encoding="utf-8")
SEP = "\n\n"
COPIES = 300
STRIDE = len(ARTICLE) + len(SEP)


def _found(rec):
    for e in rec.entities:
        for m in e.mentions:
            yield ("entity", m.start, m.end, m.text)
    for q in rec.quotes:
        yield ("quote", q.start, q.end, q.speaker_name)
    for d in rec.dates:
        yield ("date", d.start, d.end, d.type)


@pytest.fixture(scope="module")
def records(nlp):
    text = SEP.join([ARTICLE] * COPIES)
    arts = [Article(id="one", source="one", text=ARTICLE, published="2024-03-04"),
            Article(id="all", source="all", text=text, published="2024-03-04")]
    one, whole = analyze(nlp, arts)
    return text, one, whole


def test_every_copy_of_a_long_text_is_analysed(nlp, records):
    text, one, whole = records
    assert len(text) >= 1_400_000 > nlp.max_length  # parsed in pieces
    assert_offsets(whole.model_dump(), text)
    per_copy = [set() for _ in range(COPIES)]
    for kind, s, e, what in _found(whole):
        k = s // STRIDE
        per_copy[k].add((kind, s - k * STRIDE, e - k * STRIDE, what))
    alone = set(_found(one))
    assert per_copy[0] == alone
    # later copies open after the previous copy's "Comments (2)": that furniture takes in
    # their headline and byline (not prose) and ends at the dateline paragraph
    story = ARTICLE.index("KIRKHOLM,")
    later = {f for f in alone if f[1] >= story}
    assert {k for k in ("entity", "quote", "date") if any(f[0] == k for f in later)} == {"entity", "quote", "date"}
    extra = 0
    for k in range(1, COPIES):
        assert later <= per_copy[k], f"copy {k + 1} lost {sorted(later - per_copy[k])[:3]}"
        extra += len(per_copy[k] - later)
    # where a piece starts (PIECE_CHARS), the parse may differ a little (a sentence opens there)
    assert extra <= len(text) // PIECE_CHARS
    tails = [(r.start % STRIDE, r.end % STRIDE) for r in whole.boilerplate if r.kind == "tail" and r.start > STRIDE]
    assert (ARTICLE.index("Comments (2)"), story - 2) in tails
    assert whole.content_end == len(text) - len("Comments (2)\n")
