"""Headlines, datelines and document history: keep what the body attests, find names again where the parser missed them.

Limits: a headline-only name that neither the body nor the place lists know is
dropped; a name found again keeps the label it had where it was found.
"""
from __future__ import annotations

from bisect import bisect_right, insort
from typing import Dict, List, Optional, Tuple

from spacy.attrs import LOWER

from newskit.nlp import document
from newskit.nlp.results import derived
from .common import Lines, Mention, capitalised, occurrences
from .config import MentionWeights
from .data import EntityData
from .evidence import looks_like_person
from .names import name_key

__all__ = ["attested_names", "check_head", "dateline_places", "propagate"]


def attested_names(body: List[Mention], data: EntityData, text: str) -> Dict[str, Tuple[str, float]]:
    """Normalised names the body vouches for, with a label."""
    att: Dict[str, Tuple[str, float]] = {}
    for m in body:
        k = name_key(text[m.s:m.e])
        if k not in att or att[k][1] < m.w:
            att[k] = (m.label, m.w)
    for m in body:
        if m.label == "PERSON":
            parts = text[m.s:m.e].split()
            if len(parts) > 1:
                for p in parts:
                    pk = name_key(p)
                    if len(pk) > 2 and pk not in att and pk not in data.particles:
                        att[pk] = ("PERSON", 0.5)
    return att


def _lookup(k: str, attested, data: EntityData) -> Optional[str]:
    if k in attested:
        return attested[k][0]
    if k in data.alias_of:
        return attested.get(data.alias_of[k], ("GPE",))[0]
    if k in data.gaz_label:
        return data.gaz_label[k]
    return None


def check_head(doc, m: Mention, attested, data: EntityData, weights: MentionWeights) -> List[Mention]:
    """A headline candidate is kept when attested, else trimmed to its attested part."""
    text = document.text(doc)
    k = name_key(text[m.s:m.e])
    lab = _lookup(k, attested, data)
    if lab:
        m.w = weights.head
        return [m]
    words = text[m.s:m.e].split()
    if not text[m.s:m.e].isupper() and looks_like_person(words, data):  # a byline, a name only the headline gives
        m.label, m.w, m.sig = "PERSON", weights.head, "context"
        return [m]
    if not m.toks:
        return []
    a, b = m.toks
    out = []
    k0 = a
    for n in range(min(b - a, 6), 0, -1):
        for st in range(a, b - n + 1):
            if st < k0:
                continue
            s = doc[st].idx
            e = doc[st + n - 1].idx + len(doc[st + n - 1].text)
            lab = _lookup(name_key(text[s:e]), attested, data)
            if lab and capitalised(doc[st].text):
                out.append(Mention(s, e, lab, weights.head, [], True, (st, st + n), "head"))
                k0 = st + n
    return out


def dateline_places(doc, lines: Lines, data: EntityData, weights: MentionWeights) -> List[Mention]:
    """'HALIFAX 2024-03-04', 'GENEVA, Switzerland (AP) -': the capitalised place is a GPE."""
    out = []
    text = document.text(doc)
    seen = 0
    for i, st in enumerate(lines.starts):
        s, e = lines.span(i, text)
        line = text[s:e]
        if not line.strip():
            continue
        seen += 1
        if seen > 4:
            break
        mt = data.dateline.match(line)
        if mt and mt.group("cue") and line.upper() == line:
            mt = None
        if mt and not document.in_furniture(doc, s + mt.start(1)):
            out.append(Mention(s + mt.start(1), s + mt.end(1), "GPE", weights.body, [], False, None, "dateline",
                               "context"))
    return out


def _known_forms(text: str, mentions: List[Mention], data: EntityData) -> Dict[str, str]:
    """Spellings the article has shown to be names, with their label: the body's mentions, a person's
    surname, a company's name without its suffix ("Northwind Systems" is also "Northwind")."""
    forms: Dict[str, str] = {}
    for m in mentions:
        if m.src in ("ner", "dateline", "given", "table") and not m.head:
            forms.setdefault(text[m.s:m.e], m.label)
    for m in mentions:
        if m.label == "PERSON" and not m.head:
            parts = text[m.s:m.e].split()
            if len(parts) > 1:
                p = parts[-1]
                if len(p) > 2 and p[0].isupper() and p.lower() not in data.particles:
                    forms.setdefault(p, "PERSON")
    for m in mentions:
        if m.label == "ORG" and not m.head:
            parts = text[m.s:m.e].split()
            n = len(parts)
            while n > 1 and parts[n - 1].lower() in data.org_suffixes:
                n -= 1
            if 0 < n < len(parts) and parts[0][:1].isupper() and len(" ".join(parts[:n])) > 2:
                forms.setdefault(" ".join(parts[:n]), "ORG")
    keep = {}
    for f, lab in forms.items():
        fl = f.lower()
        if len(f) < 2 or fl in data.not_names:
            continue
        if " " not in f and fl != f and next(occurrences(text, fl), None) is not None:
            continue  # also a common word here ("West" / "west")
        keep[f] = lab
    return keep


def propagate(doc, lines: Lines, mentions: List[Mention], attested, data: EntityData, title_regions,
              weights: MentionWeights) -> List[Mention]:
    """Find again, where the parser missed them, names found elsewhere in the article."""
    text = document.text(doc)
    keep = _known_forms(text, mentions, data)
    taken = sorted([(m.s, m.e) for m in mentions] + list(title_regions))
    out: List[Mention] = []

    def free(s, e):
        i = bisect_right(taken, (s, float("inf"))) - 1
        for j in (i, i + 1):
            if 0 <= j < len(taken) and taken[j][0] < e and s < taken[j][1]:
                return False
        return not document.in_furniture(doc, s)

    def add(s, e, form_label, check_neighbours, sig="model"):
        if not free(s, e):
            return
        span = doc.char_span(s, e)
        if span is None:
            return
        if check_neighbours:
            if span.start > 0:
                p = doc[span.start - 1]
                if p.text[:1].isupper() and p.tag_ in ("NNP", "NNPS") and "\n" not in p.text:
                    return  # part of a longer name the parser did not tag
            if span.end < len(doc):
                n = doc[span.end]
                if n.text[:1].isupper() and n.tag_ in ("NNP", "NNPS") and "\n" not in n.text:
                    return
        insort(taken, (s, e))
        out.append(Mention(s, e, form_label, weights.linked, [], lines.kind(s) != "body", (span.start, span.end),
                           "prop", sig))

    ordered = sorted(keep, key=lambda f: (-len(f), f))
    for f in ordered:
        for s in occurrences(text, f):
            kind = lines.kind(s)
            if kind != "caps":
                add(s, s + len(f), keep[f], kind == "body")
    caps_lines = [i for i, k in enumerate(lines.kinds) if k == "caps"]
    if caps_lines and keep:
        memo = derived(doc)
        upper = memo.get("upper")
        if upper is None or len(upper) != len(text):
            upper = memo["upper"] = text.upper()
        for i in caps_lines:
            s0, e0 = lines.span(i, text)
            for f in ordered:
                fu = f.upper()
                if len(fu) != len(f):
                    continue
                for s in occurrences(upper, fu, s0, e0):
                    add(s, s + len(f), keep[f], False)
            for s, e, lab in data.gaz_matches(text, s0, e0):
                add(s, e, lab, False, "gazetteer")
    for tok in _demonym_tokens(doc, data):
        if lines.kind(tok.idx) == "body":
            add(tok.idx, tok.idx + len(tok.text), "NORP", True, "gazetteer")
    return out


def _demonym_tokens(doc, data: EntityData):
    """Capitalised one-word nationalities ("French", "Welsh") wherever they stand: the parser misses some."""
    wanted = data.demonym_ids
    for i, h in enumerate(doc.to_array(LOWER).tolist()):
        if h in wanted:
            tok = doc[i]
            if tok.text[:1].isupper() and not tok.text.isupper():
                yield tok
