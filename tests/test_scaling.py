"""Inputs that once took time or memory growing faster than their size: each is checked here by
counting work (how often a mapping's keys are scanned, how many problems are kept), never by
timing; benchmarks/scaling_bench.py measures time and memory by hand."""

from __future__ import annotations

from pathlib import Path

import yaml
from yaml.nodes import MappingNode

from msqschema import yamlio
from msqschema.problems import Report
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
