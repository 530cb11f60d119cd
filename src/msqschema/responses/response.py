"""Response files: read one safely (YAML or JSON, a path, bytes or standard input)."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from msqschema import problems as codes
from msqschema.frozen import frozen
from msqschema.problems import InputError
from msqschema.yamlio import MAX_BYTES, Document, ReadError, load_document

STDIN = "-"
READ_CHUNK = 64 * 1024


@frozen
class Response:
    """A response file as read: its data, and the document that knows every value's position."""

    file: str
    document: Document

    @property
    def data(self) -> Any:
        return self.document.data

    @property
    def questionnaire_id(self) -> str | None:
        """The questionnaire the response names, if it names one as text."""
        value = self.data.get("questionnaire") if isinstance(self.data, dict) else None
        return value if isinstance(value, str) else None

    @property
    def answers(self) -> dict[str, Any]:
        """The answers mapping (empty when missing or malformed: validation reports that)."""
        value = self.data.get("answers") if isinstance(self.data, dict) else None
        return value if isinstance(value, dict) else {}


def load_response(source: str | Path | bytes, *, name: str | None = None) -> Response:
    """Read a response from a path (`-` for standard input) or from bytes.

    Raises `InputError` (one problem, with its position) when the input cannot be read.
    """
    if isinstance(source, bytes):
        file, raw, sniff = name or "<bytes>", source, name is None
    else:
        sniff = str(source) == STDIN  # JSON or YAML is told from the content
        file = name or ("<stdin>" if sniff else str(source))
        raw = _read_bytes(source, file)
    try:
        document = load_document(raw, name="" if sniff else file)
    except ReadError as error:
        pos = error.pos
        raise InputError(codes.make_problem(
            codes.UNREADABLE, file=file, reason=error.message,
            line=pos.line if pos else None, column=pos.column if pos else None)) from None
    return Response(file=file, document=document)


def _read_bytes(source: str | Path, file: str) -> bytes:
    """The file's bytes, at most one more than MAX_BYTES (enough to tell it is too large).

    A file is read through its descriptor, with no buffered stream around it (a third of the
    time of reading a small file went to setting one up).
    """
    try:
        if str(source) == STDIN:
            return _read_at_most(sys.stdin.buffer.read, MAX_BYTES + 1)
        descriptor = os.open(source, os.O_RDONLY | getattr(os, "O_BINARY", 0))
        try:
            return _read_at_most(partial(os.read, descriptor), MAX_BYTES + 1)
        finally:
            os.close(descriptor)
    except OSError as error:
        raise InputError(codes.make_problem(
            codes.UNREADABLE, file=file, reason=error.strerror or str(error))) from None


def _read_at_most(read: Callable[[int], bytes], size: int) -> bytes:
    """Up to `size` bytes from `read`, asked for in chunks: one read of `size` bytes would set
    aside that much memory for every file, however small (a third of the time of reading)."""
    chunks: list[bytes] = []
    left = size
    while left > 0:
        chunk = read(min(READ_CHUNK, left))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)
