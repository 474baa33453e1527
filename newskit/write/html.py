"""The annotated article page: one self-contained HTML page per run.

:class:`HtmlWriter` has the same ``write(rec)`` / ``close()`` interface as the
other writers in :mod:`newskit.write.render`. It streams: the page head goes out
with the first record (or at ``close`` when there was none), each record
becomes one ``<article>``, and ``close`` ends the page. Each article shows its
text with entities highlighted by label, quotes in their speaker's colour with
the cue marked, dates underlined with their normalised value on hover and
focus, site furniture greyed out (its rule on hover), and side tables of speakers and
entities. Every mark carries a text label as well as a colour, and is
reachable with the keyboard.

How the markup is built: every annotation is a :class:`~newskit.write.markup.Span` and
:mod:`newskit.write.markup` nests them into paragraphs (crossing spans split, cost linear).
The output depends only on the records (no clock, no random ids), so the same input gives
the same bytes.

Limits: the page needs each record's ``text`` (extract adds it for this
format); a record without text gets its tables and a note only. Furniture
is greyed from the record's ``boilerplate`` regions and ``content_end``; a
record without ``boilerplate`` greys only the trailing part. The language is declared as
English. A quote whose speaker has no resolved name is shown under the
mention's text (which may be a pronoun).

Hostile articles stay inert: every text and attribute value is escaped (with
the control characters HTML forbids shown as symbols), the record's URL is a
link only when it is an http(s) URL (:func:`newskit.safe.link_url`), else
plain text, and the page carries a Content-Security-Policy that forbids all
script and remote loads. The page needs no script: the label toggle is CSS.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import IO, Callable, Dict, List, Optional, Sequence, Tuple

from newskit import __version__
from newskit.records import ArticleRecord
from newskit.safe import CSP, link_url, visible
from .markup import Span, attr, esc, markup_text

N_SPEAKER_COLOURS = 8
PAGE_TITLE = "newskit: annotated articles"

_STATIC = Path(__file__).resolve().parent / "static"
_LABEL_OK = re.compile(r"[A-Za-z][A-Za-z0-9_-]*\Z")



@lru_cache(maxsize=None)
def stylesheet() -> str:
    """The CSS inlined into every newskit page."""
    return (_STATIC / "page.css").read_text(encoding="utf-8")


def url_html(url: str) -> str:
    """A link to ``url`` when it is a safe http(s) URL, else the URL as inert text."""
    href = link_url(url)
    if href is not None:
        return f"<a href=\"{attr(href)}\" rel=\"noopener noreferrer\">original page</a>"
    return f"original page (not linked): <code>{esc(visible(url))}</code>"


def label_class(label: str) -> str:
    """A CSS class for an entity label; odd labels share a neutral style."""
    return "ent-" + label if _LABEL_OK.match(label) else "ent-other"


def page_head(title: str = PAGE_TITLE, heading: str = "Annotated articles", legend: bool = True) -> str:
    """Everything up to and including ``<main>``."""
    parts = [
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n",
        f"<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\n",
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
        f"<meta name=\"generator\" content=\"newskit {attr(__version__)}\">\n",
        f"<title>{esc(title)}</title>\n<style>\n{stylesheet()}</style>\n</head>\n<body>\n",
        "<a class=\"skip\" href=\"#main\">Skip to content</a>\n",
        f"<header class=\"nk-head\">\n<h1>{esc(heading)}</h1>\n",
    ]
    if legend:
        parts.append(
            "<ul class=\"nk-legend\" aria-label=\"Key\">\n"
            "<li><mark class=\"ent ent-PERSON\">entity<span class=\"tag\">LABEL</span></mark></li>\n"
            "<li><mark class=\"quote first spk-1\"><span class=\"tag qtag\">Q1 · speaker</span>quote</mark> "
            "<span class=\"cue spk-1\">cue<span class=\"tag\">cue</span></span></li>\n"
            "<li><mark class=\"date\">date</mark> (value on hover or focus)</li>\n"
            "<li><span class=\"boiler\"><span class=\"tag btag\">boilerplate</span>greyed out</span></li>\n"
            "<li><input type=\"checkbox\" id=\"nk-show-tags\" checked> "
            "<label for=\"nk-show-tags\">Show labels in the text</label></li>\n"
            "<li>Tab moves through the marks.</li>\n</ul>\n"
        )
    parts.append("</header>\n<main id=\"main\">\n")
    return "".join(parts)


def page_foot() -> str:
    return (
        "</main>\n<footer class=\"nk-foot\"><p>Made by newskit "
        f"{esc(__version__)}. Offsets are code-point offsets into each article's text.</p></footer>\n"
        "</body>\n</html>\n"
    )


def speaker_of(q, ent_names: Dict[str, str]) -> Tuple[Optional[str], str]:
    """(grouping key or None for unknown, display name) of a quote's speaker:
    the resolved name, else the speaker entity's name, else the mention's text."""
    name = q.speaker_name or (ent_names.get(q.speaker_entity) if q.speaker_entity else None)
    if not name and q.speaker is not None:
        name = q.speaker.text
    name = " ".join(name.split()) if name else ""
    if not name:
        return None, "unknown speaker"
    return name.casefold(), name


def boilerplate_regions(rec: ArticleRecord) -> List[Tuple[int, int, Optional[str]]]:
    """The record's boilerplate as sorted, disjoint ``(start, end, kind)`` regions.

    Uses a ``boilerplate`` list of regions when the record has one (pairs or
    objects with ``start``/``end`` and maybe ``kind``), and the trailing region
    from ``content_end``; overlapping regions keep the kind of the first.
    """
    n = len(rec.text or "")
    found: List[Tuple[int, int, Optional[str]]] = []
    for r in getattr(rec, "boilerplate", None) or ():
        s, e = (r.start, r.end) if hasattr(r, "start") else (r[0], r[1])
        found.append((max(0, s), min(n, e), getattr(r, "kind", None)))
    if rec.content_end is not None:
        found.append((max(0, rec.content_end), n, None))
    out: List[Tuple[int, int, Optional[str]]] = []
    for s, e, kind in sorted((r for r in found if r[0] < r[1]), key=lambda r: (r[0], -r[1], r[2] is None)):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(e, out[-1][1]), out[-1][2] or kind)
        else:
            out.append((s, e, kind))
    return out


def _ref(text: str) -> str:
    return " ".join(text.split())


def article_html(rec: ArticleRecord, num: int) -> str:
    """One ``<article>`` element for a record; ``num`` makes its ids unique on the page."""
    p = f"a{num}"
    spk_colour, spk_rows, q_rows = _speakers(rec)
    return "".join([
        f"<article class=\"nk-article\" id=\"{p}\" aria-labelledby=\"{p}-title\">\n",
        _article_header(rec, p),
        "<div class=\"nk-body\">\n",
        _text_section(rec, p, q_rows),
        _side_tables(rec, p, spk_rows, spk_colour),
        "</div>\n</article>\n",
    ])


def _speakers(rec: ArticleRecord) -> Tuple[Dict[str, int], Dict[str, List], List[Tuple[int, object, str, str]]]:
    """Speakers, coloured in order of their first quote.

    Returns (key -> colour number, key -> [name, quotes, first quote number,
    entity ids], and per quote (number, quote, colour class, speaker name)).
    Quotes of no known speaker share the key ``"\\0unknown"`` and no colour.
    """
    ent_names = {e.id: e.name for e in rec.entities}
    spk_colour: Dict[str, int] = {}
    spk_rows: Dict[str, List] = {}
    q_rows = []
    for qi, q in enumerate(rec.quotes, 1):
        key, name = speaker_of(q, ent_names)
        if key is None:
            cls = "spk-x"
            key = "\0unknown"
        else:
            if key not in spk_colour:
                spk_colour[key] = len(spk_colour) % N_SPEAKER_COLOURS
            cls = f"spk-{spk_colour[key]}"
        row = spk_rows.setdefault(key, [name, 0, qi, []])
        row[1] += 1
        if q.speaker_entity and q.speaker_entity not in row[3]:
            row[3].append(q.speaker_entity)
        q_rows.append((qi, q, cls, name))
    return spk_colour, spk_rows, q_rows


def _article_header(rec: ArticleRecord, p: str) -> str:
    """The article's title and its line of facts (source, date, link, counts)."""
    title = rec.title or rec.id
    meta = [f"source: {esc(rec.source)}", f"published: {esc(rec.published or 'unknown')}"]
    if rec.url:
        meta.append(url_html(rec.url))
    meta.append(f"{len(rec.entities)} entities, {len(rec.quotes)} quotes, {len(rec.dates)} dates")
    return (f"<header>\n<h2 id=\"{p}-title\">{esc(title)}</h2>\n"
            f"<p class=\"nk-meta\">{' · '.join(meta)}</p>\n</header>\n")


def _text_section(rec: ArticleRecord, p: str, q_rows: List[Tuple]) -> str:
    """The article's marked-up text, or a note when the record has none."""
    text = rec.text
    if text is None:
        body = "<p class=\"nk-empty\">The text of this article is not in the record.</p>\n"
    elif not text.strip():
        body = "<p class=\"nk-empty\">The article text is empty.</p>\n"
    else:
        body = markup_text(text, _text_spans(rec, p, q_rows))
    return (f"<section class=\"nk-text\" aria-labelledby=\"{p}-text\">\n"
            f"<h3 class=\"vh\" id=\"{p}-text\">Article text</h3>\n{body}</section>\n")


def _text_spans(rec: ArticleRecord, p: str, q_rows: List[Tuple]) -> List[Span]:
    """Every mark on the text: boilerplate, quotes with their speakers and
    cues, entity mentions, dates (this order breaks nesting ties)."""
    spans: List[Span] = []

    def add(*args, **kw) -> None:
        spans.append(Span(*args, idx=len(spans), **kw))

    _add_boilerplate(add, rec)
    _add_quotes(add, p, q_rows)
    _add_entities(add, rec, p)
    _add_dates(add, rec)
    return spans


def _add_boilerplate(add: Callable, rec: ArticleRecord) -> None:
    for start, end, kind in boilerplate_regions(rec):
        rule = f" title=\"boilerplate ({attr(kind)}): not part of the article\" data-kind=\"{attr(kind)}\"" if kind \
            else " title=\"boilerplate: not part of the article\""
        add(start, end, "boiler", cls="boiler", attrs=rule,
            open_tag="<span class=\"tag btag\">boilerplate</span>")


def _add_quotes(add: Callable, p: str, q_rows: List[Tuple]) -> None:
    """Each quote, then its speaker and cue spans (one span for those several quotes share)."""
    shared: Dict[Tuple[str, int, int], List] = {}
    for qi, q, cls, name in q_rows:
        label = f"Q{qi} · {name}"
        kind_note = f" ({q.kind})" if q.kind != "direct" else ""
        kind_tag = f"<span class=\"tag qkind\">{esc(q.kind)}</span>" if q.kind != "direct" else ""
        add(q.start, q.end, "quote", cls=f"quote {cls}" + (f" k-{attr(q.kind)}" if q.kind != "direct" else ""),
            attrs=f" data-quote=\"Q{qi}\" data-speaker=\"{attr(name)}\" data-kind=\"{attr(q.kind)}\""
                  f" title=\"{attr(label + kind_note)}\"",
            first_attrs=f" id=\"{p}-q{qi}\" tabindex=\"0\"",
            open_tag=f"<span class=\"tag qtag\">{esc(label)}</span>{kind_tag}")
        for kind, sp in (("speaker", q.speaker), ("cue", q.cue)):
            if sp is not None:
                shared.setdefault((kind, sp.start, sp.end), [cls, name, []])[2].append(f"Q{qi}")
    for (kind, start, end), (cls, name, qids) in shared.items():
        ids = " ".join(qids)
        what = "speaker" if kind == "speaker" else "cue"
        add(start, end, kind, cls=f"{kind} {cls}",
            attrs=f" data-quote=\"{ids}\" title=\"{attr(f'{what} of {ids} · {name}')}\"",
            close_tag=f"<span class=\"tag\">{what} {esc(ids)}</span>")


def _add_entities(add: Callable, rec: ArticleRecord, p: str) -> None:
    """Each entity mention; the entity's first mention carries its id."""
    for e in rec.entities:
        lc = label_class(e.label)
        first = min((m.start for m in e.mentions), default=-1)
        title = attr(f"{e.label} · {e.name} ({e.id})")
        for m in e.mentions:
            add(m.start, m.end, "ent", cls=f"ent {lc}",
                attrs=f" data-entity=\"{attr(e.id)}\" data-label=\"{attr(e.label)}\" title=\"{title}\"",
                first_attrs=(f" id=\"{p}-{attr(e.id)}\"" if m.start == first else "") + " tabindex=\"0\"",
                close_tag=f"<span class=\"tag\">{esc(e.label)}</span>")


def _add_dates(add: Callable, rec: ArticleRecord) -> None:
    """Each date, with its type and normalised value (if any) in a hidden label."""
    for d in rec.dates:
        if d.value:
            desc = f"{d.type} {d.value}"
            extra = f" data-value=\"{attr(d.value)}\""
            cls = "date"
        else:
            desc = f"{d.type}, no normalised value"
            extra = ""
            cls = "date novalue"
        add(d.start, d.end, "date", cls=cls,
            attrs=f" data-type=\"{attr(d.type)}\"{extra} title=\"{attr(desc)}\"",
            first_attrs=" tabindex=\"0\"",
            close_tag=f"<span class=\"vh\"> ({esc(desc)})</span>")


def _side_tables(rec: ArticleRecord, p: str, spk_rows: Dict[str, List], spk_colour: Dict[str, int]) -> str:
    out = [f"<aside class=\"nk-side\" aria-label=\"Speakers and entities of {attr(_ref(rec.title or rec.id))}\">\n"]
    out.append(f"<h3 id=\"{p}-speakers\">Speakers</h3>\n")
    if spk_rows:
        out.append(f"<table aria-labelledby=\"{p}-speakers\">\n<thead><tr><th scope=\"col\">Speaker</th>"
                   "<th scope=\"col\" class=\"num\">Quotes</th></tr></thead>\n<tbody>\n")
        order = sorted(spk_rows.items(), key=lambda kv: (-kv[1][1], kv[1][2]))
        for key, (name, count, first_q, eids) in order:
            cls = f"spk-{spk_colour[key]}" if key in spk_colour else "spk-x"
            ents = f" ({esc(', '.join(eids))})" if eids else ""
            out.append(f"<tr><td><span class=\"swatch {cls}\" aria-hidden=\"true\"></span>"
                       f"<a href=\"#{p}-q{first_q}\">{esc(name)}</a>{ents}</td>"
                       f"<td class=\"num\">{count}</td></tr>\n")
        out.append("</tbody>\n</table>\n")
    else:
        out.append("<p>No quotes found.</p>\n")
    out.append(f"<h3 id=\"{p}-entities\">Entities</h3>\n")
    if rec.entities:
        out.append(f"<table aria-labelledby=\"{p}-entities\">\n<thead><tr><th scope=\"col\">Entity</th>"
                   "<th scope=\"col\">Label</th><th scope=\"col\" class=\"num\">Mentions</th></tr></thead>\n<tbody>\n")
        link = rec.text is not None
        for e in sorted(rec.entities, key=lambda e: (-e.count, e.first, e.id)):
            name = esc(e.name)
            if link and e.mentions:
                name = f"<a href=\"#{p}-{attr(e.id)}\">{name}</a>"
            out.append(f"<tr><td>{name}</td><td><span class=\"tag {label_class(e.label)}\">"
                       f"{esc(e.label)}</span></td><td class=\"num\">{e.count}</td></tr>\n")
        out.append("</tbody>\n</table>\n")
    else:
        out.append("<p>No entities found.</p>\n")
    out.append("</aside>\n")
    return "".join(out)


class HtmlWriter:
    """Writes one self-contained HTML page: a head, one ``<article>`` per record, a foot."""

    def __init__(self, out: IO[str]):
        self.out = out
        self.n = 0
        self.started = False

    def _start(self) -> None:
        if not self.started:
            self.out.write(page_head())
            self.started = True

    def write(self, rec: ArticleRecord) -> None:
        self._start()
        self.n += 1
        self.out.write(article_html(rec, self.n))
        self.out.flush()

    def close(self) -> None:
        self._start()
        if not self.n:
            self.out.write("<p class=\"nk-empty\">No articles.</p>\n")
        self.out.write(page_foot())
        self.out.flush()


def render_page(records: Sequence[ArticleRecord]) -> str:
    """The whole page for some records, as a string."""
    import io

    buf = io.StringIO()
    w = HtmlWriter(buf)
    for rec in records:
        w.write(rec)
    w.close()
    return buf.getvalue()
