"""newskit's exit statuses, one definition for every command.

OK: everything was processed. FAILED: at least one input failed (the others
were still processed). USAGE: the command could not run (bad option, output
not writable, nothing to read). INTERRUPTED: Ctrl-C (128 + SIGINT).
TERMINATED: SIGTERM (128 + SIGTERM), handled like Ctrl-C: unfinished output
files removed, worker processes ended, committed database batches kept.
"""
import signal

OK = 0
FAILED = 1
USAGE = 2
INTERRUPTED = 130
TERMINATED = 143


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the program is, so every Ctrl-C clean-up runs for it too."""


def _raise_terminated(signum, frame):
    raise Terminated()


def handle_sigterm() -> None:
    """Turn SIGTERM into :class:`Terminated` (main thread only; elsewhere nothing changes)."""
    try:
        signal.signal(signal.SIGTERM, _raise_terminated)
    except ValueError:  # not the main thread
        pass


def interrupted(exc: BaseException) -> int:
    """The exit status for a KeyboardInterrupt: 143 after SIGTERM, else 130."""
    return TERMINATED if isinstance(exc, Terminated) else INTERRUPTED

# the exit statuses as --help's epilogue ("\b": Click keeps the lines as they are)
EPILOG = ("\b\nExit status: 0 all done, 1 some input failed (the others were processed), "
          "2 usage error, 130 interrupted (Ctrl-C), 143 terminated (SIGTERM).")
