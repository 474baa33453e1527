"""Benchmark newskit against raw spaCy ``nlp.pipe`` on the same texts.

    python benchmarks/bench.py                 # 400 articles, quick
    python benchmarks/bench.py --n 2000 --rss  # also peak RSS at 1,000 vs 10,000 articles
    python benchmarks/bench.py --dense-only    # only the two dense texts (3,000 quotes each, one paragraph)
    python benchmarks/bench.py --long-only     # only a 300,000-character line and 100,000 short sentences

Builds a synthetic corpus from the sample articles (paragraphs recombined with
a fixed seed, so texts and ids vary), then measures whole processes:
raw ``nlp.pipe`` with the same model and batch size, ``newskit extract``
(JSON Lines) with ``--jobs 1`` and ``--jobs 2``, ``newskit extract --db``
(a fresh SQLite database instead of JSON Lines), and reports the overhead
ratio, the speedup, the database's cost over JSON Lines, the time in each
newskit step, and ``newskit --help``.
First it times two dense texts, each one paragraph: 3,000 short quotes with names and
pronouns (78,000 characters; parse plus the newskit steps must stay within 1.5x the raw
parse) and 'He said "a, " she said. ' 3,000 times (72,000 characters, only pronouns and no
antecedent: the resolver's cost must stay linear; whole process within 1.3x raw spaCy).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RAW = r"""
import json, sys, spacy
from newskit.nlp.pipeline import resolve_model
nlp = spacy.load(resolve_model(sys.argv[2]))
texts = (json.loads(l)["text"] for l in open(sys.argv[1], encoding="utf-8"))
n = 0
for doc in nlp.pipe(texts, batch_size=int(sys.argv[3])):
    n += len(doc)
print(n)
"""


def sample_paragraphs():
    from newskit.read.ingest import ReadOptions, iter_articles

    paras = []
    for art in iter_articles([str(ROOT / "samples")], ReadOptions()):
        if hasattr(art, "text"):
            paras += [p for p in art.text.split("\n") if len(p.split()) > 6]
    return paras


def build_corpus(n: int, path: str, seed: int = 13) -> None:
    rng = random.Random(seed)
    paras = sample_paragraphs()
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            k = rng.randint(4, 10)
            text = "\n\n".join(rng.choice(paras) for _ in range(k))
            month = rng.randint(1, 12)
            fh.write(json.dumps({"id": f"bench-{i:06d}", "text": text,
                                 "published": f"2021-{month:02d}-{rng.randint(1, 28):02d}"}) + "\n")


class Run:
    def __init__(self, wall: float, cpu: float, rss: float, out: bytes):
        self.wall, self.cpu, self.rss, self.out = wall, cpu, rss, out


def run(cmd) -> Run:
    """Wall time, CPU time (user+sys, children included), peak RSS (MiB) of one command."""
    t = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed ({os.waitstatus_to_exitcode(status)}): {' '.join(cmd)}")
    # worker processes of --jobs are the child's children: count them through RUSAGE_CHILDREN
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Run(wall, cpu, usage.ru_maxrss / 1024, out)


def newskit_cmd(corpus, model, batch, jobs, out):
    return [sys.executable, "-m", "newskit", "extract", corpus, "--format", "jsonl", "--model", model,
            "--batch-size", str(batch), "--jobs", str(jobs), "--quiet", "--output", out]


def db_cmd(corpus, model, batch, db):
    return [sys.executable, "-m", "newskit", "extract", corpus, "--db", db, "--model", model,
            "--batch-size", str(batch), "--jobs", "1", "--quiet"]


def fresh(path: str) -> str:
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.unlink(path + suffix)
    return path


def step_times(corpus: str, model: str, batch: int, limit: int = 300) -> dict:
    """Seconds per article in each newskit step, measured in-process."""
    from newskit.nlp.pipeline import COMPONENTS, get_pipeline, make_doc, to_record
    from newskit.read.ingest import ReadOptions, iter_articles
    from newskit.write.render import to_json_line

    nlp = get_pipeline(model)
    arts = [a for a in iter_articles([corpus], ReadOptions())][:limit]
    with nlp.select_pipes(disable=list(COMPONENTS)):
        t = time.perf_counter()
        docs = list(nlp.pipe((make_doc(nlp, a.text, a.published) for a in arts), batch_size=batch))
        parse = time.perf_counter() - t
    out = {"spacy parse": parse}
    for name in COMPONENTS:
        proc = nlp.get_pipe(name)
        t = time.perf_counter()
        docs = [proc(d) for d in docs]
        out[name.replace("newskit_", "")] = time.perf_counter() - t
    t = time.perf_counter()
    for d, a in zip(docs, arts):
        to_json_line(to_record(d, a))
    out["output"] = time.perf_counter() - t
    from newskit.write.db import Corpus, RunInfo, text_hash

    db = Corpus(fresh(os.path.join(os.path.dirname(corpus), "steps.db")))
    pairs = [(to_record(d, a), text_hash(a.text)) for d, a in zip(docs, arts)]
    t = time.perf_counter()
    for i in range(0, len(pairs), batch):
        db.write(pairs[i:i + batch], RunInfo.of(nlp))
    out["database"] = time.perf_counter() - t
    db.close()
    return {k: v / len(arts) for k, v in out.items()}


_DENSE_SAYERS = ["Ana Ruiz", "Tom Baker", "he", "she", "the coach", "Ruiz", "Baker", "they"]
_DENSE_WORDS = ["we", "will", "win", "go", "now", "not", "yet", "it", "is", "done", "hard", "fine", "again", "soon"]


def dense_text(n_quotes: int = 3000, seed: int = 7) -> str:
    """One paragraph of ``n_quotes`` short quotes with attributions (about 72,000 characters)."""
    rng = random.Random(seed)
    parts = []
    for _ in range(n_quotes):
        words = " ".join(rng.choice(_DENSE_WORDS) for _ in range(rng.randint(2, 3))).capitalize()
        parts.append(f"“{words},” {rng.choice(_DENSE_SAYERS)} said.")
    return " ".join(parts)


def pronoun_text(repeat: int = 3000) -> str:
    """One paragraph of ``repeat`` pronoun-attributed quotes and no names (72,000 characters):
    every pronoun asks the resolver, and none finds an antecedent."""
    return 'He said "a, " she said. ' * repeat


DENSE_TEXTS = {"quote-dense": dense_text, "pronoun-dense": pronoun_text}


def dense_times(model: str, text: str) -> dict:
    """Seconds for the raw parse of one dense text and for each newskit step on it."""
    from newskit.nlp.pipeline import COMPONENTS, get_pipeline, make_doc

    nlp = get_pipeline(model)
    with nlp.select_pipes(disable=list(COMPONENTS)):
        t = time.perf_counter()
        doc = nlp(make_doc(nlp, text, None))
        out = {"chars": len(text), "spacy parse": time.perf_counter() - t}
    for name in COMPONENTS:
        t = time.perf_counter()
        doc = nlp.get_pipe(name)(doc)
        out[name.replace("newskit_", "")] = time.perf_counter() - t
    out["quotes found"] = len(doc._.nk_quotes)
    return out


def dense_report(model: str, batch: int, repeat: int) -> None:
    """For each dense text: newskit's steps in-process, and the whole process (start-up,
    parse, steps, output) of ``newskit extract`` against a raw ``nlp.pipe`` process."""
    tmp = tempfile.mkdtemp(prefix="newskit-dense-")
    for name, make in DENSE_TEXTS.items():
        text = make()
        dense = dense_times(model, text)
        steps_s = sum(v for k, v in dense.items() if k not in ("chars", "spacy parse", "quotes found"))
        print(f"{name} text: {dense['chars']} characters in one paragraph, {dense['quotes found']} quotes found")
        print(f"  spacy parse {dense['spacy parse']:.2f} s, quotes {dense['quotes']:.2f} s, all newskit steps {steps_s:.2f} s")
        print(f"  (parse + newskit steps) / parse: {(dense['spacy parse'] + steps_s) / dense['spacy parse']:.3f}")
        corpus = os.path.join(tmp, f"{name}.jsonl")
        with open(corpus, "w", encoding="utf-8") as fh:
            fh.write(json.dumps({"id": name, "text": text}) + "\n")
        raw = min((run([sys.executable, "-c", RAW, corpus, model, str(batch)]) for _ in range(repeat)),
                  key=lambda r: r.wall)
        nk = min((run(newskit_cmd(corpus, model, batch, 1, os.path.join(tmp, "out.jsonl"))) for _ in range(repeat)),
                 key=lambda r: r.wall)
        print(f"  whole process: raw spaCy {raw.wall:.2f} s, newskit extract {nk.wall:.2f} s,"
              f" ratio {nk.wall / raw.wall:.3f}x wall, {nk.cpu / raw.cpu:.3f}x cpu")


def one_line_text(chars: int = 300_000) -> str:
    """Sample paragraphs joined with spaces into one line of ``chars`` characters (no line break)."""
    paras, parts, n, i = sample_paragraphs(), [], 0, 0
    while n < chars:
        parts.append(paras[i % len(paras)])
        n += len(parts[-1]) + 1
        i += 1
    return " ".join(parts)[:chars]


def short_sentences(n: int = 100_000) -> str:
    """``n`` one-word sentences, one a line (about 6 characters each)."""
    words = ["Yes", "Maybe", "Later", "Never", "Again", "Stop", "Go"]
    return "".join(f"{words[i % len(words)]}.\n" for i in range(n))


def long_texts(model: str, raw_memory: bool = False) -> None:
    """A one-line text of 300,000 characters: newskit's whole run against raw spaCy's parse of it
    (budget 1.5x); 100,000 one-word sentences: newskit's peak RSS (budget 1.5 GB)."""
    tmp = tempfile.mkdtemp(prefix="newskit-bench-long-")
    out = os.path.join(tmp, "out.jsonl")
    cases = [("one line, 300,000 characters", one_line_text(), True),
             ("100,000 one-word sentences", short_sentences(), raw_memory)]
    for name, text, with_raw in cases:
        path = os.path.join(tmp, "long.jsonl")
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(json.dumps({"id": "long", "text": text, "published": "2021-10-19"}) + "\n")
        ours = run(newskit_cmd(path, model, 1, 1, out))
        print(f"{name} ({len(text):,} characters):")
        print(f"  newskit extract: {ours.wall:6.1f} s wall, {ours.cpu:6.1f} s cpu, peak RSS {ours.rss:7.0f} MiB")
        if with_raw:
            raw = run([sys.executable, "-c", RAW, path, model, "1"])
            print(f"  raw spaCy:       {raw.wall:6.1f} s wall, {raw.cpu:6.1f} s cpu, peak RSS {raw.rss:7.0f} MiB")
            print(f"  newskit / raw spaCy: {ours.wall / raw.wall:.3f}x wall, {ours.cpu / raw.cpu:.3f}x cpu")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=400, help="articles in the timing corpus")
    ap.add_argument("--model", default="en_core_web_sm")
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--rss", action="store_true", help="also measure peak RSS at 1,000 and 10,000 articles")
    ap.add_argument("--repeat", type=int, default=1, help="best of N runs for each timing")
    ap.add_argument("--dense-only", action="store_true", help="only the two dense single-paragraph texts")
    ap.add_argument("--long-only", action="store_true",
                    help="only the long texts: one 300,000-character line, 100,000 one-word sentences")
    ap.add_argument("--raw-memory", action="store_true",
                    help="with --long-only: also raw spaCy on the 100,000 sentences (about 5 GB, 90 s)")
    args = ap.parse_args()
    if args.long_only:
        long_texts(args.model, args.raw_memory)
        return

    dense_report(args.model, args.batch_size, args.repeat)
    if args.dense_only:
        return

    tmp = tempfile.mkdtemp(prefix="newskit-bench-")
    corpus = os.path.join(tmp, "corpus.jsonl")
    build_corpus(args.n, corpus)
    out = os.path.join(tmp, "out.jsonl")

    def best(cmd) -> Run:
        return min((run(cmd) for _ in range(args.repeat)), key=lambda r: r.wall)

    raw = best([sys.executable, "-c", RAW, corpus, args.model, str(args.batch_size)])
    tokens = int(raw.out.decode().strip())
    j1 = best(newskit_cmd(corpus, args.model, args.batch_size, 1, out))
    j2 = best(newskit_cmd(corpus, args.model, args.batch_size, 2, out))
    db = os.path.join(tmp, "out.db")
    dbr = min((run(db_cmd(corpus, args.model, args.batch_size, fresh(db))) for _ in range(args.repeat)),
              key=lambda r: r.wall)
    help_t = min(run([sys.executable, "-m", "newskit", "--help"]).wall for _ in range(3))

    n = args.n
    print(f"corpus: {n} articles, {tokens} tokens, model {args.model}, batch size {args.batch_size}")
    print(f"{'run':24}{'wall s':>8}{'cpu s':>8}{'articles/s':>12}{'tokens/s':>11}")
    for name, r in (("raw spaCy nlp.pipe", raw), ("newskit --jobs 1", j1), ("newskit --jobs 2", j2),
                    ("newskit --db, --jobs 1", dbr)):
        print(f"{name:24}{r.wall:8.2f}{r.cpu:8.2f}{n / r.wall:12.1f}{tokens / r.wall:11.0f}")
    print(f"overhead newskit --jobs 1 / raw: {j1.wall / raw.wall:.3f}x wall, {j1.cpu / raw.cpu:.3f}x cpu")
    print(f"speedup --jobs 2 vs --jobs 1:    {j1.wall / j2.wall:.2f}x wall")
    print(f"--db / --format jsonl (jobs 1):  {dbr.wall / j1.wall:.3f}x wall, {dbr.cpu / j1.cpu:.3f}x cpu"
          f" (budget 1.10x; database {os.path.getsize(db) / 2**20:.1f} MiB)")
    print(f"newskit --help:                  {help_t:.3f} s")
    print(f"(load average now: {os.getloadavg()[0]:.2f}; wall ratios need an idle machine)")

    steps = step_times(corpus, args.model, args.batch_size)
    print("time per article by step (ms):")
    for k, v in steps.items():
        print(f"  {k:22}{v * 1000:8.2f}")
    added = sum(v for k, v in steps.items() if k != "spacy parse")
    print(f"  newskit steps / parse: {added / steps['spacy parse']:.3f}")

    if args.rss:
        rss = {}
        for size in (1000, 10000):
            c = os.path.join(tmp, f"rss-{size}.jsonl")
            build_corpus(size, c)
            r = run(newskit_cmd(c, args.model, args.batch_size, 1, out))
            rss[size] = r.rss
            print(f"peak RSS at {size:6d} articles: {r.rss:8.1f} MiB ({r.wall:.0f} s)")
        print(f"peak RSS ratio 10,000 / 1,000: {rss[10000] / rss[1000]:.3f}")


if __name__ == "__main__":
    main()
