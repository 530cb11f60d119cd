"""XLSX: one workbook, a sheet per table and a "Codebook" sheet, written row by row (xlsxwriter's
constant-memory mode). Texts stay texts: never turned into formulas, numbers or links."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import xlsxwriter

from msqschema.results.columns import Field, Table
from msqschema.results.formats import ResultsError, Row, Writer
from msqschema.results.layout import Layout, headers
from msqschema.results.output import Outputs

MAX_CELL = 32_767
"""The most characters an Excel cell holds."""
MAX_SHEET_NAME = 31
CODEBOOK_SHEET = "Codebook"
CODEBOOK_HEADERS = ("table", "sheet", "column", "title", "type", "description", "categories")


def sheet_names(tables: tuple[Table, ...]) -> dict[str, str]:
    """Each table's sheet name: its name, or, when longer than Excel allows, its question id
    (numbered if need be)."""
    names: dict[str, str] = {}
    for number, table in enumerate(tables, start=1):
        name = table.name
        if len(name) > MAX_SHEET_NAME:
            name = (table.path[-1] if table.path else name)[:MAX_SHEET_NAME - 4]
        if name in names.values() or name == CODEBOOK_SHEET:
            name = f"{name[:MAX_SHEET_NAME - 4]}~{number}"
        names[table.name] = name
    return names


def categories_text(field: Field) -> str:
    """'yes = Yes; no = No'."""
    return "; ".join(f"{value} = {label}" for value, label in field.categories)


class XlsxWriter(Writer):
    """Streams every table to its sheet; the codebook sheet comes last."""

    extension = ".xlsx"
    separate_files = False

    def __init__(self, layout: Layout, target: Path, outputs: Outputs, labels: bool) -> None:
        super().__init__(layout, target, outputs, labels)
        self.workbook = xlsxwriter.Workbook(str(outputs.new(target)), {
            "constant_memory": True, "strings_to_formulas": False,
            "strings_to_numbers": False, "strings_to_urls": False})
        self.bold = self.workbook.add_format({"bold": True})
        self.date = self.workbook.add_format({"num_format": "yyyy-mm-dd"})
        self.sheet_names = sheet_names(layout.tables)
        self.sheets: dict[str, Any] = {}
        self.next_row: dict[str, int] = {}
        for table in layout.tables:
            sheet = self.workbook.add_worksheet(self.sheet_names[table.name])
            sheet.write_row(0, 0, headers(table, labels), self.bold)
            sheet.freeze_panes(1, 0)
            self.sheets[table.name], self.next_row[table.name] = sheet, 1

    def add(self, row: Row, records: list[tuple[Table, Row]]) -> None:
        self._write(self.layout.main, row)
        for table, record in records:
            self._write(table, record)

    def _write(self, table: Table, row: Row) -> None:
        sheet, number = self.sheets[table.name], self.next_row[table.name]
        for column, field in enumerate(table.fields):
            self._cell(sheet, number, column, row[field.name], table, field)
        self.next_row[table.name] = number + 1

    def _cell(self, sheet: Any, row: int, column: int, value: Any, table: Table,
              field: Field) -> None:
        if value is None:
            return
        if isinstance(value, bool):
            sheet.write_boolean(row, column, value)
        elif isinstance(value, int | float):
            sheet.write_number(row, column, value)
        elif isinstance(value, datetime.date):
            sheet.write_datetime(row, column, datetime.datetime.combine(value, datetime.time()),
                                 self.date)
        else:
            text = " ".join(value) if isinstance(value, list) else str(value)
            if len(text) > MAX_CELL:
                raise ResultsError(f"{table.name} row {row}, {field.name}: {len(text)} "
                                  f"characters, more than an XLSX cell holds ({MAX_CELL}); "
                                  "export to csv, parquet or json")
            sheet.write_string(row, column, text)

    def close(self) -> None:
        sheet = self.workbook.add_worksheet(CODEBOOK_SHEET)
        sheet.write_row(0, 0, CODEBOOK_HEADERS, self.bold)
        sheet.freeze_panes(1, 0)
        number = 1
        for table in self.layout.tables:
            for header, field in zip(headers(table, self.labels), table.fields, strict=True):
                sheet.write_row(number, 0, (table.name, self.sheet_names[table.name], header,
                                            field.title, field.type, field.description,
                                            categories_text(field)))
                number += 1
        self.workbook.close()
