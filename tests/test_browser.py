"""The annotated page in a real browser: headless Chromium renders it, takes a
screenshot, and its DOM must hold the quote marks with the right speakers.
Hostile pages (the corpus in ``tests/hostile``) are opened through the
DevTools protocol (``tests/cdp.py``), which reports every JavaScript dialog.

Needs Debian's ``chromium`` package (``apt-get install -y chromium``); skipped
with that reason when it is missing.
"""
import os
import shutil
import struct
import subprocess
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest

from newskit.write.html import render_page
from newskit.records import ArticleRecord, DateExpr, Entity, Quote, TextSpan
from newskit.safe import CSP

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if os.access("/usr/bin/chromium", os.X_OK) else None)

pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="Chromium is not installed: the browser test needs /usr/bin/chromium (Debian: apt-get install -y chromium)",
)

FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage", "--force-color-profile=srgb", "--hide-scrollbars", "--mute-audio",
]

TEXT = (
    "Ferry route approved\n\n"
    "The Marlow Bay council voted on Tuesday to open a ferry route.\n\n"
    "“This is the best news the island has had,” said Mayor Elena Voss. "
    "“We have heard these promises before,” Tomas Brandt said.\n\n"
    "Share this article"
)


def _span(part, after=0):
    i = TEXT.index(part, after)
    return TextSpan(text=part, start=i, end=i + len(part))


def _quote(part, cue, speaker, name, eid):
    s = _span(part)
    return Quote(text=part, start=s.start, end=s.end, kind="direct", cue=_span(cue, s.end),
                 speaker=_span(speaker, s.end), speaker_name=name, speaker_entity=eid)


def hand_made_record():
    voss, brandt, bay = _span("Elena Voss"), _span("Tomas Brandt"), _span("Marlow Bay")
    return ArticleRecord(
        id="ferry", source="ferry.txt", title="Ferry route approved", published="2024-02-08",
        content_end=TEXT.index("Share this"), text=TEXT,
        entities=[
            Entity(id="E1", name="Marlow Bay", label="GPE", mentions=[bay], count=1, first=bay.start),
            Entity(id="E2", name="Elena Voss", label="PERSON", mentions=[voss], count=1, first=voss.start),
            Entity(id="E3", name="Tomas Brandt", label="PERSON", mentions=[brandt], count=1, first=brandt.start),
        ],
        quotes=[
            _quote("This is the best news the island has had,", "said", "Mayor Elena Voss", "Elena Voss", "E2"),
            _quote("We have heard these promises before,", "said", "Tomas Brandt", "Tomas Brandt", "E3"),
        ],
        dates=[DateExpr(text="Tuesday", start=TEXT.index("Tuesday"), end=TEXT.index("Tuesday") + 7,
                        type="DATE", value="2024-02-06")],
    )


def chromium(tmp_path, page_file, *action):
    profile = tmp_path / f"profile-{len(list(tmp_path.iterdir()))}"
    cmd = [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *action, page_file.as_uri()]
    env = dict(os.environ, HOME=str(tmp_path))
    res = subprocess.run(cmd, capture_output=True, text=True, timeout=180, env=env, stdin=subprocess.DEVNULL)
    assert res.returncode == 0, res.stderr[-2000:]
    return res.stdout


class Dom(HTMLParser):
    """Elements of the dumped DOM with their attributes and visible (label-free) text."""

    VOID = {"meta", "br", "input", "img", "hr", "link", "line", "rect", "source", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.nodes = [], []

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        a = dict(attrs)
        node = {"tag": tag, "attrs": a, "classes": (a.get("class") or "").split(), "text": [], "labels": [],
                "parent": self.stack[-1] if self.stack else None}
        self.stack.append(node)
        self.nodes.append(node)

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()["tag"] == tag:
                break

    def handle_data(self, data):
        in_label = any({"tag", "vh"} & set(n["classes"]) for n in self.stack)
        for n in self.stack:
            (n["labels"] if in_label else n["text"]).append(data)

    def find(self, cls, tag=None):
        return [n for n in self.nodes if cls in n["classes"] and (tag is None or n["tag"] == tag)]


def dom_of(tmp_path, page):
    f = tmp_path / "page.html"
    f.write_text(page, encoding="utf-8")
    dumped = chromium(tmp_path, f, "--dump-dom")
    assert "</html>" in dumped
    d = Dom()
    d.feed(dumped)
    return d


def quotes_in_dom(dom):
    """{quote id: (speaker, speaker named by its label, quote text over all its pieces)}."""
    out = {}
    for n in dom.find("quote", "mark"):
        qid = n["attrs"].get("data-quote")
        if not qid:
            continue  # the key in the page header
        speaker, label, text = out.get(qid, (n["attrs"].get("data-speaker"), None, ""))
        out[qid] = (speaker, label, text + "".join(n["text"]))
    for n in dom.find("qtag"):
        qid = (n["parent"] or {}).get("attrs", {}).get("data-quote")
        if qid in out:
            out[qid] = (out[qid][0], "".join(n["labels"]).split(" · ", 1)[-1], out[qid][2])
    return out


def test_dom_holds_quotes_with_their_speakers(tmp_path):
    dom = dom_of(tmp_path, render_page([hand_made_record()]))
    got = quotes_in_dom(dom)
    assert got == {
        "Q1": ("Elena Voss", "Elena Voss", "This is the best news the island has had,"),
        "Q2": ("Tomas Brandt", "Tomas Brandt", "We have heard these promises before,"),
    }
    cues = {n["attrs"]["data-quote"]: "".join(n["text"]) for n in dom.find("cue") if "data-quote" in n["attrs"]}
    assert cues == {"Q1": "said", "Q2": "said"}
    speakers = {n["attrs"]["data-quote"]: "".join(n["text"]) for n in dom.find("speaker") if "data-quote" in n["attrs"]}
    assert speakers == {"Q1": "Mayor Elena Voss", "Q2": "Tomas Brandt"}
    # different speakers, different colours; focusable; page language set
    classes = [next(c for c in n["classes"] if c.startswith("spk-")) for n in dom.find("quote", "mark") if "first" in n["classes"]
               and n["attrs"].get("data-quote")]
    assert classes == ["spk-0", "spk-1"]
    assert all(n["attrs"].get("tabindex") == "0" for n in dom.find("quote", "mark") if n["attrs"].get("data-quote"))
    assert dom.find("boiler") and "".join(dom.find("boiler")[-1]["text"]) == "Share this article"
    assert dom.nodes[0]["tag"] == "html" and dom.nodes[0]["attrs"].get("lang") == "en"


def read_png(path):
    """(width, height, rows of RGB(A) bytes) of an 8-bit, non-interlaced PNG."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat = 8, b""
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and colour in (2, 6) and interlace == 0
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    bpp = 4 if colour == 6 else 3
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows, prev = [], bytearray(stride)
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        if f == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 255
        elif f == 2:
            for i in range(stride):
                line[i] = (line[i] + prev[i]) & 255
        elif f == 3:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + prev[i]) >> 1)) & 255
        elif f == 4:
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b, c = prev[i], (prev[i - bpp] if i >= bpp else 0)
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return width, height, bpp, rows


def has_colour(rows, bpp, rgb):
    px = bytes(rgb) + (b"\xff" if bpp == 4 else b"")
    for row in rows:
        i = row.find(px)
        while i >= 0:
            if i % bpp == 0:
                return True
            i = row.find(px, i + 1)
    return False


def test_screenshot_shows_the_highlights(tmp_path):
    page = render_page([hand_made_record()])
    f = tmp_path / "page.html"
    f.write_text(page, encoding="utf-8")
    shot = tmp_path / "page.png"
    chromium(tmp_path, f, f"--screenshot={shot}", "--window-size=900,700")
    width, height, bpp, rows = read_png(shot)
    assert (width, height) == (900, 700)
    assert len({r for r in rows}) > 20, "the screenshot is blank"
    # the first speaker's quote background (#fde9a9, used only in the article) is painted
    assert has_colour(rows, bpp, (0xFD, 0xE9, 0xA9))
    # and the second speaker's (#cfe2ff)
    assert has_colour(rows, bpp, (0xCF, 0xE2, 0xFF))


def test_pipeline_page_labels_match_the_record(tmp_path, nlp):
    from newskit.write.html import speaker_of
    from newskit.read.ingest import Article
    from newskit.nlp.pipeline import analyze

    art = Article(id="ferry", source="ferry.txt", text=TEXT, title="Ferry route approved", published="2024-02-08")
    [rec] = list(analyze(nlp, [art], include_text=True))
    assert rec.quotes, "the sample's quotes were not found"
    dom = dom_of(tmp_path, render_page([rec]))
    got = quotes_in_dom(dom)
    names = {e.id: e.name for e in rec.entities}
    want = {f"Q{i}": speaker_of(q, names)[1] for i, q in enumerate(rec.quotes, 1)}
    assert {k: v[0] for k, v in got.items()} == want
    assert {k: v[1] for k, v in got.items()} == want
    for i, q in enumerate(rec.quotes, 1):
        assert got[f"Q{i}"][2] == q.text


# ------------------------------------------------------------- hostile pages

HOSTILE = Path(__file__).resolve().parent / "hostile"

# fire every event an injected handler could listen to, on every element
PROVOKE = """(() => {
  let n = 0;
  for (const el of document.querySelectorAll('*')) {
    for (const t of ['mouseover', 'mouseenter', 'mousemove', 'pointerover', 'focus', 'focusin', 'animationstart']) {
      el.dispatchEvent(new Event(t, {bubbles: true})); n++;
    }
  }
  return n;
})()"""
# links a click would not just scroll or leave for the web
ODD_LINKS = ("[...document.links].map((a, i) => [i, a.getAttribute('href')])"
             ".filter(([i, h]) => !/^(#|https?:\\/\\/)/i.test(h)).map(([i]) => i)")


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    from tests.cdp import Browser

    home = tmp_path_factory.mktemp("chromium")
    b = Browser(CHROMIUM, FLAGS, home / "profile", env=dict(os.environ, HOME=str(home)))
    yield b
    b.close()


def visit(browser, page_file):
    """Open a page, provoke its elements, click every odd link (reloading each time);
    return what ran: (dialogs, CSP reports)."""
    browser.dialogs.clear()
    browser.log.clear()
    url = page_file.as_uri()
    browser.open(url)
    assert browser.js("document.querySelectorAll('article, section').length") > 0, "the page did not render"
    assert browser.js(PROVOKE) > 0
    for i in browser.js(ODD_LINKS):
        browser.open(url, settle=0)
        browser.js(f"document.links[{i}].click()")
        browser.wait(0.5)
    csp = [t for t in browser.log if "Content Security Policy" in t]
    return list(browser.dialogs), csp


def test_the_dialog_detector_sees_a_live_alert(browser, tmp_path):
    """The harness itself can fail: a page that alerts, on load and on a link, is caught."""
    f = tmp_path / "alerting.html"
    f.write_text("<!DOCTYPE html><html><body><section><p onmouseover=\"alert('hover')\">x</p>"
                 "<a href=\"javascript:alert('click')\">go</a></section>"
                 "<script>alert('load')</script></body></html>", encoding="utf-8")
    dialogs, _ = visit(browser, f)
    assert set(dialogs) == {"alert: load", "alert: hover", "alert: click"}
    f.write_text(f"<!DOCTYPE html><html><head><meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">"
                 "</head><body><section><script>alert('load')</script></section></body></html>", encoding="utf-8")
    dialogs, csp = visit(browser, f)
    assert dialogs == [] and csp, "the CSP meta blocks inline script and says so"


def test_hostile_pages_fire_no_dialog(browser, tmp_path):
    """Extract's page of the hostile corpus, the page of the hand-built hostile
    records and their summary page: nothing runs on load, on hover or on a
    click on any link that is not a fragment or an http(s) URL, and the CSP
    never has to step in (nothing even tried)."""
    from typer.testing import CliRunner

    from newskit.cli.app import app

    pages = {"extract": tmp_path / "extract.html", "records": tmp_path / "records.html", "summary": tmp_path / "summary.html"}
    res = CliRunner().invoke(app, ["extract", str(HOSTILE / "articles.jsonl"), str(HOSTILE / "page.html"), "-q",
                                   "-o", str(pages["extract"])])
    assert res.exit_code == 0, res.output
    from newskit.write.sources import read_records

    recs = list(read_records([str(HOSTILE / "records.jsonl")], on_error=pytest.fail))
    pages["records"].write_text(render_page(recs), encoding="utf-8")
    res = CliRunner().invoke(app, ["summarize", str(HOSTILE / "records.jsonl"), "-o", str(pages["summary"])])
    assert res.exit_code == 0, res.output
    for name, f in pages.items():
        dialogs, csp = visit(browser, f)
        assert dialogs == [], (name, dialogs)
        assert csp == [], (name, csp)
