"""Block text: paragraphs and bulleted or numbered lists in hints, notes, the introduction and
the closing text; parsed (questionnaire.inline), linted, and rendered in the three formats."""

from __future__ import annotations

import io
import itertools
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from msqschema import load_questionnaire
from msqschema.questionnaire.inline import (
    Block,
    Emphasis,
    FootnoteRef,
    ItemList,
    Paragraph,
    Plain,
    Strong,
)
from msqschema.questionnaire.markup import Markup
from msqschema.render import render

P = Plain


def para(text: str) -> Paragraph:
    return Paragraph((Plain(text),))


def bullets(*items: tuple[Block, ...]) -> ItemList:
    return ItemList(False, 1, items)


# --- parser ---------------------------------------------------------------------------------------

BLOCKS: list[tuple[str, tuple[Block, ...]]] = [
    ("- one\n- two", (bullets((para("one"),), (para("two"),)),)),
    ("* one\n* two", (bullets((para("one"),), (para("two"),)),)),
    ("+ one", (bullets((para("one"),)),)),
    ("1. one\n2. two", (ItemList(True, 1, ((para("one"),), (para("two"),))),)),
    ("3) three\n4) four", (ItemList(True, 3, ((para("three"),), (para("four"),))),)),
    ("Lead in:\n- a\n- b\n\nAfter.",
     (para("Lead in:"), bullets((para("a"),), (para("b"),)), para("After."))),
    ("- a\n  continued\n\n  second paragraph\n- *b*",
     (bullets((para("a continued"), para("second paragraph")),
              (Paragraph((Emphasis((P("b"),)),)),)),)),
    ("- a\n  1. a.1\n  2. a.2\n- b",
     (bullets((para("a"), ItemList(True, 1, ((para("a.1"),), (para("a.2"),)))),
              (para("b"),)),)),
    ("-\n- kept", (bullets((para("kept"),)),)),
    ("-", ()),
    ("2020. A year, not a list", (ItemList(True, 2020, ((para("A year, not a list"),),)),)),
    ("Text\n2. no interruption", (para("Text 2. no interruption"),)),
    ("-not a list\n1.nor this", (para("-not a list 1.nor this"),)),
    (r"\- escaped", (para("- escaped"),)),
]


@pytest.mark.parametrize(("source", "blocks"), BLOCKS)
def test_blocks(source: str, blocks: tuple[Block, ...]) -> None:
    markup = Markup(source)
    assert markup.problems == ()
    assert markup.blocks == blocks


def test_paragraphs_plain_and_footnotes_read_list_items_in_order() -> None:
    markup = Markup("First[^a].\n\n- item[^b]\n  1. inner[^c]\n- **last**[^a]\n\nEnd[^d].")
    assert markup.paragraphs == ((P("First"), FootnoteRef("a"), P(".")),
                                 (P("item"), FootnoteRef("b")), (P("inner"), FootnoteRef("c")),
                                 (Strong((P("last"),)), FootnoteRef("a")),
                                 (P("End"), FootnoteRef("d"), P(".")))
    assert markup.plain() == "First.\n\nitem\n\ninner\n\nlast\n\nEnd."
    assert markup.footnote_ids == ("a", "b", "c", "a", "d")
    assert markup.has_lists


def test_a_text_without_lists_has_one_paragraph_block_per_paragraph() -> None:
    markup = Markup("one\n\ntwo")
    assert markup.blocks == (para("one"), para("two"))
    assert not markup.has_lists and markup.list_problems == ()


PROBLEMS_IN_ITEMS = [
    # source, line, column of the mistake
    ("- see [x](ftp://e.org)", 0, 6),
    ("Intro\n\n1. one\n2. two [^Bad]", 3, 7),
    ("- a\n  continued [x](#top)", 1, 12),
    ("- a\n  - nested [x](/rel)", 1, 11),
    ("10. ten [x](data:x)", 0, 8),
]


@pytest.mark.parametrize(("source", "line", "column"), PROBLEMS_IN_ITEMS)
def test_problem_positions_inside_list_items(source: str, line: int, column: int) -> None:
    (problem,) = Markup(source).problems
    assert (problem.line, problem.column) == (line, column)
    assert source.split("\n")[line][column] == "["


def test_list_problems_point_at_each_top_level_list_marker() -> None:
    source = "Text\n\n  - a\n    1. nested\n\nMore\n\n3. c"
    problems = Markup(source).list_problems
    assert [(p.line, p.column) for p in problems] == [(2, 2), (7, 0)]
    assert {p.code for p in problems} == {"list-in-phrase"}
    assert "one phrase" in problems[0].message


# --- property: a generated text with lists round-trips its plain text ----------------------------

WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8)
PARAGRAPH_TEXT = st.lists(WORD, min_size=1, max_size=5).map(" ".join)


def _blocks(depth: int) -> st.SearchStrategy[list[tuple[str, object]]]:
    """Blocks as ("p", text) or ("ul"/"ol", start, items), no list right after another."""
    paragraph = PARAGRAPH_TEXT.map(lambda text: ("p", text))
    if depth == 0:
        return st.lists(paragraph, min_size=1, max_size=3)
    item = st.tuples(PARAGRAPH_TEXT, _blocks(depth - 1)).map(
        lambda first_rest: [("p", first_rest[0]), *first_rest[1]])
    a_list = st.tuples(st.sampled_from(["ul", "ol"]), st.integers(1, 30),
                       st.lists(item, min_size=1, max_size=3))
    block = st.one_of(paragraph, a_list)
    return st.lists(block, min_size=1, max_size=4).filter(
        lambda blocks: all(a[0] == "p" or b[0] == "p" for a, b in itertools.pairwise(blocks)))


def _source(blocks: list, indent: str = "") -> str:
    out = []
    for block in blocks:
        if block[0] == "p":
            out.append(indent + block[1])
            continue
        kind, start, items = block
        lines = []
        for number, item in enumerate(items, start=start):
            marker = f"{number}. " if kind == "ol" else "- "
            body = _source(item, indent + " " * len(marker))
            lines.append(indent + marker + body[len(indent) + len(marker):])
        out.append("\n\n".join(lines))
    return "\n\n".join(out)


def _plain(blocks: list) -> list[str]:
    texts = []
    for block in blocks:
        if block[0] == "p":
            texts.append(block[1])
        else:
            for item in block[2]:
                texts += _plain(item)
    return texts


@given(_blocks(2))
def test_a_generated_text_with_lists_round_trips_its_plain_text(blocks: list) -> None:
    source = _source(blocks)
    markup = Markup(source)
    assert markup.problems == ()
    assert markup.plain() == "\n\n".join(_plain(blocks))
    assert markup.has_lists == any(block[0] != "p" for block in blocks)
    rendered = Markup(render_markdown_blocks(markup))
    assert rendered.blocks == markup.blocks


def render_markdown_blocks(markup: Markup) -> str:
    """The text as the Markdown renderer writes it (its `paragraphs` macro)."""
    from msqschema.render.markdown import Renderer

    module = Renderer(None).template.environment.get_template("markup.md.j2").make_module(
        {"footnote_mark": lambda footnote_id: None})
    return str(module.paragraphs(markup))


# --- the three formats --------------------------------------------------------------------------

LISTS = """\
msqschema: 1
id: lists
title: Lists
language: en
introduction: |-
  Please have at hand:

  - the payroll;
  - the **accounts**:
    1. the balance sheet;
    2. the income statement.
sections:
  - id: first
    title: First
    questions:
      - id: staff
        type: text
        prompt: Staff
        hint: |-
          Count:

          3. full time;
          4. part time.
      - id: aside
        type: note
        text: |-
          1. First note item.
          2. Second note item.
closing: |-
  Thanks.

  - Bye.
"""
ITEMS = ["the payroll;", "the accounts:", "the balance sheet;", "the income statement.",
         "full time;", "part time.", "First note item.", "Second note item.", "Bye."]


@pytest.fixture(scope="module")
def lists(tmp_path_factory):
    path = tmp_path_factory.mktemp("lists") / "lists.yaml"
    path.write_text(LISTS, encoding="utf-8")
    return load_questionnaire(path)


class _Lists(HTMLParser):
    """The <ul>/<ol> elements (with their start) and the text of each <li>, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.lists: list[tuple[str, str | None]] = []
        self.items: list[str] = []
        self.depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("ul", "ol") and ("class", "options") not in attrs:
            self.lists.append((tag, dict(attrs).get("start")))
        if tag == "li" and self.lists:
            self.items.append("")

    def handle_data(self, data: str) -> None:
        if self.items:
            self.items[-1] += data


def test_html_lists(lists) -> None:
    html = render(lists, "html")
    parser = _Lists()
    parser.feed(html)
    assert parser.lists == [("ul", None), ("ol", None), ("ol", "3"), ("ol", None), ("ul", None)]
    assert [item.split("\n")[0] for item in parser.items if item.strip()] == ITEMS
    assert "<li>the <strong>accounts</strong>:<ol>" not in html  # an item of blocks has <p>s
    assert "<li><p>the <strong>accounts</strong>:</p>\n<ol>" in html


def test_markdown_lists_parse_back(lists) -> None:
    markdown = render(lists, "md")
    tokens = MarkdownIt("commonmark").parse(markdown)
    kinds = [(t.type, t.attrs.get("start")) for t in tokens if t.type.endswith("list_open")]
    assert kinds == [("bullet_list_open", None), ("ordered_list_open", None),
                     ("ordered_list_open", None), ("ordered_list_open", 3),
                     ("ordered_list_open", None), ("bullet_list_open", None)]
    items = [t.content for t in tokens if t.type == "inline"]
    for expected in ITEMS:
        assert any(expected.strip("*") in item.replace("*", "") for item in items), expected
    # the hint's list sits inside question 1's list item, in italics
    assert "1. Staff\n\n   *Count:*\n\n   3) *full time;*\n   4) *part time.*" in markdown


def test_docx_lists_are_word_lists(lists) -> None:
    import docx

    data = render(lists, "docx")
    package = zipfile.ZipFile(io.BytesIO(data))
    assert "word/numbering.xml" in package.namelist()
    assert 'PartName="/word/numbering.xml"' in package.read("[Content_Types].xml").decode()
    assert 'Target="numbering.xml"' in package.read("word/_rels/document.xml.rels").decode()
    document = docx.Document(io.BytesIO(data))
    numbered = [(p.text, p._p.pPr.numPr.numId.val, p._p.pPr.numPr.ilvl.val)
                for p in document.paragraphs
                if p._p.pPr is not None and p._p.pPr.numPr is not None]
    assert [text for text, _, _ in numbered] == ITEMS
    ids = [number for _, number, _ in numbered]
    assert [level for _, _, level in numbered] == [0, 0, 1, 1, 0, 0, 0, 0, 0]
    assert ids[0] == ids[1] == ids[-1] == 1  # bullets share one definition
    assert len({ids[2], ids[4], ids[6]}) == 3  # each numbered list starts afresh
    numbering = document.part.numbering_part.element.xml
    assert re.search(rf'w:numId="{ids[4]}">\s*<w:abstractNum[^>]*w:val="1"/>\s*'
                     r'<w:lvlOverride w:ilvl="0">\s*<w:startOverride w:val="3"/>', numbering)


def test_a_questionnaire_without_lists_has_no_numbering_part(msq2020) -> None:
    package = zipfile.ZipFile(io.BytesIO(render(msq2020, "docx")))
    assert "word/numbering.xml" not in package.namelist()
    assert "numbering" not in package.read("[Content_Types].xml").decode()


def test_the_business_survey_uses_lists() -> None:
    survey = load_questionnaire("business_survey")
    assert survey.introduction is not None and survey.introduction.has_lists
    assert Path(__file__).parent.joinpath("golden", "business-blank.md").read_text(
        encoding="utf-8").count("\n* the ") == 2
