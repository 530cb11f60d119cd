"""Option details: a text box under any option of a choice question (`detail:`), stored under
`details` keyed by option id; the model, the response schema against `validate`, the rules,
the three formats, `extract` and the export columns."""

from __future__ import annotations

import re
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from msqschema import extract, load_questionnaire, render, response_schema, validate
from msqschema.responses.fastpath import compile_schema
from msqschema.responses.keywords import KEYWORDS, validator_class
from msqschema.types import TYPES
from strategies import to_yaml

BUSINESS = load_questionnaire("business_survey")

QUESTIONNAIRE = """\
msqschema: 1
id: details
title: Details
language: en
sections:
  - id: only
    title: Only
    questions:
      - id: employees
        type: integer
        prompt: How many people work for the business?
      - id: technologies
        type: multiple_choice
        prompt: Which technologies?
        options:
          - {id: cloud, label: Cloud computing}
          - id: ai
            label: Artificial intelligence
            detail: {prompt: "What for?", max_words: 3, required: {answer: employees, ge: 10}}
          - id: robots
            label: Robots
            detail: {when: {answer: employees, ge: 50}}
      - id: obstacle
        type: single_choice
        prompt: The main obstacle?
        options:
          - {id: cost, label: The cost}
          - {id: other, label: "Another:", detail: {max_chars: 10, required: true}}
"""


@pytest.fixture(scope="module")
def details(tmp_path_factory) -> Any:
    path = tmp_path_factory.mktemp("details") / "details.yaml"
    path.write_text(QUESTIONNAIRE, encoding="utf-8")
    return load_questionnaire(path)


def problems(questionnaire: Any, answers: str) -> list[str]:
    text = f"questionnaire: {questionnaire.id}\nanswers:\n{answers}"
    report = validate(questionnaire, text.encode())
    return [f"{p.line}:{p.column} {p.code} {p.message}" for p in report.problems]


def test_the_model_keeps_each_detail_with_its_option(details):
    technologies = details.question("technologies")
    ai, robots = technologies.option("ai").detail, technologies.option("robots").detail
    assert [option.id for option in technologies.detailed_options] == ["ai", "robots"]
    assert (ai.prompt.plain(), ai.max_words, ai.required) == ("What for?", 3, False)
    assert ai.required_when is not None and robots.when is not None
    assert details.question("obstacle").option("other").detail.required is True


def test_a_detail_is_required_only_when_its_option_is_ticked_and_its_condition_holds(details):
    assert problems(details, "  employees: 12\n  technologies: {selected: [cloud]}\n") == []
    assert problems(details, "  employees: 2\n  technologies: {selected: [ai]}\n") == [
        "4:29 V202 'ai' is ticked but its detail is empty"]
    assert problems(details, "  employees: 12\n  technologies: {selected: [ai]}\n") == [
        "4:29 V112 'ai' is ticked but its detail, which is required then, is not answered"]


def test_a_detail_answered_outside_its_condition_is_a_warning(details):
    assert problems(details, "  employees: 12\n  technologies:\n    selected: [robots]\n"
                             "    details: {robots: Welding}\n") == [
        "6:15 V201 the detail of 'robots' is answered although it is asked only if "
        "Q1 employees is at least 50"]
    assert problems(details, "  employees: 60\n  technologies: {selected: [robots]}\n") == [
        "4:29 V202 'robots' is ticked but its detail is empty"]
    assert problems(details, "  employees: 12\n  technologies: {selected: [robots]}\n") == []


def test_in_a_question_not_asked_a_detail_is_not_required(tmp_path):
    path = tmp_path / "unasked.yaml"
    path.write_text(QUESTIONNAIRE.replace(
        "        prompt: Which technologies?\n",
        "        prompt: Which technologies?\n        when: {answer: employees, ge: 50}\n"),
        encoding="utf-8")
    unasked = load_questionnaire(path)  # ai's detail is required with 10 employees or more
    assert problems(unasked, "  employees: 12\n  technologies: {selected: [ai]}\n") == [
        "4:3 V201 answered although Q1 employees is 12 (asked only if it is at least 50)"]
    assert problems(unasked, "  employees: 5\n  technologies: {selected: [ai]}\n") == [
        "4:3 V201 answered although Q1 employees is 5 (asked only if it is at least 50)"]


def test_a_single_choice_takes_its_id_or_its_id_with_details(details):
    assert problems(details, "  obstacle: cost\n") == []
    assert problems(details, "  obstacle: {selected: other, details: {other: Rules}}\n") == []
    assert problems(details, "  obstacle: other\n") == [  # the id alone says the same
        "3:13 V112 'other' is ticked but its detail, which is required then, is not answered"]
    assert problems(details, "  obstacle: {selected: other}\n") == [
        "3:24 V112 'other' is ticked but its detail, which is required then, is not answered"]
    assert problems(details, "  obstacle: {selected: cost, details: {other: Rules}}\n") == [
        "3:40 V203 the detail of 'other' is given but 'other' is not ticked: make it the "
        "'selected' option"]
    assert problems(details, "  obstacle: {selected: other, details: {other: Eleven chars}}\n"
                    ) == ["3:48 V116 12 characters; the limit is 10"]


def test_limits_unknown_keys_and_the_old_other_key(details):
    assert problems(details, "  technologies:\n    selected: [ai]\n"
                             "    details: {ai: one two three four, robot: x}\n") == [
        "5:19 V104 4 words; the limit is 3",
        "5:39 V101 unknown key 'robot' (did you mean 'robots'?)"]
    assert problems(details, "  technologies: {selected: [ai], other: Chat}\n") == [
        "3:29 V202 'ai' is ticked but its detail is empty",
        "3:34 V101 'other' is no longer a key here: an option's text now goes under 'details', "
        "keyed by the option's id: `details: {other: ...}`"]


def test_the_old_other_key_of_an_option_is_refused_with_how_to_write_it(tmp_path):
    path = tmp_path / "old.yaml"
    path.write_text(QUESTIONNAIRE.replace('detail: {max_chars: 10, required: true}',
                                          'other: {max_words: 5}'), encoding="utf-8")
    from msqschema.questionnaire.loader import lint

    found = [(p.line, p.code, p.message) for p in lint(path).problems]
    assert found == [(28, "L101", "'other' is no longer a key here: an option's text box is "
                      "now its detail: write `detail:` in its place, such as "
                      "`detail: {max_words: 50}`")]


# -- the response schema agrees with validate -----------------------------------------------


AGREEMENT = [
    "{technologies: {selected: [ai], details: {ai: Chat}}}",
    "{technologies: {selected: [ai], details: {ai: one two three four}}}",
    "{technologies: {selected: [ai], details: {robot: x}}}",
    "{technologies: {selected: [ai], other: Chat}}",
    "{technologies: {selected: [ai], details: [Chat]}}",
    "{obstacle: cost}",
    "{obstacle: {selected: other, details: {other: Rules}}}",
    "{obstacle: {selected: other, details: {other: Eleven chars}}}",
    "{obstacle: {selected: dunno}}",
    "{obstacle: {selected: [other]}}",
    "{obstacle: {chosen: other}}",
    "{obstacle: 3}",
    "{obstacle: dunno}",
]


@pytest.mark.parametrize("answers", AGREEMENT)
def test_json_schema_the_fast_path_and_validate_agree_on_details(details, answers):
    import yaml

    instance = {"questionnaire": "details", "answers": yaml.safe_load(answers)}
    schema = response_schema(details, annotations=False)
    by_jsonschema = validator_class()(schema).is_valid(instance)
    by_fast_path = compile_schema(schema, KEYWORDS).passes(instance)
    schema_codes = {"V101", "V102", "V103", "V104", "V109", "V116"}
    by_validate = not any(problem.code in schema_codes
                          for problem in validate(details, to_yaml(instance).encode()).problems)
    assert by_jsonschema == by_fast_path == by_validate
    # A generic validator (which ignores msqschema's own keywords) accepts all that passes.
    assert jsonschema.Draft202012Validator(schema).is_valid(instance) or not by_validate


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_every_answer_the_registry_draws_passes_the_schema_and_the_rules(data):
    questions = [BUSINESS.question("technologies"), BUSINESS.question("main_obstacle")]
    answers = {question.id: data.draw(TYPES[question.type].answers(question))
               for question in questions}
    instance = {"questionnaire": BUSINESS.id, "answers": answers}
    assert jsonschema.Draft202012Validator(
        response_schema(BUSINESS, requirements=False)).is_valid(instance)
    found = validate(BUSINESS, to_yaml(instance).encode()).problems
    assert [problem for problem in found if problem.pointer.startswith(
        ("/answers/technologies", "/answers/main_obstacle"))
        and problem.message != "required but not answered"] == []


# -- forms -----------------------------------------------------------------------------------

FILLED = {"questionnaire": "details", "answers": {
    "employees": 12,
    "technologies": {"selected": ["ai", "robots"], "details": {"ai": "Chat bots"}},
    "obstacle": {"selected": "other", "details": {"other": "Rules"}}}}


def test_markdown_prints_each_detail_under_its_option(details):
    blank = render(details, "md")
    assert "- [ ] Artificial intelligence\n\n     What for? ____" in blank
    assert "- [ ] Another: \\* ____" in blank and "(maximum 10 characters)" in blank
    filled = render(details, "md", FILLED)
    assert "- [x] Artificial intelligence\n\n     What for?\n\n     > Chat bots" in filled
    assert "- [x] Another: \\*\n\n     > Rules" in filled


def test_html_puts_a_box_under_each_option_shown_while_it_is_ticked(details):
    page = render(details, "html")
    assert 'name="technologies.details.ai"' in page
    assert ('data-when="{&#34;all&#34;: [{&#34;answer&#34;: &#34;technologies&#34;, '
            '&#34;includes&#34;: &#34;robots&#34;}') in page
    assert 'name="obstacle.selected" value="other"' in page  # saved as {selected, details}
    assert ('data-when="{&#34;answer&#34;: &#34;obstacle&#34;, &#34;equals&#34;: '
            '&#34;other&#34;}"') in page


def test_word_forms_come_back_with_their_details(details):
    result = extract(render(details, "docx", FILLED), details)
    assert result.problems == ()
    assert result.answers == FILLED["answers"]


def test_a_detail_without_its_tick_in_word_is_read_back_for_validate_to_report(details):
    response = {"questionnaire": "details", "answers": {
        "obstacle": {"details": {"other": "Rules"}}}}
    result = extract(render(details, "docx", response), details)
    assert result.answers == {"obstacle": {"details": {"other": "Rules"}}}
    assert problems(details, "  obstacle: {details: {other: Rules}}\n") == [
        "3:24 V203 the detail of 'other' is given but 'other' is not ticked: make it the "
        "'selected' option"]


def test_each_detail_is_a_column_of_the_export(details):
    from msqschema.results.columns import columns_of

    names = [field.name for question in details.questions() if question.answerable
             for field in columns_of(question, (question.id,), _style()).fields]
    assert "technologies__ai__text" in names and "technologies__robots__text" in names
    assert "obstacle__other__text" in names
    rule = columns_of(details.question("obstacle"), ("obstacle",), _style())
    cells = [field.cell(FILLED["answers"]) for field in rule.fields]
    assert cells == ["other", "Rules"]


def _style() -> Any:
    from msqschema.results.columns import Style

    return Style()


def test_the_report_counts_a_single_choice_answered_with_its_details(details, tmp_path):
    from msqschema.results.report import report

    for name, obstacle in (("a", "{selected: other, details: {other: Rules}}"), ("b", "cost")):
        (tmp_path / f"{name}.yaml").write_text(
            f"questionnaire: details\nanswers:\n  obstacle: {obstacle}\n", encoding="utf-8")
    report([tmp_path / "a.yaml", tmp_path / "b.yaml"], tmp_path / "report.html",
           questionnaire=details)
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert re.search(r"Another:</th><td>1<", page) and re.search(r"The cost</th><td>1<", page)
