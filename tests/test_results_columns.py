"""How questions become columns: names from ids, cell types, records tables, the codebook."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from msqschema.questionnaire.loader import load_questionnaire
from msqschema.results.collection import Collected
from msqschema.results.columns import as_date
from msqschema.results.formats.xlsx_workbook import MAX_SHEET_NAME, sheet_names
from msqschema.results.layout import headers, layout

EVERY_TYPE = Path(__file__).parent / "examples" / "questionnaires" / "valid" / "every-type.yaml"


def test_columns_are_named_from_ids_in_the_questionnaires_order(msq2020):
    names = [field.name for field in layout(msq2020, multiple="both").main.fields]
    assert names[:8] == ["response", "file", "questionnaire", "edition", "country",
                         "response_date", "publication_consent", "national_portal"]
    assert names.index("specific_portals__e_services") < names.index("egovernment_agency")
    ai = names.index("new_technology_strategies__artificial_intelligence")
    assert names[ai - 1] == "new_technology_strategies"  # the list, then one 0/1 per option
    assert "new_technology_strategies__other__text" in names
    assert "strategy_features__explanation" in names
    assert "sector_agencies__health__rows" in names
    assert not [name for name in names if any(char.isdigit() for char in name)]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("multiple", ["list", "dummies", "both"])
def test_multiple_choice_as_a_list_dummies_or_both(msq2020, multiple):
    names = {field.name for field in layout(msq2020, multiple=multiple).main.fields}
    assert ("heard_about" in names) == (multiple != "dummies")
    assert ("heard_about__linkedin" in names) == (multiple != "list")


def test_names_stay_unique_for_every_type_of_question():
    questionnaire = load_questionnaire(EVERY_TYPE)
    tables = layout(questionnaire, multiple="both", include_invalid=True)
    for table in tables.tables:
        names = [field.name for field in table.fields]
        assert len(names) == len(set(names)), table.name
        assert len(set(headers(table, labels=True))) == len(names)


def test_records_get_tables_of_their_own_keyed_by_response_and_row(msq2020, tajikistan):
    tables = layout(msq2020)
    assert [table.name for table in tables.records][:2] == [
        "sector_agencies__planning_development", "sector_agencies__education"]
    collected = Collected(report=_no_problems(tajikistan.file), response=tajikistan)
    rows = [(table.name, row) for table, row in tables.record_rows(7, collected)]
    assert ("sector_agencies__finance_taxation",
            {"response": 7, "row": 2, "name": "Tax committee", "url": "www.andoz.tj"}) in rows
    assert ("sector_agencies__energy_water",
            {"response": 7, "row": 1, "name": "Ministry of energy and water resources",
             "url": None}) in rows


def test_cells_are_typed(msq2020, tajikistan):
    row = layout(msq2020).main_row(1, Collected(_no_problems(tajikistan.file), tajikistan))
    assert row["response_date"] == datetime.date(2019, 7, 31)
    assert row["publication_consent"] is None
    assert row["sector_agencies__finance_taxation__rows"] == 2
    assert row["regional_cooperation"] == "no"
    assert row["heard_about__un_desa"] is None  # unanswered: no 0s made up
    assert row["edition"] == "2020" and row["file"] == tajikistan.file


def test_dummies_are_0_or_1_once_any_option_is_ticked(msq2020):
    from msqschema.responses.response import load_response

    response = load_response(b"questionnaire: msq2020\nanswers:\n  heard_about: "
                             b"{selected: [linkedin, other], details: {other: A friend}}\n",
                             name="r.yaml")
    row = layout(msq2020, multiple="both").main_row(1, Collected(_no_problems("r.yaml"), response))
    assert row["heard_about"] == ["linkedin", "other"]
    assert (row["heard_about__linkedin"], row["heard_about__facebook"]) == (1, 0)
    assert row["heard_about__other__text"] == "A friend"


@pytest.mark.parametrize(("text", "date"), [
    ("2019-07-31", datetime.date(2019, 7, 31)), ("31.07.2019", datetime.date(2019, 7, 31)),
    ("31/07/2019", datetime.date(2019, 7, 31)), ("31.02.2019", None), ("July", None), (7, None)])
def test_dates_are_read_in_the_three_forms_answers_use(text, date):
    assert as_date(text) == date


def test_sheet_names_fit_excel_and_stay_unique(msq2020):
    names = sheet_names(layout(msq2020).tables)
    assert names["responses"] == "responses"
    assert names["sector_agencies__social_protection"] == "social_protection"
    assert all(len(name) <= MAX_SHEET_NAME for name in names.values())
    assert len(set(names.values())) == len(names)


def _no_problems(file: str):
    from msqschema.problems import Report

    return Report(file, ())
