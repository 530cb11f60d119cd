"""`msqschema export`: the valid responses of a collection into a spreadsheet or tables."""

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


@click.command("export")
@click.argument("paths", nargs=-1, required=True, metavar="RESPONSES...")
@questionnaire_option
@click.option("-f", "--format", "format_name",
              type=click.Choice(["csv", "xlsx", "parquet", "json"]),
              help="The file format (default: from the extension of -o).")
@click.option("-o", "--output", required=True, metavar="FILE",
              help="The file of the main table; other tables and the codebook go beside it.")
@click.option("--multiple", type=click.Choice(["list", "dummies", "both"]), default="both",
              show_default=True,
              help="A multiple choice question as one list column, one 0/1 column per option, "
                   "or both.")
@click.option("--options", "option_values", type=click.Choice(["ids", "codes"]),
              default="ids", show_default=True,
              help="Choice cells as option ids, or as their codes (ids where an option has "
                   "no code).")
@click.option("--headers", type=click.Choice(["names", "labels"]), default="names",
              show_default=True,
              help="Column headers as names made from ids, or as question numbers and wording.")
@click.option("--include-invalid", is_flag=True,
              help="Export the readable responses that have errors too, each row saying "
                   "whether it is valid and how many problems it has.")
@quiet_option
def export_command(paths: tuple[str, ...], questionnaire: str, format_name: str | None,
                   output: str, multiple: str, option_values: str, headers: str,
                   include_invalid: bool,
                   quiet: bool) -> None:
    """Validate response files and export the valid ones: one row per response, records in
    tables of their own, and a codebook.

    RESPONSES are response files or folders (searched like `validate` does). Each file's
    problems are printed as `validate` prints them; files with errors are left out unless
    --include-invalid. CSV and Parquet write one file per table beside FILE and a codebook,
    FILE's name with .datapackage.json (a Frictionless Data Package); XLSX writes one sheet per
    table and a Codebook sheet; JSON one document. Nothing is written unless all is. Exits 0
    when every file was exported, 1 when some were left out (errors, unreadable), 2 when the
    export cannot be made (no response file found, an output that cannot be written, a
    missing package).

    \b
    Examples:
      msqschema export responses/ -o results/msq2020.xlsx
      msqschema export responses/ -f csv -o results/msq2020.csv --multiple dummies
      msqschema export responses/ -o results/msq2020.parquet --include-invalid
    """
    from msqschema.results.export import export

    model = load_or_exit(questionnaire)
    files = tuple(response_files_or_exit(paths))  # the folders are read once
    with one_line_errors(output), problems_printer(files, quiet) as on_file:
        done = export(files, output, questionnaire=model, format=format_name,
                      multiple=multiple,  # type: ignore[arg-type]  # click checked it
                      options=option_values,  # type: ignore[arg-type]
                      headers=headers,  # type: ignore[arg-type]
                      include_invalid=include_invalid, on_file=on_file)
    nouns = "response" if done.responses == 1 else "responses"
    finish(done.tally, f"{done.responses} {nouns} exported to {output}", quiet=quiet)
