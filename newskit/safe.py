"""Keeping article-controlled strings inert in newskit's outputs.

Articles come from the open web, so every string in a record (text, title,
id, url, names) may carry markup, script, terminal escape sequences or bidi
overrides. This module holds the rules the readers and renderers share:

- :func:`link_url`: a URL becomes a link on a page only when it is an
  absolute ``http:`` or ``https:`` URL with a host and nothing a browser
  would strip or reinterpret (spaces, control or format characters);
- :func:`visible`: control characters (C0, DEL, C1) and bidi embedding,
  override and isolate characters made visible, for terminal tables and for
  URLs shown as text (pages show the controls HTML forbids this way too);
- :func:`json_escape`: C1 controls and bidi controls written as ``\\uXXXX``
  escapes in JSON (JSON already escapes C0), so JSON printed on a terminal
  cannot drive it; the decoded text is unchanged;
- :func:`lone_surrogates`: JSON input that decodes to text no UTF-8 output
  can hold, refused by the readers with a one-line error.
- :data:`TOO_DEEP`: the one-line error for a JSON line nested beyond
  Python's recursion limit (the readers catch ``RecursionError`` per record);
- :func:`path_text`: a file name that is not valid UTF-8 (``x\\xff.txt``) as
  text every output can hold, the undecodable bytes written ``\\xNN``;
- :func:`spreadsheet_text`: a CSV cell that a spreadsheet would run as a
  formula gets a leading apostrophe (OWASP's advice against CSV injection).

Limits: HTML escaping itself is done by the page renderers (``html.escape``);
the page's Content-Security-Policy (:data:`CSP`) is the second line of
defence. Bidi marks (LRM, RLM, ALM) and zero-width characters are left
alone: right-to-left text needs them and they cannot reorder a table.
"""
from __future__ import annotations

import os
import re
from typing import Optional
from urllib.parse import urlsplit

#: Content-Security-Policy of every generated page: no script, no remote loads.
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

LINK_SCHEMES = ("http", "https")

#: why a JSON line nested past the recursion limit is refused (that record only)
TOO_DEEP = "JSON nested too deeply to read (over about 1,000 levels of brackets)"

# bidi embeddings, overrides and isolates (LRE RLE PDF LRO RLO, LRI RLI FSI PDI)
_BIDI = "\u202a-\u202e\u2066-\u2069"
_UNSAFE = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI}]")
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f]")
_JSON_UNSAFE = re.compile(f"[\x80-\x9f{_BIDI}]")
_SURROGATE = re.compile("[\ud800-\udfff]")
#: a cell starting with one of these is run as a formula by spreadsheets (OWASP: CSV injection)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def link_url(url: Optional[str]) -> Optional[str]:
    """``url`` itself when it may be a link's ``href``, else None.

    Accepted: an absolute ``http:``/``https:`` URL (any letter case) with a
    host, in which every character is printable and none is whitespace. So
    ``javascript:``, ``data:``, ``file:``, scheme-relative ``//host`` and
    tricks such as ``" JavaScript:"`` or ``"java\\tscript:"`` (which browsers
    read as ``javascript:``) are refused.
    """
    if not url or not url.isprintable() or any(c.isspace() for c in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. an unclosed IPv6 bracket
        return None
    if parts.scheme.lower() not in LINK_SCHEMES or not parts.netloc:
        return None
    return url


def _show(m: re.Match) -> str:
    c = ord(m.group())
    if c < 0x20:
        return chr(0x2400 + c)  # the Unicode control picture: ␛ for ESC
    if c == 0x7F:
        return "\u2421"  # ␡
    return f"\\x{c:02x}" if c <= 0xFF else f"\\u{c:04x}"


def visible(text: str, keep: str = "", bidi: bool = True) -> str:
    """``text`` with control and bidi-override characters made visible.

    C0 controls and DEL become their Unicode control pictures (ESC shows as
    ``␛``), C1 controls and bidi controls become ``\\x9b`` / ``\\u202e``.
    Characters in ``keep`` (say ``"\\n"``) are left as they are; with
    ``bidi=False`` so are the bidi controls (only control characters change).
    """
    pattern = _UNSAFE if bidi else _CONTROLS
    if not pattern.search(text):
        return text
    return pattern.sub(lambda m: m.group() if m.group() in keep else _show(m), text)


def term_text(text: Optional[str], style: str = ""):
    """A rich ``Text`` for a terminal table cell: never parsed as markup,
    control and bidi characters made visible (line breaks and tabs kept)."""
    from rich.text import Text

    return Text(visible(text or "", keep="\n\t"), style=style)


def json_escape(dumped: str) -> str:
    """JSON text with C1 and bidi controls as ``\\uXXXX`` escapes.

    Safe on any output of ``json.dumps``: those characters can only occur
    inside string literals, where the escape decodes to the same character.
    """
    if not _JSON_UNSAFE.search(dumped):
        return dumped
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", dumped)


def lone_surrogates(value) -> bool:
    """True when a value decoded from JSON holds a lone surrogate.

    JSON may escape one half of a UTF-16 pair alone (``"\\ud800"``); Python
    decodes it to a string that no UTF-8 output can carry, so such input is
    refused at the door rather than crashing a writer later.
    """
    if isinstance(value, str):
        return _SURROGATE.search(value) is not None
    if isinstance(value, dict):
        return any(lone_surrogates(k) or lone_surrogates(v) for k, v in value.items())
    if isinstance(value, list):
        return any(lone_surrogates(v) for v in value)
    return False


def spreadsheet_text(text: str) -> str:
    """``text`` for a CSV cell: with a leading apostrophe when a spreadsheet
    would read it as a formula (it starts with ``=``, ``+``, ``-``, ``@``, a
    tab or a carriage return), else unchanged."""
    return "'" + text if text.startswith(FORMULA_START) else text


def path_text(path: str) -> str:
    """A file name as valid UTF-8 text: each byte that is not UTF-8 (held by Python as a
    surrogate escape, ``"\udcff"``) written ``\xff``, as ``bytes.decode(errors="backslashreplace")``
    does. The same name always gives the same text; a UTF-8 name is returned unchanged."""
    if not lone_surrogates(path):
        return path
    try:
        raw = os.fsencode(path)
    except UnicodeEncodeError:  # a surrogate no file system name decodes to
        return path.encode("utf-8", "backslashreplace").decode("utf-8")
    return raw.decode("utf-8", "backslashreplace")
