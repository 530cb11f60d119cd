"""The `msqschema` command line: a thin click shell around the Python API.

Exit status: 0 all good, 1 problems found in the input, 2 usage error or unreadable input.
Each command lives in its own module; heavy imports happen inside the commands.
"""

from __future__ import annotations

import gc
import sys

import click

from msqschema.__about__ import __version__
from msqschema.cli.extract import extract_command
from msqschema.cli.lint import lint_command
from msqschema.cli.render import render_command
from msqschema.cli.schema import schema_command
from msqschema.cli.validate import validate_command


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
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


cli.add_command(lint_command)
cli.add_command(validate_command)
cli.add_command(schema_command)
cli.add_command(render_command)
cli.add_command(extract_command)


def main() -> None:
    """Run the command line; no traceback ever reaches the user.

    On the way out it freezes every object the garbage collector tracks: Python's final
    collection then skips them (the process is ending; its memory goes back all the same),
    which saves a sixth of a one-file `msqschema validate` (see benchmarks/README.md).
    Objects are still freed, and files closed, as Python shuts down.
    """
    try:
        cli.main(prog_name="msqschema")
    except KeyboardInterrupt:
        sys.stderr.write("msqschema: interrupted\n")
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(1)
    finally:
        gc.freeze()
