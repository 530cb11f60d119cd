"""Groups: a question with lettered sub-items (a, b, c ...), each a question of its own."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from msqschema.locations import JsonPath
from msqschema.questionnaire.markup import Markup
from msqschema.questionnaire.model import Question
from msqschema.types.base import (
    Builder,
    Checker,
    FormReader,
    QuestionType,
    Raw,
    Schema,
    SchemaWriter,
    entries,
)
from msqschema.types.views import QuestionView, mapping

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy


@dataclass(frozen=True, kw_only=True)
class GroupQuestion(Question):
    """A question with lettered sub-items (a, b, c ...), each a question of its own."""

    items: tuple[Question, ...]

    @property
    def sub_questions(self) -> tuple[Question, ...]:
        return self.items

    def texts(self) -> Iterator[Markup]:
        yield from super().texts()
        for item in self.items:
            yield from item.texts()


@dataclass(frozen=True)
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

    model = GroupQuestion
    view = GroupView
    keys = ("items",)

    def fields(self, build: Builder, item: Raw, path: JsonPath) -> dict[str, Any]:
        return {"items": tuple(build.sub_question(sub, (*path, "items", index), index)
                               for index, sub in enumerate(item["items"]))}

    def check(self, lint: Checker, item: Raw, path: JsonPath, asker: Any) -> None:
        items = entries(item, path, "items")
        for item_path, sub in items:
            lint.question(sub, item_path, asker)
        lint.unique("sub-item", items)

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
