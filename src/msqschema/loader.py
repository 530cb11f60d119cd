"""Questionnaire YAML -> model: meta-schema check, semantic checks, derived numbers, positions.

`lint` collects every problem of a questionnaire file; `load_questionnaire` returns the model
or raises `LoadError` carrying those problems.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources as importlib_resources
from pathlib import Path
from typing import Any

from msqschema import problems as codes
from msqschema.markup import Markup, parse_markup
from msqschema.model import (
    CONTACT_FIELDS,
    QUESTION_TYPES,
    ChoiceQuestion,
    Column,
    Condition,
    Explanation,
    Footnote,
    GroupQuestion,
    OtherText,
    Option,
    Pos,
    Question,
    Questionnaire,
    Section,
    TextQuestion,
)
from msqschema.problems import InputError, LoadError, Problem, Report, did_you_mean, sort_key
from msqschema.schema_errors import ErrorCodes, pointer, schema_problems
from msqschema.resources import bundled_questionnaires
from msqschema.yamlio import Document, ReadError, load_yaml

Path_ = tuple[str | int, ...]
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII",
         "XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX")
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
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise InputError(codes.make_problem(
            codes.UNREADABLE, file=display_name, reason=error.strerror or str(error))) from None
    try:
        return load_yaml(raw), raw.decode("utf-8-sig")
    except ReadError as error:
        pos = error.pos
        raise InputError(codes.make_problem(
            codes.UNREADABLE, file=display_name, reason=error.message,
            line=pos.line if pos else None, column=pos.column if pos else None,
        )) from None


def lint(name_or_path: str | Path = "msq2020") -> Report:
    """Every problem of a questionnaire file; raises `InputError` if it cannot be read."""
    path = resolve_questionnaire(name_or_path)
    _, found = _load(path, str(name_or_path) if Path(name_or_path).is_file() else str(path))
    return Report(file=str(path), problems=found)


@cache
def _cached_load(path: Path, mtime: float, display_name: str) -> Questionnaire:
    questionnaire, found = _load(path, display_name)
    errors = tuple(problem for problem in found if problem.severity == "error")
    if errors or questionnaire is None:
        raise LoadError(errors)
    return questionnaire


def load_questionnaire(name_or_path: str | Path = "msq2020") -> Questionnaire:
    """Load a questionnaire by path or bundled name; raises `LoadError` listing every problem."""
    path = resolve_questionnaire(name_or_path)
    display = str(name_or_path) if Path(name_or_path).is_file() else str(path)
    return _cached_load(path.resolve(), path.stat().st_mtime, display)


def _load(path: Path, display_name: str) -> tuple[Questionnaire | None, tuple[Problem, ...]]:
    document, text = read_document(path, display_name)
    builder = _Builder(document, text, display_name)
    questionnaire = builder.build()
    return questionnaire, tuple(sorted(builder.problems, key=sort_key))


LINT_CODES = ErrorCodes(unknown_key=codes.UNKNOWN_KEY, missing_key=codes.MISSING_KEY,
                        wrong_type=codes.WRONG_TYPE, invalid_value=codes.INVALID_VALUE)


@cache
def meta_schema() -> dict[str, Any]:
    """The JSON Schema of the questionnaire language (shipped in the package)."""
    source = importlib_resources.files("msqschema") / "schemas" / "questionnaire.schema.json"
    return json.loads(source.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@cache
def meta_schema_validator() -> Any:
    """A jsonschema validator for the questionnaire language, built once."""
    from jsonschema import Draft202012Validator

    return Draft202012Validator(meta_schema())


class _Builder:
    """Builds a Questionnaire from a checked document and gathers every problem on the way."""

    def __init__(self, document: Document, text: str, file: str) -> None:
        self.document = document
        self.lines = text.splitlines()
        self.file = file
        self.problems: list[Problem] = []
        self.footnote_refs: list[tuple[str, Path_, str]] = []
        self.conditions: list[tuple[str, Condition, Path_]] = []

    # -- problems -------------------------------------------------------------------------
    def report(self, entry: codes.Code, path: Path_, *, at_key: bool = False, **values: Any) -> None:
        pos = self.document.key_pos(path) if at_key else self.document.value_pos(path)
        self.problems.append(codes.make_problem(
            entry, file=self.file, line=pos.line, column=pos.column,
            pointer=pointer(path), **values))

    def pos(self, path: Path_) -> Pos:
        return self.document.value_pos(path)

    # -- the whole document ---------------------------------------------------------------
    def build(self) -> Questionnaire | None:
        data = self.document.data
        for duplicate in self.document.duplicates:
            self.problems.append(codes.make_problem(
                codes.DUPLICATE_KEY, file=self.file, line=duplicate.second.line,
                column=duplicate.second.column, pointer=pointer((*duplicate.path, duplicate.key)),
                key=duplicate.key, first_line=duplicate.first.line))
        found = schema_problems(meta_schema_validator().iter_errors(data), self.document,
                                self.file, LINT_CODES)
        self.problems.extend(found)
        if found or not isinstance(data, dict):
            return None
        introduction = self.markup(data.get("introduction"), ("introduction",))
        header = tuple(self.question(item, ("header", index), numbered=False)
                       for index, item in enumerate(data.get("header", [])))
        sections = self.sections(data["sections"])
        closing = self.markup(data.get("closing"), ("closing",))
        footnotes = self.footnotes(data.get("footnotes", {}))
        questionnaire = Questionnaire(
            id=data["id"], title=data["title"], edition=data.get("edition"),
            language=data["language"], introduction=introduction, header=header,
            sections=sections, closing=closing, footnotes=footnotes, source=self.file)
        self.check_ids(data)
        self.check_conditions(questionnaire)
        return questionnaire

    def sections(self, items: list[dict[str, Any]]) -> tuple[Section, ...]:
        sections, counter = [], 0
        for index, item in enumerate(items):
            path: Path_ = ("sections", index)
            numeral = ROMAN[index] if index < len(ROMAN) else str(index + 1)
            restart = item.get("numbering") == "restart"
            if restart:
                counter = 0
            title = self.markup(item["title"], (*path, "title"))
            questions = []
            for q_index, entry in enumerate(item["questions"]):
                numbered = entry.get("numbered", True) and entry["type"] != "note"
                if numbered:
                    counter += 1
                    ref = f"{numeral}.{counter}" if restart else str(counter)
                    number = str(counter)
                else:
                    ref = number = None
                questions.append(self.question(entry, (*path, "questions", q_index),
                                               numbered=numbered, number=number, ref=ref))
            sections.append(Section(id=item["id"], numeral=numeral, title=title or Markup("", ()),
                                    questions=tuple(questions), restart_numbering=restart,
                                    pos=self.pos(path)))
        return tuple(sections)

    # -- questions ------------------------------------------------------------------------
    def question(self, item: dict[str, Any], path: Path_, *, numbered: bool,
                 number: str | None = None, ref: str | None = None) -> Question:
        kind = item["type"]
        fields: dict[str, Any] = {
            "id": item["id"], "type": kind, "numbered": numbered, "number": number,
            "ref": ref or item["id"], "pos": self.pos(path),
            "prompt": self.markup(item.get("prompt"), (*path, "prompt")),
            "hint": self.markup(item.get("hint"), (*path, "hint")),
            "when": self.condition(item.get("when"), (*path, "when")),
        }
        cls = QUESTION_TYPES[kind]
        if cls is TextQuestion:
            fields["max_words"] = self.word_limit(item, path)
        elif cls is ChoiceQuestion:
            fields.update(self.choice_fields(item, path))
        elif cls is GroupQuestion:
            fields["items"] = tuple(
                self.question(sub, (*path, "items", index), numbered=numbered,
                              number=LETTERS[index % 26],
                              ref=f"{ref}{LETTERS[index % 26]}" if ref else sub["id"])
                for index, sub in enumerate(item["items"]))
        elif kind == "records":
            fields["columns"] = tuple(
                Column(id=column["id"], type=column["type"], label=column["label"],
                       pos=self.pos((*path, "columns", index)))
                for index, column in enumerate(item["columns"]))
            fields["min_rows"] = item.get("min_rows", 0)
            fields["max_rows"] = item.get("max_rows")
            if fields["max_rows"] is not None and fields["min_rows"] > fields["max_rows"]:
                self.report(codes.INVALID_VALUE, (*path, "min_rows"),
                            message="min_rows is larger than max_rows")
        elif kind == "contact":
            names = item.get("fields", list(CONTACT_FIELDS))
            fields["fields"] = tuple(
                Column(id=name, type=CONTACT_FIELDS[name][0], label=CONTACT_FIELDS[name][1],
                       pos=self.pos((*path, "fields", index)) if "fields" in item else fields["pos"])
                for index, name in enumerate(names))
        elif kind == "consent":
            fields["statement"] = self.markup(item["statement"], (*path, "statement"))
        elif kind == "note":
            fields["text"] = self.markup(item["text"], (*path, "text"))
        return cls(**fields)

    def choice_fields(self, item: dict[str, Any], path: Path_) -> dict[str, Any]:
        if not item["options"]:
            self.report(codes.NO_OPTIONS, (*path, "options"), type=item["type"], id=item["id"])
        options = []
        for index, option in enumerate(item["options"]):
            option_path = (*path, "options", index)
            other = option.get("other")
            options.append(Option(
                id=option["id"], label=self.markup(option["label"], (*option_path, "label")),
                other=None if other is None else OtherText(
                    max_words=self.word_limit(other, (*option_path, "other"))),
                pos=self.pos(option_path)))
        explanation = None
        if "explanation" in item:
            explanation_path = (*path, "explanation")
            entry = item["explanation"]
            explanation = Explanation(
                prompt=self.markup(entry.get("prompt"), (*explanation_path, "prompt")),
                hint=self.markup(entry.get("hint"), (*explanation_path, "hint")),
                max_words=self.word_limit(entry, explanation_path),
                when=Condition(question_id=item["id"], operator="answered",
                               pos=self.pos(explanation_path)),
                pos=self.pos(explanation_path))
        return {"options": tuple(options), "explanation": explanation,
                "lead_in": self.markup(item.get("lead_in"), (*path, "lead_in"))}

    def word_limit(self, item: dict[str, Any], path: Path_) -> int | None:
        limit = item.get("max_words")
        if limit is not None and limit <= 0:
            self.report(codes.BAD_WORD_LIMIT, (*path, "max_words"), value=limit)
        return limit  # type: ignore[no-any-return]

    def condition(self, entry: dict[str, Any] | None, path: Path_) -> Condition | None:
        if entry is None:
            return None
        operator = next(key for key in ("equals", "includes", "answered") if key in entry)
        value = None if operator == "answered" else entry[operator]
        condition = Condition(question_id=entry["question"], operator=operator, value=value,
                              pos=self.pos(path))
        self.conditions.append((_data_at(self.document.data, path[:-1])["id"], condition, path))
        return condition

    # -- text and footnotes ---------------------------------------------------------------
    def markup(self, source: str | None, path: Path_) -> Markup | None:
        if source is None:
            return None
        markup, found = parse_markup(source)
        for problem in found:
            self.report(codes.BAD_MARKUP, path, message=problem.message)
        for footnote_id in markup.footnote_ids:
            self.footnote_refs.append((footnote_id, path, source))
        return markup

    def footnotes(self, entries: dict[str, str]) -> tuple[Footnote, ...]:
        texts = {key: self.markup(text, ("footnotes", key)) for key, text in entries.items()}
        order: list[str] = []
        for footnote_id, path, _ in self.footnote_refs:
            if footnote_id not in entries:
                self.report_at_text(codes.UNDEFINED_FOOTNOTE, path, f"[^{footnote_id}]",
                                    id=footnote_id)
            elif footnote_id not in order:
                order.append(footnote_id)
        for footnote_id in entries:
            if footnote_id not in order:
                self.report(codes.UNUSED_FOOTNOTE, ("footnotes", footnote_id), at_key=True,
                            id=footnote_id)
        return tuple(Footnote(id=footnote_id, number=number, text=texts[footnote_id] or
                              Markup("", ()), pos=self.document.key_pos(("footnotes", footnote_id)))
                     for number, footnote_id in enumerate(order, start=1))

    def report_at_text(self, entry: codes.Code, path: Path_, needle: str, **values: Any) -> None:
        """Report at the exact line and column where `needle` appears in the value at `path`."""
        start = self.pos(path)
        for line_number in range(start.line, len(self.lines) + 1):
            column = self.lines[line_number - 1].find(needle)
            if column >= 0:
                self.problems.append(codes.make_problem(
                    entry, file=self.file, line=line_number, column=column + 1,
                    pointer=pointer(path), **values))
                return
        self.report(entry, path, **values)

    # -- cross-references -----------------------------------------------------------------
    def check_ids(self, data: dict[str, Any]) -> None:
        self.unique("section", [(s["id"], ("sections", i)) for i, s in enumerate(data["sections"])])
        top_level = [(q["id"], ("header", i)) for i, q in enumerate(data.get("header", []))]
        for s_index, section in enumerate(data["sections"]):
            top_level += [(q["id"], ("sections", s_index, "questions", i))
                          for i, q in enumerate(section["questions"])]
        self.unique("question", top_level)
        for _, path in top_level:
            self.check_nested_ids(_data_at(data, path), path)

    def check_nested_ids(self, item: dict[str, Any], path: Path_) -> None:
        for key, kind in (("options", "option"), ("columns", "column"), ("items", "sub-item")):
            entries = item.get(key) or []
            self.unique(kind, [(e["id"], (*path, key, i)) for i, e in enumerate(entries)])
        for index, sub in enumerate(item.get("items") or []):
            self.check_nested_ids(sub, (*path, "items", index))

    def unique(self, kind: str, entries: list[tuple[str, Path_]]) -> None:
        seen: dict[str, Path_] = {}
        for identifier, path in entries:
            if identifier in seen:
                self.report(codes.DUPLICATE_ID, (*path, "id"), kind=kind, id=identifier,
                            first_line=self.pos((*seen[identifier], "id")).line)
            else:
                seen[identifier] = path

    def check_conditions(self, questionnaire: Questionnaire) -> None:
        ids = [question.id for question in questionnaire.questions()]
        for asked_id, condition, path in self.conditions:
            target = questionnaire.question(condition.question_id)
            if target is None:
                self.report(codes.UNKNOWN_CONDITION_QUESTION, (*path, "question"),
                            id=condition.question_id,
                            suggestion=did_you_mean(condition.question_id, ids))
                continue
            message = _impossible(asked_id, target, condition)
            if message:
                self.report(codes.IMPOSSIBLE_CONDITION, path, message=message)


def _impossible(asked_id: str, target: Question, condition: Condition) -> str:
    """Why a condition can never hold, or '' when it can."""
    if target.id == asked_id:
        return f"question {asked_id!r} cannot depend on itself"
    if condition.operator == "answered":
        return "" if target.answerable else f"{target.id!r} is a note and is never answered"
    if target.type == "yes_no":
        if condition.operator == "equals" and condition.value in ("yes", "no"):
            return ""
        return f"yes/no question {target.id!r} is answered 'yes' or 'no', not {condition.value!r}"
    if isinstance(target, ChoiceQuestion):
        wanted = "includes" if target.multiple else "equals"
        if condition.operator != wanted:
            return f"use '{wanted}' for a {target.type} question such as {target.id!r}"
        if target.option(condition.value or "") is None:
            options = [option.id for option in target.options]
            return (f"{target.id!r} has no option {condition.value!r}"
                    f"{did_you_mean(condition.value or '', options)}")
        return ""
    return (f"{target.type} question {target.id!r} has no fixed values: "
            f"use 'answered: true' to depend on it")


def _data_at(data: Any, path: Path_) -> Any:
    for part in path:
        data = data[part]
    return data
