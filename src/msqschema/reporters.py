"""Turn Reports into text for people (`text`) and machines (`json`, `github`), chosen by name.

Reporters only format: they return strings and never print. Each streams: `begin`, then one
`file` call per checked file, then `end` with the totals, so memory stays flat over many files.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Protocol

from msqschema.patterns import pattern
from msqschema.problems import Problem, Report, plural

JSON_FORMAT_VERSION = 1


@dataclass(eq=False)
class Totals:
    """Counts over every file of a run."""

    files: int = 0
    files_with_problems: int = 0
    errors: int = 0
    warnings: int = 0
    unreadable: int = 0

    def add(self, report: Report, *, unreadable: bool = False) -> None:
        self.files += 1
        self.files_with_problems += bool(report.problems or report.more)
        self.errors += report.error_count
        self.warnings += report.warning_count
        self.unreadable += unreadable

    def summary(self, noun: str = "file") -> str:
        """One line: '3 files checked: 1 with problems (2 errors, 1 warning)'."""
        files = plural(self.files, noun)
        if not self.files_with_problems:
            return f"{files} checked: no problems"
        counts = ", ".join(part for part in (
            plural(self.errors, "error") if self.errors else "",
            plural(self.warnings, "warning") if self.warnings else "",
            f"{self.unreadable} unreadable" if self.unreadable else "",
        ) if part)
        return f"{files} checked: {self.files_with_problems} with problems ({counts})"


def location(problem: Problem) -> str:
    """'file:line:col' with whatever parts are known."""
    parts = [problem.file or "<input>"]
    if problem.line is not None:
        parts.append(str(problem.line))
        if problem.column is not None:
            parts.append(str(problem.column))
    return ":".join(parts)


def question_name(problem: Problem) -> str:
    """'Q14 social_media' for a problem about a question, else ''."""
    if problem.question:
        return f"Q{problem.question} {problem.question_id}"
    return problem.question_id


def subject(problem: Problem) -> str:
    """'Q14 social_media: ' for a problem about a question, else ''."""
    name = question_name(problem)
    return f"{name}: " if name else ""


def github_title(problem: Problem) -> str:
    """An annotation's title: 'V104 Q14 social_media', or the bare code."""
    return " ".join(part for part in (problem.code, question_name(problem)) if part)


_unprintable = pattern(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
"""Control characters and line separators, which would break a line or hide in it (a key
written `"\\v"` in a file is a vertical tab in its path)."""


def printable(text: str) -> str:
    """The text with control characters and line separators written as Python escapes."""
    return _unprintable().sub(lambda match: repr(match.group())[1:-1], text)


def text_line(problem: Problem) -> str:
    """`path:line:col: severity[CODE] Q14 social_media: message`, always one line."""
    return printable(f"{location(problem)}: {problem.severity}[{problem.code}] "
                     f"{subject(problem)}{problem.message}")


def more_line(report: Report) -> str:
    """'… and 5 more problems' when the report left problems out, else ''."""
    if not report.more:
        return ""
    return f"… and {plural(report.more, 'more problem')}"


@dataclass(eq=False)
class TextReporter:
    """`path:line:col: severity[CODE] Q14 social_media: message`, one a line, then a summary."""

    noun: str = "file"

    def begin(self) -> str:
        return ""

    def file(self, report: Report) -> str:
        more = more_line(report)
        return "".join(text_line(problem) + "\n" for problem in report.problems) + (
            f"{report.file}: {more}\n" if more else "")

    def end(self, totals: Totals) -> str:
        return totals.summary(self.noun) + "\n"


@dataclass(eq=False)
class JsonReporter:
    """One JSON document: {"version", "files": [{"file", "valid", "problems", "more_problems"}],
    "summary"}; `more_problems` counts the problems left out of `problems`."""

    noun: str = "file"
    _first: bool = field(default=True, init=False)

    def begin(self) -> str:
        return f'{{"version": {JSON_FORMAT_VERSION}, "files": ['

    def file(self, report: Report) -> str:
        entry = {"file": report.file, "valid": not report.error_count,
                 "problems": [problem.to_dict() for problem in report.problems],
                 "more_problems": report.more}
        separator = "\n  " if self._first else ",\n  "
        self._first = False
        return separator + json.dumps(entry, ensure_ascii=False)

    def end(self, totals: Totals) -> str:
        summary = {"files": totals.files, "files_with_problems": totals.files_with_problems,
                   "errors": totals.errors, "warnings": totals.warnings,
                   "unreadable": totals.unreadable}
        return f'\n], "summary": {json.dumps(summary)}}}\n'


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


@dataclass(eq=False)
class GithubReporter:
    """GitHub Actions workflow commands: `::error file=...,line=...,col=...,title=...::message`."""

    noun: str = "file"

    def begin(self) -> str:
        return ""

    def file(self, report: Report) -> str:
        lines = []
        for p in report.problems:
            properties = [f"file={_escape_property(p.file)}"]
            if p.line is not None:
                properties.append(f"line={p.line}")
            if p.column is not None:
                properties.append(f"col={p.column}")
            properties.append(f"title={_escape_property(github_title(p))}")
            lines.append(f"::{p.severity} {','.join(properties)}::"
                         f"{_escape_data(subject(p) + p.message)}\n")
        if report.more:
            lines.append(f"::notice file={_escape_property(report.file)}::"
                         f"{_escape_data(more_line(report))}\n")
        return "".join(lines)

    def end(self, totals: Totals) -> str:
        return totals.summary(self.noun) + "\n"


class Reporter(Protocol):
    """What every reporter offers: text to print before, for each file, and after the run."""

    def begin(self) -> str: ...

    def file(self, report: Report) -> str: ...

    def end(self, totals: Totals) -> str: ...


class ReporterFactory(Protocol):
    """A reporter class: called with the noun that names what was checked."""

    def __call__(self, *, noun: str = "file") -> Reporter: ...


REPORTERS: dict[str, ReporterFactory] = {
    "text": TextReporter, "json": JsonReporter, "github": GithubReporter,
}
"""Reporters by the name given to `--format`."""
