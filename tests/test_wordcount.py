"""Tests for word counting (msqschema.responses.wordcount) and its portable pattern."""

from __future__ import annotations

import re
import sys
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from msqschema.responses.wordcount import (
    CJK_RANGES,
    count_characters,
    count_if_over,
    count_words,
    limit_pattern,
)


@pytest.mark.parametrize(("text", "words"), [
    ("", 0),
    ("   \n\t ", 0),
    ("one", 1),
    ("The government of Dushanbe has its own Facebook account", 9),
    ("e-government", 1),
    ("30-40 %", 1),
    ("https://www.medt.tj/ru/news?id=12 and www.medt.tj", 3),
    ("respondent@example.org", 1),
    ("- -- ... (see) § 5", 2),
    ("l'État, c'est moi.", 3),
    ("Министерство экономического развития", 3),
    ("电子政务", 4),
    ("デジタル庁", 5),
    ("전자정부 포털", 6),
    ("Word文書2", 4),
    ("100%。电子", 3),
    ("snake_case", 1),
    ("_ __", 0),
])
def test_words_are_counted_as_documented(text, words):
    assert count_words(text) == words


def test_every_cjk_character_is_a_word_even_punctuation_in_those_blocks():
    assert count_words("・ー") == 2
    assert count_words("⼀") == 1  # a Kangxi radical (a symbol, not a letter)


def test_the_cjk_ranges_are_ordered_and_do_not_overlap():
    ends = [bound for first, last, _ in CJK_RANGES for bound in (first, last)]
    assert ends == sorted(ends) and len(set(ends)) == len(ends)


def test_letters_and_digits_are_exactly_unicode_categories_l_and_n():
    letter_or_digit = re.compile(r"[^\W_]")
    for code in range(0, sys.maxunicode + 1, 7):
        char = chr(code)
        assert bool(letter_or_digit.match(char)) == (unicodedata.category(char)[0] in "LN")


no_deadline = settings(deadline=None)  # the first call compiles a pattern; machines are busy


@no_deadline
@given(st.text(), st.integers(min_value=1, max_value=40))
def test_count_if_over_agrees_with_count_words(text, limit):
    count = count_words(text)
    assert count_if_over(text, limit) == (count if count > limit else None)


@no_deadline
@given(st.lists(st.sampled_from(["word", "e-gov", "30-40", "-", "电子", "Ünïcödé", "x.org",
                                 "ไทย", "(a)", "…", "\u00a0", "\n", "  "])).map("".join),
       st.integers(min_value=1, max_value=12))
def test_the_portable_pattern_refuses_no_text_within_the_limit(text, limit):
    matches = re.search(limit_pattern(limit), text) is not None
    if count_words(text) <= limit:
        assert matches
    elif not re.search("ไทย", text):  # a script the pattern does not know is counted less
        assert not matches


@no_deadline
@given(st.text(max_size=300), st.integers(min_value=1, max_value=20))
def test_the_portable_pattern_never_counts_more_words_than_the_rule(text, limit):
    if count_words(text) <= limit:
        assert re.search(limit_pattern(limit), text) is not None


def test_the_portable_pattern_is_linear_on_long_texts_over_the_limit():
    text = "word " * 20_000 + "-" * 100_000
    assert re.search(limit_pattern(250), text) is None


def test_the_portable_pattern_is_valid_ecma_262_when_regress_is_installed():
    regress = pytest.importorskip("regress")
    pattern = regress.Regex(limit_pattern(3), flags="u")
    assert pattern.find("a b c") is not None
    assert pattern.find("a b c d") is None
    assert pattern.find("电子政务") is None


PYTHON_WHITESPACE = [chr(code) for code in range(sys.maxunicode + 1) if chr(code).isspace()]


@pytest.mark.parametrize("space", PYTHON_WHITESPACE, ids=lambda space: f"U+{ord(space):04X}")
def test_the_portable_pattern_separates_words_at_every_whitespace_the_rule_knows(space):
    """U+001F and U+0085 are whitespace to Python (and the rule) but not to ECMA-262's \\s: the
    pattern names every one, so that 251 words so separated are over a limit of 250 anywhere."""
    over, within = space.join(["word"] * 251), space.join(["word"] * 250)
    assert count_words(over) == 251
    assert re.search(limit_pattern(250), over) is None
    assert re.search(limit_pattern(250), within) is not None


def test_the_portable_pattern_counts_u001f_and_u0085_in_ecma_262_when_regress_is_installed():
    regress = pytest.importorskip("regress")
    pattern = regress.Regex(limit_pattern(3), flags="u")
    for space in ("\x1f", "\x85", "\x1c"):
        assert pattern.find(space.join("abcd")) is None
        assert pattern.find(space.join("abc")) is not None


@pytest.mark.parametrize("text, count", [
    ("abc", 3), ("Cafe\u0301", 4), ("Café", 4), ("👩\u200d💻", 1), ("🇫🇷🇩🇪", 2), ("👍🏽", 1),
    ("a\r\nb", 3), ("مَرْحَبًا", 5), ("電子政務", 4), ("", 0)])
def test_characters_are_counted_as_people_see_them(text, count):
    assert count_characters(text) == count


@given(st.text(st.characters(max_codepoint=127)) | st.text(st.sampled_from("a\r\n ")))
def test_ascii_text_is_counted_as_the_general_rule_counts_it(text):
    """ASCII answers take a short cut (code points less each CR LF's CR): the same count."""
    general = len(text) - len(re.findall("\r(?=\n)", text))
    assert count_characters(text) == general == count_characters(text + "é") - 1
