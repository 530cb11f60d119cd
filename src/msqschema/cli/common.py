"""What the commands share: the questionnaire argument, error output, exit statuses."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TypeVar

import click

from msqschema.reporters import REPORTERS

if TYPE_CHECKING:
    from msqschema.problems import Problem
    from msqschema.questionnaire.model import Questionnaire
    from msqschema.reporters import Totals

T = TypeVar("T")
EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


strict_option = click.option("--strict", is_flag=True, help="Exit 1 on warnings too.")
problem_format_option = click.option(
    "--format", "output_format", type=click.Choice(list(REPORTERS)), default="text",
    show_default=True, help="How to print the problems.")
"""The options of every command that reports problems (lint, validate, extract)."""

language_option = click.option(
    "--language", metavar="CODE",
    help="In this language: the questionnaire's translation (LANGUAGE.po beside it), such as "
         "fr, ar or zh.")
fallback_option = click.option(
    "--fallback", is_flag=True,
    help="With --language: keep the source text where the translation has none.")
"""The options of the commands that show the questionnaire's texts (render, schema)."""


def exit_status(totals: Totals, *, strict: bool) -> int:
    """2 if any file was unreadable, else 1 for errors (or warnings when strict), else 0."""
    if totals.unreadable:
        return EXIT_USAGE
    return EXIT_PROBLEMS if totals.errors or (strict and totals.warnings) else EXIT_OK


def fail(problems: list[Problem] | tuple[Problem, ...], status: int = EXIT_USAGE) -> NoReturn:
    """Print problems to standard error and exit."""
    from msqschema.reporters import text_line

    for problem in problems:
        click.echo(text_line(problem), err=True)
    raise SystemExit(status)


def fail_message(message: str, status: int = EXIT_USAGE) -> NoReturn:
    """Print one line to standard error and exit."""
    click.echo(f"msqschema: {message}", err=True)
    raise SystemExit(status)


def response_files_or_exit(paths: Iterable[str]) -> list[str]:
    """The response files of these paths (as `response_files` finds them); exit 2 when there is
    none, so that a mistyped folder is not read as an empty collection."""
    from msqschema.responses.files import response_files

    files = list(response_files(paths))
    if not files:
        fail_message("no response file (*.yaml, *.yml, *.json) found in " + ", ".join(paths))
    return files


def write_or_exit(target: Path, data: bytes, *, inputs: Iterable[Path] = ()) -> None:
    """Write an output file whole or not at all, never over one of `inputs`; else one line
    and exit 2."""
    from msqschema.atomic import OutputError, write_atomic

    try:
        write_atomic(target, data, inputs=inputs)
    except OutputError as error:  # its message names the file
        fail_message(str(error))
    except OSError as error:
        fail_message(f"{target}: {error.strerror or error}")


def render_or_exit(render: Callable[[], T], templates: Path | None = None) -> T:
    """Run a rendering; any error of a template (user templates may hold anything) is one line
    naming the template where Jinja knows it (else the `templates` folder, if given), exit 2."""
    from jinja2 import TemplateError, TemplateSyntaxError

    from msqschema.render.ooxml import PartTooLarge

    where = f" in {templates}" if templates else ""
    try:
        return render()
    except PartTooLarge as error:
        fail_message(f"the Word form is too large: {error}")
    except TemplateSyntaxError as error:
        fail_message(f"{error.filename or error.name}:{error.lineno}: template error: {error}")
    except TemplateError as error:
        fail_message(f"template error{where}: {error}")
    except (ArithmeticError, LookupError, TypeError, ValueError) as error:  # in a template
        fail_message(f"template error{where}: {type(error).__name__}: {error}")


def file_kind(path: str) -> str | None:
    """"questionnaire" or "response" when a readable file looks like one, else None."""
    from msqschema.problems import InputError
    from msqschema.responses.response import load_response

    if path == "-" or not Path(path).is_file():
        return None
    try:
        return data_kind(load_response(path).data)
    except InputError:
        return None


def data_kind(data: object) -> str | None:
    """"questionnaire" or "response" when a file's data looks like one, else None.

    Only its top-level keys are looked at: a questionnaire has `msqschema`, a response has
    `answers` and no `msqschema`. Used to word a hint when a file of the other kind was given.
    """
    if not isinstance(data, dict):
        return None
    if "msqschema" in data:
        return "questionnaire"
    return "response" if "answers" in data else None


VALIDATE_IT = "check it with `msqschema validate`"
"""The hint for a response file given where a questionnaire is expected."""


def fail_response_given(path: str, hint: str = VALIDATE_IT) -> NoReturn:
    """Say in one line that a response file was given for a questionnaire, and exit 2."""
    fail_message(f"{path}: this is a response file, not a questionnaire; {hint}")


def load_or_exit(name_or_path: str, *, for_validation: bool = False,
                 response_hint: str = VALIDATE_IT, language: str | None = None,
                 fallback: bool = False) -> Questionnaire:
    """Load a questionnaire for a command; a broken one is unreadable input (exit 2).

    `for_validation` loads it as validation needs it (see `loader.load_for_validation`);
    `language` loads its translation (with `fallback` to its own texts), and a translation
    that cannot be used is a problem of the input (exit 1), each reason on its line.
    A response file given instead is said in one line, with `response_hint`."""
    from msqschema.problems import InputError, LoadError
    from msqschema.questionnaire.loader import load_for_validation, load_questionnaire

    try:
        if language is not None:
            return _translated_or_exit(name_or_path, language, fallback)
        return (load_for_validation if for_validation else load_questionnaire)(name_or_path)
    except InputError as error:
        fail([error.problem])
    except LoadError as error:
        if file_kind(name_or_path) == "response":
            fail_response_given(name_or_path, response_hint)
        click.echo(f"msqschema: questionnaire {name_or_path} has problems "
                   f"(run `msqschema lint {name_or_path}`):", err=True)
        fail(error.problems)


def _translated_or_exit(name_or_path: str, language: str, fallback: bool) -> Questionnaire:
    """A questionnaire in `language`; a translation that cannot be used is a problem of the
    input (exit 1), each reason on its line. Babel is imported only here, when it is needed."""
    from msqschema.i18n.translate import TranslationError
    from msqschema.questionnaire.loader import load_questionnaire

    try:
        return load_questionnaire(name_or_path, language=language, fallback=fallback)
    except TranslationError as error:
        click.echo(f"msqschema: the translation into {language} cannot be used (`msqschema "
                   f"i18n check {name_or_path}` lists its problems; --fallback keeps the source "
                   "text where one is missing):", err=True)
        fail(error.problems, EXIT_PROBLEMS)
