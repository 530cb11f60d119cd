"""Contact blocks: name, title, organization, e-mail, phone (or a subset, in order)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from msqschema.frozen import frozen
from msqschema.locations import JsonPath
from msqschema.questionnaire.model import Column, Question
from msqschema.types.base import Builder, FormReader, QuestionType, Raw, Schema, SchemaWriter
from msqschema.types.records import columns_answers, columns_schema
from msqschema.types.text import TextQuestion
from msqschema.types.views import FieldView, QuestionView, field_views, mapping

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy

CONTACT_FIELDS: dict[str, tuple[str, str]] = {
    "name": ("text", "Name"),
    "title": ("text", "Title"),
    "organization": ("text", "Organization"),
    "email": ("email", "E-mail"),
    "phone": ("phone", "Phone"),
}
"""The fields a contact block may hold: id -> (text type, label)."""


@frozen(kw_only=True)
class ContactQuestion(Question):
    """A contact block: name, title, organization, e-mail, phone (or a subset, in order)."""

    fields: tuple[Column, ...]


@dataclass(frozen=True, eq=False, repr=False)
class ContactView(QuestionView):
    """A contact block; `fields` are its text fields with their answers."""

    kind = "contact"
    fields: tuple[FieldView, ...] = ()

    @classmethod
    def build(cls, question: Question, raw: object, key: str) -> QuestionView:
        assert isinstance(question, ContactQuestion)
        return cls(question, key, None, field_views(question.fields, mapping(raw), key))

    @property
    def answered(self) -> bool:
        return any(item.answer is not None for item in self.fields)


class ContactType(QuestionType):
    """A contact block: answered with a mapping of field id to text."""

    result_rule = "contact"
    summary = "answered"

    model = ContactQuestion
    answer_kind = "mapping"
    view = ContactView
    keys = ("fields",)

    def fields(self, build: Builder, item: Raw, path: JsonPath) -> dict[str, Any]:
        names = item.get("fields", list(CONTACT_FIELDS))
        return {"fields": tuple(
            Column(label=CONTACT_FIELDS[name][1], field=TextQuestion(
                id=name, type=CONTACT_FIELDS[name][0], numbered=False,
                pos=build.pos((*path, "fields", index)) if "fields" in item
                else build.pos(path)))
            for index, name in enumerate(names))}

    def answer_schema(self, write: SchemaWriter, question: ContactQuestion) -> Schema:
        schema = columns_schema(write, question.fields, fixed_labels=True)
        schema["type"] = ["object", "null"]
        return schema

    def read(self, read: FormReader, question: ContactQuestion, path: str
             ) -> dict[str, Any] | None:
        fields = {field.id: read.text(f"{path}/{field.id}") for field in question.fields}
        return {key: value for key, value in fields.items() if value is not None} or None

    def answers(self, question: ContactQuestion) -> SearchStrategy[dict[str, Any]]:
        return columns_answers(question.fields)
