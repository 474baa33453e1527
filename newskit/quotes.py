"""Quotes: direct quotations with their cue verb and speaker.

Baseline version: text between double quote marks (straight or curly) of at
least three words is a direct quote; the cue is the nearest speech verb
(``models/speech_verbs.txt``) outside the quote in the same or the adjacent
sentence, the speaker its nominal subject; pronouns resolve to the last
person named before the quote. Output: ``doc._.nk_quotes``.
"""
from __future__ import annotations

import re
from typing import List, Optional

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .boilerplate import in_boilerplate
from .entities import entity_at
from .records import Quote, TextSpan
from .resources import load_set

if not Doc.has_extension("nk_quotes"):
    Doc.set_extension("nk_quotes", default=None)

_QUOTE_RE = re.compile(r"“([^”“\n]+)”|\"([^\"\n]+)\"")
_PRONOUNS = {"he", "she", "they", "him", "her", "i", "we"}


def _span(doc: Doc, start: int, end: int) -> TextSpan:
    return TextSpan(text=doc.text[start:end], start=start, end=end)


def _cue(doc: Doc, qs: int, qe: int) -> Optional[Token]:
    verbs = load_set("speech_verbs.txt")
    sent_tokens = set()
    for pos in (qs, max(qe - 1, qs)):
        span = doc.char_span(pos, pos + 1, alignment_mode="expand")
        if span is not None:
            sent_tokens.update(range(span.sent.start, span.sent.end))
    cands = [doc[i] for i in sorted(sent_tokens)
             if doc[i].lemma_.lower() in verbs and doc[i].pos_ in ("VERB", "AUX")
             and not (qs <= doc[i].idx < qe)]
    if not cands:
        return None
    return min(cands, key=lambda t: min(abs(t.idx - qe), abs(t.idx - qs)))


def _subject(tok: Token) -> Optional[Span]:
    for child in tok.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            toks = [t for t in child.subtree if not t.is_punct]
            if not toks:
                return None
            # keep the head's compound/flat name, not relative clauses
            left = child.left_edge.i
            right = child.i
            return child.doc[left:right + 1]
    return None


def _last_person(doc: Doc, before: int) -> Optional[str]:
    best = None
    for ent in doc._.nk_entities or ():
        if ent.label == "PERSON":
            for m in ent.mentions:
                if m.start < before and (best is None or m.start > best[0]):
                    best = (m.start, ent.name)
    return best[1] if best else None


def find_quotes(doc: Doc) -> List[Quote]:
    out: List[Quote] = []
    for m in _QUOTE_RE.finditer(doc.text):
        g = 1 if m.group(1) is not None else 2
        qs, qe = m.start(g), m.end(g)
        if len(m.group(g).split()) < 3 or in_boilerplate(doc, m.start()):
            continue
        cue_tok = _cue(doc, qs, qe)
        cue = speaker = None
        name = ent_id = None
        if cue_tok is not None:
            cue = _span(doc, cue_tok.idx, cue_tok.idx + len(cue_tok))
            subj = _subject(cue_tok)
            if subj is not None:
                speaker = _span(doc, subj.start_char, subj.end_char)
                ent = entity_at(doc, subj.start_char, subj.end_char)
                if ent is not None:
                    name, ent_id = ent.name, ent.id
                elif subj.root.lower_ in _PRONOUNS:
                    name = _last_person(doc, qs)
                else:
                    name = subj.text
        out.append(Quote(text=doc.text[qs:qe], start=qs, end=qe, kind="direct", cue=cue,
                         speaker=speaker, speaker_name=name, speaker_entity=ent_id))
    return out


@Language.component("newskit_quotes")
def quotes_component(doc: Doc) -> Doc:
    doc._.nk_quotes = find_quotes(doc)
    return doc
