"""Output targets: stdout, or a file written atomically.

A file is written to a temporary sibling and renamed over the target only when
the run commits, so ``--output FILE`` is either complete or untouched.
"""
from __future__ import annotations

import os
import sys
import tempfile
from contextlib import contextmanager
from typing import IO, List, Optional


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
    from newskit.read.ingest import Targets

    clash = Targets([output]).clash(paths)
    return None if clash is None else f"{clash}: is an input and the --output of this run; write the results elsewhere"
