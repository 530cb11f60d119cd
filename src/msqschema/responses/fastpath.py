"""The response schema compiled to closures: a fast yes/no check, and the explanation of a no.

Most response files are valid, so each schema is compiled (only the keywords responses.schema
writes; any other one is refused at compile time) into nested closures that say whether an
instance passes. Only for an instance that does not pass are its refusals explained: which
keyword each broken part breaks, at which path, as `Refusal`s that msqschema.schema_errors
turns into problems. Every check is exact, so the explanation is empty exactly when the check
passes; the results are those of jsonschema's Draft 2020-12 validator with msqschema's keywords
(msqschema.responses.keywords), which the tests hold them to.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any, NamedTuple

from msqschema.locations import JsonPath
from msqschema.problems import plural

Check = Callable[[Any], bool]
Factory = Callable[[Any, dict[str, Any]], "Callable[[Any], object] | None"]


class Refusal(NamedTuple):
    """A keyword an instance breaks (the fields of jsonschema's ValidationError that
    msqschema.schema_errors reads)."""

    validator: str
    validator_value: Any
    instance: Any
    schema: dict[str, Any]
    absolute_path: JsonPath
    relative_schema_path: tuple[str, ...] = ()

    @property
    def message(self) -> str:
        """What is wrong, in words (the `keyword` situation of a problem's message)."""
        words = _MESSAGES.get(self.validator)
        value, instance = self.validator_value, self.instance
        return words(instance, value) if words else f"{instance!r} breaks {self.validator}"


Explain = Callable[[Any, JsonPath], Iterator[Refusal]]


class CompiledSchema(NamedTuple):
    """A schema's check, and the explanation of an instance it does not pass."""

    passes: Check
    explain: Explain


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


_MESSAGES: dict[str, Callable[[Any, Any], str]] = {
    "minimum": lambda instance, value: f"{instance!r} is less than the minimum of {value!r}",
    "maximum": lambda instance, value: f"{instance!r} is greater than the maximum of {value!r}",
    "minItems": lambda instance, value: (
        f"{plural(len(instance), 'item')}; at least {value} {'is' if value == 1 else 'are'} "
        "needed"),
    "maxItems": lambda instance, value: (
        f"{plural(len(instance), 'item')}; at most {value} {'is' if value == 1 else 'are'} "
        "allowed"),
}
"""The words of the keywords whose problems say them (the others have their own templates)."""


def compile_schema(schema: dict[str, Any], keywords: Mapping[str, Factory]) -> CompiledSchema:
    """The check of `schema` and its explanation; `keywords` makes the checks of custom (or
    redefined) keywords."""
    made = ((name, _keyword(name, value, schema, keywords))
            for name, value in schema.items() if name not in _ANNOTATIONS)
    parts = [part for _, part in made if part is not None]
    return CompiledSchema(_all(*(part.passes for part in parts)), _explain_all(parts))


def _all(*checks: Check) -> Check:
    """A check passing what all of `checks` pass (chained calls: no loop for these few)."""
    if not checks:
        return _anything
    first, *others = checks
    if not others:
        return first
    rest = _all(*others)
    return lambda instance: first(instance) and rest(instance)


def _any(*checks: Check) -> Check:
    """A check passing what any of `checks` passes."""
    first, *others = checks
    if not others:
        return first
    rest = _any(*others)
    return lambda instance: first(instance) or rest(instance)


def _explain_all(parts: list[CompiledSchema]) -> Explain:
    def explain(instance: Any, path: JsonPath) -> Iterator[Refusal]:
        for part in parts:
            if not part.passes(instance):
                yield from part.explain(instance, path)

    return explain


def _anything(instance: Any) -> bool:
    return True


def _keyword(name: str, value: Any, schema: dict[str, Any],
             keywords: Mapping[str, Factory]) -> CompiledSchema | None:
    """The check of one keyword and its explanation, or None when it checks nothing here."""
    if name == "properties":
        return _properties(schema, keywords)
    if name in ("additionalProperties", "required") and "properties" in schema:
        return None  # checked with "properties"
    if name == "if":
        return _if(value, schema, keywords)
    if name in ("then", "else") and "if" in schema:
        return None  # checked with "if"
    if name == "items":
        return _items(compile_schema(value, keywords))
    check = _leaf(name, value, schema, keywords)
    if check is None:
        return None

    def explain(instance: Any, path: JsonPath) -> Iterator[Refusal]:
        yield Refusal(name, value, instance, schema, path)

    return CompiledSchema(check, explain)


def _leaf(name: str, value: Any, schema: dict[str, Any],
          keywords: Mapping[str, Factory]) -> Check | None:
    """The check of a keyword that looks at its instance alone (broken as a whole)."""
    if name in keywords:
        custom = keywords[name](value, schema)
        return None if custom is None else lambda instance: custom(instance) is None
    if name == "type":
        names = [value] if isinstance(value, str) else value
        classes = tuple(_CLASSES[type_name] for type_name in names if type_name in _CLASSES)
        numbers = [_NUMBERS[type_name] for type_name in names if type_name not in _CLASSES]
        return _any(lambda instance: isinstance(instance, classes), *numbers)
    if name in ("enum", "const"):
        allowed = frozenset(value if name == "enum" else [value])
        if not all(item is None or isinstance(item, str) for item in allowed):
            raise ValueError(f"{name}: only text and null values are compiled")
        return lambda instance: (instance is None or isinstance(instance, str)) \
            and instance in allowed
    if name == "uniqueItems":
        return _unique if value else None
    if name in ("minimum", "maximum"):
        above = name == "minimum"  # refused only when beyond it: NaN is neither (as jsonschema)
        return lambda instance: not isinstance(instance, int | float) or isinstance(
            instance, bool) or not (instance < value if above else instance > value)
    if name == "minItems":
        return lambda instance: not isinstance(instance, list) or len(instance) >= value
    if name == "maxItems":
        return lambda instance: not isinstance(instance, list) or len(instance) <= value
    raise ValueError(f"the keyword {name!r} is not compiled")


def _unique(instance: Any) -> bool:
    """`uniqueItems`: no two items of a list are the same JSON value."""
    if not isinstance(instance, list):
        return True
    if all(type(item) is str for item in instance):  # the usual list of ticked options
        return len(set(instance)) == len(instance)
    seen = [_json_key(item) for item in instance]
    return all(key not in seen[:index] for index, key in enumerate(seen))


def _json_key(value: Any) -> Any:
    """A value equal for equal JSON values: `true` is not 1, 1 is 1.0, key order is ignored."""
    if isinstance(value, bool):
        return ("boolean", value)
    if isinstance(value, int | float):
        return ("number", value)
    if isinstance(value, list):
        return ("array", [_json_key(item) for item in value])
    if isinstance(value, dict):
        return ("object", sorted((key, _json_key(item)) for key, item in value.items()))
    return (type(value).__name__, value)


def _items(item: CompiledSchema) -> CompiledSchema:
    def passes(instance: Any) -> bool:
        return not isinstance(instance, list) or all(map(item.passes, instance))

    def explain(instance: Any, path: JsonPath) -> Iterator[Refusal]:
        for index, value in enumerate(instance):
            if not item.passes(value):
                yield from item.explain(value, (*path, index))

    return CompiledSchema(passes, explain)


def _if(value: Any, schema: dict[str, Any], keywords: Mapping[str, Factory]) -> CompiledSchema:
    test = compile_schema(value, keywords).passes
    then = compile_schema(schema.get("then", {}), keywords)
    otherwise = compile_schema(schema.get("else", {}), keywords)

    def passes(instance: Any) -> bool:
        return then.passes(instance) if test(instance) else otherwise.passes(instance)

    def explain(instance: Any, path: JsonPath) -> Iterator[Refusal]:
        return (then if test(instance) else otherwise).explain(instance, path)

    return CompiledSchema(passes, explain)


def _properties(schema: dict[str, Any], keywords: Mapping[str, Factory]) -> CompiledSchema:
    """`properties` with `required` and `additionalProperties: false`, checked together."""
    if schema.get("additionalProperties", True) is not False:
        raise ValueError("only schemas with additionalProperties: false are compiled")
    properties = {key: compile_schema(sub, keywords) for key, sub in schema["properties"].items()}
    checks = {key: compiled.passes for key, compiled in properties.items()}
    required = tuple(schema.get("required", ()))

    def passes(instance: Any) -> bool:
        if not isinstance(instance, dict):
            return True
        for key, value in instance.items():
            sub = checks.get(key)
            if sub is None or not sub(value):
                return False
        return all(key in instance for key in required)

    def explain(instance: Any, path: JsonPath) -> Iterator[Refusal]:
        """Each property's refusals, then each missing key, then the unknown keys (one
        refusal for all of them, as jsonschema gives)."""
        for key, compiled in properties.items():
            if key in instance and not compiled.passes(instance[key]):
                yield from compiled.explain(instance[key], (*path, key))
        for key in required:
            if key not in instance:
                yield Refusal("required", list(required), instance, schema, path)
        if any(key not in properties for key in instance):
            yield Refusal("additionalProperties", False, instance, schema, path)

    return CompiledSchema(passes, explain)
