"""Export of the demo collection to every format, read back by independent readers: every answer
of every valid response in its cell with its type; the codebook checked by frictionless."""

from __future__ import annotations

import csv
import datetime
import json
from pathlib import Path
from typing import Any

import pytest

from conftest import answer_leaves
from msqschema.responses.files import response_files
from msqschema.results.collection import collect
from msqschema.results.columns import as_date
from msqschema.results.export import export
from msqschema.results.formats.csv_tables import csv_cell
from msqschema.results.layout import layout
from msqschema.results.report import parts

VALID, INVALID = 181, 12


@pytest.fixture(scope="module")
def expected(msq2020, demo) -> dict[str, Any]:
    """What every table should hold, computed from the responses with the column table."""
    tables = layout(msq2020, multiple="both")
    main: list[dict[str, Any]] = []
    records: dict[str, list[dict[str, Any]]] = {table.name: [] for table in tables.records}
    leaves: list[tuple[int, list[str]]] = []
    for collected in collect(msq2020, response_files([str(demo)])):
        if collected.valid:
            number = len(main) + 1
            main.append(tables.main_row(number, collected))
            for table, row in tables.record_rows(number, collected):
                records[table.name].append(row)
            leaves.append((number, answer_leaves(collected.answers)))
    return {"main": main, "records": records, "leaves": leaves, "layout": tables}


@pytest.fixture(scope="module")
def exported(msq2020, demo, tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("exported")
    targets = {}
    for format_name in ("csv", "xlsx", "parquet", "json"):
        target = folder / format_name / f"msq2020.{format_name}"
        done = export([demo], target, questionnaire=msq2020, multiple="both")
        assert (done.tally.valid, done.tally.with_errors, done.responses) == (
            VALID, INVALID, VALID)
        targets[format_name] = target
    return targets


def test_the_expected_rows_hold_every_answer_text(expected):
    """Independent of the column table: each text of each answer is in its response's cells."""
    records = expected["records"]
    for (number, leaves), row in zip(expected["leaves"], expected["main"], strict=True):
        values = [*row.values(), *(value for table in records.values() for record in table
                                   if record["response"] == number
                                   for value in record.values())]
        cells = {" ".join(str(item).split()) for value in values if value is not None
                 for item in (value if isinstance(value, list) else [value])}
        missing = [leaf for leaf in leaves
                   if leaf not in cells and str(as_date(leaf)) not in cells]
        assert missing == []


def test_csv_round_trips(exported, expected):
    target = exported["csv"]
    assert _csv_rows(target) == [[csv_cell(v) for v in row.values()] for row in expected["main"]]
    for table in expected["layout"].records:
        path = target.with_name(f"msq2020.{table.name}.csv")
        assert _csv_rows(path) == [[csv_cell(v) for v in row.values()]
                                   for row in expected["records"][table.name]]


def _csv_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.reader(stream))[1:]


def test_xlsx_round_trips_with_typed_cells(exported, expected):
    openpyxl = pytest.importorskip("openpyxl")
    workbook = openpyxl.load_workbook(exported["xlsx"], read_only=True)
    assert workbook.sheetnames[0] == "responses" and workbook.sheetnames[-1] == "Codebook"
    sheet = list(workbook["responses"].iter_rows(values_only=True))
    assert list(sheet[0]) == [field.name for field in expected["layout"].main.fields]
    assert [list(row) for row in sheet[1:]] == [[_excel(v) for v in row.values()]
                                                for row in expected["main"]]
    health = list(workbook["sector_agencies__health"].iter_rows(values_only=True))
    assert [list(row) for row in health[1:]] == [
        list(row.values()) for row in expected["records"]["sector_agencies__health"]]
    codebook = list(workbook["Codebook"].iter_rows(values_only=True))
    assert ("responses", "responses", "usage_statistics", "Q10 Do you collect usage statistics "
            "of e-government services?", "string", None, "yes = Yes; no = No") in codebook


def _excel(value: Any) -> Any:
    if isinstance(value, list):
        return " ".join(value)
    if isinstance(value, datetime.date):
        return datetime.datetime.combine(value, datetime.time())
    return value


def test_parquet_round_trips_with_arrow_types(exported, expected):
    parquet = pytest.importorskip("pyarrow.parquet")
    table = parquet.read_table(exported["parquet"])
    assert table.to_pylist() == expected["main"]
    assert str(table.schema.field("usage_statistics").type) == "dictionary<values=string, " \
        "indices=int32, ordered=0>"
    assert str(table.schema.field("response_date").type) == "date32[day]"
    assert str(table.schema.field("heard_about").type) == "list<element: string>"
    assert table.schema.field("usage_statistics").metadata[b"title"].startswith(b"Q10 ")
    health = parquet.read_table(exported["parquet"].with_name(
        "msq2020.sector_agencies__health.parquet"))
    assert health.to_pylist() == expected["records"]["sector_agencies__health"]


def test_json_round_trips_with_records_nested(exported, expected):
    document = json.loads(exported["json"].read_text(encoding="utf-8"))
    assert (document["questionnaire"], document["edition"]) == ("msq2020", "2020")
    responses = document["responses"]
    assert len(responses) == VALID
    first = responses[0]
    expected_first = expected["main"][0]
    assert {key: first[key] for key in expected_first} == json.loads(
        json.dumps(expected_first, default=str))
    assert first["sector_agencies__health"] == [
        {key: value for key, value in row.items() if key != "response"}
        for row in expected["records"]["sector_agencies__health"] if row["response"] == 1]


def test_the_codebook_passes_frictionless_validation(exported):
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(str(exported["csv"].with_name("msq2020.datapackage.json")))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    descriptor = json.loads(exported["csv"].with_name("msq2020.datapackage.json").read_text())
    fields = {field["name"]: field for field in descriptor["resources"][0]["schema"]["fields"]}
    assert fields["usage_statistics"]["categories"] == [{"value": "yes", "label": "Yes"},
                                                        {"value": "no", "label": "No"}]
    assert fields["response_date"]["type"] == "date"
    assert fields["heard_about__linkedin"]["title"] == (
        "QX.2 How did you hear about this questionnaire?: LinkedIn")
    assert len(descriptor["resources"]) == 10


def test_frictionless_finds_a_cell_that_breaks_the_codebook(exported, tmp_path):
    """The check can fail: a changed category is caught."""
    frictionless = pytest.importorskip("frictionless")
    descriptor = json.loads(exported["csv"].with_name("msq2020.datapackage.json").read_text())
    descriptor["resources"] = descriptor["resources"][:1]  # the main table is enough here
    (tmp_path / "msq2020.datapackage.json").write_text(json.dumps(descriptor))
    main = exported["csv"].read_text(encoding="utf-8")
    (tmp_path / "msq2020.csv").write_text(main, encoding="utf-8")
    assert frictionless.validate(str(tmp_path / "msq2020.datapackage.json")).valid
    (tmp_path / "msq2020.csv").write_text(main.replace(",yes,", ",maybe,", 1), encoding="utf-8")
    assert not frictionless.validate(str(tmp_path / "msq2020.datapackage.json")).valid


def test_the_0_1_columns_sum_to_the_counts_of_the_report(msq2020, demo, exported):
    parquet = pytest.importorskip("pyarrow.parquet")
    table = parquet.read_table(exported["parquet"]).to_pydict()
    found = parts(msq2020)
    for collected in collect(msq2020, response_files([str(demo)])):
        if collected.valid:
            for part in found:
                for summary in part.summaries:
                    summary.add(collected.answers, "")
    choices = [summary for part in found for summary in part.summaries
               if summary.kind == "choices"]
    assert len(choices) == 5
    for summary in choices:
        for value, label in summary.categories:
            column = table[f"{summary.question.id}__{value}"]
            assert sum(cell or 0 for cell in column) == summary.counts[value], (value, label)
        assert sum(1 for cell in table[summary.question.id] if cell) == summary.answered
    for part in found:
        for summary in part.summaries:
            summary.close()


def test_include_invalid_exports_every_readable_response_and_says_which(msq2020, demo, tmp_path):
    target = tmp_path / "all.csv"
    done = export([demo], target, questionnaire=msq2020, include_invalid=True)
    assert done.responses == VALID + INVALID
    with target.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    invalid = [row for row in rows if row["valid"] == "false"]
    assert [Path(row["file"]).name for row in invalid][:2] == [
        "member-state-016.yaml", "member-state-032.yaml"]
    assert all(row["problems"] == "1" for row in invalid)
    number = next(row for row in invalid if row["file"].endswith("-064.yaml"))
    assert number["ict_investment"] == "2.5"  # a number where text is asked: kept, as text


def test_headers_as_labels(msq2020, demo, tmp_path):
    target = tmp_path / "labels.csv"
    export([demo / "member-state-001.yaml"], target, questionnaire=msq2020, headers="labels",
           multiple="dummies")
    with target.open(encoding="utf-8", newline="") as stream:
        header = next(csv.reader(stream))
    assert "Q10 Do you collect usage statistics of e-government services?" in header
    assert "Q15 Does your government have a specific national strategy on one or more of " \
           "following new technologies?: Artificial Intelligence (AI)" in header
