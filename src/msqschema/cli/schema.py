"""`msqschema schema`: print or write the JSON Schema of a questionnaire's response files."""

from __future__ import annotations

from pathlib import Path

import click

from msqschema.cli.common import (
    EXIT_OK,
    fallback_option,
    language_option,
    load_or_exit,
    write_or_exit,
)
from msqschema.cli.outputs import is_standard_output, quiet_option, say_written
from msqschema.resources import DEFAULT_QUESTIONNAIRE


@click.command("schema")
@click.argument("questionnaire", default=DEFAULT_QUESTIONNAIRE, metavar="[QUESTIONNAIRE]")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True),
              help="Write the schema to this file (atomically) instead of standard output.")
@language_option
@fallback_option
@quiet_option
def schema_command(questionnaire: str, output: str | None, language: str | None,
                   fallback: bool, quiet: bool) -> None:
    """Export the JSON Schema (draft 2020-12) of the questionnaire's response files.

    QUESTIONNAIRE is a file or the name of a bundled questionnaire (default: msq2020). Editors
    (yaml-language-server) use the schema to complete keys and show each question on hover;
    generic validators such as check-jsonschema check response files with it; --language
    gives its titles and descriptions in a translation (the keys stay the same). A line on
    standard error says which file was written (--quiet silences it).

    \b
    Examples:
      msqschema schema
      msqschema schema msq2020 -o msq2020.response.schema.json
      msqschema schema --language fr -o msq2020.fr.response.schema.json
      check-jsonschema --schemafile msq2020.response.schema.json responses/*.yaml
    """
    import json

    from msqschema.responses.schema import response_schema

    model = load_or_exit(questionnaire, response_hint="give the questionnaire it answers",
                         language=language, fallback=fallback)
    text = json.dumps(response_schema(model), indent=2, ensure_ascii=False) + "\n"
    if output is None or is_standard_output(output):
        click.echo(text, nl=False)
        raise SystemExit(EXIT_OK)
    write_or_exit(Path(output), text.encode("utf-8"), inputs=[Path(model.source)])
    say_written([Path(output)], output, "schema", quiet=quiet)
    raise SystemExit(EXIT_OK)
