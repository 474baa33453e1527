"""The ``newskit`` command line: a thin layer over the importable modules.

Each command parses options, reads inputs (``ingest``), runs the analysis
(``pipeline``) and renders (``render``). Heavy imports (spaCy, the model,
trafilatura) happen inside the commands that need them, so ``--help``,
``schema`` and ``info`` start fast. stdout carries data only; messages go to
stderr.
"""
from __future__ import annotations

import json
import os
import sys
from enum import Enum
from typing import List, Optional

import typer

from newskit import __version__, exitcodes
from newskit.nlp.modelname import DEFAULT_MODEL

app = typer.Typer(
    name="newskit",
    help="Entities, quotes and dates from news articles.",
    epilog=exitcodes.EPILOG,
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class Format(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    html = "html"


class SummaryFormat(str, Enum):
    table = "table"
    json = "json"
    html = "html"


class ExportTable(str, Enum):
    quotes = "quotes"
    entities = "entities"
    mentions = "mentions"
    dates = "dates"
    articles = "articles"


class ExportFormat(str, Enum):
    csv = "csv"
    jsonl = "jsonl"


class Engine(str, Enum):
    local = "local"
    dask = "dask"


class Errors(str, Enum):
    strict = "strict"
    replace = "replace"


def err_console():
    from rich.console import Console

    return Console(stderr=True, highlight=False)


def model_option(help: str = "Installed spaCy pipeline: package name or path."):
    """The ``--model`` option of every command that loads a pipeline (default: the pipeline's)."""
    return typer.Option(DEFAULT_MODEL, "--model", "-m", metavar="MODEL", help=help)


def _version_cb(value: bool):
    if value:
        typer.echo(f"newskit {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", "-V", callback=_version_cb, is_eager=True, help="Show the version and exit."),
):
    """Entities, quotes and dates from news articles."""


def _default_format(output: Optional[str]) -> Format:
    if output and output != "-":
        ext = os.path.splitext(output)[1].lower()
        if ext in (".html", ".htm"):
            return Format.html
        return Format.json if ext == ".json" else Format.jsonl
    return Format.table if sys.stdout.isatty() else Format.jsonl


def _valid_date(value: Optional[str]) -> Optional[str]:
    from newskit.api import published_date  # the one YYYY-MM-DD check, shared with the Python API

    try:
        return published_date(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


def _web_inputs(paths, urls, feeds, sitemaps):
    """The web inputs of ``extract``: URL arguments, --urls files, --feed and --sitemap addresses."""
    from newskit.read.web import WebInputs, is_url

    return WebInputs(urls=[p for p in paths or [] if is_url(p)], url_files=list(urls or []),
                     feeds=list(feeds or []), sitemaps=list(sitemaps or []))


def _web_options(delay: float, timeout: float, max_size: float, allow_private: bool, save_html, offline: bool):
    from newskit.read.web import FetchSettings, WebOptions

    settings = FetchSettings(delay=delay, read_timeout=timeout, connect_timeout=min(10.0, timeout),
                             max_bytes=int(max_size * 1024 * 1024), allow_private=allow_private)
    return WebOptions(fetch=settings, save_html=save_html, offline=offline)


@app.command("extract", epilog=exitcodes.EPILOG)
def extract_cli(
    paths: Optional[List[str]] = typer.Argument(None, metavar="ARTICLES", help="Files, directories, globs, or - for stdin (default: stdin)."),
    model: str = model_option(),
    published: Optional[str] = typer.Option(None, "--published", metavar="DATE", callback=_valid_date, help="Publication date (YYYY-MM-DD) for inputs that carry none."),
    fmt: Optional[Format] = typer.Option(None, "--format", "-f", help="Output format [default: by the --output name (.html/.htm: html, .json: json, else jsonl); to stdout, table on a terminal, else jsonl]."),
    output: Optional[str] = typer.Option(None, "--output", "-o", metavar="FILE", help="Write to FILE (atomically) instead of stdout."),
    include_text: bool = typer.Option(False, "--include-text", help="Include each article's text in the records (the html page always shows it)."),
    encoding: str = typer.Option("utf-8", "--encoding", metavar="CODEC", help="Encoding of the input files (text, HTML and JSON Lines)."),
    errors: Errors = typer.Option(Errors.strict, "--errors", help="On undecodable bytes: fail the input (strict) or replace them."),
    batch_size: int = typer.Option(32, "--batch-size", min=1, metavar="N", help="Articles per spaCy batch."),
    jobs: int = typer.Option(1, "--jobs", "-j", min=0, metavar="N", help="Worker processes, or Dask workers for a LocalCluster (0 = all cores)."),
    engine: Engine = typer.Option(Engine.local, "--engine", help="Where the analysis runs: local processes (see --jobs) or a Dask cluster (see --scheduler)."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", metavar="ADDRESS", help="With --engine dask: the scheduler, e.g. tcp://host:8786 (default: start a LocalCluster)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar or summary line; errors and warnings are still shown."),
    strict: bool = typer.Option(False, "--strict", help="Fail an input whose values would only be warned about (a bad date, a title that is not text)."),
    db: Optional[str] = typer.Option(None, "--db", metavar="FILE", help="Also write the records into this SQLite database (only there, without --output or --format)."),
    resume: bool = typer.Option(False, "--resume", help="With --db: skip articles already in it with the same text, newskit and model (and URLs already fetched into it)."),
    urls: Optional[List[str]] = typer.Option(None, "--urls", metavar="FILE", help="Fetch the URLs listed in FILE, one a line (- for stdin; blank lines and # comments skipped)."),
    feed: Optional[List[str]] = typer.Option(None, "--feed", metavar="URL", help="Fetch the articles an RSS, Atom or JSON feed lists (or the feed a web page links)."),
    sitemap: Optional[List[str]] = typer.Option(None, "--sitemap", metavar="URL", help="Fetch the articles an XML or text sitemap lists."),
    delay: float = typer.Option(1.0, "--delay", min=0, metavar="SECONDS", help="Pause between two requests to one host (robots.txt Crawl-delay when longer)."),
    timeout: float = typer.Option(30.0, "--timeout", min=0.1, metavar="SECONDS", help="Read timeout per request (connect timeout: 10 s or less)."),
    max_size: float = typer.Option(10.0, "--max-size", min=0.001, metavar="MB", help="Largest page downloaded, in megabytes."),
    allow_private: bool = typer.Option(False, "--allow-private", help="Let links found in feeds and sitemaps, and redirects, reach loopback, private and link-local addresses."),
    save_html: Optional[str] = typer.Option(None, "--save-html", metavar="DIR", help="Keep every downloaded page (and feed, sitemap) in DIR."),
    offline: bool = typer.Option(False, "--offline", help="With --save-html: fetch nothing, read every URL from DIR (repeat a run)."),
    no_gender: bool = typer.Option(False, "--no-gender", help="Leave every person's gender null (no gender the text presents is reported)."),
):
    """Find entities, quotes and dates in news articles, from files or from the web."""
    web = _web_inputs(paths, urls, feed, sitemap)
    paths = [p for p in paths or [] if p not in web.urls] or (None if web else paths)
    if paths is None and not web and sys.stdin.isatty():
        raise typer.BadParameter("give article paths or URLs, or pipe articles into stdin", param_hint="ARTICLES")
    if offline and not save_html:
        raise typer.BadParameter("--offline needs --save-html DIR (where the pages were saved)", param_hint="--offline")
    if resume and not db:
        raise typer.BadParameter("--resume needs --db", param_hint="--resume")
    if scheduler and engine is not Engine.dask:
        raise typer.BadParameter("--scheduler needs --engine dask", param_hint="--scheduler")
    if fmt is None and db and not output:
        out_format = None  # the database is the output
    else:
        out_format = (fmt or _default_format(output)).value
    from .extract import run_extract

    raise typer.Exit(_interruptible(lambda: run_extract(
        paths=list(paths or []),
        model=model,
        published=published,
        fmt=out_format,
        output=output,
        include_text=include_text,
        encoding=encoding,
        errors=errors.value,
        batch_size=batch_size,
        jobs=jobs,
        engine=engine.value,
        scheduler=scheduler,
        quiet=quiet,
        strict=strict,
        console=err_console(),
        db=db,
        resume=resume,
        gender=not no_gender,
        web=web,
        web_options=_web_options(delay, timeout, max_size, allow_private, save_html, offline),
    )))


def _interruptible(run) -> int:
    """``run()``'s exit status; Ctrl-C or SIGTERM (after the command's own clean-up) is one line
    on stderr and status 130 or 143, not click's "Aborted!"."""
    try:
        return run()
    except KeyboardInterrupt as exc:
        typer.echo(f"newskit: {'terminated' if isinstance(exc, exitcodes.Terminated) else 'interrupted'}", err=True)
        return exitcodes.interrupted(exc)


@app.command("schema")
def schema_cli():
    """Print the JSON Schema of one output record."""
    from newskit.records import json_schema

    typer.echo(json.dumps(json_schema(), indent=2, ensure_ascii=False))


@app.command("info")
def info_cli(model: str = model_option("Installed spaCy pipeline to describe: package name or path.")):
    """Versions of newskit, spaCy and the model, and the model's path."""
    from .info import info

    for key, value in info(model).items():
        typer.echo(f"{key + ':':16}{value}")


@app.command("check", epilog=exitcodes.EPILOG)
def check_cli(
    directory: str = typer.Argument(..., metavar="DIRECTORY", help="Folder of samples with NAME.expected.jsonl files."),
    update: bool = typer.Option(False, "--update", help="Rewrite the expected files with the current output."),
    model: str = model_option(),
):
    """Re-run every sample in DIRECTORY and compare with its expected output."""
    from .check import run_check

    raise typer.Exit(run_check(directory, update=update, model=model, console=err_console()))


@app.command("summarize", epilog=exitcodes.EPILOG)
def summarize_cli(
    paths: Optional[List[str]] = typer.Argument(None, metavar="FILES", help="JSON Lines files or databases written by newskit extract, or - for stdin."),
    fmt: Optional[SummaryFormat] = typer.Option(None, "--format", "-f", help="Output format [default: by the --output name (.html/.htm: html, .txt: table, else json); to stdout, table on a terminal, else json]."),
    top: int = typer.Option(10, "--top", "-n", min=0, metavar="N", help="Rows per ranked table (0: all)."),
    output: Optional[str] = typer.Option(None, "--output", "-o", metavar="FILE", help="Write to FILE (atomically) instead of stdout."),
):
    """Corpus tables: most-quoted speakers, entities by label, quotes per article, dates per month."""
    from .corpus import run_summarize

    if not paths and sys.stdin.isatty():
        raise typer.BadParameter("give JSON Lines files written by newskit extract, or pipe them into stdin", param_hint="FILES")
    raise typer.Exit(_interruptible(lambda: run_summarize(list(paths or []), fmt=fmt.value if fmt else None,
                                                          top=top, output=output, console=err_console())))


@app.command("export", epilog=exitcodes.EPILOG)
def export_cli(
    paths: Optional[List[str]] = typer.Argument(None, metavar="FILES", help="Databases (extract --db) or JSON Lines files, or - for stdin."),
    table: ExportTable = typer.Option(ExportTable.quotes, "--table", "-t", help="Which tidy table: one row per quote, entity, mention, date or article."),
    fmt: ExportFormat = typer.Option(ExportFormat.csv, "--format", "-f", help="csv (UTF-8, header, formulas defused) or jsonl."),
    output: Optional[str] = typer.Option(None, "--output", "-o", metavar="FILE", help="Write to FILE (atomically) instead of stdout."),
    bom: bool = typer.Option(False, "--bom", help="Start the CSV with a UTF-8 byte-order mark, so spreadsheets read it as UTF-8."),
):
    """One tidy table of a corpus, with each row's article id, title and published date."""
    if bom and fmt is not ExportFormat.csv:
        raise typer.BadParameter("--bom is for --format csv", param_hint="--bom")
    from .corpus import run_export

    if not paths and sys.stdin.isatty():
        raise typer.BadParameter("give a database or JSON Lines files written by newskit extract, or pipe JSON Lines into stdin",
                                 param_hint="FILES")
    raise typer.Exit(_interruptible(lambda: run_export(list(paths or []), table.value, fmt.value, output=output,
                                                       console=err_console(), bom=bom)))
