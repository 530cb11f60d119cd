"""Questionnaire -> the JSON Schema (draft 2020-12) of its response files.

Each question type's registry entry (msqschema.types) writes its answer's schema. It is
inlined (no `$ref`), so that validation is fast, and stands on its own: a generic validator
checks every key, type, option, format and (approximately, by a pattern) every word limit. Two
custom keywords carry what patterns cannot say exactly: `maxWords` and `calendarDate`;
`msqschema validate` checks them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from msqschema.questionnaire.model import Question, Questionnaire
from msqschema.types import TYPES

DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_ID = "https://msqschema.example.org/schemas/{id}.response.schema.json"

Schema = dict[str, Any]
Annotation = Callable[[], str | None] | str | None
"""A title or description, or a function that writes it (called only when annotating); None
for none."""


def response_schema(questionnaire: Questionnaire, *, annotations: bool = True) -> Schema:
    """The JSON Schema of the questionnaire's response files.

    Without `annotations` it leaves out every title and description, which editors show but
    validation never reads, so that the questionnaire's texts need not be parsed.
    """
    writer = _Writer(annotations)
    answers = {question.id: writer.answer(question)
               for question in questionnaire.questions() if question.answerable}
    return {
        "$schema": DIALECT,
        "$id": SCHEMA_ID.format(id=questionnaire.id),
        **writer.annotated(
            {}, title=f"Response to {questionnaire.title}",
            description=f"Answers to the questionnaire {questionnaire.id!r}: see "
                        "docs/response-files.md. A missing or null answer is unanswered."),
        "type": "object",
        "properties": {
            "questionnaire": writer.annotated(
                {"const": questionnaire.id}, description="The id of the questionnaire answered."),
            "answers": {"type": "object", "properties": answers, "additionalProperties": False},
        },
        "required": ["questionnaire", "answers"],
        "additionalProperties": False,
    }


class _Writer:
    """Writes the schema of each answer, with or without annotations."""

    def __init__(self, annotations: bool) -> None:
        self.annotations = annotations

    def annotated(self, schema: Schema, *, title: Annotation = None,
                  description: Annotation = None) -> Schema:
        """`schema` with its title and description (those that are not None), if annotating."""
        if not self.annotations:
            return schema
        texts = {"title": title, "description": description}
        written = {key: text() if callable(text) else text for key, text in texts.items()}
        return {**schema, **{key: text for key, text in written.items() if text is not None}}

    def answer(self, question: Question) -> Schema:
        """The schema of one question's answer; annotated with its number and wording."""
        title = f"Q{question.ref}" if question.numbered else question.id
        return self.annotated(TYPES[question.type].answer_schema(self, question), title=title,
                              description=lambda: _wording(question))


def _wording(question: Question) -> str | None:
    """The description of a question's answer: its wording, word limit and condition (None
    when it has none of them)."""
    words = [markup.plain() for markup in (question.prompt, question.hint) if markup]
    statement = getattr(question, "statement", None)
    if statement is not None:
        words.append(statement.plain())
    limit = getattr(question, "max_words", None)
    if limit:
        words.append(f"(Maximum {limit} words)")
    if question.when:
        words.append(f"Asked only if {question.when.question_id!r} "
                     f"{question.when.requirement()}.")
    return " ".join(words) or None
