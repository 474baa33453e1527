"""The inertness rules (`newskit.safe`): which URLs may be links, control
characters made visible, JSON escapes that keep the exact text."""
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newskit.safe import json_escape, link_url, term_text, visible

REFUSED = [
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "\x01javascript:alert(1)",
    "javascript\u200b:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "//evil.example/x",
    "/relative/path",
    "https:alert(1)",
    "https:/one-slash",
    "http://[::1",
    " https://example.org/",
    "https://example.org/ x",
    "https://example.org/\u202egnp.exe",
    "",
]

ACCEPTED = [
    "http://example.org/",
    "https://example.org/news/pier?a=1&b=2#top",
    "HTTPS://EXAMPLE.ORG/NEWS",
    "https://example.org/\"><script>alert(1)</script>",  # a link, escaped by the page
    "https://例え.テスト/記事",
]


@pytest.mark.parametrize("url", REFUSED)
def test_only_http_and_https_urls_may_be_links(url):
    assert link_url(url) is None


@pytest.mark.parametrize("url", ACCEPTED)
def test_http_and_https_urls_stay_exactly_as_given(url):
    assert link_url(url) == url


def browser_scheme(url):
    """The scheme a browser would read: WHATWG strips leading and trailing C0
    controls and spaces, and removes tabs and newlines anywhere."""
    s = url.strip("".join(map(chr, range(0x21))))
    s = s.replace("\t", "").replace("\n", "").replace("\r", "")
    return s.split(":", 1)[0].lower() if ":" in s else ""


@given(st.text(alphabet=st.sampled_from(list("javscriptJAVSCRIPThtpHTPS:/.e x\t\n\r\x01\x00\u00a0\u202e")), max_size=24))
def test_a_link_is_http_for_the_browser_too(url):
    href = link_url(url)
    if href is not None:
        assert browser_scheme(href) in ("http", "https")
        assert href.lower().startswith(("http://", "https://"))
        assert all(c.isprintable() and not c.isspace() for c in href)


@given(st.text())
def test_visible_text_has_no_controls_and_json_escape_keeps_the_text(s):
    shown = visible(s)
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F or c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
                   for c in shown)
    dumped = json_escape(json.dumps(s, ensure_ascii=False))
    assert json.loads(dumped) == s
    assert not any(0x80 <= ord(c) <= 0x9F or c in "\u202d\u202e" for c in dumped)


def test_visible_shows_escapes_and_bidi_controls():
    assert visible("\x1b[31mred\x1b[0m") == "␛[31mred␛[0m"
    assert visible("a\x9bb\x7f") == "a\\x9bb␡"
    assert visible("Sami \u202eOkoro\u202c") == "Sami \\u202eOkoro\\u202c"
    assert visible("two\nlines\tand tab", keep="\n\t") == "two\nlines\tand tab"
    assert visible("two\nlines") == "two␊lines"
    assert visible("plain text, “quoted” — كلمة\u200f") == "plain text, “quoted” — كلمة\u200f"  # marks kept


def test_term_text_is_never_markup():
    t = term_text("[bold red]Ann[/bold red] [/bold] [link=https://evil.example]x[/link]")
    assert t.plain == "[bold red]Ann[/bold red] [/bold] [link=https://evil.example]x[/link]"
    assert not t.spans
