"""The conditions in words on the printed forms (msqschema.render.condition_lines): every
operator, group items, grid rows, sections, required-when and `when_text:`, in English and in
the catalog's languages."""

from __future__ import annotations

import dataclasses
from io import BytesIO
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

import msqschema
from condition_cases import SUBJECTS, trees
from msqschema.cli import cli
from msqschema.condition_words import say
from msqschema.i18n.texts import map_texts, source_texts
from msqschema.questionnaire.model import Questionnaire
from msqschema.render.condition_lines import lines_of
from msqschema.render.messages import messages_for

EVERY_OPERATOR = (Path(__file__).parent / "examples" / "questionnaires" / "valid"
                  / "every-operator.yaml")


@pytest.fixture(scope="module")
def every_operator() -> Questionnaire:
    return msqschema.load_questionnaire(EVERY_OPERATOR)


def in_language(questionnaire: Questionnaire, language: str) -> Questionnaire:
    return dataclasses.replace(questionnaire, language=language, _questions={})


def bidi(name: str) -> str:
    """A name isolated from the direction of a right-to-left sentence (FSI ... PDI)."""
    return f"\u2068{name}\u2069"


def lines(questionnaire: Questionnaire, owner_id: str) -> list[str]:
    """The lines the form prints for a question (top-level or group item) or a section."""
    owner = questionnaire.question(owner_id) or next(
        (item for question in questionnaire.questions() for item in question.sub_questions
         if f"{question.id}.{item.id}" == owner_id), None) or next(
        section for section in questionnaire.sections if section.id == owner_id)
    return [str(line) for line in lines_of(owner, questionnaire,
                                           messages_for(questionnaire.language))]


@pytest.mark.parametrize(("owner", "said"), [
    ("q_equals", "Answer only if you answered “ξ” to 1."),
    ("q_not_equals", "Answer only if you did not answer “ξ” to 1."),
    ("q_in", "Answer only if you answered “ξ” or “υ” to 1."),  # the label's colon left out
    ("q_includes", "Answer only if you ticked “π” in 2."),
    ("q_includes_any", "Answer only if you ticked “π” or “ρ” in 2."),
    ("q_includes_all", "Answer only if you ticked “π” and “ρ” in 2."),
    ("q_includes_none", "Answer only if you did not tick “π” or “ρ” in 2."),
    ("q_gt", "Answer only if your answer to 3 is more than 1,000."),
    ("q_ge", "Answer only if your answer to 3 is at least 2.5."),
    ("q_lt", "Answer only if your answer to 3 is less than 0."),
    ("q_le", "Answer only if your answer to 3 is at most 10."),
    ("q_after", "Answer only if your answer to 4 is after 2020-01-31."),
    ("q_before", "Answer only if your answer to 4 is on or before 2020-01-31."),
    ("q_count", "Answer only if you gave at least 2 answers to 2."),
    ("q_count_one", "Answer only if you gave exactly 1 answer to 2."),
    ("q_answered", "Answer only if you answered 3."),
    ("q_unanswered", "Answer only if you did not answer 3."),
    ("q_nested", "Answer only if you answered “ξ” to 1 and your answer to 3 is not more than 3 "
                 "and you did not tick “π” in 2."),
    ("q_row", "Answer only if you answered “κ” to 6 (θ)."),
    ("parts.second", "Answer only if you answered 5a."),
    ("skipped", "Skip this section unless you answered “ξ” or “ζ” to 1."),
])
def test_every_operator_in_words(every_operator, owner, said):
    assert lines(every_operator, owner) == [said]


CONDITION_SUBJECTS = EVERY_OPERATOR.with_name("condition-subjects.yaml")


@pytest.fixture(scope="module")
def condition_subjects() -> Questionnaire:
    return msqschema.load_questionnaire(CONDITION_SUBJECTS)


@pytest.mark.parametrize(("owner", "said"), [
    ("w1", "Answer only if you answered “no” to 1."),  # a text, not the form's No
    ("w2", "Answer only if you answered 2."),
    ("w3", "Answer only if you answered “https://a.example” or “https://b.example” to 3."),
    ("w4", "Answer only if you did not answer “a@b.example” to 4."),
    ("w5", "Answer only if you did not answer 5."),
    ("w6", "Answer only if you answered 2020-01-31 to 6."),  # dates and numbers as written
    ("w7", "Answer only if you answered 3 to 7."),
    ("w8", "Answer only if you answered 1.5 or 2 to 8."),
    ("w9", "Answer only if your answer to 9 is at least 50."),
    ("w10", "Answer only if your answer to 10 is less than 1,000."),
    ("w11", "Answer only if you answered “Yes” to 11."),
    ("w12", "Answer only if you did not answer “No” to 11."),
    ("w13", "Answer only if you answered “The cost” or “A lack of skilled staff, or of time” "
            "to 12."),  # a comma inside a label no longer reads as a list
    ("w14", "Answer only if you ticked “Family or friends” and “A doctor or nurse” in 13."),
    ("w15", "Answer only if you gave at least 2 answers to 13."),
    ("w16", "Answer only if you answered 14."),
    ("w17", "Answer only if you answered “Bonn” to 14a."),
    ("w18", "Answer only if you answered “Often” to 15 (felt calm)."),
    ("w19", "Answer only if the total in 16 is at most 1."),  # worked out, never answered
    ("w20", "Answer only if you gave at least 2 answers to 17."),
    ("w21", "Answer only if you answered 17."),
    ("w22", "Answer only if you did not answer 18."),
    ("w23", "Answer only if you agreed to 19."),  # a consent box: ticked or not
    ("w24", "Answer only if you did not agree to 19."),
    ("w25", "Answer only if you did not agree to 19."),
    ("w26", "Answer only if you answered 19."),
    ("w27", "Answer only if you did not agree to 19."),
    ("w29", "Answer only if the total in 16 is 0 or 2."),
    ("w30", "Answer only if the total in 16 is not more than 1."),
])
def test_every_type_as_the_subject_of_a_condition(condition_subjects, owner, said):
    assert lines(condition_subjects, owner) == [said]


@pytest.mark.parametrize(("language", "said"), [
    ("fr", ["Répondre uniquement si vous avez répondu «\u00a0no\u00a0» à 1.",
            "Répondre uniquement si vous avez répondu «\u00a0The cost\u00a0» ou «\u00a0A lack of "
            "skilled staff, or of time\u00a0» à 12.",
            "Répondre uniquement si le total de 16 est d'au plus 1.",
            "Répondre uniquement si vous avez donné votre accord à 19.",
            "Répondre uniquement si vous n'avez pas donné votre accord à 19."]),
    ("es", ["Responda solo si respondió «no» a 1.",
            "Responda solo si respondió «The cost» o «A lack of skilled staff, or of time» a 12.",
            "Responda solo si el total de 16 es como máximo 1.",
            "Responda solo si dio su consentimiento en 19.",
            "Responda solo si no dio su consentimiento en 19."]),
    ("ar", [f"أجب فقط إذا كانت إجابتك عن السؤال {bidi('1')}: «{bidi('no')}».",
            f"أجب فقط إذا كانت إجابتك عن السؤال {bidi('12')}: «{bidi('The cost')}» أو "
            f"«{bidi('A lack of skilled staff, or of time')}».",
            f"أجب فقط إذا كان المجموع في السؤال {bidi('16')} يساوي {bidi('1')} على الأكثر.",
            f"أجب فقط إذا وافقت على السؤال {bidi('19')}.",
            f"أجب فقط إذا لم توافق على السؤال {bidi('19')}."]),
    ("zh", ["仅当您对第 1 题的回答是“no”时，回答此题。",
            "仅当您对第 12 题的回答是“The cost”或“A lack of skilled staff, or of time”时，"
            "回答此题。",
            "仅当第 16 题的合计小于或等于 1时，回答此题。",
            "仅当您同意了第 19 题时，回答此题。",
            "仅当您未同意第 19 题时，回答此题。"]),
    ("ru", ["Отвечайте, только если вы ответили «no» на вопрос 1.",
            "Отвечайте, только если вы ответили «The cost» или «A lack of skilled staff, or of "
            "time» на вопрос 12.",
            "Отвечайте, только если итог в вопросе 16 равен 1 или меньше.",
            "Отвечайте, только если вы дали согласие в вопросе 19.",
            "Отвечайте, только если вы не дали согласия в вопросе 19."]),
])
def test_every_type_as_a_subject_in_other_languages(condition_subjects, language, said):
    questionnaire = in_language(condition_subjects, language)
    assert [line for owner in ("w1", "w13", "w19", "w23", "w24")
            for line in lines(questionnaire, owner)] == said


def test_conditions_and_values_are_joined_with_their_own_words(every_operator):
    chinese = in_language(every_operator, "zh")
    assert lines(chinese, "q_nested") == [
        "仅当您对第 1 题的回答是“ξ”，并且您对第 3 题的回答并非大于 3，并且您在第 2 题中未勾选“π”"
        "时，回答此题。"]
    assert lines(chinese, "q_includes_all") == ["仅当您在第 2 题中勾选了“π”和“ρ”时，回答此题。"]


def test_required_when_when_text_and_silence(every_operator):
    assert lines(every_operator, "q_required") == ["Required if your answer to 3 is at most 5."]
    assert lines(every_operator, "q_when_text") == ["μ"]
    assert lines(every_operator, "q_silent") == []
    assert lines(every_operator, "q_note") == ["Applies only if you answered “ζ” to 1."]
    # a question in a skipped section is not told its section's condition again
    assert lines(every_operator, "q_in_section") == []
    assert lines(every_operator, "choice") == []


@pytest.mark.parametrize(("language", "said"), [
    ("fr", ["Répondre uniquement si vous avez répondu «\u00a0ξ\u00a0» ou «\u00a0υ\u00a0» à 1.",
            "Passer cette section sauf si vous avez répondu «\u00a0ξ\u00a0» ou «\u00a0ζ\u00a0» "
            "à 1.",
            "Répondre uniquement si vous avez donné au moins 2 réponses à 2.",
            "Obligatoire si votre réponse à 3 est d'au plus 5."]),
    ("ar", [f"أجب فقط إذا كانت إجابتك عن السؤال {bidi('1')}: «{bidi('ξ')}» أو «{bidi('υ')}».",
            f"تخطَّ هذا القسم إلا إذا كانت إجابتك عن السؤال {bidi('1')}: «{bidi('ξ')}» أو "
            f"«{bidi('ζ')}».",
            f"أجب فقط إذا كان عدد إجاباتك عن السؤال {bidi('2')} لا يقل عن 2.",
            f"إلزامي إذا كانت إجابتك عن السؤال {bidi('3')} تساوي {bidi('5')} على الأكثر."]),
    ("zh", ["仅当您对第 1 题的回答是“ξ”或“υ”时，回答此题。",
            "除非您对第 1 题的回答是“ξ”或“ζ”，否则跳过本部分。",
            "仅当您对第 2 题给出的答案至少 2 个时，回答此题。",
            "当您对第 3 题的回答小于或等于 5时，此题必答。"]),
    ("es", ["Responda solo si respondió «ξ» o «υ» a 1.",
            "Responda esta sección solo si respondió «ξ» o «ζ» a 1.",
            "Responda solo si dio al menos 2 respuestas a 2.",
            "Obligatoria si su respuesta a 3 es como máximo 5."]),
    ("ru", ["Отвечайте, только если вы ответили «ξ» или «υ» на вопрос 1.",
            "Заполняйте этот раздел, только если вы ответили «ξ» или «ζ» на вопрос 1.",
            "Отвечайте, только если число ваших ответов на вопрос 2 не меньше 2.",
            "Обязательно, если ваш ответ на вопрос 3 равен 5 или меньше."]),
])
def test_the_words_in_other_languages(every_operator, language, said):
    questionnaire = in_language(every_operator, language)
    assert [line for owner in ("q_in", "skipped", "q_count", "q_required")
            for line in lines(questionnaire, owner)] == said


def test_the_business_survey_says_its_routing_in_every_format():
    questionnaire = msqschema.load_questionnaire("business_survey")
    said = ["Answer only if you answered “The cost” or “A lack of skilled staff” to 10 or you "
            "ticked “None of these” in 9.", "Skip this section unless your answer to 6 is more "
            "than 0.", "Required if your answer to 2 is more than 0."]
    markdown = msqschema.render(questionnaire, "md")
    page = msqschema.render(questionnaire, "html")
    document = docx.Document(BytesIO(msqschema.render(questionnaire, "docx")))  # python-docx
    paragraphs = [paragraph.text for paragraph in document.paragraphs]
    for line in said:
        assert f"*{line}*" in markdown
        assert f'<p class="hint condition">{line}</p>' in page
        assert line in paragraphs


def test_when_text_is_a_text_to_translate_unless_empty():
    texts = [text for text in source_texts(msqschema.load_questionnaire(EVERY_OPERATOR))
             if text.context.endswith("when_text")]
    assert [(text.context, text.source, text.comment) for text in texts] == [
        ("sections/tests/questions/q_when_text/when_text", "μ",
         "condition in words of Q27 q_when_text")]  # q_silent's empty one is not


def test_a_translated_when_text_is_printed(every_operator):
    translated = map_texts(every_operator, lambda text: "μετάφραση" if text.context.endswith(
        "when_text") else text.source, language="fr")
    assert lines(translated, "q_when_text") == ["μετάφραση"]
    assert lines(translated, "q_silent") == []


def test_render_cli_prints_the_words():
    result = CliRunner().invoke(cli, ["render", str(EVERY_OPERATOR), "-f", "md", "-o", "-",
                                      "--quiet"])
    assert result.exit_code == 0
    assert ("25. λ ______________________________\n\n"
            "    *Answer only if you answered “κ” to 6 (θ).*\n") in result.output
    assert "\n*Skip this section unless you answered “ξ” or “ζ” to 1.*\n" in result.output


class Numbered:
    """Each subject by a number, each value as written."""

    numbers = {subject: str(index) for index, subject in enumerate(SUBJECTS, start=1)}

    def question(self, subject: str) -> str:
        return self.numbers[subject]

    def value(self, subject: str, value: object) -> str:
        return str(value)

    def spoken_as(self, subject: str) -> str:
        """A total for one subject, so that the total's shapes are said too."""
        return "total" if subject == "staff" else "answer"


@given(trees, st.sampled_from(["en", "fr", "ar", "zh", "es", "ru"]))
def test_any_condition_is_said_whole_in_every_language(condition, language):
    """Every sentence shape of every catalog fills its placeholders (a translation that named
    one wrongly would raise here) and leaves none."""
    words = say(condition, Numbered(), messages_for(language))
    assert words and "%(" not in words and "%" + "d" not in words


def test_numbers_are_written_as_the_forms_language_writes_them(every_operator):
    french = in_language(every_operator, "fr")
    assert lines(french, "q_gt") == [
        "Répondre uniquement si votre réponse à 3 est supérieure à 1\u202f000."]
    assert lines(french, "q_ge") == ["Répondre uniquement si votre réponse à 3 est d'au moins 2,5."]


def test_only_a_yes_no_question_says_yes_and_no_in_the_forms_words_quoted(tmp_path):
    """A text answer "no" (Norway's country code) is said as written, never as the form's No."""
    path = tmp_path / "codes.yaml"
    path.write_text(
        "msqschema: 1\nid: codes\ntitle: Codes\nlanguage: fr\nsections:\n"
        "  - id: s\n    title: S\n    questions:\n"
        "      - {id: country, type: text, prompt: Code}\n"
        "      - {id: agrees, type: yes_no, prompt: D'accord ?}\n"
        "      - {id: ok, type: consent, statement: J'accepte.}\n"
        "      - {id: how, type: text, prompt: Comment ?, when: {answer: ok, equals: true}}\n"
        "      - {id: why, type: text, prompt: Pourquoi ?, when: {all: [{answer: country, "
        "equals: \"no\"}, {answer: agrees, equals: \"no\"}]}}\n", encoding="utf-8")
    questionnaire = msqschema.load_questionnaire(path)
    assert lines(questionnaire, "why") == [
        "Répondre uniquement si vous avez répondu «\u00a0no\u00a0» à 1 et vous avez répondu "
        "«\u00a0Non\u00a0» à 2."]
    assert lines(questionnaire, "how") == [  # a consent box: agreed to, not answered Yes
        "Répondre uniquement si vous avez donné votre accord à 3."]
