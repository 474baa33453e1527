"""The corpus commands: ``newskit summarize`` and ``newskit export``.

Both read records that ``newskit extract`` wrote (corpus databases and JSON Lines, through
:func:`newskit.write.sources.read_outputs`), name every bad record or unreadable file on
stderr and go on with the rest, and write one output (stdout, or ``--output`` written
atomically, never one of the inputs). The summaries and tables themselves are
:mod:`newskit.write.summarize` and :mod:`newskit.write.export`.
"""
from __future__ import annotations

import io
import sys
from typing import IO, Iterator, List, Optional

from rich.console import Console

from newskit import exitcodes
from newskit.records import ArticleRecord
from newskit.write.export import BOM, export
from newskit.write.output import committing, input_clash, open_output
from newskit.write.sources import read_outputs
from newskit.write.summarize import DEFAULT_TOP, render_html, render_json, render_table, summarize

__all__ = ["run_summarize", "run_export", "summary_format"]


class _Reading:
    """One run's inputs: the records, and a count of the bad ones (each named on stderr)."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self.failed = 0

    def say(self, msg: str) -> None:
        self.console.print(msg, markup=False, highlight=False, soft_wrap=True)

    def error(self, msg: str) -> None:
        self.failed += 1
        self.say(f"newskit: error: {msg}")

    def clash(self, paths: List[str], output: Optional[str]) -> bool:
        """True (and said) when ``output`` is one of the inputs."""
        clash = input_clash(paths or [], output)
        if clash:
            self.say(f"newskit: error: {clash}")
        return bool(clash)

    def records(self, paths: List[str], stdin: Optional[IO[str]]) -> Iterator[ArticleRecord]:
        return read_outputs(paths or ["-"], self.error, stdin=stdin)

    def status(self) -> int:
        return exitcodes.FAILED if self.failed else exitcodes.OK


def summary_format(output: Optional[str], is_tty: bool) -> str:
    """The summary format when none is given: by the output file's extension, else a table on
    a terminal and JSON in a pipe."""
    if output and output != "-":
        ext = output.rsplit(".", 1)[-1].lower() if "." in output else ""
        if ext in ("html", "htm"):
            return "html"
        if ext in ("txt", "text"):
            return "table"
        return "json"
    return "table" if is_tty else "json"


def run_summarize(paths: List[str], fmt: Optional[str] = None, top: int = DEFAULT_TOP,
                  output: Optional[str] = None, console=None, stdin: Optional[IO[str]] = None) -> int:
    """What ``newskit summarize`` does; returns the exit status."""
    run = _Reading(console or Console(stderr=True))
    if run.clash(paths, output):
        return exitcodes.USAGE
    summary = summarize(run.records(paths, stdin), top=top)
    fmt = fmt or summary_format(output, sys.stdout.isatty())
    stream, atomic = open_output(output)
    with committing(stream, atomic):
        if fmt == "table":
            if atomic is None:
                render_table(summary, Console(file=stream, highlight=False))
            else:
                buf = io.StringIO()
                render_table(summary, Console(file=buf, force_terminal=False, width=120, highlight=False))
                stream.write(buf.getvalue())
        elif fmt == "html":
            stream.write(render_html(summary))
        else:
            stream.write(render_json(summary))
    if run.failed:
        run.say(f"newskit: {summary['articles']} records summarised, {run.failed} failed")
    return run.status()


def run_export(paths: List[str], table: str, fmt: str = "csv", output: Optional[str] = None,
               console=None, stdin: Optional[IO[str]] = None, bom: bool = False) -> int:
    """What ``newskit export`` does; returns the exit status. ``bom`` starts the output with a
    UTF-8 byte-order mark (for spreadsheets that otherwise guess another encoding)."""
    run = _Reading(console or Console(stderr=True))
    if run.clash(paths, output):
        return exitcodes.USAGE
    try:
        stream, atomic = open_output(output)
    except OSError as exc:
        run.say(f"newskit: error: cannot write {output}: {exc.strerror or exc}")
        return exitcodes.USAGE
    with committing(stream, atomic):
        if bom:
            stream.write(BOM)
        export(run.records(paths, stdin), table, fmt, stream)
    return run.status()
