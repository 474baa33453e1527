"""Name keys: the normalised form under which the entity step compares names.

``name_key("the U.S.")`` is ``"us"``: lower case, no leading "the", no periods,
" - " closed up, runs of white space as one space; :func:`fold` drops accents.
Used to group mentions, to look names up in the word lists and in the place
tables (:mod:`.places`). Limits: no transliteration beyond dropping combining
marks; "Saint"/"St." are different keys.
"""
from __future__ import annotations

import re
import unicodedata

__all__ = ["fold", "name_key"]

_KEY_THE = re.compile(r"^the\s+", re.I)
_KEY_WS = re.compile(r"\s+")


def name_key(s: str) -> str:
    """Normalised name used for grouping: lower case, no 'the', no periods."""
    s = s.replace("’", "'").lower()
    s = _KEY_THE.sub("", s)
    s = s.replace(".", "").replace(" - ", "-")
    return _KEY_WS.sub(" ", s).strip()


def fold(s: str) -> str:
    """``s`` without accents (NFKD, combining marks dropped)."""
    if s.isascii():  # nothing to decompose
        return s
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
