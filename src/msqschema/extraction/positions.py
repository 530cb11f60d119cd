"""Read a form whose content controls lost their tags by aligning them with the blank form's.

LibreOffice keeps the boxes of a filled form but drops their `msq:` tags. The blank form of the
same questionnaire lists the tagged places in document order, each with its kind (text or check
box) and the text before it; the filled form's untagged places are walked in the same order and
must match one to one, except that a records table may hold any number of rows. A long text's
box keeps only its first paragraph: the paragraphs after it that the blank form does not have
are the answer's further lines. Anything else that differs is a `Divergence`, never a guess.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from msqschema.extraction.docx_package import Body, Control, Paragraph
from msqschema.frozen import frozen


class Divergence(Exception):
    """The filled form no longer has the blank form's places: at which place, in which
    situation of problem code X005, with which values for its message."""

    def __init__(self, path: str, situation: str, **values: Any) -> None:
        self.path = path
        self.situation = situation
        self.values: dict[str, Any] = values
        super().__init__(f"{path}: {situation}")


@frozen
class _Prompts:
    """The text before each place: the last paragraph before it that the blank form has."""

    known: frozenset[str]
    last: tuple[str, ...]  # the prompt of a place with `before` = i is last[i]

    @classmethod
    def of(cls, paragraphs: list[Paragraph], known: frozenset[str]) -> _Prompts:
        last, current = [""], ""
        for paragraph in paragraphs:
            if paragraph.text in known:
                current = paragraph.text
            last.append(current)
        return cls(known, tuple(last))

    def before(self, place: Control) -> str:
        return self.last[place.before]


def align(blank: Body, filled: Body) -> Body:
    """The filled body with each untagged place given the path of its blank counterpart.

    Paragraphs read as further lines of a long text are left out of the result's paragraphs.
    Raises `Divergence` at the first blank place the filled form does not match.
    """
    known = frozenset(paragraph.text for paragraph in blank.paragraphs if paragraph.text.strip())
    aligner = _Aligner(blank, filled, known)
    aligner.run()
    kept = [paragraph for index, paragraph in enumerate(filled.paragraphs)
            if index not in aligner.consumed]
    return Body(controls=aligner.controls, paragraphs=kept)


_KIND = {True: "a check box", False: "a text box"}


class _Aligner:
    """Walk the blank places and the filled places side by side."""

    def __init__(self, blank: Body, filled: Body, known: frozenset[str]) -> None:
        self.expected = blank.controls
        self.found = filled.untagged
        self.filled = filled
        self.blank_prompts = _Prompts.of(blank.paragraphs, known)
        self.filled_prompts = _Prompts.of(filled.paragraphs, known)
        self.controls: list[Control] = []
        self.consumed: set[int] = set()
        self.next = 0  # the next filled place
        self.previous: Control | None = None  # the last blank place matched

    def run(self) -> None:
        index = 0
        while index < len(self.expected):
            place = self.expected[index]
            if "/*/" in place.path and place.table is not None:
                index = self.records(index)
            else:
                self.single(place)
                index += 1
        if self.next < len(self.found):
            last = self.expected[-1].path if self.expected else ""
            raise Divergence(last, "extra", count=len(self.found) - self.next)

    def single(self, place: Control) -> None:
        """Match one place; a long text takes the paragraphs after it that are not the form's."""
        found = self.take(place)
        text = found.text
        if place.block and text is not None:
            text = "\n".join([text, *self.further_lines(found)])
        self.keep(place, found, text)

    def records(self, start: int) -> int:
        """Match a records table: any number of rows (one at least) of the blank form's
        columns, in one table; return the index of the first blank place after the table."""
        end = start
        while end < len(self.expected) and self.expected[end].table == self.expected[start].table:
            end += 1
        columns = [place for place in self.expected[start:end]
                   if place.row == self.expected[start].row]
        table = None
        while table is None or (self.next < len(self.found)
                                and self.found[self.next].table == table):
            cells = [self.take(column) for column in columns]
            if cells[0].table is None or any(cell.row != cells[0].row for cell in cells):
                raise Divergence(columns[0].path, "row")
            table = cells[0].table
            for column, cell in zip(columns, cells, strict=True):
                self.keep(column, cell, cell.text)
        return end

    def take(self, place: Control) -> Control:
        """The next filled place, which must be of the same kind and after the same text."""
        if self.next >= len(self.found):
            raise Divergence(place.path, "deleted")
        found = self.found[self.next]
        expected, shown = self.blank_prompts.before(place), self.filled_prompts.before(found)
        previous = self.previous
        if expected != shown and previous is not None and self.more_of(previous, shown, expected):
            raise Divergence(previous.path, "more")
        if found.checkbox != place.checkbox:
            raise Divergence(place.path, "kind", found=_KIND[found.checkbox],
                             expected=_KIND[place.checkbox])
        if expected != shown:
            raise Divergence(place.path, "prompt", shown=_quote(shown), expected=_quote(expected))
        self.next += 1
        self.previous = place
        return found

    def more_of(self, previous: Control, shown: str, expected: str) -> bool:
        """Whether the next filled places are more of the previous blank place (after its text)
        and the one after them is where the expected place should be."""
        if shown != self.blank_prompts.before(previous):
            return False
        after = self.next
        while after < len(self.found) and self.filled_prompts.before(self.found[after]) == shown:
            after += 1
        return after < len(self.found) and self.filled_prompts.before(self.found[after]) == expected

    def further_lines(self, found: Control) -> list[str]:
        """The paragraphs after a long text's place up to the next place or form text."""
        end = self.found[self.next].before if self.next < len(self.found) \
            else len(self.filled.paragraphs)
        lines = []
        for index in range(found.before, end):
            text = self.filled.paragraphs[index].text
            if text in self.filled_prompts.known:
                break
            lines.append(text)
            self.consumed.add(index)
        return lines

    def keep(self, place: Control, found: Control, text: str | None) -> None:
        """The filled place under the blank one's path; the blank's placeholder is no answer."""
        if text is not None and place.placeholder is not None \
                and text.strip() == place.placeholder.strip():
            text = None
        self.controls.append(dataclasses.replace(found, path=place.path, text=text))


def _quote(text: str, length: int = 50) -> str:
    """A text on one line, shortened, in quotes; 'nothing' for none."""
    line = " ".join(text.split())
    return repr(line if len(line) <= length else line[:length - 1] + "…") if line else "nothing"
