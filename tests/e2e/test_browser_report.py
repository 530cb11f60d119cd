"""The report of the demo collection in Chromium: no accessibility violations, nothing fetched."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT

pytestmark = pytest.mark.chromium
AXE = ROOT / ".ci" / "node" / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="module")
def report_page(demo_report) -> Path:
    return demo_report


@pytest.mark.skipif(not AXE.is_file(), reason="axe-core is missing: npm install --prefix .ci/node "
                                               "axe-core (.ci/run does it)")
def test_no_accessibility_violations(page: Any, report_page: Path):
    page.goto(report_page.as_uri())
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    assert [(v["id"], [node["target"] for node in v["nodes"]]) for v in result["violations"]] == []


def test_opens_with_no_network(page: Any, report_page: Path):
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(report_page.as_uri())
    assert requests == [report_page.as_uri()]
    assert page.locator("svg[role=img]").count() == 9
    assert page.get_by_role("img", name="Bar chart of the answers to Q10", exact=False).count() == 1
