"""The questionnaire model: frozen, typed dataclasses; every node knows its source position."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Pos:
    """A 1-based line and column in a source file."""

    line: int
    column: int
