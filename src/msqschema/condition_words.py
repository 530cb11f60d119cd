"""Conditions in words: "you answered Yes or Yes, to some extent to 7".

One builder for every use: the printed forms say a condition in their language with the fixed
texts' catalog (msqschema.render.messages), and messages about a response say it in English
(the catalog's own texts, through `gettext.NullTranslations`). The sentence shapes are catalog
messages with placeholders, marked here with `phrase` and `plural_phrase` for extraction;
nothing but the catalog puts words around the names.
"""

from __future__ import annotations

import gettext
from collections.abc import Sequence
from typing import Protocol

from msqschema.conditions import (
    AllOf,
    AnyOf,
    Comparison,
    Condition,
    Count,
    CountOperator,
    Not,
    Operator,
    Scalar,
)

CONTEXT = "condition"
"""The catalog context of every sentence shape of a condition."""


def phrase(context: str, message: str) -> str:
    """Mark a catalog text for extraction (`pgettext_noop`); it is translated where said."""
    return message


def plural_phrase(context: str, singular: str, plural: str) -> tuple[str, str]:
    """Mark a catalog text with plural forms for extraction (`npgettext_noop`)."""
    return singular, plural


class Catalog(Protocol):
    """The translations of the fixed texts (a `gettext.NullTranslations` or a subclass)."""

    def pgettext(self, context: str, message: str) -> str: ...

    def npgettext(self, context: str, singular: str, plural: str, n: int) -> str: ...


ENGLISH: Catalog = gettext.NullTranslations()
"""The catalog's own texts: the words of messages."""


class Names(Protocol):
    """How the form names things: a question by its display number, a value by its label."""

    def question(self, subject: str) -> str:
        """'7', '12 b': the question at `subject` as the form numbers it."""

    def value(self, subject: str, value: Scalar) -> str:
        """'Yes, to some extent': the label of an option, or a value as the form shows it."""

    def spoken_as(self, subject: str) -> str:
        """How the answer at `subject` is spoken of: "answer", or "total" for a value the
        form works out (a calculated question)."""


ANSWERED = {
    False: phrase("condition", "you answered %(question)s"),
    True: phrase("condition", "you did not answer %(question)s"),
}
CHOSE = {
    False: phrase("condition", "you answered %(values)s to %(question)s"),
    True: phrase("condition", "you did not answer %(values)s to %(question)s"),
}
AGREED = {
    False: phrase("condition", "you agreed to %(question)s"),
    True: phrase("condition", "you did not agree to %(question)s"),
}
"""A consent box compared with true or false (the only answers that are booleans)."""
TOTAL_IS = {
    False: phrase("condition", "the total in %(question)s is %(values)s"),
    True: phrase("condition", "the total in %(question)s is not %(values)s"),
}
"""A calculated total compared with numbers: it is worked out, never answered."""
TICKED = {
    False: phrase("condition", "you ticked %(values)s in %(question)s"),
    True: phrase("condition", "you did not tick %(values)s in %(question)s"),
}
TICKED_ALL = {
    False: phrase("condition", "you ticked %(values)s in %(question)s"),
    True: phrase("condition", "you did not tick all of %(values)s in %(question)s"),
}
ORDERED = {
    ("number", "gt", False): phrase(
        "condition", "your answer to %(question)s is more than %(value)s"),
    ("number", "ge", False): phrase(
        "condition", "your answer to %(question)s is at least %(value)s"),
    ("number", "lt", False): phrase(
        "condition", "your answer to %(question)s is less than %(value)s"),
    ("number", "le", False): phrase(
        "condition", "your answer to %(question)s is at most %(value)s"),
    ("date", "gt", False): phrase(
        "condition", "your answer to %(question)s is after %(value)s"),
    ("date", "ge", False): phrase(
        "condition", "your answer to %(question)s is on or after %(value)s"),
    ("date", "lt", False): phrase(
        "condition", "your answer to %(question)s is before %(value)s"),
    ("date", "le", False): phrase(
        "condition", "your answer to %(question)s is on or before %(value)s"),
    ("number", "gt", True): phrase(
        "condition", "your answer to %(question)s is not more than %(value)s"),
    ("number", "ge", True): phrase(
        "condition", "your answer to %(question)s is not at least %(value)s"),
    ("number", "lt", True): phrase(
        "condition", "your answer to %(question)s is not less than %(value)s"),
    ("number", "le", True): phrase(
        "condition", "your answer to %(question)s is not at most %(value)s"),
    ("date", "gt", True): phrase(
        "condition", "your answer to %(question)s is not after %(value)s"),
    ("date", "ge", True): phrase(
        "condition", "your answer to %(question)s is not on or after %(value)s"),
    ("date", "lt", True): phrase(
        "condition", "your answer to %(question)s is not before %(value)s"),
    ("date", "le", True): phrase(
        "condition", "your answer to %(question)s is not on or before %(value)s"),
    ("total", "gt", False): phrase(
        "condition", "the total in %(question)s is more than %(value)s"),
    ("total", "ge", False): phrase(
        "condition", "the total in %(question)s is at least %(value)s"),
    ("total", "lt", False): phrase(
        "condition", "the total in %(question)s is less than %(value)s"),
    ("total", "le", False): phrase(
        "condition", "the total in %(question)s is at most %(value)s"),
    ("total", "gt", True): phrase(
        "condition", "the total in %(question)s is not more than %(value)s"),
    ("total", "ge", True): phrase(
        "condition", "the total in %(question)s is not at least %(value)s"),
    ("total", "lt", True): phrase(
        "condition", "the total in %(question)s is not less than %(value)s"),
    ("total", "le", True): phrase(
        "condition", "the total in %(question)s is not at most %(value)s"),
}
"""A comparison of a number, a date or a calculated total, by (kind, operator, negated)."""
COUNTED: dict[CountOperator, tuple[str, str]] = {
    "equals": plural_phrase("condition", "you gave exactly %(num)d answer to %(question)s",
                            "you gave exactly %(num)d answers to %(question)s"),
    "not_equals": plural_phrase("condition", "you gave other than %(num)d answer to %(question)s",
                                "you gave other than %(num)d answers to %(question)s"),
    "gt": plural_phrase("condition", "you gave more than %(num)d answer to %(question)s",
                        "you gave more than %(num)d answers to %(question)s"),
    "ge": plural_phrase("condition", "you gave at least %(num)d answer to %(question)s",
                        "you gave at least %(num)d answers to %(question)s"),
    "lt": plural_phrase("condition", "you gave fewer than %(num)d answer to %(question)s",
                        "you gave fewer than %(num)d answers to %(question)s"),
    "le": plural_phrase("condition", "you gave at most %(num)d answer to %(question)s",
                        "you gave at most %(num)d answers to %(question)s"),
}
GROUPED = phrase("condition", "(%(condition)s)")
"""A combination inside another of the other kind: "... and (... or ...)"."""

_COUNT_NEGATION: dict[CountOperator, CountOperator] = {
    "equals": "not_equals", "not_equals": "equals", "gt": "le", "le": "gt", "ge": "lt",
    "lt": "ge"}


def say(condition: Condition, names: Names, messages: Catalog = ENGLISH) -> str:
    """The condition in words, to follow "Answer only if": 'you answered Yes or Yes, to some
    extent to 7', in the language of `messages`. Negations are pushed down to single tests,
    so no "not (...)" is said."""
    return _Sayer(names, messages).say(condition, negated=False, outer="")


class _Sayer:
    def __init__(self, names: Names, messages: Catalog) -> None:
        self.names = names
        self.messages = messages
        self.value_separators = (messages.pgettext("list", ", "),
                                 messages.pgettext("list", " and "),
                                 messages.pgettext("list", " or "))
        self.clause_separators = (messages.pgettext("condition", ", "),
                                  messages.pgettext("condition", " and "),
                                  messages.pgettext("condition", " or "))

    def text(self, message: str, **values: object) -> str:
        return self.messages.pgettext(CONTEXT, message) % values

    def join(self, parts: Sequence[str], conjunction: str, *, clauses: bool = False) -> str:
        """Values as a list, 'a, b or c', or conditions (`clauses`), with the separators the
        catalog gives each (Chinese joins clauses with other words than values)."""
        if len(parts) == 1:
            return parts[0]
        comma, and_, or_ = self.clause_separators if clauses else self.value_separators
        return comma.join(parts[:-1]) + (and_ if conjunction == "and" else or_) + parts[-1]

    def say(self, condition: Condition, *, negated: bool, outer: str) -> str:
        if isinstance(condition, Not):
            return self.say(condition.condition, negated=not negated, outer=outer)
        if isinstance(condition, Comparison):
            return self.comparison(condition, negated)
        if isinstance(condition, Count):
            operator = _COUNT_NEGATION[condition.operator] if negated else condition.operator
            singular, plural = COUNTED[operator]
            return self.messages.npgettext(CONTEXT, singular, plural, condition.value) % {
                "num": condition.value, "question": self.names.question(condition.subject)}
        conjunction = "and" if isinstance(condition, AllOf) != negated else "or"
        children = condition.conditions
        if isinstance(condition, AnyOf) and not negated:
            children = _alternatives(children)
        parts = [self.say(child, negated=negated, outer=conjunction) for child in children]
        text = self.join(parts, conjunction, clauses=True)
        if outer and outer != conjunction and len(parts) > 1:
            return self.text(GROUPED, condition=text)
        return text

    def comparison(self, test: Comparison, negated: bool) -> str:
        question = self.names.question(test.subject)
        operator, value = test.operator, test.value
        if operator == "not_equals":
            operator, negated = "equals", not negated
        elif operator == "includes_none":
            operator, negated = "includes_any", not negated
        if operator == "answered":
            return self.text(ANSWERED[negated == value], question=question)
        if operator == "equals" and isinstance(value, bool):
            return self.text(AGREED[negated == value], question=question)
        items = value if isinstance(value, tuple) else (value,)
        values = [self.names.value(test.subject, item) for item in items]
        total = self.names.spoken_as(test.subject) == "total"
        if operator in ("equals", "in"):
            return self.text((TOTAL_IS if total else CHOSE)[negated],
                             values=self.join(values, "or"), question=question)
        if operator in ("includes", "includes_any") or (
                operator == "includes_all" and len(values) == 1):
            return self.text(TICKED[negated], values=self.join(values, "or"), question=question)
        if operator == "includes_all":
            return self.text(TICKED_ALL[negated], values=self.join(values, "and"),
                             question=question)
        kind = "total" if total else "number" if isinstance(value, int | float) else "date"
        return self.text(ORDERED[kind, operator, negated], value=values[0], question=question)


_ALTERNATIVES: dict[str, Operator] = {
    "equals": "in", "in": "in", "includes": "includes_any", "includes_any": "includes_any"}


def _alternatives(children: tuple[Condition, ...]) -> tuple[Condition, ...]:
    """Neighbouring tests of one answer against values, said once: `any` of `equals: yes` and
    `equals: partly` on 7 reads "you answered Yes or Partly to 7"."""
    merged: list[Condition] = []
    for child in children:
        last = merged[-1] if merged else None
        if (isinstance(child, Comparison) and isinstance(last, Comparison)
                and child.subject == last.subject
                and _ALTERNATIVES.get(child.operator, "") == _ALTERNATIVES.get(last.operator)):
            merged[-1] = Comparison(last.subject, _ALTERNATIVES[last.operator],
                                    (*_items(last), *_items(child)), last.origin)
        else:
            merged.append(child)
    return tuple(merged)


def _items(test: Comparison) -> tuple[Scalar, ...]:
    return test.value if isinstance(test.value, tuple) else (test.value,)
