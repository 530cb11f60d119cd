"""Problems found in questionnaires and responses: stable codes, message templates, reports.

Problems are data. Every check yields `Problem` objects; only reporters turn them into text.
Codes are stable: CI users grep and suppress them, and docs/problems.md lists them all. Every
message comes from a template of its code, filled with named values (as pyxform's error codes
do); a code that covers several situations has one template for each.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, field
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from msqschema.frozen import frozen

if TYPE_CHECKING:
    from msqschema.locations import JsonPath

Severity = Literal["error", "warning"]


@frozen
class Code:
    """A stable problem code with its default severity and message templates."""

    code: str
    name: str
    severity: Severity
    template: str
    situation: str = ""
    """The name of the situation the default template says ('' if it says the only one)."""
    variants: Mapping[str, str] = field(default_factory=dict, compare=False)
    """The templates of the code's other situations, by name."""

    def message(self, situation: str = "", **values: Any) -> str:
        """The message for this code (in `situation`, if it has several), filled with `values`."""
        default = situation in ("", self.situation)
        return (self.template if default else self.variants[situation]).format(**values)

    def templates(self) -> dict[str, str]:
        """Every template of the code, by situation."""
        return {self.situation: self.template, **self.variants}


CODES: dict[str, Code] = {}


def _code(code: str, name: str, severity: Severity, template: str, *, situation: str = "",
          **variants: str) -> Code:
    CODES[code] = entry = Code(code, name, severity, template, situation, variants)
    return entry


SCHEMA_VALUE_TEMPLATES = {
    "enum": "{where}: {value} is not allowed{hint}",
    "const": "{where} must be {expected}, not {value}",
    "pattern": "{where}: {value} is not {expected}",
    "empty": "{where} must not be empty",
    "repeated": "{where}: {value} is listed twice",
    "one_key_missing": "{where} needs one of the keys {keys}",
    "one_key_too_many": "{where} needs only one of the keys {keys}, not {present}",
    "keyword": "{where}: {detail}",
}
"""What a value breaking a JSON Schema keyword is told, by situation (msqschema.schema_errors):
every code that schema errors of values are given has them all; `keyword` is any other
keyword, in jsonschema's words (`detail`)."""


def _schema_value_code(code: str, name: str, situation: str, **variants: str) -> Code:
    """A code for schema errors of values, whose default template is that of `situation`."""
    others = {key: text for key, text in SCHEMA_VALUE_TEMPLATES.items() if key != situation}
    return _code(code, name, "error", SCHEMA_VALUE_TEMPLATES[situation], situation=situation,
                 **others, **variants)


_MUST_BE = "{where} must be {expected}, not {value}{hint}"
_NEEDS_KEY = "{where} needs the key {key!r}"


# Reading files (any input).
UNREADABLE = _code("R001", "unreadable", "error", "{reason}")

# Questionnaire files (`msqschema lint`).
UNKNOWN_KEY = _code("L101", "unknown-key", "error", "unknown key {key!r}{suggestion}",
                    retired="{key!r} is no longer a key here: {instead}")
MISSING_KEY = _code("L102", "missing-key", "error", _NEEDS_KEY, situation="required")
WRONG_TYPE = _code("L103", "wrong-type", "error", _MUST_BE, situation="type")
INVALID_VALUE = _schema_value_code(
    "L104", "invalid-value", "keyword",
    rows="min_rows ({min_rows}) is larger than max_rows ({max_rows})",
)
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
CONDITION_SYNTAX = _code(
    "L301", "condition-syntax", "error", "unknown key {key!r} in a condition{suggestion}",
    situation="unknown_key",
    not_a_mapping="a condition is a mapping, such as answer: q1 with equals: yes; not {value!r}",
    alone="{key!r} stands alone in its mapping; move {others} into one of its conditions",
    no_subject="a condition names one answer ('answer: ID') or count ('count: ID'), or "
               "combines conditions with 'all', 'any' or 'not'",
    one_test="a condition makes exactly one test of {subject!r} (found {found})",
    not_a_list="{key!r} takes a list of conditions, not {value!r}",
    subject="{key!r} takes the id of a question, or a dotted path such as 'group.item', "
            "not {value!r}",
    inexact="a number in a condition lies between -2**53 and 2**53 (the form's script "
            "compares no others exactly), not {value!r}",
    count_operator="a count is compared with {operators}, not {key!r}",
    count_value="a count is compared with a whole number (0 or more), not {value!r}",
    answered="'answered' takes true or false, not {value!r}",
    values="{key!r} takes a list of one or more values, not {value!r}",
    order="{key!r} takes a number or a date (YYYY-MM-DD), not {value!r}",
    null="{key!r} takes one value, not null: 'answered: false' tests for no answer",
    value="{key!r} takes one value, not {value!r}",
)
CONDITION_BAD_VALUE = _code(
    "L302", "condition-bad-value", "error", "{target} has no option {value!r}{suggestion}",
    situation="option", kind="{target} is answered with {wanted}, not {value!r}")
CONDITION_OPERATOR = _code(
    "L303", "condition-operator", "error", "{operator!r} does not fit {target} (it takes {taken})",
    situation="misfit",
    never_answered="{target} is never answered: no condition can depend on it")
CONDITION_CYCLE = _code(
    "L304", "condition-cycle", "error", "the conditions go round in a circle: {chain}")
CONDITION_LATER_QUESTION = _code(
    "L305", "condition-later-question", "warning",
    "the condition refers to {target}, which comes later in the form: people fill forms from "
    "top to bottom")
CONDITION_NEVER_HOLDS = _code(
    "L306", "condition-never-holds", "error",
    "the condition can never hold: no answers to {names} make it true")
BAD_WORD_LIMIT = _code(
    "L206", "bad-word-limit", "error", "max_words must be a positive whole number, not {value!r}"
)
NO_OPTIONS = _code("L207", "no-options", "error", "{type} question {id!r} has no options")
BAD_MARKUP = _code(
    "L208", "bad-markup", "error", "link target {href!r} is not allowed: use http, https or mailto",
    situation="link_target",
    no_link_target="link has no target: use an http, https or mailto address",
    footnote_id="footnote reference {reference!r} needs the snake_case id of a footnote, "
                "e.g. [^e_government]",
    list_in_phrase="a list does not fit here, where the text is one phrase: "
                   "put it in the hint, a note, the introduction or the closing text",
)
DUPLICATE_KEY = _code(
    "L209", "duplicate-key", "error", "key {key!r} is repeated (first at line {first_line})"
)
BAD_BOUNDS = _code(
    "L210", "bad-bounds", "error", "min ({min}) is above max ({max})", situation="min_above_max",
    outside="a {type} is between {low} and {high}; {key} {bound} is outside",
    not_a_question="{target!r} is not a question{suggestion}",
    wrong_type="{target!r} is a {type} question, not {expected}",
    limits="{low_key} ({low}) is above {high_key} ({high}): no answer can have both",
)
DUPLICATE_CODE = _code(
    "L211", "duplicate-code", "error", "option code {code!r} is already used at line {first_line}"
)
EXCLUSIVE_SINGLE = _code(
    "L212", "exclusive-single", "error",
    "option {id!r} of a single choice question is marked exclusive, but only one option can be "
    "ticked anyway: remove `exclusive`",
)
UNKNOWN_OPTION_SET = _code(
    "L213", "unknown-option-set", "error", "no option set {name!r} under 'option_sets'{suggestion}"
)
CALCULATION_CIRCLE = _code(
    "L214", "calculation-circle", "error",
    "calculated questions add each other up in a circle: {chain}",
)
BAD_TOTAL = _code(
    "L215", "bad-total", "error", "a total adds up numbers, but {others} {verb} not numeric"
)
RESERVED_ID = _code(
    "L216", "reserved-id", "error",
    "a {kind} cannot be called {id!r}: in an answer, that key holds a choice's ticked options",
)

# Response files (`msqschema validate`).
ANSWER_UNKNOWN_KEY = _code("V101", "unknown-key", "error", "unknown key {key!r}{suggestion}",
                           retired="{key!r} is no longer a key here: {instead}")
ANSWER_WRONG_TYPE = _code("V102", "wrong-type", "error", _MUST_BE, situation="type")
ANSWER_UNKNOWN_OPTION = _schema_value_code("V103", "unknown-option", "enum")
ANSWER_TOO_LONG = _code("V104", "too-many-words", "error", "{count} words; the limit is {limit}")
ANSWER_BAD_FORMAT = _code(
    "V105", "invalid-format", "error", "{value} is not {expected}", situation="expected",
    pattern="{value} does not match {pattern!r}",
    date="{value} is not a real date (day {day}, month {month}, year {year})",
)
ANSWER_DUPLICATE_KEY = _code(
    "V106", "duplicate-key", "error",
    "key {key!r} is repeated (first at line {first_line}); only the first value is kept",
)
ANSWER_MISSING_KEY = _code("V107", "missing-key", "error", _NEEDS_KEY, situation="required")
WRONG_QUESTIONNAIRE = _schema_value_code(
    "V108", "wrong-questionnaire", "const", required=_NEEDS_KEY,
    not_bundled="no questionnaire {name!r} is bundled (bundled: {bundled})",
)
ANSWER_INVALID = _schema_value_code("V109", "invalid-answer", "keyword")
OUT_OF_RANGE = _schema_value_code(
    "V110", "out-of-range", "keyword",
    answer="{value} is {relation} than the answer to {bound!r} ({other}), by {difference}",
)
BAD_NUMBER = _code(
    "V111", "bad-number", "error",
    "{value} is not a number that can be written down: write digits, such as 1234.5",
    situation="finite",
    decimals="{value} has {places}; {allowed}",
)
REQUIRED_UNANSWERED = _code(
    "V112", "required-unanswered", "error", "required but not answered{because}",
    situation="question",
    column="answer[{row}]: the column {column_id!r} is required in every row given, and this row"
           " leaves it unanswered",
    detail="{option!r} is ticked but its detail, which is required then, is not answered")
EXCLUSIVE_COMBINED = _code(
    "V113", "exclusive-combined", "error",
    "{option!r} cannot be ticked together with other options, but {others} {verb} ticked too",
)
CALCULATED_MISMATCH = _code(
    "V114", "calculated-mismatch", "error",
    "{value} is not the sum of {parts}, which is {expected}",
)
TOTAL_MISMATCH = _code(
    "V115", "total-mismatch", "error",
    "the items add up to {total}, not {expected}{named}: {difference} {gap}",
    situation="equals",
    at_most="the items add up to {total}, more than {expected}{named} by {difference}",
)
TEXT_LENGTH = _code(
    "V116", "text-length", "error", "{counted}; the limit is {limit}",
    situation="max_chars",
    min_chars="{counted}; at least {limit} are asked for",
    min_words="{counted}; at least {limit} are asked for",
)
CONDITION_NOT_MET = _code(
    "V201", "condition-not-met", "warning",
    "answered although {target} {state} (asked only if it {requirement})",
    situation="not_asked",
    compound="answered although it is asked only if {condition}",
    explanation="an explanation is given but no option is ticked",
    detail="the detail of {option!r} is answered although it is asked only if {condition}",
    row="row {row!r} is answered although it is asked only if {condition}",
)
DETAIL_WITHOUT_TEXT = _code(
    "V202", "detail-without-text", "warning", "{option!r} is ticked but its detail is empty")
DETAIL_WITHOUT_TICK = _code(
    "V203", "detail-without-tick", "error",
    "the detail of {option!r} is given but {option!r} is not ticked: {how}",
)

# Filled forms (`msqschema extract`).
OTHER_QUESTIONNAIRE = _code(
    "X001", "other-questionnaire", "error",
    "the document was rendered from questionnaire {named!r}, not {expected!r}",
    situation="other",
    not_bundled="the document was rendered from questionnaire {named!r}, which is not "
                "bundled",
)
UNNAMED_QUESTIONNAIRE = _code(
    "X002", "unnamed-questionnaire", "warning",
    "the document does not say which questionnaire it was rendered from; read as {id!r}",
)
NOT_A_FORM = _code(
    "X003", "not-a-form", "error",
    "the document has no answer places (content controls tagged msq:/...); {reason}",
)
READ_BY_POSITION = _code(
    "X004", "read-by-position", "warning",
    "the document's answer places have lost their tags (it was saved by LibreOffice or another "
    "editor that drops them); its {count} places were read by their order and the text before "
    "each, as in the blank form",
)
_CHANGED = ("the document's answer places have lost their tags, and from this question on they "
            "no longer match the blank form: {}; it cannot be read by position")
FORM_CHANGED = _code(
    "X005", "form-changed", "error",
    _CHANGED.format("the document has no answer place for it (deleted?)"), situation="deleted",
    kind=_CHANGED.format("the document has {found} where the form has {expected}"),
    prompt=_CHANGED.format("the text before it is {shown}, not {expected}"),
    more=_CHANGED.format(
        "the document has a box more than the form after it: a box copied, or one that "
        "LibreOffice split (it writes a long text's box once for each change of script in its "
        "first line, as from Latin to Arabic)"),
    extra=_CHANGED.format("the document has {count} more answer place(s) after it than the form"),
    row=_CHANGED.format("its table no longer has one box per column in each row"),
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
CONFLICTING_TICKS = _code(
    "X104", "conflicting-ticks", "error", "both Yes and No are ticked; read as unanswered",
    situation="yes_no",
    single_choice="only one option may be ticked, not {ticked}; read as unanswered",
    grid_row="row {row!r}: only one option may be ticked, not {ticked}; read as unanswered",
)
UNREADABLE_NUMBER = _code(
    "X106", "unreadable-number", "error", "{reason}; read as unanswered",
    situation="unreadable",
    not_whole="{text!r} is not a whole number; read as unanswered",
)
CHECKBOX_GLYPH = _code(
    "X105", "checkbox-glyph", "warning",
    "the box {place!r} shows {shown} but Word records it as {state}; read as {state}",
)
TEXT_OUTSIDE_CONTROLS = _code(
    "X201", "text-outside-controls", "warning",
    "text typed outside the answer places is not read: {text!r}",
)

# Translations (`msqschema i18n check`, and loading a questionnaire in a language).
MISSING_ENTRY = _code(
    "T101", "missing-entry", "error",
    "no entry for {context}: merge the questionnaire's current template into this file",
)
UNTRANSLATED = _code("T102", "untranslated", "error", "{context} is not translated")
FUZZY_ENTRY = _code(
    "T103", "fuzzy", "error", "{context} is marked fuzzy: review it and remove the flag"
)
OUTDATED_ENTRY = _code(
    "T104", "outdated", "error",
    "the source text of {context} has changed since it was translated: merge the "
    "questionnaire's current template into this file",
)
OBSOLETE_ENTRY = _code(
    "T105", "obsolete", "error",
    "{context} is no longer a text of the questionnaire: remove the entry",
)
TRANSLATION_BAD_MARKUP = _code(
    "T201", "bad-markup", "error", "{context}: " + BAD_MARKUP.template,
    situation=BAD_MARKUP.situation,
    **{situation: "{context}: " + template for situation, template in BAD_MARKUP.variants.items()
       if situation != "list_in_phrase"},  # `i18n check` does not look for lists in phrases
)
FOOTNOTE_DROPPED = _code(
    "T202", "footnote-dropped", "error",
    "{context}: the translation drops the footnote reference {refs} of the source",
)
FOOTNOTE_ADDED = _code(
    "T203", "footnote-added", "error",
    "{context}: the translation adds the footnote reference {refs}, not in the source",
)
LINK_CHANGED = _code(
    "T204", "link-changed", "error",
    "{context}: the translation links to {translation}, the source to {source}",
)


@frozen
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


class Finding(NamedTuple):
    """A response rule's problem before it is located: the code, the path, whether the
    position is the key's, and the message's values (with `situation` where the code has
    several). The question types' `findings` give them; validation locates them in the file."""

    code: Code
    path: JsonPath
    at_key: bool
    values: dict[str, Any]


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


@frozen
class Report:
    """The problems found in one file, in the order of their position.

    When more were found than were asked for (`validate(..., max_problems=)`), `problems` holds
    the first ones and `more_errors` and `more_warnings` count the others.
    """

    file: str
    problems: tuple[Problem, ...] = ()
    more_errors: int = 0
    more_warnings: int = 0

    @property
    def errors(self) -> tuple[Problem, ...]:
        """The errors reported (without the `more_errors` left out)."""
        return tuple(p for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> tuple[Problem, ...]:
        """The warnings reported (without the `more_warnings` left out)."""
        return tuple(p for p in self.problems if p.severity == "warning")

    @property
    def error_count(self) -> int:
        """Every error found, reported or left out."""
        return len(self.errors) + self.more_errors

    @property
    def warning_count(self) -> int:
        """Every warning found, reported or left out."""
        return len(self.warnings) + self.more_warnings

    @property
    def more(self) -> int:
        """How many problems were found but left out of `problems`."""
        return self.more_errors + self.more_warnings

    def ok(self, *, strict: bool = False) -> bool:
        """True when there are no errors (and, if strict, no warnings), counting those left out."""
        return not (self.error_count or (strict and self.warning_count))


class Pending(NamedTuple):
    """A problem whose place and code are known; `write` makes it, message and all, when it is
    reported (a message may cost more than finding the problem, such as a 'did you mean')."""

    line: int
    column: int
    code: Code
    write: Callable[[], Problem]

    def order(self) -> tuple[int, int, str]:
        """The order of problems in a report: by position, then code (as `sort_key`)."""
        return (self.line, self.column, self.code.code)


def ready(problem: Problem) -> Pending:
    """A problem already made, as a Pending."""
    return Pending(problem.line or 0, problem.column or 0, CODES[problem.code], lambda: problem)


DEFAULT_MAX_PROBLEMS = 100
"""How many problems a report holds per file by default; the others are only counted."""


def capped_report(file: str, found: Iterable[Pending], max_problems: int) -> Report:
    """A Report of the first `max_problems` problems by position (0: all of them), counting the
    others; only those reported are kept and written, so memory does not grow with the rest."""
    counts = {"error": 0, "warning": 0}

    def counted() -> Iterable[Pending]:
        for pending in found:
            counts[pending.code.severity] += 1
            yield pending

    kept = (sorted(counted(), key=Pending.order) if max_problems <= 0
            else heapq.nsmallest(max_problems, counted(), key=Pending.order))
    for pending in kept:
        counts[pending.code.severity] -= 1
    return Report(file, tuple(pending.write() for pending in kept),
                  more_errors=counts["error"], more_warnings=counts["warning"])


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


def plural(count: int, noun: str) -> str:
    """'1 error', '3 errors': a count with its English noun."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def did_you_mean(word: str, candidates: list[str] | tuple[str, ...]) -> str:
    """A ' (did you mean ...?)' suffix naming the closest candidate, or ''."""
    import difflib

    close = difflib.get_close_matches(word, candidates, n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def sort_key(problem: Problem) -> tuple[int, int, str]:
    """Order problems by position, then code."""
    return (problem.line or 0, problem.column or 0, problem.code)
