"""`msqschema report`: one HTML page summing up the valid responses of a collection."""

from __future__ import annotations

import click

from msqschema.cli.collection import (
    finish,
    one_line_errors,
    problems_printer,
    questionnaire_option,
    quiet_option,
)
from msqschema.cli.common import load_or_exit, response_files_or_exit


@click.command("report")
@click.argument("paths", nargs=-1, required=True, metavar="RESPONSES...")
@questionnaire_option
@click.option("-o", "--output", required=True, metavar="FILE", help="The HTML page to write.")
@quiet_option
def report_command(paths: tuple[str, ...], questionnaire: str, output: str, quiet: bool) -> None:
    """Validate response files and write a report of the valid ones: one self-contained HTML
    page with, for each question in order, how many answered, charts and their numbers.

    RESPONSES are response files or folders (searched like `validate` does). Each file's
    problems are printed as `validate` prints them; files with errors are left out and listed
    at the end of the page. The same responses give the same bytes. Exits 0 when every file
    is in the report, 1 when some were left out, 2 when no response file is found or the page cannot
    be written.

    \b
    Examples:
      msqschema report responses/ -o results/report.html
    """
    from msqschema.results.report import report

    model = load_or_exit(questionnaire)
    files = tuple(response_files_or_exit(paths))  # the folders are read once
    with one_line_errors(output), problems_printer(files, quiet) as on_file:
        done = report(files, output, questionnaire=model, on_file=on_file)
    finish(done.tally, f"report written to {output}", quiet=quiet)
