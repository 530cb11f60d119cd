"""The catalog of the fixed texts the forms add: complete in every shipped language, with each
language's plural forms, and no English left in a translated form."""

from __future__ import annotations

import re
import zipfile
from io import BytesIO

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

import msqschema
from msqschema.render.messages import (
    MESSAGES_DIR,
    SCRIPT_MESSAGES,
    catalog_languages,
    messages_for,
    script_messages,
)
from msqschema.resources import data_dir
from msqschema.types.contact import CONTACT_FIELDS

LANGUAGES = ("fr", "ar", "zh")
KEYWORDS = {"_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}
PYTHON_TEXTS = {("list", ", "), ("list", " and "), "Page %(page)s of %(pages)s",
                *(label for _, label in CONTACT_FIELDS.values()), *SCRIPT_MESSAGES.values()}
"""The texts code takes from the catalog (msqschema.render.messages and docx, contact fields,
the HTML form's script)."""


def template_texts() -> set[object]:
    """Every text the built-in templates translate, as Babel extracts it."""
    method_map = [("**.j2", "jinja2"), ("docx/**.xml", "jinja2")]
    options = {"**": {"extensions": "jinja2.ext.i18n", "trim_blocks": "True",
                      "lstrip_blocks": "True"}}
    found: set[object] = set()
    for _, _, message, _, context in extract_from_dir(data_dir("templates"), method_map,
                                                      options, keywords=KEYWORDS):
        found.add((context, message) if context else message)
    return found


def catalog(language: str):
    with (MESSAGES_DIR / f"{language}.po").open("rb") as po:
        return read_po(po, locale=language)


def entries(language: str) -> set[object]:
    return {(message.context, message.id) if message.context else message.id
            for message in catalog(language) if message.id}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_fixed_text_is_translated(language):
    expected = template_texts() | PYTHON_TEXTS
    assert len(expected) > 40
    assert entries(language) == expected
    unfinished = [message.id for message in catalog(language)
                  if message.id and (message.fuzzy or not all(
                      message.string if isinstance(message.string, tuple)
                      else [message.string]))]
    assert unfinished == []


def test_the_catalog_languages():
    assert catalog_languages() == ["ar", "fr", "zh"]


def test_arabic_has_six_plural_forms():
    arabic = messages_for("ar")
    forms = [arabic.ngettext("Maximum %(num)d word", "Maximum %(num)d words", count)
             % {"num": count} for count in (0, 1, 2, 5, 11, 100)]
    assert forms == ["0 كلمة كحد أقصى", "كلمة واحدة كحد أقصى", "كلمتان كحد أقصى",
                     "5 كلمات كحد أقصى", "11 كلمة كحد أقصى", "100 كلمة كحد أقصى"]
    assert messages_for("zh").ngettext("Maximum %(num)d word", "Maximum %(num)d words", 2) == (
        "最多 %(num)d 个字")


def test_a_language_without_a_catalog_keeps_english():
    assert messages_for("de").gettext("Save answers") == "Save answers"
    assert messages_for("fr-CA").gettext("Save answers") == "Enregistrer les réponses"


def english_pieces(language: str) -> set[str]:
    """The words of the English catalog texts that the language translates differently."""
    pieces: set[str] = set()
    for message in catalog(language):
        if not message.id or message.context:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in ids:
            for piece in re.split(r"%\(\w+\)[sd]", text):
                piece = piece.strip(" :.()")
                if len(piece) > 1 and not any(piece in string for string in strings):
                    pieces.add(piece)
    return pieces


WORD_TEXTS = re.compile(r'<w:t(?: [^>]*)?>([^<]*)</w:t>|<w:alias w:val="([^"]*)"')


def visible_text(document: str | bytes) -> str:
    """The texts people read: of a Word form, its runs and the titles of its controls; of a
    page, all but its style sheet and script."""
    if isinstance(document, bytes):
        with zipfile.ZipFile(BytesIO(document)) as package:
            xml = "".join(package.read(name).decode() for name in package.namelist()
                          if name.startswith("word/") and name.endswith(".xml"))
        return "\n".join(run or alias for run, alias in WORD_TEXTS.findall(xml))
    return re.sub(r"<(style|script)>.*?</\1>", "", document, flags=re.DOTALL)


@pytest.mark.parametrize("format_name", ["html", "md", "docx"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_no_english_fixed_text_is_left(language, format_name):
    questionnaire = msqschema.load_questionnaire("msq2020", language=language)
    text = visible_text(msqschema.render(questionnaire, format_name))
    left = sorted(piece for piece in english_pieces(language)
                  if re.search(rf"(?<![\w-]){re.escape(piece)}(?![\w-])", text))
    assert left == []


def test_the_form_script_gets_its_texts_by_plural_category():
    arabic = script_messages("ar")
    assert set(arabic["saved"]) == {"zero", "one", "two", "few", "many", "other"}
    assert arabic["saved"]["two"] == "حُفظت إجابتان في %(file)s."
    assert set(script_messages("fr")["countWords"]) == {"one", "many", "other"}
    assert script_messages("de") == {}
