"""Questionnaire YAML -> model: meta-schema check, semantic checks, derived numbers, positions.

`lint` collects every problem of a questionnaire file; `load_questionnaire` returns the model
or raises `LoadError` carrying those problems.
"""

from __future__ import annotations

import json
from functools import cache, lru_cache
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
    Option,
    OtherText,
    Pos,
    Question,
    Questionnaire,
    Section,
    TextQuestion,
)
from msqschema.problems import InputError, LoadError, Problem, Report, did_you_mean, sort_key
from msqschema.resources import bundled_questionnaires
from msqschema.schema_errors import ErrorCodes, pointer, schema_problems
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


@lru_cache(maxsize=16)
def _cached_load(path: Path, version: tuple[int, int], display_name: str) -> Questionnaire:
    """Load once per file version (its modification time and size, so an edit is seen)."""
    questionnaire, found = _load(path, display_name)
    errors = tuple(problem for problem in found if problem.severity == "error")
    if errors or questionnaire is None:
        raise LoadError(errors)
    return questionnaire


def load_questionnaire(name_or_path: str | Path = "msq2020") -> Questionnaire:
    """Load a questionnaire by path or bundled name; raises `LoadError` listing every problem."""
    path = resolve_questionnaire(name_or_path)
    display = str(name_or_path) if Path(name_or_path).is_file() else str(path)
    stat = path.stat()
    return _cached_load(path.resolve(), (stat.st_mtime_ns, stat.st_size), display)


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
    """Builds a Questionnaire from a document and gathers every problem on the way."""

    def __init__(self, document: Document, text: str, file: str) -> None:
        self.document = document
        self.text = text
        self.file = file
        self.problems: list[Problem] = []
        self.texts: dict[Path_, Markup] = {}

    def pos(self, path: Path_) -> Pos:
        return self.document.value_pos(path)

    # -- the whole document ---------------------------------------------------------------
    def build(self) -> Questionnaire | None:
        """The model, or None when the meta-schema check failed; problems go to `problems`."""
        data = self.document.data
        for duplicate in self.document.duplicates:
            self.problems.append(codes.make_problem(
                codes.DUPLICATE_KEY, file=self.file, line=duplicate.second.line,
                column=duplicate.second.column, pointer=pointer((*duplicate.path, duplicate.key)),
                key=duplicate.key, first_line=duplicate.first.line))
        found = schema_problems(meta_schema_validator().iter_errors(data), self.document,
                                self.file, LINT_CODES)
        self.problems.extend(found)
        checker = _Checker(self.document, self.text, self.file, complete=not found)
        footnote_order = checker.check()
        self.problems.extend(checker.problems)
        self.texts = checker.texts
        if found or not isinstance(data, dict):
            return None
        header = tuple(self.question(item, ("header", index), numbered=False)
                       for index, item in enumerate(data.get("header", [])))
        return Questionnaire(
            id=data["id"], title=data["title"], edition=data.get("edition"),
            language=data["language"], introduction=self.markup(("introduction",)),
            header=header, sections=self.sections(data["sections"]),
            closing=self.markup(("closing",)), footnotes=self.footnotes(footnote_order),
            source=self.file)

    def markup(self, path: Path_) -> Markup | None:
        """The parsed text at `path` (the checker parsed every text), or None."""
        return self.texts.get(path)

    def sections(self, items: list[dict[str, Any]]) -> tuple[Section, ...]:
        sections, counter = [], 0
        for index, item in enumerate(items):
            path: Path_ = ("sections", index)
            numeral = ROMAN[index] if index < len(ROMAN) else _roman(index + 1)
            restart = item.get("numbering") == "restart"
            if restart:
                counter = 0
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
            title = self.markup((*path, "title")) or Markup("", ())
            sections.append(Section(id=item["id"], numeral=numeral, title=title,
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
            "prompt": self.markup((*path, "prompt")),
            "hint": self.markup((*path, "hint")),
            "when": self.condition(item.get("when"), (*path, "when")),
        }
        cls = QUESTION_TYPES[kind]
        if cls is TextQuestion:
            fields["max_words"] = item.get("max_words")
        elif cls is ChoiceQuestion:
            fields.update(self.choice_fields(item, path))
        elif cls is GroupQuestion:
            fields["items"] = tuple(
                self.question(sub, (*path, "items", index), numbered=numbered,
                              number=_letters(index),
                              ref=f"{ref}{_letters(index)}" if ref else sub["id"])
                for index, sub in enumerate(item["items"]))
        elif kind == "records":
            fields["columns"] = tuple(
                Column(id=column["id"], type=column["type"], label=column["label"],
                       pos=self.pos((*path, "columns", index)))
                for index, column in enumerate(item["columns"]))
            fields["min_rows"] = item.get("min_rows", 0)
            fields["max_rows"] = item.get("max_rows")
        elif kind == "contact":
            names = item.get("fields", list(CONTACT_FIELDS))
            fields["fields"] = tuple(
                Column(id=name, type=CONTACT_FIELDS[name][0], label=CONTACT_FIELDS[name][1],
                       pos=self.pos((*path, "fields", index)) if "fields" in item
                       else fields["pos"])
                for index, name in enumerate(names))
        elif kind == "consent":
            fields["statement"] = self.markup((*path, "statement"))
        elif kind == "note":
            fields["text"] = self.markup((*path, "text"))
        return cls(**fields)

    def choice_fields(self, item: dict[str, Any], path: Path_) -> dict[str, Any]:
        options = []
        for index, option in enumerate(item["options"]):
            option_path = (*path, "options", index)
            other = option.get("other")
            options.append(Option(
                id=option["id"], label=self.markup((*option_path, "label")),
                other=None if other is None else OtherText(max_words=other.get("max_words")),
                pos=self.pos(option_path)))
        explanation = None
        if "explanation" in item:
            explanation_path = (*path, "explanation")
            entry = item["explanation"]
            explanation = Explanation(
                prompt=self.markup((*explanation_path, "prompt")),
                hint=self.markup((*explanation_path, "hint")),
                max_words=entry.get("max_words"),
                when=Condition(question_id=item["id"], operator="answered",
                               pos=self.pos(explanation_path)),
                pos=self.pos(explanation_path))
        return {"options": tuple(options), "explanation": explanation,
                "lead_in": self.markup((*path, "lead_in"))}

    def condition(self, entry: dict[str, Any] | None, path: Path_) -> Condition | None:
        if entry is None:
            return None
        operator = next(key for key in OPERATORS if key in entry)
        value = None if operator == "answered" else entry[operator]
        return Condition(question_id=entry["question"], operator=operator, value=value,
                         pos=self.pos(path))

    def footnotes(self, order: list[str]) -> tuple[Footnote, ...]:
        return tuple(Footnote(id=footnote_id, number=number,
                              text=self.markup(("footnotes", footnote_id)) or Markup("", ()),
                              pos=self.document.key_pos(("footnotes", footnote_id)))
                     for number, footnote_id in enumerate(order, start=1))


OPERATORS = ("equals", "includes", "answered")
"""The tests a condition can make, in the order the loader looks for them."""


class _Checker:
    """The checks JSON Schema cannot make, run on the raw data of a questionnaire file.

    It skips whatever is malformed (the meta-schema check reports that), so a file with
    structural mistakes still gets its ids, texts, footnote references, word limits and
    conditions checked. The two checks that prove an absence (a condition naming an unknown
    question, an unused footnote) could be misled by a part left unread, so they run only when
    the file is `complete`, i.e. passed the meta-schema check.
    """

    def __init__(self, document: Document, text: str, file: str, *, complete: bool) -> None:
        self.document = document
        self.lines = text.splitlines()
        self.file = file
        self.complete = complete
        self.problems: list[Problem] = []
        self.texts: dict[Path_, Markup] = {}
        self.footnote_refs: list[tuple[str, Path_]] = []
        self.conditions: list[tuple[Any, dict[str, Any], Path_]] = []
        self.searched: dict[tuple[Path_, str], int] = {}

    def report(self, entry: codes.Code, path: Path_, *, at_key: bool = False,
               pos: Pos | None = None, **values: Any) -> None:
        if pos is None:
            pos = self.document.key_pos(path) if at_key else self.document.value_pos(path)
        self.problems.append(codes.make_problem(
            entry, file=self.file, line=pos.line, column=pos.column, pointer=pointer(path),
            **values))

    def locate(self, path: Path_, needle: str) -> Pos:
        """Where `needle` is in the file from the value at `path` on (its next occurrence when
        asked again for the same value), or the value's own position if it cannot be found."""
        start = self.document.value_pos(path)
        skip = self.searched.get((path, needle), 0)
        self.searched[(path, needle)] = skip + 1
        column = start.column - 1
        for line_number in range(start.line, len(self.lines) + 1):
            line = self.lines[line_number - 1]
            index = line.find(needle, column)
            while index >= 0:
                if not skip:
                    return Pos(line_number, index + 1)
                skip -= 1
                index = line.find(needle, index + len(needle))
            column = 0
        return start

    # -- the whole document ---------------------------------------------------------------
    def check(self) -> list[str]:
        """Run every check; return the footnote ids in order of first reference."""
        root = self.document.data if isinstance(self.document.data, dict) else {}
        self.text(root, (), "introduction")
        top = _entries(root, (), "header")
        for path, question in top:
            self.question(question, path, question.get("id"))
        sections = _entries(root, (), "sections")
        for path, section in sections:
            self.text(section, path, "title")
            questions = _entries(section, path, "questions")
            for question_path, question in questions:
                self.question(question, question_path, question.get("id"))
            top += questions
        self.text(root, (), "closing")
        footnotes = root.get("footnotes", {})
        for footnote_id in footnotes if isinstance(footnotes, dict) else ():
            self.text(footnotes, ("footnotes",), footnote_id)
        self.unique("section", sections)
        self.unique("question", top)
        self.check_conditions(top)
        return self.check_footnotes(footnotes) if isinstance(footnotes, dict) else []

    def unique(self, kind: str, entries: list[tuple[Path_, dict[str, Any]]]) -> None:
        seen: dict[str, Path_] = {}
        for path, entry in entries:
            identifier = entry.get("id")
            if not isinstance(identifier, str):
                continue
            if identifier in seen:
                self.report(codes.DUPLICATE_ID, (*path, "id"), kind=kind, id=identifier,
                            first_line=self.document.value_pos((*seen[identifier], "id")).line)
            else:
                seen[identifier] = path

    # -- questions ------------------------------------------------------------------------
    def question(self, item: dict[str, Any], path: Path_, asker: Any) -> None:
        """Check one question (and its sub-items); `asker` is its top-level question's id."""
        kind = item.get("type")
        cls = QUESTION_TYPES.get(kind) if isinstance(kind, str) else None
        self.text(item, path, "prompt")
        self.text(item, path, "hint")
        if kind in ("text", "long_text", "url"):  # the types with a word limit
            self.word_limit(item, path)
        elif cls is ChoiceQuestion:
            self.text(item, path, "lead_in")
            options = _entries(item, path, "options")
            if item.get("options") == []:
                self.report(codes.NO_OPTIONS, (*path, "options"), type=kind, id=item.get("id"))
            for option_path, option in options:
                self.text(option, option_path, "label")
                if isinstance(option.get("other"), dict):
                    self.word_limit(option["other"], (*option_path, "other"))
            self.unique("option", options)
            explanation = item.get("explanation")
            if isinstance(explanation, dict):
                self.text(explanation, (*path, "explanation"), "prompt")
                self.text(explanation, (*path, "explanation"), "hint")
                self.word_limit(explanation, (*path, "explanation"))
        elif cls is GroupQuestion:
            items = _entries(item, path, "items")
            for item_path, sub in items:
                self.question(sub, item_path, asker)
            self.unique("sub-item", items)
        elif kind == "records":
            self.unique("column", _entries(item, path, "columns"))
            low, high = item.get("min_rows", 0), item.get("max_rows")
            if _is_int(low) and _is_int(high) and low > high:
                self.report(codes.INVALID_VALUE, (*path, "min_rows"),
                            message=f"min_rows ({low}) is larger than max_rows ({high})")
        elif kind == "consent":
            self.text(item, path, "statement")
        elif kind == "note":
            self.text(item, path, "text")
        when = item.get("when")
        if isinstance(when, dict) and isinstance(when.get("question"), str):
            self.conditions.append((asker, when, (*path, "when")))

    def word_limit(self, item: dict[str, Any], path: Path_) -> None:
        limit = item.get("max_words")
        if _is_int(limit) and limit <= 0:
            self.report(codes.BAD_WORD_LIMIT, (*path, "max_words"), value=limit)

    def check_conditions(self, top: list[tuple[Path_, dict[str, Any]]]) -> None:
        targets: dict[str, dict[str, Any]] = {}
        for _, question in top:
            if isinstance(question.get("id"), str):
                targets.setdefault(question["id"], question)
        depends: dict[str, list[str]] = {}  # question id -> the questions its conditions name
        for asker, when, _ in self.conditions:
            if isinstance(asker, str):
                depends.setdefault(asker, []).append(when["question"])
        for asker, when, path in self.conditions:
            target = targets.get(when["question"])
            if target is None:
                if self.complete:
                    others = [question_id for question_id in targets if question_id != asker]
                    self.report(codes.UNKNOWN_CONDITION_QUESTION, (*path, "question"),
                                id=when["question"],
                                suggestion=did_you_mean(when["question"], others))
                continue
            message = _impossible(asker, target, when) or _circle(asker, when["question"],
                                                                  depends)
            if message:
                self.report(codes.IMPOSSIBLE_CONDITION, path, message=message)

    # -- text and footnotes ---------------------------------------------------------------
    def text(self, container: dict[str, Any], path: Path_, key: str) -> None:
        """Parse the text at `container[key]`, report its markup problems, note its references."""
        source = container.get(key)
        if not isinstance(source, str):
            return
        text_path = (*path, key)
        markup, found = parse_markup(source)
        self.texts[text_path] = markup
        lines = source.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        for problem in found:
            words = lines[problem.line][problem.column:].split()
            pos = self.locate(text_path, words[0]) if words else None
            self.report(codes.BAD_MARKUP, text_path, pos=pos, message=problem.message)
        self.footnote_refs.extend((footnote_id, text_path) for footnote_id in markup.footnote_ids)

    def check_footnotes(self, footnotes: dict[str, Any]) -> list[str]:
        order: list[str] = []
        for footnote_id, path in self.footnote_refs:
            if footnote_id in footnotes:
                if footnote_id not in order:
                    order.append(footnote_id)
                continue
            self.report(codes.UNDEFINED_FOOTNOTE, path, pos=self.locate(path, f"[^{footnote_id}]"),
                        id=footnote_id, suggestion=did_you_mean(footnote_id, list(footnotes)))
        for footnote_id in footnotes if self.complete else ():
            if footnote_id not in order:
                self.report(codes.UNUSED_FOOTNOTE, ("footnotes", footnote_id), at_key=True,
                            id=footnote_id)
        return order


def _impossible(asker: Any, target: dict[str, Any], when: dict[str, Any]) -> str:
    """Why a condition on the question `target` can never hold, or '' when it can (or when it
    is malformed: the meta-schema check reports that)."""
    target_id, kind = target.get("id"), target.get("type")
    operators = [key for key in OPERATORS if key in when]
    operator = operators[0] if len(operators) == 1 else ""
    value = when.get(operator)
    if not operator or not isinstance(kind, str) or kind not in QUESTION_TYPES or (
            operator != "answered" and not isinstance(value, str)):
        return ""
    if target_id == asker:
        return f"question {asker!r} cannot depend on itself"
    if operator == "answered":
        return f"{target_id!r} is a note and is never answered" if kind == "note" else ""
    if kind == "yes_no":
        if operator != "equals":
            return f"use 'equals' for a yes_no question such as {target_id!r}"
        if value in ("yes", "no"):
            return ""
        return f"yes/no question {target_id!r} is answered 'yes' or 'no', not {value!r}"
    if QUESTION_TYPES[kind] is ChoiceQuestion:
        wanted = "includes" if kind == "multiple_choice" else "equals"
        if operator != wanted:
            return f"use '{wanted}' for a {kind} question such as {target_id!r}"
        options = [option.get("id") for _, option in _entries(target, (), "options")]
        if value in options or not all(isinstance(option, str) for option in options):
            return ""
        return f"{target_id!r} has no option {value!r}{did_you_mean(value, options)}"
    return (f"{kind} question {target_id!r} has no fixed values: "
            f"use 'answered: true' to depend on it")


def _circle(asker: Any, target: str, depends: dict[str, list[str]]) -> str:
    """Why `asker` can never be asked when `target` depends, through conditions, on `asker`."""
    chains = {target: [target]}
    waiting = [target]
    while waiting:
        current = waiting.pop(0)
        for named in depends.get(current, ()):
            if named == asker:
                chain = " -> ".join(map(repr, [asker, *chains[current], asker]))
                return f"the conditions go round in a circle: {chain}"
            if named not in chains:
                chains[named] = [*chains[current], named]
                waiting.append(named)
    return ""


def _entries(container: dict[str, Any], path: Path_, key: str
             ) -> list[tuple[Path_, dict[str, Any]]]:
    """The mappings in the list at `container[key]`, with their paths; [] if it is no list."""
    items = container.get(key)
    if not isinstance(items, list):
        return []
    return [((*path, key, index), item) for index, item in enumerate(items)
            if isinstance(item, dict)]


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


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
