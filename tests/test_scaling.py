"""Inputs that once took time or memory growing faster than their size: each is checked here by
counting work (how often a mapping's keys are scanned, how many problems are kept), never by
timing; benchmarks/scaling_bench.py measures time and memory by hand."""

from __future__ import annotations

from pathlib import Path

import yaml
from yaml.nodes import MappingNode

from msqschema import yamlio
from msqschema.problems import Report
from msqschema.questionnaire.loader import lint
from msqschema.responses.validation import validate
from msqschema.yamlio import Document

ROOT = Path(__file__).resolve().parents[1]
TAJIKISTAN = ROOT / "examples" / "responses" / "tajikistan-2019.yaml"


class CountingList(list):  # type: ignore[type-arg]
    """A list that counts how often it is walked through."""

    walks = 0

    def __iter__(self):  # type: ignore[no-untyped-def]
        CountingList.walks += 1
        return super().__iter__()


def counted_mapping(keys: int, repeated: bool = False) -> MappingNode:
    text = "".join(f"{'same' if repeated else f'key_{i}'}: {i}\n" for i in range(keys))
    root = yaml.compose(text)
    root.value = CountingList(root.value)
    CountingList.walks = 0
    return root


def test_locating_every_key_of_a_mapping_walks_it_once():
    root = counted_mapping(2000)
    document = Document({}, (), root)
    positions = [document.key_pos((f"key_{i}",)) for i in range(2000)]
    assert positions[1999] == yamlio.Pos(2000, 1)
    assert [document.value_pos((f"key_{i}",)).column for i in (0, 1999)] == [8, 11]
    assert CountingList.walks == 1


def test_a_key_repeated_many_times_is_read_in_one_walk():
    root = counted_mapping(2000, repeated=True)
    builder = yamlio._Builder(yamlio.MAX_DEPTH)
    assert builder.build(root, (), 1) == {"same": 0}
    assert len(builder.duplicates) == 1999
    assert builder.duplicates[-1].first == yamlio.Pos(1, 1)
    assert builder.duplicates[-1].second == yamlio.Pos(2000, 1)
    assert CountingList.walks == 1


def with_unknown_keys(count: int) -> bytes:
    extra = "".join(f"  unknown_{i:03}: x\n" for i in range(count))
    return TAJIKISTAN.read_bytes() + extra.encode()


def test_validate_reports_the_first_problems_and_counts_the_others():
    report = validate(None, with_unknown_keys(250), max_problems=100)
    assert len(report.problems) == 100
    assert report.problems[0].code == "V201"  # the warning at line 43 comes first
    assert report.problems[-1].message == "unknown key 'unknown_098'"
    assert (report.more_errors, report.more_warnings, report.more) == (151, 0, 151)
    assert (report.error_count, report.warning_count) == (250, 1)


def test_max_problems_zero_reports_every_problem():
    report = validate(None, with_unknown_keys(250), max_problems=0)
    assert len(report.problems) == 251
    assert report.more == 0
    assert report.problems == validate(None, with_unknown_keys(250), max_problems=251).problems


def test_problems_left_out_still_make_a_report_fail():
    report = validate(None, with_unknown_keys(1), max_problems=1)
    assert [problem.severity for problem in report.problems] == ["warning"]
    assert report.more_errors == 1
    assert not report.ok()
    assert not Report("f", (), more_warnings=1).ok(strict=True)
    assert Report("f", (), more_warnings=1).ok()


def chain_of_conditions(count: int, *, circle: bool) -> str:
    questions = "".join(
        f"      - {{id: q{i}, type: yes_no, prompt: Q{i}?"
        + (f", when: {{question: q{(i - 1) % count}, equals: 'yes'}}" if i or circle else "")
        + "}\n" for i in range(count))
    return ("msqschema: 1\nid: chain\ntitle: Chain\nlanguage: en\nsections:\n"
            f"  - id: s\n    title: S\n    questions:\n{questions}")


def test_a_long_circle_of_conditions_is_reported_once_with_its_chain(tmp_path):
    path = tmp_path / "circle.yaml"
    path.write_text(chain_of_conditions(300, circle=True))
    problems = lint(path).problems
    assert [(problem.code, problem.line) for problem in problems] == [("L205", 9)]
    chain = " -> ".join(repr(f"q{i}") for i in (0, *range(299, -1, -1)))
    assert problems[0].message == f"the conditions go round in a circle: {chain}"


def test_a_long_chain_of_conditions_is_no_circle(tmp_path):
    path = tmp_path / "chain.yaml"
    path.write_text(chain_of_conditions(300, circle=False))
    assert lint(path).problems == ()


def test_circles_that_share_questions_are_one_circle_told_once(tmp_path):
    path = tmp_path / "circles.yaml"
    path.write_text(
        "msqschema: 1\nid: circles\ntitle: Circles\nlanguage: en\nsections:\n"
        "  - id: s\n    title: S\n    questions:\n"
        "      - {id: a, type: text, when: {question: b, answered: true}}\n"
        "      - {id: b, type: text, when: {question: c, answered: true}}\n"
        "      - {id: c, type: text, when: {question: b, answered: true}}\n"
        "      - {id: d, type: text, when: {question: a, answered: true}}\n"
        "      - {id: e, type: text, when: {question: f, answered: true}}\n"
        "      - {id: f, type: text, when: {question: e, answered: true}}\n")
    assert [(problem.line, problem.message) for problem in lint(path).problems] == [
        (10, "the conditions go round in a circle: 'b' -> 'c' -> 'b'"),
        (13, "the conditions go round in a circle: 'e' -> 'f' -> 'e'")]
