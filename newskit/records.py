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
    """A stretch of the article text set aside as site furniture, by offsets, with the rule that marked it."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    kind: Optional[Literal["tail", "line", "repeated-headline"]] = Field(
        None, description="The rule: 'tail' (a furniture block such as a related-stories list or comment prompts, "
                          "up to where the article resumes), 'line' (one furniture line), 'repeated-headline'. "
                          "Null only in records written before regions were named.")


class Entity(_Model):
    """One real-world thing mentioned in the article, with all its mentions."""

    id: str = Field(description="Article-local id: E1, E2, ... in order of first mention.")
    name: str = Field(description="The article's name for it: the fullest form used in the article.")
    canonical: Optional[str] = Field(None, description="Name across a corpus (what `newskit summarize` groups by): for a country, any of its forms "
                                       "('U.S.', 'the United States', 'America') gives one name from ISO 3166 (pycountry) or "
                                       "newskit's alias list; otherwise the same as `name`. Absent from older newskit output.")
    label: str = Field(description="spaCy entity label (PERSON, ORG, GPE, ...), one per entity; PERSON is a person the "
                                   "article mentions, CREDIT a name seen only in a photo or wire credit or a byline.")
    label_source: Optional[Literal["model", "gazetteer", "context", "vote"]] = Field(
        None, description="What decided the label: the parser's labels agreeing (model), a known place name (gazetteer), "
                    "words in or around the name such as a title, a company's verb or an event word (context), "
                    "or a majority of the parser's labels for mentions that disagreed (vote). Absent from older newskit output.")
    mentions: List[TextSpan]
    count: int = Field(description="Number of mentions.")
    first: int = Field(description="Start offset of the first mention.")
    titles: List[str] = Field(default_factory=list, description="Titles and roles seen before the name (Ambassador, Sen., ...).")
    role: Optional[Literal["credit"]] = Field(None, description="'credit' when the entity is only named in credits (photo, wire "
                                              "or video credits, bylines, author notes): not a person or thing the article mentions.")
    gender: Optional[Literal["female", "male"]] = Field(
        None, description="For a PERSON: the gender the article's words present (not a statement about the person's identity); "
                          "null when the text gives no answer or the evidence ties, and with --no-gender.")
    gender_source: Optional[Literal["pronoun", "honorific", "role", "given_name"]] = Field(
        None, description="What gave the gender: a he/she linked to the person, an honorific (Ms, Mr, Sir, Dame), a gendered "
                          "role noun beside the name (mother, actor), or the given name (gender-guesser).")


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
    content_end: Optional[int] = Field(None, description="Offset where site furniture that runs to the end of the text starts, when there is such furniture.")
    boilerplate: List[Region] = Field(default_factory=list, description="Every region marked as site furniture (a repeated headline, share rows, related-story lists, the trailing furniture); nothing is reported from them, and everything outside them is analysed.")
    entities: List[Entity] = Field(default_factory=list)
    quotes: List[Quote] = Field(default_factory=list)
    dates: List[DateExpr] = Field(default_factory=list)
    text: Optional[str] = Field(None, description="The article text, with --include-text.")


def json_schema() -> dict:
    """The JSON Schema of one output record."""
    schema = ArticleRecord.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema
