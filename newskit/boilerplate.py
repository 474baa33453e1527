"""Site furniture: mark the regions of a page that are not the article.

Scraped news text carries comment prompts, "Read all the Latest News"
banners, share buttons, related-story and most-read lists, newsletter boxes
and video captions, often in the middle of the story, and repeats its
headline. This module marks such regions; it never rewrites the text, so
offsets stay true. Every other component ignores anything that starts inside
a marked region, and only there: the article after a region is analysed.

Rules (``models/boilerplate.json``), each region named by its ``kind``:

* "tail": a tail line (comment prompt, "Related stories:", "Most read",
  "Tags: ...", newsletter box) starts a region that takes in the lines after
  it up to the next line of article prose (:func:`is_prose`: sentence length,
  sentence punctuation, lower-case words, not a link-list item). With no
  prose after it the region runs to the end of the page. Tail lines count only
  once some article text was seen.
* "line": single furniture lines anywhere (share buttons, "Also read:" links,
  cookie notices, advertisement markers, video running times, bare URLs).
* "repeated-headline": a line repeating one of the first lines, when it is
  not prose (a paragraph quoted twice is left alone).

Limits: patterns are line-based; furniture glued inside a paragraph of real
text is not detected, and prose inside furniture (a reader's comment, an
author's biography) ends a tail region like article prose does.
"""
from __future__ import annotations

import re
from typing import List, NamedTuple, Optional

from spacy.language import Language
from spacy.tokens import Doc

from . import document
from .components import DataComponent
from .resources import load_json, per_models



class Region(NamedTuple):
    """A marked stretch of text: ``text[start:end]`` is furniture of this ``kind``."""

    start: int
    end: int
    kind: str  # "tail", "line" or "repeated-headline"


class _Rules(NamedTuple):
    tail: "re.Pattern[str]"
    line: "re.Pattern[str]"
    repeat_window: int
    repeat_min_chars: int
    tail_after_lines: int


class _Prose(NamedTuple):
    min_words: int
    min_lower_share: float
    question_min_words: int
    sentence_end: "re.Pattern[str]"
    list_item: "re.Pattern[str]"
    sentence_split: "re.Pattern[str]"


def _alternation(patterns: List[str]) -> "re.Pattern[str]":
    return re.compile("(?:" + "|".join(patterns) + r")\Z", re.I)


@per_models
def _rules() -> _Rules:
    data = load_json("boilerplate.json")
    return _Rules(_alternation(data["tail"]), _alternation(data["line"]), int(data.get("repeat_window", 5)),
                  int(data.get("repeat_min_chars", 16)), int(data.get("tail_after_lines", 2)))


@per_models
def _prose() -> _Prose:
    p = load_json("boilerplate.json")["prose"]
    return _Prose(int(p["min_words"]), float(p["min_lower_share"]), int(p["question_min_words"]),
                  re.compile(p["sentence_end"]), re.compile(p["list_item"]), re.compile(p["sentence_split"]))


_OPENERS = "\"'“‘([«"


def is_prose(line: str) -> bool:
    """True when a (stripped) line reads as article prose, not a headline or link."""
    rules = _prose()
    words = line.split()
    if len(words) < rules.min_words or not rules.sentence_end.search(line) or rules.list_item.match(line):
        return False
    if line[-1] in "?!" and len(words) < rules.question_min_words:
        return False  # "Is this the end of the ferry?": a headline, unless quoted or long
    initials = [w.lstrip(_OPENERS)[:1] for w in words]
    letters = [c for c in initials if c.isalpha()]
    lower = sum(1 for c in letters if c.islower())
    return bool(letters) and lower >= rules.min_lower_share * len(letters)


def has_prose(text: str) -> bool:
    """True when some line of ``text``, or some sentence of a long line, is prose."""
    split = _prose().sentence_split
    return any(is_prose(part.strip()) for line in text.splitlines() for part in split.split(line))


def _lines(text: str):
    pos = 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        lead = len(body) - len(body.lstrip())
        yield pos + lead, pos + len(body.rstrip()), body.strip()
        pos += len(raw)


def _repeated_headlines(lines, rules: _Rules) -> List[Region]:
    """A headline (one of the first lines, not prose) printed twice: the repeat is furniture."""
    out: List[Region] = []
    top = {}
    for k, (s, e, t) in enumerate(lines):
        norm = " ".join(t.split()).casefold()
        if len(norm) < rules.repeat_min_chars or is_prose(t):
            continue
        if norm in top:
            out.append(Region(s, e, "repeated-headline"))
        elif k < rules.repeat_window:
            top[norm] = k
    return out


def _furniture_lines(lines, rules: _Rules, n: int) -> List[Region]:
    """Tail regions (each up to the next prose line) and single furniture lines."""
    out: List[Region] = []
    content = 0
    tail: Optional[List[int]] = None  # [start, end] of the open tail region
    for start, end, body in lines:
        is_line, is_tail = bool(rules.line.match(body)), bool(rules.tail.match(body))
        if tail is not None:
            if is_line or is_tail or not is_prose(body):
                tail[1] = end
                continue
            out.append(Region(tail[0], tail[1], "tail"))  # article prose resumes here
            tail = None
        if is_tail and content >= rules.tail_after_lines:
            tail = [start, end]
        elif is_line:
            out.append(Region(start, end, "line"))
        elif len(body.split()) >= 6:
            content += 1
    if tail is not None:
        out.append(Region(tail[0], n, "tail"))
    return out


def find_boilerplate(text: str) -> List[Region]:
    """Regions of ``text`` that are site furniture, sorted and disjoint."""
    rules = _rules()
    lines = [ln for ln in _lines(text) if ln[2]]
    return _merge(_repeated_headlines(lines, rules) + _furniture_lines(lines, rules, len(text)))


def _merge(regions: List[Region]) -> List[Region]:
    """Overlapping regions become one, named by the one that starts first (the widest on a tie)."""
    out: List[Region] = []
    for r in sorted(regions, key=lambda r: (r.start, -r.end)):
        if out and r.start <= out[-1].end:
            out[-1] = out[-1]._replace(end=max(r.end, out[-1].end))
        else:
            out.append(r)
    return out


def boilerplate_component(doc: Doc) -> Doc:
    doc._.boilerplate = find_boilerplate(document.text(doc))
    document.forget(doc)
    return doc


@Language.factory("newskit_boilerplate", assigns=["doc._.boilerplate"])
def make_boilerplate(nlp: Language, name: str) -> DataComponent:
    """The ``newskit_boilerplate`` component: furniture regions in ``doc._.boilerplate``."""
    return DataComponent(nlp, name, boilerplate_component)
