"""Problems found in questionnaires and responses: stable codes, message templates, reports.

Problems are data. Every check yields `Problem` objects; only reporters turn them into text.
Codes are stable: CI users grep and suppress them, and docs/problems.md lists them all.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Code:
    """A stable problem code with its default severity and message template."""

    code: str
    name: str
    severity: Severity
    template: str

    def message(self, **values: Any) -> str:
        """The message for this code, filled with `values`."""
        return self.template.format(**values)


CODES: dict[str, Code] = {}


def _code(code: str, name: str, severity: Severity, template: str) -> Code:
    CODES[code] = entry = Code(code, name, severity, template)
    return entry


# Reading files (any input).
UNREADABLE = _code("R001", "unreadable", "error", "{reason}")

# Questionnaire files (`msqschema lint`).
UNKNOWN_KEY = _code("L101", "unknown-key", "error", "unknown key {key!r}{suggestion}")
MISSING_KEY = _code("L102", "missing-key", "error", "{where} needs the key {key!r}")
WRONG_TYPE = _code("L103", "wrong-type", "error", "{message}")
INVALID_VALUE = _code("L104", "invalid-value", "error", "{message}")
DUPLICATE_ID = _code(
    "L201", "duplicate-id", "error", "{kind} id {id!r} is already used at line {first_line}"
)
UNDEFINED_FOOTNOTE = _code(
    "L202", "undefined-footnote", "error",
    "footnote [^{id}] is not defined under 'footnotes'{suggestion}",
)
UNUSED_FOOTNOTE = _code(
    "L203", "unused-footnote", "error", "footnote {id!r} is defined but never referenced"
)
UNKNOWN_CONDITION_QUESTION = _code(
    "L204", "condition-unknown-question", "error",
    "condition names unknown question {id!r}{suggestion}",
)
IMPOSSIBLE_CONDITION = _code("L205", "condition-impossible", "error", "{message}")
BAD_WORD_LIMIT = _code(
    "L206", "bad-word-limit", "error", "max_words must be a positive whole number, not {value!r}"
)
NO_OPTIONS = _code("L207", "no-options", "error", "{type} question {id!r} has no options")
BAD_MARKUP = _code("L208", "bad-markup", "error", "{message}")
BAD_BOUNDS = _code("L210", "bad-bounds", "error", "{message}")
DUPLICATE_CODE = _code(
    "L211", "duplicate-code", "error", "option code {code!r} is already used at line {first_line}"
)
BAD_TOTAL = _code("L215", "bad-total", "error", "{message}")
CALCULATION_CIRCLE = _code(
    "L214", "calculation-circle", "error",
    "calculated questions add each other up in a circle: {chain}",
)
UNKNOWN_OPTION_SET = _code(
    "L213", "unknown-option-set", "error", "no option set {name!r} under 'option_sets'{suggestion}"
)
EXCLUSIVE_SINGLE = _code(
    "L212", "exclusive-single", "error",
    "option {id!r} of a single choice question is marked exclusive, but only one option can be "
    "ticked anyway: remove `exclusive`",
)
DUPLICATE_KEY = _code(
    "L209", "duplicate-key", "error", "key {key!r} is repeated (first at line {first_line})"
)

# Response files (`msqschema validate`).
ANSWER_UNKNOWN_KEY = _code("V101", "unknown-key", "error", "unknown key {key!r}{suggestion}")
ANSWER_WRONG_TYPE = _code("V102", "wrong-type", "error", "{message}")
ANSWER_UNKNOWN_OPTION = _code("V103", "unknown-option", "error", "{message}")
ANSWER_TOO_LONG = _code("V104", "too-many-words", "error", "{message}")
ANSWER_BAD_FORMAT = _code("V105", "invalid-format", "error", "{message}")
ANSWER_DUPLICATE_KEY = _code(
    "V106", "duplicate-key", "error",
    "key {key!r} is repeated (first at line {first_line}); only the first value is kept",
)
ANSWER_MISSING_KEY = _code("V107", "missing-key", "error", "{message}")
WRONG_QUESTIONNAIRE = _code("V108", "wrong-questionnaire", "error", "{message}")
ANSWER_INVALID = _code("V109", "invalid-answer", "error", "{message}")
OUT_OF_RANGE = _code("V110", "out-of-range", "error", "{message}")
BAD_NUMBER = _code("V111", "bad-number", "error", "{message}")
REQUIRED_UNANSWERED = _code("V112", "required-unanswered", "error", "{message}")
EXCLUSIVE_COMBINED = _code("V113", "exclusive-combined", "error", "{message}")
CALCULATED_MISMATCH = _code("V114", "calculated-mismatch", "error", "{message}")
TOTAL_MISMATCH = _code("V115", "total-mismatch", "error", "{message}")
CONDITION_NOT_MET = _code("V201", "condition-not-met", "warning", "{message}")
OTHER_WITHOUT_TEXT = _code("V202", "other-without-text", "warning", "{message}")
OTHER_TEXT_WITHOUT_TICK = _code("V203", "other-text-without-tick", "error", "{message}")

# Filled forms (`msqschema extract`).
OTHER_QUESTIONNAIRE = _code("X001", "other-questionnaire", "error", "{message}")
UNNAMED_QUESTIONNAIRE = _code(
    "X002", "unnamed-questionnaire", "warning",
    "the document does not say which questionnaire it was rendered from; read as {id!r}",
)
NOT_A_FORM = _code(
    "X003", "not-a-form", "error",
    "the document has no answer places (content controls tagged msq:/...); {reason}",
)
MISSING_CONTROL = _code(
    "X101", "missing-control", "error",
    "answer place missing from the document (deleted?): {places}; that answer cannot be read",
)
DUPLICATE_CONTROL = _code(
    "X102", "duplicate-control", "error",
    "answer place in the document more than once (copied?): {places}; the first one filled "
    "in is read",
)
UNKNOWN_CONTROL = _code(
    "X103", "unknown-control", "warning",
    "answer place {place!r} belongs to no question of {questionnaire!r}; ignored{text}",
)
CONFLICTING_TICKS = _code("X104", "conflicting-ticks", "error", "{message}")
UNREADABLE_NUMBER = _code("X106", "unreadable-number", "error", "{message}")
CHECKBOX_GLYPH = _code(
    "X105", "checkbox-glyph", "warning",
    "the box {place!r} shows {shown} but Word records it as {state}; read as {state}",
)
TEXT_OUTSIDE_CONTROLS = _code(
    "X201", "text-outside-controls", "warning",
    "text typed outside the answer places is not read: {text!r}",
)


@dataclass(frozen=True)
class Problem:
    """One problem at one place: what, where, and which question it concerns."""

    code: str
    severity: Severity
    message: str
    file: str = ""
    line: int | None = None
    column: int | None = None
    pointer: str = ""
    question: str = ""
    question_id: str = ""

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict with stable keys."""
        return asdict(self)


def make_problem(entry: Code, *, severity: Severity | None = None, **values: Any) -> Problem:
    """Build a Problem from a code, splitting `values` into location fields and template values."""
    location = {
        key: values.pop(key)
        for key in ("file", "line", "column", "pointer", "question", "question_id")
        if key in values
    }
    return Problem(
        code=entry.code,
        severity=severity or entry.severity,
        message=entry.message(**values),
        **location,
    )


@dataclass(frozen=True)
class Report:
    """The problems found in one file, in the order of their position."""

    file: str
    problems: tuple[Problem, ...] = ()

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "warning")

    def ok(self, *, strict: bool = False) -> bool:
        """True when there are no errors (and, if strict, no warnings)."""
        return not (self.problems if strict else self.errors)


class MsqSchemaError(Exception):
    """Base class of every error msqschema raises on purpose."""


class LoadError(MsqSchemaError):
    """A questionnaire could not be loaded; `problems` says every reason, with positions."""

    def __init__(self, problems: tuple[Problem, ...]) -> None:
        self.problems = problems
        first = problems[0] if problems else None
        summary = first.message if first else "questionnaire could not be loaded"
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(summary + more)


class InputError(MsqSchemaError):
    """Input that cannot be read at all (missing, not UTF-8, not YAML): exit status 2.

    Its message starts with the file and position: `path:line:col: reason`."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        where = ":".join(str(part) for part in (problem.file, problem.line, problem.column)
                         if part not in (None, ""))
        super().__init__(f"{where}: {problem.message}" if where else problem.message)


def did_you_mean(word: str, candidates: list[str] | tuple[str, ...]) -> str:
    """A ' (did you mean ...?)' suffix naming the closest candidate, or ''."""
    import difflib

    close = difflib.get_close_matches(word, candidates, n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def sort_key(problem: Problem) -> tuple[int, int, str]:
    """Order problems by position, then code."""
    return (problem.line or 0, problem.column or 0, problem.code)
