"""`msqschema render`: the blank form, or one filled form per response, in one format."""

from __future__ import annotations

import sys
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

import click

from msqschema.cli.common import (
    fail,
    fail_message,
    load_or_exit,
    render_or_exit,
    write_or_exit,
)
from msqschema.render import FORMATS
from msqschema.resources import DEFAULT_QUESTIONNAIRE

if TYPE_CHECKING:
    from msqschema.questionnaire.model import Questionnaire
    from msqschema.responses.response import Response


@click.command("render")
@click.argument("questionnaire", default=DEFAULT_QUESTIONNAIRE, metavar="[QUESTIONNAIRE]")
@click.option("-f", "--format", "format_name", type=click.Choice(list(FORMATS)), default="html",
              show_default=True, help="The output format.")
@click.option("-r", "--response", "responses", multiple=True, metavar="FILE",
              type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
              help="Fill the form with this response file (YAML or JSON; `-` reads standard "
                   "input). Repeat it for one output file per response.")
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="The output file, or a folder for one file per response "
                   "(default: standard output).")
@click.option("--templates", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="A folder of templates that replace the built-in ones of the same name.")
def render_command(questionnaire: str, format_name: str, responses: tuple[Path, ...],
                   output: Path | None, templates: Path | None) -> None:
    """Render the blank form, or the form filled in with each response.

    QUESTIONNAIRE is a file or the name of a bundled questionnaire (default: msq2020).
    Several responses need -o FOLDER and give one file each, named after the response file.
    Output files are written whole or not at all, and never over an input. Exits 0 when all
    was written, 2 on unreadable input or a template error.

    \b
    Examples:
      msqschema render --format html -o msq2020.html
      msqschema render --format md --response examples/responses/tajikistan-2019.yaml
      msqschema render -f html -r responses/a.yaml -r responses/b.yaml -o filled/
      msqschema render -f html --templates my-templates/ -o branded.html
    """
    model = load_or_exit(questionnaire)
    filled: list[Response | None] = [_load(model, path) for path in responses] or [None]
    targets = _targets(model, format_name, list(responses) or [None], output)
    inputs = {path.resolve() for path in (Path(model.source), *responses) if str(path) != "-"}
    for target in targets:
        if target is not None and target.resolve() in inputs:
            fail_message(f"{target}: refusing to overwrite an input file")
    for target, response in zip(targets, filled, strict=True):
        _write(_render(model, format_name, response, templates), target)


def _load(model: Questionnaire, path: Path) -> Response:
    """Read a response; one that names another questionnaire is a usage error."""
    from msqschema.problems import InputError
    from msqschema.responses.response import load_response

    try:
        response = load_response(path)
    except InputError as error:
        fail([error.problem])
    named = response.questionnaire_id
    if named is not None and named != model.id:
        fail_message(f"{path}: this response is for questionnaire {named!r}, not {model.id!r}")
    return response


def _targets(model: Questionnaire, format_name: str, sources: list[Path | None],
             output: Path | None) -> list[Path | None]:
    """Where each document goes: standard output (None), the file given, or a file per source
    in the folder given, named after the source (the questionnaire for a blank form)."""
    from msqschema.render import FORMATS

    if output is None or (len(sources) == 1 and not output.is_dir()):
        if output is None and len(sources) > 1:
            fail_message("several responses need -o FOLDER: one output file per response")
        return [output]
    suffix = import_module(FORMATS[format_name]).Renderer.extension
    names = [(source.stem if source and str(source) != "-" else model.id) + suffix
             for source in sources]
    if output.exists() and not output.is_dir():
        fail_message(f"{output}: several responses need a folder, not a file")
    clash = next((name for name in names if names.count(name) > 1), None)
    if clash is not None:
        fail_message(f"two responses would both be written to {output / clash}: rename one")
    return [output / name for name in names]


def _render(model: Questionnaire, format_name: str, response: Response | None,
            templates: Path | None) -> str | bytes:
    from msqschema.render import render

    return render_or_exit(lambda: render(model, format_name, response, templates=templates))


def _write(document: str | bytes, target: Path | None) -> None:
    """Write a document whole or not at all (targets were checked against the inputs)."""
    data = document.encode("utf-8") if isinstance(document, str) else document
    if target is None:
        if isinstance(document, bytes) and sys.stdout.isatty():
            fail_message("this format is binary: write it to a file with -o FILE")
        click.echo(data, nl=False)
        return
    write_or_exit(target, data)
