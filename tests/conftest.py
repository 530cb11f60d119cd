"""Shared fixtures: the bundled MSQ 2020 and the Tajikistan response; the --update-golden option."""

from __future__ import annotations

from pathlib import Path

import pytest

import msqschema
from msqschema.response import Response, load_response

ROOT = Path(__file__).resolve().parents[1]
TAJIKISTAN = ROOT / "examples" / "responses" / "tajikistan-2019.yaml"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite the golden files of tests/golden/ from the current output")


@pytest.fixture(scope="session")
def msq2020() -> msqschema.Questionnaire:
    return msqschema.load_questionnaire("msq2020")


@pytest.fixture(scope="session")
def tajikistan() -> Response:
    return load_response(TAJIKISTAN)


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))
