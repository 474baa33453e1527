"""Reading articles: files, directories, globs, JSON Lines, stdin (:mod:`.ingest`), HTML
pages (:mod:`.webpage`) and URLs, feeds and sitemaps (:mod:`.web`).

Everything here yields :class:`~newskit.read.ingest.Article` objects or
:class:`~newskit.read.ingest.InputError` values; nothing here analyses or writes.
"""
