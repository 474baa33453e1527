"""Site furniture: mark the regions of a page that are not the article.

Scraped news text carries comment prompts, "Read all the Latest News"
banners, share buttons, related-story and most-read lists, newsletter boxes
and video captions, often in the middle of the story, and repeats its
headline. This module marks such regions; it never rewrites the text, so
offsets stay true. Every other component ignores anything that starts inside
a marked region, and only there: the article after a region is analysed.

Rules (``models/en/boilerplate/boilerplate.json``, typed as :class:`BoilerplateData`),
each region named by its ``kind``; the numbers are the component's config:

* "tail": a tail line (comment prompt, "Related stories:", "Most read",
  "Tags: ...", newsletter box) starts a region that takes in the lines after
  it up to the next line of article prose (:meth:`~newskit.nlp.data.Prose.is_prose`, shared data:
  sentence length, sentence punctuation, lower-case words, not a link-list item). With no
  prose after it the region runs to the end of the page. Tail lines count only
  once ``tail_after_lines`` lines of article text were seen.
* "line": single furniture lines anywhere (share buttons, "Also read:" links,
  cookie notices, advertisement markers, video running times, bare URLs).
* "repeated-headline": a line of at least ``repeat_min_chars`` characters repeating one
  of the first ``repeat_window`` lines, when it is not prose (a paragraph quoted twice is
  left alone).

Limits: patterns are line-based; furniture glued inside a paragraph of real
text is not detected, and prose inside furniture (a reader's comment, an
author's biography) ends a tail region like article prose does.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, NamedTuple, Optional

from spacy.language import Language
from spacy.tokens import Doc

from . import document
from .components import Component
from .data import DocumentData, Prose, read_json

__all__ = ["Region", "BoilerplateData", "BoilerplateConfig", "find_boilerplate", "BoilerplateComponent",
           "DEFAULT_CONFIG"]

# The numbers of the rules, in the component's config (a saved pipeline's config.cfg shows them).
# Hand-set when the rules were written (no evaluation set scores furniture); the reason is beside each.
DEFAULT_CONFIG = {
    "repeat_window": 5,      # a headline printed twice repeats one of the first 5 non-empty lines
    "repeat_min_chars": 16,  # shorter repeated lines ("Share", "Video") are left to the line rules
    "tail_after_lines": 2,   # a tail line counts once 2 lines of at least 6 words were seen
}


class Region(NamedTuple):
    """A marked stretch of text: ``text[start:end]`` is furniture of this ``kind``."""

    start: int
    end: int
    kind: str  # "tail", "line" or "repeated-headline"


@dataclass(frozen=True)
class BoilerplateConfig:
    repeat_window: int
    repeat_min_chars: int
    tail_after_lines: int


@dataclass(frozen=True)
class BoilerplateData:
    """The furniture patterns (``boilerplate.json``) and what makes a line prose (shared)."""

    tail: "re.Pattern[str]"
    line: "re.Pattern[str]"
    prose: Prose

    @classmethod
    def load(cls, folder: Path, document: DocumentData) -> "BoilerplateData":
        data = read_json(Path(folder) / "boilerplate.json")
        return cls(_alternation(data["tail"]), _alternation(data["line"]), document.prose)


def _alternation(patterns: List[str]) -> "re.Pattern[str]":
    return re.compile("(?:" + "|".join(patterns) + r")\Z", re.I)


def _lines(text: str):
    pos = 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        lead = len(body) - len(body.lstrip())
        yield pos + lead, pos + len(body.rstrip()), body.strip()
        pos += len(raw)


def _repeated_headlines(lines, data: BoilerplateData, cfg: BoilerplateConfig) -> List[Region]:
    """A headline (one of the first lines, not prose) printed twice: the repeat is furniture."""
    out: List[Region] = []
    top = {}
    for k, (s, e, t) in enumerate(lines):
        norm = " ".join(t.split()).casefold()
        if len(norm) < cfg.repeat_min_chars or data.prose.is_prose(t):
            continue
        if norm in top:
            out.append(Region(s, e, "repeated-headline"))
        elif k < cfg.repeat_window:
            top[norm] = k
    return out


def _furniture_lines(lines, data: BoilerplateData, cfg: BoilerplateConfig, n: int) -> List[Region]:
    """Tail regions (each up to the next prose line) and single furniture lines."""
    out: List[Region] = []
    content = 0
    tail: Optional[List[int]] = None  # [start, end] of the open tail region
    for start, end, body in lines:
        is_line, is_tail = bool(data.line.match(body)), bool(data.tail.match(body))
        if tail is not None:
            if is_line or is_tail or not data.prose.is_prose(body):
                tail[1] = end
                continue
            out.append(Region(tail[0], tail[1], "tail"))  # article prose resumes here
            tail = None
        if is_tail and content >= cfg.tail_after_lines:
            tail = [start, end]
        elif is_line:
            out.append(Region(start, end, "line"))
        elif len(body.split()) >= 6:
            content += 1
    if tail is not None:
        out.append(Region(tail[0], n, "tail"))
    return out


def find_boilerplate(text: str, data: BoilerplateData, cfg: BoilerplateConfig) -> List[Region]:
    """Regions of ``text`` that are site furniture, sorted and disjoint."""
    lines = [ln for ln in _lines(text) if ln[2]]
    return _merge(_repeated_headlines(lines, data, cfg) + _furniture_lines(lines, data, cfg, len(text)))


def _merge(regions: List[Region]) -> List[Region]:
    """Overlapping regions become one, named by the one that starts first (the widest on a tie)."""
    out: List[Region] = []
    for r in sorted(regions, key=lambda r: (r.start, -r.end)):
        if out and r.start <= out[-1].end:
            out[-1] = out[-1]._replace(end=max(r.end, out[-1].end))
        else:
            out.append(r)
    return out


class BoilerplateComponent(Component):
    """``newskit_boilerplate``: furniture regions in ``doc._.boilerplate``."""

    folder = "boilerplate"

    def __init__(self, nlp: Language, name: str, cfg: Dict[str, int]):
        super().__init__(nlp, name, cfg)
        self.settings = BoilerplateConfig(**cfg)

    def load_data(self, folder: Path, document: DocumentData) -> BoilerplateData:
        return BoilerplateData.load(folder, document)

    def __call__(self, doc: Doc) -> Doc:
        doc._.boilerplate = find_boilerplate(document.text(doc), self.data, self.settings)
        document.forget(doc)
        return doc


@Language.factory("newskit_boilerplate", assigns=["doc._.boilerplate"], default_config=DEFAULT_CONFIG)
def make_boilerplate(nlp: Language, name: str, repeat_window: int, repeat_min_chars: int,
                     tail_after_lines: int) -> BoilerplateComponent:
    """The ``newskit_boilerplate`` component: furniture regions in ``doc._.boilerplate``."""
    return BoilerplateComponent(nlp, name, {"repeat_window": repeat_window, "repeat_min_chars": repeat_min_chars,
                                             "tail_after_lines": tail_after_lines})
