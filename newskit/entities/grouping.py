"""Grouping mentions into entities: aliases, acronyms, surnames to full names, short company names.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Dict, List, Optional, Tuple

from spacy.tokens import Doc

from ..records import Entity, TextSpan
from .common import W_BODY, W_LONE_PERSON, _Lex, _M, _key, _overlapping, _text
from .acronyms import _acro_after, _defines, _initials


def _shorter_name(toks: List[str], full: List[str]) -> bool:
    """'Hill' or 'Delane Hill' ends 'Marcus Delane Hill'; 'Marcus Hill' skips its middle name."""
    if len(full) <= len(toks):
        return False
    if full[-len(toks):] == toks:
        return True
    if len(toks) < 2 or toks[0] != full[0] or toks[-1] != full[-1]:
        return False
    it = iter(full)
    return all(t in it for t in toks)


def _group(doc, mentions: List[_M], lex: _Lex) -> List[Entity]:
    text = _text(doc)
    n = len(mentions)
    if not n:
        doc._.nk_entity_spans = []
        return []
    parent = list(range(n))

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(x, y):
        rx, ry = find(x), find(y)
        if rx != ry:
            if ry < rx:
                rx, ry = ry, rx
            parent[ry] = rx

    keys = [_key(text[m.s:m.e]) for m in mentions]
    by_key: Dict[str, int] = {}
    for i, k in enumerate(keys):
        k2 = lex.alias_of.get(k, k)
        if k2 in by_key:
            union(by_key[k2], i)
        else:
            by_key[k2] = i
    start_of = {m.s: i for i, m in enumerate(mentions)}
    for i, m in enumerate(mentions):
        span = _acro_after(text, m.e)
        if span and span[0] in start_of and _defines(text, m, span, lex):
            union(i, start_of[span[0]])

    def groups():
        g: Dict[int, List[int]] = defaultdict(list)
        for i in range(n):
            g[find(i)].append(i)
        return g

    def label_of(idx: List[int], final: bool = False) -> str:
        votes: Dict[str, float] = defaultdict(float)
        # a lone one-word "person" that no full name, title or given name backs is weak evidence
        lone = final and all(" " not in keys[i] for i in idx)
        for i in idx:
            m = mentions[i]
            w = m.w
            if lone and m.label == "PERSON" and w == W_BODY and not m.titles:
                w = W_LONE_PERSON
            votes[m.label] += w
        if not votes or max(votes.values()) == 0:
            for i in idx:
                votes[mentions[i].label] += 0.01
        return max(sorted(votes), key=lambda l: votes[l])

    # acronyms implied by initials: "NSC" <-> "National Security Council"
    g = groups()
    acr = {}
    for r, idx in g.items():
        for i in idx:
            t = text[mentions[i].s:mentions[i].e]
            t2 = t.replace(".", "")
            if 2 <= len(t2) <= 6 and t2.isupper() and t2.isalpha():
                acr.setdefault(t2, r)
    if acr:
        full: Dict[str, List[int]] = defaultdict(list)
        for r, idx in g.items():
            names = {text[mentions[i].s:mentions[i].e] for i in idx}
            for nm in names:
                if " " in nm:
                    ini = _initials(nm, lex)
                    if ini in acr and acr[ini] != r and r not in full[ini]:
                        full[ini].append(r)
        for ini, rs in full.items():
            if len(rs) == 1 and label_of(g[rs[0]]) not in ("PERSON",):
                union(acr[ini], rs[0])

    # people: surnames and first names to the full name
    g = groups()
    info = {}
    for r, idx in g.items():
        lab = label_of(idx)
        longest = max(idx, key=lambda i: (len(keys[i].split()), -mentions[i].s))
        info[r] = (lab, keys[longest].split(), idx)
    fulls = [(r, toks) for r, (lab, toks, idx) in info.items() if lab == "PERSON" and len(toks) > 1]
    if fulls:
        by_last: Dict[str, List[Tuple[int, List[str]]]] = defaultdict(list)
        by_first: Dict[str, List[int]] = defaultdict(list)
        for fr, ft in fulls:
            by_last[ft[-1]].append((fr, ft))
            by_first[ft[0]].append(fr)
        for r, (lab, toks, idx) in info.items():
            if toks[-1] not in by_last and not (len(toks) == 1 and toks[0] in by_first):
                continue
            has_person_vote = any(mentions[i].label == "PERSON" and mentions[i].w > 0 for i in idx)
            k = " ".join(toks)
            if not has_person_vote and (k in lex.places or k in lex.demonyms or k in lex.alias_of):
                continue
            suffix = [fr for fr, ft in by_last.get(toks[-1], ()) if fr != r and _shorter_name(toks, ft)]
            first = [fr for fr in by_first.get(toks[0], ()) if fr != r] if len(toks) == 1 else []
            if len(suffix) == 1 or (not suffix and len(first) == 1 and has_person_vote):
                union((suffix or first)[0], r)
                for i in idx:  # the full name decides: a surname's other labels do not vote
                    if mentions[i].label != "PERSON":
                        mentions[i].w = 0.0
            elif len(suffix) > 1:
                # several people share the surname: each short mention goes to the nearest full name before it
                for i in idx:
                    best = None
                    for fr in suffix:
                        for j in info[fr][2]:
                            if mentions[j].s < mentions[i].s and (best is None or mentions[j].s > mentions[best].s):
                                best = j
                    if best is not None:
                        parent[i] = i  # detach
                        union(best, i)
    # organisations: "Microsoft" <-> "Microsoft Corp."
    g = groups()
    toks_of = {r: max((keys[i].split() for i in idx), key=len) for r, idx in g.items()}
    by_first_tok: Dict[str, List[int]] = defaultdict(list)
    for r, toks in toks_of.items():
        if len(toks) > 1 and toks[-1] in lex.org_suffixes and label_of(g[r]) != "PERSON":
            by_first_tok[toks[0]].append(r)
    if by_first_tok:
        for r, toks in toks_of.items():
            if label_of(g[r]) == "PERSON" or toks[0] not in by_first_tok:
                continue  # "Andy Warhol" is not "Andy Warhol Foundation"
            for r2 in by_first_tok[toks[0]]:
                t2 = toks_of[r2]
                if r2 != r and len(t2) > len(toks) and t2[:len(toks)] == toks \
                        and all(w in lex.org_suffixes for w in t2[len(toks):]):
                    union(r2, r)
                    break

    g = groups()
    ents = []
    for r, idx in g.items():
        lab = label_of(idx, final=True)
        ms = sorted(idx, key=lambda i: mentions[i].s)
        spans = []
        seen = set()
        for i in ms:
            m = mentions[i]
            if (m.s, m.e) in seen:
                continue
            seen.add((m.s, m.e))
            spans.append(TextSpan(text=text[m.s:m.e], start=m.s, end=m.e))
        best = max(ms, key=lambda i: (
            mentions[i].label == lab, not mentions[i].head,
            not (text[mentions[i].s:mentions[i].e].isupper() and " " in text[mentions[i].s:mentions[i].e]
                 or text[mentions[i].s:mentions[i].e].isupper() and len(keys[i]) > 5),
            len(keys[i].replace(".", "").split()), len(keys[i]), -mentions[i].s))
        titles: List[str] = []
        for i in ms:
            for t in mentions[i].titles:
                if t not in titles:
                    titles.append(t)
        ents.append((spans[0].start, lab, text[mentions[best].s:mentions[best].e], spans, titles))
    ents.sort(key=lambda x: x[0])
    out = []
    index = []
    for k, (first, lab, name, spans, titles) in enumerate(ents):
        out.append(Entity(id=f"E{k + 1}", name=name, label=lab, mentions=spans, count=len(spans),
                          first=first, titles=titles))
        for sp in spans:
            index.append((sp.start, sp.end, k))
    index.sort()
    doc._.nk_entity_spans = index
    return out


def entity_at(doc: Doc, start: int, end: int) -> Optional[Entity]:
    """The entity with a mention overlapping ``[start, end)``, if any (the first such mention wins)."""
    ents = doc._.nk_entities or []
    index = doc._.nk_entity_spans
    if index is None:
        for ent in ents:
            for m in ent.mentions:
                if m.start < end and start < m.end:
                    return ent
        return None
    for _, _, k in _overlapping(index, start, end):
        return ents[k]
    return None
