"""msqschema's JSON Schema keywords: `maxWords`, `calendarDate`, `finiteNumber`, `maxDecimals`,
and `pattern` with messages for people (a word-limit pattern is left to the exact `maxWords`).

Each keyword is a factory: given its value and the schema it sits in, it returns a check of an
instance giving the problem's message or None (or returns None itself when there is nothing to
check). `as_jsonschema` adapts them to jsonschema's keyword functions (generators of errors);
the fast path (msqschema.responses.fastpath) calls them directly.
"""

from __future__ import annotations

import datetime
import decimal
import math
import re
from collections.abc import Callable, Iterator
from functools import cache
from typing import TYPE_CHECKING, Any

from msqschema.responses.wordcount import count_if_over, limit_pattern
from msqschema.types.text import DATE_PATTERN, EXPECTED_BY_PATTERN

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError

Check = Callable[[Any], "str | None"]
Factory = Callable[[Any, dict[str, Any]], "Check | None"]

_DATE = re.compile(DATE_PATTERN)
_compile = cache(re.compile)


def max_words(limit: int, schema: dict[str, Any]) -> Check:
    """`maxWords`: the exact word count (msqschema.responses.wordcount) is at most the limit."""

    def check(instance: Any) -> str | None:
        count = count_if_over(instance, limit) if isinstance(instance, str) else None
        return None if count is None else f"{count} words; the limit is {limit}"

    return check


def calendar_date(enabled: bool, schema: dict[str, Any]) -> Check:
    """`calendarDate`: a date written in one of the accepted forms is a real day."""

    def check(instance: Any) -> str | None:
        if not (enabled and isinstance(instance, str) and _DATE.fullmatch(instance)):
            return None
        numbers = [int(part) for part in re.split("[-./]", instance)]
        year, month, day = numbers if "-" in instance else numbers[::-1]
        try:
            datetime.date(year, month, day)
        except ValueError:
            return f"{instance!r} is not a real date (day {day}, month {month}, year {year})"
        return None

    return check


def pattern(regex: str, schema: dict[str, Any]) -> Check | None:
    """`pattern`, saying what the text should look like; a word-limit pattern checks nothing."""
    limit = schema.get("maxWords")
    if limit and regex == limit_pattern(limit):
        return None
    search = _compile(regex).search
    expected = EXPECTED_BY_PATTERN.get(regex)

    def check(instance: Any) -> str | None:
        if not isinstance(instance, str) or search(instance) is not None:
            return None
        text = repr(instance) if len(instance) <= 60 else repr(instance[:57]) + "..."
        return f"{text} is not {expected}" if expected else f"{text} does not match {regex!r}"

    return check


def finite_number(enabled: bool, schema: dict[str, Any]) -> Check | None:
    """`finiteNumber`: a number is one that can be written with digits (no .inf, .nan, 1e400).

    Where only whole numbers are allowed, the type already refuses them.
    """
    if "integer" in schema.get("type", ()):
        return None

    def check(instance: Any) -> str | None:
        if enabled and isinstance(instance, float) and not math.isfinite(instance):
            return (f"{instance!r} is not a number that can be written down: write digits, "
                    "such as 1234.5")
        return None

    return check


def max_decimals(limit: int, schema: dict[str, Any]) -> Check:
    """`maxDecimals`: a number has at most this many decimal places."""

    def check(instance: Any) -> str | None:
        if not isinstance(instance, float) or not math.isfinite(instance):
            return None
        places = -min(decimal.Decimal(repr(instance)).as_tuple().exponent, 0)  # type: ignore[operator]
        if places <= limit:
            return None
        allowed = ("no decimal places" if limit == 0 else "at most 1 decimal place" if limit == 1
                   else f"at most {limit} decimal places")
        return f"{instance!r} has {places} decimal places; {allowed}"

    return check


def exclusive_options(exclusive: list[str], schema: dict[str, Any]) -> Check:
    """`exclusiveOptions`: a list of ticked options holding one of these holds nothing else."""

    def check(instance: Any) -> str | None:
        if not isinstance(instance, list) or len(instance) < 2:
            return None
        alone = next((item for item in instance if item in exclusive), None)
        if alone is None:
            return None
        others = ", ".join(repr(item) for item in instance if item != alone)
        return f"{alone!r} cannot be ticked together with other options, but {others} " \
               f"{'is' if len(instance) == 2 else 'are'} ticked too"

    return check


KEYWORDS: dict[str, Factory] = {
    "maxWords": max_words, "calendarDate": calendar_date, "pattern": pattern,
    "finiteNumber": finite_number, "maxDecimals": max_decimals,
    "exclusiveOptions": exclusive_options}
"""The keywords msqschema adds to (or redefines in) draft 2020-12, by name."""


def as_jsonschema(factory: Factory) -> Callable[..., Iterator[ValidationError]]:
    """A jsonschema keyword function running the check a factory makes."""

    def keyword(validator: Any, value: Any, instance: Any,
                schema: dict[str, Any]) -> Iterator[ValidationError]:
        check = factory(value, schema)
        message = None if check is None else check(instance)
        if message is not None:
            from jsonschema.exceptions import ValidationError

            yield ValidationError(message)

    return keyword
