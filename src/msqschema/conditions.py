"""Conditions: a closed expression tree over answers, parsed from YAML data, checked, evaluated
and said in words; and the one definition of an answered answer.

The tree is data, never code. The question-type facts a check needs (what kind of answer a
path names, its options, its place in the document) come in through a `Scope`, so this module
knows no model class; templates/html/conditions.js interprets the same tree (`to_data`).
"""

from __future__ import annotations

import datetime
import itertools
import math
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import field
from functools import cached_property, partial
from typing import Any, Literal, Protocol

from msqschema.frozen import frozen
from msqschema.graphs import Graph
from msqschema.locations import JsonPath, Pos, pointer
from msqschema.patterns import pattern
from msqschema.problems import (
    CONDITION_BAD_VALUE,
    CONDITION_CYCLE,
    CONDITION_LATER_QUESTION,
    CONDITION_NEVER_HOLDS,
    CONDITION_OPERATOR,
    CONDITION_SYNTAX,
    UNKNOWN_CONDITION_QUESTION,
    Code,
    Problem,
    did_you_mean,
)

# -- "answered" -------------------------------------------------------------------------------

WHITE_SPACE = ("\t\n\x0b\x0c\r \x85\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200b)))
               + "\u2028\u2029\u202f\u205f\u3000")
"""The Unicode White_Space characters: a text made only of them is unanswered (conditions.js
uses the same set)."""
_BLANK = re.compile(f"[{re.escape(WHITE_SPACE)}]*")
_WHITE = frozenset(WHITE_SPACE)


CHOICE_KEY = "selected"
"""The key of a choice answer given as a mapping (`{selected: [...], details: ...}`): a mapping
holding it is read as a choice's answer, so no item, row or column may be called so (L216)."""


def answered(value: Any) -> bool:
    """Whether a value counts as an answer: the one definition, used everywhere.

    Unanswered: null, text of white space only, a list without an answered item, a choice
    answer whose `selected` (a list, or one option id) is unanswered, any other mapping
    without an answered value. Answered: any other text, every number (0 too), `true` and
    `false` (a consent box left unticked, `false`, is an answer: declined).
    """
    if isinstance(value, str):  # most answers: a text that starts with a letter
        return value != "" and (value[0] not in _WHITE or _BLANK.fullmatch(value) is None)
    if value is None:
        return False
    if isinstance(value, int | float):  # no call to the ABC's check for numbers either
        return True
    if isinstance(value, list):
        return any(map(answered, value))
    if isinstance(value, (dict, Mapping)):  # a dict first: no call to the ABC's check
        selected = value.get("selected")
        if isinstance(selected, list | str):
            return answered(selected)
        return any(map(answered, value.values()))
    return True


# -- the tree ---------------------------------------------------------------------------------

Operator = Literal["equals", "not_equals", "in", "includes", "includes_any", "includes_all",
                   "includes_none", "gt", "ge", "lt", "le", "answered"]
CountOperator = Literal["equals", "not_equals", "gt", "ge", "lt", "le"]

OPERATORS: tuple[Operator, ...] = (
    "equals", "not_equals", "in", "includes", "includes_any", "includes_all", "includes_none",
    "gt", "ge", "lt", "le", "answered")
"""The tests of one answer, in the order documented."""
COUNT_OPERATORS: tuple[CountOperator, ...] = ("equals", "not_equals", "gt", "ge", "lt", "le")
"""The comparisons of a count with a number."""
SUBJECT_KEYS = ("answer", "question", "count")
"""The keys naming what a test looks at; `question` is the older spelling of `answer`."""
COMBINATIONS = ("all", "any", "not")

ValueKind = Literal["text", "number", "date", "choice", "choices", "records", "mapping",
                    "consent", "none"]
"""What an answer is, as conditions see it: `choice` is one option id (single choice, yes/no),
`choices` a multiple choice answer, `mapping` a group, contact block or grid as a whole,
`none` a note (never answered)."""

KIND_OPERATORS: dict[ValueKind, frozenset[str]] = {
    "text": frozenset({"equals", "not_equals", "in", "answered"}),
    "number": frozenset({"equals", "not_equals", "in", "gt", "ge", "lt", "le", "answered"}),
    "date": frozenset({"equals", "not_equals", "in", "gt", "ge", "lt", "le", "answered"}),
    "choice": frozenset({"equals", "not_equals", "in", "answered"}),
    "choices": frozenset({"includes", "includes_any", "includes_all", "includes_none",
                          "count", "answered"}),
    "records": frozenset({"count", "answered"}),
    "mapping": frozenset({"answered"}),
    "consent": frozenset({"equals", "not_equals", "answered"}),
    "none": frozenset(),
}
"""The operators that fit each kind of answer (`count` stands for every count comparison)."""

Scalar = str | int | float | bool


@frozen
class Origin:
    """Where a node was written: its path in the file, and the positions problems point at."""

    path: JsonPath = ()
    pos: Pos | None = None
    subject_key: str = "answer"
    subject_pos: Pos | None = None


NOWHERE = Origin()


@frozen
class Comparison:
    """A test of one answer: `{answer: q7, in: [yes, partly]}`."""

    subject: str
    operator: Operator
    value: Scalar | tuple[Scalar, ...]
    origin: Origin = field(default=NOWHERE, compare=False, repr=False)


@frozen
class Count:
    """The number of ticked options or record rows compared with a number: `{count: q5, ge: 2}`."""

    subject: str
    operator: CountOperator
    value: int
    origin: Origin = field(default=NOWHERE, compare=False, repr=False)


@frozen
class AllOf:
    """Holds when every one of its conditions holds."""

    conditions: tuple[Condition, ...]
    origin: Origin = field(default=NOWHERE, compare=False, repr=False)


@frozen
class AnyOf:
    """Holds when at least one of its conditions holds."""

    conditions: tuple[Condition, ...]
    origin: Origin = field(default=NOWHERE, compare=False, repr=False)


@frozen
class Not:
    """Holds when its condition does not."""

    condition: Condition
    origin: Origin = field(default=NOWHERE, compare=False, repr=False)


Condition = Comparison | Count | AllOf | AnyOf | Not
Test = Comparison | Count


def tests(condition: Condition) -> Iterator[Test]:
    """Every test of one answer in a condition, in written order."""
    if isinstance(condition, Comparison | Count):
        yield condition
    elif isinstance(condition, Not):
        yield from tests(condition.condition)
    else:
        for child in condition.conditions:
            yield from tests(child)


def to_data(condition: Condition) -> dict[str, Any]:
    """The condition as plain data in its canonical spelling (what conditions.js reads)."""
    if isinstance(condition, Comparison):
        value = list(condition.value) if isinstance(condition.value, tuple) else condition.value
        return {"answer": condition.subject, condition.operator: value}
    if isinstance(condition, Count):
        return {"count": condition.subject, condition.operator: condition.value}
    if isinstance(condition, Not):
        return {"not": to_data(condition.condition)}
    key = "all" if isinstance(condition, AllOf) else "any"
    return {key: [to_data(child) for child in condition.conditions]}


# -- problems ---------------------------------------------------------------------------------

SYNTAX = CONDITION_SYNTAX
BAD_VALUE = CONDITION_BAD_VALUE
OPERATOR_MISFIT = CONDITION_OPERATOR
CYCLE = CONDITION_CYCLE
LATER_QUESTION = CONDITION_LATER_QUESTION
NEVER_HOLDS = CONDITION_NEVER_HOLDS
CODES = (UNKNOWN_CONDITION_QUESTION, SYNTAX, BAD_VALUE, OPERATOR_MISFIT, CYCLE, LATER_QUESTION,
         NEVER_HOLDS)
"""The problem codes of conditions (L204, and L301-L306 apart from the other lint codes)."""


@frozen
class ConditionProblem:
    """A problem of a condition, as data: its code, where it is, and its message."""

    code: Code
    path: JsonPath
    pos: Pos | None
    message: str

    def problem(self, file: str = "", *, question: str = "", question_id: str = "") -> Problem:
        """The Problem to report, in `file`, about `question`."""
        return Problem(code=self.code.code, severity=self.code.severity, message=self.message,
                       file=file, line=self.pos.line if self.pos else None,
                       column=self.pos.column if self.pos else None,
                       pointer=pointer(self.path), question=question, question_id=question_id)


def _problem(code: Code, path: JsonPath, pos: Pos | None, situation: str = "",
             **values: Any) -> ConditionProblem:
    return ConditionProblem(code, path, pos, code.message(situation, **values))


# -- parsing ----------------------------------------------------------------------------------


class Positions(Protocol):
    """Source positions by path (yamlio.Document is one)."""

    def key_pos(self, path: Sequence[str | int]) -> Pos: ...

    def value_pos(self, path: Sequence[str | int]) -> Pos: ...


_subject = pattern(r"[a-z][a-z0-9]*(_[a-z0-9]+)*(\.[a-z][a-z0-9]*(_[a-z0-9]+)*)*")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_KEYS = (*SUBJECT_KEYS, *OPERATORS, *COMBINATIONS)
_LIST_OPERATORS = frozenset({"in", "includes_any", "includes_all", "includes_none"})
_ORDER_OPERATORS = frozenset({"gt", "ge", "lt", "le"})


def parse(data: Any, path: JsonPath = (), positions: Positions | None = None
          ) -> tuple[Condition | None, tuple[ConditionProblem, ...]]:
    """The condition written as `data` at `path` in a file, or None with every syntax problem.

    Problems point at the offending key (or value) when `positions` are given.
    """
    parser = _Parser(positions)
    condition = parser.node(data, path)
    return (None if parser.problems else condition), tuple(parser.problems)


class _Parser:
    def __init__(self, positions: Positions | None) -> None:
        self.positions = positions
        self.problems: list[ConditionProblem] = []

    def key_pos(self, path: JsonPath) -> Pos | None:
        return self.positions.key_pos(path) if self.positions else None

    def value_pos(self, path: JsonPath) -> Pos | None:
        return self.positions.value_pos(path) if self.positions else None

    def fail(self, path: JsonPath, situation: str, *, at_key: bool = True,
             **values: Any) -> None:
        pos = self.key_pos(path) if at_key else self.value_pos(path)
        self.problems.append(_problem(SYNTAX, path, pos, situation, **values))

    def node(self, data: Any, path: JsonPath) -> Condition | None:
        if not isinstance(data, Mapping) or not data:
            self.fail(path, "not_a_mapping", at_key=False, value=data)
            return None
        unknown = [key for key in data if key not in _KEYS]
        for key in unknown:
            self.fail((*path, str(key)), "unknown_key", key=key,
                      suggestion=did_you_mean(str(key), _KEYS))
        if unknown:
            return None
        keys = list(data)
        combination = [key for key in keys if key in COMBINATIONS]
        if combination:
            if len(keys) > 1:
                others = ", ".join(repr(key) for key in keys if key != combination[0])
                self.fail((*path, combination[0]), "alone", key=combination[0], others=others)
                return None
            return self.combination(combination[0], data[combination[0]], path)
        subjects = [key for key in keys if key in SUBJECT_KEYS]
        operators = [key for key in keys if key in OPERATORS]
        if len(subjects) != 1:
            self.fail(path, "no_subject", at_key=False)
            return None
        if len(operators) != 1:
            listed = " or ".join(repr(key) for key in operators) or "none"
            self.fail((*path, subjects[0]), "one_test", subject=data[subjects[0]],
                      found=listed)
            return None
        return self.test(data, path, subjects[0], operators[0])

    def combination(self, key: str, value: Any, path: JsonPath) -> Condition | None:
        origin = Origin(path, self.key_pos((*path, key)))
        if key == "not":
            child = self.node(value, (*path, key))
            return None if child is None else Not(child, origin)
        if not isinstance(value, list) or not value:
            self.fail((*path, key), "not_a_list", key=key, value=value)
            return None
        children = [self.node(item, (*path, key, index)) for index, item in enumerate(value)]
        present = tuple(child for child in children if child is not None)
        if len(present) != len(children):
            return None
        return AllOf(present, origin) if key == "all" else AnyOf(present, origin)

    def test(self, data: Mapping[str, Any], path: JsonPath, subject_key: str,
             operator: str) -> Test | None:
        subject, value = data[subject_key], data[operator]
        if not isinstance(subject, str) or not _subject().fullmatch(subject):
            self.fail((*path, subject_key), "subject", at_key=False, key=subject_key,
                      value=subject)
            return None
        origin = Origin(path, self.key_pos((*path, operator)), subject_key,
                        self.value_pos((*path, subject_key)))
        situation = _value_error(operator, value, counting=subject_key == "count")
        if situation:
            inexact = [item for item in (value if isinstance(value, list) else [value])
                       if _is_number(item) and not _is_exact(item)]
            self.fail((*path, operator), situation, key=operator,
                      value=inexact[0] if inexact else value,
                      operators=", ".join(COUNT_OPERATORS))
            return None
        if subject_key == "count":
            return Count(subject, operator, value, origin)  # type: ignore[arg-type]
        if isinstance(value, list):
            value = tuple(value)
        return Comparison(subject, operator, value, origin)  # type: ignore[arg-type]


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _value_error(operator: str, value: Any, *, counting: bool) -> str:
    """The situation of SYNTAX when `value` cannot follow `operator`, or ''."""
    items = value if isinstance(value, list) else [value]
    if any(_is_number(item) and not _is_exact(item) for item in items):
        return "inexact"
    if counting:
        if operator not in COUNT_OPERATORS:
            return "count_operator"
        whole = isinstance(value, int) and not isinstance(value, bool) and value >= 0
        return "" if whole else "count_value"
    if operator == "answered":
        return "" if isinstance(value, bool) else "answered"
    if operator in _LIST_OPERATORS:
        listed = isinstance(value, list) and value and all(_is_scalar(item) for item in value)
        return "" if listed else "values"
    if operator in _ORDER_OPERATORS:
        return "" if _is_number(value) or _is_date(value) else "order"
    if value is None:
        return "null"
    return "" if _is_scalar(value) else "value"


def _is_exact(value: Any) -> bool:
    return math.isfinite(value) and abs(value) <= 2 ** 53


def _is_scalar(value: Any) -> bool:
    return isinstance(value, str | bool) or _is_number(value)


def _is_date(value: Any) -> bool:
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        return False
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


# -- evaluation -------------------------------------------------------------------------------


Evaluator = Callable[[Mapping[str, Any]], bool]
"""A condition compiled for evaluating it many times: whether it holds for the answers."""
Reader = Callable[[Mapping[str, Any]], Any]
"""How an evaluator finds the answer a test names in the answers."""


def lookup(answers: Mapping[str, Any], subject: str) -> Any:
    """The answer at a dotted path (`specific_portals.e_services`), or None; a single choice
    answered with its details (`{selected: id, details: ...}`) is the option id."""
    return _read(tuple(subject.split(".")), answers)


def _read(steps: tuple[str, ...], answers: Any) -> Any:
    """`lookup` of the path split into its `steps`."""
    value = answers
    for step in steps:
        if not isinstance(value, dict | Mapping):  # a dict first: no call to the ABC's check
            return None
        value = value.get(step)
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, dict | Mapping) and isinstance(value.get("selected"), str):
        return value["selected"]
    return value


def _reader(subject: str) -> Reader:
    """The function `lookup` of `subject` is, with the path split once."""
    return partial(_read, tuple(subject.split(".")))


def holds(condition: Condition, answers: Mapping[str, Any]) -> bool:
    """Whether the condition holds for a response's answers (any data: never raises)."""
    return evaluator(condition)(answers)


def evaluator(condition: Condition) -> Evaluator:
    """The condition compiled into a function of a response's answers: `holds`, with the work
    that does not depend on the answers (finding each test's operator, splitting its path)
    done once."""
    return _compiled(condition, _reader)


def _compiled(condition: Condition, reader: Callable[[str], Reader]) -> Evaluator:
    """The evaluator of `condition`, reading each test's answer with `reader(subject)`."""
    if isinstance(condition, Comparison):
        return _comparison(condition, reader(condition.subject))
    if isinstance(condition, Count):
        answer_of, operator, number = reader(condition.subject), condition.operator, condition.value
        return lambda answers: _order(operator, count(answer_of(answers)), number)
    if isinstance(condition, Not):
        inner = _compiled(condition.condition, reader)
        return lambda answers: not inner(answers)
    children = tuple(_compiled(child, reader) for child in condition.conditions)
    if isinstance(condition, AllOf):
        return lambda answers: all(child(answers) for child in children)
    return lambda answers: any(child(answers) for child in children)


def _comparison(test: Comparison, answer_of: Reader) -> Evaluator:
    """The evaluator of one test of an answer, its operator chosen once."""
    operator, value = test.operator, test.value
    values = value if isinstance(value, tuple) else (value,)
    if operator == "answered":
        return lambda answers: answered(answer_of(answers)) is value
    if operator == "equals":
        return lambda answers: _same(answer_of(answers), value)
    if operator == "not_equals":
        return lambda answers: not _same(answer_of(answers), value)
    if operator == "in":
        return lambda answers: _among(answer_of(answers), values)
    if operator == "includes" or operator == "includes_any":
        return lambda answers: _includes_any(answer_of(answers), values)
    if operator == "includes_all":
        return lambda answers: _includes_all(answer_of(answers), values)
    if operator == "includes_none":
        return lambda answers: not _includes_any(answer_of(answers), values)
    return lambda answers: _order(operator, answer_of(answers), value)


def count(value: Any) -> int:
    """The ticked options of a choice answer, or the answered rows of a list; else 0."""
    if isinstance(value, dict | Mapping):
        value = value.get("selected")
    return sum(1 for item in value if answered(item)) if isinstance(value, list) else 0


def _same(answer: Any, value: Any) -> bool:
    """Equal, and of the same JSON kind: `true` is not 1, "1" is not 1, 1 is 1.0."""
    if isinstance(answer, str):  # the usual answer first
        return isinstance(value, str) and answer == value
    if isinstance(answer, bool) or isinstance(value, bool):
        return answer is value
    if _is_number(answer) and _is_number(value):
        return bool(answer == value)
    return False


def _key(value: Scalar) -> tuple[str, Scalar]:
    """A value with its JSON kind: keys are equal when `_same` says the values are."""
    if isinstance(value, bool):
        return "boolean", value
    return ("number" if _is_number(value) else "string"), value


def _ticked(answer: Any) -> list[Any]:
    """The options ticked: a choice answer's `selected`, or a list itself (a grid row of
    several ticks); else none."""
    selected = answer.get("selected") if isinstance(answer, dict | Mapping) else answer
    return selected if isinstance(selected, list) else []


def _among(answer: Any, values: tuple[Any, ...]) -> bool:
    return any(_same(answer, value) for value in values)


def _includes_any(answer: Any, values: tuple[Any, ...]) -> bool:
    ticked = _ticked(answer)
    return any(_same(item, value) for value in values for item in ticked)


def _includes_all(answer: Any, values: tuple[Any, ...]) -> bool:
    ticked = _ticked(answer)
    return all(any(_same(item, value) for item in ticked) for value in values)


def _order(operator: str, answer: Any, value: Any) -> bool:
    """`answer operator value` for two numbers or two ISO dates; False for anything else."""
    if operator == "equals":
        return _same(answer, value)
    if operator == "not_equals":
        return not _same(answer, value)
    comparable = (_is_number(answer) and _is_number(value)) or (
        isinstance(answer, str) and isinstance(value, str)
        and bool(_ISO_DATE.fullmatch(answer)) and bool(_ISO_DATE.fullmatch(value)))
    if not comparable:
        return False
    if operator == "gt":
        return bool(answer > value)
    if operator == "ge":
        return bool(answer >= value)
    if operator == "lt":
        return bool(answer < value)
    return bool(answer <= value)


# -- words for messages -------------------------------------------------------------------

_COUNT_WORDS = {"equals": "exactly", "not_equals": "other than", "gt": "more than",
                "ge": "at least", "lt": "fewer than", "le": "at most"}

_REQUIREMENTS = {
    "equals": "is {}", "not_equals": "is not {}", "in": "is one of {}", "includes": "includes {}",
    "includes_any": "includes any of {}", "includes_all": "includes all of {}",
    "includes_none": "includes none of {}", "gt": "is more than {}", "ge": "is at least {}",
    "lt": "is less than {}", "le": "is at most {}"}


def requirement(test: Test) -> str:
    """What a test asks of its answer, for messages: "is 'yes'", "is one of 'a', 'b'",
    "is answered", "has at least 2 answers"."""
    if isinstance(test, Count):
        if (test.operator, test.value) == ("ge", 1):
            return "has an option ticked"
        plural = "answer" if test.value == 1 else "answers"
        return f"has {_COUNT_WORDS[test.operator]} {test.value} {plural}"
    if test.operator == "answered":
        return "is answered" if test.value else "is unanswered"
    return _REQUIREMENTS[test.operator].format(", ".join(map(repr, _values(test))))


# -- static checks ----------------------------------------------------------------------------


@frozen(kw_only=True)
class Target:
    """What a path names, as the question-type registry describes it."""

    kind: ValueKind
    order: int
    """The place of the question in the document (top to bottom)."""
    label: str
    """How problems name it: "Q7 usage_statistics"."""
    options: tuple[Scalar, ...] = ()
    """The option ids of a choice kind (yes/no: "yes", "no")."""
    operators: frozenset[str] | None = None
    """The operators that fit, when the type narrows those of its kind."""

    @cached_property
    def option_keys(self) -> frozenset[tuple[str, Scalar]]:
        """The options, looked up as `_same` compares them."""
        return frozenset(_key(option) for option in self.options)

    @property
    def fitting(self) -> frozenset[str]:
        """The operators that fit this answer (`count` for every count comparison)."""
        return KIND_OPERATORS[self.kind] if self.operators is None else self.operators


class Scope(Protocol):
    """The questions conditions may name (the registry provides one per questionnaire)."""

    def resolve(self, subject: str) -> Target | None:
        """What `subject` names, or None when it names nothing."""

    def subjects(self) -> Iterable[str]:
        """Every path a condition may name (for "did you mean")."""


@frozen
class Guarded:
    """A condition and what it guards: a question, group item, section or option detail."""

    owner: str
    """The path of what is asked when the condition holds."""
    order: int
    """Its place in the document, on the scale of `Target.order`."""
    condition: Condition


_UNSOUND = (UNKNOWN_CONDITION_QUESTION, OPERATOR_MISFIT, BAD_VALUE)
"""Problems after which the question whether a condition can hold has no answer."""

MAX_STEPS = 65536
"""The most tests evaluated to prove a condition can never hold (combinations of answers tried,
times the condition's tests)."""


MAX_SUGGESTIONS = 100
"""The most unknown names given a "did you mean" (each compares the name with every path: a
file with thousands of unknown names would otherwise take time growing with their square)."""


class _Suggestions:
    """'Did you mean' for unknown names and values, within MAX_SUGGESTIONS."""

    def __init__(self, scope: Scope) -> None:
        self.scope = scope
        self.paths: list[str] | None = None
        self.left = MAX_SUGGESTIONS

    def subjects(self) -> list[str]:
        """Every path of the scope (asked for once)."""
        if self.paths is None:
            self.paths = list(self.scope.subjects())
        return self.paths

    def __call__(self, name: str, candidates: Callable[[], list[str]]) -> str:
        if self.left <= 0:
            return ""
        self.left -= 1
        return did_you_mean(name, candidates())


def check(guarded: Sequence[Guarded], scope: Scope) -> list[ConditionProblem]:
    """Every problem of the conditions of one questionnaire, in the order written."""
    dependencies = _Dependencies(guarded)
    suggest = _Suggestions(scope)
    found: list[ConditionProblem] = []
    for entry in guarded:
        problems = list(_check_tests(entry, scope, dependencies, suggest))
        sound = not any(problem.code in _UNSOUND for problem in problems)
        if sound and not _satisfiable(entry.condition, scope):
            names = sorted({test.subject for test in tests(entry.condition)})
            found.append(_problem(NEVER_HOLDS, entry.condition.origin.path,
                                  entry.condition.origin.pos, names=", ".join(map(repr, names))))
        found.extend(problems)
    return found


def _check_tests(entry: Guarded, scope: Scope, dependencies: _Dependencies,
                 suggest: _Suggestions) -> Iterator[ConditionProblem]:
    for test in tests(entry.condition):
        origin = test.origin
        subject_path = (*origin.path, origin.subject_key)
        operator_path = (*origin.path, test.operator)
        target = scope.resolve(test.subject)
        if target is None:
            yield _problem(UNKNOWN_CONDITION_QUESTION, subject_path, origin.subject_pos,
                           id=test.subject, suggestion=suggest(test.subject, lambda: [
                               path for path in suggest.subjects() if path != entry.owner]))
            continue
        chain = dependencies.circle(entry.owner, test.subject)
        if chain:
            yield _problem(CYCLE, subject_path, origin.subject_pos, chain=chain)
        elif target.order > entry.order:
            yield _problem(LATER_QUESTION, subject_path, origin.subject_pos,
                           target=target.label)
        operator = "count" if isinstance(test, Count) else test.operator
        if operator not in target.fitting:
            yield _problem(OPERATOR_MISFIT, operator_path, origin.pos,
                           "misfit" if target.fitting else "never_answered", operator=operator,
                           target=target.label, taken=", ".join(sorted(target.fitting)))
            continue
        bad = [value for value in _values(test) if not _fits(value, target)]
        if bad and target.kind in ("choice", "choices"):
            yield _problem(BAD_VALUE, operator_path, origin.pos, target=target.label,
                           value=bad[0],
                           suggestion=suggest(str(bad[0]), partial(_option_names, target)))
        elif bad:
            yield _problem(BAD_VALUE, operator_path, origin.pos, "kind", target=target.label,
                           value=bad[0], wanted=_WANTED.get(target.kind, "text"))


def _values(test: Test) -> tuple[Any, ...]:
    if isinstance(test, Count) or test.operator == "answered":
        return ()
    return test.value if isinstance(test.value, tuple) else (test.value,)


def _fits(value: Any, target: Target) -> bool:
    if target.kind in ("choice", "choices"):
        return _key(value) in target.option_keys
    if target.kind == "number":
        return _is_number(value)
    if target.kind == "date":
        return _is_date(value)
    if target.kind == "consent":
        return isinstance(value, bool)
    return isinstance(value, str)


def _option_names(target: Target) -> list[str]:
    return [str(option) for option in target.options]


_WANTED = {"number": "a number", "date": "a date (YYYY-MM-DD)", "consent": "true or false"}
"""What the answers of a kind are, for a value that does not fit them."""


MAX_CHAIN = 12
"""The most questions a circle of conditions is spelt out for, one by one."""


class _Dependencies:
    """Which paths depend on which: through their conditions, and through the paths that hold
    them (a group item is asked only when its group is)."""

    def __init__(self, guarded: Sequence[Guarded]) -> None:
        edges: dict[str, set[str]] = {}
        for entry in guarded:
            edges.setdefault(entry.owner, set()).update(
                test.subject for test in tests(entry.condition))
        for path in {*edges, *itertools.chain(*edges.values())}:
            while "." in path:
                parent = path.rpartition(".")[0]
                edges.setdefault(path, set()).add(parent)
                path = parent
        self.graph = Graph(edges)

    def circle(self, owner: str, subject: str) -> str:
        """The chain of conditions leading from `owner` through `subject` back to `owner`,
        or '' when there is none."""
        if owner == subject:
            return f"{owner!r} -> {owner!r}"
        size = self.graph.size(owner)
        if size > MAX_CHAIN and self.graph.on_circle(owner, subject):
            return (f"{owner!r} -> {subject!r} -> ... -> {owner!r} "
                    f"({size} questions depend on each other)")
        return " -> ".join(map(repr, self.graph.circle(owner, subject)))


# -- can a condition hold? ------------------------------------------------------------------


def _satisfiable(condition: Condition, scope: Scope) -> bool:
    """Whether some answers make the condition hold (True when too many to try).

    Each answer named is tried over one representative of every class of answers the tests
    can tell apart, so the search is exact within MAX_STEPS.
    """
    by_subject: dict[str, list[Test]] = {}
    for test in tests(condition):
        by_subject.setdefault(test.subject, []).append(test)
    domains: list[list[Any]] = []
    for subject, subject_tests in by_subject.items():
        target = scope.resolve(subject)
        domain = None if target is None else _representatives(target, subject_tests)
        if domain is None:
            return True
        domains.append(domain)
    size = sum(len(subject_tests) for subject_tests in by_subject.values())
    if math.prod(len(domain) for domain in domains) * size > MAX_STEPS:
        return True
    subjects = list(by_subject)
    evaluate = _compiled(condition, _flat_reader)
    for case in itertools.product(*domains):
        if evaluate(dict(zip(subjects, case, strict=True))):
            return True
    return False


def _flat_reader(subject: str) -> Reader:
    """How `_satisfiable`'s cases give the answer a test names: by its whole path."""
    return lambda answers: answers.get(subject)


def _representatives(target: Target, subject_tests: list[Test]) -> list[Any] | None:
    """One answer of every class the tests can tell apart, unanswered included (None when
    there are too many to try)."""
    mentioned = [value for test in subject_tests for value in _values(test)]
    most = max((test.value for test in subject_tests if isinstance(test, Count)), default=0)
    if target.kind == "choice":
        return [None, *target.options]
    if target.kind == "consent":
        return [None, True, False]
    if target.kind == "number":
        numbers = {value for value in mentioned if _is_number(value)}
        # Each number, and the floats just below and above it (which lie below the next one
        # up, or are it when no answer lies between): one of every class the tests see.
        return [None, 0, *numbers, *(math.nextafter(number, side) for number in numbers
                                     for side in (-math.inf, math.inf))]
    if target.kind == "date":
        days = {datetime.date.fromisoformat(value).toordinal()
                for value in mentioned if _is_date(value)}
        near = {day + shift for day in days for shift in (-1, 0, 1)} or {730120}
        return [None, *(datetime.date.fromordinal(day).isoformat() for day in sorted(near)
                        if datetime.date.min.toordinal() <= day <= datetime.date.max.toordinal())]
    if target.kind == "choices":
        named = list(dict.fromkeys(value for value in mentioned if isinstance(value, str)))
        if 2 ** len(named) > MAX_STEPS:
            return None
        others = [option for option in target.options if option not in named]
        fillers = min(len(others), most + 1)
        if 2 ** len(named) * (fillers + 1) > MAX_STEPS:
            return None
        return [None, *({"selected": [*ticked, *others[:extra]]}
                        for size in range(len(named) + 1)
                        for ticked in itertools.combinations(named, size)
                        for extra in range(fillers + 1))]
    if target.kind == "records":
        if most >= MAX_STEPS:
            return None
        return [None, *([{"row": "x"}] * rows for rows in range(1, most + 2))]
    if target.kind == "text":
        fresh = "x" * (1 + max((len(str(value)) for value in mentioned), default=0))
        return [None, fresh, *dict.fromkeys(mentioned)]
    return [None, {"answer": "x"}]
