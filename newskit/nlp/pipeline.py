"""The analysis pipeline: a spaCy pipeline with newskit's components added.

``load_pipeline(model)`` loads any installed spaCy pipeline (a package name
or a path) and appends newskit's registered components:

* ``newskit_document`` – holds the language data the other components share
  (:class:`~newskit.nlp.data.DocumentData`); passes each Doc through;
* ``newskit_boilerplate`` – marks site furniture and repeated headlines
  (``doc._.boilerplate``: ``{"start", "end", "kind"}`` character regions);
* ``newskit_entities`` – cleaned, grouped entities (``doc._.nk_entities``);
* ``newskit_dates`` – TIMEX3-normalised temporal expressions (``doc._.nk_dates``);
* ``newskit_quotes`` – quotes with cue and speaker (``doc._.nk_quotes``);
* ``newskit_people`` – credits, person evidence and gender on the entities.
* ``newskit_spans`` – the results as ``doc.ents`` and ``doc.spans`` groups
  (:mod:`newskit.nlp.spans`), for displacy and other spaCy tools.

Every ``doc._`` value is plain data (:mod:`newskit.nlp.results`, which also
rebuilds the typed records).

``analyze(nlp, articles)`` is the one function every engine maps over
articles: it streams :class:`~newskit.read.ingest.Article` objects through
``nlp.pipe`` and yields one :class:`~newskit.records.ArticleRecord` each, in
input order. The publication date reaches the components as
``doc._.published`` (``YYYY-MM-DD`` or ``None``), set before the parse.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Dict, Iterable, Iterator, List, Optional, Union

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from . import boilerplate, components, dates, entities, people, quotes, spans  # noqa: F401  (registers factories)
from . import document, results
from .components import OldPipelineData
from .data import DocumentData
from .modelname import DEFAULT_MODEL, candidates
from newskit.records import ArticleRecord

if TYPE_CHECKING:  # pragma: no cover
    from newskit.read.ingest import Article, InputError


# A text longer than this (or than nlp.max_length) is parsed in pieces of at most
# this many characters, one at a time: spaCy's memory grows with the piece, not the
# text (the small model needs about 17 KB per token while it parses, so a piece of
# one-word sentences, 2 tokens per 6 characters, peaks near 300 MB). 50,000 is
# above the length of nearly every news article, so their parse is unchanged.
PIECE_CHARS = 50_000
# where a piece may end, most preferred first: a paragraph, a line, a sentence, a space
CUT_AFTER = ("\n\n", "\n", ". ", "? ", "! ", "; ", " ", "\t")

COMPONENTS = ("newskit_document", "newskit_boilerplate", "newskit_entities", "newskit_dates", "newskit_quotes", "newskit_people",
              "newskit_spans")


class ModelNotFound(Exception):
    pass


def resolve_model(name: str) -> str:
    """Map the default model name to the installed package that provides it."""
    for cand in candidates(name):
        if spacy.util.is_package(cand):
            return cand
    return name


def load_pipeline(model: str = DEFAULT_MODEL) -> Language:
    """Load a spaCy pipeline by package name or path and add newskit's components."""
    name = resolve_model(model)
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelNotFound(
            f"spaCy pipeline {model!r} is not installed (give an installed package name or a path)"
        ) from exc
    except OldPipelineData as exc:
        raise ModelNotFound(str(exc)) from exc
    _split_invisible_marks(nlp)
    if not _sets_sentences(nlp):
        # quotes and dates work sentence by sentence: give a parser-less pipeline boundaries
        nlp.add_pipe("sentencizer", last=True)
    for comp in COMPONENTS:
        if comp not in nlp.pipe_names:
            nlp.add_pipe(comp, last=True)
    return nlp


INVISIBLE = "\u200b\u2060\ufeff"   # zero-width space, word joiner, BOM: pasted from web pages


def _split_invisible_marks(nlp: Language) -> None:
    """A zero-width space glued to a word ("Ruiz\u200b said") is split off as a token of its
    own, so the word keeps its tag, parse and entity; offsets do not change."""
    tok = nlp.tokenizer
    mark = f"[{INVISIBLE}]"
    for attr, fmt in (("prefix_search", "^{mark}|{rest}"), ("suffix_search", "{mark}$|{rest}")):
        rest = getattr(getattr(getattr(tok, attr, None), "__self__", None), "pattern", None)
        if isinstance(rest, str):  # the model's own compiled rules are kept; a custom tokenizer is left alone
            setattr(tok, attr, re.compile(fmt.format(mark=mark, rest=rest)).search)


def _sets_sentences(nlp: Language) -> bool:
    for name in nlp.pipe_names:
        assigns = nlp.get_pipe_meta(name).assigns
        if "token.is_sent_start" in assigns or "doc.sents" in assigns or name == "sentencizer":
            return True
    return False


def shared_data(nlp: Language) -> DocumentData:
    """The language data ``nlp``'s newskit components share (its ``newskit_document``'s; the
    installed data for a pipeline without one): the readers take it through ``ReadOptions``."""
    if "newskit_document" in nlp.component_names:
        return nlp.get_pipe("newskit_document").data
    return DocumentData.load()


def make_doc(nlp: Language, text: str, published: Optional[str] = None) -> Doc:
    """A Doc of ``text`` ready for ``nlp(doc)``, with ``doc._.published`` (``YYYY-MM-DD`` or None) set."""
    doc = nlp.make_doc(text)
    document.keep_text(doc, text)
    doc._.published = published
    return doc


def to_record(doc: Doc, article: "Article", include_text: bool = False) -> ArticleRecord:
    return results.record(doc, article, include_text)


def split_points(text: str, limit: int) -> List[int]:
    """Cut offsets that split ``text`` into pieces of at most ``limit`` characters.

    Cuts fall after a paragraph break where possible, else after a line end,
    a sentence end (:data:`CUT_AFTER`) or a space, in the second half of the
    window, and only as a last resort inside a word.
    """
    cuts, pos = [], 0
    while len(text) - pos > limit:
        cut = -1
        for sep in CUT_AFTER:
            i = text.rfind(sep, pos + limit // 2, pos + limit)
            if i > pos:
                cut = i + len(sep)
                break
        if cut <= pos:
            cut = pos + limit
        cuts.append(cut)
        pos = cut
    return cuts


def too_long(nlp: Language, text: str) -> bool:
    """Whether a text is parsed in pieces (:func:`parse_long`) rather than as one Doc."""
    return len(text) > min(nlp.max_length, PIECE_CHARS)


def parse_long(nlp: Language, text: str, published: Optional[str], limit: Optional[int] = None) -> Doc:
    """Parse a long text (:func:`too_long`) in pieces, then run newskit's components once.

    The pieces are parsed by spaCy's own components and joined with
    ``Doc.from_docs``; the joined Doc has the original text, so offsets stay
    true, and entities are grouped across the whole article. Pieces hold at
    most ``limit`` characters (default: ``nlp.max_length`` or
    :data:`PIECE_CHARS`, the smaller) and are parsed one at a time.
    """
    limit = limit or min(nlp.max_length, PIECE_CHARS)
    bounds = [0] + split_points(text, limit) + [len(text)]
    pieces = [text[a:b] for a, b in zip(bounds, bounds[1:])]
    ours = [name for name in nlp.pipe_names if name in COMPONENTS]
    with nlp.select_pipes(disable=ours):
        docs = list(nlp.pipe(pieces, batch_size=1))
    doc = Doc.from_docs(docs, ensure_whitespace=False)
    assert doc.text == text
    doc._.published = published
    for name, proc in nlp.pipeline:
        if name in ours:
            doc = proc(doc)
    return doc


def batched(items: Iterable, size: int) -> Iterator[list]:
    """Lists of up to ``size`` items, in order (the engines send one to a worker at a time)."""
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _analyze_one(nlp: Language, art: "Article", include_text: bool) -> ArticleRecord:
    if too_long(nlp, art.text):
        return to_record(parse_long(nlp, art.text, art.published), art, include_text)
    return to_record(nlp(make_doc(nlp, art.text, art.published)), art, include_text)


def analyze(
    nlp: Language,
    articles: Iterable["Article"],
    batch_size: int = 32,
    include_text: bool = False,
    report_errors: bool = False,
) -> Iterator[Union[ArticleRecord, "InputError"]]:
    """Analyse articles in a stream, yielding one record per article in order.

    Articles are parsed with ``nlp.pipe`` a batch at a time, so memory stays
    flat; long texts (over :data:`PIECE_CHARS` characters) are parsed in pieces. Should
    the analysis of a batch fail, its articles are retried one by one; with
    ``report_errors`` an article that still fails is yielded as an
    :class:`~newskit.read.ingest.InputError` instead of stopping the stream.
    """
    from newskit.read.ingest import InputError

    for batch in batched(articles, batch_size):
        try:
            short = [a for a in batch if not too_long(nlp, a.text)]
            docs = iter(list(nlp.pipe((make_doc(nlp, a.text, a.published) for a in short), batch_size=batch_size)))
            out = [_analyze_one(nlp, a, include_text) if too_long(nlp, a.text)
                   else to_record(next(docs), a, include_text) for a in batch]
        except Exception:
            if not report_errors:
                raise
            out = []
            for art in batch:
                try:
                    out.append(_analyze_one(nlp, art, include_text))
                except Exception as exc:  # a bug in analysis must not stop a corpus run
                    out.append(InputError(art.source, f"analysis failed ({type(exc).__name__}: {exc})"))
        yield from out


def analyze_batch(articles: List["Article"], model: str = DEFAULT_MODEL, include_text: bool = False,
                  report_errors: bool = True) -> List[Union[ArticleRecord, "InputError"]]:
    """Analyse a list of articles with a per-process cached pipeline.

    This is the function engines map over partitions: it names the model
    rather than carrying it, so the pipeline is loaded once per worker process
    and never pickled.
    """
    return list(analyze(get_pipeline(model), articles, batch_size=max(1, len(articles)),
                        include_text=include_text, report_errors=report_errors))


def analyze_text(text: str, published: Optional[str] = None, nlp: Optional[Language] = None) -> ArticleRecord:
    """Convenience: analyse one text with the default pipeline."""
    from newskit.read.ingest import Article

    nlp = nlp or _default_nlp()
    return next(analyze(nlp, [Article(id="text", source="<text>", text=text, published=published)]))


_NLP_CACHE: Dict[str, Language] = {}


def get_pipeline(model: str = DEFAULT_MODEL) -> Language:
    """``load_pipeline`` once per model and process."""
    if model not in _NLP_CACHE:
        _NLP_CACHE[model] = load_pipeline(model)
    return _NLP_CACHE[model]


def _default_nlp() -> Language:
    return get_pipeline(DEFAULT_MODEL)
