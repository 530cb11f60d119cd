"""The catalog of the fixed texts the forms add: complete in every shipped language, with each
language's plural forms, and no English left in a translated form."""

from __future__ import annotations

import dataclasses
import json
import re
import zipfile
from io import BytesIO
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir, extract_from_file
from babel.messages.pofile import read_po

import msqschema
from msqschema.i18n.catalogs import read_catalog
from msqschema.i18n.texts import map_texts
from msqschema.i18n.translate import translate
from msqschema.render.messages import (
    MESSAGES_DIR,
    SCRIPT_MESSAGES,
    catalog_languages,
    messages_for,
    script_messages,
    wording_for,
)
from msqschema.resources import data_dir
from msqschema.responses.schema import UNANSWERED, response_schema
from msqschema.types.contact import CONTACT_FIELDS
from msqschema.types.number import RANGE_TEXTS
from msqschema.types.text import TEXT_TYPES

LANGUAGES = ("fr", "ar", "zh", "es", "ru")
QUESTIONNAIRE_LANGUAGES = ("fr", "ar", "zh")
"""The languages the MSQ 2020 itself is translated into (questionnaires/msq2020/*.po)."""
KEYWORDS = {"_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}
PYTHON_TEXTS = {("list", ", "), ("list", " and "), "Page %(page)s of %(pages)s",
                ("bound", "the answer to %(question)s"),
                *(label for _, label in CONTACT_FIELDS.values()), *SCRIPT_MESSAGES.values(),
                *(text for texts in RANGE_TEXTS.values() for text in texts),
                ("%(range)s, at most %(num)d decimal place",
                 "%(range)s, at most %(num)d decimal places"), "%(range)s, in %(unit)s",
                "Response to %(title)s", "The id of the questionnaire answered.",
                "Answers to the questionnaire %(id)s: see docs/response-files.md. A missing or "
                "null answer is unanswered.", UNANSWERED, "Asked only if %(condition)s.",
                "Ticked options of %(question)s", "The detail of %(option)s",
                "Details of the options of %(question)s",
                "Explanation of %(question)s", "Not %(expected)s", "Required.",
                "Required when asked.", "Required if %(condition)s.",
                "%(requirement)s (Only msqschema validate checks this: JSON Schema cannot say it "
                "exactly.)",
                ("More than %(num)d word", "More than %(num)d words"),
                *(kind.expected for kind in TEXT_TYPES if kind.expected)}
"""The texts code takes from the catalog (msqschema.render.messages and docx, contact fields,
the HTML form's script, the number types' ranges in words, the JSON Schema's annotations)."""


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


CONDITION_KEYWORDS = {"pgettext": ((1, "c"), 2), "phrase": ((1, "c"), 2),
                      "plural_phrase": ((1, "c"), 2, 3)}
CONDITION_MODULES = ("condition_words.py", "render/condition_lines.py")
"""The modules that say conditions in words, with the catalog texts they mark."""


def condition_texts() -> set[object]:
    """Every text the conditions in words take from the catalog, as Babel extracts it."""
    root = Path(msqschema.__file__).parent
    found: set[object] = set()
    for module in CONDITION_MODULES:
        for _, message, _, context in extract_from_file("python", root / module,
                                                         keywords=CONDITION_KEYWORDS):
            found.add((context, message) if context else message)
    return found


def test_the_conditions_in_words_are_catalog_texts():
    texts = condition_texts()
    assert ("condition", "Answer only if %(condition)s.") in texts
    assert ("list", " or ") in texts
    assert len(texts) == 54  # 48 sentence shapes and words, the quotation marks of values,
    # the separators of conditions (3) and of values (2 more)


def catalog(language: str):
    with (MESSAGES_DIR / f"{language}.po").open("rb") as po:
        return read_po(po, locale=language)


def entries(language: str) -> set[object]:
    return {(message.context, message.id) if message.context else message.id
            for message in catalog(language) if message.id}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_fixed_text_is_translated(language):
    expected = template_texts() | PYTHON_TEXTS | condition_texts()
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


def business_survey_in(language: str) -> msqschema.Questionnaire:
    """The business survey (numbers of every kind, with bounds and decimals), its own texts
    replaced by a mark that is no English word, around the fixed texts of a language."""
    return map_texts(msqschema.load_questionnaire("business_survey"), lambda text: "※",
                     language=language)


def english_left(questionnaire: msqschema.Questionnaire, format_name: str) -> list[str]:
    """The English catalog texts found in the questionnaire's form in its language."""
    text = visible_text(msqschema.render(questionnaire, format_name))
    return sorted(piece for piece in english_pieces(questionnaire.language)
                  if re.search(rf"(?<![\w-]){re.escape(piece)}(?![\w-])", text))


@pytest.mark.parametrize("format_name", ["html", "md", "docx"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_no_english_fixed_text_is_left(language, format_name):
    questionnaire = msq2020_in(language)
    assert questionnaire.language == language
    assert english_left(questionnaire, format_name) == []


@pytest.mark.parametrize("format_name", ["html", "md", "docx"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_no_english_is_left_around_numbers(language, format_name):
    assert english_left(business_survey_in(language), format_name) == []


def test_the_english_check_finds_english_number_ranges():
    english = visible_text(msqschema.render(business_survey_in("en"), "md"))
    assert {"a whole number of at least", ", at most", "decimal place", "only this one"} <= {
        piece for piece in english_pieces("fr") if piece in english}


@pytest.mark.parametrize(("language", "expected"), [
    ("en", ["A whole number of at least 0", "A whole number from 0 to the answer to 2",
            "An amount in EUR of at least 0",
            "A percentage from 0 to 100, at most 1 decimal place",
            "A number from 0 to 80, at most 1 decimal place"]),
    ("fr", ["Un nombre entier supérieur ou égal à 0",
            "Un nombre entier de 0 à la réponse à la question 2",
            "Un montant en EUR supérieur ou égal à 0",
            "Un pourcentage de 0 à 100, avec 1 décimale au plus",
            "Un nombre de 0 à 80, avec 1 décimale au plus"]),
    ("ru", ["Целое число не меньше 0", "Целое число от 0 до ответа на вопрос 2",
            "Сумма в EUR не меньше 0",
            "Процентная доля от 0 до 100, не более 1 знака после запятой",
            "Число от 0 до 80, не более 1 знака после запятой"]),
    ("zh", ["不小于 0 的整数", "0 至 问题 2 的回答 之间的整数", "以 EUR 计、不小于 0 的金额",
            "0 至 100 之间的百分比，最多 1 位小数", "0 至 80 之间的数值，最多 1 位小数"]),
])
def test_number_ranges_in_words(language, expected):
    page = msqschema.render(business_survey_in(language), "html")
    ranges = re.findall(r'<p class="limit" id="[\w.]+-range">([^<]*)</p>', page)
    assert list(dict.fromkeys(ranges)) == expected


EVERY_TYPE = Path(__file__).parent / "examples" / "questionnaires" / "valid" / "every-type.yaml"
SHOWN = {"title", "description", "patternErrorMessage", "enumDescriptions",
         "markdownEnumDescriptions"}


def schema_texts(schema: object) -> list[str]:
    """The texts of a JSON Schema that editors show: titles, descriptions, messages."""
    if isinstance(schema, list):
        return [text for item in schema for text in schema_texts(item)]
    if not isinstance(schema, dict):
        return []
    found = []
    for key, value in schema.items():
        if key in SHOWN:
            found.extend([value] if isinstance(value, str) else value)
        elif key != "properties" or isinstance(value, dict):
            found.extend(schema_texts(value))
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_english_is_left_in_the_json_schema(language):
    every_type = map_texts(msqschema.load_questionnaire(EVERY_TYPE), lambda text: "※",
                           language=language)
    texts = "\n".join(schema_texts(response_schema(every_type)))
    assert "patternErrorMessage" in json.dumps(response_schema(every_type))
    left = sorted(piece for piece in english_pieces(language)
                  if re.search(rf"(?<![\w-]){re.escape(piece)}(?![\w-])", texts))
    assert left == []


def test_the_english_check_finds_the_english_json_schema():
    every_type = map_texts(msqschema.load_questionnaire(EVERY_TYPE), lambda text: "※",
                           language="en")
    texts = "\n".join(schema_texts(response_schema(every_type)))
    assert {"Not", "a web address such as https://example.org or www.example.org",
            "More than", "words", "Ticked options of", "Unanswered"} <= {
        piece for piece in english_pieces("ru") if piece in texts}


@pytest.mark.parametrize(("language", "url", "long_text"), [
    ("en", "Not a web address such as https://example.org or www.example.org",
     "(Maximum 250 words)"),
    ("ru", "Это не веб-адрес, например https://example.org или www.example.org",
     "(Не более 250 слов)"),
    ("es", "No es una dirección web como https://example.org o www.example.org",
     "(Máximo 250 palabras)"),
    ("ar", "قيمة غير مقبولة، والمطلوب عنوان ويب مثل https://example.org أو www.example.org",
     "(250 كلمة كحد أقصى)"),
])
def test_the_json_schema_speaks_the_questionnaires_language(language, url, long_text):
    every_type = map_texts(msqschema.load_questionnaire(EVERY_TYPE), lambda text: "※",
                           language=language)
    answers = response_schema(every_type)["properties"]["answers"]["properties"]
    assert answers["web"]["patternErrorMessage"] == url
    assert answers["long"]["description"] == f"※ {long_text}"
    assert response_schema(every_type, annotations=False)["properties"]["answers"] == (
        response_schema(msqschema.load_questionnaire(EVERY_TYPE),
                        annotations=False)["properties"]["answers"])


@pytest.mark.parametrize(("language", "expected"), [
    ("en", ["1,234,567.5", "-0.25", "1,000,000,000,000,000,000,000,000,000,000"]),
    ("fr", ["1\u202f234\u202f567,5", "-0,25",
            "1\u202f000\u202f000\u202f000\u202f000\u202f000\u202f000\u202f000\u202f000\u202f000\u202f000"]),
    ("es", ["1.234.567,5", "-0,25", "1.000.000.000.000.000.000.000.000.000.000"]),
    ("ru", ["1\xa0234\xa0567,5", "-0,25",
            "1\xa0000\xa0000\xa0000\xa0000\xa0000\xa0000\xa0000\xa0000\xa0000\xa0000"]),
    ("ar", ["1,234,567.5", "-0.25", "1,000,000,000,000,000,000,000,000,000,000"]),
    ("xx", ["1,234,567.5", "-0.25", "1,000,000,000,000,000,000,000,000,000,000"]),
])
def test_numbers_are_written_as_the_language_writes_them(language, expected):
    wording = wording_for(language)
    assert [wording.number(value) for value in (1234567.5, -0.25, 10**30)] == expected


def test_the_form_script_gets_its_texts_by_plural_category():
    arabic = script_messages("ar")
    assert set(arabic["saved"]) == {"zero", "one", "two", "few", "many", "other"}
    assert arabic["saved"]["two"] == "حُفظت إجابتان في %(file)s."
    assert set(script_messages("fr")["countWords"]) == {"one", "many", "other"}
    assert script_messages("ru")["countWords"]["few"] == "%(count)d из %(num)d слов"
    assert set(script_messages("ru")["countWords"]) == {"one", "few", "many"}
    assert script_messages("de") == {}


def test_a_limit_of_one_word_is_singular():
    from msqschema.types.text import TEXT_KINDS

    assert TEXT_KINDS["text"].pattern_error_message(wording_for("en"), 1) == "More than 1 word"
    assert TEXT_KINDS["text"].pattern_error_message(wording_for("ru"), 21) == "Более 21 слова"
    assert TEXT_KINDS["text"].pattern_error_message(wording_for("ru"), 250) == "Более 250 слов"



@pytest.mark.parametrize(("language", "heading"), [
    ("fr", "Un nombre supérieur ou égal à 0, avec 1 décimale au plus, en ※"),
    ("ru", "Число не меньше 0, не более 1 знака после запятой, единица измерения: ※"),
])
def test_a_number_columns_heading_says_its_range_and_unit_in_the_language(language, heading):
    page = msqschema.render(business_survey_in(language), "html")
    assert f'<span class="column-range" id="sites--floor_area-range">{heading}</span>' in page


EVERY_OPERATOR = (Path(__file__).parent / "examples" / "questionnaires" / "valid"
                  / "every-operator.yaml")
"""Every operator of the condition language, with texts in Greek letters."""


@pytest.mark.parametrize("format_name", ["html", "md", "docx"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_no_english_condition_words_are_left(language, format_name):
    questionnaire = msqschema.load_questionnaire(EVERY_OPERATOR)
    questionnaire = dataclasses.replace(questionnaire, language=language, _questions={})
    text = visible_text(msqschema.render(questionnaire, format_name))
    left = sorted(piece for piece in english_pieces(language)
                  if re.search(rf"(?<![\w-]){re.escape(piece)}(?![\w-])", text))
    assert left == []
    asked = messages_for(language).pgettext("condition", "Answer only if %(condition)s.")
    around = max(asked.split("%(condition)s"), key=len)
    assert text.count(around) == 20  # the words are there, translated
