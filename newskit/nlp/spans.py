"""newskit's results as spaCy annotations: ``doc.ents`` and span groups.

Job: the ``newskit_spans`` component, last in the pipeline, shows the results
of the other components (:mod:`newskit.nlp.results`) the way spaCy tools read them,
so ``displacy`` (``style="ent"`` and ``style="span"``), ``doc.ents`` and
``doc.spans`` users see newskit's findings:

* ``doc.ents``: newskit's entity mentions, labelled with their entity's label
  (they replace the model's, as spaCy's ``entity_ruler`` with
  ``overwrite_ents`` does); ``ent.id_`` is the entity's id (``E1``, ...);
* ``doc.spans["model_ents"]``: the model's own entities, as the parser gave them;
* ``doc.spans["quotes"]`` (label: the kind, ``direct``/``indirect``/``mixed``),
  ``["cues"]`` (label ``CUE``) and ``["speakers"]`` (label ``SPEAKER``): each
  span's ``id_`` is its quote's number, ``Q1``, ``Q2``, ... (the quote's
  position in ``doc._.nk_quotes`` plus one);
* ``doc.spans["dates"]`` (label: the TIMEX3 type; ``id_`` ``D1``, ...) and
  ``doc.spans["boilerplate"]`` (label: the region's kind).

Span attributes, derived on access from the plain results: ``span._.nk_entity``
(the entity of an ``E`` span, or the speaker's entity of a quote's span),
``span._.nk_quote`` and ``span._.nk_date`` (the record, as a dict), else None.

Limits: spans cover whole tokens; a result whose offsets fall inside a token
is widened to the tokens around it (the records keep the exact offsets), and
a mention that would then overlap the one before it is left out of
``doc.ents``. The component only reads results: it changes no record.
"""
from __future__ import annotations

from typing import Iterable, List, Optional

from spacy.language import Language
from spacy.tokens import Doc, Span

GROUPS = ("model_ents", "quotes", "cues", "speakers", "dates", "boilerplate")  # the span groups it sets


def _span(doc: Doc, start: int, end: int, label: str, span_id: str = "") -> Optional[Span]:
    span = doc.char_span(start, end, label=label, span_id=span_id or 0)
    if span is None:
        span = doc.char_span(start, end, label=label, span_id=span_id or 0, alignment_mode="expand")
    return span if span is not None and len(span) else None


def _disjoint(spans: Iterable[Span]) -> List[Span]:
    out: List[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if not out or span.start >= out[-1].end:
            out.append(span)
    return out


def entity_spans(doc: Doc) -> List[Span]:
    """newskit's entity mentions as Spans (label: the entity's label, id: its id), in text order."""
    spans = (_span(doc, m["start"], m["end"], e["label"], e["id"])
             for e in doc._.nk_entities or () for m in e["mentions"])
    return _disjoint(s for s in spans if s is not None)


def _quote_parts(doc: Doc):
    quotes, cues, speakers = [], [], []
    for n, q in enumerate(doc._.nk_quotes or (), 1):
        qid = f"Q{n}"
        quotes.append(_span(doc, q["start"], q["end"], q["kind"], qid))
        if q.get("cue"):
            cues.append(_span(doc, q["cue"]["start"], q["cue"]["end"], "CUE", qid))
        if q.get("speaker"):
            speakers.append(_span(doc, q["speaker"]["start"], q["speaker"]["end"], "SPEAKER", qid))
    return quotes, cues, speakers


def annotate(doc: Doc) -> Doc:
    """Set ``doc.ents`` and the span groups from the results on ``doc``."""
    if "model_ents" not in doc.spans:  # a second run keeps the parser's originals
        doc.spans["model_ents"] = list(doc.ents)
    doc.set_ents(entity_spans(doc), default="outside")
    quotes, cues, speakers = _quote_parts(doc)
    dates = [_span(doc, d["start"], d["end"], d["type"], f"D{n}") for n, d in enumerate(doc._.nk_dates or (), 1)]
    furniture = [_span(doc, r["start"], r["end"], r["kind"] or "") for r in doc._.boilerplate or ()]
    for key, spans in (("quotes", quotes), ("cues", cues), ("speakers", speakers), ("dates", dates),
                       ("boilerplate", furniture)):
        doc.spans[key] = [s for s in spans if s is not None]
    return doc


def _numbered(span: Span, prefix: str, items) -> Optional[dict]:
    sid = span.id_
    if not (sid.startswith(prefix) and sid[1:].isdigit()):
        return None
    n = int(sid[1:])
    items = items or ()
    return items[n - 1] if 0 < n <= len(items) else None


def _quote_of(span: Span) -> Optional[dict]:
    return _numbered(span, "Q", span.doc._.nk_quotes)


def _date_of(span: Span) -> Optional[dict]:
    return _numbered(span, "D", span.doc._.nk_dates)


def _entity_of(span: Span) -> Optional[dict]:
    quote = _quote_of(span)
    eid = quote.get("speaker_entity") if quote else span.id_
    if not eid:
        return None
    return next((e for e in span.doc._.nk_entities or () if e["id"] == eid), None)


for _name, _getter in (("nk_entity", _entity_of), ("nk_quote", _quote_of), ("nk_date", _date_of)):
    Span.set_extension(_name, getter=_getter, force=True)


@Language.factory(
    "newskit_spans",
    assigns=["doc.ents", "doc.spans"],
    requires=["doc._.nk_entities", "doc._.nk_quotes", "doc._.nk_dates", "doc._.boilerplate"],
)
def make_spans(nlp: Language, name: str):
    """The ``newskit_spans`` component: newskit's results as ``doc.ents`` and ``doc.spans`` groups."""
    return annotate
