"""Shell conventions of Typer/Click: completion scripts, -h beside --help, -V beside --version, exit statuses in --help."""
import os
import subprocess
import sys

import pytest

from newskit import __version__
from newskit.cli.app import app


@pytest.mark.parametrize("shell, marker", [("bash", "complete -o default -F"), ("zsh", "#compdef newskit")])
def test_completion_scripts_for_bash_and_zsh(runner, shell, marker):
    res = runner.invoke(app, [], prog_name="newskit", env={"_NEWSKIT_COMPLETE": f"source_{shell}"})
    assert res.exit_code == 0, res.output
    assert marker in res.stdout and "_NEWSKIT_COMPLETE" in res.stdout


def test_completion_completes_commands_and_options(runner):
    res = runner.invoke(app, [], prog_name="newskit",
                        env={"_NEWSKIT_COMPLETE": "complete_bash", "COMP_WORDS": "newskit ex", "COMP_CWORD": "1"})
    assert res.stdout.split() == ["extract", "export"]
    res = runner.invoke(app, [], prog_name="newskit",
                        env={"_NEWSKIT_COMPLETE": "complete_bash", "COMP_WORDS": "newskit extract --pub", "COMP_CWORD": "2"})
    assert res.stdout.split() == ["--published"]


def test_show_and_install_completion_are_options():
    """`--show-completion SHELL` prints the script (the shell named, as where it cannot be detected)."""
    env = {**os.environ, "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"}
    res = subprocess.run([sys.executable, "-m", "newskit", "--show-completion", "zsh"], capture_output=True,
                         text=True, timeout=120, env=env, stdin=subprocess.DEVNULL)
    assert res.returncode == 0, res.stderr
    assert "compdef" in res.stdout
    res = subprocess.run([sys.executable, "-m", "newskit", "--help"], capture_output=True, text=True, timeout=120,
                         stdin=subprocess.DEVNULL)
    assert "--install-completion" in res.stdout and "--show-completion" in res.stdout


@pytest.mark.parametrize("args", [[], ["extract"], ["export"], ["summarize"], ["check"], ["schema"], ["info"]])
def test_short_help_is_help(runner, args):
    short = runner.invoke(app, args + ["-h"], prog_name="newskit")
    long = runner.invoke(app, args + ["--help"], prog_name="newskit")
    assert short.exit_code == long.exit_code == 0
    assert short.stdout == long.stdout and "Usage: newskit" in short.stdout


@pytest.mark.parametrize("flag", ["-V", "--version"])
def test_version_flags(runner, flag):
    res = runner.invoke(app, [flag])
    assert res.exit_code == 0 and res.stdout == f"newskit {__version__}\n"


@pytest.mark.parametrize("args", [[], ["extract"], ["export"], ["summarize"], ["check"]])
def test_help_ends_with_the_exit_statuses(runner, args):
    res = runner.invoke(app, args + ["--help"], env={"COLUMNS": "200"})
    last = res.stdout.strip().splitlines()[-1]
    assert last.strip().startswith("Exit status:")
    for code, meaning in (("0", "all done"), ("1", "some input failed"), ("2", "usage error"), ("130", "interrupted")):
        assert f"{code} {meaning}" in last
