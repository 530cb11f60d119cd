"""Record columns that are numbers or required: the model, the response schema and its fast
path, validation, the three formats, `extract`, the results export and translations."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from msqschema.cli import cli
from msqschema.extraction.reader import extract
from msqschema.i18n.texts import source_texts
from msqschema.questionnaire.loader import load_questionnaire
from msqschema.render import render
from msqschema.responses.response import load_response
from msqschema.responses.schema import response_schema
from msqschema.responses.validation import validate
from msqschema.results.columns import Style, columns_of
from msqschema.types import NumberQuestion, RecordsQuestion, TextQuestion
from test_extract import Form, run

ROOT = Path(__file__).parent.parent
EXAMPLE = ROOT / "examples" / "responses" / "business-survey-example.yaml"
INVALID = Path(__file__).parent / "examples" / "responses" / "invalid"


@pytest.fixture(scope="module")
def survey():
    return load_questionnaire("business_survey")


@pytest.fixture(scope="module")
def sites(survey) -> RecordsQuestion:
    question = survey.question("sites")
    assert isinstance(question, RecordsQuestion)
    return question


def response(answers: dict) -> bytes:
    return yaml.safe_dump({"questionnaire": "business_survey", "answers": answers}).encode()


def test_a_column_is_a_question_of_its_type_built_as_a_sub_item_is(sites):
    town, staff, area = (column.field for column in sites.columns)
    assert isinstance(town, TextQuestion) and town.required
    assert isinstance(staff, NumberQuestion) and staff.integer and staff.required
    assert (staff.min, staff.max) == (0, "employees")
    assert isinstance(area, NumberQuestion) and not area.required
    assert (area.decimals, area.unit, area.fixed_min) == (1, "m²", 0)
    assert [column.label for column in sites.columns] == ["Town", "People working there",
                                                          "Floor area"]


def test_the_row_schema_is_each_column_types_schema(survey):
    row = response_schema(survey, annotations=False)["properties"]["answers"]["properties"][
        "sites"]["items"]
    assert row["properties"]["staff"] == {"type": ["integer", "null"], "finiteNumber": True,
                                          "minimum": 0}
    assert row["properties"]["floor_area"] == {"type": ["number", "null"], "finiteNumber": True,
                                               "minimum": 0, "maxDecimals": 1}
    assert row["properties"]["town"] == {"type": ["string", "null"]}


REQUIRED = {"business_name": "A", "main_activity": "Bakery.", "employees": 10,
            "employees_part_time": 0, "turnover": 1, "technologies": {"selected": ["none"]},
            "uses_ai_in_products": "no", "contact": {"name": "B"}}


@pytest.mark.parametrize("rows, expected", [
    ([{"town": "Leipzig", "staff": 4, "floor_area": 120.5}], []),
    ([{"town": "Leipzig", "staff": 4}, {}], []),  # an empty row asks for nothing
    ([{"town": "Leipzig"}], [("V112", "/answers/sites/0")]),
    ([{"town": "Leipzig", "staff": 11}], [("V110", "/answers/sites/0/staff")]),
    ([{"town": "Leipzig", "staff": 4.5}], [("V102", "/answers/sites/0/staff")]),
    ([{"town": "Leipzig", "staff": 4, "floor_area": "120"}],
     [("V102", "/answers/sites/0/floor_area")]),
    ([{"town": "Leipzig", "staff": 4, "floor_area": float("inf")}],
     [("V111", "/answers/sites/0/floor_area")]),
])
def test_number_cells_and_required_columns_are_checked(survey, rows, expected):
    report = validate(survey, response({**REQUIRED, "sites": rows}))
    assert [(problem.code, problem.pointer) for problem in report.problems] == expected


def test_the_required_column_is_named_in_the_message(survey):
    report = validate(survey, response({**REQUIRED, "sites": [{"staff": 3}]}))
    assert [problem.message for problem in report.problems] == [
        "answer[0]: the column 'town' is required in every row given, and this row leaves it "
        "unanswered"]


def test_a_required_column_alone_makes_the_forms_explain_the_mark(tmp_path):
    source = tmp_path / "q.yaml"
    source.write_text(
        "msqschema: 1\nid: q\ntitle: Q\nlanguage: en\nsections:\n  - id: s\n    title: S\n"
        "    questions:\n      - id: sites\n        type: records\n        columns:\n"
        "          - {id: town, type: text, label: Town, required: true}\n", encoding="utf-8")
    assert load_questionnaire(source).has_required


def test_the_questionnaires_default_applies_to_columns_as_to_sub_items(tmp_path):
    source = tmp_path / "q.yaml"
    source.write_text(
        "msqschema: 1\nid: q\ntitle: Q\nlanguage: en\nrequired: true\nsections:\n"
        "  - id: s\n    title: S\n    questions:\n      - id: sites\n        type: records\n"
        "        required: false\n        columns:\n"
        "          - {id: town, type: text, label: Town}\n"
        "          - {id: staff, type: integer, label: Staff, required: false}\n",
        encoding="utf-8")
    questionnaire = load_questionnaire(source)
    assert [column.required for column in questionnaire.question("sites").columns] == [
        True, False]
    report = validate(questionnaire, b"questionnaire: q\nanswers:\n  sites: [{staff: 3}]\n")
    assert [(problem.code, problem.line, problem.column) for problem in report.problems] == [
        ("V112", 3, 11)]


def test_the_html_form_has_number_inputs_in_record_rows(survey):
    html = render(survey, "html")
    assert ('<input type="number" id="sites.1.staff" name="sites.1.staff" inputmode="numeric" '
            'step="1" min="0" aria-label="People working there, row 2" '
            'aria-describedby="sites--staff-range">') in html
    assert ('<input type="number" id="sites.0.floor_area" name="sites.0.floor_area" '
            'inputmode="decimal" step="0.1" min="0" aria-label="Floor area, row 1" '
            'aria-describedby="sites--floor_area-range"> <span class="unit">m²</span>') in html
    assert ('<th scope="col">Town<span class="required" aria-hidden="true"> *</span></th>'
            in html)
    assert ('<span class="column-range" id="sites--floor_area-range">A number of at least 0, '
            'at most 1 decimal place, in m²</span>') in html
    filled = render(survey, "html", load_response(EXAMPLE))
    assert '<td dir="auto">1250.5 m²</td>' in filled


def test_markdown_says_the_range_and_unit_in_the_heading(survey):
    markdown = render(survey, "md", load_response(EXAMPLE))
    assert ("| Town \\* | People working there \\* (a whole number from 0 to the answer to "
            "2) | Floor area (a number of at least 0, at most 1 decimal place, in m²) |"
            ) in markdown
    assert "| Leipzig | 41 | 1250.5 m² |" in markdown


def test_word_says_the_range_under_the_heading_and_reads_the_numbers_back(survey):
    form = Form(render(survey, "docx"))
    text = "".join(form.root.itertext())
    assert "People working there *A whole number from 0 to the answer to 2" in text
    form.type("/sites/*/town", run("Leipzig"), index=0)
    form.type("/sites/*/staff", run("41"), index=0)
    form.type("/sites/*/floor_area", run("1 250,5"), index=0)
    form.type("/sites/*/town", run("Dresden"), index=1)
    form.type("/sites/*/staff", run("7"), index=1)
    result = extract(form.docx(), survey)
    assert result.problems == ()
    assert result.answers["sites"] == [{"town": "Leipzig", "staff": 41, "floor_area": 1250.5},
                                       {"town": "Dresden", "staff": 7}]


def test_a_number_word_cannot_read_is_reported_not_guessed(survey):
    form = Form(render(survey, "docx"))
    form.type("/sites/*/town", run("Leipzig"), index=0)
    form.type("/sites/*/staff", run("forty"), index=0)
    form.type("/sites/*/floor_area", run("12.5"), index=0)
    result = extract(form.docx(), survey)
    assert [(problem.code, problem.message) for problem in result.problems] == [
        ("X106", "'forty' is not a number; read as unanswered")]
    assert result.answers["sites"] == [{"town": "Leipzig", "floor_area": 12.5}]


def test_the_filled_word_form_comes_back_as_the_response(survey):
    example = load_response(EXAMPLE)
    result = extract(render(survey, "docx", example), survey)
    assert result.problems == ()
    assert result.answers["sites"] == example.answers["sites"]


def test_the_export_types_number_columns_as_numbers(sites):
    table = columns_of(sites, ("sites",), Style()).tables[0]
    assert [(field.name, field.type, field.title, field.description) for field in table.columns
            ] == [
        ("town", "string", "Q8 Where did the business work from on 31 December 2025? List its "
         "sites, the largest first.: Town", ""),
        ("staff", "integer", "Q8 Where did the business work from on 31 December 2025? List its "
         "sites, the largest first.: People working there", ""),
        ("floor_area", "number", "Q8 Where did the business work from on 31 December 2025? List "
         "its sites, the largest first.: Floor area", "in m²")]
    assert [field.cell({"staff": 41, "floor_area": 1250.5}) for field in table.columns] == [
        None, 41, 1250.5]


def test_a_columns_unit_is_translatable(survey):
    comments = {text.context: text.comment for text in source_texts(survey)}
    assert comments["sections/the_business/questions/sites/columns/floor_area/unit"] == (
        "unit of column 'floor_area' of Q8 sites")
    assert comments["sections/the_business/questions/sites/columns/floor_area/label"] == (
        "column 'floor_area' of Q8 sites")


def test_the_cli_reports_record_rows_at_their_lines():
    result = CliRunner().invoke(cli, ["validate", "-q", "business_survey",
                                      str(INVALID / "business-records.yaml")])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[1].endswith(
        "business-records.yaml:14:7: error[V112] Q8 sites: answer[1]: the column 'staff' is "
        "required in every row given, and this row leaves it unanswered")
    assert lines[-1] == "1 file checked: 1 with problems (5 errors)"
