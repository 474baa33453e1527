"""Feeding the corpus database (:mod:`newskit.write.db`) from an engine's output stream.

:class:`CorpusWriter` batches records, pairs each with its article's text hash, skips an
article whose id came earlier in the run (one warning per id) and, with ``resume``, one whose
text is already stored as analysed the same way, before the parse.

Limits: the engine must yield one item per article it was given, in order (a record or a
failure), so that hashes and records pair up.
"""
from __future__ import annotations

from collections import deque
from typing import Callable, Dict, Iterable, Iterator, List, Optional, Tuple

from newskit.records import ArticleRecord
from .db import Corpus, RunInfo, text_hash

__all__ = ["CorpusWriter"]


class CorpusWriter:
    """Feed a :class:`Corpus` from an engine's output stream.

    Wrap the articles going into the engine with :meth:`articles`; then, for
    each item the engine yields (one per article, in order), call
    :meth:`write` for a record or :meth:`failed` for an error. Records are
    written in batches of ``batch_size``, one transaction each.

    Ids: the first article with an id is kept; a later one with the same id is
    skipped before the parse, and ``on_warning`` is called once per such id.
    With ``resume``, an article is skipped when its text was already analysed
    the same way (:meth:`Corpus.analysed`: under its id, or under an id this
    run does not write), so a file met under another path is not analysed twice.
    """

    def __init__(self, corpus: Corpus, run: RunInfo, batch_size: int = 32, resume: bool = False,
                 on_warning: Optional[Callable[[str], None]] = None):
        self.corpus, self.run, self.batch_size, self.resume = corpus, run, max(1, batch_size), resume
        self.on_warning = on_warning or (lambda message: None)
        self.skipped = 0
        self._analysed: set = set()  # ids this run analyses (and writes)
        self._seen: Dict[str, Optional[str]] = {}  # id -> source of its first article (None once warned)
        self._hashes: deque = deque()  # text hashes of the articles in flight, in order
        self._batch: List[Tuple[ArticleRecord, str]] = []

    def articles(self, articles: Iterable) -> Iterator:
        for art in articles:
            if self._repeated(art):
                continue
            digest = text_hash(art.text)
            if self.resume and self.corpus.analysed(art.id, digest, self.run, self._analysed):
                self.skipped += 1
                continue
            self._analysed.add(art.id)
            self._hashes.append(digest)
            yield art

    def _repeated(self, art) -> bool:
        """Whether an article with this id came earlier in the run (warned once per id)."""
        if art.id not in self._seen:
            self._seen[art.id] = art.source
            return False
        first = self._seen[art.id]
        if first is not None:
            self.on_warning(f"{art.source}: id {art.id!r} was already used by {first}; the database keeps "
                            "the first article with an id, later ones are skipped")
            self._seen[art.id] = None
        return True

    def write(self, rec: ArticleRecord) -> None:
        self._batch.append((rec, self._hashes.popleft()))
        if len(self._batch) >= self.batch_size:
            self.flush()

    def failed(self) -> None:
        self._hashes.popleft()

    def flush(self) -> None:
        batch, self._batch = self._batch, []
        self.corpus.write(batch, self.run)

    def close(self) -> None:
        try:
            self.flush()
        finally:
            self.corpus.close()

    def abort(self) -> None:
        """Stop without writing the batch being collected (committed batches stay)."""
        self._batch = []
        self.corpus.close()
