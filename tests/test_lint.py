"""Tests for `msqschema lint` through click's CliRunner: exact output, exit statuses, formats."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from msqschema.cli import cli
from msqschema.problems import CODES
from msqschema.resources import bundled_questionnaires

EXAMPLES = Path(__file__).parent / "examples" / "questionnaires"
INVALID = sorted((EXAMPLES / "invalid").glob("*.yaml"))
CLEAN = "1 questionnaire checked: no problems\n"


def run(*args: str):
    result = CliRunner().invoke(cli, ["lint", *args])
    # no traceback ever: the only exception that may leave a command is SystemExit
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


@pytest.fixture
def here(tmp_path, monkeypatch):
    """A temporary working folder, so that file names in the output are short and stable."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def copy(example: Path, folder: Path) -> str:
    shutil.copy(example, folder / example.name)
    return example.name


def summary(errors: int, warnings: int = 0) -> str:
    counted = [f"{count} {noun}{'' if count == 1 else 's'}"
               for count, noun in ((errors, "error"), (warnings, "warning")) if count]
    return f"1 questionnaire checked: 1 with problems ({', '.join(counted)})\n"


# --- clean questionnaires -----------------------------------------------------------------------


@pytest.mark.parametrize("args", [(), ("msq2020",), (str(bundled_questionnaires()["msq2020"]),)],
                         ids=["default", "bundled name", "path"])
def test_msq2020_is_clean(args):
    result = run(*args)
    assert (result.exit_code, result.stdout, result.stderr) == (0, CLEAN, "")


def test_a_valid_file_is_clean(here):
    name = copy(EXAMPLES / "valid" / "every-type.yaml", here)
    result = run(name)
    assert (result.exit_code, result.stdout, result.stderr) == (0, CLEAN, "")


# --- problems: exit 1, one line each ------------------------------------------------------------


@pytest.mark.parametrize("example", INVALID, ids=lambda path: path.stem)
def test_problems_print_one_line_each_and_exit_1(here, example):
    name = copy(example, here)
    expected = example.with_suffix(".expected").read_text(encoding="utf-8").splitlines()
    lines, severities = [], []
    for line in expected:
        position, code, message = line.split(" ", 2)
        severities.append(CODES[code].severity)
        lines.append(f"{name}:{position}: {severities[-1]}[{code}] {message}\n")
    result = run(name)
    errors = severities.count("error")
    assert result.exit_code == 1
    assert result.stdout == "".join(lines) + summary(errors, severities.count("warning"))
    assert result.stderr == ""


def test_exact_output_for_a_duplicate_id(here):
    (here / "q.yaml").write_text(
        "msqschema: 1\nid: q\ntitle: Q\nlanguage: en\nsections:\n"
        "  - id: s\n    title: S\n    questions:\n"
        "      - {id: a, type: text}\n      - {id: a, type: url}\n", encoding="utf-8")
    result = run("q.yaml")
    assert (result.exit_code, result.stderr) == (1, "")
    assert result.stdout == (
        "q.yaml:10:14: error[L201] question id 'a' is already used at line 9\n"
        "1 questionnaire checked: 1 with problems (1 error)\n")


# --- unreadable input: exit 2, one line on standard error ---------------------------------------

UNREADABLE = [
    ("missing", None, "nothere.yaml",
     "nothere.yaml: error[R001] no such questionnaire file or bundled questionnaire "
     "(bundled: business_survey, msq2020, wellbeing_scale)"),
    ("not UTF-8", b"msqschema: 1\ntitle: caf\xe9\n", "q.yaml",
     "q.yaml:2:11: error[R001] not UTF-8 text: byte 0xe9 cannot start or continue a character"),
    ("syntax error", b"msqschema: 1\nid: [a\ntitle: x\n", "q.yaml",
     "q.yaml:3:6: error[R001] did not find expected ',' or ']' (while parsing a flow sequence)"),
    ("bad indentation", b"msqschema: 1\nid: x\n  title: y\n", "q.yaml",
     "q.yaml:3:8: error[R001] mapping values are not allowed in this context"),
    ("empty", b"", "q.yaml", "q.yaml: error[R001] the file is empty"),
    ("comments only", b"# nothing\n", "q.yaml", "q.yaml: error[R001] the file is empty"),
    ("binary", b"PK\x03\x04\x00\x00", "q.yaml", "q.yaml: error[R001] binary file, not text"),
]


@pytest.mark.parametrize(("content", "name", "line"), [case[1:] for case in UNREADABLE],
                         ids=[case[0] for case in UNREADABLE])
def test_unreadable_input_exits_2_with_one_line(here, content, name, line):
    if content is not None:
        (here / name).write_bytes(content)
    result = run(name)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", line + "\n")


def test_aliases_exit_2(here):
    (here / "q.yaml").write_text("msqschema: 1\ntitle: &t Title\nid: *t\n", encoding="utf-8")
    result = run("q.yaml")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr in ("q.yaml:2:8: error[R001] aliases are not allowed\n",
                             "q.yaml:3:5: error[R001] aliases are not allowed\n")


def test_a_folder_exits_2(here):
    (here / "folder").mkdir()
    result = run("folder")
    assert result.exit_code == 2
    assert result.stderr.startswith("folder: error[R001] no such questionnaire file")


def test_unknown_format_is_a_usage_error():
    result = run("--format", "xml")
    assert result.exit_code == 2
    assert "Invalid value for '--format'" in result.stderr
    assert result.stdout == ""


def test_help_shows_an_example():
    result = run("--help")
    assert result.exit_code == 0
    assert "Examples:" in result.stdout
    assert "msqschema lint my-survey.yaml --format github" in result.stdout


# --- machine formats ----------------------------------------------------------------------------


def test_json_format_shape(here):
    name = copy(EXAMPLES / "invalid" / "no-options.yaml", here)
    result = run(name, "--format", "json")
    assert (result.exit_code, result.stderr) == (1, "")
    assert json.loads(result.stdout) == {
        "version": 1,
        "files": [{
            "file": name,
            "valid": False,
            "problems": [
                {"code": "L207", "severity": "error",
                 "message": "single_choice question 'colour' has no options", "file": name,
                 "line": 12, "column": 18, "pointer": "/sections/0/questions/0/options",
                 "question": "", "question_id": ""},
                {"code": "L207", "severity": "error",
                 "message": "multiple_choice question 'tools' has no options", "file": name,
                 "line": 16, "column": 18, "pointer": "/sections/0/questions/1/options",
                 "question": "", "question_id": ""},
            ],
            "more_problems": 0,
        }],
        "summary": {"files": 1, "files_with_problems": 1, "errors": 2, "warnings": 0,
                    "unreadable": 0},
    }


def test_json_format_when_clean():
    result = run("--format", "json")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert document["files"] == [
        {"file": str(bundled_questionnaires()["msq2020"]), "valid": True, "problems": [],
         "more_problems": 0}]
    assert document["summary"]["errors"] == 0


def test_github_format(here):
    name = copy(EXAMPLES / "invalid" / "duplicate-keys.yaml", here)
    result = run(name, "--format", "github")
    assert (result.exit_code, result.stderr) == (1, "")
    assert result.stdout == (
        f"::error file={name},line=6,col=1,title=L209::key 'title' is repeated (first at line 4)\n"
        f"::error file={name},line=14,col=9,title=L209::"
        "key 'prompt' is repeated (first at line 13)\n"
        + summary(2))


def test_unreadable_input_is_plain_text_in_every_format(here):
    (here / "q.yaml").write_bytes(b"")
    for output_format in ("json", "github"):
        result = run("q.yaml", "--format", output_format)
        assert (result.exit_code, result.stdout) == (2, "")
        assert result.stderr == "q.yaml: error[R001] the file is empty\n"


# --- the real command ---------------------------------------------------------------------------


def test_python_m_msqschema_lint(tmp_path):
    (tmp_path / "q.yaml").write_bytes(b"\xff\xfe")
    command = [sys.executable, "-m", "msqschema", "lint"]
    clean = subprocess.run(command, capture_output=True, text=True, cwd=tmp_path, check=False)
    assert (clean.returncode, clean.stdout, clean.stderr) == (0, CLEAN, "")
    broken = subprocess.run([*command, "q.yaml"], capture_output=True, text=True, cwd=tmp_path,
                            check=False)
    assert (broken.returncode, broken.stdout) == (2, "")
    assert broken.stderr == ("q.yaml:1:1: error[R001] not UTF-8 text: byte 0xff cannot start or "
                             "continue a character\n")


@pytest.mark.parametrize("kind", ["email", "phone", "date"])
def test_a_word_limit_is_refused_where_words_are_not_counted(tmp_path, kind):
    from msqschema.questionnaire.loader import lint

    path = tmp_path / "q.yaml"
    path.write_text(
        "msqschema: 1\nid: q\ntitle: Q\nlanguage: en\nsections:\n  - id: s\n    title: S\n"
        f"    questions:\n      - id: a\n        type: {kind}\n        max_words: 10\n",
        encoding="utf-8")
    assert [(p.code, p.line, p.column, p.message) for p in lint(path).problems] == [
        ("L101", 11, 9, "unknown key 'max_words' (did you mean 'max_chars'?)")]
