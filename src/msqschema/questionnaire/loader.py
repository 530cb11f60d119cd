"""Questionnaire YAML -> model: meta-schema check, semantic checks, derived numbers, positions.

`lint` collects every problem of a questionnaire file; `load_questionnaire` returns the model
or raises `LoadError` carrying those problems. A bundled questionnaire is linted by the test
suite, so loading trusts it and skips the meta-schema check (and the jsonschema import); if it
does not build cleanly all the same (an edited installation), the full check says why.
Validation reads no text of a questionnaire, so `load_for_validation` also leaves a bundled
questionnaire's texts unparsed and unchecked (and the Markdown parser unimported).
A model that loads without errors is also stored in the user's cache directory
(`questionnaire.stored`): a later process given the same file unpickles it, parsed and checked,
instead of building it again.
"""

from __future__ import annotations

import json
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from msqschema import conditions
from msqschema import problems as codes
from msqschema.locations import JsonPath, Pos, pointer
from msqschema.problems import InputError, LoadError, Problem, Report, sort_key
from msqschema.questionnaire.markup import Markup
from msqschema.questionnaire.model import (
    Condition,
    FootnoteDefinition,
    Question,
    Questionnaire,
    Section,
)
from msqschema.resources import DEFAULT_QUESTIONNAIRE, bundled_questionnaires
from msqschema.schema_errors import ErrorCodes, schema_problems
from msqschema.types import TYPES
from msqschema.yamlio import Document, ReadError, load_yaml

LETTERS = "abcdefghijklmnopqrstuvwxyz"


def resolve_questionnaire(name_or_path: str | Path) -> Path:
    """The file of a questionnaire given as a path or as the name of a bundled one."""
    path = Path(name_or_path)
    if path.is_file():
        return path
    bundled = bundled_questionnaires()
    if str(name_or_path) in bundled:
        return bundled[str(name_or_path)]
    names = ", ".join(bundled) or "none"
    raise InputError(codes.make_problem(
        codes.UNREADABLE, file=str(name_or_path),
        reason=f"no such questionnaire file or bundled questionnaire (bundled: {names})",
    ))


def read_document(path: Path, display_name: str) -> tuple[Document, str]:
    """Read a YAML file safely; unreadable input raises `InputError` with its position."""
    return parse_document(read_source(path, display_name), display_name)


def read_source(path: Path, display_name: str) -> bytes:
    """The bytes of a file; an unreadable one raises `InputError`."""
    try:
        return path.read_bytes()
    except OSError as error:
        raise InputError(codes.make_problem(
            codes.UNREADABLE, file=display_name, reason=error.strerror or str(error))) from None


def parse_document(raw: bytes, display_name: str) -> tuple[Document, str]:
    """The YAML document in `raw`, and its text; a malformed one raises `InputError`."""
    try:
        return load_yaml(raw), raw.decode("utf-8-sig")
    except ReadError as error:
        pos = error.pos
        raise InputError(codes.make_problem(
            codes.UNREADABLE, file=display_name, reason=error.message,
            line=pos.line if pos else None, column=pos.column if pos else None,
        )) from None


def lint(name_or_path: str | Path = DEFAULT_QUESTIONNAIRE) -> Report:
    """Every problem of a questionnaire file; raises `InputError` if it cannot be read."""
    path = resolve_questionnaire(name_or_path)
    display = str(name_or_path) if Path(name_or_path).is_file() else str(path)
    _, found = _load(read_source(path, display), display)
    return Report(file=str(path), problems=found)


@lru_cache(maxsize=16)
def _cached_load(path: Path, version: tuple[int, int], display_name: str,
                 trusted: bool, check_texts: bool) -> Questionnaire:
    """Load once per file version (its modification time and size, so an edit is seen); a
    model stored by an earlier process for the same bytes is used as it is (`stored`)."""
    from msqschema.questionnaire import stored

    raw = read_source(path, display_name)
    key = stored.cache_key(raw, display_name, trusted, check_texts)
    questionnaire = stored.load_stored(key)
    if questionnaire is not None:
        return questionnaire
    questionnaire = _load_trusted(raw, display_name, check_texts) if trusted else None
    if questionnaire is None:
        built, found = _load(raw, display_name)
        errors = tuple(problem for problem in found if problem.severity == "error")
        if errors or built is None:
            raise LoadError(errors)
        questionnaire = built
    stored.store(key, questionnaire)
    return questionnaire


def load_questionnaire(name_or_path: str | Path = DEFAULT_QUESTIONNAIRE, *,
                       language: str | None = None, translations: str | Path | None = None,
                       fallback: bool = False) -> Questionnaire:
    """Load a questionnaire by path or bundled name; raises `LoadError` listing every problem.

    With a `language`, its texts come from the PO file of that language beside it (or in the
    folder `translations`); see `msqschema.i18n.translate` and docs/translations.md.
    """
    questionnaire = _load_cached(name_or_path, check_texts=True)
    if language is None:
        return questionnaire
    from msqschema.i18n.translate import load_translated

    return load_translated(questionnaire, resolve_questionnaire(name_or_path), language,
                           folder=Path(translations) if translations else None,
                           fallback=fallback)


def load_for_validation(name_or_path: str | Path = DEFAULT_QUESTIONNAIRE) -> Questionnaire:
    """Load a questionnaire as `load_questionnaire` does, except that a bundled one's texts,
    which validating a response never reads, are left unparsed and unchecked.

    The two loads are cached apart: a process that uses both loads a bundled questionnaire twice.
    """
    return _load_cached(name_or_path, check_texts=False)


@cache
def load_bundled(name: str, *, for_validation: bool = False) -> Questionnaire | None:
    """The bundled questionnaire called `name`, loaded once per process (as `load_for_validation`
    does with `for_validation`); None if none is bundled by that name."""
    path = bundled_questionnaires().get(name)
    if path is None:
        return None
    return _load_cached(path, check_texts=not for_validation)


def _load_cached(name_or_path: str | Path, *, check_texts: bool) -> Questionnaire:
    path = resolve_questionnaire(name_or_path)
    display = str(name_or_path) if Path(name_or_path).is_file() else str(path)
    stat = path.stat()
    resolved = path.resolve()
    trusted = resolved in {bundled.resolve() for bundled in bundled_questionnaires().values()}
    return _cached_load(resolved, (stat.st_mtime_ns, stat.st_size), display, trusted,
                        check_texts or not trusted)


def _load(raw: bytes, display_name: str, *, trusted: bool = False, check_texts: bool = True
          ) -> tuple[Questionnaire | None, tuple[Problem, ...]]:
    document, text = parse_document(raw, display_name)
    builder = _Builder(document, text, display_name, trusted=trusted, check_texts=check_texts)
    questionnaire = builder.build()
    return questionnaire, tuple(sorted(builder.problems, key=sort_key))


def _load_trusted(raw: bytes, display_name: str, check_texts: bool) -> Questionnaire | None:
    """A bundled questionnaire built without the meta-schema check; None if that goes wrong."""
    try:
        questionnaire, found = _load(raw, display_name, trusted=True, check_texts=check_texts)
    except Exception:  # malformed after all (the builder relies on the meta-schema check)
        return None  # the full check reports it as problems
    if any(problem.severity == "error" for problem in found):
        return None
    return questionnaire


LINT_CODES = ErrorCodes(unknown_key=codes.UNKNOWN_KEY, missing_key=codes.MISSING_KEY,
                        wrong_type=codes.WRONG_TYPE, invalid_value=codes.INVALID_VALUE,
                        retired_keys={"other": ("detail", "an option's text box is now its "
                                                "detail: write `detail:` in its place, such "
                                                "as `detail: {max_words: 50}`")})


@cache
def meta_schema() -> dict[str, Any]:
    """The JSON Schema of the questionnaire language (shipped in the package)."""
    from importlib import resources as importlib_resources  # a bundled load never needs it

    source = importlib_resources.files("msqschema") / "schemas" / "questionnaire.schema.json"
    return json.loads(source.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@cache
def meta_schema_validator() -> Any:
    """A jsonschema validator for the questionnaire language, built once."""
    from jsonschema import Draft202012Validator

    return Draft202012Validator(meta_schema())


class _Builder:
    """Builds a Questionnaire from a document and gathers every problem on the way."""

    def __init__(self, document: Document, text: str, file: str, *, trusted: bool = False,
                 check_texts: bool = True) -> None:
        self.document = document
        self.text = text
        self.file = file
        self.trusted = trusted
        self.check_texts = check_texts
        self.problems: list[Problem] = []
        self.texts: dict[JsonPath, Markup] = {}
        self.trees: dict[JsonPath, conditions.Condition] = {}
        self.required = False  # the questionnaire's default for `required`
        self.parents: list[tuple[bool, str | None]] = []
        """(numbered, ref) of the questions being built, outermost first."""

    def pos(self, path: JsonPath) -> Pos:
        return self.document.value_pos(path)

    def key_pos(self, path: JsonPath) -> Pos:
        return self.document.key_pos(path)

    def option_set(self, name: str) -> tuple[list[dict[str, Any]], JsonPath]:
        sets = self.document.data.get("option_sets", {})
        return sets.get(name, []), ("option_sets", name)  # lint reports an unknown set

    # -- the whole document ---------------------------------------------------------------
    def build(self) -> Questionnaire | None:
        """The model, or None when the meta-schema check failed; problems go to `problems`."""
        from msqschema.questionnaire.checks import QuestionnaireChecker, unused_footnotes

        data = self.document.data
        for duplicate in self.document.duplicates:
            self.problems.append(codes.make_problem(
                codes.DUPLICATE_KEY, file=self.file, line=duplicate.second.line,
                column=duplicate.second.column, pointer=pointer((*duplicate.path, duplicate.key)),
                key=duplicate.key, first_line=duplicate.first.line))
        found = [] if self.trusted else schema_problems(
            meta_schema_validator().iter_errors(data), self.document, self.file, LINT_CODES)
        self.problems.extend(found)
        checker = QuestionnaireChecker(self.document, self.text, self.file, complete=not found,
                                       check_texts=self.check_texts)
        checker.check()
        self.problems.extend(checker.problems)
        self.texts = checker.texts
        self.trees = checker.trees
        if found or not isinstance(data, dict):
            return None
        self.required = bool(data.get("required", False))
        header = tuple(self.question(item, ("header", index), numbered=False)
                       for index, item in enumerate(data.get("header", [])))
        questionnaire = Questionnaire(
            id=data["id"], title=data["title"], edition=data.get("edition"),
            language=data["language"], introduction=self.markup(("introduction",)),
            header=header, sections=self.sections(data["sections"]),
            closing=self.markup(("closing",)),
            footnote_definitions=self.footnote_definitions(data.get("footnotes", {})),
            source=self.file)
        if self.check_texts:
            self.problems.extend(unused_footnotes(questionnaire, self.file))
        return questionnaire

    def markup(self, path: JsonPath) -> Markup | None:
        """The text at `path` (the checker kept every text), or None."""
        return self.texts.get(path)

    def sections(self, items: list[dict[str, Any]]) -> tuple[Section, ...]:
        sections, counter = [], 0
        for index, item in enumerate(items):
            path: JsonPath = ("sections", index)
            numeral = _roman(index + 1)
            restart = item.get("numbering") == "restart"
            if restart:
                counter = 0
            section_when = self.condition((*path, "when"))
            questions = []
            for q_index, entry in enumerate(item["questions"]):
                numbered = entry.get("numbered", True) and TYPES[entry["type"]].numbered
                ref: str | None = None
                number: str | None = None
                if numbered:
                    counter += 1
                    ref = f"{numeral}.{counter}" if restart else str(counter)
                    number = str(counter)
                questions.append(self.question(entry, (*path, "questions", q_index),
                                               numbered=numbered, number=number, ref=ref,
                                               section_when=section_when))
            title = self.markup((*path, "title")) or Markup("")
            sections.append(Section(id=item["id"], numeral=numeral, title=title,
                                    questions=tuple(questions), restart_numbering=restart,
                                    when=section_when,
                                    when_text=self.when_text(item, path),
                                    pos=self.pos(path)))
        return tuple(sections)

    # -- questions ------------------------------------------------------------------------
    def question(self, item: dict[str, Any], path: JsonPath, *, numbered: bool,
                 number: str | None = None, ref: str | None = None,
                 section_when: Condition | None = None) -> Question:
        """The model of one question: the fields every question has, then its type's; its
        condition includes its section's (`section_when`)."""
        kind = TYPES[item["type"]]
        self.parents.append((numbered, ref))
        try:
            fields = kind.fields(self, item, path)
        finally:
            self.parents.pop()
        return kind.model(
            id=item["id"], type=kind.name, numbered=numbered, number=number,
            ref=ref or item["id"], pos=self.pos(path), prompt=self.markup((*path, "prompt")),
            hint=self.markup((*path, "hint")),
            when=both(section_when, self.condition((*path, "when"))),
            own_when=self.condition((*path, "when")), when_text=self.when_text(item, path),
            required=item.get("required", self.required) is True,
            required_when=self.condition((*path, "required")), **fields)

    def sub_question(self, item: dict[str, Any], path: JsonPath, index: int) -> Question:
        """A sub-item of the question being built, lettered under it (2a, 2b ...)."""
        numbered, ref = self.parents[-1]
        letter = _letters(index)
        return self.question(item, path, numbered=numbered, number=letter,
                             ref=f"{ref}{letter}" if ref else item["id"])

    def when_text(self, item: dict[str, Any], path: JsonPath) -> Markup | None:
        """The words said instead of a condition's: its text, or an empty one (say none)."""
        return Markup("") if item.get("when_text") == "" else self.markup((*path, "when_text"))

    def condition(self, path: JsonPath) -> Condition | None:
        """The condition written at `path` (the checker parsed it), or None."""
        tree = self.trees.get(path)
        return None if tree is None else Condition(tree=tree, pos=self.pos(path))

    def footnote_definitions(self, footnotes: dict[str, Any]) -> tuple[FootnoteDefinition, ...]:
        return tuple(FootnoteDefinition(
            id=footnote_id, text=self.markup(("footnotes", footnote_id)) or Markup(""),
            pos=self.document.key_pos(("footnotes", footnote_id))) for footnote_id in footnotes)


def both(first: Condition | None, second: Condition | None) -> Condition | None:
    """A condition holding when both hold (either alone when the other is None)."""
    if first is None or second is None:
        return first or second
    return Condition(tree=conditions.AllOf((first.tree, second.tree)), pos=second.pos)


def _roman(number: int) -> str:
    """The Roman numeral of a positive number: 21 -> XXI."""
    text = ""
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"),
                           (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"),
                           (4, "IV"), (1, "I")):
        count, number = divmod(number, value)
        text += letters * count
    return text


def _letters(index: int) -> str:
    """The letter of the index-th sub-item (from 0): a ... z, then aa, ab ..."""
    text, index = "", index + 1
    while index:
        index, rest = divmod(index - 1, 26)
        text = LETTERS[rest] + text
    return text
