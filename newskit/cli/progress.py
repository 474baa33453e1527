"""The progress line of ``newskit extract`` (stderr, terminals only).

Job: say how far a run is. When the number of articles is knowable before
the parse (files, directories, globs, URL lists, feeds and sitemaps once
expanded) the bar has a total and shows articles per second and the time
left; for JSON Lines and stdin, whose record count is not known in advance,
it shows the records so far and the bytes read (of the files' size, when
they are files). Off a terminal, or with ``--quiet``, nothing is shown.

:func:`count_inputs` works out the total; :class:`Meter` counts the bytes
the readers have read (the ingest reader calls it per JSON Lines line);
:func:`progress_for` makes the tracker that ``run_extract`` advances.

Limits: the count of files is taken by listing the inputs once more before
reading them; a file that changes in between changes nothing but the bar.
"""
from __future__ import annotations

import os
import stat
from typing import Callable, List, Optional

from newskit.read.ingest import JSONL_EXT, STDIN, expand


class Meter:
    """Bytes read so far (called by the readers) and, when known, the bytes there are."""

    def __init__(self, total: Optional[int] = None):
        self.read = 0
        self.total = total

    def __call__(self, n: int) -> None:
        self.read += n


def count_inputs(paths: List[str], skip=None) -> "tuple[Optional[int], Optional[int]]":
    """(number of articles, or None when a JSON Lines file or stdin is among the inputs;
    bytes of the JSON Lines inputs, or None when unknown); ``skip`` (an ``ingest.Targets``): the
    run's own outputs, which walking leaves out."""
    articles, size, known_size, streams = 0, 0, True, False
    for p in expand(paths or [STDIN], skip):
        if not isinstance(p, str):
            continue  # an error: reported when read
        if p == STDIN:
            streams = True
            try:
                st = os.fstat(0)
                size += st.st_size if stat.S_ISREG(st.st_mode) else 0
                known_size &= stat.S_ISREG(st.st_mode)
            except OSError:
                known_size = False
        elif os.path.splitext(p)[1].lower() in JSONL_EXT:
            streams = True
            try:
                size += os.path.getsize(p)
            except OSError:
                pass
        else:
            articles += 1
    return (None if streams else articles), (size if streams and known_size else None)


class _Off:
    """No progress shown."""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def update(self, completed: int) -> None:
        pass


class Tracker:
    """A rich progress bar whose total may become known during the run (``total()``)."""

    def __init__(self, console, total: Callable[[], Optional[int]], meter: Optional[Meter]):
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self._total, self._meter = total, meter
        self.progress = Progress(
            TextColumn("analysing"), BarColumn(), MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}"), TimeRemainingColumn(compact=True),
            TextColumn("{task.fields[note]}"),
            console=console, transient=True,
        )
        self.task = None

    def __enter__(self):
        self.progress.__enter__()
        self.task = self.progress.add_task("analysing", total=self._total(), rate="", note="")
        return self

    def __exit__(self, *exc):
        return self.progress.__exit__(*exc)

    def update(self, completed: int) -> None:
        task = self.progress.tasks[0]
        total = self._total()
        speed = task.speed
        note = ""
        if total is None:
            note = f"{completed} record{'s' * (completed != 1)} so far"
            if self._meter is not None and self._meter.read:
                note += f", {_mb(self._meter.read)}" + (f" of {_mb(self._meter.total)}" if self._meter.total else "") + " read"
        self.progress.update(self.task, completed=completed, total=total, note=note,
                             rate=f"{speed:.1f} articles/s" if speed else "")


def _mb(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 100_000 else f"{n / 1e3:.0f} kB"


def progress_for(console, quiet: bool, total: Callable[[], Optional[int]], meter: Optional[Meter] = None):
    """The tracker for a run: off with ``quiet`` or off a terminal."""
    if quiet or not console.is_terminal:
        return _Off()
    return Tracker(console, total, meter)
