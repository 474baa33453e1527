"""Render records: JSON Lines, a streamed JSON array, and rich tables.

JSON output is deterministic: fixed key order (the record models' field
order), no timestamps, UTF-8 with non-ASCII kept as is except C1 and bidi
control characters, which are written as ``\\uXXXX`` escapes (the decoded
text is exact). The ``text`` field appears only when the text was asked for.
Table cells holding article strings are rich ``Text`` (never parsed as
markup) with control characters made visible (:mod:`newskit.safe`).
"""
from __future__ import annotations

import json
from typing import IO

from newskit.records import ArticleRecord
from newskit.safe import json_escape, term_text


def record_dict(rec: ArticleRecord) -> dict:
    d = rec.model_dump(mode="json")
    if d.get("text") is None:
        d.pop("text", None)
    return d


def to_json_line(rec: ArticleRecord) -> str:
    return json_escape(json.dumps(record_dict(rec), ensure_ascii=False, separators=(",", ":")))


class JsonLinesWriter:
    def __init__(self, out: IO[str]):
        self.out = out

    def write(self, rec: ArticleRecord) -> None:
        self.out.write(to_json_line(rec) + "\n")
        self.out.flush()

    def close(self) -> None:
        pass


class JsonArrayWriter:
    """A JSON array written one record at a time (valid JSON once closed)."""

    def __init__(self, out: IO[str]):
        self.out = out
        self.n = 0
        self.out.write("[")

    def write(self, rec: ArticleRecord) -> None:
        body = json_escape(json.dumps(record_dict(rec), ensure_ascii=False, indent=2))
        self.out.write(("," if self.n else "") + "\n" + body)
        self.n += 1
        self.out.flush()

    def close(self) -> None:
        self.out.write("\n]\n" if self.n else "]\n")
        self.out.flush()


class TableWriter:
    """Rich tables per article: header, entities, quotes, dates."""

    def __init__(self, console):
        self.console = console

    def write(self, rec: ArticleRecord) -> None:
        from rich.panel import Panel
        from rich.table import Table
        from rich.text import Text

        c = self.console
        head = Text()
        head.append_text(term_text(rec.title or rec.id, style="bold"))
        head.append_text(term_text(f"\nsource: {rec.source}   published: {rec.published or 'unknown'}", style="dim"))
        c.print(Panel(head, expand=True))

        if rec.entities:
            t = Table(title=f"Entities ({len(rec.entities)})", title_justify="left", show_lines=False)
            t.add_column("id", style="dim", no_wrap=True)
            t.add_column("name", style="bold")
            t.add_column("label")
            t.add_column("mentions", justify="right")
            t.add_column("person", style="dim")  # the gender the text presents (and its evidence), or a credit
            t.add_column("forms", style="dim")
            for e in sorted(rec.entities, key=lambda e: (-e.count, e.first)):
                forms = sorted({m.text for m in e.mentions} - {e.name})
                person = " ".join(x for x in (e.role, e.gender and f"{e.gender} ({e.gender_source})") if x)
                t.add_row(term_text(e.id), term_text(e.name), term_text(e.label), str(e.count),
                          term_text(person), term_text(", ".join(forms)))
            c.print(t)
        if rec.quotes:
            t = Table(title=f"Quotes ({len(rec.quotes)})", title_justify="left", show_lines=True)
            t.add_column("speaker", style="bold")
            t.add_column("cue")
            t.add_column("quote", ratio=1)
            t.add_column("kind", style="dim")
            for q in rec.quotes:
                spk = term_text(q.speaker_name or (q.speaker.text if q.speaker else "—"))
                if q.speaker and q.speaker_name and q.speaker.text != q.speaker_name:
                    spk.append_text(term_text(f"\n({q.speaker.text})", style="dim"))
                t.add_row(spk, term_text(q.cue.text if q.cue else "—"), term_text(q.text), q.kind)
            c.print(t)
        if rec.dates:
            t = Table(title=f"Dates ({len(rec.dates)})", title_justify="left")
            t.add_column("text")
            t.add_column("value", style="bold")
            t.add_column("type", style="dim")
            for d in rec.dates:
                t.add_row(term_text(d.text), term_text(d.value or "—"), d.type)
            c.print(t)
        if not (rec.entities or rec.quotes or rec.dates):
            c.print("[dim]nothing found[/dim]")
        c.print()

    def close(self) -> None:
        pass


def make_writer(fmt: str, out: IO[str], console=None):
    if fmt == "jsonl":
        return JsonLinesWriter(out)
    if fmt == "json":
        return JsonArrayWriter(out)
    if fmt == "table":
        return TableWriter(console)
    if fmt == "html":
        from .html import HtmlWriter

        return HtmlWriter(out)
    raise ValueError(f"unknown format {fmt!r}")
