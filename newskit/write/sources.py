"""Read newskit's output back: corpus databases and JSON Lines, as records.

``summarize`` and ``export`` take either kind of file: a path whose first
bytes are the SQLite header is read as a corpus database
(:func:`newskit.write.db.read_records`), anything else (and ``-``, stdin) as JSON
Lines or a JSON array (:func:`read_records`). Problems are
reported through ``on_error`` and the other inputs are still read.
"""
from __future__ import annotations

import json
import sys
from typing import IO, Callable, Iterator, List, Optional

from newskit.records import ArticleRecord
from newskit.safe import TOO_DEEP, lone_surrogates


def read_outputs(paths: List[str], on_error: Callable[[str], None], stdin: Optional[IO[str]] = None
                 ) -> Iterator[ArticleRecord]:
    from .db import is_database, read_records as read_db

    for path in paths or ["-"]:
        if path != "-" and is_database(path):
            yield from read_db(path, on_error)
        else:
            yield from read_records([path], on_error, stdin=stdin)


def _as_record(data, where: str, on_error: Callable[[str], None]) -> Optional[ArticleRecord]:
    from pydantic import ValidationError

    if not isinstance(data, dict):
        on_error(f"{where}: not a newskit record (a JSON {type(data).__name__}, not an object)")
        return None
    if lone_surrogates(data):
        on_error(f"{where}: not valid Unicode (a lone surrogate escape)")
        return None
    try:
        return ArticleRecord.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = ".".join(str(p) for p in first.get("loc", ())) or "record"
        on_error(f"{where}: not a newskit record ({loc}: {first.get('msg', 'invalid')})")
        return None


def read_records(paths: List[str], on_error: Callable[[str], None], stdin: Optional[IO[str]] = None
                 ) -> Iterator[ArticleRecord]:
    """Records from JSON Lines files (``-`` is stdin), line by line.

    A line that is not a newskit record, or a file that cannot be read, is
    reported through ``on_error("file:line: why")`` and skipped. Blank lines
    are skipped silently. A file holding one JSON array (``extract --format
    json``) is read whole; its bad items are reported as ``file:item N``.
    """
    for path in paths:
        name = "<stdin>" if path == "-" else path
        if path == "-":
            src = stdin or sys.stdin
            fh = getattr(src, "buffer", src)
        else:
            try:
                fh = open(path, "rb")
            except IsADirectoryError:
                on_error(f"{name}: is a directory, not a JSON Lines file")
                continue
            except OSError as exc:
                on_error(f"{name}: cannot read: {exc.strerror or exc}")
                continue
        try:
            yield from _read_lines(fh, name, on_error)
        finally:
            if path != "-":
                fh.close()


def _read_lines(fh, name: str, on_error: Callable[[str], None]) -> Iterator[ArticleRecord]:
    lineno = 0
    for raw in fh:
        lineno += 1
        if isinstance(raw, bytes):
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                on_error(f"{name}:{lineno}: not UTF-8 text ({exc.reason})")
                continue
        else:
            line = raw
        if lineno == 1:
            line = line.lstrip("\ufeff")
        if not line.strip():
            continue
        if lineno == 1 and line.lstrip().startswith("["):
            rest = fh.read()
            if isinstance(rest, bytes):
                rest = rest.decode("utf-8", errors="replace")
            try:
                items = json.loads(line + rest)
            except json.JSONDecodeError as exc:
                on_error(f"{name}:{exc.lineno}: not valid JSON ({exc.msg})")
                return
            except RecursionError:
                on_error(f"{name}: {TOO_DEEP}")
                return
            for k, data in enumerate(items if isinstance(items, list) else [items], 1):
                rec = _as_record(data, f"{name}:item {k}", on_error)
                if rec is not None:
                    yield rec
            return
        try:
            data = json.loads(line)
            rec = _as_record(data, f"{name}:{lineno}", on_error)
        except json.JSONDecodeError as exc:
            on_error(f"{name}:{lineno}: not valid JSON ({exc.msg})")
            continue
        except RecursionError:  # one record nested beyond the recursion limit: that record only
            on_error(f"{name}:{lineno}: {TOO_DEEP}")
            continue
        if rec is not None:
            yield rec


# ------------------------------------------------------------------- numbers
