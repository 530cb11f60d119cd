"""The `msqschema` program's entry point: the garbage collector is set for a short-lived process
before the command line (click and every command's modules) is imported.

Start-up creates many objects and keeps nearly all of them, so collecting a hundred times less
often saves time from the first import on (about 5 ms of importing click alone).
"""

from __future__ import annotations

import gc

GC_THRESHOLD = 70_000
"""Allocations between two collections of the youngest generation (Python's default is 700)."""


def collect_rarely() -> None:
    """Let the youngest generation grow to `GC_THRESHOLD` objects before it is collected."""
    gc.set_threshold(GC_THRESHOLD, *gc.get_threshold()[1:])


def main() -> None:
    """Set the collector, then run the command line (`msqschema.cli.main`)."""
    collect_rarely()
    from msqschema.cli import main as run_command_line

    run_command_line()
