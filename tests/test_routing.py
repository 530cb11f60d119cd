"""Tests for conditions wired into the questionnaire: sections skipped by a condition and
questions required by one (tests/examples/questionnaires/valid/routing.yaml)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from msqschema.questionnaire.loader import lint, load_questionnaire
from msqschema.responses.validation import validate

ROUTING = Path(__file__).parent / "examples" / "questionnaires" / "valid" / "routing.yaml"


@pytest.fixture(scope="module")
def routing():
    return load_questionnaire(ROUTING)


def problems(routing, answers):
    data = json.dumps({"questionnaire": "routing", "answers": answers}).encode()
    return [(problem.code, problem.question_id, problem.message)
            for problem in validate(routing, data).problems]


def test_a_skipped_section_asks_none_of_its_questions(routing):
    assert problems(routing, {"trade": "no"}) == []
    assert problems(routing, {"trade": "no", "countries": "France"}) == [
        ("V201", "countries", "answered although Q2 trade is 'no' (asked only if it is one of "
                              "'yes', 'partly')")]


def test_a_required_question_of_a_section_that_is_asked_must_be_answered(routing):
    assert ("V112", "countries", "required but not answered (asked because Q2 trade is one of "
                                 "'yes', 'partly')") in problems(routing, {"trade": "partly"})


def test_required_when_asks_for_an_answer_only_when_its_condition_holds(routing):
    assert problems(routing, {"trade": "yes", "countries": "France"}) == [
        ("V112", "export_value", "required but not answered (required because Q2 trade is one "
                                 "of 'yes', 'partly')")]
    assert problems(routing, {"trade": "no", "export_value": None}) == []


def test_a_numeric_comparison_decides_whether_a_question_is_asked(routing):
    assert problems(routing, {"employees": 0, "staff_note": "none"}) == [
        ("V201", "staff_note", "answered although Q1 employees is 0 (asked only if it is more "
                               "than 0)")]
    assert problems(routing, {"employees": 3, "staff_note": "three"}) == []


def test_the_model_holds_the_conditions(routing):
    abroad = routing.sections[1]
    assert abroad.when is not None and abroad.questions[0].when == abroad.when
    export = routing.question("export_value")
    assert export.required is False and export.required_when is not None


def test_conditions_of_sections_and_required_are_linted(tmp_path):
    text = ROUTING.read_text(encoding="utf-8")
    broken = tmp_path / "broken.yaml"
    broken.write_text(text.replace('in: ["yes", partly]}\n  - id: abroad',
                                   'in: ["yes", partial]}\n  - id: abroad')
                      .replace("when: {answer: trade, in", "when: {answer: trade, gt: 3, in"),
                      encoding="utf-8")
    assert [(p.line, p.code, p.message) for p in lint(broken).problems] == [
        (27, "L302", "single_choice question 'trade' has no option 'partial' (did you mean "
                     "'partly'?)"),
        (30, "L301", "a condition makes exactly one test of 'trade' (found 'gt' or 'in')")]


def test_a_question_of_a_skipped_section_with_its_own_condition_says_both(routing):
    assert problems(routing, {"trade": "no", "employees": 12, "main_country": "Peru"}) == [
        ("V201", "main_country", "answered although it is asked only if you answered 'yes' or "
                                 "'partly' to Q2 trade and your answer to Q1 employees is at "
                                 "least 10")]


def test_an_item_of_a_group_not_asked_is_not_warned_again(tmp_path):
    """Nothing is reported twice: the group's V201 covers the items in it, even one whose own
    condition does not hold either."""
    path = tmp_path / "groups.yaml"
    path.write_text(
        "msqschema: 1\nid: groups\ntitle: Groups\nlanguage: en\nsections:\n"
        "  - id: s\n    title: S\n    questions:\n"
        "      - {id: trade, type: yes_no, prompt: Trade?}\n"
        "      - id: partners\n        type: group\n        prompt: Partners\n"
        "        when: {answer: trade, equals: \"yes\"}\n        items:\n"
        "          - {id: main, type: text, prompt: Main}\n"
        "          - {id: other, type: text, prompt: Other, when: {answer: partners.main, "
        "answered: true}}\n", encoding="utf-8")
    groups = load_questionnaire(path)
    data = json.dumps({"questionnaire": "groups", "answers": {
        "trade": "no", "partners": {"other": "Peru"}}}).encode()
    assert [(problem.code, problem.pointer) for problem in validate(groups, data).problems] == [
        ("V201", "/answers/partners")]
