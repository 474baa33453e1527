"""Corpus summaries of newskit's output: who is quoted, what is mentioned, when.

``newskit summarize OUTPUTS.jsonl...`` reads the JSON Lines that ``newskit
extract`` wrote (a JSON array from ``--format json`` is read too), line by
line, or a database from ``extract --db`` (:mod:`newskit.write.sources`), and
reports over all articles: the most-quoted speakers, the most-mentioned
entities per label, people mentioned and quoted by gender
(:mod:`newskit.write.peoplecounts`), quotes per article, and a timeline of the
normalised dates (counts per month).

The numbers come from plain functions (:func:`newskit.write.sources.read_records`,
:func:`summarize`) that return a JSON-ready ``dict``; renderers turn that dict
into rich tables (:func:`render_table`), JSON (:func:`render_json`) or a
self-contained HTML page with an inline SVG chart (:func:`render_html`).
Output is deterministic: ties are broken by name or input order.

Limits: speakers and entities are merged across articles by their name
(case-insensitive; for entities the record's ``canonical`` name, so a
country's forms such as "U.S." and "United States" count as one), not by
identity, so two people with the same name count as one and one person under
two names counts twice. Quotes whose speaker was
not resolved to a name (only a pronoun, or nothing) are counted as
unattributed. The timeline uses date values that start with ``YYYY-MM``;
bare years, durations and unresolved dates are counted but not placed.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from typing import Dict, Iterable, List, Optional, Tuple

from . import peoplecounts
from .html import label_class, page_foot, page_head
from .markup import esc
from .peoplecounts import PeopleCounts
from newskit.records import ArticleRecord
from newskit.safe import json_escape, term_text

DEFAULT_TOP = 10
_MONTH = re.compile(r"(\d{4})-(0[1-9]|1[0-2])(?![0-9])")

# --------------------------------------------------------------------- reading


def _norm(name: str) -> str:
    return " ".join(name.split())


def speaker_name(q, ent_names: Dict[str, str]) -> Optional[str]:
    """The resolved name of a quote's speaker, or None when it is unknown."""
    name = q.speaker_name or (ent_names.get(q.speaker_entity) if q.speaker_entity else None)
    name = _norm(name) if name else ""
    return name or None


class _Tally:
    """Counts per case-insensitive name, remembering the most used spelling."""

    def __init__(self):
        self.count: Counter = Counter()
        self.articles: Counter = Counter()
        self.forms: Dict[str, Counter] = {}
        self.order: Dict[str, int] = {}

    def add(self, name: str, n: int, article: int, seen: set) -> None:
        key = name.casefold()
        self.count[key] += n
        self.forms.setdefault(key, Counter())[name] += n
        self.order.setdefault(key, len(self.order))
        if (key, article) not in seen:
            seen.add((key, article))
            self.articles[key] += 1

    def display(self, key: str) -> str:
        forms = self.forms[key]
        return min(forms, key=lambda f: (-forms[f], f))

    def top(self, n: int) -> List[Tuple[str, int, int]]:
        shown = {k: self.display(k) for k in self.count}
        keys = sorted(self.count, key=lambda k: (-self.count[k], shown[k].casefold(), shown[k], self.order[k]))
        if n > 0:
            keys = keys[:n]
        return [(shown[k], self.count[k], self.articles[k]) for k in keys]


def _take(items: list, n: int) -> list:
    return items[:n] if n > 0 else items


def summarize(records: Iterable[ArticleRecord], top: int = DEFAULT_TOP) -> dict:
    """Corpus-level numbers for some records, as a JSON-ready dict.

    ``top`` limits each ranked list (0: no limit). Keys: ``articles``,
    ``totals``, ``speakers``, ``entities_by_label``, ``quotes_per_article``,
    ``timeline``, ``people`` (people mentioned and quoted by gender:
    :mod:`newskit.write.peoplecounts`).
    """
    c = _Counts()
    people = PeopleCounts()
    for i, rec in enumerate(records):
        c.add(i, rec)
        people.add(rec)
    return {
        "articles": c.n,
        "totals": c.totals_dict(),
        "speakers": [{"name": nm, "quotes": q, "articles": a} for nm, q, a in c.speakers.top(top)],
        "entities_by_label": _entities_by_label(c.labels, c.label_entities, top),
        "quotes_per_article": _quotes_per_article(c.per_article, c.n, top),
        "timeline": [{"month": m, "count": c.months[m]} for m in sorted(c.months)],
        "people": people.as_dict(),
    }


class _Counts:
    """The running counts of :func:`summarize`, one record at a time."""

    def __init__(self):
        self.n = 0
        self.speakers = _Tally()
        self.labels: Dict[str, _Tally] = {}
        self.label_entities: Counter = Counter()  # distinct entities per label
        self.per_article: List[Tuple[int, str, Optional[str], int]] = []  # (order, id, title, quotes)
        self.months: Counter = Counter()
        self.totals: Counter = Counter()
        self.seen_spk: set = set()
        self.seen_ent: set = set()

    def add(self, i: int, rec: ArticleRecord) -> None:
        """Count record number ``i``."""
        self.n += 1
        ent_names = {e.id: e.name for e in rec.entities}
        for q in rec.quotes:
            name = speaker_name(q, ent_names)
            if name is None:
                self.totals["unattributed_quotes"] += 1
            else:
                self.speakers.add(name, 1, i, self.seen_spk)
        for e in rec.entities:
            tally = self.labels.setdefault(e.label, _Tally())
            before = len(tally.count)
            name = e.canonical or e.name  # "U.S." and "the United States" count as one
            tally.add(_norm(name) or name, e.count, i, self.seen_ent)
            if len(tally.count) > before:
                self.label_entities[e.label] += 1
            self.totals["mentions"] += e.count
        for d in rec.dates:
            m = _MONTH.match(d.value or "")
            if m:
                self.months[f"{m.group(1)}-{m.group(2)}"] += 1
        self.totals["quotes"] += len(rec.quotes)
        self.totals["entities"] += len(rec.entities)
        self.totals["dates"] += len(rec.dates)
        self.per_article.append((i, rec.id, rec.title, len(rec.quotes)))

    def totals_dict(self) -> dict:
        t = self.totals
        return {
            "quotes": t["quotes"],
            "attributed_quotes": t["quotes"] - t["unattributed_quotes"],
            "unattributed_quotes": t["unattributed_quotes"],
            "speakers": len(self.speakers.count),
            "entities": t["entities"],
            "mentions": t["mentions"],
            "dates": t["dates"],
            "dated_by_month": sum(self.months.values()),
        }


def _entities_by_label(labels: Dict[str, _Tally], label_entities: Counter, top: int) -> List[dict]:
    """One group per label, the most-mentioned label first, each with its top entities."""
    by_label = []
    for label in sorted(labels, key=lambda lb: (-sum(labels[lb].count.values()), lb)):
        tally = labels[label]
        by_label.append({
            "label": label,
            "entities": label_entities[label],
            "mentions": sum(tally.count.values()),
            "top": [{"name": nm, "mentions": c, "articles": a} for nm, c, a in tally.top(top)],
        })
    return by_label


def _quotes_per_article(per_article: List[Tuple[int, str, Optional[str], int]], n: int, top: int) -> dict:
    """Mean, median, max, histogram and the articles with the most quotes."""
    counts = sorted(q for _, _, _, q in per_article)
    hist = Counter(counts)
    ranked = sorted(per_article, key=lambda r: (-r[3], r[0]))
    return {
        "mean": round(sum(counts) / n, 2) if n else 0.0,
        "median": _median(counts),
        "max": counts[-1] if counts else 0,
        "without_quotes": hist.get(0, 0),
        "histogram": [{"quotes": k, "articles": hist[k]} for k in sorted(hist)],
        "top": [{"id": aid, "title": title, "quotes": q} for _, aid, title, q in _take(ranked, top)],
    }


def _median(sorted_counts: List[int]) -> float:
    k = len(sorted_counts)
    if not k:
        return 0.0
    mid = k // 2
    if k % 2:
        return float(sorted_counts[mid])
    return (sorted_counts[mid - 1] + sorted_counts[mid]) / 2


def month_range(first: str, last: str) -> List[str]:
    """Every month from ``first`` to ``last`` (``YYYY-MM``), inclusive."""
    y, m = int(first[:4]), int(first[5:7])
    ly, lm = int(last[:4]), int(last[5:7])
    out = []
    while (y, m) <= (ly, lm):
        out.append(f"{y:04d}-{m:02d}")
        m += 1
        if m > 12:
            y, m = y + 1, 1
    return out


# ----------------------------------------------------------------- renderers


def render_json(summary: dict) -> str:
    return json_escape(json.dumps(summary, ensure_ascii=False, indent=2)) + "\n"


def render_table(summary: dict, console) -> None:
    """The summary as rich tables on ``console``."""
    from rich.table import Table
    from rich.text import Text

    c = console
    t = summary["totals"]
    c.print(Text(f"{summary['articles']} articles · {t['quotes']} quotes ({t['unattributed_quotes']} unattributed) · "
                 f"{t['entities']} entities, {t['mentions']} mentions · {t['dates']} dates "
                 f"({t['dated_by_month']} placed in a month)", style="bold"))
    c.print()

    tab = Table(title="Most-quoted speakers", title_justify="left")
    tab.add_column("speaker", style="bold")
    tab.add_column("quotes", justify="right")
    tab.add_column("articles", justify="right")
    for row in summary["speakers"]:
        tab.add_row(term_text(row["name"]), str(row["quotes"]), str(row["articles"]))
    if not summary["speakers"]:
        tab.add_row(Text("(none)", style="dim"), "", "")
    c.print(tab)
    c.print()

    tab = Table(title="Most-mentioned entities by label", title_justify="left")
    tab.add_column("label", style="bold")
    tab.add_column("entity")
    tab.add_column("mentions", justify="right")
    tab.add_column("articles", justify="right")
    for group in summary["entities_by_label"]:
        for j, row in enumerate(group["top"]):
            tab.add_row(term_text(group["label"] if j == 0 else ""), term_text(row["name"]), str(row["mentions"]),
                        str(row["articles"]),
                        end_section=j == len(group["top"]) - 1)
    if not summary["entities_by_label"]:
        tab.add_row("", Text("(none)", style="dim"), "", "")
    c.print(tab)
    c.print()

    peoplecounts.render_table(summary["people"], c)
    c.print()

    qpa = summary["quotes_per_article"]
    tab = Table(title="Quotes per article", title_justify="left",
                caption=f"mean {qpa['mean']:.2f} · median {qpa['median']:g} · max {qpa['max']} · "
                        f"{qpa['without_quotes']} without quotes", caption_justify="left")
    tab.add_column("article")
    tab.add_column("quotes", justify="right")
    for row in qpa["top"]:
        tab.add_row(term_text(row["title"] or row["id"]), str(row["quotes"]))
    c.print(tab)
    c.print()

    tab = Table(title="Timeline of dates (per month)", title_justify="left")
    tab.add_column("month", no_wrap=True)
    tab.add_column("dates", justify="right")
    tab.add_column("", no_wrap=True)
    peak = max((r["count"] for r in summary["timeline"]), default=0)
    for row in summary["timeline"]:
        width = max(1, round(30 * row["count"] / peak)) if peak else 0
        tab.add_row(row["month"], str(row["count"]), Text("█" * width, style="blue"))
    if not summary["timeline"]:
        tab.add_row(Text("(no dates with a month)", style="dim"), "", "")
    c.print(tab)


def timeline_svg(timeline: List[dict], width: int = 720, height: int = 200) -> str:
    """A bar chart of dates per month as inline SVG (empty months shown as gaps)."""
    from html import escape

    if not timeline:
        return ""
    counts = {r["month"]: r["count"] for r in timeline}
    months = month_range(timeline[0]["month"], timeline[-1]["month"])
    peak = max(counts.values())
    left, right, top, bottom = 36, 8, 10, 26
    pw, ph = width - left - right, height - top - bottom
    step = pw / len(months)
    bar_w = max(step * 0.8, 0.5)
    total = sum(counts.values())
    desc = (f"{total} dates in {len(counts)} months between {months[0]} and {months[-1]}; "
            f"the busiest month has {peak}.")
    out = [f"<svg class=\"nk-chart\" viewBox=\"0 0 {width} {height}\" role=\"img\" "
           f"aria-labelledby=\"nk-tl-title nk-tl-desc\" xmlns=\"http://www.w3.org/2000/svg\">",
           "<title id=\"nk-tl-title\">Dates per month</title>",
           f"<desc id=\"nk-tl-desc\">{escape(desc)}</desc>"]
    base = top + ph
    out.append(f"<line class=\"axis\" x1=\"{left}\" y1=\"{base}\" x2=\"{width - right}\" y2=\"{base}\"/>")
    out.append(f"<line class=\"axis\" x1=\"{left}\" y1=\"{top}\" x2=\"{left}\" y2=\"{base}\"/>")
    out.append(f"<text x=\"{left - 4}\" y=\"{top + 4}\" text-anchor=\"end\">{peak}</text>")
    out.append(f"<text x=\"{left - 4}\" y=\"{base}\" text-anchor=\"end\">0</text>")
    for i, m in enumerate(months):
        c = counts.get(m, 0)
        if c:
            h = ph * c / peak
            x = left + i * step + (step - bar_w) / 2
            out.append(f"<rect class=\"bar\" x=\"{x:.2f}\" y=\"{base - h:.2f}\" width=\"{bar_w:.2f}\" "
                       f"height=\"{h:.2f}\"><title>{m}: {c}</title></rect>")
    years = sorted({m[:4] for m in months})
    every = max(1, -(-len(years) * 40 // pw))  # keep year labels about 40 px apart
    if len(months) * 56 <= pw:  # room for every month's name
        for i, m in enumerate(months):
            x = left + (i + 0.5) * step
            out.append(f"<text x=\"{x:.2f}\" y=\"{height - 8}\" text-anchor=\"middle\">{m}</text>")
    else:  # years, at their January (or the first month), about 40 px apart
        first_mm = int(months[0][5:7])
        # the first year is labelled at its first month only when its January label is far enough
        label_first = first_mm == 1 or (13 - first_mm) * step >= 40
        last_x = -1e9
        for i, m in enumerate(months):
            x = left + i * step
            if (m.endswith("-01") or (i == 0 and label_first)) and (int(m[:4]) - int(years[0])) % every == 0 and x - last_x >= 40:
                out.append(f"<text x=\"{x:.2f}\" y=\"{height - 8}\" text-anchor=\"start\">{m[:4]}</text>")
                last_x = x
    out.append("</svg>")
    return "\n".join(out)


def render_html(summary: dict) -> str:
    """A self-contained HTML page with the summary tables and an SVG timeline."""
    return "".join([
        page_head(title="newskit: corpus summary", heading="Corpus summary", legend=False),
        "<div class=\"nk-summary\">\n",
        _html_overview(summary),
        _html_speakers(summary["speakers"]),
        _html_entities(summary["entities_by_label"]),
        peoplecounts.render_html(summary["people"]),
        _html_quotes_per_article(summary["quotes_per_article"]),
        _html_timeline(summary["timeline"]),
        "</div>\n",
        page_foot(),
    ])


def _e(value) -> str:
    return esc(str(value))


def _count_table(labelled_by: str, first: str, count: str, key: str, rows: List[dict]) -> str:
    """A table of names with a count (``row[key]``, headed ``count``) and their articles."""
    out = [f"<table aria-labelledby=\"{labelled_by}\">\n<thead><tr><th scope=\"col\">{first}</th>"
           f"<th scope=\"col\" class=\"num\">{count}</th><th scope=\"col\" class=\"num\">Articles</th></tr></thead>\n<tbody>\n"]
    for r in rows:
        out.append(f"<tr><td>{_e(r['name'])}</td><td class=\"num\">{r[key]}</td>"
                   f"<td class=\"num\">{r['articles']}</td></tr>\n")
    out.append("</tbody>\n</table>\n")
    return "".join(out)


def _html_overview(summary: dict) -> str:
    t = summary["totals"]
    out = ["<section aria-labelledby=\"s-overview\">\n<h2 id=\"s-overview\">Overview</h2>\n<dl class=\"nk-stats\">\n"]
    for label, value in (("articles", summary["articles"]), ("quotes", t["quotes"]),
                         ("unattributed quotes", t["unattributed_quotes"]), ("speakers", t["speakers"]),
                         ("entities", t["entities"]), ("mentions", t["mentions"]), ("dates", t["dates"]),
                         ("dates placed in a month", t["dated_by_month"])):
        out.append(f"<div><dt>{_e(label)}</dt><dd>{value}</dd></div>\n")
    out.append("</dl>\n</section>\n")
    return "".join(out)


def _html_speakers(speakers: List[dict]) -> str:
    out = ["<section aria-labelledby=\"s-speakers\">\n<h2 id=\"s-speakers\">Most-quoted speakers</h2>\n"]
    if speakers:
        out.append(_count_table("s-speakers", "Speaker", "Quotes", "quotes", speakers))
    else:
        out.append("<p class=\"nk-note\">No attributed quotes.</p>\n")
    out.append("</section>\n")
    return "".join(out)


def _html_entities(groups: List[dict]) -> str:
    """A table of top entities per label."""
    out = ["<section aria-labelledby=\"s-entities\">\n<h2 id=\"s-entities\">Most-mentioned entities by label</h2>\n"]
    if not groups:
        out.append("<p class=\"nk-note\">No entities.</p>\n")
    out.append("<div class=\"nk-labels\">\n")
    for k, g in enumerate(groups, 1):
        hid = f"s-label-{k}"
        out.append("<div class=\"nk-label-group\">\n")
        out.append(f"<h3 id=\"{hid}\"><span class=\"tag {label_class(g['label'])}\">{_e(g['label'])}</span> "
                   f"{g['entities']} entities, {g['mentions']} mentions</h3>\n")
        out.append(_count_table(hid, "Entity", "Mentions", "mentions", g["top"]) + "</div>\n")
    out.append("</div>\n</section>\n")
    return "".join(out)


def _html_quotes_per_article(q: dict) -> str:
    """The quote statistics and the articles with the most quotes, with bars."""
    out = ["<section aria-labelledby=\"s-qpa\">\n<h2 id=\"s-qpa\">Quotes per article</h2>\n"]
    out.append(f"<p class=\"nk-note\">mean {q['mean']:.2f} · median {q['median']:g} · max {q['max']} · "
               f"{q['without_quotes']} without quotes</p>\n")
    if q["top"]:
        peak = max(r["quotes"] for r in q["top"]) or 1
        out.append("<table aria-labelledby=\"s-qpa\">\n<thead><tr><th scope=\"col\">Article</th>"
                   "<th scope=\"col\" class=\"num\">Quotes</th><th scope=\"col\"><span class=\"vh\">Bar</span></th></tr></thead>\n<tbody>\n")
        for r in q["top"]:
            out.append(f"<tr><td>{_e(r['title'] or r['id'])}</td><td class=\"num\">{r['quotes']}</td>"
                       f"<td><span class=\"nk-bar\" style=\"width:{100 * r['quotes'] / peak:.0f}px\" aria-hidden=\"true\"></span></td></tr>\n")
        out.append("</tbody>\n</table>\n")
    out.append("</section>\n")
    return "".join(out)


def _html_timeline(timeline: List[dict]) -> str:
    """The SVG chart of dates per month and the same numbers as a table."""
    out = ["<section aria-labelledby=\"s-timeline\">\n<h2 id=\"s-timeline\">Timeline of dates</h2>\n"]
    if timeline:
        out.append(timeline_svg(timeline) + "\n")
        out.append("<table aria-labelledby=\"s-timeline\">\n<thead><tr><th scope=\"col\">Month</th>"
                   "<th scope=\"col\" class=\"num\">Dates</th></tr></thead>\n<tbody>\n")
        for r in timeline:
            out.append(f"<tr><td>{_e(r['month'])}</td><td class=\"num\">{r['count']}</td></tr>\n")
        out.append("</tbody>\n</table>\n")
    else:
        out.append("<p class=\"nk-note\">No date has a value with a year and month.</p>\n")
    out.append("</section>\n")
    return "".join(out)


# ----------------------------------------------------------------------- CLI
