"""The quote finder's tuning numbers: the ``newskit_quotes`` component's config.

:data:`DEFAULT_CONFIG` is the factory's ``default_config`` (a saved pipeline's ``config.cfg``
shows and changes every number); :class:`QuoteConfig` is its typed, frozen form, carried to
the stages by the per-document context. The numbers were set by hand when the rules were
written; the reason is beside each. Learned numbers (the speaker ranker's weights) are data,
in ``models/en/quotes/speakers.json``, not config.
"""
from __future__ import annotations

from dataclasses import dataclass

__all__ = ["QuoteConfig", "DEFAULT_CONFIG"]

DEFAULT_CONFIG = {
    # the resolver's candidate window (a cost bound, not tuned to data): an antecedent further back is rare
    "window_sents": 6,          # narration sentences a pronoun looks back for its antecedent
    "window_mentions": 60,      # and at most this many mentions (bounds the cost of a name-dense text)
    # the adjacent quote's speaker is a candidate (for a pronoun, and for a quote with no cue) this many
    # paragraphs on: its own paragraph or the next (an antecedent's reach, not tuned to data)
    "float_paragraphs": 1,
    "no_cue_sents_before": 3,   # sentences before a cue-less quote's own searched for its speaker (a cost bound)
    "clause_lookback": 40,      # tokens a colon looks back for the verb whose subject speaks (about a sentence)
    "owner_lookback": 400,      # tokens back to look for "his resignation" before "the resignation"
    "headline_caps": 0.7,       # share of capitalised words (over 3 letters) that makes a line a title-case headline
    "heading_max_words": 14,    # a line this short with no closing punctuation is a heading, not a sentence
    "near_person": 150,         # characters from a cue to a person its misparsed clause names (about a sentence)
    "near_other": 60,           # the same for an organisation or place (closer: those are often where someone works)
    "phrase_max": 12,           # longest post-modified description kept as a speaker's name, in tokens
    "attribution_max_tokens": 30,  # a speech verb further than this after a quote's closing mark is not its cue
    # quoted phrases that are no speech (a title, a scare quote, a heading), by their length in words
    "single_quote_min_words": 3,    # a cue-less phrase in single marks shorter than this is no quote ('Brexit')
    "phrase_min_words": 4,          # a cue-less phrase shorter than this, not ending a sentence, is a title
    "heading_quote_max_words": 8,   # a single-quoted line of its own this short is a section heading
    "label_min_words": 3,           # "Ruiz: ..." lines: a text shorter than this after the label is no quote
    "mentions_read": 20,            # an entity's first mentions read for its gender and animacy (a cost bound)
}


@dataclass(frozen=True)
class QuoteConfig:
    """:data:`DEFAULT_CONFIG`, typed (see there for what each number does)."""

    window_sents: int = DEFAULT_CONFIG["window_sents"]
    window_mentions: int = DEFAULT_CONFIG["window_mentions"]
    float_paragraphs: int = DEFAULT_CONFIG["float_paragraphs"]
    no_cue_sents_before: int = DEFAULT_CONFIG["no_cue_sents_before"]
    clause_lookback: int = DEFAULT_CONFIG["clause_lookback"]
    owner_lookback: int = DEFAULT_CONFIG["owner_lookback"]
    headline_caps: float = DEFAULT_CONFIG["headline_caps"]
    heading_max_words: int = DEFAULT_CONFIG["heading_max_words"]
    near_person: int = DEFAULT_CONFIG["near_person"]
    near_other: int = DEFAULT_CONFIG["near_other"]
    phrase_max: int = DEFAULT_CONFIG["phrase_max"]
    attribution_max_tokens: int = DEFAULT_CONFIG["attribution_max_tokens"]
    single_quote_min_words: int = DEFAULT_CONFIG["single_quote_min_words"]
    phrase_min_words: int = DEFAULT_CONFIG["phrase_min_words"]
    heading_quote_max_words: int = DEFAULT_CONFIG["heading_quote_max_words"]
    label_min_words: int = DEFAULT_CONFIG["label_min_words"]
    mentions_read: int = DEFAULT_CONFIG["mentions_read"]
