"""Tests for the response JSON Schema (msqschema.responses.schema): standard, self-contained, and in
agreement with `msqschema validate` on every example that JSON Schema can express."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from msqschema.locations import pointer
from msqschema.problems import Problem
from msqschema.questionnaire.loader import load_questionnaire
from msqschema.resources import bundled_questionnaires
from msqschema.responses.response import load_response
from msqschema.responses.schema import response_schema
from msqschema.responses.validation import validate

EXAMPLES = Path(__file__).parent / "examples" / "responses"
VALID = sorted(path for path in (EXAMPLES / "valid").iterdir() if path.suffix in (".yaml", ".json"))
INVALID = sorted((EXAMPLES / "invalid").glob("*.yaml"))
EVERY_TYPE = Path(__file__).parent / "examples" / "questionnaires" / "valid" / "every-type.yaml"

SCHEMA_CODES = {"V101", "V102", "V103", "V104", "V105", "V107", "V108", "V109"}
"""Codes of problems the exported schema states; the rest (V106, V2xx) are rules beside it."""


@pytest.fixture(scope="module")
def exported(msq2020) -> dict:
    """The schema as another tool gets it: JSON text, read back."""
    return json.loads(json.dumps(response_schema(msq2020)))


def subschemas(schema):
    yield schema
    for value in schema.values():
        if isinstance(value, dict):
            yield from subschemas(value)


def test_the_schema_passes_the_2020_12_meta_schema(exported):
    Draft202012Validator.check_schema(exported)
    assert exported["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert exported["$id"] == "https://msqschema.example.org/schemas/msq2020.response.schema.json"


def test_the_schema_is_inlined_and_closed(exported):
    text = json.dumps(exported)
    assert "$ref" not in text and "$defs" not in text
    for schema in subschemas(exported):
        if "properties" in schema and schema is not exported["properties"]:
            assert schema["additionalProperties"] is False


def test_every_answer_has_its_number_and_wording_for_editors(msq2020, exported):
    answers = exported["properties"]["answers"]["properties"]
    assert answers["social_media"]["title"] == "Q14"
    assert answers["social_media"]["description"].startswith(
        "How does your government use social media at the national level")
    assert answers["social_media"]["description"].endswith("(Maximum 250 words)")
    assert answers["specific_portals"]["properties"]["e_services"]["title"] == "Q2a"
    assert answers["satisfaction_published"]["description"].endswith(
        "Asked only if 'satisfaction_measured' is 'yes'.")
    assert answers["respondent"]["title"] == "respondent"
    assert answers["response_basis"]["title"] == "QX.1"
    assert set(answers) == {question.id for question in msq2020.questions()}


ANNOTATIONS = ("title", "description")


def without_annotations(schema):
    """A copy of `schema` with every title and description left out."""
    if isinstance(schema, dict):
        return {key: without_annotations(value) for key, value in schema.items()
                if not (key in ANNOTATIONS and isinstance(value, str))}
    return [without_annotations(item) for item in schema] if isinstance(schema, list) else schema


@pytest.mark.parametrize("questionnaire", ["msq2020", EVERY_TYPE], ids=["msq2020", "every-type"])
def test_the_schema_validation_uses_is_the_exported_one_without_annotations(questionnaire):
    """Validation asks for no annotations (so texts need no parsing): the keywords it checks
    are exactly the exported schema's."""
    model = load_questionnaire(questionnaire)
    bare = response_schema(model, annotations=False)
    assert bare == without_annotations(response_schema(model))
    assert not any(isinstance(subschema.get(key), str)  # not a field called "title"
                   for subschema in subschemas(bare) for key in ANNOTATIONS)


def test_each_question_type_has_its_documented_answer_shape():
    answers = response_schema(load_questionnaire(EVERY_TYPE))["properties"]["answers"]["properties"]
    assert answers["agree"]["enum"] == ["yes", "no", None]
    assert answers["colour"]["enum"] == ["red", "green", None]
    tools = answers["tools"]
    assert tools["type"] == ["object", "null"]
    assert list(tools["properties"]) == ["selected", "other", "explanation"]
    assert tools["properties"]["selected"]["items"] == {"enum": ["hammer", "other"]}
    assert tools["properties"]["selected"]["uniqueItems"] is True
    assert tools["properties"]["other"]["maxWords"] == 20
    assert tools["properties"]["explanation"]["maxWords"] == 100
    assert answers["one_line"]["maxWords"] == 10 and "pattern" in answers["one_line"]
    assert answers["mail"]["format"] == "email"
    assert answers["day"]["calendarDate"] is True
    assert "maxWords" not in answers["web"] and "pattern" in answers["web"]
    assert answers["consent"]["type"] == ["boolean", "null"]


def test_records_and_contacts_are_lists_of_rows_and_mappings_of_fields(exported):
    answers = exported["properties"]["answers"]["properties"]
    rows = answers["sector_agencies"]["properties"]["education"]
    assert rows["type"] == ["array", "null"]
    assert list(rows["items"]["properties"]) == ["name", "url"]
    assert rows["items"]["properties"]["url"]["title"] == "URL"
    assert list(answers["respondent"]["properties"]) == ["name", "title", "email",
                                                         "organization"]


@pytest.mark.parametrize("example", VALID, ids=lambda path: path.name)
def test_a_generic_validator_accepts_every_valid_example(exported, example):
    assert list(Draft202012Validator(exported).iter_errors(load_response(example).data)) == []


def expressible(problem: Problem) -> bool:
    return problem.code in SCHEMA_CODES and "is not a real date" not in problem.message


def plain_pointers(schema: dict, data: object) -> set[str]:
    """Where a plain jsonschema validator, given only the exported schema, finds errors."""
    found = set()
    for error in Draft202012Validator(schema).iter_errors(data):
        path = tuple(error.absolute_path)
        found.add(pointer(path))
        if error.validator == "additionalProperties":
            found.update(pointer((*path, key)) for key in error.instance
                         if key not in error.schema.get("properties", {}))
    return found


def schema_of(example: Path) -> dict:
    """The schema of the bundled questionnaire an example names (else msq2020's), as JSON."""
    named = load_response(example).questionnaire_id
    questionnaire = load_questionnaire(named if named in bundled_questionnaires() else "msq2020")
    return json.loads(json.dumps(response_schema(questionnaire)))


@pytest.mark.parametrize("example", INVALID, ids=lambda path: path.stem)
def test_a_generic_validator_finds_every_problem_the_schema_states(example):
    expected = {p.pointer for p in validate(None, example).problems if expressible(p)}
    found = plain_pointers(schema_of(example), load_response(example).data)
    assert expected <= found
    assert bool(found) == bool(expected)


def test_some_examples_hold_problems_only_rules_can_find():
    rule_only = [example.stem for example in INVALID
                 if not any(expressible(p) for p in validate(None, example).problems)]
    assert rule_only == ["business-exclusive", "business-required", "conditions",
                         "duplicate-keys", "impossible-dates", "leap-day", "other-texts"]


# The test extra installs it beside this Python; the venv need not be activated.
CHECK_JSONSCHEMA = (shutil.which("check-jsonschema", path=str(Path(sys.executable).parent))
                    or shutil.which("check-jsonschema"))


@pytest.mark.skipif(CHECK_JSONSCHEMA is None, reason="check-jsonschema is not installed")
def test_check_jsonschema_agrees_on_the_examples(tmp_path, exported):
    schema = tmp_path / "msq2020.response.schema.json"
    schema.write_text(json.dumps(exported), encoding="utf-8")
    run = [CHECK_JSONSCHEMA, "--schemafile", str(schema)]
    valid = subprocess.run([*run, *map(str, VALID)], capture_output=True, text=True)
    assert valid.returncode == 0, valid.stdout
    examples = [EXAMPLES / "invalid" / f"{name}.yaml"
                for name in ("too-many-words", "unknown-keys", "formats", "unknown-options")]
    invalid = subprocess.run([*run, *map(str, examples)], capture_output=True, text=True)
    assert invalid.returncode == 1
    assert all(f"{example}::" in invalid.stdout for example in examples)
