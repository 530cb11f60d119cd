"""Build the Jinja environment of one output format, with the user's template overrides."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from msqschema.resources import templates_dir

if TYPE_CHECKING:
    from msqschema.questionnaire.model import Questionnaire


def make_environment(format_name: str, override: Path | None, **options: Any) -> Any:
    """A Jinja environment for `templates/<format_name>/`, overridable by files in `override`.

    A template in `override` replaces the built-in one of the same name, and may extend it as
    `builtin/<name>`. Undefined variables are errors, never silent blanks.
    """
    import jinja2

    builtin = jinja2.FileSystemLoader(templates_dir(format_name))
    loaders: list[jinja2.BaseLoader] = [builtin]
    if override is not None:
        loaders.insert(0, jinja2.FileSystemLoader(override))
    loader = jinja2.ChoiceLoader([*loaders, jinja2.PrefixLoader({"builtin": builtin})])
    return jinja2.Environment(
        loader=loader,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        **options,
    )


class TemplateRenderer:
    """A format drawn by one main template from the shared context; built once per process.

    Subclasses name the format, its main template and file extension, and may add filters and
    globals in `setup`.
    """

    format_name: str
    template_name: str
    extension: str
    options: dict[str, Any] = {}

    def __init__(self, override: Path | None) -> None:
        environment = make_environment(self.format_name, override, **self.options)
        self.setup(environment)
        self.template = environment.get_template(self.template_name)

    def setup(self, environment: Any) -> None:
        """Add the format's filters and globals to its environment."""

    def render(self, questionnaire: Questionnaire, answers: Mapping[str, Any]) -> str:
        """The whole document as text."""
        from msqschema.render.context import build_context

        return str(self.template.render(build_context(questionnaire, answers)))
