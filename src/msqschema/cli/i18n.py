"""`msqschema i18n`: translate a questionnaire with gettext PO files (extract, update, check)."""

from __future__ import annotations

from pathlib import Path

import click

from msqschema.cli.common import (
    EXIT_OK,
    exit_status,
    fail,
    fail_message,
    load_or_exit,
    problem_format_option,
    write_or_exit,
)
from msqschema.resources import DEFAULT_QUESTIONNAIRE

po_path = click.Path(dir_okay=False, path_type=Path)


@click.group("i18n")
def i18n_group() -> None:
    """Translate a questionnaire with gettext PO files, the files translators' tools edit.

    \b
    Examples:
      msqschema i18n extract my-survey.yaml -o my-survey/my-survey.pot
      msqschema i18n update my-survey/my-survey.pot my-survey/fr.po my-survey/ar.po
      msqschema i18n check my-survey.yaml
    """


@i18n_group.command("extract")
@click.argument("questionnaire", default=DEFAULT_QUESTIONNAIRE, metavar="[QUESTIONNAIRE]")
@click.option("-o", "--output", type=po_path,
              help="Write the template to this file (atomically) instead of standard output.")
def extract_command(questionnaire: str, output: Path | None) -> None:
    """Write the template (POT) of every text of a questionnaire.

    Each entry has its id path as context (never its display number), a comment saying what it
    is and the question's number, and its line in the questionnaire.

    \b
    Examples:
      msqschema i18n extract -o msq2020.pot
      msqschema i18n extract my-survey.yaml -o my-survey/my-survey.pot
    """
    from msqschema.i18n.catalogs import catalog_bytes, questionnaire_template

    model = load_or_exit(questionnaire)
    data = catalog_bytes(questionnaire_template(model.source))
    if output is None:
        click.echo(data.decode("utf-8"), nl=False)
    else:
        write_or_exit(output, data, inputs=[Path(model.source)])
    raise SystemExit(EXIT_OK)


@i18n_group.command("update")
@click.argument("template", type=po_path, metavar="TEMPLATE.pot")
@click.argument("po_files", nargs=-1, required=True, type=po_path, metavar="PO...")
def update_command(template: Path, po_files: tuple[Path, ...]) -> None:
    """Merge a new template into PO files, in place.

    A text whose source changed becomes fuzzy, with its old translation and the previous
    source text (#| msgid) kept, so translators see exactly what changed; new texts are added
    untranslated; texts no longer in the template become obsolete (#~) entries.

    \b
    Example:
      msqschema i18n update my-survey/my-survey.pot my-survey/*.po
    """
    from msqschema.i18n.catalogs import catalog_bytes, read_catalog, update_catalog
    from msqschema.problems import InputError

    try:
        new = read_catalog(template)
        catalogs = [(path, read_catalog(path)) for path in po_files]
    except InputError as error:
        fail([error.problem])
    for path, catalog in catalogs:  # every file read before any is written
        summary = update_catalog(catalog, new)
        write_or_exit(path, catalog_bytes(catalog), inputs=[template])
        click.echo(f"{path}: {summary.changed} changed (now fuzzy), {summary.added} new, "
                   f"{summary.obsolete} obsolete")
    raise SystemExit(EXIT_OK)


@i18n_group.command("check")
@click.argument("questionnaire", default=DEFAULT_QUESTIONNAIRE, metavar="[QUESTIONNAIRE]")
@click.argument("po_files", nargs=-1, type=po_path, metavar="[PO...]")
@problem_format_option
def check_command(questionnaire: str, po_files: tuple[Path, ...], output_format: str) -> None:
    """Check translations against their questionnaire, for people and CI.

    Reports entries missing, untranslated, fuzzy, outdated or obsolete, and translations that
    drop or add a footnote reference, change a link target, or whose markup does not parse.
    Without PO files, checks every translation beside the questionnaire (for msq2020, its
    bundled sample translations). Exits 0 when all are complete and sound, 1 when problems
    were found, 2 when a file cannot be read.

    \b
    Examples:
      msqschema i18n check
      msqschema i18n check my-survey.yaml my-survey/fr.po --format github
    """
    from msqschema.i18n.catalogs import read_catalog
    from msqschema.i18n.check import check_translation
    from msqschema.i18n.texts import source_texts
    from msqschema.i18n.translate import translations_dir
    from msqschema.problems import InputError, Report
    from msqschema.reporters import REPORTERS, Totals

    model = load_or_exit(questionnaire)
    texts = source_texts(model)
    files = po_files or tuple(sorted(translations_dir(Path(model.source)).glob("*.po")))
    if not files:
        fail_message(f"no translations beside {model.source}: name the PO files to check")
    reporter = REPORTERS[output_format](noun="translation")
    totals = Totals()
    click.echo(reporter.begin(), nl=False)
    for path in files:
        try:
            checked = check_translation(texts, read_catalog(path), str(path))
            report, unreadable = Report(str(path), checked.problems), False
        except InputError as error:
            report, unreadable = Report(str(path), (error.problem,)), True
        totals.add(report, unreadable=unreadable)
        click.echo(reporter.file(report), nl=False)
    click.echo(reporter.end(totals), nl=False)
    raise SystemExit(exit_status(totals, strict=True))
