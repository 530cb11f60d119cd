"""Tests for the questionnaire model as loaded from the bundled MSQ 2020 and the example files."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from msqschema.conditions import Comparison, Count
from msqschema.questionnaire.inline import FootnoteRef, Link, Plain, Strong
from msqschema.questionnaire.loader import load_questionnaire
from msqschema.questionnaire.model import Pos, Question, Questionnaire
from msqschema.resources import bundled_questionnaires
from msqschema.types import (
    ChoiceQuestion,
    ConsentQuestion,
    ContactQuestion,
    GroupQuestion,
    NoteQuestion,
    RecordsQuestion,
    TextQuestion,
    YesNoQuestion,
)

EXAMPLES = Path(__file__).parent / "examples" / "questionnaires"
MSQ2020 = bundled_questionnaires()["msq2020"]


@pytest.fixture(scope="module")
def msq() -> Questionnaire:
    return load_questionnaire("msq2020")


def numbered(questionnaire: Questionnaire) -> list[Question]:
    return [question for question in questionnaire.questions() if question.numbered]


def walk(questionnaire: Questionnaire):
    """Every node of the model that has a source position."""
    yield from questionnaire.sections
    yield from questionnaire.footnotes
    for question in questionnaire.questions():
        yield from walk_question(question)


def walk_question(question: Question):
    yield question
    if question.when:
        yield question.when
    for item in getattr(question, "items", ()):
        yield from walk_question(item)
    yield from getattr(question, "options", ())
    if getattr(question, "explanation", None):
        yield question.explanation
        yield question.explanation.when
    yield from getattr(question, "columns", ())
    yield from getattr(question, "fields", ())


# --- MSQ 2020: metadata, sections, numbers ------------------------------------------------------


def test_msq2020_metadata(msq):
    assert msq.id == "msq2020"
    assert msq.title == (
        "Member States Questionnaire (MSQ) for the United Nations E-Government Survey 2020")
    assert (msq.edition, msq.language) == ("2020", "en")
    assert msq.introduction.plain().startswith("The objective of this questionnaire")
    assert msq.closing.plain() == (
        "Thank you for taking the time to fill out the Member States Questionnaire (MSQ) 2020."
        "\n\nWe appreciate your participation.")


def test_msq2020_header_fields(msq):
    assert [(q.id, q.type, q.numbered, q.number) for q in msq.header] == [
        ("country", "text", False, None),
        ("response_date", "date", False, None),
        ("publication_consent", "consent", False, None),
    ]
    consent = msq.header[2]
    assert isinstance(consent, ConsentQuestion)
    assert consent.statement.plain() == (
        "I/We hereby authorize UNDESA to publish my/our responses as deemed necessary.")


def test_msq2020_sections(msq):
    assert [(s.numeral, s.id, s.title.plain()) for s in msq.sections] == [
        ("I", "institutional_framework", "Institutional Framework"),
        ("II", "strategy_implementation", "Strategy and Implementation"),
        ("III", "legal_framework", "Legal Framework"),
        ("IV", "online_services_usage", "Usage of online services"),
        ("V", "user_satisfaction", "User satisfaction"),
        ("VI", "social_media", "Social Media"),
        ("VII", "new_technologies", "New Technologies"),
        ("VIII", "indicators", "Indicators"),
        ("IX", "international_cooperation", "International and Regional Cooperation"),
        ("X", "contact_information", "Contact and Additional Information"),
    ]
    assert [s.restart_numbering for s in msq.sections] == [False] * 9 + [True]


def test_msq2020_questions_are_numbered_1_to_24_then_1_and_2(msq):
    questions = [(q.number, q.ref) for q in numbered(msq)]
    assert questions == [(str(n), str(n)) for n in range(1, 25)] + [("1", "X.1"), ("2", "X.2")]
    per_section = [[q.number for q in s.questions if q.numbered] for s in msq.sections]
    assert [len(numbers) for numbers in per_section] == [5, 3, 1, 2, 2, 1, 2, 5, 3, 2]


def test_msq2020_question_ids_in_order(msq):
    assert [q.id for q in numbered(msq)] == [
        "national_portal", "specific_portals", "egovernment_agency", "chief_information_officer",
        "sector_agencies", "national_development_strategy", "egovernment_strategy",
        "strategy_features", "legal_framework", "usage_statistics", "usage_statistics_published",
        "satisfaction_measured", "satisfaction_published", "social_media",
        "new_technology_strategies", "new_technology_body", "satisfied_population",
        "ict_investment", "employees_using_ict", "employees_using_internet",
        "digital_literacy_indicators", "regional_cooperation", "support_to_other_countries",
        "partnerships", "response_basis", "heard_about",
    ]


def test_msq2020_section_x_has_the_unnumbered_contact_block_first(msq):
    respondent, first, second = msq.sections[-1].questions
    assert isinstance(respondent, ContactQuestion)
    assert (respondent.id, respondent.numbered, respondent.number, respondent.ref) == (
        "respondent", False, None, "respondent")
    assert [f.id for f in respondent.fields] == ["name", "title", "email", "organization"]
    assert [f.label for f in respondent.fields] == [
        "Name", "Title", "E-mail", "Organization"]
    assert (first.label, second.label) == ("QX.1 response_basis", "QX.2 heard_about")


def test_msq2020_question_2_has_sub_items_a_to_e(msq):
    group = msq.question("specific_portals")
    assert isinstance(group, GroupQuestion)
    assert [(item.id, item.number, item.ref, item.type) for item in group.items] == [
        ("e_services", "a", "2a", "url"),
        ("e_participation", "b", "2b", "url"),
        ("open_government_data", "c", "2c", "url"),
        ("public_procurement", "d", "2d", "url"),
        ("other_portals", "e", "2e", "url"),
    ]


def test_msq2020_question_5_has_sub_items_a_to_i_with_name_and_url_columns(msq):
    group = msq.question("sector_agencies")
    assert isinstance(group, GroupQuestion)
    assert [item.ref for item in group.items] == [f"5{letter}" for letter in "abcdefghi"]
    assert [item.prompt.plain() for item in group.items] == [
        "Planning and Development", "Education", "Health", "Social Protection and Welfare",
        "Employment and Decent Work", "Environment", "Energy/Water", "Finance/Taxation",
        "Industry/Trade"]
    for item in group.items:
        assert isinstance(item, RecordsQuestion)
        assert [(c.id, c.type, c.label) for c in item.columns] == [
            ("name", "text", "Name"), ("url", "url", "URL")]
        assert (item.min_rows, item.max_rows) == (0, None)


def test_msq2020_question_4_is_a_contact_block(msq):
    cio = msq.question("chief_information_officer")
    assert isinstance(cio, ContactQuestion)
    assert cio.number == "4"
    assert [f.id for f in cio.fields] == ["name", "title", "organization", "email", "phone"]
    assert FootnoteRef("cio") in cio.prompt.paragraphs[0]


def test_msq2020_question_types(msq):
    counts: dict[str, int] = {}
    for question in msq.questions():
        counts[question.type] = counts.get(question.type, 0) + 1
    assert counts == {"text": 1, "date": 1, "consent": 1, "long_text": 16, "group": 2,
                      "contact": 2, "multiple_choice": 5, "yes_no": 2}


# --- MSQ 2020: footnotes ------------------------------------------------------------------------


def test_msq2020_footnotes_numbered_in_source_order(msq):
    assert [(note.number, note.id) for note in msq.footnotes] == list(enumerate([
        "dpidg", "e_government", "e_services", "e_participation", "cio", "vulnerable_groups",
        "new_technologies", "sdg_16_6_1", "government_body", "sdg_16_6_2", "wsis_c11"], 1))
    assert msq.footnote_number("wsis_c11") == 11
    assert msq.footnotes[0].text.plain() == (
        "This questionnaire is conducted by the Division of Public Institutions and Digital "
        "Government (DPIDG) of the UNDESA.")


def test_msq2020_footnote_references_sit_where_the_form_has_them(msq):
    assert msq.introduction.footnote_ids == ("dpidg",)
    assert msq.question("national_portal").prompt.footnote_ids == ("e_government",)
    assert msq.sections[8].title.footnote_ids == ("wsis_c11",)
    legal = msq.question("legal_framework")
    assert legal.option("government_expenditure").label.footnote_ids == ("sdg_16_6_1",)
    assert msq.question("satisfied_population").prompt.footnote_ids == ("sdg_16_6_2",)


NUMBERING = """\
msqschema: 1
id: notes
title: Notes
language: en
introduction: See the glossary.[^glossary]
sections:
  - id: only
    title: Only
    questions:
      - id: portal
        type: multiple_choice
        prompt: Which services?[^services]
        lead_in: Tick all that apply.[^scope]
        options:
          - {id: tax, label: "Tax[^services][^tax_law]"}
footnotes:
  scope: Only national services.
  services: Services online. See also [^law].
  law: The e-government law.
  tax_law: The tax code.
  glossary: At the end.
"""


def test_footnotes_are_numbered_by_first_reference_not_by_definition(tmp_path):
    """References count in the order the form shows texts; a footnote's own references come
    after the document's, in the order the footnotes are defined."""
    path = tmp_path / "notes.yaml"
    path.write_text(NUMBERING, encoding="utf-8")
    questionnaire = load_questionnaire(path)
    assert [note.id for note in questionnaire.footnote_definitions] == [
        "scope", "services", "law", "tax_law", "glossary"]
    assert [(note.number, note.id) for note in questionnaire.footnotes] == [
        (1, "glossary"), (2, "services"), (3, "scope"), (4, "tax_law"), (5, "law")]
    assert questionnaire.footnote_number("law") == 5


def test_msq2020_footnote_links(msq):
    by_id = {note.id: note for note in msq.footnotes}
    (paragraph,) = by_id["wsis_c11"].text.paragraphs
    links = [node for node in paragraph if isinstance(node, Link)]
    assert [link.href for link in links] == [
        "https://publicadministration.un.org/ws10/WSIS-Action-Lines-and-Facilitators"]
    (paragraph,) = by_id["e_participation"].text.paragraphs
    assert paragraph[0] == Strong((Plain("E-Participation"),))


# --- MSQ 2020: options, conditions, explanations, word limits -----------------------------------


def test_msq2020_conditions_of_11_and_13(msq):
    for ref, target in (("11", "usage_statistics"), ("13", "satisfaction_measured")):
        question = next(q for q in numbered(msq) if q.ref == ref)
        assert question.when.tree == Comparison(target, "equals", "yes")
        assert isinstance(msq.question(target), YesNoQuestion)
        assert question.when.holds_in({target: "yes"})
        assert not question.when.holds_in({target: "no"})
        assert not question.when.holds_in({})
    assert [q.ref for q in numbered(msq) if q.when] == ["11", "13"]


@pytest.mark.parametrize(("ref", "prompt", "hint"), [
    ("8", "If any checked, please explain further.", None),
    ("9", "If any checked, please provide name of the legislation and links.", None),
    ("15", None, "Please explain further including relevant links."),
])
def test_msq2020_explanations_of_8_9_15(msq, ref, prompt, hint):
    question = next(q for q in numbered(msq) if q.ref == ref)
    assert isinstance(question, ChoiceQuestion)
    assert question.multiple
    explanation = question.explanation
    assert (explanation.prompt and explanation.prompt.plain()) == prompt
    assert (explanation.hint and explanation.hint.plain()) == hint
    assert explanation.max_words == 250
    assert explanation.when.tree == Count(question.id, "ge", 1)
    assert explanation.when.holds_in({question.id: {"selected": [question.options[0].id]}})
    assert not explanation.when.holds_in({question.id: {"selected": []}})


def test_msq2020_only_8_9_15_have_explanations(msq):
    refs = [q.ref for q in numbered(msq) if getattr(q, "explanation", None)]
    assert refs == ["8", "9", "15"]


def test_msq2020_options(msq):
    assert len(msq.question("strategy_features").options) == 11
    assert len(msq.question("legal_framework").options) == 9
    technologies = msq.question("new_technology_strategies")
    assert [o.id for o in technologies.options][-2:] == ["augmented_reality", "other"]
    assert [option.id for option in technologies.detailed_options] == ["other"]
    assert technologies.option("other").detail.max_words is None
    for question_id in ("response_basis", "heard_about"):
        (other,) = msq.question(question_id).detailed_options
        assert (other.id, other.label.plain(), other.detail.max_words) == ("other", "Other:", 250)
    assert msq.question("legal_framework").detailed_options == ()
    assert msq.question("strategy_features").lead_in.plain() == (
        "National e-government strategy or equivalent:")


def test_msq2020_word_limits_are_250(msq):
    limits = {q.ref: q.max_words for q in numbered(msq) if isinstance(q, TextQuestion)}
    assert set(limits.values()) == {None, 250}
    assert sorted((ref for ref, limit in limits.items() if limit == 250), key=int) == [
        "6", "7", "11", "13", "14", "16", "17", "18", "19", "20", "21", "22", "23", "24"]
    assert [ref for ref, limit in limits.items() if limit is None] == ["1", "3"]


def test_msq2020_hints_are_kept_apart_from_prompts(msq):
    body = msq.question("new_technology_body")
    assert body.hint.plain() == "Please explain further including relevant links."
    assert "Please explain" not in body.prompt.plain()


# --- the model's contract -----------------------------------------------------------------------


def test_lookup_by_id(msq):
    assert msq.question("social_media").ref == "14"
    assert msq.question("country") is msq.header[0]
    assert msq.question("e_services") is None  # a sub-item, not a top-level question
    assert msq.question("no_such_question") is None
    assert msq.question("strategy_features").option("once_only").label.plain() == (
        "has an emphasis on once-only (data) principle")
    assert msq.question("strategy_features").option("nope") is None


def test_labels_name_questions_as_respondents_know_them(msq):
    assert msq.question("social_media").label == "Q14 social_media"
    assert msq.question("country").label == "country"
    assert msq.question("specific_portals").items[0].label == "Q2a e_services"


def test_the_model_is_frozen(msq):
    question = msq.question("social_media")
    with pytest.raises(dataclasses.FrozenInstanceError):
        msq.title = "changed"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        question.max_words = 10  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        msq.sections[0].id = "changed"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        msq.footnotes[0].number = 2  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        msq.question("strategy_features").options[0].id = "x"  # type: ignore[misc]
    assert isinstance(msq.sections, tuple)
    assert isinstance(msq.sections[0].questions, tuple)


def test_every_node_has_its_source_line(msq):
    lines = MSQ2020.read_text(encoding="utf-8").splitlines()
    nodes = list(walk(msq))
    assert len(nodes) > 120
    for node in nodes:
        assert isinstance(node.pos, Pos)
        assert 1 <= node.pos.line <= len(lines)
        assert node.pos.column >= 1


@pytest.mark.parametrize(("question_id", "text"), [
    ("social_media", "      - id: social_media"),
    ("country", "  - id: country"),
    ("respondent", "      - id: respondent"),
])
def test_question_positions_are_their_lines_in_the_file(msq, question_id, text):
    lines = MSQ2020.read_text(encoding="utf-8").splitlines()
    pos = msq.question(question_id).pos
    assert lines[pos.line - 1] == text
    assert pos.column == text.index("id") + 1


def test_section_and_footnote_positions(msq):
    lines = MSQ2020.read_text(encoding="utf-8").splitlines()
    assert lines[msq.sections[9].pos.line - 1] == "  - id: contact_information"
    assert lines[msq.footnotes[-1].pos.line - 1] == "  wsis_c11: >-"
    condition = msq.question("usage_statistics_published").when
    assert lines[condition.pos.line - 1].strip().startswith("when: {question: usage_statistics")


def test_loading_twice_gives_equal_models(msq):
    assert load_questionnaire(MSQ2020) == msq
    assert load_questionnaire(MSQ2020).question("social_media") == msq.question("social_media")


# --- every question type (tests/examples/questionnaires/valid/every-type.yaml) ------------------


@pytest.fixture(scope="module")
def every() -> Questionnaire:
    return load_questionnaire(EXAMPLES / "valid" / "every-type.yaml")


def test_every_type_model_classes(every):
    classes = {q.type: type(q) for q in every.questions()}
    for sub in every.question("portals").items:
        classes.setdefault(sub.type, type(sub))
    assert classes == {
        "text": TextQuestion, "long_text": TextQuestion, "url": TextQuestion,
        "email": TextQuestion, "phone": TextQuestion, "date": TextQuestion,
        "yes_no": YesNoQuestion, "single_choice": ChoiceQuestion,
        "multiple_choice": ChoiceQuestion, "group": GroupQuestion, "records": RecordsQuestion,
        "contact": ContactQuestion, "consent": ConsentQuestion, "note": NoteQuestion,
    }
    assert every.question("long").multiline
    assert not every.question("one_line").multiline
    assert not every.question("colour").multiple
    assert not every.question("privacy").answerable
    assert every.question("agree").answerable


def test_every_type_numbers(every):
    assert [(q.id, q.ref) for q in every.questions() if q.numbered] == [
        ("one_line", "1"), ("long", "2"), ("web", "3"), ("mail", "4"), ("telephone", "5"),
        ("day", "6"), ("agree", "7"), ("colour", "8"), ("tools", "9"), ("which_red", "10"),
        ("about_hammer", "11"), ("about_web", "12"), ("portals", "III.1"), ("agencies", "III.2"),
        ("officer", "III.3"),
    ]
    assert [item.ref for item in every.question("portals").items] == ["III.1a", "III.1b", "III.1c"]
    assert every.question("privacy").number is None  # notes are never numbered


def test_every_type_details(every):
    assert (every.edition, every.language) == ("1.0", "es-419")
    assert every.question("one_line").hint.plain() == "A hint, kept apart from the prompt."
    agencies = every.question("agencies")
    assert (agencies.min_rows, agencies.max_rows) == (1, 3)
    assert [c.type for c in agencies.columns] == ["text", "email", "phone", "date", "integer",
                                                  "amount"]
    assert [f.id for f in every.question("respondent").fields] == ["name", "email"]
    tools = every.question("tools")
    assert tools.lead_in.plain() == "Which of these:"
    assert tools.option("other").detail.max_words == 20
    assert tools.explanation.hint.plain() == "Please include links."
    assert [(q.id, q.when.tree) for q in every.questions() if q.when] == [
        ("colour", Comparison("agree", "equals", "yes")),
        ("which_red", Comparison("colour", "equals", "red")),
        ("about_hammer", Comparison("tools", "includes", "hammer")),
        ("about_web", Comparison("web", "answered", True)),
    ]
    hammer, web = every.question("about_hammer").when, every.question("about_web").when
    assert hammer.holds_in({"tools": {"selected": ["hammer"]}})
    assert not hammer.holds_in({"tools": {"selected": ["other"]}})
    assert web.holds_in({"web": "https://example.org"})
    assert not web.holds_in({"web": ""})


def test_every_type_footnotes_numbered_by_first_reference(every):
    assert [(n.number, n.id) for n in every.footnotes] == [
        (1, "intro"), (2, "consent_note"), (3, "section_note"), (4, "green")]
    links = [node.href for node in every.introduction.paragraphs[0] if isinstance(node, Link)]
    assert links == ["https://example.org", "https://example.org/a", "mailto:team@example.org"]


def test_a_lead_in_is_numbered_before_the_options(tmp_path):
    path = tmp_path / "q.yaml"
    path.write_text(
        "msqschema: 1\nid: q\ntitle: Q\nlanguage: en\nsections:\n"
        "  - id: s\n    title: S\n    questions:\n"
        "      - id: c\n        type: multiple_choice\n        prompt: Prompt[^first]\n"
        "        lead_in: Lead-in[^second]\n"
        "        options: [{id: a, label: 'A[^third]'}]\n"
        "        explanation: {prompt: 'Explain[^fourth]'}\n"
        "footnotes: {fourth: '4', third: '3', second: '2', first: '1'}\n", encoding="utf-8")
    questionnaire = load_questionnaire(path)
    assert [note.id for note in questionnaire.footnotes] == ["first", "second", "third", "fourth"]


def test_many_sections_and_sub_items_keep_distinct_numbers(tmp_path):
    items = "".join(f"          - {{id: item_{n}, type: text}}\n" for n in range(28))
    sections = "".join(f"  - id: section_{n}\n    title: S\n    questions:\n"
                       f"      - {{id: question_{n}, type: text}}\n" for n in range(1, 22))
    path = tmp_path / "q.yaml"
    path.write_text("msqschema: 1\nid: q\ntitle: Q\nlanguage: en\nsections:\n"
                    "  - id: first\n    title: S\n    numbering: restart\n    questions:\n"
                    "      - id: group\n        type: group\n        items:\n" + items + sections,
                    encoding="utf-8")
    questionnaire = load_questionnaire(path)
    assert [s.numeral for s in questionnaire.sections][-4:] == ["XIX", "XX", "XXI", "XXII"]
    numbers = [item.number for item in questionnaire.question("group").items]
    assert numbers[:2] + numbers[-3:] == ["a", "b", "z", "aa", "ab"]
    assert questionnaire.question("group").items[-1].ref == "I.1ab"
