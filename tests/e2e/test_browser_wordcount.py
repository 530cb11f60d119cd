"""The form's word counter (JavaScript, in Chromium) counts exactly as `msqschema validate` does."""

from __future__ import annotations

import unicodedata

import pytest

from msqschema.render import render
from msqschema.responses.wordcount import count_words

pytestmark = pytest.mark.chromium

SAMPLES = [
    "", "   ", "one", "two words", "30-40 %", "e-government", "www.medt.tj, mehnat.tj",
    "https://unstats.un.org/sdgs/indicators/Global%20Indicator.pdf", "respondent@example.org",
    "— – … ? !", "_ __ ___", "a_b", "中文字", "日本語のテキスト", "한국어 텍스트", "AI技术", "A技B",
    "mix 中文 and English", "ｆｕｌｌｗｉｄｔｈ ｶﾀｶﾅ", "emoji 😀 test 👍🏽", "nbsp\u00a0sep",
    "ideo\u3000space",
    "zero\u200bwidth", "sep\x1cchar", "\ufeffbom", "١٢٣ ٤", "Ⅷ ½ ǅ", "e\u0301 n\u0303", "⺀ ⼀ ・",
    "line\nbreak\ttab\r\nwindows", "𠀀𠀁 x", "Ministry of Economic Development and Trade",
]

LAST = 0x3FFFF
"""The last code point compared one by one: the planes that hold letters and CJK characters."""


@pytest.fixture(scope="module")
def counter(browser, tmp_path_factory, msq2020):
    form = tmp_path_factory.mktemp("wordcount") / "blank.html"
    form.write_text(render(msq2020, "html"), encoding="utf-8")
    page = browser.new_page()
    page.goto(form.as_uri())
    yield page
    page.close()


def test_samples_count_alike(counter):
    counted = counter.evaluate("texts => texts.map(window.msqschema.countWords)", SAMPLES)
    expected = [count_words(text) for text in SAMPLES]
    assert list(zip(SAMPLES, counted, strict=True)) == list(zip(SAMPLES, expected, strict=True))


def test_every_character_counts_alike(counter):
    """Each assigned character alone, and between two letters ("a" + c + "b"): whether it is a
    word, a separator or a word of its own is the same in both counters."""
    script = """last => {
      const count = window.msqschema.countWords, out = [];
      for (let code = 0; code <= last; code++) {
        if (code >= 0xD800 && code <= 0xDFFF) { out.push("00"); continue; }
        const c = String.fromCodePoint(code);
        out.push(String(count(c)) + String(count("a" + c + "b")));
      }
      return out.join("");
    }"""
    browser_counts = counter.evaluate(script, LAST)
    differences = []
    for code in range(LAST + 1):
        char = chr(code)
        if unicodedata.category(char) in ("Cn", "Cs"):
            continue  # unassigned in Python's Unicode: the browser's may be newer
        expected = f"{count_words(char)}{count_words('a' + char + 'b')}"
        if browser_counts[2 * code:2 * code + 2] != expected:
            differences.append(f"U+{code:04X} {unicodedata.name(char, '?')}")
    assert differences == []
