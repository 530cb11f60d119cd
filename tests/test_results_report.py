"""The report of the demo collection: what it says, byte-identical on a second run, valid HTML5."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT
from msqschema.results.report import report
from test_render_html import Page

VNU = ROOT / ".ci" / "node" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@pytest.fixture(scope="module")
def made(demo_report) -> Path:
    return demo_report


@pytest.fixture(scope="module")
def page(made) -> Page:
    return Page(made.read_text(encoding="utf-8"))


def test_a_second_run_gives_the_same_bytes(msq2020, demo, made, tmp_path):
    again = tmp_path / "again.html"
    report([demo], again, questionnaire=msq2020)
    assert again.read_bytes() == made.read_bytes()


def test_the_overview_counts_the_files(page):
    assert "Files read193 Valid (in this report)181" in page.text  # cells, read together
    assert "With errors (left out)12 Unreadable (left out)0" in page.text


def test_every_question_in_order_with_its_number_and_how_many_answered(msq2020, page):
    headings = [attrs["id"] for tag, attrs in page.elements
                if tag in ("h3", "h4") and attrs.get("id", "").startswith("q-")]
    assert headings[:4] == ["q-country-h", "q-response_date-h", "q-publication_consent-h",
                            "q-national_portal-h"]
    assert headings[-1] == "q-heard_about-h"
    assert len(headings) == 30 + 5 + 9  # answerable top-level questions, 2a-2e, 5a-5i
    assert "8 Please check whichever applies. National e-government strategy or equivalent:" \
        in page.text
    assert "Answered by 181 of 181 valid responses (100%)" in page.text


def test_choices_get_a_chart_with_a_text_alternative_and_a_table(page, made):
    html = made.read_text(encoding="utf-8")
    charts = re.findall(r'<svg [^>]*role="img" aria-labelledby="([^"]+)"><title id="\1">([^<]+)',
                        html)
    assert len(charts) == 1 + 1 + 2 + 5  # response dates, consent, yes/no, multiple choice
    title = dict(charts)["q-usage_statistics-title"]
    assert title.startswith("Bar chart of the answers to Q10 Do you collect usage statistics")
    numbers = re.search(r"yes: (\d+), No: (\d+); (\d+) answered", title.replace("Yes", "yes"))
    assert numbers and int(numbers[1]) + int(numbers[2]) == int(numbers[3]) == 181
    assert f"Yes{numbers[1]}" in page.text  # the same numbers in the table beside the chart


def test_chart_ids_are_unique_across_the_page(page):
    ids = [attrs["id"] for tag, attrs in page.elements if "id" in attrs]
    assert len(ids) == len(set(ids))


def test_long_texts_are_listed_with_the_respondents_country(page):
    assert "Words per answer to Q14 ShortestMedianLongest" in page.text
    assert re.search(r"All \d+ answers to Q14: Synthetic Member State 001\w", page.text)


def test_the_files_left_out_are_listed_with_their_first_error(page):
    assert re.search(r"member-state-048\.yaml1\S+member-state-048\.yaml:6:18: error\[V105\] "
                     r"response_date: '31\.02\.2019' is not a real date", page.text)


def test_self_contained(page, made):
    assert not page.all("link") and not page.all("img") and not page.all("script")
    assert not [attrs for tag, attrs in page.elements
                if tag != "a" and ("src" in attrs or "href" in attrs)]
    assert not re.search(r'href="(?!#)', made.read_text(encoding="utf-8"))


def test_an_empty_collection_still_makes_a_page(msq2020, tmp_path):
    (tmp_path / "none").mkdir()
    done = report([tmp_path / "none"], tmp_path / "empty.html", questionnaire=msq2020)
    assert done.tally.files == 0
    assert "Answered by 0 of 0 valid responses." in Page(
        (tmp_path / "empty.html").read_text(encoding="utf-8")).text


@pytest.mark.skipif(not VNU.is_file() or shutil.which("java") is None,
                    reason="the Nu validator needs java and "
                           "`npm install --prefix .ci/node vnu-jar`")
def test_valid_html5(made):
    result = subprocess.run(["java", "-jar", str(VNU), str(made)], capture_output=True, text=True)
    assert (result.returncode, result.stderr) == (0, "")
