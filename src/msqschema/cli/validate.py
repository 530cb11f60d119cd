"""`msqschema validate`: check response files, one after the other, and report every problem."""

from __future__ import annotations

import click

from msqschema.cli.common import (
    exit_status,
    fail,
    fail_message,
    load_or_exit,
    problem_format_option,
    response_files_or_exit,
    strict_option,
)
from msqschema.cli.hints import validation_hints
from msqschema.problems import DEFAULT_MAX_PROBLEMS


@click.command("validate")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("-q", "--questionnaire", metavar="QUESTIONNAIRE",
              help="Check against this questionnaire (a file or the name of a bundled one) "
                   "instead of the bundled one each response names.")
@strict_option
@problem_format_option
@click.option("--max-problems", type=click.IntRange(min=0), default=DEFAULT_MAX_PROBLEMS,
              show_default=True,
              metavar="N", help="Print at most N problems per file, then how many more were "
                                "found (0: print them all). The exit status counts them all.")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=1, show_default=True,
              metavar="N", help="Check the files in N worker processes (0: one per CPU); the "
                                "output is the same, in the same order.")
def validate_command(paths: tuple[str, ...], questionnaire: str | None, strict: bool,
                     output_format: str, max_problems: int, jobs: int) -> None:
    """Check response files: every key, answer, word limit and follow-up.

    PATH is a response file (YAML or JSON), a folder (searched for *.yaml, *.yml and *.json,
    skipping hidden ones) or - for standard input. Each response is checked against the
    bundled questionnaire its `questionnaire` key names, or against -q QUESTIONNAIRE.
    Exits 0 when every file is valid (warnings allowed unless --strict), 1 when problems were
    found, 2 when a file cannot be read or no response file was found. Each file shows its
    first --max-problems problems and the count of the others.

    \b
    Examples:
      msqschema validate examples/responses/tajikistan-2019.yaml
      msqschema validate --strict responses/
      msqschema validate -q my-survey.yaml --format github answers.json
    """
    from msqschema.problems import LoadError
    from msqschema.reporters import REPORTERS, Totals
    from msqschema.responses.batch import WorkerLost, cpu_count, validate_files

    model = load_or_exit(questionnaire, for_validation=True, response_hint="give it as PATH, "
                         "and its questionnaire with -q") if questionnaire else None
    files = response_files_or_exit(paths)
    reporter = REPORTERS[output_format]()
    totals = Totals()
    click.echo(reporter.begin(), nl=False)
    checked = validate_files(model, files, max_problems=max_problems, jobs=jobs or cpu_count())
    try:
        for file, report, unreadable in checked:
            if not unreadable:
                report, unreadable = validation_hints(report, file,
                                                      questionnaire_given=model is not None)
            totals.add(report, unreadable=unreadable)
            output = reporter.file(report)
            if output:
                click.echo(output, nl=False)
    except LoadError as error:
        fail(error.problems)
    except WorkerLost as error:
        fail_message(str(error))
    click.echo(reporter.end(totals), nl=False)
    raise SystemExit(exit_status(totals, strict=strict))
