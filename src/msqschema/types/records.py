"""Records: a repeatable row of named columns, such as an agency's name and web address."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, NamedTuple

from msqschema import problems as codes
from msqschema.conditions import answered
from msqschema.frozen import frozen
from msqschema.locations import JsonPath
from msqschema.questionnaire.model import Column, Question
from msqschema.types.base import (
    Builder,
    Checker,
    FormReader,
    QuestionType,
    Raw,
    Schema,
    SchemaWriter,
    entries,
    is_int,
)
from msqschema.types.views import FieldView, QuestionView, field_views

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy

BLANK_ROWS = 2
"""Empty rows a blank form offers for a records question (within its min_rows and max_rows)."""


@frozen(kw_only=True)
class RecordsQuestion(Question):
    """A repeatable record with named columns, such as an agency's name and URL."""

    columns: tuple[Column, ...]
    min_rows: int = 0
    max_rows: int | None = None

    @property
    def parts(self) -> tuple[Question, ...]:
        return tuple(column.field for column in self.columns)

    @cached_property
    def ruled_columns(self) -> tuple[RuledColumn, ...]:
        """The columns the rules check in each row: those required, or whose type has rules
        for them."""
        from msqschema.types import TYPES

        checked = (RuledColumn(column.id, column.field, column.required,
                               TYPES[column.type].ruled(column.field))
                   for column in self.columns)
        return tuple(column for column in checked if column.required or column.ruled)


class RuledColumn(NamedTuple):
    """A column the rules check: its key, its field, whether it is required, and whether its
    type's `findings` can find anything in its cells."""

    id: str
    field: Question
    required: bool
    ruled: bool


@dataclass(frozen=True, eq=False, repr=False)
class RecordsView(QuestionView):
    """A repeatable record; `answer` is a tuple of rows, each a tuple of FieldViews, or None."""

    kind = "records"

    @classmethod
    def build(cls, question: Question, raw: object, key: str) -> QuestionView:
        assert isinstance(question, RecordsQuestion)
        rows = [row for row in raw if isinstance(row, Mapping)] if isinstance(raw, list) else []
        views = tuple(
            cells for cells in (field_views(question.columns, row, f"{key}.{index}")
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
        return tuple(field_views(self.question.columns, {}, f"{self.key}.{index}")
                     for index in range(count))

    @property
    def headings(self) -> tuple[FieldView, ...]:
        """A blank cell of each column, for the table's headings (a number's range in words)."""
        assert isinstance(self.question, RecordsQuestion)
        return field_views(self.question.columns, {}, f"{self.key}.*")


def given_rows(answer: Any) -> Iterator[tuple[int, Mapping[str, Any]]]:
    """The rows a records answer gives, with their indexes: mappings with an answered value
    (an empty row is not given, and its required columns are not missing)."""
    rows = answer if isinstance(answer, list) else []
    for index, row in enumerate(rows):
        if isinstance(row, dict | Mapping) and any(map(answered, row.values())):
            yield index, row


def columns_schema(write: SchemaWriter, columns: tuple[Column, ...], *,
                   fixed_labels: bool = False) -> Schema:
    """The schema of a row of fields (a record row or a contact block): each field's as its
    type writes it, titled with its label (`fixed_labels`: the library's, a contact block's,
    translated by the catalog)."""
    from msqschema.types import TYPES

    properties = {column.id: write.annotated(
        TYPES[column.type].answer_schema(write, column.field),
        title=(lambda label=column.label: write.wording.text(label)) if fixed_labels
        else column.label) for column in columns}
    return {"type": "object", "properties": properties, "additionalProperties": False}


def columns_answers(columns: tuple[Column, ...]) -> SearchStrategy[dict[str, Any]]:
    """Rows (or contact blocks) with at least one field filled, and every required one."""
    from hypothesis import strategies as st

    from msqschema.types import TYPES

    drawn = {column.id: TYPES[column.type].answers(column.field) for column in columns}
    required = {key: drawn.pop(key) for key in [column.id for column in columns
                                                 if column.required]}
    return st.fixed_dictionaries(required, optional=drawn).filter(bool)


class RecordsType(QuestionType):
    """Rows of named columns (text or numbers): answered with a list of mappings."""

    result_rule = "records"
    summary = "rows"

    model = RecordsQuestion
    answer_kind = "records"
    view = RecordsView
    keys = ("columns", "min_rows", "max_rows")

    def fields(self, build: Builder, item: Raw, path: JsonPath) -> dict[str, Any]:
        return {
            "columns": tuple(
                Column(label=column["label"],
                       field=build.sub_question(column, (*path, "columns", index), index))
                for index, column in enumerate(item["columns"])),
            "min_rows": item.get("min_rows", 0),
            "max_rows": item.get("max_rows"),
        }

    def check(self, lint: Checker, item: Raw, path: JsonPath, asker: Any) -> None:
        columns = entries(item, path, "columns")
        for column_path, column in columns:
            lint.question(column, column_path, asker)
        lint.unique("column", columns, answer_keys=True)
        low, high = item.get("min_rows", 0), item.get("max_rows")
        if is_int(low) and is_int(high) and low > high:
            lint.report(codes.INVALID_VALUE, (*path, "min_rows"), situation="rows",
                        min_rows=low, max_rows=high)

    def answer_schema(self, write: SchemaWriter, question: RecordsQuestion) -> Schema:
        schema: Schema = {"type": ["array", "null"],
                          "items": columns_schema(write, question.columns)}
        if question.min_rows:
            schema["minItems"] = question.min_rows
        if question.max_rows is not None:
            schema["maxItems"] = question.max_rows
        return schema

    def ruled(self, question: RecordsQuestion) -> bool:
        return bool(question.ruled_columns)

    def required_in_rows(self, question: RecordsQuestion) -> Iterator[tuple[str, str]]:
        """Each required column: its id and its heading."""
        return ((column.id, column.label) for column in question.columns if column.required)

    def findings(self, question: RecordsQuestion, answer: Any, path: JsonPath,
                 answers: Mapping[str, Any], questionnaire: Any) -> Iterator[Any]:
        from msqschema.types import TYPES

        columns = question.ruled_columns
        for index, row in given_rows(answer):
            for column_id, field, required, ruled in columns:
                cell = row.get(column_id)
                if required and not answered(cell):
                    yield codes.Finding(codes.REQUIRED_UNANSWERED, (*path, index), False, {
                        "situation": "column", "row": index, "column_id": column_id})
                elif ruled and cell is not None:
                    yield from TYPES[field.type].findings(
                        field, cell, (*path, index, column_id), answers, questionnaire)

    def read(self, read: FormReader, question: RecordsQuestion, path: str
             ) -> list[dict[str, Any]] | None:
        from msqschema.types import TYPES

        rows: dict[tuple[int, int], dict[str, Any]] = {}  # (0, table row) or (1, loose control)
        for column in question.columns:
            column_path = f"{path}/*/{column.id}"
            cells = read.places(column_path, repeated=True)
            rows_seen = Counter(control.row for control in cells if control.row is not None)
            if any(count > 1 for count in rows_seen.values()):
                read.doubled.append(column_path)
            for index, control in enumerate(cells):
                text = read.control_text(control)
                row = (0, control.row) if control.row is not None else (1, index)
                value = None if text is None else TYPES[column.type].typed(read, column.field,
                                                                            text)
                if value is not None and column.id not in rows.setdefault(row, {}):
                    rows[row][column.id] = value
        ordered = [{column.id: rows[row][column.id] for column in question.columns
                    if column.id in rows[row]} for row in sorted(rows)]
        return [row for row in ordered if row] or None

    def answers(self, question: RecordsQuestion) -> SearchStrategy[list[dict[str, Any]]]:
        from hypothesis import strategies as st

        most = question.max_rows if question.max_rows is not None else question.min_rows + 3
        return st.lists(columns_answers(question.columns), min_size=question.min_rows,
                        max_size=most)
