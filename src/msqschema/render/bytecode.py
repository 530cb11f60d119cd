"""Keep the built-in templates' compiled code in a private folder of the user's cache directory.

Compiling the built-in templates is about a third of a one-document process's time; this cache
lets a process load their code instead. It is only an optimisation: a folder that cannot be
created, written or trusted, or a cache file that is stale or damaged, means compiling as
before. User templates (`--templates`) are never cached.
"""

from __future__ import annotations

import hashlib
import sys
from contextlib import suppress
from pathlib import Path
from typing import Any

from jinja2 import __version__ as jinja_version
from jinja2.bccache import Bucket, FileSystemBytecodeCache

from msqschema.__about__ import __version__
from msqschema.user_cache import cache_folder

CACHE_SUBFOLDER = Path("msqschema", "templates")
"""Where the compiled templates go, under the user's cache directory."""


def fingerprint(sandboxed: bool, options: dict[str, Any]) -> str:
    """A short digest of what the compiled code depends on besides the template's source:
    the versions of msqschema, Jinja and Python, and the environment's options."""
    settings = {name: getattr(value, "__qualname__", value) for name, value in options.items()}
    text = repr((__version__, jinja_version, sys.version_info[:2], sandboxed,
                 sorted(settings.items())))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


class BuiltinBytecodeCache(FileSystemBytecodeCache):
    """Jinja's file cache, limited to the templates of one folder and never failing.

    Jinja rejects a cache file whose source checksum or bytecode version does not match;
    this class also treats unreadable or damaged files as absent and ignores failed writes.
    """

    def __init__(self, directory: Path, builtin: Path, prefix: str) -> None:
        super().__init__(str(directory), f"{prefix}-%s.cache")
        self.builtin = builtin.resolve()

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        """The cache key of a built-in template; "" (not cached) for any other."""
        if filename is None or not Path(filename).resolve().is_relative_to(self.builtin):
            return ""
        return super().get_cache_key(name, filename)

    def load_bytecode(self, bucket: Bucket) -> None:
        if not bucket.key:
            return
        try:
            super().load_bytecode(bucket)
        except Exception:  # damaged file (bad pickle, truncated): compile instead
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        if not bucket.key:
            return
        with suppress(OSError):  # a full or read-only disk: the next process compiles again
            super().dump_bytecode(bucket)


def bytecode_cache(builtin: Path, sandboxed: bool,
                   options: dict[str, Any]) -> BuiltinBytecodeCache | None:
    """The cache for the built-in templates in `builtin`, or None when there is no safe
    folder for it (or `MSQSCHEMA_NO_CACHE` is set)."""
    folder = cache_folder(CACHE_SUBFOLDER)
    if folder is None:
        return None
    return BuiltinBytecodeCache(folder, builtin, fingerprint(sandboxed, options))
