"""Keep loaded questionnaires, parsed and checked, in a private folder of the user's cache
directory, so that the next process unpickles the model instead of building it again.

A stored model is found by a digest of everything it was built from: the questionnaire file's
bytes, how it was loaded (its display name, trusted or fully checked, texts parsed or not), the
versions of msqschema and Python, and the size and modification time of every module of the
installed msqschema (so an edited checkout never reads a model built by older code). Files carry
a digest of their content: a damaged, truncated or foreign file is never unpickled. Like the
template cache (`render.bytecode`) it is only an optimisation: no usable folder, or a file that
cannot be read or written, means building the model as before. Only models that loaded without
errors are stored.

Every digest is BLAKE2b of 32 bytes, taken from `_blake2`, the module `hashlib.blake2b` comes
from, and a model is read with `_pickle.loads`, what `pickle.loads` is: importing `hashlib`
loads OpenSSL (about 2.5 ms of every validate's start) and `pickle` its Python half (about 1
ms), which only storing a model needs.
"""

from __future__ import annotations

import os
import sys
from contextlib import suppress
from functools import cache
from pathlib import Path

from msqschema.__about__ import __version__
from msqschema.questionnaire.model import Questionnaire
from msqschema.user_cache import cache_folder, owned_file

try:
    from _blake2 import blake2b
except ImportError:  # a Python built without it
    from hashlib import blake2b
try:
    from _pickle import loads
except ImportError:  # a Python without the C pickler
    from pickle import loads

CACHE_SUBFOLDER = Path("msqschema", "questionnaires")
"""Where the stored models go, under the user's cache directory."""

MAGIC = b"msqschema questionnaire 2\n"
"""The first bytes of every stored model's file, before the digest of its pickle."""

SUFFIX = ".pickle"

MAX_FILES = 64
"""The most stored models kept: storing one more removes the oldest (each is about 30 KB)."""

DIGEST_SIZE = 32
"""The bytes of every digest (BLAKE2b)."""

_PACKAGE = Path(__file__).resolve().parents[1]


def digest(data: bytes) -> bytes:
    """The digest of `data`: BLAKE2b, `DIGEST_SIZE` bytes."""
    return blake2b(data, digest_size=DIGEST_SIZE).digest()


@cache
def code_fingerprint() -> bytes | None:
    """A digest of the path, size and modification time of every module of msqschema and of
    the language's JSON Schema (`schemas/*.json`, which lint reads); None when its folder
    cannot be listed (a zipped installation): then nothing is stored."""
    found: list[tuple[str, int, int]] = []
    folders = [str(_PACKAGE)]
    try:
        while folders:
            with os.scandir(folders.pop()) as entries:
                for entry in entries:
                    if entry.name.endswith((".py", ".json")):
                        status = entry.stat()
                        found.append((entry.path, status.st_size, status.st_mtime_ns))
                    elif entry.name != "__pycache__" and entry.is_dir(follow_symlinks=False):
                        folders.append(entry.path)
    except OSError:
        return None
    return digest(repr(sorted(found)).encode())


def cache_key(source: bytes, *settings: object) -> str | None:
    """The name under which the model built from `source` with `settings` is stored; None when
    the code it would be built by cannot be told apart from other code."""
    code = code_fingerprint()
    if code is None:
        return None
    key = blake2b(repr((__version__, sys.version_info[:3], settings)).encode(),
                  digest_size=DIGEST_SIZE)
    key.update(code)
    key.update(source)
    return key.hexdigest()[:40]


def load_stored(key: str | None) -> Questionnaire | None:
    """The model stored under `key`, or None when there is none that can be trusted."""
    folder = cache_folder(CACHE_SUBFOLDER) if key is not None else None
    if key is None or folder is None:
        return None
    try:
        data = owned_file(folder / (key + SUFFIX))
    except OSError:
        return None
    if data is None:
        return None
    head = len(MAGIC) + DIGEST_SIZE
    payload = data[head:]
    if data[:len(MAGIC)] != MAGIC or data[len(MAGIC):head] != digest(payload):
        return None
    try:
        questionnaire = loads(payload)
    except Exception:  # written by a version whose classes differ after all: build it anew
        return None
    return questionnaire if isinstance(questionnaire, Questionnaire) else None


def store(key: str | None, questionnaire: Questionnaire) -> None:
    """Store a model under `key` (written whole or not at all), keeping at most `MAX_FILES`;
    nothing without a key."""
    folder = cache_folder(CACHE_SUBFOLDER) if key is not None else None
    if key is None or folder is None:
        return
    import pickle  # only a process that stores needs it

    try:
        payload = pickle.dumps(questionnaire, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # a model holding something that cannot be pickled: not stored
        return
    import tempfile  # only a process that stores needs it

    with suppress(OSError):  # a full or read-only disk: the next process builds it again
        descriptor, temporary = tempfile.mkstemp(prefix=".msqschema-tmp-", dir=folder)
        try:
            with os.fdopen(descriptor, "wb") as stream:
                stream.write(MAGIC + digest(payload) + payload)
            os.replace(temporary, folder / (key + SUFFIX))
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        _prune(folder)


def _prune(folder: Path) -> None:
    """Remove the oldest stored models beyond `MAX_FILES`."""
    stored = []
    for path in folder.glob("*" + SUFFIX):
        with suppress(OSError):
            stored.append((path.stat().st_mtime_ns, path))
    for _, path in sorted(stored, reverse=True)[MAX_FILES:]:
        with suppress(OSError):
            path.unlink()
