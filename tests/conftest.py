import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


@pytest.fixture(scope="session")
def nlp():
    from newskit.nlp.pipeline import get_pipeline

    return get_pipeline()


@pytest.fixture
def runner():
    from typer.testing import CliRunner

    return CliRunner()


def jsonl(text: str):
    """Parse JSON Lines output strictly: every non-empty line must be a JSON object."""
    out = []
    for line in text.splitlines():
        assert line.strip(), "blank line in JSON Lines output"
        rec = json.loads(line)
        assert isinstance(rec, dict)
        out.append(rec)
    return out


def assert_offsets(rec: dict, text: str):
    """Every span in a record points at its own text."""
    for e in rec["entities"]:
        for m in e["mentions"]:
            assert text[m["start"]:m["end"]] == m["text"]
    for q in rec["quotes"]:
        assert text[q["start"]:q["end"]] == q["text"]
        for key in ("cue", "speaker"):
            if q[key]:
                assert text[q[key]["start"]:q[key]["end"]] == q[key]["text"]
    for d in rec["dates"]:
        assert text[d["start"]:d["end"]] == d["text"]
