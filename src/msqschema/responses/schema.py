"""Questionnaire -> the JSON Schema (draft 2020-12) of its response files.

Each question type's registry entry (msqschema.types) writes its answer's schema. It is
inlined (no `$ref`), so that validation is fast, and stands on its own: a generic validator
checks every key, type, option, format and (approximately, by a pattern) every word limit. Two
custom keywords carry what patterns cannot say exactly: `maxWords` and `calendarDate`;
`msqschema validate` checks them. Annotations for editors (yaml-language-server, VS Code) say
each answer's question, each option's label (`enumDescriptions`) and, instead of a raw pattern,
what a text must be (`patternErrorMessage`); validators ignore them. When an answer is
required is stated as `if`/`then` rules where JSON Schema can say it exactly
(msqschema.responses.requirements), and in the answer's description in words everywhere.
The fixed texts of titles and descriptions come from the catalog of the questionnaire's
language (msqschema/render/messages/).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cached_property
from typing import TYPE_CHECKING, Any

from msqschema.condition_words import say as say_in_words
from msqschema.patterns import pattern
from msqschema.questionnaire.markup import Markup
from msqschema.questionnaire.model import IdNames, Question, Questionnaire
from msqschema.responses.requirements import ANSWERED_DEFINITION, answered_schema, requirement_rule
from msqschema.types import TEXT_KINDS, TYPES

if TYPE_CHECKING:
    from msqschema.render.messages import Wording

DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_ID = "https://msqschema.example.org/schemas/{id}.response.schema.json"

Schema = dict[str, Any]
Annotation = Callable[[], str | None] | str | None
"""A title or description, or a function that writes it (called only when annotating); None
for none."""

TITLE_LENGTH = 60
"""The longest title of an answer, in characters: `2a. E-services`, the prompt shortened."""

UNANSWERED = "Unanswered"
"""How editors describe null, the unanswered choice (a catalog text)."""


def response_schema(questionnaire: Questionnaire, *, annotations: bool = True,
                    requirements: bool = True) -> Schema:
    """The JSON Schema of the questionnaire's response files.

    Without `annotations` it leaves out every title and description, which editors show but
    validation never reads, so that the questionnaire's texts need not be parsed. Without
    `requirements` it leaves out the `if`/`then` rules saying when an answer is required:
    `validate` checks every requirement by its own rule (V112), with the reason in words.
    """
    detailed = frozenset(_mapped_choices(questionnaire.questions(), ""))
    rules = {question.id: rule for question in questionnaire.questions()
             if requirements and question.answerable
             and (rule := requirement_rule(question, detailed)) is not None}
    writer = _Writer(annotations, questionnaire.language, stated=set(rules))
    answers: Schema = {
        "type": "object",
        "properties": {question.id: writer.answer(question)
                       for question in questionnaire.questions() if question.answerable},
        "additionalProperties": False}
    definitions: Schema = {}
    if rules:
        answers["allOf"] = list(rules.values())
        definitions["$defs"] = {ANSWERED_DEFINITION: answered_schema()}
    text = writer.say
    return {
        "$schema": DIALECT,
        "$id": SCHEMA_ID.format(id=questionnaire.id),
        **definitions,
        **writer.annotated(
            {}, title=lambda: text("Response to %(title)s", title=questionnaire.title),
            description=lambda: text(
                "Answers to the questionnaire %(id)s: see docs/response-files.md. A missing or "
                "null answer is unanswered.", id=repr(questionnaire.id))),
        "type": "object",
        "properties": {
            "questionnaire": writer.annotated(
                {"const": questionnaire.id},
                description=lambda: text("The id of the questionnaire answered.")),
            "answers": answers,
        },
        "required": ["questionnaire", "answers"],
        "additionalProperties": False,
    }


class _Writer:
    """Writes the schema of each answer, with or without annotations."""

    def __init__(self, annotations: bool, language: str = "en",
                 stated: set[str] | None = None) -> None:
        self.annotations = annotations
        self.language = language
        self.stated = stated or set()
        """The ids of the questions whose requirement a rule states."""

    @cached_property
    def wording(self) -> Wording:
        """The fixed texts of the questionnaire's language (loaded only when annotating)."""
        from msqschema.render.messages import wording_for

        return wording_for(self.language)

    def say(self, message: str, **values: object) -> str:
        """A catalog text in the questionnaire's language, filled with `values`."""
        return self.wording.text(message, **values)

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
        return self.annotated(TYPES[question.type].answer_schema(self, question),
                              title=lambda: self.title(question),
                              description=lambda: _wording(question, self.wording,
                                                           question.id in self.stated))

    def title(self, question: Question) -> str:
        """A question as titles name it: '2a. E-services', its number and prompt (shortened),
        else its id."""
        number = f"{question.ref}. " if question.numbered else ""
        text = question.prompt.plain().rstrip(" :") if question.prompt else ""
        if not text:
            return number + question.id
        room = TITLE_LENGTH - len(number) - 1  # for the ellipsis
        if len(text) > room + 1:
            cut = text[:room]
            if not text[room].isspace() and " " in cut:
                cut = cut.rsplit(" ", 1)[0]  # the last word did not fit
            text = cut.rstrip(" ,;:.") + "\u2026"
        return number + text

    def text(self, kind: str, max_words: int | None = None) -> Schema:
        """A text answer of one kind (`text`, `url`, ...), with what a text failing its pattern
        must be, when annotating."""
        text_kind = TEXT_KINDS[kind]
        schema = text_kind.text_schema(max_words)
        message = (text_kind.pattern_error_message(self.wording, max_words)
                   if self.annotations else None)
        return schema if message is None else {**schema, "patternErrorMessage": message}

    def enum(self, values: list[str | None],
             labels: list[Markup] | Callable[[], list[Markup]]) -> Schema:
        """An `enum` of `values`, with their `labels` (the rest: unanswered) for editors'
        completion, when annotating (`labels` may be a function that gives them)."""
        schema: Schema = {"enum": values}
        if self.annotations:
            labels = labels() if callable(labels) else labels
            rest = [self.say(UNANSWERED)] * (len(values) - len(labels))
            schema["enumDescriptions"] = [label.plain() for label in labels] + rest
            schema["markdownEnumDescriptions"] = [_markdown(label) for label in labels] + rest
        return schema


_footnote_reference = pattern(r"\[\^[^\]\s]+\]")


def _markdown(label: Markup) -> str:
    """A label as Markdown for editors: its source (already Markdown), footnote references left
    out (an editor cannot show the footnote)."""
    return _footnote_reference().sub("", label.source)


def _wording(question: Question, wording: Wording, stated: bool = False) -> str | None:
    """The description of a question's answer: its wording, word limit, condition and
    requirement (None when it has none of them), the fixed texts in the wording's language;
    `stated`: a rule states the requirement."""
    words = [markup.plain() for markup in (question.prompt, question.hint) if markup]
    statement = getattr(question, "statement", None)
    if statement is not None:
        words.append(statement.plain())
    limit = getattr(question, "max_words", None)
    if limit:
        words.append(wording.plural("(Maximum %(num)d word)", "(Maximum %(num)d words)", limit))
    if question.when:
        words.append(wording.text("Asked only if %(condition)s.",
                                  condition=say_in_words(question.when.tree, IdNames(),
                                                          wording.messages)))
    if question.required or question.required_when:
        words.append(_requirement(question, wording, stated))
    return " ".join(words) or None


def _requirement(question: Question, wording: Wording, stated: bool) -> str:
    """'Required if 'employees' is more than 0.', and who checks it when no rule states it."""
    must = question.required_when
    if question.required or must is None:
        text = wording.text("Required when asked." if question.when else "Required.")
    else:
        text = wording.text("Required if %(condition)s.",
                            condition=say_in_words(must.tree, IdNames(),
                                                   wording.messages))
    if stated:
        return text
    return wording.text("%(requirement)s (Only msqschema validate checks this: JSON Schema "
                        "cannot say it exactly.)", requirement=text)


def _mapped_choices(questions: Any, prefix: str) -> Iterator[str]:
    """The answer paths of the questions (and sub-items) that may be answered with a mapping
    whose `selected` conditions compare (single choices with details)."""
    for question in questions:
        path = prefix + question.id
        if TYPES[question.type].selected_in_mapping(question):
            yield path
        yield from _mapped_choices(question.sub_questions, path + ".")
