"""Small helpers for Office Open XML packages: text XML 1.0 can hold, well-formed parts, and
reproducible zips."""

from __future__ import annotations

import re
import unicodedata
import zipfile
from collections.abc import Iterable
from io import BytesIO
from typing import Any
from xml.parsers import expat

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
"""Characters XML 1.0 forbids (C0 controls but tab, newline and CR; U+FFFE, U+FFFF; surrogates)."""

_FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def xml_safe(value: Any) -> Any:
    """Jinja `finalize`: drop the characters XML 1.0 forbids from every output text.

    Markup (already-built XML from macros and includes) passes unchanged; its texts went
    through this function when they were output.
    """
    if isinstance(value, str) and not hasattr(value, "__html__"):
        return _NOT_XML.sub("", value)
    return value


def is_rtl(text: str) -> bool:
    """Whether the first strongly directional character of `text` is right-to-left."""
    for char in text:
        direction = unicodedata.bidirectional(char)
        if direction in ("R", "AL"):
            return True
        if direction == "L":
            return False
    return False


def xml_mistake(data: bytes) -> tuple[int, int, str] | None:
    """Where and why `data` is not well-formed XML with bound namespace prefixes (line,
    column from 1, reason such as "mismatched tag"), or None when it is."""
    parser = expat.ParserCreate(namespace_separator=" ")
    try:
        parser.Parse(data, True)
    except expat.ExpatError as error:
        return error.lineno, error.offset + 1, str(expat.ErrorString(error.code))
    return None


def zip_package(parts: Iterable[tuple[str, bytes]]) -> bytes:
    """Zip the parts in the order given, with fixed timestamps and attributes.

    The same parts give the same bytes, whatever the clock, the platform or the umask.
    """
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for name, data in parts:
            info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            package.writestr(info, data, compresslevel=6)
    return buffer.getvalue()
