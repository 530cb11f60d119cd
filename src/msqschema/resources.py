"""Find the bundled questionnaires and templates, from a wheel or from a source checkout."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent

DEFAULT_QUESTIONNAIRE = "msq2020"
"""The bundled questionnaire used when none is named."""


@cache
def data_dir(name: str) -> Path:
    """Return the folder of bundled data called *name* (``templates`` or ``questionnaires``).

    An installed wheel carries the folders under ``msqschema/_data/``; an editable install
    or a checkout finds them at the top of the repository, two levels above the package.
    """
    for candidate in (_PACKAGE_DIR / "_data" / name, _PACKAGE_DIR.parents[1] / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"bundled folder {name!r} is missing from this installation")


def bundled_questionnaires() -> dict[str, Path]:
    """Map each bundled questionnaire's name (its file stem) to its path (to load one by name:
    `questionnaire.loader.load_bundled`)."""
    folder = data_dir("questionnaires")
    return {path.stem: path for path in sorted(folder.glob("*.yaml"))}


def templates_dir(format_name: str) -> Path:
    """Return the folder of built-in templates for one output format."""
    return data_dir("templates") / format_name
