"""msqschema's JSON Schema keywords: `maxWords`, `maxChars`, `minChars`, `minWords`,
`calendarDate`, `finiteNumber`, `maxDecimals`, `exclusiveOptions`, and `pattern` with messages
for people (a word-limit pattern is left to the exact `maxWords`).

Each keyword is a factory: given its value and the schema it sits in, it returns a check of an
instance giving the values of the problem's message (msqschema.problems, code `CODES[keyword]`)
or None (or returns None itself when there is nothing to check). `as_jsonschema` adapts them to
jsonschema's keyword functions (generators of errors); the fast path
(msqschema.responses.fastpath) calls them directly.
"""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Callable, Iterator
from functools import cache
from typing import TYPE_CHECKING, Any

from msqschema import problems
from msqschema.responses.wordcount import (
    count_characters,
    count_if_over,
    count_words,
    limit_pattern,
)
from msqschema.types.text import DATE_PATTERN, EXPECTED_BY_PATTERN

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError
    from jsonschema.protocols import Validator

    from msqschema.schema_errors import SchemaError

Values = dict[str, Any]
"""A message's values, with `situation` where the code has several."""
Check = Callable[[Any], "Values | None"]
Factory = Callable[[Any, dict[str, Any]], "Check | None"]

_DATE = re.compile(DATE_PATTERN)
_compile = cache(re.compile)


def max_words(limit: int, schema: dict[str, Any]) -> Check:
    """`maxWords`: the exact word count (msqschema.responses.wordcount) is at most the limit."""

    def check(instance: Any) -> Values | None:
        count = count_if_over(instance, limit) if isinstance(instance, str) else None
        return None if count is None else {"count": count, "limit": limit}

    return check


def calendar_date(enabled: bool, schema: dict[str, Any]) -> Check:
    """`calendarDate`: a date written in one of the accepted forms is a real day."""

    def check(instance: Any) -> Values | None:
        if not (enabled and isinstance(instance, str) and _DATE.fullmatch(instance)):
            return None
        numbers = [int(part) for part in re.split("[-./]", instance)]
        year, month, day = numbers if "-" in instance else numbers[::-1]
        try:
            datetime.date(year, month, day)
        except ValueError:
            return {"situation": "date", "value": repr(instance), "day": day, "month": month,
                    "year": year}
        return None

    return check


def pattern(regex: str, schema: dict[str, Any]) -> Check | None:
    """`pattern`, saying what the text should look like; a word-limit pattern checks nothing."""
    limit = schema.get("maxWords")
    if limit and regex == limit_pattern(limit):
        return None
    search = _compile(regex).search
    expected = EXPECTED_BY_PATTERN.get(regex)

    def check(instance: Any) -> Values | None:
        if not isinstance(instance, str) or search(instance) is not None:
            return None
        text = repr(instance) if len(instance) <= 60 else repr(instance[:57]) + "..."
        if expected:
            return {"value": text, "expected": expected}
        return {"situation": "pattern", "value": text, "pattern": regex}

    return check


def finite_number(enabled: bool, schema: dict[str, Any]) -> Check | None:
    """`finiteNumber`: a number is one that can be written with digits (no .inf, .nan, 1e400).

    Where only whole numbers are allowed, the type already refuses them.
    """
    if "integer" in schema.get("type", ()):
        return None

    def check(instance: Any) -> Values | None:
        if enabled and isinstance(instance, float) and not math.isfinite(instance):
            return {"value": repr(instance)}
        return None

    return check


def decimal_places(number: float) -> int:
    """The decimal places of a number's shortest decimal form: 3 for 0.125, 7 for 1e-07."""
    mantissa, _, exponent = repr(number).partition("e")
    return max(len(mantissa.partition(".")[2]) - int(exponent or 0), 0)


def max_decimals(limit: int, schema: dict[str, Any]) -> Check:
    """`maxDecimals`: a number has at most this many decimal places (those of its shortest
    decimal form: 45.0 has none, like 45)."""

    def check(instance: Any) -> Values | None:
        if not isinstance(instance, float) or not math.isfinite(instance) \
                or round(instance, limit) == instance:  # no more places than `limit`
            return None
        places = decimal_places(instance)
        allowed = ("no decimal places" if limit == 0 else "at most 1 decimal place" if limit == 1
                   else f"at most {limit} decimal places")
        return {"situation": "decimals", "value": repr(instance),
                "places": problems.plural(places, "decimal place"),
                "allowed": allowed}

    return check


def exclusive_options(exclusive: list[str], schema: dict[str, Any]) -> Check:
    """`exclusiveOptions`: a list of ticked options holding one of these holds nothing else."""

    def check(instance: Any) -> Values | None:
        if not isinstance(instance, list) or len(instance) < 2:
            return None
        alone = next((item for item in instance if item in exclusive), None)
        if alone is None:
            return None
        return {"option": alone,
                "others": ", ".join(repr(item) for item in instance if item != alone),
                "verb": "is" if len(instance) == 2 else "are"}

    return check


def _length(situation: str, count: Callable[[str], int], too_few: bool) -> Factory:
    """A keyword bounding a text's length in words or characters (blank text is unanswered)."""

    def factory(limit: int, schema: dict[str, Any]) -> Check:
        def check(instance: Any) -> Values | None:
            if not isinstance(instance, str) or not instance.strip():
                return None
            found = count(instance)
            wrong = found < limit if too_few else found > limit
            unit = "character" if "chars" in situation else "word"
            counted = problems.plural(found, unit)
            return {"situation": situation, "counted": counted, "limit": limit} if wrong else None

        return check

    return factory


KEYWORDS: dict[str, Factory] = {
    "maxWords": max_words, "calendarDate": calendar_date, "pattern": pattern,
    "finiteNumber": finite_number, "maxDecimals": max_decimals,
    "exclusiveOptions": exclusive_options,
    "maxChars": _length("max_chars", count_characters, too_few=False),
    "minChars": _length("min_chars", count_characters, too_few=True),
    "minWords": _length("min_words", count_words, too_few=True)}
"""The keywords msqschema adds to (or redefines in) draft 2020-12, by name."""

CODES: dict[str, problems.Code] = {
    "maxWords": problems.ANSWER_TOO_LONG, "calendarDate": problems.ANSWER_BAD_FORMAT,
    "pattern": problems.ANSWER_BAD_FORMAT, "finiteNumber": problems.BAD_NUMBER,
    "maxDecimals": problems.BAD_NUMBER, "exclusiveOptions": problems.EXCLUSIVE_COMBINED,
    "maxChars": problems.TEXT_LENGTH, "minChars": problems.TEXT_LENGTH,
    "minWords": problems.TEXT_LENGTH}
"""The problem code of each keyword's errors."""


def error_values(error: SchemaError) -> Values:
    """The message values of an error of one of these keywords (its check, run again on the
    instance: only errors are explained, so this costs little)."""
    check = KEYWORDS[str(error.validator)](error.validator_value, error.schema)
    found = None if check is None else check(error.instance)
    assert found is not None, "the keyword's check passes an instance it failed"
    return found


@cache
def validator_class() -> type[Validator]:
    """jsonschema's Draft 2020-12 validator extended with msqschema's keywords (`format` stays
    an annotation): the response schema's reference validator, for tools built on jsonschema."""
    from jsonschema import validators

    return validators.extend(  # type: ignore[no-any-return]
        validators.Draft202012Validator, {name: as_jsonschema(name) for name in KEYWORDS})


def as_jsonschema(name: str) -> Callable[..., Iterator[ValidationError]]:
    """A jsonschema keyword function running the check the factory of keyword `name` makes;
    its errors' messages are those of the keyword's code."""
    factory, code = KEYWORDS[name], CODES[name]

    def keyword(validator: Any, value: Any, instance: Any,
                schema: dict[str, Any]) -> Iterator[ValidationError]:
        check = factory(value, schema)
        values = None if check is None else check(instance)
        if values is not None:
            from jsonschema.exceptions import ValidationError

            yield ValidationError(code.message(**values))

    return keyword
