"""Grouping mentions into entities: aliases, acronyms, surnames to full names, short company names.

Each entity's label comes from :mod:`.vote`, its ``canonical`` name from
:mod:`.places`. Limits: people sharing a surname are told apart only by the
nearest full name before the surname; no pronoun or description is a mention.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Dict, List, Tuple


from newskit.records import Entity, TextSpan
from newskit.nlp import document
from .acronyms import acro_after, defines, initials_of
from .common import Mention
from .config import EntitiesConfig
from .data import EntityData
from .names import name_key
from .vote import decide

__all__ = ["group_mentions"]

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC", "NORP"})


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


class _Grouper:
    """Union-find over the mentions; each step below joins groups by one kind of evidence."""

    def __init__(self, doc, mentions: List[Mention], data: EntityData, cfg: EntitiesConfig):
        self.text = document.text(doc)
        self.ms, self.data, self.cfg = mentions, data, cfg
        self.keys = [name_key(self.text[m.s:m.e]) for m in mentions]
        self.parent = list(range(len(mentions)))

    def find(self, x: int) -> int:
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, x: int, y: int) -> None:
        rx, ry = self.find(x), self.find(y)
        if rx != ry:
            if ry < rx:
                rx, ry = ry, rx
            self.parent[ry] = rx

    def groups(self) -> Dict[int, List[int]]:
        g: Dict[int, List[int]] = defaultdict(list)
        for i in range(len(self.ms)):
            g[self.find(i)].append(i)
        return g

    def label_of(self, idx: List[int]) -> str:
        """The group's label by the mentions' own votes (used while grouping)."""
        votes: Dict[str, float] = defaultdict(float)
        for i in idx:
            votes[self.ms[i].label] += self.ms[i].w
        if not votes or max(votes.values()) == 0:
            for i in idx:
                votes[self.ms[i].label] += 0.01
        return max(sorted(votes), key=lambda lab: votes[lab])

    def same_names(self) -> None:
        """Same normalised name or alias; an acronym defined in brackets after its expansion."""
        text, data = self.text, self.data
        by_key: Dict[str, int] = {}
        for i, k in enumerate(self.keys):
            k2 = data.alias_of.get(k, k)
            if k2 in by_key:
                self.union(by_key[k2], i)
            else:
                by_key[k2] = i
        start_of = {m.s: i for i, m in enumerate(self.ms)}
        for i, m in enumerate(self.ms):
            span = acro_after(text, m.e)
            if span and span[0] in start_of and defines(text, m, span, data):
                self.union(i, start_of[span[0]])

    def initials(self) -> None:
        """Acronyms implied by initials: "NSC" <-> "National Security Council"."""
        g = self.groups()
        acr: Dict[str, int] = {}
        for r, idx in g.items():
            for i in idx:
                t2 = self.text[self.ms[i].s:self.ms[i].e].replace(".", "")
                if 2 <= len(t2) <= 6 and t2.isupper() and t2.isalpha():
                    acr.setdefault(t2, r)
        if not acr:
            return
        full: Dict[str, List[int]] = defaultdict(list)
        for r, idx in g.items():
            for nm in {self.text[self.ms[i].s:self.ms[i].e] for i in idx}:
                if " " in nm:
                    ini = initials_of(nm, self.data)
                    if ini in acr and acr[ini] != r and r not in full[ini]:
                        full[ini].append(r)
        for ini, rs in full.items():
            if len(rs) == 1 and self.label_of(g[rs[0]]) != "PERSON":
                self.union(acr[ini], rs[0])

    def people(self) -> None:
        """Surnames and first names to the full name of a person."""
        ms, data = self.ms, self.data
        info = {}
        for r, idx in self.groups().items():
            longest = max(idx, key=lambda i: (len(self.keys[i].split()), -ms[i].s))
            info[r] = (self.label_of(idx), self.keys[longest].split(), idx)
        fulls = [(r, toks) for r, (lab, toks, idx) in info.items() if lab == "PERSON" and len(toks) > 1]
        by_last: Dict[str, List[Tuple[int, List[str]]]] = defaultdict(list)
        by_first: Dict[str, List[int]] = defaultdict(list)
        for fr, ft in fulls:
            by_last[ft[-1]].append((fr, ft))
            by_first[ft[0]].append(fr)
        for r, (lab, toks, idx) in info.items():
            if toks[-1] not in by_last and not (len(toks) == 1 and toks[0] in by_first):
                continue
            has_person_vote = any(ms[i].label == "PERSON" and ms[i].w > 0 for i in idx)
            k = " ".join(toks)
            if not has_person_vote and (k in data.headline_places or k in data.demonyms or k in data.alias_of):
                continue
            suffix = [fr for fr, ft in by_last.get(toks[-1], ()) if fr != r and _shorter_name(toks, ft)]
            first = [fr for fr in by_first.get(toks[0], ()) if fr != r] if len(toks) == 1 else []
            if len(suffix) == 1 or (not suffix and len(first) == 1 and has_person_vote):
                self.union((suffix or first)[0], r)
                for i in idx:  # the full name decides: a surname's other labels do not vote
                    if ms[i].label != "PERSON":
                        ms[i].w = 0.0
                    ms[i].ev = [e for e in ms[i].ev if e[0] == "PERSON"]
            elif len(suffix) > 1:
                self._nearest_full_name(idx, [info[fr][2] for fr in suffix])

    def _nearest_full_name(self, idx: List[int], fulls: List[List[int]]) -> None:
        """Several people share the surname: each short mention goes to the nearest full name before it."""
        ms = self.ms
        for i in idx:
            best = None
            for full in fulls:
                for j in full:
                    if ms[j].s < ms[i].s and (best is None or ms[j].s > ms[best].s):
                        best = j
            if best is not None:
                self.parent[i] = i  # detach
                self.union(best, i)

    def company_names(self) -> None:
        """Organisations: "Microsoft" <-> "Microsoft Corp.", "Harbourline" <-> "Harbourline Energy";
        a place stays apart ("Westport" is not "Westport Energy")."""
        g = self.groups()
        suffixes = self.data.org_suffixes | self.data.short_name_tails
        toks_of = {r: max((self.keys[i].split() for i in idx), key=len) for r, idx in g.items()}
        by_first_tok: Dict[str, List[int]] = defaultdict(list)
        for r, toks in toks_of.items():
            if len(toks) > 1 and toks[-1] in suffixes and self.label_of(g[r]) != "PERSON":
                by_first_tok[toks[0]].append(r)
        for r, toks in toks_of.items():
            label = self.label_of(g[r])
            if toks[0] not in by_first_tok or label == "PERSON" and not self._bare_word(g[r], toks) \
                    or label in PLACE_LABELS:
                continue  # "Andy Warhol" is not "Andy Warhol Foundation", nor "Westport" "Westport Energy"
            for r2 in by_first_tok[toks[0]]:
                t2 = toks_of[r2]
                if r2 != r and len(t2) > len(toks) and t2[:len(toks)] == toks \
                        and all(w in suffixes for w in t2[len(toks):]):
                    self.union(r2, r)
                    break

    def _bare_word(self, idx: List[int], toks: List[str]) -> bool:
        """One word the parser alone calls a person ("Velora said ..." beside "Velora Corp."): no title,
        no given name, no context evidence, so the company's full name may claim it."""
        return len(toks) == 1 and toks[0].capitalize() not in self.data.given and all(
            self.ms[i].sig == "model" and not self.ms[i].titles for i in idx)

    def datelines_apart(self) -> None:
        """A dateline names where the story was filed: a place, even when the same name plays as a team."""
        for idx in list(self.groups().values()):
            lines = [i for i in idx if self.ms[i].src == "dateline"]
            if not lines or len(lines) == len(idx):
                continue
            label, _ = decide([self.ms[i] for i in idx], [self.text[self.ms[i].s:self.ms[i].e] for i in idx],
                              all(" " not in self.keys[i] for i in idx), self.data, self.cfg)
            if label in ("GPE", "LOC", "FAC"):
                continue
            for i in lines:
                self.parent[i] = i
            rest = [i for i in idx if i not in lines]
            root = min(rest)
            for i in rest:
                self.parent[i] = root
            for i in lines[1:]:
                self.union(lines[0], i)

    def entity(self, idx: List[int]):
        """``(first offset, label, source, name, mentions, titles)`` of one group."""
        text, ms, keys = self.text, self.ms, self.keys
        order = sorted(idx, key=lambda i: ms[i].s)
        # a lone one-word "person" that no full name, title or given name backs is weak evidence
        lone = all(" " not in keys[i] for i in idx)
        lab, source = decide([ms[i] for i in order], [text[ms[i].s:ms[i].e] for i in order], lone, self.data, self.cfg)
        spans, seen = [], set()
        for i in order:
            if (ms[i].s, ms[i].e) not in seen:
                seen.add((ms[i].s, ms[i].e))
                spans.append(TextSpan(text=text[ms[i].s:ms[i].e], start=ms[i].s, end=ms[i].e))

        def rank(i):
            t = text[ms[i].s:ms[i].e]
            shouted = t.isupper() and (" " in t or len(keys[i]) > 5)
            return (ms[i].label == lab, not ms[i].head, not shouted,
                    len(keys[i].replace(".", "").split()), len(keys[i]), -ms[i].s)

        best = max(order, key=rank)
        titles: List[str] = []
        for i in order:
            titles.extend(t for t in ms[i].titles if t not in titles)
        return spans[0].start, lab, source, text[ms[best].s:ms[best].e], spans, titles


def _canonical(name: str, label: str, data: EntityData) -> str:
    """The corpus-wide name: a country's ISO / alias name for any of its forms, else ``name``."""
    if label == "PERSON":
        return name
    return data.places.canonical(name) or name


def group_mentions(doc, mentions: List[Mention], data: EntityData, cfg: EntitiesConfig) -> List[Entity]:
    """Group the mentions into entities and label them."""
    if not mentions:
        return []
    gr = _Grouper(doc, mentions, data, cfg)
    gr.same_names()
    gr.initials()
    gr.people()
    gr.company_names()
    gr.datelines_apart()
    ents = sorted((gr.entity(idx) for idx in gr.groups().values()), key=lambda x: x[0])
    out = []
    for k, (first, lab, source, name, spans, titles) in enumerate(ents):
        out.append(Entity(id=f"E{k + 1}", name=name, canonical=_canonical(name, lab, data), label=lab,
                          label_source=source, mentions=spans, count=len(spans), first=first, titles=titles))
    return out
