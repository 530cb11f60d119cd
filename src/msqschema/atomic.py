"""Write output files atomically: a temporary file in the same folder, renamed into place."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path


class OutputError(OSError):
    """An output file could not be written, or would overwrite an input."""


def write_atomic(path: Path, data: bytes, *, inputs: Iterable[Path] = ()) -> None:
    """Write `data` to `path` so that readers see either the old file or the whole new one.

    Refuses to overwrite any of `inputs`. An interrupted run leaves no partial file behind.
    """
    target = path.resolve()
    if any(target == Path(source).resolve() for source in inputs):
        raise OutputError(f"{path}: refusing to overwrite an input file")
    target.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp",
                                             dir=target.parent)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
