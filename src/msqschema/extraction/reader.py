"""Read a filled Word form back into a response: `extract(docx) -> Extraction`.

Each answer place of a DOCX rendered by msqschema is a content control tagged `msq:/<path>`
(docs/collecting-responses.md). The questionnaire says which places to expect and how their
contents make an answer; places that are missing, doubled or unknown, and text typed outside
them, become problems. Text answers lose their formatting and outer whitespace, nothing else.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path
from typing import Any

from msqschema import problems as codes
from msqschema.extraction.docx_package import Body, Control, DocxError, read_docx
from msqschema.extraction.positions import Divergence, align
from msqschema.frozen import frozen
from msqschema.problems import InputError, Problem
from msqschema.questionnaire.model import Question, Questionnaire
from msqschema.resources import DEFAULT_QUESTIONNAIRE
from msqschema.types import TYPES

QUESTIONNAIRE_PROPERTY = "msqschema.questionnaire"
LANGUAGE_PROPERTY = "msqschema.language"
"""The custom document property naming the questionnaire a DOCX was rendered from."""


_NOT_OURS = "was it rendered by msqschema?"


@frozen
class Extraction:
    """What a filled form holds: its answers in questionnaire order, and the problems found."""

    file: str
    questionnaire: Questionnaire
    answers: dict[str, Any]
    problems: tuple[Problem, ...]

    def __repr__(self) -> str:
        return (f"Extraction(file={self.file!r}, questionnaire={self.questionnaire.id!r}, "
                f"answers={len(self.answers)}, problems={len(self.problems)})")

    @property
    def response(self) -> dict[str, Any]:
        """The response as plain data: `{"questionnaire": id, "answers": {...}}`."""
        return {"questionnaire": self.questionnaire.id, "answers": self.answers}

    def to_yaml(self) -> str:
        """The response file: YAML with the question number and prompt above each answer."""
        from msqschema.extraction.response_writer import response_yaml

        preamble = [f"Response to {self.questionnaire.title} ({self.questionnaire.id}).",
                    f"Read from {Path(self.file).name} by `msqschema extract`; "
                    "the format is described in docs/response-files.md."]
        return response_yaml(self.questionnaire, self.answers, preamble=preamble)


def extract(source: str | Path | bytes, questionnaire: Questionnaire | str | Path | None = None,
            *, name: str | None = None, templates: str | Path | None = None,
            sandbox: bool = False) -> Extraction:
    """Read the answers of a filled DOCX (a path or its bytes).

    `questionnaire` is a model, a file or a bundled name; by default the one the document names.
    `templates` is the template override folder the form was rendered with, if any: text that
    the blank form does not have is reported as typed outside the answer places; `sandbox`
    renders them in Jinja's sandbox (see `msqschema.render`).
    Raises `InputError` (one problem) when the input is not a readable form of that questionnaire.
    """
    file = name or ("<bytes>" if isinstance(source, bytes) else str(source))
    try:
        package = read_docx(source if isinstance(source, bytes) else Path(source))
    except DocxError as error:
        raise InputError(codes.make_problem(codes.UNREADABLE, file=file, reason=str(error))) \
            from None
    named = package.properties.get(QUESTIONNAIRE_PROPERTY) or None
    model, problems = _questionnaire(questionnaire, named, file)
    if not isinstance(questionnaire, Questionnaire):
        model = _in_language(model, package.properties.get(LANGUAGE_PROPERTY))
    folder = Path(templates).resolve() if templates is not None else None
    body = package.body
    if not body.controls and any(question.answerable for question in model.questions()):
        if not body.untagged:
            raise InputError(codes.make_problem(codes.NOT_A_FORM, file=file, reason=_NOT_OURS))
        body = _by_position(model, folder, body, file, sandbox)
        problems.append(codes.make_problem(codes.READ_BY_POSITION, file=file,
                                           count=len(body.controls)))
    reader = _Reader(body, file)
    answers = {}
    for question in model.questions():
        answer = reader.answer(question, "/" + question.id)
        if answer is not None:
            answers[question.id] = answer
    reader.report_unknown(model.id)
    problems += reader.problems
    blank = tuple(paragraph.text for paragraph in _blank_body(model, folder, sandbox).paragraphs)
    problems += _typed_outside(blank, model, body, file)
    problems += _untagged_text(body, file)
    return Extraction(file, model, answers, tuple(problems))


def _by_position(questionnaire: Questionnaire, templates: Path | None, body: Body,
                 file: str, sandbox: bool) -> Body:
    """The body with its untagged places given the paths of the blank form's places, in order;
    an InputError naming the first place where the two forms differ."""
    try:
        return align(_blank_body(questionnaire, templates, sandbox), body)
    except Divergence as divergence:
        question = _question_at(questionnaire, divergence.path)
        raise InputError(codes.make_problem(
            codes.FORM_CHANGED, file=file, pointer="/answers" + divergence.path,
            question=question.ref if question and question.numbered else "",
            question_id=question.id if question else "", situation=divergence.situation,
            **divergence.values)) from None


def _question_at(questionnaire: Questionnaire, path: str) -> Question | None:
    """The question or sub-item whose answer place `path` is (`/group/item/...`)."""
    top, _, rest = path.strip("/").partition("/")
    question = questionnaire.question(top)
    item = rest.partition("/")[0]
    return next((sub for sub in getattr(question, "items", ()) if sub.id == item), question)


def _in_language(model: Questionnaire, language: str | None) -> Questionnaire:
    """The questionnaire in the language the form was rendered in, so that its texts are not
    taken for text typed outside the answer places; itself if there is no such translation."""
    from msqschema.i18n.translate import load_translated
    from msqschema.problems import LoadError

    if not language or language == model.language or not model.source:
        return model
    try:
        return load_translated(model, Path(model.source), language, fallback=True)
    except (InputError, LoadError):
        return model


def _questionnaire(given: Questionnaire | str | Path | None, named: str | None,
                   file: str) -> tuple[Questionnaire, list[Problem]]:
    """The questionnaire to read the form with, checked against the one the document names."""
    from msqschema.questionnaire.loader import load_bundled, load_questionnaire

    if isinstance(given, Questionnaire):
        model = given
    elif given is not None:
        model = load_questionnaire(given)
    else:
        bundled = load_bundled(named or DEFAULT_QUESTIONNAIRE)
        if bundled is None:
            raise InputError(codes.make_problem(
                codes.OTHER_QUESTIONNAIRE, situation="not_bundled", file=file, named=named))
        model = bundled
    if named is None:
        return model, [codes.make_problem(codes.UNNAMED_QUESTIONNAIRE, file=file, id=model.id)]
    if named != model.id:
        raise InputError(codes.make_problem(
            codes.OTHER_QUESTIONNAIRE, file=file, named=named, expected=model.id))
    return model, []


class _Reader:
    """Turn the controls of a body into answers, one question at a time, noting problems."""

    def __init__(self, body: Body, file: str) -> None:
        self.file = file
        self.controls: dict[str, list[Control]] = defaultdict(list)
        for control in body.controls:
            self.controls[control.path].append(control)
        self.read: set[str] = set()
        self.problems: list[Problem] = []
        self.scope: tuple[Question, str] | None = None
        self.missing: list[str] = []
        self.doubled: list[str] = []

    def answer(self, question: Question, path: str) -> Any:
        """The answer to `question`, whose places are tagged under `path`; None if unanswered."""
        outer = self.scope, self.missing, self.doubled
        self.scope, self.missing, self.doubled = (question, path), [], []
        answer = TYPES[question.type].read(self, question, path)
        if self.missing:
            self.report(codes.MISSING_CONTROL, places=", ".join(self.missing))
        if self.doubled:
            self.report(codes.DUPLICATE_CONTROL, places=", ".join(self.doubled))
        self.scope, self.missing, self.doubled = outer
        return answer

    def report(self, entry: codes.Code, **values: Any) -> None:
        """A problem about the question being read."""
        assert self.scope is not None
        question, path = self.scope
        self.problems.append(codes.make_problem(
            entry, file=self.file, pointer="/answers" + path, question_id=question.id,
            question=question.ref if question.numbered else "", **values))

    def places(self, path: str, *, repeated: bool = False) -> list[Control]:
        """The controls tagged `path`, noting it missing, or doubled unless `repeated`."""
        self.read.add(path)
        found = self.controls.get(path, [])
        if not found:
            self.missing.append(path)
        elif len(found) > 1 and not repeated:
            self.doubled.append(path)
        return found

    def text(self, path: str) -> str | None:
        """The text of the first control tagged `path` that is filled in."""
        return next(filter(None, map(_text, self.places(path))), None)

    def control_text(self, control: Control) -> str | None:
        """A text control's answer: its text without outer whitespace; None if blank."""
        return _text(control)

    def ticked(self, path: str) -> bool:
        """Whether a checkbox tagged `path` is ticked (any of them, if doubled)."""
        found = self.places(path)
        for control in found:
            if control.glyph is not None and control.glyph != control.checked:
                state = "ticked" if control.checked else "not ticked"
                self.report(codes.CHECKBOX_GLYPH, place=path,
                            shown="☒" if control.glyph else "☐", state=state)
        return any(control.checked for control in found)

    def report_unknown(self, questionnaire_id: str) -> None:
        """A warning for each control that no question asked for."""
        for path, found in self.controls.items():
            if path not in self.read:
                text = next(filter(None, map(_text, found)), None)
                self.problems.append(codes.make_problem(
                    codes.UNKNOWN_CONTROL, file=self.file, place=path,
                    questionnaire=questionnaire_id,
                    text=f" (it holds {_start(text)!r})" if text else ""))


def _text(control: Control) -> str | None:
    """A text control's answer: its text without outer whitespace; None if blank."""
    if control.text is None:
        return None
    text = control.text.replace("\r\n", "\n").replace("\r", "\n").strip()
    return text or None


def _start(text: str, length: int = 60) -> str:
    """The start of a text, on one line."""
    line = " ".join(text.split())
    return line if len(line) <= length else line[:length - 1] + "…"


def _typed_outside(blank: tuple[str, ...], questionnaire: Questionnaire, body: Body,
                   file: str) -> list[Problem]:
    """A warning for each paragraph outside the controls that the blank form does not have."""
    expected = Counter(blank)
    problems = []
    for paragraph in body.paragraphs:
        if not paragraph.text.strip():
            continue
        if expected[paragraph.text] > 0:
            expected[paragraph.text] -= 1
            continue
        near = paragraph.after.split("/")[1] if paragraph.after else ""
        question = questionnaire.question(near)
        problems.append(codes.make_problem(
            codes.TEXT_OUTSIDE_CONTROLS, file=file, text=_start(paragraph.text),
            question=question.ref if question and question.numbered else "",
            question_id=near))
    return problems


def _untagged_text(body: Body, file: str) -> list[Problem]:
    """A warning for each untagged place holding text in a form read by its tags: not read."""
    return [codes.make_problem(codes.TEXT_OUTSIDE_CONTROLS, file=file, text=_start(text))
            for text in filter(None, map(_text, body.untagged))]


@lru_cache(maxsize=8)
def _blank_body(questionnaire: Questionnaire, templates: Path | None, sandbox: bool = False
                ) -> Body:
    """The body of the blank form as these templates render it (not to be changed)."""
    from msqschema.render import render

    blank = render(questionnaire, "docx", templates=templates, sandbox=sandbox)
    assert isinstance(blank, bytes)
    return read_docx(blank).body
