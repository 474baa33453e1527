"""The analysis: a spaCy pipeline with newskit's components.

:mod:`.pipeline` loads a spaCy pipeline and adds the components; :mod:`.engine`
runs it in this process, in worker processes or on Dask. The components, in
pipeline order: :mod:`.boilerplate`, :mod:`.entities`, :mod:`.dates`,
:mod:`.quotes`, :mod:`.people` and :mod:`.spans`. Their results are plain data on
the ``Doc`` (:mod:`.results`), turned into :class:`~newskit.records.ArticleRecord`
by :func:`.results.record`.

This package's ``__init__`` imports nothing, so ``newskit info`` and ``--help``
stay fast (spaCy is imported only when a component or the pipeline is).
"""
