"""Render a questionnaire as a fillable Word form: one Jinja template per WordprocessingML part.

Answer places are content controls tagged `msq:/<path>` (docs/docx.md); the parts are zipped in a
fixed order with fixed timestamps, so the same input gives the same bytes.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from jinja2 import pass_context
from markupsafe import Markup as Markup_

from msqschema.__about__ import __version__
from msqschema.extraction import limits
from msqschema.questionnaire.inline import Link, Plain
from msqschema.questionnaire.markup import Markup
from msqschema.questionnaire.model import Question, Questionnaire
from msqschema.render.context import build_context
from msqschema.render.environment import make_environment
from msqschema.render.ooxml import MalformedPart, is_rtl, xml_safe, zip_package
from msqschema.render.writing import writing_of

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
    "word/numbering.xml",
    "word/header1.xml",
    "word/footer1.xml",
)
"""The package's parts in zip order; each is the template of the same name. The numbering part
comes after the document, whose lists it numbers, and only when the questionnaire has lists."""
NUMBERING = "word/numbering.xml"


class _ControlIds:
    """Numbers the content controls of one document: Word wants each `w:id` unique."""

    def __init__(self) -> None:
        self._ids = itertools.count(1)

    def next_id(self) -> int:
        """A new content control id."""
        return next(self._ids)


class _Numbering:
    """The list numbers (`w:numId`) of one document: one for every bulleted list, and a new one
    for each numbered list (with its level and first number), so that it starts afresh."""

    bullets = 1

    def __init__(self, needed: bool) -> None:
        self.needed = needed
        self._numbered: list[tuple[int, int]] = []

    def number(self, level: int, start: int) -> int:
        """The number of a new numbered list at this level, counting from `start`."""
        self._numbered.append((level, start))
        return self.bullets + len(self._numbered)

    def numbered(self) -> list[tuple[int, int, int]]:
        """Each numbered list's number, level and first number, in order."""
        return [(self.bullets + index, level, start)
                for index, (level, start) in enumerate(self._numbered, start=1)]


def pointer(key: str) -> str:
    """The tag path of an answer from its dotted key: `a.b` -> `/a/b`."""
    return "/" + key.replace(".", "/")


@pass_context
def control_title(context: Any, question: Question, part: str = "",
                  max_words: int | None = None) -> str:
    """The title Word shows on a content control: `Q14 social_media (maximum 250 words)`."""
    title = f"{question.label} {part}" if part else question.label
    if not max_words:
        return title
    limit = context["messages"].ngettext("(maximum %(num)d word)", "(maximum %(num)d words)",
                                         max_words)
    return f"{title} {limit % {'num': max_words}}"


def run_properties(text: str, style: str = "", bold: bool = False, italic: bool = False,
                   language: str | None = None) -> Markup_:
    """The `<w:rPr>` of a run of `text`: its character style, bold and italic, and `w:rtl`
    (bold and italic then also for complex scripts) when the text starts right to left. A run
    of a text in another `language` than the document's (a translation's fallback) says which
    in `w:lang`, and is right to left only if that language is; a plain text left in another
    language (`ForeignText`) says so itself."""
    language = language or language_of(text)
    rtl = writing_of(language).rtl if language else is_rtl(text)
    if not (style or bold or italic or rtl or language):
        return Markup_("")
    parts = [Markup_('<w:rStyle w:val="{}"/>').format(style) if style else "",
             "<w:b/><w:bCs/>" if bold and rtl else "<w:b/>" if bold else "",
             "<w:i/><w:iCs/>" if italic and rtl else "<w:i/>" if italic else "",
             "<w:rtl/>" if rtl else "", run_language(language) if language else ""]
    return Markup_("<w:rPr>{}</w:rPr>").format(Markup_("".join(parts)))


def language_of(text: object) -> str | None:
    """The language a text was left in, when not the document's (a translation's fallback)."""
    return getattr(text, "language", None)


@pass_context
def paragraph_direction(context: Any, language: str | None) -> Markup_:
    """The `<w:bidi>` of a paragraph of a text in another `language` than the document's, where
    its direction differs: an English paragraph in an Arabic form is left to right (so its
    full stop ends it on the right)."""
    if not language:
        return Markup_("")
    rtl = writing_of(language).rtl
    if rtl == context["writing"].rtl:
        return Markup_("")
    return Markup_("<w:bidi/>" if rtl else '<w:bidi w:val="0"/>')


def run_language(language: str) -> Markup_:
    """The `<w:lang>` of a run in `language`: its tag as the language of the run's script
    (`w:bidi` for right to left, `w:eastAsia` for Chinese, Japanese, Korean, else `w:val`)."""
    writing = writing_of(language)
    kind = "bidi" if writing.rtl else "eastAsia" if writing.east_asian_font else "val"
    return Markup_('<w:lang w:{}="{}"/>').format(kind, writing.tag)


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
        environment.filters.update(rtl=is_rtl, pointer=pointer, run_properties=run_properties)
        environment.globals.update(control_title=control_title, version=__version__,
                                   paragraph_direction=paragraph_direction,
                                   language_of=language_of)
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
        numbering = _Numbering(any(text.has_lists for text in questionnaire.texts()))
        context = build_context(questionnaire, answers) | {
            "control_ids": _ControlIds(),
            "links": {href: f"rLink{number}" for number, href in enumerate(targets, start=1)},
            "document_links": links["document"],
            "footnote_links": links["footnotes"],
            "numbering": numbering,
        }
        parts = [(name, template) for name, template in self.parts
                 if name != NUMBERING or numbering.needed]
        try:
            return zip_package(
                ((name, template.generate(context)) for name, template in parts),
                max_part_bytes=limits.MAX_PART_BYTES,
                max_elements=limits.MAX_ELEMENTS)
        except MalformedPart as error:  # a user's template can produce anything
            from jinja2 import TemplateRuntimeError

            raise TemplateRuntimeError(str(error)) from None
