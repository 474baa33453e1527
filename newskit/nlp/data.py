"""Language data on disk: where each component's folder is, how its files are read, and the
data every component shares (:class:`DocumentData`).

Layout: ``models/<language>/<component>/`` (``models/en/dates/``, ``models/en/quotes/`` ...);
what two components (or a component and a reader) use lives once, in
``models/en/document/``, owned by the ``newskit_document`` component. In a built wheel
``models/`` is packaged as ``newskit/models``. A pipeline saved with ``nlp.to_disk``
holds each component's folder in that component's directory, and reads it from there.

Two readers cover every file: :func:`read_json` and :func:`read_words` (one item per
line, ``#`` comments). Nothing here caches: a component reads its folder once, when it
first needs its data, and keeps the typed result on the instance.

Limits: only English data exists; the functions take the language code so a second
language is a folder, not a code change.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, FrozenSet, Mapping, Optional, Tuple, Union

from .givennames import GivenNames

LANG = "en"
DOCUMENT = "document"
_PKG = Path(__file__).resolve().parent.parent  # the newskit package


def models_root() -> Path:
    """The installed ``models/`` folder (a source checkout's top level, or inside the wheel)."""
    for cand in (_PKG / "models", _PKG.parent / "models"):
        if cand.is_dir():
            return cand
    raise FileNotFoundError("newskit language data (models/) is missing from the installation")


def installed_folder(component: str, lang: str = LANG) -> Path:
    """The installed data folder of one component (``document``, ``dates``, ``quotes`` ...)."""
    return models_root() / lang / component


def read_json(path: Union[str, Path]) -> Any:
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def read_words(path: Union[str, Path]) -> Tuple[str, ...]:
    """A word list: one item per line, '#' starts a comment, blank lines skipped."""
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.split("#", 1)[0].strip()
            if line:
                out.append(line)
    return tuple(out)


def lowered(items) -> FrozenSet[str]:
    return frozenset(i.lower() for i in items)


def entries(data: Mapping[str, Any]) -> Dict[str, Any]:
    """A data file's entries without its documentation keys (those starting with '_')."""
    return {k: v for k, v in data.items() if not k.startswith("_")}


_OPENERS = "\"'“‘([«"


@dataclass(frozen=True)
class Prose:
    """What makes a line article prose (``document/prose.json``; read by the boilerplate
    component and by the HTML page reader)."""

    min_words: int
    min_lower_share: float
    question_min_words: int
    sentence_end: "re.Pattern[str]"
    list_item: "re.Pattern[str]"
    sentence_split: "re.Pattern[str]"

    @classmethod
    def from_json(cls, p: Mapping[str, Any]) -> "Prose":
        return cls(int(p["min_words"]), float(p["min_lower_share"]), int(p["question_min_words"]),
                   re.compile(p["sentence_end"]), re.compile(p["list_item"]), re.compile(p["sentence_split"]))

    def is_prose(self, line: str) -> bool:
        """True when a (stripped) line reads as article prose, not a headline or link."""
        words = line.split()
        if len(words) < self.min_words or not self.sentence_end.search(line) or self.list_item.match(line):
            return False
        if line[-1] in "?!" and len(words) < self.question_min_words:
            return False  # "Is this the end of the ferry?": a headline, unless quoted or long
        initials = [w.lstrip(_OPENERS)[:1] for w in words]
        letters = [c for c in initials if c.isalpha()]
        lower = sum(1 for c in letters if c.islower())
        return bool(letters) and lower >= self.min_lower_share * len(letters)

    def has_prose(self, text: str) -> bool:
        """True when some line of ``text``, or some sentence of a long line, is prose."""
        split = self.sentence_split
        return any(self.is_prose(part.strip()) for line in text.splitlines() for part in split.split(line))


@dataclass(frozen=True)
class DocumentData:
    """The language data more than one component reads, loaded from ``models/en/document/``.

    * ``months``, ``weekdays`` (name or abbreviation -> number) and ``time_zones``
      (``calendar.json``): dates, entity cleanup and the publication-date reader;
    * ``titles`` (``titles.txt``, lower case, in file order): entities and speakers;
    * ``speech_verbs`` (``speech_verbs.txt``, lemmas): quote cues and entity evidence;
    * ``dateline``, ``paragraph_dateline``, ``lead_line`` (``datelines.json``, compiled);
    * ``prose`` (``prose.json``): the boilerplate component and the HTML page reader;
    * ``given_names``: given-name gender from gender-guesser (:class:`GivenNames`, read on
      first use): the speaker resolver and the people step;
    * ``top_dates``: the date patterns a publication date at the top of a text may take
      (ISO, "March 15, 2023", "15 March 2023"; month names from the calendar), for the reader.
    """

    folder: Path
    months: Mapping[str, int]
    weekdays: Mapping[str, int]
    time_zones: Tuple[str, ...]
    titles: Tuple[str, ...]
    speech_verbs: FrozenSet[str]
    dateline: "re.Pattern[str]"
    paragraph_dateline: "re.Pattern[str]"
    lead_line: "re.Pattern[str]"
    prose: Prose
    top_dates: Tuple["re.Pattern[str]", ...]
    given_names: GivenNames

    @classmethod
    def load(cls, folder: Optional[Union[str, Path]] = None) -> "DocumentData":
        """Read a ``document`` folder (default: the installed one)."""
        folder = Path(folder) if folder is not None else installed_folder(DOCUMENT)
        cal = read_json(folder / "calendar.json")
        lines = {k: re.compile(v) for k, v in entries(read_json(folder / "datelines.json")).items()}
        return cls(folder=folder, months=dict(cal["months"]), weekdays=dict(cal["weekdays"]),
                   time_zones=tuple(cal["time_zones"]),
                   titles=tuple(t.lower() for t in read_words(folder / "titles.txt")),
                   speech_verbs=lowered(read_words(folder / "speech_verbs.txt")),
                   dateline=lines["dateline"], paragraph_dateline=lines["paragraph_dateline"],
                   lead_line=lines["lead_line"], prose=Prose.from_json(read_json(folder / "prose.json")),
                   top_dates=_top_dates(cal["months"]), given_names=GivenNames())

    @classmethod
    def for_model(cls, model: Optional[str]) -> "DocumentData":
        """The document data a pipeline named ``model`` will use, read without loading it:
        a saved newskit pipeline's own copy when ``model`` is its folder, else the installed one.
        (The readers need it before the model loads: the web reader starts first.)"""
        if model:
            saved = Path(model) / "newskit_document"
            if (saved / "calendar.json").is_file():
                return cls.load(saved)
        return cls.load()


def _top_dates(months) -> Tuple["re.Pattern[str]", ...]:
    month = "(?:%s)\\.?" % "|".join(sorted(months, key=len, reverse=True))
    return (re.compile(r"\b(\d{4}-\d{2}-\d{2})(?!\d)"),
            re.compile(rf"\b({month}\s+\d{{1,2}},?\s+\d{{4}})\b", re.I),
            re.compile(rf"\b(\d{{1,2}}\s+{month},?\s+\d{{4}})\b", re.I))
