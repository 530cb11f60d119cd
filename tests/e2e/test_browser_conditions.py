"""The form's condition interpreter (templates/html/conditions.js, in Chromium) agrees with the
Python evaluator on every case of the shared table and on generated trees and answers."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from condition_cases import CASES, answer_sets, anything, trees
from msqschema.conditions import answered, holds, parse, to_data
from msqschema.resources import templates_dir

pytestmark = pytest.mark.chromium

EVALUATE = "cases => cases.map(([tree, answers]) => window.msqConditions.holds(tree, answers))"


@pytest.fixture(scope="module")
def interpreter(browser) -> Any:
    """A page holding only conditions.js, the script the HTML form will include."""
    page = browser.new_page()
    page.set_content("<!doctype html><html lang=en><title>conditions</title></html>")
    page.add_script_tag(content=(templates_dir("html") / "conditions.js").read_text("utf-8"))
    yield page
    page.close()


def test_every_case_of_the_table_agrees(interpreter):
    trees_and_answers = []
    for case in CASES:
        condition, problems = parse(case["when"])
        assert condition is not None, problems
        trees_and_answers.append([to_data(condition), case["answers"]])
    in_browser = interpreter.evaluate(EVALUATE, trees_and_answers)
    disagreements = [
        (case["file"], case["name"], case["holds"], browser_result)
        for case, browser_result in zip(CASES, in_browser, strict=True)
        if browser_result is not case["holds"]]
    assert len(in_browser) == len(CASES) >= 60
    assert disagreements == []


def test_answered_agrees_on_every_answer_of_the_table(interpreter):
    values = [value for case in CASES for value in case["answers"].values()]
    values += [None, "", " ", "\u0085", "\u200b", 0, False, [], {}, {"selected": []},
               {"selected": "ai"}, {"selected": [], "other": "x"}]
    in_browser = interpreter.evaluate("values => values.map(window.msqConditions.answered)",
                                      values)
    assert in_browser == [answered(value) for value in values]


@settings(max_examples=100, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(trees, st.one_of(answer_sets, anything)), min_size=1, max_size=10))
def test_generated_trees_and_answers_agree(interpreter, batch):
    sent = [[to_data(condition), answers] for condition, answers in batch]
    assert interpreter.evaluate(EVALUATE, sent) == [
        holds(condition, answers) for condition, answers in batch]
