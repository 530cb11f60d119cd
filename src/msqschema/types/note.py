"""Notes: display-only text, never answered."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from msqschema.frozen import frozen
from msqschema.locations import JsonPath
from msqschema.questionnaire.markup import Markup
from msqschema.questionnaire.model import Question
from msqschema.types.base import Builder, Checker, QuestionType, Raw
from msqschema.types.views import QuestionView


@frozen(kw_only=True)
class NoteQuestion(Question):
    """Display-only text; never answered."""

    text: Markup

    @property
    def answerable(self) -> bool:
        return False

    def texts(self) -> Iterator[Markup]:
        yield from super().texts()
        yield self.text


class NoteView(QuestionView):
    """Display-only text; never answered."""

    kind = "note"

    @classmethod
    def build(cls, question: Question, raw: object, key: str) -> QuestionView:
        return cls(question, key)


class NoteType(QuestionType):
    """Display-only text: never answered and never numbered."""

    model = NoteQuestion
    view = NoteView
    keys = ("text",)
    numbered = False
    answer_kind = "none"

    def fields(self, build: Builder, item: Raw, path: JsonPath) -> dict[str, Any]:
        return {"text": build.markup((*path, "text"))}

    def check(self, lint: Checker, item: Raw, path: JsonPath, asker: Any) -> None:
        lint.text(item, path, "text", block=True)
