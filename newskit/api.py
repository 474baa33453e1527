"""The Python API: newskit's records from a script or a notebook, as the CLI makes them.

* :func:`analyze` – one text (and its publication date) to its
  :class:`~newskit.records.ArticleRecord`;
* :func:`analyze_many` – many texts, dicts or :class:`~newskit.read.ingest.Article`
  objects, in ``nlp.pipe`` batches, one record each in input order;
* :func:`save` – the same into the corpus database, as ``extract --db`` does.

A text is read as the CLI reads a plain-text file: the first line is the title
when it reads as one, and a date line or dateline near the top wins over the
``published`` given (the CLI's ``--published`` is a fallback too); a dict is
read as a JSON Lines record (``{"id", "text", "title"?, "published"?, "url"?}``).
So the records are the CLI's, but for ``id`` and ``source`` (the CLI uses the path).
Without ``nlp`` the default pipeline is loaded once per process
(:func:`newskit.nlp.pipeline.get_pipeline`).

Limits: an unusable input (an empty text, a dict without ``"text"``) raises
``ValueError``; a value of a dict newskit drops (a ``published`` that is not a
date) is a Python warning, as it is a warning line in the CLI.
"""
from __future__ import annotations

import datetime as dt
import warnings
from typing import TYPE_CHECKING, Iterable, Iterator, Optional, Union

from newskit.read.ingest import Article, InputError, ReadOptions, article_from_record, read_text
from .records import ArticleRecord

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

Input = Union[str, dict, Article]
Date = Union[str, dt.date, None]


def published_date(value: Date) -> Optional[str]:
    """A publication date as ``YYYY-MM-DD`` (from that string, a ``date`` or a ``datetime``); ValueError otherwise."""
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()[:10]
    try:
        if isinstance(value, str) and len(value.strip()) == 10:
            return dt.date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        pass
    raise ValueError(f"{value!r} is not a date in YYYY-MM-DD form")


def _article(item: Input, n: int, opts: ReadOptions) -> Article:
    """The article of one input (the n-th, from 1), as the CLI would read it."""
    if isinstance(item, Article):
        return item
    if isinstance(item, str):
        got = read_text(item, str(n), opts)
    elif isinstance(item, dict):
        got = article_from_record(dict(item), f"item {n}", n, opts, default_id=str(n))
    else:
        raise TypeError(f"item {n}: expected a text, a dict or an Article, not {type(item).__name__}")
    if isinstance(got, InputError):
        raise ValueError(str(got))
    for warning in got.warnings:
        warnings.warn(f"{got.source}: {warning}", stacklevel=4)
    return got


def _options(published: Date, nlp: "Language") -> ReadOptions:
    from newskit.nlp.pipeline import shared_data

    return ReadOptions(published=published_date(published), document=shared_data(nlp))


def _articles(items: Iterable[Input], published: Date, nlp: "Language") -> Iterator[Article]:
    opts = _options(published, nlp)
    for n, item in enumerate(items, 1):
        yield _article(item, n, opts)


def _nlp(nlp: Optional["Language"]) -> "Language":
    from newskit.nlp.pipeline import get_pipeline

    return nlp if nlp is not None else get_pipeline()


def analyze(text: str, published: Date = None, *, id: str = "text", nlp: Optional["Language"] = None,
            include_text: bool = False) -> ArticleRecord:
    """The record of one text; ``published`` (``YYYY-MM-DD``) anchors "on Monday" and the like."""
    from newskit.nlp.pipeline import analyze as run

    if not isinstance(text, str):
        raise TypeError(f"analyze takes a text, not {type(text).__name__} (analyze_many takes dicts and Articles)")
    nlp = _nlp(nlp)
    art = _article(text, 1, _options(published, nlp))
    art.id = art.source = id
    return next(run(nlp, [art], include_text=include_text))


def analyze_many(items: Iterable[Input], published: Date = None, *, nlp: Optional["Language"] = None,
                 batch_size: int = 32, include_text: bool = False) -> Iterator[ArticleRecord]:
    """The records of many inputs, lazily, in input order; a text's id is its position (``"1"``, ``"2"``, ...)."""
    from newskit.nlp.pipeline import analyze as run

    nlp = _nlp(nlp)
    return run(nlp, _articles(items, published, nlp), batch_size=batch_size, include_text=include_text)


def save(items: Iterable[Input], path: str, published: Date = None, *, nlp: Optional["Language"] = None,
         batch_size: int = 32, resume: bool = False) -> int:
    """Analyse the inputs into the corpus database at ``path`` (created if missing), a transaction
    per batch, as ``newskit extract --db`` does; returns the number of articles written."""
    from newskit.write.corpusfeed import CorpusWriter
    from newskit.write.db import Corpus, RunInfo
    from newskit.nlp.pipeline import analyze as run

    nlp = _nlp(nlp)
    writer = CorpusWriter(Corpus(path), RunInfo.of(nlp), batch_size=batch_size, resume=resume)
    written = 0
    try:
        for rec in run(nlp, writer.articles(_articles(items, published, nlp)), batch_size=batch_size):
            writer.write(rec)
            written += 1
    except BaseException:
        writer.abort()
        raise
    writer.close()
    return written
