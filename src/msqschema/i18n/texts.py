"""Every translatable text of a questionnaire, at a stable context: the id path of the text.

One walk over the model serves both ways: `source_texts` lists the texts (for templates and
checks) and `map_texts` rebuilds the model with other texts (for translations).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from msqschema.frozen import frozen
from msqschema.locations import JsonPath
from msqschema.questionnaire.markup import Markup
from msqschema.questionnaire.model import Question, Questionnaire

QUESTION_TEXTS = (("prompt", "prompt"), ("hint", "hint"), ("when_text", "condition in words"),
                  ("lead_in", "lead-in"), ("statement", "consent statement"), ("text", "note"))
"""The text fields a question may carry, in the order the form shows them, and what they are."""

PLAIN_QUESTION_TEXTS = (("unit", "unit"),)
"""The question fields that are text without markup: a number's unit ("people", "hours")."""

LABELLED_PARTS = (("rows", "row"), ("options", "option"))
"""The parts of a question that have an id and a label, in the order the form shows them: a
grid's rows, a choice's or grid's options. Options from a named option set get an entry for
each question that uses it (the model does not record the set)."""

EXPLANATION_TEXTS = (("prompt", "explanation prompt"), ("hint", "explanation hint"))
"""The text fields of a choice question's follow-up explanation."""


@frozen
class SourceText:
    """One translatable text: where it is, what it is, and its source as written."""

    context: str
    """Its id path, such as ``sections/strategy/questions/has_strategy/prompt``."""
    path: JsonPath
    """Its path in the questionnaire file (list indexes), for its source line."""
    what: str
    """What it is, for translators: ``prompt``, ``option 'ai'``, ``section title`` ..."""
    source: str
    markup: Markup | None
    """The text as the model holds it, if it is inline markup (all but the title, column
    labels and units are); already parsed where the model's text was."""
    question: Question | None = None
    """The question it belongs to, if any."""

    @property
    def comment(self) -> str:
        """A note for translators: what the text is, and the question's number."""
        return f"{self.what} of {self.question.label}" if self.question else self.what


Translate = Callable[[SourceText], str | Markup]
"""Gives the text to put in place of a source text (a Markup may come parsed already)."""


def source_texts(questionnaire: Questionnaire) -> list[SourceText]:
    """Every translatable text of a questionnaire, in document order, footnotes last."""
    found: list[SourceText] = []

    def keep(text: SourceText) -> str:
        found.append(text)
        return text.source

    _Walk(keep).questionnaire(questionnaire, questionnaire.language)
    return found


def map_texts(questionnaire: Questionnaire, translate: Translate, *,
              language: str | None = None) -> Questionnaire:
    """The questionnaire with each text replaced by what `translate` gives for it (and its
    language set, if given)."""
    return _Walk(translate).questionnaire(questionnaire, language or questionnaire.language)


class _Walk:
    """Visits every text of the model with its context and rebuilds the model around the
    texts returned; an unchanged text keeps its (possibly already parsed) Markup."""

    def __init__(self, translate: Translate) -> None:
        self.translate = translate

    def markup(self, text: Markup, context: str, path: JsonPath, what: str,
               question: Question | None = None) -> Markup:
        new = self.translate(SourceText(context, path, what, text.source, text, question))
        if isinstance(new, Markup):
            return new
        return text if new == text.source else Markup(new)

    def plain(self, text: str, context: str, path: JsonPath, what: str,
              question: Question | None = None) -> str:
        new = self.translate(SourceText(context, path, what, text, None, question))
        return new.source if isinstance(new, Markup) else new

    def optional(self, text: Markup | None, context: str, path: JsonPath, what: str
                 ) -> Markup | None:
        return None if text is None else self.markup(text, context, path, what)

    def questionnaire(self, questionnaire: Questionnaire, language: str) -> Questionnaire:
        changes: dict[str, Any] = {
            "language": language,
            "title": self.plain(questionnaire.title, "title", ("title",), "questionnaire title"),
            "introduction": self.optional(questionnaire.introduction, "introduction",
                                          ("introduction",), "introduction"),
        }
        changes["header"] = tuple(
            self.question(question, f"header/{question.id}", ("header", index))
            for index, question in enumerate(questionnaire.header))
        sections = []
        for index, section in enumerate(questionnaire.sections):
            context, path = f"sections/{section.id}", ("sections", index)
            title = self.markup(section.title, f"{context}/title", (*path, "title"),
                                f"title of section {section.numeral}")
            when_text = section.when_text
            if when_text is not None and when_text.source:
                when_text = self.markup(when_text, f"{context}/when_text", (*path, "when_text"),
                                        f"condition in words of section {section.numeral}")
            questions = tuple(
                self.question(question, f"{context}/questions/{question.id}",
                              (*path, "questions", q_index))
                for q_index, question in enumerate(section.questions))
            sections.append(replace(section, title=title, when_text=when_text,
                                    questions=questions))
        changes["sections"] = tuple(sections)
        changes["closing"] = self.optional(questionnaire.closing, "closing", ("closing",),
                                           "closing text")
        changes["footnote_definitions"] = tuple(
            replace(note, text=self.markup(note.text, f"footnotes/{note.id}",
                                           ("footnotes", note.id), f"footnote {note.id!r}"))
            for note in questionnaire.footnote_definitions)
        return replace(questionnaire, _questions={}, **changes)

    def part(self, part: Any, context: str, path: JsonPath, what: str, question: Question
             ) -> Any:
        """A row or option with its label, a row's condition in words, and an option's
        detail with its texts."""
        label = self.markup(part.label, f"{context}/label", (*path, "label"), what, question)
        when_text = getattr(part, "when_text", None)
        if when_text is not None and when_text.source:
            part = replace(part, when_text=self.markup(
                when_text, f"{context}/when_text", (*path, "when_text"),
                f"{what} condition in words", question))
        detail = getattr(part, "detail", None)
        if detail is None:
            return replace(part, label=label)
        return replace(part, label=label, detail=replace(detail, **{
            name: self.markup(text, f"{context}/detail/{name}", (*path, "detail", name),
                              f"{what} detail {name}", question)
            for name in ("prompt", "hint") if (text := getattr(detail, name)) is not None}))

    def question(self, question: Question, context: str, path: JsonPath,
                 column_of: Question | None = None) -> Question:
        """The question with its texts, its options', follow-up's, sub-items' and columns';
        a record column's (`column_of` its records question) are told as the column's."""
        changes: dict[str, Any] = {}
        owner = column_of or question
        of = f" of column {question.id!r}" if column_of else ""
        for name, what in QUESTION_TEXTS:
            text = getattr(question, name, None)
            if text is not None and text.source:
                changes[name] = self.markup(text, f"{context}/{name}", (*path, name),
                                            what + of, owner)
        for name, what in PLAIN_QUESTION_TEXTS:
            text = getattr(question, name, None)
            if text:
                changes[name] = self.plain(text, f"{context}/{name}", (*path, name), what + of,
                                           owner)
        for name, what in LABELLED_PARTS:
            parts = getattr(question, name, ())
            if parts:
                changes[name] = tuple(
                    self.part(part, f"{context}/{name}/{part.id}", (*path, name, index),
                              f"{what} {part.id!r}", question)
                    for index, part in enumerate(parts))
        explanation = getattr(question, "explanation", None)
        if explanation is not None:
            changes["explanation"] = replace(explanation, **{
                name: self.markup(text, f"{context}/explanation/{name}",
                                  (*path, "explanation", name), what, question)
                for name, what in EXPLANATION_TEXTS
                if (text := getattr(explanation, name)) is not None})
        items = getattr(question, "items", ())
        if items:
            changes["items"] = tuple(
                self.question(item, f"{context}/items/{item.id}", (*path, "items", index))
                for index, item in enumerate(items))
        columns = getattr(question, "columns", ())  # a contact block's labels are fixed texts
        if columns:
            changes["columns"] = tuple(
                replace(column, label=self.plain(
                    column.label, f"{context}/columns/{column.id}/label",
                    (*path, "columns", index, "label"), f"column {column.id!r}", question),
                        field=self.question(column.field, f"{context}/columns/{column.id}",
                                            (*path, "columns", index), question))
                for index, column in enumerate(columns))
        return replace(question, **changes) if changes else question
