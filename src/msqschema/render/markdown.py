"""Markdown (CommonMark with GitHub's extensions): headings, numbered questions, task lists,
footnotes; answers escaped so that they stay text."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from msqschema.render.environment import TemplateRenderer

if TYPE_CHECKING:
    from msqschema.questionnaire.model import Questionnaire

_ANYWHERE = re.compile(r"[\\`*_\[\]<>&|~@$]|:(?=//)|(?<=www)\.", re.IGNORECASE)
"""Characters that could start emphasis, code, a link, HTML, an entity, a table cell,
strikethrough or math, and the `:` of `://`, the `.` of `www.` and the `@` of an address that
GitHub would turn into links."""

_LINE_START = re.compile(r"^(?:[#+=-]|\d+(?=[.)](?:\s|$)))", re.MULTILINE)
"""What would make a line a heading, a list item or a setext underline: escape its first mark."""


def escape(text: str) -> str:
    """Text as Markdown that shows exactly that text and can never become markup."""
    escaped = _ANYWHERE.sub(lambda match: "\\" + match.group(), text)
    return _LINE_START.sub(_escape_list_mark, escaped)


def _escape_list_mark(match: re.Match[str]) -> str:
    mark = match.group()
    return mark + "\\" if mark.isdigit() else "\\" + mark


def quote(text: str) -> str:
    """An answer as a block quote: each line escaped, indentation dropped (it would make code)."""
    return "\n".join(f"> {escape(line.strip())}".rstrip() for line in text.split("\n"))


def cell(text: str) -> str:
    """An answer inside a table cell: one line, escaped."""
    return escape(" ".join(text.split()))


def url(href: str) -> str:
    """A link target that Markdown reads back unchanged (no spaces, no parentheses)."""
    return href.replace(" ", "%20").replace("(", "%28").replace(")", "%29")


def tidy(text: str) -> str:
    """No trailing spaces, at most one blank line in a row, one final newline."""
    lines = (line.rstrip() for line in text.strip("\n").split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)) + "\n"


class Renderer(TemplateRenderer):
    """Renders `templates/md/form.md.j2`; templates escape text with the `md_*` filters."""

    format_name = "md"
    template_name = "form.md.j2"
    extension = ".md"

    def setup(self, environment: Any) -> None:
        environment.filters.update(md_escape=escape, md_quote=quote, md_cell=cell, md_url=url)

    def render(self, questionnaire: Questionnaire, answers: Mapping[str, Any]) -> str:
        return tidy(super().render(questionnaire, answers))
