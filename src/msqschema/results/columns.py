"""How questions become table columns: the rules each question type's registry entry chooses
(`QuestionType.result_columns`), and the fields and tables they make.

A column is named from ids, never from display numbers: `country`, `specific_portals__e_services`,
`new_technology_strategies__artificial_intelligence` (a 0/1 column per option). Records go to a
table of their own, one row per record, linked to their response by `response` and `row`.
"""

from __future__ import annotations

import datetime
import json
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import field, replace
from typing import Any, Literal

from msqschema.conditions import answered
from msqschema.frozen import frozen
from msqschema.questionnaire.model import Column, Question
from msqschema.types import (
    ChoiceQuestion,
    ContactQuestion,
    GroupQuestion,
    Option,
    RecordsQuestion,
)
from msqschema.types.choice import selected_of
from msqschema.types.grid import GridQuestion
from msqschema.types.number import NumberQuestion

SEPARATOR = "__"
"""Joins the ids of a column's name: `question__item`, `question__option`."""

FieldType = Literal["string", "integer", "number", "boolean", "date", "list"]
"""A cell's type, as Frictionless Table Schema names it (`list`: option ids)."""

Multiple = Literal["list", "dummies", "both"]
"""How a multiple choice question becomes columns."""

MULTIPLE_CHOICES: tuple[Multiple, ...] = ("list", "dummies", "both")

OptionValues = Literal["ids", "codes"]
"""What a choice cell holds: the option's id, or its code (its id when it has none)."""

OPTION_VALUES: tuple[OptionValues, ...] = ("ids", "codes")


@frozen
class Style:
    """The user's choices of how choice questions become columns."""

    multiple: Multiple = "both"
    options: OptionValues = "ids"

    def value(self, option: Option) -> str | int:
        """An option as its cells hold it."""
        return option.code if self.options == "codes" and option.code is not None else option.id

    def categories(self, question: ChoiceQuestion | GridQuestion) -> tuple[tuple[Any, str], ...]:
        """Each option's cell value and label."""
        return tuple((self.value(option), " ".join(option.label.plain().split()))
                     for option in question.options)

Path = tuple[str, ...]


def _text(value: Any) -> str | None:
    """A text cell: the text itself; anything else a response holds, written out (never lost)."""
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, default=str)


_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})|(\d{2})[./](\d{2})[./](\d{4})")


def as_date(value: Any) -> datetime.date | None:
    """A date answer (2019-07-31, 31.07.2019 or 31/07/2019) as a date; None if it is not one."""
    match = _DATE.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        return None
    year, month, day = (match.group(1, 2, 3) if match.group(1) else match.group(6, 5, 4))
    try:
        return datetime.date(int(year), int(month), int(day))
    except ValueError:
        return None


def as_number(value: Any) -> int | float | None:
    """A numeric answer as a number; None for anything else (a boolean is not a number)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return value if math.isfinite(value) else None


def _integer(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _decimal(value: Any) -> float | None:
    number = as_number(value)
    return None if number is None else float(number)


def _boolean(value: Any) -> bool | None:
    return value if isinstance(value, bool) else None


def _one_of(values: tuple[str, ...]) -> Callable[[Any], str | None]:
    return lambda value: value if value in values else None


def _member(value: Any, key: str) -> Any:
    return value.get(key) if isinstance(value, dict) else None


def selected(answer: Any) -> list[str] | None:
    """The option ids ticked in a multiple choice answer; None when none is ticked."""
    ticked = _member(answer, "selected")
    if not (isinstance(ticked, list) and answered(ticked)):
        return None
    return [str(option) for option in ticked]


def _ticked(values: dict[str, str]) -> Callable[[Any], list[str] | None]:
    def cell(answer: Any) -> list[str] | None:
        ticked = selected(answer)
        return None if ticked is None else [values.get(option, option) for option in ticked]

    return cell


def _ticked_list(values: dict[str, str]) -> Callable[[Any], list[str] | None]:
    def cell(answer: Any) -> list[str] | None:
        if not (isinstance(answer, list) and answer):
            return None
        return [values.get(str(option), str(option)) for option in answer]

    return cell


def _dummy(option_id: str) -> Callable[[Any], int | None]:
    def cell(answer: Any) -> int | None:
        ticked = selected(answer)
        return None if ticked is None else int(option_id in ticked)

    return cell


def row_count(answer: Any) -> int | None:
    """The number of rows of a records answer; None when unanswered."""
    return len(answer) if isinstance(answer, list) and answer else None


@frozen
class Field:
    """One column: its name, cell type, title and categories, and how an answer becomes its cell."""

    name: str
    type: FieldType
    title: str
    path: Path
    """The answer path of the question (or of the record column) the cell comes from."""
    pick: Callable[[Any], Any] = _text
    description: str = ""
    categories: tuple[tuple[Any, str], ...] = ()
    """Each allowed value with its label."""

    def cell(self, answers: Any) -> Any:
        """The cell of this column for a response's answers (or a record row)."""
        value = answers
        for key in self.path:
            value = _member(value, key)
        return self.pick(value)


@frozen
class Table:
    """The columns of one table: `responses`, or one per records question
    (`sector_agencies__health`)."""

    name: str
    title: str
    columns: tuple[Field, ...]
    """The columns that come from the answers."""
    path: Path = ()
    """For a records table, the answer path of its records question."""
    keys: tuple[Field, ...] = ()
    """The columns before them that identify a row (response, file ...; response, row)."""

    @property
    def fields(self) -> tuple[Field, ...]:
        """Every column, in order."""
        return (*self.keys, *self.columns)

    def rows(self, answers: Any) -> Iterator[dict[str, Any]]:
        """A records table's rows for one response's answers (without their keys)."""
        value: Any = answers
        for key in self.path:
            value = _member(value, key)
        for record in value if isinstance(value, list) else ():
            yield {column.name: column.cell(record) for column in self.columns}


@frozen
class Rule:
    """What a question type gives: its columns in the main table, and tables of its own."""

    fields: list[Field] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)

    def add(self, other: Rule) -> None:
        self.fields.extend(other.fields)
        self.tables.extend(other.tables)


def wording(question: Question) -> str:
    """A question as a codebook names it: its number and its prompt ('Q8 Please check ...')."""
    prompt = " ".join(question.prompt.plain().split()) if question.prompt else question.id
    return f"Q{question.ref} {prompt}" if question.numbered else prompt


def name(path: Path) -> str:
    """A column or table name: the ids of its path, joined."""
    return SEPARATOR.join(path)


def _scalar(kind: str, column_name: str, title: str, path: Path, description: str = "") -> Field:
    """The field of a text answer of one kind (`date` is a date, anything else text)."""
    if kind == "date":
        return Field(column_name, "date", title, path, as_date, description)
    return Field(column_name, "string", title, path, _text, description)


def text_rule(question: Question, path: Path, style: Style) -> Rule:
    return Rule([_scalar(question.type, name(path), wording(question), path)])


def number_rule(question: NumberQuestion, path: Path, style: Style) -> Rule:
    unit = question.shown_unit
    description = f"in {unit}" if unit else ""
    if question.integer:
        return Rule([Field(name(path), "integer", wording(question), path, _integer,
                           description)])
    return Rule([Field(name(path), "number", wording(question), path, _decimal, description)])


def calculated_rule(question: Question, path: Path, style: Style) -> Rule:
    return Rule([Field(name(path), "number", wording(question), path, _decimal,
                       "the value the response states (valid responses state the computed "
                       "value or none)")])


def grid_rule(question: GridQuestion, path: Path, style: Style) -> Rule:
    values = {option.id: style.value(option) for option in question.options}
    title = wording(question)
    kind: FieldType = "integer" if all(isinstance(value, int) for value in values.values()) \
        else "string"
    fields = []
    for row in question.rows:
        row_title = f"{title}: {' '.join(row.label.plain().split())}"
        if question.multiple:
            fields.append(Field(name((*path, row.id)), "list", row_title, (*path, row.id),
                                _ticked_list({key: str(value) for key, value in values.items()}),
                                f"the {style.options} of the options chosen, separated by "
                                "spaces"))
        else:
            fields.append(Field(name((*path, row.id)), kind, row_title, (*path, row.id),
                                lambda value: values.get(value) if isinstance(value, str)
                                else None, categories=style.categories(question)))
    return Rule(fields)


def yes_no_rule(question: Question, path: Path, style: Style) -> Rule:
    categories = (("yes", "Yes"), ("no", "No"))
    return Rule([Field(name(path), "string", wording(question), path, _one_of(("yes", "no")),
                       categories=categories)])


def consent_rule(question: Question, path: Path, style: Style) -> Rule:
    return Rule([Field(name(path), "boolean", wording(question), path, _boolean,
                       "true: the statement was agreed to",
                       ((True, "agreed"), (False, "not agreed")))])


def single_choice_rule(question: ChoiceQuestion, path: Path, style: Style) -> Rule:
    values = {option.id: style.value(option) for option in question.options}
    kind: FieldType = "integer" if all(isinstance(value, int) for value in values.values()) \
        else "string"

    def chosen(value: Any) -> Any:
        value = selected_of(value)  # answered alone, or with its details
        return values.get(value) if isinstance(value, str) else None

    return Rule([Field(name(path), kind, wording(question), path, chosen,
                       categories=style.categories(question)),
                 *_detail_fields(question, path, wording(question))])


def _detail_fields(question: ChoiceQuestion, path: Path, title: str) -> list[Field]:
    """One text column for each option with a detail: `<question>__<option>__text`."""
    return [Field(name((*path, option.id, "text")), "string",
                  f"{title}: {' '.join(option.label.plain().split())} (text)",
                  (*path, "details", option.id))
            for option in question.detailed_options]


def multiple_choice_rule(question: ChoiceQuestion, path: Path, style: Style) -> Rule:
    title = wording(question)
    fields: list[Field] = []
    if style.multiple in ("list", "both"):
        values = {option.id: str(style.value(option)) for option in question.options}
        fields.append(Field(name(path), "list", title, path, _ticked(values),
                            f"the {style.options} of the ticked options, separated by spaces",
                            tuple((str(value), label)
                                  for value, label in style.categories(question))))
    if style.multiple in ("dummies", "both"):
        fields += [Field(name((*path, option.id)), "integer",
                         f"{title}: {' '.join(option.label.plain().split())}", path,
                         _dummy(option.id), "1 ticked, 0 not ticked (empty: none ticked)",
                         ((0, "not ticked"), (1, "ticked")))
                   for option in question.options]
    fields += _detail_fields(question, path, title)
    if question.explanation is not None:
        fields.append(Field(name((*path, "explanation")), "string", f"{title}: explanation",
                            (*path, "explanation")))
    return Rule(fields)


def group_rule(question: GroupQuestion, path: Path, style: Style) -> Rule:
    rule = Rule()
    for item in question.items:
        if item.answerable:
            rule.add(columns_of(item, (*path, item.id), style))
    return rule


def contact_rule(question: ContactQuestion, path: Path, style: Style) -> Rule:
    return Rule(_column_fields(question.fields, wording(question), path))


def _column_fields(columns: tuple[Column, ...], title: str, path: Path) -> list[Field]:
    return [_scalar(column.type, name((*path, column.id)), f"{title}: {column.label}",
                    (*path, column.id)) for column in columns]


def records_rule(question: RecordsQuestion, path: Path, style: Style) -> Rule:
    title = wording(question)
    table = Table(name(path), title, tuple(
        replace(columns_of(column.field, (column.id,), style).fields[0],
                title=f"{title}: {column.label}")
        for column in question.columns), path)
    count = Field(name((*path, "rows")), "integer", f"{title}: number of rows", path, row_count,
                  f"the rows are in the table {table.name}")
    return Rule([count], [table])


Summary = Literal["answered", "words", "dates", "numbers", "categories", "choices", "rows",
                  "items"]
"""How the report sums up a question's answers (see msqschema.results.summaries)."""


def columns_of(question: Question, path: Path, style: Style) -> Rule:
    """The columns and tables of one question, at answer path `path` (its type's entry says
    which of the rules above it follows)."""
    from msqschema.types import TYPES

    return TYPES[question.type].result_columns(question, path, style)  # type: ignore[no-any-return]
