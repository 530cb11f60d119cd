"""Consent statements: agreed to by ticking a box."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from msqschema.frozen import frozen
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
)
from msqschema.types.views import QuestionView

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy


@frozen(kw_only=True)
class ConsentQuestion(Question):
    """A statement the respondent agrees to by ticking a box; answered `true` or `false`."""

    statement: Markup

    def texts(self) -> Iterator[Markup]:
        yield from super().texts()
        yield self.statement


class ConsentView(QuestionView):
    """A consent statement: `answer` is True (agreed), False (declined) or None."""

    kind = "consent"

    @classmethod
    def build(cls, question: Question, raw: object, key: str) -> QuestionView:
        return cls(question, key, raw if isinstance(raw, bool) else None)


class ConsentType(QuestionType):
    """A statement agreed to by ticking a box: answered true or false."""

    result_rule = "consent"
    summary = "categories"

    model = ConsentQuestion
    answer_kind = "consent"
    view = ConsentView
    keys = ("statement",)

    def fields(self, build: Builder, item: Raw, path: JsonPath) -> dict[str, Any]:
        return {"statement": build.markup((*path, "statement"))}

    def check(self, lint: Checker, item: Raw, path: JsonPath, asker: Any) -> None:
        lint.text(item, path, "statement")

    def answer_schema(self, write: SchemaWriter, question: Question) -> Schema:
        return {"type": ["boolean", "null"]}

    def read(self, read: FormReader, question: Question, path: str) -> bool | None:
        return True if read.ticked(path) else None

    def answers(self, question: Question) -> SearchStrategy[bool]:
        from hypothesis import strategies as st

        return st.booleans()
