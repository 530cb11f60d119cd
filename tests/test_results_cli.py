"""`msqschema export` and `msqschema report` through click's CliRunner: exact output, exit
statuses, bad input, outputs that cannot be written, interruptions, missing packages."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import msqschema.results.export as export_module
from msqschema.cli import cli
from msqschema.results.collection import collect

ROOT = Path(__file__).resolve().parents[1]
TAJIKISTAN = ROOT / "examples" / "responses" / "tajikistan-2019.yaml"
PROBLEMS = (
    "mixed/a-valid.yaml:43:3: warning[V201] Q13 satisfaction_published: answered although Q12 "
    "satisfaction_measured is unanswered (asked only if it is 'yes')\n"
    "mixed/b-invalid.yaml:3:3: error[V101] unknown key 'contry' (did you mean 'country'?)\n"
    "mixed/c-empty.yaml: error[R001] the file is empty\n"
    "mixed/d-foreign.json:1:1: error[V107] the document needs the key 'answers'\n"
    "mixed/d-foreign.json:1:1: error[V108] the document needs the key 'questionnaire'\n"
    "mixed/d-foreign.json:1:2: error[V101] unknown key 'name'\n"
    "mixed/e-unreadable.yaml:2:1: error[R001] did not find expected ',' or ']' (while parsing a "
    "flow sequence)\n"
    "mixed/sub/f-binary.yml:1:1: error[R001] not UTF-8 text: byte 0xff cannot start or continue "
    "a character\n")


def run(*args: str):
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


@pytest.fixture
def mixed(tmp_path, monkeypatch) -> Path:
    """A folder of one valid response and unreadable, invalid, empty and foreign files."""
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "mixed"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(TAJIKISTAN, folder / "a-valid.yaml")
    (folder / "b-invalid.yaml").write_text("questionnaire: msq2020\nanswers:\n  contry: X\n")
    (folder / "c-empty.yaml").write_text("")
    (folder / "d-foreign.json").write_text('{"name": "left-pad"}\n')
    (folder / "e-unreadable.yaml").write_text("questionnaire: [unclosed\n")
    (folder / "sub" / "f-binary.yml").write_bytes(b"\xff\xfe")
    (folder / "README.md").write_text("# not a response: skipped\n")
    return folder


def written(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir()) if folder.exists() else []


def test_export_keeps_the_valid_lists_the_rest_and_exits_1(mixed, tmp_path):
    result = run("export", "mixed", "-o", "out/responses.csv")
    assert result.stdout == PROBLEMS + (
        "6 files read: 1 valid, 2 with errors, 3 unreadable; 1 response exported to "
        "out/responses.csv\n")
    assert result.exit_code == 1
    lines = (tmp_path / "out" / "responses.csv").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 and lines[1].startswith("1,mixed/a-valid.yaml,msq2020,2020,Tajikistan,")
    assert len(written(tmp_path / "out")) == 11  # main table, 9 records tables, the codebook


def test_export_of_valid_files_only_exits_0(mixed, tmp_path):
    result = run("export", "mixed/a-valid.yaml", "-o", "out.xlsx", "--quiet")
    assert result.stdout == PROBLEMS.splitlines(keepends=True)[0]
    assert result.exit_code == 0
    assert written(tmp_path) == ["mixed", "out.xlsx"]


@pytest.mark.parametrize(("output", "message"), [
    ("a-file/out.csv", "msqschema: cannot write a-file/out.csv: a-file is not a folder\n"),
    ("mixed", "msqschema: cannot write mixed: it is a folder; give the name of a file\n"),
    ("out.txt", "msqschema: out.txt: say the format with --format (csv, json, parquet, xlsx) "
                "or end the name with one of .csv, .json, .parquet, .xlsx\n"),
])
def test_an_output_that_cannot_be_written_exits_2_before_any_work(mixed, tmp_path, output,
                                                                     message):
    (tmp_path / "a-file").write_text("")
    result = run("export", "mixed", "-o", output)
    assert (result.stdout, result.stderr, result.exit_code) == ("", message, 2)


@pytest.mark.parametrize("command", ["export", "report"])
def test_a_folder_without_responses_exits_2_and_writes_nothing(mixed, tmp_path, command):
    (tmp_path / "empty" / "sub").mkdir(parents=True)
    (tmp_path / "empty" / "notes.txt").write_text("not a response\n")
    output = "out.csv" if command == "export" else "out.html"
    result = run(command, "empty", "-o", output)
    assert (result.stdout, result.stderr, result.exit_code) == (
        "", "msqschema: no response file (*.yaml, *.yml, *.json) found in empty\n", 2)
    assert written(tmp_path) == ["empty", "mixed"]


def test_format_and_extension_must_agree(mixed):
    result = run("export", "mixed", "-f", "csv", "-o", "out.xlsx")
    assert result.stderr == "msqschema: out.xlsx: the name ends in .xlsx but the format is csv\n"
    assert result.exit_code == 2


def test_an_input_file_is_never_overwritten(mixed):
    result = run("export", "mixed/d-foreign.json", "-o", "mixed/d-foreign.json")
    assert result.stderr == "msqschema: mixed/d-foreign.json: refusing to overwrite an input file\n"
    assert result.exit_code == 2
    assert (mixed / "d-foreign.json").read_text() == '{"name": "left-pad"}\n'


@pytest.mark.parametrize("format_name", ["csv", "xlsx", "parquet", "json"])
def test_an_interrupted_export_leaves_no_file(mixed, tmp_path, monkeypatch, format_name):
    def interrupted(questionnaire, files):
        for number, collected in enumerate(collect(questionnaire, files)):
            if number == 1:
                raise KeyboardInterrupt
            yield collected

    monkeypatch.setattr(export_module, "collect", interrupted)
    out = tmp_path / "out"
    with pytest.raises(KeyboardInterrupt):
        export_module.export([mixed], out / f"x.{format_name}")
    assert written(out) == []  # no table, no codebook, no temporary file


def test_a_missing_package_is_named_with_the_extra(mixed, monkeypatch):
    monkeypatch.setitem(sys.modules, "xlsxwriter", None)
    monkeypatch.delitem(sys.modules, "msqschema.results.formats.xlsx_workbook", raising=False)
    result = run("export", "mixed", "-o", "out.xlsx")
    assert result.stderr == ("msqschema: XLSX export needs the xlsxwriter package: "
                             "pip install 'msqschema[export]'\n")
    assert (result.stdout, result.exit_code) == ("", 2)


def test_the_report_needs_matplotlib_and_says_so(mixed, monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *args: None if name == "matplotlib" else real(name, *args))
    result = run("report", "mixed", "-o", "report.html")
    assert result.stderr == ("msqschema: the report needs the matplotlib package: "
                             "pip install 'msqschema[export]'\n")
    assert result.exit_code == 2


def test_report_lists_the_problems_and_exits_1(mixed, tmp_path):
    result = run("report", "mixed", "-o", "report.html")
    assert result.stdout == PROBLEMS + (
        "6 files read: 1 valid, 2 with errors, 3 unreadable; report written to report.html\n")
    assert result.exit_code == 1
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "<code>mixed/e-unreadable.yaml</code>" in page


def test_a_progress_bar_on_a_terminal_with_the_problems_after_it(mixed, monkeypatch):
    import msqschema.cli.collection as shared

    monkeypatch.setattr(shared, "_wants_progress", lambda quiet: not quiet)
    monkeypatch.setattr(shared, "PROGRESS_FROM", 2)
    result = run("export", "mixed", "-o", "out.json")
    assert "Reading responses" in result.stderr
    assert result.stdout.startswith(PROBLEMS)
    quiet = run("export", "mixed", "-o", "out.json", "--quiet")
    assert quiet.stderr == "" and quiet.stdout == PROBLEMS


def test_no_progress_bar_when_not_on_a_terminal(mixed):
    assert run("export", "mixed", "-o", "out.json").stderr == ""


def test_help_shows_examples():
    assert "msqschema export responses/ -o results/msq2020.xlsx" in run("export", "--help").stdout
    assert "msqschema report responses/ -o results/report.html" in run("report", "--help").stdout


def test_an_answer_too_long_for_an_xlsx_cell_stops_the_export_and_writes_nothing(tmp_path,
                                                                                 monkeypatch):
    monkeypatch.chdir(tmp_path)
    long = " ".join(["portal.example"] * 2400)  # 35,999 characters: no word limit on Q1
    (tmp_path / "long.yaml").write_text(f"questionnaire: msq2020\nanswers:\n"
                                        f"  national_portal: {long}\n")
    result = run("export", "long.yaml", "-o", "out.xlsx", "--quiet")
    assert result.stderr == ("msqschema: responses row 1, national_portal: 35999 characters, "
                             "more than an XLSX cell holds (32767); export to csv, parquet or "
                             "json\n")
    assert result.exit_code == 2
    assert written(tmp_path) == ["long.yaml"]
    assert run("export", "long.yaml", "-o", "out.csv", "--quiet").exit_code == 0
