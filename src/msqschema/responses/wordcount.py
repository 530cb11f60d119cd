"""Word counts of answers, as word processors count them (docs/response-files.md#word-counts).

Every Chinese, Japanese or Korean character is one word. The rest of the text is split at
whitespace and at those characters; each piece holding a letter or a digit (Unicode categories
L and N) is one word, so a URL, an e-mail address, "30-40" or "e-government" is one word.
"""

from __future__ import annotations

import re
from functools import cache

from msqschema.patterns import pattern

CJK_RANGES: tuple[tuple[int, int, str], ...] = (
    (0x1100, 0x11FF, "Hangul Jamo"),
    (0x2E80, 0x2FDF, "CJK Radicals Supplement, Kangxi Radicals"),
    (0x3040, 0x30FF, "Hiragana, Katakana"),
    (0x3130, 0x318F, "Hangul Compatibility Jamo"),
    (0x31F0, 0x31FF, "Katakana Phonetic Extensions"),
    (0x3400, 0x4DBF, "CJK Unified Ideographs Extension A"),
    (0x4E00, 0x9FFF, "CJK Unified Ideographs"),
    (0xA960, 0xA97F, "Hangul Jamo Extended-A"),
    (0xAC00, 0xD7FF, "Hangul Syllables, Hangul Jamo Extended-B"),
    (0xF900, 0xFAFF, "CJK Compatibility Ideographs"),
    (0xFF66, 0xFFDC, "Halfwidth Katakana, Halfwidth Hangul"),
    (0x1B000, 0x1B16F, "Kana Supplement, Kana Extended-A, Small Kana Extension"),
    (0x20000, 0x3FFFF, "Supplementary and Tertiary Ideographic Planes"),
)
"""The characters that are each one word: (first, last, Unicode blocks)."""

CJK_CLASS = "".join(f"{chr(first)}-{chr(last)}" for first, last, _ in CJK_RANGES)
"""The CJK ranges as the inside of a regular expression character class."""



_cjk = pattern(f"[{CJK_CLASS}]")
_piece = pattern(rf"[^\s{CJK_CLASS}]+")
_letter_or_digit = pattern(r"[^\W_]")  # exactly the Unicode categories L and N


def count_words(text: str) -> int:
    """The number of words in `text`."""
    letter_or_digit = _letter_or_digit()
    pieces = sum(1 for found in _piece().findall(text) if letter_or_digit.search(found))
    return pieces + len(_cjk().findall(text))


def count_if_over(text: str, max_words: int) -> int | None:
    """The number of words in `text` if it is more than `max_words`, else None.

    Cheap for most texts: without CJK characters, whitespace-separated pieces bound the count,
    and a text of n characters has at most (n + 1) // 2 pieces.
    """
    pieces_within = (len(text) + 1) // 2 <= max_words or len(text.split()) <= max_words
    if pieces_within and (text.isascii() or not _cjk().search(text)):
        return None
    count = count_words(text)
    return count if count > max_words else None


# The portable approximation: letters and digits of the Latin, Greek, Cyrillic and Arabic
# scripts, every character Python's `\s` (so the rule) calls whitespace, named one by one since
# ECMA-262's `\s` lacks U+001C-U+001F and U+0085, and the main CJK blocks.
_PORTABLE_LETTER = (
    r"0-9A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0388-\u038a\u038c\u038e-\u03a1"
    r"\u03a3-\u03f5\u0400-\u0481\u048a-\u052f\u0620-\u064a\u0660-\u0669\u0671-\u06d3"
    r"\u1e00-\u1eff"
)
_PORTABLE_SPACE = r"\t\n\v\f\r\x1c-\x1f \x85\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_PORTABLE_CJK = r"\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af"


@cache
def limit_pattern(max_words: int) -> str:
    """A regular expression, portable between ECMA-262 and Python, for "at most `max_words`".

    It counts only letters and digits it knows, so it never counts more words than
    `count_words`: a generic JSON Schema validator using it may let an answer through that is
    over the limit in another script, but never refuses one within it.
    """
    letter, space, cjk = _PORTABLE_LETTER, _PORTABLE_SPACE, _PORTABLE_CJK
    gap = f"[^{letter}{cjk}]*"
    word = f"(?:[{cjk}]|[{letter}][^{space}{cjk}]*(?=[{space}{cjk}]|$))"
    return f"^{gap}(?:{word}{gap}){{0,{max_words}}}$"


joining = pattern(
    "[\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7\u0610-\u061a"
    "\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed\u0900-\u0903"
    "\u093a-\u094f\u0951-\u0957\u0962\u0963\u1ab0-\u1aff\u1dc0-\u1dff\u200d\u20d0-\u20ff"
    "\ufe00-\ufe0f\ufe20-\ufe2f\U0001f3fb-\U0001f3ff\U000e0020-\U000e007f]|\r(?=\n)")
"""What joins the character before it: combining marks (accents, Arabic vowel signs,
Devanagari signs), variation selectors, skin tones, tag characters, a zero-width joiner (and so
the character after it, see count_characters) and the CR of a CR LF."""


def count_characters(text: str) -> int:
    """The characters of `text` as people see them (docs/response-files.md#character-counts):
    code points, less those that join the one before (accents, emoji modifiers, a CR before an
    LF), a zero-width joiner and the character it joins on, and the second of a flag's two
    regional indicators."""
    if text.isascii():  # the usual answer: only a CR before an LF joins
        return len(text) - text.count("\r\n")
    joined = len(joining().findall(text)) + text.count("\u200d")
    flags = sum(len(run) // 2 for run in re.findall("[\U0001f1e6-\U0001f1ff]+", text))
    return len(text) - joined - flags
