"""`msqschema lint`: check a questionnaire file."""

from __future__ import annotations

import click

from msqschema.cli.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    fail,
    fail_response_given,
    file_kind,
    problem_format_option,
)
from msqschema.resources import DEFAULT_QUESTIONNAIRE


@click.command("lint")
@click.argument("questionnaire", default=DEFAULT_QUESTIONNAIRE, metavar="[QUESTIONNAIRE]")
@problem_format_option
def lint_command(questionnaire: str, output_format: str) -> None:
    """Check a questionnaire file and report every problem at once.

    QUESTIONNAIRE is a file or the name of a bundled questionnaire (default: msq2020).
    Exits 0 when clean, 1 when problems were found, 2 when the file cannot be read or is a
    response file.

    \b
    Examples:
      msqschema lint
      msqschema lint questionnaires/msq2020.yaml
      msqschema lint my-survey.yaml --format github
    """
    from msqschema.problems import InputError
    from msqschema.questionnaire.loader import lint
    from msqschema.reporters import REPORTERS, Totals

    try:
        report = lint(questionnaire)
    except InputError as error:
        fail([error.problem])
    if report.problems and file_kind(questionnaire) == "response":
        fail_response_given(questionnaire)
    reporter = REPORTERS[output_format](noun="questionnaire")
    totals = Totals()
    totals.add(report)
    click.echo(reporter.begin() + reporter.file(report) + reporter.end(totals), nl=False)
    raise SystemExit(EXIT_PROBLEMS if report.problems else EXIT_OK)
