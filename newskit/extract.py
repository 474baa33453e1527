"""Run an extraction: inputs -> analysis -> writer, with errors reported.

``run_extract`` is what ``newskit extract`` calls. Input problems are printed
as one line each on stderr (naming the input), the other inputs go on, and the
exit status is 1 when any input failed. A value of an input that newskit
dropped or replaced is a warning line on stderr (the article is still
analysed), or with ``strict`` a failure of that input. stdout (or the ``--output`` file)
receives only records; a file is replaced only when the run produced output
or had nothing to fail on, so a failed run never destroys a good file. With
``db`` the records also go (or only go, when ``fmt`` is None) into a corpus
database (:mod:`newskit.db`), a transaction per batch; ``resume`` skips the
articles it already holds.
"""
from __future__ import annotations

import os
import sys
from typing import Iterator, List, Optional

from .db import CorpusError
from .ingest import Article, InputError, ReadOptions, iter_articles
from .modelname import DEFAULT_MODEL
from .output import open_output

from .exitcodes import FAILED as EXIT_FAILED, INTERRUPTED as EXIT_INTERRUPTED, OK as EXIT_OK, USAGE as EXIT_USAGE


class Counter:
    def __init__(self):
        self.done = 0
        self.failed = 0
        self.skipped: Optional[int] = None  # with --resume


def _report(console, counter: Counter, err: InputError) -> None:
    counter.failed += 1
    console.print(f"newskit: error: {err}", markup=False, highlight=False, soft_wrap=True)


def _articles(items, counter: Counter, console) -> Iterator[Article]:
    for item in items:
        if isinstance(item, InputError):
            _report(console, counter, item)
            continue
        for warning in item.warnings:
            console.print(f"newskit: warning: {item.source}: {warning}", markup=False, highlight=False, soft_wrap=True)
        yield item


def run_extract(
    paths: List[str],
    model: str = DEFAULT_MODEL,
    published: Optional[str] = None,
    fmt: str = "jsonl",
    output: Optional[str] = None,
    include_text: bool = False,
    encoding: str = "utf-8",
    errors: str = "strict",
    batch_size: int = 32,
    jobs: int = 1,
    engine: str = "local",
    scheduler: Optional[str] = None,
    quiet: bool = False,
    strict: bool = False,
    console=None,
    stdin=None,
    db: Optional[str] = None,
    resume: bool = False,
) -> int:
    from rich.console import Console

    console = console or Console(stderr=True)
    try:
        "".encode(encoding)
    except LookupError:
        console.print(f"newskit: error: unknown encoding {encoding!r}", markup=False)
        return EXIT_USAGE

    if engine == "dask":
        try:
            import dask.distributed  # noqa: F401
        except ImportError:
            console.print("newskit: error: --engine dask needs dask[distributed]: pip install 'newskit[dask]'", markup=False)
            return EXIT_USAGE
    from .engine import run_dask, run_local
    from .pipeline import ModelNotFound, get_pipeline

    try:
        nlp = get_pipeline(model)  # fail early on a bad model, before any output
    except ModelNotFound as exc:
        console.print(f"newskit: error: {exc}", markup=False)
        return EXIT_USAGE
    try:
        corpus = _open_db(db, nlp, batch_size, resume)
    except CorpusError as exc:
        console.print(f"newskit: error: {exc}", markup=False, soft_wrap=True)
        return EXIT_USAGE

    opts = ReadOptions(published=published, encoding=encoding, errors=errors, strict=strict)
    with_text = include_text or fmt == "html"  # the page shows the text
    counter = Counter()
    try:
        atomic, writer = _open_writer(fmt, output)
    except OSError as exc:
        if corpus:
            corpus.abort()
        console.print(f"newskit: error: cannot write {output}: {exc.strerror or exc}", markup=False)
        return EXIT_USAGE
    articles = _articles(iter_articles(paths, opts, stdin=stdin), counter, console)
    if corpus:
        articles = corpus.articles(articles)
    several = len(paths) != 1 or os.path.isdir(paths[0]) or paths[0].lower().endswith((".jsonl", ".ndjson"))
    progress = _progress(console, quiet or not several)
    try:
        with progress:
            task = progress.add_task("analysing", total=None) if progress else None
            if engine == "dask":
                records = run_dask(articles, model, scheduler=scheduler, workers=jobs,
                                   batch_size=batch_size, include_text=with_text)
            else:
                records = run_local(articles, model, jobs=jobs, batch_size=batch_size, include_text=with_text)
            for rec in records:
                if isinstance(rec, InputError):
                    if corpus:
                        corpus.failed()
                    _report(console, counter, rec)
                    continue
                if writer:
                    writer.write(rec)
                if corpus:
                    corpus.write(rec)
                counter.done += 1
                if progress:
                    progress.update(task, advance=1)
        if writer:
            writer.close()
        if corpus:
            corpus.close()
    except BrokenPipeError:
        # the reader went away (`| head`): stop quietly
        _silence_stdout()
        _abandon(atomic, corpus)
        return EXIT_OK if not counter.failed else EXIT_FAILED
    except KeyboardInterrupt:
        _abandon(atomic, corpus)
        console.print("newskit: interrupted", markup=False)
        return EXIT_INTERRUPTED
    except BaseException:
        _abandon(atomic, corpus)
        raise
    if corpus:
        counter.skipped = corpus.skipped if resume else None
    if atomic:
        if counter.done or not counter.failed:
            atomic.commit()
        else:
            atomic.discard()
            console.print(f"newskit: nothing written to {output}: every input failed", markup=False)
    if not quiet:
        skipped = f", {counter.skipped} skipped (already in {db})" if counter.skipped is not None else ""
        console.print(
            f"newskit: {counter.done} article{'s' * (counter.done != 1)} done, {counter.failed} failed{skipped}",
            markup=False, highlight=False, soft_wrap=True,
        )
    return EXIT_FAILED if counter.failed else EXIT_OK


def _open_writer(fmt: Optional[str], output: Optional[str]):
    """(AtomicFile or None, record writer) for the format; (None, None) when
    ``fmt`` is None (the database is the only output)."""
    if fmt is None:
        return None, None
    from rich.console import Console

    from .render import make_writer

    stream, atomic = open_output(output)
    table_console = None
    if fmt == "table":
        table_console = Console(file=stream) if atomic is None else Console(file=stream, force_terminal=False, width=120)
    return atomic, make_writer(fmt, stream, table_console)


def _open_db(path: Optional[str], nlp, batch_size: int, resume: bool):
    """A CorpusWriter for ``--db`` (None without it); raises CorpusError."""
    if not path:
        return None
    from .db import Corpus, CorpusWriter, RunInfo

    return CorpusWriter(Corpus(path), RunInfo.of(nlp), batch_size=batch_size, resume=resume)


def _abandon(atomic, corpus) -> None:
    """After an error: drop the unfinished output file and the batch being collected."""
    if atomic:
        atomic.discard()
    if corpus:
        corpus.abort()


class _NoProgress:
    def __bool__(self):
        return False

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def _progress(console, quiet: bool):
    if quiet or not console.is_terminal:
        return _NoProgress()
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    return Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TimeElapsedColumn(), console=console, transient=True)


def _silence_stdout():
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
