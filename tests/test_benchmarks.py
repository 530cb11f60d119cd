"""The benchmarks' generated inputs are what their READMEs say: realistic MSQ 2020 responses,
valid where meant to be, each planted mistake found. Nothing here is timed."""

from __future__ import annotations

import importlib.util
import io
import json
import sys
import zipfile
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

from msqschema.questionnaire.loader import load_questionnaire
from msqschema.responses.validation import validate

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def benchmark(name: str) -> ModuleType:
    """A benchmark script, imported as a module (its main() is not run)."""
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCHMARKS / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def errors(report) -> list[str]:
    return [f"{p.line}:{p.column} {p.code} {p.message}" for p in report.problems
            if p.severity == "error"]


@pytest.mark.parametrize("questionnaire, mistakes", [("msq2020", "MISTAKES"),
                                                     ("business_survey", "BUSINESS_MISTAKES")])
def test_validate_bench_plants_a_mistake_in_every_fourth_file_only(tmp_path, questionnaire,
                                                                    mistakes):
    validate_bench = benchmark("validate_bench")
    planted = getattr(validate_bench, mistakes)
    files = validate_bench.generate(tmp_path, 4 * len(planted) * 2, questionnaire)
    for number, path in enumerate(files):
        report = validate(questionnaire, path)
        if number % 4 == 3:  # the mistake planted in it is found, with its code
            mistake = planted[number // 4 % len(planted)]
            found = Counter(problem.code for problem in report.problems)
            assert Counter(mistake.codes) <= found, (path.read_text(encoding="utf-8"), found)
        else:
            assert report.problems == (), report.problems


@pytest.mark.parametrize("seed", [2020, 7])
def test_docx_bench_responses_are_valid(seed):
    docx_bench = benchmark("docx_bench")
    msq = load_questionnaire("msq2020")
    for made in docx_bench.responses(msq, 25, seed):
        report = validate(msq, json.dumps(made).encode("utf-8"))
        assert errors(report) == []


def test_extract_bench_removes_every_tag_so_its_forms_are_read_by_position():
    from msqschema.extraction.reader import extract
    from msqschema.render import render

    extract_bench = benchmark("extract_bench")
    msq = load_questionnaire("msq2020")
    response = extract_bench.docx_bench().responses(msq, 1, 2020)[0]
    form = extract_bench.untagged(render(msq, "docx", response))
    with zipfile.ZipFile(io.BytesIO(form)) as archive:
        assert b"msq:/" not in archive.read("word/document.xml")
    result = extract(form, msq)
    assert [problem.code for problem in result.problems] == ["X004"]
    assert result.answers == extract(render(msq, "docx", response), msq).answers


def test_scaling_bench_inputs_are_what_it_says(tmp_path):
    scaling_bench = benchmark("scaling_bench")
    def text(lines) -> bytes:
        return "".join(lines).encode()

    keys = validate(None, text(scaling_bench.unknown_keys(30)), max_problems=0)
    assert Counter(problem.code for problem in keys.problems) == {"V101": 30}
    rows = validate(None, text(scaling_bench.agency_rows(30, valid=False)), max_problems=0)
    assert Counter(problem.code for problem in rows.problems) == {"V102": 60}
    assert validate(None, text(scaling_bench.agency_rows(30, valid=True))).problems == ()
    chain = tmp_path / "chain.yaml"
    chain.write_text("".join(scaling_bench.condition_chain(30)), encoding="utf-8")
    model = load_questionnaire(chain)
    assert [question.when is not None for question in model.questions()] == [False] + [True] * 29
