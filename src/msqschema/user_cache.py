"""The private folder of msqschema's caches under the user's cache directory.

What msqschema caches there (the built-in templates' compiled code, loaded questionnaires) is
run or unpickled, so a folder is used only when it is this user's alone, and never when
`MSQSCHEMA_NO_CACHE` is set. Every cache is only an optimisation: no usable folder means doing
the work again.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path


def caching_disabled() -> bool:
    """Whether `MSQSCHEMA_NO_CACHE` turns every cache off."""
    return bool(os.environ.get("MSQSCHEMA_NO_CACHE"))


def user_cache_dir() -> Path | None:
    """The user's cache directory: `$XDG_CACHE_HOME`, `%LOCALAPPDATA%` on Windows, else
    `~/.cache`; None when none is known (a relative path counts as none, as XDG says)."""
    configured = os.environ.get("XDG_CACHE_HOME") or (
        os.environ.get("LOCALAPPDATA") if sys.platform == "win32" else None)
    try:
        folder = Path(configured) if configured else Path.home() / ".cache"
    except RuntimeError:  # no home directory
        return None
    return folder if folder.is_absolute() else None


def private_folder(folder: Path) -> Path | None:
    """`folder`, created if missing, when only this user can put files in it; else None.

    Cached code is run: a folder that another user owns or may write to (a shared cache
    directory), a symbolic link, or a folder inside one whose entries another user could
    rename or replace (a folder on the way that others may write to, without the sticky bit
    of /tmp), is never used; a folder others could write to is not made private either, as
    they may already have put files in it.
    """
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        status = folder.lstat()
        if not stat.S_ISDIR(status.st_mode):
            return None
        if hasattr(os, "getuid"):
            around = folder.parent.resolve(strict=True)
            if (status.st_uid != os.getuid() or stat.S_IMODE(status.st_mode) & 0o022
                    or not all(_steady(outer) for outer in (around, *around.parents))):
                return None
    except OSError:
        return None
    return folder


def _steady(folder: Path) -> bool:
    """Whether no other user than root can rename or replace the entries of `folder`: it is
    root's or this user's, and others may not write to it unless its sticky bit keeps each
    entry to its owner (as /tmp)."""
    status = folder.stat()
    writable_by_others = stat.S_IMODE(status.st_mode) & 0o022
    return status.st_uid in (0, os.getuid()) and (
        not writable_by_others or bool(status.st_mode & stat.S_ISVTX))


def owned_file(path: Path) -> bytes | None:
    """The bytes of a regular file this user owns (never through a symbolic link), else
    None: a cached file is trusted only if it is this user's own."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    with os.fdopen(descriptor, "rb") as stream:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode) or (
                hasattr(os, "getuid") and status.st_uid != os.getuid()):
            return None
        return stream.read()


def cache_folder(subfolder: Path) -> Path | None:
    """The private folder `subfolder` of the user's cache directory, created if missing; None
    when caching is turned off or there is no safe folder."""
    if caching_disabled():
        return None
    home = user_cache_dir()
    return private_folder(home / subfolder) if home is not None else None
