"""Grids: several rows (statements, items), each answered on one shared scale of options.

A grid's response maps each row id to the option chosen for it (or, with `multiple: true`, to
the list of options ticked). The options are a list, or the id of a named option set.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from msqschema import problems as codes
from msqschema.condition_words import say
from msqschema.conditions import Scalar, answered
from msqschema.frozen import frozen
from msqschema.locations import JsonPath, Pos
from msqschema.questionnaire.markup import Markup
from msqschema.questionnaire.model import (
    Condition,
    IdNames,
    LabelNames,
    Question,
    present,
    said,
)
from msqschema.types.base import (
    Builder,
    Checker,
    ConditionTarget,
    FormReader,
    QuestionType,
    Raw,
    Schema,
    SchemaWriter,
    answer_path,
    entries,
)
from msqschema.types.choice import Option, build_options, check_options, option_name
from msqschema.types.views import QuestionView, mapping

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy

    from msqschema.conditions import ValueKind


@frozen(kw_only=True)
class Row:
    """One row of a grid: a statement answered on the grid's scale."""

    id: str
    label: Markup
    when: Condition | None = None
    """When the row is asked (the grid's own condition aside)."""
    when_text: Markup | None = None
    """The words a printed form says instead of the condition's (empty: none)."""
    pos: Pos

    def asked(self, answers: Mapping[str, Any]) -> bool:
        """Whether its own condition (if any) holds."""
        return self.when is None or self.when.holds_in(answers)


@frozen(kw_only=True)
class GridQuestion(Question):
    """Rows answered on one shared scale of options: one per row, or several (`multiple`)."""

    rows: tuple[Row, ...]
    options: tuple[Option, ...]
    multiple: bool = False

    def texts(self) -> Iterator[Markup]:
        yield from super().texts()
        for row in self.rows:
            yield row.label
            yield from present(said(row.when_text))
        yield from present(*(option.label for option in self.options))


@dataclass(frozen=True, eq=False, repr=False)
class GridRowView:
    """A row of a grid with the ids of the options the response chose for it."""

    row: Row
    key: str
    selected: tuple[str, ...]

    def is_selected(self, option_id: str) -> bool:
        """Whether the response chose this option for this row."""
        return option_id in self.selected


@dataclass(frozen=True, eq=False, repr=False)
class GridView(QuestionView):
    """A grid; `rows` are its rows with their answers (`answer` is None when no row is)."""

    kind = "grid"
    rows: tuple[GridRowView, ...] = ()

    @classmethod
    def build(cls, question: Question, raw: object, key: str) -> QuestionView:
        assert isinstance(question, GridQuestion)
        given = mapping(raw)
        known = [option.id for option in question.options]
        rows = []
        for row in question.rows:
            value = given.get(row.id)
            chosen = {item for item in (value if isinstance(value, list) else [value])
                      if isinstance(item, str)}
            rows.append(GridRowView(row, f"{key}.{row.id}",
                                    tuple(option for option in known if option in chosen)))
        answered = any(row.selected for row in rows)
        return cls(question, key, True if answered else None, tuple(rows))


class GridType(QuestionType):
    """Rows on one scale: answered with a mapping of row id to option id (or ids)."""

    result_rule = "grid"
    summary = "answered"

    model = GridQuestion

    def value_name(self, question: GridQuestion, value: Scalar, messages: Any) -> str | None:
        return option_name(question.options, value)
    view = GridView
    keys = ("rows", "options", "multiple")
    answer_kind = "mapping"

    def condition_targets(self, lint: Checker, item: Raw) -> Iterator[ConditionTarget]:
        yield "", self.answer_kind, ()
        row_kind: ValueKind = "choices" if item.get("multiple") is True else "choice"
        options = lint.option_ids(item)
        for _, row in entries(item, (), "rows"):
            if isinstance(row.get("id"), str):
                yield row["id"], row_kind, options

    def fields(self, build: Builder, item: Raw, path: JsonPath) -> dict[str, Any]:
        return {
            "rows": tuple(build_row(build, row, (*path, "rows", index))
                          for index, row in enumerate(item["rows"])),
            "options": build_options(build, item, path),
            "multiple": item.get("multiple", False),
        }

    def check(self, lint: Checker, item: Raw, path: JsonPath, asker: Any) -> None:
        rows = entries(item, path, "rows")
        owner = answer_path(item, asker)
        for row_path, row in rows:
            lint.text(row, row_path, "label")
            lint.when_text(row, row_path)
            if isinstance(row.get("when"), dict):
                lint.condition(asker, f"{owner}.{row.get('id')}", (*row_path, "when"),
                               row["when"])
        lint.unique("row", rows, answer_keys=True)
        check_options(lint, item, path, self.name, multiple=item.get("multiple") is True)

    def ruled(self, question: GridQuestion) -> bool:
        return any(row.when is not None for row in question.rows)

    def findings(self, question: GridQuestion, answer: Any, path: JsonPath,
                 answers: Mapping[str, Any], questionnaire: Any) -> Iterator[Any]:
        """A row answered although its condition does not hold (V201)."""

        given = mapping(answer)
        for row in question.rows:
            if row.when is not None and answered(given.get(row.id)) and not row.asked(answers):
                yield codes.Finding(codes.CONDITION_NOT_MET, (*path, row.id), True,
                                    {"situation": "row", "row": row.id,
                                     "condition": row.when.describe(LabelNames(questionnaire))})

    def answer_schema(self, write: SchemaWriter, question: GridQuestion) -> Schema:
        ids = [option.id for option in question.options]
        if question.multiple:
            cell: Schema = {"type": ["array", "null"], "items": {"enum": ids},
                            "uniqueItems": True}
            exclusive = [option.id for option in question.options if option.exclusive]
            if exclusive:
                cell["exclusiveOptions"] = exclusive
        else:
            cell = {"enum": [*ids, None]}
        properties = {row.id: write.annotated(dict(cell), title=lambda row=row: row.label.plain(),
                                              description=lambda row=row: asked_if(write, row))
                      for row in question.rows}
        return {"type": ["object", "null"], "properties": properties,
                "additionalProperties": False}

    def summed(self, question: GridQuestion, answer: Any, questionnaire: Any,
               answers: Mapping[str, Any]) -> int | float | None:
        scores = row_scores(question, answer) if isinstance(answer, Mapping) else []
        return sum(scores) if scores else None

    def read(self, read: FormReader, question: GridQuestion, path: str) -> dict[str, Any] | None:
        answer: dict[str, Any] = {}
        for row in question.rows:
            ticked = [option.id for option in question.options
                      if read.ticked(f"{path}/{row.id}/{option.id}")]
            if question.multiple:
                if ticked:
                    answer[row.id] = ticked
            elif len(ticked) > 1:
                read.report(codes.CONFLICTING_TICKS, situation="grid_row", row=row.id,
                            ticked=", ".join(ticked))
            elif ticked:
                answer[row.id] = ticked[0]
        return answer or None

    def answers(self, question: GridQuestion) -> SearchStrategy[dict[str, Any]]:
        from hypothesis import strategies as st

        ids = [option.id for option in question.options]
        cell: SearchStrategy[Any] = (  # ticks in the order of the options, as forms give them
            st.lists(st.sampled_from(ids), min_size=1, unique=True).map(
                lambda chosen: [option for option in ids if option in chosen])
            if question.multiple else st.sampled_from(ids))
        return st.fixed_dictionaries({}, optional={row.id: cell for row in question.rows}).filter(
            bool)


def build_row(build: Builder, row: Raw, path: JsonPath) -> Row:
    """A grid row as written."""
    return Row(id=row["id"], label=build.markup((*path, "label")) or Markup(""),
               when=build.condition((*path, "when")), when_text=build.when_text(row, path),
               pos=build.pos(path))


def asked_if(write: SchemaWriter, row: Row) -> str | None:
    """'Asked only if ...' for a row's schema, in the questionnaire's language (None: always)."""
    if row.when is None:
        return None
    wording = write.wording
    return wording.text("Asked only if %(condition)s.",
                        condition=say(row.when.tree, IdNames(), wording.messages))


def row_scores(question: GridQuestion, answer: Mapping[str, Any]) -> list[int | float]:
    """The scores of the options chosen in a grid answer (options without a score count 0)."""
    scores = {option.id: option.score or 0 for option in question.options}
    found: list[int | float] = []
    for row in question.rows:
        value = answer.get(row.id)
        for chosen in value if isinstance(value, list) else [value]:
            if isinstance(chosen, str) and chosen in scores:
                found.append(scores[chosen])
    return found
