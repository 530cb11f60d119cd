"""Calculated questions: a value derived from other answers, never typed by the respondent.

`sum` lists the questions added up: a numeric answer counts its value; a grid or a choice
question counts the scores of the options chosen. The forms show the value computed (the HTML
form as people type); a response may leave it out, and one that states another value is wrong.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from msqschema import problems as codes
from msqschema.frozen import frozen
from msqschema.locations import JsonPath
from msqschema.questionnaire.model import Question
from msqschema.types.base import (
    Builder,
    Checker,
    FormReader,
    QuestionType,
    Raw,
    Schema,
    SchemaWriter,
)
from msqschema.types.number import format_number, is_number
from msqschema.types.views import QuestionView

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy

    from msqschema.questionnaire.model import Questionnaire


@frozen(kw_only=True)
class CalculatedQuestion(Question):
    """A value computed from other answers: the sum of numbers and of the chosen options'
    scores."""

    sum: tuple[str, ...]

    def compute(self, questionnaire: Questionnaire, answers: Mapping[str, Any]
                ) -> int | float | None:
        """The value for these answers; None when none of the questions added up is answered."""
        from msqschema.types import TYPES

        parts = [TYPES[target.type].summed(target, answers.get(name), questionnaire, answers)
                 for name in self.sum
                 if (target := questionnaire.question(name)) is not None]
        values = [value for value in parts if value is not None]
        return sum(values) if values else None


class CalculatedView(QuestionView):
    """A calculated question: `answer` is the value computed from the response, or None."""

    kind = "calculated"

    @classmethod
    def build(cls, question: Question, raw: object, key: str) -> QuestionView:
        return cls(question, key, raw if is_number(raw) else None)

    @property
    def shown(self) -> str | None:
        """The value as the forms print it."""
        return None if self.answer is None else format_number(self.answer)


class CalculatedType(QuestionType):
    """A value derived from other answers; the forms show it, nobody types it."""

    result_rule = "calculated"
    summary = "numbers"

    model = CalculatedQuestion
    answer_kind = "number"
    spoken_as = "total"
    view = CalculatedView
    keys = ("sum",)
    summable = ("integer", "decimal", "percentage", "amount", "single_choice", "multiple_choice",
                "grid", "calculated")

    def fields(self, build: Builder, item: Raw, path: JsonPath) -> dict[str, Any]:
        return {"sum": tuple(item["sum"])}

    def check(self, lint: Checker, item: Raw, path: JsonPath, asker: Any) -> None:
        for index, name in enumerate(item.get("sum") or ()):
            if isinstance(name, str):
                lint.reference((*path, "sum", index), name, self.summable,
                               "a numeric, scored or calculated question")
                lint.depends(asker, name, (*path, "sum", index))

    def answer_schema(self, write: SchemaWriter, question: CalculatedQuestion) -> Schema:
        return {"type": ["number", "null"], "finiteNumber": True}

    def ruled(self, question: CalculatedQuestion) -> bool:
        return True

    def findings(self, question: CalculatedQuestion, answer: Any, path: JsonPath,
                 answers: Mapping[str, Any], questionnaire: Questionnaire) -> Iterator[Any]:
        if not is_number(answer):
            return
        expected = question.compute(questionnaire, answers)
        if expected is not None and abs(answer - expected) > 1e-9 * max(1, abs(expected)):
            yield codes.Finding(codes.CALCULATED_MISMATCH, path, False, {
                "value": format_number(answer), "parts": ", ".join(question.sum),
                "expected": format_number(expected)})

    def derive(self, question: CalculatedQuestion, questionnaire: Questionnaire,
               answers: Mapping[str, Any]) -> Any:
        return question.compute(questionnaire, answers)

    def summed(self, question: CalculatedQuestion, answer: Any, questionnaire: Questionnaire,
               answers: Mapping[str, Any]) -> int | float | None:
        return question.compute(questionnaire, answers)

    def read(self, read: FormReader, question: CalculatedQuestion, path: str) -> None:
        read.text(path)  # the form shows the value computed; the response need not state it

    def answers(self, question: CalculatedQuestion) -> SearchStrategy[None]:
        from hypothesis import strategies as st

        return st.none()  # left out: the value follows from the other answers
