"""People mentioned and quoted, by the gender the text presents: the numbers `newskit summarize` reports.

A person is counted once per article in which an entity labelled PERSON names
them (credits, ``role: "credit"``, are not people the article mentions), and is
*quoted* in that article when some quote's ``speaker_entity`` is theirs. Genders
are the entities' ``gender`` ("female", "male"; null counts as "unknown"). The
share of women among people quoted is women / (women + men), in percent, as
GenderGapTracker reports it; people of unknown gender are left out of it.

The same counts are made per outlet (the host of the article's URL, without
"www.") and per month of publication, for the articles that have one. The
database's ``people`` view (:mod:`newskit.write.db`) holds the same rows for SQL.

Limits: people are counted per article, not identified across articles; the
gender is what the article's words present, not a statement about anyone's
identity.
"""
from __future__ import annotations

from collections import Counter
from typing import Dict, List, Optional

from newskit.records import ArticleRecord

GENDERS = ("female", "male", "unknown")


def outlet(url: Optional[str]) -> Optional[str]:
    """The host of a URL, lower case, without "www." ("https://www.Example.org/a" -> "example.org")."""
    if not url or "://" not in url:
        return None
    host = url.split("://", 1)[1].split("/", 1)[0].lower()
    if host.startswith("www."):
        host = host[4:]
    return host or None


def share(female: int, male: int) -> Optional[float]:
    """Women among people with a known gender, in percent (one decimal); None without any."""
    return round(100.0 * female / (female + male), 1) if female + male else None


class _Group:
    def __init__(self):
        self.mentioned: Counter = Counter()
        self.quoted: Counter = Counter()
        self.articles = 0

    def as_dict(self) -> dict:
        def block(c: Counter) -> dict:
            return {**{g: c[g] for g in GENDERS}, "total": sum(c[g] for g in GENDERS)}

        return {"articles": self.articles, "mentioned": block(self.mentioned), "quoted": block(self.quoted),
                "women_quoted_share": share(self.quoted["female"], self.quoted["male"])}


class PeopleCounts:
    """Running counts over records; :meth:`as_dict` gives the ``people`` part of a summary."""

    def __init__(self):
        self.all = _Group()
        self.by_outlet: Dict[str, _Group] = {}
        self.by_month: Dict[str, _Group] = {}

    def add(self, rec: ArticleRecord) -> None:
        quoted = {q.speaker_entity for q in rec.quotes if q.speaker_entity}
        groups = [self.all]
        host = outlet(rec.url)
        if host:
            groups.append(self.by_outlet.setdefault(host, _Group()))
        if rec.published and len(rec.published) >= 7:
            groups.append(self.by_month.setdefault(rec.published[:7], _Group()))
        for grp in groups:
            grp.articles += 1
        for e in rec.entities:
            if e.label != "PERSON" or e.role == "credit":
                continue
            g = e.gender or "unknown"
            for grp in groups:
                grp.mentioned[g] += 1
                if e.id in quoted:
                    grp.quoted[g] += 1

    def as_dict(self) -> dict:
        return {
            **self.all.as_dict(),
            "by_outlet": [{"outlet": k, **self.by_outlet[k].as_dict()} for k in sorted(self.by_outlet)],
            "by_month": [{"month": k, **self.by_month[k].as_dict()} for k in sorted(self.by_month)],
        }


# ----------------------------------------------------------------- renderers

_COLUMNS = ("women mentioned", "men mentioned", "unknown mentioned", "women quoted", "men quoted",
            "unknown quoted", "women among quoted")


def _cells(row: dict) -> List[str]:
    m, q = row["mentioned"], row["quoted"]
    pct = row["women_quoted_share"]
    return [str(m["female"]), str(m["male"]), str(m["unknown"]), str(q["female"]), str(q["male"]),
            str(q["unknown"]), "–" if pct is None else f"{pct:.1f}%"]


def _rows(people: dict) -> List[tuple]:
    """(group, name, row) for the whole corpus, each outlet, each month."""
    out = [("all", "all articles", people)]
    out += [("outlet", r["outlet"], r) for r in people["by_outlet"]]
    out += [("month", r["month"], r) for r in people["by_month"]]
    return out


def render_table(people: dict, console) -> None:
    """People mentioned and quoted by gender, as one rich table."""
    from rich.table import Table

    from newskit.safe import term_text

    tab = Table(title="People mentioned and quoted, by the gender the text presents", title_justify="left")
    tab.add_column("articles")
    for name in _COLUMNS:
        tab.add_column(name, justify="right")
    rows = _rows(people)
    for k, (kind, name, row) in enumerate(rows):
        last = k + 1 == len(rows) or rows[k + 1][0] != kind
        tab.add_row(term_text(f"{name} ({row['articles']})"), *_cells(row), end_section=last)
    console.print(tab)


def render_html(people: dict) -> str:
    """The same table as an HTML section."""
    from .markup import esc

    out = ["<section aria-labelledby=\"s-people\">\n<h2 id=\"s-people\">People mentioned and quoted by gender</h2>\n",
           "<p class=\"nk-note\">The gender the articles' words present (pronouns, honorifics, role nouns, given "
           "names), not a statement about anyone's identity; credits are not counted.</p>\n",
           "<table aria-labelledby=\"s-people\">\n<thead><tr><th scope=\"col\">Articles</th>"]
    out += [f"<th scope=\"col\" class=\"num\">{esc(c)}</th>" for c in _COLUMNS]
    out.append("</tr></thead>\n<tbody>\n")
    for _, name, row in _rows(people):
        cells = "".join(f"<td class=\"num\">{esc(c)}</td>" for c in _cells(row))
        out.append(f"<tr><td>{esc(name)} ({row['articles']})</td>{cells}</tr>\n")
    out.append("</tbody>\n</table>\n</section>\n")
    return "".join(out)
