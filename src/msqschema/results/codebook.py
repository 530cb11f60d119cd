"""The codebook of an export: a Frictionless Data Package descriptor made from the model, with a
Table Schema per table (each column's type, title, description and categories)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from msqschema.__about__ import __version__
from msqschema.results.columns import Field, Table
from msqschema.results.layout import Layout, headers

Descriptor = dict[str, Any]


def codebook_path(target: Path) -> Path:
    """Where the codebook of an export to `target` goes: `out.datapackage.json` beside it."""
    return target.with_name(f"{target.stem}.datapackage.json")


def field_descriptor(header: str, field: Field) -> Descriptor:
    """One column as a Table Schema field."""
    described: Descriptor = {"name": header, "type": field.type, "title": field.title}
    if field.description:
        described["description"] = field.description
    if field.type == "list":
        described.update(delimiter=" ", itemType="string")
    if field.categories:
        described["categories"] = [{"value": value, "label": label}
                                   for value, label in field.categories]
        if field.type in ("string", "integer"):
            described["constraints"] = {"enum": [value for value, _ in field.categories]}
    return described


def resource(table: Table, path: Path, layout: Layout, labels: bool,
             file_format: str) -> Descriptor:
    """One table as a tabular data resource."""
    names = headers(table, labels)
    keys = names[:len(table.keys)] if table is not layout.main else names[:1]
    schema: Descriptor = {
        "fields": [field_descriptor(header, field)
                   for header, field in zip(names, table.fields, strict=True)],
        "primaryKey": keys,
    }
    if table is not layout.main:
        schema["foreignKeys"] = [{"fields": [names[0]], "reference": {
            "resource": layout.main.name, "fields": [headers(layout.main, labels)[0]]}}]
    described: Descriptor = {
        "name": table.name, "path": path.name, "title": table.title,
        "profile": "tabular-data-resource", "format": file_format, "schema": schema}
    if file_format == "csv":
        described.update(encoding="utf-8", mediatype="text/csv")
    return described


def codebook(layout: Layout, paths: dict[str, Path], *, labels: bool,
             file_format: str) -> Descriptor:
    """The Data Package descriptor of an export whose tables went to `paths` (by table name)."""
    questionnaire = layout.questionnaire
    edition = f", edition {questionnaire.edition}" if questionnaire.edition else ""
    resources = [resource(table, paths[table.name], layout, labels, file_format)
                 for table in layout.tables]
    return {
        "profile": "tabular-data-package",
        "name": re.sub(r"[^a-z0-9._-]+", "-", f"{questionnaire.id}-responses".lower()),
        "title": f"Responses to {questionnaire.title}",
        "description": f"The responses to the questionnaire {questionnaire.id!r}{edition}, "
                       f"one row per response; records in tables of their own, linked by "
                       f"'response'. Exported by msqschema {__version__}.",
        "resources": resources,
    }
