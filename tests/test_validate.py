"""Tests for response validation (msqschema.responses.validation), driven by example files.

tests/examples/responses/valid/* must validate without any problem. Each
tests/examples/responses/invalid/NAME.yaml has a sidecar NAME.expected listing every problem
`validate` must report, one a line, as `LINE:COL CODE [Qref] question_id: message`, in order.
After changing a message on purpose, rewrite the sidecars with

    python tests/test_validate.py --regenerate

and read the diff before committing it.
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

import msqschema
from msqschema.problems import CODES, InputError, Problem
from msqschema.reporters import subject
from msqschema.responses.response import load_response
from msqschema.responses.validation import validate

ROOT = Path(__file__).resolve().parents[1]
TAJIKISTAN = ROOT / "examples" / "responses" / "tajikistan-2019.yaml"
EXAMPLES = Path(__file__).parent / "examples" / "responses"
VALID = sorted(path for path in (EXAMPLES / "valid").iterdir() if path.suffix in (".yaml", ".json"))
INVALID = sorted((EXAMPLES / "invalid").glob("*.yaml"))


def problem_lines(problems: tuple[Problem, ...]) -> list[str]:
    return [f"{p.line}:{p.column} {p.code} {subject(p)}{p.message}" for p in problems]


def expected_lines(example: Path) -> list[str]:
    return example.with_suffix(".expected").read_text(encoding="utf-8").splitlines()


def test_the_example_folders_are_not_empty():
    assert len(VALID) >= 5 and len(INVALID) >= 10
    assert all(path.with_suffix(".expected").is_file() for path in INVALID)


@pytest.mark.parametrize("example", VALID, ids=lambda path: path.name)
def test_valid_example_has_no_problem(example):
    report = validate(None, example)
    assert report.problems == ()
    assert report.ok(strict=True)


@pytest.mark.parametrize("example", INVALID, ids=lambda path: path.stem)
def test_invalid_example_reports_exactly_the_expected_problems(example):
    report = validate(None, example)
    assert problem_lines(report.problems) == expected_lines(example)
    assert not report.ok(strict=True)
    for problem in report.problems:
        assert problem.file == str(example)
        assert problem.severity == CODES[problem.code].severity
        assert problem.code.startswith("V")
        assert problem.pointer.startswith("/") or problem.pointer == ""


def test_the_tajikistan_example_only_warns_that_13_is_answered_without_12(msq2020, tajikistan):
    report = validate(msq2020, tajikistan)
    assert problem_lines(report.problems) == [
        "43:3 V201 Q13 satisfaction_published: answered although Q12 satisfaction_measured is "
        "unanswered (asked only if it is 'yes')"]
    assert report.ok() and not report.ok(strict=True)
    assert report.problems[0].pointer == "/answers/satisfaction_published"
    assert (report.problems[0].question, report.problems[0].question_id) == (
        "13", "satisfaction_published")


def test_a_response_given_as_json_bytes_is_read_as_json(msq2020):
    data = {"questionnaire": "msq2020", "answers": {"country": 7}}
    report = validate(msq2020, json.dumps(data, indent=1).encode())
    assert problem_lines(report.problems) == [
        "4:14 V102 country: answer must be text or empty, not 7 (put it in quotes to keep it "
        "as text)"]
    assert report.file == "<bytes>"


def test_a_questionnaire_given_by_name_is_checked_against_the_response(msq2020):
    report = validate("msq2020", EXAMPLES / "invalid" / "wrong-questionnaire.yaml")
    assert problem_lines(report.problems) == [
        "2:16 V108 questionnaire must be 'msq2020', not 'msq2018'"]


def test_unreadable_input_raises_input_error_with_its_position(msq2020):
    with pytest.raises(InputError) as info:
        validate(msq2020, b"questionnaire: msq2020\nanswers: [\n")
    assert (info.value.problem.code, info.value.problem.line) == ("R001", 3)


@pytest.mark.parametrize("length", [0, 1, 9, 10, 11, 200_000])
def test_a_stream_is_read_up_to_a_limit_in_chunks(length):
    from msqschema.responses.response import READ_CHUNK, _read_at_most

    class Recording(io.BytesIO):
        def read(self, size: int | None = -1) -> bytes:
            asked.append(size)
            return super().read(size)

    data = (bytes(range(256)) * (length // 256 + 1))[:length]
    asked: list[int | None] = []
    assert _read_at_most(Recording(data).read, 10) == data[:10]
    asked.clear()
    limit = 3 * READ_CHUNK + 7
    assert _read_at_most(Recording(data).read, limit) == data[:limit]
    assert all(size is not None and 0 < size <= READ_CHUNK for size in asked)  # never one big read


def test_a_file_is_read_whole_and_a_folder_is_unreadable(tmp_path):
    text = "questionnaire: msq2020\r\nanswers: {}\n" + "# more\n" * 20_000  # several chunks
    (tmp_path / "response.yaml").write_bytes(text.encode())
    assert load_response(tmp_path / "response.yaml").data == {"questionnaire": "msq2020",
                                                              "answers": {}}
    with pytest.raises(InputError) as info:
        load_response(tmp_path)
    assert (info.value.problem.code, info.value.problem.file) == ("R001", str(tmp_path))
    assert "directory" in info.value.problem.message


def test_the_validator_is_built_once_per_questionnaire(msq2020, tajikistan):
    from msqschema.responses.validation import _compiled

    assert _compiled(msq2020) is _compiled(msq2020)


def test_the_public_api_exports_validation():
    assert msqschema.validate is validate
    assert msqschema.load_response is load_response
    assert msqschema.response_schema.__module__ == "msqschema.responses.schema"
    assert msqschema.Response.__module__ == "msqschema.responses.response"


def test_every_problem_code_is_documented():
    documented = (ROOT / "docs" / "problems.md").read_text(encoding="utf-8")
    assert [code for code in CODES if f"| {code} | {CODES[code].name} |" not in documented] == []


def test_the_documented_tajikistan_example_is_the_example_file():
    documented = (ROOT / "docs" / "response-files.md").read_text(encoding="utf-8")
    assert "```yaml\n" + TAJIKISTAN.read_text(encoding="utf-8") + "```\n" in documented


def regenerate() -> None:
    """Rewrite every .expected sidecar from what `validate` reports now."""
    for example in INVALID:
        lines = problem_lines(validate(None, example).problems)
        example.with_suffix(".expected").write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"{example.with_suffix('.expected').name}: {len(lines)} problems")


if __name__ == "__main__" and sys.argv[1:] == ["--regenerate"]:
    regenerate()


def test_each_missing_key_is_reported_once(msq2020):
    report = validate(msq2020, load_response(b"{}", name="empty.json"))
    assert [(p.code, p.message) for p in report.problems] == [
        ("V107", "the document needs the key 'answers'"),
        ("V108", "the document needs the key 'questionnaire'")]


ANSWERED_CONDITION = """\
msqschema: 1
id: answered
title: Answered
language: en
sections:
  - id: only
    title: Only
    questions:
      - {id: who, type: contact, fields: [name, email]}
      - {id: follow_up, type: text, when: {question: who, answered: true}}
"""


def test_answered_holds_for_a_contact_block_with_any_field_filled(tmp_path):
    path = tmp_path / "answered.yaml"
    path.write_text(ANSWERED_CONDITION, encoding="utf-8")
    response = (b'{"questionnaire": "answered", "answers": '
                b'{"who": {"name": "Ann"}, "follow_up": "yes"}}')
    assert validate(str(path), response).problems == ()
