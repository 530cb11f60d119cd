"""What the commands share: the questionnaire argument, error output, exit statuses."""

from __future__ import annotations

from typing import TYPE_CHECKING, NoReturn

import click

if TYPE_CHECKING:
    from msqschema.model import Questionnaire
    from msqschema.problems import Problem
    from msqschema.reporters import Totals

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
DEFAULT_QUESTIONNAIRE = "msq2020"


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


def load_or_exit(name_or_path: str, *, for_validation: bool = False) -> Questionnaire:
    """Load a questionnaire for a command; a broken one is unreadable input (exit 2).

    `for_validation` loads it as validation needs it (see `loader.load_for_validation`)."""
    from msqschema.loader import load_for_validation, load_questionnaire
    from msqschema.problems import InputError, LoadError

    try:
        return (load_for_validation if for_validation else load_questionnaire)(name_or_path)
    except InputError as error:
        fail([error.problem])
    except LoadError as error:
        click.echo(f"msqschema: questionnaire {name_or_path} has problems "
                   f"(run `msqschema lint {name_or_path}`):", err=True)
        fail(error.problems)
