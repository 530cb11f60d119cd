"""The template context: every question's view keeps what fits its answer and drops the rest."""

from __future__ import annotations

import pytest

from msqschema.render.context import build_context
from msqschema.types import view_of
from msqschema.types.choice import ChoiceAnswer
from msqschema.types.views import answer_text


def views(context):
    return {view.key: view for view in context["header"]} | {
        view.key: view for section in context["sections"] for view in section.questions}


def test_blank_context_has_every_question_unanswered(msq2020):
    context = build_context(msq2020, {})
    found = views(context)
    assert not context["filled"]
    assert len(found) == 3 + 24 + 3
    assert not any(view.answered for view in found.values())
    assert [section.section.numeral for section in context["sections"]][-1] == "X"


def test_filled_context_holds_the_answers(msq2020, tajikistan):
    found = views(build_context(msq2020, tajikistan.answers))
    assert found["country"].answer == "Tajikistan"
    assert found["regional_cooperation"].answer == "no"
    finance = found["sector_agencies"].items[7]
    assert finance.key == "sector_agencies.finance_taxation"
    assert [[cell.answer for cell in row] for row in finance.answer] == [
        ["Ministry of finance", "www.minfin.tj"], ["Tax committee", "www.andoz.tj"]]
    assert finance.answer[1][0].key == "sector_agencies.finance_taxation.1.name"
    respondent = found["respondent"]
    assert respondent.answered and [field.answer for field in respondent.fields] == [
        "Example Respondent", "Mr.", "respondent@example.org",
        "Ministry of Economic Development and Trade"]
    cio = found["chief_information_officer"]
    assert not cio.answered and all(field.answer is None for field in cio.fields)


@pytest.mark.parametrize("raw", [
    {"selected": ["blockchain", "teleportation", 3, ["x"], {"a": 1}],
     "details": {"other": 7, "what": 1}, "what": 1},
    {"selected": "blockchain", "explanation": None},
    ["blockchain"], "blockchain", 12, None,
])
def test_choice_keeps_known_options_only(msq2020, raw):
    view = view_of(msq2020.question("new_technology_strategies"), raw)
    if isinstance(raw, dict) and isinstance(raw["selected"], list):
        assert view.answer == ChoiceAnswer(("blockchain",), {"other": "7"}, None)
    else:
        assert view.answer is None and not view.answered


@pytest.mark.parametrize("raw, expected", [
    ("text", "text"), ("  ", None), ("", None), (2019, "2019"), (1.5, "1.5"), (True, None),
    (None, None), ({"a": "b"}, None), (["a"], None), ("a\r\nb\x00\x1b", "a\nb"),
    ("\ud800x", "x"),
])
def test_answer_text(raw, expected):
    assert answer_text(raw) == expected


def test_wrong_shapes_never_raise(msq2020):
    hostile = {"specific_portals": ["x"], "sector_agencies": {"health": [1, "a", {"name": 5},
                                                                       {"name": {"x": 1}}]},
               "respondent": "me", "usage_statistics": True, "publication_consent": "yes",
               "chief_information_officer": {"name": ["a"]}}
    found = views(build_context(msq2020, hostile))
    health = found["sector_agencies"].items[2]
    assert [[cell.answer for cell in row] for row in health.answer] == [["5", None]]
    assert not found["specific_portals"].answered
    assert not found["respondent"].answered
    assert found["usage_statistics"].answer is None
    assert found["publication_consent"].answer is None


def test_records_blank_rows_respect_limits(msq2020):
    view = view_of(msq2020.question("sector_agencies").items[0], None, "sector_agencies.x")
    assert [[cell.key for cell in row] for row in view.blank_rows] == [
        ["sector_agencies.x.0.name", "sector_agencies.x.0.url"],
        ["sector_agencies.x.1.name", "sector_agencies.x.1.url"]]


def test_footnote_marks_count_references(msq2020):
    marks = build_context(msq2020, {})["footnote_mark"]
    assert marks("cio").number == 5
    assert (marks("cio").occurrence, list(marks.occurrences(5))) == (2, [1, 2])
    assert list(marks.occurrences(1)) == []
