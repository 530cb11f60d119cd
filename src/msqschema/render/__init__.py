"""Render a questionnaire, blank or filled in with a response, through Jinja templates.

One module per format (`html`, `md`, `docx`) defines a `Renderer` class; renderers, their Jinja
environments and templates are built once per process and reused for every response.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from msqschema.questionnaire.model import Questionnaire
    from msqschema.responses.response import Response

FORMATS: dict[str, str] = {"html": "msqschema.render.html", "md": "msqschema.render.markdown",
                           "docx": "msqschema.render.docx"}
"""Output formats by name, mapped to the module that renders them."""


class FormatRenderer(Protocol):
    """What every format module's `Renderer` offers."""

    extension: str

    def render(self, questionnaire: Questionnaire, answers: Mapping[str, Any]) -> str | bytes:
        """The whole document: text for html and md, bytes for docx."""
        ...


@cache
def get_renderer(format_name: str, templates: Path | None = None,
                 sandbox: bool = False) -> FormatRenderer:
    """The renderer of one format, built once per process (per template override folder, and
    sandboxed or not)."""
    if format_name not in FORMATS:
        raise ValueError(f"unknown format {format_name!r}; choose one of {', '.join(FORMATS)}")
    module = import_module(FORMATS[format_name])
    return module.Renderer(templates, sandbox)  # type: ignore[no-any-return]


def answers_of(response: Response | Mapping[str, Any] | str | Path | None) -> Mapping[str, Any]:
    """The answers mapping of a Response, of a response file or dict, or {} for a blank form."""
    if response is None:
        return {}
    if isinstance(response, str | Path):
        from msqschema.responses.response import load_response

        return load_response(response).answers
    if isinstance(response, Mapping):
        answers = response.get("answers", {})
        return answers if isinstance(answers, Mapping) else {}
    return response.answers


def render(
    questionnaire: Questionnaire,
    format_name: str = "html",
    response: Response | Mapping[str, Any] | str | Path | None = None,
    *,
    templates: Path | str | None = None,
    sandbox: bool = False,
    language: str | None = None,
    fallback: bool = False,
) -> str | bytes:
    """Render the blank form, or the form filled in with `response`, in one format.

    `response` is a loaded Response, a response file (its path) or a response dict; it is
    rendered as it is: `validate` it first. `templates` is a folder whose files override the
    built-in templates of the same name. Raises `InputError` if a response file cannot be read.
    Templates are code: `sandbox=True` renders with Jinja's sandboxed environment, for
    templates from people you do not trust (docs/templates.md). Template mistakes raise
    `jinja2.TemplateError`, endless recursion included.

    With a `language`, the questionnaire is rendered in the translation beside its file
    (`msqschema.i18n.translate.load_translated`, with `fallback` to its own texts for those a
    translation lacks; raises `TranslationError` otherwise); the page's language and direction
    follow (right to left for Arabic, Hebrew, Persian, Urdu...).
    """
    if language is not None:
        from msqschema.i18n.translate import load_translated

        questionnaire = load_translated(questionnaire, Path(questionnaire.source), language,
                                        fallback=fallback)
    folder = Path(templates).resolve() if templates is not None else None
    answers = answers_of(response)
    try:
        return get_renderer(format_name, folder, sandbox).render(questionnaire, answers)
    except RecursionError as error:
        from msqschema.render.environment import endless_recursion

        raise endless_recursion(error) from None
