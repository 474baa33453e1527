"""Console-script entry point: imports the CLI inside the Ctrl-C guard."""
import sys

from .exitcodes import INTERRUPTED


def main() -> None:
    try:
        from .cli import app

        app()
    except KeyboardInterrupt:
        # Ctrl-C while starting, loading the model or reading: no traceback
        print("newskit: interrupted", file=sys.stderr)
        sys.exit(INTERRUPTED)
