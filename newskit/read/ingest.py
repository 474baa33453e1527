"""Ingest: turn paths, globs, directories and stdin into articles.

Inputs: plain text (UTF-8; a BOM is dropped, CRLF/CR line ends read as LF, as
Python's ``open()`` does), HTML pages (main text, title and date through
trafilatura), and JSON Lines (one ``{"id", "text", "title"?, "published"?,
"url"?}`` record per line). Directories are searched recursively for
``.txt``, ``.html``/``.htm`` and ``.jsonl``/``.ndjson`` files (skipping
``*.expected.jsonl``, the expected outputs of ``newskit check`` samples).

Every problem with an input is yielded as an :class:`InputError` in input
order, never raised, so a caller can report it and go on with the rest.
A value newskit cannot use in an otherwise good JSON Lines record (a
``published`` that is not a real date, a ``title`` or ``url`` that is not a
string, a lone surrogate under ``errors="replace"``) is dropped or replaced
and named in the article's ``warnings``; with ``ReadOptions.strict`` it makes
the record an :class:`InputError` instead. JSON Lines files are read line by
line, so memory stays flat.
"""
from __future__ import annotations

import datetime as dt
import glob
import io
import json
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Callable, Iterable, Iterator, List, Optional, Tuple, Union

from newskit.nlp.data import DocumentData
from newskit.write.output import Targets
from newskit.safe import TOO_DEEP, lone_surrogates, path_text

TEXT_EXT = {".txt", ".text", ".md"}
HTML_EXT = {".html", ".htm", ".xhtml"}
JSONL_EXT = {".jsonl", ".ndjson"}
ARTICLE_EXT = TEXT_EXT | HTML_EXT | JSONL_EXT
STDIN = "-"
# newskit's own expected outputs (see ``newskit check``), skipped in directories
EXPECTED_SUFFIX = ".expected.jsonl"


@dataclass
class Article:
    id: str
    source: str
    text: str
    title: Optional[str] = None
    published: Optional[str] = None  # YYYY-MM-DD
    url: Optional[str] = None
    warnings: List[str] = field(default_factory=list)  # values of the input that were dropped or replaced


@dataclass
class InputError:
    source: str
    message: str

    def __post_init__(self) -> None:
        self.source = path_text(self.source)  # a file name that is not UTF-8, shown escaped

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


Item = Union[Article, InputError]


@dataclass
class ReadOptions:
    published: Optional[str] = None  # fallback publication date
    encoding: str = "utf-8"
    errors: str = "strict"  # or "replace"
    strict: bool = False  # a value that would only be warned about fails its record
    on_bytes: Optional[Callable[[int], None]] = None  # told the size of each JSON Lines line read (progress)
    # month names, the dateline lead and what makes a line prose (the pipeline's newskit_document
    # data: DocumentData.for_model(model)); None: the installed data
    document: Optional[DocumentData] = None

    def __post_init__(self) -> None:
        if self.document is None:
            self.document = DocumentData.load()


# --------------------------------------------------------------------------- dates

_ISO_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
# what may follow an ISO date: an ISO 8601 time with an optional zone ("T10:30:00Z", " 10:30+02:00")
_ISO_TIME = re.compile(r"(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?)?)?")


def parse_published(value) -> Optional[str]:
    """Normalise a publication date to YYYY-MM-DD; None when absent or unreadable."""
    if value is None:
        return None
    if not isinstance(value, str):
        return None
    m = _ISO_RE.match(value.strip())
    if m and not _ISO_TIME.fullmatch(value.strip()[m.end():]):
        return None  # "2021-10-19xxxx": not a date with a time, so not a date (the caller warns)
    if m:
        try:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
        except ValueError:
            return None
    return _parse_date_phrase(value)


def _parse_date_phrase(value: str) -> Optional[str]:
    value = value.strip()
    if not re.search(r"\b\d{4}\b", value) or len(value) > 60:
        return None  # a publication date needs a year
    import dateparser  # lazy: slow import

    got = dateparser.parse(value, languages=["en"], settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]})
    return got.date().isoformat() if got else None


_DATE_LINE_PREFIX = re.compile(r"^(?:published|updated|posted|first published|last updated|date)\b", re.I)


def dateline_date(text: str, document: DocumentData, lines: int = 4) -> Optional[str]:
    """A publication date from a date line or a dateline at the top of a text.

    Only a line near the top that is mostly a date ("March 15, 2023",
    "Published: 15 March 2023 10:30") or that opens with a dateline
    ("LONDON, March 15, 2023 —") counts; dates inside sentences never do.
    """
    date_res, lead = document.top_dates, document.lead_line  # lead: "WASHINGTON," before the date
    head = [ln.strip() for ln in text[:2000].splitlines() if ln.strip()][:lines]
    for ln in head:
        if len(ln) > 160:
            continue
        for rx in date_res:
            m = rx.search(ln)
            if not m:
                continue
            before, after = ln[:m.start()], ln[m.end():]
            mostly_date = len(before) + len(after) <= 24 and not re.search(r"[a-z]{3,}\s+[a-z]{3,}", before + after)
            if mostly_date or _DATE_LINE_PREFIX.match(ln) or (lead.match(before) and re.match(r"\s*[-—–(]", after)):
                got = parse_published(m.group(1))
                if got:
                    return got
    return None


# --------------------------------------------------------------------------- decoding

def decode(data: bytes, source: str, opts: ReadOptions) -> Union[str, InputError]:
    if not data.strip():
        return InputError(source, "empty file")
    if b"\x00" in data[:8192] and opts.encoding.lower().replace("-", "") in ("utf8", "utf8sig"):
        return InputError(source, "binary file (contains NUL bytes), not text")
    enc = "utf-8-sig" if opts.encoding.lower().replace("-", "") in ("utf8", "utf8sig") else opts.encoding
    try:
        text = data.decode(enc, errors=opts.errors)
    except UnicodeDecodeError as exc:
        return InputError(
            source,
            f"not valid {opts.encoding} (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "use --encoding or --errors replace",
        )
    except LookupError:
        return InputError(source, f"unknown encoding {opts.encoding!r}")
    return text.replace("\r\n", "\n").replace("\r", "\n")


# --------------------------------------------------------------------------- readers

def _title_of(text: str) -> Optional[str]:
    """The first line, when it reads as a headline: short, no final period, more text after."""
    lines = [ln.strip() for ln in text[:3000].splitlines() if ln.strip()]
    if len(lines) < 2:
        return None
    first = lines[0]
    if len(first) > 200 or first.endswith("."):
        return None
    return first


def read_text(text: str, source: str, opts: ReadOptions, ident: Optional[str] = None) -> Item:
    if not text.strip():
        return InputError(source, "empty file")
    published = dateline_date(text, opts.document) or opts.published
    return Article(id=ident or source, source=source, text=text, title=_title_of(text), published=published)


def read_html(html: str, source: str, opts: ReadOptions, ident: Optional[str] = None) -> Item:
    try:
        from .webpage import PageError, main_text  # lazy: trafilatura is a heavy import
    except ImportError as exc:  # pragma: no cover - a broken installation
        return InputError(source, f"HTML input needs trafilatura, which cannot be imported ({exc})")
    try:
        page = main_text(html, opts.document.prose) if html.strip() else None
    except PageError as exc:
        return InputError(source, str(exc))
    if page is None:
        return InputError(source, "HTML page has no main text")
    published = parse_published(page.date) or opts.published
    return Article(id=ident or source, source=source, text=page.text, title=page.title, published=published, url=page.url)


def _shown(value) -> str:
    """A user's value as JSON, cut short for a one-line message."""
    text = json.dumps(value, ensure_ascii=True)
    return text if len(text) <= 60 else text[:57] + "..."


Problems = List[Tuple[str, str]]  # (what is wrong with a value, what newskit did about it)


def _clean_strings(rec: dict, opts: ReadOptions, problems: Problems) -> Optional[str]:
    """Replace lone surrogates in the record's string fields (``errors="replace"``).

    Returns an error message when there is one and replacing was not asked for."""
    for key in ("text", "id", "title", "url", "published"):
        value = rec.get(key)
        if not isinstance(value, str) or not lone_surrogates(value):
            continue
        at = next(i for i, ch in enumerate(value) if "\ud800" <= ch <= "\udfff")
        what = f"\"{key}\" is not valid Unicode (a lone surrogate escape, {_shown(value[at])} at offset {at})"
        if opts.errors != "replace":
            return what + "; use --errors replace"
        rec[key] = "".join("\ufffd" if "\ud800" <= ch <= "\udfff" else ch for ch in value)
        problems.append((what, "replaced with U+FFFD"))
    return None


def _optional_fields(rec: dict, opts: ReadOptions, problems: Problems):
    """``title``, ``url`` and ``published`` of a record; unusable values are named in ``problems``."""
    out = []
    for key in ("title", "url"):
        value = rec.get(key)
        if value is not None and not isinstance(value, str):
            problems.append((f"\"{key}\" is not a string ({_shown(value)})", "ignored"))
            value = None
        out.append(value)
    raw = rec.get("published")
    published = parse_published(raw)
    if published is None and raw is not None and not (isinstance(raw, str) and not raw.strip()):
        instead = f"--published {opts.published} used instead" if opts.published else "analysed without a publication date"
        problems.append((f"\"published\" is not a date ({_shown(raw)})", instead))
    out.append(published or opts.published)
    return out


def article_from_record(rec, where: str, lineno: int, opts: ReadOptions, default_id: str) -> Item:
    """One parsed JSON Lines record as an Article, or the reason it is not one."""
    if not isinstance(rec, dict):
        return InputError(where, f"line {lineno}: a record must be a JSON object")
    text = rec.get("text")
    if text is None:
        return InputError(where, f"line {lineno}: record has no \"text\"")
    if not isinstance(text, str):
        return InputError(where, f"line {lineno}: \"text\" is not a string")
    if not text.strip():
        return InputError(where, f"line {lineno}: \"text\" is empty")
    problems: Problems = []
    bad = _clean_strings(rec, opts, problems)
    if bad:
        return InputError(where, f"line {lineno}: {bad}")
    title, url, published = _optional_fields(rec, opts, problems)
    if problems and opts.strict:
        return InputError(where, f"line {lineno}: " + "; ".join(what for what, _ in problems) + " (--strict)")
    rid = rec.get("id")
    rid = default_id if rid is None else str(rid)
    return Article(id=rid, source=where, text=rec["text"], title=title, published=published, url=url,
                   warnings=[f"line {lineno}: {what}; {done}" for what, done in problems])


def read_jsonl(lines: Iterable[bytes], source: str, opts: ReadOptions, ident: Optional[str] = None) -> Iterator[Item]:
    """Articles of a JSON Lines stream; a record without an ``id`` gets ``IDENT:LINE`` (``ident``
    defaults to ``source``)."""
    seen_any = False
    for lineno, raw in enumerate(lines, 1):
        where = f"{source}:{lineno}"
        if opts.on_bytes is not None:
            opts.on_bytes(len(raw))
        if not raw.strip():
            continue
        seen_any = True
        try:
            line = raw.decode(opts.encoding if opts.encoding.lower() not in ("utf-8", "utf8") else "utf-8-sig",
                              errors=opts.errors)
        except (UnicodeDecodeError, LookupError) as exc:
            yield InputError(where, f"line {lineno}: not valid {opts.encoding} ({exc.__class__.__name__})")
            continue
        try:
            rec = json.loads(line)
            yield article_from_record(rec, where, lineno, opts, f"{ident or source}:{lineno}")
        except json.JSONDecodeError as exc:
            yield InputError(where, f"line {lineno}: malformed JSON ({exc.msg} at column {exc.colno})")
        except RecursionError:  # brackets nested beyond Python's recursion limit: this record only
            yield InputError(where, f"line {lineno}: {TOO_DEEP}")
    if not seen_any:
        yield InputError(source, "empty file")


def _kind(path: str, head: bytes) -> str:
    ext = os.path.splitext(path)[1].lower()
    if ext in HTML_EXT:
        return "html"
    if ext in JSONL_EXT:
        return "jsonl"
    if ext in TEXT_EXT:
        return "text"
    return sniff(head)


def sniff(head: bytes) -> str:
    """Guess the kind of an input with no telling extension (stdin)."""
    h = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:512].lower()
    if h.startswith(b"{"):
        return "jsonl"
    if h.startswith(b"<!doctype html") or h.startswith(b"<html") or b"<body" in h or b"<head" in h:
        return "html"
    return "text"


class _Prefixed:
    """A binary stream with its first bytes already read (for sniffing)."""

    def __init__(self, head: bytes, rest: BinaryIO):
        self.head, self.rest = head, rest

    def read(self) -> bytes:
        return self.head + self.rest.read()

    def __iter__(self) -> Iterator[bytes]:
        first = io.BytesIO(self.head)
        tail = b""
        for line in first:
            if line.endswith(b"\n"):
                yield line
            else:
                tail = line
        for i, line in enumerate(self.rest):
            if i == 0 and tail:
                line = tail + line
                tail = b""
            yield line
        if tail:
            yield tail


def read_stream(fh: BinaryIO, source: str, kind: Optional[str], opts: ReadOptions,
                ident: Optional[str] = None) -> Iterator[Item]:
    if kind is None:
        if hasattr(fh, "peek"):
            head = fh.peek(4096)
        else:
            head = fh.read(4096)
            fh = _Prefixed(head, fh)
        kind = sniff(head)
    if kind == "jsonl":
        yield from read_jsonl(fh, source, opts, ident)
        return
    data = fh.read()
    text = decode(data, source, opts)
    if isinstance(text, InputError):
        yield text
    elif kind == "html":
        yield read_html(text, source, opts, ident)
    else:
        yield read_text(text, source, opts, ident)


def file_id(path: str) -> str:
    """A file's article id: its absolute path (symlinks kept, not resolved), as UTF-8 text
    (:func:`~newskit.safe.path_text`), so it does not depend on the directory newskit runs from."""
    return path_text(os.path.abspath(path))


def read_path(path: str, opts: ReadOptions, name: Optional[str] = None) -> Iterator[Item]:
    """Articles of one file; their source is ``name`` (default: the path as given) and their id
    ``name`` or else :func:`file_id`. Names are made valid UTF-8 (:func:`~newskit.safe.path_text`)."""
    shown = path_text(name or path)
    try:
        with open(path, "rb") as fh:
            head = fh.peek(4096) if hasattr(fh, "peek") else b""
            yield from read_stream(fh, shown, _kind(path, head), opts, path_text(name) if name else file_id(path))
    except FileNotFoundError:
        yield InputError(path, "no such file")
    except IsADirectoryError:
        yield InputError(path, "is a directory")
    except PermissionError:
        yield InputError(path, "permission denied")
    except OSError as exc:
        yield InputError(path, f"cannot read ({exc.strerror or exc})")


def walk(folder: str, skip: Optional[Targets] = None) -> Tuple[List[str], List[InputError]]:
    """The article files under ``folder`` (sorted), and a "permission denied" (or other) error for
    each subfolder that cannot be listed. Only regular files count: a FIFO, socket or device
    found while walking is skipped (reading one could block); symlinked folders are not followed."""
    found: List[str] = []
    errors: List[InputError] = []

    def unreadable(exc: OSError) -> None:
        where = exc.filename if isinstance(exc.filename, str) else folder
        why = "permission denied" if isinstance(exc, PermissionError) else f"cannot list ({exc.strerror or exc})"
        errors.append(InputError(where, why))

    for top, _dirs, files in os.walk(folder, onerror=unreadable):
        for name in files:
            full = str(Path(top, name))
            if os.path.splitext(name)[1].lower() in ARTICLE_EXT and not name.endswith(EXPECTED_SUFFIX) \
                    and os.path.isfile(full) and not (skip and skip.holds(full)):
                found.append(full)
    return sorted(found), sorted(errors, key=lambda e: e.source)


def expand(paths: List[str], skip: Optional[Targets] = None) -> Iterator[Union[str, InputError]]:
    """Paths, globs and directories to file paths (or errors), in order; files found by walking a
    folder or matching a pattern that are the run's own outputs (``skip``) are left out."""
    for p in paths:
        if p == STDIN:
            yield p
        elif os.path.isdir(p):
            found, unreadable = walk(p, skip)
            yield from unreadable
            if not found and not unreadable:
                yield InputError(p, "directory has no article files (.txt, .html, .htm, .jsonl, .ndjson)")
            yield from found
        elif os.path.exists(p) or os.path.islink(p):
            yield p
        elif glob.has_magic(p):
            found = sorted(f for f in glob.glob(p, recursive=True) if not (skip and skip.holds(f)))
            if not found:
                yield InputError(p, "no files match this pattern")
            for f in found:
                yield from (expand([f], skip) if os.path.isdir(f) else [f])
        else:
            yield InputError(p, "no such file or directory")


def iter_articles(paths: List[str], opts: Optional[ReadOptions] = None, stdin: Optional[BinaryIO] = None,
                  skip: Optional[Targets] = None) -> Iterator[Item]:
    """All articles (and input errors) of the given paths, in input order.

    ``-`` reads standard input; with no paths at all, standard input is read. Files in
    ``skip`` (the run's outputs) found in folders or by patterns are not read.
    """
    opts = opts or ReadOptions()
    if not paths:
        paths = [STDIN]
    for p in expand(paths, skip):
        if isinstance(p, InputError):
            yield p
        elif p == STDIN:
            fh = stdin if stdin is not None else sys.stdin.buffer
            yield from read_stream(fh, "<stdin>", None, opts)
        else:
            yield from read_path(p, opts)
