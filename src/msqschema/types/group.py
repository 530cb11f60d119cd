"""Groups: a question with lettered sub-items (a, b, c ...), each a question of its own."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from msqschema import problems as codes
from msqschema.frozen import frozen
from msqschema.locations import JsonPath
from msqschema.questionnaire.markup import Markup
from msqschema.questionnaire.model import Question
from msqschema.types.base import (
    Builder,
    Checker,
    ConditionTarget,
    FormReader,
    QuestionType,
    Raw,
    Schema,
    SchemaWriter,
    entries,
)
from msqschema.types.number import NUMERIC, format_number, is_number
from msqschema.types.views import QuestionView, mapping

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy


@frozen(kw_only=True)
class GroupQuestion(Question):
    """A question with lettered sub-items (a, b, c ...), each a question of its own."""

    items: tuple[Question, ...]
    total: tuple[str, int | float | str] | None = None
    """("equals" or "at_most", a number or the id of a numeric question): what the numeric
    items add up to."""

    @property
    def sub_questions(self) -> tuple[Question, ...]:
        return self.items

    def texts(self) -> Iterator[Markup]:
        yield from super().texts()
        for item in self.items:
            yield from item.texts()


@dataclass(frozen=True, eq=False, repr=False)
class GroupView(QuestionView):
    """A question with lettered sub-items; `items` are their views."""

    kind = "group"
    items: tuple[QuestionView, ...] = ()

    @classmethod
    def build(cls, question: Question, raw: object, key: str) -> QuestionView:
        from msqschema.types import view_of

        assert isinstance(question, GroupQuestion)
        given = mapping(raw)
        items = tuple(view_of(item, given.get(item.id), f"{key}.{item.id}")
                      for item in question.items)
        return cls(question, key, None, items)

    @property
    def answered(self) -> bool:
        return any(item.answered for item in self.items)


class GroupType(QuestionType):
    """Lettered sub-items: answered with a mapping of sub-item id to its answer."""

    result_rule = "group"
    summary = "items"

    model = GroupQuestion
    view = GroupView
    keys = ("items", "total")
    answer_kind = "mapping"

    def condition_targets(self, lint: Checker, item: Raw) -> Iterator[ConditionTarget]:
        from msqschema.types import TYPES

        yield "", self.answer_kind, ()
        for _, sub in entries(item, (), "items"):
            entry = TYPES.get(sub["type"]) if isinstance(sub.get("type"), str) else None
            if entry is not None and isinstance(sub.get("id"), str):
                for part, kind, options in entry.condition_targets(lint, sub):
                    yield ".".join(filter(None, (sub["id"], part))), kind, options

    def fields(self, build: Builder, item: Raw, path: JsonPath) -> dict[str, Any]:
        total = item.get("total")
        return {"items": tuple(build.sub_question(sub, (*path, "items", index), index)
                               for index, sub in enumerate(item["items"])),
                "total": next(iter(total.items())) if total else None}

    def check(self, lint: Checker, item: Raw, path: JsonPath, asker: Any) -> None:
        items = entries(item, path, "items")
        for item_path, sub in items:
            lint.question(sub, item_path, asker)
        lint.unique("sub-item", items, answer_keys=True)
        total = item.get("total")
        if not isinstance(total, dict) or len(total) != 1:
            return
        (relation, target), = total.items()
        if isinstance(target, str):
            lint.reference((*path, "total", relation), target, NUMERIC, "a numeric question")
        others = [sub.get("id") for _, sub in items if sub.get("type") not in NUMERIC]
        if others:
            lint.report(codes.BAD_TOTAL, (*path, "total"), others=", ".join(map(repr, others)),
                        verb="is" if len(others) == 1 else "are")

    def ruled(self, question: GroupQuestion) -> bool:
        return question.total is not None

    def findings(self, question: GroupQuestion, answer: Any, path: JsonPath,
                 answers: Mapping[str, Any], questionnaire: Any) -> Iterator[Any]:
        if question.total is None or not isinstance(answer, dict):
            return
        relation, target = question.total
        expected = answers.get(target) if isinstance(target, str) else target
        numbers = [value for item in question.items if is_number(value := answer.get(item.id))]
        if not numbers or not is_number(expected):
            return
        total = sum(numbers)
        if relation == "equals" and abs(total - expected) > 1e-9 * max(1, abs(expected)):
            situation = {"situation": "equals",
                         "gap": "short" if total < expected else "too many"}
        elif relation == "at_most" and total > expected:
            situation = {"situation": "at_most"}
        else:
            return
        yield codes.Finding(codes.TOTAL_MISMATCH, path, True, {
            "total": format_number(total), "expected": format_number(expected),
            "difference": format_number(abs(total - expected)),
            "named": (f" (the answer to {_name(questionnaire, target)})"
                            if isinstance(target, str) else ""), **situation})

    def answer_schema(self, write: SchemaWriter, question: GroupQuestion) -> Schema:
        items = {item.id: write.answer(item) for item in question.items if item.answerable}
        return {"type": ["object", "null"], "properties": items, "additionalProperties": False}

    def read(self, read: FormReader, question: GroupQuestion, path: str) -> dict[str, Any] | None:
        answers = {item.id: read.answer(item, f"{path}/{item.id}") for item in question.items}
        return {key: value for key, value in answers.items() if value is not None} or None

    def answers(self, question: GroupQuestion) -> SearchStrategy[dict[str, Any]]:
        from hypothesis import strategies as st

        from msqschema.types import TYPES

        return st.fixed_dictionaries({}, optional={
            item.id: TYPES[item.type].answers(item) for item in question.items
            if item.answerable})


def _name(questionnaire: Any, question_id: str) -> str:
    """'Q1 employees', or the id when there is no such question."""
    question = questionnaire.question(question_id)
    return question.label if question else repr(question_id)
