"""The README's commands are the ones CI runs."""
import re

from .conftest import ROOT


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)\n```", readme, re.S)
    install, test = blocks[0], blocks[1]
    assert "pip install ." in install and "newskit extract samples/" in install
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    for step in test.split(" && ")[2:]:  # after venv creation and activation
        assert step in ci, step
