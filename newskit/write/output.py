"""Output targets: stdout, or a file written atomically.

A file is written to a temporary sibling and renamed over the target only when
the run commits, so ``--output FILE`` is either complete or untouched.
:class:`Targets` are the files a run writes, which the readers never read and no
input may be (:func:`input_clash`).
"""
from __future__ import annotations

import glob
import os
import sys
import tempfile
from contextlib import contextmanager
from typing import IO, Iterable, List, Optional


class AtomicFile:
    def __init__(self, path: str):
        self.path = path
        folder = os.path.dirname(os.path.abspath(path))
        fd, self.tmp = tempfile.mkstemp(prefix=".newskit-", suffix=".part", dir=folder)
        os.chmod(self.tmp, _mode_for(path))  # mkstemp makes 0600; give the file a normal mode
        self.fh: IO[str] = os.fdopen(fd, "w", encoding="utf-8", newline="\n")

    def commit(self) -> None:
        self.fh.flush()
        os.fsync(self.fh.fileno())
        self.fh.close()
        os.replace(self.tmp, self.path)

    def discard(self) -> None:
        try:
            self.fh.close()
        finally:
            if os.path.exists(self.tmp):
                os.unlink(self.tmp)


def _mode_for(path: str) -> int:
    try:
        return os.stat(path).st_mode & 0o777  # replacing a file keeps its mode
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def open_output(path: Optional[str]):
    """(stream, AtomicFile or None) for a path, or stdout when path is None or '-'."""
    if path in (None, "-"):
        return sys.stdout, None
    f = AtomicFile(path)
    return f.fh, f


@contextmanager
def committing(stream: IO[str], atomic: Optional[AtomicFile]):
    """Write ``stream`` in the block; the file is committed when the block ends
    normally and discarded on an error. A reader going away (BrokenPipeError,
    ``| head``) ends the block quietly."""
    try:
        yield stream
        stream.flush()
    except BrokenPipeError:
        if atomic:
            atomic.discard()
        return
    except BaseException:
        if atomic:
            atomic.discard()
        raise
    if atomic:
        atomic.commit()


def input_clash(paths: List[str], output: Optional[str]) -> Optional[str]:
    """A one-line error when ``output`` is one of the input files ``paths`` (the run would replace
    what it reads), else None; checked before anything is read."""
    clash = Targets([output]).clash(paths)
    return None if clash is None else f"{clash}: is an input and the --output of this run; write the results elsewhere"


class Targets:
    """The files a run writes (``--output``, ``--db``): never read as inputs.

    :meth:`clash` finds an input named on the command line that is one of them (the run is
    refused before anything is read); :meth:`holds` tells directory walking and globbing
    to leave them out, so a run never reads its own output."""

    def __init__(self, paths: Iterable[Optional[str]] = ()):
        self.paths = [p for p in paths if p and p != "-"]
        self._names = {os.path.normcase(os.path.abspath(p)) for p in self.paths}
        self._inodes = {(st.st_dev, st.st_ino) for st in map(_stat, self.paths) if st is not None}

    def holds(self, path: str) -> bool:
        if os.path.normcase(os.path.abspath(path)) in self._names:
            return True
        st = _stat(path)
        return st is not None and (st.st_dev, st.st_ino) in self._inodes

    def clash(self, inputs: Iterable[str]) -> Optional[str]:
        """The first named input (not a folder or pattern) that is also a target, or None."""
        for p in inputs:
            if p != "-" and not os.path.isdir(p) and (os.path.exists(p) or not glob.has_magic(p)) and self.holds(p):
                return p
        return None


def _stat(path: str):
    try:
        return os.stat(path)
    except (OSError, ValueError):
        return None
