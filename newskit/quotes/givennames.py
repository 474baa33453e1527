"""Given-name gender from ``gender-guesser``'s name dictionary, as one compact table.

Job: ``given_name_gender(first)`` is "m" or "f" when ``gender-guesser`` (no
country given, case-insensitive) answers "male" or "female" for the name, and
"" for its "mostly_*", "andy" and "unknown" answers. The library parses its
48,000-line dictionary into a per-country table at every start; newskit only
needs the final answer per name, so the table of sure names is derived once
from the library itself and kept in the user cache (:mod:`newskit.tablecache`),
keyed by the library's files and this module's source.

Limits: the library's data (about 40,000 sure names, mostly European); no
country; a name is looked up as written, lower-cased (no accent folding).
"""
from __future__ import annotations

import os
from functools import lru_cache
from typing import Dict

from .. import tablecache


def _build() -> Dict[str, str]:
    """{lower-case name: "m" or "f"} for every name the library is sure of."""
    import gender_guesser.detector as gd

    det = gd.Detector(case_sensitive=False)
    sure = {"male": "m", "female": "f"}
    table = {}
    for name, by_gender in det.names.items():
        if len(by_gender) == 1:  # one answer: the library keeps it when any country lists the name
            (g, countries), = by_gender.items()
            g = g if countries.replace(" ", "") else "andy"
        else:
            g = det.get_gender(name)
        if g in sure:
            table[name] = sure[g]
    return table


def _valid(table) -> bool:
    return isinstance(table, dict) and all(v in ("m", "f") for v in table.values())


@lru_cache(maxsize=1)
def _table() -> Dict[str, str]:
    import gender_guesser.detector as gd

    folder = os.path.dirname(gd.__file__)
    digest = tablecache.key([gd.__file__, os.path.join(folder, "data", "nam_dict.txt")], [], [__file__])
    return tablecache.cached("given-names", digest, _build, _valid)


@lru_cache(maxsize=4096)
def given_name_gender(first: str) -> str:
    """'m'/'f' for a given name the library is sure of; '' for mostly_*, andy and unknown."""
    return _table().get(first.lower(), "")
