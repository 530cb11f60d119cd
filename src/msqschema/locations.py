"""Where things are: source positions and paths into data, shared by every stage."""

from __future__ import annotations

from typing import NamedTuple

JsonPath = tuple[str | int, ...]
"""A path into parsed data: mapping keys and list indexes, from the root."""


class Pos(NamedTuple):
    """A 1-based line and column in a source file (a named tuple: cheap, and sorts as one)."""

    line: int
    column: int


def pointer(path: JsonPath) -> str:
    """The JSON pointer (RFC 6901) of a path."""
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in path)
