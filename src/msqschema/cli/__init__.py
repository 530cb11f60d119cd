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


GC_THRESHOLD = 70_000
"""Allocations between two collections of the youngest generation (Python's default is 700)."""


def main() -> None:
    """Run the command line; no traceback ever reaches the user.

    It sets Python's garbage collector for a short-lived process (see benchmarks/README.md):
    collections come a hundred times less often, since start-up creates many objects and
    nearly all of them stay; and on the way out every object is frozen, so that the final
    collection skips them. Objects are still freed, and files closed, as Python shuts down.
    """
    gc.set_threshold(GC_THRESHOLD, *gc.get_threshold()[1:])
    try:
        cli.main(prog_name="msqschema")
    except KeyboardInterrupt:
        sys.stderr.write("msqschema: interrupted\n")
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(1)
    finally:
        gc.freeze()
