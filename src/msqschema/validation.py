"""Validate a response: the exported JSON Schema, run by jsonschema with custom keywords, plus
the rules JSON Schema cannot say (msqschema.rules), into one Report.

jsonschema is imported on first use; each questionnaire's validator is built once per process.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator, Mapping
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from msqschema import problems as codes
from msqschema.fastpath import compile_schema
from msqschema.model import GroupQuestion, Question, Questionnaire
from msqschema.problems import Problem, Report, sort_key
from msqschema.response import Response, load_response
from msqschema.rules import check_rules
from msqschema.schema import DATE_PATTERN, EXPECTED_BY_PATTERN, response_schema
from msqschema.schema_errors import ErrorCodes, JsonPath, pointer, schema_problems
from msqschema.wordcount import count_if_over, limit_pattern

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError
    from jsonschema.protocols import Validator

    from msqschema.yamlio import DuplicateKey

DEFAULT_QUESTIONNAIRE = "msq2020"

RESPONSE_CODES = ErrorCodes(
    unknown_key=codes.ANSWER_UNKNOWN_KEY, missing_key=codes.ANSWER_MISSING_KEY,
    wrong_type=codes.ANSWER_WRONG_TYPE, invalid_value=codes.ANSWER_UNKNOWN_OPTION,
    by_keyword={"maxWords": codes.ANSWER_TOO_LONG, "pattern": codes.ANSWER_BAD_FORMAT,
                "calendarDate": codes.ANSWER_BAD_FORMAT, "const": codes.WRONG_QUESTIONNAIRE,
                "uniqueItems": codes.ANSWER_INVALID, "minItems": codes.ANSWER_INVALID,
                "maxItems": codes.ANSWER_INVALID},
    by_missing_key={"questionnaire": codes.WRONG_QUESTIONNAIRE},
    own_messages=frozenset({"maxWords", "pattern", "calendarDate"}),
)
"""The code of each kind of schema error in a response."""


def validate(
    questionnaire: Questionnaire | str | Path | None,
    response: Response | str | Path | bytes,
) -> Report:
    """Every problem of a response, in the order of their position.

    `questionnaire` is a model, a file or the name of a bundled questionnaire, or None for the
    bundled one the response names. `response` is a read Response, a file (`-` for standard
    input) or the file's bytes. Raises `InputError` if the response cannot be read, `LoadError`
    if the questionnaire is broken.
    """
    if not isinstance(response, Response):
        response = load_response(response)
    if questionnaire is None:
        questionnaire = _named_questionnaire(response)
        if isinstance(questionnaire, Problem):
            return Report(response.file, (questionnaire,))
    elif not isinstance(questionnaire, Questionnaire):
        from msqschema.loader import load_questionnaire

        questionnaire = load_questionnaire(questionnaire)
    return _Check(questionnaire, response).report()


class _Check:
    """Validation of one response against one questionnaire."""

    def __init__(self, questionnaire: Questionnaire, response: Response):
        self.questionnaire = questionnaire
        self.response = response
        self.compiled = _compiled(questionnaire)

    def report(self) -> Report:
        data, document = self.response.data, self.response.document
        found = [self.duplicate(duplicate) for duplicate in document.duplicates]
        if not self.compiled.passes(data):
            errors = self.compiled.validator.iter_errors(data)
            found += schema_problems(errors, document, self.response.file, RESPONSE_CODES,
                                     self.compiled.locate)
        for finding in check_rules(self.questionnaire, self.response.answers):
            pos = (document.key_pos if finding.at_key else document.value_pos)(finding.path)
            found.append(codes.make_problem(
                finding.code, file=self.response.file, line=pos.line, column=pos.column,
                pointer=pointer(finding.path), **self.compiled.locate(finding.path)[0],
                message=finding.message))
        return Report(self.response.file, tuple(sorted(found, key=sort_key)))

    def duplicate(self, duplicate: DuplicateKey) -> Problem:
        path = (*duplicate.path, duplicate.key)
        return codes.make_problem(
            codes.ANSWER_DUPLICATE_KEY, file=self.response.file, line=duplicate.second.line,
            column=duplicate.second.column, pointer=pointer(path),
            **self.compiled.locate(path)[0], key=duplicate.key, first_line=duplicate.first.line)


def _named_questionnaire(response: Response) -> Questionnaire | Problem:
    """The bundled questionnaire a response names (the default one if it names none)."""
    from msqschema.loader import load_questionnaire
    from msqschema.resources import bundled_questionnaires

    bundled = bundled_questionnaires()
    name = response.questionnaire_id or DEFAULT_QUESTIONNAIRE
    if name in bundled:
        return load_questionnaire(bundled[name])
    pos = response.document.value_pos(("questionnaire",))
    return codes.make_problem(
        codes.WRONG_QUESTIONNAIRE, file=response.file, line=pos.line, column=pos.column,
        pointer="/questionnaire",
        message=f"no questionnaire {name!r} is bundled (bundled: {', '.join(bundled)}); "
                "give its file with -q")


class _Compiled:
    """What validating against one questionnaire needs, built once: the schema's fast check,
    its jsonschema validator (built when first needed) and an index of the questions."""

    def __init__(self, questionnaire: Questionnaire):
        self.schema = response_schema(questionnaire)
        self.passes = compile_schema(self.schema, _KEYWORDS)
        self.questions: dict[JsonPath, Question] = dict(_index(questionnaire.questions()))
        self.depth = max(map(len, self.questions), default=0)

    @cached_property
    def validator(self) -> Validator:
        """The jsonschema validator that explains what the fast check refused."""
        return _validator_class()(self.schema)

    def locate(self, path: JsonPath) -> tuple[Mapping[str, str], JsonPath]:
        """The question at or above `path`, and the path as messages name it."""
        for end in range(min(len(path), self.depth), 1, -1):
            question = self.questions.get(path[:end])
            if question is not None:
                fields = {"question": question.ref if question.numbered else "",
                          "question_id": question.id}
                return fields, ("answer", *path[end:])
        return {}, path


_COMPILED: dict[int, tuple[Questionnaire, _Compiled]] = {}


def _compiled(questionnaire: Questionnaire) -> _Compiled:
    """The compiled form of a questionnaire, cached by identity (hashing the model is slow)."""
    entry = _COMPILED.get(id(questionnaire))
    if entry is None or entry[0] is not questionnaire:
        entry = _COMPILED[id(questionnaire)] = (questionnaire, _Compiled(questionnaire))
    return entry[1]


def _index(questions: Iterator[Question] | tuple[Question, ...],
           parent: JsonPath = ("answers",)) -> Iterator[tuple[JsonPath, Question]]:
    for question in questions:
        path = (*parent, question.id)
        yield path, question
        if isinstance(question, GroupQuestion):
            yield from _index(question.items, path)


# -- custom keywords ----------------------------------------------------------------------------

def _max_words(validator: Validator, max_words: int, instance: Any,
               schema: dict[str, Any]) -> Iterator[ValidationError]:
    """`maxWords`: the exact word count (msqschema.wordcount) is at most the value."""
    if isinstance(instance, str):
        count = count_if_over(instance, max_words)
        if count is not None:
            yield _error(f"{count} words; the limit is {max_words}")


def _calendar_date(validator: Validator, enabled: bool, instance: Any,
                   schema: dict[str, Any]) -> Iterator[ValidationError]:
    """`calendarDate`: a date in one of the written forms is a real day of the calendar."""
    if enabled and isinstance(instance, str) and _DATE.fullmatch(instance):
        numbers = [int(part) for part in re.split("[-./]", instance)]
        year, month, day = numbers if "-" in instance else numbers[::-1]
        try:
            datetime.date(year, month, day)
        except ValueError:
            yield _error(f"{instance!r} is not a real date (day {day}, month {month}, "
                         f"year {year})")


def _pattern(validator: Validator, pattern: str, instance: Any,
             schema: dict[str, Any]) -> Iterator[ValidationError]:
    """`pattern`, with messages for people; a word-limit pattern is left to `maxWords`."""
    if not isinstance(instance, str):
        return
    max_words = schema.get("maxWords")
    if max_words and pattern == limit_pattern(max_words):
        return
    if _compile(pattern).search(instance) is None:
        expected = EXPECTED_BY_PATTERN.get(pattern)
        text = repr(instance) if len(instance) <= 60 else repr(instance[:57]) + "..."
        yield _error(f"{text} is not {expected}" if expected
                     else f"{text} does not match {pattern!r}")


_DATE = re.compile(DATE_PATTERN)
_compile = cache(re.compile)
_KEYWORDS = {"maxWords": _max_words, "calendarDate": _calendar_date, "pattern": _pattern}


def _error(message: str) -> ValidationError:
    from jsonschema.exceptions import ValidationError

    return ValidationError(message)


@cache
def _validator_class() -> type[Validator]:
    """Draft 2020-12 extended with msqschema's keywords; `format` stays an annotation."""
    from jsonschema import validators

    return validators.extend(  # type: ignore[no-any-return]
        validators.Draft202012Validator, _KEYWORDS)
