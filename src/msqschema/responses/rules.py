"""The rules of a response that JSON Schema cannot say: follow-up conditions, and the rules of
each question type (its registry entry's `findings`, such as "Other" texts).

Each rule yields findings (code, path, whether the position is the key's, the values of the
code's message); the validator locates them in the file and names the question.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, NamedTuple

from msqschema import problems as codes
from msqschema.conditions import answered, lookup, requirement
from msqschema.locations import JsonPath
from msqschema.questionnaire.model import Condition, LabelNames, Question, Questionnaire
from msqschema.types import TYPES


class Finding(NamedTuple):
    """A rule's problem before it is located: the code, the path and the message's values
    (with `situation` where the code has several)."""

    code: codes.Code
    path: JsonPath
    at_key: bool
    values: dict[str, Any]


def check_rules(questionnaire: Questionnaire, answers: Mapping[str, Any],
                questions: tuple[Question, ...]) -> Iterator[Finding]:
    """Every finding of the rules, for the answers of a response.

    `questions` are the top-level questions to check: `ruled_questions`, computed once per
    questionnaire.
    """
    for question in questions:
        yield from _check(questionnaire, question, answers, answers.get(question.id),
                          ("answers", question.id))


def ruled_questions(questionnaire: Questionnaire) -> tuple[Question, ...]:
    """The top-level questions a rule applies to: follow-ups, choices with Other or an
    explanation, and groups holding such questions."""
    return tuple(question for question in questionnaire.questions() if _ruled(question))


def _ruled(question: Question) -> bool:
    return (question.when is not None or question.required or question.required_when is not None
            or TYPES[question.type].ruled(question)
            or any(_ruled(item) for item in question.sub_questions))


def _check(questionnaire: Questionnaire, question: Question, answers: Mapping[str, Any],
           answer: Any, path: JsonPath, *, within_asked: bool = True) -> Iterator[Finding]:
    """The findings of one answer; `within_asked`: whether the group holding it is asked (a
    group item is asked only when its group is)."""
    condition = question.when
    holds = condition is None or condition.holds_in(answers)
    asked = within_asked and holds
    must = question.required_when
    if asked and not answered(answer) and (
            question.required or (must is not None and must.holds_in(answers))):
        because = (f" (required because {must.describe(LabelNames(questionnaire))})" if must
                   else f" (asked because {condition.describe(LabelNames(questionnaire))})"
                   if condition else "")
        yield Finding(codes.REQUIRED_UNANSWERED, path, True, {"because": because})
    if answer is None and not (asked and question.sub_questions):
        return
    if condition and not holds and within_asked and answered(answer):  # said once: its group's
        yield Finding(codes.CONDITION_NOT_MET, path, True,
                      _not_asked(questionnaire, condition, answers))
    if question.sub_questions:
        items = answer if isinstance(answer, dict) else {}
        for item in question.sub_questions:
            yield from _check(questionnaire, item, answers, items.get(item.id), (*path, item.id),
                              within_asked=asked)
    if answer is not None:
        for finding in TYPES[question.type].findings(question, answer, path, answers,
                                                     questionnaire):
            if asked or finding.code not in _ASKED_PARTS:
                yield finding


_ASKED_PARTS = (codes.CONDITION_NOT_MET, codes.REQUIRED_UNANSWERED, codes.DETAIL_WITHOUT_TEXT)
"""What the parts of an answer (grid rows, option details, record cells) are not told when the
question itself is not asked: its own V201 says it, once, and nothing in it is required or
asked for (an empty detail)."""


def _not_asked(questionnaire: Questionnaire, condition: Condition,
               answers: Mapping[str, Any]) -> dict[str, Any]:
    """The values of 'answered although Q12 satisfaction_measured is unanswered (asked only if
    it is 'yes')'."""
    test = condition.test
    if test is None:
        return {"situation": "compound",
                "condition": condition.describe(LabelNames(questionnaire))}
    value = lookup(answers, test.subject)
    return {"target": LabelNames(questionnaire).question(test.subject),
            "state": "is unanswered" if not answered(value) else f"is {_shown(value)}",
            "requirement": requirement(test)}


def _shown(value: Any) -> str:
    if isinstance(value, dict) and isinstance(value.get("selected"), list):
        value = value["selected"]
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
