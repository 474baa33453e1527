"""Typed output records of newskit.

One :class:`ArticleRecord` is produced per article. The same pydantic models
generate the published JSON Schema (``newskit schema``), so the schema and the
output cannot drift apart. Offsets are code-point offsets (Python ``str``
indices) into the article text as read, end exclusive.
"""
from __future__ import annotations

from typing import List, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TextSpan(_Model):
    """A piece of the article text: ``text == article[start:end]``."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Region(_Model):
    """A stretch of the article text, by offsets only."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Entity(_Model):
    """One real-world thing mentioned in the article, with all its mentions."""

    id: str = Field(description="Article-local id: E1, E2, ... in order of first mention.")
    name: str = Field(description="The article's name for it: the fullest form used in the article.")
    canonical: Optional[str] = Field(None, description="Name across a corpus (what `newskit summarize` groups by): for a country, any of its forms "
                                       "('U.S.', 'the United States', 'America') gives one name from ISO 3166 (pycountry) or "
                                       "newskit's alias list; otherwise the same as `name`. Absent from older newskit output.")
    label: str = Field(description="spaCy entity label (PERSON, ORG, GPE, ...), one per entity.")
    label_source: Optional[Literal["model", "gazetteer", "context", "vote"]] = Field(
        None, description="What decided the label: the parser's labels agreeing (model), a known place name (gazetteer), "
                    "words in or around the name such as a title, a company's verb or an event word (context), "
                    "or a majority of the parser's labels for mentions that disagreed (vote). Absent from older newskit output.")
    mentions: List[TextSpan]
    count: int = Field(description="Number of mentions.")
    first: int = Field(description="Start offset of the first mention.")
    titles: List[str] = Field(default_factory=list, description="Titles and roles seen before the name (Ambassador, Sen., ...).")


class Quote(_Model):
    """A quotation or reported speech with its cue and speaker."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    kind: Literal["direct", "indirect", "mixed"]
    cue: Optional[TextSpan] = None
    speaker: Optional[TextSpan] = Field(None, description="The in-text mention that governs the cue (may be a pronoun).")
    speaker_name: Optional[str] = Field(None, description="Resolved canonical name of the speaker.")
    speaker_entity: Optional[str] = Field(None, description="Id of the speaker's entity, when it is one.")


class DateExpr(_Model):
    """A temporal expression with its TIMEX3 type and value."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    type: Literal["DATE", "TIME", "DURATION", "SET"]
    value: Optional[str] = Field(None, description="TIMEX3 value; null when it needs a publication date that is unknown.")


class ArticleRecord(_Model):
    """Everything newskit found in one article."""

    id: str
    source: str = Field(description="Where the article came from: a path, 'path:line' for JSON Lines, or '<stdin>'.")
    title: Optional[str] = None
    published: Optional[str] = Field(None, description="Publication date used as the anchor, YYYY-MM-DD.")
    url: Optional[str] = None
    content_end: Optional[int] = Field(None, description="Offset where trailing site boilerplate starts, when detected.")
    boilerplate: List[Region] = Field(default_factory=list, description="Every region marked as site furniture (a repeated headline, share rows, the trailing furniture); nothing is reported from them.")
    entities: List[Entity] = Field(default_factory=list)
    quotes: List[Quote] = Field(default_factory=list)
    dates: List[DateExpr] = Field(default_factory=list)
    text: Optional[str] = Field(None, description="The article text, with --include-text.")


def json_schema() -> dict:
    """The JSON Schema of one output record."""
    schema = ArticleRecord.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema
