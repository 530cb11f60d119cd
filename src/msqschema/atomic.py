"""Write output files atomically: a temporary file in the same folder, renamed into place."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

TEMPORARY_MARK = ".msqschema-tmp-"
"""Part of every temporary file's name: `.NAME.msqschema-tmp-XXXXXXXX` beside the output NAME.
Only a process killed outright (`kill -9`, a power cut) can leave one behind."""


class OutputError(OSError):
    """An output file could not be written, or would overwrite an input."""


def write_atomic(path: Path, data: bytes, *, inputs: Iterable[Path] = ()) -> None:
    """Write `data` to `path` so that readers see either the old file or the whole new one.

    Refuses to overwrite any of `inputs`. An interrupted run leaves no partial file behind.
    A FIFO or a character device (`/dev/null`, a terminal) is written into, never replaced;
    anything else that is not a regular file is refused. A new file gets the permissions the
    umask allows; a replaced file keeps its own.
    """
    existing = _status(path)
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        _write_into(path, data, existing.st_mode)
        return
    target = path.resolve()
    if any(target == Path(source).resolve() for source in inputs):
        raise OutputError(f"{path}: refusing to overwrite an input file")
    mode = stat.S_IMODE(existing.st_mode) if existing else 0o666 & ~_umask()
    target.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(prefix=f".{target.name}{TEMPORARY_MARK}",
                                             dir=target.parent)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fchmod(stream.fileno(), mode)
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _status(path: Path) -> os.stat_result | None:
    """The status of what `path` names (links followed), or None if nothing is there."""
    try:
        return os.stat(path)
    except FileNotFoundError:
        return None


def _write_into(path: Path, data: bytes, mode: int) -> None:
    """Write into a FIFO or a character device; refuse a folder or anything else."""
    if stat.S_ISDIR(mode):
        raise OutputError(f"{path}: is a folder")
    if not (stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)):
        raise OutputError(f"{path}: not a regular file, a pipe or a device; refusing to replace it")
    with open(path, "wb") as stream:
        stream.write(data)


def _umask() -> int:
    """The process's umask (reading it means setting it: it is set back at once)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
