"""Shared fixtures: the bundled MSQ 2020 and the Tajikistan response; the --update-golden option."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import msqschema
from msqschema.responses.response import Response, load_response

ROOT = Path(__file__).resolve().parents[1]
TAJIKISTAN = ROOT / "examples" / "responses" / "tajikistan-2019.yaml"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite the golden files of tests/golden/ from the current output")


@pytest.fixture(scope="session", autouse=True)
def private_cache_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A cache directory of the session's own, so that the suite neither reads nor fills the
    user's caches (compiled templates, stored questionnaires); subprocesses inherit it."""
    with pytest.MonkeyPatch.context() as patch:
        home = tmp_path_factory.mktemp("cache-home")
        patch.setenv("XDG_CACHE_HOME", str(home))
        patch.delenv("MSQSCHEMA_NO_CACHE", raising=False)
        yield home


@pytest.fixture(scope="session")
def msq2020() -> msqschema.Questionnaire:
    return msqschema.load_questionnaire("msq2020")


@pytest.fixture(scope="session")
def tajikistan() -> Response:
    return load_response(TAJIKISTAN)


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


def _walk_texts(node: object) -> list[str]:
    """Every shown text (a Markup, a column label) held by a model node, in document order."""
    import dataclasses

    from msqschema.questionnaire.markup import Markup
    from msqschema.questionnaire.model import Column

    if isinstance(node, Markup):
        return [node.plain()]
    if isinstance(node, Column):
        return [node.label]
    if isinstance(node, tuple):
        return [text for item in node for text in _walk_texts(item)]
    if dataclasses.is_dataclass(node) and not isinstance(node, type):
        return [text for field in dataclasses.fields(node)
                for text in _walk_texts(getattr(node, field.name))]
    return []


@pytest.fixture(scope="session")
def source_texts(msq2020: msqschema.Questionnaire) -> list[str]:
    """Every prompt, option, hint, label, title and footnote of the MSQ 2020, as plain text."""
    return [" ".join(text.split()) for text in _walk_texts(msq2020) if text.strip()]


def answer_leaves(raw: object) -> list[str]:
    """Every piece of text in an answer (nested mappings and lists flattened), in order."""
    if isinstance(raw, dict):
        return [text for value in raw.values() for text in answer_leaves(value)]
    if isinstance(raw, list):
        return [text for value in raw for text in answer_leaves(value)]
    return [" ".join(raw.split())] if isinstance(raw, str) else []


def everywhere(questionnaire: msqschema.Questionnaire, text: str) -> dict[str, object]:
    """A response that ticks every box and answers every text of every question with `text`."""
    from msqschema.types import TEXT_KINDS as TEXT_TYPES

    def answer(question: Any) -> Any:
        if question.type in TEXT_TYPES:
            return text
        if question.type == "multiple_choice":
            return {"selected": [option.id for option in question.options],
                    "details": {option.id: text for option in question.detailed_options},
                    "explanation": text}
        if question.type == "single_choice":
            first = question.options[0]
            return {"selected": first.id, "details": {first.id: text}} if first.detail \
                else first.id
        if question.type == "group":
            return {item.id: answer(item) for item in question.items}
        if question.type == "records":
            return [{column.id: text for column in question.columns}] * 2
        if question.type == "contact":
            return {field.id: text for field in question.fields}
        return {"yes_no": "yes", "consent": True}.get(question.type)

    return {"questionnaire": questionnaire.id,
            "answers": {q.id: answer(q) for q in questionnaire.questions() if q.answerable}}


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def browser() -> Any:
    """Debian's Chromium driven by Playwright; without them the test is skipped, with the reason."""
    if not CHROMIUM.is_file():
        pytest.skip("Chromium is missing: apt-get install chromium (.ci/run installs it)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("the playwright package is missing: pip install -e '.[test]'")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any) -> Any:
    """A fresh browser page that accepts downloads."""
    context = browser.new_context(accept_downloads=True, viewport={"width": 1100, "height": 900})
    yield context.new_page()
    context.close()


@pytest.fixture(scope="session")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo collection of benchmarks/demo_responses.py: 193 synthetic MSQ 2020 responses,
    12 of them with a mistake."""
    import importlib.util
    import sys

    spec = importlib.util.spec_from_file_location(
        "demo_responses", ROOT / "benchmarks" / "demo_responses.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    folder = tmp_path_factory.mktemp("demo") / "responses"
    module.generate(folder)
    return folder


@pytest.fixture(scope="session")
def demo_report(msq2020: msqschema.Questionnaire, demo: Path,
                tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The report of the demo collection, made once."""
    from msqschema.results.report import report

    target = tmp_path_factory.mktemp("report") / "report.html"
    done = report([demo], target, questionnaire=msq2020)
    assert (done.tally.files, done.tally.valid, len(done.left_out)) == (193, 181, 12)
    return target
