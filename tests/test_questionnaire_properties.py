"""Property tests (Hypothesis) for the loader and `msqschema lint`.

Generated valid questionnaires load and lint clean, with the numbers and footnote order the
language defines; each generated mistake is reported with its code, message, line and column;
and whatever a file holds, the loader raises nothing but InputError or LoadError and the command
exits 0, 1 or 2 without a traceback.
"""

from __future__ import annotations

import copy
import itertools
import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from msqschema.cli import cli
from msqschema.conditions import answered, lookup, to_data
from msqschema.problems import InputError, LoadError, Report
from msqschema.questionnaire.loader import lint, load_questionnaire
from msqschema.questionnaire.model import Question, Questionnaire
from msqschema.responses.validation import validate
from msqschema.types import TYPES
from strategies import QUESTION_TYPES, STYLES, junk, questionnaires, to_yaml

ROMAN = ("I", "II", "III", "IV")
UNKNOWN = "x9x9x9x9x9x9x9x9x9x9"  # far from every generated id: no "did you mean"

fast = settings(max_examples=25, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
many = settings(fast, max_examples=100)
_names = itertools.count()


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("questionnaires")


def write(folder: Path, content: str | bytes) -> Path:
    """A new file (a new name each time, so no cache can answer for an older one)."""
    path = folder / f"q{next(_names)}.yaml"
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


def find(text: str, pattern: str, occurrence: int = 0) -> tuple[int, int]:
    """Line and column (1-based) where group 1 of `pattern` matches for the n-th time."""
    match = list(re.finditer(pattern, text, re.MULTILINE))[occurrence]
    offset = match.start(1)
    return text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset)


def id_pattern(identifier: str) -> str:
    """The value of an `id:` key in block or flow style, quoted or not."""
    return rf"(?<![\w])id: ('?{re.escape(identifier)}'?)(?=[,}}\s]|$)"


def problems(report: Report) -> list[tuple[str, int | None, int | None, str]]:
    return [(p.code, p.line, p.column, p.message) for p in report.problems]


# --- oracles ------------------------------------------------------------------------------------


def expected_refs(data: dict[str, Any]) -> list[tuple[str, str | None]]:
    """Every section question's id and display reference, as docs/questionnaire-language.md says."""
    refs: list[tuple[str, str | None]] = []
    counter = 0
    for index, section in enumerate(data["sections"]):
        restart = section.get("numbering") == "restart"
        counter = 0 if restart else counter
        for question in section["questions"]:
            ref = None
            if question.get("numbered", True) and question["type"] != "note":
                counter += 1
                ref = f"{ROMAN[index]}.{counter}" if restart else str(counter)
            refs.append((question["id"], ref))
    return refs


def first_references(text: str) -> list[str]:
    """Footnote ids in order of their first `[^id]` in the text."""
    return list(dict.fromkeys(re.findall(r"\[\^([a-z0-9_]+)\]", text)))


def id_slots(data: dict[str, Any]) -> list[tuple[str, list[dict[str, Any]], int]]:
    """(kind, list, index) of every entry with an id that must be unique within that list's
    scope; top-level questions are reported as one list per section but share one scope."""
    slots = [("section", data["sections"], i) for i in range(len(data["sections"]))]
    lists = [data.get("header", [])] + [s["questions"] for s in data["sections"]]
    for questions in lists:
        for index, question in enumerate(questions):
            slots.append(("question", questions, index))
            for key, kind in (("options", "option"), ("items", "sub-item"),
                              ("columns", "column")):
                entries = question.get(key, [])
                slots += [(kind, entries, i) for i in range(len(entries))]
            for item in question.get("items", []):
                for key, kind in (("options", "option"), ("columns", "column")):
                    entries = item.get(key, [])
                    slots += [(kind, entries, i) for i in range(len(entries))]
    return slots


COPIES = {
    "section": {"title": "Copy", "questions": [{"id": "zz_copy", "type": "text"}]},
    "question": {"type": "text"},
    "sub-item": {"type": "text"},
    "option": {"label": "Copy"},
    "column": {"type": "text", "label": "Copy"},
}


def markup_texts(data: dict[str, Any]) -> list[tuple[dict[str, Any], str]]:
    """(mapping, key) of every text with markup (not the title, not column labels)."""
    found = [(data, key) for key in ("introduction", "closing") if key in data]
    found += [(data["footnotes"], key) for key in data.get("footnotes", {})]

    def question(item: dict[str, Any]) -> None:
        keys = ("prompt", "hint", "lead_in", "statement", "text")
        found.extend((item, key) for key in keys if key in item)
        for option in item.get("options", []):
            found.append((option, "label"))
        explanation = item.get("explanation", {})
        found.extend((explanation, key) for key in ("prompt", "hint") if key in explanation)
        for sub in item.get("items", []):
            question(sub)

    for entry in data.get("header", []):
        question(entry)
    for section in data["sections"]:
        found.append((section, "title"))
        for entry in section["questions"]:
            question(entry)
    return found


def canonical(condition: Any) -> Any:
    """A condition as generated, in the canonical spelling (`answer` for `question`)."""
    if isinstance(condition, list):
        return [canonical(item) for item in condition]
    if isinstance(condition, dict):
        return {"answer" if key == "question" else key: canonical(value)
                for key, value in condition.items()}
    return condition


def all_questions(data: dict[str, Any]) -> list[dict[str, Any]]:
    top = data.get("header", []) + [q for s in data["sections"] for q in s["questions"]]
    return top + [item for q in top for item in q.get("items", [])]


# --- valid questionnaires -----------------------------------------------------------------------


@fast
@given(data=questionnaires(), style=st.sampled_from(STYLES))
def test_generated_questionnaires_lint_clean_and_load(folder, data, style):
    text = to_yaml(data, style)
    path = write(folder, text)
    assert problems(lint(path)) == []
    questionnaire = load_questionnaire(path)
    section_questions = [q for s in questionnaire.sections for q in s.questions]
    assert [(q.id, q.ref if q.numbered else None) for q in section_questions] == (
        expected_refs(data))
    assert [s.numeral for s in questionnaire.sections] == list(ROMAN[:len(data["sections"])])
    assert [note.id for note in questionnaire.footnotes] == first_references(text)
    assert [note.number for note in questionnaire.footnotes] == list(
        range(1, len(questionnaire.footnotes) + 1))
    for question in questionnaire.questions():
        assert question.pos.line == find(text, id_pattern(question.id))[0]
        for item in getattr(question, "items", ()):
            assert item.pos.line == find(text, id_pattern(item.id))[0]
            assert item.ref == (f"{question.ref}{item.number}" if question.numbered else item.id)
        for option in getattr(question, "options", ()):
            assert option.pos.line == find(text, id_pattern(option.id))[0]


@fast
@given(data=questionnaires())
def test_the_model_round_trips_what_was_generated(folder, data):
    questionnaire = load_questionnaire(write(folder, to_yaml(data)))
    assert isinstance(questionnaire, Questionnaire)
    for generated in all_questions(data):
        if generated in data.get("header", []) or any(
                generated in s["questions"] for s in data["sections"]):
            question = questionnaire.question(generated["id"])
            assert question is not None
            assert question.type == generated["type"]
            section = next((s for s in data["sections"] if generated in s["questions"]), {})
            written = [canonical(part) for part in (section.get("when"), generated.get("when"))
                       if part]
            assert (to_data(question.when.tree) if question.when else None) == (
                None if not written else written[0] if len(written) == 1 else {"all": written})
            required = generated.get("required", False)
            assert question.required is (required is True)
            assert (to_data(question.required_when.tree) if question.required_when else None) \
                == (canonical(required) if isinstance(required, dict) else None)
            if "max_words" in generated:
                assert question.max_words == generated["max_words"]
            if "options" in generated:
                assert [o.id for o in question.options] == [o["id"] for o in generated["options"]]


# --- each mistake is reported where it is -------------------------------------------------------


@fast
@given(data=questionnaires(), style=st.sampled_from(STYLES), choice=st.data())
def test_a_duplicate_id_is_reported_at_its_second_use(folder, data, style, choice):
    data = copy.deepcopy(data)
    kind, entries, index = choice.draw(st.sampled_from(id_slots(data)))
    identifier = entries[index]["id"]
    entries.insert(choice.draw(st.integers(index + 1, len(entries))),
                   {"id": identifier, **copy.deepcopy(COPIES[kind])})
    text = to_yaml(data, style)
    first_line = find(text, id_pattern(identifier))[0]
    line, column = find(text, id_pattern(identifier), occurrence=1)
    assert problems(lint(write(folder, text))) == [
        ("L201", line, column, f"{kind} id {identifier!r} is already used at line {first_line}")]


@fast
@given(data=questionnaires(), style=st.sampled_from(STYLES), choice=st.data())
def test_a_dangling_footnote_reference_is_reported_where_it_is(folder, data, style, choice):
    data = copy.deepcopy(data)
    mapping, key = choice.draw(st.sampled_from(markup_texts(data)))
    glue = choice.draw(st.sampled_from(["", " "]))
    mapping[key] = f"{mapping[key]}{glue}[^{UNKNOWN}]"
    text = to_yaml(data, style)
    line, column = find(text, rf"(\[\^{UNKNOWN}\])")
    assert problems(lint(write(folder, text))) == [
        ("L202", line, column, f"footnote [^{UNKNOWN}] is not defined under 'footnotes'")]


@fast
@given(data=questionnaires(), style=st.sampled_from(STYLES), choice=st.data())
def test_a_condition_on_an_unknown_question_is_reported_where_it_is(folder, data, style, choice):
    data = copy.deepcopy(data)
    question = choice.draw(st.sampled_from(all_questions(data)))
    question["when"] = {"question": UNKNOWN, "answered": True}
    text = to_yaml(data, style)
    line, column = find(text, rf"question: ({UNKNOWN})")
    assert problems(lint(write(folder, text))) == [
        ("L204", line, column, f"condition names unknown question {UNKNOWN!r}")]


@fast
@given(data=questionnaires(), choice=st.data(), limit=st.integers(-1000, 0))
def test_a_non_positive_word_limit_is_reported_where_it_is(folder, data, choice, limit):
    data = copy.deepcopy(data)
    places = [q for q in all_questions(data) if q["type"] in ("text", "long_text", "url")]
    places += [o["other"] for q in all_questions(data) for o in q.get("options", [])
               if "other" in o]
    places += [q["explanation"] for q in all_questions(data) if "explanation" in q]
    if not places:
        data["sections"][0]["questions"].append({"id": "zz_limit", "type": "long_text"})
        places = [data["sections"][0]["questions"][-1]]
    choice.draw(st.sampled_from(places))["max_words"] = limit
    text = to_yaml(data)
    line, column = find(text, rf"max_words: ({limit})(?=[,}}\s]|$)")
    assert problems(lint(write(folder, text))) == [
        ("L206", line, column, f"max_words must be a positive whole number, not {limit}")]


# --- nothing unexpected, whatever the file holds ------------------------------------------------


def lint_or_input_error(path: Path) -> Report | None:
    try:
        report = lint(path)
    except InputError as error:
        assert error.problem.code == "R001"
        return None
    for problem in report.problems:
        assert problem.code.startswith("L")
        assert problem.line is not None and problem.line >= 1
    return report


def load_or_documented_error(path: Path) -> None:
    try:
        load_questionnaire(path)
    except InputError as error:
        assert error.problem.code == "R001"
    except LoadError as error:
        assert error.problems


@many
@given(content=st.text())
def test_arbitrary_text_raises_nothing_unexpected(folder, content):
    path = write(folder, content)
    lint_or_input_error(path)
    load_or_documented_error(path)


@many
@given(content=st.binary())
def test_arbitrary_bytes_raise_nothing_unexpected(folder, content):
    path = write(folder, content)
    lint_or_input_error(path)
    load_or_documented_error(path)


@fast
@given(content=junk(), style=st.sampled_from(STYLES))
def test_arbitrary_yaml_raises_nothing_unexpected(folder, content, style):
    path = write(folder, to_yaml(content, style))
    lint_or_input_error(path)
    load_or_documented_error(path)


def paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value inside `value`."""
    found = [prefix]
    if isinstance(value, dict):
        for key, child in value.items():
            found += paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += paths(child, (*prefix, index))
    return found


@fast
@given(data=questionnaires(), choice=st.data())
def test_a_damaged_questionnaire_raises_nothing_unexpected(folder, data, choice):
    # Each damage replaces a value with junk or with another part of the same questionnaire
    # (an option where a question should be, a section's title as a condition ...).
    data = copy.deepcopy(data)
    for _ in range(choice.draw(st.integers(1, 3))):
        places = paths(data)[1:]
        path = choice.draw(st.sampled_from(places))
        if choice.draw(st.booleans()):
            replacement = choice.draw(junk())
        else:
            replacement = data
            for step in choice.draw(st.sampled_from(places)):
                replacement = replacement[step]
        parent = data
        for step in path[:-1]:
            parent = parent[step]
        parent[path[-1]] = copy.deepcopy(replacement)
    file = write(folder, to_yaml(data))
    lint_or_input_error(file)
    load_or_documented_error(file)


@settings(max_examples=25, deadline=None)
@given(content=st.text() | junk().map(to_yaml) | questionnaires().map(to_yaml))
def test_the_command_exits_0_1_or_2_and_prints_one_line_per_problem(folder, content):
    path = write(folder, content)
    result = CliRunner().invoke(cli, ["lint", str(path)])
    assert result.exit_code in (0, 1, 2)
    assert "Traceback" not in result.output
    *lines, last = result.stdout.splitlines() or [""]
    if result.exit_code == 0:
        assert (lines, last, result.stderr) == ([], "1 questionnaire checked: no problems", "")
    elif result.exit_code == 1:
        problem_line = re.escape(str(path)) + r":\d+:\d+: error\[L\d{3}\] \S.*"
        assert lines and all(re.fullmatch(problem_line, line) for line in lines), result.stdout
        assert re.fullmatch(r"1 questionnaire checked: 1 with problems \(\d+ errors?\)", last)
        assert result.stderr == ""
    else:
        unreadable = re.escape(str(path)) + r"(:\d+:\d+)?: error\[R001\] \S.*\n"
        assert (result.stdout, bool(re.fullmatch(unreadable, result.stderr))) == ("", True)


UNANSWERED = (None, "", " \u3000\t", [], {}, {"selected": []})
"""Unanswered values of every shape an answer takes (other than the right one, some are
schema errors too: the rules report V112 all the same)."""


def drawn_answers(questionnaire: Questionnaire, choices: st.DataObject) -> dict[str, Any]:
    """Answers to some of the questions: valid ones, or unanswered values."""
    answers: dict[str, Any] = {}
    for question in questionnaire.questions():
        if question.answerable and question.type != "calculated" and choices.draw(st.booleans()):
            answers[question.id] = choices.draw(TYPES[question.type].answers(question)
                                                | st.sampled_from(UNANSWERED))
    return answers


def unasked(questionnaire: Questionnaire, answers: dict[str, Any]) -> set[str]:
    """Where an answer is given to a question whose own condition does not hold, or to a grid
    row or group item whose own condition does not hold in a grid or group that is asked (in
    one that is not, its own V201 says it once)."""
    found = {f"/answers/{question.id}" for question in questionnaire.questions()
             if question.when and not question.when.holds_in(answers)
             and answered(answers.get(question.id))}
    found |= {f"/answers/{question.id}/{row.id}" for question in questionnaire.questions()
              if question.when is None or question.when.holds_in(answers)
              for row in getattr(question, "rows", ())
              if row.when and not row.when.holds_in(answers)
              and answered(lookup(answers, f"{question.id}.{row.id}"))}
    return found | {f"/answers/{question.id}/{item.id}" for question in questionnaire.questions()
                    if question.when is None or question.when.holds_in(answers)
                    for item in question.sub_questions
                    if item.when and not item.when.holds_in(answers)
                    and answered(lookup(answers, f"{question.id}.{item.id}"))}


def required_unanswered(questionnaire: Questionnaire, answers: dict[str, Any]) -> set[str]:
    """Where a question is asked (a group item: and its group), required and unanswered."""
    def asked(question: Question) -> bool:
        return question.when is None or question.when.holds_in(answers)

    def wanted(question: Question, answer: Any) -> bool:
        must = question.required or (question.required_when is not None
                                     and question.required_when.holds_in(answers))
        return asked(question) and must and not answered(answer)

    found = {f"/answers/{question.id}" for question in questionnaire.questions()
             if wanted(question, answers.get(question.id))}
    return found | {f"/answers/{question.id}/{item.id}" for question in questionnaire.questions()
                    if asked(question) for item in question.sub_questions
                    if wanted(item, lookup(answers, f"{question.id}.{item.id}"))}


@settings(fast, max_examples=40)
@pytest.mark.parametrize("kinds", [
    (*QUESTION_TYPES, "group", "group", "group"),
    ("yes_no", "single_choice", "multiple_choice", "grid", "grid", "grid")],  # rows' conditions
    ids=["every-type", "grids"])
@given(choices=st.data())
def test_v201_and_v112_are_exactly_where_the_evaluator_says(folder, kinds, choices):
    """V201: answered although its own condition does not hold (a grid row: in a grid that is
    asked); V112: asked, required (or required by a condition that holds) and unanswered."""
    data = choices.draw(questionnaires(kinds=kinds))
    questionnaire = load_questionnaire(write(folder, to_yaml(data)))
    answers = drawn_answers(questionnaire, choices)
    response = json.dumps({"questionnaire": questionnaire.id, "answers": answers}).encode()
    problems = validate(questionnaire, response).problems
    assert {problem.pointer for problem in problems if problem.code == "V201"} == unasked(
        questionnaire, answers)
    assert {problem.pointer for problem in problems if problem.code == "V112"} == (
        required_unanswered(questionnaire, answers))


def parts(question: Question) -> list[Question]:
    """The question, and every question answered inside its answer, at any depth."""
    return [question, *(inner for part in question.parts for inner in parts(part))]


@settings(fast, max_examples=20)
@given(choices=st.data())
def test_a_type_that_has_no_rules_for_a_question_finds_nothing_in_its_answers(folder, choices):
    """The rules skip a question, group item or record column whose type's `ruled` says no:
    its `findings` must then find nothing, whatever the answer and the other answers."""
    data = choices.draw(questionnaires())
    questionnaire = load_questionnaire(write(folder, to_yaml(data)))
    answers = drawn_answers(questionnaire, choices)
    for question in (part for top in questionnaire.questions() for part in parts(top)):
        entry = TYPES[question.type]
        if entry.ruled(question) or not question.answerable:
            continue
        answer = choices.draw(entry.answers(question) | junk() | st.sampled_from(UNANSWERED))
        found = entry.findings(question, answer, ("answers", question.id),
                               {**answers, question.id: answer}, questionnaire)
        assert list(found) == [], question.id
