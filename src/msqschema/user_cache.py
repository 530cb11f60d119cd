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
    """`folder`, created if missing, when only this user can use it; else None.

    Cached code is run: a folder that another user owns or may write to (a shared cache
    directory), or a symbolic link, is never used.
    """
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        status = folder.lstat()
        if not stat.S_ISDIR(status.st_mode):
            return None
        if hasattr(os, "getuid"):
            if status.st_uid != os.getuid():
                return None
            if stat.S_IMODE(status.st_mode) & 0o077:
                folder.chmod(0o700)
                if stat.S_IMODE(folder.lstat().st_mode) & 0o077:
                    return None
    except OSError:
        return None
    return folder


def cache_folder(subfolder: Path) -> Path | None:
    """The private folder `subfolder` of the user's cache directory, created if missing; None
    when caching is turned off or there is no safe folder."""
    if caching_disabled():
        return None
    home = user_cache_dir()
    return private_folder(home / subfolder) if home is not None else None
