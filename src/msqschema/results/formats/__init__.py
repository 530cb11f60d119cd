"""The export formats, by name: each a streaming writer of an export's tables, imported when used.

CSV and JSON need nothing beyond Python; XLSX and Parquet need the `export` extra.
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path
from typing import Any

from msqschema.problems import MsqSchemaError
from msqschema.results.columns import Table
from msqschema.results.layout import Layout
from msqschema.results.output import Outputs

FORMATS = {
    "csv": "msqschema.results.formats.csv_tables:CsvWriter",
    "json": "msqschema.results.formats.json_document:JsonWriter",
    "parquet": "msqschema.results.formats.parquet_tables:ParquetWriter",
    "xlsx": "msqschema.results.formats.xlsx_workbook:XlsxWriter",
}
"""Every export format: the module and class of its writer."""

EXTRA = "pip install 'msqschema[export]'"

Row = dict[str, Any]


class ResultsError(MsqSchemaError):
    """An export or report that cannot be made: an output that is a folder, a missing
    library, a cell a format cannot hold."""


class Writer:
    """Writes the rows of an export's tables to their files as they come."""

    extension = ""
    separate_files = True
    """Whether each table goes to a file of its own, described by a codebook beside them."""

    def __init__(self, layout: Layout, target: Path, outputs: Outputs, labels: bool) -> None:
        self.layout = layout
        self.target = target
        self.labels = labels

    def add(self, row: Row, records: list[tuple[Table, Row]]) -> None:
        """One response: its row of the main table and its rows of the records tables."""
        raise NotImplementedError

    def close(self) -> None:
        """Finish every file."""
        raise NotImplementedError


def table_path(target: Path, table: Table, layout: Layout) -> Path:
    """Where a table goes: the main table at `target`, each other one beside it
    (`out.csv`, `out.sector_agencies__health.csv`)."""
    if table is layout.main:
        return target
    return target.with_name(f"{target.stem}.{table.name}{target.suffix}")


def writer_class(format_name: str) -> type[Writer]:
    """The writer of a format; ResultsError naming the extra if its library is missing."""
    module, name = FORMATS[format_name].split(":")
    try:
        found: type[Writer] = getattr(import_module(module), name)
    except ImportError as error:
        raise ResultsError(f"{format_name.upper()} export needs the {error.name} package: "
                          f"{EXTRA}") from None
    return found
