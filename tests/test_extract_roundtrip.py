"""Round trip: extracting the DOCX rendered from a response gives that response back, after the
normalisation documented in docs/collecting-responses.md#what-comes-back.
"""

from __future__ import annotations

import itertools
import re
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from msqschema.extraction.reader import extract
from msqschema.questionnaire.loader import load_questionnaire
from msqschema.questionnaire.model import Column, Question, Questionnaire
from msqschema.render import render
from msqschema.responses.validation import validate
from msqschema.types import (
    ChoiceQuestion,
    ContactQuestion,
    GroupQuestion,
    RecordsQuestion,
    TextQuestion,
)
from msqschema.types.views import answer_text
from strategies import questionnaires, to_yaml

_WHITESPACE = re.compile(r"\s")

# A word: any characters but whitespace (control characters included), no CJK characters (each
# of those counts as a word), so that a text of n words stays within a word limit of n.
_word = st.text(st.characters(max_codepoint=0x2E7F, exclude_categories=("Cs",))
                | st.sampled_from("🎉𝄞ﷺ"), min_size=1, max_size=5).map(
    lambda word: _WHITESPACE.sub("", word) or "x")
_padding = st.sampled_from(["", " ", "\t", "\n", " \n ", "\u00a0"])
_FORMATS = {
    "url": st.from_regex(r"(https?://)?[a-z0-9]{1,8}(\.[a-z]{2,3}){1,2}(/[A-Za-z0-9_-]{1,8})?",
                         fullmatch=True),
    "email": st.from_regex(r"[a-z0-9._-]{1,8}@[a-z0-9-]{1,8}\.[a-z]{2,3}", fullmatch=True),
    "phone": st.from_regex(r"\+?[0-9]{3}( [0-9]{2,4}){1,3}( ext\. [0-9]{1,4})?", fullmatch=True),
    "date": st.builds(lambda day, style: day.strftime(style), st.dates(),
                      st.sampled_from(["%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y"])).filter(
        lambda text: len(text) == 10),
}


def texts(kind: str, max_words: int | None = None) -> st.SearchStrategy[str]:
    """A valid answer of a text kind; free text has odd characters, breaks and outer spaces."""
    if kind in _FORMATS:
        return _FORMATS[kind]
    separators = [" ", "  ", "\t", " - "] + (["\n", "\n\n", "\r\n", "\n  "]
                                            if kind == "long_text" else [])
    pieces = st.lists(st.tuples(_word, st.sampled_from(separators)), min_size=1,
                      max_size=min(max_words or 8, 8))
    return st.builds(lambda pad, chosen: pad + "".join(word + glue for word, glue in chosen),
                     _padding, pieces)


def _columns(columns: tuple[Column, ...]) -> st.SearchStrategy[dict[str, str]]:
    return st.fixed_dictionaries({}, optional={
        column.id: texts(column.type) for column in columns}).filter(bool)


def answers(question: Question) -> st.SearchStrategy[Any]:
    """A valid answer to one question."""
    if isinstance(question, TextQuestion):
        return texts(question.type, question.max_words)
    if question.type == "yes_no":
        return st.sampled_from(["yes", "no"])
    if question.type == "consent":
        return st.booleans()
    if isinstance(question, ChoiceQuestion):
        ids = [option.id for option in question.options]
        if not question.multiple:
            return st.sampled_from(ids)
        return st.lists(st.sampled_from(ids), unique=True).flatmap(
            lambda chosen: _multiple(question, chosen))
    if isinstance(question, GroupQuestion):
        return st.fixed_dictionaries({}, optional={
            item.id: answers(item) for item in question.items if item.answerable})
    if isinstance(question, RecordsQuestion):
        most = question.max_rows if question.max_rows is not None else question.min_rows + 3
        return st.lists(_columns(question.columns), min_size=question.min_rows, max_size=most)
    assert isinstance(question, ContactQuestion)
    return _columns(question.fields)


def _multiple(question: ChoiceQuestion, chosen: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    optional: dict[str, st.SearchStrategy[Any]] = {}
    other = question.other_option
    if other is not None and other.id in chosen:
        optional["other"] = texts("long_text", other.other.max_words if other.other else None)
    if question.explanation is not None and chosen:
        optional["explanation"] = texts("long_text", question.explanation.max_words)
    return st.fixed_dictionaries({"selected": st.just(chosen)}, optional=optional)


def responses(questionnaire: Questionnaire) -> st.SearchStrategy[dict[str, Any]]:
    """A valid response: any subset of the questions answered."""
    return st.fixed_dictionaries({}, optional={
        question.id: answers(question) for question in questionnaire.questions()
        if question.answerable}).map(
        lambda given: {"questionnaire": questionnaire.id, "answers": given})


def normalised(questionnaire: Questionnaire, response: dict[str, Any]) -> dict[str, Any]:
    """What a response looks like after a trip through the Word form (the documented rules)."""
    given = response["answers"]
    kept = {question.id: _normal(question, given.get(question.id))
            for question in questionnaire.questions()}
    return {key: value for key, value in kept.items() if value is not None}


def _text(value: Any) -> str | None:
    """What the form shows (control characters dropped, line ends as \\n), without outer space."""
    text = answer_text(value)
    return text.strip() or None if text is not None else None


def _mapping(values: dict[str, Any]) -> dict[str, Any] | None:
    return {key: value for key, value in values.items() if value not in (None, [])} or None


def _normal(question: Question, value: Any) -> Any:
    if value is None:
        return None
    if isinstance(question, TextQuestion):
        return _text(value)
    if question.type == "consent":
        return True if value else None  # an empty box cannot say "no"
    if isinstance(question, ChoiceQuestion) and question.multiple:
        chosen = [option.id for option in question.options if option.id in value["selected"]]
        return _mapping({"selected": chosen, "other": _text(value.get("other")),
                         "explanation": _text(value.get("explanation"))})
    if isinstance(question, GroupQuestion):
        return _mapping({item.id: _normal(item, value.get(item.id)) for item in question.items})
    if isinstance(question, RecordsQuestion):
        rows = [_mapping({column.id: _text(row.get(column.id)) for column in question.columns})
                for row in value]
        return [row for row in rows if row] or None
    if isinstance(question, ContactQuestion):
        return _mapping({field.id: _text(value.get(field.id)) for field in question.fields})
    return value


MSQ = load_questionnaire("msq2020")


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(responses(MSQ))
def test_msq2020_responses_come_back_from_the_word_form(response: dict[str, Any]) -> None:
    assert validate(MSQ, to_yaml(response).encode()).errors == ()
    result = extract(render(MSQ, "docx", response), MSQ)
    assert result.problems == ()
    assert result.answers == normalised(MSQ, response)
    assert list(result.answers) == [question.id for question in MSQ.questions()
                                    if question.id in result.answers]


_files = itertools.count()


@st.composite
def questionnaire_and_response(draw: st.DrawFn, folder: Any) -> tuple[Questionnaire, dict]:
    path = folder / f"q{next(_files)}.yaml"
    path.write_text(to_yaml(draw(questionnaires())), encoding="utf-8")
    questionnaire = load_questionnaire(path)
    return questionnaire, draw(responses(questionnaire))


def test_responses_to_any_questionnaire_come_back(tmp_path_factory) -> None:
    folder = tmp_path_factory.mktemp("questionnaires")

    @settings(max_examples=30, deadline=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(questionnaire_and_response(folder))
    def check(drawn: tuple[Questionnaire, dict[str, Any]]) -> None:
        questionnaire, response = drawn
        result = extract(render(questionnaire, "docx", response), questionnaire)
        assert result.problems == ()
        assert result.answers == normalised(questionnaire, response)

    check()
