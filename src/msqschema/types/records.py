"""Records: a repeatable row of named columns, such as an agency's name and web address."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from msqschema import problems as codes
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


@dataclass(frozen=True, kw_only=True)
class RecordsQuestion(Question):
    """A repeatable record with named columns, such as an agency's name and URL."""

    columns: tuple[Column, ...]
    min_rows: int = 0
    max_rows: int | None = None


@dataclass(frozen=True)
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


def columns_schema(write: SchemaWriter, columns: tuple[Column, ...]) -> Schema:
    """The schema of a row of text fields (a record row or a contact block)."""
    properties = {column.id: write.annotated(write.text(column.type), title=column.label)
                  for column in columns}
    return {"type": "object", "properties": properties, "additionalProperties": False}


def columns_answers(columns: tuple[Column, ...]) -> SearchStrategy[dict[str, str]]:
    """Rows (or contact blocks) with at least one field filled."""
    from hypothesis import strategies as st

    from msqschema.types import strategies

    return st.fixed_dictionaries({}, optional={
        column.id: strategies.texts(column.type) for column in columns}).filter(bool)


class RecordsType(QuestionType):
    """Rows of named text columns: answered with a list of mappings."""

    result_rule = "records"
    summary = "rows"

    model = RecordsQuestion
    answer_kind = "records"
    view = RecordsView
    keys = ("columns", "min_rows", "max_rows")

    def fields(self, build: Builder, item: Raw, path: JsonPath) -> dict[str, Any]:
        return {
            "columns": tuple(
                Column(id=column["id"], type=column["type"], label=column["label"],
                       pos=build.pos((*path, "columns", index)))
                for index, column in enumerate(item["columns"])),
            "min_rows": item.get("min_rows", 0),
            "max_rows": item.get("max_rows"),
        }

    def check(self, lint: Checker, item: Raw, path: JsonPath, asker: Any) -> None:
        lint.unique("column", entries(item, path, "columns"))
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

    def read(self, read: FormReader, question: RecordsQuestion, path: str
             ) -> list[dict[str, str]] | None:
        rows: dict[tuple[int, int], dict[str, str]] = {}  # (0, table row) or (1, loose control)
        for column in question.columns:
            column_path = f"{path}/*/{column.id}"
            cells = read.places(column_path, repeated=True)
            rows_seen = Counter(control.row for control in cells if control.row is not None)
            if any(count > 1 for count in rows_seen.values()):
                read.doubled.append(column_path)
            for index, control in enumerate(cells):
                text = read.control_text(control)
                row = (0, control.row) if control.row is not None else (1, index)
                if text is not None and column.id not in rows.setdefault(row, {}):
                    rows[row][column.id] = text
        ordered = [{column.id: rows[row][column.id] for column in question.columns
                    if column.id in rows[row]} for row in sorted(rows)]
        return [row for row in ordered if row] or None

    def answers(self, question: RecordsQuestion) -> SearchStrategy[list[dict[str, str]]]:
        from hypothesis import strategies as st

        most = question.max_rows if question.max_rows is not None else question.min_rows + 3
        return st.lists(columns_answers(question.columns), min_size=question.min_rows,
                        max_size=most)
