"""Numeric questions in the results: typed columns, and the report's histogram and spread."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import ROOT
from msqschema.results.export import export
from msqschema.results.report import report
from test_render_html import Page

EXAMPLE = ROOT / "examples" / "responses" / "business-survey-example.yaml"


@pytest.fixture(scope="module")
def survey(tmp_path_factory) -> Path:
    """The business survey's example response and two copies with other numbers."""
    folder = tmp_path_factory.mktemp("business")
    text = EXAMPLE.read_text(encoding="utf-8")
    (folder / "a.yaml").write_text(text, encoding="utf-8")
    for name, hours in (("b", 35), ("c", 42.5)):
        (folder / f"{name}.yaml").write_text(
            text.replace("hours_per_week: 38.5", f"hours_per_week: {hours}"), encoding="utf-8")
    return folder


def test_numbers_are_exported_as_numbers(survey, tmp_path):
    export([survey], tmp_path / "b.json", questionnaire="business_survey")
    rows = json.loads((tmp_path / "b.json").read_text())["responses"]
    assert [row["hours_per_week"] for row in rows] == [38.5, 35.0, 42.5]
    assert rows[0]["employees"] == 48
    assert rows[0]["turnover"] == 6250000.0 and rows[0]["online_sales_share"] == 37.5
    parquet = pytest.importorskip("pyarrow.parquet")
    export([survey], tmp_path / "b.parquet", questionnaire="business_survey")
    schema = parquet.read_schema(tmp_path / "b.parquet")
    assert (str(schema.field("employees").type), str(schema.field("turnover").type)) == (
        "int64", "double")
    assert schema.field("turnover").metadata[b"description"] == b"in EUR"


def test_the_report_shows_a_histogram_and_the_spread(survey, tmp_path):
    report([survey], tmp_path / "r.html", questionnaire="business_survey")
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    text = Page(html).text
    assert "SmallestMedianLargest 3538.542.5" in text
    assert "Histogram of the answers to Q5 " in html
    assert "35 to 35.75" in text  # ten ranges of equal width between 35 and 42.5


def test_choice_cells_as_codes_or_ids(survey, tmp_path):
    export([survey / "a.yaml"], tmp_path / "ids.json", questionnaire="business_survey")
    export([survey / "a.yaml"], tmp_path / "codes.json", questionnaire="business_survey",
           options="codes")
    ids = json.loads((tmp_path / "ids.json").read_text())["responses"][0]
    codes = json.loads((tmp_path / "codes.json").read_text())["responses"][0]
    assert (ids["technologies"], codes["technologies"]) == (
        ["cloud", "ai", "other_technology"], ["1", "2", "5"])
    assert (ids["technologies__ai"], codes["technologies__ai"]) == (1, 1)  # named by id
    export([survey / "a.yaml"], tmp_path / "codes.csv", questionnaire="business_survey",
           options="codes")
    descriptor = json.loads((tmp_path / "codes.datapackage.json").read_text())
    fields = {field["name"]: field for field in descriptor["resources"][0]["schema"]["fields"]}
    assert fields["technologies"]["categories"][:2] == [
        {"value": "1", "label": "Cloud computing services"},
        {"value": "2", "label": "Artificial intelligence"}]
    assert fields["main_obstacle"]["constraints"] == {"enum": ["C", "S", "R", "O", "N"]}
    frictionless = pytest.importorskip("frictionless")
    assert frictionless.validate(str(tmp_path / "codes.datapackage.json")).valid


def test_number_columns_of_record_rows_are_exported_as_numbers(survey, tmp_path):
    export([survey / "a.yaml"], tmp_path / "sites.json", questionnaire="business_survey")
    sites = json.loads((tmp_path / "sites.json").read_text())["responses"][0]["sites"]
    assert [(row["town"], row["staff"], row["floor_area"]) for row in sites] == [
        ("Leipzig", 41, 1250.5), ("Dresden", 7, None)]
    export([survey / "a.yaml"], tmp_path / "sites.csv", questionnaire="business_survey")
    descriptor = json.loads((tmp_path / "sites.datapackage.json").read_text())
    table = next(resource for resource in descriptor["resources"] if resource["name"] == "sites")
    fields = {field["name"]: field for field in table["schema"]["fields"]}
    assert (fields["staff"]["type"], fields["floor_area"]["type"],
            fields["floor_area"]["description"]) == ("integer", "number", "in m²")
