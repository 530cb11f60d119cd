"""Conditions: the shared case table, `answered`, parsing with positions, static checks, words,
and properties of the evaluator."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from condition_cases import (
    CASES,
    SCOPE,
    SUBJECTS,
    Scope,
    answer_sets,
    anything,
    json_values,
    trees,
)
from msqschema import conditions
from msqschema.condition_words import say
from msqschema.conditions import (
    AllOf,
    AnyOf,
    Comparison,
    Count,
    Guarded,
    Not,
    Target,
    answered,
    check,
    holds,
    parse,
    to_data,
)
from msqschema.locations import Pos, pointer
from msqschema.problems import CODES
from msqschema.yamlio import load_yaml


def tree(data: Any) -> conditions.Condition:
    condition, problems = parse(data)
    assert problems == ()
    assert condition is not None
    return condition


# --- the shared case table ------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_case_table(case):
    assert holds(tree(case["when"]), case["answers"]) is case["holds"]


def test_the_table_has_enough_cases_and_unique_names():
    names = [case["name"] for case in CASES]
    assert len(names) >= 60
    assert len(set(names)) == len(names)


def test_the_table_uses_every_operator_and_combination():
    seen: set[str] = set()

    def walk(node: Any) -> None:
        seen.update(key for key in node if key != "answer")
        for child in (*node.get("all", ()), *node.get("any", ())):
            walk(child)
        if "not" in node:
            walk(node["not"])

    for case in CASES:
        walk(case["when"])
    counted = {next(key for key in case["when"] if key != "count")
               for case in CASES if "count" in case["when"]}
    assert set(conditions.OPERATORS) | {"all", "any", "not", "count", "question"} <= seen
    assert set(conditions.COUNT_OPERATORS) <= counted


def test_each_case_holds_both_ways():
    """Every operator is seen both holding and not holding."""
    outcomes: dict[str, set[bool]] = {}
    for case in CASES:
        when = case["when"]
        operator = next(key for key in when if key not in conditions.SUBJECT_KEYS)
        outcomes.setdefault(operator, set()).add(case["holds"])
    assert {key for key, seen in outcomes.items() if seen != {True, False}} == set()


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_canonical_data_parses_back_to_the_same_tree(case):
    condition = tree(case["when"])
    assert tree(to_data(condition)) == condition


# --- answered -----------------------------------------------------------------------------

ANSWERED = [
    ("contact, one field", {"name": "Ann", "email": None}, True),
    ("contact, blank fields", {"name": "  ", "email": ""}, False),
    ("group, one item", {"e_services": "www.services.tj", "open_data": None}, True),
    ("group, items unanswered", {"e_services": None, "open_data": {"selected": []}}, False),
    ("records, one row", [{"name": "Ministry of finance"}], True),
    ("records, empty rows", [{}, {"name": ""}], False),
    ("grid, one row", {"cheerful": "often"}, True),
    ("grid, no row", {"cheerful": None}, False),
    ("number 0", 0, True),
    ("number 0.0", 0.0, True),
    ("empty string", "", False),
    ("whitespace only", " \t\n\u00a0\u3000", False),
    ("text", " x ", True),
    ("empty list", [], False),
    ("selected empty", {"selected": []}, False),
    ("selected empty, explanation given", {"selected": [], "explanation": "why"}, False),
    ("selected", {"selected": ["ai"]}, True),
    ("consent declined", False, True),
    ("consent given", True, True),
    ("null", None, False),
    ("empty mapping", {}, False),
]


@pytest.mark.parametrize(("value", "expected"), [(value, expected) for _, value, expected
                                                 in ANSWERED],
                         ids=[name for name, _, _ in ANSWERED])
def test_answered(value, expected):
    assert answered(value) is expected


# --- parsing --------------------------------------------------------------------------------


def test_the_older_spellings_parse_into_the_same_tree():
    assert tree({"question": "q7", "equals": "yes"}) == tree({"answer": "q7", "equals": "yes"})
    assert tree({"question": "q5", "includes": "ai"}) == Comparison("q5", "includes", "ai")
    assert tree({"question": "q1", "answered": True}) == Comparison("q1", "answered", True)


def test_the_tree_of_a_nested_condition():
    assert tree({"any": [{"count": "q5", "ge": 2},
                         {"not": {"answer": "g.item", "in": ["a", "b"]}}]}) == AnyOf((
        Count("q5", "ge", 2), Not(Comparison("g.item", "in", ("a", "b")))))


SOURCE = """\
ok:
  all:
    - {answer: q7, equals: yes}
    - not: {count: q5, ge: 2}
bad:
  any:
    - {answer: q7, equal: yes}
    - {answer: q7, equals: yes, in: [no]}
    - {count: q5, includes: ai}
    - {answer: q7, gt: soon}
    - {answer: Q7, answered: yes}
    - {all: [], answer: q1}
    - not: [{answer: q1, answered: true}]
    - {equals: yes}
    - all: {answer: q1, answered: true}
    - {count: q5, ge: -1}
    - {answer: q1, in: []}
    - {answer: q1, gt: "2019-02-30"}
    - {answer: q1, in: [1, 9007199254740993]}
    - {answer: q1, le: .inf}
    - {answer: q1, equals: [1]}
"""


def test_positions_of_a_parsed_tree():
    document = load_yaml(SOURCE)
    condition, problems = parse(document.data["ok"], ("ok",), document)
    assert problems == ()
    assert isinstance(condition, AllOf)
    assert condition.origin.pos == Pos(2, 3)
    first = condition.conditions[0]
    assert isinstance(first, Comparison)
    assert (first.origin.path, first.origin.pos, first.origin.subject_pos) == (
        ("ok", "all", 0), Pos(3, 20), Pos(3, 16))


def test_syntax_problems_carry_the_position_of_the_offending_key():
    document = load_yaml(SOURCE)
    condition, problems = parse(document.data["bad"], ("bad",), document)
    assert condition is None
    assert {problem.code.code for problem in problems} == {"L301"}
    assert [(p.pos, pointer(p.path), p.message) for p in problems] == [
        (Pos(7, 20), "/bad/any/0/equal",
         "unknown key 'equal' in a condition (did you mean 'equals'?)"),
        (Pos(8, 8), "/bad/any/1/answer",
         "a condition makes exactly one test of 'q7' (found 'equals' or 'in')"),
        (Pos(9, 19), "/bad/any/2/includes",
         "a count is compared with equals, not_equals, gt, ge, lt, le, not 'includes'"),
        (Pos(10, 20), "/bad/any/3/gt",
         "'gt' takes a number or a date (YYYY-MM-DD), not 'soon'"),
        (Pos(11, 16), "/bad/any/4/answer",
         "'answer' takes the id of a question, or a dotted path such as 'group.item', not 'Q7'"),
        (Pos(12, 8), "/bad/any/5/all",
         "'all' stands alone in its mapping; move 'answer' into one of its conditions"),
        (Pos(13, 12), "/bad/any/6/not",
         "a condition is a mapping, such as answer: q1 with equals: yes; not "
         "[{'answer': 'q1', 'answered': True}]"),
        (Pos(14, 7), "/bad/any/7",
         "a condition names one answer ('answer: ID') or count ('count: ID'), or combines "
         "conditions with 'all', 'any' or 'not'"),
        (Pos(15, 7), "/bad/any/8/all",
         "'all' takes a list of conditions, not {'answer': 'q1', 'answered': True}"),
        (Pos(16, 19), "/bad/any/9/ge",
         "a count is compared with a whole number (0 or more), not -1"),
        (Pos(17, 20), "/bad/any/10/in", "'in' takes a list of one or more values, not []"),
        (Pos(18, 20), "/bad/any/11/gt",
         "'gt' takes a number or a date (YYYY-MM-DD), not '2019-02-30'"),
        (Pos(19, 20), "/bad/any/12/in",
         "a number in a condition lies between -2**53 and 2**53 (the form's script compares no "
         "others exactly), not 9007199254740993"),
        (Pos(20, 20), "/bad/any/13/le",
         "a number in a condition lies between -2**53 and 2**53 (the form's script compares no "
         "others exactly), not inf"),
        (Pos(21, 20), "/bad/any/14/equals", "'equals' takes one value, not [1]"),
    ]


def test_equals_null_points_to_answered_false():
    _, problems = parse({"answer": "q1", "equals": None})
    assert [p.message for p in problems] == [
        "'equals' takes one value, not null: 'answered: false' tests for no answer"]


def test_a_yaml_yes_is_text_and_answered_yes_is_refused():
    document = load_yaml("{answer: q1, answered: yes}")
    _, problems = parse(document.data, (), document)
    assert [p.message for p in problems] == ["'answered' takes true or false, not 'yes'"]


@pytest.mark.parametrize("data", [None, "q7 = yes", [], {}, 3])
def test_anything_that_is_not_a_condition_is_refused_without_raising(data):
    condition, problems = parse(data)
    assert condition is None
    assert [p.code.code for p in problems] == ["L301"]


# --- static checks -------------------------------------------------------------------------


def problems_of(*entries: tuple[str, int, Any]) -> list[tuple[str, str, str]]:
    guarded = [Guarded(owner, order, tree(data)) for owner, order, data in entries]
    return [(p.code.code, pointer(p.path), p.message)
            for p in check(guarded, SCOPE)]


def test_a_sound_condition_has_no_problems():
    assert problems_of(("follow_up", 15, {"all": [
        {"answer": "usage", "in": ["yes", "partly"]}, {"count": "technologies", "ge": 2},
        {"answer": "staff", "gt": 0}, {"answer": "adopted", "lt": "2020-01-01"},
        {"answer": "portals.e_services", "answered": True},
        {"answer": "consent", "equals": False}, {"count": "agencies", "le": 3},
        {"answer": "country", "not_equals": "Tajikistan"}]})) == []


def test_an_unknown_question_with_did_you_mean():
    assert problems_of(("x", 15, {"answer": "usege", "equals": "yes"})) == [
        ("L204", "/answer", "condition names unknown question 'usege' (did you mean 'usage'?)")]


def test_did_you_mean_is_given_to_the_first_unknown_names_only(monkeypatch):
    monkeypatch.setattr(conditions, "MAX_SUGGESTIONS", 2)
    assert [message for _, _, message in problems_of(
        *(("x", 15, {"answer": "usege", "equals": "yes"}),) * 3)] == [
        "condition names unknown question 'usege' (did you mean 'usage'?)"] * 2 + [
        "condition names unknown question 'usege'"]


def test_an_unknown_question_is_pointed_at_with_the_older_key():
    assert problems_of(("x", 15, {"question": "nothing_like_it", "answered": True})) == [
        ("L204", "/question", "condition names unknown question 'nothing_like_it'")]


@pytest.mark.parametrize(("data", "message"), [
    ({"answer": "usage", "equals": "maybe"}, "Q5 usage has no option 'maybe'"),
    ({"answer": "usage", "in": ["yes", "partyl"]},
     "Q5 usage has no option 'partyl' (did you mean 'partly'?)"),
    ({"answer": "technologies", "includes_all": ["ai", "5g"]},
     "Q6 technologies has no option '5g'"),
    ({"answer": "staff", "ge": "2020-01-01"}, "Q2 staff is answered with a number, not "
                                              "'2020-01-01'"),
    ({"answer": "adopted", "gt": 2019}, "Q3 adopted is answered with a date (YYYY-MM-DD), "
                                        "not 2019"),
    ({"answer": "consent", "equals": "yes"}, "Q9 consent is answered with true or false, not "
                                             "'yes'"),
    ({"answer": "country", "equals": 1}, "Q1 country is answered with text, not 1"),
])
def test_a_value_that_does_not_fit(data, message):
    operator = next(key for key in data if key != "answer")
    assert problems_of(("x", 15, data)) == [("L302", f"/{operator}", message)]


def test_a_type_may_narrow_the_operators_of_its_kind():
    scope = Scope({"rating": Target(kind="number", order=1, label="Q1 rating",
                                    operators=frozenset({"equals", "answered"}))})
    found = check([Guarded("x", 5, tree({"answer": "rating", "gt": 3}))], scope)
    assert [(p.code.code, p.message) for p in found] == [
        ("L303", "'gt' does not fit Q1 rating (it takes answered, equals)")]


@pytest.mark.parametrize(("data", "message"), [
    ({"answer": "country", "gt": 3},
     "'gt' does not fit Q1 country (it takes answered, equals, in, not_equals)"),
    ({"answer": "has_strategy", "includes": "yes"},
     "'includes' does not fit Q4 has_strategy (it takes answered, equals, in, not_equals)"),
    ({"count": "staff", "ge": 1},
     "'count' does not fit Q2 staff (it takes answered, equals, ge, gt, in, le, lt, "
     "not_equals)"),
    ({"answer": "portals", "equals": "x"}, "'equals' does not fit Q8 portals (it takes answered)"),
    ({"answer": "note", "answered": True}, "note is never answered: no condition can depend on it"),
])
def test_an_operator_that_does_not_fit_the_kind(data, message):
    operator = next(key for key in data if key not in ("answer", "count"))
    assert problems_of(("x", 15, data)) == [("L303", f"/{operator}", message)]


@pytest.mark.parametrize("data", [
    {"all": [{"answer": "usage", "equals": "yes"}, {"answer": "usage", "equals": "no"}]},
    {"all": [{"answer": "staff", "gt": 5}, {"answer": "staff", "lt": 3}]},
    {"all": [{"answer": "staff", "ge": 3}, {"answer": "staff", "lt": 3}]},
    {"all": [{"answer": "adopted", "gt": "2020-01-01"}, {"answer": "adopted", "lt": "2020-01-02"}]},
    {"count": "technologies", "gt": 3},
    {"all": [{"answer": "technologies", "includes": "ai"},
             {"answer": "technologies", "includes_none": ["ai"]}]},
    {"all": [{"answer": "country", "answered": False}, {"answer": "country", "equals": "x"}]},
    {"not": {"any": [{"answer": "consent", "answered": False},
                     {"answer": "consent", "equals": True},
                     {"answer": "consent", "equals": False}]}},
    {"all": [{"count": "agencies", "ge": 1}, {"answer": "agencies", "answered": False}]},
])
def test_a_condition_that_can_never_hold(data):
    names = sorted({test.subject for test in conditions.tests(tree(data))})
    assert problems_of(("x", 15, data)) == [
        ("L306", "", f"the condition can never hold: no answers to "
                     f"{', '.join(map(repr, names))} make it true")]


@pytest.mark.parametrize("data", [
    {"any": [{"answer": "usage", "equals": "yes"}, {"answer": "usage", "equals": "no"}]},
    {"all": [{"answer": "staff", "gt": 2}, {"answer": "staff", "lt": 3}]},
    {"all": [{"answer": "adopted", "gt": "2020-01-01"}, {"answer": "adopted", "lt": "2020-01-03"}]},
    {"count": "technologies", "equals": 3},
    {"all": [{"answer": "technologies", "answered": True},
             {"answer": "technologies", "includes_none": ["ai", "iot"]}]},
    {"all": [{"answer": "country", "not_equals": "a"}, {"answer": "country", "not_equals": "b"},
             {"answer": "country", "answered": True}]},
    {"all": [{"count": "agencies", "ge": 4}, {"answer": "agencies", "answered": True}]},
])
def test_a_condition_that_can_hold_is_not_reported(data):
    assert problems_of(("x", 15, data)) == []


MANY = Scope({"many": Target(kind="choices", order=1, label="Q1 many",
                             options=tuple(f"o{index}" for index in range(30)))})


@pytest.mark.parametrize(("scope", "data", "impossible"), [
    (SCOPE, {"count": "agencies", "ge": 10 ** 12}, False),
    (SCOPE, {"answer": "adopted", "gt": "9999-12-31"}, True),
    (SCOPE, {"answer": "adopted", "lt": "0001-01-01"}, True),
    (SCOPE, {"answer": "staff", "gt": 2 ** 53}, False),
    (MANY, {"all": [{"answer": "many", "includes_all": [f"o{index}" for index in range(20)]},
                    {"count": "many", "gt": 30}]}, False),
    (MANY, {"all": [{"answer": "many", "includes_all": ["o1", "o2"]},
                    {"count": "many", "gt": 30}]}, True),
    (MANY, {"any": [{"answer": "many", "includes": f"o{index}"} for index in range(30)]
            + [{"count": "many", "gt": 30}]}, False),
])
def test_the_search_for_impossible_conditions_stays_small(scope, data, impossible):
    """Huge counts, the ends of the calendar and many options neither raise nor explode: the
    search proves what it can try and gives up (reports nothing) beyond MAX_STEPS."""
    found = [p.code.code for p in check([Guarded("x", 15, tree(data))], scope)]
    assert found == (["L306"] if impossible else [])


def test_a_cycle_is_reported_on_each_condition_in_it():
    assert problems_of(("later", 20, {"answer": "usage", "equals": "yes"}),
                       ("usage", 5, {"answer": "later", "equals": "yes"})) == [
        ("L304", "/answer", "the conditions go round in a circle: 'later' -> 'usage' -> 'later'"),
        ("L304", "/answer", "the conditions go round in a circle: 'usage' -> 'later' -> 'usage'"),
    ]


def test_a_long_circle_is_named_by_its_size():
    size = conditions.MAX_CHAIN + 1
    scope = Scope({f"q{index}": Target(kind="choice", order=index, label=f"Q{index}",
                                       options=("yes", "no")) for index in range(size)})
    guarded = [Guarded(f"q{index}", index, tree({"answer": f"q{(index - 1) % size}",
                                                  "equals": "yes"})) for index in range(size)]
    found = check(guarded, scope)
    assert [p.code.code for p in found] == ["L304"] * size
    assert found[0].message == (
        f"the conditions go round in a circle: 'q0' -> 'q{size - 1}' -> ... -> 'q0' "
        f"({size} questions depend on each other)")


def test_a_short_circle_is_spelt_out():
    scope = Scope({name: Target(kind="choice", order=index, label=name, options=("yes", "no"))
                   for index, name in enumerate("abc")})
    guarded = [Guarded("a", 0, tree({"answer": "c", "equals": "yes"})),
               Guarded("b", 1, tree({"answer": "a", "equals": "yes"})),
               Guarded("c", 2, tree({"answer": "b", "equals": "yes"}))]
    assert [p.message for p in check(guarded, scope)] == [
        "the conditions go round in a circle: 'a' -> 'c' -> 'b' -> 'a'",
        "the conditions go round in a circle: 'b' -> 'a' -> 'c' -> 'b'",
        "the conditions go round in a circle: 'c' -> 'b' -> 'a' -> 'c'"]


def test_a_question_depending_on_itself_is_a_cycle():
    assert problems_of(("usage", 5, {"answer": "usage", "equals": "yes"})) == [
        ("L304", "/answer", "the conditions go round in a circle: 'usage' -> 'usage'")]


def test_a_group_depending_on_its_own_item_is_a_cycle():
    assert problems_of(("portals", 8, {"answer": "portals.e_services", "answered": True})) == [
        ("L304", "/answer",
         "the conditions go round in a circle: 'portals' -> 'portals.e_services' -> 'portals'")]


def test_a_reference_to_a_later_question_is_a_warning():
    found = check([Guarded("usage", 5, tree({"answer": "later", "equals": "yes"}))], SCOPE)
    assert [(p.code.code, p.code.severity, p.message) for p in found] == [
        ("L305", "warning", "the condition refers to Q20 later, which comes later in the form: "
                            "people fill forms from top to bottom")]


def test_problems_become_located_problems():
    document = load_yaml("when:\n  any:\n    - {answer: usage, equals: maybe}\n")
    condition, _ = parse(document.data["when"], ("when",), document)
    assert condition is not None
    [found] = check([Guarded("x", 15, condition)], SCOPE)
    problem = found.problem("q.yaml", question="Q15 x", question_id="x")
    assert (problem.code, problem.severity, problem.file, problem.line, problem.column,
            problem.pointer, problem.question, problem.message) == (
        "L302", "error", "q.yaml", 3, 23, "/when/any/0/equals", "Q15 x",
        "Q5 usage has no option 'maybe'")


# --- words ---------------------------------------------------------------------------------


class Names:
    """Display numbers and option labels, as the form shows them."""

    numbers = {"usage": "7", "technologies": "5", "staff": "12", "adopted": "3",
               "portals.e_services": "8 a", "agencies": "9", "country": "1"}
    labels = {"yes": "Yes", "partly": "Yes, to some extent", "no": "No", "ai": "AI",
              "iot": "Internet of Things"}

    def question(self, subject: str) -> str:
        return self.numbers[subject]

    def value(self, subject: str, value: Any) -> str:
        return self.labels.get(value, str(value)) if isinstance(value, str) else str(value)

    def spoken_as(self, subject: str) -> str:
        return "answer"


@pytest.mark.parametrize(("data", "words"), [
    ({"answer": "usage", "in": ["yes", "partly"]},
     "you answered Yes or Yes, to some extent to 7"),
    ({"answer": "usage", "not_equals": "no"}, "you did not answer No to 7"),
    ({"answer": "technologies", "includes_all": ["ai", "iot"]},
     "you ticked AI and Internet of Things in 5"),
    ({"answer": "technologies", "includes_none": ["ai", "iot"]},
     "you did not tick AI or Internet of Things in 5"),
    ({"count": "technologies", "ge": 2}, "you gave at least 2 answers to 5"),
    ({"count": "agencies", "equals": 1}, "you gave exactly 1 answer to 9"),
    ({"answer": "staff", "gt": 0}, "your answer to 12 is more than 0"),
    ({"answer": "adopted", "lt": "2020-01-01"}, "your answer to 3 is before 2020-01-01"),
    ({"answer": "portals.e_services", "answered": False}, "you did not answer 8 a"),
    ({"not": {"answer": "portals.e_services", "answered": False}}, "you answered 8 a"),
    ({"all": [{"answer": "usage", "equals": "yes"}, {"any": [
        {"answer": "staff", "ge": 10}, {"count": "agencies", "gt": 2}]}]},
     "you answered Yes to 7 and (your answer to 12 is at least 10 or you gave more than 2 "
     "answers to 9)"),
    ({"not": {"any": [{"answer": "usage", "equals": "yes"}, {"count": "technologies",
                                                             "lt": 2}]}},
     "you did not answer Yes to 7 and you gave at least 2 answers to 5"),
    ({"not": {"all": [{"answer": "staff", "le": 3}, {"answer": "country", "answered": True},
                      {"answer": "technologies", "includes_all": ["ai", "iot"]}]}},
     "your answer to 12 is not at most 3, you did not answer 1 or you did not tick all of AI "
     "and Internet of Things in 5"),
    ({"any": [{"answer": "usage", "equals": "yes"}, {"answer": "usage", "equals": "partly"},
              {"answer": "staff", "gt": 3}, {"answer": "technologies", "includes": "ai"},
              {"answer": "technologies", "includes_any": ["iot"]}]},
     "you answered Yes or Yes, to some extent to 7, your answer to 12 is more than 3 or you "
     "ticked AI or Internet of Things in 5"),
    ({"not": {"all": [{"answer": "usage", "not_equals": "yes"},
                      {"answer": "usage", "not_equals": "no"}]}},
     "you answered Yes to 7 or you answered No to 7"),
    ({"not": {"answer": "technologies", "includes_all": ["ai"]}}, "you did not tick AI in 5"),
])
def test_words(data, words):
    assert say(tree(data), Names()) == words


# --- properties ----------------------------------------------------------------------------

@given(trees, st.one_of(answer_sets, anything))
def test_evaluating_never_raises_and_not_inverts(condition, answers):
    assert holds(Not(condition), answers) is (not holds(condition, answers))


@given(st.lists(trees, min_size=1, max_size=4), answer_sets)
def test_all_and_any_are_pythons_all_and_any(children, answers):
    results = [holds(child, answers) for child in children]
    assert holds(AllOf(tuple(children)), answers) is all(results)
    assert holds(AnyOf(tuple(children)), answers) is any(results)


@given(trees)
def test_canonical_data_parses_back_to_the_same_generated_tree(condition):
    assert tree(to_data(condition)) == condition


@settings(deadline=None)  # the search is bounded by MAX_STEPS; a loaded machine is not a bug
@given(trees, answer_sets)
def test_a_condition_that_holds_is_never_called_impossible(condition, answers):
    if holds(condition, answers):
        assert not [p for p in check([Guarded("x", 99, condition)], SCOPE)
                    if p.code.code == "L306"]


class NumberedNames(Names):
    numbers = {subject: str(index) for index, subject in enumerate(SUBJECTS, start=1)}


@given(trees)
def test_words_never_fail(condition):
    assert say(condition, NumberedNames()).startswith(("you ", "your ", "("))


# --- the documentation ---------------------------------------------------------------------

DOCS = Path(__file__).parents[1] / "docs" / "questionnaire-language.md"


def test_every_example_of_the_documentation_parses():
    examples = re.findall(r"`(\{(?:answer|count): [^`]*\})`", DOCS.read_text(encoding="utf-8"))
    assert len(examples) >= 15
    for example in examples:
        document = load_yaml(example)
        assert parse(document.data, (), document)[1] == (), example


def test_the_codes_of_conditions_are_registered():
    assert [CODES[code.code] for code in conditions.CODES] == list(conditions.CODES)


def test_the_documentation_lists_every_operator_and_code():
    text = DOCS.read_text(encoding="utf-8")
    for operator in (*conditions.OPERATORS, *conditions.COMBINATIONS, "count"):
        assert f"`{operator}" in text, operator
    rows = re.findall(r"^\| (L\d{3}) \| ([a-z-]+) \| (error|warning) \|", text, re.MULTILINE)
    assert rows == [(code.code, code.name, code.severity) for code in conditions.CODES]


CONDITION_KEYS = st.sampled_from([*conditions.SUBJECT_KEYS, *conditions.OPERATORS,
                                  *conditions.COMBINATIONS, "equal", "q1"])
condition_like = st.recursive(
    json_values, lambda inner: st.dictionaries(CONDITION_KEYS, inner, max_size=3), max_leaves=8)


@given(condition_like)
def test_parsing_anything_gives_a_condition_or_its_problems_never_an_exception(data):
    condition, problems = parse(data)
    assert (condition is None) == bool(problems)
    if condition is not None:
        assert tree(to_data(condition)) == condition


@given(trees, json_values)
def test_answers_of_any_shape_never_raise(condition, answers):
    assert holds(condition, answers) in (True, False)


scalars = st.one_of(st.booleans(), st.integers(-3, 3), st.sampled_from([0.0, 1.0, 2.5]),
                    st.sampled_from(["", "0", "1", "yes", "true"]))


@given(scalars, st.lists(scalars, max_size=5))
def test_an_option_is_found_exactly_when_it_equals_the_value(value, options):
    """Options are looked up in a set; the lookup agrees with how answers are compared."""
    scope = Scope({"q": Target(kind="choice", order=0, label="Q", options=tuple(options))})
    found = check([Guarded("x", 1, Comparison("q", "equals", value))], scope)
    equal = any(holds(Comparison("q", "equals", value), {"q": option}) for option in options)
    assert ("L302" in [p.code.code for p in found]) is not equal
