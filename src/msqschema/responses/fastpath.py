"""A fast yes/no answer to "does this response pass its schema?", compiled to closures.

jsonschema explains every error but walks the schema slowly; most response files are valid.
This compiles the response schema (only the keywords responses.schema writes; any other one is
refused at compile time) into nested closures that answer True only when the instance is
certainly valid. On False, or when unsure, the validator asks jsonschema for the errors, so a
disagreement can only cost time. msqschema's own keywords (responses.keywords) run the very
checks jsonschema runs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

Check = Callable[[Any], bool]
Factory = Callable[[Any, dict[str, Any]], "Callable[[Any], object] | None"]

_CLASSES: dict[str, type] = {
    "string": str, "null": type(None), "object": dict, "array": list, "boolean": bool,
}
"""The JSON types that are exactly a Python class."""
_NUMBERS: dict[str, Check] = {
    "integer": lambda instance: not isinstance(instance, bool) and (
        isinstance(instance, int) or isinstance(instance, float) and instance.is_integer()),
    "number": lambda instance: isinstance(instance, int | float) and not isinstance(instance, bool),
}
"""The numeric JSON types (a boolean is not a number; 1.0 is an integer)."""
_ANNOTATIONS = frozenset({"$schema", "$id", "title", "description", "format"})


def compile_schema(schema: dict[str, Any], keywords: Mapping[str, Factory]) -> Check:
    """A check of `schema`; `keywords` makes the checks of custom (or redefined) keywords."""
    made = (_keyword(name, value, schema, keywords)
            for name, value in schema.items() if name not in _ANNOTATIONS)
    checks = [check for check in made if check is not None]
    if len(checks) <= 1:
        return checks[0] if checks else _anything
    if len(checks) == 2:
        first, second = checks
        return lambda instance: first(instance) and second(instance)
    return lambda instance: all(check(instance) for check in checks)


def _anything(instance: Any) -> bool:
    return True


def _keyword(name: str, value: Any, schema: dict[str, Any],
             keywords: Mapping[str, Factory]) -> Check | None:
    """The check of one keyword, or None when it checks nothing here."""
    if name in keywords:
        custom = keywords[name](value, schema)
        return None if custom is None else lambda instance: custom(instance) is None
    if name == "type":
        names = [value] if isinstance(value, str) else value
        classes = tuple(_CLASSES[type_name] for type_name in names if type_name in _CLASSES)
        numbers = [_NUMBERS[type_name] for type_name in names if type_name not in _CLASSES]
        if not numbers:
            return lambda instance: isinstance(instance, classes)
        return lambda instance: isinstance(instance, classes) or any(
            check(instance) for check in numbers)
    if name in ("enum", "const"):
        allowed = frozenset(value if name == "enum" else [value])
        if not all(item is None or isinstance(item, str) for item in allowed):
            raise ValueError(f"{name}: only text and null values are compiled")
        return lambda instance: (instance is None or isinstance(instance, str)) \
            and instance in allowed
    if name == "properties":
        return _properties(schema, keywords)
    if name in ("additionalProperties", "required") and "properties" in schema:
        return None  # checked with "properties"
    if name == "if":
        test = compile_schema(value, keywords)
        then = compile_schema(schema.get("then", {}), keywords)
        otherwise = compile_schema(schema.get("else", {}), keywords)
        return lambda instance: then(instance) if test(instance) else otherwise(instance)
    if name in ("then", "else") and "if" in schema:
        return None  # checked with "if"
    if name == "items":
        item = compile_schema(value, keywords)
        return lambda instance: not isinstance(instance, list) or all(map(item, instance))
    if name == "uniqueItems":
        return lambda instance: not isinstance(instance, list) or (
            all(isinstance(item, str) for item in instance) and len(set(instance)) == len(instance))
    if name in ("minimum", "maximum"):
        above = name == "minimum"
        return lambda instance: not isinstance(instance, int | float) or isinstance(
            instance, bool) or (instance >= value if above else instance <= value)
    if name == "minItems":
        return lambda instance: not isinstance(instance, list) or len(instance) >= value
    if name == "maxItems":
        return lambda instance: not isinstance(instance, list) or len(instance) <= value
    raise ValueError(f"the keyword {name!r} is not compiled")


def _properties(schema: dict[str, Any], keywords: Mapping[str, Factory]) -> Check:
    if schema.get("additionalProperties", True) is not False:
        raise ValueError("only schemas with additionalProperties: false are compiled")
    properties = {key: compile_schema(sub, keywords) for key, sub in schema["properties"].items()}
    required = tuple(schema.get("required", ()))

    def check(instance: Any) -> bool:
        if not isinstance(instance, dict):
            return True
        for key, value in instance.items():
            sub = properties.get(key)
            if sub is None or not sub(value):
                return False
        return all(key in instance for key in required)

    return check
