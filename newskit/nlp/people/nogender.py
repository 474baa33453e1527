"""Record-level helpers of the people step that need no parse (``--no-gender``)."""
from __future__ import annotations

__all__ = ["without_gender"]


def without_gender(item):
    """The record with every entity's ``gender`` and ``gender_source`` null (anything else passes through)."""
    for e in getattr(item, "entities", None) or ():
        e.gender = e.gender_source = None
    return item
