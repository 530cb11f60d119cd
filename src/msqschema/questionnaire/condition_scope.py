"""What the conditions of a questionnaire may name, as its question types describe it: the
`conditions.Scope` that lint checks conditions against."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from msqschema.conditions import Target
from msqschema.types import TYPES
from msqschema.types.base import Checker, Raw


class QuestionnaireScope:
    """Every answer a condition may name, by dotted path, read from the questions as written
    (top-level questions in document order: header fields first)."""

    def __init__(self, lint: Checker, questions: Iterable[Raw]) -> None:
        self.targets: dict[str, Target] = {}
        self.orders: dict[str, int] = {}
        for order, question in enumerate(questions):
            question_id, entry = question.get("id"), TYPES.get(str(question.get("type")))
            if not isinstance(question_id, str) or question_id in self.orders:
                continue
            self.orders[question_id] = order
            if entry is None:
                continue
            for part, kind, options in entry.condition_targets(lint, question):
                path = f"{question_id}.{part}" if part else question_id
                label = f"{entry.name} question {path!r}" if not part else repr(path)
                self.targets.setdefault(path, Target(kind=kind, order=order, label=label,
                                                     options=options))

    def resolve(self, subject: str) -> Target | None:
        """What `subject` names, or None when it names nothing."""
        return self.targets.get(subject)

    def subjects(self) -> Iterator[str]:
        """Every path a condition may name."""
        return iter(self.targets)

    def order(self, question_id: str) -> int:
        """The place of a top-level question in the document (0 when unknown)."""
        return self.orders.get(question_id, 0)
