"""Build the Jinja environment of one output format, with the user's template overrides."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from msqschema.resources import templates_dir


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
