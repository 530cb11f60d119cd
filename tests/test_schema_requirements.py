"""Tests for the requirement rules of the exported schema (msqschema.responses.requirements):
a plain JSON Schema validator finds a required answer missing exactly where `validate` reports
V112, for every rule the schema states; what it cannot state, it says in words."""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from msqschema import conditions
from msqschema.conditions import Comparison, Count, answered
from msqschema.questionnaire.loader import load_questionnaire
from msqschema.questionnaire.model import Questionnaire
from msqschema.responses.requirements import unanswered_conditions
from msqschema.responses.schema import response_schema
from msqschema.responses.validation import validate
from msqschema.types import TYPES
from strategies import QUESTION_TYPES, questionnaires, to_yaml

HERE = Path(__file__).parent
REQUIREMENTS = HERE / "examples" / "questionnaires" / "valid" / "requirements.yaml"
BUSINESS_REQUIRED = HERE / "examples" / "responses" / "invalid" / "business-required.yaml"
UNANSWERED = [None, "", " \t\u3000", [], {}, {"selected": []}, {"selected": ["  "]}, [{}],
              {"x": None}, [None, " "]]
"""Values that are unanswered, of every shape an answer takes."""
ANSWERED = [0, False, "x", {"selected": ["x"]}, [{"name": "x"}], {"x": 1}]


def exported(questionnaire: Questionnaire) -> dict[str, Any]:
    """The schema as another tool gets it: JSON text, read back."""
    return json.loads(json.dumps(response_schema(questionnaire)))


def rules(schema: dict[str, Any]) -> list[str]:
    """The question each requirement rule is about, in order."""
    return [rule.get("then", rule)["required"][0]
            for rule in schema["properties"]["answers"].get("allOf", [])]


def broken_rules(schema: dict[str, Any], response: dict[str, Any]) -> set[str]:
    """The questions whose rule a plain jsonschema validator finds broken."""
    stated = rules(schema)
    found = set()
    for error in Draft202012Validator(schema).iter_errors(response):
        place = list(error.schema_path)
        if place[:3] == ["properties", "answers", "allOf"]:
            found.add(stated[place[3]])
    return found


def required_unanswered(questionnaire: Questionnaire, response: dict[str, Any]) -> set[str]:
    """The top-level questions `validate` reports V112 for."""
    report = validate(questionnaire, json.dumps(response).encode())
    return {problem.pointer.removeprefix("/answers/") for problem in report.problems
            if problem.code == "V112" and problem.pointer.count("/") == 2}


def near(test: Comparison | Count) -> list[Any]:
    """Answers on both sides of a test: its values, next to them, ticked, counted."""
    if isinstance(test, Count):
        return [shape for rows in range(max(test.value - 1, 0), test.value + 2)
                for shape in ([{"row": "x"}] * rows, {"selected": ["x"] * rows})]
    values = list(test.value) if isinstance(test.value, tuple) else [test.value]
    found = [*values, values, {"selected": values},  # a grid row of several ticks: a list
             *({"selected": [value]} for value in values)]
    numbers = [value for value in values
               if isinstance(value, int | float) and not isinstance(value, bool)]
    return found + [number + step for number in numbers for step in (-1, -0.5, 0.5, 1)]


def mentioned(questionnaire: Questionnaire) -> dict[str, list[Any]]:
    """For each top-level question, answers near what the conditions compare it with."""
    found: dict[str, list[Any]] = {}
    for question in [question for top in questionnaire.questions()
                     for question in (top, *top.sub_questions)]:
        for condition in (question.when, question.required_when):
            for test in conditions.tests(condition.tree) if condition else ():
                top, *inner = test.subject.split(".")
                for value in near(test):
                    for step in reversed(inner):
                        value = {step: value}
                    found.setdefault(top, []).append(value)
    return found


def answers_to(questionnaire: Questionnaire) -> st.SearchStrategy[dict[str, Any]]:
    """Answers to some questions: valid ones, unanswered values of every shape, and values
    near those the conditions compare them with."""
    compared = mentioned(questionnaire)

    def answer(question: Any) -> st.SearchStrategy[Any]:
        drawn = [st.sampled_from(UNANSWERED + ANSWERED)]
        if columns := getattr(question, "columns", ()):  # rows that leave any column empty
            drawn.append(st.lists(st.fixed_dictionaries({}, optional={
                column.id: TYPES[column.type].answers(column.field) for column in columns}),
                max_size=3))
        if question.id in compared:
            drawn.append(st.sampled_from(compared[question.id]))
        if question.type != "calculated":
            drawn.append(TYPES[question.type].answers(question))
        return st.one_of(drawn)

    return st.fixed_dictionaries({}, optional={
        question.id: answer(question) for question in questionnaire.questions()
        if question.answerable})


def agree(questionnaire: Questionnaire, schema: dict[str, Any], answers: dict[str, Any]) -> None:
    response = {"questionnaire": questionnaire.id, "answers": answers}
    stated = set(rules(schema))
    assert broken_rules(schema, response) == required_unanswered(questionnaire, response) & stated


REQUIRING = load_questionnaire(REQUIREMENTS)
REQUIRING_SCHEMA = exported(REQUIRING)


def test_the_schema_states_every_requirement_it_can_say_exactly():
    assert rules(REQUIRING_SCHEMA) == [
        "plan", "export_value", "staff_note", "channel_note", "agency_note", "site_note",
        "no_plan_reason", "online_note", "countries", "main_country"]
    Draft202012Validator.check_schema(REQUIRING_SCHEMA)


def test_what_the_schema_cannot_say_is_in_the_description_in_words():
    answers = REQUIRING_SCHEMA["properties"]["answers"]["properties"]
    only_validate = "(Only msqschema validate checks this: JSON Schema cannot say it exactly.)"
    assert answers["history"]["description"] == (
        "Tell us about the early years. Required if your answer to 'founded' is before "
        "'2000-01-01'. " + only_validate)
    assert answers["sites"]["properties"]["main_site"]["description"] == (
        "Main site Required. " + only_validate)
    assert answers["export_value"]["description"] == (
        "What were your exports worth? Required if you answered 'yes' or 'partly' to 'trade'.")
    assert answers["countries"]["description"] == (
        "Which countries? Asked only if you answered 'yes' or 'partly' to 'trade'. Required when "
        "asked.")


def test_the_conditions_in_the_descriptions_are_in_the_schemas_language():
    french = dataclasses.replace(REQUIRING, language="fr")
    answers = response_schema(french)["properties"]["answers"]["properties"]
    assert answers["countries"]["description"].endswith(
        "Posée uniquement si vous avez répondu 'yes' ou 'partly' à 'trade'. Réponse obligatoire "
        "lorsque la question est posée.")


def test_a_rule_is_if_the_conditions_hold_then_the_answer_is_there_and_answered():
    rule = REQUIRING_SCHEMA["properties"]["answers"]["allOf"][rules(REQUIRING_SCHEMA).index(
        "export_value")]
    assert rule == {
        "if": {"required": ["trade"], "properties": {"trade": {"enum": ["yes", "partly"]}}},
        "then": {"required": ["export_value"],
                 "properties": {"export_value": {"$ref": "#/$defs/answered"}}}}


@pytest.mark.parametrize("value", UNANSWERED + ANSWERED, ids=repr)
def test_the_schema_of_an_answered_value_agrees_with_the_evaluator(value):
    schema = {"$defs": REQUIRING_SCHEMA["$defs"], "$ref": "#/$defs/answered"}
    assert Draft202012Validator(schema).is_valid(value) == answered(value)


def test_the_items_of_a_group_not_asked_are_not_required():
    """A group item is asked only when its group is (validate reported V112 for main_site
    under an empty group not asked)."""
    def required(answers: dict[str, Any]) -> list[str]:
        report = validate(REQUIRING, json.dumps({"questionnaire": "requirements",
                                                "answers": answers}).encode())
        return [problem.pointer for problem in report.problems
                if problem.code == "V112" and problem.pointer.startswith("/answers/sites")]

    assert required({"sites": {}, "channels": {"selected": ["shop"]}}) == []
    assert required({"sites": {}, "channels": {"selected": ["web"]}}) == [
        "/answers/sites/main_site"]


@pytest.mark.parametrize("answers", [
    {},
    {"trade": "partly", "export_value": " ", "countries": "DE"},
    {"employees": 12, "trade": "yes", "channels": {"selected": ["shop", "web"]}},
    {"employees": 3, "trade": "no", "channels": {"selected": ["web"]}, "plan": "Grow"},
    {"agencies": [{"name": "A"}, {"name": "B"}, {}], "sites": {"shop_site": "shop.example"}},
    {"agencies": [{"name": "A"}, {"name": "B"}], "founded": "1999-01-01", "trade": "yes"},
], ids=range(6))
def test_a_plain_validator_and_validate_agree_on_examples(answers):
    agree(REQUIRING, REQUIRING_SCHEMA, answers)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answers_to(REQUIRING))
def test_a_plain_validator_and_validate_agree_on_every_stated_requirement(answers):
    agree(REQUIRING, REQUIRING_SCHEMA, answers)


COMPARED = ("yes_no", "single_choice", "multiple_choice", "integer", "records", "group")
"""Question types drawn twice as often: those most conditions compare with values."""


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("questionnaires")


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=questionnaires(kinds=(*QUESTION_TYPES, *COMPARED)), choices=st.data())
def test_for_generated_questionnaires_a_plain_validator_agrees_with_validate(folder, data,
                                                                              choices):
    path = folder / f"{data['id']}.yaml"
    path.write_text(to_yaml(data), encoding="utf-8")
    questionnaire = load_questionnaire(path)
    agree(questionnaire, exported(questionnaire), choices.draw(answers_to(questionnaire)))


CHECK_JSONSCHEMA = (shutil.which("check-jsonschema", path=str(Path(sys.executable).parent))
                    or shutil.which("check-jsonschema"))


@pytest.mark.skipif(CHECK_JSONSCHEMA is None, reason="check-jsonschema is not installed")
def test_check_jsonschema_reads_the_rules_and_finds_what_is_missing(tmp_path):
    schema = tmp_path / "business_survey.response.schema.json"
    schema.write_text(json.dumps(exported(load_questionnaire("business_survey"))))
    meta = subprocess.run([CHECK_JSONSCHEMA, "--check-metaschema", str(schema)],
                          capture_output=True, text=True)
    assert meta.returncode == 0, meta.stdout
    checked = subprocess.run([CHECK_JSONSCHEMA, "--schemafile", str(schema),
                              str(BUSINESS_REQUIRED)], capture_output=True, text=True)
    assert checked.returncode == 1
    for missing in ("business_name", "main_activity", "contact"):
        assert f"'{missing}' is a required property" in checked.stdout, checked.stdout
    for blank in ("technologies", "ai_products"):
        assert f"$.answers.{blank}" in checked.stdout, checked.stdout


def missing_by_validate(questionnaire: Questionnaire, answers: dict[str, Any]) -> list[str]:
    """The questions, group items, option details and record cells `validate` reports V112
    for, as dotted paths, sorted. A detail's V112 points at its option's tick, read back to
    the option's id; a record cell's at its row, which the message says the column of."""
    report = validate(questionnaire, json.dumps({"questionnaire": questionnaire.id,
                                                 "answers": answers}).encode())
    found = []
    for problem in report.problems:
        if problem.code != "V112":
            continue
        top, *steps = problem.pointer.removeprefix("/answers/").split("/")
        if cell := re.search(r"the column '(\w+)' is required", problem.message):
            found.append(".".join([top, *steps, cell[1]]))
        elif "detail" not in problem.message:
            found.append(".".join([top, *steps]))
        else:
            tick: Any = answers[top]
            for step in steps:
                tick = tick[int(step)] if isinstance(tick, list) else tick[step]
            found.append(f"{top}.details.{tick}")
    return sorted(found)


def missing_by_form(questionnaire: Questionnaire, answers: dict[str, Any]) -> list[str]:
    """The answers the HTML form lists as still missing (what its script evaluates), sorted."""
    return sorted(path for required in unanswered_conditions(questionnaire)
                  for path in required.missing_in(answers))


def test_a_row_that_leaves_a_required_column_empty_is_missing_as_validate_says():
    answers = {"agencies": [{"name": "A"}, {"town": "Bonn"}, {}, {"name": " "}],
               "plan": "Grow"}
    missing = missing_by_form(REQUIRING, answers)
    assert missing == missing_by_validate(REQUIRING, answers)
    assert [path for path in missing if path.startswith("agencies")] == ["agencies.0.town"]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answers_to(REQUIRING))
def test_the_forms_missing_answers_are_validates_v112(answers):
    assert missing_by_form(REQUIRING, answers) == missing_by_validate(REQUIRING, answers)


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=questionnaires(kinds=(*QUESTION_TYPES, *COMPARED)), choices=st.data())
def test_for_generated_questionnaires_the_forms_missing_answers_are_validates_v112(
        folder, data, choices):
    path = folder / f"{data['id']}.yaml"
    path.write_text(to_yaml(data), encoding="utf-8")
    questionnaire = load_questionnaire(path)
    answers = choices.draw(answers_to(questionnaire))
    assert missing_by_form(questionnaire, answers) == missing_by_validate(questionnaire, answers)
