"""The speaker ranker's candidates: the entities a pronoun or description may stand for, each
with its features (``ranker.candidate_features``).

A candidate is an entity mentioned (by name, or by a pronoun resolved earlier) in the last
``window_sents`` narration sentences before the word, at most ``window_mentions`` mentions
back, that passes the constraints for the word's kind (``constraints.Agreement.fits``); the
adjacent quote's speaker; and, for he/she with none in the window, the last person of that
gender named before it. Features are named "person:..." for a person's kinds and
"thing:..." for the others; a person sought as a quote's source has them again under
``src_`` names, so that the ranker can weigh them differently there.

Limits: the window bounds the cost (linear in the text), so an antecedent further back than
the window is found only as the last person of a gender.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Dict, List, Optional, Tuple

from spacy.tokens import Token

from newskit.records import Entity
from .config import QuoteConfig
from .constraints import Agreement, places_speak_through_organisations
from .mentions import Mention, MentionTable
from .ranker import candidate_features, named

__all__ = ["CandidateFinder", "KIND_GROUP"]

# the ranker keeps two sets of weights: for a person (he, she, "the defender") and for anything
# else (it, they, "the company")
KIND_GROUP = {"m": "person", "f": "person", "a": "person"}


class CandidateFinder:
    """The candidates of one document's pronouns and descriptions (see the module docstring)."""

    def __init__(self, mentions: MentionTable, agreement: Agreement, cfg: QuoteConfig) -> None:
        self.mentions = mentions
        self.agreement = agreement
        self.window_sents = cfg.window_sents
        self.window_mentions = cfg.window_mentions
        self._last_table: Dict[str, List[Optional[Entity]]] = {}
        self._mention_starts: Dict[str, List[int]] = {}

    def candidates(self, tok: Token, kind: str, prev_speaker: Optional[Entity], exclude: Tuple[int, int],
                   prev_broken: bool = False) -> Tuple[List[Entity], List[Dict[str, float]]]:
        """The entities before ``tok`` that pass the constraints for ``kind``, most recent first,
        with the ranker's features (``prev_speaker``: the adjacent quote's speaker;
        ``prev_broken``: another person was named since; ``exclude``: the span of the word's
        own quote)."""
        table, fits_kind = self.mentions, self.agreement.fits
        si = table.sent_index(tok.i)
        lo_sent = si - self.window_sents
        para = bisect_right(table.paras, tok.idx)
        found: Dict[str, List[Mention]] = {}
        fits: Dict[str, bool] = {}
        far: Optional[Entity] = None
        for pool, starts in ((table.named, table.named_starts), (table.resolved, table.resolved_starts)):
            k = bisect_left(starts, tok.idx)
            for j in range(k - 1, max(-1, k - 1 - self.window_mentions), -1):
                m = pool[j]
                if m.sent < lo_sent:
                    break
                if exclude[0] <= m.start < exclude[1]:
                    continue
                ok = fits.get(m.ent.id)
                if ok is None:
                    ok = fits[m.ent.id] = fits_kind(m.ent, kind)
                if ok:
                    found.setdefault(m.ent.id, []).append(m)
        if kind == "n" and exclude[1] > exclude[0]:
            places_speak_through_organisations(found)
        ents: List[Entity] = []
        feats: List[Dict[str, float]] = []
        group = KIND_GROUP.get(kind, "thing")
        # a person sought as a quote's source (not a pronoun of the narration): the same
        # features again under "src_" names, so that the ranker can weigh them differently there
        source = group == "person" and exclude[1] > exclude[0]
        if prev_speaker is not None and prev_speaker.id not in found and fits_kind(prev_speaker, kind):
            found[prev_speaker.id] = []   # the adjacent quote's speaker, named before the window
        if not found and kind in ("m", "f"):
            # a he/she has an antecedent: the last person of that gender named before the window
            far = self._last_person(bisect_left(table.named_starts, tok.idx), kind)
            if far is not None:
                found[far.id] = []
        order = sorted(found, key=lambda k: (-max((m.start for m in found[k]), default=-1), k))
        by_id = {e.id: e for e in (prev_speaker, far) if e is not None}
        for rank, key in enumerate(order):
            ms = found[key]
            ent = ms[0].ent if ms else by_id[key]
            f = candidate_features(ms, si, para, tok.i, ent, self._named_before(ent, tok.idx), self.window_sents)
            f["nearest"] = float(rank == 0)
            if prev_speaker is not None and ent.id == prev_speaker.id:
                f["prev_speaker_broken" if prev_broken else "prev_speaker"] = 1.0
            if source:
                f.update({"src_" + k: v for k, v in list(f.items())})
            ents.append(ent)
            feats.append(named(f, group))
        return ents, feats

    def _named_before(self, ent: Entity, pos: int) -> int:
        """How many mentions of ``ent`` start before ``pos`` (what came later does not count:
        the same text alone or followed by more gives the same answer)."""
        starts = self._mention_starts.get(ent.id)
        if starts is None:
            starts = self._mention_starts[ent.id] = sorted(m.start for m in ent.mentions)
        return bisect_left(starts, pos)

    def _last_person(self, k: int, kind: str) -> Optional[Entity]:
        """The entity of the last named mention before mention ``k`` that fits ``kind``
        ('m' or 'f'); a table built once (linear), looked up in constant time."""
        table = self._last_table.get(kind)
        if table is None:
            table, last = [None], None
            for m in self.mentions.named:
                if self.agreement.fits(m.ent, kind) and self.agreement.gender(m.ent) == kind:
                    last = m.ent
                table.append(last)
            self._last_table[kind] = table
        return table[k]
