"""The registry of question types: every type of the language, by name, each declared once.

An entry (`types.base.QuestionType`) holds all that varies by type: its model class, the keys
it accepts, its lint checks, its answer's JSON Schema, its template view, how `extract` reads it
from a Word form and a Hypothesis strategy of its answers. docs/adding-a-question-type.md says
how to add one.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from msqschema.questionnaire.model import Question, Questionnaire
from msqschema.types.base import QuestionType
from msqschema.types.calculated import CalculatedQuestion, CalculatedType
from msqschema.types.choice import (
    ChoiceQuestion,
    Detail,
    Explanation,
    MultipleChoiceType,
    Option,
    SingleChoiceType,
)
from msqschema.types.consent import ConsentQuestion, ConsentType
from msqschema.types.contact import CONTACT_FIELDS, ContactQuestion, ContactType
from msqschema.types.grid import GridQuestion, GridType
from msqschema.types.group import GroupQuestion, GroupType
from msqschema.types.note import NoteQuestion, NoteType
from msqschema.types.number import NUMBER_TYPES, NumberQuestion
from msqschema.types.records import RecordsQuestion, RecordsType
from msqschema.types.text import TEXT_KINDS, TEXT_TYPES, TextQuestion
from msqschema.types.views import QuestionView
from msqschema.types.yes_no import YesNoQuestion, YesNoType

__all__ = [
    "CONTACT_FIELDS", "TEXT_KINDS", "TYPES", "CalculatedQuestion", "ChoiceQuestion",
    "ConsentQuestion", "ContactQuestion", "Detail", "Explanation", "GridQuestion", "GroupQuestion",
    "NoteQuestion", "NumberQuestion", "Option", "QuestionType", "RecordsQuestion",
    "TextQuestion", "YesNoQuestion", "view_of", "with_derived",
]

TYPES: dict[str, QuestionType] = {entry.name: entry for entry in (
    *TEXT_TYPES,
    *NUMBER_TYPES,
    YesNoType("yes_no"),
    SingleChoiceType("single_choice"),
    MultipleChoiceType("multiple_choice"),
    GroupType("group"),
    GridType("grid"),
    CalculatedType("calculated"),
    RecordsType("records"),
    ContactType("contact"),
    ConsentType("consent"),
    NoteType("note"),
)}
"""Every question type of the language, in the order the documentation lists them."""


def with_derived(questionnaire: Questionnaire, answers: Mapping[str, Any]) -> dict[str, Any]:
    """The answers with the values derived from them (calculated questions) filled in."""
    derived = {question.id: value for question in questionnaire.questions()
               if (value := TYPES[question.type].derive(question, questionnaire, answers))
               is not None}
    return {**answers, **derived}


def view_of(question: Question, raw: object, key: str | None = None) -> QuestionView:
    """The template view of one question answered with `raw` (None for a blank form)."""
    return TYPES[question.type].view.build(question, raw, key or question.id)
