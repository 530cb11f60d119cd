"""The tables of an export: the `responses` table and one per records question, with their rows."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from msqschema.frozen import frozen
from msqschema.questionnaire.model import Questionnaire
from msqschema.results.collection import Collected
from msqschema.results.columns import (
    Field,
    Multiple,
    OptionValues,
    Rule,
    Style,
    Table,
    columns_of,
)

MAIN_TABLE = "responses"
KEY = Field("response", "integer", "Response number", (),
            description="the response's number in this export, from 1, in the order read")
ROW = Field("row", "integer", "Row number", (), description="the record's row, from 1")
SOURCE = (
    KEY,
    Field("file", "string", "Response file", (), description="the file the response was read from"),
    Field("questionnaire", "string", "Questionnaire id", ()),
    Field("edition", "string", "Questionnaire edition", ()),
)
VALIDITY = (
    Field("valid", "boolean", "Valid", (), description="true: the file has no errors"),
    Field("problems", "integer", "Problems", (),
          description="the number of problems (errors and warnings) found in the file"),
)


@frozen
class Layout:
    """Every table of an export of one questionnaire, and how a response fills them."""

    questionnaire: Questionnaire
    main: Table
    records: tuple[Table, ...]
    include_invalid: bool

    @property
    def tables(self) -> tuple[Table, ...]:
        return (self.main, *self.records)

    def main_row(self, number: int, collected: Collected) -> dict[str, Any]:
        """The response's row of the `responses` table."""
        row: dict[str, Any] = {"response": number, "file": collected.file,
                               "questionnaire": self.questionnaire.id,
                               "edition": self.questionnaire.edition}
        if self.include_invalid:
            row["valid"] = collected.valid
            row["problems"] = len(collected.report.problems)
        answers = collected.answers
        row.update((column.name, column.cell(answers)) for column in self.main.columns)
        return row

    def record_rows(self, number: int,
                    collected: Collected) -> Iterator[tuple[Table, dict[str, Any]]]:
        """The response's rows of each records table, each with its key and row number."""
        for table in self.records:
            for index, row in enumerate(table.rows(collected.answers), start=1):
                yield table, {"response": number, "row": index, **row}


def layout(questionnaire: Questionnaire, *, multiple: Multiple = "both",
           options: OptionValues = "ids", include_invalid: bool = False) -> Layout:
    """The tables of an export of `questionnaire`'s responses, columns in its order."""
    rule = Rule()
    for question in questionnaire.questions():
        if question.answerable:
            rule.add(columns_of(question, (question.id,), Style(multiple, options)))
    main = Table(MAIN_TABLE, f"Responses to {questionnaire.title}", tuple(rule.fields),
                 keys=(*SOURCE, *(VALIDITY if include_invalid else ())))
    records = tuple(Table(table.name, table.title, table.columns, table.path, keys=(KEY, ROW))
                    for table in rule.tables)
    return Layout(questionnaire, main, records, include_invalid)


def headers(table: Table, labels: bool) -> list[str]:
    """A table's column headers: the names, or the titles (made unique with the name)."""
    if not labels:
        return [column.name for column in table.fields]
    titles = [column.title for column in table.fields]
    return [title if titles.count(title) == 1 else f"{title} [{column.name}]"
            for title, column in zip(titles, table.fields, strict=True)]
