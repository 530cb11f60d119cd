"""The rules of a response that JSON Schema cannot say: follow-up conditions, and the rules of
each question type (its registry entry's `findings`, such as "Other" texts).

Each rule yields findings (code, path, whether the position is the key's, the values of the
code's message); the validator locates them in the file and names the question.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from msqschema import problems as codes
from msqschema.conditions import answered, lookup, requirement
from msqschema.locations import JsonPath
from msqschema.problems import Finding
from msqschema.questionnaire.model import Condition, LabelNames, Question, Questionnaire
from msqschema.types import TYPES


@dataclass(frozen=True, slots=True, eq=False, repr=False)  # never compared or printed
class QuestionRules:
    """What the rules check in the answers to one question, decided once per questionnaire."""

    question: Question
    path: JsonPath
    when: Condition | None
    required: bool
    """Whether it must be answered whenever it is asked."""
    required_when: Condition | None
    may_require: bool
    """Whether it can be required at all (`required`, or a `required:` condition)."""
    findings: Callable[..., Iterator[Finding]] | None
    """Its type's `findings`, or None when they can find nothing for this question."""
    items: tuple[QuestionRules, ...]
    """The rules of its sub-items that have any."""


def check_rules(questionnaire: Questionnaire, answers: Mapping[str, Any],
                rules: tuple[QuestionRules, ...]) -> list[Finding]:
    """Every finding of the rules, for the answers of a response, in order.

    `rules` are those of the top-level questions a rule applies to: `ruled_questions`,
    computed once per questionnaire.
    """
    found: list[Finding] = []
    for rule in rules:
        _check(questionnaire, rule, answers, answers.get(rule.question.id), True, found)
    return found


def ruled_questions(questionnaire: Questionnaire) -> tuple[QuestionRules, ...]:
    """The rules of the top-level questions a rule applies to: follow-ups, required answers,
    questions whose type has rules for them (details, totals, bounds naming other answers),
    and groups holding such questions."""
    return tuple(rule for question in questionnaire.questions()
                 if (rule := _rules(question, ("answers", question.id))) is not None)


def _rules(question: Question, path: JsonPath) -> QuestionRules | None:
    """The rules of one question (at `path`), or None when no rule applies to it."""
    entry = TYPES[question.type]
    items = tuple(rule for item in question.sub_questions
                  if (rule := _rules(item, (*path, item.id))) is not None)
    findings = entry.findings if entry.ruled(question) else None
    may_require = question.required or question.required_when is not None
    if question.when is None and not may_require and findings is None and not items:
        return None
    return QuestionRules(question, path, question.when, question.required,
                         question.required_when, may_require, findings, items)


def _check(questionnaire: Questionnaire, rule: QuestionRules, answers: Mapping[str, Any],
           answer: Any, within_asked: bool, found: list[Finding]) -> None:
    """The findings of one answer; `within_asked`: whether the group holding it is asked (a
    group item is asked only when its group is)."""
    condition = rule.when
    holds = condition is None or condition.holds_in(answers)
    asked = within_asked and holds
    must = rule.required_when
    if asked and rule.may_require and not answered(answer) and (
            rule.required or must is not None and must.holds_in(answers)):
        found.append(_unanswered(questionnaire, rule))
    if answer is None and not (asked and rule.items):
        return
    if condition and not holds and within_asked and answered(answer):  # said once: its group's
        found.append(Finding(codes.CONDITION_NOT_MET, rule.path, True,
                             _not_asked(questionnaire, condition, answers)))
    if rule.items:
        items = answer if isinstance(answer, dict) else {}
        for item in rule.items:
            _check(questionnaire, item, answers, items.get(item.question.id), asked, found)
    if answer is not None and rule.findings is not None:
        findings = rule.findings(rule.question, answer, rule.path, answers, questionnaire)
        if asked:
            found.extend(findings)
        else:
            found.extend(finding for finding in findings if finding.code not in _ASKED_PARTS)


def _unanswered(questionnaire: Questionnaire, rule: QuestionRules) -> Finding:
    """The V112 of a required question left unanswered (and why it is required)."""
    must, condition = rule.required_when, rule.when
    because = (f" (required because {must.describe(LabelNames(questionnaire))})" if must
               else f" (asked because {condition.describe(LabelNames(questionnaire))})"
               if condition else "")
    return Finding(codes.REQUIRED_UNANSWERED, rule.path, True, {"because": because})


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
