"""The views templates receive: a question with its answer, as far as the answer fits.

Responses come from outside and may hold anything: each view keeps only what fits its question
(text where text belongs, known option ids, rows that are mappings) and drops the rest, which is
for validation to report. Each question type names its view class in its registry entry.

Views are made for templates, which never compare or print them: their dataclasses are declared
`eq=False, repr=False` (a subclass's too), since every module of question types is imported by
every command, and each method a dataclass generates is compiled as the class is created.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from msqschema.patterns import pattern
from msqschema.questionnaire.model import Column, Question

if TYPE_CHECKING:
    from msqschema.questionnaire.model import Questionnaire
    from msqschema.render.messages import Wording

_unprintable = pattern(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")


def answer_text(raw: object) -> str | None:
    """The text of an answer, or None when it is not text or is blank.

    Numbers count as text (a YAML `2019` is shown as written); line ends become `\\n`, and
    control characters no format can show are dropped.
    """
    if isinstance(raw, bool) or not isinstance(raw, str | int | float):
        return None
    text = _unprintable().sub("", str(raw).replace("\r\n", "\n").replace("\r", "\n"))
    return text if text.strip() else None


def mapping(raw: object) -> Mapping[str, Any]:
    """`raw` if it is a mapping, else an empty one."""
    return raw if isinstance(raw, Mapping) else {}


@dataclass(frozen=True, eq=False, repr=False)
class FieldView:
    """One field of a contact block or of a record row: its column, and the view of its
    answer as its type sees it (`view.kind`: `text` or `number`)."""

    column: Column
    view: QuestionView

    @property
    def key(self) -> str:
        """The field's answer path: `sites.0.staff`."""
        return self.view.key

    @property
    def answer(self) -> Any:
        """The answer: text, a number, or None."""
        return self.view.answer


def field_views(columns: tuple[Column, ...], given: Mapping[str, Any],
                key: str) -> tuple[FieldView, ...]:
    """The views of the fields of a row or contact block."""
    from msqschema.types import view_of

    return tuple(FieldView(column, view_of(column.field, given.get(column.id),
                                           f"{key}.{column.id}"))
                 for column in columns)


@dataclass(frozen=True, eq=False, repr=False)
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

    @property
    def shown(self) -> Any:
        """The answer as a filled form prints it in a table cell (a number with its unit);
        the answer itself unless the type says otherwise."""
        return self.answer

    def is_selected(self, option_id: str) -> bool:
        """Whether a filled form ticks this option: the answer is it (a choice's view says
        whether it is among the ticks)."""
        return bool(self.answer == option_id)

    def described(self, wording: Wording, questionnaire: Questionnaire) -> str | None:
        """What the answer must be, in words of the wording's language, where a table's
        heading says so (None: free text, nothing to say)."""
        return None
