"""Property tests for validation: responses generated from the model validate clean; each
mutation is reported with the right code and position; the fast check and jsonschema agree;
arbitrary input never raises anything but InputError."""

from __future__ import annotations

import datetime
import json
import re
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from msqschema.conditions import answered
from msqschema.problems import InputError
from msqschema.questionnaire.loader import load_questionnaire
from msqschema.questionnaire.model import Column, Question, Questionnaire
from msqschema.responses.keywords import validator_class
from msqschema.responses.response import load_response
from msqschema.responses.validation import RESPONSE_CODES, _compiled, validate
from msqschema.responses.wordcount import count_words
from msqschema.schema_errors import schema_problems
from msqschema.types import TYPES, ChoiceQuestion, TextQuestion

MSQ = load_questionnaire("msq2020")
fast = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# --- responses drawn from the model: one strategy per answer type, from a table ---------------

VOCABULARY = ["e-government", "portal", "ministry", "30-40", "%", "data", "services", "(SDG)",
              "https://www.gov.tj", "Министерство", "связи", "电子", "政务", "Côte", "d'Ivoire",
              "—", "no", "yes", "2019", "N/A", "citizens", "and", "the"]


def texts(max_words: int | None, one_line: bool = False) -> st.SearchStrategy[str]:
    separators = st.sampled_from([" "] if one_line else [" ", " ", "\n", "  "])
    words = st.lists(st.tuples(st.sampled_from(VOCABULARY), separators), min_size=1, max_size=30)

    def join(pairs: list[tuple[str, str]]) -> str:
        text = "".join(word + gap for word, gap in pairs).strip()
        while max_words and count_words(text) > max_words:
            text = text.rsplit(None, 1)[0] if " " in text.strip() else text[:1]
        return text or "x"

    return words.map(join)


HOSTS = st.lists(st.sampled_from(["www", "gov", "medt", "mehnat", "data", "e-gov", "portal2"]),
                 min_size=1, max_size=3).map(".".join)
URLS = st.tuples(st.sampled_from(["", "https://", "http://", "HTTPS://"]), HOSTS,
                 st.sampled_from(["tj", "org", "gov.tj"]),
                 st.sampled_from(["", "/", "/en/news?id=3", "#top"])).map(
    lambda p: f"{p[0]}{p[1]}.{p[2]}{p[3]}")
EMAILS = st.tuples(st.sampled_from(["a", "first.last", "cio+msq"]), HOSTS,
                   st.sampled_from(["tj", "org"])).map(lambda p: f"{p[0]}@{p[1]}.{p[2]}")
PHONES = st.tuples(st.sampled_from(["+992 ", "(+47) ", "", "00 1-"]),
                   st.lists(st.text("0123456789", min_size=2, max_size=4), min_size=2, max_size=4),
                   st.sampled_from(["", " ext. 12", " x7"])).map(
    lambda p: p[0] + " ".join(p[1]) + p[2])
DATES = st.tuples(st.dates(datetime.date(1900, 1, 1), datetime.date(2099, 12, 31)),
                  st.sampled_from(["%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y"])).map(
    lambda p: p[0].strftime(p[1]))

TEXT_ANSWERS = {"text": lambda limit: texts(limit, one_line=True), "long_text": texts,
                "url": lambda limit: URLS, "email": lambda limit: EMAILS,
                "phone": lambda limit: PHONES, "date": lambda limit: DATES}


def _columns(columns: tuple[Column, ...]) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries({}, optional={
        column.id: TEXT_ANSWERS[column.type](None) for column in columns})


def _multiple(question: ChoiceQuestion) -> st.SearchStrategy[dict[str, Any]]:
    ids = [option.id for option in question.options]
    optional: dict[str, Any] = {"selected": st.lists(st.sampled_from(ids), unique=True)}
    if question.detailed_options:
        optional["details"] = st.fixed_dictionaries({}, optional={
            option.id: texts(option.detail.max_words if option.detail else None)
            for option in question.detailed_options})
    if question.explanation:
        optional["explanation"] = texts(question.explanation.max_words)
    return st.fixed_dictionaries({}, optional=optional)


ANSWERS = {
    **{kind: (lambda q: TEXT_ANSWERS[q.type](q.max_words)) for kind in TEXT_ANSWERS},
    "yes_no": lambda q: st.sampled_from(["yes", "no"]),
    "single_choice": lambda q: st.sampled_from([option.id for option in q.options]),
    "multiple_choice": _multiple,
    "group": lambda q: st.fixed_dictionaries({}, optional={
        item.id: answer(item) for item in q.items if item.answerable}),
    "records": lambda q: st.lists(_columns(q.columns), max_size=3),
    "contact": lambda q: _columns(q.fields),
    "consent": lambda q: st.booleans(),
}


def answer(question: Question) -> st.SearchStrategy[Any]:
    return st.one_of(st.none(), ANSWERS[question.type](question))


@st.composite
def responses(draw: st.DrawFn, questionnaire: Questionnaire = MSQ) -> dict[str, Any]:
    """A response with no problem at all: follow-ups only where asked, Other texts with ticks."""
    answers = draw(st.fixed_dictionaries({}, optional={
        question.id: answer(question) for question in questionnaire.questions()
        if question.answerable}))
    for question in questionnaire.questions():
        value = answers.get(question.id)
        if isinstance(question, ChoiceQuestion) and isinstance(value, dict):
            _tidy_choice(question, value)
    changed = True
    while changed:  # dropping an answer may make another follow-up unasked
        changed = False
        for question in questionnaire.questions():
            condition = question.when
            if (condition and question.id in answers
                    and not condition.holds_in(answers)):
                del answers[question.id]
                changed = True
    return {"questionnaire": questionnaire.id, "answers": answers}


def _tidy_choice(question: ChoiceQuestion, value: dict[str, Any]) -> None:
    selected = value.get("selected") or []
    details = value.get("details") or {}
    for option in question.detailed_options:
        if (option.id in selected) != answered(details.get(option.id)):
            details.pop(option.id, None)
            if option.id in selected:
                selected.remove(option.id)
    if not details:
        value.pop("details", None)
    if not selected:
        value.pop("explanation", None)


class _Quoting(yaml.SafeDumper):
    """Writes every text in double quotes, so that YAML 1.2 reads back exactly the same text."""


_Quoting.add_representer(str, lambda dumper, text: dumper.represent_scalar(
    "tag:yaml.org,2002:str", text, style='"'))


def to_yaml(data: Any) -> str:
    return yaml.dump(data, Dumper=_Quoting, sort_keys=False, allow_unicode=True, width=10**6)


def position(text: str, needle: str) -> tuple[int, int]:
    """Line and column of the only place `needle` appears in `text`."""
    assert text.count(needle) == 1, needle
    offset = text.index(needle)
    return text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset)


def lines(report) -> list[tuple[str, int | None, int | None]]:
    return [(p.code, p.line, p.column) for p in report.problems]


# --- properties -------------------------------------------------------------------------------


@fast
@given(responses(), st.booleans())
def test_responses_drawn_from_the_model_validate_clean(response, as_json):
    text = json.dumps(response, ensure_ascii=False) if as_json else to_yaml(response)
    report = validate(MSQ, text.encode())
    assert report.problems == (), to_yaml(response)
    assert _compiled(MSQ).passes(response)


def _paths(value: Any, path: tuple[str, ...]) -> list[tuple[str, ...]]:
    """Paths of the mappings inside an answer that take only known keys."""
    found = [path] if isinstance(value, dict) else []
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*path, key))
    return found


@fast
@given(responses(), st.data())
def test_an_unknown_key_is_reported_at_the_key(response, data):
    places = _paths(response["answers"], ())
    where = data.draw(st.sampled_from(places))
    target = response["answers"]
    for key in where:
        target = target[key]
    target["zz_unknown_key"] = "x"
    text = to_yaml(response)
    report = validate(MSQ, text.encode())
    assert lines(report) == [("V101", *position(text, '"zz_unknown_key":'))]


@fast
@given(responses(), st.sampled_from([question for question in MSQ.questions()
                                     if question.answerable]))
def test_a_value_of_the_wrong_type_is_reported_at_the_value(response, question):
    response["answers"][question.id] = 987654321
    code = "V103" if question.type in ("yes_no", "single_choice") else "V102"
    text = to_yaml(response)
    report = validate(MSQ, text.encode())
    errors = [(p.code, p.line, p.column, p.question_id) for p in report.errors]
    assert errors == [(code, *position(text, "987654321"), question.id)]


CHOICES = [question for question in MSQ.questions() if isinstance(question, ChoiceQuestion)]


@fast
@given(responses(), st.sampled_from(CHOICES))
def test_an_unknown_option_is_reported_at_it(response, question):
    response["answers"][question.id] = {"selected": [question.options[0].id, "zz_option"]}
    text = to_yaml(response)
    report = validate(MSQ, text.encode())
    assert lines(report) == [("V103", *position(text, '"zz_option"'))]


LIMITED = [question for question in MSQ.questions()
           if isinstance(question, TextQuestion) and question.max_words]


@fast
@given(responses(), st.sampled_from(LIMITED), st.sampled_from(["w", "e-gov", "слово", "数"]))
def test_one_word_over_the_limit_is_reported_with_the_count(response, question, word):
    limit = question.max_words or 0
    gap = "" if word == "数" else " "
    response["answers"][question.id] = "zzstart" + gap + gap.join([word] * limit)
    text = to_yaml(response)
    report = validate(MSQ, text.encode())
    line, column = position(text, f'"{question.id}": "zzstart')
    assert [(p.code, p.line, p.column) for p in report.errors] == [
        ("V104", line, column + len(question.id) + 4)]
    assert report.errors[0].message == f"{limit + 1} words; the limit is {limit}"


FOLLOW_UPS = [question for question in MSQ.questions() if question.when]


@fast
@given(responses(), st.sampled_from(FOLLOW_UPS), st.sampled_from([None, "no"]))
def test_a_follow_up_answered_when_not_asked_is_a_warning_at_its_key(response, question, target):
    answers = response["answers"]
    answers[question.when.test.subject] = target
    answers[question.id] = "An answer all the same"
    text = to_yaml(response)
    report = validate(MSQ, text.encode())
    assert lines(report) == [("V201", *position(text, f'"{question.id}":'))]
    assert report.ok() and not report.ok(strict=True)


def assert_explained_as_jsonschema_does(compiled, response):
    """The compiled schema passes exactly what jsonschema passes, refuses it for the same errors
    (path, keyword, value), and these become the same problems."""
    reference = validator_class()(compiled.schema)
    assert compiled.passes(response) == reference.is_valid(response)
    ours, theirs = list(compiled.errors(response)), list(reference.iter_errors(response))

    def found(errors):
        return sorted((str(list(e.absolute_path)), e.validator, repr(e.instance)) for e in errors)

    assert found(ours) == found(theirs)
    document = load_response(yaml.safe_dump(response).encode(), name="r.yaml").document  # .nan

    def problems(errors):
        return sorted(problem.message for problem in
                      schema_problems(errors, document, "r.yaml", RESPONSE_CODES, compiled.locate))

    assert problems(ours) == problems(theirs)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20)
    | st.sampled_from(["yes", "w " * 251, "31.02.2019", "other", "blockchain", "www.x.tj"]),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.sampled_from(["selected", "details", "other", "explanation", "name", "url",
                         "e_services", "x"])
        | st.text(max_size=5), inner, max_size=4),
    max_leaves=12)


@fast
@given(responses(), st.sampled_from([q for q in MSQ.questions() if q.answerable]), JSON_VALUES)
def test_the_fast_check_passes_exactly_what_jsonschema_passes(response, question, value):
    response["answers"][question.id] = value
    compiled = _compiled(MSQ)
    assert_explained_as_jsonschema_does(compiled, response)
    report = validate(MSQ, json.dumps(response).encode())
    schema_errors = [p for p in report.errors if p.code not in ("V106", "V203")]
    assert bool(schema_errors) == (not compiled.passes(response))


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.binary(max_size=200), st.text(max_size=200).map(str.encode)))
def test_arbitrary_input_raises_nothing_but_input_error(raw):
    try:
        report = validate(MSQ, raw)
    except InputError as error:
        assert error.problem.code == "R001"
        assert "\n" not in error.problem.message
    else:
        assert all(problem.code.startswith("V") for problem in report.problems)


@fast
@given(JSON_VALUES)
def test_arbitrary_data_as_answers_raises_nothing(value):
    for response in ({"questionnaire": "msq2020", "answers": value}, value):
        report = validate(MSQ, load_response(json.dumps(response).encode(), name="r.json"))
        assert all(re.fullmatch(r"V\d{3}", problem.code) for problem in report.problems)



NUMERIC_VALUES = st.one_of(
    JSON_VALUES, st.integers(-10**7, 10**9), st.floats(-1e6, 1e6, allow_nan=False),
    st.sampled_from([0, 100, 100.5, 38.25, 1e300, float("nan"), float("-inf"), -0.0, "14",
                     "none", ["none", "ai"], ["ai", "ai"],
                     {"selected": ["none", "cloud"]}, {"selected": "cloud"}]))
NEW_EXAMPLES = [load_questionnaire(name) for name in ("business_survey", "wellbeing_scale")]


@fast
@given(st.sampled_from(NEW_EXAMPLES).flatmap(lambda questionnaire: st.tuples(
    st.just(questionnaire),
    st.fixed_dictionaries({}, optional={
        question.id: TYPES[question.type].answers(question)
        for question in questionnaire.questions() if question.answerable}),
    st.sampled_from([q for q in questionnaire.questions() if q.answerable]))),
    NUMERIC_VALUES, st.booleans())
def test_the_fast_check_of_numbers_grids_and_exclusive_options_agrees_with_jsonschema(
        made, value, replace_whole):
    """The examples with numbers, grids, exclusive options and details: the fast check passes
    exactly what jsonschema passes, and explains it with the same errors."""
    questionnaire, answers, question = made
    if replace_whole or not question.sub_questions:
        answers[question.id] = value
    else:
        item = question.sub_questions[0].id
        answers[question.id] = {**(answers.get(question.id) or {}), item: value}
    response = {"questionnaire": questionnaire.id, "answers": answers}
    assert_explained_as_jsonschema_does(_compiled(questionnaire), response)
