"""Console-script entry point: imports the CLI inside the Ctrl-C guard."""
import sys

from .exitcodes import Terminated, handle_sigterm, interrupted


def main() -> None:
    handle_sigterm()  # SIGTERM ends a run as Ctrl-C does: temp files removed, workers ended
    try:
        from .cli.app import app

        app()
    except KeyboardInterrupt as exc:
        # Ctrl-C (or SIGTERM) while starting, loading the model or reading: no traceback
        print(f"newskit: {'terminated' if isinstance(exc, Terminated) else 'interrupted'}", file=sys.stderr)
        sys.exit(interrupted(exc))
