"""`msqschema render` through click's CliRunner: outputs, folders, overrides, one-line errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT, TAJIKISTAN
from msqschema.cli import cli
from msqschema.render import render


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(cli, ["render", *args], input=input)


@pytest.fixture
def responses(tmp_path: Path) -> list[Path]:
    """Two response files in a folder of their own."""
    folder = tmp_path / "responses"
    folder.mkdir()
    first = folder / "tajikistan.yaml"
    shutil.copy(TAJIKISTAN, first)
    second = folder / "other.json"
    second.write_text('{"questionnaire": "msq2020", "answers": {"country": "Elsewhere"}}')
    return [first, second]


def test_blank_markdown_to_standard_output(msq2020):
    result = run("--format", "md")
    assert result.exit_code == 0
    assert result.output == render(msq2020, "md")


def test_one_response_to_a_file(tmp_path, msq2020, tajikistan):
    out = tmp_path / "out" / "tajikistan.html"
    result = run("msq2020", "-f", "html", "-r", str(TAJIKISTAN), "-o", str(out))
    assert (result.exit_code, result.output) == (0, f"form written to {out}\n")
    assert out.read_text(encoding="utf-8") == render(msq2020, "html", tajikistan)
    assert [path.name for path in out.parent.iterdir()] == ["tajikistan.html"]


def test_response_from_standard_input(msq2020):
    result = run("-f", "md", "-r", "-", input='{"questionnaire": "msq2020", "answers": '
                                              '{"country": "Tajikistan"}}')
    assert result.exit_code == 0
    assert "> Tajikistan" in result.output


def test_several_responses_give_one_file_each(tmp_path, responses, msq2020):
    out = tmp_path / "filled"
    result = run("-f", "md", *[arg for path in responses for arg in ("-r", str(path))],
                 "-o", str(out))
    assert result.exit_code == 0, result.output
    assert sorted(path.name for path in out.iterdir()) == ["other.md", "tajikistan.md"]
    assert "> Elsewhere" in (out / "other.md").read_text(encoding="utf-8")


def test_blank_form_into_a_folder_is_named_after_the_questionnaire(tmp_path):
    assert run("-f", "html", "-o", str(tmp_path)).exit_code == 0
    assert [path.name for path in tmp_path.iterdir()] == ["msq2020.html"]


@pytest.mark.parametrize("args, message", [
    (["-r", "{a}", "-r", "{b}"], "msqschema: several forms need -o FOLDER/: one file each\n"),
    (["-f", "md", "-r", "{a}", "-o", "{a}"],
     "msqschema: {a}: refusing to overwrite an input file\n"),
    (["-r", "{a}", "-r", "{b}", "-o", "{a}"],
     "msqschema: {a} is a file; several forms need -o FOLDER/\n"),
    (["-r", "{a}", "-r", "{a}", "-o", "{tmp}/out"],
     "msqschema: two forms would both be written to {tmp}/out/tajikistan.html: rename one\n"),
])
def test_usage_errors_are_one_line_and_exit_2(tmp_path, responses, args, message):
    names = {"a": responses[0], "b": responses[1], "tmp": tmp_path}
    result = run(*[arg.format(**names) for arg in args])
    assert (result.exit_code, result.output) == (2, message.format(**names))
    assert responses[0].read_bytes() == TAJIKISTAN.read_bytes()


def test_response_for_another_questionnaire(tmp_path):
    other = tmp_path / "other.yaml"
    other.write_text("questionnaire: msq2024\nanswers: {}\n")
    result = run("-r", str(other))
    assert (result.exit_code, result.output) == (
        2, f"msqschema: {other}: this response is for questionnaire 'msq2024', not 'msq2020'\n")


def test_unreadable_response(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("answers: [\n")
    result = run("-r", str(broken))
    assert result.exit_code == 2
    assert result.output.startswith(f"{broken}:")
    assert result.output.count("\n") == 1 and "error[R001]" in result.output


def test_templates_override_and_extend_the_builtin_ones(tmp_path, msq2020):
    (tmp_path / "form.md.j2").write_text(
        '{% extends "builtin/form.md.j2" %}{% block closing %}Sent by the survey team.\n\n'
        "{% endblock %}")
    result = run("-f", "md", "--templates", str(tmp_path))
    assert result.exit_code == 0
    assert "Sent by the survey team." in result.output
    assert "We appreciate your participation." not in result.output
    assert result.output.startswith("# Member States Questionnaire")


@pytest.mark.parametrize("template, message", [
    ("{% block closing %}", "form.md.j2:1: template error: Unexpected end of template."),
    ("{{ nothing_like_this }}", "template error: 'nothing_like_this' is undefined"),
    ("{{ 1 / 0 }}", "template error: ZeroDivisionError: division by zero"),
])
def test_template_errors_are_one_line(tmp_path, template, message):
    (tmp_path / "form.md.j2").write_text(template)
    result = run("-f", "md", "--templates", str(tmp_path))
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and message in result.output


def test_nothing_is_written_when_one_output_would_overwrite_an_input(tmp_path, responses):
    sneaky = tmp_path / "out" / "sneaky.html"
    sneaky.parent.mkdir()
    sneaky.write_text('{"questionnaire": "msq2020", "answers": {}}')
    result = run("-r", str(responses[0]), "-r", str(sneaky), "-o", str(sneaky.parent))
    assert (result.exit_code, result.output) == (
        2, f"msqschema: {sneaky}: refusing to overwrite an input file\n")
    assert [path.name for path in sneaky.parent.iterdir()] == ["sneaky.html"]


def test_render_takes_the_questionnaire_the_response_names(tmp_path):
    from click.testing import CliRunner

    from msqschema.cli import cli

    example = ROOT / "examples" / "responses" / "business-survey-example.yaml"
    result = CliRunner().invoke(cli, ["render", "-f", "md", "-r", str(example)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Survey of Digital Practices in Businesses 2026\n")
