"""Safe reading of untrusted YAML and JSON files into plain data, keeping source positions.

YAML is read with YAML 1.2 core schema scalars; aliases, non-core tags and complex keys are
refused; size and nesting are bounded; duplicate keys keep the first value and are recorded.
YAML is built from the parser's events in one pass, with no node tree: the positions are kept
as character offsets in one compact array (`Places`), so memory stays a small multiple of the
file's size, and turned into lines and columns only when asked for.
"""

from __future__ import annotations

import bisect
import codecs
import json
import math
import re
from array import array
from collections.abc import Callable, Sequence
from json.decoder import scanstring  # type: ignore[attr-defined]  # json's own string scanner
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    Event,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.scanner import Scanner

from msqschema.frozen import frozen
from msqschema.locations import Pos

try:
    from yaml.cyaml import CParser  # type: ignore[attr-defined]
except ImportError:  # PyYAML built without libyaml
    CParser = None  # type: ignore[assignment,misc]

__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "Document",
    "DuplicateKey",
    "ReadError",
    "load_document",
    "load_json",
    "load_yaml",
]

MAX_BYTES = 8 * 1024 * 1024
MAX_DEPTH = 64

_LIBYAML = CParser is not None

_TAG = "tag:yaml.org,2002:"
_STR, _SEQ, _MAP = _TAG + "str", _TAG + "seq", _TAG + "map"
_SCALAR_TAGS = frozenset(_TAG + kind for kind in ("null", "bool", "int", "float"))
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_TRUES = frozenset({"true", "True", "TRUE"})
_BOOLS = _TRUES | {"false", "False", "FALSE"}
_INT = r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+"
_DECIMAL = r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
_FLOAT = rf"{_DECIMAL}|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
_INT_RE, _FLOAT_RE = re.compile(_INT), re.compile(_FLOAT)
_WORDS: dict[str, Any] = {
    **dict.fromkeys(_NULLS),
    **{word: word in _TRUES for word in _BOOLS},
    **{sign + dot_inf: float(sign + "inf") for sign in ("", "+", "-")
       for dot_inf in (".inf", ".Inf", ".INF")},
    **dict.fromkeys((".nan", ".NaN", ".NAN"), math.nan),
}
"""The plain scalars that are null, a bool or a float by their word (YAML 1.2 core schema)."""
_NUMBER = re.compile(
    rf"(?P<int>[-+]?[0-9]+)|0o(?P<octal>[0-7]+)|0x(?P<hexadecimal>[0-9a-fA-F]+)|(?P<float>{_DECIMAL})"
)
_BASES = {"int": 10, "octal": 8, "hexadecimal": 16}
_NON_PRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_SPACE = re.compile(r"[ \t\n\r]*")
_YAML_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
"""What ends a line for the YAML parsers (libyaml's and PyYAML's marks count lines so)."""
_LINE_FEED = re.compile("\n")
"""What ends a line in JSON (as json.loads counts lines), and in YAML without other breaks."""
_JSON_START = re.compile(r"[ \t\n\r]*[\[{]")
_JSON_SCALAR = re.compile(
    r"(?P<null>null)|(?P<bool>true|false)|(?P<int>-?(?:0|[1-9][0-9]*))(?![.eE0-9])"
    r"|(?P<float>-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?)|(?P<constant>-?Infinity|NaN)"
)


class ReadError(Exception):
    """Unreadable input: one line, with a position when known."""

    def __init__(self, message: str, pos: Pos | None = None):
        super().__init__(message, pos)
        self.message = message
        self.pos = pos

    def __str__(self) -> str:
        return self.message


@frozen
class DuplicateKey:
    """A key repeated in one mapping; the first value is the one kept."""

    path: tuple[str | int, ...]
    key: str
    first: Pos
    second: Pos


class Places:
    """Where each key and value of a document's data is, kept compactly (8 bytes a key or a value).

    A mapping's places are the offsets (in characters) of each of its keys and its value, in the
    order of the dict; a list's are the offset of each item. They are stored one container after
    the other in one array, found by the identity of the container. Offsets become lines and
    columns only when asked, by the line breaks of the text's format.
    """

    def __init__(self, text: str, line_break: re.Pattern[str]) -> None:
        self.offsets = array("Q")
        self.start: dict[int, int] = {}  # id(container) -> its first offset in `offsets`
        self.root = 0
        self.text = text
        self.line_break = line_break
        self.line_starts: array[int] | None = None

    def add(self, container: dict[str, Any] | list[Any], offsets: list[int]) -> None:
        self.start[id(container)] = len(self.offsets)
        self.offsets.extend(offsets)

    def offset(self, container: dict[str, Any] | list[Any], ordinal: int, *, key: bool) -> int:
        """Where one item is (`key`: a mapping item's key, else its value)."""
        if isinstance(container, dict):
            ordinal = ordinal * 2 + (not key)
        return self.offsets[self.start[id(container)] + ordinal]

    def at(self, offset: int) -> Pos:
        """The line and column of a character offset in the text."""
        if self.line_starts is None:
            self.line_starts = _line_starts(self.text, self.line_break)
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return Pos(line + 1, offset - self.line_starts[line] + 1)


def _line_starts(text: str, line_break: re.Pattern[str]) -> array[int]:
    """Where each line of the text starts, lines ending at each match of `line_break`."""
    if line_break is _YAML_LINE_BREAK and "\r" not in text and (
            text.isascii() or not any(other in text for other in "\x85\u2028\u2029")):
        line_break = _LINE_FEED  # the usual text, searched far faster
    starts = array("Q", [0])
    starts.extend(match.end() for match in line_break.finditer(text))
    return starts


_SCAN_LIMIT = 16
"""Mappings up to this size are searched for a key; larger ones get an index when first asked."""


class Document:
    """Plain data read from a file; source positions are looked up on demand."""

    def __init__(
        self,
        data: Any,
        duplicates: Sequence[DuplicateKey],
        places: Places | Callable[[], Places],
    ):
        self.data = data
        self.duplicates = tuple(duplicates)
        self._places = places
        self._ordinals: dict[int, dict[str, int]] = {}

    def __repr__(self) -> str:
        return f"Document(data={self.data!r}, duplicates={self.duplicates!r})"

    def value_pos(self, path: Sequence[str | int]) -> Pos:
        """Position of the value at path, or of the deepest existing ancestor's value."""
        places = self._read_places()
        offset, value = places.root, self.data
        for step in path:
            ordinal = self._ordinal(value, step)
            if ordinal is None:
                break
            offset, value = places.offset(value, ordinal, key=False), value[step]
        return places.at(offset)

    def key_pos(self, path: Sequence[str | int]) -> Pos:
        """Position of the mapping key that ends path; value_pos for an index or a missing key."""
        if path and isinstance(path[-1], str):
            parent = self.data
            for step in path[:-1]:
                if self._ordinal(parent, step) is None:
                    return self.value_pos(path)
                parent = parent[step]
            ordinal = self._ordinal(parent, path[-1])
            if ordinal is not None:
                places = self._read_places()
                return places.at(places.offset(parent, ordinal, key=True))
        return self.value_pos(path)

    def _read_places(self) -> Places:
        if not isinstance(self._places, Places):
            self._places = self._places()
        return self._places

    def _ordinal(self, value: Any, step: str | int) -> int | None:
        """The place of `step` among the items of `value`; None if it has no such item.

        Large mappings are indexed when first looked into, so that locating every key of a
        mapping takes time linear in its size.
        """
        if isinstance(value, list) and isinstance(step, int) and not isinstance(step, bool):
            return step if 0 <= step < len(value) else None
        if not isinstance(value, dict) or not isinstance(step, str) or step not in value:
            return None
        if len(value) <= _SCAN_LIMIT:
            return next(ordinal for ordinal, key in enumerate(value) if key == step)
        index = self._ordinals.get(id(value))
        if index is None:
            index = self._ordinals[id(value)] = _key_index(value)
        return index[step]


def _key_index(mapping: dict[str, Any]) -> dict[str, int]:
    """Each key of a mapping and its place in the mapping's order."""
    return {key: ordinal for ordinal, key in enumerate(mapping)}


def load_yaml(
    source: bytes | str, *, max_bytes: int = MAX_BYTES, max_depth: int = MAX_DEPTH
) -> Document:
    """Read one YAML document (YAML 1.2 core scalars); raise ReadError if it cannot be read."""
    return _parse(_load_yaml_text, _decode(source, max_bytes), max_depth)


def load_json(
    source: bytes | str, *, max_bytes: int = MAX_BYTES, max_depth: int = MAX_DEPTH
) -> Document:
    """Read one JSON document (no NaN or Infinity); raise ReadError if it cannot be read."""
    return _parse(_load_json_text, _decode(source, max_bytes), max_depth)


def load_document(
    source: bytes | str, *, name: str = "", max_bytes: int = MAX_BYTES, max_depth: int = MAX_DEPTH
) -> Document:
    """Read JSON if name ends in .json (without a name: if it starts with { or [), else YAML."""
    text = _decode(source, max_bytes)
    is_json = name.lower().endswith(".json") if name else bool(_JSON_START.match(text))
    return _parse(_load_json_text if is_json else _load_yaml_text, text, max_depth)


def _parse(load: Callable[[str, int], Document], text: str, max_depth: int) -> Document:
    try:
        return load(text, max_depth)
    except RecursionError:
        raise ReadError("nesting is too deep") from None


def _decode(source: bytes | str, max_bytes: int) -> str:
    """Check size (bytes, or characters for str) and encoding; drop a byte order mark."""
    if len(source) > max_bytes:
        raise ReadError(f"the file is larger than {max_bytes:,} bytes")
    if isinstance(source, bytes):
        if b"\0" in source:  # before decoding: binary files are rarely valid UTF-8
            raise ReadError("binary file, not text")
        return _utf8(source.removeprefix(codecs.BOM_UTF8))
    if "\0" in source:
        raise ReadError("binary file, not text")
    return source.removeprefix("\ufeff")


def _utf8(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        line = data.count(b"\n", 0, exc.start) + 1
        column = len(data[line_start : exc.start].decode("utf-8")) + 1
        byte = data[exc.start]
        raise ReadError(f"not UTF-8 text: byte 0x{byte:02x} cannot start or continue a character",
                        Pos(line, column)) from None


def _load_yaml_text(text: str, max_depth: int) -> Document:
    if _SPACE.fullmatch(text):
        raise ReadError("the file is empty")
    try:
        parser = CParser(text) if _LIBYAML else _PyParser(text)
        return _EventReader(parser, Places(text, _YAML_LINE_BREAK), max_depth).document()
    except yaml.MarkedYAMLError as exc:
        raise _yaml_error(exc) from None
    except (yaml.YAMLError, UnicodeEncodeError) as exc:  # a character YAML does not allow
        bad = _NON_PRINTABLE.search(text)
        if bad is None:
            raise ReadError(" ".join(str(exc).split())) from None
        message = f"the character U+{ord(bad.group()):04X} is not allowed in YAML"
        raise ReadError(message, _offset_pos(text, bad.start())) from None


def _yaml_error(exc: yaml.MarkedYAMLError) -> ReadError:
    mark = exc.problem_mark or exc.context_mark
    if "maximum nesting depth" in (exc.problem or ""):  # libyaml >= 0.2.6 has its own limit
        return _depth_error(MAX_DEPTH, _pos(mark) if mark else None)
    if exc.problem and exc.context:
        message = f"{exc.problem} ({exc.context})"
    else:
        message = exc.problem or exc.context or "invalid YAML"
    return ReadError(" ".join(message.split()), _pos(mark) if mark else None)


def _load_json_text(text: str, max_depth: int) -> Document:
    if _SPACE.fullmatch(text):
        raise ReadError("the file is empty")
    repeated: list[bool] = []

    def first_wins(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result = dict(pairs)
        if len(result) < len(pairs):
            repeated.append(True)
            result = {}
            for key, value in pairs:
                result.setdefault(key, value)
        return result

    try:
        data = json.loads(text, object_pairs_hook=first_wins, parse_constant=_refuse_constant)
    except json.JSONDecodeError as exc:
        raise ReadError(exc.msg, Pos(exc.lineno, exc.colno)) from None
    except ReadError as exc:
        raise _json_error(text, max_depth, exc) from None
    except RecursionError:
        raise _json_error(text, max_depth, _depth_error(max_depth)) from None
    except ValueError:  # an integer longer than sys.get_int_max_str_digits()
        raise ReadError("a number has too many digits") from None
    if text.count("[") + text.count("{") > max_depth and _too_deep(data, max_depth):
        raise _json_error(text, max_depth, _depth_error(max_depth))
    if not repeated:
        return Document(data, (), lambda: _JsonPlaces(text, max_depth).read(data))
    reader = _JsonPlaces(text, max_depth)
    places = reader.read(data)
    return Document(data, reader.duplicates, places)


def _refuse_constant(name: str) -> float:
    raise ReadError(f"{name} is not allowed in JSON")


def _json_error(text: str, max_depth: int, error: ReadError) -> ReadError:
    """Locate a problem json.loads reported without a position."""
    try:
        _JsonPlaces(text, max_depth).read(None)
    except ReadError as exc:
        return exc
    return error


def _too_deep(data: Any, max_depth: int) -> bool:
    stack = [(data, 1)] if isinstance(data, (dict, list)) else []
    while stack:
        value, depth = stack.pop()
        if depth > max_depth:
            return True
        items = value.values() if isinstance(value, dict) else value
        stack.extend((item, depth + 1) for item in items if isinstance(item, (dict, list)))
    return False


class _EventReader:
    """Build plain data and its places from a parser's events, in one pass, refusing aliases,
    other tags, complex keys and deep nesting (no node tree: memory stays near the data's).

    This loop runs for every value of every response file, so it compares event classes
    exactly, reads each event's attributes once, reads plain text and untagged values inline
    and keeps where each value starts as the one offset of its mark (libyaml's and PyYAML's
    events are these exact classes, their marks' offsets count characters).
    """

    def __init__(self, parser: Any, places: Places, max_depth: int) -> None:
        """`parser`: libyaml's (CParser) or PyYAML's (`_PyParser`), for their events."""
        self.parser = parser
        self.max_depth = max_depth
        self.places = places
        self.duplicates: list[DuplicateKey] = []
        self.anchors: set[str] = set()
        self.keys: dict[str, str] = {}  # each key's text kept once, as json.loads does

    def document(self) -> Document:
        self.parser.get_event()  # stream start
        if type(self.parser.peek_event()) is StreamEndEvent:
            raise ReadError("the file is empty")
        self.parser.get_event()  # document start
        self.places.root = self.parser.peek_event().start_mark.index
        data = self.value(self.parser.get_event(), (), 1, keep=True)
        self.parser.get_event()  # document end
        following = self.parser.get_event()
        if type(following) is not StreamEndEvent:
            raise ReadError("the file holds more than one YAML document", _pos(following))
        return Document(data, self.duplicates, self.places)

    def value(self, event: Event, path: tuple[str | int, ...], depth: int, *, keep: bool) -> Any:
        """The value that starts with `event`; `keep`: note the places inside it (False for a
        repeated key's value, which is read and checked, then dropped)."""
        kind = type(event)
        if kind is AliasEvent:
            raise ReadError("aliases are not allowed", _pos(event))
        if event.anchor is not None:  # type: ignore[attr-defined]
            self.anchor(event)
        if kind is ScalarEvent:
            tag, text = event.tag, event.value  # type: ignore[attr-defined]
            if tag is None or tag == "!":
                return _plain(text, event) if event.implicit[0] else text  # type: ignore[attr-defined]
            return _scalar(tag, text, event)
        if depth > self.max_depth:
            raise _depth_error(self.max_depth, _pos(event))
        tag = event.tag  # type: ignore[attr-defined]
        if kind is SequenceStartEvent and tag in (None, "!", _SEQ):
            return self.sequence(path, depth, keep)
        if kind is MappingStartEvent and tag in (None, "!", _MAP):
            return self.mapping(path, depth, keep)
        raise ReadError(f"the tag {_short(tag)} is not allowed here", _pos(event))

    def anchor(self, event: Event) -> None:
        """Note an anchor: it may be defined once (aliases are refused)."""
        anchor: str = event.anchor  # type: ignore[attr-defined]
        if anchor in self.anchors:
            raise ReadError(f"the anchor &{anchor} is defined twice", _pos(event))
        self.anchors.add(anchor)

    def sequence(self, path: tuple[str | int, ...], depth: int, keep: bool) -> list[Any]:
        items: list[Any] = []
        offsets: list[int] = []
        get_event = self.parser.get_event
        while type(event := get_event()) is not SequenceEndEvent:
            offsets.append(event.start_mark.index)
            if type(event) is ScalarEvent and event.tag is None and event.anchor is None:
                value = event.value  # the usual item, inline
                if event.implicit[0] and (read := _PLAIN_READERS.get(value[:1])):
                    value = read(value, event)
                items.append(value)
            else:
                items.append(self.value(event, (*path, len(items)), depth + 1, keep=keep))
        if keep:
            self.places.add(items, offsets)
        return items

    def mapping(self, path: tuple[str | int, ...], depth: int, keep: bool) -> dict[str, Any]:
        data: dict[str, Any] = {}
        offsets: list[int] = []
        ordinals: dict[str, int] | None = None  # made at the first repeated key
        get_event = self.parser.get_event
        keys = self.keys
        while type(key_event := get_event()) is not MappingEndEvent:
            if type(key_event) is ScalarEvent and key_event.tag is None \
                    and key_event.anchor is None:  # the usual key, inline
                key = key_event.value
                key = keys.setdefault(key, key)
            else:
                key = self.key(key_event)
            event = get_event()
            repeated = key in data
            if type(event) is ScalarEvent and event.tag is None and event.anchor is None:
                value = event.value  # the usual value, inline
                if event.implicit[0] and (read := _PLAIN_READERS.get(value[:1])):
                    value = read(value, event)
            else:
                value = self.value(event, (*path, key), depth + 1, keep=keep and not repeated)
            if not repeated:
                if ordinals is not None:
                    ordinals[key] = len(data)
                data[key] = value
                offsets += (key_event.start_mark.index, event.start_mark.index)
                continue
            if ordinals is None:
                ordinals = _key_index(data)
            first = self.places.at(offsets[ordinals[key] * 2])
            self.duplicates.append(DuplicateKey(path, key, first, _pos(key_event)))
        if keep:
            self.places.add(data, offsets)
        return data

    def key(self, event: Event) -> str:
        """The key's text, whatever it looks like; its tag must be a core scalar tag."""
        if type(event) is AliasEvent:
            raise ReadError("aliases are not allowed", _pos(event))
        if event.anchor is not None:  # type: ignore[attr-defined]
            self.anchor(event)
        if type(event) is not ScalarEvent:
            raise ReadError("a mapping or a sequence cannot be a key", _pos(event))
        text: str = event.value
        if event.tag not in (None, "!", _STR):
            _scalar(event.tag, text, event)  # raises for a tag that is not allowed
        return self.keys.setdefault(text, text)


def _plain(text: str, event: Event) -> Any:
    """A plain scalar's value (YAML 1.2 core schema): null, bool, int, float or else text."""
    read = _PLAIN_READERS.get(text[:1])
    return text if read is None else read(text, event)


def _word(text: str, event: Event) -> Any:
    """A plain scalar that may be null or a bool by its first character."""
    return _WORDS.get(text, text)


def _number(text: str, event: Event) -> Any:
    """A plain scalar that may be a number by its first character."""
    try:
        if text.isdigit() and text.isascii():  # the usual: a count or an amount
            return int(text)
        if text in _WORDS:
            return _WORDS[text]
        match = _NUMBER.fullmatch(text)
        if match is None:
            return text
        kind = match.lastgroup or "float"  # each alternative is a named group
        return float(text) if kind == "float" else int(match[kind], _BASES[kind])
    except ValueError:  # longer than sys.get_int_max_str_digits()
        raise _too_many_digits(event) from None


def _too_many_digits(event: Event) -> ReadError:
    return ReadError("the integer has too many digits", _pos(event))


_PLAIN_READERS: dict[str, Callable[[str, Event], Any]] = {
    "": _word, **dict.fromkeys("~nNtTfF", _word), **dict.fromkeys("0123456789+-.", _number)}
"""How to read a plain scalar, by its first character; any other is text."""


def _scalar(tag: str, value: str, event: Event) -> Any:
    """A scalar's value under an explicit tag; ReadError if the tag or the value is not valid."""
    if tag == _STR:
        return value
    if tag == _TAG + "null" and value in _NULLS:
        return None
    if tag == _TAG + "bool" and value in _BOOLS:
        return value in _TRUES
    if tag == _TAG + "int" and _INT_RE.fullmatch(value):
        return _number(value, event)
    if tag == _TAG + "float" and _FLOAT_RE.fullmatch(value):
        return float(_number(value, event))
    if tag in _SCALAR_TAGS:
        raise ReadError(f"{value!r} is not a valid {_short(tag)}", _pos(event))
    raise ReadError(f"the tag {_short(tag)} is not allowed here", _pos(event))


def _pos(event_or_mark: Any) -> Pos:
    mark = getattr(event_or_mark, "start_mark", event_or_mark)
    return Pos(mark.line + 1, mark.column + 1)


def _offset_pos(text: str, offset: int) -> Pos:
    return Pos(text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset))


def _depth_error(max_depth: int, pos: Pos | None = None) -> ReadError:
    return ReadError(f"nesting is deeper than {max_depth} levels", pos)


def _short(tag: str) -> str:
    return "!!" + tag[len(_TAG) :] if tag.startswith(_TAG) else tag


class _PyParser(Reader, Scanner, Parser):
    """PyYAML's pure-Python parser, where PyYAML was built without libyaml."""

    def __init__(self, text: str) -> None:
        Reader.__init__(self, text)
        Scanner.__init__(self)
        Parser.__init__(self)


class _JsonPlaces:
    """Find the places of JSON text already read by json.loads, walking the text beside its
    data; a text json.loads refused is walked without data, to say where it goes wrong."""

    def __init__(self, text: str, max_depth: int):
        self.text = text
        self.max_depth = max_depth
        self.places = Places(text, _LINE_FEED)
        self.duplicates: list[DuplicateKey] = []

    def read(self, data: Any) -> Places:
        start = self.skip(0)
        self.places.root = start
        self.value(start, 1, data, ())
        return self.places

    def value(self, start: int, depth: int, data: Any, path: tuple[str | int, ...]) -> int:
        """Walk the value at `start`, noting the places in `data` (None: note nothing);
        return where it ends."""
        char = self.text[start : start + 1]
        if char in ("[", "{"):
            if depth > self.max_depth:
                raise _depth_error(self.max_depth, self.pos(start))
            if char == "{":
                return self.mapping(start, depth, data, path)
            return self.sequence(start, depth, data, path)
        if char == '"':
            return int(scanstring(self.text, start + 1)[1])
        match = _JSON_SCALAR.match(self.text, start)
        if match is None:
            raise ReadError("invalid JSON value", self.pos(start))
        if match.lastgroup == "constant":
            raise ReadError(f"{match.group()} is not allowed in JSON", self.pos(start))
        return match.end()

    def sequence(self, start: int, depth: int, data: Any, path: tuple[str | int, ...]) -> int:
        items = data if isinstance(data, list) else None
        offsets: list[int] = []
        offset = self.skip(start + 1)
        while self.text[offset : offset + 1] not in ("]", ""):
            index = len(offsets)
            offsets.append(offset)
            item = items[index] if items is not None and index < len(items) else None
            offset = self.next_item(self.value(offset, depth + 1, item, (*path, index)))
        if items is not None:
            self.places.add(items, offsets)
        return offset + 1

    def mapping(self, start: int, depth: int, data: Any, path: tuple[str | int, ...]) -> int:
        mapping = data if isinstance(data, dict) else None
        offsets: list[int] = []
        ordinals: dict[str, int] = {}
        offset = self.skip(start + 1)
        while self.text[offset : offset + 1] not in ("}", ""):
            key_offset = offset
            key, offset = scanstring(self.text, offset + 1)
            offset = self.skip(self.skip(offset) + 1)  # past the colon
            first = ordinals.get(key)
            if first is None:
                ordinals[key] = len(ordinals)
                offsets += (key_offset, offset)
            else:
                self.duplicates.append(DuplicateKey(
                    path, key, self.pos(offsets[first * 2]), self.pos(key_offset)))
            child = mapping.get(key) if mapping is not None and first is None else None
            offset = self.next_item(self.value(offset, depth + 1, child, (*path, key)))
        if mapping is not None:
            self.places.add(mapping, offsets)
        return offset + 1

    def next_item(self, end: int) -> int:
        """Past the comma (if any) after an item that ends at `end`."""
        offset = self.skip(end)
        return self.skip(offset + 1) if self.text.startswith(",", offset) else offset

    def skip(self, offset: int) -> int:
        return _SPACE.match(self.text, offset).end()  # type: ignore[union-attr]

    def pos(self, offset: int) -> Pos:
        return self.places.at(offset)
