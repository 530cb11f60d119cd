"""The blank HTML form in a real browser: typed answers, follow-ups, saving, accessibility."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT
from msqschema.render import render
from msqschema.responses.response import load_response

pytestmark = pytest.mark.chromium
AXE = ROOT / ".ci" / "node" / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="module")
def forms(tmp_path_factory, msq2020, tajikistan) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("forms")
    paths = {"blank": folder / "blank.html", "filled": folder / "filled.html"}
    paths["blank"].write_text(render(msq2020, "html"), encoding="utf-8")
    paths["filled"].write_text(render(msq2020, "html", tajikistan), encoding="utf-8")
    return paths


def field(page: Any, key: str) -> Any:
    return page.locator(f'[id="{key}"]')


def test_typed_answers_are_saved_as_a_valid_response(page, forms, tmp_path):
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(forms["blank"].as_uri())
    page.get_by_label("Country", exact=True).fill("Tajikistan")
    page.get_by_label("Date", exact=True).fill("2019-07-31")
    page.get_by_label("I/We hereby authorize").check()
    field(page, "national_portal").fill("Hukumat.tj\nwww.gov.tj")
    field(page, "specific_portals.e_services").fill("https://e.gov.tj")
    field(page, "sector_agencies.finance_taxation.0.name").fill("Ministry of finance")
    field(page, "sector_agencies.finance_taxation.0.url").fill("www.minfin.tj")
    page.locator('[data-add-row="sector_agencies.finance_taxation"]').click()
    page.locator('[data-add-row="sector_agencies.finance_taxation"]').click()
    field(page, "sector_agencies.finance_taxation.3.name").fill("Tax committee")

    explanation = field(page, "q-strategy_features.explanation")
    assert explanation.is_hidden()
    page.get_by_label("has an implementation plan.").check()
    page.get_by_label("is aligned with the Sustainable Development Goals (SDGs).").check()
    assert explanation.is_visible()
    field(page, "strategy_features.explanation").fill("Digital Tajikistan 2030")
    counter = field(page, "strategy_features.explanation-limit")
    assert counter.inner_text() == "3 of 250 words"

    follow_up = field(page, "q-usage_statistics_published")
    assert follow_up.is_hidden()
    field(page, "usage_statistics--yes").check()
    assert follow_up.is_visible()
    field(page, "usage_statistics_published").fill("Yes, on stat.tj")
    field(page, "satisfaction_measured--yes").check()
    field(page, "satisfaction_published").fill("typed, then hidden again")
    field(page, "satisfaction_measured--no").check()
    assert field(page, "q-satisfaction_published").is_hidden()

    other = field(page, "new_technology_strategies.details.other")
    assert other.is_hidden()  # shown only while "Other:" is ticked
    field(page, "new_technology_strategies--other").check()
    other.fill("Drones")
    field(page, "respondent.email").fill("respondent@example.org")

    with page.expect_download() as download:
        page.get_by_role("button", name="Save answers").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name == "msq2020-response.json"
    assert json.loads(saved.read_text(encoding="utf-8")) == {
        "questionnaire": "msq2020",
        "answers": {
            "country": "Tajikistan",
            "response_date": "2019-07-31",
            "publication_consent": True,
            "national_portal": "Hukumat.tj\nwww.gov.tj",
            "specific_portals": {"e_services": "https://e.gov.tj"},
            "sector_agencies": {"finance_taxation": [
                {"name": "Ministry of finance", "url": "www.minfin.tj"},
                {"name": "Tax committee"}]},
            "strategy_features": {"selected": ["implementation_plan", "aligned_sdgs"],
                                  "explanation": "Digital Tajikistan 2030"},
            "usage_statistics": "yes",
            "usage_statistics_published": "Yes, on stat.tj",
            "satisfaction_measured": "no",
            "new_technology_strategies": {"selected": ["other"], "details": {"other": "Drones"}},
            "respondent": {"email": "respondent@example.org"},
        },
    }
    assert "Saved 12 answers" in field(page, "save-status").inner_text()
    assert load_response(saved).questionnaire_id == "msq2020"
    checked = subprocess.run([sys.executable, "-m", "msqschema", "validate", str(saved)],
                             capture_output=True, text=True)
    assert (checked.returncode, checked.stdout, checked.stderr) == (
        0, "1 file checked: no problems\n", "")
    assert {url.split(":", 1)[0] for url in requests} <= {"file", "blob"}


def test_word_counter_marks_too_many_words(page, forms):
    page.goto(forms["blank"].as_uri())
    answer = field(page, "social_media")
    answer.fill("word " * 251)
    limit = field(page, "social_media-limit")
    assert limit.inner_text() == "251 of 250 words: too many"
    assert "over" in (limit.get_attribute("class") or "")
    answer.fill("")
    assert limit.inner_text() == "Maximum 250 words"


def test_without_javascript_the_form_is_complete(browser, forms):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(forms["blank"].as_uri())
    assert field(page, "q-usage_statistics_published").is_visible()
    assert field(page, "q-strategy_features.explanation").is_visible()
    assert page.get_by_role("button", name="Save answers").is_hidden()
    assert page.locator("noscript").count() == 1
    context.close()


@pytest.mark.skipif(not AXE.is_file(), reason="axe-core is missing: npm install --prefix .ci/node "
                                               "axe-core (.ci/run does it)")
@pytest.mark.parametrize("form, show_all", [("blank", False), ("blank", True), ("filled", False)])
def test_no_accessibility_violations(page, forms, form, show_all):
    page.goto(forms[form].as_uri())
    if show_all:
        page.evaluate("document.querySelectorAll('[data-when]').forEach(e => e.hidden = false)")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    assert [(v["id"], [node["target"] for node in v["nodes"]]) for v in result["violations"]] == []


def test_prints_on_a4_with_every_question(page, forms, tmp_path):
    page.goto(forms["blank"].as_uri())
    page.emulate_media(media="print")
    assert field(page, "q-usage_statistics_published").is_visible()
    assert page.get_by_role("button", name="Save answers").is_hidden()
    pdf = page.pdf(prefer_css_page_size=True)
    sizes = {tuple(round(float(n)) for n in box.split()[2:])
             for box in re.findall(rb"/MediaBox \[([^\]]*)\]", pdf)}
    assert sizes == {(595, 842)}  # A4 in points, from the print stylesheet


def test_add_row_stops_at_max_rows(page, tmp_path):
    source = tmp_path / "agencies.yaml"
    source.write_text("""\
msqschema: 1
id: agencies
title: Agencies
language: en
sections:
  - id: only
    title: Agencies
    questions:
      - id: agencies
        type: records
        prompt: Which agencies?
        max_rows: 3
        columns: [{id: name, type: text, label: Name}]
""")
    from msqschema import load_questionnaire

    form = tmp_path / "agencies.html"
    form.write_text(render(load_questionnaire(source), "html"), encoding="utf-8")
    page.goto(form.as_uri())
    add = page.get_by_role("button", name="Add row")
    add.click()
    assert add.is_hidden()
    field(page, "agencies.2.name").fill("Third")
    assert field(page, "agencies.2.name").get_attribute("aria-label") == "Name, row 3"
    assert page.evaluate("window.msqschema.collectAnswers(true)") == {
        "agencies": [{"name": "Third"}]}
