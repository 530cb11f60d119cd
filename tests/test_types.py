"""The registry of question types: every table that varies by type is derived from it or agrees
with it (the meta-schema's branches, the templates' dispatch, the test strategies)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import strategies as questionnaire_strategies
from msqschema.questionnaire.loader import load_questionnaire, meta_schema
from msqschema.resources import templates_dir
from msqschema.responses.fastpath import compile_schema
from msqschema.responses.keywords import KEYWORDS
from msqschema.responses.validation import validate
from msqschema.types import TYPES, QuestionType

COMMON_KEYS = {"id", "type", "prompt", "hint", "when", "when_text", "required", "numbered"}
"""The keys every question accepts, whatever its type."""

VIEW_KINDS = {entry.view.kind for entry in TYPES.values()}


def test_every_entry_is_named_by_its_key():
    assert all(isinstance(entry, QuestionType) and entry.name == name
               for name, entry in TYPES.items())


def test_the_meta_schema_has_one_branch_per_type_in_registry_order():
    schema = meta_schema()
    assert schema["$defs"]["question_type"]["enum"] == list(TYPES)
    branches = [branch["if"]["properties"]["type"]["const"]
                for branch in schema["$defs"]["question"]["allOf"]]
    assert branches == list(TYPES)


@pytest.mark.parametrize("name", list(TYPES))
def test_the_meta_schema_branch_accepts_exactly_the_keys_of_the_entry(name):
    branch = meta_schema()["$defs"][f"{name}_question"]
    assert set(branch["properties"]) == COMMON_KEYS | set(TYPES[name].keys)
    assert set(branch["required"]) <= COMMON_KEYS | set(TYPES[name].keys)


@pytest.mark.parametrize("format_name, template", [("html", "questions.html.j2"),
                                                   ("md", "questions.md.j2")])
def test_each_text_format_has_a_macro_for_every_view_kind(format_name, template):
    source = (templates_dir(format_name) / template).read_text(encoding="utf-8")
    table = re.search(r"\{% set by_kind = \{(.*?)\} %\}", source, re.DOTALL)
    assert table is not None
    assert set(re.findall(r'"([a-z_]+)":', table.group(1))) == VIEW_KINDS


def test_the_word_form_has_a_template_for_every_view_kind():
    found = {path.stem for path in (templates_dir("docx") / "questions").glob("*.xml")}
    assert found == VIEW_KINDS


@pytest.mark.parametrize("format_name, template", [("html", "questions.html.j2"),
                                                   ("docx", "macros/controls.xml")])
def test_each_form_has_a_record_cell_macro_for_the_view_kind_of_every_column_type(
        format_name, template):
    """A blank record cell's control comes from its column's view kind, as a question's does
    (`cell_by_kind`), not from a test of one kind in the records template."""
    source = (templates_dir(format_name) / template).read_text(encoding="utf-8")
    table = re.search(r"\{% set cell_by_kind = \{(.*?)\} %\}", source, re.DOTALL)
    assert table is not None
    column_kinds = {TYPES[name].view.kind
                    for name in meta_schema()["$defs"]["column_type"]["enum"]}
    assert set(re.findall(r'"([a-z_]+)":', table.group(1))) == column_kinds
    records = (re.search(r"\{% macro records\(view\).*?endmacro", source, re.DOTALL)[0]
               if format_name == "html" else (templates_dir("docx") / "questions" / "records.xml")
               .read_text(encoding="utf-8"))
    assert "cell_by_kind[cell.view.kind]" in records and "kind ==" not in records


def test_no_template_tests_a_question_views_kind_outside_the_dispatch_tables():
    """What varies by type comes from the view (`view.is_selected`, its macro by kind), never
    from a template comparing `view.kind` with one type's name."""
    for format_name in ("html", "md", "docx"):
        for template in templates_dir(format_name).rglob("*"):
            if template.is_file() and template.suffix in (".j2", ".xml"):
                source = template.read_text(encoding="utf-8")
                assert not re.search(r"view\.kind\s*[!=]=", source), template


def test_the_test_strategies_draw_every_type():
    assert set(questionnaire_strategies.QUESTION_TYPES) == set(TYPES)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_every_answer_an_entry_draws_is_valid(every_type, data):
    questionnaire = every_type
    answers = {question.id: data.draw(TYPES[question.type].answers(question), label=question.id)
               for question in questionnaire.questions()
               if question.answerable and question.when is None}
    report = validate(questionnaire, _as_bytes(questionnaire.id, answers))
    assert [problem for problem in report.problems if problem.severity == "error"] == []


@pytest.fixture(scope="module")
def every_type():
    return load_questionnaire(Path(__file__).parent / "examples" / "questionnaires" / "valid"
                              / "every-type.yaml")


def _as_bytes(questionnaire_id: str, answers: dict[str, object]) -> bytes:
    return json.dumps({"questionnaire": questionnaire_id, "answers": answers}).encode()


@pytest.mark.parametrize("json_type, good, bad", [
    ("integer", 3, 3.5), ("number", 2.5, "2.5"), ("integer", -1, True), ("number", 0, None)])
def test_the_fast_path_compiles_numbers(json_type, good, bad):
    passes = compile_schema({"type": json_type}, KEYWORDS).passes
    assert passes(good) and not passes(bad)


def test_every_answerable_type_names_its_export_rule_and_report_summary():
    from msqschema.results import columns
    from msqschema.results.summaries import SUMMARIES

    for name, entry in TYPES.items():
        answerable = entry.model is not TYPES["note"].model
        assert callable(getattr(columns, f"{entry.result_rule}_rule", None)) == answerable, name
        assert entry.summary in SUMMARIES, name


def test_views_generate_no_equality_or_repr():
    """Templates never compare or print a view: every type module is imported by every command,
    so its view's dataclass compiles no `__eq__`, `__hash__` or `__repr__` at start-up."""
    from msqschema.types.grid import GridRowView
    from msqschema.types.views import FieldView

    views = {entry.view for entry in TYPES.values()} | {FieldView, GridRowView}
    assert [view.__name__ for view in views
            if (view.__eq__, view.__hash__, view.__repr__) != (
                object.__eq__, object.__hash__, object.__repr__)] == []
