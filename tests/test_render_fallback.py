"""A translation's fallback to the source text is marked with its own language: `lang` (and
`dir` where the direction differs) in HTML, `w:lang` on its runs in Word, never `w:rtl` for
English runs in an Arabic form."""

from __future__ import annotations

import pickle
import re
import zipfile
from io import BytesIO

import pytest

import msqschema
from msqschema.i18n.catalogs import read_catalog
from msqschema.i18n.translate import translate
from msqschema.resources import data_dir

LEFT_OUT = ("introduction", "sections/institutional_framework/questions/national_portal/prompt",
            "sections/strategy_implementation/questions/strategy_features/options/"
            "implementation_plan/label", "footnotes/e_government")
"""Texts of the MSQ 2020 whose translation the tests take away."""


def with_fallback(language: str) -> msqschema.Questionnaire:
    """The MSQ 2020 in a language, the LEFT_OUT texts left in English (`--fallback`)."""
    path = data_dir("questionnaires") / "msq2020" / f"{language}.po"
    catalog = read_catalog(path)
    for context in LEFT_OUT:
        message = next(message for message in catalog if message.context == context)
        message.string = ""
    return translate(msqschema.load_questionnaire("msq2020"), catalog, language, str(path),
                     fallback=True)


@pytest.fixture(scope="module")
def arabic():
    return with_fallback("ar")


@pytest.fixture(scope="module")
def french():
    return with_fallback("fr")


def test_only_the_fallback_texts_carry_a_language(arabic):
    marked = [text.source[:20] for text in arabic.texts() if text.language]
    assert marked == ["The objective of thi", "What is the official",
                      "has an implementatio"]
    assert [note.text.language for note in arabic.footnotes if note.id == "e_government"] == [
        "en"]


def test_html_marks_english_texts_in_an_arabic_page_with_lang_and_dir(arabic):
    page = msqschema.render(arabic, "html")
    assert '<html lang="ar" dir="rtl">' in page
    assert '<p lang="en" dir="ltr">The objective of this questionnaire' in page
    assert re.search(r'<span lang="en" dir="ltr">What is the official <strong>e-government'
                     r'</strong><sup class="fnref">', page)
    assert '<span lang="en" dir="ltr">has an implementation plan.</span>' in page
    assert re.search(r'<li id="fn-\d+"><span lang="en" dir="ltr">', page)
    assert page.count('lang="en"') == len(LEFT_OUT)


def test_html_marks_english_texts_in_a_french_page_with_lang_only(french):
    page = msqschema.render(french, "html")
    assert '<p lang="en">The objective of this questionnaire' in page
    assert '<span lang="en">What is the official <strong>e-government' in page
    assert 'dir="ltr"' not in page
    assert page.count('lang="en"') == len(LEFT_OUT)


def document_runs(docx: bytes, part: str = "word/document.xml") -> list[tuple[str, str]]:
    """The (properties, text) of each run of a part."""
    with zipfile.ZipFile(BytesIO(docx)) as package:
        xml = package.read(part).decode()
    return re.findall(r"<w:r>(<w:rPr>.*?</w:rPr>)?<w:t[^>]*>([^<]*)</w:t></w:r>", xml)


def test_word_runs_of_english_texts_say_their_language_and_are_not_right_to_left(arabic):
    docx = msqschema.render(arabic, "docx")
    runs = document_runs(docx)
    english = [(properties, text) for properties, text in runs if "<w:lang" in properties]
    assert english[0][0] == '<w:rPr><w:lang w:val="en-US"/></w:rPr>'
    assert english[0][1].startswith("The objective of this questionnaire is to gather")
    assert ('<w:rPr><w:b/><w:lang w:val="en-US"/></w:rPr>', "e-government") in english
    assert ('<w:rPr><w:lang w:val="en-US"/></w:rPr>', "has an implementation plan.") in english
    assert not any("<w:rtl/>" in properties for properties, _ in english)
    arabic_runs = [(properties, text) for properties, text in runs
                   if re.match(r"[\u0600-\u06ff]", text) and "PlaceholderText" not in properties]
    assert arabic_runs and all("<w:rtl/>" in properties and "<w:lang" not in properties
                               for properties, _ in arabic_runs)
    notes = document_runs(docx, "word/footnotes.xml")
    assert any("<w:lang w:val=\"en-US\"/>" in properties for properties, _ in notes)


def parts(docx: bytes) -> tuple[str, str]:
    with zipfile.ZipFile(BytesIO(docx)) as package:
        return tuple(package.read(name).decode()  # type: ignore[return-value]
                     for name in ("word/document.xml", "word/footnotes.xml"))


def test_word_paragraphs_of_english_texts_in_an_arabic_form_are_left_to_right(arabic, french):
    document, notes = parts(msqschema.render(arabic, "docx"))
    intro = document.index("The objective of this")
    paragraph = document[document.rindex("<w:p>", 0, intro):intro]
    assert '<w:pPr><w:pStyle w:val="Normal"/><w:bidi w:val="0"/></w:pPr>' in paragraph
    assert document.count('<w:bidi w:val="0"/>') == 1  # the introduction, one paragraph
    note = notes.index("E-government or digital")
    assert '<w:bidi w:val="0"/>' in notes[notes.rindex("<w:p>", 0, note):note]
    assert notes.count('<w:bidi w:val="0"/>') == 1
    assert "<w:bidi" not in "".join(parts(msqschema.render(french, "docx")))


def test_a_complete_translation_marks_nothing():
    arabic = msqschema.load_questionnaire("msq2020", language="ar")
    assert not any(text.language for text in arabic.texts())
    assert "<w:lang" not in "".join(properties for properties, _ in
                                    document_runs(msqschema.render(arabic, "docx")))
    assert 'lang="en"' not in msqschema.render(arabic, "html")


def test_a_plain_text_left_in_english_is_marked_too(tmp_path):
    """The title (a plain text, like units and column labels) keeps its language when it falls
    back, through the stored questionnaire too."""
    path = data_dir("questionnaires") / "msq2020" / "ar.po"
    catalog = read_catalog(path)
    for message in catalog:
        if message.context == "title" or str(message.context).endswith(
                "/education/columns/url/label"):
            message.string = ""
    arabic = translate(msqschema.load_questionnaire("msq2020"), catalog, "ar", str(path),
                       fallback=True)
    assert pickle.loads(pickle.dumps(arabic)).title.language == "en"
    page = msqschema.render(arabic, "html")
    assert '<h1 lang="en" dir="ltr">Member States Questionnaire (MSQ)' in page
    assert page.count('<th scope="col" lang="en" dir="ltr">URL</th>') == 1
    with zipfile.ZipFile(BytesIO(msqschema.render(arabic, "docx"))) as package:
        document = package.read("word/document.xml").decode()
        header = package.read("word/header1.xml").decode()
    for part in (document, header):
        assert ('<w:bidi w:val="0"/></w:pPr><w:r><w:rPr><w:lang w:val="en-US"/></w:rPr>'
                '<w:t xml:space="preserve">Member States Questionnaire (MSQ)') in part
