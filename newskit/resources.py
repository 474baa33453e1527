"""Locate and load newskit's language data (the files in ``models/``).

In a source checkout or an editable install the data lives in the top-level
``models/`` folder; in a built wheel it is packaged as ``newskit/models``.
Loaders are cached: each file is read once per process.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any, FrozenSet, List

_PKG = Path(__file__).resolve().parent


@lru_cache(maxsize=None)
def models_dir() -> Path:
    for cand in (_PKG / "models", _PKG.parent / "models"):
        if cand.is_dir():
            return cand
    raise FileNotFoundError("newskit language data (models/) is missing from the installation")


def data_path(name: str) -> Path:
    return models_dir() / name


@lru_cache(maxsize=None)
def load_json(name: str) -> Any:
    with open(data_path(name), encoding="utf-8") as fh:
        return json.load(fh)


@lru_cache(maxsize=None)
def load_lines(name: str) -> List[str]:
    """A word list: one item per line, '#' starts a comment, blank lines skipped."""
    out = []
    with open(data_path(name), encoding="utf-8") as fh:
        for line in fh:
            line = line.split("#", 1)[0].strip()
            if line:
                out.append(line)
    return out


@lru_cache(maxsize=None)
def load_set(name: str, lower: bool = True) -> FrozenSet[str]:
    items = load_lines(name)
    return frozenset(i.lower() for i in items) if lower else frozenset(items)
