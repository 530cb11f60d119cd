"""The lines a form prints about when a question or section is asked, and when an answer is
required: "Answer only if you answered Yes or Yes, to some extent to 7.", in the form's
language.

The words come from msqschema.condition_words with the catalog of the fixed texts; questions
are named as the form numbers them and values as the form shows them. A `when_text:` of the
questionnaire replaces the words (an empty one says nothing). Every format's templates take
the lines from `condition_lines` and only lay them out.
"""

from __future__ import annotations

from typing import Any

from jinja2 import pass_context

from msqschema.condition_words import CONTEXT, phrase, say
from msqschema.conditions import Scalar
from msqschema.questionnaire.markup import Markup
from msqschema.questionnaire.model import Condition, Question, Questionnaire, Section
from msqschema.render.messages import Wording
from msqschema.render.writing import writing_of
from msqschema.types import TYPES
from msqschema.types.grid import Row

ASKED_IF = phrase("condition", "Answer only if %(condition)s.")
SECTION_ASKED_IF = phrase("condition", "Skip this section unless %(condition)s.")
NOTE_SHOWN_IF = phrase("condition", "Applies only if %(condition)s.")
"""A note is read, not answered."""
REQUIRED_IF = phrase("condition", "Required if %(condition)s.")
ROW_OF = phrase("condition", "%(question)s (%(row)s)")
"""A grid row: the grid's number and the row's label."""
QUOTED = phrase("condition", "“%(value)s”")
"""A value the form shows as text (an option's label, Yes, a text answer) in the language's
quotation marks, so that a label with a comma or an "or" reads as one."""


FIRST_STRONG_ISOLATE, POP_DIRECTIONAL_ISOLATE = "\u2068", "\u2069"


class FormNames:
    """Questions by their numbers on the form, values by the labels the form shows; in a
    right-to-left form each name is a bidi isolate, so that a label in Latin letters or a
    number keeps its place in the sentence."""

    def __init__(self, questionnaire: Questionnaire, messages: Any) -> None:
        self.questionnaire = questionnaire
        self.messages = messages
        self.isolate = writing_of(questionnaire.language).rtl

    def isolated(self, name: str) -> str:
        """The name, isolated from the sentence's direction in a right-to-left form."""
        return f"{FIRST_STRONG_ISOLATE}{name}{POP_DIRECTIONAL_ISOLATE}" if self.isolate else name

    def part(self, subject: str) -> tuple[Question | None, Any]:
        """The question a path names (a group's sub-item for `group.item`), and the grid row
        it names, if any."""
        top, _, rest = subject.partition(".")
        question = self.questionnaire.question(top)
        if question is None or not rest:
            return question, None
        item = next((sub for sub in question.sub_questions if sub.id == rest), None)
        if item is not None:
            return item, None
        row = next((row for row in getattr(question, "rows", ()) if row.id == rest), None)
        return question, row

    def question(self, subject: str) -> str:
        """'7', '8b', '5 (Sleep)'; an unnumbered question by its prompt."""
        return self.isolated(self.question_name(subject))

    def question_name(self, subject: str) -> str:
        """The question's name, not isolated."""
        question, row = self.part(subject)
        if question is None:
            return subject
        name = question.ref if question.numbered or question.prompt is None else (
            question.prompt.plain())
        if row is not None:
            return self.messages.pgettext(CONTEXT, ROW_OF) % {  # type: ignore[no-any-return]
                "question": name, "row": row.label.plain()}
        return name

    def value(self, subject: str, value: Scalar) -> str:
        """An option's label ('“Yes, to some extent”'), '“Yes”', a text answer, each quoted; a
        number as the form writes it (1234.5), or a date as written."""
        name = self.isolated(self.value_name(subject, value))
        question, _ = self.part(subject)
        if not isinstance(value, str) or (
                question is not None and TYPES[question.type].answer_kind == "date"):
            return name
        return self.messages.pgettext(CONTEXT, QUOTED) % {"value": name}  # type: ignore[no-any-return]

    def spoken_as(self, subject: str) -> str:
        """As its question's type speaks of its answer (types registry: `spoken_as`)."""
        question, _ = self.part(subject)
        return TYPES[question.type].spoken_as if question is not None else "answer"

    def value_name(self, subject: str, value: Scalar) -> str:
        """The value's name, not isolated: as its question's type names it (types registry:
        `value_name`), else a number in the form's language, else as written (a consent box's
        true or false is said as agreeing, never named)."""
        question, _ = self.part(subject)
        named = (TYPES[question.type].value_name(question, value, self.messages)
                 if question is not None else None)
        if named is not None:
            return named
        if isinstance(value, int | float):
            return Wording(self.questionnaire.language, self.messages).number(value)
        return str(value)


def lines_of(owner: Question | Section | Row, questionnaire: Questionnaire,
             messages: Any) -> list[str | Markup]:
    """What the form says about when `owner` (a question, section or grid row) is asked and,
    for a question, when it must be answered: text in words, or the questionnaire's own
    `when_text` (Markup)."""
    when = owner.own_when if isinstance(owner, Question) else owner.when
    required_when = owner.required_when if isinstance(owner, Question) else None
    if when is None and required_when is None:
        return []
    names = FormNames(questionnaire, messages)

    def sentence(shape: str, condition: Condition) -> str:
        words = say(condition.tree, names, messages)
        return messages.pgettext(CONTEXT, shape) % {"condition": words}  # type: ignore[no-any-return]

    lines: list[str | Markup] = []
    if owner.when_text is not None:
        if owner.when_text.source:
            lines.append(owner.when_text)
    elif when is not None:
        shape = SECTION_ASKED_IF if isinstance(owner, Section) else (
            NOTE_SHOWN_IF if isinstance(owner, Question) and not owner.answerable else ASKED_IF)
        lines.append(sentence(shape, when))
    if required_when is not None:
        lines.append(sentence(REQUIRED_IF, required_when))
    return lines


@pass_context
def condition_lines(context: Any, owner: Question | Section | Row) -> list[str | Markup]:
    """`lines_of` for templates, in the language of the form being rendered."""
    return lines_of(owner, context["questionnaire"], context["messages"])
