"""msqschema: write a questionnaire once in YAML; lint it, validate responses against it,
export their JSON Schema, render blank or filled forms, read filled forms back, and turn a
collection of responses into tables (`export`) and a report (`report`).

The public API is imported lazily, so `import msqschema` stays cheap for command-line start-up.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from msqschema.__about__ import __version__

# Cheap, and imported first so that importing the msqschema.render package later
# cannot shadow the function with the package.
from msqschema.render import render

if TYPE_CHECKING:
    from msqschema.extraction.reader import Extraction, extract
    from msqschema.locations import Pos
    from msqschema.problems import InputError, LoadError, MsqSchemaError, Problem, Report
    from msqschema.questionnaire.loader import lint, load_questionnaire
    from msqschema.questionnaire.markup import Markup
    from msqschema.questionnaire.model import (
        Column,
        Condition,
        Footnote,
        FootnoteDefinition,
        Question,
        Questionnaire,
        Section,
    )
    from msqschema.responses.response import Response, load_response
    from msqschema.responses.schema import response_schema
    from msqschema.responses.validation import validate
    from msqschema.results.export import export
    from msqschema.results.report import report
    from msqschema.types import (
        ChoiceQuestion,
        ConsentQuestion,
        ContactQuestion,
        Explanation,
        GroupQuestion,
        NoteQuestion,
        Option,
        RecordsQuestion,
        TextQuestion,
        YesNoQuestion,
    )

_EXPORTS = {
    "extract": "msqschema.extraction.reader",
    "Extraction": "msqschema.extraction.reader",
    "load_questionnaire": "msqschema.questionnaire.loader",
    "lint": "msqschema.questionnaire.loader",
    "Markup": "msqschema.questionnaire.markup",
    **{name: "msqschema.questionnaire.model" for name in (
        "Column", "Condition", "Footnote", "FootnoteDefinition", "Question", "Questionnaire",
        "Section")},
    **{name: "msqschema.types" for name in (
        "ChoiceQuestion", "ConsentQuestion", "ContactQuestion", "Explanation", "GroupQuestion",
        "NoteQuestion", "Option", "RecordsQuestion", "TextQuestion", "YesNoQuestion")},
    "Pos": "msqschema.locations",
    **{name: "msqschema.problems" for name in (
        "InputError", "LoadError", "MsqSchemaError", "Problem", "Report")},
    "Response": "msqschema.responses.response",
    "load_response": "msqschema.responses.response",
    "response_schema": "msqschema.responses.schema",
    "validate": "msqschema.responses.validation",
    "export": "msqschema.results.export",
    "report": "msqschema.results.report",
}

__all__ = [  # noqa: RUF022 -- grouped as _EXPORTS is
    "__version__", "render",
    "extract", "Extraction", "load_questionnaire", "lint", "Markup",
    "ChoiceQuestion", "Column", "Condition", "ConsentQuestion", "ContactQuestion",
    "Explanation", "Footnote", "FootnoteDefinition", "GroupQuestion", "NoteQuestion", "Option",
    "Pos", "Question", "Questionnaire", "RecordsQuestion", "Section", "TextQuestion",
    "YesNoQuestion", "InputError", "LoadError", "MsqSchemaError", "Problem", "Report",
    "Response", "load_response", "response_schema", "validate", "export", "report",
]


def __getattr__(name: str) -> Any:
    """Import a public name on first use."""
    if name in _EXPORTS:
        value = getattr(import_module(_EXPORTS[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'msqschema' has no attribute {name!r}")


def __dir__() -> list[str]:
    """The public API, with what is already imported: `dir(msqschema)` shows what it offers."""
    return sorted({*globals(), *__all__})
