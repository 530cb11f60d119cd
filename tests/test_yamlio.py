"""Tests for msqschema.yamlio: safe YAML/JSON reading with positions."""

from __future__ import annotations

import contextlib
import json
import math
import pickle
from collections import deque

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from msqschema import yamlio
from msqschema.questionnaire.model import Pos
from msqschema.yamlio import (
    MAX_BYTES,
    MAX_DEPTH,
    DuplicateKey,
    ReadError,
    load_document,
    load_json,
    load_yaml,
)

# "c": libyaml's parser; "python": PyYAML's pure-Python parser (where libyaml is missing).
MODES = ["c", "python"] if yamlio._LIBYAML else ["python"]


@contextlib.contextmanager
def loader_mode(mode: str):
    saved = yamlio._LIBYAML
    yamlio._LIBYAML = mode != "python"
    try:
        yield
    finally:
        yamlio._LIBYAML = saved


@pytest.fixture(params=MODES)
def mode(request):
    with loader_mode(request.param):
        yield request.param


def value_of(text: str):
    return load_yaml(f"v: {text}\n").data["v"]


# --- YAML 1.2 core scalars ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        *[(text, None) for text in ["null", "Null", "NULL", "~", ""]],
        *[(text, True) for text in ["true", "True", "TRUE"]],
        *[(text, False) for text in ["false", "False", "FALSE"]],
        ("0", 0),
        ("42", 42),
        ("-17", -17),
        ("+5", 5),
        ("007", 7),
        ("0o17", 15),
        ("0x1F", 31),
        ("0xff", 255),
        ("123456789012345678901234567890", 123456789012345678901234567890),
        (".5", 0.5),
        ("1e3", 1000.0),
        ("1.", 1.0),
        ("-1.5e-3", -0.0015),
        ("+12.5E+2", 1250.0),
        ("1.5e400", math.inf),
        ("0o0", 0),
        ("-0", 0),
        (".inf", math.inf),
        ("+.Inf", math.inf),
        ("-.INF", -math.inf),
        # everything else is text, exactly as written
        *[
            (text, text)
            for text in [
                "yes", "no", "Yes", "NO", "on", "off", "On", "OFF", "y", "n", "Y", "N", "Norway",
                "2019-07-31", "31.07.2019", "2019-07-31T10:00:00Z", "12:30:00", "1_000", "0b101",
                "0o8", "0x", "0xG1", "017.5.2", "1e", ".", "+", "-x", "inf", "nan", ".Nan", "NULL0",
                "nulls", "truE", "Hukumat.tj", "=", "<<", "1,000", "$1", "1 2",
                # digits that are not ASCII are text, whatever str.isdigit says
                "\u0663", "1\u0663", "\uff11\uff12", "12\u00b2", "\u00b9",
                "0o", "0x1g", "+-1", "1.2.3", "..5", "+.5e", "Town 1", "no_obstacle", "~x",
            ]
        ],  # fmt: skip
        ('"true"', "true"),
        ("'123'", "123"),
        ('"null"', "null"),
        ("''", ""),
        ("!!str 123", "123"),
        ("!!str true", "true"),
        ('!!int "42"', 42),
        ("!!float 1", 1.0),
        ("!!bool 'false'", False),
        ("!!null ''", None),
    ],
)
def test_core_schema_scalars(mode, text, expected):
    value = value_of(text)
    assert value == expected
    assert type(value) is type(expected)


@pytest.mark.parametrize("text", [".nan", ".NaN", ".NAN"])
def test_nan(mode, text):
    assert math.isnan(value_of(text))


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("1: x", "1"),
        ("no: x", "no"),
        ("yes: x", "yes"),
        ("null: x", "null"),
        ("~: x", "~"),
        ("true: x", "true"),
        ("1.5: x", "1.5"),
        ("0x1F: x", "0x1F"),
        ("2019-07-31: x", "2019-07-31"),
        ("'quoted': x", "quoted"),
        ("!!str 1: x", "1"),
        ("!!int 1: x", "1"),
        ("? explicit\n: x", "explicit"),
        ("{7: x}", "7"),
    ],
)
def test_keys_keep_their_text(mode, text, key):
    assert load_yaml(text).data == {key: "x"}


@pytest.mark.parametrize(
    ("text", "pos"),
    [
        ("a: !!python/object:os.system x", Pos(1, 4)),
        ("a: !!python/name:os.system ''", Pos(1, 4)),
        ("a:\n  b: !foo bar", Pos(2, 6)),
        ("a: !foo {b: 1}", Pos(1, 4)),
        ("a: !foo [b]", Pos(1, 4)),
        ("a: !!binary aGVsbG8=", Pos(1, 4)),
        ("a: !!timestamp 2019-07-31", Pos(1, 4)),
        ("a: !!set {b}", Pos(1, 4)),
        ("a: !!omap [b: 1]", Pos(1, 4)),
        ("a: !!int abc", Pos(1, 4)),
        ("a: !!int 1.5", Pos(1, 4)),
        ("a: !!float abc", Pos(1, 4)),
        ("a: !!bool yes", Pos(1, 4)),
        ("a: !!null 0", Pos(1, 4)),
        ("a: !!str [b]", Pos(1, 4)),
        ("a: !!seq {b: 1}", Pos(1, 4)),
        ("a: !!map [b]", Pos(1, 4)),
        ("!foo b: 1", Pos(1, 1)),
        ("- !!python/tuple [1, 2]", Pos(1, 3)),
    ],
)
def test_other_tags_are_refused(mode, text, pos):
    with pytest.raises(ReadError) as info:
        load_yaml(text)
    assert info.value.pos == pos


@pytest.mark.parametrize(
    ("text", "pos"),
    [
        ("? [a, b]\n: 1", Pos(1, 3)),
        ("? {a: 1}\n: 1", Pos(1, 3)),
        ("x: {[a]: 1}", Pos(1, 5)),
        ("- ? - a\n  : 1", Pos(1, 5)),
    ],
)
def test_complex_keys_are_refused(mode, text, pos):
    with pytest.raises(ReadError, match="cannot be a key") as info:
        load_yaml(text)
    assert info.value.pos == pos


@pytest.mark.parametrize("digits", ["1" * 5000, "-" + "1" * 5000, "+0" + "1" * 5000])
def test_integer_with_too_many_digits(mode, digits):
    with pytest.raises(ReadError, match="digits") as info:
        load_yaml(f"a: [1, {digits}]")
    assert info.value.pos == Pos(1, 8)


# --- duplicate keys ----------------------------------------------------------------------------


def test_yaml_duplicates_keep_first_value_and_both_positions(mode):
    doc = load_yaml("a: 1\nb:\n  c: 2\n  c: 3\na: 4\n")
    assert doc.data == {"a": 1, "b": {"c": 2}}
    assert doc.duplicates == (
        DuplicateKey(("b",), "c", first=Pos(3, 3), second=Pos(4, 3)),
        DuplicateKey((), "a", first=Pos(1, 1), second=Pos(5, 1)),
    )


def test_yaml_duplicates_compare_key_text(mode):
    doc = load_yaml("- no: x\n  'no': y\n  1: a\n  \"1\": b\n  1: c\n")
    assert doc.data == [{"no": "x", "1": "a"}]
    assert [(d.path, d.key, d.first, d.second) for d in doc.duplicates] == [
        ((0,), "no", Pos(1, 3), Pos(2, 3)),
        ((0,), "1", Pos(3, 3), Pos(4, 3)),
        ((0,), "1", Pos(3, 3), Pos(5, 3)),
    ]


def test_yaml_without_duplicates():
    assert load_yaml("a: 1\nb: {a: 2}").duplicates == ()


def test_json_duplicates_keep_first_value_and_both_positions():
    doc = load_json('{\n  "a": 1,\n  "b": {"c": 2, "c": 3},\n  "a": 4\n}')
    assert doc.data == {"a": 1, "b": {"c": 2}}
    assert doc.duplicates == (
        DuplicateKey(("b",), "c", first=Pos(3, 9), second=Pos(3, 17)),
        DuplicateKey((), "a", first=Pos(2, 3), second=Pos(4, 3)),
    )
    assert doc.value_pos(["b", "c"]) == Pos(3, 14)


def test_json_duplicates_in_lists():
    doc = load_json('[{"k": [1, {"x": 1, "x": 2}]}]')
    assert doc.data == [{"k": [1, {"x": 1}]}]
    assert doc.duplicates == (DuplicateKey((0, "k", 1), "x", Pos(1, 13), Pos(1, 21)),)


# --- aliases -----------------------------------------------------------------------------------


def billion_laughs(levels: int, width: int) -> str:
    lines = ['a0: &a0 "lol"']
    for level in range(1, levels + 1):
        aliases = ", ".join([f"*a{level - 1}"] * width)
        lines.append(f"a{level}: &a{level} [{aliases}]")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(("levels", "width"), [(9, 9), (40, 10)])
def test_billion_laughs_is_refused_without_expanding(mode, levels, width):
    # 10**40 strings if anything were expanded: the test could not finish if it were.
    text = billion_laughs(levels, width)
    assert len(text) < 3000
    with pytest.raises(ReadError, match="aliases are not allowed") as info:
        load_yaml(text)
    assert info.value.pos == Pos(2, 10)  # the first alias


@pytest.mark.parametrize(
    "text",
    [
        "a: &x 1\nb: *x\n",
        "a: &x [1]\nb: [*x]\n",
        "a: &x {b: 1}\nc: *x\n",
        "&r [*r]\n",
        "&r {a: *r}\n",
        "a: &k key\n*k : 1\n",
        "base: &b {x: 1}\nother:\n  <<: *b\n",
    ],
)
def test_aliases_are_refused(mode, text):
    with pytest.raises(ReadError, match="aliases are not allowed"):
        load_yaml(text)


def test_alias_position(mode):
    with pytest.raises(ReadError) as info:
        load_yaml("a: &x 1\nb: *x\n")
    assert info.value.pos == Pos(2, 4)


def test_anchors_without_aliases_are_fine(mode):
    assert load_yaml("a: &x 1\nb: &y [2]\n&z c: 3").data == {"a": 1, "b": [2], "c": 3}


# --- size and depth ----------------------------------------------------------------------------


def test_limits():
    assert MAX_BYTES == 8 * 1024 * 1024
    assert MAX_DEPTH == 64


@pytest.mark.parametrize("load", [load_yaml, load_json, load_document])
def test_size_limit(load):
    assert load(b"[1, 22]", max_bytes=7).data == [1, 22]
    with pytest.raises(ReadError, match="file is larger than 7 bytes"):
        load(b"[1, 222]", max_bytes=7)
    with pytest.raises(ReadError, match="file is larger than"):
        load("[1, 222]", max_bytes=7)


def flow(depth: int) -> str:
    return "[" * depth + "]" * depth


def block(depth: int) -> str:
    return "\n".join(" " * level + "k:" for level in range(depth)) + "\n"


def test_yaml_depth_limit(mode):
    assert load_yaml(flow(MAX_DEPTH)).data is not None
    assert load_yaml(block(MAX_DEPTH)).data is not None
    with pytest.raises(ReadError, match="nesting is deeper than 64 levels") as info:
        load_yaml(flow(MAX_DEPTH + 1))
    assert info.value.pos == Pos(1, 65)
    with pytest.raises(ReadError, match="deeper than 64") as info:
        load_yaml(block(MAX_DEPTH + 1))
    assert info.value.pos == Pos(65, 65)
    with pytest.raises(ReadError, match="deeper than 3") as info:
        load_yaml("a:\n  - b: [c]", max_depth=3)
    assert info.value.pos == Pos(2, 8)


@pytest.mark.parametrize(
    "text",
    [
        "[" * 100_000,
        flow(100_000),
        "{a: " * 100_000,
        "- " * 100_000 + "x",
        "".join(f"{' ' * (i % 7)}- " for i in range(100_000)) + "x",
        "a:\n" + "- " * 50_000 + "[" * 50_000,
    ],
)
def test_yaml_very_deep_nesting_is_a_clean_error(mode, text):
    with pytest.raises(ReadError, match="nesting is deeper than 64 levels") as info:
        load_yaml(text)
    assert info.value.pos is not None


def test_json_depth_limit():
    assert load_json(flow(MAX_DEPTH)).data is not None
    with pytest.raises(ReadError, match="nesting is deeper than 64 levels") as info:
        load_json(flow(MAX_DEPTH + 1))
    assert info.value.pos == Pos(1, 65)
    with pytest.raises(ReadError, match="deeper than 2") as info:
        load_json('{"a": [1, 2],\n "b": [{"c": 1}]}', max_depth=2)
    assert info.value.pos == Pos(2, 8)


@pytest.mark.parametrize(
    ("text", "column"),
    [
        ("[" * 100_000, 65),
        (flow(100_000), 65),
        ('{"a": ' * 100_000, 1 + 6 * 64),
        ('[{"a": ' * 50_000 + "1", 1 + 7 * 32),
        ("[" * 100 + "NaN", 65),
    ],
)
def test_json_very_deep_nesting_is_a_clean_error(text, column):
    with pytest.raises(ReadError, match="nesting is deeper than 64 levels") as info:
        load_json(text)
    assert info.value.pos == Pos(1, column)


def test_recursion_limit_beyond_max_depth_is_a_clean_error(mode):
    with pytest.raises(ReadError, match="nesting"):
        load_yaml(flow(100_000), max_depth=1_000_000)
    with pytest.raises(ReadError, match="nesting"):
        load_json(flow(100_000), max_depth=1_000_000)


# --- bytes, encodings, empty files -------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "pos"),
    [
        (b"a: 1\nb: \xc3\xa9\xff\n", Pos(2, 5)),
        (b"\xff", Pos(1, 1)),
        (b"a: \xe2\x82", Pos(1, 4)),
        (b"\xef\xbb\xbfa: \xc0\xaf", Pos(1, 4)),
        (b"a\r\nb\n\n  \xed\xa0\x80", Pos(4, 3)),
    ],
)
@pytest.mark.parametrize("load", [load_yaml, load_json, load_document])
def test_invalid_utf8_position(load, data, pos):
    with pytest.raises(ReadError) as info:
        load(data)
    assert str(info.value).startswith("not UTF-8 text: byte 0x")
    assert info.value.pos == pos


@pytest.mark.parametrize(
    ("load", "source", "expected"),
    [
        (load_yaml, b"\xef\xbb\xbfa: 1\n", {"a": 1}),
        (load_yaml, "\ufeffa: 1\n", {"a": 1}),
        (load_json, b'\xef\xbb\xbf{"a": 1}', {"a": 1}),
        (load_json, '\ufeff{"a": 1}', {"a": 1}),
        (load_document, b'\xef\xbb\xbf{"a": 1}', {"a": 1}),
    ],
)
def test_byte_order_mark_is_dropped(load, source, expected):
    doc = load(source)
    assert doc.data == expected
    assert doc.value_pos(["a"]) == Pos(1, 4 if load is load_yaml else 7)


@pytest.mark.parametrize("source", [b"a: 1\x00", b"\xff\xfea\x00:\x00", "a: \x00"])
@pytest.mark.parametrize("load", [load_yaml, load_json, load_document])
def test_nul_means_binary(load, source):
    with pytest.raises(ReadError, match="^binary file, not text$"):
        load(source)


@pytest.mark.parametrize("source", [b"", "", b"   \n\t\n", "\n\n", b"\xef\xbb\xbf", "\ufeff  "])
@pytest.mark.parametrize("load", [load_yaml, load_json, load_document])
def test_empty(load, source):
    with pytest.raises(ReadError, match="^the file is empty$"):
        load(source)


@pytest.mark.parametrize("source", ["# a comment\n", "# one\n\n   # two\n", "\n  # three"])
def test_comment_only_yaml_is_empty(mode, source):
    with pytest.raises(ReadError, match="empty"):
        load_yaml(source)


@pytest.mark.parametrize(
    ("text", "pos"),
    [("a: b\nc: \x01", Pos(2, 4)), ("a: \x7f", Pos(1, 4)), ("é: \ufffe", Pos(1, 4))],
)
def test_control_characters_in_yaml(mode, text, pos):
    with pytest.raises(ReadError, match="is not allowed in YAML") as info:
        load_yaml(text)
    assert info.value.pos == pos


# --- YAML structure errors ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "pos"),
    [
        ("a: 1\n---\nb: 2\n", Pos(2, 1)),
        ("--- a\n--- b\n", Pos(2, 1)),
        ("a: 1\n...\n---\nb: 2\n", Pos(3, 1)),
    ],
)
def test_multiple_documents(mode, text, pos):
    with pytest.raises(ReadError, match="more than one YAML document") as info:
        load_yaml(text)
    assert info.value.pos == pos


def test_single_explicit_document(mode):
    assert load_yaml("---\na: 1\n...\n").data == {"a": 1}
    assert load_yaml("---\n").data is None


@pytest.mark.parametrize(
    ("text", "pos"),
    [
        ("a: b: c", Pos(1, 5)),
        ("key: 'unclosed", Pos(1, 15)),
        ("\tkey: value", Pos(1, 1)),
        ("a:\n  - b\n c: d", Pos(3, 2)),
        ("a: 1\n- b", Pos(2, 1)),
        ("a: [1, 2\n", Pos(2, 1)),
        ("- a\nb: c", Pos(2, 1)),
        ("a: &x 1\nb: &x 2", Pos(2, 4)),
    ],
)
def test_syntax_error_positions(mode, text, pos):
    with pytest.raises(ReadError) as info:
        load_yaml(text)
    assert info.value.pos == pos
    assert info.value.message
    assert "\n" not in info.value.message


# --- JSON --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message", "pos"),
    [
        ('{"a": 1,}', "Expecting property name enclosed in double quotes", Pos(1, 9)),
        ('{\n  "a" 1\n}', "Expecting ':' delimiter", Pos(2, 7)),
        ('[1, 2', "Expecting ',' delimiter", Pos(1, 6)),
        ("{'a': 1}", "Expecting property name enclosed in double quotes", Pos(1, 2)),
        ('{"a": 1} x', "Extra data", Pos(1, 10)),
        ("a: 1", "Expecting value", Pos(1, 1)),
        ('["a\tb"]', "Invalid control character at", Pos(1, 4)),
    ],
)
def test_json_syntax_errors(text, message, pos):
    with pytest.raises(ReadError) as info:
        load_json(text)
    assert str(info.value) == message
    assert info.value.pos == pos


@pytest.mark.parametrize(
    ("text", "pos"),
    [
        ("[1, NaN]", Pos(1, 5)),
        ('{"a":\n  Infinity}', Pos(2, 3)),
        ('{"a": [1, -Infinity]}', Pos(1, 11)),
    ],
)
def test_json_non_finite_numbers_are_refused(text, pos):
    with pytest.raises(ReadError, match="is not allowed in JSON") as info:
        load_json(text)
    assert info.value.pos == pos


def test_json_huge_integer():
    with pytest.raises(ReadError, match="too many digits"):
        load_json("[" + "1" * 5000 + "]")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"x"', "x"),
        ("1", 1),
        ("-0.5e2", -50.0),
        ("null", None),
        ('{"no": "yes", "1": 2019}', {"no": "yes", "1": 2019}),
        ('["\\ud83d\\ude00", "\\u00e9", "\\/"]', ["\U0001f600", "é", "/"]),
    ],
)
def test_json_values(text, expected):
    assert load_json(text).data == expected


def test_json_positions():
    text = '{\n  "answers": {\n    "q1": "no",\n    "group": [\n      {"name": "A"},\n' \
        '      {"name": "\\ud83d\\ude00", "url": null}\n    ]\n  }\n}\n'  # fmt: skip
    doc = load_json(text)
    assert doc.value_pos(["answers", "q1"]) == Pos(3, 11)
    assert doc.key_pos(["answers", "q1"]) == Pos(3, 5)
    assert doc.value_pos(["answers", "group", 1, "url"]) == Pos(6, 39)
    assert doc.key_pos(["answers", "group", 1, "url"]) == Pos(6, 32)
    assert doc.value_pos(["answers", "group", 2, "url"]) == Pos(4, 14)
    assert doc.value_pos([]) == Pos(1, 1)


# --- positions ---------------------------------------------------------------------------------

RESPONSE = """\
questionnaire: msq2020
answers:
  q1: yes
  group:
    - name: A
      url: https://a.example
    - name: B
  empty:
  "quoted key": [x, y]
"""


@pytest.mark.parametrize(
    ("path", "value", "key"),
    [
        ([], Pos(1, 1), Pos(1, 1)),
        (["questionnaire"], Pos(1, 16), Pos(1, 1)),
        (["answers"], Pos(3, 3), Pos(2, 1)),
        (["answers", "q1"], Pos(3, 7), Pos(3, 3)),
        (["answers", "group"], Pos(5, 5), Pos(4, 3)),
        (["answers", "group", 0], Pos(5, 7), Pos(5, 7)),
        (["answers", "group", 1, "name"], Pos(7, 13), Pos(7, 7)),
        (["answers", "group", 0, "url"], Pos(6, 12), Pos(6, 7)),
        (["answers", "empty"], Pos(8, 9), Pos(8, 3)),
        (["answers", "quoted key", 1], Pos(9, 21), Pos(9, 21)),
        (["answers", "quoted key"], Pos(9, 17), Pos(9, 3)),
        # missing paths: the deepest existing ancestor's value
        (["answers", "group", 5], Pos(5, 5), Pos(5, 5)),
        (["answers", "group", -1], Pos(5, 5), Pos(5, 5)),
        (["answers", "missing", "x"], Pos(3, 3), Pos(3, 3)),
        (["answers", "missing"], Pos(3, 3), Pos(3, 3)),
        (["answers", "q1", "deeper"], Pos(3, 7), Pos(3, 7)),
        (["answers", 0], Pos(3, 3), Pos(3, 3)),
        (["nothing"], Pos(1, 1), Pos(1, 1)),
    ],
)
def test_yaml_positions(mode, path, value, key):
    doc = load_yaml(RESPONSE)
    assert doc.value_pos(path) == value
    assert doc.key_pos(path) == key
    assert doc.value_pos(deque(path)) == value
    assert doc.key_pos(tuple(path)) == key


def test_positions_of_duplicate_key_are_the_first(mode):
    doc = load_yaml("a: 1\nb: 2\na: 3\n")
    assert doc.value_pos(["a"]) == Pos(1, 4)
    assert doc.key_pos(["a"]) == Pos(1, 1)


def test_scalar_document_positions(mode):
    doc = load_yaml("  hello")
    assert doc.data == "hello"
    assert doc.value_pos(["a", 1]) == Pos(1, 3)


@pytest.mark.parametrize(("text", "pos"), [("---", Pos(1, 4)), ("a: 1\nb:", Pos(2, 3))])
def test_a_value_at_the_end_of_the_file_is_there(mode, text, pos):
    # libyaml's marks put "---"'s empty document on a second line; PyYAML's and these do not
    assert load_yaml(text).value_pos(["b"]) == pos


def test_columns_count_characters(mode):
    assert load_yaml("é: [ü, 'ß']\n").value_pos(["é", 1]) == Pos(1, 8)
    assert load_json('{"é": ["ü", "ß"]}').value_pos(["é", 1]) == Pos(1, 13)


def test_columns_count_a_byte_order_mark_inside_the_text(mode):
    # PyYAML's own marks skip U+FEFF; libyaml's count it: both parsers give the same places
    doc = load_yaml('a: "\ufeffx"\nb: [\ufeffy, z]\n')
    assert doc.value_pos(["b", 1]) == Pos(2, 9)
    assert load_json('["\ufeff", 1]').value_pos([1]) == Pos(1, 7)


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r", "\x85", "\u2028", "\u2029"])
def test_yaml_lines_end_where_the_parser_ends_them(mode, newline):
    doc = load_yaml(newline.join(["a: 1", "b:", "  - x", '  - "y"', "c: {d: 2}", ""]))
    assert doc.value_pos(["b", 1]) == Pos(4, 5)
    assert doc.key_pos(["c", "d"]) == Pos(5, 5)


def test_json_lines_end_at_line_feeds():
    # as json.loads counts lines in its own errors
    doc = load_json('{"a":\r 1,\n"b": [\r\n2]}')
    assert doc.value_pos(["a"]) == Pos(1, 8)
    assert doc.value_pos(["b", 0]) == Pos(3, 1)


# --- load_document -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "source", "as_json"),
    [
        ("response.json", '{"a": [1, NaN]}', True),
        ("RESPONSE.JSON", b'{"a": [1, NaN]}', True),
        ("response.yaml", '{"a": [1, NaN]}', False),
        ("response.yml", "[1, NaN]", False),
        ("", '  \n{"a": [1, NaN]}', True),
        ("", b'\xef\xbb\xbf[1, NaN]', True),
        ("", "a: [1, NaN]", False),
        ("", "- 1\n- NaN", False),
    ],
)
def test_load_document_picks_the_format(name, source, as_json):
    if as_json:
        with pytest.raises(ReadError, match="NaN is not allowed in JSON"):
            load_document(source, name=name)
    else:
        assert "NaN" in str(load_document(source, name=name).data)


def test_load_document_passes_limits():
    with pytest.raises(ReadError, match="deeper than 1"):
        load_document("[[1]]", max_depth=1)
    with pytest.raises(ReadError, match="deeper than 1"):
        load_document("a: [1]", name="x.yaml", max_depth=1)
    with pytest.raises(ReadError, match="larger"):
        load_document("a: 1", name="x.yaml", max_bytes=2)


# --- ReadError ---------------------------------------------------------------------------------


def test_read_error():
    error = ReadError("bad thing", Pos(2, 3))
    assert str(error) == "bad thing"
    assert (error.message, error.pos) == ("bad thing", Pos(2, 3))
    assert ReadError("x").pos is None
    copy = pickle.loads(pickle.dumps(error))
    assert (str(copy), copy.pos) == ("bad thing", Pos(2, 3))


# --- properties --------------------------------------------------------------------------------

# json.dumps(ensure_ascii=False) escapes only C0 controls, so keep to characters YAML allows raw
# and never treats as line breaks (NEL, LS, PS).
YAML_SAFE_TEXT = st.text(
    st.characters(exclude_categories=("Cs",)).filter(
        lambda c: c < " " or not (yamlio._NON_PRINTABLE.match(c) or c in "\x85\u2028\u2029")
    ),
    max_size=20,
)
JSON_DATA = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | YAML_SAFE_TEXT,
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(YAML_SAFE_TEXT, children, max_size=4),
    max_leaves=20,
)


def paths(data, prefix=()):
    yield prefix, data
    if isinstance(data, (dict, list)):
        for step, value in data.items() if isinstance(data, dict) else enumerate(data):
            yield from paths(value, (*prefix, step))


def offset(text: str, pos: Pos) -> int:
    lines = text.split("\n")
    return sum(len(line) + 1 for line in lines[: pos.line - 1]) + pos.column - 1


@pytest.mark.parametrize("mode_name", MODES)
@given(data=JSON_DATA, indent=st.sampled_from([None, 1]), ascii_only=st.booleans())
def test_json_round_trips_with_positions(mode_name, data, indent, ascii_only):
    text = json.dumps(data, indent=indent, ensure_ascii=ascii_only)
    # YAML cannot read JSON's surrogate-pair escapes: libyaml refuses them
    loads = [load_json] if ascii_only else [load_json, load_yaml]
    with loader_mode(mode_name):
        for load in loads:
            doc = load(text)
            assert doc.data == data
            assert doc.duplicates == ()
            for path, value in paths(data):
                decoded = json.JSONDecoder().raw_decode(text, offset(text, doc.value_pos(path)))
                assert decoded[0] == value
                if path and isinstance(path[-1], str):
                    key = json.JSONDecoder().raw_decode(text, offset(text, doc.key_pos(path)))
                    assert key[0] == path[-1]


@pytest.mark.parametrize("mode_name", MODES)
@given(source=st.binary() | st.text())
def test_arbitrary_input_raises_only_read_error(mode_name, source):
    with loader_mode(mode_name):
        for load in (load_yaml, load_json, load_document):
            try:
                load(source)
            except ReadError as error:  # one line, with a sane position if any
                assert error.message and "\n" not in error.message
                assert error.pos is None or (error.pos.line >= 1 and error.pos.column >= 1)


YAML_PIECES = st.sampled_from([*"ab1.-:?[]{},&*!|>'\"#%@` \n\t~é", "---", "...", "!!int", "0x"])


@pytest.mark.parametrize("mode_name", MODES)
@given(text=st.lists(YAML_PIECES | st.sampled_from(["\r", "\r\n", "\x85", "\u2028"]),
                     max_size=40).map("".join))
def test_places_agree_with_the_parsers_marks(mode_name, text):
    """Places keep offsets and count lines themselves: they agree with each parser's marks."""
    with loader_mode(mode_name):
        parser = yamlio.CParser(text) if yamlio._LIBYAML else yamlio._PyParser(text)
        places = yamlio.Places(text, yamlio._YAML_LINE_BREAK)
        with contextlib.suppress(yaml.YAMLError):
            while (event := parser.get_event()) is not None:
                # what places are kept for; at the end of the file libyaml may count a line more
                if isinstance(event, yaml.NodeEvent) and event.start_mark.index < len(text):
                    mark = event.start_mark
                    assert places.at(mark.index) == Pos(mark.line + 1, mark.column + 1)


@pytest.mark.parametrize("mode_name", MODES)
@given(text=st.lists(YAML_PIECES, max_size=40).map("".join))
def test_yaml_like_input_raises_only_read_error(mode_name, text):
    with loader_mode(mode_name), contextlib.suppress(ReadError):
        doc = load_yaml(text)
        for path, _ in paths(doc.data):
            doc.value_pos(path)
            doc.key_pos(path)
