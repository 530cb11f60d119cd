"""Write a response file: YAML with a comment above each answer, answers in questionnaire order.

The emitter is small and exact: every text reads back as the same string with YAML 1.2
(msqschema's reader) and with YAML 1.1 readers (PyYAML), so a text such as `no`, `on`, `null`,
`2019` or `31.07.2019` is quoted; multi-line text becomes a `|-` block when that is exact.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from msqschema.questionnaire.model import Question, Questionnaire

COMMENT_WIDTH = 100
"""The widest a comment line may be."""

_INDENT = 2
_NOT_PRINTABLE = re.compile(
    "[^\t\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
"""Characters that must be escaped: YAML 1.2 non-printables and what YAML 1.1 reads as line
breaks (U+0085, U+2028, U+2029), and the byte order mark."""
_NOT_PLAIN_START = frozenset("-?:,[]{}#&*!|>'\"%@`~=<+.0123456789")
"""First characters that could make a plain scalar an indicator, a number or a date."""
_NOT_TEXT = frozenset({"y", "n", "yes", "no", "true", "false", "on", "off", "null"})
"""Words (in any case) that some YAML reader reads as a boolean or null."""


def response_yaml(questionnaire: Questionnaire, answers: Mapping[str, Any],
                  *, preamble: Iterable[str] = ()) -> str:
    """A response file for `answers`, with `preamble` lines as comments at the top.

    Answers keep questionnaire order; each has a comment with its question number and prompt,
    and each section's first answer has the section's title above it.
    """
    lines = [row for line in preamble for row in _comment(line, 0)]
    lines.append(f"questionnaire: {scalar(questionnaire.id)}")
    if not answers:
        lines.append("answers: {}")
        return "\n".join(lines) + "\n"
    lines.append("answers:")
    written: set[str] = set()
    for heading, questions in _parts(questionnaire):
        present = [question for question in questions if question.id in answers]
        if present and heading:
            lines += ["", *_comment(heading, _INDENT)]
        for question in present:
            _answer(lines, question, answers[question.id], _INDENT)
            written.add(question.id)
    for key, value in answers.items():  # answers to no question: kept, for validation to report
        if key not in written:
            _value(lines, scalar(key), value, _INDENT)
    return "\n".join(lines) + "\n"


def _parts(questionnaire: Questionnaire) -> Iterator[tuple[str, tuple[Question, ...]]]:
    """The header's questions, then each section's, with the section's heading."""
    yield "", questionnaire.header
    for section in questionnaire.sections:
        yield f"{section.numeral}. {section.title.plain()}", section.questions


def _answer(lines: list[str], question: Question, answer: Any, indent: int) -> None:
    description = _describe(question)
    if description:
        lines += _comment(description, indent)
    if question.sub_questions and isinstance(answer, Mapping) and answer:
        lines.append(" " * indent + f"{scalar(question.id)}:")
        known = {item.id for item in question.sub_questions}
        for item in question.sub_questions:
            if item.id in answer:
                _answer(lines, item, answer[item.id], indent + _INDENT)
        for key, value in answer.items():
            if key not in known:
                _value(lines, scalar(key), value, indent + _INDENT)
    else:
        _value(lines, scalar(question.id), answer, indent)


def _describe(question: Question) -> str:
    """'Q14 How does your government ...': the number (if any) and the plain prompt."""
    text = question.prompt or getattr(question, "statement", None)
    words = text.plain() if text is not None else ""
    return f"Q{question.ref} {words}".rstrip() if question.numbered else words


def _comment(text: str, indent: int) -> list[str]:
    """Comment lines holding `text` on one paragraph, wrapped to COMMENT_WIDTH."""
    prefix = " " * indent + "# "
    words = " ".join(_NOT_PRINTABLE.sub(" ", text).split())
    width = max(COMMENT_WIDTH - len(prefix), 20)
    wrapped = textwrap.wrap(words, width, break_long_words=False, break_on_hyphens=False)
    return [prefix + line for line in wrapped] or [prefix.rstrip()]


def _value(lines: list[str], key: str, value: Any, indent: int) -> None:
    """`key: value` at `indent`, with mappings and lists as indented blocks."""
    pad = " " * indent
    if isinstance(value, Mapping) and value:
        lines.append(f"{pad}{key}:")
        for name, item in value.items():
            _value(lines, scalar(name), item, indent + _INDENT)
    elif isinstance(value, list) and value:
        lines.append(f"{pad}{key}:")
        for item in value:
            _item(lines, item, indent + _INDENT)
    else:
        _leaf(lines, f"{pad}{key}:", value, pad)


def _item(lines: list[str], item: Any, indent: int) -> None:
    """One `- item` of a block sequence at `indent`."""
    pad = " " * indent
    if isinstance(item, Mapping) and item:
        start = len(lines)
        for name, value in item.items():
            _value(lines, scalar(name), value, indent + _INDENT)
        lines[start] = f"{pad}- {lines[start][indent + _INDENT:]}"
    elif isinstance(item, list) and item:
        lines.append(f"{pad}-")
        for inner in item:
            _item(lines, inner, indent + _INDENT)
    else:
        _leaf(lines, f"{pad}-", item, pad)


def _leaf(lines: list[str], head: str, value: Any, pad: str) -> None:
    """`head value` for a value without children: multi-line text as a literal block indented
    under `pad`, anything else as a flow scalar."""
    if isinstance(value, str) and _literal_ok(value):
        lines.append(f"{head} |-")
        lines += [f"{pad}{' ' * _INDENT}{line}" if line else "" for line in value.split("\n")]
    else:
        lines.append(f"{head} {scalar(value)}")


def scalar(value: Any) -> str:
    """One value as a YAML flow scalar that every reader reads back as the same value."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _float(value)
    if isinstance(value, Mapping):
        return "{}"
    if isinstance(value, list):
        return "[]"
    text = str(value)
    if _plain_ok(text):
        return text
    if "\n" in text or _NOT_PRINTABLE.search(text):
        return _double_quoted(text)
    return "'" + text.replace("'", "''") + "'"


def _float(value: float) -> str:
    """A float as both YAML 1.1 and 1.2 read it: with a dot, a signed exponent, `.inf`, `.nan`."""
    if value != value:
        return ".nan"
    if value in (float("inf"), float("-inf")):
        return ".inf" if value > 0 else "-.inf"
    text = repr(value)
    return text if "." in text else text.replace("e", ".0e")


def _plain_ok(text: str) -> bool:
    """Whether `text` may be written without quotes and still be read as this text."""
    return bool(text) and text == text.strip() and text[0] not in _NOT_PLAIN_START \
        and text.lower() not in _NOT_TEXT and not text.endswith(":") \
        and ": " not in text and " #" not in text and "\t" not in text \
        and "\n" not in text and not _NOT_PRINTABLE.search(text)


def _literal_ok(text: str) -> bool:
    """Whether multi-line `text` is exact as a `|-` block: no outer or trailing whitespace."""
    return "\n" in text and text == text.strip() and not _NOT_PRINTABLE.search(text) \
        and all(line == line.rstrip(" \t") and not line.startswith("\t")
                for line in text.split("\n"))


def _double_quoted(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    escaped = escaped.replace("\n", "\\n").replace("\t", "\\t")
    return '"' + _NOT_PRINTABLE.sub(_escape, escaped) + '"'


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 \
        else f"\\U{code:08x}"
