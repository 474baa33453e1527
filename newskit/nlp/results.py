"""newskit's results on a spaCy Doc: plain data, and typed views rebuilt from it.

Job: the one place that says how the components' results live on a Doc.

* Every result is a Doc extension holding plain data (lists of dicts with
  exactly the fields of the output records, see :mod:`newskit.records`):
  ``doc._.boilerplate`` (regions), ``doc._.nk_entities``, ``doc._.nk_quotes``,
  ``doc._.nk_dates``; ``doc._.published`` is a ``YYYY-MM-DD`` string or None.
  Plain data is what spaCy can move and store, so ``nlp.pipe(n_process=N)``,
  ``DocBin(store_user_data=True)``, ``Doc.to_bytes``/``from_bytes`` and
  ``doc.to_json(underscore=[...])`` carry the results.
* Assigning typed records (``doc._.nk_quotes = [Quote(...)]``, what the
  components do) stores their plain form; assigning plain dicts stores them
  as they are.
* :func:`entities`, :func:`quotes`, :func:`dates`, :func:`regions` rebuild
  the typed records (pydantic models) from the plain data, once per Doc;
  :func:`record` makes the whole :class:`~newskit.records.ArticleRecord`.
* :func:`derived` is per-Doc memory for values derived from a Doc (caches of
  the components), kept beside the Doc, never serialised with it.

Limits: a typed view is rebuilt when an extension is assigned again, not when
its plain list is changed in place; typed views are copies (changing one
changes nothing on the Doc). Values kept in :func:`derived` must not refer to
the Doc itself (that would keep it alive).
"""
from __future__ import annotations

import weakref
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Type

from pydantic import BaseModel
from spacy.tokens import Doc

from newskit.records import ArticleRecord, DateExpr, Entity, Quote, Region

if TYPE_CHECKING:  # pragma: no cover
    from newskit.read.ingest import Article

# extension name -> the record type of its items
RESULTS: Dict[str, Type[BaseModel]] = {
    "boilerplate": Region,
    "nk_entities": Entity,
    "nk_quotes": Quote,
    "nk_dates": DateExpr,
}

_DERIVED: "weakref.WeakKeyDictionary[Doc, dict]" = weakref.WeakKeyDictionary()
_LAST: list = [None, None]  # (weak reference to the Doc asked about last, its memory): the steps ask hundreds of times


def derived(doc: Doc) -> dict:
    """Per-Doc memory for derived values (never serialised, gone with the Doc)."""
    ref = _LAST[0]
    if ref is not None and ref() is doc:
        return _LAST[1]
    memo = _DERIVED.get(doc)
    if memo is None:
        memo = _DERIVED[doc] = {}
    _LAST[:] = [weakref.ref(doc), memo]
    return memo


def plain(value: Any) -> Any:
    """``value`` as plain data: records become dicts, named tuples dicts, tuples lists."""
    if isinstance(value, BaseModel):
        return value.model_dump()
    if isinstance(value, tuple) and hasattr(value, "_asdict"):
        return {k: plain(v) for k, v in value._asdict().items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


def _key(name: str) -> tuple:
    return ("._.", name, None, None)  # where spaCy keeps a doc extension's value in user_data


def _lists(value: Any) -> Any:
    """Arrays as lists again (``DocBin`` gives them back as tuples)."""
    if isinstance(value, (list, tuple)):
        return [_lists(v) for v in value]
    if isinstance(value, dict):
        return {k: _lists(v) for k, v in value.items()}
    return value


def _stored(doc: Doc, name: str) -> Optional[list]:
    key = _key(name)
    value = doc.user_data.get(key)
    if isinstance(value, tuple):
        value = doc.user_data[key] = _lists(value)
    return value


def _register(name: str) -> None:
    key = _key(name)

    def get(doc: Doc) -> Optional[list]:
        return _stored(doc, name)

    def set_(doc: Doc, value: Any) -> None:
        stored = None if value is None else plain(value)
        doc.user_data[key] = stored
        memo = derived(doc)
        memo.pop(name, None)
        model = RESULTS[name]
        if stored is not None and all(isinstance(v, model) for v in value):
            memo[name] = (stored, len(stored), list(value))  # the typed records given: no rebuild

    Doc.set_extension(name, getter=get, setter=set_, force=True)


for _name in RESULTS:
    _register(_name)
if not Doc.has_extension("published"):
    Doc.set_extension("published", default=None)


def typed(doc: Doc, name: str) -> list:
    """The records of extension ``name`` as typed models (built once per assignment)."""
    stored = _stored(doc, name)
    if not stored:
        return []
    memo = derived(doc)
    hit = memo.get(name)
    if hit is not None and hit[0] is stored and hit[1] == len(stored):
        return hit[2]
    model = RESULTS[name]
    objs = [model.model_validate(v) for v in stored]
    memo[name] = (stored, len(stored), objs)
    return objs


def entities(doc: Doc) -> List[Entity]:
    """The article's entities (``doc._.nk_entities``) as :class:`~newskit.records.Entity` records."""
    return typed(doc, "nk_entities")


def quotes(doc: Doc) -> List[Quote]:
    """The quotes (``doc._.nk_quotes``) as :class:`~newskit.records.Quote` records."""
    return typed(doc, "nk_quotes")


def dates(doc: Doc) -> List[DateExpr]:
    """The dates (``doc._.nk_dates``) as :class:`~newskit.records.DateExpr` records."""
    return typed(doc, "nk_dates")


def regions(doc: Doc) -> List[Region]:
    """The furniture regions (``doc._.boilerplate``) as :class:`~newskit.records.Region` records."""
    return typed(doc, "boilerplate")


def content_end(doc: Doc) -> Optional[int]:
    """Offset where furniture that runs to the end of the text starts (the last region of
    ``doc._.boilerplate`` when it ends where the text does), or None."""
    marked = [(g["start"], g["end"], g["kind"]) for g in doc._.boilerplate or ()]
    if not marked or not len(doc):
        return None
    start, end, _ = max(marked)
    return start if end == doc[-1].idx + len(doc[-1].text_with_ws) else None


def record(doc: Doc, article: Optional["Article"] = None, include_text: bool = False) -> ArticleRecord:
    """The output record of an analysed Doc; id, source, title and URL come from ``article``
    (without one: id ``"doc"``, source ``"<doc>"``, the publication date from ``doc._.published``)."""
    if article is None:
        head: Dict[str, Any] = {"id": "doc", "source": "<doc>", "published": doc._.published}
    else:
        head = {"id": article.id, "source": article.source, "title": article.title,
                "published": article.published, "url": article.url}
    return ArticleRecord(
        **head,
        content_end=content_end(doc),
        boilerplate=regions(doc),
        entities=entities(doc),
        quotes=quotes(doc),
        dates=dates(doc),
        text=(article.text if article is not None else doc.text) if include_text else None,
    )
