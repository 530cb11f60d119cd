"""What a question type is: the one place where everything that varies by type is declared.

Each module of this package declares its types as `QuestionType` objects; `msqschema.types`
collects them into the registry `TYPES`. The stages (loader, lint, schema, rules, render,
extract, test strategies) never ask which type a question has: they call its entry, handing it
the small tool of their stage (the protocols below), and the entry does the type's part.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, TypeGuard

from msqschema.locations import JsonPath, Pos

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy

    from msqschema import conditions
    from msqschema import problems as codes
    from msqschema.conditions import Scalar, ValueKind
    from msqschema.extraction.docx_package import Control
    from msqschema.questionnaire.markup import Markup
    from msqschema.questionnaire.model import Condition, Question, Questionnaire
    from msqschema.render.messages import Wording
    from msqschema.types.views import QuestionView

Schema = dict[str, Any]
Raw = dict[str, Any]
"""A question as written in the questionnaire file (a mapping of its keys)."""
ConditionTarget = tuple[str, "ValueKind", tuple["Scalar", ...]]
"""What a condition may name in an answer: the path below the question ('' for the answer
itself), the kind of answer there and its option ids."""


class Builder(Protocol):
    """What the loader offers an entry that builds its model fields."""

    def markup(self, path: JsonPath) -> Markup | None:
        """The text at `path`, or None."""

    def pos(self, path: JsonPath) -> Pos:
        """The position of the value at `path`."""

    def key_pos(self, path: JsonPath) -> Pos:
        """The position of the key at the end of `path`."""

    def sub_question(self, item: Raw, path: JsonPath, index: int) -> Question:
        """A sub-item of a question: numbered under its parent."""

    def option_set(self, name: str) -> tuple[list[Raw], JsonPath]:
        """The options of the named option set, and where they are written."""

    def condition(self, path: JsonPath) -> Condition | None:
        """The condition written at `path` (lint parsed it), or None."""

    def when_text(self, item: Raw, path: JsonPath) -> Markup | None:
        """The words said instead of the condition of `item` (empty: none), or None."""


class Checker(Protocol):
    """What lint offers an entry that checks a question as written."""

    def text(self, container: Raw, path: JsonPath, key: str, block: bool = False) -> None:
        """Keep and check the text at `container[key]`."""

    def word_limit(self, item: Raw, path: JsonPath) -> None:
        """Check the `max_words` of `item`."""

    def unique(self, kind: str, entries: list[tuple[JsonPath, Raw]], *,
               answer_keys: bool = False) -> None:
        """Report ids given twice among `entries`; `answer_keys`: the ids are keys of an
        answer (items, rows, columns), which cannot be `selected` (conditions.CHOICE_KEY)."""

    def question(self, item: Raw, path: JsonPath, asker: Any) -> None:
        """Check a sub-item as a question of its own."""

    def report(self, entry: codes.Code, path: JsonPath, **values: Any) -> None:
        """A problem at the value at `path`."""

    def option_set(self, path: JsonPath, name: str) -> None:
        """Check that `name` (the value at `path`) names an option set."""

    def condition(self, asker: Any, owner: str, path: JsonPath, data: Any) -> None:
        """Parse and check the condition `data` written at `path`, which guards `owner` (a
        dotted path) of the top-level question `asker`."""

    def when_text(self, container: Raw, path: JsonPath) -> None:
        """Keep and check the `when_text` of `container` (it needs a `when`)."""

    def depends(self, asker: Any, target: str, path: JsonPath) -> None:
        """Note that the value of `asker` is computed from `target` (cycles are reported)."""

    def line(self, path: JsonPath) -> int:
        """The line of the value at `path`."""

    def option_ids(self, item: Raw) -> tuple[str, ...]:
        """The ids of the options of `item` as written, or of the option set it names."""

    def reference(self, path: JsonPath, target: str, kinds: tuple[str, ...], what: str) -> None:
        """Check that `target` (the value at `path`) is the id of a top-level question of one
        of these types; `what` names them in the message ("a numeric question")."""


class SchemaWriter(Protocol):
    """What the response schema's writer offers an entry that writes its answer's schema."""

    def annotated(self, schema: Schema, *, title: Any = None, description: Any = None
                  ) -> Schema:
        """`schema` with a title and description, when annotating."""

    def answer(self, question: Question) -> Schema:
        """The annotated schema of another question's answer (a sub-item)."""

    def title(self, question: Question) -> str:
        """A question as titles name it: '2a. E-services'."""

    def text(self, kind: str, max_words: int | None = None) -> Schema:
        """A text answer of one kind, annotated with what a text failing its pattern must be."""

    def enum(self, values: list[str | None],
             labels: list[Markup] | Callable[[], list[Markup]]) -> Schema:
        """An `enum` of `values`, annotated with their `labels` (the rest: unanswered), or
        with what a function gives (called only when annotating)."""

    @property
    def wording(self) -> Wording:
        """The fixed texts of the questionnaire's language, for titles and descriptions."""


class FormReader(Protocol):
    """What extraction offers an entry that reads its answer from a filled Word form."""

    doubled: list[str]
    """Place tags found more often than they may be (reported after the question is read)."""

    def places(self, path: str, *, repeated: bool = False) -> list[Control]:
        """The controls tagged `path`."""

    def control_text(self, control: Control) -> str | None:
        """A text control's answer, or None if blank."""

    def text(self, path: str) -> str | None:
        """The text of the control tagged `path`, or None."""

    def ticked(self, path: str) -> bool:
        """Whether the checkbox tagged `path` is ticked."""

    def answer(self, question: Question, path: str) -> Any:
        """The answer of another question (a sub-item) whose places are under `path`."""

    def report(self, entry: codes.Code, **values: Any) -> None:
        """A problem about the question being read."""


class QuestionType:
    """One type of question of the language: its model, keys, checks, answer schema, view,
    Word reader and answer strategy. Subclasses override what their type does."""

    model: ClassVar[type[Question]]
    view: ClassVar[type[QuestionView]]
    keys: tuple[str, ...] = ()
    """The keys the type accepts besides those of every question (id, type, prompt, ...)."""
    numbered: ClassVar[bool] = True
    """Whether questions of the type get a display number (unless they say `numbered: false`)."""
    result_rule: str = ""
    """The rule of msqschema.results.columns that makes the type's export columns (`text`
    for `text_rule`); "" for a type never answered."""
    summary: str = "answered"
    """How the report sums up the type's answers (a kind of msqschema.results.summaries)."""
    answer_kind: ValueKind = "text"
    """What its answer is, as conditions see it (msqschema.conditions.ValueKind)."""
    spoken_as: ClassVar[str] = "answer"
    """How conditions in words speak of its answer: "answer" ("your answer to 7 is more than
    3"), or "total" for a value the form works out ("the total in 7 is more than 3")."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return f"<question type {self.name!r}>"

    # -- the questionnaire ----------------------------------------------------------------
    def fields(self, build: Builder, item: Raw, path: JsonPath) -> dict[str, Any]:
        """The model fields of the type, from the question as written."""
        return {}

    def check(self, lint: Checker, item: Raw, path: JsonPath, asker: Any) -> None:
        """The lint checks of the type that JSON Schema cannot make."""

    def condition_targets(self, lint: Checker, item: Raw) -> Iterator[ConditionTarget]:
        """What conditions may name in an answer of this type: the answer itself, then the
        parts a dotted path reaches (a group's items, a grid's rows)."""
        yield "", self.answer_kind, ()

    # -- responses ------------------------------------------------------------------------

    def answer_schema(self, write: SchemaWriter, question: Any) -> Schema:
        """The JSON Schema of an answer (unanswered: null)."""
        raise NotImplementedError(f"{self.name} questions are never answered")

    def findings(self, question: Any, answer: Any, path: JsonPath, answers: Mapping[str, Any],
                 questionnaire: Questionnaire) -> Iterator[Any]:
        """The rule findings (problems.Finding) of an answer that JSON Schema cannot
        say; `answers` are all the response's answers."""
        return iter(())

    def summed(self, question: Any, answer: Any, questionnaire: Questionnaire,
               answers: Mapping[str, Any]) -> int | float | None:
        """What an answer adds to a calculated sum: a number, the scores of the options chosen;
        None when it adds nothing."""
        return None

    def derive(self, question: Any, questionnaire: Questionnaire,
               answers: Mapping[str, Any]) -> Any:
        """The value of a question derived from the other answers (None: it is not derived)."""
        return None

    def selected_in_mapping(self, question: Any) -> bool:
        """Whether an answer may be a mapping whose `selected` is what conditions compare (a
        single choice with details: `{selected: id, details: ...}`)."""
        return False

    def ruled(self, question: Any) -> bool:
        """Whether `findings` can find anything for this question."""
        return False

    def value_name(self, question: Any, value: Scalar, messages: Any) -> str | None:
        """How the forms name a value an answer may have, in conditions said in words (an
        option's label, a translated "Yes"); None: as the value is written. `messages`: the
        catalog of the fixed texts."""
        return None

    def required_parts(self, question: Any, path: str
                       ) -> Iterator[tuple[str, Markup, conditions.Condition]]:
        """The parts of an answer that may be required on their own (an option's detail): each
        one's dotted path, its label, and the condition under which `findings` reports it
        missing (V112), the question's own conditions aside."""
        return iter(())

    def required_in_rows(self, question: Any) -> Iterator[tuple[str, str]]:
        """The fields required in every row given of a list answer (a record's required
        columns; `records.given_rows` says which rows are given): each one's key in a row and
        its label."""
        return iter(())

    # -- forms ----------------------------------------------------------------------------
    def read(self, read: FormReader, question: Any, path: str) -> Any:
        """The answer held by the question's places in a filled Word form (None: unanswered)."""
        return None

    def typed(self, read: FormReader, question: Any, text: str) -> Any:
        """The answer that `text`, typed into one of the question's Word controls, gives (a
        record cell's; None: none, with the problem reported)."""
        return text

    # -- results --------------------------------------------------------------------------
    def result_columns(self, question: Any, path: JsonPath, style: Any) -> Any:
        """The export columns and tables of an answer of this type (a results.columns.Rule)."""
        from msqschema.results import columns

        return getattr(columns, f"{self.result_rule}_rule")(question, path, style)

    def answers(self, question: Any) -> SearchStrategy[Any]:
        """A Hypothesis strategy of valid answers (for tests; imports hypothesis)."""
        raise NotImplementedError(f"{self.name} questions are never answered")


def answer_path(item: Raw, asker: Any) -> str:
    """Where a question as written is answered, as conditions name it: its id at the top,
    `group.item` for a group's item (`asker` is its top-level question's id)."""
    identifier = item.get("id")
    return str(identifier) if identifier == asker else f"{asker}.{identifier}"


def entries(container: Raw, path: JsonPath, key: str) -> list[tuple[JsonPath, Raw]]:
    """The mappings in the list at `container[key]`, with their paths; [] if it is no list."""
    items = container.get(key)
    if not isinstance(items, list):
        return []
    return [((*path, key, index), item) for index, item in enumerate(items)
            if isinstance(item, dict)]


def is_int(value: Any) -> TypeGuard[int]:
    """Whether a value read from YAML is a whole number (not a boolean)."""
    return isinstance(value, int) and not isinstance(value, bool)
