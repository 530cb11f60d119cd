"""The `msqschema` command line: a thin click shell around the Python API.

Exit status: 0 all good, 1 problems found in the input, 2 usage error or unreadable input.
Each command lives in its own module, imported only when that command runs (or when help lists
them all); heavy imports happen inside the commands.
"""

from __future__ import annotations

import gc
import sys
from importlib import import_module

import click

from msqschema.__about__ import __version__
from msqschema.entry import collect_rarely

EXIT_INTERRUPTED = 130
"""The exit status of a run stopped by Ctrl-C (128 + SIGINT), as shells report it."""

COMMANDS = {
    "export": "msqschema.cli.export:export_command",
    "extract": "msqschema.cli.extract:extract_command",
    "i18n": "msqschema.cli.i18n:i18n_group",
    "lint": "msqschema.cli.lint:lint_command",
    "render": "msqschema.cli.render:render_command",
    "report": "msqschema.cli.report:report_command",
    "schema": "msqschema.cli.schema:schema_command",
    "validate": "msqschema.cli.validate:validate_command",
}
"""Every command, by name: the module and the click command in it."""


class _LazyGroup(click.Group):
    """A group that imports a command's module when the command is first asked for."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*COMMANDS, *super().list_commands(ctx)})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return super().get_command(ctx, cmd_name)  # one added with add_command, or None
        module, name = COMMANDS[cmd_name].split(":")
        command: click.Command = getattr(import_module(module), name)
        return command

    def invoke(self, ctx: click.Context) -> object:
        """Run the command; Ctrl-C is one line and exit 130 (click would say "Aborted!" and
        exit 1, the status of problems found). Output files being written are removed."""
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            click.echo("msqschema: interrupted", err=True)
            raise SystemExit(EXIT_INTERRUPTED) from None


@click.group(cls=_LazyGroup,
             context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "-V", "--version", prog_name="msqschema")
def cli() -> None:
    """Write a questionnaire once in YAML; lint it, validate responses, export a JSON Schema,
    render forms and read filled forms back.

    \b
    Examples:
      msqschema lint                        # check the bundled MSQ 2020
      msqschema validate responses/         # check every response file in a folder
      msqschema render --format html -o form.html
    """


def main() -> None:
    """Run the command line; no traceback ever reaches the user.

    It sets Python's garbage collector for a short-lived process (see benchmarks/README.md):
    collections come a hundred times less often (`entry.collect_rarely`, which the
    `msqschema` program calls before importing this module), since start-up creates many
    objects and nearly all of them stay; and on the way out every object is frozen, so that
    the final collection skips them. Objects are still freed as Python shuts down, except
    those caught in reference cycles, which are never finalised: every file is closed by its
    `with` block.
    """
    collect_rarely()
    try:
        cli.main(prog_name="msqschema")
    except KeyboardInterrupt:  # before a command runs
        sys.stderr.write("msqschema: interrupted\n")
        sys.exit(EXIT_INTERRUPTED)
    except BrokenPipeError:
        sys.exit(1)
    finally:
        gc.freeze()
