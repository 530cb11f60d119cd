"""The checks of a questionnaire that JSON Schema cannot make: ids, texts, footnotes, conditions.

They run on the raw data of the file, beside the meta-schema check, so that one structural
mistake never hides the others; only the check for unused footnotes runs on the built model,
whose footnote numbering it shares.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, TypeGuard

from msqschema import problems as codes
from msqschema.locations import JsonPath, Pos, pointer
from msqschema.problems import Problem, did_you_mean
from msqschema.questionnaire.markup import Markup
from msqschema.questionnaire.model import (
    QUESTION_TYPES,
    ChoiceQuestion,
    GroupQuestion,
    Questionnaire,
)
from msqschema.yamlio import Document

OPERATORS = ("equals", "includes", "answered")
"""The tests a condition can make, in the order the loader looks for them."""


class QuestionnaireChecker:
    """The checks JSON Schema cannot make, run on the raw data of a questionnaire file.

    It skips whatever is malformed (the meta-schema check reports that), so a file with
    structural mistakes still gets its ids, texts, footnote references, word limits and
    conditions checked. The check that proves an absence (a condition naming an unknown
    question) could be misled by a part left unread, so it runs only when the file is
    `complete`, i.e. passed the meta-schema check. With `check_texts` false, texts are kept
    for the model but neither parsed nor checked.
    """

    def __init__(self, document: Document, text: str, file: str, *, complete: bool,
                 check_texts: bool = True) -> None:
        self.document = document
        self.lines = text.splitlines()
        self.file = file
        self.complete = complete
        self.check_texts = check_texts
        self.problems: list[Problem] = []
        self.texts: dict[JsonPath, Markup] = {}
        self.footnote_refs: list[tuple[str, JsonPath]] = []
        self.conditions: list[tuple[Any, dict[str, Any], JsonPath]] = []
        self.searched: dict[tuple[JsonPath, str], int] = {}

    def report(self, entry: codes.Code, path: JsonPath, *, at_key: bool = False,
               pos: Pos | None = None, **values: Any) -> None:
        if pos is None:
            pos = self.document.key_pos(path) if at_key else self.document.value_pos(path)
        self.problems.append(codes.make_problem(
            entry, file=self.file, line=pos.line, column=pos.column, pointer=pointer(path),
            **values))

    def locate(self, path: JsonPath, needle: str) -> Pos:
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
    def check(self) -> None:
        """Run every check; `problems` holds what they found, `texts` every text by path."""
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
        if isinstance(footnotes, dict):
            self.check_footnote_references(footnotes)

    def unique(self, kind: str, entries: list[tuple[JsonPath, dict[str, Any]]]) -> None:
        seen: dict[str, JsonPath] = {}
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
    def question(self, item: dict[str, Any], path: JsonPath, asker: Any) -> None:
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

    def word_limit(self, item: dict[str, Any], path: JsonPath) -> None:
        limit = item.get("max_words")
        if _is_int(limit) and limit <= 0:
            self.report(codes.BAD_WORD_LIMIT, (*path, "max_words"), value=limit)

    def check_conditions(self, top: list[tuple[JsonPath, dict[str, Any]]]) -> None:
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
    def text(self, container: dict[str, Any], path: JsonPath, key: str) -> None:
        """Keep the text at `container[key]`; check its markup and note its references."""
        source = container.get(key)
        if not isinstance(source, str):
            return
        text_path = (*path, key)
        markup = self.texts[text_path] = Markup(source)
        if not self.check_texts:
            return
        lines = source.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        for problem in markup.problems:
            words = lines[problem.line][problem.column:].split()
            pos = self.locate(text_path, words[0]) if words else None
            self.report(codes.BAD_MARKUP, text_path, pos=pos, message=problem.message)
        self.footnote_refs.extend((footnote_id, text_path) for footnote_id in markup.footnote_ids)

    def check_footnote_references(self, footnotes: dict[str, Any]) -> None:
        for footnote_id, path in self.footnote_refs:
            if footnote_id not in footnotes:
                self.report(codes.UNDEFINED_FOOTNOTE, path,
                            pos=self.locate(path, f"[^{footnote_id}]"), id=footnote_id,
                            suggestion=did_you_mean(footnote_id, list(footnotes)))


def unused_footnotes(questionnaire: Questionnaire, file: str) -> Iterator[Problem]:
    """A problem for each footnote the built questionnaire defines but never refers to."""
    numbered = {note.id for note in questionnaire.footnotes}
    for note in questionnaire.footnote_definitions:
        if note.id not in numbered:
            yield codes.make_problem(codes.UNUSED_FOOTNOTE, file=file, line=note.pos.line,
                                     column=note.pos.column,
                                     pointer=pointer(("footnotes", note.id)), id=note.id)


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
        return (f"{target_id!r} has no option {value!r}"
                f"{did_you_mean(str(value), [str(option) for option in options])}")
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


def _entries(container: dict[str, Any], path: JsonPath, key: str
             ) -> list[tuple[JsonPath, dict[str, Any]]]:
    """The mappings in the list at `container[key]`, with their paths; [] if it is no list."""
    items = container.get(key)
    if not isinstance(items, list):
        return []
    return [((*path, key, index), item) for index, item in enumerate(items)
            if isinstance(item, dict)]


def _is_int(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)
