"""The one streaming pass over response files: read and validate each, one at a time."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from msqschema.frozen import frozen
from msqschema.problems import InputError, Report
from msqschema.questionnaire.model import Questionnaire
from msqschema.responses.response import Response, load_response
from msqschema.responses.validation import validate


@frozen
class Collected:
    """One response file after validation: its problems, and its answers when it was readable."""

    report: Report
    response: Response | None

    @property
    def file(self) -> str:
        return self.report.file

    @property
    def readable(self) -> bool:
        return self.response is not None

    @property
    def valid(self) -> bool:
        """Readable and without errors (warnings allowed, as `validate` allows them)."""
        return self.response is not None and not self.report.errors

    @property
    def answers(self) -> dict[str, Any]:
        return self.response.answers if self.response is not None else {}


def collect(questionnaire: Questionnaire, files: Iterable[str]) -> Iterator[Collected]:
    """Each file read and validated against `questionnaire`, in order, one at a time."""
    for file in files:
        try:
            response = load_response(file)
        except InputError as error:
            yield Collected(Report(file, (error.problem,)), None)
            continue
        yield Collected(validate(questionnaire, response), response)


@dataclass
class Tally:
    """How many files a pass read, and what became of them."""

    files: int = 0
    valid: int = 0
    unreadable: int = 0
    with_errors: int = 0
    warnings_only: int = 0

    def add(self, collected: Collected) -> None:
        self.files += 1
        if not collected.readable:
            self.unreadable += 1
        elif collected.report.errors:
            self.with_errors += 1
        else:
            self.valid += 1
            self.warnings_only += bool(collected.report.warnings)

    @property
    def left_out(self) -> int:
        """Files with errors or unreadable."""
        return self.unreadable + self.with_errors
