"""Tests for the problem codes and their message templates (msqschema.problems)."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from msqschema.problems import CODES, SCHEMA_VALUE_TEMPLATES, Code, make_problem
from msqschema.questionnaire.loader import LINT_CODES
from msqschema.responses.validation import RESPONSE_CODES

DOCS = Path(__file__).resolve().parents[1] / "docs" / "problems.md"
PASSED_ON = {"R001"}
"""Codes whose message is someone else's words: the operating system's or a parser's."""

TEMPLATES = [(code, situation, template) for code, entry in CODES.items()
             for situation, template in entry.templates().items()]


def fields(template: str) -> list[str]:
    return [name for _, name, _, _ in string.Formatter().parse(template) if name]


def words(template: str) -> str:
    return "".join(text for text, _, _, _ in string.Formatter().parse(template))


@pytest.mark.parametrize("code", [code for code in CODES if code not in PASSED_ON])
def test_every_code_has_message_templates_with_words_of_their_own(code):
    """Not `{message}`: the words are the code's, only the values are filled in (but for a
    keyword msqschema does not word itself, told in jsonschema's words)."""
    for situation, template in CODES[code].templates().items():
        if situation != "keyword":
            assert re.search("[a-z]{2}", words(template)), template


@pytest.mark.parametrize(("code", "situation", "template"), TEMPLATES,
                         ids=[f"{code}-{situation}" for code, situation, _ in TEMPLATES])
def test_every_template_is_filled_from_its_named_values(code, situation, template):
    values = {name: f"<{name}>" for name in fields(template)}
    message = make_problem(CODES[code], situation=situation, **values).message
    assert "{" not in message.replace("[^{", "")
    assert all(f"<{name}>" in message for name in values)


@pytest.mark.parametrize(("code", "situation", "template"), TEMPLATES,
                         ids=[f"{code}-{situation}" for code, situation, _ in TEMPLATES])
def test_every_template_is_documented(code, situation, template):
    assert f"| {situation or '—'} | `{template}` |" in DOCS.read_text(encoding="utf-8") or (
        f"| `` {template} `` |" in DOCS.read_text(encoding="utf-8"))


def test_a_situation_the_code_does_not_have_is_a_mistake():
    with pytest.raises(KeyError):
        CODES["V104"].message("date", value="x", day=1, month=1, year=1)


@pytest.mark.parametrize("table", [LINT_CODES, RESPONSE_CODES], ids=["lint", "validate"])
def test_every_code_given_to_schema_errors_of_values_has_every_situation(table):
    codes: set[Code] = {table.invalid_value} | {
        code for keyword, code in table.by_keyword.items() if keyword not in table.own_values}
    for code in codes:
        assert set(SCHEMA_VALUE_TEMPLATES) <= set(code.templates()), code.code
    assert "required" in table.missing_key.templates()
    assert all("required" in code.templates() for code in table.by_missing_key.values())
    assert "type" in table.wrong_type.templates()


def test_msqschema_keywords_word_jsonschema_errors_with_their_code_templates():
    from msqschema.responses.keywords import validator_class

    validator = validator_class()({"maxWords": 2, "calendarDate": True,
                                    "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"})
    assert [error.message for error in validator.iter_errors("one two three")] == [
        "3 words; the limit is 2",
        "'one two three' does not match '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'"]
    assert [error.message for error in validator.iter_errors("2019-02-30")] == [
        "'2019-02-30' is not a real date (day 30, month 2, year 2019)"]
