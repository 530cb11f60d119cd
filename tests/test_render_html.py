"""HTML output read back by Python's HTML parser, and checked by the W3C Nu validator."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import ROOT, answer_leaves, everywhere
from msqschema.questionnaire.loader import load_questionnaire
from msqschema.render import render
from msqschema.responses.response import load_response

VNU = ROOT / ".ci" / "node" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
HOSTILE = ["<script>alert(1)</script>", "**bold** [x](javascript:alert(1))", "# heading",
           "| a | b |", '"><img src=x onerror=alert(1)>', "</textarea><b>x</b>", "&lt;b&gt;"]


class Page(HTMLParser):
    """What a reader sees (text without footnote marks, scripts and styles) and the elements."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.skipping: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        if self.skipping or tag in ("script", "style") or dict(attrs).get("class") == "fnref":
            self.skipping.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.skipping and self.skipping[-1] == tag:
            self.skipping.pop()

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.texts.append(data)

    @property
    def text(self) -> str:
        return " ".join("".join(self.texts).split())

    def all(self, tag: str, **attrs: str) -> list[dict[str, str | None]]:
        return [found for name, found in self.elements if name == tag
                and all(found.get(key) == value for key, value in attrs.items())]


@pytest.fixture(scope="module")
def blank(msq2020):
    return render(msq2020, "html")


@pytest.fixture(scope="module")
def filled(msq2020, tajikistan):
    return render(msq2020, "html", tajikistan)


def test_blank_holds_every_text_of_the_source(msq2020, blank, source_texts):
    page = Page(blank)
    assert page.all("title")
    missing = [text for text in [msq2020.title, *source_texts] if text not in page.text]
    assert not missing


def test_footnotes_are_numbered_links_with_links_back(msq2020, blank):
    page = Page(blank)
    references = [attrs["href"] for attrs in page.all("a") if (attrs.get("id") or "").startswith(
        "fnref-")]
    assert references == [f"#fn-{number}" for number in range(1, 12)]
    notes = [attrs["id"] for attrs in page.all("li") if (attrs.get("id") or "").startswith("fn-")]
    assert notes == [f"fn-{number}" for number in range(1, 12)]
    backs = [attrs["href"] for attrs in page.all("a", **{"class": "backref"})]
    assert backs == [f"#fnref-{number}-1" for number in range(1, 12)]


def test_controls_are_named_by_answer_path(blank):
    page = Page(blank)
    names = {attrs["name"] for tag, attrs in page.elements if "name" in attrs}
    assert {"country", "publication_consent", "specific_portals.e_services",
            "strategy_features.selected", "strategy_features.explanation",
            "new_technology_strategies.details.other", "sector_agencies.health.1.url",
            "chief_information_officer.email", "usage_statistics"} <= names
    ids = [attrs["id"] for tag, attrs in page.elements if "id" in attrs]
    assert len(ids) == len(set(ids))
    follow_ups = [attrs["id"] for tag, attrs in page.elements if "data-when" in attrs]
    assert follow_ups == ["q-strategy_features.explanation", "q-legal_framework.explanation",
                          "q-usage_statistics_published", "q-satisfaction_published",
                          "q-new_technology_strategies.details.other",
                          "q-new_technology_strategies.explanation",
                          "q-response_basis.details.other", "q-heard_about.details.other"]


def test_self_contained(blank, filled):
    for html in (blank, filled):
        page = Page(html)
        assert not page.all("link") and not page.all("img") and not page.all("iframe")
        assert not [attrs for tag, attrs in page.elements if tag != "a" and (
            "src" in attrs or "href" in attrs)]
        assert "@import" not in html and "url(" not in html


def test_filled_shows_every_answer_and_marks_the_unanswered(tajikistan, filled):
    page = Page(filled)
    for text in answer_leaves(tajikistan.answers):
        assert text in page.text
    assert not page.all("input") and not page.all("textarea") and not page.all("script")
    assert page.text.count("Not answered") == 16


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_answers_stay_text(msq2020, text):
    hostile = Page(render(msq2020, "html", everywhere(msq2020, text)))
    harmless = Page(render(msq2020, "html", everywhere(msq2020, "zq")))
    assert Counter(tag for tag, _ in hostile.elements) == Counter(
        tag for tag, _ in harmless.elements)
    assert hostile.text.count(text) == harmless.text.count("zq") == 74


def test_output_is_deterministic(msq2020, tajikistan, blank, filled):
    assert render(msq2020, "html") == blank
    assert render(msq2020, "html", tajikistan) == filled


@pytest.mark.skipif(not VNU.is_file() or shutil.which("java") is None,
                    reason="the Nu validator needs java and "
                           "`npm install --prefix .ci/node vnu-jar`")
def test_valid_html5(tmp_path: Path, msq2020, blank, filled):
    files = []
    examples = ROOT / "examples" / "responses"
    business, wellbeing = (load_questionnaire(name) for name in ("business_survey",
                                                                  "wellbeing_scale"))
    for name, html in (("blank", blank), ("filled", filled),
                       ("hostile", render(msq2020, "html", everywhere(msq2020, HOSTILE[0]))),
                       ("business", render(business, "html")),
                       ("business-filled", render(business, "html", load_response(
                           examples / "business-survey-example.yaml"))),
                       ("wellbeing", render(wellbeing, "html")),
                       ("wellbeing-filled", render(wellbeing, "html", load_response(
                           examples / "wellbeing-example.yaml"))),
                       ("grid-rows", render(load_questionnaire(
                           ROOT / "tests" / "examples" / "questionnaires" / "valid"
                           / "grid-rows.yaml"), "html"))):
        files.append(tmp_path / f"{name}.html")
        files[-1].write_text(html, encoding="utf-8")
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", *map(str, files)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert not re.search(r"error", result.stderr, re.IGNORECASE)
