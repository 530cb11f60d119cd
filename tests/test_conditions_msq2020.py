"""The condition module against a real questionnaire: the MSQ 2020's conditions, read from its
file with positions, checked through a scope built from the loaded model (as the question-type
registry will build one) and said in words with the form's numbers and labels."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import pytest

from conftest import ROOT
from msqschema.condition_words import say
from msqschema.conditions import Guarded, Target, ValueKind, check, holds, parse
from msqschema.questionnaire.model import Question, Questionnaire
from msqschema.types import TYPES
from msqschema.yamlio import Document, load_yaml

MSQ2020 = ROOT / "questionnaires" / "msq2020.yaml"

KINDS: dict[str, ValueKind] = {
    "text": "text", "long_text": "text", "url": "text", "email": "text", "phone": "text",
    "date": "date", "integer": "number", "decimal": "number", "percentage": "number",
    "amount": "number", "calculated": "number", "yes_no": "choice", "single_choice": "choice",
    "multiple_choice": "choices", "group": "mapping", "grid": "mapping", "records": "records",
    "contact": "mapping", "consent": "consent", "note": "none",
}
"""What each question type's answer is to conditions (the registry's entries will say it)."""


def test_every_question_type_has_a_kind_of_answer():
    assert set(KINDS) == set(TYPES)


def items(question: Question, prefix: str = "") -> Iterator[tuple[str, Question]]:
    """The question and its group items, with their paths, in document order."""
    path = f"{prefix}{question.id}"
    yield path, question
    for item in getattr(question, "items", ()):
        yield from items(item, f"{path}.")


class ModelScope:
    """Every question and group item of a questionnaire, as conditions see them."""

    def __init__(self, questionnaire: Questionnaire) -> None:
        self.questions: dict[str, Question] = {}
        self.targets: dict[str, Target] = {}
        paths = (entry for question in questionnaire.questions() for entry in items(question))
        for order, (path, question) in enumerate(paths):
            options = ("yes", "no") if question.type == "yes_no" else tuple(
                option.id for option in getattr(question, "options", ()))
            self.questions[path] = question
            self.targets[path] = Target(kind=KINDS[question.type], order=order,
                                        label=question.label, options=options)

    def resolve(self, subject: str) -> Target | None:
        return self.targets.get(subject)

    def subjects(self) -> Iterable[str]:
        return self.targets


class FormNames:
    """Numbers and labels as the printed form shows them."""

    def __init__(self, scope: ModelScope) -> None:
        self.scope = scope

    def question(self, subject: str) -> str:
        return self.scope.questions[subject].ref

    def value(self, subject: str, value: Any) -> str:
        question = self.scope.questions[subject]
        for option in getattr(question, "options", ()):
            if option.id == value:
                return str(option.label.plain())
        return {"yes": "Yes", "no": "No"}.get(value, str(value))

    def spoken_as(self, subject: str) -> str:
        return "answer"


def written_conditions(document: Document) -> Iterator[tuple[str, Any, tuple[Any, ...]]]:
    """(question id, condition data, path) of every `when` in the questionnaire file."""
    for s_index, section in enumerate(document.data["sections"]):
        for q_index, question in enumerate(section["questions"]):
            if "when" in question:
                yield question["id"], question["when"], (
                    "sections", s_index, "questions", q_index, "when")


@pytest.fixture(scope="module")
def scope(msq2020: Questionnaire) -> ModelScope:
    return ModelScope(msq2020)


def test_the_msq2020_conditions_parse_check_and_read_as_the_form_numbers_them(scope):
    document = load_yaml(MSQ2020.read_bytes())
    guarded, words, lines = [], [], []
    for owner, data, path in written_conditions(document):
        condition, problems = parse(data, path, document)
        assert problems == ()
        assert condition is not None
        guarded.append(Guarded(owner, scope.targets[owner].order, condition))
        words.append(f"{scope.questions[owner].ref}: Answer only if "
                     f"{say(condition, FormNames(scope))}.")
        lines.append(condition.origin.pos)
    assert check(guarded, scope) == []
    assert words == ["11: Answer only if you answered Yes to 10.",
                     "13: Answer only if you answered Yes to 12."]
    assert [pos.line for pos in lines] == [183, 198]


def test_the_tajikistan_answers_hold_as_the_form_shows_them(scope, tajikistan):
    condition, _ = parse({"question": "satisfaction_measured", "equals": "yes"})
    assert condition is not None
    assert holds(condition, tajikistan.answers) is False  # the V201 warning of the docs


@pytest.mark.parametrize(("owner", "data", "expected"), [
    ("social_media", {"answer": "specific_portals.e_servics", "answered": True},
     ("L204", "condition names unknown question 'specific_portals.e_servics' (did you mean "
              "'specific_portals.e_services'?)")),
    ("social_media", {"answer": "strategy_features", "includes": "aligned_sgds"},
     ("L302", "Q8 strategy_features has no option 'aligned_sgds' (did you mean "
              "'aligned_sdgs'?)")),
    ("social_media", {"answer": "usage_statistics", "includes": "yes"},
     ("L303", "'includes' does not fit Q10 usage_statistics (it takes answered, equals, in, "
              "not_equals)")),
    ("national_portal", {"answer": "partnerships", "answered": True},
     ("L305", "the condition refers to Q24 partnerships, which comes later in the form: people "
              "fill forms from top to bottom")),
    ("social_media", {"all": [{"answer": "usage_statistics", "equals": "yes"},
                              {"answer": "usage_statistics", "equals": "no"}]},
     ("L306", "the condition can never hold: no answers to 'usage_statistics' make it true")),
])
def test_mistakes_in_conditions_on_the_msq2020(scope, owner, data, expected):
    condition, _ = parse(data)
    assert condition is not None
    found = check([Guarded(owner, scope.targets[owner].order, condition)], scope)
    assert [(problem.code.code, problem.message) for problem in found] == [expected]
