"""The compiled response schema (msqschema.responses.fastpath): its check and its explanation
agree with jsonschema (the reference) on the keywords it compiles, beyond the questionnaires'
own schemas (which tests/test_validate_properties.py covers)."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from msqschema import load_questionnaire, validate
from msqschema.responses.fastpath import compile_schema
from msqschema.responses.keywords import KEYWORDS, validator_class

SCHEMAS = [
    {"type": ["array", "null"], "items": {"enum": ["a", "b"]}, "uniqueItems": True},
    {"type": "array", "minItems": 2, "maxItems": 3},
    {"type": "object", "properties": {"x": {"type": "integer", "minimum": 0},
                                      "y": {"type": "string", "maxWords": 2}},
     "required": ["x", "y"], "additionalProperties": False},
    {"if": {"type": "object"}, "then": {"type": "object", "properties": {
        "selected": {"enum": ["a"]}}, "additionalProperties": False},
     "else": {"enum": ["a", None]}},
    {"type": "number", "maximum": 100, "maxDecimals": 1, "finiteNumber": True},
    {"type": ["integer", "null"], "minimum": 0, "finiteNumber": True},
]
JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 200) | st.floats()
    | st.sampled_from(["a", "b", "one two three", 1.0, 0.25]),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.sampled_from(["x", "y", "z", "selected"]), inner, max_size=3),
    max_leaves=8)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(SCHEMAS), JSON)
@example(SCHEMAS[4], float("nan"))  # neither below a minimum nor above a maximum
@example(SCHEMAS[5], float("nan"))
@example(SCHEMAS[4], float("-inf"))
def test_the_compiled_schema_refuses_what_jsonschema_refuses_for_the_same_reasons(schema,
                                                                                  instance):
    compiled = compile_schema(schema, KEYWORDS)
    reference = validator_class()(schema)
    assert compiled.passes(instance) == reference.is_valid(instance)

    def found(errors):
        return sorted((str(list(e.absolute_path)), e.validator, repr(e.instance))
                      for e in errors)

    explained = list(compiled.explain(instance, ()))
    assert found(explained) == found(reference.iter_errors(instance))
    assert bool(explained) == (not compiled.passes(instance))


@pytest.mark.parametrize("items", [[1, True], [1, 1.0], [{"x": [1]}, {"x": [1.0]}], [[], {}],
                                   [None, None], ["a", 1, "a"], [{"x": 1, "y": 2},
                                                                 {"y": 2, "x": 1}]])
def test_repeated_items_are_those_jsonschema_calls_repeated(items):
    compiled = compile_schema({"uniqueItems": True}, KEYWORDS)
    assert compiled.passes(items) == validator_class()({"uniqueItems": True}).is_valid(items)


def test_minimum_and_maximum_are_worded_as_before():
    compiled = compile_schema({"minimum": 0, "maximum": 100}, KEYWORDS)
    assert [refusal.message for refusal in compiled.explain(140, ())] == [
        "140 is greater than the maximum of 100"]
    assert [refusal.message for refusal in compiled.explain(-1.5, ())] == [
        "-1.5 is less than the minimum of 0"]


def test_too_many_rows_are_counted_not_dumped():
    """jsonschema would print the whole list ("[{...}, ...] is too long")."""
    business = load_questionnaire("business_survey")
    sites = "\n".join(f"    - {{town: Town {n}, staff: 1, floor_area: 10}}" for n in range(11))
    text = f"questionnaire: business_survey\nanswers:\n  sites:\n{sites}\n"
    [problem] = [p for p in validate(business, text.encode()).problems if p.code == "V109"]
    assert (problem.line, problem.column) == (4, 5)
    assert problem.message.endswith("answer: 11 items; at most 10 are allowed")
