"""Choice questions: one option of several (radio buttons) or any number (checkboxes), with
"Other" texts and a follow-up explanation."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from msqschema import problems as codes
from msqschema.conditions import Count
from msqschema.locations import JsonPath
from msqschema.questionnaire.markup import Markup
from msqschema.questionnaire.model import Condition, Question, present
from msqschema.types.base import (
    Builder,
    Checker,
    ConditionTarget,
    FormReader,
    QuestionType,
    Raw,
    Schema,
    SchemaWriter,
    entries,
)
from msqschema.types.views import QuestionView, answer_text, mapping

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy


@dataclass(frozen=True, kw_only=True)
class OtherText:
    """The text field carried by an "Other:" option."""

    max_words: int | None = None


@dataclass(frozen=True, kw_only=True)
class Option:
    """One choice of a single or multiple choice question."""

    id: str
    label: Markup
    other: OtherText | None = None
    code: str | int | None = None
    """The value other systems store for the option (exports use it); None: the id."""
    score: int | float | None = None
    exclusive: bool = False
    """Whether the option cannot be ticked together with any other ("None of the above")."""
    pos: Any


@dataclass(frozen=True, kw_only=True)
class Explanation:
    """The follow-up text of a choice question ("If any checked, please explain further")."""

    prompt: Markup | None
    hint: Markup | None
    max_words: int | None
    when: Condition
    pos: Any


@dataclass(frozen=True, kw_only=True)
class ChoiceQuestion(Question):
    """A single choice (radio buttons) or multiple choice (checkboxes) question."""

    options: tuple[Option, ...]
    lead_in: Markup | None = None
    explanation: Explanation | None = None

    @property
    def multiple(self) -> bool:
        """Whether several options may be ticked."""
        return self.type == "multiple_choice"

    @property
    def other_option(self) -> Option | None:
        """The option that carries its own text field, if any."""
        return next((option for option in self.options if option.other), None)

    def option(self, option_id: str) -> Option | None:
        """The option with this id, or None."""
        return next((option for option in self.options if option.id == option_id), None)

    def texts(self) -> Iterator[Markup]:
        yield from super().texts()
        yield from present(self.lead_in)
        yield from (option.label for option in self.options)
        if self.explanation:
            yield from present(self.explanation.prompt, self.explanation.hint)


@dataclass(frozen=True)
class ChoiceAnswer:
    """A choice answer as far as it fits: known option ids (in option order) and texts."""

    selected: tuple[str, ...] = ()
    other: str | None = None
    explanation: str | None = None


@dataclass(frozen=True)
class ChoiceView(QuestionView):
    """A single or multiple choice question; `answer` is a ChoiceAnswer or None."""

    kind = "choice"

    @classmethod
    def build(cls, question: Question, raw: object, key: str) -> QuestionView:
        assert isinstance(question, ChoiceQuestion)
        if question.multiple:
            given = mapping(raw)
            picked = given.get("selected")
            chosen = {item for item in picked if isinstance(item, str)} if isinstance(
                picked, list) else set()
            other = answer_text(given.get("other"))
            explanation = answer_text(given.get("explanation"))
        else:
            chosen = {raw} if isinstance(raw, str) else set()
            other = explanation = None
        selected = tuple(option.id for option in question.options if option.id in chosen)
        answer = ChoiceAnswer(selected, other, explanation)
        return cls(question, key, answer if answer != ChoiceAnswer() else None)

    def is_selected(self, option_id: str) -> bool:
        """Whether the response ticks this option."""
        return self.answer is not None and option_id in self.answer.selected


class ChoiceType(QuestionType):
    """What single and multiple choice share: options, a lead-in, the ticked options read."""

    model = ChoiceQuestion
    view = ChoiceView
    multiple = False
    """Whether several options may be ticked."""
    infix = ""
    """The part of an option's place tag between the question and the option id."""

    def condition_targets(self, lint: Checker, item: Raw) -> Iterator[ConditionTarget]:
        yield "", self.answer_kind, lint.option_ids(item)

    def fields(self, build: Builder, item: Raw, path: JsonPath) -> dict[str, Any]:
        explanation = None
        if "explanation" in item:
            explanation_path = (*path, "explanation")
            entry, pos = item["explanation"], build.pos(explanation_path)
            explanation = Explanation(
                prompt=build.markup((*explanation_path, "prompt")),
                hint=build.markup((*explanation_path, "hint")),
                max_words=entry.get("max_words"),
                when=Condition(tree=Count(item["id"], "ge", 1), pos=pos), pos=pos)
        return {"options": build_options(build, item, path), "explanation": explanation,
                "lead_in": build.markup((*path, "lead_in"))}

    def check(self, lint: Checker, item: Raw, path: JsonPath, asker: Any) -> None:
        lint.text(item, path, "lead_in")
        check_options(lint, item, path, self.name, multiple=self.multiple)
        explanation = item.get("explanation")
        if isinstance(explanation, dict):
            lint.text(explanation, (*path, "explanation"), "prompt")
            lint.text(explanation, (*path, "explanation"), "hint")
            lint.word_limit(explanation, (*path, "explanation"))

    def summed(self, question: ChoiceQuestion, answer: Any, questionnaire: Any,
               answers: Mapping[str, Any]) -> int | float | None:
        chosen = answer.get("selected") if isinstance(answer, dict) else [answer]
        scores = [option.score for option in question.options
                  if isinstance(chosen, list) and option.id in chosen and option.score is not None]
        return sum(scores) if scores else None

    def ticked(self, read: FormReader, question: ChoiceQuestion, path: str) -> list[str]:
        """The ids of the options ticked in a filled Word form."""
        return [option.id for option in question.options
                if read.ticked(f"{path}/{self.infix}/{option.id}")]


class SingleChoiceType(ChoiceType):
    """One option of several: answered with its id."""

    result_rule = "single_choice"
    summary = "categories"

    keys = ("options", "lead_in")
    infix = "option"
    answer_kind = "choice"

    def answer_schema(self, write: SchemaWriter, question: ChoiceQuestion) -> Schema:
        return write.enum([*(option.id for option in question.options), None],
                          [option.label for option in question.options])

    def read(self, read: FormReader, question: ChoiceQuestion, path: str) -> str | None:
        ticked = self.ticked(read, question, path)
        if len(ticked) > 1:
            read.report(codes.CONFLICTING_TICKS, situation="single_choice",
                        ticked=", ".join(ticked))
            return None
        return ticked[0] if ticked else None

    def answers(self, question: ChoiceQuestion) -> SearchStrategy[str]:
        from hypothesis import strategies as st

        return st.sampled_from([option.id for option in question.options])


class MultipleChoiceType(ChoiceType):
    """Any number of options: answered `{selected: [ids], other: text, explanation: text}`."""

    result_rule = "multiple_choice"
    summary = "choices"

    keys = ("options", "lead_in", "explanation")
    multiple = True
    infix = "selected"
    answer_kind = "choices"

    def answer_schema(self, write: SchemaWriter, question: ChoiceQuestion) -> Schema:
        options = write.enum([option.id for option in question.options],
                             [option.label for option in question.options])
        selected: Schema = {"type": ["array", "null"], "items": options, "uniqueItems": True}
        exclusive = [option.id for option in question.options if option.exclusive]
        if exclusive:
            selected["exclusiveOptions"] = exclusive
        properties: Schema = {"selected": write.annotated(
            selected, title=lambda: f"Ticked options of {write.title(question)}")}
        other = question.other_option
        if other and other.other:
            label = other.label
            properties["other"] = write.annotated(
                write.text("long_text", other.other.max_words),
                title=lambda: f"The text of {label.plain()!r}")
        if question.explanation:
            properties["explanation"] = write.annotated(
                write.text("long_text", question.explanation.max_words),
                title=lambda: f"Explanation of {write.title(question)}")
        return {"type": ["object", "null"], "properties": properties, "additionalProperties": False}

    def ruled(self, question: ChoiceQuestion) -> bool:
        return bool(question.other_option or question.explanation)

    def findings(self, question: ChoiceQuestion, answer: Any, path: JsonPath,
                 answers: Mapping[str, Any], questionnaire: Any) -> Iterator[Any]:
        from msqschema.conditions import answered
        from msqschema.responses.rules import Finding

        if not isinstance(answer, dict):
            return
        selected = answer.get("selected")
        if selected is not None and not isinstance(selected, list):
            return  # the schema reports the wrong type
        ticked = selected or []
        option = question.other_option
        if option is not None:
            text = answer.get("other")
            if option.id in ticked and not answered(text):
                yield Finding(codes.OTHER_WITHOUT_TEXT,
                              (*path, "selected", ticked.index(option.id)),
                              False, {"option": option.id})
            elif option.id not in ticked and isinstance(text, str) and answered(text):
                yield Finding(codes.OTHER_TEXT_WITHOUT_TICK, (*path, "other"), True,
                              {"option": option.id})
        explanation = question.explanation
        if (explanation and answered(answer.get("explanation"))
                and not explanation.when.holds_in({question.id: answer})):
            yield Finding(codes.CONDITION_NOT_MET, (*path, "explanation"), True,
                          {"situation": "explanation"})

    def read(self, read: FormReader, question: ChoiceQuestion, path: str
             ) -> dict[str, Any] | None:
        answer: dict[str, Any] = {"selected": self.ticked(read, question, path)}
        if question.other_option is not None:
            answer["other"] = read.text(path + "/other")
        if question.explanation is not None:
            answer["explanation"] = read.text(path + "/explanation")
        return {key: value for key, value in answer.items() if value} or None

    def answers(self, question: ChoiceQuestion) -> SearchStrategy[dict[str, Any]]:
        from hypothesis import strategies as st

        from msqschema.types import strategies

        ids = [option.id for option in question.options]
        return st.lists(st.sampled_from(ids), unique=True).flatmap(
            lambda chosen: strategies.multiple_choice(question, chosen))



_ID = re.compile(r"[a-z][a-z0-9]*(_[a-z0-9]+)*")


def build_options(build: Builder, item: Raw, path: JsonPath) -> tuple[Option, ...]:
    """The options of a question as written: its own list, or the option set it names."""
    options, options_path = item["options"], (*path, "options")
    if isinstance(options, str):
        options, options_path = build.option_set(options)
    return tuple(Option(
        id=option["id"], label=build.markup((*options_path, index, "label")) or Markup(""),
        other=None if option.get("other") is None else OtherText(
            max_words=option["other"].get("max_words")),
        code=option.get("code"), score=option.get("score"),
        exclusive=option.get("exclusive", False), pos=build.pos((*options_path, index)))
        for index, option in enumerate(options))


def check_options(lint: Checker, item: Raw, path: JsonPath, type_name: str, *,
                  multiple: bool) -> None:
    """The checks of a question's options, or of the option set it names."""
    if isinstance(item.get("options"), str):
        if _ID.fullmatch(item["options"]):  # else the meta-schema check reports it
            lint.option_set((*path, "options"), item["options"])
        return
    if item.get("options") == []:
        lint.report(codes.NO_OPTIONS, (*path, "options"), type=type_name, id=item.get("id"))
    check_option_list(lint, entries(item, path, "options"), multiple=multiple)


def check_option_list(lint: Checker, options: list[tuple[JsonPath, Raw]], *,
                      multiple: bool = True) -> None:
    """Labels, unique ids and codes, "Other" word limits, and exclusive options."""
    for option_path, option in options:
        lint.text(option, option_path, "label")
        if isinstance(option.get("other"), dict):
            lint.word_limit(option["other"], (*option_path, "other"))
    lint.unique("option", options)
    codes_seen: dict[Any, int] = {}
    for option_path, option in options:
        code = option.get("code")
        if isinstance(code, str | int) and not isinstance(code, bool):
            if code in codes_seen:
                lint.report(codes.DUPLICATE_CODE, (*option_path, "code"), code=code,
                            first_line=codes_seen[code])
            else:
                codes_seen[code] = lint.line((*option_path, "code"))
        if option.get("exclusive") is True and not multiple:
            lint.report(codes.EXCLUSIVE_SINGLE, (*option_path, "exclusive"),
                        id=option.get("id"))
