"""Read a filled DOCX as untrusted input: bounded zip parts, XML without DTDs, content controls.

`read_docx` returns what the body holds: every `msq:`-tagged content control with its text or
tick, the untagged places (controls and FILLIN fields, for forms whose tags an editor dropped),
and the text found outside them, paragraph by paragraph. It knows nothing of questionnaires.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from msqschema.extraction import limits
from msqschema.frozen import frozen

MAX_DEPTH = 256
"""The deepest element nesting accepted in a part (the sizes: `extraction.limits`)."""

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
    "del", "moveFrom", "delText", "delInstrText",                # deletions
    "drawing", "pict", "object",                               # pictures and text boxes
    "pPr", "rPr", "tblPr", "trPr", "tcPr", "sectPr", "sdtEndPr",  # formatting
)


def _qualified(name: str) -> tuple[str, ...]:
    """`w:name` in each WordprocessingML namespace, as ElementTree spells it."""
    return tuple(f"{{{namespace}}}{name}" for namespace in _W)


_KINDS = {
    **{tag: "text" for name in _TEXT for tag in _qualified(name)},
    **{tag: "skip" for name in _SKIPPED for tag in _qualified(name)},
    **{tag: name for name in ("p", "sdt", "tr", "tbl", "fldChar", "instrText")
       for tag in _qualified(name)},
    "{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent": "skip",
}
"""What the body reader does with an element, by tag; any other element is walked through."""
_TEXT_OF = {tag: _TEXT[tag.partition("}")[2]] for tag, kind in _KINDS.items() if kind == "text"}
_SDT_PR, _SDT_CONTENT, _TAG = _qualified("sdtPr"), _qualified("sdtContent"), _qualified("tag")
_SHOWING_PLACEHOLDER, _VAL = _qualified("showingPlcHdr"), _qualified("val")
_CELL, _SDT, _FIELD_CHAR_TYPE = _qualified("tc"), _qualified("sdt"), _qualified("fldCharType")
_W15 = "{http://schemas.microsoft.com/office/word/2012/wordml}"
_REPEATING = (_W15 + "repeatingSection", _W15 + "repeatingSectionItem")


class DocxError(Exception):
    """The input is not a DOCX that can be read safely; the message is one line."""


@frozen
class Control:
    """One answer place: its `msq:` path ("" when untagged), what it shows, and where it is.

    `text` is None while the control shows its placeholder, `placeholder`. A checkbox has
    `checked` (Word's w14:checked) and `glyph`: the state its visible box shows, None if it shows
    neither glyph. `row` and `table` count the table rows and tables of the body, `before` the
    paragraphs outside controls that precede it; `block` is true for a control holding
    paragraphs (a long text) rather than text within one.
    """

    path: str
    row: int | None
    text: str | None = None
    checked: bool | None = None
    glyph: bool | None = None
    table: int | None = None
    before: int = 0
    block: bool = False
    placeholder: str | None = None

    @property
    def checkbox(self) -> bool:
        """Whether this place is a check box rather than a text."""
        return self.checked is not None


@frozen
class Paragraph:
    """Text of one paragraph outside every control, and the path of the control before it.

    A paragraph that holds an answer place and no text of its own is left out; an empty one
    that holds nothing is kept (a blank line, when an editor moved an answer out of its box).
    """

    text: str
    after: str | None


@dataclass
class Body:
    """The controls of a document body in document order, and the text outside them."""

    controls: list[Control] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    untagged: list[Control] = field(default_factory=list)
    """Places without an `msq:` tag: content controls that hold no other (a record row's
    wrapper holds some) and FILLIN fields, which LibreOffice writes for a long text's box."""


@frozen
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
    limit = limits.MAX_PART_BYTES
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
        if self.elements > limits.MAX_ELEMENTS:
            raise DocxError(f"{self.name} has more than {limits.MAX_ELEMENTS:,} elements")
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


class _Field:
    """A complex field being read: its instruction, and the text of its result if it is read."""

    def __init__(self) -> None:
        self.instruction: list[str] = []
        self.result: _Text | None = None


class _BodyReader:
    """Walk a document body, sending each text to the control it belongs to or to the outside.

    `sink` is where text goes: the open control's text, the open paragraph outside controls, or
    None between paragraphs outside controls. The result of a FILLIN field (an untagged place)
    takes the text of every sink while it is open. Within an `msq:` control, untagged controls
    and fields are only text of that control.
    """

    def __init__(self) -> None:
        self.body = Body()
        self.rows = 0
        self.tables = 0
        self.row: int | None = None
        self.table: int | None = None
        self.last_path: str | None = None
        self.columns: dict[int, str] = {}  # cell index -> record path, in the table being read
        self.untagged_columns: set[int] = set()  # cells holding untagged places, likewise
        self.fields: list[_Field] = []
        self.result: _Text | None = None  # the open FILLIN result
        self.in_control = False  # within an `msq:` control, whose text takes everything inside
        self.holders: set[ElementTree.Element] = set()  # content controls holding others

    def read(self, root: ElementTree.Element) -> Body:
        self.holders = _holders(root)
        self.walk(root, None)
        if self.result is not None:  # a FILLIN field that never ends: its text is kept
            self.body.untagged.append(self.place("", self.result.value(), True))
        return self.body

    def walk(self, element: ElementTree.Element, sink: _Text | None) -> None:
        kind = _KINDS.get(element.tag)
        if kind == "skip":
            return
        if kind == "text":
            target = self.result if self.result is not None else sink
            if target is not None:
                target.add(_TEXT_OF[element.tag] or _run_text(element))
        elif kind == "fldChar":
            self.field_char(_value(element, _FIELD_CHAR_TYPE), sink)
        elif kind == "instrText":
            if self.fields and self.fields[-1].result is None:
                self.fields[-1].instruction.append(element.text or "")
        elif kind == "sdt":
            self.content_control(element, sink)
        elif kind == "p" and sink is None:
            self.outside_paragraph(element)
        elif kind == "tbl":
            outer_table = self.columns, self.untagged_columns, self.table
            self.columns, self.untagged_columns = {}, set()
            self.table, self.tables = self.tables, self.tables + 1
            for child in element:
                self.walk(child, sink)
            self.columns, self.untagged_columns, self.table = outer_table
        elif kind == "tr":
            outer, self.row, self.rows = self.row, self.rows, self.rows + 1
            self.table_row(element, sink)
            self.row = outer
        else:
            if kind == "p":
                sink.new_paragraph()  # type: ignore[union-attr]
                if self.result is not None:
                    self.result.new_paragraph()
            for child in element:
                self.walk(child, sink)

    def field_char(self, kind: str, sink: _Text | None) -> None:
        """Follow a complex field; the result of an outermost FILLIN becomes an untagged place."""
        if kind == "begin":
            self.fields.append(_Field())
        elif kind == "separate" and self.fields:
            field = self.fields[-1]
            fill_in = "".join(field.instruction).split()[:1] == ["FILLIN"]
            if fill_in and self.result is None and not self.in_control:
                field.result = self.result = _Text()
        elif kind == "end" and self.fields:
            field = self.fields.pop()
            if field.result is not None:
                self.result = None
                self.body.untagged.append(self.place("", field.result.value(), sink is None))

    def place(self, path: str, text: str, block: bool,
              properties: ElementTree.Element | None = None) -> Control:
        """An answer place here, from its content control's properties if it has them."""
        where: dict[str, Any] = {"row": self.row, "table": self.table, "block": block,
                                 "before": len(self.body.paragraphs)}
        if properties is None:
            return Control(path, text=text, **where)
        return _control(path, properties, text, where)

    def table_row(self, element: ElementTree.Element, sink: _Text | None) -> None:
        """A row of controls teaches which cell holds which record column; a row without
        controls below such rows (added with Tab or "Insert row") is read by those columns.
        Cells of untagged places are learned likewise, for forms whose tags were lost."""
        cells = [child for child in element if child.tag in _CELL]
        paths = [_record_path(cell) for cell in cells]
        untagged = {index for index, cell in enumerate(cells) if self.holds_untagged_place(cell)}
        if any(paths) or untagged:
            self.columns = {index: path for index, path in enumerate(paths) if path}
            self.untagged_columns = untagged - set(self.columns)
        elif (self.columns or self.untagged_columns) and next(_paths(element), None) is None \
                and not self.holds_untagged_place(element):
            for index, cell in enumerate(cells):
                if index in self.columns or index in self.untagged_columns:
                    text = _Text()
                    self.walk(cell, text)
                    found = self.body.controls if index in self.columns else self.body.untagged
                    found.append(self.place(self.columns.get(index, ""), text.value(), False))
                else:
                    self.walk(cell, sink)
            return
        for child in element:
            self.walk(child, sink)

    def outside_paragraph(self, element: ElementTree.Element) -> None:
        """A paragraph outside controls: its own text is kept, to report typing outside them."""
        text, after = _Text(), self.last_path
        if self.result is not None:  # a FILLIN result going on from the paragraph before
            self.result.new_paragraph()
        places = len(self.body.controls) + len(self.body.untagged)
        for child in element:
            self.walk(child, text)
        value = text.value()
        if value.strip() or places == len(self.body.controls) + len(self.body.untagged):
            self.body.paragraphs.append(Paragraph(value, after))

    def content_control(self, element: ElementTree.Element, sink: _Text | None) -> None:
        properties, content = _child(element, _SDT_PR), _child(element, _SDT_CONTENT)
        value = _value(_child(properties, _TAG), _VAL)
        ours = value.startswith(TAG_PREFIX)
        if not ours and (self.in_control or not self.untagged_place(element)):
            for child in content if content is not None else ():  # a wrapper, or within ours
                self.walk(child, sink)
            return
        text, outer, result = _Text(), self.in_control, self.result
        if ours:  # an open FILLIN result does not take the text of our controls
            self.in_control, self.result = True, None
        for child in content if content is not None else ():
            self.walk(child, text)
        if ours:  # the result goes on if its field did not end inside
            self.in_control = outer
            self.result = result if any(field.result is result for field in self.fields) \
                else None
        path = value[len(TAG_PREFIX):]
        control = self.place(path, text.value(), sink is None, properties)
        (self.body.controls if ours else self.body.untagged).append(control)
        if ours:
            self.last_path = path

    def untagged_place(self, sdt: ElementTree.Element) -> bool:
        """Whether a content control is a place whose tag was lost: untagged, holding no other
        control, and not a repeating section or its item (which hold a record's row)."""
        if sdt in self.holders:
            return False
        properties = _child(sdt, _SDT_PR)
        if properties is not None and any(child.tag in _REPEATING for child in properties):
            return False
        return not _value(_child(properties, _TAG), _VAL).startswith(TAG_PREFIX)

    def holds_untagged_place(self, element: ElementTree.Element) -> bool:
        """Whether an element (a table cell or row) holds an untagged place."""
        return any(map(self.untagged_place, _within(element, _SDT)))


def _holders(root: ElementTree.Element) -> set[ElementTree.Element]:
    """The content controls that hold another content control."""
    holders: set[ElementTree.Element] = set()

    def holds(element: ElementTree.Element) -> bool:
        found = False
        for child in element:
            found = holds(child) or found
        if element.tag in _SDT:
            if found:
                holders.add(element)
            return True
        return found

    holds(root)
    return holders


def _within(element: ElementTree.Element, tags: tuple[str, ...]) -> Iterator[ElementTree.Element]:
    """The element and its descendants with one of these tags, in document order."""
    return (descendant for descendant in element.iter() if descendant.tag in tags)


def _value(element: ElementTree.Element | None, names: tuple[str, ...]) -> str:
    """The first of these attributes that `element` has, or ""."""
    return next(filter(None, map(element.get, names)), "") if element is not None else ""


def _paths(element: ElementTree.Element) -> Iterator[str]:
    """The paths of the `msq:` controls in `element`, in document order."""
    for tag in _within(element, _TAG):
        value = _value(tag, _VAL)
        if value.startswith(TAG_PREFIX):
            yield value[len(TAG_PREFIX):]


def _record_path(cell: ElementTree.Element) -> str | None:
    """The path of the first record cell control (`.../*/column`) in a table cell, if any."""
    return next((path for path in _paths(cell) if "/*/" in path), None)


def _run_text(element: ElementTree.Element) -> str:
    """The text of a `w:t`: Word drops its outer whitespace unless xml:space="preserve"."""
    text = element.text or ""
    return text if element.get(_XML_SPACE) == "preserve" else text.strip()


def _control(path: str, properties: ElementTree.Element, shown: str,
             where: dict[str, Any]) -> Control:
    """A control from its properties, the text it shows, and where it is (Control's fields)."""
    checkbox = properties.find(_W14 + "checkbox")
    if checkbox is None:
        if _child(properties, _SHOWING_PLACEHOLDER) is not None:
            return Control(path, placeholder=shown, **where)
        return Control(path, text=shown, **where)
    checked = checkbox.find(_W14 + "checked")
    ticked = checked is not None and checked.get(_W14 + "val", "1").lower() in _TRUE
    glyphs = {_glyph(checkbox, "checkedState", "2612"): True,
              _glyph(checkbox, "uncheckedState", "2610"): False}
    shown_state = next((state for glyph, state in glyphs.items() if glyph in shown), None)
    return Control(path, checked=ticked, glyph=shown_state, **where)


def _glyph(checkbox: ElementTree.Element, state: str, default: str) -> str:
    """The character a checkbox shows in one state (w14:checkedState or w14:uncheckedState)."""
    element = checkbox.find(_W14 + state)
    code = element.get(_W14 + "val", default) if element is not None else default
    try:
        return chr(int(code, 16))
    except (ValueError, OverflowError):
        return chr(int(default, 16))
