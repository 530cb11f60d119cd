"""Find response files: each path given, and each folder's response files, in a stable order."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator

SUFFIXES = (".yaml", ".yml", ".json")
"""The endings of response files searched for in folders."""


def response_files(paths: Iterable[str]) -> Iterator[str]:
    """The files to read, in order: each path, and each folder's response files, sorted
    (hidden files and folders skipped)."""
    for path in paths:
        if os.path.isdir(path):
            yield from _folder(path)
        else:
            yield path


def _folder(folder: str) -> Iterator[str]:
    """A folder's response files, its sub-folders' in turn; links to folders are not followed
    (a link may loop), and only regular files are read (a FIFO would wait forever)."""
    with os.scandir(folder) as scan:
        entries = sorted((entry for entry in scan if not entry.name.startswith(".")),
                         key=lambda entry: entry.name)
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            yield from _folder(entry.path)
        elif entry.name.lower().endswith(SUFFIXES) and entry.is_file():
            yield entry.path
