"""Questions answered "yes" or "no"."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from msqschema import problems as codes
from msqschema.conditions import Scalar
from msqschema.frozen import frozen
from msqschema.questionnaire.markup import Markup
from msqschema.questionnaire.model import Question
from msqschema.types.base import (
    Checker,
    ConditionTarget,
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
class YesNoQuestion(Question):
    """A question answered "yes" or "no"."""


class YesNoView(QuestionView):
    """A yes/no question: `answer` is "yes", "no" or None."""

    kind = "yes_no"

    @classmethod
    def build(cls, question: Question, raw: object, key: str) -> QuestionView:
        return cls(question, key, raw if raw in ("yes", "no") else None)


class YesNoType(QuestionType):
    """Yes or no: answered with the text "yes" or "no"."""

    result_rule = "yes_no"
    summary = "categories"

    model = YesNoQuestion
    view = YesNoView
    answer_kind = "choice"

    def value_name(self, question: YesNoQuestion, value: Scalar, messages: Any) -> str | None:
        answer = "Yes" if value in ("yes", True) else "No"
        return messages.gettext(answer)  # type: ignore[no-any-return]

    def condition_targets(self, lint: Checker, item: Raw) -> Iterator[ConditionTarget]:
        yield "", self.answer_kind, ("yes", "no")

    def answer_schema(self, write: SchemaWriter, question: Question) -> Schema:
        return write.enum(["yes", "no", None], lambda: [Markup(write.wording.text("Yes")),
                                                        Markup(write.wording.text("No"))])

    def read(self, read: FormReader, question: Question, path: str) -> str | None:
        yes, no = read.ticked(path + "/yes"), read.ticked(path + "/no")
        if yes and no:
            read.report(codes.CONFLICTING_TICKS)
            return None
        return "yes" if yes else "no" if no else None

    def answers(self, question: Question) -> SearchStrategy[str]:
        from hypothesis import strategies as st

        return st.sampled_from(["yes", "no"])
