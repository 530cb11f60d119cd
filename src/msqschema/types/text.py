"""Questions answered with one piece of text: one line, long text, URL, e-mail, phone, date."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from msqschema import problems as codes
from msqschema.frozen import frozen
from msqschema.locations import JsonPath
from msqschema.questionnaire.model import Question
from msqschema.responses.wordcount import limit_pattern
from msqschema.types.base import (
    Checker,
    FormReader,
    QuestionType,
    Raw,
    Schema,
    SchemaWriter,
    is_int,
)
from msqschema.types.views import QuestionView

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy

    from msqschema.conditions import ValueKind
    from msqschema.render.messages import Wording

URL_PATTERN = (
    r"^(?:[Hh][Tt][Tt][Pp][Ss]?://)?[^\s/?#@:.]+(?:\.[^\s/?#@:.]+)+(?::[0-9]{1,5})?"
    r"(?:[/?#][^\s]*)?$"
)
EMAIL_PATTERN = r"^[^\s@]+@[^\s@]+\.[^\s@.]+$"
PHONE_PATTERN = (
    r"^(?:[ ()./+-]*[0-9]){4,}[ ()./-]*(?:(?:[Ee][Xx][Tt]\.?|[Xx])[ ]*[0-9]{1,6})?$"
)
DATE_PATTERN = (
    r"^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{2}\.[0-9]{2}\.[0-9]{4}|[0-9]{2}/[0-9]{2}/[0-9]{4})$"
)


@frozen(kw_only=True)
class TextQuestion(Question):
    """A question answered with text: one line, long text, URL, e-mail, phone or date."""

    max_words: int | None = None
    min_words: int | None = None
    max_chars: int | None = None
    """The most characters (as people see them: docs/response-files.md#character-counts)."""
    min_chars: int | None = None

    @property
    def multiline(self) -> bool:
        """Whether the answer may span several lines."""
        return self.type == "long_text"


class TextView(QuestionView):
    """Text, long text, URL, e-mail, phone or date: `answer` is the text."""

    kind = "text"


class TextType(QuestionType):
    """A kind of text answer: how it is checked, and how a respondent is told what it must be.

    Record columns and contact fields are text kinds too (without word limits).
    """

    model = TextQuestion
    view = TextView
    result_rule = "text"

    def __init__(self, name: str, *, pattern: str | None = None, expected: str = "",
                 extra: tuple[tuple[str, Any], ...] = (), word_limit: bool = False,
                 multiline: bool = False, answer_kind: ValueKind = "text",
                 summary: str = "answered") -> None:
        super().__init__(name)
        self.summary = summary
        self.answer_kind = answer_kind
        self.pattern = pattern
        self.expected = expected
        self.extra = extra
        self.word_limit = word_limit
        self.multiline = multiline
        self.keys = (*(("max_words", "min_words") if word_limit else ()), "max_chars",
                     "min_chars")

    def fields(self, build: Any, item: Raw, path: JsonPath) -> dict[str, Any]:
        return {key: item.get(key) for key in self.keys}

    def check(self, lint: Checker, item: Raw, path: JsonPath, asker: Any) -> None:
        if self.word_limit:
            lint.word_limit(item, path)
        check_lengths(lint, item, path)

    def text_schema(self, max_words: int | None = None) -> Schema:
        """A text answer of this kind, unanswered when null."""
        schema: Schema = {"type": ["string", "null"]}
        if self.pattern:
            schema["pattern"] = self.pattern
        elif max_words:
            schema["pattern"] = limit_pattern(max_words)
        if max_words:
            schema["maxWords"] = max_words
        schema.update(self.extra)
        return schema

    def pattern_error_message(self, wording: Wording, max_words: int | None = None
                              ) -> str | None:
        """What an editor says of a text failing the pattern of `text_schema(max_words)`, in
        the wording's language."""
        if self.pattern:
            return wording.text("Not %(expected)s", expected=wording.text(self.expected))
        return wording.plural("More than %(num)d word", "More than %(num)d words",
                              max_words) if max_words else None

    def answer_schema(self, write: SchemaWriter, question: TextQuestion) -> Schema:
        return text_schema(write, self.name, question)

    def read(self, read: FormReader, question: Question, path: str) -> str | None:
        return read.text(path)

    def answers(self, question: TextQuestion) -> SearchStrategy[str]:
        from msqschema.types import strategies

        return strategies.texts(self.name, question.max_words)


def text_schema(write: SchemaWriter, kind: str, limited: Any) -> Schema:
    """The schema of a text of `kind` with the length limits `limited` sets (`max_words`,
    `min_words`, `max_chars`, `min_chars`: a text question, or an option's detail)."""
    lengths = {"minWords": limited.min_words, "maxChars": limited.max_chars,
               "minChars": limited.min_chars}
    return {**write.text(kind, limited.max_words),
            **{key: value for key, value in lengths.items() if value}}


def check_lengths(lint: Checker, item: Raw, path: JsonPath) -> None:
    """A lower length limit above its upper one (`min_words` above `max_words`, ...)."""
    for low_key, high_key in (("min_words", "max_words"), ("min_chars", "max_chars")):
        low, high = item.get(low_key), item.get(high_key)
        if is_int(low) and is_int(high) and low > high:
            lint.report(codes.BAD_BOUNDS, (*path, low_key), situation="limits",
                        low_key=low_key, low=low, high_key=high_key, high=high)


TEXT_TYPES = (
    TextType("text", word_limit=True),
    TextType("long_text", word_limit=True, multiline=True, summary="words"),
    TextType("url", pattern=URL_PATTERN, word_limit=True,
             expected="a web address such as https://example.org or www.example.org"),
    TextType("email", pattern=EMAIL_PATTERN, expected="an e-mail address such as name@example.org"),
    TextType("phone", pattern=PHONE_PATTERN,
             expected="a telephone number such as +992 37 221 0000"),
    TextType("date", pattern=DATE_PATTERN,
             expected="a date written 2019-07-31, 31.07.2019 or 31/07/2019",
             extra=(("calendarDate", True),), answer_kind="date", summary="dates"),
)
"""The text kinds, by question (and column) type."""

TEXT_KINDS = {kind.name: kind for kind in TEXT_TYPES}
"""The text kinds by name."""


EXPECTED_BY_PATTERN = {kind.pattern: kind.expected for kind in TEXT_TYPES if kind.pattern}
"""What an answer failing a text kind's pattern should look like, for messages."""
