"""`msqschema extract`: read a filled Word form back into a response file, then validate it."""

from __future__ import annotations

from pathlib import Path

import click

from msqschema.cli.common import EXIT_OK, EXIT_PROBLEMS, fail, fail_message, load_or_exit


@click.command("extract")
@click.argument("filled", metavar="FILLED.docx",
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-q", "--questionnaire", metavar="QUESTIONNAIRE",
              help="A questionnaire file, or the name of a bundled one "
                   "(default: the one the document was rendered from).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the response file here (default: standard output).")
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too.")
@click.option("--format", "output_format", type=click.Choice(["text", "json", "github"]),
              default="text", show_default=True, help="How to print the problems.")
def extract_command(filled: Path, questionnaire: str | None, output: Path | None, strict: bool,
                    output_format: str) -> None:
    """Read the answers of a filled Word form into a response file, then validate it.

    FILLED.docx is a form rendered by `msqschema render --format docx` and filled in
    (in Word, or in any editor that keeps its content controls and their tags). The response file
    (YAML) goes to OUTPUT, or to standard output; the problems found go after it (to standard
    error when the response goes to standard output). Exits 0 when the answers are valid
    (warnings allowed unless --strict), 1 when problems were found, 2 when the document
    cannot be read.

    \b
    Examples:
      msqschema extract returned/tajikistan.docx -o responses/tajikistan.yaml
      msqschema extract form.docx -q my-survey.yaml > response.yaml
    """
    from msqschema.atomic import OutputError, write_atomic
    from msqschema.extract import extract
    from msqschema.problems import InputError, LoadError, Report
    from msqschema.reporters import REPORTERS, Totals
    from msqschema.response import load_response
    from msqschema.validation import validate

    model = load_or_exit(questionnaire) if questionnaire else None
    try:
        extraction = extract(filled, model)
    except InputError as error:
        fail([error.problem])
    except LoadError as error:
        fail(error.problems)
    text = extraction.to_yaml()
    if output is None:
        click.echo(text, nl=False)
    else:
        try:
            write_atomic(output, text.encode("utf-8"), inputs=[filled])
        except OSError as error:
            fail_message(str(error) if isinstance(error, OutputError) else
                         f"{output}: {error.strerror or error}")
    response = load_response(text.encode("utf-8"), name=str(output or "<stdout>"))
    checked = validate(extraction.questionnaire, response)
    report = Report(str(filled), extraction.problems + checked.problems)
    totals = Totals()
    totals.add(report)
    reporter = REPORTERS[output_format](noun="form")
    click.echo(reporter.begin() + reporter.file(report) + reporter.end(totals), nl=False,
               err=output is None)
    raise SystemExit(EXIT_PROBLEMS if report.errors or (strict and report.warnings) else EXIT_OK)
