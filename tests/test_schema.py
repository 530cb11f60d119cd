"""Tests for the response JSON Schema (msqschema.responses.schema): standard, self-contained, and in
agreement with `msqschema validate` on every example that JSON Schema can express."""

from __future__ import annotations

import functools
import json
import shutil
import subprocess
import sys
from dataclasses import replace
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

SCHEMA_CODES = {"V101", "V102", "V103", "V104", "V105", "V107", "V108", "V109", "V110"}
"""Codes of problems the exported schema states in standard keywords; the rest (V106, V111,
V113, V2xx: msqschema's own keywords, and rules beside the schema) generic validators miss."""


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


@pytest.mark.parametrize("questionnaire", ["msq2020", "business_survey"])
def test_the_schema_validation_uses_is_inlined_and_every_answer_is_closed(questionnaire):
    """Only the requirement rules refer to a definition (`answered`, recursive); validation
    does without them, so its schema is inlined."""
    model = load_questionnaire(questionnaire)
    bare = json.dumps(response_schema(model, annotations=False, requirements=False))
    assert "$ref" not in bare and "$defs" not in bare
    exported = response_schema(model)
    answers = exported["properties"]["answers"]
    assert set(exported.get("$defs", {})) == ({"answered"} if "allOf" in answers else set())
    for schema in subschemas({key: value for key, value in answers.items() if key != "allOf"}):
        if "properties" in schema:
            assert schema["additionalProperties"] is False


def test_every_answer_has_its_number_and_wording_for_editors(msq2020, exported):
    answers = exported["properties"]["answers"]["properties"]
    assert answers["social_media"]["title"] == (
        "14. How does your government use social media at the…")
    assert answers["social_media"]["description"].startswith(
        "How does your government use social media at the national level")
    assert answers["social_media"]["description"].endswith("(Maximum 250 words)")
    assert answers["specific_portals"]["properties"]["e_services"]["title"] == "2a. E-services"
    assert answers["satisfaction_published"]["description"].endswith(
        "Asked only if you answered 'yes' to 'satisfaction_measured'.")
    assert answers["respondent"]["title"] == "respondent"
    assert answers["response_basis"]["title"] == "X.1. Please select whichever applies"
    assert set(answers) == {question.id for question in msq2020.questions()}


ANNOTATIONS = ("title", "description", "patternErrorMessage")
LIST_ANNOTATIONS = ("enumDescriptions", "markdownEnumDescriptions")


def annotation(key, value):
    """Whether `key: value` is an annotation (not, say, a property called "title")."""
    return ((key in ANNOTATIONS and isinstance(value, str))
            or (key in LIST_ANNOTATIONS and isinstance(value, list)))


def without_annotations(schema):
    """A copy of `schema` with every annotation for people and editors left out."""
    if isinstance(schema, dict):
        return {key: without_annotations(value) for key, value in schema.items()
                if not annotation(key, value)}
    return [without_annotations(item) for item in schema] if isinstance(schema, list) else schema


@pytest.mark.parametrize("questionnaire", ["msq2020", EVERY_TYPE], ids=["msq2020", "every-type"])
def test_the_schema_validation_uses_is_the_exported_one_without_annotations(questionnaire):
    """Validation asks for no annotations (so texts need no parsing): the keywords it checks
    are exactly the exported schema's."""
    model = load_questionnaire(questionnaire)
    bare = response_schema(model, annotations=False, requirements=False)
    assert bare == without_annotations(response_schema(model, requirements=False))
    assert not any(annotation(key, value)
                   for subschema in subschemas(bare) for key, value in subschema.items())


def test_each_question_type_has_its_documented_answer_shape():
    answers = response_schema(load_questionnaire(EVERY_TYPE))["properties"]["answers"]["properties"]
    assert answers["agree"]["enum"] == ["yes", "no", None]
    assert answers["colour"]["enum"] == ["red", "green", None]
    tools = answers["tools"]
    assert tools["type"] == ["object", "null"]
    assert list(tools["properties"]) == ["selected", "details", "explanation"]
    assert tools["properties"]["selected"]["items"]["enum"] == ["hammer", "other"]
    assert tools["properties"]["selected"]["uniqueItems"] is True
    details = tools["properties"]["details"]
    assert details["additionalProperties"] is False
    assert details["properties"]["other"]["maxWords"] == 20
    assert tools["properties"]["explanation"]["maxWords"] == 100
    assert answers["one_line"]["maxWords"] == 10 and "pattern" in answers["one_line"]
    assert answers["mail"]["pattern"] and "format" not in answers["mail"]
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


def stated_requirements(schema: dict) -> set[str]:
    """The questions whose requirement the schema states as a rule."""
    rules = schema["properties"]["answers"].get("allOf", [])
    return {rule.get("then", rule)["required"][0] for rule in rules}


def expressible(problem: Problem, schema: dict) -> bool:
    if problem.code == "V112":
        return problem.pointer.removeprefix("/answers/") in stated_requirements(schema)
    return problem.code in SCHEMA_CODES and "is not a real date" not in problem.message \
        and "than the answer to" not in problem.message  # a bound naming another answer


def plain_pointers(schema: dict, data: object) -> set[str]:
    """Where a plain jsonschema validator, given only the exported schema, finds errors."""
    found = set()
    for error in Draft202012Validator(schema).iter_errors(data):
        path = tuple(error.absolute_path)
        found.add(pointer(path))
        if error.validator == "additionalProperties":
            found.update(pointer((*path, key)) for key in error.instance
                         if key not in error.schema.get("properties", {}))
        if error.validator == "required":
            found.update(pointer((*path, key)) for key in error.validator_value
                         if key not in error.instance)
    return found


@functools.cache
def exported_for(questionnaire_id: str) -> dict:
    """The exported schema of a bundled questionnaire, as JSON text read back."""
    return json.loads(json.dumps(response_schema(load_questionnaire(questionnaire_id))))


@pytest.mark.parametrize("example", INVALID, ids=lambda path: path.stem)
def test_a_generic_validator_finds_every_problem_the_schema_states(example):
    response = load_response(example)
    named = response.questionnaire_id if response.questionnaire_id in bundled_questionnaires() \
        else "msq2020"
    schema = exported_for(named)
    expected = {p.pointer for p in validate(None, example).problems if expressible(p, schema)}
    found = plain_pointers(schema, response.data)
    assert expected <= found
    assert bool(found) == bool(expected)


def test_some_examples_hold_problems_only_rules_can_find():
    def named(example: Path) -> str:
        questionnaire = load_response(example).questionnaire_id
        return questionnaire if questionnaire in bundled_questionnaires() else "msq2020"

    rule_only = [example.stem for example in INVALID if not any(
        expressible(p, exported_for(named(example))) for p in validate(None, example).problems)]
    assert rule_only == ["business-exclusive", "business-lengths", "business-total",
                         "conditions", "duplicate-keys", "impossible-dates", "leap-day"]


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


def test_editors_say_what_a_text_must_be_instead_of_its_pattern(exported):
    """yaml-language-server shows `patternErrorMessage` instead of `does not match "^[^0-9…"`."""
    answers = exported["properties"]["answers"]["properties"]
    assert answers["social_media"]["patternErrorMessage"] == "More than 250 words"
    assert answers["response_date"]["patternErrorMessage"] == (
        "Not a date written 2019-07-31, 31.07.2019 or 31/07/2019")
    portals = answers["specific_portals"]["properties"]
    assert portals["e_services"]["patternErrorMessage"] == (
        "Not a web address such as https://example.org or www.example.org")
    contact = answers["chief_information_officer"]["properties"]
    assert contact["email"]["patternErrorMessage"] == (
        "Not an e-mail address such as name@example.org")
    assert contact["phone"]["patternErrorMessage"] == (
        "Not a telephone number such as +992 37 221 0000")
    other = answers["response_basis"]["properties"]["details"]["properties"]["other"]
    assert other["patternErrorMessage"] == "More than 250 words"
    for subschema in subschemas(exported):
        assert ("pattern" in subschema) == ("patternErrorMessage" in subschema), subschema


def test_a_bad_e_mail_is_one_error_even_for_validators_that_check_formats(exported):
    """The pattern says what an e-mail address is; a `format` beside it made a second error."""
    from jsonschema import FormatChecker

    response = {"questionnaire": "msq2020",
                "answers": {"respondent": {"email": "not an e-mail"}}}
    validator = Draft202012Validator(exported, format_checker=FormatChecker())
    errors = list(validator.iter_errors(response))
    assert [(error.validator, error.json_path) for error in errors] == [
        ("pattern", "$.answers.respondent.email")]


def test_completion_shows_each_option_label_and_null_as_unanswered(exported):
    answers = exported["properties"]["answers"]["properties"]
    technologies = answers["new_technology_strategies"]["properties"]["selected"]["items"]
    labels = technologies["enumDescriptions"]
    assert len(labels) == len(technologies["enum"]) == len(technologies["markdownEnumDescriptions"])
    assert labels[technologies["enum"].index("artificial_intelligence")] == (
        "Artificial Intelligence (AI)")
    features = answers["strategy_features"]["properties"]["selected"]["items"]
    markdown = features["markdownEnumDescriptions"][features["enum"].index("new_technologies")]
    assert markdown == ("makes specific reference to the use of new technologies such as "
                        "artificial intelligence, blockchain, big data")
    yes_no = answers["satisfaction_measured"]
    assert yes_no["enum"] == ["yes", "no", None]
    assert yes_no["enumDescriptions"] == ["Yes", "No", "Unanswered"]


def test_markdown_labels_keep_their_markup_but_not_footnote_references():
    answers = response_schema(load_questionnaire(EVERY_TYPE))["properties"]["answers"]["properties"]
    # every-type.yaml is in Spanish (es-419): the library's own texts are too
    assert answers["colour"]["enumDescriptions"] == ["Red", "Green", "Sin respuesta"]
    assert answers["colour"]["markdownEnumDescriptions"] == ["Red", "Green", "Sin respuesta"]


def test_hover_on_selected_and_explanation_names_the_question(exported):
    answers = exported["properties"]["answers"]["properties"]
    technologies = answers["new_technology_strategies"]["properties"]
    title = answers["new_technology_strategies"]["title"]
    assert title.endswith(". Does your government have a specific national strategy\u2026")
    assert technologies["selected"]["title"] == f"Ticked options of {title}"
    assert technologies["explanation"]["title"] == f"Explanation of {title}"


@pytest.mark.parametrize(("prompt", "title"), [
    ("E-services:", "2a. E-services"),
    ("One two three four five six seven eight nine ten eleven twelve thirteen",
     "2a. One two three four five six seven eight nine ten eleven\u2026"),
    ("Antidisestablishmentarianism" * 3, "2a. " + ("Antidisestablishmentarianism" * 2)[:55]
     + "\u2026"),
])
def test_titles_are_the_number_and_the_prompt_shortened_to_sixty_characters(prompt, title):
    from msqschema.questionnaire.markup import Markup
    from msqschema.responses.schema import TITLE_LENGTH, _Writer

    question = load_questionnaire(EVERY_TYPE).question("web")
    shown = _Writer(annotations=True).title(replace(question, ref="2a", prompt=Markup(prompt)))
    assert shown == title and len(shown) <= TITLE_LENGTH


@pytest.mark.skipif(CHECK_JSONSCHEMA is None, reason="check-jsonschema is not installed")
@pytest.mark.parametrize("space", ["\x1f", "\x85"], ids=["U+001F", "U+0085"])
def test_251_words_separated_by_python_whitespace_are_over_the_limit_everywhere(
        tmp_path, exported, space):
    """msqschema counts 251 words; plain jsonschema (Python's re) and check-jsonschema (an
    ECMA-262 engine) refuse them too, by the pattern alone."""
    response = {"questionnaire": "msq2020", "answers": {"social_media": space.join(["w"] * 251)}}
    path = tmp_path / "response.json"
    path.write_text(json.dumps(response), encoding="utf-8")
    assert [p.code for p in validate(None, path).problems] == ["V104"]
    assert plain_pointers(exported, response) == {"/answers/social_media"}
    schema = tmp_path / "msq2020.response.schema.json"
    schema.write_text(json.dumps(exported), encoding="utf-8")
    checked = subprocess.run([CHECK_JSONSCHEMA, "--schemafile", str(schema), str(path)],
                             capture_output=True, text=True)
    assert checked.returncode == 1 and "$.answers.social_media" in checked.stdout, checked.stdout
