"""Train the speaker ranker (``newskit/nlp/quotes/ranker.py``) from attributions annotated in
PolNeAR's format: ``text/NAME.txt`` and brat files ``attributions/NAME_XXXX.ann`` whose
``E`` lines join a Content, a Cue and a Source (the first annotator's file, by sorted name,
is used when an article has several).

Examples, of three kinds (the ranker has a set of weights for each):

* person: every he/she of the narration, and every he/she that is the Source of an
  attribution (with its quote and the adjacent quote's speaker, as the quote step asks),
  whose antecedent its gender settles: among the people named before it, of any gender,
  exactly one has the pronoun's gender and all the others the other gender. The candidates
  are listed without the gender constraint and the ranker sees no gender, so it learns from
  real pronouns what else makes an antecedent (recency, role, the adjacent speaker, ...);
* thing: every attribution whose Source is a mention of an organisation, place or group
  that newskit names: "it" at that place would stand for that entity, among the others
  (of an "it" kind) named before it;
* nocue: every quote with no cue (as newskit finds it) whose content matches an
  attribution's: among its candidates (``quotes/floating.py``: the previous quote's speaker,
  the mentions around the quote) the one over the annotated source.

Articles are parsed with newskit's pipeline (its quote step runs with ``BOOTSTRAP`` weights,
so that the adjacent quote's speaker and the chain of resolved pronouns exist).

Model: a conditional logit (softmax over each example's candidates) with an L2 penalty,
fitted by a fixed number of Newton steps in numpy: no randomness, inputs in sorted order,
weights rounded and written with sorted keys, so two runs give byte-identical files.
Only numbers are written (feature names, weights, counts, accuracy), never text.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Sequence, Tuple

import numpy as np

L2 = 3.0   # penalty on the squared weights (features on comparable 0..1 scales); chosen among
           # 0.1, 0.3, 1, 3 by ranking accuracy on polnear-dev (a validation set, never trained on)
NEWTON_STEPS = 25   # a fixed number of steps: the fit is deterministic and converged by then
DIGITS = 4          # weights are rounded to this many decimals
# the weights the quote step uses while features are extracted (a start point, not the result):
# the nearest candidate that was a subject, never "no antecedent" unless nothing fits
BOOTSTRAP = {f"{g}:{k}": v for g in ("person", "thing") for k, v in (
    ("nearest", 1.0), ("subj", 2.0), ("obj", 1.0), ("near_quoted", -2.0), ("near_m", -2.0), ("prev_speaker", 0.5))}
# (a quote with no cue: the previous speaker goes on within a paragraph, else the subject before)
BOOTSTRAP.update({"nocue:" + k: v for k, v in (
    ("prev", 2.0), ("prev_gap2", -3.0), ("prev_subject", 1.5), ("subj", 0.5), ("nearest", 0.3))})
Example = Tuple[List[Dict[str, float]], int, str]   # (candidate features, right index, kind group)


class DataError(Exception):
    """A training folder that cannot be read."""


# ------------------------------------------------------------------ data
def read_articles(data: Path) -> List[dict]:
    """Articles as ``{"id", "text", "published", "gold": [(content_start, content_end,
    source or None)]}``, sorted by id."""
    tdir, adir = data / "text", data / "attributions"
    if not tdir.is_dir() or not adir.is_dir():
        raise DataError(f"{data}: no text/ and attributions/ folders (PolNeAR format)")
    first: Dict[str, Path] = {}
    for fn in sorted(os.listdir(adir)):
        if fn.endswith(".ann"):
            first.setdefault(re.sub(r"_[0-9a-f]{4}\.ann$", "", fn), adir / fn)
    out = []
    for base, ann in sorted(first.items()):
        path = tdir / (base + ".txt")
        try:
            text = path.read_text(encoding="utf-8")
            gold = _attributions(ann.read_text(encoding="utf-8"), len(text))
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise DataError(f"{path if not path.exists() else ann}: {exc}") from None
        m = re.match(r"[a-z]+_(\d{4}-\d{2}-\d{2})_", base)
        out.append({"id": base, "text": text, "published": m.group(1) if m else None, "gold": gold})
    return out


def _attributions(ann: str, n: int) -> List[Tuple[int, int, Optional[Tuple[int, int]]]]:
    """(content start, content end, source span or None) of each brat ``E`` line (hulls of
    discontinuous spans)."""
    spans: Dict[str, Tuple[int, int]] = {}
    rels = []
    for line in ann.splitlines():
        p = line.split("\t")
        if len(p) < 2:
            continue
        if p[0].startswith("T"):
            _, *offs = p[1].replace(";", " ").split()
            o = [int(x) for x in offs]
            spans[p[0]] = (min(o[::2]), max(o[1::2]))
        elif p[0].startswith("E"):
            rels.append(dict(kv.split(":", 1) for kv in p[1].split() if ":" in kv))
    out = []
    for r in rels:
        c = spans.get(r.get("Content", ""))
        if c and 0 <= c[0] < c[1] <= n:
            out.append((c[0], c[1], spans.get(r.get("Source", ""))))
    return out


# ------------------------------------------------------------------ examples
def _code_key() -> str:
    """Changes when anything the features come from changes: the analysis code (``nlp/``),
    this module, or the installed language data (the weights file itself aside: extraction
    runs with ``BOOTSTRAP``); the cache is then rebuilt."""
    from newskit.nlp.data import models_root
    from newskit.nlp.quotes.ranker import WEIGHTS_FILE

    h = hashlib.sha1()
    pkg = Path(__file__).resolve().parent.parent
    files = sorted((pkg / "nlp").rglob("*.py")) + [pkg / "train" / "speakers.py"]
    files += sorted(f for f in models_root().rglob("*") if f.is_file() and f.name != WEIGHTS_FILE)
    for f in files:
        h.update(f.name.encode())
        h.update(f.read_bytes())
    return h.hexdigest()[:16]


def examples_of(nlp, art: dict) -> List[Example]:
    """The ranking examples of one article (see the module docstring)."""
    from newskit.nlp.pipeline import make_doc
    from newskit.nlp.quotes.attribution import find_speakers
    from newskit.nlp.quotes.context import QuoteContext

    with nlp.select_pipes(disable=["newskit_quotes"]):
        doc = nlp(make_doc(nlp, art["text"], art["published"]))
    data, cfg = bootstrap_data(nlp)
    ctx, chosen = QuoteContext(doc, data, cfg), []
    for ctx, c in find_speakers(doc, data, cfg):
        chosen.append(c)
    res = ctx.resolver
    gold = sorted((g for g in art["gold"] if g[2] is not None), key=lambda g: (g[0], g[1], g[2]))
    out: List[Example] = []
    sources = {}
    for cs, ce, src in gold:
        sources.setdefault(ctx.tok_at(src[0]), (cs, ce))
    lex = res.lex
    for tok in doc:   # every he/she of the narration, and of the sources (with their quote)
        if tok.lower_ in lex.male or tok.lower_ in lex.female:
            quote = sources.get(tok.i)
            if quote is not None or not ctx.in_quote(tok.idx):
                ex = _pronoun_example(ctx, chosen, tok, quote)
                if ex is not None:
                    out.append(ex)
    for cs, ce, src in gold:
        ex = _organisation_example(ctx, chosen, cs, ce, src)
        if ex is not None:
            out.append(ex)
    return out + _no_cue_examples(ctx, chosen, gold)


def _no_cue_examples(ctx, chosen, gold) -> List[Example]:
    """Every quote with no cue (as newskit finds it) whose content matches an attribution's
    (overlap over union at least a half) and whose source is one of its candidates: the
    candidate that overlaps the annotated source is the right one."""
    from newskit.nlp.quotes.floating import options

    out: List[Example] = []
    prev = None
    for c in chosen:
        if c.cue is None and c.kind == "direct":
            src = next((g[2] for g in gold if _iou((c.s, c.e), g[:2]) >= 0.5), None)
            if src is not None:
                opts = options(ctx, c, prev)
                right = next((k for k, o in enumerate(opts) if o.span[0] < src[1] and src[0] < o.span[1]), None)
                if right is not None and len(opts) > 1:
                    out.append(_example([o.feats for o in opts], right, "nocue"))
        if c.kind in ("direct", "mixed") or c.spk_span is not None:
            prev = c
    return out


def bootstrap_data(nlp):
    """The quote step's data and config in ``nlp`` (its ``newskit_quotes`` component), with the
    ``BOOTSTRAP`` weights in place of the learned ones."""
    from dataclasses import replace

    from newskit.nlp.quotes.ranker import Ranker

    comp = nlp.get_pipe("newskit_quotes")
    return replace(comp.data, ranker=Ranker(BOOTSTRAP)), comp.settings


def _iou(a, b) -> float:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    return inter / (max(a[1], b[1]) - min(a[0], b[0])) if inter > 0 else 0.0


def _adjacent_speaker(ctx, chosen, cs: int, ce: int):
    """The adjacent quote's speaker and whether another person was named since, as the
    quote step gives them to the resolver."""
    from newskit.nlp.quotes.attribution import adjacent_speaker, other_person_between
    from newskit.nlp.quotes.context import Candidate

    prev = next((c for c in reversed(chosen) if c.e <= cs and c.ent is not None), None)
    ent = adjacent_speaker(ctx, prev, cs)
    if ent is None:
        return None, False
    return ent, other_person_between(ctx, prev, Candidate(cs, ce, "direct"))


def _pronoun_example(ctx, chosen, tok, quote) -> Optional[Example]:
    """A he/she whose antecedent its gender settles: among the people before it (of any
    gender), exactly one has the pronoun's gender and all the others the other one. The
    ranker sees no gender, so it learns from real pronouns what makes an antecedent."""
    res = ctx.resolver
    if quote is not None:
        prev, broken = _adjacent_speaker(ctx, chosen, *quote)
    else:
        prev, broken, quote = None, False, (0, 0)   # (as the resolver's catch-up asks)
    ents, feats = res.candidates(tok, "a", prev, quote, broken)
    if len(ents) < 2:
        return None
    g = res.kind_of(tok)
    genders = [res.gender(e) for e in ents]
    same = [i for i, x in enumerate(genders) if x == g]
    if len(same) != 1 or any(not x for x in genders):
        return None
    # (a source's pronoun is marked: the accuracy is also shown for those alone)
    return _example(feats, same[0], "person" if quote == (0, 0) else "person/source")


def _organisation_example(ctx, chosen, cs: int, ce: int, src) -> Optional[Example]:
    """An attribution whose source names an organisation, a place or a group named before:
    "it" at that place, among the others named before, would stand for it."""
    from newskit.nlp.quotes.constraints import IT_LABELS

    hit = next(((ms, e) for ms, me, e in ctx.mentions if ms < src[1] and me > src[0]), None)
    if hit is None or hit[1].label not in IT_LABELS or ctx.resolver.animate(hit[1]):
        return None
    ms, ent = hit
    prev, broken = _adjacent_speaker(ctx, chosen, cs, ce)
    ents, feats = ctx.resolver.candidates(ctx.doc[ctx.tok_at(ms)], "n", prev, (cs, ce), broken)
    ids = [e.id for e in ents]
    if len(ents) < 2 or ent.id not in ids:
        return None
    return _example(feats, ids.index(ent.id), "thing")


def _example(feats, right: int, group: str) -> Example:
    return ([{k: round(v, 6) for k, v in sorted(f.items())} for f in feats], right, group)


def all_examples(arts: Sequence[dict], model: str, cache: Optional[Path]) -> List[Example]:
    from newskit.nlp.pipeline import get_pipeline

    nlp = None
    key = _code_key()
    out: List[Example] = []
    for k, art in enumerate(arts):
        path = None
        if cache is not None:
            digest = hashlib.sha1((key + art["text"] + json.dumps(art["gold"])).encode()).hexdigest()[:20]
            path = cache / f"{digest}.json"
            if path.exists():
                out += [tuple(x) for x in json.loads(path.read_text())]
                continue
        if nlp is None:
            nlp = get_pipeline(model)
        exs = examples_of(nlp, art)
        if path is not None:
            cache.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(exs))
        out += exs
        if (k + 1) % 50 == 0:
            print(f"  {k + 1}/{len(arts)} articles", file=sys.stderr)
    return out


# ------------------------------------------------------------------ model
def _matrix(exs: Sequence[Example], names: List[str]):
    """Candidate features padded to (examples, most candidates, features), a mask, the answers."""
    col = {n: j for j, n in enumerate(names)}
    width = max(len(f) for f, _, _ in exs)
    x = np.zeros((len(exs), width, len(names)))
    mask = np.zeros((len(exs), width), dtype=bool)
    y = np.zeros(len(exs), dtype=int)
    for i, (feats, right, _) in enumerate(exs):
        for c, f in enumerate(feats):
            mask[i, c] = True
            for k, v in f.items():
                if k in col:
                    x[i, c, col[k]] = v
        y[i] = right
    return x, mask, y


def _probs(x, mask, w):
    s = np.where(mask, x @ w, -np.inf)
    s -= s.max(axis=1, keepdims=True)
    p = np.exp(s)
    return p / p.sum(axis=1, keepdims=True)


def fit(exs: Sequence[Example]) -> Dict[str, float]:
    """Conditional-logit weights by Newton's method (L2-penalised), rounded."""
    names = sorted({k for f, _, _ in exs for c in f for k in c})
    x, mask, y = _matrix(exs, names)
    n, _, d = x.shape
    w = np.zeros(d)
    onehot = np.zeros(mask.shape)
    onehot[np.arange(n), y] = 1.0
    for _ in range(NEWTON_STEPS):
        p = _probs(x, mask, w)
        mean = np.einsum("ic,icd->id", p, x)                  # expected features per example
        grad = np.einsum("ic,icd->d", onehot - p, x) - L2 * w
        centred = x - mean[:, None, :]
        hess = np.einsum("ic,icd,ice->de", p, centred, centred) + L2 * np.eye(d)
        w = w + np.linalg.solve(hess, grad)
    return {k: round(float(v), DIGITS) for k, v in zip(names, w) if round(float(v), DIGITS) != 0.0}


def accuracy(exs: Sequence[Example], weights: Dict[str, float], group: str = "") -> Tuple[float, int]:
    """Share of examples (of one group, or all) whose best-scored candidate is the right one."""
    from newskit.nlp.quotes.ranker import Ranker

    r = Ranker(weights)
    ok = n = 0
    for feats, right, g in exs:
        if group and g.split("/")[0] != group and g != group:
            continue
        n += 1
        ok += r.best(feats) == right
    return (ok / n if n else 0.0), n


# ------------------------------------------------------------------ command
def run(args) -> int:
    arts = read_articles(args.data)
    if args.limit:
        arts = arts[:args.limit]
    if not arts:
        raise DataError(f"{args.data}: no articles")
    print(f"{len(arts)} articles from {args.data}", file=sys.stderr)
    exs = all_examples(arts, args.model, args.cache)
    if not exs:
        raise DataError(f"{args.data}: no attribution whose source is a named entity")
    if args.weights is not None:
        weights = json.loads(args.weights.read_text(encoding="utf-8"))["weights"]
    else:
        weights = fit(exs)
    acc, n = accuracy(exs, weights)
    by_group = {g: accuracy(exs, weights, g) for g in ("person", "person/source", "thing", "nocue")}
    print(f"examples {n}: accuracy {100 * acc:.2f} ("
          + ", ".join(f"{g} {k}: {100 * a:.2f}" for g, (a, k) in by_group.items()) + ")", file=sys.stderr)
    if args.weights is None and args.out is not None:
        meta = {"data": args.data.resolve().name, "articles": len(arts), "examples": n,
                "train_accuracy": round(acc, 4),
                **{f"examples_{g.replace('/', '_')}": k for g, (_, k) in by_group.items()},
                **{f"train_accuracy_{g.replace('/', '_')}": round(a, 4) for g, (a, _) in by_group.items()},
                "model": "conditional logit (softmax over candidates)", "l2": L2, "newton_steps": NEWTON_STEPS,
                "command": "python -m newskit.train speakers --data DIR --out FILE"}
        top = sorted(weights.items(), key=lambda kv: (-abs(kv[1]), kv[0]))[:8]
        print("top features: " + ", ".join(f"{k} {v:+.2f}" for k, v in top), file=sys.stderr)
        args.out.write_text(json.dumps({"_doc": _DOC, "meta": meta, "weights": weights},
                                       indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


_DOC = ("Weights of the speaker ranker (newskit/nlp/quotes/ranker.py): a candidate's score is the sum of "
        "weight x feature over its features (computed in newskit/nlp/quotes/candidates.py, CandidateFinder); "
        "the best score wins. Written by `python -m newskit.train speakers` (newskit/train/speakers.py); "
        "do not edit by hand, retrain.")
