"""Tidy tables of newskit records, derived from the record models themselves.

One :class:`~newskit.records.ArticleRecord` becomes one row of ``articles``
and rows of ``boilerplate``, ``entities``, ``mentions``, ``quotes`` and
``dates``, keyed by ``article_id`` (and ``entity_id`` for mentions) with
``n``, the 1-based position in the record's list. The columns are read off
the pydantic models (:mod:`newskit.records`): scalar fields are columns, a
nested model becomes prefixed columns (``cue`` -> ``cue_text``,
``cue_start``, ``cue_end``), a list of strings is one JSON column, and a list
of models is a child table. So the tables, the JSON output and
``newskit schema`` cannot drift apart.

:func:`record_rows` turns a record into rows per table and
:func:`record_from_rows` turns them back into the same record. Limits: an
optional nested model whose fields are all null reads back as null.
"""
from __future__ import annotations

import json
import types
import typing
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Dict, List, Optional, Tuple, Type

from pydantic import BaseModel

from newskit.records import ArticleRecord, Entity

ARTICLES = "articles"


@dataclass(frozen=True)
class Column:
    name: str
    path: Tuple[str, ...]  # where the value sits in the model's dict
    type: type  # int or str (a list of strings is stored as JSON text)
    is_json: bool = False


@dataclass(frozen=True)
class TableSpec:
    name: str
    model: Type[BaseModel]
    parent: Optional[str]  # the parent table (None for articles)
    field: Optional[str]  # the parent model's list field that holds the rows
    keys: Tuple[str, ...] = ()  # key columns put in front of the model's columns
    rename: Dict[str, str] = field(default_factory=dict)  # model field -> column name

    @property
    def pk(self):
        return "id" if self.parent is None else self.keys

    @property
    def columns(self) -> List[Column]:
        return _model_columns(self.model, tuple(sorted(self.rename.items())))

    @property
    def column_names(self) -> List[str]:
        return list(self.keys) + [c.name for c in self.columns]


def _unwrap(annotation) -> Tuple[Any, bool]:
    """(inner type, is_list) of an annotation, with Optional removed."""
    origin = typing.get_origin(annotation)
    if origin is typing.Union or origin is getattr(types, "UnionType", None):
        inner = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _unwrap(inner[0])
    if origin in (list, List):
        return typing.get_args(annotation)[0], True
    return annotation, False


def _is_model(tp) -> bool:
    return isinstance(tp, type) and issubclass(tp, BaseModel)


def _scalar_type(tp) -> type:
    if typing.get_origin(tp) is typing.Literal:
        return type(typing.get_args(tp)[0])
    return tp


@lru_cache(maxsize=None)
def _model_columns(model: Type[BaseModel], rename: Tuple[Tuple[str, str], ...] = ()) -> List[Column]:
    names = dict(rename)
    cols: List[Column] = []
    for fname, finfo in model.model_fields.items():
        tp, is_list = _unwrap(finfo.annotation)
        if is_list and _is_model(tp):
            continue  # a child table
        if _is_model(tp):
            cols += [Column(f"{fname}_{c.name}", (fname,) + c.path, c.type, c.is_json) for c in _model_columns(tp)]
        elif is_list:
            cols.append(Column(names.get(fname, fname), (fname,), str, is_json=True))
        else:
            cols.append(Column(names.get(fname, fname), (fname,), _scalar_type(tp)))
    return cols


def _item_model(model: Type[BaseModel], list_field: str) -> Type[BaseModel]:
    return _unwrap(model.model_fields[list_field].annotation)[0]


TABLES: Tuple[TableSpec, ...] = (
    TableSpec(ARTICLES, ArticleRecord, None, None),
    TableSpec("boilerplate", _item_model(ArticleRecord, "boilerplate"), ARTICLES, "boilerplate", ("article_id", "n")),
    TableSpec("entities", Entity, ARTICLES, "entities", ("article_id", "n"), {"id": "entity_id"}),
    TableSpec("mentions", _item_model(Entity, "mentions"), "entities", "mentions", ("article_id", "entity_id", "n")),
    TableSpec("quotes", _item_model(ArticleRecord, "quotes"), ARTICLES, "quotes", ("article_id", "n")),
    TableSpec("dates", _item_model(ArticleRecord, "dates"), ARTICLES, "dates", ("article_id", "n")),
)
SPECS: Dict[str, TableSpec] = {t.name: t for t in TABLES}


def tableless_fields() -> List[str]:
    """Lists of models in the records that no table holds (a new one needs a TableSpec)."""
    held = {(SPECS[t.parent].model, t.field) for t in TABLES if t.parent}
    out = []
    for spec in TABLES:
        for fname, finfo in spec.model.model_fields.items():
            tp, is_list = _unwrap(finfo.annotation)
            if is_list and _is_model(tp) and (spec.model, fname) not in held:
                out.append(f"{spec.model.__name__}.{fname}")
    return out


def _get(d: dict, path: Tuple[str, ...]):
    for key in path:
        if d is None:
            return None
        d = d.get(key)
    return d


def _row(spec: TableSpec, data: dict, keys: tuple) -> dict:
    row = dict(zip(spec.keys, keys))
    for c in spec.columns:
        row[c.name] = _get(data, c.path)
    return row


def record_rows(rec: ArticleRecord) -> Dict[str, List[dict]]:
    """Rows per table for one record (lists of strings stay lists)."""
    data = rec.model_dump(mode="json")
    aid = data["id"]
    out: Dict[str, List[dict]] = {ARTICLES: [_row(SPECS[ARTICLES], data, ())]}
    for spec in TABLES:
        if spec.parent != ARTICLES:
            continue
        out[spec.name] = [_row(spec, item, (aid, n)) for n, item in enumerate(data[spec.field], 1)]
    out["mentions"] = [
        _row(SPECS["mentions"], m, (aid, ent["id"], n))
        for ent in data["entities"] for n, m in enumerate(ent["mentions"], 1)
    ]
    return out


def _unflatten(spec: TableSpec, row: dict) -> dict:
    data: dict = {}
    for c in spec.columns:
        value = row.get(c.name)
        if c.is_json and isinstance(value, str):
            value = json.loads(value)
        d = data
        for key in c.path[:-1]:
            d = d.setdefault(key, {})
        d[c.path[-1]] = value
    for key, value in list(data.items()):  # an optional nested model with nothing in it
        if isinstance(value, dict) and all(v is None for v in value.values()):
            data[key] = None
    return data


def record_from_rows(article: dict, children: Dict[str, List[dict]]) -> ArticleRecord:
    """The record that :func:`record_rows` made these rows from.

    ``children`` maps table names to the article's rows, each list in ``n``
    order; mentions in entity and ``n`` order.
    """
    data = _unflatten(SPECS[ARTICLES], article)
    mentions: Dict[str, List[dict]] = {}
    for m in children.get("mentions", ()):
        mentions.setdefault(m["entity_id"], []).append(_unflatten(SPECS["mentions"], m))
    for spec in TABLES:
        if spec.parent != ARTICLES:
            continue
        items = [_unflatten(spec, r) for r in children.get(spec.name, ())]
        if spec.name == "entities":
            for item in items:
                item["mentions"] = mentions.get(item["id"], [])
        data[spec.field] = items
    return ArticleRecord.model_validate(data)
