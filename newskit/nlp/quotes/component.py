"""``find_quotes`` and the spaCy component ``newskit_quotes`` (:class:`QuotesComponent`).

The component's data is :class:`~newskit.nlp.quotes.quotedata.QuoteData`, read from its own
folder (``models/en/quotes/``, or the copy in a saved pipeline: word lists and the speaker
ranker's weights) and the shared ``newskit_document`` data; its tuning numbers are its
config (:data:`~newskit.nlp.quotes.config.DEFAULT_CONFIG`).
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, List

from spacy.language import Language
from spacy.tokens import Doc

from newskit.nlp.components import Component
from newskit.nlp.data import DocumentData
from newskit.records import Quote
from .attribution import find_speakers
from .config import DEFAULT_CONFIG, QuoteConfig
from .context import Candidate, QuoteContext
from .quotedata import QuoteData
from .ranker import Ranker

__all__ = ["find_quotes", "QuotesComponent", "make_quotes"]


def _record(ctx: QuoteContext, c: Candidate) -> Quote:
    cue_span = None
    if c.cue is not None:
        ce = c.cue_end if c.cue_end > 0 else c.cue.idx + len(c.cue)
        cue_span = ctx.span(c.cue.idx, ce)
    return Quote(text=ctx.text[c.s:c.e], start=c.s, end=c.e, kind=c.kind, cue=cue_span,
                 speaker=ctx.span(*c.spk_span) if c.spk_span else None,
                 speaker_name=c.name,
                 speaker_entity=c.ent.id if c.ent is not None and not c.ent.id.startswith("~") else None)


def find_quotes(doc: Doc, data: QuoteData, cfg: QuoteConfig) -> List[Quote]:
    """Quotes of a parsed document with entities: marks → cues and content → sources → resolver."""
    return [_record(ctx, c) for ctx, c in find_speakers(doc, data, cfg)]


class QuotesComponent(Component):
    """``newskit_quotes``: quotes with cue and speaker in ``doc._.nk_quotes``."""

    folder = "quotes"

    def __init__(self, nlp: Language, name: str, cfg: Dict[str, Any]) -> None:
        super().__init__(nlp, name, cfg)
        self.settings = QuoteConfig(**cfg)

    def load_data(self, folder: Path, document: DocumentData) -> QuoteData:
        return QuoteData.load(folder, document)

    @property
    def ranker(self) -> Ranker:
        """The speaker ranker (its weights are the data folder's ``speakers.json``)."""
        return self.data.ranker

    def __call__(self, doc: Doc) -> Doc:
        doc._.nk_quotes = find_quotes(doc, self.data, self.settings)
        return doc


@Language.factory(
    "newskit_quotes",
    assigns=["doc._.nk_quotes"],
    requires=["doc.sents", "doc._.boilerplate", "doc._.nk_entities"],
    default_config=DEFAULT_CONFIG,
)
def make_quotes(nlp: Language, name: str, window_sents: int, window_mentions: int, float_paragraphs: int,
                no_cue_sents_before: int, clause_lookback: int, owner_lookback: int, headline_caps: float,
                heading_max_words: int, near_person: int, near_other: int, phrase_max: int,
                attribution_max_tokens: int, single_quote_min_words: int, phrase_min_words: int,
                heading_quote_max_words: int, label_min_words: int, mentions_read: int) -> QuotesComponent:
    """The ``newskit_quotes`` component: quotes with cue and speaker in ``doc._.nk_quotes``."""
    cfg = {k: v for k, v in locals().items() if k not in ("nlp", "name")}   # every number of DEFAULT_CONFIG
    return QuotesComponent(nlp, name, cfg)
