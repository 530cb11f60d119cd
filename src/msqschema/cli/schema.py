"""`msqschema schema`: print or write the JSON Schema of a questionnaire's response files."""

from __future__ import annotations

from pathlib import Path

import click

from msqschema.cli.common import EXIT_OK, load_or_exit, write_or_exit
from msqschema.resources import DEFAULT_QUESTIONNAIRE


@click.command("schema")
@click.argument("questionnaire", default=DEFAULT_QUESTIONNAIRE, metavar="[QUESTIONNAIRE]")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the schema to this file (atomically) instead of standard output.")
def schema_command(questionnaire: str, output: Path | None) -> None:
    """Export the JSON Schema (draft 2020-12) of the questionnaire's response files.

    QUESTIONNAIRE is a file or the name of a bundled questionnaire (default: msq2020). Editors
    (yaml-language-server) use the schema to complete keys and show each question on hover;
    generic validators such as check-jsonschema check response files with it.

    \b
    Examples:
      msqschema schema
      msqschema schema msq2020 -o msq2020.response.schema.json
      check-jsonschema --schemafile msq2020.response.schema.json responses/*.yaml
    """
    import json

    from msqschema.responses.schema import response_schema

    model = load_or_exit(questionnaire)
    text = json.dumps(response_schema(model), indent=2, ensure_ascii=False) + "\n"
    if output is None:
        click.echo(text, nl=False)
        raise SystemExit(EXIT_OK)
    write_or_exit(output, text.encode("utf-8"), inputs=[Path(model.source)])
    raise SystemExit(EXIT_OK)
