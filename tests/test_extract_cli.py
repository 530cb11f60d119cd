"""`msqschema extract` on the command line: exact output, files written, exit statuses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from msqschema.cli import cli
from msqschema.extraction.reader import extract
from msqschema.render import render
from test_extract import Form

WARNING = ("3: warning[V201] Q13 satisfaction_published: answered although Q12 "
           "satisfaction_measured is unanswered (asked only if it is 'yes')\n"
           "1 form checked: 1 with problems (1 warning)\n")


def line_of(key: str, text: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), 1)
                if line.lstrip().startswith(key + ":"))


@pytest.fixture
def filled(tmp_path: Path, msq2020, tajikistan) -> Path:
    path = tmp_path / "tajikistan.docx"
    path.write_bytes(render(msq2020, "docx", tajikistan))
    return path


def invoke(*args: str):
    return CliRunner().invoke(cli, ["extract", *map(str, args)])


def test_response_to_stdout_and_the_report_to_stderr(filled: Path) -> None:
    result = invoke(filled)
    assert result.exit_code == 0
    assert result.stdout == extract(filled).to_yaml()
    line = line_of("satisfaction_published", result.stdout)
    assert result.stderr == f"<stdout>:{line}:{WARNING}"


def test_response_to_a_file_and_the_report_to_stdout(filled: Path, tmp_path: Path) -> None:
    output = tmp_path / "responses" / "tajikistan.yaml"
    result = invoke(filled, "-o", output)
    assert result.exit_code == 0
    text = output.read_text(encoding="utf-8")
    assert text == extract(filled).to_yaml()
    assert result.stdout == f"{output}:{line_of('satisfaction_published', text)}:{WARNING}"
    assert result.stderr == f"response file written to {output}\n"
    assert invoke(filled, "-o", output, "--strict").exit_code == 1


def test_extraction_problems_come_first_and_json_names_the_form(filled: Path, msq2020) -> None:
    blank_with_text = filled.with_name("blank.docx")
    form = Form(render(msq2020, "docx", {"answers": {"usage_statistics": "yes"}}))
    form.controls("/country")[0].find(".//{*}tag").set(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val", "msq:/nation")
    blank_with_text.write_bytes(form.docx())
    result = invoke(blank_with_text, "-o", filled.with_name("out.yaml"), "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert [(p["code"], p["file"]) for p in report["files"][0]["problems"]] == [
        ("X101", str(blank_with_text)), ("X103", str(blank_with_text))]
    assert report["files"][0]["file"] == str(blank_with_text)
    assert report["summary"]["errors"] == 1


def test_help_shows_an_example() -> None:
    result = invoke("--help")
    assert result.exit_code == 0
    assert ("msqschema extract returned/tajikistan.docx -o responses/tajikistan.yaml"
            in result.output)


def test_a_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    result = invoke(tmp_path / "nowhere.docx")
    assert result.exit_code == 2
    assert "does not exist" in result.stderr


def test_a_folder_of_forms_gives_one_response_each(tmp_path: Path, msq2020, tajikistan) -> None:
    returned, responses = tmp_path / "returned", tmp_path / "responses"
    (returned / "asia").mkdir(parents=True)
    (returned / "asia" / "tajikistan.docx").write_bytes(render(msq2020, "docx", tajikistan))
    (returned / "chad.docx").write_bytes(render(msq2020, "docx", {"answers": {"country": "Chad"}}))
    (returned / "damaged.docx").write_bytes(b"not a zip")
    (returned / "~$chad.docx").write_bytes(b"Word's lock file")
    (returned / "notes.txt").write_text("not a form")
    result = invoke(returned, "-o", responses)
    assert result.exit_code == 2
    assert sorted(path.name for path in responses.iterdir()) == ["chad.yaml", "tajikistan.yaml"]
    assert (responses / "chad.yaml").read_text(encoding="utf-8").endswith(
        "answers:\n  # Country\n  country: Chad\n")
    line = line_of("satisfaction_published", (responses / "tajikistan.yaml").read_text())
    assert result.stdout == (
        f"{responses / 'tajikistan.yaml'}:{line}:{WARNING.splitlines()[0]}\n"
        f"{returned / 'damaged.docx'}: error[R001] not a Word document (.docx): File is not a "
        "zip file\n"
        "3 forms checked: 2 with problems (1 error, 1 warning, 1 unreadable)\n")


@pytest.mark.parametrize(("args", "message"), [
    (["a.docx", "b.docx"], "several forms need -o FOLDER"),
    (["a.docx", "b.docx", "-o", "out.yaml"], "out.yaml is a file; several forms need -o FOLDER/"),
    (["a.docx", "sub/a.docx", "-o", "out"], "two forms would both be written to out/a.yaml"),
])
def test_several_forms_need_a_folder_with_distinct_names(tmp_path: Path, monkeypatch, args,
                                                          message: str) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    for name in ("a.docx", "b.docx", "sub/a.docx", "out.yaml"):
        (tmp_path / name).write_bytes(b"")
    result = invoke(*args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "a.docx", "b.docx", "out.yaml", "sub"]


def test_a_broken_template_folder_is_a_usage_error(filled: Path, tmp_path: Path) -> None:
    (tmp_path / "templates" / "word").mkdir(parents=True)
    (tmp_path / "templates" / "word" / "document.xml").write_text("{{ no_such_variable }}")
    result = invoke(filled, "--templates", tmp_path / "templates", "-o", tmp_path / "out.yaml")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"msqschema: template error in {tmp_path / 'templates'}: ")
    assert not (tmp_path / "out.yaml").exists()


def test_a_template_that_fails_while_rendering_is_one_line(filled: Path, tmp_path: Path) -> None:
    (tmp_path / "templates" / "word").mkdir(parents=True)
    (tmp_path / "templates" / "word" / "document.xml").write_text("{{ 1 / 0 }}")
    result = invoke(filled, "--templates", tmp_path / "templates", "-o", tmp_path / "out.yaml")
    assert result.exit_code == 2
    assert result.stderr == (f"msqschema: template error in {tmp_path / 'templates'}: "
                             "ZeroDivisionError: division by zero\n")
    assert not (tmp_path / "out.yaml").exists()


def test_the_response_never_overwrites_the_questionnaire(filled: Path, tmp_path: Path) -> None:
    questionnaire = tmp_path / "q.yaml"
    questionnaire.write_bytes(msq2020_file().read_bytes())
    result = invoke(filled, "-q", questionnaire, "-o", questionnaire)
    assert result.exit_code == 2
    assert result.stderr == f"msqschema: {questionnaire}: refusing to overwrite an input file\n"
    assert questionnaire.read_bytes() == msq2020_file().read_bytes()


def test_a_single_unreadable_form_is_one_line_in_every_format(tmp_path: Path) -> None:
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"not a zip")
    for output_format in ("text", "json", "github"):
        result = invoke(broken, "--format", output_format)
        assert result.exit_code == 2
        assert result.stderr.startswith(f"{broken}: error[R001] not a Word document")
        assert result.stderr.count("\n") == 1, result.stderr


def msq2020_file() -> Path:
    from msqschema.resources import bundled_questionnaires

    return bundled_questionnaires()["msq2020"]
