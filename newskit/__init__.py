"""newskit: entities, quotes and dates from news articles.

Python API (imports spaCy on first use; see the README's "Python API")::

    import newskit
    rec = newskit.analyze("“We won,” she said on Monday.", published="2021-10-19")
    nlp = newskit.load_pipeline()                  # spaCy pipeline + newskit components
    doc = nlp(newskit.make_doc(nlp, "...", published="2021-10-19"))
    rec = newskit.record(doc)                      # the same record, from a Doc
"""
__version__ = "0.1.0"

_LAZY = {
    "analyze": "api", "analyze_many": "api", "save": "api",
    "load_pipeline": "nlp.pipeline", "make_doc": "nlp.pipeline", "analyze_text": "nlp.pipeline",
    "record": "nlp.results",
}

__all__ = ["__version__", "analyze", "analyze_many", "save", "load_pipeline", "make_doc", "record"]


def __getattr__(name):  # lazy: keep `import newskit` (and the CLI's --help) fast
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(name)
