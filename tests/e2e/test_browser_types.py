"""The new question types in a real browser: number fields, exclusive options, a grid, a live
total and a calculated score; the saved response validates; axe finds nothing."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT
from msqschema.questionnaire.loader import load_questionnaire
from msqschema.render import render
from msqschema.responses.response import load_response

pytestmark = pytest.mark.chromium
AXE = ROOT / ".ci" / "node" / "node_modules" / "axe-core" / "axe.min.js"
EXAMPLES = ROOT / "examples" / "responses"
GRID_ROWS = ROOT / "tests" / "examples" / "questionnaires" / "valid" / "grid-rows.yaml"


@pytest.fixture(scope="module")
def forms(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("forms")
    paths = {}
    for name, questionnaire, example in (
            ("business", "business_survey", "business-survey-example.yaml"),
            ("wellbeing", "wellbeing_scale", "wellbeing-example.yaml")):
        model = load_questionnaire(questionnaire)
        paths[name] = folder / f"{name}.html"
        paths[name].write_text(render(model, "html"), encoding="utf-8")
        paths[f"{name}-filled"] = folder / f"{name}-filled.html"
        paths[f"{name}-filled"].write_text(
            render(model, "html", load_response(EXAMPLES / example)), encoding="utf-8")
    paths["grid-rows"] = folder / "grid-rows.html"
    paths["grid-rows"].write_text(render(load_questionnaire(GRID_ROWS), "html"), encoding="utf-8")
    return paths


def field(page: Any, key: str) -> Any:
    return page.locator(f'[id="{key}"]')


def save(page: Any, folder: Path) -> Path:
    with page.expect_download() as download:
        page.get_by_role("button", name="Save answers").click()
    saved = folder / download.value.suggested_filename
    download.value.save_as(saved)
    return saved


def validate(path: Path) -> tuple[int, str]:
    checked = subprocess.run([sys.executable, "-m", "msqschema", "validate", str(path)],
                             capture_output=True, text=True)
    return checked.returncode, checked.stdout


def test_numbers_exclusive_options_and_a_live_total(page, forms, tmp_path):
    page.goto(forms["business"].as_uri())
    field(page, "business_name").fill("Nordlicht Software GmbH")
    activity = field(page, "main_activity")
    activity.fill("Cafe\u0301 with two shops 👩\u200d🍳🇫🇷")
    assert field(page, "main_activity-chars").inner_text() == "22 of 300 characters"
    activity.fill("x" * 301)
    assert field(page, "main_activity-chars").inner_text() == "301 of 300 characters: too many"
    activity.fill("Route planning software")
    employees = field(page, "employees")
    assert employees.get_attribute("type") == "number"
    assert employees.get_attribute("aria-required") == "true"
    employees.fill("48")
    total = page.locator('output[data-total-of="employees_by_contract"]')
    field(page, "employees_by_contract.permanent").fill("40")
    field(page, "employees_by_contract.fixed_term").fill("5")
    assert total.inner_text() == "45"
    field(page, "employees_by_contract.apprentices").fill("3")
    assert total.inner_text() == "48"
    field(page, "employees_part_time").fill("11")  # required when there are employees
    field(page, "turnover").fill("6250000")
    field(page, "online_sales_share").fill("37.5")

    page.get_by_label("Cloud computing services").check()
    page.get_by_label("Artificial intelligence", exact=True).check()
    none = page.get_by_label("None of these")
    none.check()  # the exclusive option unticks the others ...
    assert not page.get_by_label("Cloud computing services").is_checked()
    assert not page.get_by_label("Artificial intelligence", exact=True).is_checked()
    page.get_by_label("Cloud computing services").check()  # ... and is unticked by them
    assert not none.is_checked()
    field(page, "uses_ai_in_products--no").check()
    field(page, "contact.name").fill("Example Person")

    saved = save(page, tmp_path)
    answers = json.loads(saved.read_text(encoding="utf-8"))["answers"]
    assert answers["main_activity"] == "Route planning software"
    assert answers["employees"] == 48 and answers["online_sales_share"] == 37.5
    assert answers["employees_part_time"] == 11
    assert answers["employees_by_contract"] == {"permanent": 40, "fixed_term": 5,
                                                "apprentices": 3}
    assert answers["technologies"] == {"selected": ["cloud"]}
    assert validate(saved) == (0, "1 file checked: no problems\n")


def test_numbers_typed_into_record_rows_are_saved_as_numbers(page, forms, tmp_path):
    page.goto(forms["business"].as_uri())
    staff = field(page, "sites.0.staff")
    assert (staff.get_attribute("type"), staff.get_attribute("inputmode"),
            staff.get_attribute("min")) == ("number", "numeric", "0")
    assert field(page, "sites.0.floor_area").get_attribute("step") == "0.1"
    field(page, "sites.0.town").fill("Leipzig")
    staff.fill("41")
    field(page, "sites.0.floor_area").fill("1250.5")
    page.get_by_role("button", name="Add row").click()
    field(page, "sites.2.town").fill("Bonn")
    field(page, "sites.2.staff").fill("3")
    field(page, "employees").fill("10")

    saved = save(page, tmp_path)
    answers = json.loads(saved.read_text(encoding="utf-8"))["answers"]
    assert answers["sites"] == [{"town": "Leipzig", "staff": 41, "floor_area": 1250.5},
                                {"town": "Bonn", "staff": 3}]
    code, output = validate(saved)
    assert code == 1
    assert "error[V110] Q8 sites: 41 is more than the answer to 'employees' (10), by 31" in output


def test_a_grid_and_its_calculated_score(page, forms, tmp_path):
    page.goto(forms["wellbeing"].as_uri())
    score = field(page, "score")
    assert score.inner_text() == "–"
    field(page, "filled_on").fill("2026-11-30")
    row = page.get_by_role("radiogroup", name="woken up feeling rested?")
    row.get_by_label("On some days").check()
    assert score.inner_text() == "1"
    page.get_by_role("radiogroup", name="felt calm and able to cope with the day?").get_by_label(
        "Nearly every day").check()
    assert score.inner_text() == "4"
    row.get_by_label("On most days").check()  # one answer per row: the other is unticked
    assert not row.get_by_label("On some days").is_checked()
    assert score.inner_text() == "5"

    saved = save(page, tmp_path)
    answers = json.loads(saved.read_text(encoding="utf-8"))["answers"]
    assert answers == {"filled_on": "2026-11-30",
                       "feelings": {"rested": "most_days", "calm": "every_day"}}
    assert validate(saved) == (0, "1 file checked: no problems\n")


@pytest.mark.skipif(not AXE.is_file(), reason="axe-core is missing: npm install --prefix .ci/node "
                                               "axe-core (.ci/run does it)")
@pytest.mark.parametrize("form", ["business", "business-filled", "wellbeing", "wellbeing-filled",
                                  "grid-rows"])
def test_no_accessibility_violations(page, forms, form):
    page.goto(forms[form].as_uri())
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    assert [(v["id"], [node["target"] for node in v["nodes"]]) for v in result["violations"]] == []


def test_saving_lists_the_required_answers_still_missing_as_validate_finds_them(
        page, forms, tmp_path):
    page.goto(forms["business"].as_uri())
    missing = page.locator("#missing-answers")
    assert missing.is_hidden()

    def listed_and_reported() -> tuple[list[str], list[str]]:
        saved = save(page, tmp_path)
        checked = subprocess.run([sys.executable, "-m", "msqschema", "validate", "--format",
                                  "json", str(saved)], capture_output=True, text=True)
        problems = json.loads(checked.stdout)["files"][0]["problems"]
        links = missing.locator("a")
        return ([link.get_attribute("href") for link in links.all()],
                ["#q-" + re.sub(r"/(selected|\d+)\b.*", "", problem["pointer"].removeprefix(
                    "/answers/"))  # a detail: its tick; a record cell: its row
                 for problem in problems if problem["code"] == "V112"])

    listed, reported = listed_and_reported()
    assert listed == reported and "#q-ai_products" not in listed  # asked only after a yes
    assert missing.inner_text().startswith(
        f"{len(listed)} required answers are still missing: Name of the business, 1, 2, ")
    field(page, "uses_ai_in_products--yes").check()
    field(page, "business_name").fill("Nordlicht Software GmbH")
    listed, reported = listed_and_reported()
    assert listed == reported and "#q-ai_products" in listed and "#q-business_name" not in listed
    missing.locator("a", has_text="13").click()  # Q13 ai_products
    assert page.evaluate("location.hash") == "#q-ai_products"
    field(page, "main_obstacle--other_obstacle").check()  # its detail is required
    listed, reported = listed_and_reported()
    assert sorted(listed) == sorted(reported) and "#q-main_obstacle" in listed
    assert "10 (Another obstacle)" in missing.locator("a").all_inner_texts()
    field(page, "sites.0.town").fill("Bonn")  # a row given leaves its required staff empty
    field(page, "sites.1.staff").fill("3")  # and this one its town
    listed, reported = listed_and_reported()
    assert sorted(listed) == sorted(reported) and listed.count("#q-sites") == 2
    assert "8 (People working there, row 1), 8 (Town, row 2), 9, " in missing.inner_text()


def test_option_details_show_while_ticked_and_are_saved_into_details(page, forms, tmp_path):
    page.goto(forms["business"].as_uri())
    field(page, "business_name").fill("Nordlicht Software GmbH")
    field(page, "main_activity").fill("Route planning software")
    field(page, "employees").fill("3")
    field(page, "employees_by_contract.permanent").fill("3")
    field(page, "employees_part_time").fill("1")  # required when there are employees
    field(page, "turnover").fill("250000")
    ai_detail = field(page, "technologies.details.ai")
    assert not ai_detail.is_visible()
    page.get_by_label("Artificial intelligence", exact=True).check()
    assert ai_detail.is_visible()
    ai_detail.fill("Forecasting the demand")
    robots = page.get_by_label("Industrial or service robots")
    field(page, "technologies--other_technology").check()
    field(page, "technologies.details.other_technology").fill("Electronic invoicing")
    assert field(page, "technologies.details.other_technology").get_attribute(
        "aria-required") == "true"
    robots.check()
    page.get_by_label("A lack of skilled staff").check()
    obstacle = field(page, "main_obstacle.details.other_obstacle")
    assert not obstacle.is_visible()
    page.get_by_label("Another obstacle").check()
    obstacle.fill("The rules on data")
    field(page, "uses_ai_in_products--no").check()
    field(page, "contact.name").fill("Example Person")

    saved = save(page, tmp_path)
    answers = json.loads(saved.read_text(encoding="utf-8"))["answers"]
    assert answers["technologies"] == {
        "selected": ["ai", "robots", "other_technology"],
        "details": {"ai": "Forecasting the demand", "other_technology": "Electronic invoicing"}}
    assert answers["main_obstacle"] == {"selected": "other_obstacle",
                                        "details": {"other_obstacle": "The rules on data"}}
    assert validate(saved) == (0, "1 file checked: no problems\n")

    page.get_by_label("Artificial intelligence", exact=True).uncheck()  # its detail goes away
    assert not ai_detail.is_visible()
    page.get_by_label("The cost").check()
    saved = save(page, tmp_path)
    answers = json.loads(saved.read_text(encoding="utf-8"))["answers"]
    assert answers["technologies"]["details"] == {"other_technology": "Electronic invoicing"}
    assert answers["main_obstacle"] == {"selected": "cost"}
    assert validate(saved) == (0, "1 file checked: no problems\n")


def test_a_grid_row_appears_while_its_condition_holds_and_is_saved_only_then(page, forms,
                                                                            tmp_path):
    page.goto(forms["grid-rows"].as_uri())
    website, app = field(page, "ratings.website--low"), field(page, "ratings.app--low")
    assert field(page, "ratings.shop--low").is_visible()
    assert not website.is_visible() and not app.is_visible()
    field(page, "has_website--yes").check()
    assert website.is_visible() and app.is_visible()
    website.check()
    field(page, "ratings.shop--high").check()
    assert load_response(save(page, tmp_path)).answers["ratings"] == {
        "shop": "high", "website": "low"}

    field(page, "has_website--no").check()  # the website row goes; the app row stays for the shop
    assert not website.is_visible() and app.is_visible()
    assert load_response(save(page, tmp_path)).answers["ratings"] == {"shop": "high"}
