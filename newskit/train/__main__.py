"""``python -m newskit.train TASK ...``: the training commands (see ``newskit.train``)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m newskit.train", description=__doc__)
    sub = ap.add_subparsers(dest="task", required=True)
    sp = sub.add_parser("speakers", help="train the speaker ranker's weights")
    sp.add_argument("--data", required=True, type=Path, help="PolNeAR-format folder (text/, attributions/)")
    sp.add_argument("--out", type=Path, help="weights file to write (JSON); without it only the accuracy is shown")
    sp.add_argument("--cache", type=Path, help="folder for the parsed features of each article (reused when unchanged)")
    sp.add_argument("--weights", type=Path, help="only score these weights on the data (validation), train nothing")
    sp.add_argument("--limit", type=int, default=0, help="use the first N articles only")
    sp.add_argument("--model", default="en_core_web_sm")
    args = ap.parse_args(argv)
    from . import speakers

    try:
        return speakers.run(args)
    except speakers.DataError as exc:
        print(f"newskit.train: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
