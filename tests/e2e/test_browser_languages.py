"""The Arabic form in Chromium: filled in, saved and validated like the English one, with no
accessibility violations; the Arabic and Chinese pages are valid HTML (the Nu validator)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT
from msqschema import load_questionnaire
from msqschema.render import render

AXE = ROOT / ".ci" / "node" / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / ".ci" / "node" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
ARABIC_ANSWERS = {
    "country": "الأردن",
    "response_date": "2020-03-01",
    "national_portal": "البوابة الوطنية https://jordan.gov.jo",
    "usage_statistics": "yes",
    "usage_statistics_published": "نعم، على موقع دائرة الإحصاءات 2019",
}


@pytest.fixture(scope="module")
def forms(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("languages")
    paths = {}
    for language in ("ar", "zh"):
        questionnaire = load_questionnaire("msq2020", language=language)
        for kind, response in (("blank", None), ("filled", {"answers": ARABIC_ANSWERS})):
            paths[f"{language}-{kind}"] = folder / f"{language}-{kind}.html"
            paths[f"{language}-{kind}"].write_text(render(questionnaire, "html", response),
                                                   encoding="utf-8")
    return paths


def field(page: Any, key: str) -> Any:
    return page.locator(f'[id="{key}"]')


@pytest.mark.chromium
def test_the_arabic_form_is_filled_saved_and_validated(page, forms, tmp_path):
    page.goto(forms["ar-blank"].as_uri())
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    page.get_by_label("البلد", exact=True).fill(ARABIC_ANSWERS["country"])
    field(page, "response_date").fill(ARABIC_ANSWERS["response_date"])
    field(page, "national_portal").fill(ARABIC_ANSWERS["national_portal"])
    field(page, "usage_statistics--yes").check()
    field(page, "usage_statistics_published").fill(ARABIC_ANSWERS["usage_statistics_published"])
    with page.expect_download() as download:
        page.get_by_role("button", name="حفظ الإجابات").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert json.loads(saved.read_text(encoding="utf-8")) == {
        "questionnaire": "msq2020", "answers": ARABIC_ANSWERS}
    checked = subprocess.run([sys.executable, "-m", "msqschema", "validate", str(saved)],
                             capture_output=True, text=True)
    assert (checked.returncode, checked.stdout, checked.stderr) == (
        0, "1 file checked: no problems\n", "")


@pytest.mark.chromium
def test_the_arabic_counters_and_status_are_in_arabic(page, forms):
    page.goto(forms["ar-blank"].as_uri())
    answer, limit = field(page, "social_media"), field(page, "social_media-limit")
    assert limit.inner_text() == "250 كلمة كحد أقصى"
    answer.fill("كلمة " * 3)
    assert limit.inner_text() == "3 من 250 كلمة"
    answer.fill("كلمة " * 251)
    assert limit.inner_text() == "251 من 250 كلمة: تجاوز الحد الأقصى"
    answer.fill("")
    assert limit.inner_text() == "250 كلمة كحد أقصى"
    field(page, "country").fill("الأردن")
    field(page, "response_date").fill("2020-03-01")
    with page.expect_download():
        page.get_by_role("button", name="حفظ الإجابات").click()
    assert field(page, "save-status").inner_text() == "حُفظت إجابتان في msq2020-response.json."


@pytest.mark.chromium
def test_the_arabic_form_mirrors(page, forms):
    page.goto(forms["ar-blank"].as_uri())
    number = field(page, "q-national_portal").locator(".number").bounding_box()
    prompt = field(page, "q-national_portal").locator(".prompt").bounding_box()
    assert number["x"] > prompt["x"] + prompt["width"] / 2  # the number is on the right


@pytest.mark.chromium
@pytest.mark.skipif(not AXE.is_file(), reason="axe-core is missing: npm install --prefix .ci/node "
                                               "axe-core (.ci/run does it)")
@pytest.mark.parametrize("form", ["ar-blank", "ar-filled", "zh-blank"])
def test_no_accessibility_violations(page, forms, form):
    page.goto(forms[form].as_uri())
    page.evaluate("document.querySelectorAll('[data-when]').forEach(e => e.hidden = false)")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    assert [(v["id"], [node["target"] for node in v["nodes"]]) for v in result["violations"]] == []


@pytest.mark.skipif(not VNU.is_file() or shutil.which("java") is None,
                    reason="the Nu validator needs java and "
                           "`npm install --prefix .ci/node vnu-jar`")
def test_valid_html5(forms):
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only",
                             *map(str, forms.values())], capture_output=True, text=True)
    assert (result.returncode, result.stderr) == (0, "")
