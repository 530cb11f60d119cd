"""LibreOffice reads the Arabic and Chinese Word forms: each converts to PDF (the Arabic one
used to hang LibreOffice when its language was set as w:val), and its text comes out in order."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata

import pytest

from msqschema import load_questionnaire
from msqschema.render import render

pytestmark = pytest.mark.libreoffice

MISSING = [program for program in ("soffice", "pdftotext") if shutil.which(program) is None]
if MISSING:
    pytest.skip(f"needs {' and '.join(MISSING)} (Debian packages libreoffice-writer-nogui and "
                "poppler-utils)", allow_module_level=True)

LANGUAGES = ("ar", "zh")
DROPPED = re.compile("[\u0627\u0623\u0625\u0622\u0644()\\s]")
"""Lam and the alefs (pdftotext spells the lam-alef ligature back as alef, lam), parentheses (it
gives those of right-to-left text mirrored) and whitespace (lines break where they may)."""


def skeleton(text: str) -> str:
    """Text as a PDF gives it back and as it was written compare equal: without whitespace,
    direction marks, combining marks, lam or alef, and parentheses; ligatures spelled out."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(char for char in text if unicodedata.category(char) not in ("Mn", "Cf"))
    return DROPPED.sub("", text)


@pytest.fixture(scope="module")
def pdf_texts(tmp_path_factory) -> dict[str, str]:
    """Language -> the skeleton of its PDF's text (in reading order: `-raw` gives Arabic words
    in the order they are drawn), LibreOffice converting both forms in one run."""
    folder = tmp_path_factory.mktemp("languages")
    paths = []
    for language in LANGUAGES:
        path = folder / f"msq2020-{language}.docx"
        path.write_bytes(render(load_questionnaire("msq2020", language=language), "docx"))
        paths.append(str(path))
    profile = (folder / "profile").as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--norestore",
                    "--convert-to", "pdf", "--outdir", str(folder / "pdf"), *paths],
                   check=True, capture_output=True, timeout=180)
    texts = {}
    for language in LANGUAGES:
        pdf = folder / "pdf" / f"msq2020-{language}.pdf"
        assert pdf.is_file(), f"LibreOffice did not convert the {language} form"
        texts[language] = skeleton(subprocess.run(
            ["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True,
            timeout=60).stdout)
    return texts


def words_in_order(words: list[str], text: str, start: int) -> tuple[int, int]:
    """Where the longest of `words` is in `text` after `start`, and how many of the words are
    around it (a text's words and lines come out in their order, but pdftotext may put an
    Arabic mark on a line of its own); (0, start) if the longest is not there."""
    anchor = text.find(max(words, key=len), start)
    if anchor < 0:
        return 0, start
    around = text[max(start, anchor - 300):anchor + 300]
    return sum(word in around for word in words), anchor


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_texts_come_out_in_order(pdf_texts, language):
    """The title, section titles and prompts, word by word, in the order of the questionnaire.
    pdftotext puts a few Arabic pieces (a shadda, a word cut by a shadda) on lines of their own,
    so three quarters of the words of each text must be found around it, not all."""
    questionnaire = load_questionnaire("msq2020", language=language)
    texts = [questionnaire.title]
    for section in questionnaire.sections:
        texts.append(section.title.plain())
        texts.extend(question.prompt.plain() for question in section.questions
                     if question.prompt and "[^" not in question.prompt.source)
    assert len(texts) > 30
    # Chinese has no spaces between words: its "words" are the runs between punctuation
    split = r"\s+" if language == "ar" else r"[\s，。？：、（）/]+"
    position, missing = 0, []
    for text in texts:
        words = [word for word in map(skeleton, re.split(split, text)) if len(word) > 1][:12]
        found, position = words_in_order(words, pdf_texts[language], position)
        if found < 0.75 * len(words):
            missing.append(text)
    assert missing == []


def test_the_fixed_texts_are_in_the_language(pdf_texts):
    assert skeleton("الصفحة 1 من") in pdf_texts["ar"]
    assert skeleton("第 1 页，共") in pdf_texts["zh"]
    assert "Page" not in pdf_texts["ar"] + pdf_texts["zh"]
