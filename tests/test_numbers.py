"""Numeric questions: reading numbers typed into Word, writing them, validating them, required
answers."""

from __future__ import annotations

import decimal
import io
import json
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from msqschema.questionnaire.loader import load_questionnaire
from msqschema.render import render
from msqschema.responses.keywords import decimal_places
from msqschema.responses.validation import validate
from msqschema.types.number import NumberView, format_number, read_number

NUMBERS = Path(__file__).parent / "examples" / "questionnaires" / "valid" / "numbers.yaml"


@pytest.fixture(scope="module")
def numbers():
    return load_questionnaire(NUMBERS)


@pytest.mark.parametrize("typed, decimals, number", [
    ("1234", None, 1234), ("1 234,5", None, 1234.5), ("1,234.5", None, 1234.5),
    ("1.234,5", None, 1234.5), ("30 %", None, 30), ("30%", None, 30), ("EUR 12", None, 12),
    ("€ 12,50", None, 12.5), ("-3", None, -3), ("0,125", None, 0.125), ("12,5", None, 12.5),
    ("1.234.567", None, 1234567), ("1\u00a0234", None, 1234), ("7.6030", None, 7.603),
    ("1,234", 0, 1234), ("1.234", 2, 1234)])
def test_what_people_type_in_word_is_read(typed, decimals, number):
    assert read_number(typed, decimals) == number


@pytest.mark.parametrize("typed, reason", [
    ("1,234", "ambiguous"), ("1.234", "ambiguous"), ("abc", "not a number"),
    ("1,23,4", "not a number"), ("1,5e3", "not a number"), ("", "not a number")])
def test_what_cannot_be_read_unambiguously_is_refused(typed, reason):
    result = read_number(typed)
    assert isinstance(result, str) and reason in result


@pytest.mark.parametrize("value, text", [(30.0, "30"), (1234.5, "1234.5"), (1e-7, "0.0000001"),
                                         (12, "12"), (-0.5, "-0.5")])
def test_numbers_are_written_as_people_write_them(value, text):
    assert format_number(value) == text


def test_a_number_that_reads_like_a_thousands_group_gets_a_zero_in_word(numbers):
    view = NumberView(numbers.question("hours"), "hours", 7.603)
    assert view.number_text == "7.6030" and read_number(view.number_text) == 7.603


def _problems(numbers, answers):
    data = json.dumps({"questionnaire": "numbers", "answers": answers}).encode()
    return [(problem.code, problem.question_id, problem.message)
            for problem in validate(numbers, data).problems]


@pytest.mark.parametrize("answer, code, words", [
    ("14", "V102", "write the number with digits and no quotes"),
    ("forty-five", "V102", "write the number with digits"),
    ("£250,000", "V102", "write the number with digits"),
    (True, "V102", "not true"),
    (12.5, "V102", "must be a whole number"),
    (-3, "V110", "less than the minimum of 0")])
def test_a_number_question_refuses_what_is_not_its_number(numbers, answer, code, words):
    found = _problems(numbers, {"employees": answer, "staff": {"managers": 1}})
    assert [(c, q) for c, q, _ in found] == [(code, "employees")]
    assert words in found[0][2]


@pytest.mark.parametrize("text", [".inf", ".nan", "1e400", "-.inf"])
def test_numbers_that_cannot_be_written_down_are_refused_once(numbers, text, tmp_path):
    response = tmp_path / "r.yaml"
    response.write_text(f"questionnaire: numbers\nanswers:\n  hours: {text}\n  employees: 1\n"
                        "  staff: {managers: 1}\n")
    found = [(p.code, p.line, p.column) for p in validate(numbers, response).problems]
    assert found == [("V111", 3, 10)]


def test_decimal_places_and_bounds_naming_another_answer(numbers):
    found = _problems(numbers, {"employees": 10, "part_time": 12, "hours": 37.55,
                                "staff": {"managers": 1}})
    assert found == [
        ("V110", "part_time", "12 is more than the answer to 'employees' (10), by 2"),
        ("V111", "hours", "37.55 has 2 decimal places; at most 1 decimal place")]


def test_a_required_question_is_an_error_only_when_asked(numbers):
    assert _problems(numbers, {"employees": 3, "exports": "no", "staff": {"managers": 1}}) == []
    found = _problems(numbers, {"employees": 3, "exports": "yes", "staff": {"others": 2}})
    assert found == [
        ("V112", "export_share", "required but not answered (asked because Q6 exports is 'yes')"),
        ("V112", "managers", "required but not answered")]


def test_an_unanswered_required_question_is_reported_at_the_answers(numbers, tmp_path):
    response = tmp_path / "r.yaml"
    response.write_text("questionnaire: numbers\nanswers:\n  hours: 3\n")
    found = [(p.code, p.line, p.column, p.question) for p in validate(numbers, response).problems]
    assert found == [("V112", 3, 3, "1"), ("V112", 3, 3, "8a")]


def test_the_forms_show_the_range_unit_and_answer(numbers):
    answers = {"employees": 1200, "hours": 37.5, "turnover": 250000.5, "online_share": 30}
    html = render(numbers, "html")
    assert 'type="number"' in html and 'inputmode="numeric"' in html and 'min="0"' in html
    assert '<span class="unit">people</span>' in html
    assert "A whole number of at least 0" in html
    filled = render(numbers, "md", {"questionnaire": "numbers", "answers": answers})
    assert "1200 people" in filled and "250000.5 EUR" in filled and "30 %" in filled
    blank = render(numbers, "md")
    assert "*Answer (a percentage from 0 to 100):* ___" in blank


def test_required_questions_are_marked_in_every_format(numbers):
    html = render(numbers, "html")
    assert html.count('<span class="required" aria-hidden="true"> *</span>') == 3
    assert 'aria-required="true"' in html and "marks a question that must be answered" in html
    markdown = render(numbers, "md")
    assert "\\* marks a question that must be answered." in markdown
    assert "How many people did the business employ on 31 December? \\*" in markdown
    docx = render(numbers, "docx")
    assert isinstance(docx, bytes)
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        document = package.read("word/document.xml").decode()
    assert document.count('<w:t xml:space="preserve"> *</w:t>') == 3
    assert "* marks a question that must be answered." in document


def test_a_questionnaire_without_required_questions_has_no_legend(msq2020):
    assert not msq2020.has_required
    assert "must be answered" not in render(msq2020, "html")


def test_a_whole_number_of_any_size_is_a_number_and_never_a_traceback(numbers):
    huge = int("9" * 400)
    assert _problems(numbers, {"employees": huge, "part_time": 1, "staff": {"managers": 1}}) == []
    assert "people" in render(numbers, "md", {"questionnaire": "numbers",
                                              "answers": {"employees": huge}})
    assert "more than 300 digits" in str(read_number("9" * 5000))


@pytest.mark.parametrize("value, message", [
    ("45.0", None), ("45", None), ("0.0", None), ("1e3", None),
    ("45.5", "45.5 has 1 decimal place; no decimal places"),
    ("1e-7", "1e-07 has 7 decimal places; no decimal places")])
def test_decimal_places_are_those_of_the_number_not_of_its_trailing_zeros(value, message):
    """A whole number written 45.0 (as JSON writers do) has no decimal places, as `integer`
    takes 45.0 for 45; and one place is said in the singular."""
    text = f"questionnaire: business_survey\nanswers:\n  turnover: {value}\n"
    found = [problem.message for problem in validate(None, text.encode()).problems
             if problem.code == "V111"]
    assert found == ([message] if message else [])


def test_nan_is_told_once_as_a_number_that_cannot_be_written_not_also_out_of_range():
    """NaN is neither below a minimum nor above a maximum (as jsonschema has it): one V111."""
    text = ("questionnaire: business_survey\nanswers:\n  turnover: .nan\n"
            "  online_sales_share: .nan\n")
    found = [(problem.code, problem.line) for problem in validate(None, text.encode()).problems
             if problem.code in ("V110", "V111")]
    assert found == [("V111", 3), ("V111", 4)]


@given(st.floats(allow_nan=False, allow_infinity=False).filter(lambda x: not x.is_integer()))
def test_decimal_places_are_those_of_the_shortest_decimal_form(number):
    exponent = decimal.Decimal(repr(number)).as_tuple().exponent
    assert decimal_places(number) == -exponent
