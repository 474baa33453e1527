"""Benchmark: extracting pages from their URLs against the same pages saved as files.

    python benchmarks/web_bench.py            # 100 pages, 4 hosts, each answering a page after 100 ms
    python benchmarks/web_bench.py --hosts 1  # one host: downloads are serial (politeness), >= n x latency

Builds ``--n`` HTML article pages from the sample articles' paragraphs
(recombined with a fixed seed), saves them in a folder, and serves the same
pages from servers on ``--hosts`` loopback addresses (127.0.0.1, 127.0.0.2,
...; the URLs spread over them in turn, as a day's articles come from
several outlets) that wait ``--latency`` seconds before each answer. Then times whole processes, interleaved, best of ``--rounds``:
``newskit extract DIR`` (the files) and ``newskit extract --urls LIST
--delay 0`` (the same pages downloaded: one request at a time per host,
robots.txt asked once per host). With one host the downloads alone take at
least n x latency (10 s for the defaults), whatever the parse. The downloads run in threads while spaCy
parses, so the ratio URL/files should stay near 1 (target: at most 1.15).
It also checks that both runs found the same articles (same texts).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench import sample_paragraphs  # noqa: E402
from tests.webserver import Page, Site, article_html  # noqa: E402


def build_pages(n: int, seed: int = 7):
    rng = random.Random(seed)
    paras = sample_paragraphs()
    return {f"/news/page-{i:04d}.html": article_html(f"Bench story {i}", [rng.choice(paras) for _ in range(rng.randint(5, 10))])
            for i in range(n)}


def timed(cmd) -> "tuple[float, bytes]":
    t = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    wall = time.perf_counter() - t
    if proc.returncode != 0:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{proc.stderr.decode()[-2000:]}")
    return wall, proc.stdout


def texts(out: bytes):
    return [json.loads(line)["text"] for line in out.decode("utf-8").splitlines()]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=100)
    ap.add_argument("--latency", type=float, default=0.1)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--hosts", type=int, default=4, help="loopback addresses serving the pages (at most 8)")
    args = ap.parse_args()

    pages = build_pages(args.n)
    with tempfile.TemporaryDirectory() as tmp, ExitStack() as stack:
        sites = [stack.enter_context(Site({p: Page(b, delay=args.latency) for p, b in pages.items()}, host=f"127.0.0.{h + 1}"))
                 for h in range(max(1, min(args.hosts, 8)))]
        folder = Path(tmp) / "pages"
        folder.mkdir()
        for path, body in pages.items():
            (folder / Path(path).name).write_bytes(body)
        listed = Path(tmp) / "urls.txt"
        listed.write_text("".join(sites[i % len(sites)].url(p) + "\n" for i, p in enumerate(sorted(pages))))
        base = [sys.executable, "-m", "newskit", "extract", "--format", "jsonl", "--quiet", "--include-text"]
        files_cmd = base + [str(folder)]
        urls_cmd = base + ["--urls", str(listed), "--delay", "0"]
        best = {"files": float("inf"), "urls": float("inf")}
        outs = {}
        for _ in range(args.rounds):
            for name, cmd in (("files", files_cmd), ("urls", urls_cmd)):
                wall, out = timed(cmd)
                best[name] = min(best[name], wall)
                outs[name] = out
        same = texts(outs["files"]) == texts(outs["urls"])
        print(f"pages: {args.n} on {len(sites)} host(s), server latency {args.latency * 1000:.0f} ms per page, "
              f"best of {args.rounds}")
        print(f"files: {best['files']:.2f} s   urls: {best['urls']:.2f} s   "
              f"(downloads alone, one at a time per host: >= {args.n * args.latency / len(sites):.1f} s)")
        print(f"RESULT web/files ratio {best['urls'] / best['files']:.3f} (target <= 1.15); same texts: {same}")


if __name__ == "__main__":
    main()
