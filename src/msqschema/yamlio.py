"""Safe reading of untrusted YAML and JSON files into plain data, keeping source positions.

YAML is read with YAML 1.2 core schema scalars; aliases, non-core tags and complex keys are
refused; size and nesting are bounded; duplicate keys keep the first value and are recorded.
"""

from __future__ import annotations

import bisect
import codecs
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from json.decoder import scanstring  # type: ignore[attr-defined]  # json's own string scanner
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.events import AliasEvent, ScalarEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner

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

# libyaml's composer recurses in C without a limit (a 50,000-deep file crashes it): it is used
# only when the count of nesting indicators proves the depth is below this bound.
_C_COMPOSE_LIMIT = 2000
_LIBYAML = CParser is not None

_TAG = "tag:yaml.org,2002:"
_STR, _SEQ, _MAP = _TAG + "str", _TAG + "seq", _TAG + "map"
_SCALAR_TAGS = frozenset(_TAG + kind for kind in ("null", "bool", "int", "float"))
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_TRUES = frozenset({"true", "True", "TRUE"})
_BOOLS = _TRUES | {"false", "False", "FALSE"}
_INT = r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+"
_FLOAT = (
    r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
)
_IMPLICIT = re.compile(
    rf"(?P<null>~|null|Null|NULL|)|(?P<bool>{'|'.join(_BOOLS)})|(?P<int>{_INT})|(?P<float>{_FLOAT})"
)
_IMPLICIT_START = frozenset(["", *"~nNtTfF0123456789+-."])
_INT_RE, _FLOAT_RE = re.compile(_INT), re.compile(_FLOAT)
_NON_PRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_SPACE = re.compile(r"[ \t\n\r]*")
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


@dataclass(frozen=True)
class DuplicateKey:
    """A key repeated in one mapping; the first value is the one kept."""

    path: tuple[str | int, ...]
    key: str
    first: Pos
    second: Pos


class Document:
    """Plain data read from a file; source positions are looked up on demand."""

    def __init__(
        self,
        data: Any,
        duplicates: Sequence[DuplicateKey],
        root: Node | Callable[[], Node],
    ):
        self.data = data
        self.duplicates = tuple(duplicates)
        self._root = root
        self._keys: dict[int, dict[str, tuple[Node, Node]]] = {}

    def __repr__(self) -> str:
        return f"Document(data={self.data!r}, duplicates={self.duplicates!r})"

    def value_pos(self, path: Sequence[str | int]) -> Pos:
        """Position of the value at path, or of the deepest existing ancestor's value."""
        steps = self._walk(path)
        return _pos(steps[-1][1] if steps else self._root_node())

    def key_pos(self, path: Sequence[str | int]) -> Pos:
        """Position of the mapping key that ends path; value_pos for an index or a missing key."""
        steps = self._walk(path)
        if steps and len(steps) == len(path) and steps[-1][0] is not None:
            return _pos(steps[-1][0])
        return self.value_pos(path)

    def _root_node(self) -> Node:
        if not isinstance(self._root, Node):
            self._root = self._root()
        return self._root

    def _walk(self, path: Sequence[str | int]) -> list[tuple[Node | None, Node]]:
        """(key node or None, value node) for each leading step of path that exists."""
        node, steps = self._root_node(), []
        for step in path:
            key, child = self._child(node, step)
            if child is None:
                break
            steps.append((key, child))
            node = child
        return steps

    def _child(self, node: Node, step: str | int) -> tuple[Node | None, Node | None]:
        """The key and value nodes of one step below `node`; (None, None) where there is none.

        A mapping's keys are indexed when first looked into (the first of repeated keys wins),
        so that locating every key of a mapping takes time linear in its size.
        """
        if isinstance(node, MappingNode) and isinstance(step, str):
            index = self._keys.get(id(node))
            if index is None:
                index = self._keys[id(node)] = {}
                for key_node, value_node in node.value:
                    index.setdefault(key_node.value, (key_node, value_node))
            return index.get(step, (None, None))
        if isinstance(node, SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
            return None, node.value[step]
        return None, None


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
    root = _compose_yaml(text, max_depth)
    if root is None:
        raise ReadError("the file is empty")
    builder = _Builder(max_depth)
    return Document(builder.build(root, (), 1), builder.duplicates, root)


def _compose_yaml(text: str, max_depth: int) -> Node | None:
    try:
        if not _LIBYAML:
            return _PyLoader(text, max_depth).get_single_node()
        if sum(map(text.count, "-:?[{")) < _C_COMPOSE_LIMIT:
            return _CLoader(text).get_single_node()
        return _CEventLoader(text, max_depth).get_single_node()
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
    if exc.problem == "but found another document":
        message = "the file holds more than one YAML document"
    elif "maximum nesting depth" in (exc.problem or ""):  # libyaml >= 0.2.6 has its own limit
        return _depth_error(MAX_DEPTH, _pos(mark) if mark else None)
    elif exc.problem and exc.context:
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
        return Document(data, (), _JsonComposer(text, max_depth).compose)
    root = _JsonComposer(text, max_depth).compose()
    builder = _Builder(max_depth)
    builder.build(root, (), 1)
    return Document(data, builder.duplicates, root)


def _refuse_constant(name: str) -> float:
    raise ReadError(f"{name} is not allowed in JSON")


def _json_error(text: str, max_depth: int, error: ReadError) -> ReadError:
    """Locate a problem json.loads reported without a position."""
    try:
        _JsonComposer(text, max_depth).compose()
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


class _Builder:
    """Turn a node tree into plain data, refusing aliases, other tags and deep nesting."""

    def __init__(self, max_depth: int):
        self.max_depth = max_depth
        self.seen: set[int] = set()
        self.duplicates: list[DuplicateKey] = []

    def build(self, node: Node, path: tuple[str | int, ...], depth: int) -> Any:
        if id(node) in self.seen:  # libyaml's composer turns an alias into a shared node
            raise ReadError("aliases are not allowed", _pos(node))
        self.seen.add(id(node))
        if isinstance(node, ScalarNode):
            return _scalar(node)
        if depth > self.max_depth:
            raise _depth_error(self.max_depth, _pos(node))
        if isinstance(node, SequenceNode) and node.tag == _SEQ:
            return [self.build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        if isinstance(node, MappingNode) and node.tag == _MAP:
            return self.mapping(node, path, depth)
        raise ReadError(f"the tag {_short(node.tag)} is not allowed here", _pos(node))

    def mapping(self, node: MappingNode, path: tuple[str | int, ...], depth: int) -> Any:
        data: dict[str, Any] = {}
        first_keys: dict[str, Node] = {}
        for key_node, value_node in node.value:
            key = self.key(key_node)
            value = self.build(value_node, (*path, key), depth + 1)
            first = first_keys.setdefault(key, key_node)
            if first is key_node:
                data[key] = value
            else:
                self.duplicates.append(DuplicateKey(path, key, _pos(first), _pos(key_node)))
        return data

    def key(self, node: Node) -> str:
        """The key's text, whatever it looks like; its tag must be a core scalar tag."""
        if not isinstance(node, ScalarNode):
            raise ReadError("a mapping or a sequence cannot be a key", _pos(node))
        if node.tag != _STR or id(node) in self.seen:
            self.build(node, (), 0)  # raises for an alias or a bad tag
        self.seen.add(id(node))
        key: str = node.value
        return key


def _scalar(node: ScalarNode) -> Any:
    tag, value = node.tag, node.value
    if tag == _STR:
        return value
    if tag == _TAG + "null" and value in _NULLS:
        return None
    if tag == _TAG + "bool" and value in _BOOLS:
        return value in _TRUES
    if tag == _TAG + "int" and _INT_RE.fullmatch(value):
        try:
            return int(value, {"0o": 8, "0x": 16}.get(value[:2], 10))
        except ValueError:  # longer than sys.get_int_max_str_digits()
            raise ReadError("the integer has too many digits", _pos(node)) from None
    if tag == _TAG + "float" and _FLOAT_RE.fullmatch(value):
        return float(value.replace(".", "") if value[-1] in "fFnN" else value)
    if tag in _SCALAR_TAGS:
        raise ReadError(f"{value!r} is not a valid {_short(tag)}", _pos(node))
    raise ReadError(f"the tag {_short(tag)} is not allowed here", _pos(node))


def _pos(node_or_mark: Any) -> Pos:
    mark = getattr(node_or_mark, "start_mark", node_or_mark)
    return Pos(mark.line + 1, mark.column + 1)


def _offset_pos(text: str, offset: int) -> Pos:
    return Pos(text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset))


def _depth_error(max_depth: int, pos: Pos | None = None) -> ReadError:
    return ReadError(f"nesting is deeper than {max_depth} levels", pos)


def _short(tag: str) -> str:
    return "!!" + tag[len(_TAG) :] if tag.startswith(_TAG) else tag


class _CoreResolver(BaseResolver):
    """YAML 1.2 core schema: a plain scalar is null, bool, int, float or else a string."""

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode:
            maybe_not_str = implicit[0] and value[:1] in _IMPLICIT_START
            match = _IMPLICIT.fullmatch(value) if maybe_not_str else None
            return _TAG + match.lastgroup if match and match.lastgroup else _STR
        return _SEQ if kind is SequenceNode else _MAP


class _Composer(Composer):
    """Composer that refuses aliases and bounds nesting while composing."""

    def __init__(self, max_depth: int):
        super().__init__()
        self.max_depth = max_depth
        self.depth = 0

    peek_event: Callable[[], Any]  # from the Parser it is mixed with

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        event = self.peek_event()
        if isinstance(event, AliasEvent):
            raise ReadError("aliases are not allowed", _pos(event))
        if isinstance(event, ScalarEvent):
            return super().compose_node(parent, index)
        self.depth += 1
        if self.depth > self.max_depth:
            raise _depth_error(self.max_depth, _pos(event))
        node = super().compose_node(parent, index)
        self.depth -= 1
        return node


class _PyLoader(Reader, Scanner, Parser, _Composer, _CoreResolver):
    def __init__(self, text: str, max_depth: int):
        Reader.__init__(self, text)
        Scanner.__init__(self)
        Parser.__init__(self)
        _Composer.__init__(self, max_depth)


if CParser is not None:

    class _CLoader(CParser, _CoreResolver):  # libyaml parses and composes
        pass

    class _CEventLoader(_Composer, CParser, _CoreResolver):  # libyaml parses, Python composes
        def __init__(self, text: str, max_depth: int):
            CParser.__init__(self, text)
            _Composer.__init__(self, max_depth)


class _JsonComposer:
    """Compose JSON text (already read by json.loads) into YAML nodes, for positions."""

    def __init__(self, text: str, max_depth: int):
        self.text = text
        self.max_depth = max_depth
        self.line_starts = [0, *(match.end() for match in re.finditer("\n", text))]

    def compose(self) -> Node:
        return self.node(self.skip(0), 1)[0]

    def node(self, start: int, depth: int) -> tuple[Node, int]:
        char = self.text[start : start + 1]
        if char in ("[", "{"):
            return self.collection(start, depth)
        if char == '"':
            value, end = scanstring(self.text, start + 1)
            return ScalarNode(_STR, value, self.mark(start), self.mark(end)), end
        match = _JSON_SCALAR.match(self.text, start)
        if match is None:
            raise ReadError("invalid JSON value", _pos(self.mark(start)))
        if match.lastgroup == "constant":
            raise ReadError(f"{match.group()} is not allowed in JSON", _pos(self.mark(start)))
        tag = _TAG + str(match.lastgroup)
        return ScalarNode(tag, match.group(), self.mark(start), self.mark(match.end())), match.end()

    def collection(self, start: int, depth: int) -> tuple[Node, int]:
        if depth > self.max_depth:
            raise _depth_error(self.max_depth, _pos(self.mark(start)))
        text, is_mapping = self.text, self.text[start] == "{"
        items: list[Any] = []
        offset = self.skip(start + 1)
        while text[offset : offset + 1] not in ("}" if is_mapping else "]", ""):
            if is_mapping:
                key, offset = self.node(offset, depth)
                value, offset = self.node(self.skip(self.skip(offset) + 1), depth + 1)
                items.append((key, value))
            else:
                value, offset = self.node(offset, depth + 1)
                items.append(value)
            offset = self.skip(offset)
            if text.startswith(",", offset):
                offset = self.skip(offset + 1)
        node_class, tag = (MappingNode, _MAP) if is_mapping else (SequenceNode, _SEQ)
        return node_class(tag, items, self.mark(start), self.mark(offset + 1)), offset + 1

    def skip(self, offset: int) -> int:
        return _SPACE.match(self.text, offset).end()  # type: ignore[union-attr]

    def mark(self, offset: int) -> yaml.Mark:
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return yaml.Mark("<json>", offset, line, offset - self.line_starts[line],
                         None, None)  # type: ignore[arg-type]  # no buffer: no snippet
