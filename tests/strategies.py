"""Hypothesis strategies for questionnaires, reusable by any test.

`questionnaires()` draws a valid questionnaire as plain data (the dict a questionnaire file
holds; see docs/questionnaire-language.md): random sections and header fields, questions of
every type, options with details, explanations, groups, records, contact blocks,
conditions in the whole condition language (on questions, group items and sections, and as
`required:`; each can hold and can fail), and footnotes referenced from random texts. Two
promises make oracles easy:

- every id in it (question, sub-item, option, column, section) is unique across the document,
  so the line of any node is the line of the text `id: <its id>`;
- keys are written in the order the loader reads texts, so footnotes are numbered in the order
  of their first `[^id]` in the YAML text.

`to_yaml(data, style)` writes it as YAML text; `junk()` draws arbitrary YAML-able data.
"""

from __future__ import annotations

import itertools
import random
import re
from typing import Any

import yaml
from hypothesis import strategies as st

TEXT_TYPES = ("text", "long_text", "url", "email", "phone", "date")
WORD_LIMIT_TYPES = ("text", "long_text", "url")
COLUMN_TYPES = ("text", "url", "email", "phone", "date", "integer", "decimal", "percentage",
                "amount")
CONTACT_FIELDS = ("name", "title", "organization", "email", "phone")
NUMBER_TYPES = ("integer", "decimal", "percentage", "amount")
SIMPLE_TYPES = (*TEXT_TYPES, *NUMBER_TYPES, "yes_no", "single_choice", "multiple_choice",
                "records", "contact", "consent", "note")
QUESTION_TYPES = (*SIMPLE_TYPES, "group", "grid", "calculated")
KINDS = {**{kind: "text" for kind in TEXT_TYPES}, "date": "date",
         **{kind: "number" for kind in (*NUMBER_TYPES, "calculated")}, "yes_no": "choice",
         "single_choice": "choice", "multiple_choice": "choices", "records": "records",
         "group": "mapping", "contact": "mapping", "grid": "mapping", "consent": "consent"}
"""What conditions see in the answer of each type (notes are never answered)."""
KIND_TESTS = {
    "text": ("equals", "not_equals", "in", "answered"),
    "date": ("equals", "not_equals", "in", "gt", "ge", "lt", "le", "answered"),
    "number": ("equals", "not_equals", "in", "gt", "ge", "lt", "le", "answered"),
    "choice": ("equals", "not_equals", "in", "answered"),
    "choices": ("includes", "includes_any", "includes_all", "includes_none", "count",
                "answered"),
    "records": ("count", "answered"),
    "mapping": ("answered",),
    "consent": ("equals", "not_equals", "answered"),
}
"""The tests drawn for each kind of answer (`count`: a count compared with a number)."""
COUNT_RANGES = {"equals": (0, 0), "not_equals": (0, 0), "ge": (1, 0), "gt": (0, -1),
                "lt": (1, 0), "le": (0, -1)}
"""For each count comparison, the smallest number and the largest (added to the most answers
there can be) that make it able both to hold and to fail."""

_LOWER = "abcdefghijklmnopqrstuvwxyz"
_ALNUM = _LOWER + _LOWER.upper() + "0123456789"
_WORD_TAIL = _ALNUM + ",.'?()/-"
_LIST_MARK = re.compile(r"[0-9]+[.)]")
_LINK_TARGETS = ("https://example.org/", "http://example.org/a", "mailto:someone@example.org")
word_limits = st.integers(min_value=1, max_value=5000)


class _Draft:
    """What one drawing of a questionnaire remembers: ids used so far, footnotes, targets.

    Hypothesis draws the structure (types, counts, optional keys, conditions); words, ids and
    texts come from one seeded random generator, which keeps drawing fast.
    """

    def __init__(self, draw: st.DrawFn) -> None:
        self.draw = draw
        self.random = random.Random(draw(st.integers(0, 2**32 - 1)))
        self.counter = itertools.count(1)
        self.footnote_ids = [f"{self.base()}_note" for _ in range(draw(st.integers(0, 4)))]
        self.targets: list[dict[str, Any]] = []  # earlier top-level questions

    def base(self) -> str:
        pick = self.random.choice
        return pick(_LOWER) + "".join(pick(_LOWER + "0123456789")
                                      for _ in range(self.random.randint(0, 7)))

    def id(self) -> str:
        """A fresh snake_case id, unique in the document."""
        return f"{self.base()}_{next(self.counter)}"

    def words(self) -> str:
        """Words; none is a number ending in "." or ")", which would start a list."""
        pick = self.random.choice
        words = (pick(_ALNUM) + "".join(pick(_WORD_TAIL) for _ in range(self.random.randint(0, 9)))
                 for _ in range(self.random.randint(1, 4)))
        return " ".join(word + "x" if _LIST_MARK.fullmatch(word) else word for word in words)

    def text(self) -> str:
        """A text with inline markup: bold, italic, links and footnote references."""
        kinds = ["words", "bold", "italic", "link"] + ["footnote"] * bool(self.footnote_ids)
        text = ""
        for _ in range(self.random.randint(1, 5)):
            kind = self.random.choice(kinds)
            if kind == "footnote":
                glue = self.random.choice(["", " "]) if text else ""
                text += f"{glue}[^{self.random.choice(self.footnote_ids)}]"
                continue
            piece = self.words()
            if kind == "bold":
                piece = f"**{piece}**"
            elif kind == "italic":
                piece = f"*{piece}*"
            elif kind == "link":
                piece = f"[{piece}]({self.random.choice(_LINK_TARGETS)})"
            text = f"{text} {piece}" if text else piece
        return text

    def maybe(self, key: str, value: Any, into: dict[str, Any]) -> None:
        """Set `into[key] = value` half of the time (value drawn only when kept)."""
        if self.draw(st.booleans()):
            into[key] = value() if callable(value) else value

    def subjects(self) -> list[tuple[str, str, list[Any]]]:
        """What a condition may name among the earlier top-level questions: each answer's
        path, kind and options (group items and grid rows too)."""
        found: list[tuple[str, str, list[Any]]] = []
        for target in self.targets:
            options = [option["id"] for option in target.get("options", [])]
            if target["type"] == "yes_no":
                options = ["yes", "no"]
            if target["type"] in KINDS:
                found.append((target["id"], KINDS[target["type"]], options))
            for item in target.get("items", []):
                found += [(f"{target['id']}.{path}", kind, values)
                          for path, kind, values in self.item_subjects(item)]
            row_kind = "choices" if target.get("multiple") else "choice"
            found += [(f"{target['id']}.{row['id']}", row_kind, options)
                      for row in target.get("rows", [])]
        return found

    def item_subjects(self, item: dict[str, Any]) -> list[tuple[str, str, list[Any]]]:
        if item["type"] not in KINDS:
            return []
        options = (["yes", "no"] if item["type"] == "yes_no"
                   else [option["id"] for option in item.get("options", [])])
        return [(item["id"], KINDS[item["type"]], options)]

    def condition(self) -> dict[str, Any] | None:
        """A condition on earlier top-level questions (half of the time; None when there are
        none), naming each answer once: every test in it can hold and fail independently, so
        the whole can hold and can fail."""
        subjects = self.subjects()
        if not subjects or not self.draw(st.booleans()):
            return None
        named = self.draw(st.lists(st.sampled_from(subjects), min_size=1, max_size=3,
                                   unique_by=lambda subject: subject[0]))
        return self.tree(named)

    def tree(self, named: list[tuple[str, str, list[Any]]]) -> dict[str, Any]:
        """A tree of `all`, `any` and `not` over one test of each answer named."""
        if len(named) == 1:
            node = self.test(*named[0])
        else:
            split = self.draw(st.integers(1, len(named) - 1))
            node = {self.draw(st.sampled_from(["all", "any"])): [
                self.tree(named[:split]), self.tree(named[split:])]}
        return {"not": node} if not self.draw(st.integers(0, 4)) else node

    def test(self, subject: str, kind: str, options: list[Any]) -> dict[str, Any]:
        """One test of the answer at `subject` that can hold and can fail."""
        operator = self.draw(st.sampled_from(KIND_TESTS[kind]))
        if operator == "count":
            comparison = self.draw(st.sampled_from(sorted(COUNT_RANGES)))
            low, extra = COUNT_RANGES[comparison]
            most = len(options) if kind == "choices" else 3
            return {"count": subject, comparison: self.draw(st.integers(low, most + extra))}
        key = self.draw(st.sampled_from(["answer", "question"]))
        if operator == "answered":
            return {key: subject, "answered": self.draw(st.booleans())}
        values = self.values(kind, options)
        if operator in ("in", "includes_any", "includes_all", "includes_none"):
            return {key: subject, operator: self.draw(st.lists(values, min_size=1, max_size=3,
                                                                unique=True))}
        return {key: subject, operator: self.draw(values)}

    def values(self, kind: str, options: list[Any]) -> st.SearchStrategy[Any]:
        """Values an answer of `kind` may be compared with."""
        if kind in ("choice", "choices"):
            return st.sampled_from(options)
        if kind == "number":
            return st.integers(-5, 60) | st.integers(-10, 120).map(lambda half: half / 2)
        if kind == "date":
            return st.dates().map(lambda day: day.isoformat())
        if kind == "consent":
            return st.booleans()
        return st.sampled_from(["yes", "N/A", self.words()])

    def requirement(self, question: dict[str, Any]) -> None:
        """`required:` on an answerable question, a quarter of the time `true` and a quarter of
        the time a condition."""
        if question["type"] in ("note", "calculated"):
            return
        chance = self.draw(st.integers(0, 3))
        if chance == 0:
            question["required"] = True
        elif chance == 1 and (condition := self.condition()):
            question["required"] = condition

    def question(self, kinds: tuple[str, ...] = QUESTION_TYPES) -> dict[str, Any]:
        """One question of a random type, with its keys in the order the loader reads them."""
        summable = [target["id"] for target in self.targets
                    if target["type"] in (*NUMBER_TYPES, "grid")]
        if not summable:  # a calculated question adds up earlier numbers or grids
            kinds = tuple(kind for kind in kinds if kind != "calculated")
        kind = self.draw(st.sampled_from(kinds))
        question: dict[str, Any] = {"id": self.id(), "type": kind}
        self.maybe("prompt", self.text, question)
        self.maybe("hint", self.text, question)
        when = self.condition()
        if when:
            question["when"] = when
        self.requirement(question)
        if kind in WORD_LIMIT_TYPES:
            self.maybe("max_words", lambda: self.draw(word_limits), question)
        elif kind in NUMBER_TYPES:
            self.number(kind, question)
        elif kind in ("single_choice", "multiple_choice"):
            self.maybe("lead_in", self.text, question)
            question["options"] = [self.option() for _ in range(self.draw(st.integers(1, 4)))]
            # Any option may carry a detail (a text box of its own); a single choice has no
            # explanation.
            for option in question["options"]:
                if self.draw(st.booleans()):
                    option["detail"] = self.detail()
            if self.draw(st.booleans()):
                question["options"].append(
                    {"id": self.id(), "label": "Other:", "detail": self.word_limit()})
            if kind == "multiple_choice" and self.draw(st.booleans()):
                explanation: dict[str, Any] = {}
                self.maybe("prompt", self.text, explanation)
                self.maybe("hint", self.text, explanation)
                explanation.update(self.word_limit())
                question["explanation"] = explanation
        elif kind == "grid":
            question["rows"] = [self.row() for _ in range(self.draw(st.integers(1, 3)))]
            question["options"] = [self.option() for _ in range(self.draw(st.integers(1, 4)))]
            self.maybe("multiple", lambda: self.draw(st.booleans()), question)
        elif kind == "calculated":
            question["sum"] = summable[:2]
        elif kind == "group":
            question["items"] = [self.question(SIMPLE_TYPES)
                                 for _ in range(self.draw(st.integers(1, 4)))]
        elif kind == "records":
            question["columns"] = [self.column() for _ in range(self.draw(st.integers(1, 3)))]
            low = self.draw(st.integers(0, 3))
            self.maybe("min_rows", low, question)
            self.maybe("max_rows", lambda: self.draw(st.integers(max(low, 1), 9)), question)
        elif kind == "contact":
            self.maybe("fields", lambda: self.draw(st.lists(
                st.sampled_from(CONTACT_FIELDS), min_size=1, max_size=5, unique=True)), question)
        elif kind == "consent":
            question["statement"] = self.text()
        elif kind == "note":
            question["text"] = self.text()
        return question

    def number(self, kind: str, question: dict[str, Any]) -> None:
        """The keys of a numeric question: bounds within its type's range, decimals, unit."""
        low = self.draw(st.integers(0, 50))
        self.maybe("min", low, question)
        self.maybe("max", lambda: self.draw(st.integers(max(low, 1), 100)), question)
        if kind != "integer":
            self.maybe("decimals", lambda: self.draw(st.integers(0, 3)), question)
        self.maybe("unit", self.words, question)
        if kind == "amount":
            question["currency"] = self.draw(st.sampled_from(["USD", "EUR", "TJS"]))

    def column(self) -> dict[str, Any]:
        """A record column: a text kind or a number with its keys, maybe required."""
        kind = self.draw(st.sampled_from(COLUMN_TYPES))
        column: dict[str, Any] = {"id": self.id(), "type": kind, "label": self.words()}
        if kind in NUMBER_TYPES:
            self.number(kind, column)
        self.maybe("required", lambda: self.draw(st.booleans()), column)
        return column

    def option(self) -> dict[str, Any]:
        return {"id": self.id(), "label": self.text()}

    def row(self) -> dict[str, Any]:
        """A grid row, maybe asked only under a condition on earlier questions."""
        row: dict[str, Any] = {"id": self.id(), "label": self.text()}
        when = self.condition()
        if when:
            row["when"] = when
        return row

    def detail(self) -> dict[str, Any]:
        """An option's detail: maybe a prompt, a hint, a word limit, `required`."""
        detail = self.word_limit()
        self.maybe("prompt", self.text, detail)
        self.maybe("hint", self.text, detail)
        self.maybe("required", True, detail)
        return detail

    def word_limit(self) -> dict[str, Any]:
        return {"max_words": self.draw(word_limits)} if self.draw(st.booleans()) else {}


def _referenced(value: Any) -> set[str]:
    """The footnote ids referenced in every text inside `value`."""
    if isinstance(value, str):
        return set(re.findall(r"\[\^([a-z0-9_]+)\]", value))
    children = value.values() if isinstance(value, dict) else value if isinstance(
        value, list) else ()
    return set().union(*map(_referenced, children))


@st.composite
def questionnaires(draw: st.DrawFn, kinds: tuple[str, ...] = QUESTION_TYPES) -> dict[str, Any]:
    """A valid questionnaire as plain data; its sections' questions are of `kinds` (a kind
    named twice is drawn twice as often)."""
    draft = _Draft(draw)
    data: dict[str, Any] = {
        "msqschema": 1,
        "id": draft.id(),
        "title": draft.words(),
        "language": draw(st.sampled_from(["en", "fr", "es-419", "zh-Hans"])),
    }
    draft.maybe("edition", lambda: draw(st.sampled_from(["2020", "1.0", "second"])), data)
    draft.maybe("introduction", draft.text, data)
    header = [draft.question(SIMPLE_TYPES) for _ in range(draw(st.integers(0, 2)))]
    draft.targets += header
    if header:
        data["header"] = header
    data["sections"] = []
    for _ in range(draw(st.integers(1, 4))):
        section: dict[str, Any] = {"id": draft.id(), "title": draft.text()}
        if draw(st.booleans()):
            section["numbering"] = draw(st.sampled_from(["continue", "restart"]))
        when = draft.condition()
        if when:
            section["when"] = when
        section["questions"] = []
        for _ in range(draw(st.integers(1, 4))):
            question = draft.question(kinds)
            if question["type"] != "note" and not draw(st.integers(0, 5)):
                question["numbered"] = False
            section["questions"].append(question)
            draft.targets.append(question)
        data["sections"].append(section)
    draft.maybe("closing", draft.text, data)
    used = _referenced(data)
    footnotes = {note: draft.words() for note in draft.footnote_ids if note in used}
    if footnotes:
        data["footnotes"] = footnotes
    return data


STYLES = ("block", "flow", "narrow")
"""How `to_yaml` writes: block collections; flow style for the innermost ones; block with
texts folded at 40 columns."""


class _Yaml12Dumper(yaml.SafeDumper):
    """PyYAML's dumper (YAML 1.1), which also quotes the texts that YAML 1.2's core schema, as
    msqschema reads it, takes for numbers: '08', '1e5', '0o17' are plain text to YAML 1.1."""


for _pattern in (r"^[-+]?[0-9]+$", r"^0o[0-7]+$",
                 r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$"):
    _Yaml12Dumper.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(_pattern),
                                        list("-+0123456789."))


def to_yaml(data: Any, style: str = "block") -> str:
    """YAML text for `data`, keys in their order."""
    return yaml.dump(data, Dumper=_Yaml12Dumper, sort_keys=False, allow_unicode=True,
                          default_flow_style=None if style == "flow" else False,
                          width=40 if style == "narrow" else 10_000)


_scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text()
_keys = st.sampled_from(["id", "type", "prompt", "options", "items", "when", "question",
                         "equals", "includes", "answered", "max_words", "sections", "questions",
                         "footnotes", "label", "detail", "explanation", "columns"]) | st.text()


def junk() -> st.SearchStrategy[Any]:
    """Arbitrary YAML-able data, biased towards the keys of the questionnaire language."""
    return st.recursive(_scalars, lambda children: st.lists(children, max_size=4)
                        | st.dictionaries(_keys, children, max_size=4), max_leaves=12)
