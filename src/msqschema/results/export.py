"""`msqschema.export`: the valid responses of a collection into tables, with their codebook."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from msqschema.questionnaire.model import Questionnaire
from msqschema.resources import DEFAULT_QUESTIONNAIRE
from msqschema.responses.files import response_files
from msqschema.results.codebook import codebook, codebook_path
from msqschema.results.collection import Collected, Tally, collect
from msqschema.results.columns import MULTIPLE_CHOICES, OPTION_VALUES, Multiple, OptionValues
from msqschema.results.formats import FORMATS, ResultsError, table_path, writer_class
from msqschema.results.layout import layout
from msqschema.results.output import Outputs, check_target

Headers = Literal["names", "labels"]
SUFFIXES = {".csv": "csv", ".json": "json", ".parquet": "parquet", ".xlsx": "xlsx"}


@dataclass
class Exported:
    """What an export did: the files it read, the responses it wrote, the files it made."""

    tally: Tally = field(default_factory=Tally)
    responses: int = 0
    files: list[Path] = field(default_factory=list)


def format_of(output: Path, format_name: str | None) -> str:
    """The format asked for, or the one `output`'s extension names; ResultsError if neither
    or if they disagree."""
    implied = SUFFIXES.get(output.suffix.lower())
    if format_name is None:
        if implied is None:
            raise ResultsError(f"{output}: say the format with --format "
                              f"({', '.join(sorted(FORMATS))}) or end the name with one of "
                              f"{', '.join(SUFFIXES)}")
        return implied
    if format_name not in FORMATS:
        raise ResultsError(f"unknown format {format_name!r} (known: {', '.join(sorted(FORMATS))})")
    if implied is not None and implied != format_name:
        raise ResultsError(f"{output}: the name ends in {output.suffix} but the format is "
                          f"{format_name}")
    return format_name


def export(
    paths: Iterable[str | Path],
    output: str | Path,
    *,
    questionnaire: Questionnaire | str | Path = DEFAULT_QUESTIONNAIRE,
    format: str | None = None,  # noqa: A002 -- the option's name
    multiple: Multiple = "both",
    options: OptionValues = "ids",
    headers: Headers = "names",
    include_invalid: bool = False,
    on_file: Callable[[Collected], None] | None = None,
) -> Exported:
    """Validate every response file of `paths` (files and folders) and write the valid ones
    (every readable one with `include_invalid`) to `output` as csv, xlsx, parquet or json.

    Records go to tables of their own beside the main one (sheets in XLSX); CSV and Parquet get
    a codebook, `<output stem>.datapackage.json`. Files are read one at a time; `on_file` sees
    each after validation. Nothing is written unless everything is: on any error no output file
    is left. Raises ResultsError for an export that cannot be made (before reading anything).
    """
    if options not in OPTION_VALUES:
        raise ResultsError(f"unknown --options {options!r} (known: {', '.join(OPTION_VALUES)})")
    if multiple not in MULTIPLE_CHOICES:
        raise ResultsError(f"unknown --multiple {multiple!r} "
                           f"(known: {', '.join(MULTIPLE_CHOICES)})")
    target = Path(output)
    check_target(target)
    format_name = format_of(target, format)
    writer_type = writer_class(format_name)
    if any(Path(path).is_file() and Path(path).resolve() == target.resolve() for path in paths):
        raise ResultsError(f"{target}: refusing to overwrite an input file")
    if not isinstance(questionnaire, Questionnaire):
        from msqschema.questionnaire.loader import load_questionnaire

        questionnaire = load_questionnaire(questionnaire)
    tables = layout(questionnaire, multiple=multiple, options=options,
                    include_invalid=include_invalid)
    labels = headers == "labels"
    done = Exported()
    with Outputs() as outputs:
        writer = writer_type(tables, target, outputs, labels)
        codebook_file = outputs.new(codebook_path(target)) if writer.separate_files else None
        for collected in collect(questionnaire, response_files(map(str, paths))):
            done.tally.add(collected)
            if on_file is not None:
                on_file(collected)
            if collected.valid or (include_invalid and collected.readable):
                done.responses += 1
                writer.add(tables.main_row(done.responses, collected),
                           list(tables.record_rows(done.responses, collected)))
        writer.close()
        done.files = [target]
        if codebook_file is not None:
            paths_by_table = {table.name: table_path(target, table, tables)
                              for table in tables.tables}
            descriptor = codebook(tables, paths_by_table, labels=labels, file_format=format_name)
            codebook_file.write_text(json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n",
                                     encoding="utf-8")
            done.files = [*paths_by_table.values(), codebook_path(target)]
        outputs.commit()
    return done
