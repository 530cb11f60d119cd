"""`msqschema render`: the blank form, or one filled form per response, in one format."""

from __future__ import annotations

import sys
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

import click

from msqschema.cli.common import (
    EXIT_PROBLEMS,
    data_kind,
    fail,
    fail_message,
    fallback_option,
    language_option,
    load_or_exit,
    render_or_exit,
    write_or_exit,
)
from msqschema.cli.outputs import (
    is_standard_output,
    names_a_folder,
    output_targets,
    quiet_option,
    say_written,
)
from msqschema.render import FORMATS
from msqschema.resources import DEFAULT_QUESTIONNAIRE, bundled_questionnaires

if TYPE_CHECKING:
    from msqschema.questionnaire.model import Questionnaire
    from msqschema.responses.response import Response


FORMAT_OF_EXTENSION = {".html": "html", ".htm": "html", ".md": "md", ".docx": "docx"}
"""The format an output file's extension implies, when --format is not given."""


@click.command("render")
@click.argument("questionnaire", required=False, metavar="[QUESTIONNAIRE]")
@click.option("-f", "--format", "format_name", type=click.Choice(list(FORMATS)),
              help="The output format (default: the extension of -o, else html).")
@click.option("-r", "--response", "responses", multiple=True, metavar="FILE",
              type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
              help="Fill the form with this response file (YAML or JSON; `-` reads standard "
                   "input). Repeat it for one output file per response.")
@click.option("-o", "--output", type=click.Path(allow_dash=True),
              help="The output file, FOLDER/ for one file per response, or - for standard "
                   "output (the default).")
@click.option("--force", is_flag=True, help="Render responses that have errors all the same.")
@click.option("--templates", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="A folder of templates that replace the built-in ones of the same name.")
@click.option("--sandbox", is_flag=True,
              help="Render with Jinja's sandbox: for templates from people you do not trust.")
@language_option
@fallback_option
@quiet_option
def render_command(questionnaire: str | None, format_name: str | None,
                   responses: tuple[Path, ...],
                   output: str | None, force: bool, templates: Path | None, sandbox: bool,
                   language: str | None, fallback: bool, quiet: bool) -> None:
    """Render the blank form, or the form filled in with each response.

    QUESTIONNAIRE is a file or the name of a bundled questionnaire (default: the bundled one
    the first response names, else msq2020). The format follows the extension of -o (.html,
    .htm, .md, .docx) unless --format is given. Each response is validated first: if one has
    errors, they are printed and nothing is written (exit 1), unless --force. Several
    responses need -o FOLDER/ and give one file each, named after the response file. Output
    files are written whole or not at all, never over an input; a line on standard error says
    what was written (--quiet silences it). Exits 0 when all was written, 1 when a response
    has errors, 2 on a usage error, unreadable input or a template error. --language renders
    the questionnaire's translation, right to left where the language is written so; a
    translation with missing entries is refused (exit 1) unless --fallback.

    \b
    Examples:
      msqschema render -o msq2020.html
      msqschema render --format md --response examples/responses/tajikistan-2019.yaml
      msqschema render -r responses/a.yaml -r responses/b.yaml -o filled/ --format docx
      msqschema render --language ar -o msq2020-ar.docx
      msqschema render --templates my-templates/ -o branded.html
      msqschema render --templates their-templates/ --sandbox -o form.docx
    """
    several = len(responses) > 1
    format_name = _format(format_name, output, several=several)
    read = [(path, _read(path)) for path in responses]
    named = next((response.questionnaire_id for _, response in read), None)
    if questionnaire is None and named is not None and named not in bundled_questionnaires():
        named = None  # a questionnaire of one's own is given as a file; the check below says so
    model = load_or_exit(questionnaire or named or DEFAULT_QUESTIONNAIRE,
                         response_hint="give it with -r", language=language, fallback=fallback)
    suffix = import_module(FORMATS[format_name]).Renderer.extension
    names = [(path.stem if str(path) != "-" else model.id) + suffix for path in responses]
    targets = output_targets(output, names or [model.id + suffix], several=several, noun="form")
    inputs = {path.resolve() for path in (Path(model.source), *responses) if str(path) != "-"}
    for target in targets:
        if target is not None and target.resolve() in inputs:
            fail_message(f"{target}: refusing to overwrite an input file")
    filled: list[Response | None] = [_matching(model, path, response)
                                     for path, response in read] or [None]
    _check(model, [response for response in filled if response is not None], force=force)
    for target, response in zip(targets, filled, strict=True):
        _write(_render(model, format_name, response, templates, sandbox), target)
    say_written([target for target in targets if target is not None], output, "form",
                quiet=quiet)


def _format(given: str | None, output: str | None, *, several: bool) -> str:
    """The format given, else the one the extension of -o implies, else html; a format that
    contradicts the extension, or an extension of no format, is a usage error."""
    if is_standard_output(output) or several or names_a_folder(output or ""):
        return given or "html"
    extension = Path(output or "").suffix
    implied = FORMAT_OF_EXTENSION.get(extension.lower())
    if given is not None and implied not in (None, given):
        fail_message(f"--format {given} contradicts the extension of {output} ({implied}): "
                     "drop --format, or change the extension")
    if given is None and implied is None and extension:
        fail_message(f"{output}: no format has the extension {extension}; give --format "
                     f"({', '.join(FORMATS)})")
    return given or implied or "html"


def _read(path: Path) -> Response:
    """Read a response; an unreadable one, or a questionnaire file, is a usage error."""
    from msqschema.problems import InputError
    from msqschema.responses.response import load_response

    try:
        response = load_response(path)
    except InputError as error:
        fail([error.problem])
    if data_kind(response.data) == "questionnaire":
        fail_message(f"{path}: this is a questionnaire file, not a response; give it without -r")
    return response


def _matching(model: Questionnaire, path: Path, response: Response) -> Response:
    """The response, if it is one of this questionnaire (else a usage error)."""
    named = response.questionnaire_id
    if named is not None and named != model.id:
        fail_message(f"{path}: this response is for questionnaire {named!r}, not {model.id!r}")
    return response


def _check(model: Questionnaire, responses: list[Response], *, force: bool) -> None:
    """Validate the responses: their errors are printed, and with any, nothing is written
    (exit 1) unless `force`."""
    from msqschema.reporters import text_line
    from msqschema.responses.validation import validate

    reports = [validate(model, response) for response in responses]
    for problem in (problem for report in reports for problem in report.errors):
        click.echo(text_line(problem), err=True)
    faulty = sum(1 for report in reports if report.errors)
    if faulty and not force:
        which = "a response has" if faulty == 1 else f"{faulty} responses have"
        fail_message(f"nothing written: {which} errors (--force renders all the same)",
                     EXIT_PROBLEMS)


def _render(model: Questionnaire, format_name: str, response: Response | None,
            templates: Path | None, sandbox: bool) -> str | bytes:
    from msqschema.render import render

    return render_or_exit(lambda: render(model, format_name, response, templates=templates,
                                         sandbox=sandbox))


def _write(document: str | bytes, target: Path | None) -> None:
    """Write a document whole or not at all (targets were checked against the inputs)."""
    data = document.encode("utf-8") if isinstance(document, str) else document
    if target is None:
        if isinstance(document, bytes) and sys.stdout.isatty():
            fail_message("this format is binary: write it to a file with -o FILE")
        click.echo(data, nl=False)
        return
    write_or_exit(target, data)
