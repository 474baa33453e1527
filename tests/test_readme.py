"""The README's examples run as written: its Python and shell blocks, in a folder with the samples.

The blocks run in README order in one folder (a later block may read what an earlier one wrote,
as a reader following the README would). ``newskit`` commands run in-process (the model loads
once); other commands (``jq``, ``sqlite-utils``, ``cat``) as processes; ``HOME`` is the folder, so
``--install-completion`` writes there. The install commands are CI's (checked below), and the
cluster recipe needs Dask hosts: those two kinds are the only blocks not run here.

Web examples never leave the machine: every ``http(s)://HOST`` of a line is pointed at a site on
127.0.0.1 that serves the paths the README names (articles, a feed, a sitemap), with ``--delay 0``;
a crontab line runs its command in the folder, under a shell.
"""
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, SAMPLES
from .webserver import Page, Site, article_html, rss, sitemap

README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCKS = [(README.count("\n", 0, m.start()) + 1, m.group(1), m.group(2))
          for m in re.finditer(r"```(sh|python)\n(.*?)```", README, re.S)]
NOT_RUN = {  # a block's first line -> why it is not run here
    "python3.11 -m venv .venv && . .venv/bin/activate && pip install . &&": "installs from the package index: CI runs it",
    "python3.11 -m venv .venv && . .venv/bin/activate && pip install -e '.[test]'": "CI's own command",
    "# on the scheduler host": "needs a Dask scheduler and worker hosts",
}


def _skipped(code: str):
    first = code.splitlines()[0]
    return next((why for start, why in NOT_RUN.items() if first.startswith(start)), None)


def test_ci_runs_the_readme_test_command():
    blocks = re.findall(r"```sh\n(.*?)\n```", README, re.S)
    install, test = blocks[0], blocks[1]
    assert "pip install ." in install and "newskit extract samples/" in install
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    for step in test.split(" && ")[2:]:  # after venv creation and activation
        assert step in ci, step


def test_only_the_install_and_cluster_blocks_are_not_run():
    assert sorted(why for _, _, code in BLOCKS if (why := _skipped(code))) == sorted(NOT_RUN.values())


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """A reader's folder: the samples, an article, a story, a page, a news folder and a feeds folder."""
    home = tmp_path_factory.mktemp("readme")
    shutil.copytree(SAMPLES, home / "samples")
    shutil.copytree(SAMPLES, home / "news")
    (home / "feeds").mkdir()
    for name in ("wire.jsonl", "labels.jsonl"):
        shutil.copy(SAMPLES / name, home / "feeds" / name)
    for name in ("article.txt", "story.txt"):
        shutil.copy(SAMPLES / "seed-khalilzad.txt", home / name)
    shutil.copy(SAMPLES / "harbour-bridge.html", home / "page.html")
    return home


URL_HOST = re.compile(r"https?://[^/\s]+")
CRONTAB = re.compile(r"^(?:\S+\s+){5}cd \S+ && ")  # a crontab line: five schedule fields, then its folder


@pytest.fixture(scope="module")
def site(folder):
    """The README's web addresses, served on 127.0.0.1: article pages, feeds and a sitemap."""
    paras = [p for p in (SAMPLES / "seed-khalilzad.txt").read_text(encoding="utf-8").split("\n\n")[1:] if p.strip()]
    with Site() as s:
        pages = ["/news/story", "/news/a", "/news/b"]
        for path in pages:
            s.routes[path] = Page(article_html(f"Story {path}", paras))
        feed = Page(rss([s.url("/news/a"), s.url("/news/b")]), headers={"Content-Type": "application/rss+xml"})
        s.routes["/rss"] = s.routes["/atom.xml"] = feed
        s.routes["/news-sitemap.xml"] = Page(sitemap([s.url("/news/a")]), headers={"Content-Type": "application/xml"})
        for name in ("todays-links.txt", "extra-links.txt"):
            (folder / name).write_text(f"# links\n{s.url('/news/story')}\n\n", encoding="utf-8")
        yield s


def _local(line: str, site: Site) -> str:
    """``line`` with its web addresses on the local site (no delay between its requests)."""
    if not URL_HOST.search(line) and "--urls" not in line:
        return line
    return URL_HOST.sub(site.base, line).replace("newskit extract ", "newskit extract --delay 0 ", 1)


def _tool_path() -> str:
    return os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])


def _newskit(args, data, home: Path, line: str) -> bytes:
    from typer.testing import CliRunner

    from newskit.cli.app import app

    res = CliRunner().invoke(app, args, input=data, prog_name="newskit", env={"HOME": str(home), "COLUMNS": "100"})
    assert res.exit_code == 0, f"{line}\n{res.output}"
    return res.stdout_bytes


def _under_a_shell(line: str, home: Path) -> None:
    """Run ``line`` from bash, with ``newskit`` on the PATH: completion detects the shell it runs in."""
    shim = home / "bin" / "newskit"
    shim.parent.mkdir(exist_ok=True)
    shim.write_text(f"#!/bin/sh\nexec {shlex.quote(sys.executable)} -c "
                    "'import sys; sys.argv[0] = \"newskit\"; from newskit._entry import main; main()' \"$@\"\n")
    shim.chmod(0o755)
    env = {**os.environ, "HOME": str(home), "PATH": f"{shim.parent}{os.pathsep}{_tool_path()}",
           "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    res = subprocess.run(["bash", "-c", line], cwd=home, env=env, capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, f"{line}\n{res.stderr}"


def _pipeline(tokens):
    """The commands of a pipeline ``a | b``, each a list of words."""
    commands = [[]]
    for word in tokens:
        if word == "|":
            commands.append([])
        else:
            commands[-1].append(word)
    return commands


def run_sh_line(line: str, home: Path, site: Site) -> None:
    line = _local(line, site)
    if CRONTAB.match(line):
        return _under_a_shell(CRONTAB.sub("", line), home)
    tokens = shlex.split(line, comments=True)
    if not tokens:
        return
    if "--install-completion" in tokens:
        return _under_a_shell(line, home)
    data = None
    for seg in _pipeline(tokens):
        if seg[0] == "newskit":
            data = _newskit(seg[1:], data, home, line)
            continue
        tool = shutil.which(seg[0], path=_tool_path())
        if tool is None:
            pytest.skip(f"{seg[0]} is not installed")
        res = subprocess.run([tool, *seg[1:]], input=data, cwd=home, capture_output=True, timeout=120)
        assert res.returncode == 0, f"{line}\n{res.stderr.decode(errors='replace')}"
        data = res.stdout


@pytest.mark.parametrize("lineno, lang, code", [b for b in BLOCKS if not _skipped(b[2])],
                         ids=[f"README.md:{b[0]}" for b in BLOCKS if not _skipped(b[2])])
def test_readme_block_runs_as_written(lineno, lang, code, folder, site, nlp, monkeypatch):
    monkeypatch.chdir(folder)
    if lang == "python":
        exec(compile(code, f"README.md:{lineno}", "exec"), {"__name__": "__readme__"})
        return
    for line in code.splitlines():
        run_sh_line(line, folder, site)


def test_the_readme_examples_left_what_they_promise(folder):
    """After the blocks: the database, the CSV of quotes and the installed completion are there."""
    if not (folder / "quotes.csv").exists():
        pytest.skip("the README blocks did not run (run this file whole)")
    rows = (folder / "quotes.csv").read_text(encoding="utf-8").splitlines()
    assert rows[0].startswith("article_id,") and len(rows) >= 3  # a header and the quotes, not a header alone
    assert "Jane Okafor" in "\n".join(rows)
    completions = list((folder).glob(".bash_completions/*")) + list(folder.glob(".zfunc/*"))
    assert completions and "_NEWSKIT_COMPLETE" in completions[0].read_text(encoding="utf-8")
