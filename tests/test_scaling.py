"""Inputs that once took time or memory growing faster than their size: each is checked here by
counting work (how often a mapping is indexed, how many problems are kept) or allocations,
never by timing; benchmarks/scaling_bench.py measures time and memory by hand."""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path

from msqschema import yamlio
from msqschema.extraction.reader import extract
from msqschema.locations import Pos
from msqschema.problems import Report
from msqschema.questionnaire.loader import lint, load_questionnaire
from msqschema.render import render
from msqschema.responses.validation import validate
from msqschema.yamlio import DuplicateKey, load_json, load_yaml

ROOT = Path(__file__).resolve().parents[1]
TAJIKISTAN = ROOT / "examples" / "responses" / "tajikistan-2019.yaml"


def count_calls(monkeypatch, module, name: str) -> list[int]:
    """Count the calls of module.name (the list's length is the count)."""
    calls: list[int] = []
    function = getattr(module, name)

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(1)
        return function(*args, **kwargs)

    monkeypatch.setattr(module, name, counted)
    return calls


def test_locating_every_key_of_a_large_mapping_indexes_it_once(monkeypatch):
    indexed = count_calls(monkeypatch, yamlio, "_key_index")
    document = load_yaml("".join(f"key_{i}: {i}\n" for i in range(2000)))
    positions = [document.key_pos((f"key_{i}",)) for i in range(2000)]
    assert positions[1999] == Pos(2000, 1)
    assert [document.value_pos((f"key_{i}",)).column for i in (0, 1999)] == [8, 11]
    assert len(indexed) == 1


def test_many_repeated_keys_are_found_with_one_index(monkeypatch):
    indexed = count_calls(monkeypatch, yamlio, "_key_index")
    text = "".join(f"key_{i}: {i}\n" for i in range(1000)) * 2
    document = load_yaml(text)
    assert len(document.data) == 1000
    assert len(document.duplicates) == 1000
    assert document.duplicates[-1] == DuplicateKey((), "key_999", Pos(1000, 1), Pos(2000, 1))
    assert len(indexed) == 1


def rows(count: int) -> str:
    return "questionnaire: msq2020\nanswers:\n  sector_agencies:\n    education:\n" + "".join(
        f"      - {{name: {i}, url: {i}}}\n" for i in range(count))


def test_reading_a_long_response_takes_a_small_multiple_of_its_size_in_memory():
    text = rows(20_000)
    tracemalloc.start()
    try:
        document = load_yaml(text)
        assert document.value_pos(("answers", "sector_agencies", "education", 19_999, "url")) \
            == Pos(20_004, 28)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 20 * len(text)  # the data alone is about 7 times the text; a node tree was 90


def test_positions_of_a_long_json_response_are_kept_compactly():
    text = json.dumps(load_yaml(rows(20_000)).data, indent=1)
    document = load_json(text)
    tracemalloc.start()
    try:
        assert document.key_pos(("answers", "sector_agencies", "education", 19_999, "url")) \
            == Pos(80_004, 6)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 6 * len(text)  # a node tree of the text was more than 10 times it


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
    assert {problem.code for problem in problems} == {"L304"}
    assert len(problems) == 300  # one for each condition of the circle
    assert (problems[0].line, problems[0].message) == (
        9, "the conditions go round in a circle: 'q0' -> 'q299' -> ... -> 'q0' "
           "(300 questions depend on each other)")


def test_a_long_chain_of_conditions_is_no_circle(tmp_path):
    path = tmp_path / "chain.yaml"
    path.write_text(chain_of_conditions(300, circle=False))
    assert lint(path).problems == ()


def test_circles_that_share_questions_are_one_circle(tmp_path):
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
        (9, "the condition refers to text question 'b', which comes later in the form: people "
            "fill forms from top to bottom"),
        (10, "the conditions go round in a circle: 'b' -> 'c' -> 'b'"),
        (11, "the conditions go round in a circle: 'c' -> 'b' -> 'c'"),
        (13, "the conditions go round in a circle: 'e' -> 'f' -> 'e'"),
        (14, "the conditions go round in a circle: 'f' -> 'e' -> 'f'")]


# --- what a long-running process keeps --------------------------------------------------------

MINIMAL = Path(__file__).parent / "examples" / "questionnaires" / "valid" / "minimal.yaml"


def test_only_the_last_questionnaires_used_stay_compiled(tmp_path):
    from msqschema.responses import validation

    models = []
    for number in range(validation.COMPILED_KEPT + 3):
        path = tmp_path / f"q{number}.yaml"
        path.write_text(MINIMAL.read_text())
        models.append(load_questionnaire(path))
    response = b"questionnaire: minimal\nanswers: {}\n"
    first = validation._compiled(models[0])
    for model in models:
        assert validate(model, response).problems == ()
    assert len(validation._COMPILED) <= validation.COMPILED_KEPT
    assert validation._compiled(models[-1]) is validation._compiled(models[-1])
    assert validation._compiled(models[0]) is not first  # dropped, then compiled again


def test_validate_and_extract_find_a_bundled_questionnaire_through_one_function(monkeypatch):
    from msqschema.questionnaire import loader

    asked: list[tuple[str, bool]] = []
    load_bundled = loader.load_bundled

    def recorded(name: str, *, for_validation: bool = False):  # type: ignore[no-untyped-def]
        asked.append((name, for_validation))
        return load_bundled(name, for_validation=for_validation)

    monkeypatch.setattr(loader, "load_bundled", recorded)
    assert validate(None, TAJIKISTAN).ok()
    form = render(load_questionnaire("msq2020"), "docx", {"answers": {"country": "Chad"}})
    assert extract(form).answers == {"country": "Chad"}
    assert validate(None, b"questionnaire: nothing\nanswers: {}\n").problems[0].code == "V108"
    assert asked == [("msq2020", True), ("msq2020", False), ("nothing", True)]
