"""The tree of a questionnaire text, and the parser that builds it with markdown-it-py.

A text is a tuple of blocks (paragraphs of inline nodes, and bulleted or numbered lists whose
items hold blocks in turn).

`Markup` (questionnaire.markup) parses its text here on first use. Renderers walk the tree
(each node has a ``kind``); problems come back as data with positions.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, ClassVar

from msqschema.frozen import frozen

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_inline import StateInline
    from markdown_it.token import Token

FOOTNOTE_ID = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*")
_FOOTNOTE_REF = re.compile(r"\[\^([^\[\]\\\n]*)\]")
_ALLOWED_HREF = re.compile(r"(?:https?://|mailto:)\S", re.IGNORECASE)


@frozen
class Plain:
    """Literal text."""

    kind: ClassVar[str] = "plain"
    text: str


@frozen
class Strong:
    """``**bold**`` text."""

    kind: ClassVar[str] = "strong"
    children: tuple[Inline, ...]


@frozen
class Emphasis:
    """``*italic*`` or ``_italic_`` text."""

    kind: ClassVar[str] = "emphasis"
    children: tuple[Inline, ...]


@frozen
class Link:
    """A link to an http, https or mailto target."""

    kind: ClassVar[str] = "link"
    href: str
    children: tuple[Inline, ...]


@frozen
class FootnoteRef:
    """A reference ``[^footnote_id]`` to a footnote defined elsewhere in the questionnaire."""

    kind: ClassVar[str] = "footnote_ref"
    footnote_id: str


Inline = Plain | Strong | Emphasis | Link | FootnoteRef


@frozen
class Paragraph:
    """A paragraph of inline nodes."""

    kind: ClassVar[str] = "paragraph"
    children: tuple[Inline, ...]


@frozen
class ItemList:
    """A bulleted or numbered list (numbered from `start`); each item is a tuple of blocks."""

    kind: ClassVar[str] = "list"
    ordered: bool
    start: int
    items: tuple[tuple[Block, ...], ...]


Block = Paragraph | ItemList


def _paragraphs(blocks: Iterable[Block]) -> Iterator[tuple[Inline, ...]]:
    """The inline nodes of every paragraph, list items' included, in reading order."""
    for block in blocks:
        if isinstance(block, Paragraph):
            yield block.children
        else:
            for item in block.items:
                yield from _paragraphs(item)


def _plain(nodes: Iterable[Inline]) -> str:
    return "".join(
        node.text if isinstance(node, Plain) else _plain(node.children)
        for node in nodes
        if not isinstance(node, FootnoteRef)
    )


def _footnote_ids(nodes: Iterable[Inline]) -> Iterator[str]:
    for node in nodes:
        if isinstance(node, FootnoteRef):
            yield node.footnote_id
        elif not isinstance(node, Plain):
            yield from _footnote_ids(node.children)


@frozen
class MarkupProblem:
    """A mistake in a text's markup (`code`: its kind), at a 0-based line and column within the
    text, with the situation of the L208 message (msqschema.problems.BAD_MARKUP) that says it and
    the message's values."""

    code: str
    line: int
    column: int
    situation: str = ""
    values: tuple[tuple[str, Any], ...] = ()

    @property
    def message(self) -> str:
        """The message, in words."""
        from msqschema.problems import BAD_MARKUP

        return BAD_MARKUP.message(self.situation, **dict(self.values))


def _footnote_ref(state: StateInline, silent: bool) -> bool:
    """Inline rule for ``[^id]``; ids are checked when the tree is built.

    In validation mode (used only to scan link texts) it declines: its brackets then count as
    balanced text, so that a link text may hold a reference.
    """
    match = _FOOTNOTE_REF.match(state.src, state.pos, state.posMax)
    if silent or match is None:
        return False
    token = state.push("footnote_ref", "", 0)
    token.content = match.group()
    token.meta = {"id": match.group(1), "offset": state.pos}
    state.pos = match.end()
    return True


def _with_offset(rule: Callable[[StateInline, bool], bool]) -> Callable[[StateInline, bool], bool]:
    """Wrap a link rule so that its ``link_open`` token records where the link starts."""

    def wrapped(state: StateInline, silent: bool) -> bool:
        start, count = state.pos, len(state.tokens)
        if not rule(state, silent):
            return False
        opening = next((t for t in state.tokens[count:] if t.type == "link_open"), None)
        if opening is not None:
            opening.meta["offset"] = start
        return True

    return wrapped


@functools.cache
def _parser() -> MarkdownIt:
    """The shared markdown-it parser: paragraphs, lists and the inline rules we allow, nothing
    else."""
    from markdown_it import MarkdownIt
    from markdown_it.rules_inline import autolink, link

    class Parser(MarkdownIt):
        def validateLink(self, url: str) -> bool:
            return True  # every target becomes a link token; the tree builder checks it

        def normalizeLinkText(self, link: str) -> str:
            return link  # autolink text stays as written

    md = Parser("zero").enable(["list", "newline", "escape", "emphasis", "link", "autolink"])
    md.inline.ruler.at("link", _with_offset(link))
    md.inline.ruler.at("autolink", _with_offset(autolink))
    md.inline.ruler.before("link", "footnote_ref", _footnote_ref)
    return md


class _Builder:
    """Turns the inline tokens of one paragraph into nodes, collecting problems."""

    def __init__(self, lines: list[str], block: Token, problems: list[MarkupProblem]) -> None:
        self.first_line = (block.map or (0, 0))[0]
        self.lines = lines
        self.content = block.content
        self.problems = problems

    def problem(self, code: str, offset: int, situation: str = "", **values: str) -> None:
        before = self.content[:offset]
        line = before.count("\n")
        # Each line of the content is the end of its source line (a list item's marker and
        # indentation dropped): it starts where the rest of that source line starts.
        content_line = self.content.split("\n")[line]
        source = self.lines[self.first_line + line]
        start = max(0, len(source.rstrip()) - len(content_line.rstrip()))
        column = start + len(before) - before.rfind("\n") - 1
        self.problems.append(MarkupProblem(code, self.first_line + line, column, situation,
                                           tuple(values.items())))

    def build(self, tokens: list[Token]) -> tuple[Inline, ...]:
        stack: list[list[Inline]] = [[]]
        opened: list[Token] = []
        for token in tokens:
            if token.type.endswith("_open"):
                opened.append(token)
                stack.append([])
            elif token.type.endswith("_close"):
                children = tuple(stack.pop())
                _extend(stack[-1], self.close(opened.pop(), children))
            elif token.type == "footnote_ref":
                _extend(stack[-1], self.footnote(token))
            elif token.type in ("softbreak", "hardbreak"):
                _extend(stack[-1], [Plain(" ")])
            else:
                _extend(stack[-1], [Plain(token.content)])
        return _strip(stack[0])

    def close(self, opening: Token, children: tuple[Inline, ...]) -> Iterable[Inline]:
        if opening.type == "strong_open":
            return [Strong(children)]
        if opening.type == "em_open":
            return [Emphasis(children)]
        href = str(opening.attrs.get("href", ""))
        if _ALLOWED_HREF.match(href):
            return [Link(href, children or (Plain(href),))]
        if href:
            self.problem("bad-link-scheme", opening.meta["offset"], href=href)
        else:
            self.problem("bad-link-scheme", opening.meta["offset"], "no_link_target")
        return children

    def footnote(self, token: Token) -> list[Inline]:
        if FOOTNOTE_ID.fullmatch(token.meta["id"]):
            return [FootnoteRef(token.meta["id"])]
        self.problem("bad-footnote-ref", token.meta["offset"], "footnote_id",
                     reference=token.content)
        return [Plain(token.content)]


def _extend(nodes: list[Inline], new: Iterable[Inline]) -> None:
    """Append nodes, merging adjacent plain text."""
    for node in new:
        if isinstance(node, Plain) and not node.text:
            continue
        if isinstance(node, Plain) and nodes and isinstance(nodes[-1], Plain):
            nodes[-1] = Plain(nodes[-1].text + node.text)
        else:
            nodes.append(node)


def _strip(nodes: list[Inline]) -> tuple[Inline, ...]:
    """Strip whitespace at the start and end of a paragraph."""
    if nodes and isinstance(nodes[0], Plain):
        nodes[0] = Plain(nodes[0].text.lstrip())
    if nodes and isinstance(nodes[-1], Plain):
        nodes[-1] = Plain(nodes[-1].text.rstrip())
    return tuple(node for node in nodes if not isinstance(node, Plain) or node.text)


@frozen
class ParsedText:
    """A text parsed: its blocks, the mistakes found in its markup, and where its lists start
    (as problems for texts that must be one phrase)."""

    blocks: tuple[Block, ...]
    problems: tuple[MarkupProblem, ...]
    list_problems: tuple[MarkupProblem, ...] = ()

    @property
    def paragraphs(self) -> tuple[tuple[Inline, ...], ...]:
        """Every paragraph's inline nodes, list items' included, in reading order."""
        return tuple(_paragraphs(self.blocks))

    def plain(self) -> str:
        """The text without markup; footnote references dropped, link texts kept."""
        return "\n\n".join(_plain(paragraph) for paragraph in self.paragraphs)

    def footnote_ids(self) -> tuple[str, ...]:
        """Referenced footnote ids in order of appearance, with repeats."""
        return tuple(_footnote_ids(node for paragraph in self.paragraphs for node in paragraph))


def parse(source: str) -> ParsedText:
    """Parse a questionnaire text into blocks and the problems found in its markup."""
    lines = source.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    problems: list[MarkupProblem] = []
    list_problems: list[MarkupProblem] = []
    containers: list[list[Block]] = [[]]  # the text, then each open list item
    lists: list[tuple[Token, list[tuple[Block, ...]]]] = []
    for token in _parser().parse(source):
        if token.type == "inline":
            paragraph = _Builder(lines, token, problems).build(token.children or [])
            if paragraph:
                containers[-1].append(Paragraph(paragraph))
        elif token.type in ("bullet_list_open", "ordered_list_open"):
            if not lists:
                list_problems.append(_list_start(lines, token))
            lists.append((token, []))
        elif token.type == "list_item_open":
            containers.append([])
        elif token.type == "list_item_close":
            item = tuple(containers.pop())
            if item:
                lists[-1][1].append(item)
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            opening, items = lists.pop()
            if items:
                start = int(opening.attrs.get("start", 1))
                containers[-1].append(ItemList(opening.type == "ordered_list_open", start,
                                               tuple(items)))
    return ParsedText(tuple(containers[0]), tuple(problems), tuple(list_problems))


def _list_start(lines: list[str], token: Token) -> MarkupProblem:
    """The problem of a list in a text that must be one phrase, at its first marker."""
    line = (token.map or (0, 0))[0]
    source = lines[line] if line < len(lines) else ""
    return MarkupProblem("list-in-phrase", line, len(source) - len(source.lstrip()),
                         "list_in_phrase")
