"""Render a questionnaire as a fillable Word form: one Jinja template per WordprocessingML part.

Answer places are content controls tagged `msq:/<path>` (docs/docx.md); the parts are zipped in a
fixed order with fixed timestamps, so the same input gives the same bytes.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from msqschema.__about__ import __version__
from msqschema.extraction import docx_package
from msqschema.questionnaire.inline import Link, Plain
from msqschema.questionnaire.markup import Markup
from msqschema.questionnaire.model import Question, Questionnaire
from msqschema.render.context import build_context
from msqschema.render.environment import make_environment
from msqschema.render.ooxml import MalformedPart, is_rtl, xml_safe, zip_package

PARTS = (
    "[Content_Types].xml",
    "_rels/.rels",
    "docProps/core.xml",
    "docProps/app.xml",
    "docProps/custom.xml",
    "word/document.xml",
    "word/_rels/document.xml.rels",
    "word/styles.xml",
    "word/settings.xml",
    "word/fontTable.xml",
    "word/footnotes.xml",
    "word/_rels/footnotes.xml.rels",
    "word/header1.xml",
    "word/footer1.xml",
)
"""The package's parts in zip order; each is the template of the same name."""


class _ControlIds:
    """Numbers the content controls of one document: Word wants each `w:id` unique."""

    def __init__(self) -> None:
        self._ids = itertools.count(1)

    def next_id(self) -> int:
        """A new content control id."""
        return next(self._ids)


def pointer(key: str) -> str:
    """The tag path of an answer from its dotted key: `a.b` -> `/a/b`."""
    return "/" + key.replace(".", "/")


def control_title(question: Question, part: str = "", max_words: int | None = None) -> str:
    """The title Word shows on a content control: `Q14 social_media (maximum 250 words)`."""
    title = f"{question.label} {part}" if part else question.label
    return f"{title} (maximum {max_words} words)" if max_words else title


def _hrefs(markups: Iterable[Markup]) -> list[str]:
    """The link targets in these texts, each once, in order."""
    found: dict[str, None] = {}
    stack = [node for markup in markups for paragraph in markup.paragraphs for node in paragraph]
    stack.reverse()
    while stack:
        node = stack.pop()
        if isinstance(node, Link):
            found[node.href] = None
        if not isinstance(node, Plain) and hasattr(node, "children"):
            stack.extend(reversed(node.children))
    return list(found)


def _links(questionnaire: Questionnaire) -> dict[str, list[str]]:
    """Link targets by part: those of the document body and those of the footnotes."""
    return {"document": _hrefs(questionnaire.texts()),
            "footnotes": _hrefs(note.text for note in questionnaire.footnotes)}


class Renderer:
    """Renders Word documents; its environment and templates are built once and reused."""

    extension = ".docx"

    def __init__(self, templates: Path | None = None, sandbox: bool = False) -> None:
        environment = make_environment("docx", templates, sandbox=sandbox, autoescape=True,
                                       finalize=xml_safe, auto_reload=False)
        environment.filters.update(rtl=is_rtl, pointer=pointer)
        environment.globals.update(control_title=control_title, version=__version__)
        self.parts = [(name, environment.get_template(name)) for name in PARTS]
        self._links: tuple[Questionnaire, dict[str, list[str]]] | None = None

    def links(self, questionnaire: Questionnaire) -> dict[str, list[str]]:
        """The questionnaire's link targets by part, remembered for the last questionnaire."""
        if self._links is None or self._links[0] is not questionnaire:
            self._links = (questionnaire, _links(questionnaire))
        return self._links[1]

    def render(self, questionnaire: Questionnaire, answers: Mapping[str, Any]) -> bytes:
        """The whole .docx package, as bytes; `PartTooLarge` if a part would be larger than
        `extract` reads (its limits are the renderer's: anything rendered can be read back)."""
        links = self.links(questionnaire)
        targets = dict.fromkeys([*links["document"], *links["footnotes"]])
        context = build_context(questionnaire, answers) | {
            "control_ids": _ControlIds(),
            "links": {href: f"rLink{number}" for number, href in enumerate(targets, start=1)},
            "document_links": links["document"],
            "footnote_links": links["footnotes"],
        }
        try:
            return zip_package(
                ((name, template.generate(context)) for name, template in self.parts),
                max_part_bytes=docx_package.MAX_PART_BYTES,
                max_elements=docx_package.MAX_ELEMENTS)
        except MalformedPart as error:  # a user's template can produce anything
            from jinja2 import TemplateRuntimeError

            raise TemplateRuntimeError(str(error)) from None
