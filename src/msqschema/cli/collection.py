"""What `export` and `report` share: the questionnaire and quiet options, the problems of each
file as they come (behind a progress bar on a terminal), errors as one line, and the closing
summary with the exit status."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import IO, TYPE_CHECKING, NoReturn

import click

if TYPE_CHECKING:
    from msqschema.results.collection import Collected, Tally

PROGRESS_FROM = 50
"""Collections of at least this many files show a progress bar on a terminal."""

questionnaire_option = click.option(
    "-q", "--questionnaire", metavar="QUESTIONNAIRE", default="msq2020", show_default=True,
    help="The questionnaire the responses answer (a file or the name of a bundled one).")
quiet_option = click.option("--quiet", is_flag=True,
                            help="No progress bar and no summary; problems are still printed.")


def _wants_progress(quiet: bool) -> bool:
    return not quiet and sys.stderr.isatty() and not os.environ.get("CI")


@contextmanager
def problems_printer(paths: tuple[str, ...], quiet: bool) -> Iterator[Callable[[Collected], None]]:
    """A callback printing each file's problems as `validate` does; on a terminal, with many
    files, a progress bar on standard error, and the problems printed once it is done."""
    from msqschema.reporters import TextReporter
    from msqschema.responses.files import response_files

    reporter = TextReporter()
    total = sum(1 for _ in response_files(paths)) if _wants_progress(quiet) else 0
    if total < PROGRESS_FROM:
        yield lambda collected: click.echo(reporter.file(collected.report), nl=False)
        return
    with tempfile.TemporaryFile("w+", encoding="utf-8") as held, click.progressbar(
            length=total, label="Reading responses", file=sys.stderr) as bar:
        def on_file(collected: Collected) -> None:
            held.write(reporter.file(collected.report))
            bar.update(1)

        yield on_file
        bar.render_finish()
        _copy(held)


def _copy(held: IO[str]) -> None:
    held.seek(0)
    for line in held:
        click.echo(line, nl=False)


def summary(tally: Tally, done: str) -> str:
    """'193 files read: 181 valid, 10 with errors, 2 unreadable; 181 responses exported ...'."""
    parts = [f"{tally.valid} valid"]
    if tally.with_errors:
        parts.append(f"{tally.with_errors} with errors")
    if tally.unreadable:
        parts.append(f"{tally.unreadable} unreadable")
    noun = "file" if tally.files == 1 else "files"
    return f"{tally.files} {noun} read: {', '.join(parts)}; {done}"


@contextmanager
def one_line_errors(output: str) -> Iterator[None]:
    """A results error, an output that cannot be written or an OS error as one line, exit 2."""
    from msqschema.atomic import OutputError
    from msqschema.cli.common import fail_message
    from msqschema.results.formats import ResultsError

    try:
        yield
    except (ResultsError, OutputError) as error:
        fail_message(str(error))
    except OSError as error:
        fail_message(f"{error.filename or output}: {error.strerror or error}")


def finish(tally: Tally, done: str, *, quiet: bool) -> NoReturn:
    """Print the summary (unless `quiet`) and exit: 1 when files were left out, else 0."""
    from msqschema.cli.common import EXIT_OK, EXIT_PROBLEMS

    if not quiet:
        click.echo(summary(tally, done))
    raise SystemExit(EXIT_PROBLEMS if tally.left_out else EXIT_OK)
