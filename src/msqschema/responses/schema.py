"""Questionnaire -> the JSON Schema (draft 2020-12) of its response files.

One writer method per question type, chosen from a table. The schema is inlined (no `$ref`), so that
validation is fast, and stands on its own: a generic validator checks every key, type, option,
format and (approximately, by a pattern) every word limit. Two custom keywords carry what
patterns cannot say exactly: `maxWords` and `calendarDate`; `msqschema validate` checks them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from msqschema.questionnaire.model import (
    ChoiceQuestion,
    Column,
    ConsentQuestion,
    ContactQuestion,
    GroupQuestion,
    Question,
    Questionnaire,
    RecordsQuestion,
    TextQuestion,
)
from msqschema.responses.wordcount import limit_pattern

DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_ID = "https://msqschema.example.org/schemas/{id}.response.schema.json"

Schema = dict[str, Any]
Annotation = Callable[[], str | None] | str | None
"""A title or description, or a function that writes it (called only when annotating); None
for none."""


class TextKind(NamedTuple):
    """How one kind of text answer is checked, and how a respondent is told what it must be."""

    pattern: str | None = None
    expected: str = ""
    extra: tuple[tuple[str, Any], ...] = ()


URL_PATTERN = (
    r"^(?:[Hh][Tt][Tt][Pp][Ss]?://)?[^\s/?#@:.]+(?:\.[^\s/?#@:.]+)+(?::[0-9]{1,5})?"
    r"(?:[/?#][^\s]*)?$"
)
EMAIL_PATTERN = r"^[^\s@]+@[^\s@]+\.[^\s@.]+$"
PHONE_PATTERN = (
    r"^(?:[ ()./+-]*[0-9]){4,}[ ()./-]*(?:(?:[Ee][Xx][Tt]\.?|[Xx])[ ]*[0-9]{1,6})?$"
)
DATE_PATTERN = (
    r"^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{2}\.[0-9]{2}\.[0-9]{4}|[0-9]{2}/[0-9]{2}/[0-9]{4})$"
)

TEXT_KINDS: dict[str, TextKind] = {
    "text": TextKind(),
    "long_text": TextKind(),
    "url": TextKind(URL_PATTERN, "a web address such as https://example.org or www.example.org"),
    "email": TextKind(EMAIL_PATTERN, "an e-mail address such as name@example.org",
                      (("format", "email"),)),
    "phone": TextKind(PHONE_PATTERN, "a telephone number such as +992 37 221 0000"),
    "date": TextKind(DATE_PATTERN, "a date written 2019-07-31, 31.07.2019 or 31/07/2019",
                     (("calendarDate", True),)),
}
"""Text answer kinds by question or column type."""

EXPECTED_BY_PATTERN = {kind.pattern: kind.expected for kind in TEXT_KINDS.values() if kind.pattern}
"""What an answer failing a text kind's pattern should look like, for messages."""


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


def text_schema(kind: str, max_words: int | None = None) -> Schema:
    """A text answer of one kind (`text`, `url`, ...), unanswered when null."""
    spec = TEXT_KINDS[kind]
    schema: Schema = {"type": ["string", "null"]}
    if spec.pattern:
        schema["pattern"] = spec.pattern
    elif max_words:
        schema["pattern"] = limit_pattern(max_words)
    if max_words:
        schema["maxWords"] = max_words
    schema.update(spec.extra)
    return schema


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
        return self.annotated(_WRITERS[question.type](self, question), title=title,
                              description=lambda: _wording(question))

    def text(self, question: TextQuestion) -> Schema:
        return text_schema(question.type, question.max_words)

    def yes_no(self, question: Question) -> Schema:
        return {"enum": ["yes", "no", None]}

    def single_choice(self, question: ChoiceQuestion) -> Schema:
        return {"enum": [*(option.id for option in question.options), None]}

    def multiple_choice(self, question: ChoiceQuestion) -> Schema:
        options = [option.id for option in question.options]
        properties: Schema = {"selected": self.annotated(
            {"type": ["array", "null"], "items": {"enum": options}, "uniqueItems": True},
            title="Ticked options")}
        other = question.other_option
        if other and other.other:
            label = other.label
            properties["other"] = self.annotated(
                text_schema("long_text", other.other.max_words),
                title=lambda: f"The text of {label.plain()!r}")
        if question.explanation:
            properties["explanation"] = self.annotated(
                text_schema("long_text", question.explanation.max_words), title="Explanation")
        return {"type": ["object", "null"], "properties": properties, "additionalProperties": False}

    def group(self, question: GroupQuestion) -> Schema:
        items = {item.id: self.answer(item) for item in question.items if item.answerable}
        return {"type": ["object", "null"], "properties": items, "additionalProperties": False}

    def records(self, question: RecordsQuestion) -> Schema:
        schema: Schema = {"type": ["array", "null"], "items": self.columns(question.columns)}
        if question.min_rows:
            schema["minItems"] = question.min_rows
        if question.max_rows is not None:
            schema["maxItems"] = question.max_rows
        return schema

    def contact(self, question: ContactQuestion) -> Schema:
        schema = self.columns(question.fields)
        schema["type"] = ["object", "null"]
        return schema

    def consent(self, question: ConsentQuestion) -> Schema:
        return {"type": ["boolean", "null"]}

    def columns(self, columns: tuple[Column, ...]) -> Schema:
        properties = {column.id: self.annotated(text_schema(column.type), title=column.label)
                      for column in columns}
        return {"type": "object", "properties": properties, "additionalProperties": False}


def _wording(question: Question) -> str | None:
    """The description of a question's answer: its wording, word limit and condition (None
    when it has none of them)."""
    words = [markup.plain() for markup in (question.prompt, question.hint) if markup]
    if isinstance(question, ConsentQuestion):
        words.append(question.statement.plain())
    limit = getattr(question, "max_words", None)
    if limit:
        words.append(f"(Maximum {limit} words)")
    if question.when:
        words.append(f"Asked only if {question.when.question_id!r} "
                     f"{question.when.requirement()}.")
    return " ".join(words) or None


_WRITERS: dict[str, Callable[[_Writer, Any], Schema]] = {
    **{kind: _Writer.text for kind in TEXT_KINDS},
    "yes_no": _Writer.yes_no,
    "single_choice": _Writer.single_choice,
    "multiple_choice": _Writer.multiple_choice,
    "group": _Writer.group,
    "records": _Writer.records,
    "contact": _Writer.contact,
    "consent": _Writer.consent,
}
"""The schema writer of every answerable question type."""
