"""Writing records: JSON and JSON Lines (:mod:`.render`), rich tables, the annotated
page (:mod:`.html`), the corpus database (:mod:`.db`), tidy CSV tables
(:mod:`.export`, :mod:`.tables`) and corpus summaries (:mod:`.summarize`,
:mod:`.peoplecounts`).

Writers know :class:`~newskit.records.ArticleRecord` and nothing of the
components that made it; :mod:`.sources` reads written output back as records.
"""
