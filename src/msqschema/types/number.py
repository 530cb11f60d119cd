"""Numeric questions: whole numbers, decimals, percentages and amounts of money.

Bounds (`min`, `max`) are numbers or the id of another numeric answer ("not more than the
total"); `decimals` is the most decimal places; `unit` is shown beside the field; an amount has
an ISO 4217 `currency`. A response gives a YAML or JSON number, never text.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from functools import cached_property
from typing import TYPE_CHECKING, Any, NamedTuple, TypeGuard

from msqschema import problems as codes
from msqschema.frozen import frozen
from msqschema.locations import JsonPath
from msqschema.patterns import pattern
from msqschema.questionnaire.model import Question, Questionnaire
from msqschema.types.base import (
    Builder,
    Checker,
    FormReader,
    QuestionType,
    Raw,
    Schema,
    SchemaWriter,
)
from msqschema.types.views import QuestionView

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy

    from msqschema.render.messages import Wording

Bound = int | float | str | None
"""A bound: a number, the id of another numeric question, or None."""


@frozen(kw_only=True)
class NumberQuestion(Question):
    """A question answered with a number: whole, decimal, percentage or amount."""

    integer: bool = False
    min: Bound = None
    max: Bound = None
    decimals: int | None = None
    unit: str | None = None
    currency: str | None = None

    @property
    def shown_unit(self) -> str | None:
        """What the form shows beside the field: the unit, or the currency code."""
        return self.unit or self.currency

    @property
    def step(self) -> str:
        """The step of the HTML input: 1, or one unit of the last decimal place allowed."""
        if self.integer:
            return "1"
        return "any" if self.decimals is None else ("1" if self.decimals == 0 else
                                                    "0." + "0" * (self.decimals - 1) + "1")

    @property
    def fixed_min(self) -> int | float | None:
        """The lower bound when it is a number (not another question's answer)."""
        return None if isinstance(self.min, str) else self.min

    @property
    def fixed_max(self) -> int | float | None:
        """The upper bound when it is a number (not another question's answer)."""
        return None if isinstance(self.max, str) else self.max

    @cached_property
    def named_bounds(self) -> tuple[tuple[str, bool], ...]:
        """The bounds that name another answer: its id, and whether it is the upper bound."""
        return tuple((bound, above) for bound, above in ((self.min, False), (self.max, True))
                     if isinstance(bound, str))


class NumberView(QuestionView):
    """A numeric question: `answer` is the number (an int or a float), or None."""

    kind = "number"

    @classmethod
    def build(cls, question: Question, raw: object, key: str) -> QuestionView:
        number = raw if is_number(raw) else None
        return cls(question, key, number)

    @property
    def shown(self) -> str | None:
        """The answer as the forms print it, with its unit: `1234.5 USD`, `30 %`."""
        if self.answer is None:
            return None
        assert isinstance(self.question, NumberQuestion)
        unit = self.question.shown_unit
        return format_number(self.answer) + (f" {unit}" if unit else "")

    @property
    def number_text(self) -> str | None:
        """The answer as the Word form prints it, without its unit: `1234.5`; a number that
        reads like a thousands group (`7.603`) gets a zero (`7.6030`) so that it reads back."""
        if self.answer is None:
            return None
        text = format_number(self.answer)
        return text + "0" if _like_a_group().fullmatch(text) else text

    def expected(self, wording: Wording, questionnaire: Questionnaire) -> str:
        """What the answer must be, in words of the wording's language: `a whole number from
        0 to 100`, `a number of at most the answer to 3, at most 1 decimal place`."""
        question = self.question
        assert isinstance(question, NumberQuestion)
        texts = RANGE_TEXTS[question.type]
        low, high = (_bound_words(bound, wording, questionnaire)
                     for bound in (question.min, question.max))
        text = texts[(low is not None) + 2 * (high is not None)]
        words = wording.text(text, low=low, high=high, currency=question.currency)
        if question.decimals and not question.integer:
            return wording.plural("%(range)s, at most %(num)d decimal place",
                                  "%(range)s, at most %(num)d decimal places",
                                  question.decimals, range=words)
        return words

    def described(self, wording: Wording, questionnaire: Questionnaire) -> str | None:
        """What the answer must be, with its unit: `a number of at least 0, in m²`."""
        assert isinstance(self.question, NumberQuestion)
        expected = self.expected(wording, questionnaire)
        unit = self.question.unit
        return wording.text("%(range)s, in %(unit)s", range=expected, unit=unit) if unit else (
            expected)


class RangeTexts(NamedTuple):
    """The catalog texts of a numeric type's answers in words, by the bounds they have."""

    unbounded: str
    at_least: str
    at_most: str
    between: str


def _bound_words(bound: Bound, wording: Wording, questionnaire: Questionnaire) -> str | None:
    """A bound in words: `100`, `1 000,5`, or `the answer to 3` (the question's number; the
    id, quoted, of an answer that is not a question's)."""
    if bound is None:
        return None
    if not isinstance(bound, str):
        return wording.number(bound)
    other = questionnaire.question(bound)
    return wording.text_in("bound", "the answer to %(question)s",
                           question=other.ref if other else repr(bound))


def is_number(value: object) -> TypeGuard[int | float]:
    """Whether a value read from a response is a finite number (not a boolean; a whole number
    of any size is finite)."""
    kind = type(value)
    if kind is int:  # the usual answers first
        return True
    if kind is float:
        return math.isfinite(value)  # type: ignore[arg-type]
    if isinstance(value, bool):
        return False
    return isinstance(value, int) or isinstance(value, float) and math.isfinite(value)


def format_number(value: int | float) -> str:
    """A number as people write it in a form: 30, 1234.5 (no exponent, no trailing .0)."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    text = repr(value)
    if "e" in text or "E" in text:
        text = f"{value:.15f}".rstrip("0").rstrip(".")
    return text


_like_a_group = pattern(r"-?[1-9][0-9]{0,2}\.[0-9]{3}")
_MOST_DIGITS = 300
"""The most digits a number typed into a Word form may have (more is no answer to a survey)."""
_typed = pattern(r"[+-]?[0-9][0-9.,]*")
_grouping = pattern(r"[ \u00a0\u202f']")
_currency = pattern(r"^(?:[A-Za-z]{3}|[$€£¥₽₹])\s*|\s*(?:[A-Za-z]{3}|[$€£¥₽₹])$")


def read_number(text: str, decimals: int | None = None) -> int | float | str:
    """The number typed into a Word form, or why it cannot be read unambiguously.

    Accepts `1234`, `1 234,5`, `1,234.5`, `1.234,5`, `30 %`, `30%`, `EUR 12`. One separator
    followed by three digits (`1,234`) groups thousands where the question allows fewer than
    three `decimals`; elsewhere it is ambiguous (a thousand, or one and a bit?) and refused.
    """
    cleaned = _currency().sub("", text.strip().removesuffix("%").strip())
    digits = _grouping().sub("", cleaned)
    if not _typed().fullmatch(digits):
        return f"{text!r} is not a number"
    if len(digits) > _MOST_DIGITS:
        return f"{text[:20]!r}… has more than {_MOST_DIGITS} digits"
    sign, digits = (-1 if digits[0] == "-" else 1), digits.lstrip("+-")
    marks = [mark for mark in digits if mark in ",."]
    if not marks:
        return sign * int(digits)
    last = max(digits.rfind(","), digits.rfind("."))
    whole, fraction = digits[:last], digits[last + 1:]
    if len(set(marks)) == 2:  # the last mark is the decimal one, the other groups thousands
        groups = whole.split("," if digits[last] == "." else ".")
    elif len(marks) > 1:  # one mark, several times: it groups thousands
        groups, whole, fraction = digits.split(marks[0]), digits, ""
    elif len(fraction) == 3 and whole not in ("", "0") and len(whole) <= 3 and (
            decimals is not None and decimals < 3):
        groups, fraction = [whole, fraction], ""
    elif len(fraction) == 3 and whole not in ("", "0") and len(whole) <= 3:
        return (f"{text!r} is ambiguous: write {whole}{fraction} or {whole}.{fraction}, "
                "or use another decimal mark")
    else:
        groups = [whole]
    if not all(groups) or any(len(group) != 3 for group in groups[1:]) or not fraction.isdigit(
            ) and fraction:
        return f"{text!r} is not a number"
    whole = "".join(groups)
    if not fraction:
        return sign * int(whole)
    return sign * float(f"{whole or 0}.{fraction}")


class NumberType(QuestionType):
    """A number: `integer` (whole numbers), `decimal`, `percentage` (0 to 100 unless narrowed)
    or `amount` (money, with a currency)."""

    result_rule = "number"
    summary = "numbers"

    model = NumberQuestion
    view = NumberView
    answer_kind = "number"

    def __init__(self, name: str, *, texts: RangeTexts, integer: bool = False,
                 low: float | None = None, high: float | None = None, currency: bool = False,
                 unit: str | None = None) -> None:
        super().__init__(name)
        self.texts = texts
        self.integer = integer
        self.low = low
        self.high = high
        self.unit = unit
        self.keys = ("min", "max", "unit", *(() if integer else ("decimals",)),
                     *(("currency",) if currency else ()))

    def fields(self, build: Builder, item: Raw, path: JsonPath) -> dict[str, Any]:
        return {"integer": self.integer,
                "min": item.get("min", self.low), "max": item.get("max", self.high),
                "decimals": 0 if self.integer else item.get("decimals"),
                "unit": item.get("unit", self.unit), "currency": item.get("currency")}

    def check(self, lint: Checker, item: Raw, path: JsonPath, asker: Any) -> None:
        low, high = item.get("min", self.low), item.get("max", self.high)
        if is_number(low) and is_number(high) and low > high:
            lint.report(codes.BAD_BOUNDS, (*path, "min"), min=format_number(low),
                        max=format_number(high))
        for key in ("min", "max"):
            if isinstance(item.get(key), str):
                lint.reference((*path, key), item[key], NUMERIC, "a numeric question")
        for key, bound in (("min", item.get("min")), ("max", item.get("max"))):
            if is_number(bound) and ((self.low is not None and bound < self.low)
                                     or (self.high is not None and bound > self.high)):
                lint.report(codes.BAD_BOUNDS, (*path, key), situation="outside", type=self.name,
                            low=format_number(self.low or 0), high=format_number(self.high or 0),
                            key=key, bound=format_number(bound))

    def answer_schema(self, write: SchemaWriter, question: NumberQuestion) -> Schema:
        schema: Schema = {"type": ["integer" if question.integer else "number", "null"],
                          "finiteNumber": True}
        if question.fixed_min is not None:
            schema["minimum"] = question.fixed_min
        if question.fixed_max is not None:
            schema["maximum"] = question.fixed_max
        if question.decimals is not None and not question.integer:
            schema["maxDecimals"] = question.decimals
        return schema

    def ruled(self, question: NumberQuestion) -> bool:
        return bool(question.named_bounds)

    def findings(self, question: NumberQuestion, answer: Any, path: JsonPath,
                 answers: Mapping[str, Any], questionnaire: Any) -> Iterator[Any]:
        if not is_number(answer):
            return
        for bound, above in question.named_bounds:
            other = answers.get(bound)
            if not is_number(other):
                continue
            if (answer > other) if above else (answer < other):
                yield codes.Finding(codes.OUT_OF_RANGE, path, False, {
                    "situation": "answer", "value": format_number(answer),
                    "relation": "more" if above else "less", "bound": bound,
                    "other": format_number(other),
                    "difference": format_number(abs(answer - other))})

    def summed(self, question: NumberQuestion, answer: Any, questionnaire: Any,
               answers: Mapping[str, Any]) -> int | float | None:
        return answer if is_number(answer) else None

    def read(self, read: FormReader, question: NumberQuestion, path: str
             ) -> int | float | None:
        text = read.text(path)
        return None if text is None else self.typed(read, question, text)

    def typed(self, read: FormReader, question: NumberQuestion, text: str
              ) -> int | float | None:
        number = read_number(text, question.decimals)
        if isinstance(number, str):
            read.report(codes.UNREADABLE_NUMBER, reason=number)
            return None
        if question.integer and isinstance(number, float):
            read.report(codes.UNREADABLE_NUMBER, situation="not_whole", text=text)
            return None
        return number

    def answers(self, question: NumberQuestion) -> SearchStrategy[int | float]:
        from hypothesis import strategies as st

        low = question.fixed_min if question.fixed_min is not None else -10**9
        high = question.fixed_max if question.fixed_max is not None else 10**9
        if question.integer:
            return st.integers(math.ceil(low), math.floor(high))
        places = question.decimals if question.decimals is not None else 3
        return st.integers(math.ceil(low * 10**places), math.floor(high * 10**places)).map(
            lambda scaled: scaled if places == 0 else round(scaled / 10**places, places))


NUMBER_TYPES = (
    NumberType("integer", integer=True, texts=RangeTexts(
        "a whole number", "a whole number of at least %(low)s",
        "a whole number of at most %(high)s", "a whole number from %(low)s to %(high)s")),
    NumberType("decimal", texts=RangeTexts(
        "a number", "a number of at least %(low)s", "a number of at most %(high)s",
        "a number from %(low)s to %(high)s")),
    NumberType("percentage", low=0, high=100, unit="%", texts=RangeTexts(
        "a percentage", "a percentage of at least %(low)s", "a percentage of at most %(high)s",
        "a percentage from %(low)s to %(high)s")),
    NumberType("amount", currency=True, texts=RangeTexts(
        "an amount in %(currency)s", "an amount in %(currency)s of at least %(low)s",
        "an amount in %(currency)s of at most %(high)s",
        "an amount in %(currency)s from %(low)s to %(high)s")),
)
"""The numeric types."""
NUMERIC = tuple(kind.name for kind in NUMBER_TYPES)
"""The names of the numeric types."""
RANGE_TEXTS = {kind.name: kind.texts for kind in NUMBER_TYPES}
"""Each numeric type's answers in words (catalog texts, msqschema/render/messages/)."""
