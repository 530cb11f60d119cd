"""Mistakes a new user makes, each told in one line: a response with errors given to render,
a file of the other kind, an empty folder, forms named in capitals; and the Python API's."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import msqschema
from conftest import ROOT, TAJIKISTAN
from msqschema.cli import cli
from msqschema.extraction.reader import extract
from msqschema.problems import InputError
from msqschema.render import render
from msqschema.responses.response import load_response

MSQ2020 = ROOT / "questionnaires" / "msq2020.yaml"
BAD = "questionnaire: msq2020\nanswers:\n  country: 42\n  bogus: 1\n"
BAD_PROBLEMS = (
    "{bad}:3:12: error[V102] country: answer must be text or empty, not 42 (put it in quotes "
    "to keep it as text)\n"
    "{bad}:4:3: error[V101] unknown key 'bogus'\n")


def run(*args: object):
    return CliRunner().invoke(cli, [str(arg) for arg in args])


@pytest.fixture
def bad(tmp_path: Path) -> Path:
    path = tmp_path / "bad.yaml"
    path.write_text(BAD, encoding="utf-8")
    return path


def test_render_validates_a_response_first_and_writes_nothing(tmp_path, bad):
    result = run("render", "-r", bad, "-o", tmp_path / "bad.html")
    assert (result.exit_code, result.stderr) == (1, BAD_PROBLEMS.format(bad=bad) + (
        "msqschema: nothing written: a response has errors (--force renders all the same)\n"))
    assert sorted(path.name for path in tmp_path.iterdir()) == ["bad.yaml"]


def test_render_force_renders_a_response_with_errors(tmp_path, bad, msq2020):
    out = tmp_path / "bad.md"
    result = run("render", "-r", bad, "-o", out, "--force")
    assert (result.exit_code, result.stderr) == (
        0, BAD_PROBLEMS.format(bad=bad) + f"form written to {out}\n")
    assert out.read_text(encoding="utf-8") == render(msq2020, "md", load_response(bad))


def test_render_of_a_valid_response_with_a_warning_says_nothing_of_it(msq2020, tajikistan):
    result = run("render", "-f", "md", "-r", TAJIKISTAN)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == render(msq2020, "md", tajikistan)


@pytest.mark.parametrize("args, message", [
    (["render", TAJIKISTAN], f"{TAJIKISTAN}: this is a response file, not a questionnaire; "
                             "give it with -r"),
    (["schema", TAJIKISTAN], f"{TAJIKISTAN}: this is a response file, not a questionnaire; "
                             "give the questionnaire it answers"),
    (["lint", TAJIKISTAN], f"{TAJIKISTAN}: this is a response file, not a questionnaire; "
                           "check it with `msqschema validate`"),
    (["validate", "-q", TAJIKISTAN, TAJIKISTAN],
     f"{TAJIKISTAN}: this is a response file, not a questionnaire; give it as PATH, and its "
     "questionnaire with -q"),
    (["render", "-r", MSQ2020], f"{MSQ2020}: this is a questionnaire file, not a response; "
                                "give it without -r"),
])
def test_a_file_of_the_other_kind_is_one_line(args, message):
    result = run(*args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"msqschema: {message}\n")


def test_validate_says_a_questionnaire_is_not_a_response():
    result = run("validate", MSQ2020)
    assert (result.exit_code, result.stdout) == (2, (
        f"{MSQ2020}: error[R001] this is a questionnaire file, not a response: lint it with "
        "`msqschema lint`, or give it with -q to check responses against it\n"
        "1 file checked: 1 with problems (1 error, 1 unreadable)\n"))


def test_validate_finds_no_response_in_an_empty_folder(tmp_path):
    result = run("validate", tmp_path)
    assert (result.exit_code, result.stdout, result.stderr) == (
        2, "", f"msqschema: no response file (*.yaml, *.yml, *.json) found in {tmp_path}\n")


def test_validate_hints_at_q_for_a_questionnaire_that_is_not_bundled(tmp_path):
    response = tmp_path / "r.yaml"
    response.write_text("questionnaire: msq2018\nanswers: {}\n")
    result = run("validate", response)
    assert result.stdout == (f"{response}:1:16: error[V108] no questionnaire 'msq2018' is "
                             "bundled (bundled: business_survey, msq2020, wellbeing_scale); "
                             "give its file with -q\n"
                             "1 file checked: 1 with problems (1 error)\n")


def test_extract_finds_forms_named_in_capitals_and_says_what_it_wrote(tmp_path, msq2020,
                                                                      tajikistan):
    returned = tmp_path / "returned"
    returned.mkdir()
    (returned / "A.DOCX").write_bytes(render(msq2020, "docx", tajikistan))
    (returned / "b.Docx").write_bytes(render(msq2020, "docx", tajikistan))
    out = tmp_path / "responses"
    result = run("extract", returned, "-o", f"{out}/", "--format", "json")
    assert result.exit_code == 0
    assert result.stderr == f"2 response files written to {out}/\n"
    assert sorted(path.name for path in out.iterdir()) == ["A.yaml", "b.yaml"]


def test_extract_of_one_form_into_a_folder(tmp_path, msq2020, tajikistan):
    form = tmp_path / "form.docx"
    form.write_bytes(render(msq2020, "docx", tajikistan))
    out = tmp_path / "responses"
    result = run("extract", form, "-o", f"{out}/", "--quiet")
    assert (result.exit_code, result.stderr) == (0, "")
    assert (out / "form.yaml").read_text(encoding="utf-8") == extract(form).to_yaml()


def test_the_format_choices_are_the_reporters_table(tmp_path):
    """A reporter added to the table is a choice of --format (in a fresh process: the options
    are built when the command modules are imported)."""
    script = ("import sys; from msqschema.reporters import REPORTERS\n"
              "REPORTERS['plain'] = REPORTERS['text']\n"
              "from msqschema.cli import cli\n"
              "cli.main(['validate', '--format', 'plain', sys.argv[1]], prog_name='msqschema')\n")
    result = subprocess.run([sys.executable, "-c", script, str(TAJIKISTAN)], capture_output=True,
                            text=True, timeout=60, check=False)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.endswith("1 file checked: 1 with problems (1 warning)\n")


def test_an_input_error_names_its_file(tmp_path):
    with pytest.raises(InputError) as missing:
        load_response(tmp_path / "nope.yaml")
    assert str(missing.value) == f"{tmp_path}/nope.yaml: No such file or directory"
    broken = tmp_path / "broken.yaml"
    broken.write_text("answers: [\n")
    with pytest.raises(InputError) as unreadable:
        load_response(broken)
    assert str(unreadable.value).startswith(f"{broken}:2:1: ")


def test_render_takes_a_response_file_as_a_path_or_a_string(msq2020, tajikistan):
    expected = render(msq2020, "md", tajikistan)
    assert render(msq2020, "md", str(TAJIKISTAN)) == expected
    assert render(msq2020, "md", TAJIKISTAN) == expected


def test_an_extraction_has_a_short_repr(tmp_path, msq2020, tajikistan):
    form = tmp_path / "form.docx"
    form.write_bytes(render(msq2020, "docx", tajikistan))
    extraction = extract(form)
    assert repr(extraction) == (f"Extraction(file={str(form)!r}, questionnaire='msq2020', "
                                f"answers={len(extraction.answers)}, problems=0)")


def test_dir_lists_the_public_api():
    assert set(msqschema.__all__) <= set(dir(msqschema))



def test_a_control_character_in_a_key_is_escaped_so_each_problem_stays_one_line(tmp_path):
    (tmp_path / "f.yaml").write_text('footnotes:\n  "\\v": x\n  "\\u2028": y\n')
    result = run("lint", tmp_path / "f.yaml")
    lines = [line for line in result.stdout.splitlines() if "footnotes." in line]
    assert [line.split(": ", 1)[1] for line in lines] == [
        "error[L104] footnotes.\\x0b: '\\x0b' is not a snake_case id (lower-case letters, "
        "digits, _)",
        "error[L104] footnotes.\\u2028: '\\u2028' is not a snake_case id (lower-case letters, "
        "digits, _)"]
    assert result.exit_code == 1
