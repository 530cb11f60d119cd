"""Questionnaire texts: the source as written, parsed into a tree of blocks on first use.

The tree and its parser live in `questionnaire.inline`, imported with the first parse, so that work
which never reads a text (such as validating a response) loads neither them nor markdown-it-py.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import TYPE_CHECKING

from msqschema.frozen import frozen

if TYPE_CHECKING:
    from msqschema.questionnaire.inline import Block, Inline, MarkupProblem, ParsedText


@frozen
class Markup:
    """A questionnaire text; its blocks and their inline nodes are parsed on first use."""

    source: str
    language: str | None = None
    """The language of a text left in another language than its document's (a translation's
    fallback to the source text), which the forms mark; None for the document's own."""

    @functools.cached_property
    def _parsed(self) -> ParsedText:
        from msqschema.questionnaire.inline import parse

        return parse(self.source)

    @property
    def blocks(self) -> tuple[Block, ...]:
        """The blocks of the text: paragraphs and lists (questionnaire.inline)."""
        return self._parsed.blocks

    @property
    def paragraphs(self) -> tuple[tuple[Inline, ...], ...]:
        """Every paragraph of the text, list items' included, each a tuple of inline nodes."""
        return self._parsed.paragraphs

    @property
    def has_lists(self) -> bool:
        """Whether the text holds a bulleted or numbered list."""
        return bool(self._parsed.list_problems)

    @property
    def problems(self) -> tuple[MarkupProblem, ...]:
        """The mistakes in the text's markup; the tree holds their text as plain text."""
        return self._parsed.problems

    @property
    def list_problems(self) -> tuple[MarkupProblem, ...]:
        """One problem at the start of each list, for texts that must be one phrase."""
        return self._parsed.list_problems

    def plain(self) -> str:
        """The text without markup; footnote references dropped, link texts kept."""
        return self._parsed.plain()

    @property
    def footnote_ids(self) -> tuple[str, ...]:
        """Referenced footnote ids in order of appearance, with repeats."""
        return self._parsed.footnote_ids()

    def __str__(self) -> str:
        return self.plain()


def first_references(texts: Iterable[Markup]) -> tuple[str, ...]:
    """The footnote ids these texts refer to, each once, in the order of its first reference."""
    return tuple(dict.fromkeys(footnote_id for text in texts for footnote_id in text.footnote_ids))


class ForeignText(str):
    """A plain text (a title, a unit, a column label) left in another language than its
    document's, a translation's fallback to the source; `language` says which, for the forms to
    mark, as `Markup.language` does for the other texts."""

    language: str

    def __new__(cls, text: str, language: str) -> ForeignText:
        made = super().__new__(cls, text)
        made.language = language
        return made

    def __reduce__(self) -> tuple[type[ForeignText], tuple[str, str]]:
        return ForeignText, (str(self), self.language)
