"""Web inputs (`extract URL`, --urls, --feed, --sitemap) against servers on 127.0.0.1 only.

Every server is started here on the loopback; host names in the unit tests
go through a fake resolver, so no test makes a DNS lookup or leaves the machine.
"""
import io
import json
import socket
import time

import pytest
from hypothesis import given, strategies as st

from newskit.cli.app import app
from newskit.read.web.download import FetchError, Fetcher, FetchSettings
from newskit.read.web.polite import retry_wait
from newskit.read.web.safety import Guard, Refused, is_public
from newskit.read.web.store import page_name

from .conftest import jsonl
from .webserver import Page, Site, article_html, rss, sitemap

STORY = [
    "The harbour council voted on Tuesday to rebuild the old pier before winter.",
    "\u201cWe cannot wait another year,\u201d said Mara Quellen, who chairs the council.",
    "Work on the pier is expected to begin in March, according to the council's plan.",
]
OTHER = [
    "Farmers in the valley brought in a record apple harvest this autumn.",
    "\u201cThe rain came at exactly the right time,\u201d said Tobin Ashgrove, a grower near the river.",
    "Prices at the Saturday market fell by a third, traders said.",
]


def pages(n):
    return {f"/news/{i}.html": Page(article_html(f"Story {i}", STORY if i % 2 == 0 else OTHER)) for i in range(n)}


@pytest.fixture
def site():
    routes = pages(4)
    routes["/robots.txt"] = Page(b"User-agent: *\nDisallow: /private/\n", headers={"Content-Type": "text/plain"})
    routes["/private/secret.html"] = Page(article_html("Secret", STORY))
    routes["/big.html"] = Page(article_html("Big", STORY * 400))
    routes["/slow.html"] = Page(article_html("Slow", STORY), delay=3.0)
    routes["/busy.html"] = Page(b"busy", status=429, headers={"Retry-After": "1", "Content-Type": "text/plain"},
                                then=Page(article_html("Busy", OTHER)))
    routes["/page-with-feed.html"] = Page(article_html("Home", OTHER).replace(
        b"<title>", b"<link rel='alternate' type='application/rss+xml' href='/feed.xml'><title>"))
    routes["/data.json"] = Page(b'{"a": 1}', headers={"Content-Type": "application/json"})
    with Site(routes) as s:
        s.routes["/feed.xml"] = Page(rss([s.url(f"/news/{i}.html") for i in range(3)]),
                                     headers={"Content-Type": "application/rss+xml"})
        s.routes["/sitemap.xml"] = Page(sitemap([s.url("/news/1.html"), s.url("/news/3.html")]),
                                        headers={"Content-Type": "application/xml"})
        s.routes["/old.html"] = Page(status=301, headers={"Location": s.url("/news/2.html")})
        s.routes["/to-file.html"] = Page(status=302, headers={"Location": "file:///etc/passwd"})
        s.routes["/to-private.html"] = Page(status=302, headers={"Location": f"http://127.0.0.2:{s.port}/news/0.html"})
        s.routes["/hostile-feed.xml"] = Page(rss([s.url("/news/0.html"), f"http://127.0.0.2:{s.port}/news/1.html",
                                                  "http://169.254.169.254/latest/meta-data/"]),
                                             headers={"Content-Type": "application/rss+xml"})
        yield s


def extract(runner, *args, input=None):
    return runner.invoke(app, ["extract", "--format", "jsonl", "--delay", "0", *args], input=input)


def error_lines(res):
    return [ln for ln in res.stderr.splitlines() if ln.startswith("newskit: error:")]


# ---------------------------------------------------------------------------- inputs


def test_feed_of_several_articles(runner, site):
    res = extract(runner, "--feed", site.url("/feed.xml"))
    assert res.exit_code == 0, res.stderr
    recs = jsonl(res.stdout)
    assert [r["id"] for r in recs] == [site.url(f"/news/{i}.html") for i in range(3)]
    assert all(r["source"] == r["id"] == r["url"] for r in recs)
    assert recs[0]["title"] == "Story 0"
    assert any(q["speaker_name"] == "Mara Quellen" for q in recs[0]["quotes"])
    agents = {ua for _, ua in site.hits}
    assert len(agents) == 1 and agents.pop().startswith("newskit/")


def test_page_linking_its_feed(runner, site):
    res = extract(runner, "--feed", site.url("/page-with-feed.html"))
    assert res.exit_code == 0, res.stderr
    assert len(jsonl(res.stdout)) == 3


def test_sitemap(runner, site):
    res = extract(runner, "--sitemap", site.url("/sitemap.xml"))
    assert res.exit_code == 0, res.stderr
    assert [r["id"] for r in jsonl(res.stdout)] == [site.url("/news/1.html"), site.url("/news/3.html")]


def test_url_arguments_and_url_list_from_stdin(runner, site):
    listed = f"# morning list\n\n{site.url('/news/1.html')}\n  {site.url('/news/3.html')}  \n"
    res = extract(runner, site.url("/news/0.html"), "--urls", "-", input=listed)
    assert res.exit_code == 0, res.stderr
    assert [r["id"] for r in jsonl(res.stdout)] == [site.url(f"/news/{i}.html") for i in (0, 1, 3)]


def test_redirect_url_is_where_it_landed(runner, site):
    res = extract(runner, site.url("/old.html"))
    assert res.exit_code == 0, res.stderr
    [rec] = jsonl(res.stdout)
    assert rec["id"] == rec["source"] == site.url("/old.html")
    assert rec["url"] == site.url("/news/2.html")


# ---------------------------------------------------------------------------- failures, each named


def test_404_is_named_and_the_rest_still_processed(runner, site):
    res = extract(runner, site.url("/missing.html"), site.url("/news/0.html"))
    assert res.exit_code == 1
    assert len(jsonl(res.stdout)) == 1
    assert error_lines(res) == [f"newskit: error: {site.url('/missing.html')}: HTTP 404 Not Found"]


def test_429_waits_for_retry_after_then_succeeds(runner, site):
    res = extract(runner, site.url("/busy.html"))
    assert res.exit_code == 0, res.stderr
    assert jsonl(res.stdout)[0]["title"] == "Busy"
    times = [t for p, t in site.times if p == "/busy.html"]
    assert len(times) == 2 and times[1] - times[0] >= 0.95


def test_page_slower_than_the_timeout(runner, site):
    res = extract(runner, "--timeout", "0.5", site.url("/slow.html"), site.url("/news/1.html"))
    assert res.exit_code == 1
    assert len(jsonl(res.stdout)) == 1
    [line] = error_lines(res)
    assert site.url("/slow.html") in line and "timed out" in line


def test_robots_txt_disallows_one_path(runner, site):
    res = extract(runner, site.url("/private/secret.html"), site.url("/news/1.html"))
    assert res.exit_code == 1
    assert len(jsonl(res.stdout)) == 1
    [line] = error_lines(res)
    assert "/private/secret.html: disallowed by robots.txt" in line
    assert "/private/secret.html" not in site.paths()


def test_page_over_the_size_cap(runner, site):
    res = extract(runner, "--max-size", "0.05", site.url("/big.html"), site.url("/news/1.html"))
    assert res.exit_code == 1
    [line] = error_lines(res)
    assert "/big.html: larger than the 51.2 KB cap" in line
    assert len(jsonl(res.stdout)) == 1


def test_urls_that_are_not_web_addresses_are_named(runner, site, tmp_path):
    listed = tmp_path / "urls.txt"
    listed.write_text(f"example.org/news\nhttp://127.0.0.1:99999/x.html\nftp://127.0.0.1/a\n{site.url('/news/0.html')}\n")
    res = extract(runner, "--urls", str(listed))
    assert res.exit_code == 1
    assert len(jsonl(res.stdout)) == 1
    assert error_lines(res) == [
        "newskit: error: example.org/news: not an http or https URL (no scheme)",
        "newskit: error: http://127.0.0.1:99999/x.html: URL has a port that is not a number from 0 to 65535",
        "newskit: error: ftp://127.0.0.1/a: not an http or https URL (ftp scheme)",
    ]


def test_page_without_main_text_and_missing_url_list(runner, site, tmp_path):
    site.routes["/menu.html"] = Page(b"<html><body><nav><a href='/a'>Home</a></nav></body></html>")
    res = extract(runner, site.url("/menu.html"), "--urls", str(tmp_path / "none.txt"))
    assert res.exit_code == 1
    assert error_lines(res) == [f"newskit: error: {tmp_path / 'none.txt'}: cannot read URL list (No such file or directory)",
                                f"newskit: error: {site.url('/menu.html')}: HTML page has no main text"]


def test_non_html_content_type(runner, site):
    res = extract(runner, site.url("/data.json"))
    assert res.exit_code == 1
    assert "not an HTML page (content type application/json)" in error_lines(res)[0]


def test_not_a_feed_is_a_clear_error(runner, site):
    res = extract(runner, "--feed", site.url("/news/1.html"))
    assert res.exit_code == 1
    assert error_lines(res) == [f"newskit: error: {site.url('/news/1.html')}: feed: not a feed "
                                "(no RSS, Atom or JSON feed here, and the page links none)"]


# ---------------------------------------------------------------------------- safety


def test_feed_links_to_other_private_hosts_are_refused(runner, site):
    res = extract(runner, "--feed", site.url("/hostile-feed.xml"))
    assert res.exit_code == 1
    assert len(jsonl(res.stdout)) == 1  # the link back to the typed host, 127.0.0.1, is allowed
    lines = error_lines(res)
    assert len(lines) == 2
    assert f"http://127.0.0.2:{site.port}/news/1.html: refused: 127.0.0.2 resolves to a non-public address" in lines[0]
    assert "http://169.254.169.254/latest/meta-data/: refused" in lines[1]


def test_allow_private_lets_the_link_through(runner, site):
    site.routes["/private-feed.xml"] = Page(rss([f"http://127.0.0.2:{site.port}/news/1.html"]),
                                            headers={"Content-Type": "application/rss+xml"})
    res = extract(runner, "--allow-private", "--timeout", "1", "--feed", site.url("/private-feed.xml"))
    # tried, not refused: nothing listens on 127.0.0.2 here
    [line] = error_lines(res)
    assert f"127.0.0.2:{site.port}/news/1.html: " in line
    assert "cannot connect" in line or "timed out" in line


def test_redirects_to_file_or_another_private_host_are_refused(runner, site):
    res = extract(runner, site.url("/to-file.html"), site.url("/to-private.html"))
    assert res.exit_code == 1
    assert res.stdout == ""
    a, b = error_lines(res)
    assert f"{site.url('/to-file.html')}: redirect to file:///etc/passwd refused: not an http or https URL" in a
    assert f"{site.url('/to-private.html')}: refused: 127.0.0.2 resolves to a non-public address" in b


def test_guard_rules():
    assert not any(is_public(a) for a in ("127.0.0.2", "10.1.2.3", "192.168.0.9", "169.254.169.254", "::1", "fe80::1"))
    assert is_public("93.184.216.34")
    fake = {"news.example": "93.184.216.34", "intranet.example": "10.0.0.7", "typed.example": "10.0.0.8"}
    guard = Guard(["typed.example"], resolver=lambda h, p: [(socket.AF_INET, fake[h])])
    assert guard.address("news.example", 80)[1] == "93.184.216.34"
    assert guard.address("typed.example", 80)[1] == "10.0.0.8"
    with pytest.raises(Refused):
        guard.address("intranet.example", 80)
    assert Guard(allow_private=True, resolver=guard.resolver).address("intranet.example", 80)[1] == "10.0.0.7"


def test_connection_goes_to_the_checked_address(site):
    """A host name is resolved once, checked, and the socket opened to that address."""
    asked = []

    def resolver(host, port):
        asked.append(host)
        if host == "nowhere.invalid":
            raise socket.gaierror("no such name")
        return [(socket.AF_INET, "127.0.0.1")]

    fetcher = Fetcher(FetchSettings(delay=0), Guard(["pinned.invalid"], resolver=resolver))
    doc = fetcher.fetch(f"http://pinned.invalid:{site.port}/news/0.html")
    assert b"Story 0" in doc.body and "pinned.invalid" in asked
    with pytest.raises(FetchError, match="host name not found"):
        fetcher.fetch(f"http://nowhere.invalid:{site.port}/x.html")


# ---------------------------------------------------------------------------- politeness


def test_one_host_gets_the_delay_between_requests(runner, site):
    res = runner.invoke(app, ["extract", "--format", "jsonl", "--delay", "0.4"] + [site.url(f"/news/{i}.html") for i in range(3)])
    assert res.exit_code == 0, res.stderr
    starts = [t for p, t in site.times if p.startswith("/news/")]
    assert len(starts) == 3
    assert all(b - a >= 0.38 for a, b in zip(starts, starts[1:]))


def test_crawl_delay_longer_than_delay_is_kept(runner, site):
    site.routes["/robots.txt"] = Page(b"User-agent: *\nCrawl-delay: 1\n", headers={"Content-Type": "text/plain"})
    res = extract(runner, site.url("/news/0.html"), site.url("/news/1.html"))
    assert res.exit_code == 0, res.stderr
    starts = [t for p, t in site.times if p.startswith("/news/")]
    assert starts[1] - starts[0] >= 0.98


def test_retry_after_forms():
    assert retry_wait("7", 1) == 7
    assert retry_wait(None, 3, base=0.5) == 2.0
    assert 0 <= retry_wait("Wed, 21 Oct 2015 07:28:00 GMT", 1) < 1  # in the past: no wait


# ---------------------------------------------------------------------------- resume, saved pages


def test_resume_fetches_nothing_the_second_time(runner, site, tmp_path):
    db = str(tmp_path / "corpus.db")
    listed = tmp_path / "urls.txt"
    listed.write_text("\n".join([site.url("/old.html"), site.url("/news/1.html")]) + "\n")
    first = runner.invoke(app, ["extract", "--delay", "0", "--db", db, "--urls", str(listed)])
    assert first.exit_code == 0, first.stderr
    fetched = len(site.hits)
    # again, plus the page /old.html redirected to: stored under its URL, so not fetched either
    listed.write_text(listed.read_text() + site.url("/news/2.html") + "\n")
    again = runner.invoke(app, ["extract", "--delay", "0", "--db", db, "--resume", "--urls", str(listed)])
    assert again.exit_code == 0, again.stderr
    assert len(site.hits) == fetched
    assert "0 articles done, 0 failed, 3 skipped" in again.stderr
    # a feed is read again (it may list new articles), its known articles are not
    runner.invoke(app, ["extract", "--delay", "0", "--db", db, "--feed", site.url("/feed.xml")])
    before = len(site.hits)
    runner.invoke(app, ["extract", "--delay", "0", "--db", db, "--resume", "--feed", site.url("/feed.xml")])
    assert [p for p in site.paths()[before:] if p.startswith("/news/")] == []


def test_saved_pages_repeat_the_run_offline_byte_identical(runner, site, tmp_path):
    saved = tmp_path / "pages"
    args = ["--feed", site.url("/feed.xml"), site.url("/old.html"), "--save-html", str(saved)]
    online = extract(runner, *args)
    assert online.exit_code == 0, online.stderr
    names = sorted(p.name for p in saved.iterdir())
    assert f"{page_name(site.url('/news/0.html'))}.html" in names
    assert not [n for n in names if n.startswith(".newskit-")]  # no temporary files left
    hits = len(site.hits)
    offline = extract(runner, *args, "--offline")
    assert offline.exit_code == 0, offline.stderr
    assert len(site.hits) == hits
    assert offline.stdout == online.stdout and len(jsonl(offline.stdout)) == 4


def test_offline_without_saved_pages_is_a_usage_error(runner, tmp_path):
    res = extract(runner, "http://127.0.0.1:9/a.html", "--save-html", str(tmp_path / "nothing"), "--offline")
    assert res.exit_code == 2
    assert "newskit: error: --save-html " + str(tmp_path / "nothing") + ": no such directory of saved pages" in res.stderr


@pytest.mark.parametrize("engine", ["local", "dask"])
def test_url_inputs_with_several_jobs(runner, site, engine):
    if engine == "dask":
        pytest.importorskip("dask.distributed")
    one = extract(runner, "--feed", site.url("/feed.xml"))
    two = extract(runner, "--feed", site.url("/feed.xml"), "--jobs", "2", "--engine", engine)
    assert two.exit_code == 0, two.stderr
    assert two.stdout == one.stdout and len(jsonl(one.stdout)) == 3


# ---------------------------------------------------------------------------- progress


def _terminal_run(paths, **kw):
    from rich.console import Console

    from newskit.cli.extract import run_extract

    buf = io.StringIO()
    console = Console(file=buf, force_terminal=True, width=160, color_system=None)
    out = io.StringIO()
    code = run_extract(paths, fmt=None, console=console, db=kw.pop("db"), **kw)
    return code, buf.getvalue(), out


def test_progress_bar_has_a_total_for_a_directory(tmp_path):
    for i in range(3):
        (tmp_path / f"a{i}.txt").write_text("Pier vote\n\n" + " ".join(STORY) + "\n", encoding="utf-8")
    code, shown, _ = _terminal_run([str(tmp_path)], db=str(tmp_path / "c.db"))
    assert code == 0
    assert "3/3" in shown and "/?" not in shown and "articles/s" in shown


def test_progress_bar_has_a_total_for_a_feed(site, tmp_path):
    from newskit.read.web import FetchSettings, WebInputs, WebOptions

    code, shown, _ = _terminal_run([], db=str(tmp_path / "c.db"), web=WebInputs(feeds=[site.url("/feed.xml")]),
                                   web_options=WebOptions(FetchSettings(delay=0)))
    assert code == 0
    assert "3/3" in shown and "/?" not in shown


def test_progress_for_json_lines_counts_records_and_bytes(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": str(i), "text": " ".join(STORY)}) + "\n" for i in range(3)))
    code, shown, _ = _terminal_run([str(src)], db=str(tmp_path / "c.db"))
    assert code == 0
    assert "3 records so far" in shown and f"of {src.stat().st_size / 1e3:.0f} kB read" in shown


@given(st.text(min_size=0, max_size=300), st.text(min_size=0, max_size=300))
def test_saved_page_names_are_safe_and_distinct(a, b):
    url_a, url_b = "http://127.0.0.1/" + a, "http://127.0.0.1/" + b
    name = page_name(url_a)
    assert name and "/" not in name and "\\" not in name and not name.startswith(".") and len(name) < 120
    assert (page_name(url_b) == name) == (url_a == url_b)


# ---------------------------------------------------------------------------- feeds and sitemaps (no network)


def _docs(table):
    from newskit.read.web.download import Fetched

    def get(url, kind="page"):
        if url not in table:
            raise FetchError("HTTP 404 Not Found")
        return Fetched(url, url, table[url], "application/xml")
    return get


def test_atom_and_json_feeds_keep_their_order_and_skip_self_and_home():
    from newskit.read.web.discover import feed_urls

    atom = (b'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            b'<link rel="self" href="http://news.invalid/atom.xml"/><link href="http://news.invalid/"/>'
            b'<entry><link href="/b/second.html"/></entry><entry><link href="http://news.invalid/a/first.html"/></entry>'
            b'<entry><link href="/b/second.html"/></entry></feed>')
    jsonfeed = json.dumps({"version": "https://jsonfeed.org/version/1.1",
                           "items": [{"url": "http://news.invalid/j/1.html"}, {"id": "http://news.invalid/j/2.html"}]})
    get = _docs({"http://news.invalid/atom.xml": atom, "http://news.invalid/feed.json": jsonfeed.encode()})
    assert feed_urls("http://news.invalid/atom.xml", get) == ["http://news.invalid/b/second.html",
                                                              "http://news.invalid/a/first.html"]
    assert feed_urls("http://news.invalid/feed.json", get) == ["http://news.invalid/j/1.html",
                                                               "http://news.invalid/j/2.html"]


def test_sitemap_index_follows_nested_sitemaps_and_names_a_failed_one():
    from newskit.read.web.discover import NotAFeed, sitemap_urls

    index = (b'<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
             b"<sitemap><loc>http://news.invalid/s1.xml</loc></sitemap><sitemap><loc>http://news.invalid/gone.xml</loc></sitemap>"
             b"</sitemapindex>")
    get = _docs({"http://news.invalid/index.xml": index,
                 "http://news.invalid/s1.xml": sitemap(["http://news.invalid/x/1.html", "http://news.invalid/x/2.html"]),
                 "http://news.invalid/page.html": article_html("Not a sitemap", STORY)})
    failed = []
    got = sitemap_urls("http://news.invalid/index.xml", get, lambda u, why: failed.append((u, why)))
    assert got == ["http://news.invalid/x/1.html", "http://news.invalid/x/2.html"]
    assert failed == [("http://news.invalid/gone.xml", "HTTP 404 Not Found")]
    with pytest.raises(NotAFeed):
        sitemap_urls("http://news.invalid/page.html", get, lambda u, why: None)
