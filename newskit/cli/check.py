"""Sample checks: re-run samples and compare with their expected output.

A sample is an article file ``NAME.<ext>`` (.txt, .html, .jsonl, ...) next to
``NAME.expected.jsonl``. An optional ``NAME.args`` holds extra ``extract``
options for it, one line, e.g. ``--published 2021-10-19``. ``run_check``
prints a unified diff of the pretty-printed records for each sample whose
output differs, and returns 1 when any differs (0 otherwise); with
``update=True`` it rewrites the expected files instead.
"""
from __future__ import annotations

import difflib
import io
import json
import shlex
from pathlib import Path
from typing import List, Optional, Tuple

from newskit import exitcodes
from newskit.nlp.modelname import DEFAULT_MODEL
from newskit.read.ingest import ARTICLE_EXT, EXPECTED_SUFFIX as EXPECTED, ReadOptions, parse_published, read_path



def find_samples(directory: str, all_articles: bool = False) -> List[Tuple[Path, Path, Optional[Path]]]:
    """(input, expected, args) for each sample in a folder.

    A sample is an article file with a ``NAME.expected.jsonl`` beside it; with
    ``all_articles`` every article file counts (to write missing expectations).
    """
    out = []
    for inp in sorted(Path(directory).iterdir()):
        if inp.name.endswith(EXPECTED) or inp.suffix.lower() not in ARTICLE_EXT or not inp.is_file():
            continue
        stem = inp.name[: -len(inp.suffix)]
        exp = inp.parent / (stem + EXPECTED)
        args = inp.parent / (stem + ".args")
        if exp.exists() or all_articles:
            out.append((inp, exp, args if args.exists() else None))
    return out


def _options(args_file: Optional[Path]) -> dict:
    opts = {"published": None, "include_text": False}
    if args_file is None:
        return opts
    words = shlex.split(args_file.read_text(encoding="utf-8"))
    i = 0
    while i < len(words):
        w = words[i]
        if w.startswith("--published"):
            value = w.split("=", 1)[1] if "=" in w else words[i + 1]
            i += 0 if "=" in w else 1
            opts["published"] = parse_published(value)
        elif w == "--include-text":
            opts["include_text"] = True
        else:
            raise ValueError(f"{args_file}: unsupported option {w!r}")
        i += 1
    return opts


def render_sample(nlp, path: Path, args_file: Optional[Path]) -> str:
    """The JSON Lines newskit extract prints for one sample (errors raise)."""
    from newskit.nlp.pipeline import analyze, shared_data
    from newskit.write.render import to_json_line

    opts = _options(args_file)
    # ids and sources are the file name, so a check passes from any folder
    items = list(read_path(str(path), ReadOptions(published=opts["published"], document=shared_data(nlp)), name=path.name))
    errors = [i for i in items if not hasattr(i, "text")]
    if errors:
        raise ValueError("; ".join(map(str, errors)))
    buf = io.StringIO()
    for rec in analyze(nlp, items, include_text=opts["include_text"]):
        buf.write(to_json_line(rec) + "\n")
    return buf.getvalue()


def _pretty(jsonl: str) -> List[str]:
    """Pretty-printed records of JSON Lines; ValueError naming the line for one that is not JSON."""
    lines: List[str] = []
    for n, ln in enumerate(jsonl.splitlines(), 1):
        if ln.strip():
            try:
                lines += json.dumps(json.loads(ln), indent=2, ensure_ascii=False).splitlines()
            except json.JSONDecodeError as exc:
                raise ValueError(f"line {n}: not valid JSON ({exc.msg} at column {exc.colno}); "
                                 "fix it or rewrite it with newskit check --update") from None
            except RecursionError:
                raise ValueError(f"line {n}: JSON nested too deeply to read") from None
    return lines


def run_check(directory: str, update: bool = False, model: str = DEFAULT_MODEL, console=None) -> int:
    from rich.console import Console
    from rich.text import Text

    from newskit.nlp.pipeline import ModelNotFound, get_pipeline
    from newskit.safe import visible

    console = console or Console(stderr=True)
    samples = find_samples(directory, all_articles=update)
    if not samples:
        console.print(f"newskit: error: {directory}: no samples (NAME{EXPECTED} files) found", markup=False)
        return exitcodes.USAGE
    try:
        nlp = get_pipeline(model)
    except ModelNotFound as exc:
        console.print(f"newskit: error: {exc}", markup=False)
        return exitcodes.USAGE
    failed = 0
    for inp, exp, args in samples:
        try:
            got = render_sample(nlp, inp, args)
        except (OSError, ValueError) as exc:
            console.print(Text.assemble(("ERROR", "red"), f" {visible(str(inp))}: {visible(str(exc))}"), highlight=False)
            failed += 1
            continue
        if update:
            exp.write_text(got, encoding="utf-8", newline="\n")
            console.print(Text.assemble(("updated", "green"), f" {visible(str(exp))}"), highlight=False)
            continue
        try:
            want = exp.read_text(encoding="utf-8")
            if got == want:
                console.print(Text.assemble(("ok", "green"), f"      {visible(str(inp))}"), highlight=False)
                continue
            before = _pretty(want)
        except (OSError, ValueError) as exc:  # an unreadable or malformed expected file: one line
            reason = getattr(exc, "strerror", None) or exc
            console.print(Text.assemble(("ERROR", "red"), f" {visible(str(exp))}: {visible(str(reason))}"),
                          highlight=False, soft_wrap=True)
            failed += 1
            continue
        failed += 1
        console.print(Text.assemble(("DIFFERS", "red"), f" {visible(str(inp))}"), highlight=False)
        for line in difflib.unified_diff(before, _pretty(got), str(exp), "current output", lineterm="", n=2):
            style = "red" if line.startswith("-") else "green" if line.startswith("+") else None
            console.print(visible(line), style=style, markup=False, highlight=False, soft_wrap=True)
    n = len(samples)
    console.print(f"newskit check: {n - failed} of {n} samples {'written' if update else 'match'}", highlight=False)
    return exitcodes.FAILED if failed else exitcodes.OK
