"""Markdown output, read back by a CommonMark parser with GitHub's tables, task lists and
footnotes."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections import Counter
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.tasklists import tasklists_plugin

from conftest import answer_leaves, everywhere
from msqschema.render import render
from msqschema.render.markdown import escape, quote

HOSTILE = ["<script>alert(1)</script>", "**bold** [x](javascript:alert(1))", "# heading",
           "| a | b |", "[^1] and [^dpidg]: note", "<https://evil.example>",
           "www.evil.example https://evil.example/x mail@evil.example", "`code` ~~gone~~ $x$",
           "&lt; &#60; &amp;", "1. one", "- item", "+ item", "> quote", "---", "=====", "***",
           "    indented", "```", "![img](https://evil.example/i.png)", "\\", "a  \nb\\\nc"]
"""Answers that must stay text: each would be markup if written into Markdown as is."""



class CommonMark(MarkdownIt):
    def normalizeLinkText(self, link: str) -> str:
        return link  # as CommonMark says: an autolink shows its URL as written, %20 and all


PARSER = (CommonMark("commonmark").enable(["table", "strikethrough"])
          .use(footnote_plugin).use(tasklists_plugin))
STRUCTURE_FREE = {"text", "softbreak", "inline"}


def tree(markdown: str) -> SyntaxTreeNode:
    return SyntaxTreeNode(PARSER.parse(markdown))


def text_of(node: SyntaxTreeNode, inline: bool = False) -> str:
    """The text a reader sees in a node: text tokens only (footnote references are dropped);
    blocks are separated by a space."""
    if node.type in ("text", "code_inline"):
        return node.content
    if node.type in ("softbreak", "hardbreak"):
        return " "
    inline = inline or node.type == "inline"
    return ("" if inline else " ").join(text_of(child, inline) for child in node.children)


def structure(markdown: str) -> Counter[str]:
    """How many of each kind of token (headings, links, lists ...) the parser finds."""
    found: Counter[str] = Counter()
    for token in PARSER.parse(markdown):
        found[token.type] += 1
        found.update(child.type for child in token.children or ())
    return Counter({kind: n for kind, n in found.items() if kind not in STRUCTURE_FREE})


def normal(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def blank(msq2020):
    return render(msq2020, "md")


@pytest.fixture(scope="module")
def filled(msq2020, tajikistan):
    return render(msq2020, "md", tajikistan)


def test_blank_has_title_sections_numbered_questions_and_task_lists(msq2020, blank):
    root = tree(blank)
    headings = [(node.tag, text_of(node)) for node in root.children if node.type == "heading"]
    assert headings[0] == ("h1", msq2020.title)
    assert [text for tag, text in headings[1:]] == [
        f"{section.numeral}. {section.title.plain()}" for section in msq2020.sections]
    numbers = [int(item.info) for node in root.children if node.type == "ordered_list"
               for item in node.children]
    assert numbers == [*range(1, 25), 1, 2]
    boxes = blank.count("- [ ] ")
    options = sum(len(q.options) for q in msq2020.questions() if q.type.endswith("choice"))
    assert boxes == options + 2 * 2 + 1  # options, two yes/no questions, the consent box
    assert blank.count("(maximum 250 words)") == 19


def test_blank_has_eleven_footnotes_in_order(msq2020, blank):
    tokens = PARSER.parse(blank)
    references = [child.meta["label"] for token in tokens for child in token.children or ()
                  if child.type == "footnote_ref"]
    assert references == [str(number) for number in range(1, 12)]
    definitions = [token for token in tokens if token.type == "footnote_open"]
    assert len(definitions) == 11
    root = tree(blank)
    block = next(node for node in root.children if node.type == "footnote_block")
    assert [normal(text_of(note)) for note in block.children] == [
        normal(note.text.plain()) for note in msq2020.footnotes]


def test_blank_holds_every_text_of_the_source(blank, source_texts):
    shown = normal(text_of(tree(blank)))
    missing = [text for text in source_texts if text not in shown]
    assert not missing


def test_filled_puts_every_answer_in_a_quote_under_its_question(msq2020, tajikistan, filled):
    quotes = quotes_by_question(msq2020, tree(filled))
    answered = {key: answer_leaves(value) for key, value in tajikistan.answers.items()}
    for key, texts in answered.items():
        for text in texts:
            assert text in quotes[key], (key, text)
    assert sum(map(len, answered.values())) == 40  # every answer of the file was checked
    assert quotes["digital_literacy_indicators"] == "Not answered"


def quotes_by_question(questionnaire: Any, root: SyntaxTreeNode) -> dict[str, str]:
    """The text of the quotes under each top-level question, found by its place in the document:
    header fields before section I, numbered questions as ordered list items, the unnumbered
    contact block of section X before its list."""
    found: dict[str, str] = {}
    sections = iter(questionnaire.sections)
    pending = [q for q in questionnaire.header if q.answerable]
    for node in root.children:
        if node.type == "heading" and node.tag == "h2":
            section = next(sections)
            pending = [q for q in section.questions if not q.numbered]
            numbered = {q.number: q for q in section.questions if q.numbered}
        elif node.type == "ordered_list":
            for item in node.children:
                found[numbered[item.info].id] = normal(quoted(item))
        elif pending and node.type in ("blockquote", "bullet_list"):
            question = pending[0]
            found[question.id] = normal(found.get(question.id, "") + " " + quoted(node))
            if node.type == "blockquote" or question.type == "contact":
                pending.pop(0)
    return found


def quoted(node: SyntaxTreeNode) -> str:
    if node.type == "blockquote":
        return " ".join(text_of(child) for child in node.walk() if child.type == "inline")
    return " ".join(quoted(child) for child in node.children)


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_answers_stay_text(msq2020, text):
    hostile = render(msq2020, "md", everywhere(msq2020, text))
    harmless = render(msq2020, "md", everywhere(msq2020, "x" * len(text)))
    assert structure(hostile) == structure(harmless)
    quotes = [normal(quoted(node)) for node in tree(hostile).walk() if node.type == "blockquote"]
    assert normal(text) in quotes


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed")
def test_hostile_answers_make_no_links_for_github(msq2020):
    """pandoc's GitHub Markdown reader also turns bare URLs and addresses into links."""

    def elements(markdown: str) -> Counter[str]:
        document = subprocess.run(["pandoc", "-f", "gfm+footnotes", "-t", "json"], input=markdown,
                                  capture_output=True, text=True, check=True).stdout
        found: Counter[str] = Counter()

        def walk(node: Any) -> None:
            if isinstance(node, dict):
                found[node.get("t", "")] += 1
                walk(node.get("c"))
            elif isinstance(node, list):
                for item in node:
                    walk(item)

        walk(json.loads(document)["blocks"])
        return Counter({kind: n for kind, n in found.items() if kind not in ("Str", "Space")})

    text = " ".join(HOSTILE[:10])
    assert elements(render(msq2020, "md", everywhere(msq2020, text))) == elements(
        render(msq2020, "md", everywhere(msq2020, "x")))


@given(st.text(alphabet=st.sampled_from("#*_-+=>`[]()!<&|~:/.@$\\^ \n\t1aw:;x") | st.characters(
    blacklist_categories=("Cs", "Cc"))))
def test_any_quoted_text_reads_back_as_itself(text):
    tokens = PARSER.parse(quote(text))
    kinds = {token.type for token in tokens} | {
        child.type for token in tokens for child in token.children or ()}
    assert kinds <= {"blockquote_open", "blockquote_close", "paragraph_open", "paragraph_close",
                     "inline", "text", "softbreak"}
    shown = " ".join(child.content for token in tokens for child in token.children or ()
                     if child.type == "text")
    assert normal(shown) == normal(text)


@pytest.mark.parametrize("text, expected", [
    ("# heading", "\\# heading"), ("1. one", "1\\. one"), ("31.07.2019", "31.07.2019"),
    ("30-40 %", "30-40 %"), ("- a\n= b", "\\- a\n\\= b"), ("a|b", "a\\|b"),
    ("https://x.org", "https\\://x.org"), ("www.x.org", "www\\.x.org"),
    ("**b** [x](javascript:alert(1))", "\\*\\*b\\*\\* \\[x\\](javascript:alert(1))"),
])
def test_escape(text, expected):
    assert escape(text) == expected


def test_a_hint_of_two_paragraphs_is_two_paragraphs_in_italics(tmp_path):
    from markdown_it import MarkdownIt

    from msqschema import load_questionnaire

    source = tmp_path / "hint.yaml"
    source.write_text("msqschema: 1\nid: h\ntitle: H\nlanguage: en\nsections:\n  - id: s\n"
                      "    title: S\n    questions:\n      - id: a\n        type: long_text\n"
                      '        hint: "First paragraph.\\n\\nSecond **paragraph**."\n',
                      encoding="utf-8")
    html = MarkdownIt("commonmark").render(render(load_questionnaire(source), "md"))
    assert "<p><em>First paragraph.</em></p>" in html
    assert "<p><em>Second <strong>paragraph</strong>.</em></p>" in html
    assert "*" not in html
