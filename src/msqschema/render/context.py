"""The template context every format shares: the questionnaire's questions, each with its answer.

The views of the questions come from their types' registry entries (msqschema.types); nothing
here knows a format: templates turn views into documents.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from msqschema.frozen import frozen
from msqschema.questionnaire.model import Questionnaire, Section
from msqschema.render.messages import messages_for, wording_for
from msqschema.render.writing import writing_of
from msqschema.types import view_of, with_derived
from msqschema.types.views import QuestionView, mapping


@frozen
class SectionView:
    """A section with the views of its questions."""

    section: Section
    questions: tuple[QuestionView, ...]


@frozen
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
    answers = with_derived(questionnaire, mapping(answers))
    return {
        "questionnaire": questionnaire,
        "writing": writing_of(questionnaire.language),
        "messages": messages_for(questionnaire.language),
        "wording": wording_for(questionnaire.language),
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
