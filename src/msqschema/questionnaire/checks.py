"""The checks of a questionnaire that JSON Schema cannot make: ids, texts, footnotes, conditions.

They run on the raw data of the file, beside the meta-schema check, so that one structural
mistake never hides the others; only the check for unused footnotes runs on the built model,
whose footnote numbering it shares.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from msqschema import conditions
from msqschema import problems as codes
from msqschema.graphs import Graph
from msqschema.locations import JsonPath, Pos, pointer
from msqschema.problems import Problem, did_you_mean
from msqschema.questionnaire.condition_scope import QuestionnaireScope
from msqschema.questionnaire.markup import Markup
from msqschema.questionnaire.model import Questionnaire
from msqschema.schema_errors import describe
from msqschema.types import TYPES
from msqschema.types.base import answer_path, entries, is_int
from msqschema.types.choice import check_option_list
from msqschema.yamlio import Document


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
        self.whens: list[tuple[Any, str, JsonPath, Any]] = []
        """(top-level question id, owner's dotted path, path, data) of each condition written:
        a `when` of a question or section, a `required` that is a condition."""
        self.trees: dict[JsonPath, conditions.Condition] = {}
        """The parsed conditions by path, for the model."""
        self.references: list[tuple[JsonPath, str, tuple[str, ...], str]] = []
        self.option_set_uses: list[tuple[JsonPath, str]] = []
        self.sums: dict[str, list[tuple[str, JsonPath]]] = {}
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
        self.text(root, (), "introduction", block=True)
        top = entries(root, (), "header")
        for path, question in top:
            self.question(question, path, question.get("id"))
        sections = entries(root, (), "sections")
        for path, section in sections:
            self.text(section, path, "title")
            self.when_text(section, path)
            questions = entries(section, path, "questions")
            if "when" in section and questions:
                self.whens.append((questions[0][1].get("id"), f"section {section.get('id')}",
                                   (*path, "when"), section["when"]))
            for question_path, question in questions:
                self.question(question, question_path, question.get("id"))
            top += questions
        self.text(root, (), "closing", block=True)
        footnotes = root.get("footnotes", {})
        for footnote_id in footnotes if isinstance(footnotes, dict) else ():
            self.text(footnotes, ("footnotes",), footnote_id)
        self.unique("section", sections)
        self.unique("question", top)
        self.check_conditions(top)
        self.check_references(top)
        self.check_option_sets(root)
        self.check_sums()
        if isinstance(footnotes, dict):
            self.check_footnote_references(footnotes)

    def unique(self, kind: str, entries: list[tuple[JsonPath, dict[str, Any]]], *,
               answer_keys: bool = False) -> None:
        seen: dict[str, JsonPath] = {}
        for path, entry in entries:
            identifier = entry.get("id")
            if not isinstance(identifier, str):
                continue
            if answer_keys and identifier == conditions.CHOICE_KEY:
                self.report(codes.RESERVED_ID, (*path, "id"), kind=kind, id=identifier)
            if identifier in seen:
                self.report(codes.DUPLICATE_ID, (*path, "id"), kind=kind, id=identifier,
                            first_line=self.document.value_pos((*seen[identifier], "id")).line)
            else:
                seen[identifier] = path

    # -- questions ------------------------------------------------------------------------
    def question(self, item: dict[str, Any], path: JsonPath, asker: Any) -> None:
        """Check one question (and its sub-items); `asker` is its top-level question's id."""
        kind = item.get("type")
        entry = TYPES.get(kind) if isinstance(kind, str) else None
        self.text(item, path, "prompt")
        self.text(item, path, "hint", block=True)
        self.when_text(item, path)
        if entry is not None:
            entry.check(self, item, path, asker)
        owner = answer_path(item, asker)
        if "when" in item:
            self.condition(asker, owner, (*path, "when"), item["when"])
        if isinstance(item.get("required"), dict):
            self.condition(asker, owner, (*path, "required"), item["required"])

    def condition(self, asker: Any, owner: str, path: JsonPath, data: Any) -> None:
        self.whens.append((asker, owner, path, data))

    def word_limit(self, item: dict[str, Any], path: JsonPath) -> None:
        limit = item.get("max_words")
        if is_int(limit) and limit <= 0:
            self.report(codes.BAD_WORD_LIMIT, (*path, "max_words"), value=limit)

    def check_conditions(self, top: list[tuple[JsonPath, dict[str, Any]]]) -> None:
        """Parse every condition (syntax problems at their keys); when the file is complete,
        check them against what the questions are (msqschema.conditions.check)."""
        guarded = []
        scope = QuestionnaireScope(self, (question for _, question in top))
        for asker, owner, path, data in self.whens:
            tree, found = conditions.parse(data, path, self.document)
            self.problems.extend(problem.problem(self.file) for problem in found)
            if tree is not None:
                self.trees[path] = tree
                guarded.append(conditions.Guarded(owner, scope.order(str(asker)), tree))
        self.problems.extend(
            problem.problem(self.file) for problem in conditions.check(guarded, scope)
            if self.complete or problem.code is not codes.UNKNOWN_CONDITION_QUESTION)

    def option_ids(self, item: dict[str, Any]) -> tuple[str, ...]:
        options = item.get("options")
        if isinstance(options, str):
            sets = self.document.data.get("option_sets") if isinstance(
                self.document.data, dict) else None
            options = sets.get(options) if isinstance(sets, dict) else None
        return tuple(option["id"] for option in options or () if isinstance(option, dict)
                     and isinstance(option.get("id"), str)) if isinstance(options, list) else ()

    def line(self, path: JsonPath) -> int:
        return self.document.value_pos(path).line

    def depends(self, asker: Any, target: str, path: JsonPath) -> None:
        if isinstance(asker, str):
            self.sums.setdefault(asker, []).append((target, path))

    def check_sums(self) -> None:
        """Calculated questions must not add themselves up, through any chain: each circle
        is reported once, at the sum that closes it."""
        graph = Graph({asker: [target for target, _ in edges]
                       for asker, edges in self.sums.items()})
        for circle in graph.circles():
            closing, start = circle[-2], circle[-1]
            path = next(path for target, path in self.sums[closing] if target == start)
            self.report(codes.CALCULATION_CIRCLE, path, chain=" -> ".join(map(repr, circle)))

    def option_set(self, path: JsonPath, name: str) -> None:
        self.option_set_uses.append((path, name))

    def check_option_sets(self, root: dict[str, Any]) -> None:
        """Each option set's options, and each use naming an option set that exists."""
        sets = root.get("option_sets")
        sets = sets if isinstance(sets, dict) else {}
        for name, options in sets.items():
            if isinstance(options, list):
                check_option_list(self, entries(sets, ("option_sets",), name))
        for path, name in self.option_set_uses:
            if name not in sets:
                self.report(codes.UNKNOWN_OPTION_SET, path, name=name,
                            suggestion=did_you_mean(name, [str(key) for key in sets]))

    def reference(self, path: JsonPath, target: str, kinds: tuple[str, ...], what: str) -> None:
        self.references.append((path, target, kinds, what))

    def check_references(self, top: list[tuple[JsonPath, dict[str, Any]]]) -> None:
        """Each value naming another question names a top-level question of the right type."""
        kinds_by_id: dict[str, Any] = {}
        for _, question in top:
            if isinstance(question.get("id"), str):
                kinds_by_id.setdefault(question["id"], question.get("type"))
        for path, target, kinds, what in self.references:
            if target not in kinds_by_id:
                if self.complete:
                    candidates = [key for key, kind in kinds_by_id.items() if kind in kinds]
                    self.report(codes.BAD_BOUNDS, path, situation="not_a_question",
                                target=target, suggestion=did_you_mean(target, candidates))
            elif kinds_by_id[target] not in kinds:
                self.report(codes.BAD_BOUNDS, path, situation="wrong_type", target=target,
                            type=kinds_by_id[target], expected=what)

    # -- text and footnotes ---------------------------------------------------------------
    def text(self, container: dict[str, Any], path: JsonPath, key: str,
             block: bool = False) -> None:
        """Keep the text at `container[key]`; check its markup (lists only in a `block` text)
        and note its references."""
        source = container.get(key)
        if not isinstance(source, str):
            return
        text_path = (*path, key)
        markup = self.texts[text_path] = Markup(source)
        if not self.check_texts:
            return
        lines = source.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        for problem in markup.problems + (() if block else markup.list_problems):
            words = lines[problem.line][problem.column:].split()
            needle = " ".join(words[:2]) if problem.code == "list-in-phrase" else words[0]
            pos = self.locate(text_path, needle) if words else None
            self.report(codes.BAD_MARKUP, text_path, pos=pos, situation=problem.situation,
                        **dict(problem.values))
        self.footnote_refs.extend((footnote_id, text_path) for footnote_id in markup.footnote_ids)

    def when_text(self, container: dict[str, Any], path: JsonPath) -> None:
        """Keep a `when_text` that says something (an empty one is no text: it silences the
        words of the condition); it says a condition, so it needs a `when`."""
        if "when_text" in container and "when" not in container:
            self.report(codes.MISSING_KEY, (*path, "when_text"), at_key=True,
                        situation="required", where=describe(path), key="when")
        if container.get("when_text") != "":
            self.text(container, path, "when_text")

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
