"""Tests for the response file writer (extraction.response_writer): exact text, stable layout."""

from __future__ import annotations

import io

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from msqschema.extraction.response_writer import response_yaml, scalar
from msqschema.questionnaire.loader import load_questionnaire
from msqschema.responses.response import load_response
from msqschema.yamlio import load_yaml

TRICKY = [
    "no", "No", "NO", "yes", "y", "n", "on", "off", "true", "False", "null", "Null", "~", "",
    "Norway", "2019", "31.07.2019", "2019-07-31", "1:20", "0x1F", "0o17", "1e5", ".5", "+1",
    "-5%", "30-40 %", "100%", ".inf", "-.inf", ".nan", "=", "<<", "- item", "? key", "a: b",
    "key:", "#hash", "a #b", "a#b", "'quoted'", '"quoted"', "back\\slash", "tab\there",
    "\tlead", "trail ", " lead", "Ünïcödé", "emoji 🎉", "עברית", "a\u2028b", "a\x85b",
    "\ufeffbom", "bell\x07", "del\x7f", "c1\x80", "line\nbreak", "para\n\npara", "a\n b",
    "a\n\tb", "a \nb", "\nlead", "trail\n", "a\r\nb", "a\rb", "!tag", "&anchor", "*alias",
    "%directive", "@at", "`tick", "---", "...", "[flow]", "{flow}", "a, b", "|", ">",
    "http://example.org/a#b", "mailto:x@example.org",
]


def _readers():
    """Every YAML reader the written files must satisfy: msqschema (1.2), PyYAML (1.1), ruamel."""
    readers = [lambda text: load_yaml(text).data, yaml.safe_load]
    try:
        from ruamel.yaml import YAML
    except ImportError:
        return readers
    ruamel = YAML(typ="safe", pure=True)
    return [*readers, lambda text: ruamel.load(io.StringIO(text))]


READERS = _readers()


def _document(value: object) -> str:
    from msqschema.extraction.response_writer import _value

    lines: list[str] = []
    _value(lines, "key", value, 0)
    return "\n".join(lines) + "\n"


def _assert_reads_back(value: object) -> None:
    text = _document(value)
    for read in READERS:
        assert read(text) == {"key": value}, text


@pytest.mark.parametrize("value", TRICKY)
def test_tricky_text_reads_back_as_the_same_string(value: str) -> None:
    _assert_reads_back(value)


@settings(max_examples=500, deadline=None)
@given(st.text())
def test_any_text_reads_back_as_the_same_string(value: str) -> None:
    _assert_reads_back(value)


@settings(max_examples=300, deadline=None)
@given(st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(st.sampled_from(" \t\n:#-'\"yYnN01.~")),
    lambda children: st.lists(children, max_size=3)
    | st.dictionaries(st.text(max_size=5), children, max_size=3),
    max_leaves=12))
def test_any_data_reads_back(value: object) -> None:
    _assert_reads_back(value)


@pytest.mark.parametrize(("value", "written"), [
    ("Tajikistan", "Tajikistan"),
    ("no", "'no'"),
    ("31.07.2019", "'31.07.2019'"),
    ("It's", "It's"),
    ("'q'", "'''q'''"),
    ("a\x85b", '"a\\x85b"'),
    (True, "true"),
])
def test_scalars_are_plain_when_they_can_be(value: object, written: str) -> None:
    assert scalar(value) == written


def test_multi_line_text_is_a_literal_block() -> None:
    assert _document("First paragraph.\n\nSecond: line one\nline two") == (
        "key: |-\n  First paragraph.\n\n  Second: line one\n  line two\n")


def test_layout_comments_sections_and_order() -> None:
    questionnaire = load_questionnaire("msq2020")
    answers = {
        "social_media": "Facebook\nand Telegram",
        "country": "Tajikistan",
        "specific_portals": {"open_government_data": "www.data.tj", "e_services": "www.e.tj"},
        "strategy_features": {"selected": ["implementation_plan"], "explanation": "yes"},
        "sector_agencies": {"finance_taxation": [{"name": "Tax committee", "url": "www.andoz.tj"}]},
    }
    text = response_yaml(questionnaire, answers, preamble=["Filled by hand."])
    assert text == """\
# Filled by hand.
questionnaire: msq2020
answers:
  # Country
  country: Tajikistan

  # I. Institutional Framework
  # Q2 Please also provide URLs for below specific portals, if exists:
  specific_portals:
    # Q2a E-services:
    e_services: www.e.tj
    # Q2c Open government data:
    open_government_data: www.data.tj
  # Q5 Please provide names and URLs of the government agencies/ministries/departments at the
  # national level in charge of the following:
  sector_agencies:
    # Q5h Finance/Taxation
    finance_taxation:
      - name: Tax committee
        url: www.andoz.tj

  # II. Strategy and Implementation
  # Q8 Please check whichever applies.
  strategy_features:
    selected:
      - implementation_plan
    explanation: 'yes'

  # VI. Social Media
  # Q14 How does your government use social media at the national level to interact with and engage
  # people in e-government activities? Please also explain if there were any guidelines for
  # government officials on the use of social media.
  social_media: |-
    Facebook
    and Telegram
"""
    assert load_response(text.encode()).data == {"questionnaire": "msq2020", "answers": answers}
    assert all(len(line) <= 100 for line in text.splitlines() if line.lstrip().startswith("#"))


def test_no_answers_and_unknown_answers_are_still_written() -> None:
    questionnaire = load_questionnaire("msq2020")
    assert response_yaml(questionnaire, {}) == "questionnaire: msq2020\nanswers: {}\n"
    text = response_yaml(questionnaire, {"not_a_question": "x", "country": "Chad"})
    assert load_yaml(text).data["answers"] == {"country": "Chad", "not_a_question": "x"}
