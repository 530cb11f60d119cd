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
from msqschema.i18n.catalogs import read_catalog
from msqschema.i18n.translate import translate
from msqschema.render.messages import (
    MESSAGES_DIR,
    SCRIPT_MESSAGES,
    catalog_languages,
    messages_for,
    script_messages,
)
from msqschema.resources import data_dir
from msqschema.types.contact import CONTACT_FIELDS

LANGUAGES = ("fr", "ar", "zh", "es", "ru")
QUESTIONNAIRE_LANGUAGES = ("fr", "ar", "zh")
"""The languages the MSQ 2020 itself is translated into (questionnaires/msq2020/*.po)."""
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
    assert catalog_languages() == ["ar", "es", "fr", "ru", "zh"]


def test_arabic_has_six_plural_forms():
    arabic = messages_for("ar")
    forms = [arabic.ngettext("Maximum %(num)d word", "Maximum %(num)d words", count)
             % {"num": count} for count in (0, 1, 2, 5, 11, 100)]
    assert forms == ["0 كلمة كحد أقصى", "كلمة واحدة كحد أقصى", "كلمتان كحد أقصى",
                     "5 كلمات كحد أقصى", "11 كلمة كحد أقصى", "100 كلمة كحد أقصى"]
    assert messages_for("zh").ngettext("Maximum %(num)d word", "Maximum %(num)d words", 2) == (
        "最多 %(num)d 个字")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_plural_forms_follow_the_languages_cldr_rules(language):
    from babel import Locale

    rule = Locale.parse(language).plural_form
    categories = [name for name in ("zero", "one", "two", "few", "many", "other")
                  if name in rule.tags or name == "other"]
    forms = catalog(language).get("Maximum %(num)d word").string
    assert len(forms) == len(categories)
    messages = messages_for(language)
    for count in (*range(1000), 1_000_000, 2_000_000):
        picked = messages.ngettext("Maximum %(num)d word", "Maximum %(num)d words", count)
        assert picked == forms[categories.index(rule(count))], count


def test_russian_has_one_few_and_many_forms():
    russian = messages_for("ru")
    forms = [russian.ngettext("Maximum %(num)d word", "Maximum %(num)d words", count)
             % {"num": count} for count in (1, 2, 5, 11, 21, 22, 25, 111, 1_000_000)]
    assert forms == ["Не более 1 слова", "Не более 2 слов", "Не более 5 слов",
                     "Не более 11 слов", "Не более 21 слова", "Не более 22 слов",
                     "Не более 25 слов", "Не более 111 слов", "Не более 1000000 слов"]
    assert [russian.ngettext("Saved %(num)d answer to %(file)s.",
                             "Saved %(num)d answers to %(file)s.", count)
            % {"num": count, "file": "a.yaml"} for count in (1, 3, 12)] == [
        "Сохранен 1 ответ в файле a.yaml.", "Сохранено 3 ответа в файле a.yaml.",
        "Сохранено 12 ответов в файле a.yaml."]


def test_spanish_says_de_after_a_million():
    spanish = messages_for("es")
    assert [spanish.ngettext("Maximum %(num)d word", "Maximum %(num)d words", count)
            % {"num": count} for count in (1, 0, 250, 1_000_000)] == [
        "Máximo 1 palabra", "Máximo 0 palabras", "Máximo 250 palabras",
        "Máximo 1000000 de palabras"]


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


def msq2020_in(language: str) -> msqschema.Questionnaire:
    """The MSQ 2020 in a language of the fixed texts: in its own translation where it has one,
    else with the Chinese translation's texts (no Latin letters to take for English) around
    the language's fixed texts."""
    if language in QUESTIONNAIRE_LANGUAGES:
        return msqschema.load_questionnaire("msq2020", language=language)
    chinese = data_dir("questionnaires") / "msq2020" / "zh.po"
    return translate(msqschema.load_questionnaire("msq2020"), read_catalog(chinese), language,
                     str(chinese))


@pytest.mark.parametrize("format_name", ["html", "md", "docx"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_no_english_fixed_text_is_left(language, format_name):
    questionnaire = msq2020_in(language)
    assert questionnaire.language == language
    text = visible_text(msqschema.render(questionnaire, format_name))
    left = sorted(piece for piece in english_pieces(language)
                  if re.search(rf"(?<![\w-]){re.escape(piece)}(?![\w-])", text))
    assert left == []


def test_the_form_script_gets_its_texts_by_plural_category():
    arabic = script_messages("ar")
    assert set(arabic["saved"]) == {"zero", "one", "two", "few", "many", "other"}
    assert arabic["saved"]["two"] == "حُفظت إجابتان في %(file)s."
    assert set(script_messages("fr")["countWords"]) == {"one", "many", "other"}
    assert script_messages("ru")["countWords"]["few"] == "%(count)d из %(num)d слов"
    assert set(script_messages("ru")["countWords"]) == {"one", "few", "many"}
    assert script_messages("de") == {}
