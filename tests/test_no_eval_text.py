"""The evaluation sets are for measuring only: none of their text may live in the project.

Every run of seven words from a text under ``../shared/eval/data`` is looked for in
``newskit/``, ``models/`` and ``tests/``. Skipped when the evaluation folder is absent.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval" / "data"
N = 7
WORD = re.compile(r"[a-z0-9]+", re.I)
TAG = re.compile(r"<[^>]+>")


def _words(text: str):
    return [w.lower() for w in WORD.findall(text)]


def _eval_texts():
    for path in sorted(EVAL.rglob("*")):
        if not path.is_file():
            continue
        raw = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix == ".tml":
            yield TAG.sub(" ", raw)
        elif path.suffix == ".txt" and "conll" in path.name:
            yield " ".join(line.split(" ", 1)[0] for line in raw.splitlines() if line and not line.startswith("-DOCSTART-"))
        elif path.suffix == ".conllu":
            yield " ".join(line.split("\t")[1] for line in raw.splitlines() if line and line[0].isdigit() and "\t" in line)
        elif path.suffix == ".txt":
            yield raw


def _grams(words):
    return {hash(tuple(words[i:i + N])) for i in range(len(words) - N + 1)}


def _project_files():
    for top in ("newskit", "models", "tests"):
        for path in sorted((ROOT / top).rglob("*")):
            if path.is_file() and path.name != Path(__file__).name and path.suffix in {".py", ".txt", ".json", ".md", ".tsv", ".yaml", ".yml", ".jsonl", ".html", ".cfg"}:
                yield path


@pytest.mark.skipif(not EVAL.is_dir(), reason="../shared/eval/data is not beside this checkout")
def test_no_seven_word_run_from_the_evaluation_sets():
    seen = set()
    for text in _eval_texts():
        seen |= _grams(_words(text))
    hits = []
    for path in _project_files():
        words = _words(path.read_text(encoding="utf-8", errors="replace"))
        for i in range(len(words) - N + 1):
            if hash(tuple(words[i:i + N])) in seen:
                hits.append(f"{path.relative_to(ROOT)}: {' '.join(words[i:i + N])}")
    assert not hits, "text from the evaluation sets:\n" + "\n".join(hits[:50])
