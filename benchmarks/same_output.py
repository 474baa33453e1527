"""Compare two runs' raw outputs (``SAVE_PRED=DIR benchmarks/evaluate.sh ...``) task by task.

Usage: python benchmarks/same_output.py BEFORE_DIR AFTER_DIR

Each TASK.jsonl is compared line by line after dropping each record's ``source``
(the scorer's temporary input path, different on every run); everything else must
be byte-identical. Prints one line per task and the first differing record's id
and field; exits 1 when any task differs.
"""
import json
import sys
from pathlib import Path


def _records(path: Path):
    for line in path.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        rec.pop("source", None)
        yield rec, json.dumps(rec, ensure_ascii=False, sort_keys=False)


def compare(before: Path, after: Path) -> bool:
    same = True
    for b in sorted(before.glob("*.jsonl")):
        a = after / b.name
        if not a.exists():
            print(f"{b.stem}: missing in {after}")
            continue
        left, right = list(_records(b)), list(_records(a))
        diffs = [(x, y) for (x, xs), (y, ys) in zip(left, right) if xs != ys]
        if len(left) != len(right) or diffs:
            same = False
            x, y = diffs[0] if diffs else (None, None)
            where = ""
            if x is not None:
                field = next(k for k in x.keys() | y.keys() if x.get(k) != y.get(k))
                where = f"; first: {x.get('id')} field {field!r}"
            print(f"{b.stem}: DIFFERENT ({len(diffs)} of {len(left)} records{where})")
        else:
            print(f"{b.stem}: identical ({len(left)} records)")
    return same


if __name__ == "__main__":
    sys.exit(0 if compare(Path(sys.argv[1]), Path(sys.argv[2])) else 1)
