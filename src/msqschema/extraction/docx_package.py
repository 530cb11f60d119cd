"""Read a filled DOCX as untrusted input: bounded zip parts, XML without DTDs, content controls.

`read_docx` returns what the body holds: every `msq:`-tagged content control with its text or
tick, and the text found outside them, paragraph by paragraph. It knows nothing of questionnaires.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

MAX_PART_BYTES = 16 * 1024 * 1024
"""The most bytes one part of the package may inflate to (the renderer keeps to it too)."""

MAX_DEPTH = 256
"""The deepest element nesting accepted in a part."""

MAX_ELEMENTS = 100_000
"""The most elements accepted in a part (a filled MSQ form has about 4,000, and each row of a
records answer adds about 40); the renderer refuses to write more."""

TAG_PREFIX = "msq:"
DOCUMENT_PART = "word/document.xml"
CUSTOM_PART = "docProps/custom.xml"

_W = ("http://schemas.openxmlformats.org/wordprocessingml/2006/main",
      "http://purl.oclc.org/ooxml/wordprocessingml/main")  # transitional, strict
_W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_CHUNK = 64 * 1024
_TRUE = frozenset({"1", "true", "on"})

_TEXT = {"t": "", "tab": "\t", "br": "\n", "cr": "\n", "noBreakHyphen": "-"}
"""Elements that stand for text: a `w:t` holds its own, the others stand for one character."""
_SKIPPED = (
    "del", "moveFrom", "delText", "delInstrText", "instrText",  # deletions and field codes
    "drawing", "pict", "object",                               # pictures and text boxes
    "pPr", "rPr", "tblPr", "trPr", "tcPr", "sectPr", "sdtEndPr",  # formatting
)


def _qualified(name: str) -> tuple[str, ...]:
    """`w:name` in each WordprocessingML namespace, as ElementTree spells it."""
    return tuple(f"{{{namespace}}}{name}" for namespace in _W)


_KINDS = {
    **{tag: "text" for name in _TEXT for tag in _qualified(name)},
    **{tag: "skip" for name in _SKIPPED for tag in _qualified(name)},
    **{tag: name for name in ("p", "sdt", "tr", "tbl") for tag in _qualified(name)},
    "{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent": "skip",
}
"""What the body reader does with an element, by tag; any other element is walked through."""
_TEXT_OF = {tag: _TEXT[tag.partition("}")[2]] for tag, kind in _KINDS.items() if kind == "text"}
_SDT_PR, _SDT_CONTENT, _TAG = _qualified("sdtPr"), _qualified("sdtContent"), _qualified("tag")
_SHOWING_PLACEHOLDER, _VAL = _qualified("showingPlcHdr"), _qualified("val")
_CELL = _qualified("tc")


class DocxError(Exception):
    """The input is not a DOCX that can be read safely; the message is one line."""


@dataclass(frozen=True)
class Control:
    """One `msq:`-tagged content control: its path, what it shows, and the table row it is in.

    `text` is None while the control shows its placeholder. A checkbox has `checked` (Word's
    w14:checked) and `glyph`: the state its visible box shows, None if it shows neither glyph.
    """

    path: str
    row: int | None
    text: str | None = None
    checked: bool | None = None
    glyph: bool | None = None


@dataclass(frozen=True)
class Paragraph:
    """Text of one paragraph outside every control, and the path of the control before it."""

    text: str
    after: str | None


@dataclass
class Body:
    """The controls of a document body in document order, and the text outside them."""

    controls: list[Control] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    untagged: int = 0
    """Content controls without an `msq:` tag (record rows, or controls whose tag was lost)."""


@dataclass(frozen=True)
class Package:
    """The parts of a DOCX that extraction reads."""

    body: Body
    properties: dict[str, str]


def read_docx(source: Path | bytes) -> Package:
    """Read the body and the custom properties of a DOCX; raise DocxError when it cannot be."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source)
    except zipfile.BadZipFile as error:
        raise DocxError(f"not a Word document (.docx): {error}") from None
    except OSError as error:
        raise DocxError(error.strerror or str(error)) from None
    try:
        with archive:
            parts = _part_index(archive)
            document = _read_part(archive, parts, DOCUMENT_PART)
            if document is None:
                raise DocxError(f"not a Word document: the file has no {DOCUMENT_PART}")
            custom = _read_part(archive, parts, CUSTOM_PART)
    except (zipfile.BadZipFile, RuntimeError, NotImplementedError, EOFError, OSError,
            zlib.error, ValueError) as error:
        raise DocxError(f"the Word document cannot be unpacked: {error}") from None
    body = _BodyReader().read(parse_xml(document, DOCUMENT_PART))
    properties = _custom_properties(parse_xml(custom, CUSTOM_PART)) if custom else {}
    return Package(body, properties)


def _part_index(zf: zipfile.ZipFile) -> dict[str, zipfile.ZipInfo | None]:
    """Part names (case-insensitive, as in OPC) to entries; None marks a name used twice."""
    index: dict[str, zipfile.ZipInfo | None] = {}
    for info in zf.infolist():
        name = info.filename.lower()
        index[name] = None if name in index else info
    return index


def _read_part(zf: zipfile.ZipFile, parts: dict[str, zipfile.ZipInfo | None],
               name: str) -> bytes | None:
    """The inflated bytes of one part, or None if it is absent; never more than MAX_PART_BYTES."""
    limit = MAX_PART_BYTES
    key = name.lower()
    if key not in parts:
        return None
    info = parts[key]
    if info is None:
        raise DocxError(f"the Word document holds {name} more than once")
    too_big = f"{name} inflates to more than {limit:,} bytes (a zip bomb?)"
    if info.file_size > limit:
        raise DocxError(too_big)
    chunks, size = [], 0
    with zf.open(info) as stream:
        while chunk := stream.read(_CHUNK):
            size += len(chunk)
            if size > limit:
                raise DocxError(too_big)
            chunks.append(chunk)
    return b"".join(chunks)


class _SafeTreeBuilder(ElementTree.TreeBuilder):
    """A tree builder that refuses DTDs (so entity declarations), deep nesting and huge trees."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name
        self.depth = 0
        self.elements = 0

    def doctype(self, name: str, pubid: str | None, system: str | None) -> None:
        raise DocxError(f"{self.name} declares a DTD (entities are refused)")

    def start(self, tag: str, attrs: dict[str, str]) -> ElementTree.Element:
        self.depth += 1
        self.elements += 1
        if self.depth > MAX_DEPTH:
            raise DocxError(f"{self.name} nests elements deeper than {MAX_DEPTH} levels")
        if self.elements > MAX_ELEMENTS:
            raise DocxError(f"{self.name} has more than {MAX_ELEMENTS:,} elements")
        return super().start(tag, attrs)

    def end(self, tag: str) -> ElementTree.Element:
        self.depth -= 1
        return super().end(tag)


def parse_xml(data: bytes, name: str) -> ElementTree.Element:
    """Parse one XML part; DTDs, deep nesting and too many elements raise DocxError."""
    parser = ElementTree.XMLParser(target=_SafeTreeBuilder(name))
    try:
        parser.feed(data)
        return parser.close()
    except ElementTree.ParseError as error:
        raise DocxError(f"{name} is not well-formed XML: {error}") from None
    except (LookupError, ValueError) as error:  # an encoding expat does not know or support
        raise DocxError(f"{name} cannot be read: {error}") from None


def _custom_properties(root: ElementTree.Element) -> dict[str, str]:
    """Custom document properties: name -> text value."""
    return {
        element.get("name", ""): "".join(element.itertext()).strip()
        for element in root
        if element.tag.endswith("}property")
    }


def _child(element: ElementTree.Element | None,
           tags: tuple[str, ...]) -> ElementTree.Element | None:
    """The first child of `element` with one of these tags."""
    return next((child for child in element if child.tag in tags), None) \
        if element is not None else None


class _Text:
    """Text gathered paragraph by paragraph; paragraphs are joined with line breaks."""

    def __init__(self) -> None:
        self.paragraphs: list[list[str]] = []

    def new_paragraph(self) -> None:
        self.paragraphs.append([])

    def add(self, text: str) -> None:
        if not self.paragraphs:
            self.new_paragraph()
        self.paragraphs[-1].append(text)

    def value(self) -> str:
        return "\n".join("".join(parts) for parts in self.paragraphs)


class _BodyReader:
    """Walk a document body, sending each text to the control it belongs to or to the outside.

    `sink` is where text goes: the open control's text, the open paragraph outside controls, or
    None between paragraphs outside controls.
    """

    def __init__(self) -> None:
        self.body = Body()
        self.rows = 0
        self.row: int | None = None
        self.last_path: str | None = None
        self.columns: dict[int, str] = {}  # cell index -> record path, in the table being read

    def read(self, root: ElementTree.Element) -> Body:
        self.walk(root, None)
        return self.body

    def walk(self, element: ElementTree.Element, sink: _Text | None) -> None:
        kind = _KINDS.get(element.tag)
        if kind == "skip":
            return
        if kind == "text":
            if sink is not None:
                sink.add(_TEXT_OF[element.tag] or _run_text(element))
        elif kind == "sdt":
            self.content_control(element, sink)
        elif kind == "p" and sink is None:
            self.outside_paragraph(element)
        elif kind == "tbl":
            outer_columns, self.columns = self.columns, {}
            for child in element:
                self.walk(child, sink)
            self.columns = outer_columns
        elif kind == "tr":
            outer, self.row, self.rows = self.row, self.rows, self.rows + 1
            self.table_row(element, sink)
            self.row = outer
        else:
            if kind == "p":
                sink.new_paragraph()  # type: ignore[union-attr]
            for child in element:
                self.walk(child, sink)

    def table_row(self, element: ElementTree.Element, sink: _Text | None) -> None:
        """A row of controls teaches which cell holds which record column; a row without
        controls below such rows (added with Tab or "Insert row") is read by those columns."""
        cells = [child for child in element if child.tag in _CELL]
        paths = [_record_path(cell) for cell in cells]
        if any(paths):
            self.columns = {index: path for index, path in enumerate(paths) if path}
        elif self.columns and next(_paths(element), None) is None:
            for index, cell in enumerate(cells):
                if index in self.columns:
                    text = _Text()
                    self.walk(cell, text)
                    self.body.controls.append(Control(self.columns[index], self.row,
                                                      text=text.value()))
                else:
                    self.walk(cell, sink)
            return
        for child in element:
            self.walk(child, sink)

    def outside_paragraph(self, element: ElementTree.Element) -> None:
        """A paragraph outside controls: its own text is kept, to report typing outside them."""
        text, after = _Text(), self.last_path
        for child in element:
            self.walk(child, text)
        value = text.value()
        if value.strip():
            self.body.paragraphs.append(Paragraph(value, after))

    def content_control(self, element: ElementTree.Element, sink: _Text | None) -> None:
        properties, content = _child(element, _SDT_PR), _child(element, _SDT_CONTENT)
        tag = _child(properties, _TAG)
        value = next(filter(None, map(tag.get, _VAL)), "") if tag is not None else ""
        if properties is None or not value.startswith(TAG_PREFIX):  # not ours: look inside
            self.body.untagged += 1
            for child in content if content is not None else ():
                self.walk(child, sink)
            return
        text = _Text()
        for child in content if content is not None else ():
            self.walk(child, text)
        path = value[len(TAG_PREFIX):]
        self.body.controls.append(_control(path, self.row, properties, text.value()))
        self.last_path = path


def _paths(element: ElementTree.Element) -> Iterator[str]:
    """The paths of the `msq:` controls in `element`, in document order."""
    for tag in element.iter():
        if tag.tag in _TAG:
            value = next(filter(None, map(tag.get, _VAL)), "")
            if value.startswith(TAG_PREFIX):
                yield value[len(TAG_PREFIX):]


def _record_path(cell: ElementTree.Element) -> str | None:
    """The path of the first record cell control (`.../*/column`) in a table cell, if any."""
    return next((path for path in _paths(cell) if "/*/" in path), None)


def _run_text(element: ElementTree.Element) -> str:
    """The text of a `w:t`: Word drops its outer whitespace unless xml:space="preserve"."""
    text = element.text or ""
    return text if element.get(_XML_SPACE) == "preserve" else text.strip()


def _control(path: str, row: int | None, properties: ElementTree.Element, shown: str) -> Control:
    """A control from its properties and the text it shows."""
    checkbox = properties.find(_W14 + "checkbox")
    if checkbox is None:
        placeholder = _child(properties, _SHOWING_PLACEHOLDER) is not None
        return Control(path, row, text=None if placeholder else shown)
    checked = checkbox.find(_W14 + "checked")
    ticked = checked is not None and checked.get(_W14 + "val", "1").lower() in _TRUE
    glyphs = {_glyph(checkbox, "checkedState", "2612"): True,
              _glyph(checkbox, "uncheckedState", "2610"): False}
    shown_state = next((state for glyph, state in glyphs.items() if glyph in shown), None)
    return Control(path, row, checked=ticked, glyph=shown_state)


def _glyph(checkbox: ElementTree.Element, state: str, default: str) -> str:
    """The character a checkbox shows in one state (w14:checkedState or w14:uncheckedState)."""
    element = checkbox.find(_W14 + state)
    code = element.get(_W14 + "val", default) if element is not None else default
    try:
        return chr(int(code, 16))
    except (ValueError, OverflowError):
        return chr(int(default, 16))
