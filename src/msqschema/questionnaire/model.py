"""The questionnaire model: frozen, typed dataclasses; every node knows its source position.

The loader builds it from a questionnaire file; schema export, validation, rendering and
extraction all read it and nothing else.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import field
from functools import cached_property
from typing import Any

from msqschema import condition_words, conditions
from msqschema.frozen import frozen
from msqschema.locations import Pos
from msqschema.questionnaire.markup import Markup, first_references


@frozen(kw_only=True)
class Condition:
    """When a question, sub-item, section or follow-up is asked: a tree of the condition
    language (msqschema.conditions), as the loader parsed it."""

    tree: conditions.Condition
    pos: Pos

    @property
    def test(self) -> conditions.Test | None:
        """The one test the condition makes, or None when it combines several."""
        tree = self.tree
        return tree if isinstance(tree, conditions.Comparison | conditions.Count) else None

    def holds_in(self, answers: Mapping[str, Any]) -> bool:
        """Whether the condition holds for a response's answers: the one evaluator."""
        return self.evaluator(answers)

    @cached_property
    def evaluator(self) -> conditions.Evaluator:
        """The tree compiled once for evaluating it on every response."""
        return conditions.evaluator(self.tree)

    def __getstate__(self) -> dict[str, Any]:
        """The condition as stored (`questionnaire.stored`): without its compiled evaluator,
        which cannot be pickled and is compiled again when first needed."""
        return {key: value for key, value in self.__dict__.items() if key != "evaluator"}

    @property
    def data(self) -> dict[str, Any]:
        """The tree as plain data, as the HTML form's script reads it."""
        return conditions.to_data(self.tree)

    def describe(self, names: condition_words.Names) -> str:
        """The condition for messages: "Q10 has_strategy is 'yes'" for one test, else in
        words ("you answered 'yes' to Q10 has_strategy and ...")."""
        test = self.test
        if test is None:
            return condition_words.say(self.tree, names)
        return f"{names.question(test.subject)} {conditions.requirement(test)}"


class IdNames:
    """Names for messages that know no questionnaire: paths and values as written, quoted."""

    def question(self, subject: str) -> str:
        """'has_strategy'."""
        return repr(subject)

    def value(self, subject: str, value: conditions.Scalar) -> str:
        """'yes'."""
        return repr(value)

    def spoken_as(self, subject: str) -> str:
        """"answer": every answer is spoken of as one."""
        return "answer"


class LabelNames(IdNames):
    """Names for messages about a response: questions by their labels ('Q10 has_strategy')."""

    def __init__(self, questionnaire: Questionnaire) -> None:
        self.questionnaire = questionnaire

    def question(self, subject: str) -> str:
        """'Q10 has_strategy', 'Q2 portals.e_services'."""
        top, dot, rest = subject.partition(".")
        question = self.questionnaire.question(top)
        return f"{question.label}{dot}{rest}" if question else repr(subject)


@frozen(kw_only=True)
class Column:
    """One field of a record row or of a contact block: its heading, and the question each of
    its cells answers (a text kind or a number, built as a group's sub-items are)."""

    label: str
    field: Question

    @property
    def id(self) -> str:
        """The key of the field in a row (or contact block)."""
        return self.field.id

    @property
    def type(self) -> str:
        """The question type of its cells: `text`, `email`, `integer` ..."""
        return self.field.type

    @property
    def pos(self) -> Pos:
        """Where the field is written."""
        return self.field.pos

    @property
    def required(self) -> bool:
        """Whether a row that gives any cell must give this one."""
        return self.field.required


@frozen(kw_only=True)
class Question:
    """What every question kind has; `number` and `ref` are derived, never written."""

    id: str
    type: str
    prompt: Markup | None = None
    hint: Markup | None = None
    when: Condition | None = None
    """When the question is asked: its own condition and its section's, both."""
    own_when: Condition | None = None
    """The question's own condition, as written (the printed form says it in words)."""
    when_text: Markup | None = None
    """The words a printed form says instead of the condition's (empty: none, the prompt
    already says it)."""
    required: bool = False
    required_when: Condition | None = None
    """When a question that is asked must be answered, if not always (`required`)."""
    numbered: bool = True
    number: str | None = None
    ref: str = ""
    pos: Pos

    @property
    def answerable(self) -> bool:
        """Whether a response may hold an answer to this question."""
        return True

    @property
    def label(self) -> str:
        """The question as a respondent knows it: 'Q14 social_media'."""
        return f"Q{self.ref} {self.id}" if self.numbered else self.id

    @property
    def sub_questions(self) -> tuple[Question, ...]:
        """The questions answered inside this one's answer (a group's sub-items)."""
        return ()

    @property
    def parts(self) -> tuple[Question, ...]:
        """The questions answered inside this one's answer: its sub-items, or the fields of
        each of its rows (a records question's columns)."""
        return self.sub_questions

    def texts(self) -> Iterator[Markup]:
        """Every text of the question, in the order the form shows them."""
        yield from present(self.prompt, self.hint, said(self.when_text))


@frozen(kw_only=True)
class Section:
    """A numbered part of the questionnaire (I, II, ...) holding questions."""

    id: str
    numeral: str
    title: Markup
    questions: tuple[Question, ...]
    restart_numbering: bool = False
    when: Condition | None = None
    """When the section's questions are asked (each question's `when` includes it)."""
    when_text: Markup | None = None
    """The words a printed form says instead of the condition's (empty: none)."""
    pos: Pos


@frozen(kw_only=True)
class FootnoteDefinition:
    """A footnote as the questionnaire defines it: its id and its text."""

    id: str
    text: Markup
    pos: Pos


@frozen(kw_only=True)
class Footnote(FootnoteDefinition):
    """A footnote with its number: the order of its first reference in the document."""

    number: int


@frozen(kw_only=True)
class Questionnaire:
    """A whole questionnaire: metadata, header fields, sections, closing text and footnotes."""

    id: str
    title: str
    edition: str | None
    language: str
    introduction: Markup | None
    header: tuple[Question, ...]
    sections: tuple[Section, ...]
    closing: Markup | None
    footnote_definitions: tuple[FootnoteDefinition, ...]
    source: str = ""
    _questions: dict[str, Question] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._questions.update((question.id, question) for question in self.questions())

    def questions(self) -> Iterator[Question]:
        """Every top-level question, header fields first, in document order."""
        yield from self.header
        for section in self.sections:
            yield from section.questions

    def question(self, question_id: str) -> Question | None:
        """The top-level question with this id, or None."""
        return self._questions.get(question_id)

    def texts(self) -> Iterator[Markup]:
        """Every text of the document, footnotes aside, in the order the form shows them."""
        yield from present(self.introduction)
        for question in self.header:
            yield from question.texts()
        for section in self.sections:
            yield section.title
            yield from present(said(section.when_text))
            for question in section.questions:
                yield from question.texts()
        yield from present(self.closing)

    @cached_property
    def footnotes(self) -> tuple[Footnote, ...]:
        """The footnotes referred to, numbered by the order of their first reference in the
        document (the footnotes' own texts last, in the order they are defined)."""
        definitions = {note.id: note for note in self.footnote_definitions}
        references = first_references([*self.texts(),
                                       *(note.text for note in self.footnote_definitions)])
        return tuple(Footnote(id=note.id, text=note.text, pos=note.pos, number=number)
                     for number, note in enumerate(
                         (definitions[footnote_id] for footnote_id in references
                          if footnote_id in definitions), start=1))

    @cached_property
    def has_required(self) -> bool:
        """Whether any question (or sub-item) is required: the forms then explain their mark."""
        waiting = list(self.questions())
        while waiting:
            question = waiting.pop()
            if question.required or question.required_when:
                return True
            waiting.extend(question.parts)
        return False

    @cached_property
    def _footnote_numbers(self) -> dict[str, int]:
        return {note.id: note.number for note in self.footnotes}

    def footnote_number(self, footnote_id: str) -> int:
        """The display number of a footnote."""
        return self._footnote_numbers[footnote_id]


def said(text: Markup | None) -> Markup | None:
    """A text that says something: None for an empty one (`when_text: ""`)."""
    return text if text is not None and text.source else None


def present(*texts: Markup | None) -> Iterator[Markup]:
    """The texts that are there."""
    return (text for text in texts if text is not None)
