"""The files of one export, written whole or not at all: each under a temporary name beside its
target, renamed into place once every file is complete, removed if anything goes wrong."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from types import TracebackType

from msqschema.atomic import OutputError


def check_target(target: Path) -> None:
    """OutputError if `target` names a folder rather than a file to write."""
    if target.is_dir():
        raise OutputError(f"cannot write {target}: it is a folder; give the name of a file")


class Outputs:
    """Temporary files that become their targets together on `commit` (or vanish on failure)."""

    def __init__(self) -> None:
        self._pending: list[tuple[Path, Path]] = []

    def new(self, target: Path) -> Path:
        """A fresh temporary file in the target's folder; OutputError, naming the target and
        the reason, if it cannot be made."""
        folder = target.parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
            descriptor, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp",
                                                     dir=folder)
        except OSError as error:
            reason = error.strerror or str(error)
            if isinstance(error, (FileExistsError, NotADirectoryError)):
                reason = f"{error.filename or folder} is not a folder"
            raise OutputError(f"cannot write {target}: {reason}") from None
        os.close(descriptor)
        self._pending.append((Path(temporary), target))
        return Path(temporary)

    def commit(self) -> None:
        """Move every finished file into place."""
        for temporary, target in self._pending:
            os.chmod(temporary, 0o644)
            os.replace(temporary, target)
        self._pending.clear()

    def discard(self) -> None:
        """Remove every temporary file."""
        for temporary, _ in self._pending:
            temporary.unlink(missing_ok=True)
        self._pending.clear()

    def __enter__(self) -> Outputs:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.discard()  # after a commit there is nothing left to discard
