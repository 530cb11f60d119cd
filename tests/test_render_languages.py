"""Rendering in a language: the translated texts, and the direction and script of the language
in every format (right to left for Arabic, East Asian fonts and tags for Chinese)."""

from __future__ import annotations

import re
import shutil
import zipfile
from io import BytesIO
from pathlib import Path

import pytest
from click.testing import CliRunner

import msqschema
from msqschema.cli import cli
from msqschema.i18n.translate import TranslationError
from msqschema.render.messages import catalog_languages
from msqschema.render.writing import COMMON, babel_writing, writing_of

EXAMPLES = Path(__file__).parent / "examples" / "translations"


def part(docx: bytes, name: str) -> str:
    with zipfile.ZipFile(BytesIO(docx)) as package:
        return package.read(name).decode("utf-8")


@pytest.mark.parametrize(("code", "tag", "direction", "font"), [
    ("ar", "ar-EG", "rtl", None), ("he", "he-IL", "rtl", None), ("fa", "fa-IR", "rtl", None),
    ("ur", "ur-PK", "rtl", None), ("zh", "zh-CN", "ltr", "Microsoft YaHei"),
    ("zh-Hant", "zh-TW", "ltr", "Microsoft JhengHei"), ("ja", "ja-JP", "ltr", "Yu Gothic"),
    ("fr", "fr-FR", "ltr", None), ("pt-BR", "pt-BR", "ltr", None), ("qq", "qq", "ltr", None),
])
def test_how_a_language_is_written(code, tag, direction, font):
    writing = writing_of(code)
    assert (writing.tag, writing.direction, writing.east_asian_font) == (tag, direction, font)


def test_the_common_languages_are_written_as_babel_says():
    """English and every language with a catalog are known without Babel's locale data."""
    assert set(COMMON) == {"en", *catalog_languages()}
    for code in COMMON:
        assert writing_of(code) == babel_writing(code)


@pytest.fixture(scope="module")
def arabic():
    return msqschema.load_questionnaire("msq2020", language="ar")


@pytest.fixture(scope="module")
def chinese():
    return msqschema.load_questionnaire("msq2020", language="zh")


def test_render_takes_a_language(msq2020):
    html = msqschema.render(msq2020, "html", language="fr")
    assert '<html lang="fr">' in html
    assert "<h1>Questionnaire aux États Membres" in html
    assert msqschema.render(msq2020, "html", language="en") == msqschema.render(msq2020, "html")


def test_the_arabic_page_is_right_to_left_and_english_says_no_direction(msq2020, arabic):
    assert '<html lang="ar" dir="rtl">' in msqschema.render(arabic, "html")
    assert '<html lang="en">' in msqschema.render(msq2020, "html")


def test_the_page_mirrors_through_logical_properties(msq2020):
    css = msqschema.render(msq2020, "html").split("<style>")[1].split("</style>")[0]
    assert not re.findall(r"(?:margin|padding|border)-(?:left|right)|text-align: (?:left|right)",
                          css)


def test_answers_take_their_own_direction(msq2020):
    html = msqschema.render(msq2020, "html", {"answers": {"country": "مصر", "portal":
                                                          "https://gov.eg"}})
    assert '<div class="answer">مصر</div>' in html
    assert "unicode-bidi: plaintext;" in html.split("<style>")[1].split(".answer {")[1]
    assert 'name="country" dir="auto"' in msqschema.render(msq2020, "html")


def test_the_arabic_word_form_is_right_to_left(arabic):
    docx = msqschema.render(arabic, "docx")
    styles, document = part(docx, "word/styles.xml"), part(docx, "word/document.xml")
    assert '<w:pPrDefault><w:pPr><w:bidi/>' in styles
    assert '<w:lang w:val="en-US" w:bidi="ar-EG"/>' in styles  # LibreOffice hangs on w:val="ar"
    assert '<w:themeFontLang w:val="en-US" w:bidi="ar-EG"/>' in part(docx, "word/settings.xml")
    assert document.count("<w:tbl>") == document.count("<w:bidiVisual/>") > 0
    title = arabic.title
    assert f'<w:r><w:rPr><w:rtl/></w:rPr><w:t xml:space="preserve">{title}</w:t>' in document
    assert '<w:b/><w:bCs/><w:rtl/>' in document  # bold Arabic is bold in its own script too
    assert 'RTL"/>' not in document  # the plain answer styles are already right to left


def test_latin_runs_stay_left_to_right_in_an_arabic_form(arabic):
    document = part(msqschema.render(arabic, "docx"), "word/document.xml")
    assert re.search(r'<w:r><w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr><w:t xml:space='
                     r'"preserve">[a-z]', document)


def test_the_chinese_word_form_has_east_asian_fonts_and_language(chinese):
    docx = msqschema.render(chinese, "docx")
    styles = part(docx, "word/styles.xml")
    assert 'w:eastAsia="Microsoft YaHei"' in styles
    assert '<w:lang w:val="en-US" w:eastAsia="zh-CN"/>' in styles
    assert "<w:pPrDefault><w:pPr><w:spacing" in styles  # left to right
    assert "<w:bidiVisual/>" not in part(docx, "word/document.xml")


def test_an_english_word_form_says_only_its_language(msq2020):
    docx = msqschema.render(msq2020, "docx")
    assert '<w:lang w:val="en"/>' in part(docx, "word/styles.xml")
    assert "<w:rtl/>" not in part(docx, "word/document.xml")


def test_markdown_notes_the_direction_it_cannot_carry(msq2020, arabic):
    assert msqschema.render(arabic, "md").startswith(
        "<!-- مكتوب من اليمين إلى اليسار. لا تستطيع لغة Markdown تحديد الاتجاه")
    assert msqschema.render(msq2020, "md").startswith("# ")


def test_render_refuses_an_incomplete_translation_unless_asked_to_fall_back(tmp_path):
    shutil.copy(EXAMPLES / "survey.yaml", tmp_path / "survey.yaml")
    (tmp_path / "survey").mkdir()
    shutil.copy(EXAMPLES / "invalid" / "missing-entry.po", tmp_path / "survey" / "fr.po")
    survey = msqschema.load_questionnaire(tmp_path / "survey.yaml")
    with pytest.raises(TranslationError):
        msqschema.render(survey, "html", language="fr")
    assert "Enquête sur les services numériques" in msqschema.render(survey, "html",
                                                                     language="fr", fallback=True)


def test_the_render_command_takes_a_language(tmp_path):
    out = tmp_path / "msq2020-ar.html"
    result = CliRunner().invoke(cli, ["render", "--language", "ar", "-o", str(out)])
    assert (result.exit_code, result.output) == (0, f"form written to {out}\n")
    assert '<html lang="ar" dir="rtl">' in out.read_text(encoding="utf-8")


def test_the_render_command_lists_what_a_translation_lacks(tmp_path):
    shutil.copy(EXAMPLES / "survey.yaml", tmp_path / "survey.yaml")
    (tmp_path / "survey").mkdir()
    po = tmp_path / "survey" / "fr.po"
    shutil.copy(EXAMPLES / "invalid" / "untranslated.po", po)
    survey = str(tmp_path / "survey.yaml")
    result = CliRunner().invoke(cli, ["render", survey, "--language", "fr", "-f", "md"])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0] == (f"msqschema: the translation into fr cannot be used (`msqschema i18n "
                        f"check {survey}` lists its problems; --fallback keeps the source text "
                        "where one is missing):")
    assert len(lines) == 2 and lines[1].startswith(f"{po}:23:")
    assert "[T102]" in lines[1]
    result = CliRunner().invoke(cli, ["render", survey, "--language", "fr", "-f", "md",
                                      "--fallback"])
    assert result.exit_code == 0
    assert result.output.startswith("# Enquête sur les services numériques\n")


def test_the_schema_command_takes_a_language():
    result = CliRunner().invoke(cli, ["schema", "--language", "fr"])
    assert result.exit_code == 0
    assert '"title": "Réponse : Questionnaire aux États Membres' in result.output
    assert '"patternErrorMessage": "Ce n’est pas une adresse web telle que' in result.output
    result = CliRunner().invoke(cli, ["schema", "--language", "xx"])
    assert result.exit_code == 2
    folder = Path(msqschema.__file__).parents[2] / "questionnaires" / "msq2020"
    assert result.output.endswith(f"no translation into 'xx' (available in {folder}: ar, fr, "
                                  "zh)\n")


def test_a_french_word_form_extracts_as_the_english_one(msq2020, tajikistan):
    french = msqschema.load_questionnaire("msq2020", language="fr")
    english_form = msqschema.extract(msqschema.render(msq2020, "docx", tajikistan))
    french_form = msqschema.extract(msqschema.render(french, "docx", tajikistan))
    assert french_form.answers == english_form.answers == tajikistan.answers
    assert french_form.problems == english_form.problems == ()  # no French "typed outside"
