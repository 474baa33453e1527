"""newskit: entities, quotes and dates from news articles.

Python API (imports spaCy on first use)::

    from newskit import load_pipeline, analyze, analyze_text
    rec = analyze_text("“We won,” she said on Monday.", published="2021-10-19")
"""
__version__ = "0.1.0"

__all__ = ["__version__", "load_pipeline", "analyze", "analyze_text"]


def __getattr__(name):  # lazy: keep `import newskit` (and the CLI's --help) fast
    if name in ("load_pipeline", "analyze", "analyze_text"):
        from . import pipeline

        return getattr(pipeline, name)
    raise AttributeError(name)
