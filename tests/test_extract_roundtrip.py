"""Round trip: extracting the DOCX rendered from a response gives that response back, after the
normalisation documented in docs/collecting-responses.md#what-comes-back.
"""

from __future__ import annotations

import itertools
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from msqschema.extraction.reader import extract
from msqschema.questionnaire.loader import load_questionnaire
from msqschema.questionnaire.model import Question, Questionnaire
from msqschema.render import render
from msqschema.responses.validation import validate
from msqschema.types import (
    TYPES,
    ChoiceQuestion,
    ContactQuestion,
    GroupQuestion,
    RecordsQuestion,
    TextQuestion,
)
from msqschema.types.views import answer_text
from strategies import questionnaires, to_yaml


def responses(questionnaire: Questionnaire) -> st.SearchStrategy[dict[str, Any]]:
    """A valid response: any subset of the questions answered."""
    return st.fixed_dictionaries({}, optional={
        question.id: TYPES[question.type].answers(question)
        for question in questionnaire.questions()
        if question.answerable}).map(
        lambda given: {"questionnaire": questionnaire.id, "answers": given})


def normalised(questionnaire: Questionnaire, response: dict[str, Any]) -> dict[str, Any]:
    """What a response looks like after a trip through the Word form (the documented rules)."""
    given = response["answers"]
    kept = {question.id: _normal(question, given.get(question.id))
            for question in questionnaire.questions()}
    return {key: value for key, value in kept.items() if value is not None}


def _text(value: Any) -> str | None:
    """What the form shows (control characters dropped, line ends as \\n), without outer space."""
    text = answer_text(value)
    return text.strip() or None if text is not None else None


def _mapping(values: dict[str, Any]) -> dict[str, Any] | None:
    return {key: value for key, value in values.items() if value not in (None, [])} or None


def _details(question: ChoiceQuestion, value: dict[str, Any]) -> dict[str, Any] | None:
    """The details a form shows, in the order of the options (None: none)."""
    given = value.get("details", {})
    return {option.id: text for option in question.detailed_options
            if (text := _text(given.get(option.id))) is not None} or None


def _normal(question: Question, value: Any) -> Any:
    if value is None:
        return None
    if isinstance(question, TextQuestion):
        return _text(value)
    if question.type == "consent":
        return True if value else None  # an empty box cannot say "no"
    if isinstance(question, ChoiceQuestion) and question.multiple:
        chosen = [option.id for option in question.options if option.id in value["selected"]]
        return _mapping({"selected": chosen, "details": _details(question, value),
                         "explanation": _text(value.get("explanation"))})
    if isinstance(question, ChoiceQuestion) and isinstance(value, dict):
        details = _details(question, value)
        return {"selected": value["selected"], "details": details} if details else value[
            "selected"]
    if isinstance(question, GroupQuestion):
        return _mapping({item.id: _normal(item, value.get(item.id)) for item in question.items})
    if isinstance(question, RecordsQuestion):
        rows = [_mapping({column.id: _normal(column.field, row.get(column.id))
                          for column in question.columns}) for row in value]
        return [row for row in rows if row] or None
    if isinstance(question, ContactQuestion):
        return _mapping({field.id: _text(value.get(field.id)) for field in question.fields})
    return value


MSQ = load_questionnaire("msq2020")


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(responses(MSQ))
def test_msq2020_responses_come_back_from_the_word_form(response: dict[str, Any]) -> None:
    assert validate(MSQ, to_yaml(response).encode()).errors == ()
    result = extract(render(MSQ, "docx", response), MSQ)
    assert result.problems == ()
    assert result.answers == normalised(MSQ, response)
    assert list(result.answers) == [question.id for question in MSQ.questions()
                                    if question.id in result.answers]


_files = itertools.count()


@st.composite
def questionnaire_and_response(draw: st.DrawFn, folder: Any) -> tuple[Questionnaire, dict]:
    path = folder / f"q{next(_files)}.yaml"
    path.write_text(to_yaml(draw(questionnaires())), encoding="utf-8")
    questionnaire = load_questionnaire(path)
    return questionnaire, draw(responses(questionnaire))


def test_responses_to_any_questionnaire_come_back(tmp_path_factory) -> None:
    folder = tmp_path_factory.mktemp("questionnaires")

    @settings(max_examples=30, deadline=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(questionnaire_and_response(folder))
    def check(drawn: tuple[Questionnaire, dict[str, Any]]) -> None:
        questionnaire, response = drawn
        result = extract(render(questionnaire, "docx", response), questionnaire)
        assert result.problems == ()
        assert result.answers == normalised(questionnaire, response)

    check()
