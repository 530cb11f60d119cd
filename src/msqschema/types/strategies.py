"""Hypothesis strategies for the answers the registry's entries draw (needs the `test` extra).

Free text has odd characters (control characters, emoji, non-breaking spaces), line breaks
where the type allows them and outer whitespace; formatted kinds (URL, e-mail, phone, date)
are drawn from their patterns. Every answer drawn is valid.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from hypothesis import strategies as st

if TYPE_CHECKING:
    from msqschema.types.choice import Detail

_WHITESPACE = re.compile(r"\s")

# A word: any characters but whitespace (control characters included), no CJK characters (each
# of those counts as a word), so that a text of n words stays within a word limit of n.
_word = st.text(st.characters(max_codepoint=0x2E7F, exclude_categories=["Cs"])
                | st.sampled_from("🎉𝄞ﷺ"), min_size=1, max_size=5).map(
    lambda word: _WHITESPACE.sub("", word) or "x")
_padding = st.sampled_from(["", " ", "\t", "\n", " \n ", "\u00a0"])
_FORMATS = {
    "url": st.from_regex(r"(https?://)?[a-z0-9]{1,8}(\.[a-z]{2,3}){1,2}(/[A-Za-z0-9_-]{1,8})?",
                         fullmatch=True),
    "email": st.from_regex(r"[a-z0-9._-]{1,8}@[a-z0-9-]{1,8}\.[a-z]{2,3}", fullmatch=True),
    "phone": st.from_regex(r"\+?[0-9]{3}( [0-9]{2,4}){1,3}( ext\. [0-9]{1,4})?", fullmatch=True),
    "date": st.builds(lambda day, style: day.strftime(style), st.dates(),
                      st.sampled_from(["%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y"])).filter(
        lambda text: len(text) == 10),
}


def texts(kind: str, max_words: int | None = None) -> st.SearchStrategy[str]:
    """A valid answer of a text kind; free text has odd characters, breaks and outer spaces."""
    if kind in _FORMATS:
        return _FORMATS[kind]
    from msqschema.types.text import TEXT_KINDS

    separators = [" ", "  ", "\t", " - "] + (["\n", "\n\n", "\r\n", "\n  "]
                                            if TEXT_KINDS[kind].multiline else [])
    pieces = st.lists(st.tuples(_word, st.sampled_from(separators)), min_size=1,
                      max_size=min(max_words or 8, 8))
    return st.builds(lambda pad, chosen: pad + "".join(word + glue for word, glue in chosen),
                     _padding, pieces)


def detail_texts(detail: Detail) -> st.SearchStrategy[str]:
    """A valid text of an option's detail (within its word and character limits)."""
    from msqschema.responses.wordcount import count_characters, count_words

    drawn = texts("long_text", detail.max_words)
    if detail.min_words or detail.max_chars or detail.min_chars:
        drawn = drawn.filter(lambda text: (
            count_words(text) >= (detail.min_words or 0)
            and (detail.min_chars or 0) <= count_characters(text) <= (detail.max_chars or 10**9)))
    return drawn
