"""Small helpers for Office Open XML packages: text XML 1.0 can hold, and reproducible zips
written part by part as the templates produce them, each part checked to be well-formed and
within the limits that extract reads."""

from __future__ import annotations

import re
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator
from io import BytesIO
from typing import IO, Any
from xml.parsers import expat

from msqschema.problems import MsqSchemaError

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


class PartTooLarge(MsqSchemaError):
    """A part of the package would be larger than msqschema reads back; the message says which
    and why, in one line."""


class MalformedPart(MsqSchemaError):
    """The templates gave a part that is not well-formed XML (with bound namespace prefixes):
    Word would not open the package. The message names the part, line and column."""


_BLOCK = 64 * 1024
"""Characters of template output gathered before they are encoded, counted and compressed."""


def zip_package(parts: Iterable[tuple[str, Iterable[str]]], *, max_part_bytes: int,
                max_elements: int) -> bytes:
    """Zip the parts in the order given, each from its pieces of text (as a template's
    `generate` gives them), with fixed timestamps and attributes.

    The same parts give the same bytes, whatever the clock, the platform or the umask. A part
    larger than `max_part_bytes` (UTF-8) or with more than `max_elements` elements raises
    `PartTooLarge` as soon as it is seen, so memory never holds more than the limits allow; a
    part that is not well-formed XML raises `MalformedPart`.
    """
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for name, pieces in parts:
            info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED  # at zlib's default level, 6
            info.create_system = 0
            info.external_attr = 0
            with package.open(info, "w") as stream:
                _write_part(stream, name, pieces, max_part_bytes, max_elements)
    return buffer.getvalue()


def _write_part(stream: IO[bytes], name: str, pieces: Iterable[str], max_part_bytes: int,
                max_elements: int) -> None:
    size = elements = 0
    held = b""  # a '<' that ends a block: whether it starts an element shows in the next one
    parser = expat.ParserCreate(namespace_separator=" ")
    for block in _blocks(pieces):
        data = block.encode("utf-8")
        _parse(parser, name, data, final=False)
        size += len(data)
        if size > max_part_bytes:
            raise PartTooLarge(f"{name} would be larger than {max_part_bytes:,} bytes, the most "
                               "a form is read back with")
        text, held = (held + data, b"")
        if text.endswith(b"<"):
            text, held = text[:-1], b"<"
        elements += _start_tags(text)
        if elements > max_elements:
            raise PartTooLarge(f"{name} would have more than {max_elements:,} elements, the "
                               "most a form is read back with")
        stream.write(data)
    _parse(parser, name, b"", final=True)


def _parse(parser: Any, name: str, data: bytes, *, final: bool) -> None:
    """Feed the XML parser of a part; `MalformedPart` where it stops being well-formed."""
    try:
        parser.Parse(data, final)
    except expat.ExpatError as error:
        raise MalformedPart(f"{name}:{error.lineno}:{error.offset + 1}: the templates give "
                            f"malformed XML ({expat.ErrorString(error.code)})") from None


def _start_tags(xml: bytes) -> int:
    """The elements that begin in a piece of XML: each '<' but those of end tags, processing
    instructions, comments and CDATA (text holds no '<': it is escaped)."""
    return xml.count(b"<") - xml.count(b"</") - xml.count(b"<?") - xml.count(b"<!")


def _blocks(pieces: Iterable[str]) -> Iterator[str]:
    """The pieces joined into blocks of about `_BLOCK` characters (a template yields many
    small pieces)."""
    gathered: list[str] = []
    length = 0
    for piece in pieces:
        gathered.append(piece)
        length += len(piece)
        if length >= _BLOCK:
            yield "".join(gathered)
            gathered, length = [], 0
    if gathered:
        yield "".join(gathered)
