"""Tests for `msqschema validate` and `msqschema schema` through click's CliRunner: exact output,
exit statuses, formats, folders, standard input and every kind of unreadable input."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from msqschema.cli import cli
from msqschema.responses.schema import response_schema

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = Path(__file__).parent / "examples" / "responses"
TAJIKISTAN = ROOT / "examples" / "responses" / "tajikistan-2019.yaml"
MSQ2020 = ROOT / "questionnaires" / "msq2020.yaml"
WARNING = ("tajikistan-2019.yaml:43:3: warning[V201] Q13 satisfaction_published: answered although "
           "Q12 satisfaction_measured is unanswered (asked only if it is 'yes')\n")


def run(*args: str, stdin: bytes | None = None):
    result = CliRunner().invoke(cli, list(args), input=stdin)
    # no traceback ever: the only exception that may leave a command is SystemExit
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


@pytest.fixture
def here(tmp_path, monkeypatch):
    """A temporary working folder, so that file names in the output are short and stable."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(folder: Path, name: str, content: str | bytes) -> str:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return name


# --- the Tajikistan example -------------------------------------------------------------------


def test_the_tajikistan_example_is_valid_with_its_warning_printed(here):
    shutil.copy(TAJIKISTAN, here)
    result = run("validate", "tajikistan-2019.yaml")
    assert result.stdout == WARNING + "1 file checked: 1 with problems (1 warning)\n"
    assert result.exit_code == 0


def test_strict_turns_the_warning_into_exit_status_1(here):
    shutil.copy(TAJIKISTAN, here)
    result = run("validate", "--strict", "tajikistan-2019.yaml")
    assert result.stdout == WARNING + "1 file checked: 1 with problems (1 warning)\n"
    assert result.exit_code == 1


def test_github_format_prints_annotations(here):
    shutil.copy(TAJIKISTAN, here)
    result = run("validate", "--format", "github", "tajikistan-2019.yaml")
    assert result.stdout == (
        "::warning file=tajikistan-2019.yaml,line=43,col=3,title=V201 Q13 satisfaction_published"
        "::Q13 satisfaction_published: answered although Q12 satisfaction_measured is "
        "unanswered (asked only if it is 'yes')\n"
        + "1 file checked: 1 with problems (1 warning)\n")


def test_json_format_is_one_document_with_every_file_and_a_summary(here):
    shutil.copy(TAJIKISTAN, here)
    write(here, "broken.yaml", "questionnaire: msq2020\nanswers: [\n")
    result = run("validate", "--format", "json", "tajikistan-2019.yaml", "broken.yaml")
    document = json.loads(result.stdout)
    assert document["version"] == 1
    assert [entry["file"] for entry in document["files"]] == ["tajikistan-2019.yaml",
                                                              "broken.yaml"]
    assert document["files"][0]["valid"] is True
    assert document["files"][0]["problems"] == [{
        "code": "V201", "severity": "warning", "file": "tajikistan-2019.yaml", "line": 43,
        "column": 3, "pointer": "/answers/satisfaction_published", "question": "13",
        "question_id": "satisfaction_published",
        "message": "answered although Q12 satisfaction_measured is unanswered "
                   "(asked only if it is 'yes')"}]
    assert document["files"][1]["problems"][0]["code"] == "R001"
    assert document["summary"] == {"files": 2, "files_with_problems": 2, "errors": 1,
                                   "warnings": 1, "unreadable": 1}
    assert result.exit_code == 2


# --- folders, standard input, questionnaires --------------------------------------------------


def test_a_folder_is_searched_in_sorted_order_skipping_hidden_and_other_files(here):
    valid = "questionnaire: msq2020\nanswers: {}\n"
    for name in ("b.yaml", "a/z.json", "a/y.yml", "c.txt", ".hidden/x.yaml", "a/.x.yaml"):
        write(here, f"responses/{name}", '{"questionnaire": "msq2020", "answers": {"country": 1}}'
              if name.endswith(".json") else valid)
    result = run("validate", "responses")
    assert result.stdout == (
        "responses/a/z.json:1:53: error[V102] country: answer must be text or empty, not 1 "
        "(put it in quotes to keep it as text)\n"
        "3 files checked: 1 with problems (1 error)\n")
    assert result.exit_code == 1


def test_the_valid_examples_folder_is_clean():
    result = run("validate", str(EXAMPLES / "valid"))
    assert result.stdout == "8 files checked: no problems\n"
    assert result.exit_code == 0


def test_standard_input_is_read_with_a_dash():
    result = run("validate", "-", stdin=b'{"questionnaire": "msq2020", "answers": {"contry": "x"}}')
    assert result.stdout == (
        "<stdin>:1:42: error[V101] unknown key 'contry' (did you mean 'country'?)\n"
        "1 file checked: 1 with problems (1 error)\n")
    assert result.exit_code == 1


def test_a_questionnaire_given_with_q_is_checked_against_the_response(here):
    write(here, "r.yaml", "questionnaire: msq2018\nanswers: {country: Tajikistan}\n")
    result = run("validate", "-q", "msq2020", "r.yaml")
    assert result.stdout == ("r.yaml:1:16: error[V108] questionnaire must be 'msq2020', not "
                             "'msq2018'\n1 file checked: 1 with problems (1 error)\n")
    assert result.exit_code == 1


def test_a_response_naming_no_bundled_questionnaire_is_a_problem_of_the_file(here):
    write(here, "r.yaml", "questionnaire: msq2018\nanswers: {}\n")
    result = run("validate", "r.yaml")
    assert result.stdout == (
        "r.yaml:1:16: error[V108] no questionnaire 'msq2018' is bundled "
        "(bundled: business_survey, msq2020, wellbeing_scale); give its file with -q\n"
        "1 file checked: 1 with problems (1 error)\n")
    assert result.exit_code == 1


def test_an_unknown_questionnaire_with_q_is_a_usage_error(here):
    write(here, "r.yaml", "questionnaire: msq2020\nanswers: {}\n")
    result = run("validate", "-q", "nope", "r.yaml")
    assert result.stdout == ""
    assert result.stderr == ("nope: error[R001] no such questionnaire file or bundled "
                             "questionnaire (bundled: business_survey, msq2020, wellbeing_scale)\n")
    assert result.exit_code == 2


def test_no_path_is_a_usage_error():
    result = run("validate")
    assert "Missing argument 'PATH...'" in result.stderr
    assert result.exit_code == 2


def test_help_shows_examples():
    assert "msqschema validate --strict responses/" in run("validate", "--help").stdout
    assert "msqschema schema msq2020 -o" in run("schema", "--help").stdout


# --- unreadable input: one line each, exit 2, and the run goes on ------------------------------

BILLION_LAUGHS = "\n".join(
    ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    + [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]) + "\n"

UNREADABLE = {
    "billion-laughs.yaml": (BILLION_LAUGHS, ":2:10: error[R001] aliases are not allowed"),
    "deep.yaml": ("answers: " + "[" * 100 + "]" * 100 + "\n",
                  ":1:73: error[R001] nesting is deeper than 64 levels"),
    "deep.json": ("[" * 100_000, ":1:65: error[R001] nesting is deeper than 64 levels"),
    "latin1.yaml": (b"questionnaire: msq2020\nanswers: {country: C\xf4te d'Ivoire}\n",
                    ":2:21: error[R001] not UTF-8 text: byte 0xf4 cannot start or "
                    "continue a character"),
    "empty.yaml": ("", ": error[R001] the file is empty"),
    "comments.yaml": ("# nothing yet\n", ": error[R001] the file is empty"),
    "image.yaml": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", ": error[R001] binary file, not text"),
    "syntax.yaml": ("questionnaire: msq2020\nanswers: [\n",
                    ":3:1: error[R001] did not find expected node content (while parsing a flow "
                    "node)"),
    "two.yaml": ("questionnaire: msq2020\n---\nanswers: {}\n",
                 ":2:1: error[R001] the file holds more than one YAML document"),
    "tag.yaml": ("questionnaire: !!python/object:os.system x\n",
                 ":1:16: error[R001] the tag !!python/object:os.system is not allowed here"),
    "huge.yaml": ("a: '" + "x" * (8 * 1024 * 1024) + "'\n",
                  ": error[R001] the file is larger than 8,388,608 bytes"),
    "nan.json": ('{"questionnaire": NaN}', ":1:19: error[R001] NaN is not allowed in JSON"),
}


@pytest.mark.parametrize("name", UNREADABLE)
def test_unreadable_input_gives_one_line_with_its_position_and_exit_2(here, name):
    content, line = UNREADABLE[name]
    write(here, name, content)
    result = run("validate", name)
    assert result.stdout == (f"{name}{line}\n"
                             "1 file checked: 1 with problems (1 error, 1 unreadable)\n")
    assert result.exit_code == 2


def test_one_unreadable_file_does_not_stop_the_run(here):
    write(here, "a-broken.yaml", b"\xff\xfe")
    shutil.copy(TAJIKISTAN, here)
    result = run("validate", ".")
    assert result.stdout == (
        "./a-broken.yaml:1:1: error[R001] not UTF-8 text: byte 0xff cannot start or continue a "
        "character\n" + "./" + WARNING
        + "2 files checked: 2 with problems (1 error, 1 warning, 1 unreadable)\n")
    assert result.exit_code == 2


def test_a_missing_file_is_unreadable(here):
    result = run("validate", "missing.yaml")
    assert result.stdout == ("missing.yaml: error[R001] No such file or directory\n"
                             "1 file checked: 1 with problems (1 error, 1 unreadable)\n")
    assert result.exit_code == 2


def test_duplicate_keys_are_problems_of_the_file_not_unreadable_input(here):
    write(here, "dup.yaml", "questionnaire: msq2020\nanswers:\n  country: A\n  country: B\n")
    result = run("validate", "dup.yaml")
    assert result.stdout == (
        "dup.yaml:4:3: error[V106] country: key 'country' is repeated (first at line 3); only "
        "the first value is kept\n1 file checked: 1 with problems (1 error)\n")
    assert result.exit_code == 1


# --- msqschema schema -------------------------------------------------------------------------


def test_schema_prints_the_response_schema_as_json(msq2020):
    result = run("schema")
    assert json.loads(result.stdout) == response_schema(msq2020)
    assert result.stdout.endswith("}\n")
    assert result.exit_code == 0


def test_schema_writes_a_file_with_o(here, msq2020):
    result = run("schema", "msq2020", "-o", "out/msq2020.schema.json")
    assert (result.stdout, result.exit_code) == ("", 0)
    written = json.loads((here / "out" / "msq2020.schema.json").read_text(encoding="utf-8"))
    assert written == response_schema(msq2020)


def test_schema_never_overwrites_its_questionnaire(here):
    write(here, "q.yaml", MSQ2020.read_text(encoding="utf-8"))
    result = run("schema", "q.yaml", "-o", "q.yaml")
    assert (result.stderr, result.exit_code) == (
        "msqschema: q.yaml: refusing to overwrite an input file\n", 2)
    assert (here / "q.yaml").read_text(encoding="utf-8") == MSQ2020.read_text(encoding="utf-8")


def test_schema_that_cannot_be_written_leaves_nothing_behind(here):
    write(here, "taken", "a file, not a folder")
    result = run("schema", "-o", "taken/schema.json")
    assert result.stderr.startswith("msqschema: taken/schema.json: ")
    assert result.stderr.count("\n") == 1
    assert result.exit_code == 2
    assert sorted(path.name for path in here.iterdir()) == ["taken"]


def test_schema_of_an_unknown_questionnaire_is_a_usage_error():
    result = run("schema", "nope")
    assert result.stderr == ("nope: error[R001] no such questionnaire file or bundled "
                             "questionnaire (bundled: business_survey, msq2020, wellbeing_scale)\n")
    assert result.exit_code == 2


# --- start-up -----------------------------------------------------------------------------------

HEAVY = ("jsonschema", "jinja2", "markdown_it")
COMMAND_MODULES = tuple(f"msqschema.cli.{name}"
                        for name in ("extract", "lint", "render", "schema", "validate"))
IMPORTED = """
import gc, sys
from msqschema.entry import main
sys.argv = ["msqschema", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
print(" ".join(name for name in {names!r} if name in sys.modules), file=sys.stderr)
print(gc.get_threshold()[0], gc.get_freeze_count() > 0)
"""


def run_main(*args: str, names: tuple[str, ...] = HEAVY) -> tuple[set[str], str]:
    """Which of `names` a run of the command line imports, and the collector's settings after."""
    import subprocess
    import sys

    run = subprocess.run([sys.executable, "-c", IMPORTED.format(names=names), *args],
                         capture_output=True, text=True, check=True)
    return set(run.stderr.split()), run.stdout.splitlines()[-1]


def imported(*args: str) -> set[str]:
    """Which heavy libraries a run of the command line imports."""
    return run_main(*args)[0]


def test_a_command_imports_only_its_own_module():
    assert run_main("validate", str(TAJIKISTAN), names=COMMAND_MODULES)[0] == {
        "msqschema.cli.validate"}
    assert run_main("--help", names=COMMAND_MODULES)[0] == set(COMMAND_MODULES)


def test_the_command_line_collects_garbage_rarely_and_freezes_on_the_way_out():
    from msqschema.entry import GC_THRESHOLD

    assert run_main("validate", str(TAJIKISTAN))[1] == f"{GC_THRESHOLD} True"


CLICK_SPY = """
import gc, sys

class Spy:
    def find_spec(self, name, path=None, target=None):
        if name == "click":
            print("click imported with threshold", gc.get_threshold()[0])

sys.meta_path.insert(0, Spy())
from msqschema.entry import main
sys.argv = ["msqschema", "--version"]
try:
    main()
except SystemExit:
    pass
"""


def test_the_program_sets_the_collector_before_it_imports_click():
    import subprocess
    import sys

    from msqschema.entry import GC_THRESHOLD

    run = subprocess.run([sys.executable, "-c", CLICK_SPY], capture_output=True, text=True,
                         check=True)
    assert f"click imported with threshold {GC_THRESHOLD}" in run.stdout.splitlines()


def test_the_pre_commit_hook_runs_validate_on_response_files():
    import re

    import yaml

    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert (hook["id"], hook["entry"], hook["language"]) == (
        "msqschema-validate", "msqschema validate", "python")
    matches = re.compile(hook["files"]).search
    assert all(matches(name) for name in ("responses/a.yaml", "responses/2019/b.yml"))
    assert not any(matches(name) for name in (
        ".pre-commit-config.yaml", ".github/workflows/ci.yml", "schemas/q.json", "r/responses/a"))
    assert hook["types_or"] == ["yaml", "json"]  # pre-commit's file types: .yaml, .yml, .json


def test_the_pre_commit_hook_runs_once_and_shows_warnings_on_success():
    import yaml

    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["require_serial"] is True  # one process, one summary
    assert hook["verbose"] is True  # a run that passes with warnings still shows them


@pytest.mark.parametrize("args", [("--help",), ("--version",), ("validate", "--help")])
def test_help_and_version_import_no_heavy_library(args):
    assert imported(*args) == set()


def test_an_unknown_command_is_a_usage_error():
    result = run("valdate", "x.yaml")
    assert result.exit_code == 2
    assert "No such command 'valdate'" in result.stderr


def test_a_command_added_to_the_group_is_run(monkeypatch):
    import click

    @click.command("hello")
    def hello() -> None:
        click.echo("hi")

    monkeypatch.setattr(cli, "commands", {"hello": hello})
    assert run("hello").output == "hi\n"
    assert "hello" in run("--help").output


def test_a_valid_file_is_checked_without_any_heavy_library():
    """No jsonschema, no jinja2, and no Markdown parser: validation never reads the bundled
    questionnaire's texts."""
    assert imported("validate", str(TAJIKISTAN)) == set()
    assert imported("validate", "-q", "msq2020", str(TAJIKISTAN)) == set()


def test_an_invalid_file_is_explained_without_jsonschema():
    """The compiled schema explains what it refuses itself (jsonschema costs ~45 ms to import)."""
    result = run("validate", str(EXAMPLES / "invalid" / "formats.yaml"))
    assert result.exit_code == 1 and "error[V105]" in result.output
    assert imported("validate", str(EXAMPLES / "invalid" / "formats.yaml")) == set()


def test_a_valid_file_is_checked_without_openssl_or_the_python_pickler():
    """The stored questionnaire is found and read with `_blake2` and `_pickle` alone: `hashlib`
    loads OpenSSL and `pickle` its Python half, which only storing a model needs."""
    unneeded = ("hashlib", "_hashlib", "pickle")
    run_main("validate", str(TAJIKISTAN))  # stores the model, if no test did yet
    assert run_main("validate", str(TAJIKISTAN), names=unneeded)[0] == set()


COMPILES = """
import re, sys
compiled_by = set()
original = re._compile

def spy(pattern, flags):
    caller = sys._getframe(1)
    while caller.f_code.co_filename.endswith(("re/__init__.py", "patterns.py")):
        caller = caller.f_back
    if "msqschema" in caller.f_code.co_filename and pattern not in re._cache:
        compiled_by.add(caller.f_code.co_filename.rpartition("msqschema")[2])
    return original(pattern, flags)

re._compile = spy
from msqschema.entry import main
sys.argv = ["msqschema", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
print(*sorted(compiled_by), file=sys.stderr)
"""


def test_a_valid_file_compiles_only_the_patterns_validation_uses():
    """Patterns that only lint, render, extract or a problem's report use are compiled on first
    use (`msqschema.patterns`), not when their module is imported by every command; those
    compiled are YAML's scalars, answer formats, character counts and blank answers."""
    import subprocess
    import sys

    valid = ROOT / "examples" / "responses" / "business-survey-example.yaml"
    run_main("validate", str(valid))  # stores the model, if no test did yet
    run = subprocess.run([sys.executable, "-c", COMPILES, "validate", str(valid)],
                         capture_output=True, text=True, check=True)
    assert run.stdout == "1 file checked: no problems\n"
    assert set(run.stderr.split()) <= {"/yamlio.py", "/responses/keywords.py",
                                       "/responses/wordcount.py", "/conditions.py"}


def test_a_questionnaire_file_is_checked_in_full_before_validating(tmp_path):
    """Only a bundled questionnaire, linted by the test suite, goes unchecked; any other one gets
    every check, texts included."""
    copy = tmp_path / "msq2020.yaml"
    copy.write_bytes(MSQ2020.read_bytes())
    assert "markdown_it" in imported("validate", "-q", str(copy), str(TAJIKISTAN))


def test_github_titles_name_the_code_and_the_question_or_only_the_code():
    from msqschema.problems import Problem, Report
    from msqschema.reporters import GithubReporter

    about_question = Problem("V104", "error", "300 words; the limit is 250", file="r.yaml",
                             line=3, column=5, question="14", question_id="social_media")
    about_respondent = Problem("V105", "error", "bad", file="r.yaml", question_id="respondent")
    about_file = Problem("V108", "error", "no questionnaire", file="r, 1.yaml")
    assert GithubReporter().file(Report("r.yaml", (about_question, about_respondent,
                                                   about_file))) == (
        "::error file=r.yaml,line=3,col=5,title=V104 Q14 social_media::"
        "Q14 social_media: 300 words; the limit is 250\n"
        "::error file=r.yaml,title=V105 respondent::respondent: bad\n"
        "::error file=r%2C 1.yaml,title=V108::no questionnaire\n")


# --- the problems printed per file ------------------------------------------------------------


def with_unknown_keys(here: Path, count: int) -> str:
    extra = "".join(f"  unknown_{i}: x\n" for i in range(count))
    return write(here, "many.yaml", TAJIKISTAN.read_bytes() + extra.encode())


def test_max_problems_prints_the_first_problems_then_how_many_more(here):
    with_unknown_keys(here, 3)
    result = run("validate", "--max-problems", "2", "many.yaml")
    assert result.stdout == (
        WARNING.replace("tajikistan-2019", "many")
        + "many.yaml:72:3: error[V101] unknown key 'unknown_0'\n"
        + "many.yaml: … and 2 more problems\n"
        + "1 file checked: 1 with problems (3 errors, 1 warning)\n")
    assert result.exit_code == 1


def test_problems_left_out_count_in_the_exit_status(here):
    with_unknown_keys(here, 1)
    result = run("validate", "--max-problems", "1", "many.yaml")
    assert result.stdout == (WARNING.replace("tajikistan-2019", "many")
                             + "many.yaml: … and 1 more problem\n"
                             + "1 file checked: 1 with problems (1 error, 1 warning)\n")
    assert result.exit_code == 1


def test_a_hundred_problems_are_printed_by_default_and_zero_prints_all(here):
    with_unknown_keys(here, 150)
    lines = run("validate", "many.yaml").stdout.splitlines()
    assert len(lines) == 102
    assert lines[-2:] == ["many.yaml: … and 51 more problems",
                          "1 file checked: 1 with problems (150 errors, 1 warning)"]
    assert len(run("validate", "--max-problems", "0", "many.yaml").stdout.splitlines()) == 152


def test_json_and_github_formats_count_the_problems_left_out(here):
    with_unknown_keys(here, 3)
    document = json.loads(run("validate", "--format", "json", "--max-problems", "1",
                              "many.yaml").stdout)
    assert [len(document["files"][0]["problems"]), document["files"][0]["more_problems"]] == [1, 3]
    assert document["summary"]["errors"] == 3
    github = run("validate", "--format", "github", "--max-problems", "1", "many.yaml").stdout
    assert github.splitlines()[1] == "::notice file=many.yaml::… and 3 more problems"


def test_max_problems_must_be_a_count(here):
    result = run("validate", "--max-problems", "-1", "x.yaml")
    assert result.exit_code == 2
    assert "-1 is not in the range x>=0" in result.stderr


def test_a_folder_with_a_link_loop_and_a_fifo_is_walked_without_following_them(here):
    import os

    folder = here / "responses"
    folder.mkdir()
    (folder / "loop").symlink_to(folder, target_is_directory=True)
    os.mkfifo(folder / "pipe.yaml")
    write(here, "responses/one.yaml", "questionnaire: msq2020\nanswers: {country: Tajikistan}\n")
    result = run("validate", "responses")
    assert (result.exit_code, result.stdout) == (0, "1 file checked: no problems\n")


# --- worker processes (-j) --------------------------------------------------------------------


def test_jobs_give_the_same_output_in_the_same_order(here):
    """Enough files for two workers: valid, invalid, unreadable and naming no bundled
    questionnaire, interleaved; every format prints exactly what one process prints."""
    valid = TAJIKISTAN.read_text(encoding="utf-8")
    for number in range(90):
        content = [valid, valid + "  social_medai: typo\n", "answers: [unclosed\n",
                   "questionnaire: mine\nanswers: {}\n", valid.replace("2019", "2019x", 1)][
            number % 5]
        write(here, f"folder/r{number:03d}.yaml", content)
    for output_format in ("text", "json", "github"):
        alone = run("validate", "folder", "--format", output_format)
        assert alone.exit_code == 2 and alone.stdout.count("r0") >= 90
        for jobs in ("2", "3", "0"):
            together = run("validate", "-j", jobs, "folder", "--format", output_format)
            assert (together.exit_code, together.stdout) == (alone.exit_code, alone.stdout)


def test_jobs_must_be_a_count(here):
    result = run("validate", "-j", "-1", "x.yaml")
    assert result.exit_code == 2
    assert "Invalid value for '-j' / '--jobs': -1 is not in the range x>=0." in result.stderr


def test_jobs_with_standard_input_read_it(here):
    for number in range(70):
        write(here, f"folder/r{number:03d}.yaml", TAJIKISTAN.read_text(encoding="utf-8"))
    stdin = b"questionnaire: msq2020\nanswers: {country: 2019}\n"
    alone = run("validate", "folder", "-", stdin=stdin)
    together = run("validate", "-j", "2", "folder", "-", stdin=stdin)
    assert "<stdin>:2:20: error[V102]" in alone.stdout
    assert (together.exit_code, together.stdout) == (alone.exit_code, alone.stdout)


def test_a_worker_that_dies_is_one_line_and_exit_2_never_a_hang(here, monkeypatch):
    """A worker killed (out of memory, a signal) ends the run with one line, exit 2."""
    from msqschema.responses import batch

    checked_by = batch._check

    def dies_on_the_last(questionnaire, file, max_problems):
        if file.endswith("r069.yaml"):
            os._exit(9)  # as if killed: the worker never reports
        return checked_by(questionnaire, file, max_problems)

    monkeypatch.setattr(batch, "_check", dies_on_the_last)  # inherited by forked workers
    for number in range(70):
        write(here, f"folder/r{number:03d}.yaml", TAJIKISTAN.read_text(encoding="utf-8"))
    result = run("validate", "-j", "2", "folder")
    assert result.exit_code == 2
    assert result.stderr == (
        "msqschema: a worker process stopped before it reported (killed, or out of memory?); "
        "the reports above are complete, run again with -j 1 for the rest\n")
