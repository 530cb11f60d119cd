"""Where the documents of `render`, `schema` and `extract` go, and the line saying so.

`-o` is a file, `-` (or /dev/stdout) for standard output, or a folder: a path ending in `/`, an
existing folder, or, for several documents, a new path without an extension.
"""

from __future__ import annotations

import os
from pathlib import Path

import click

from msqschema.cli.common import fail_message

quiet_option = click.option("--quiet", is_flag=True,
                            help="Do not say on standard error what was written.")

STANDARD_OUTPUT = ("-", "/dev/stdout")
"""The `-o` values that mean standard output."""


def is_standard_output(output: str | None) -> bool:
    """True when the document goes to standard output: no -o, `-o -` or `-o /dev/stdout`."""
    return output is None or output in STANDARD_OUTPUT


def names_a_folder(output: str) -> bool:
    """True when -o names a folder: it ends with a slash or is an existing folder."""
    return output.endswith(("/", os.sep)) or os.path.isdir(output)


def output_targets(output: str | None, names: list[str], *, several: bool,
                   noun: str) -> list[Path | None]:
    """Where each document goes: standard output (None), the file given, or FOLDER/name.

    `names` are the file names of the documents in a folder; `several` says they need one (for
    more than one name, or a folder of inputs); `noun` names them in the usage errors.
    """
    if output is None or output in STANDARD_OUTPUT:
        if several:
            fail_message(f"several {noun}s need -o FOLDER/: one file each")
        return [None]
    path = Path(output)
    if names_a_folder(output):
        if path.exists() and not path.is_dir():
            fail_message(f"{output} is a file, not a folder")
    elif not several:
        return [path]
    elif path.exists():
        fail_message(f"{output} is a file; several {noun}s need -o FOLDER/")
    elif path.suffix:
        fail_message(f"several {noun}s need a folder, not the file {output} "
                     f"(end it with / for a folder of that name)")
    targets: dict[str, Path] = {}
    for name in names:
        if name in targets:
            fail_message(f"two {noun}s would both be written to {path / name}: rename one")
        targets[name] = path / name
    return list(targets.values())


def say_written(files: list[Path], output: str | None, noun: str, *, quiet: bool) -> None:
    """One line on standard error saying which files were written (`3 forms written to
    filled/`); nothing with --quiet or when nothing was written."""
    if quiet or not files or output is None:
        return
    if len(files) == 1:
        click.echo(f"{noun} written to {files[0]}", err=True)
        return
    where = output if output.endswith(("/", os.sep)) else output + "/"
    click.echo(f"{len(files)} {noun}s written to {where}", err=True)
