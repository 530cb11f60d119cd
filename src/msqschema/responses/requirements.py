"""When an answer is required, as JSON Schema `if`/`then` rules of the response schema.

A rule is written only where JSON Schema says exactly what `validate` says (its V112): for a
top-level question whose `required`, `required:` condition and `when:` condition (its
section's included) are all made of tests JSON Schema can state over the answers. A date
compared by order (`gt: 2020-01-01`) cannot be stated, nor can the requirements of group
items (they depend on their group being asked): those stay in the answer's description, in
words, and with `validate`. Answers to questions not asked are warnings (V201), never schema
errors, so `when:` appears only inside the rules' `if`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, NamedTuple

from msqschema import conditions
from msqschema.conditions import (
    WHITE_SPACE,
    AllOf,
    Comparison,
    Condition,
    Count,
    Not,
)
from msqschema.questionnaire.markup import Markup
from msqschema.questionnaire.model import Question, Questionnaire
from msqschema.types import TYPES
from msqschema.types.records import given_rows

Schema = dict[str, Any]

ANSWERED_DEFINITION = "answered"
ANSWERED: Schema = {"$ref": f"#/$defs/{ANSWERED_DEFINITION}"}
"""An answered value: refers to `answered_schema()`, which the root's `$defs` hold."""

_NON_BLANK = "[^" + "".join(f"\\u{ord(character):04x}" for character in WHITE_SPACE) + "]"
"""A character that is not white space (written for Python's re and ECMA-262 alike)."""

_ORDER_KEYWORDS = {"gt": "exclusiveMinimum", "ge": "minimum", "lt": "exclusiveMaximum",
                   "le": "maximum"}


def answered_schema() -> Schema:
    """The schema of an answered value, as `conditions.answered` defines it: a number, a
    boolean, a text that is not only white space, a list with an answered item, a choice
    answer whose `selected` list (or option id) is answered, any other mapping with an answered
    value."""
    return {"anyOf": [
        {"type": ["number", "boolean"]},
        {"type": "string", "pattern": _NON_BLANK},
        {"type": "array", "contains": ANSWERED},
        {"type": "object", "required": ["selected"], "properties": {"selected": {
            "type": "array", "contains": ANSWERED}}},
        {"type": "object", "required": ["selected"], "properties": {"selected": {
            "type": "string", "pattern": _NON_BLANK}}},
        {"type": "object", "not": {"anyOf": [
            {"required": ["selected"], "properties": {"selected": {"type": ["array", "string"]}}},
            {"additionalProperties": {"not": ANSWERED}}]}},
    ]}


def requirement_rule(question: Question, detailed: frozenset[str] = frozenset()
                     ) -> Schema | None:
    """The rule that `question` (top-level) is answered whenever `validate` requires it, or
    None when it is never required or JSON Schema cannot say when exactly. `detailed`: the
    single choice questions whose answer may be `{selected: id, details: ...}`."""
    if not (question.required or question.required_when):
        return None
    conditions = [question.when, None if question.required else question.required_when]
    written = [condition_schema(condition.tree, detailed)
               for condition in conditions if condition]
    if any(schema is None for schema in written):
        return None
    then: Schema = {"required": [question.id], "properties": {question.id: ANSWERED}}
    if not written:
        return then
    return {"if": written[0] if len(written) == 1 else {"allOf": written}, "then": then}


def condition_schema(condition: Condition, detailed: frozenset[str] = frozenset()
                     ) -> Schema | None:
    """The schema that the answers object fits exactly when `condition` holds, or None when
    JSON Schema cannot say it."""
    if isinstance(condition, Comparison):
        return _comparison(condition, detailed)
    if isinstance(condition, Count):
        return _count(condition, detailed)
    if isinstance(condition, Not):
        inner = condition_schema(condition.condition, detailed)
        return None if inner is None else {"not": inner}
    children = [condition_schema(child, detailed) for child in condition.conditions]
    if any(child is None for child in children):
        return None
    return {"allOf" if isinstance(condition, AllOf) else "anyOf": children}


def _at(subject: str, schema: Schema, detailed: frozenset[str] = frozenset()) -> Schema:
    """The answer at `subject` (a dotted path through mappings) is there and fits `schema`; a
    single choice in `detailed` answered with its details (`{selected: id}`) is its id."""
    *outer, last = subject.split(".")
    if subject in detailed:
        schema = {"anyOf": [schema, {"type": "object", "required": ["selected"], "properties": {
            "selected": {"allOf": [{"type": "string"}, schema]}}}]}
    nested: Schema = {"required": [last], "properties": {last: schema}}
    for step in reversed(outer):
        nested = {"required": [step], "properties": {step: {"type": "object", **nested}}}
    return nested


def _ticked(options: Schema) -> Schema:
    """A choice answer with a ticked option that fits `options` (in `selected`, or in the
    list itself: a grid row of several ticks)."""
    ticks = {"type": "array", "contains": options}
    return {"anyOf": [ticks, {"type": "object", "required": ["selected"],
                              "properties": {"selected": ticks}}]}


def _comparison(test: Comparison, detailed: frozenset[str]) -> Schema | None:
    subject, operator, value = test.subject, test.operator, test.value
    values = list(value) if isinstance(value, tuple) else [value]
    if operator == "answered":
        return _at(subject, ANSWERED, detailed) if value else {
            "not": _at(subject, ANSWERED, detailed)}
    if operator == "equals":
        return _at(subject, {"const": value}, detailed)
    if operator == "not_equals":
        return {"not": _at(subject, {"const": value}, detailed)}
    if operator == "in":
        return _at(subject, {"enum": values}, detailed)
    if operator in ("includes", "includes_any"):
        return _at(subject, _ticked({"enum": values}), detailed)
    if operator == "includes_all":
        return {"allOf": [_at(subject, _ticked({"const": item}), detailed) for item in values]}
    if operator == "includes_none":
        return {"not": _at(subject, _ticked({"enum": values}), detailed)}
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None  # dates are compared by order as texts: JSON Schema cannot say that
    return _at(subject, {"type": "number", _ORDER_KEYWORDS[operator]: value}, detailed)


def _count(test: Count, detailed: frozenset[str]) -> Schema:
    """`count` as JSON Schema: everything follows from "at least n answered items"."""
    def at_least(number: int) -> Schema:
        if number == 0:
            return {}
        rows = {"type": "array", "contains": ANSWERED, "minContains": number}
        return _at(test.subject, {"anyOf": [rows, {
            "type": "object", "required": ["selected"], "properties": {"selected": rows}}]},
            detailed)

    number, operator = test.value, test.operator
    if operator in ("equals", "not_equals"):
        exactly: Schema = {"allOf": [at_least(number), {"not": at_least(number + 1)}]}
        return exactly if operator == "equals" else {"not": exactly}
    schema = at_least(number if operator in ("ge", "lt") else number + 1)  # gt, le: n + 1
    return schema if operator in ("ge", "gt") else {"not": schema}


class Requirement(NamedTuple):
    """A required answer: where it is, the condition under which it is missing, and what it
    is: a question or group item (at `question_path`), or a part of its answer its type names,
    such as the detail of an option (`part` is then that part's label). `columns`: the fields
    required in every row given of a list answer (a record's required columns, each its key
    and heading); `path` is then the list's, and `missing` the condition under which it is
    asked."""

    path: str
    missing: Condition
    question: Question
    question_path: str
    part: Markup | None = None
    columns: tuple[tuple[str, str], ...] = ()

    def missing_in(self, answers: Mapping[str, Any]) -> list[str]:
        """The dotted paths of what `validate` reports missing (V112) in `answers` for this
        requirement: its own path, or each row's cells left empty in a required column, row
        by row. The HTML form's script does the same (templates/html/form.js, `missingIn`)."""
        if not conditions.holds(self.missing, answers):
            return []
        if not self.columns:
            return [self.path]
        return [f"{self.path}.{index}.{column}"
                for index, row in given_rows(conditions.lookup(answers, self.path))
                for column, _ in self.columns if not conditions.answered(row.get(column))]


def unanswered_conditions(questionnaire: Questionnaire) -> Iterator[Requirement]:
    """Each required answer with the condition under which `validate` reports it missing
    (V112): it is asked (its `when:` and its group's hold), required (`required: true`, or its
    `required:` condition holds) and unanswered; and the required parts of answers the
    question types name (`required_parts`: an option's detail, when its option is ticked;
    `required_in_rows`: a record's column, in each row given). The HTML form evaluates these
    trees to list what is still missing when it saves."""
    for question in questionnaire.questions():
        yield from _unanswered(question, question.id, ())


def _unanswered(question: Question, path: str, asked: tuple[Condition, ...]
                ) -> Iterator[Requirement]:
    if question.when:
        asked = (*asked, question.when.tree)
    if question.required or question.required_when:
        required = () if question.required or question.required_when is None else (
            question.required_when.tree,)
        yield Requirement(path, AllOf((*asked, *required, Comparison(path, "answered", False))),
                          question, path)
    for part_path, label, missing in TYPES[question.type].required_parts(question, path):
        yield Requirement(part_path, AllOf((*asked, missing)), question, path, label)
    if columns := tuple(TYPES[question.type].required_in_rows(question)):
        yield Requirement(path, AllOf(asked), question, path, columns=columns)
    for item in question.sub_questions:
        yield from _unanswered(item, f"{path}.{item.id}", asked)
