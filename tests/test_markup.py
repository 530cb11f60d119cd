"""Tests for questionnaire texts (questionnaire.markup) and their tree (questionnaire.inline)."""

from __future__ import annotations

import dataclasses
import os
import re
import subprocess
import sys
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from msqschema.questionnaire.inline import (
    Emphasis,
    FootnoteRef,
    Inline,
    Link,
    MarkupProblem,
    Plain,
    Strong,
)
from msqschema.questionnaire.markup import Markup, first_references

P = Plain


def parse_ok(source: str) -> Markup:
    markup = Markup(source)
    problems = markup.problems
    assert problems == ()
    return markup


# --- constructs ---------------------------------------------------------------------------------

CONSTRUCTS: list[tuple[str, tuple[tuple[Inline, ...], ...]]] = [
    ("plain text", ((P("plain text"),),)),
    ("", ()),
    ("   \n\n  ", ()),
    ("**bold**", ((Strong((P("bold"),)),),)),
    ("__bold__", ((Strong((P("bold"),)),),)),
    ("*italic*", ((Emphasis((P("italic"),)),),)),
    ("_italic_", ((Emphasis((P("italic"),)),),)),
    ("***both***", ((Emphasis((Strong((P("both"),)),)),),)),
    ("a **b *c* d** e", ((P("a "), Strong((P("b "), Emphasis((P("c"),)), P(" d"))), P(" e")),)),
    ("snake_case_word stays", ((P("snake_case_word stays"),),)),
    ("2 * 3 * 4", ((P("2 * 3 * 4"),),)),
    ("[text](https://example.org/a)", ((Link("https://example.org/a", (P("text"),)),),)),
    ("[t](http://example.org)", ((Link("http://example.org", (P("t"),)),),)),
    ('[t](https://example.org "a title")', ((Link("https://example.org", (P("t"),)),),)),
    ("[t](HTTPS://EXAMPLE.ORG)", ((Link("HTTPS://EXAMPLE.ORG", (P("t"),)),),)),
    ("[mail](mailto:x@y.org)", ((Link("mailto:x@y.org", (P("mail"),)),),)),
    ("[](https://e.org)", ((Link("https://e.org", (P("https://e.org"),)),),)),
    ("[**b** c](https://e.org)", ((Link("https://e.org", (Strong((P("b"),)), P(" c"))),),)),
    ("[a [b] c](https://e.org)", ((Link("https://e.org", (P("a [b] c"),)),),)),
    ("[t](https://e.org/a b)", ((P("[t](https://e.org/a b)"),),)),
    ("[t](<https://e.org/a b>)", ((Link("https://e.org/a%20b", (P("t"),)),),)),
    ("<https://e.org/x?a=1>", ((Link("https://e.org/x?a=1", (P("https://e.org/x?a=1"),)),),)),
    ("<mailto:x@y.org>", ((Link("mailto:x@y.org", (P("mailto:x@y.org"),)),),)),
    ("<x@y.org>", ((Link("mailto:x@y.org", (P("x@y.org"),)),),)),
    ("[ref][x] and [x]", ((P("[ref][x] and [x]"),),)),
    ("https://e.org is not linkified", ((P("https://e.org is not linkified"),),)),
    (r"\*not em\* \[not\](link) \\ \_", ((P(r"*not em* [not](link) \ _"),),)),
    (r"\[^not_a_ref]", ((P("[^not_a_ref]"),),)),
    (r"a\b \q", ((P(r"a\b \q"),),)),
    ("[^e_government]", ((FootnoteRef("e_government"),),)),
    ("x[^a1][^b_2] y", ((P("x"), FootnoteRef("a1"), FootnoteRef("b_2"), P(" y")),)),
    ("[^a](https://e.org)", ((FootnoteRef("a"), P("(https://e.org)")),)),
    ("[see [^a]](https://e.org)", ((Link("https://e.org", (P("see "), FootnoteRef("a"))),),)),
    ("**b[^a]**", ((Strong((P("b"), FootnoteRef("a"))),),)),
    ("[^a", ((P("[^a"),),)),
    ("one\ntwo\r\nthree", ((P("one two three"),),)),
    ("hard  \nbreak\\\nhere", ((P("hard break here"),),)),
    ("  lead\n   indent  \n", ((P("lead indent"),),)),
    ("one\n\ntwo\n \n\n**three**", ((P("one"),), (P("two"),), (Strong((P("three"),)),))),
    ("double  space", ((P("double  space"),),)),
    ("&amp; &copy; &#42;", ((P("&amp; &copy; &#42;"),),)),
    (
        "`code` ~~strike~~ ![img](https://e.org/i.png)",
        ((P("`code` ~~strike~~ !"), Link("https://e.org/i.png", (P("img"),))),),
    ),
]


@pytest.mark.parametrize(("source", "paragraphs"), CONSTRUCTS)
def test_construct(source: str, paragraphs: tuple[tuple[Inline, ...], ...]) -> None:
    assert parse_ok(source).paragraphs == paragraphs


@pytest.mark.parametrize(
    "source",
    [
        "# heading",
        "## heading ##",
        "Title\n=====",
        "> quoted",
        "| a | b |",
        "| a | b |\n|---|---|\n| 1 | 2 |",
        "    indented code",
        "```\nfenced\n```",
        "~~~python\nx\n~~~",
        "---",
        "<script>alert(1)</script>",
        "<div>\n<b>html</b>\n</div>",
        "<!-- comment -->",
        "[label]: https://e.org",
        "leave no one offline' or to 'leave no one behind'; -- ... (c) \"quoted\"",
    ],
)
def test_block_syntax_and_html_stay_literal(source: str) -> None:
    markup = parse_ok(source)
    assert all(isinstance(node, Plain) for p in markup.paragraphs for node in p)
    assert markup.plain() == " ".join(line.strip() for line in source.splitlines())


# --- problems -----------------------------------------------------------------------------------

PROBLEMS = [
    # source, code, line, column, plain text kept
    ("[x](javascript:alert(1))", "bad-link-scheme", 0, 0, "x"),
    ("see [here](#top).", "bad-link-scheme", 0, 4, "see here."),
    ("a [file](ftp://e.org/f)", "bad-link-scheme", 0, 2, "a file"),
    ("[empty]()", "bad-link-scheme", 0, 0, "empty"),
    ("[rel](page.html)", "bad-link-scheme", 0, 0, "rel"),
    ("[half](https:e.org)", "bad-link-scheme", 0, 0, "half"),
    ("[**b**](data:text/html,x)", "bad-link-scheme", 0, 0, "b"),
    ("x <ftp://e.org>", "bad-link-scheme", 0, 2, "x ftp://e.org"),
    ("<javascript:alert(1)>", "bad-link-scheme", 0, 0, "javascript:alert(1)"),
    ("one\n  two *[x](vbscript:y)*", "bad-link-scheme", 1, 7, "one two x"),
    ("p\n\n  q\r\n\r\n\tr [x](file:///etc)", "bad-link-scheme", 4, 3, "p\n\nq\n\nr x"),
    ("[^]", "bad-footnote-ref", 0, 0, "[^]"),
    ("a [^Not An Id] b", "bad-footnote-ref", 0, 2, "a [^Not An Id] b"),
    ("[^1]", "bad-footnote-ref", 0, 0, "[^1]"),
    ("[^e-government]", "bad-footnote-ref", 0, 0, "[^e-government]"),
    ("[^_x]", "bad-footnote-ref", 0, 0, "[^_x]"),
    ("[^x__y]", "bad-footnote-ref", 0, 0, "[^x__y]"),
    ("one\ntwo **[^Bad]**", "bad-footnote-ref", 1, 6, "one two [^Bad]"),
    ("[link [^Bad]](https://e.org)", "bad-footnote-ref", 0, 6, "link [^Bad]"),
]


@pytest.mark.parametrize(("source", "code", "line", "column", "plain"), PROBLEMS)
def test_problem(source: str, code: str, line: int, column: int, plain: str) -> None:
    markup = Markup(source)
    problems = markup.problems
    assert [(p.code, p.line, p.column) for p in problems] == [(code, line, column)]
    assert source.splitlines()[line][column] in "[<"
    assert markup.plain() == plain
    kinds = {node.kind for paragraph in markup.paragraphs for node in paragraph}
    assert ("link" if code == "bad-link-scheme" else "footnote_ref") not in kinds


def test_problem_messages_speak_to_authors() -> None:
    problems = Markup("[x](javascript:x) [y]() [^Not An Id]").problems
    assert [p.message for p in problems] == [
        "link target 'javascript:x' is not allowed: use http, https or mailto",
        "link has no target: use an http, https or mailto address",
        "footnote reference '[^Not An Id]' needs the snake_case id of a footnote,"
        " e.g. [^e_government]",
    ]


def test_several_problems_in_order() -> None:
    problems = Markup("[a](#)\n\n[^] and [b](ftp://x)").problems
    assert [(p.code, p.line, p.column) for p in problems] == [
        ("bad-link-scheme", 0, 0),
        ("bad-footnote-ref", 2, 0),
        ("bad-link-scheme", 2, 8),
    ]


# --- the real questionnaire ---------------------------------------------------------------------

E_GOV = (
    "What is the official **e-government**[^e_government] portal at the national level?"
    " If more than one, please list all."
)
E_PART_URL = "https://publicadministration.un.org/egovkb/en-us/About/Overview/E-Participation"
SDG_URL = (
    "https://unstats.un.org/sdgs/indicators/"
    "Global%20Indicator%20Framework%20after%20refinement_Eng.pdf"
)
SDG = (
    "Related to SDG Indicator 16.6.2 Proportion of population satisfied with their last"
    f" experience of public services. See for all indicators: <{SDG_URL}>"
)
OFFLINE = (
    "has an emphasis to 'leave no one offline' or to 'leave no one behind'; for example,"
    ' "digital inclusion" -- for all (e.g. older persons, persons with disabilities)...'
)


@pytest.mark.parametrize(
    ("source", "paragraphs", "plain", "footnote_ids"),
    [
        (
            E_GOV,
            (
                (
                    P("What is the official "),
                    Strong((P("e-government"),)),
                    FootnoteRef("e_government"),
                    P(" portal at the national level? If more than one, please list all."),
                ),
            ),
            "What is the official e-government portal at the national level?"
            " If more than one, please list all.",
            ("e_government",),
        ),
        (
            f"[E-participation]({E_PART_URL})[^e_participation]:",
            ((Link(E_PART_URL, (P("E-participation"),)), FootnoteRef("e_participation"), P(":")),),
            "E-participation:",
            ("e_participation",),
        ),
        (
            SDG,
            ((P(SDG[: SDG.index("<")]), Link(SDG_URL, (P(SDG_URL),))),),
            SDG.replace("<", "").replace(">", ""),
            (),
        ),
        (
            "For any questions about this questionnaire, please contact <dpidg@un.org>.",
            (
                (
                    P("For any questions about this questionnaire, please contact "),
                    Link("mailto:dpidg@un.org", (P("dpidg@un.org"),)),
                    P("."),
                ),
            ),
            "For any questions about this questionnaire, please contact dpidg@un.org.",
            (),
        ),
        (OFFLINE, ((P(OFFLINE),),), OFFLINE, ()),
        (
            "Please describe the strategy.\nInclude **dates**[^dates] and\n\n"
            "links[^links][^dates].",
            (
                (
                    P("Please describe the strategy. Include "),
                    Strong((P("dates"),)),
                    FootnoteRef("dates"),
                    P(" and"),
                ),
                (P("links"), FootnoteRef("links"), FootnoteRef("dates"), P(".")),
            ),
            "Please describe the strategy. Include dates and\n\nlinks.",
            ("dates", "links", "dates"),
        ),
    ],
)
def test_questionnaire_texts(
    source: str,
    paragraphs: tuple[tuple[Inline, ...], ...],
    plain: str,
    footnote_ids: tuple[str, ...],
) -> None:
    markup = parse_ok(source)
    assert markup.source == source
    assert markup.paragraphs == paragraphs
    assert markup.plain() == str(markup) == plain
    assert markup.footnote_ids == footnote_ids


# --- the tree -----------------------------------------------------------------------------------


def test_kinds_for_templates() -> None:
    markup = parse_ok("a **b** *c* [d](https://e.org)[^f]")
    assert [node.kind for node in markup.paragraphs[0]] == [
        "plain",
        "strong",
        "plain",
        "emphasis",
        "plain",
        "link",
        "footnote_ref",
    ]
    assert [f.name for f in dataclasses.fields(Plain)] == ["text"]


def test_tree_is_immutable_and_hashable() -> None:
    markup = parse_ok("**a** [b](https://e.org)")
    with pytest.raises(dataclasses.FrozenInstanceError):
        markup.paragraphs[0][0].children = ()  # type: ignore[misc, union-attr]
    assert hash(markup) == hash(parse_ok("**a** [b](https://e.org)"))
    problem = MarkupProblem("bad-footnote-ref", "m", 0, 0)
    with pytest.raises(dataclasses.FrozenInstanceError):
        problem.line = 1  # type: ignore[misc]


def test_a_text_is_parsed_when_first_read() -> None:
    text = Markup("**Bold**[^note]")
    assert "_parsed" not in vars(text)
    assert text == Markup("**Bold**[^note]")
    assert text.paragraphs == ((Strong((P("Bold"),)), FootnoteRef("note")),)
    assert "_parsed" in vars(text)


def test_first_references_keeps_the_order_of_first_use() -> None:
    texts = [Markup("a[^b] c[^a]"), Markup(""), Markup("[^a] [^c] [^b]")]
    assert first_references(texts) == ("b", "a", "c")


def test_parser_is_built_lazily_and_cached() -> None:
    from msqschema.questionnaire import markup
    from msqschema.questionnaire.inline import _parser

    code = ("import sys, msqschema.questionnaire.markup as markup; "
            "assert 'msqschema.questionnaire.inline' not in sys.modules; "
            "import msqschema.questionnaire.inline; assert 'markdown_it' not in sys.modules")
    path = str(Path(markup.__file__).parents[2])
    subprocess.run([sys.executable, "-c", code], check=True, env={**os.environ, "PYTHONPATH": path})

    assert _parser() is _parser()


# --- properties ---------------------------------------------------------------------------------


def _check_invariants(nodes: tuple[Inline, ...]) -> None:
    assert nodes, "empty paragraphs or containers are dropped or never built"
    for before, after in pairwise(nodes):
        assert not (isinstance(before, Plain) and isinstance(after, Plain))
    for node in nodes:
        if isinstance(node, Plain):
            assert node.text
        elif isinstance(node, Link):
            assert node.href.lower().startswith(("http://", "https://", "mailto:"))
        elif not isinstance(node, FootnoteRef):
            _check_invariants(node.children)


MARKUP_PIECES = [
    "*",
    "**",
    "_",
    "[",
    "]",
    "(",
    ")",
    "<",
    ">",
    "\\",
    "[^",
    "a_b",
    "Bad Id",
    "#",
    "- ",
]
MARKUP_PIECES += ["https://e.org", "mailto:x@y.org", "x@y.org", "javascript:x", "`", "&amp;"]
MARKUP_PIECES += [" ", "  ", "\n", "\n\n", "\r\n", "\r", "\t", "\u00a0", "\u2028", "\x00", "word"]
MARKUP_HEAVY = st.lists(st.sampled_from(MARKUP_PIECES), max_size=40).map("".join)


@given(st.one_of(st.text(max_size=200), MARKUP_HEAVY))
def test_arbitrary_text_never_raises(source: str) -> None:
    markup = Markup(source)
    problems = markup.problems
    lines = source.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for paragraph in markup.paragraphs:
        _check_invariants(paragraph)
    for problem in problems:
        assert lines[problem.line][problem.column] in "[<"


LIST_MARKER = re.compile(r"(?m)^(\s*)([-+*]|[0-9]{1,9}[.)])(?=\s|$)")
PLAIN_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(categories=("L", "N")),
        st.sampled_from(" \n.,;:'\"?!-+=#|~(){}/%$@^`&"),
    ),
    max_size=200,
).map(lambda text: LIST_MARKER.sub(r"\1x\2", text))  # a line starting "- " or "1. " is a list


def normalise_whitespace(text: str) -> str:
    paragraphs: list[list[str]] = [[]]
    for line in text.split("\n"):
        if line.strip():
            paragraphs[-1].append(line.strip())
        elif paragraphs[-1]:
            paragraphs.append([])
    return "\n\n".join(" ".join(lines) for lines in paragraphs if lines)


@given(PLAIN_TEXT)
def test_text_without_markup_is_kept(source: str) -> None:
    markup = Markup(source)
    problems = markup.problems
    assert problems == ()
    assert markup.plain() == normalise_whitespace(source)
