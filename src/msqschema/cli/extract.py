"""`msqschema extract`: read filled Word forms back into response files, then validate them."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import click

from msqschema.cli.common import (
    exit_status,
    fail,
    fail_message,
    load_or_exit,
    problem_format_option,
    render_or_exit,
    strict_option,
    write_or_exit,
)
from msqschema.cli.hints import with_hint
from msqschema.cli.outputs import output_targets, quiet_option, say_written

if TYPE_CHECKING:
    from msqschema.problems import Report
    from msqschema.questionnaire.model import Questionnaire


@click.command("extract")
@click.argument("paths", nargs=-1, required=True, metavar="FILLED.docx...",
                type=click.Path(exists=True, path_type=Path))
@click.option("-q", "--questionnaire", metavar="QUESTIONNAIRE",
              help="A questionnaire file, or the name of a bundled one "
                   "(default: the one each document was rendered from).")
@click.option("-o", "--output", type=click.Path(allow_dash=True),
              help="The response file, FOLDER/ for one file per form, or - for standard "
                   "output (the default).")
@click.option("--templates", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="The template folder the forms were rendered with, if not the built-in one.")
@click.option("--sandbox", is_flag=True,
              help="Render the templates with Jinja's sandbox: for templates from people you "
                   "do not trust.")
@strict_option
@problem_format_option
@quiet_option
def extract_command(paths: tuple[Path, ...], questionnaire: str | None, output: str | None,
                    templates: Path | None, sandbox: bool, strict: bool, output_format: str,
                    quiet: bool) -> None:
    """Read the answers of filled Word forms into response files, then validate them.

    FILLED.docx is a form rendered by `msqschema render --format docx` and filled in (in
    Word, or in any editor that keeps its content controls and their tags), or a folder of
    them (*.docx in any case). One form gives one response file (YAML): OUTPUT, or standard
    output. Several forms need -o FOLDER/: each gives FOLDER/<name of the form>.yaml. A line
    on standard error says what was written (--quiet silences it). The problems found are
    printed after each form (to standard error when the response goes to standard output).
    Exits 0
    when every form is valid (warnings allowed unless --strict), 1 when problems were found,
    2 when a document cannot be read.

    \b
    Examples:
      msqschema extract returned/tajikistan.docx -o responses/tajikistan.yaml
      msqschema extract returned/ -o responses/
      msqschema extract form.docx -q my-survey.yaml > response.yaml
    """
    from msqschema.reporters import REPORTERS, Totals

    forms = list(docx_files(paths))
    if not forms:
        fail_message("no .docx file found in " + ", ".join(map(str, paths)))
    several = len(forms) > 1 or any(path.is_dir() for path in paths)
    targets = output_targets(output, [f"{form.stem}.yaml" for form in forms], several=several,
                             noun="form")
    model = load_or_exit(questionnaire, response_hint="give the filled form, and its "
                         "questionnaire with -q") if questionnaire else None
    reporter, totals = REPORTERS[output_format](noun="form"), Totals()
    to_stderr, written = targets == [None], []
    for index, (form, target) in enumerate(zip(forms, targets, strict=True)):
        report, unreadable = _extract_one(form, target, model, templates, sandbox, forms,
                                          several)
        if index == 0:  # begun only now: a single unreadable form has exited with one line
            click.echo(reporter.begin(), nl=False, err=to_stderr)
        totals.add(report, unreadable=unreadable)
        if target is not None and not unreadable:
            written.append(target)
        click.echo(reporter.file(report), nl=False, err=to_stderr)
    click.echo(reporter.end(totals), nl=False, err=to_stderr)
    say_written(written, output, "response file", quiet=quiet)
    raise SystemExit(exit_status(totals, strict=strict))


def docx_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Each path, and each folder's .docx files (any case), sorted; hidden files and Word's
    `~$` locks are skipped."""
    for path in paths:
        if path.is_dir():
            yield from sorted(file for file in path.rglob("*")
                              if file.suffix.lower() == ".docx" and file.is_file()
                              and not any(part.startswith((".", "~$"))
                                          for part in file.relative_to(path).parts))
        else:
            yield path


def _extract_one(form: Path, target: Path | None, model: Questionnaire | None,
                 templates: Path | None, sandbox: bool, forms: list[Path],
                 several: bool) -> tuple[Report, bool]:
    """Extract one form, write its response, validate it: (report, whether it was unreadable).

    One unreadable form among several is reported like any problem and never stops the run;
    a single one is a usage error (one line, exit 2).
    """
    from msqschema.extraction.reader import extract
    from msqschema.problems import OTHER_QUESTIONNAIRE, InputError, LoadError, Report
    from msqschema.responses.response import load_response
    from msqschema.responses.validation import validate

    try:  # the blank form, rendered with --templates, is what the filled one is compared with
        extraction = render_or_exit(
            lambda: extract(form, model, templates=templates, sandbox=sandbox), templates)
    except InputError as error:
        problem = error.problem
        if model is None and problem.code == OTHER_QUESTIONNAIRE.code:  # one not bundled
            problem = with_hint(problem)
        if not several:
            fail([problem])
        return Report(str(form), (problem,)), True
    except LoadError as error:
        fail(error.problems)
    text = extraction.to_yaml()
    if target is None:
        click.echo(text, nl=False)
    else:
        inputs = [*forms, *([Path(model.source)] if model else [])]
        write_or_exit(target, text.encode("utf-8"), inputs=inputs)
    response = load_response(text.encode("utf-8"), name=str(target or "<stdout>"))
    checked = validate(extraction.questionnaire, response)
    return Report(str(form), extraction.problems + checked.problems,
                  more_errors=checked.more_errors, more_warnings=checked.more_warnings), False
