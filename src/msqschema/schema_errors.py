"""The one place where schema errors become Problems, with positions and plain messages.

Both the questionnaire linter (jsonschema's errors against the language's meta-schema) and the
response validator (the compiled response schema's refusals, msqschema.responses.fastpath) use
it, each with its own table of codes. Each error becomes the values of a message template of its
code (msqschema.problems), in its situation.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import field
from functools import partial
from typing import TYPE_CHECKING, Any, Protocol

from msqschema.frozen import frozen
from msqschema.locations import JsonPath, pointer
from msqschema.problems import Code, Pending, Problem, did_you_mean, make_problem

if TYPE_CHECKING:
    from msqschema.yamlio import Document


TYPE_NAMES = {
    "string": "text", "integer": "a whole number", "number": "a number", "boolean": "true or false",
    "array": "a list", "object": "a mapping of keys to values", "null": "empty",
}


class SchemaError(Protocol):
    """A keyword an instance breaks, as jsonschema's ValidationError tells it (and the compiled
    response schema's Refusal, which has these fields of it)."""

    @property
    def validator(self) -> Any: ...
    @property
    def validator_value(self) -> Any: ...
    @property
    def instance(self) -> Any: ...
    @property
    def schema(self) -> Any: ...
    @property
    def absolute_path(self) -> Iterable[str | int]: ...
    @property
    def relative_schema_path(self) -> Iterable[str | int]: ...
    @property
    def message(self) -> str: ...


@frozen
class ErrorCodes:
    """Which code each kind of schema error gets; `by_keyword` overrides for other keywords."""

    unknown_key: Code
    missing_key: Code
    wrong_type: Code
    invalid_value: Code
    by_keyword: Mapping[str, Code] = field(default_factory=dict)
    by_missing_key: Mapping[str, Code] = field(default_factory=dict)
    own_values: Mapping[str, Callable[[SchemaError], Mapping[str, Any]]] = field(
        default_factory=dict)
    """Keywords (custom ones) that give their errors' message values themselves (with
    `situation` where their code has several)."""
    retired_keys: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    """Keys that were allowed once: where a mapping allowing the first item (a key that marks
    the place) has one, its unknown-key problem says the second (what to write now)."""


Locate = Callable[[JsonPath], tuple[Mapping[str, str], JsonPath]]
"""Where a path is, when the caller knows: Problem fields naming its question (number and id),
and the path as messages should name it (such as `answer.selected[0]` within that question).
"""


def schema_problems(
    errors: Iterable[SchemaError],
    document: Document,
    file: str,
    table: ErrorCodes,
    locate: Locate | None = None,
) -> list[Problem]:
    """Turn schema errors into Problems located in `document`, each problem once."""
    return [pending.write() for pending in schema_pending(errors, document, file, table, locate)]


def schema_pending(
    errors: Iterable[SchemaError],
    document: Document,
    file: str,
    table: ErrorCodes,
    locate: Locate | None = None,
) -> Iterator[Pending]:
    """Turn schema errors into Pending problems located in `document`, each problem once, as
    they come (each message is written only when its problem is reported).

    (jsonschema gives one `required` error per missing key, each holding the whole list: each
    missing key is told once.)
    """
    translator = _Translator(document, file, table, locate)
    for error in errors:
        yield from translator.translate(error)


class _Translator:
    """Pending problems from schema errors, one error at a time, for one document."""

    def __init__(self, document: Document, file: str, table: ErrorCodes,
                 locate: Locate | None) -> None:
        self.document = document
        self.file = file
        self.table = table
        self.locate = locate
        self.missing: set[tuple[JsonPath, str]] = set()  # (mapping, key) already told missing

    def pending(self, code: Code, at: JsonPath, *, at_key: bool = False,
                **values: Any) -> Pending:
        """A problem at `at` (its key with `at_key`); a callable value is called when written."""
        pos = self.document.key_pos(at) if at_key else self.document.value_pos(at)

        def write() -> Problem:
            located: dict[str, Any] = dict(self.locate(at)[0]) if self.locate else {}
            written = {key: value() if callable(value) else value
                       for key, value in values.items()}
            return make_problem(code, file=self.file, line=pos.line, column=pos.column,
                                pointer=pointer(at), **located, **written)

        return Pending(pos.line, pos.column, code, write)

    def translate(self, error: SchemaError) -> Iterator[Pending]:
        path: JsonPath = tuple(error.absolute_path)
        keyword = str(error.validator)
        named = self.locate(path)[1] if self.locate else path
        table = self.table
        if keyword == "additionalProperties" and isinstance(error.instance, dict):
            allowed = list(error.schema.get("properties", {}))
            known = set(allowed)
            for key in error.instance:
                if key in known:
                    continue
                marker, instead = table.retired_keys.get(key, ("", ""))
                if marker in known:
                    yield self.pending(table.unknown_key, (*path, key), at_key=True, key=key,
                                       situation="retired", instead=instead)
                else:
                    yield self.pending(table.unknown_key, (*path, key), at_key=True, key=key,
                                       suggestion=partial(did_you_mean, key, allowed))
        elif keyword == "required" and isinstance(error.instance, dict):
            for key in error.validator_value:
                if key not in error.instance and (path, key) not in self.missing:
                    self.missing.add((path, key))
                    yield self.pending(table.by_missing_key.get(key, table.missing_key), path,
                                       situation="required", where=describe(named), key=key)
        elif keyword == "type":
            expected = error.validator_value
            names = [expected] if isinstance(expected, str) else list(expected)
            quote = "string" in names and isinstance(error.instance, (int, float))
            digits = {"number", "integer"} & set(names) and (isinstance(error.instance, str) or (
                isinstance(error.instance, float) and not math.isfinite(error.instance)))
            hint = (" (put it in quotes to keep it as text)" if quote else
                    " (write the number with digits and no quotes, such as 14 or 1234.5)"
                    if digits else "")
            yield self.pending(table.wrong_type, path, situation="type", where=describe(named),
                               expected=" or ".join(TYPE_NAMES.get(name, name) for name in names),
                               value=_shown(error.instance), hint=hint)
        elif keyword == "oneOf" and _alternative_keys(error) is not None:
            if isinstance(error.instance, dict):  # else the "type" error says what is wrong
                yield self.pending(table.invalid_value, path, **_one_of_keys_values(error, path))
        elif keyword == "pattern" and "propertyNames" in error.relative_schema_path:
            at = (*path, str(error.instance))
            yield self.pending(table.invalid_value, at, at_key=True, **_value_values(error, at))
        else:
            own = table.own_values.get(keyword)
            values = own(error) if own else _value_values(error, named)
            yield self.pending(table.by_keyword.get(keyword, table.invalid_value), path,
                               **values)


def _value_values(error: SchemaError, path: JsonPath) -> dict[str, Any]:
    """The situation and message values of a value that breaks a keyword."""
    keyword, where, value = error.validator, describe(path), error.instance
    if keyword == "enum":
        choices = [str(choice) for choice in error.validator_value if choice is not None]
        hint = did_you_mean(str(value), choices) or f" (one of: {', '.join(choices)})"
        return {"situation": "enum", "where": where, "value": _shown(value), "hint": hint}
    if keyword == "const":
        return {"situation": "const", "where": where, "expected": _shown(error.validator_value),
                "value": _shown(value)}
    if keyword == "pattern" and error.validator_value in PATTERN_NAMES:
        return {"situation": "pattern", "where": where, "value": _shown(value),
                "expected": PATTERN_NAMES[error.validator_value]}
    if keyword in ("minItems", "minProperties") and not value:
        return {"situation": "empty", "where": where}
    if keyword == "uniqueItems" and isinstance(value, list):
        repeated = next(item for index, item in enumerate(value) if item in value[:index])
        return {"situation": "repeated", "where": where, "value": _shown(repeated)}
    return {"situation": "keyword", "where": where, "detail": error.message}


PATTERN_NAMES = {
    "^[a-z][a-z0-9]*(_[a-z0-9]+)*$": "a snake_case id (lower-case letters, digits, _)",
    "^[a-z]{2,3}(-[A-Za-z0-9]+)*$": "a language tag such as 'en', 'fr' or 'es-419'",
    "^[A-Z]{3}$": "an ISO 4217 currency code such as 'USD' or 'EUR'",
    "^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$": "a list of options, or the id of an option set",
}
"""What a value that fails one of these patterns should have been, in words."""


def _alternative_keys(error: SchemaError) -> list[str] | None:
    """The keys of a oneOf whose alternatives each require one key, else None."""
    alternatives = error.validator_value
    if all(isinstance(alternative, dict) and list(alternative) == ["required"]
           and len(alternative["required"]) == 1 for alternative in alternatives):
        return [alternative["required"][0] for alternative in alternatives]
    return None


def _one_of_keys_values(error: SchemaError, path: JsonPath) -> dict[str, Any]:
    keys = _alternative_keys(error) or []
    listed = ", ".join(repr(key) for key in keys[:-1]) + f" or {keys[-1]!r}"
    present = [key for key in keys if key in error.instance]
    if not present:
        return {"situation": "one_key_missing", "where": describe(path), "keys": listed}
    return {"situation": "one_key_too_many", "where": describe(path), "keys": listed,
            "present": " and ".join(repr(key) for key in present)}


def _shown(value: object) -> str:
    """A value as the author wrote it: YAML's true, false and null; repr for the rest."""
    if value is None or isinstance(value, bool):
        return json.dumps(value)
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def describe(path: JsonPath) -> str:
    """A readable name of the place at `path`: 'sections[2].questions[0].type'."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "the document"

