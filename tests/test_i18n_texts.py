"""Every translatable text of a questionnaire, at its id path, with its comment and line."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from msqschema.i18n.texts import map_texts, source_texts
from msqschema.questionnaire.model import Questionnaire
from msqschema.resources import bundled_questionnaires
from msqschema.types.records import RecordsQuestion

ROOT = Path(__file__).resolve().parents[1]


def record_columns(questionnaire: Questionnaire) -> int:
    """The column labels of every records question (sub-items included)."""
    count = 0
    for question in questionnaire.questions():
        for node in (question, *getattr(question, "items", ())):
            if isinstance(node, RecordsQuestion):
                count += len(node.columns)
    return count


def test_one_entry_per_text_of_the_model(msq2020):
    texts = source_texts(msq2020)
    expected = (1 + len(list(msq2020.texts())) + len(msq2020.footnote_definitions)
                + record_columns(msq2020))  # the title, the texts, footnotes, column labels
    assert len(texts) == expected == 131
    assert len({text.context for text in texts}) == len(texts)
    shown = [text.source for text in texts if text.markup and not
             text.context.startswith("footnotes/")]
    assert shown == [text.source for text in msq2020.texts()]  # the same texts, same order


def test_contexts_are_id_paths_and_comments_say_the_question_number(msq2020):
    texts = {text.context: text for text in source_texts(msq2020)}
    social = texts["sections/social_media/questions/social_media/prompt"]
    assert social.comment == "prompt of Q14 social_media"
    option = texts["sections/new_technologies/questions/new_technology_strategies/options/"
                   "blockchain/label"]
    assert (option.comment, option.source) == (
        "option 'blockchain' of Q15 new_technology_strategies", "Blockchain")
    item = texts["sections/institutional_framework/questions/specific_portals/items/"
                 "e_services/prompt"]
    assert item.comment == "prompt of Q2a e_services"
    assert texts["sections/international_cooperation/title"].comment == "title of section IX"
    assert texts["footnotes/cio"].comment == "footnote 'cio'"
    assert not any(part.isdigit() for context in texts for part in context.split("/"))


def test_the_source_line_is_the_line_of_the_text():
    from msqschema.i18n.catalogs import questionnaire_template

    lines = (ROOT / "questionnaires" / "msq2020.yaml").read_text(encoding="utf-8").splitlines()
    catalog = questionnaire_template("msq2020")
    entries = [message for message in catalog if message.id]
    assert len(entries) == 131
    for message in entries:
        (file, line), = message.locations
        key = str(message.context).rsplit("/", 1)[-1]
        assert file == "msq2020.yaml"
        assert key in lines[line - 1] or lines[line - 1].lstrip().startswith("- {id:"), (
            message.context, lines[line - 1])


def test_mapping_every_text_to_itself_gives_the_same_model(msq2020):
    assert map_texts(msq2020, lambda text: text.source) == msq2020


def test_mapping_changes_only_the_texts(msq2020):
    marked = map_texts(msq2020, lambda text: "» " + text.source, language="xx")
    assert marked.language == "xx"
    assert marked.title == "» " + msq2020.title
    assert marked.question("social_media").prompt.source.startswith("» How does")
    assert [q.id for q in marked.questions()] == [q.id for q in msq2020.questions()]
    assert marked.question("social_media").ref == "14"
    assert [note.number for note in marked.footnotes] == [
        note.number for note in msq2020.footnotes]
    assert msq2020.question("country") is not marked.question("country")
    assert msq2020.question("country").prompt.source == "Country"  # the original is untouched


def test_a_numbers_unit_is_a_text_to_translate():
    from msqschema.questionnaire.loader import load_questionnaire

    survey = load_questionnaire("business_survey")
    units = {text.context: text.source for text in source_texts(survey)
             if text.context.endswith("/unit")}
    expected = {f"sections/{section.id}/questions/{question.id}/unit": question.unit
                for section in survey.sections for question in section.questions
                if getattr(question, "unit", None)}
    expected["sections/the_business/questions/sites/columns/floor_area/unit"] = "m²"
    assert units == expected
    assert "sections/the_business/questions/hours_per_week/unit" in units
    translated = map_texts(survey, lambda text: "heures" if text.source == "hours" else
                           text.source)
    assert translated.question("hours_per_week").unit == "heures"


@pytest.mark.parametrize("name", sorted(bundled_questionnaires()))
def test_every_text_the_model_shows_is_extracted_once(name):
    """The model's texts, plus the title, footnotes, record column labels and units (of
    questions and of number columns): a new kind of text in the model that the extraction
    misses fails here."""
    from msqschema.questionnaire.loader import load_questionnaire

    questionnaire = load_questionnaire(name)
    extras = [questionnaire.title, *(note.text.source for note in
                                     questionnaire.footnote_definitions)]
    for question in questionnaire.questions():
        columns = [column.field for node in (question, *getattr(question, "items", ()))
                   for column in getattr(node, "columns", ())]
        for node in (question, *getattr(question, "items", ())):
            extras += [column.label for column in getattr(node, "columns", ())]
        for node in (question, *getattr(question, "items", ()), *columns):
            extras += [node.unit] if getattr(node, "unit", None) else []
    extracted = [text.source for text in source_texts(questionnaire)]
    assert Counter(extracted) == Counter(
        [text.source for text in questionnaire.texts()] + extras)
