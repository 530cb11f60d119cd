"""CSV: one UTF-8 file per table; lists of options separated by spaces, dates as 2019-07-31."""

from __future__ import annotations

import csv
import datetime
from pathlib import Path
from typing import IO, Any

from msqschema.results.columns import Table
from msqschema.results.formats import Row, Writer, table_path
from msqschema.results.layout import Layout, headers
from msqschema.results.output import Outputs


def csv_cell(value: Any) -> str:
    """A cell as CSV text: empty for none, `true`/`false`, ISO dates, option ids with spaces."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return " ".join(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


class CsvWriter(Writer):
    """Streams every table to its own CSV file."""

    extension = ".csv"

    def __init__(self, layout: Layout, target: Path, outputs: Outputs, labels: bool) -> None:
        super().__init__(layout, target, outputs, labels)
        self.streams: dict[str, IO[str]] = {}
        self.writers: dict[str, Any] = {}
        for table in layout.tables:
            stream = outputs.new(table_path(target, table, layout)).open(
                "w", encoding="utf-8", newline="")
            self.streams[table.name] = stream
            self.writers[table.name] = writer = csv.writer(stream)
            writer.writerow(headers(table, labels))

    def add(self, row: Row, records: list[tuple[Table, Row]]) -> None:
        self._write(self.layout.main, row)
        for table, record in records:
            self._write(table, record)

    def _write(self, table: Table, row: Row) -> None:
        self.writers[table.name].writerow([csv_cell(row[field.name]) for field in table.fields])

    def close(self) -> None:
        for stream in self.streams.values():
            stream.close()
