"""Given-name gender from ``gender-guesser``'s name dictionary, as one compact table.

Job: ``GivenNames().gender(first)`` is "m" or "f" when ``gender-guesser`` (no
country given, case-insensitive) answers "male" or "female" for the name, and
"" for its "mostly_*", "andy" and "unknown" answers. The library parses its
48,000-line dictionary into a per-country table at every start; newskit only
needs the final answer per name, so the table of sure names is derived once
from the library itself and kept in the user cache (:mod:`newskit.nlp.tablecache`),
keyed by the library's files and this module's source.

Limits: the library's data (about 40,000 sure names, mostly European); no
country; a name is looked up as written, lower-cased (no accent folding).
"""
from __future__ import annotations

import os
from typing import Callable, Dict, Optional

from . import tablecache


_SURE = {"male": "m", "female": "f"}


def _detector():
    import gender_guesser.detector as gd

    return gd.Detector(case_sensitive=False)


def _build() -> Dict[str, str]:
    """{lower-case name: "m" or "f"} for every name the library is sure of."""
    det = _detector()
    table = {}
    for name, by_gender in det.names.items():
        if len(by_gender) == 1:  # one answer: the library keeps it when any country lists the name
            (g, countries), = by_gender.items()
            g = g if countries.replace(" ", "") else "andy"
        else:
            g = det.get_gender(name)
        if g in _SURE:
            table[name] = _SURE[g]
    return table


def _valid(table) -> bool:
    return isinstance(table, dict) and all(v in ("m", "f") for v in table.values())


class GivenNames:
    """Given-name gender lookups; the table is read (or derived) on the first lookup and kept
    on the instance, with the answers already given (one instance per pipeline: DocumentData)."""

    def __init__(self) -> None:
        self._lookup: Optional[Callable[[str], str]] = None
        self._answers: Dict[str, str] = {}

    def gender(self, first: str) -> str:
        """'m'/'f' for a given name the library is sure of; '' for mostly_*, andy and unknown."""
        got = self._answers.get(first)
        if got is None:
            if self._lookup is None:
                self._lookup = _lookup()
            got = self._answers[first] = self._lookup(first)
        return got


def _lookup() -> Callable[[str], str]:
    """The answer for one given name: from the cached table, or (cache turned off) the library itself."""
    import gender_guesser.detector as gd

    if tablecache.cache_dir() is None:  # no table to keep: skip deriving it
        det = _detector()
        return lambda first: _SURE.get(det.get_gender(first), "")
    folder = os.path.dirname(gd.__file__)
    digest = tablecache.key([gd.__file__, os.path.join(folder, "data", "nam_dict.txt")], [], [__file__])
    table = tablecache.cached("given-names", digest, _build, _valid)
    return lambda first: table.get(first.lower(), "")
