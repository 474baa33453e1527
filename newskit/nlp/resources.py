"""Locate and load newskit's language data (the files in ``models/``).

In a source checkout or an editable install the data lives in the top-level
``models/`` folder; in a built wheel it is packaged as ``newskit/models``.
A pipeline saved with ``nlp.to_disk`` carries its own copy of the data; its
components read it through :func:`using_models`, which points every loader
at that folder for the duration of a call.

Loaders are cached per file path, and :func:`per_models` caches anything
derived from the data per data folder, so each file is read and compiled
once per process and folder.
"""
from __future__ import annotations

import functools
import json
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any, Callable, FrozenSet, Iterator, List, Optional, TypeVar, Union

_PKG = Path(__file__).resolve().parent.parent  # the newskit package
_OVERRIDE: ContextVar[Optional[Path]] = ContextVar("newskit_models_dir", default=None)
F = TypeVar("F", bound=Callable[..., Any])


@functools.lru_cache(maxsize=None)
def default_models_dir() -> Path:
    """The data folder installed with newskit."""
    for cand in (_PKG / "models", _PKG.parent / "models"):
        if cand.is_dir():
            return cand
    raise FileNotFoundError("newskit language data (models/) is missing from the installation")


def models_dir() -> Path:
    """The data folder in force: a saved pipeline's own copy inside :func:`using_models`, else the installed one."""
    return _OVERRIDE.get() or default_models_dir()


@contextmanager
def using_models(path: Union[str, Path, None]) -> Iterator[None]:
    """Read language data from ``path`` (a folder laid out like ``models/``) inside the block."""
    if path is None:
        yield
        return
    token = _OVERRIDE.set(Path(path))
    try:
        yield
    finally:
        _OVERRIDE.reset(token)


def per_models(fn: F) -> F:
    """Like ``functools.lru_cache``, with the data folder in force as part of the key.

    The installed folder is keyed as ``None`` (no override in force), so the
    common call, with no arguments, is one dictionary lookup."""
    cached = functools.lru_cache(maxsize=None)(lambda root, *args, **kw: fn(*args, **kw))
    plain: dict = {}  # override (None: the installed folder) -> result of fn()

    @functools.wraps(fn)
    def wrapper(*args, **kw):
        if args or kw:
            return cached(models_dir(), *args, **kw)
        root = _OVERRIDE.get()
        try:
            return plain[root]
        except KeyError:
            value = plain[root] = fn()
            return value

    def cache_clear() -> None:
        cached.cache_clear()
        plain.clear()

    wrapper.cache_clear = cache_clear  # type: ignore[attr-defined]
    return wrapper  # type: ignore[return-value]


def data_path(name: str) -> Path:
    return models_dir() / name


def load_json(name: str) -> Any:
    return _read_json(data_path(name))


def load_lines(name: str) -> List[str]:
    """A word list: one item per line, '#' starts a comment, blank lines skipped."""
    return list(_read_lines(data_path(name)))


def load_set(name: str, lower: bool = True) -> FrozenSet[str]:
    return _read_set(data_path(name), lower)


@functools.lru_cache(maxsize=None)
def _read_json(path: Path) -> Any:
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


@functools.lru_cache(maxsize=None)
def _read_lines(path: Path) -> tuple:
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.split("#", 1)[0].strip()
            if line:
                out.append(line)
    return tuple(out)


@functools.lru_cache(maxsize=None)
def _read_set(path: Path, lower: bool) -> FrozenSet[str]:
    items = _read_lines(path)
    return frozenset(i.lower() for i in items) if lower else frozenset(items)
