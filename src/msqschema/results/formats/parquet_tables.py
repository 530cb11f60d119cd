"""Parquet: one file per table, typed columns (categories as dictionaries, lists of option ids as
lists), written in batches; each column's title and description in its metadata."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from msqschema.results.columns import Field, Table
from msqschema.results.formats import Row, Writer, table_path
from msqschema.results.layout import Layout, headers
from msqschema.results.output import Outputs

BATCH = 500
"""Rows held per table before they are written as a row group: memory stays bounded by it."""

TYPES = {"string": pa.string(), "integer": pa.int64(), "number": pa.float64(),
         "boolean": pa.bool_(),
         "date": pa.date32(), "list": pa.list_(pa.string())}


def arrow_type(field: Field) -> pa.DataType:
    """A column's Arrow type; a text with categories is a dictionary (a category in pandas)."""
    if field.type == "string" and field.categories:
        return pa.dictionary(pa.int32(), pa.string())
    return TYPES[field.type]


def arrow_schema(table: Table, labels: bool) -> pa.Schema:
    return pa.schema([
        pa.field(header, arrow_type(field),
                 metadata={"title": field.title, "description": field.description})
        for header, field in zip(headers(table, labels), table.fields, strict=True)])


class ParquetWriter(Writer):
    """Streams every table to its own Parquet file, a batch at a time."""

    extension = ".parquet"

    def __init__(self, layout: Layout, target: Path, outputs: Outputs, labels: bool) -> None:
        super().__init__(layout, target, outputs, labels)
        self.schemas = {table.name: arrow_schema(table, labels) for table in layout.tables}
        self.writers = {table.name: pq.ParquetWriter(
            outputs.new(table_path(target, table, layout)), self.schemas[table.name])
            for table in layout.tables}
        self.pending: dict[str, list[Row]] = {table.name: [] for table in layout.tables}
        self.tables = {table.name: table for table in layout.tables}

    def add(self, row: Row, records: list[tuple[Table, Row]]) -> None:
        self._add(self.layout.main, row)
        for table, record in records:
            self._add(table, record)

    def _add(self, table: Table, row: Row) -> None:
        pending = self.pending[table.name]
        pending.append(row)
        if len(pending) >= BATCH:
            self._flush(table.name)

    def _flush(self, name: str) -> None:
        rows, schema = self.pending[name], self.schemas[name]
        columns: dict[str, list[Any]] = {
            header: [row[field.name] for row in rows]
            for header, field in zip(schema.names, self.tables[name].fields, strict=True)}
        self.writers[name].write_table(pa.Table.from_pydict(columns, schema=schema))
        rows.clear()

    def close(self) -> None:
        for name, writer in self.writers.items():
            if self.pending[name]:
                self._flush(name)
            writer.close()
