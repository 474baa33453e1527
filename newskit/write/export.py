"""Tidy tables for spreadsheets and R: one row per article, entity, mention, quote or date.

``newskit export SOURCE --table quotes --format csv`` reads records from a
corpus database or JSON Lines (:mod:`newskit.write.sources`) and writes one table:
the columns of :mod:`newskit.write.tables`, with each row's article ``title`` and
``published`` next to its ``article_id`` (mentions also carry their entity's
``entity_name`` and ``entity_label``). A database and the JSON Lines of the
same run export the same rows.

CSV is UTF-8 with a header row (RFC 4180 quoting, CRLF line ends; with
``bom`` a byte-order mark first, as Excel wants); a list
(an entity's titles) is a JSON array in one cell, a null an empty cell. A
text cell that a spreadsheet would run as a formula (starting with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return) gets a leading apostrophe,
as OWASP advises against CSV injection (:func:`newskit.safe.spreadsheet_text`);
so such a cell is not the exact text, while JSON Lines output (C1 and bidi
controls as ``\\u`` escapes, as ``extract`` writes) and the database keep the
text exactly.
"""
from __future__ import annotations

import csv
import json
from typing import IO, Iterable, Iterator, List

from newskit.records import ArticleRecord
from newskit.safe import json_escape, spreadsheet_text
from .tables import ARTICLES, SPECS, record_rows

TABLE_NAMES = ("articles", "entities", "mentions", "quotes", "dates")
BOM = "\ufeff"  # written as EF BB BF in UTF-8


def tidy_columns(table: str) -> List[str]:
    """The columns of a tidy table, in order."""
    cols = SPECS[table].column_names
    if table == ARTICLES:
        return cols
    cols = cols[:1] + ["title", "published"] + cols[1:]
    if table == "mentions":
        at = cols.index("entity_id") + 1
        cols[at:at] = ["entity_name", "entity_label"]
    return cols


def tidy_rows(records: Iterable[ArticleRecord], table: str) -> Iterator[dict]:
    """Rows of one tidy table for a stream of records."""
    if table not in TABLE_NAMES:
        raise ValueError(f"no table {table!r}; choose from {', '.join(TABLE_NAMES)}")
    columns = tidy_columns(table)
    for rec in records:
        rows = record_rows(rec)
        context = {"title": rec.title, "published": rec.published}
        entities = {e["entity_id"]: e for e in rows["entities"]}
        for row in rows[table]:
            if table == "mentions":
                ent = entities[row["entity_id"]]
                row = dict(row, entity_name=ent["name"], entity_label=ent["label"])
            full = {**row, **context} if table != ARTICLES else row
            yield {c: full[c] for c in columns}


def spreadsheet_cell(value):
    """A value as a CSV cell: empty for null, JSON for a list, formulas defused."""
    if value is None:
        return ""
    if isinstance(value, list):
        value = json.dumps(value, ensure_ascii=False)
    return spreadsheet_text(value) if isinstance(value, str) else value


def write_csv(rows: Iterable[dict], columns: List[str], out: IO[str]) -> int:
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    n = 0
    for row in rows:
        writer.writerow([spreadsheet_cell(row[c]) for c in columns])
        n += 1
    return n


def write_jsonl(rows: Iterable[dict], out: IO[str]) -> int:
    n = 0
    for row in rows:
        out.write(json_escape(json.dumps(row, ensure_ascii=False, separators=(",", ":"))) + "\n")
        n += 1
    return n


def export(records: Iterable[ArticleRecord], table: str, fmt: str, out: IO[str]) -> int:
    """Write one tidy table of ``records`` to ``out`` as csv or jsonl; returns the row count."""
    rows = tidy_rows(records, table)
    if fmt == "csv":
        return write_csv(rows, tidy_columns(table), out)
    if fmt == "jsonl":
        return write_jsonl(rows, out)
    raise ValueError(f"unknown format {fmt!r}")
