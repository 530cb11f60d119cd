"""LibreOffice as an independent reader of the Word form: each document converts to PDF, and the
PDF's text holds every prompt, option and footnote (numbered as in the source), and every answer.

All documents are converted by one `soffice` run per session, with a profile of its own.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata

import pytest

from msqschema import load_questionnaire
from msqschema.questionnaire.inline import FootnoteRef, Plain
from msqschema.questionnaire.markup import Markup
from msqschema.questionnaire.model import Question
from msqschema.render import render
from msqschema.responses.response import load_response
from msqschema.types import ChoiceQuestion, GroupQuestion
from test_docx import EVERY_KIND, TAJIKISTAN, TICKED, hostile_response

pytestmark = pytest.mark.libreoffice

MISSING = [program for program in ("soffice", "pdftotext") if shutil.which(program) is None]
if MISSING:
    pytest.skip(f"needs {' and '.join(MISSING)} (Debian packages libreoffice-writer-nogui and "
                "poppler-utils)", allow_module_level=True)


@pytest.fixture(scope="module")
def msq():
    return load_questionnaire("msq2020")


@pytest.fixture(scope="module")
def pdf_text(msq, tmp_path_factory) -> dict[str, str]:
    """Name -> the text of its PDF as LibreOffice converted it, whitespace removed, with the
    page header and footer lines left out."""
    folder = tmp_path_factory.mktemp("docx")
    (folder / "every_kind.yaml").write_text(EVERY_KIND, encoding="utf-8")
    every_kind = load_questionnaire(folder / "every_kind.yaml")
    examples = TAJIKISTAN.parent
    business, wellbeing = (load_questionnaire(name) for name in ("business_survey",
                                                                  "wellbeing_scale"))
    documents = {"blank": (msq, None), "tajikistan": (msq, load_response(TAJIKISTAN)),
                 "ticked": (msq, {"answers": TICKED}), "hostile": (msq, hostile_response()),
                 "every_kind": (every_kind, None),
                 "business": (business, load_response(examples / "business-survey-example.yaml")),
                 "wellbeing": (wellbeing, load_response(examples / "wellbeing-example.yaml"))}
    paths = []
    for name, (questionnaire, response) in documents.items():
        path = folder / f"{name}.docx"
        path.write_bytes(render(questionnaire, "docx", response))
        paths.append(str(path))
    profile = (folder / "profile").as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--norestore",
                    "--convert-to", "pdf", "--outdir", str(folder / "pdf"), *paths],
                   check=True, capture_output=True, timeout=300)
    texts = {}
    for name in documents:
        pdf = folder / "pdf" / f"{name}.pdf"
        assert pdf.is_file(), f"LibreOffice did not convert {name}.docx"
        raw = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], check=True,
                             capture_output=True, text=True, timeout=60).stdout
        furniture = (documents[name][0].title, re.compile(r"Page \d+ of \d+"))
        kept = [line for line in raw.splitlines()
                if line.strip() != furniture[0] and not furniture[1].fullmatch(line.strip())]
        texts[name] = squeeze("\n".join(kept))
    return texts


def squeeze(text: str) -> str:
    """Text without whitespace, ligatures spelled out: line breaks and fonts may differ."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def pieces(markup: Markup | None) -> list[str]:
    """The texts of a markup between its footnote references (the PDF puts a number there)."""
    if markup is None:
        return []
    out: list[str] = [""]

    def walk(nodes) -> None:
        for node in nodes:
            if isinstance(node, Plain):
                out[-1] += node.text
            elif isinstance(node, FootnoteRef):
                out.append("")
            else:
                walk(node.children)

    for paragraph in markup.paragraphs:
        walk(paragraph)
        out.append("")
    return [squeeze(piece) for piece in out if piece.strip()]


def texts_of(question: Question):
    """Every shown text of a question and its sub-items, options and follow-ups."""
    for markup in (question.prompt, question.hint, getattr(question, "lead_in", None),
                   getattr(question, "statement", None), getattr(question, "text", None)):
        yield from pieces(markup)
    if isinstance(question, ChoiceQuestion):
        for option in question.options:
            yield from pieces(option.label)
        if question.explanation:
            yield from pieces(question.explanation.prompt)
            yield from pieces(question.explanation.hint)
    if isinstance(question, GroupQuestion):
        for item in question.items:
            yield from texts_of(item)


def leaves(value):
    """Every text in an answer."""
    if isinstance(value, dict):
        for item in value.values():
            yield from leaves(item)
    elif isinstance(value, list):
        for item in value:
            yield from leaves(item)
    elif isinstance(value, str):
        yield value


def test_every_text_of_the_form_is_in_the_pdf(msq, pdf_text):
    text = pdf_text["blank"]
    expected = [squeeze(msq.title), *pieces(msq.introduction), *pieces(msq.closing)]
    for section in msq.sections:
        expected += [squeeze(f"{section.numeral}. {piece}") for piece in pieces(section.title)[:1]]
        for question in section.questions:
            expected += texts_of(question)
    for question in msq.header:
        expected += texts_of(question)
    missing = [piece for piece in expected if piece not in text]
    assert not missing


def test_questions_and_sub_items_are_numbered_as_in_the_source(msq, pdf_text):
    text = pdf_text["blank"]
    for section in msq.sections:
        for question in section.questions:
            if question.number:
                assert f"{question.number}.{pieces(question.prompt)[0]}" in text, question.ref
            for item in getattr(question, "items", ()):
                assert f"{item.number}){pieces(item.prompt)[0]}" in text, item.ref


def test_the_eleven_footnotes_are_in_the_pdf_with_their_numbers(msq, pdf_text):
    assert [note.number for note in msq.footnotes] == list(range(1, 12))
    for note in msq.footnotes:
        assert f"{note.number}{pieces(note.text)[0]}" in pdf_text["blank"], note.id
    assert squeeze("UNDESA1 assesses") in pdf_text["blank"]


def test_every_answer_is_in_the_filled_pdf(pdf_text):
    answers = load_response(TAJIKISTAN).answers
    text = pdf_text["tajikistan"]
    missing = [answer for answer in leaves(answers) if squeeze(answer) not in text]
    assert not missing


def test_ticked_boxes_show_ticked(pdf_text):
    assert pdf_text["ticked"].count("☒") == 7
    assert "☒" not in pdf_text["blank"]
    assert squeeze("First line Second line") in pdf_text["ticked"]


def test_hostile_answers_convert(pdf_text):
    text = pdf_text["hostile"]
    assert "word0word1" in text and "word9999" in text
    assert squeeze("<b>&amp; \"quoted\" 'single' ]]>") in text
    assert "👩" in text or "e-government" in text


def test_every_kind_of_question_converts(pdf_text):
    text = pdf_text["every_kind"]
    for piece in ("1.Whichlanguage?", "Pickone.", "Languages:", "French2", "Readthisfirst.",
                  # the questionnaire says `language: fr`: the fixed texts are French
                  "a)Doyoucollectdata?", "☐Oui☐Non", "Other:Saisissezletexte(5motsaumaximum)",
                  "Explain.",
                  "1Anotecitedtwice.", "2Seehttps://example.org/a?b=1&c=2."):
        assert piece in text, piece


def test_numbers_totals_and_exclusive_options_convert(pdf_text):
    text = pdf_text["business"]
    for piece in ("Awholenumberofatleast0", "48people", "6250000EUR", "37.5%",
                  "Thenumbersmustadduptotheanswerto2.", "a)Permanent", "40",
                  "☐Noneofthese(onlythisone)", "☒Cloudcomputingservices", "Name of the business*"):
        assert squeeze(piece) in text, piece


def test_a_grid_and_its_calculated_score_convert(pdf_text):
    text = pdf_text["wellbeing"]
    assert squeeze("Not at all On some days On most days Nearly every day") in text
    assert squeeze("woken up feeling rested?") in text
    assert text.count("☒") == 6  # a box in each of the five rows, and "No, thank you"
    assert squeeze("Well-being score (0 to 15)") in text
    assert squeeze("Calculated from the answers to 1. 9") in text  # the score, computed


def test_lists_convert_with_their_bullets_and_numbers_in_order(pdf_text):
    text = pdf_text["business"]
    pieces = ["Before you start, please have at hand:", "• the payroll on 31 December 2025;",
              "• the annual accounts for 2025, with amounts in euros, without cents.",
              "Count everyone on the payroll on that day:", "1. full time and part time staff;",
              "2. apprentices and trainees.", "Do not count agency workers or freelancers."]
    found = [text.find(squeeze(piece)) for piece in pieces]
    assert -1 not in found, pieces[found.index(-1)]
    assert found == sorted(found)
