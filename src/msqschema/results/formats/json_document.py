"""JSON: one document holding every response as an object, its records nested in it."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import IO, Any

from msqschema.results.columns import Table
from msqschema.results.formats import Row, Writer
from msqschema.results.layout import Layout
from msqschema.results.output import Outputs


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime.date) else value


class JsonWriter(Writer):
    """Streams `{"questionnaire": ..., "edition": ..., "responses": [...]}`, one response a line."""

    extension = ".json"
    separate_files = False

    def __init__(self, layout: Layout, target: Path, outputs: Outputs, labels: bool) -> None:
        super().__init__(layout, target, outputs, labels)
        self.stream: IO[str] = outputs.new(target).open("w", encoding="utf-8")
        head = {"questionnaire": layout.questionnaire.id, "edition": layout.questionnaire.edition}
        self.stream.write(json.dumps(head, ensure_ascii=False)[:-1] + ', "responses": [')
        self.first = True

    def add(self, row: Row, records: list[tuple[Table, Row]]) -> None:
        response = {key: _plain(value) for key, value in row.items()}
        for table in self.layout.records:
            response[table.name] = [{key: _plain(value) for key, value in record.items()
                                     if key != "response"}
                                    for owner, record in records if owner is table]
        self.stream.write(("\n" if self.first else ",\n") + json.dumps(response,
                                                                       ensure_ascii=False))
        self.first = False

    def close(self) -> None:
        self.stream.write("\n]}\n")
        self.stream.close()
