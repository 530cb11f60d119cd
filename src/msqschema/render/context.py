"""The template context every format shares: the questionnaire's questions, each with its answer.

Responses come from outside and may hold anything: each view keeps only what fits its question
(text where text belongs, known option ids, rows that are mappings) and drops the rest, which is
for validation to report. Nothing here knows a format; templates turn views into documents.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

from msqschema.questionnaire.model import (
    ChoiceQuestion,
    Column,
    ContactQuestion,
    GroupQuestion,
    Question,
    Questionnaire,
    RecordsQuestion,
    Section,
)

BLANK_ROWS = 2
"""Empty rows a blank form offers for a records question (within its min_rows and max_rows)."""

_UNPRINTABLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")


def answer_text(raw: object) -> str | None:
    """The text of an answer, or None when it is not text or is blank.

    Numbers count as text (a YAML `2019` is shown as written); line ends become `\\n`, and
    control characters no format can show are dropped.
    """
    if isinstance(raw, bool) or not isinstance(raw, str | int | float):
        return None
    text = _UNPRINTABLE.sub("", str(raw).replace("\r\n", "\n").replace("\r", "\n"))
    return text if text.strip() else None


def _mapping(raw: object) -> Mapping[str, Any]:
    return raw if isinstance(raw, Mapping) else {}


@dataclass(frozen=True)
class FieldView:
    """One text field of a contact block or of a record row, with its answer."""

    column: Column
    key: str
    answer: str | None


@dataclass(frozen=True)
class QuestionView:
    """A question with its answer; `kind` names the template macro that renders it.

    `key` is the answer's dotted path in a response (`specific_portals.e_services`), used for
    form field names and ids. `answer` is None when unanswered.
    """

    kind: ClassVar[str]
    question: Question
    key: str
    answer: Any = None

    @classmethod
    def build(cls, question: Question, raw: object, key: str) -> QuestionView:
        """The view of `question` answered with `raw` (anything a response may hold)."""
        return cls(question, key, answer_text(raw))

    @property
    def answered(self) -> bool:
        """Whether the response answers this question."""
        return self.answer is not None


class TextView(QuestionView):
    """Text, long text, URL, e-mail, phone or date: `answer` is the text."""

    kind = "text"


class YesNoView(QuestionView):
    """A yes/no question: `answer` is "yes", "no" or None."""

    kind = "yes_no"

    @classmethod
    def build(cls, question: Question, raw: object, key: str) -> QuestionView:
        return cls(question, key, raw if raw in ("yes", "no") else None)


@dataclass(frozen=True)
class ChoiceAnswer:
    """A choice answer as far as it fits: known option ids (in option order) and texts."""

    selected: tuple[str, ...] = ()
    other: str | None = None
    explanation: str | None = None


@dataclass(frozen=True)
class ChoiceView(QuestionView):
    """A single or multiple choice question; `answer` is a ChoiceAnswer or None."""

    kind = "choice"

    @classmethod
    def build(cls, question: Question, raw: object, key: str) -> QuestionView:
        assert isinstance(question, ChoiceQuestion)
        if question.multiple:
            given = _mapping(raw)
            picked = given.get("selected")
            chosen = {item for item in picked if isinstance(item, str)} if isinstance(
                picked, list) else set()
            other = answer_text(given.get("other"))
            explanation = answer_text(given.get("explanation"))
        else:
            chosen = {raw} if isinstance(raw, str) else set()
            other = explanation = None
        selected = tuple(option.id for option in question.options if option.id in chosen)
        answer = ChoiceAnswer(selected, other, explanation)
        return cls(question, key, answer if answer != ChoiceAnswer() else None)

    def is_selected(self, option_id: str) -> bool:
        """Whether the response ticks this option."""
        return self.answer is not None and option_id in self.answer.selected


@dataclass(frozen=True)
class GroupView(QuestionView):
    """A question with lettered sub-items; `items` are their views."""

    kind = "group"
    items: tuple[QuestionView, ...] = ()

    @classmethod
    def build(cls, question: Question, raw: object, key: str) -> QuestionView:
        assert isinstance(question, GroupQuestion)
        given = _mapping(raw)
        items = tuple(view_of(item, given.get(item.id), f"{key}.{item.id}")
                      for item in question.items)
        return cls(question, key, None, items)

    @property
    def answered(self) -> bool:
        return any(item.answered for item in self.items)


@dataclass(frozen=True)
class RecordsView(QuestionView):
    """A repeatable record; `answer` is a tuple of rows, each a tuple of FieldViews, or None."""

    kind = "records"

    @classmethod
    def build(cls, question: Question, raw: object, key: str) -> QuestionView:
        assert isinstance(question, RecordsQuestion)
        rows = [row for row in raw if isinstance(row, Mapping)] if isinstance(raw, list) else []
        views = tuple(
            cells for cells in (_fields(question.columns, row, f"{key}.{index}")
                                for index, row in enumerate(rows))
            if any(cell.answer is not None for cell in cells))
        return cls(question, key, views or None)

    @property
    def blank_rows(self) -> tuple[tuple[FieldView, ...], ...]:
        """The empty rows of a blank form: BLANK_ROWS, within the question's row limits."""
        assert isinstance(self.question, RecordsQuestion)
        count = max(self.question.min_rows, BLANK_ROWS)
        if self.question.max_rows is not None:
            count = min(count, self.question.max_rows)
        return tuple(_fields(self.question.columns, {}, f"{self.key}.{index}")
                     for index in range(count))


@dataclass(frozen=True)
class ContactView(QuestionView):
    """A contact block; `fields` are its text fields with their answers."""

    kind = "contact"
    fields: tuple[FieldView, ...] = ()

    @classmethod
    def build(cls, question: Question, raw: object, key: str) -> QuestionView:
        assert isinstance(question, ContactQuestion)
        return cls(question, key, None, _fields(question.fields, _mapping(raw), key))

    @property
    def answered(self) -> bool:
        return any(item.answer is not None for item in self.fields)


class ConsentView(QuestionView):
    """A consent statement: `answer` is True (agreed), False (declined) or None."""

    kind = "consent"

    @classmethod
    def build(cls, question: Question, raw: object, key: str) -> QuestionView:
        return cls(question, key, raw if isinstance(raw, bool) else None)


class NoteView(QuestionView):
    """Display-only text; never answered."""

    kind = "note"

    @classmethod
    def build(cls, question: Question, raw: object, key: str) -> QuestionView:
        return cls(question, key)


def _fields(columns: tuple[Column, ...], given: Mapping[str, Any],
            key: str) -> tuple[FieldView, ...]:
    return tuple(FieldView(column, f"{key}.{column.id}", answer_text(given.get(column.id)))
                 for column in columns)


VIEWS: dict[str, type[QuestionView]] = {
    "text": TextView, "long_text": TextView, "url": TextView, "email": TextView,
    "phone": TextView, "date": TextView, "yes_no": YesNoView,
    "single_choice": ChoiceView, "multiple_choice": ChoiceView, "group": GroupView,
    "records": RecordsView, "contact": ContactView, "consent": ConsentView, "note": NoteView,
}
"""The view class of every question type."""


def view_of(question: Question, raw: object, key: str | None = None) -> QuestionView:
    """The view of one question answered with `raw` (None for a blank form)."""
    return VIEWS[question.type].build(question, raw, key or question.id)


@dataclass(frozen=True)
class SectionView:
    """A section with the views of its questions."""

    section: Section
    questions: tuple[QuestionView, ...]


@dataclass(frozen=True)
class FootnoteMark:
    """One reference to a footnote: its number and which reference to it this is (from 1)."""

    number: int
    occurrence: int


@dataclass
class FootnoteMarks:
    """Numbers the references to each footnote as a template renders them.

    Call it with a footnote id at each reference; `occurrences(number)` then lists the
    references made, for links back from the footnote to each of them.
    """

    numbers: dict[str, int]
    seen: dict[int, int] = field(default_factory=dict)

    def __call__(self, footnote_id: str) -> FootnoteMark:
        number = self.numbers[footnote_id]
        self.seen[number] = self.seen.get(number, 0) + 1
        return FootnoteMark(number, self.seen[number])

    def occurrences(self, number: int) -> range:
        """The occurrence numbers of the references made so far to footnote `number`."""
        return range(1, self.seen.get(number, 0) + 1)


def build_context(questionnaire: Questionnaire, answers: Mapping[str, Any]) -> dict[str, Any]:
    """The variables every template receives (documented in docs/templates.md)."""
    answers = _mapping(answers)
    return {
        "questionnaire": questionnaire,
        "filled": bool(answers),
        "header": tuple(view_of(question, answers.get(question.id))
                        for question in questionnaire.header),
        "sections": tuple(
            SectionView(section, tuple(view_of(question, answers.get(question.id))
                                       for question in section.questions))
            for section in questionnaire.sections),
        "footnotes": questionnaire.footnotes,
        "footnote_mark": FootnoteMarks({note.id: note.number for note in questionnaire.footnotes}),
    }
