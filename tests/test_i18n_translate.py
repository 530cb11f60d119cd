"""Loading a questionnaire in a language: same ids and structure, translated texts, refusals."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import msqschema
from msqschema.i18n.texts import source_texts
from msqschema.i18n.translate import TranslationError
from msqschema.problems import InputError

EXAMPLES = Path(__file__).parent / "examples" / "translations"
ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ("fr", "ar", "zh")


def shape(questionnaire: msqschema.Questionnaire) -> list[tuple[object, ...]]:
    """Everything but the texts: ids, types, numbers, conditions, limits, footnote numbers."""
    return [(q.id, q.type, q.ref, q.number, q.when, getattr(q, "max_words", None),
             [(item.id, item.ref) for item in getattr(q, "items", ())],
             [option.id for option in getattr(q, "options", ())])
            for q in questionnaire.questions()] + [
        (note.id, note.number) for note in questionnaire.footnotes]


@pytest.mark.parametrize("language", SAMPLES)
def test_a_sample_translation_keeps_ids_and_structure(msq2020, language):
    translated = msqschema.load_questionnaire("msq2020", language=language)
    assert translated.language == language
    assert translated.id == msq2020.id
    assert shape(translated) == shape(msq2020)
    pairs = list(zip(source_texts(msq2020), source_texts(translated), strict=True))
    assert [a.context for a, _ in pairs] == [b.context for _, b in pairs]
    untouched = [a.context for a, b in pairs if a.source == b.source]
    names = {"LinkedIn", "Facebook", "Date", "URL"}  # the same word in French
    assert all(text.source in names for text, _ in pairs if text.context in untouched)


def test_the_translated_texts_are_those_of_the_po_file():
    french = msqschema.load_questionnaire("msq2020", language="fr")
    assert french.title.startswith("Questionnaire aux États Membres")
    assert french.question("social_media").prompt.plain().startswith(
        "Comment votre gouvernement utilise-t-il les médias sociaux")
    chinese = msqschema.load_questionnaire("msq2020", language="zh")
    assert chinese.sections[0].title.plain() == "体制框架"


def test_the_sample_translations_say_they_are_unofficial():
    for language in SAMPLES:
        text = (ROOT / "questionnaires" / "msq2020" / f"{language}.po").read_text("utf-8")
        assert "UNOFFICIAL SAMPLE TRANSLATION, FOR TESTING msqschema ONLY" in text
        assert "not UN text" in text
        assert f'"Language: {language}\\n"' in text


def test_the_bundled_template_is_current():
    from msqschema.i18n.catalogs import questionnaire_template, read_catalog

    committed = read_catalog(ROOT / "questionnaires" / "msq2020" / "msq2020.pot")
    current = questionnaire_template("msq2020")
    assert [(m.context, m.id, m.auto_comments, m.locations) for m in committed if m.id] == [
        (m.context, m.id, m.auto_comments, m.locations) for m in current if m.id]


def test_the_source_language_needs_no_translation(msq2020):
    assert msqschema.load_questionnaire("msq2020", language="en") == msq2020


def test_an_unknown_language_is_unreadable_input():
    with pytest.raises(InputError) as caught:
        msqschema.load_questionnaire("msq2020", language="de")
    assert caught.value.problem.message.startswith("no translation into 'de' (available in ")
    assert caught.value.problem.message.endswith(": ar, fr, zh)")


def test_a_language_code_cannot_name_another_path():
    with pytest.raises(InputError, match="is not a language code"):
        msqschema.load_questionnaire("msq2020", language="../msq2020/fr")


@pytest.fixture
def survey(tmp_path):
    shutil.copy(EXAMPLES / "survey.yaml", tmp_path / "survey.yaml")
    (tmp_path / "survey").mkdir()
    return tmp_path


def test_translations_are_found_beside_the_questionnaire(survey):
    shutil.copy(EXAMPLES / "valid" / "fr.po", survey / "survey" / "fr.po")
    french = msqschema.load_questionnaire(survey / "survey.yaml", language="fr")
    assert french.title == "Enquête sur les services numériques"
    assert french.question("agencies").columns[0].label == "Nom"


def test_a_users_own_folder_can_be_given(survey, tmp_path):
    own = tmp_path / "mine"
    own.mkdir()
    shutil.copy(EXAMPLES / "invalid" / "fuzzy.po", own / "fr.po")
    french = msqschema.load_questionnaire(survey / "survey.yaml", language="fr",
                                          translations=own, fallback=True)
    assert french.question("technologies").options[0].label.source == (
        "Artificial Intelligence (AI)")  # fuzzy: the source text, not the suggestion


def test_missing_entries_are_refused_with_the_list(survey):
    shutil.copy(EXAMPLES / "invalid" / "untranslated.po", survey / "survey" / "fr.po")
    with pytest.raises(TranslationError) as caught:
        msqschema.load_questionnaire(survey / "survey.yaml", language="fr")
    assert [(p.code, p.line, p.question_id) for p in caught.value.problems] == [
        ("T102", 23, "technologies")]
    assert isinstance(caught.value, msqschema.LoadError)


def test_a_fallback_to_the_source_fills_the_missing_entries(survey):
    shutil.copy(EXAMPLES / "invalid" / "missing-entry.po", survey / "survey" / "fr.po")
    french = msqschema.load_questionnaire(survey / "survey.yaml", language="fr",
                                          fallback=True)
    assert french.footnote_definitions[0].text.source == "A strategy adopted by the government."
    assert french.title == "Enquête sur les services numériques"


@pytest.mark.parametrize("example", ["footnote-dropped", "footnote-added", "link-changed",
                                     "bad-markup"])
def test_a_broken_translation_is_refused_even_with_a_fallback(survey, example):
    shutil.copy(EXAMPLES / "invalid" / f"{example}.po", survey / "survey" / "fr.po")
    with pytest.raises(TranslationError) as caught:
        msqschema.load_questionnaire(survey / "survey.yaml", language="fr", fallback=True)
    assert caught.value.problems[0].file == str(survey / "survey" / "fr.po")


def test_obsolete_entries_do_not_stop_a_translation(survey):
    shutil.copy(EXAMPLES / "invalid" / "obsolete.po", survey / "survey" / "fr.po")
    french = msqschema.load_questionnaire(survey / "survey.yaml", language="fr")
    assert french.sections[0].title.source == "Stratégie"


@pytest.mark.parametrize("language", SAMPLES)
def test_a_translated_form_renders(language):
    translated = msqschema.load_questionnaire("msq2020", language=language)
    html = msqschema.render(translated, "html")
    assert f'lang="{language}"' in html
    assert translated.question("social_media").prompt.plain()[:20] in html


def test_an_installed_layout_finds_its_own_translations(tmp_path):
    # The wheel's layout (see test_packaging.py): the PO files ship under msqschema/_data/.
    import subprocess
    import sys

    site = tmp_path / "site"
    shutil.copytree(Path(msqschema.__file__).parent, site / "msqschema",
                    ignore=shutil.ignore_patterns("__pycache__", "_data"))
    shutil.copytree(ROOT / "questionnaires", site / "msqschema" / "_data" / "questionnaires")
    script = ("import msqschema; q = msqschema.load_questionnaire('msq2020', language='ar'); "
              "print(q.language, q.sections[0].title)")
    found = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                           cwd=tmp_path, env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"},
                           check=True)
    assert found.stdout == "ar الإطار المؤسسي\n"
