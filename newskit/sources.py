"""Read newskit's output back: corpus databases and JSON Lines, as records.

``summarize`` and ``export`` take either kind of file: a path whose first
bytes are the SQLite header is read as a corpus database
(:func:`newskit.db.read_records`), anything else (and ``-``, stdin) as JSON
Lines or a JSON array (:func:`newskit.summarize.read_records`). Problems are
reported through ``on_error`` and the other inputs are still read.
"""
from __future__ import annotations

from typing import IO, Callable, Iterator, List, Optional

from .records import ArticleRecord


def read_outputs(paths: List[str], on_error: Callable[[str], None], stdin: Optional[IO[str]] = None
                 ) -> Iterator[ArticleRecord]:
    from .db import is_database, read_records as read_db
    from .summarize import read_records as read_jsonl

    for path in paths or ["-"]:
        if path != "-" and is_database(path):
            yield from read_db(path, on_error)
        else:
            yield from read_jsonl([path], on_error, stdin=stdin)
