"""Validate a response: the exported JSON Schema with msqschema's keywords, plus the rules JSON
Schema cannot say (msqschema.responses.rules), into one Report.

Each questionnaire's schema is compiled once per process (responses.fastpath): its fast check
clears valid responses, and explains the answers it refuses. (The results are those of
jsonschema with msqschema's keywords, `keywords.validator_class`, which the tests hold it to.)
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator, Mapping
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from msqschema import problems as codes
from msqschema.locations import JsonPath, pointer
from msqschema.problems import (
    DEFAULT_MAX_PROBLEMS,
    Pending,
    Problem,
    Report,
    capped_report,
    ready,
)
from msqschema.questionnaire.model import Question, Questionnaire
from msqschema.resources import DEFAULT_QUESTIONNAIRE
from msqschema.responses.fastpath import CompiledSchema, compile_schema
from msqschema.responses.keywords import CODES as KEYWORD_CODES
from msqschema.responses.keywords import KEYWORDS, error_values
from msqschema.responses.response import Response, load_response
from msqschema.responses.rules import check_rules, ruled_questions
from msqschema.responses.schema import response_schema
from msqschema.schema_errors import ErrorCodes, schema_pending

if TYPE_CHECKING:
    from msqschema.responses.fastpath import Refusal
    from msqschema.yamlio import DuplicateKey


RESPONSE_CODES = ErrorCodes(
    unknown_key=codes.ANSWER_UNKNOWN_KEY, missing_key=codes.ANSWER_MISSING_KEY,
    wrong_type=codes.ANSWER_WRONG_TYPE, invalid_value=codes.ANSWER_UNKNOWN_OPTION,
    by_keyword={**KEYWORD_CODES, "const": codes.WRONG_QUESTIONNAIRE,
                "uniqueItems": codes.ANSWER_INVALID, "minItems": codes.ANSWER_INVALID,
                "maxItems": codes.ANSWER_INVALID, "minimum": codes.OUT_OF_RANGE,
                "maximum": codes.OUT_OF_RANGE},
    by_missing_key={"questionnaire": codes.WRONG_QUESTIONNAIRE},
    retired_keys={"other": ("selected", "an option's text now goes under 'details', keyed by "
                                        "the option's id: `details: {other: ...}`")},
    own_values=dict.fromkeys(KEYWORDS, error_values),
)
"""The code of each kind of schema error in a response."""


def validate(
    questionnaire: Questionnaire | str | Path | None,
    response: Response | str | Path | bytes,
    *,
    max_problems: int = DEFAULT_MAX_PROBLEMS,
) -> Report:
    """Every problem of a response, in the order of their position.

    `questionnaire` is a model, a file or the name of a bundled questionnaire, or None for the
    bundled one the response names. `response` is a read Response, a file (`-` for standard
    input) or the file's bytes. The report holds the first `max_problems` problems (0: all)
    and counts the others (`Report.more_errors`, `Report.more_warnings`). Raises `InputError`
    if the response cannot be read, `LoadError` if the questionnaire is broken (for a bundled
    one, in anything but its texts, which validation does not read: see
    `loader.load_for_validation`).
    """
    if not isinstance(response, Response):
        response = load_response(response)
    if isinstance(questionnaire, Questionnaire):
        model = questionnaire
    elif questionnaire is not None:
        from msqschema.questionnaire.loader import load_for_validation

        model = load_for_validation(questionnaire)
    else:
        named = _named_questionnaire(response)
        if isinstance(named, Problem):
            return Report(response.file, (named,))
        model = named
    return capped_report(response.file, _Check(model, response).problems(), max_problems)


class _Check:
    """Validation of one response against one questionnaire."""

    def __init__(self, questionnaire: Questionnaire, response: Response):
        self.questionnaire = questionnaire
        self.response = response
        self.compiled = _compiled(questionnaire)

    def problems(self) -> Iterator[Pending]:
        """Every problem of the response, as it is found."""
        data, document = self.response.data, self.response.document
        for duplicate in document.duplicates:
            yield ready(self.duplicate(duplicate))
        if not self.compiled.passes(data):
            yield from schema_pending(self.compiled.errors(data), document, self.response.file,
                                       RESPONSE_CODES, self.compiled.locate)
        for finding in check_rules(self.questionnaire, self.response.answers,
                                   self.compiled.ruled):
            pos = (document.key_pos if finding.at_key else document.value_pos)(finding.path)
            yield ready(codes.make_problem(
                finding.code, file=self.response.file, line=pos.line, column=pos.column,
                pointer=pointer(finding.path), **self.compiled.question_fields(finding.path),
                **finding.values))

    def duplicate(self, duplicate: DuplicateKey) -> Problem:
        path = (*duplicate.path, duplicate.key)
        return codes.make_problem(
            codes.ANSWER_DUPLICATE_KEY, file=self.response.file, line=duplicate.second.line,
            column=duplicate.second.column, pointer=pointer(path),
            **self.compiled.question_fields(path), key=duplicate.key,
            first_line=duplicate.first.line)


def _named_questionnaire(response: Response) -> Questionnaire | Problem:
    """The bundled questionnaire a response names (the default one if it names none)."""
    from msqschema.questionnaire.loader import load_bundled

    name = response.questionnaire_id or DEFAULT_QUESTIONNAIRE
    questionnaire = load_bundled(name, for_validation=True)
    if questionnaire is not None:
        return questionnaire
    from msqschema.resources import bundled_questionnaires

    pos = response.document.value_pos(("questionnaire",))
    return codes.make_problem(
        codes.WRONG_QUESTIONNAIRE, file=response.file, line=pos.line, column=pos.column,
        pointer="/questionnaire", situation="not_bundled", name=name,
        bundled=", ".join(bundled_questionnaires()))


class _Compiled:
    """What validating against one questionnaire needs, built once: the schema compiled (its
    outline, and each answer's schema) and an index of the questions."""

    def __init__(self, questionnaire: Questionnaire):
        self.schema = response_schema(questionnaire, annotations=False, requirements=False)
        answers = self.schema["properties"]["answers"]
        self.answer_schemas: dict[str, Any] = answers["properties"]
        outline = {**self.schema, "properties": {**self.schema["properties"], "answers": {
            **answers, "properties": {key: {} for key in self.answer_schemas}}}}
        self.outline_passes = compile_schema(outline, KEYWORDS).passes
        self.answers = {key: compile_schema(schema, KEYWORDS)
                        for key, schema in self.answer_schemas.items()}
        self.answer_passes = {key: compiled.passes for key, compiled in self.answers.items()}
        self.ruled = ruled_questions(questionnaire)
        self.questions: dict[JsonPath, Question] = dict(_index(questionnaire.questions()))
        self.depth = max(map(len, self.questions), default=0)

    def passes(self, data: Any) -> bool:
        """Whether the response passes the schema."""
        answer_passes = self.answer_passes
        return self.outline_passes(data) and all(
            answer_passes[key](value) for key, value in data["answers"].items())

    def errors(self, data: Any) -> Iterator[Refusal]:
        """What the response breaks in the schema, looking only into the answers that fail
        their check when the outline passes."""
        if not self.outline_passes(data):
            yield from self.whole.explain(data, ())
            return
        for key, value in data["answers"].items():
            if not self.answer_passes[key](value):
                yield from self.answers[key].explain(value, ("answers", key))

    @cached_property
    def whole(self) -> CompiledSchema:
        """The whole schema compiled, for a response whose outline is wrong (made when first
        needed)."""
        return compile_schema(self.schema, KEYWORDS)

    def locate(self, path: JsonPath) -> tuple[Mapping[str, str], JsonPath]:
        """The question at or above `path`, and the path as messages name it."""
        for end in range(min(len(path), self.depth), 1, -1):
            question = self.questions.get(path[:end])
            if question is not None:
                fields = {"question": question.ref if question.numbered else "",
                          "question_id": question.id}
                return fields, ("answer", *path[end:])
        return {}, path

    def question_fields(self, path: JsonPath) -> dict[str, Any]:
        """The Problem fields naming the question at or above `path`."""
        return dict(self.locate(path)[0])


COMPILED_KEPT = 8
"""How many questionnaires' compiled forms are kept (the ones used last)."""

_COMPILED: OrderedDict[int, tuple[Questionnaire, _Compiled]] = OrderedDict()


def _compiled(questionnaire: Questionnaire) -> _Compiled:
    """The compiled form of a questionnaire, cached by identity (hashing the model is slow);
    only the last COMPILED_KEPT questionnaires used are kept, so a long-running process that
    validates against many does not keep them all."""
    entry = _COMPILED.get(id(questionnaire))
    if entry is None or entry[0] is not questionnaire:
        entry = _COMPILED[id(questionnaire)] = (questionnaire, _Compiled(questionnaire))
        if len(_COMPILED) > COMPILED_KEPT:
            _COMPILED.popitem(last=False)
    _COMPILED.move_to_end(id(questionnaire))
    return entry[1]


def _index(questions: Iterator[Question] | tuple[Question, ...],
           parent: JsonPath = ("answers",)) -> Iterator[tuple[JsonPath, Question]]:
    for question in questions:
        path = (*parent, question.id)
        yield path, question
        yield from _index(question.sub_questions, path)

