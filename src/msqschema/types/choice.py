"""Choice questions: one option of several (radio buttons) or any number (checkboxes), with
option details (a text box under an option, asked when it is ticked) and a follow-up
explanation."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from msqschema import conditions
from msqschema import problems as codes
from msqschema.conditions import Count, Scalar, answered
from msqschema.frozen import frozen
from msqschema.locations import JsonPath
from msqschema.patterns import pattern
from msqschema.questionnaire.markup import Markup
from msqschema.questionnaire.model import Condition, LabelNames, Question, present
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
from msqschema.types.text import check_lengths, text_schema
from msqschema.types.views import QuestionView, answer_text, mapping

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy


@frozen(kw_only=True)
class Detail:
    """The text box under an option (`detail:`), asked when the option is ticked."""

    prompt: Markup | None = None
    """Its own lead; None: the option's label leads it."""
    hint: Markup | None = None
    max_words: int | None = None
    min_words: int | None = None
    max_chars: int | None = None
    min_chars: int | None = None
    required: bool = False
    """Whether it must be answered when its option is ticked (and it is asked)."""
    required_when: Condition | None = None
    when: Condition | None = None
    """When it is asked, besides its option being ticked."""
    pos: Any = None

    def must_answer(self, answers: Mapping[str, Any]) -> bool:
        """Whether it must be answered, once its option is ticked and it is asked."""
        return self.required or (self.required_when is not None
                                 and self.required_when.holds_in(answers))

    def asked(self, answers: Mapping[str, Any]) -> bool:
        """Whether its own condition (if any) holds."""
        return self.when is None or self.when.holds_in(answers)


@frozen(kw_only=True)
class Option:
    """One choice of a single or multiple choice question."""

    id: str
    label: Markup
    detail: Detail | None = None
    """The text box under the option, if it has one."""
    code: str | int | None = None
    """The value other systems store for the option (exports use it); None: the id."""
    score: int | float | None = None
    exclusive: bool = False
    """Whether the option cannot be ticked together with any other ("None of the above")."""
    pos: Any


@frozen(kw_only=True)
class Explanation:
    """The follow-up text of a choice question ("If any checked, please explain further")."""

    prompt: Markup | None
    hint: Markup | None
    max_words: int | None
    when: Condition
    pos: Any


@frozen(kw_only=True)
class ChoiceQuestion(Question):
    """A single choice (radio buttons) or multiple choice (checkboxes) question."""

    options: tuple[Option, ...]
    lead_in: Markup | None = None
    explanation: Explanation | None = None

    @property
    def multiple(self) -> bool:
        """Whether several options may be ticked."""
        return self.type == "multiple_choice"

    @cached_property
    def detailed_options(self) -> tuple[Option, ...]:
        """The options that carry a detail (a text box of their own)."""
        return tuple(option for option in self.options if option.detail)

    def option(self, option_id: str) -> Option | None:
        """The option with this id, or None."""
        return next((option for option in self.options if option.id == option_id), None)

    def texts(self) -> Iterator[Markup]:
        yield from super().texts()
        yield from present(self.lead_in)
        for option in self.options:
            yield option.label
            if option.detail:
                yield from present(option.detail.prompt, option.detail.hint)
        if self.explanation:
            yield from present(self.explanation.prompt, self.explanation.hint)


@frozen
class ChoiceAnswer:
    """A choice answer as far as it fits: known option ids (in option order) and texts."""

    selected: tuple[str, ...] = ()
    details: Mapping[str, str] = field(default_factory=dict)
    """The answered details, by option id."""
    explanation: str | None = None


@dataclass(frozen=True, eq=False, repr=False)
class ChoiceView(QuestionView):
    """A single or multiple choice question; `answer` is a ChoiceAnswer or None."""

    kind = "choice"

    @classmethod
    def build(cls, question: Question, raw: object, key: str) -> QuestionView:
        assert isinstance(question, ChoiceQuestion)
        given = mapping(raw)
        picked = selected_of(raw)
        if not question.multiple:  # one id, alone or in a mapping with its details
            picked = [picked]
        elif not isinstance(raw, Mapping):
            picked = None
        chosen = {item for item in picked if isinstance(item, str)} if isinstance(
            picked, list) else set()
        written = mapping(given.get("details"))
        details = {option.id: text for option in question.detailed_options
                   if (text := answer_text(written.get(option.id))) is not None}
        explanation = answer_text(given.get("explanation")) if question.multiple else None
        selected = tuple(option.id for option in question.options if option.id in chosen)
        answer = ChoiceAnswer(selected, details, explanation)
        return cls(question, key, answer if answer != ChoiceAnswer() else None)

    def is_selected(self, option_id: str) -> bool:
        """Whether the response ticks this option."""
        return self.answer is not None and option_id in self.answer.selected

    def detail_shown(self, option: Option) -> dict[str, Any]:
        """When the form shows an option's detail, as conditions.js reads it: while the option
        is ticked (and the detail's own condition holds)."""
        assert isinstance(self.question, ChoiceQuestion)
        operator = "includes" if self.question.multiple else "equals"
        ticked: dict[str, Any] = {"answer": self.key, operator: option.id}
        when = option.detail.when if option.detail else None
        return {"all": [ticked, when.data]} if when else ticked


class ChoiceType(QuestionType):
    """What single and multiple choice share: options with their details, a lead-in, the
    ticked options read."""

    model = ChoiceQuestion
    view = ChoiceView
    multiple = False
    """Whether several options may be ticked."""
    infix = ""
    """The part of an option's place tag between the question and the option id."""

    def condition_targets(self, lint: Checker, item: Raw) -> Iterator[ConditionTarget]:
        yield "", self.answer_kind, lint.option_ids(item)

    def value_name(self, question: ChoiceQuestion, value: Scalar, messages: Any) -> str | None:
        return option_name(question.options, value)

    def required_parts(self, question: ChoiceQuestion, path: str
                       ) -> Iterator[tuple[str, Markup, conditions.Condition]]:
        """Each required detail: missing while its option is ticked, it is asked and empty."""
        for option in question.detailed_options:
            detail = option.detail
            assert detail is not None
            if not (detail.required or detail.required_when):
                continue
            must = None if detail.required else detail.required_when
            detail_path = f"{path}.details.{option.id}"
            yield detail_path, option.label, conditions.AllOf((
                conditions.Comparison(path, "includes" if self.multiple else "equals",
                                      option.id),
                *(condition.tree for condition in (detail.when, must) if condition),
                conditions.Comparison(detail_path, "answered", False)))

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
        owner = answer_path(item, asker)
        for option_path, option in entries(item, path, "options"):
            if isinstance(option.get("detail"), dict):
                check_detail(lint, option["detail"], (*option_path, "detail"), asker,
                             f"{owner}.details.{option.get('id')}")
        explanation = item.get("explanation")
        if isinstance(explanation, dict):
            lint.text(explanation, (*path, "explanation"), "prompt")
            lint.text(explanation, (*path, "explanation"), "hint")
            lint.word_limit(explanation, (*path, "explanation"))

    def summed(self, question: ChoiceQuestion, answer: Any, questionnaire: Any,
               answers: Mapping[str, Any]) -> int | float | None:
        chosen = ticked_ids(answer)
        scores = [option.score for option in question.options
                  if option.id in chosen and option.score is not None]
        return sum(scores) if scores else None

    def details_schema(self, write: SchemaWriter, question: ChoiceQuestion) -> Schema:
        """The `details` of an answer: one text for each option with a detail."""
        properties: Schema = {}
        for option in question.detailed_options:
            assert option.detail is not None
            properties[option.id] = write.annotated(
                text_schema(write, "long_text", option.detail),
                title=lambda label=option.label: write.wording.text(
                    "The detail of %(option)s", option=repr(label.plain())))
        return write.annotated(
            {"type": ["object", "null"], "properties": properties,
             "additionalProperties": False},
            title=lambda: write.wording.text("Details of the options of %(question)s",
                                             question=write.title(question)))

    def ruled(self, question: ChoiceQuestion) -> bool:
        return bool(question.detailed_options)

    def findings(self, question: ChoiceQuestion, answer: Any, path: JsonPath,
                 answers: Mapping[str, Any], questionnaire: Any) -> Iterator[Any]:
        if isinstance(answer, dict | str):  # `{selected: id, details: ...}`, or the id alone
            yield from detail_findings(question, answer, path, answers, questionnaire,
                                       multiple=False)

    def ticked(self, read: FormReader, question: ChoiceQuestion, path: str) -> list[str]:
        """The ids of the options ticked in a filled Word form."""
        return [option.id for option in question.options
                if read.ticked(f"{path}/{self.infix}/{option.id}")]

    def details_read(self, read: FormReader, question: ChoiceQuestion, path: str
                     ) -> dict[str, str]:
        """The details typed in a filled Word form, by option id."""
        return {option.id: text for option in question.detailed_options
                if (text := read.text(f"{path}/details/{option.id}"))}

    def details_drawn(self, question: ChoiceQuestion, chosen: list[str]
                      ) -> SearchStrategy[dict[str, str]]:
        """The details of the ticked options `chosen` (an empty detail would be a warning)."""
        from hypothesis import strategies as st

        from msqschema.types import strategies

        return st.fixed_dictionaries({
            option.id: strategies.detail_texts(option.detail)
            for option in question.detailed_options
            if option.id in chosen and option.detail is not None})


class SingleChoiceType(ChoiceType):
    """One option of several: answered with its id, or `{selected: id, details: {id: text}}`
    when its options have details."""

    result_rule = "single_choice"
    summary = "categories"

    keys = ("options", "lead_in")
    infix = "option"
    answer_kind = "choice"

    def answer_schema(self, write: SchemaWriter, question: ChoiceQuestion) -> Schema:
        choice = write.enum([*(option.id for option in question.options), None],
                            [option.label for option in question.options])
        if not question.detailed_options:
            return choice
        detailed: Schema = {
            "type": "object", "additionalProperties": False,
            "properties": {"selected": choice, "details": self.details_schema(write, question)}}
        return {"if": {"type": "object"}, "then": detailed, "else": choice}

    def selected_in_mapping(self, question: ChoiceQuestion) -> bool:
        return bool(question.detailed_options)

    def read(self, read: FormReader, question: ChoiceQuestion, path: str) -> Any:
        ticked = self.ticked(read, question, path)
        if len(ticked) > 1:
            read.report(codes.CONFLICTING_TICKS, situation="single_choice",
                        ticked=", ".join(ticked))
            return None
        chosen = ticked[0] if ticked else None
        details = self.details_read(read, question, path)
        if not details:
            return chosen
        return {"selected": chosen, "details": details} if chosen else {"details": details}

    def answers(self, question: ChoiceQuestion) -> SearchStrategy[Any]:
        from hypothesis import strategies as st

        def answer(chosen: str) -> SearchStrategy[Any]:
            option = question.option(chosen)
            if option is not None and option.detail is not None:
                return st.fixed_dictionaries({"selected": st.just(chosen),
                                              "details": self.details_drawn(question, [chosen])})
            if question.detailed_options:  # either shape
                return st.just(chosen) | st.just({"selected": chosen})
            return st.just(chosen)

        return st.sampled_from([option.id for option in question.options]).flatmap(answer)


class MultipleChoiceType(ChoiceType):
    """Any number of options: answered `{selected: [ids], details: {id: text}, explanation:
    text}`."""

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
            selected, title=lambda: write.wording.text(
                "Ticked options of %(question)s", question=write.title(question)))}
        if question.detailed_options:
            properties["details"] = self.details_schema(write, question)
        if question.explanation:
            properties["explanation"] = write.annotated(
                write.text("long_text", question.explanation.max_words),
                title=lambda: write.wording.text("Explanation of %(question)s",
                                                 question=write.title(question)))
        return {"type": ["object", "null"], "properties": properties, "additionalProperties": False}

    def ruled(self, question: ChoiceQuestion) -> bool:
        return bool(question.detailed_options or question.explanation)

    def findings(self, question: ChoiceQuestion, answer: Any, path: JsonPath,
                 answers: Mapping[str, Any], questionnaire: Any) -> Iterator[Any]:
        if not isinstance(answer, dict):
            return
        yield from detail_findings(question, answer, path, answers, questionnaire,
                                   multiple=True)
        explanation = question.explanation
        if (explanation and answered(answer.get("explanation"))
                and not explanation.when.holds_in({question.id: answer})):
            yield codes.Finding(codes.CONDITION_NOT_MET, (*path, "explanation"), True,
                                {"situation": "explanation"})

    def read(self, read: FormReader, question: ChoiceQuestion, path: str
             ) -> dict[str, Any] | None:
        answer: dict[str, Any] = {"selected": self.ticked(read, question, path),
                                  "details": self.details_read(read, question, path)}
        if question.explanation is not None:
            answer["explanation"] = read.text(path + "/explanation")
        return {key: value for key, value in answer.items() if value} or None

    def answers(self, question: ChoiceQuestion) -> SearchStrategy[dict[str, Any]]:
        from hypothesis import strategies as st

        ids = [option.id for option in question.options]
        exclusive = [option.id for option in question.options if option.exclusive]
        return st.lists(st.sampled_from(ids), unique=True).map(
            lambda chosen: next(([option] for option in chosen if option in exclusive), chosen)
        ).flatmap(lambda chosen: self.drawn(question, chosen))

    def drawn(self, question: ChoiceQuestion, chosen: list[str]
              ) -> SearchStrategy[dict[str, Any]]:
        """An answer ticking `chosen`: their details, and maybe an explanation."""
        from hypothesis import strategies as st

        from msqschema.types import strategies

        optional: dict[str, SearchStrategy[Any]] = {}
        required: dict[str, SearchStrategy[Any]] = {"selected": st.just(chosen)}
        if any(option.id in chosen for option in question.detailed_options):
            required["details"] = self.details_drawn(question, chosen)
        if question.explanation is not None and chosen:
            optional["explanation"] = strategies.texts("long_text",
                                                       question.explanation.max_words)
        return st.fixed_dictionaries(required, optional=optional).map(
            lambda answer: {key: value for key, value in answer.items()
                            if key != "details" or value})


def option_name(options: tuple[Option, ...], value: Scalar) -> str | None:
    """The label of the option `value` names, as a condition in words says it (its closing
    colon left out: "Other"), or None."""
    return next((option.label.plain().rstrip(": ") for option in options if option.id == value),
                None)


def selected_of(answer: Any) -> Any:
    """The ticked part of a choice answer: its `selected` when it is a mapping (given with
    details), else the answer itself."""
    return answer.get("selected") if isinstance(answer, dict | Mapping) else answer


def ticked_ids(answer: Any) -> list[str]:
    """The option ids a choice answer ticks, whichever shape it has (anything else: none)."""
    chosen = selected_of(answer)
    chosen = chosen if isinstance(chosen, list) else [chosen]
    return [item for item in chosen if isinstance(item, str)]


def detail_findings(question: ChoiceQuestion, answer: dict[str, Any] | str, path: JsonPath,
                    answers: Mapping[str, Any], questionnaire: Any, *, multiple: bool
                    ) -> Iterator[Any]:
    """The details of a choice answer: a ticked option's detail left empty (V202, or V112 when
    required), a detail given for an option not ticked (V203), one not asked (V201)."""
    selected = selected_of(answer)
    if selected is not None and not isinstance(selected, list if multiple else str):
        return  # the schema reports the wrong type
    ticked = ticked_ids(answer)
    written = answer.get("details") if isinstance(answer, dict) else None
    details = written if isinstance(written, dict) else {}
    for option in question.detailed_options:
        detail = option.detail
        assert detail is not None
        text = details.get(option.id)
        if option.id in ticked:
            if answered(text):
                if not detail.asked(answers):
                    assert detail.when is not None
                    condition = detail.when.describe(LabelNames(questionnaire))
                    yield codes.Finding(codes.CONDITION_NOT_MET, (*path, "details", option.id),
                                        True, {"situation": "detail", "option": option.id,
                                               "condition": condition})
                continue
            if not detail.asked(answers):
                continue
            at = ((*path, "selected", ticked.index(option.id)) if multiple
                  else (*path, "selected") if isinstance(answer, dict) else path)
            if detail.must_answer(answers):
                yield codes.Finding(codes.REQUIRED_UNANSWERED, at, False,
                                    {"situation": "detail", "option": option.id})
            else:
                yield codes.Finding(codes.DETAIL_WITHOUT_TEXT, at, False, {"option": option.id})
        elif isinstance(text, str) and answered(text):
            yield codes.Finding(codes.DETAIL_WITHOUT_TICK, (*path, "details", option.id), True,
                                {"option": option.id,
                                 "how": "add it to 'selected'" if multiple
                                 else "make it the 'selected' option"})


_id = pattern(r"[a-z][a-z0-9]*(_[a-z0-9]+)*")


def build_options(build: Builder, item: Raw, path: JsonPath) -> tuple[Option, ...]:
    """The options of a question as written: its own list, or the option set it names."""
    options, options_path = item["options"], (*path, "options")
    if isinstance(options, str):
        options, options_path = build.option_set(options)
    return tuple(Option(
        id=option["id"], label=build.markup((*options_path, index, "label")) or Markup(""),
        detail=None if option.get("detail") is None else build_detail(
            build, option["detail"], (*options_path, index, "detail")),
        code=option.get("code"), score=option.get("score"),
        exclusive=option.get("exclusive", False), pos=build.pos((*options_path, index)))
        for index, option in enumerate(options))


def build_detail(build: Builder, detail: Raw, path: JsonPath) -> Detail:
    """The detail of an option as written."""
    return Detail(
        prompt=build.markup((*path, "prompt")), hint=build.markup((*path, "hint")),
        max_words=detail.get("max_words"), min_words=detail.get("min_words"),
        max_chars=detail.get("max_chars"), min_chars=detail.get("min_chars"),
        required=detail.get("required") is True, required_when=build.condition(
            (*path, "required")), when=build.condition((*path, "when")), pos=build.pos(path))


def check_detail(lint: Checker, detail: Raw, path: JsonPath, asker: Any, owner: str) -> None:
    """The texts, limits and conditions of an option's detail."""
    lint.text(detail, path, "prompt")
    lint.text(detail, path, "hint", block=True)
    lint.word_limit(detail, path)
    check_lengths(lint, detail, path)
    for key in ("when", "required"):
        if isinstance(detail.get(key), dict):
            lint.condition(asker, owner, (*path, key), detail[key])


def check_options(lint: Checker, item: Raw, path: JsonPath, type_name: str, *,
                  multiple: bool) -> None:
    """The checks of a question's options, or of the option set it names."""
    if isinstance(item.get("options"), str):
        if _id().fullmatch(item["options"]):  # else the meta-schema check reports it
            lint.option_set((*path, "options"), item["options"])
        return
    if item.get("options") == []:
        lint.report(codes.NO_OPTIONS, (*path, "options"), type=type_name, id=item.get("id"))
    check_option_list(lint, entries(item, path, "options"), multiple=multiple)


def check_option_list(lint: Checker, options: list[tuple[JsonPath, Raw]], *,
                      multiple: bool = True) -> None:
    """Labels, unique ids and codes, and exclusive options."""
    for option_path, option in options:
        lint.text(option, option_path, "label")
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
