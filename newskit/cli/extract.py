"""Run an extraction: inputs -> analysis -> writer, with errors reported.

``run_extract`` is what ``newskit extract`` calls. Input problems are printed
as one line each on stderr (naming the input), the other inputs go on, and the
exit status is 1 when any input failed. A value of an input that newskit
dropped or replaced is a warning line on stderr (the article is still
analysed), or with ``strict`` a failure of that input. stdout (or the ``--output`` file)
receives only records; a file is replaced only when the run produced output
or had nothing to fail on, so a failed run never destroys a good file. With
``db`` the records also go (or only go, when ``fmt`` is None) into a corpus
database (:mod:`newskit.write.db`), a transaction per batch; ``resume`` skips the
articles it already holds. Web inputs (URLs, feeds, sitemaps: :mod:`newskit.read.web`)
follow the paths; their downloads start before the model loads.
"""
from __future__ import annotations

import io
import itertools
import os
import sys
from typing import Iterator, List, Optional

from newskit.write.db import CorpusError
from newskit.nlp.data import DocumentData
from newskit.read.ingest import Article, InputError, ReadOptions, iter_articles
from newskit.nlp.modelname import DEFAULT_MODEL
from newskit.nlp.people.nogender import without_gender
from newskit.write.output import Targets, open_output
from .progress import Meter, count_inputs, progress_for

from newskit.exitcodes import FAILED as EXIT_FAILED, OK as EXIT_OK, USAGE as EXIT_USAGE, Terminated, interrupted


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
    fmt: Optional[str] = "jsonl",
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
    gender: bool = True,
    web=None,
    web_options=None,
) -> int:
    """What ``newskit extract`` does; returns the exit status.

    ``web`` (a :class:`newskit.read.web.WebInputs`) adds URLs, URL lists, feeds and
    sitemaps after the paths, fetched as ``web_options`` say."""
    from rich.console import Console

    console = console or Console(stderr=True)
    meter = Meter()
    # the readers use the pipeline's shared data (a saved pipeline's own copy), known before it loads
    opts = ReadOptions(published=published, encoding=encoding, errors=errors, strict=strict, on_bytes=meter,
                       document=DocumentData.for_model(model))
    targets = Targets([output, db])
    reader = None
    try:
        _check_options(encoding, engine)
        _check_targets(paths, output, db, targets)
        reader = _web_reader(web, web_options, opts, db if resume else None, stdin)  # downloads start now
        nlp = _load_pipeline(model)  # fail early on a bad model, before any output
        corpus, atomic, writer = _open_targets(db, nlp, batch_size, resume, fmt, output, console)
    except _SetupError as exc:
        if reader:
            reader.close()
        console.print(f"newskit: error: {exc}", markup=False, soft_wrap=True)
        return EXIT_USAGE

    counter = Counter()
    articles = _inputs(paths if paths or not reader else None, opts, stdin, corpus, counter, console,
                       targets, reader)
    progress = _progress(console, quiet or not (reader or _several_articles(paths)), paths, reader, meter,
                         targets)
    stopped = _run(lambda: _analyse(articles, model, engine, scheduler, jobs, batch_size,
                                    with_text=include_text or fmt == "html"),  # the page shows the text
                   gender, writer, corpus, atomic, reader, counter, console, progress)
    if stopped is not None:
        return stopped
    if corpus:
        counter.skipped = corpus.skipped + (reader.skipped if reader else 0) if resume else None
    _finish_output(atomic, counter, output, console)
    if not quiet:
        _print_summary(counter, db, console)
    return EXIT_FAILED if counter.failed else EXIT_OK


def _run(start, gender: bool, writer, corpus, atomic, reader, counter: Counter, console, progress) -> Optional[int]:
    """Analyse and write every article (``start()`` begins the engine's stream); None when the
    run went to its end, else the exit status of a run cut short: the reader of stdout went
    away (``| head``), Ctrl-C or SIGTERM. What was not committed is dropped, and the web reader
    is closed either way."""
    records = None
    try:
        records = start()
        # (records stays the engine's stream, which _close ends: its workers stop with it)
        _write_records(records if gender else map(without_gender, records), writer, corpus, counter, console,
                       progress)
    except BrokenPipeError:
        _silence_stdout()
        _abandon(atomic, corpus)
        return EXIT_OK if not counter.failed else EXIT_FAILED
    except KeyboardInterrupt as exc:  # Ctrl-C, or SIGTERM (exitcodes.Terminated)
        _close(records)
        _abandon(atomic, corpus)
        console.print(f"newskit: {'terminated' if isinstance(exc, Terminated) else 'interrupted'}", markup=False)
        return interrupted(exc)
    except BaseException:
        _abandon(atomic, corpus)
        raise
    finally:
        if reader:
            reader.close()  # no new downloads; waiting threads wake
    return None


class _SetupError(Exception):
    """A problem found before any input is read: one line on stderr, exit status 2."""


def _check_options(encoding: str, engine: str) -> None:
    """Raise _SetupError for an unknown encoding, or the Dask engine without Dask."""
    try:
        "".encode(encoding)
    except LookupError:
        raise _SetupError(f"unknown encoding {encoding!r}") from None
    if engine == "dask":
        try:
            import dask.distributed  # noqa: F401
        except ImportError:
            raise _SetupError("--engine dask needs dask[distributed]: pip install 'newskit[dask]'") from None


def _check_targets(paths: List[str], output: Optional[str], db: Optional[str], targets: Targets) -> None:
    """Raise _SetupError when --output or --db is an input named on the command line, or both
    name one file: the run would read what it writes, or overwrite its own input."""
    clash = targets.clash(paths or [])
    if clash is not None:
        which = "--db" if db and Targets([db]).holds(clash) else "--output"
        raise _SetupError(f"{clash}: is an input and the {which} of this run; write the results elsewhere")
    if output and db and output != "-" and Targets([db]).holds(output):
        raise _SetupError(f"{output}: is both --output and --db; give two files")


def _load_pipeline(model: str):
    """The spaCy pipeline; raises _SetupError when it is not installed."""
    from newskit.nlp.pipeline import ModelNotFound, get_pipeline

    try:
        return get_pipeline(model)
    except ModelNotFound as exc:
        raise _SetupError(str(exc)) from None


def _open_targets(db: Optional[str], nlp, batch_size: int, resume: bool, fmt: Optional[str],
                  output: Optional[str], console):
    """(CorpusWriter or None, AtomicFile or None, record writer or None); raises _SetupError."""
    try:
        corpus = _open_db(db, nlp, batch_size, resume, console)
    except CorpusError as exc:
        raise _SetupError(str(exc)) from None
    try:
        atomic, writer = _open_writer(fmt, output)
    except OSError as exc:
        if corpus:
            corpus.abort()
        raise _SetupError(f"cannot write {output}: {exc.strerror or exc}") from None
    return corpus, atomic, writer


def _inputs(paths: Optional[List[str]], opts: ReadOptions, stdin, corpus, counter: Counter, console,
            targets: Targets, reader=None) -> Iterator[Article]:
    """The articles to analyse (the paths', then the web's; never the run's own outputs), each
    problem reported; with a database, minus those it already holds. ``paths`` None: the web
    inputs only (stdin is not read)."""
    items = iter_articles(paths, opts, stdin=stdin, skip=targets) if paths is not None else iter(())
    if reader is not None:
        items = itertools.chain(items, reader)
    articles = _articles(items, counter, console)
    return corpus.articles(articles) if corpus else articles


def _web_reader(web, web_options, opts: ReadOptions, resume_db: Optional[str], stdin):
    """The reader of the web inputs, started (None without any); with ``resume_db`` it skips
    URLs already stored there."""
    if not web:
        return None
    from newskit.write.db import StoredURLs
    from newskit.read.web import WebOptions, WebReader

    skip = StoredURLs(resume_db) if resume_db else None
    text_stdin = io.TextIOWrapper(stdin, encoding="utf-8") if stdin is not None else None
    try:
        return WebReader(web, web_options or WebOptions(), opts, skip=skip, stdin=text_stdin).start()
    except OSError as exc:  # the --save-html folder
        raise _SetupError(f"--save-html {exc.filename or ''}: {exc.strerror or exc}") from None


def _several_articles(paths: List[str]) -> bool:
    """Whether the inputs may hold more than one article (then a progress bar is worth showing)."""
    return len(paths) != 1 or os.path.isdir(paths[0]) or paths[0].lower().endswith((".jsonl", ".ndjson"))


def _analyse(articles: Iterator[Article], model: str, engine: str, scheduler: Optional[str], jobs: int,
             batch_size: int, with_text: bool) -> Iterator:
    """The records (or InputErrors), in input order, from the chosen engine; lazy."""
    from newskit.nlp.engine import run_dask, run_local

    if engine == "dask":
        return run_dask(articles, model, scheduler=scheduler, workers=jobs,
                        batch_size=batch_size, include_text=with_text)
    return run_local(articles, model, jobs=jobs, batch_size=batch_size, include_text=with_text)


def _write_records(records: Iterator, writer, corpus, counter: Counter, console, progress) -> None:
    """Send each record to the writer and the database, report each failed
    input, then close both."""
    with progress:
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
            progress.update(counter.done + counter.failed + (corpus.skipped if corpus else 0))
    if writer:
        writer.close()
    if corpus:
        corpus.close()


def _finish_output(atomic, counter: Counter, output: Optional[str], console) -> None:
    """Put the output file in place, unless every input failed (then keep the old file)."""
    if not atomic:
        return
    if counter.done or not counter.failed:
        atomic.commit()
    else:
        atomic.discard()
        console.print(f"newskit: nothing written to {output}: every input failed", markup=False, soft_wrap=True)


def _print_summary(counter: Counter, db: Optional[str], console) -> None:
    """The closing line: articles done, failed and (with --resume) skipped."""
    skipped = f", {counter.skipped} skipped (already in {db})" if counter.skipped is not None else ""
    console.print(
        f"newskit: {counter.done} article{'s' * (counter.done != 1)} done, {counter.failed} failed{skipped}",
        markup=False, highlight=False, soft_wrap=True,
    )


def _open_writer(fmt: Optional[str], output: Optional[str]):
    """(AtomicFile or None, record writer) for the format; (None, None) when
    ``fmt`` is None (the database is the only output)."""
    if fmt is None:
        return None, None
    from rich.console import Console

    from newskit.write.render import make_writer

    stream, atomic = open_output(output)
    table_console = None
    if fmt == "table":
        table_console = Console(file=stream) if atomic is None else Console(file=stream, force_terminal=False, width=120)
    return atomic, make_writer(fmt, stream, table_console)


def _open_db(path: Optional[str], nlp, batch_size: int, resume: bool, console):
    """A CorpusWriter for ``--db`` (None without it); raises CorpusError."""
    if not path:
        return None
    from newskit.write.corpusfeed import CorpusWriter
    from newskit.write.db import Corpus, RunInfo

    def warn(message: str) -> None:
        console.print(f"newskit: warning: {message}", markup=False, highlight=False, soft_wrap=True)

    return CorpusWriter(Corpus(path), RunInfo.of(nlp), batch_size=batch_size, resume=resume, on_warning=warn)


def _close(records) -> None:
    """End the engine now (its worker processes with it), not when the generator is collected."""
    close = getattr(records, "close", None)
    if close is not None:
        close()


def _abandon(atomic, corpus) -> None:
    """After an error: drop the unfinished output file and the batch being collected."""
    if atomic:
        atomic.discard()
    if corpus:
        corpus.abort()


def _progress(console, quiet: bool, paths: List[str], reader, meter: Meter, targets: Targets):
    """The progress tracker: a total when the inputs' count is knowable (see :mod:`newskit.cli.progress`)."""
    if quiet or not console.is_terminal:
        return progress_for(console, True, lambda: None)
    files, size = count_inputs(paths, targets) if paths or not reader else (0, None)
    meter.total = size

    def total() -> Optional[int]:
        if files is None or (reader is not None and reader.total is None):
            return None
        return files + (reader.total if reader is not None else 0)  # URLs skipped by --resume never arrive

    return progress_for(console, False, total, meter)


def _silence_stdout():
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
