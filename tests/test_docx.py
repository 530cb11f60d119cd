"""The Word form (msqschema.render.docx): package structure, content controls, footnotes, and
python-docx as an independent reader. LibreOffice checks are in test_docx_libreoffice.py."""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import docx
import pytest
from docx.shared import Twips

from msqschema import __version__, load_questionnaire
from msqschema.questionnaire.model import Question
from msqschema.render import render
from msqschema.responses.response import load_response
from msqschema.types import TEXT_KINDS as TEXT_TYPES
from msqschema.types.records import BLANK_ROWS

ROOT = Path(__file__).resolve().parents[1]
TAJIKISTAN = ROOT / "examples" / "responses" / "tajikistan-2019.yaml"

NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "w14": "http://schemas.microsoft.com/office/word/2010/wordml",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
    "ct": "http://schemas.openxmlformats.org/package/2006/content-types",
    "cp": "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties",
}
W = f"{{{NS['w']}}}"
W14 = f"{{{NS['w14']}}}"
R_ID = f"{{{NS['r']}}}id"

TICKED = {
    "usage_statistics": "yes",
    "satisfaction_measured": "no",
    "publication_consent": True,
    "strategy_features": {"selected": ["implementation_plan", "aligned_sdgs"],
                          "explanation": "First line\nSecond line"},
    "new_technology_strategies": {"selected": ["blockchain", "other"],
                                  "details": {"other": "Drones"}},
}
"""A response that ticks boxes of every kind."""

HOSTILE_TEXTS = {
    "specials": "<b>&amp; \"quoted\" 'single' ]]> <![CDATA[x]]> &lt;",
    "controls": "bell\x07 null\x00 escape\x1b vertical\x0b form\x0c end\ufffe\uffff",
    "rtl": "الحكومة الإلكترونية\nממשל אלקטרוני",
    "emoji": "e-government 👩🏽‍💻🇹🇯 ✓",
    "tabs": "a\tb\r\nc\rd",
}


EVERY_KIND = """\
msqschema: 1
id: every_kind
title: Every kind of question
language: fr
introduction: |-
  First paragraph, citing a note[^shared].

  Second paragraph, citing it again[^shared].
sections:
  - id: only
    title: Only section
    questions:
      - id: language
        type: single_choice
        prompt: Which language?
        hint: Pick *one*.
        lead_in: "Languages:"
        options:
          - {id: english, label: English}
          - {id: french, label: "French[^linked]"}
      - id: notice
        type: note
        text: Read this **first**.
      - id: details
        type: group
        prompt: Details
        items:
          - {id: collects, type: yes_no, prompt: Do you collect data?}
          - id: kinds
            type: multiple_choice
            prompt: Which kinds?
            options:
              - {id: a, label: Kind A}
              - {id: other, label: "Other:", detail: {max_words: 5}}
            explanation: {hint: Explain., max_words: 20}
          - {id: agreed, type: consent, statement: I agree.}
      - id: offices
        type: records
        prompt: Offices
        max_rows: 1
        columns:
          - {id: name, type: text, label: Name}
          - {id: phone, type: phone, label: Phone}
          - {id: url, type: url, label: URL}
footnotes:
  shared: A note cited twice.
  linked: See <https://example.org/a?b=1&c=2>.
"""


@pytest.fixture(scope="module")
def every_kind(tmp_path_factory):
    path = tmp_path_factory.mktemp("questionnaire") / "every_kind.yaml"
    path.write_text(EVERY_KIND, encoding="utf-8")
    return load_questionnaire(path)


@pytest.fixture(scope="module")
def msq():
    return load_questionnaire("msq2020")


@pytest.fixture(scope="module")
def blank_docx(msq) -> bytes:
    return render(msq, "docx")


@pytest.fixture(scope="module")
def tajikistan_docx(msq) -> bytes:
    return render(msq, "docx", load_response(TAJIKISTAN))


def hostile_response() -> dict:
    """Answers no document should choke on, in every kind of control."""
    long_answer = " ".join(f"word{index}" for index in range(10_000))
    return {"answers": {
        "country": HOSTILE_TEXTS["specials"],
        "national_portal": HOSTILE_TEXTS["controls"],
        "social_media": long_answer,
        "egovernment_strategy": HOSTILE_TEXTS["rtl"],
        "national_development_strategy": HOSTILE_TEXTS["emoji"],
        "ict_investment": HOSTILE_TEXTS["tabs"],
        "sector_agencies": {"health": [{"name": HOSTILE_TEXTS["rtl"], "url": "]]>"}]},
        "respondent": {"name": HOSTILE_TEXTS["emoji"], "email": "a&b@example.org"},
        "heard_about": {"selected": ["other"], "details": {"other": HOSTILE_TEXTS["specials"]}},
    }}


# -- reading helpers -----------------------------------------------------------------------

def parts(package: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def xml(package: bytes, name: str) -> ElementTree.Element:
    return ElementTree.fromstring(parts(package)[name])


def controls(package: bytes) -> list[tuple[str, ElementTree.Element]]:
    """Every msq-tagged content control of the body, in document order, with its tag path."""
    found = []
    for sdt in xml(package, "word/document.xml").iter(W + "sdt"):
        tag = sdt.find(f"{W}sdtPr/{W}tag")
        if tag is not None and tag.get(W + "val", "").startswith("msq:"):
            found.append((tag.get(W + "val")[4:], sdt))
    return found


def control_text(sdt: ElementTree.Element) -> str | None:
    """A control's text: paragraphs and breaks as newlines; None while it shows a placeholder."""
    if sdt.find(f"{W}sdtPr/{W}showingPlcHdr") is not None:
        return None
    paragraphs: list[str] = []
    content = sdt.find(W + "sdtContent")
    blocks = content.findall(W + "p") or [content]
    for block in blocks:
        pieces = []
        for element in block.iter():
            if element.tag == W + "t":
                pieces.append(element.text or "")
            elif element.tag == W + "br":
                pieces.append("\n")
            elif element.tag == W + "tab":
                pieces.append("\t")
        paragraphs.append("".join(pieces))
    return "\n".join(paragraphs)


def checked(sdt: ElementTree.Element) -> bool | None:
    box = sdt.find(f"{W}sdtPr/{W14}checkbox/{W14}checked")
    return None if box is None else box.get(W14 + "val") == "1"


def expected_tags(question: Question, path: str):
    """The tag paths of one question's answer places, as docs/docx.md specifies them."""
    kind = question.type
    if kind in TEXT_TYPES or kind == "consent":
        yield path
    elif kind == "yes_no":
        yield from (path + "/yes", path + "/no")
    elif kind in ("single_choice", "multiple_choice"):
        infix = "/selected/" if question.multiple else "/option/"
        yield from (path + infix + option.id for option in question.options)
        yield from (path + "/details/" + option.id for option in question.detailed_options)
        if question.multiple and question.explanation:
            yield path + "/explanation"
    elif kind == "group":
        for item in question.items:
            yield from expected_tags(item, f"{path}/{item.id}")
    elif kind == "records":
        yield from (f"{path}/*/{column.id}" for column in question.columns)
    elif kind == "contact":
        yield from (f"{path}/{field.id}" for field in question.fields)


# -- the package -----------------------------------------------------------------------------

def check_structure(package: bytes) -> None:
    """Every part named in [Content_Types].xml or a relationship exists and is well-formed
    XML; every relationship id a part uses is defined in that part's relationships."""
    found = parts(package)
    for part_name, data in found.items():
        assert b"<!DOCTYPE" not in data, part_name
        ElementTree.fromstring(data)  # well-formed
    types = xml(package, "[Content_Types].xml")
    overrides = [element.get("PartName") for element in types.iter(f"{{{NS['ct']}}}Override")]
    defaults = {element.get("Extension") for element in types.iter(f"{{{NS['ct']}}}Default")}
    assert all(part.lstrip("/") in found for part in overrides)
    assert all(part in overrides or part.rsplit(".", 1)[-1] in defaults
               for part in (f"/{name}" for name in found))
    for rels_name in (name for name in found if name.endswith(".rels")):
        folder = posixpath.dirname(posixpath.dirname(rels_name))
        source = posixpath.join(folder, posixpath.basename(rels_name)[:-len(".rels")])
        rels = xml(package, rels_name).findall(f"{{{NS['rel']}}}Relationship")
        for rel in rels:
            if rel.get("TargetMode") != "External":
                assert posixpath.normpath(posixpath.join(folder, rel.get("Target"))) in found
            else:
                assert re.match(r"(https?|mailto):", rel.get("Target"))
        if source in found:
            defined = {rel.get("Id") for rel in rels}
            used = {value for element in xml(package, source).iter()
                    for key, value in element.attrib.items() if key == R_ID}
            assert used <= defined, (source, used - defined)


def test_every_kind_of_question(every_kind):
    answers = {"language": "french", "offices": [{"name": "HQ", "phone": "+1 555", "url": "x"}],
               "details": {"collects": "no", "agreed": True,
                           "kinds": {"selected": ["other"], "details": {"other": "Mine"}}}}
    for package in (render(every_kind, "docx"), render(every_kind, "docx", {"answers": answers})):
        check_structure(package)
        assert docx.Document(io.BytesIO(package)).core_properties.language == "fr"
        tags = [path for path, _ in controls(package)]
        assert set(tags) == {tag for question in every_kind.questions()
                             for tag in expected_tags(question, "/" + question.id)}
        assert tags.count("/offices/*/name") == 1  # max_rows: 1
    found = controls(package)
    ticked = {path for path, sdt in found if checked(sdt)}
    assert ticked == {"/language/option/french", "/details/collects/no",
                      "/details/kinds/selected/other", "/details/agreed"}
    assert control_text(dict(found)["/details/kinds/details/other"]) == "Mine"
    body = xml(package, "word/document.xml")
    assert [int(e.get(W + "id")) for e in body.iter(W + "footnoteReference")] == [1, 2]
    repeated = [run for run in body.iter(W + "r")
                if run.find(f"{W}rPr/{W}rStyle[@{W}val='FootnoteReference']") is not None
                and run.find(W + "t") is not None]
    assert [run.find(W + "t").text for run in repeated] == ["1"]
    rels = parts(package)["word/_rels/footnotes.xml.rels"].decode()
    assert 'Target="https://example.org/a?b=1&amp;c=2"' in rels


@pytest.mark.parametrize("name", ["blank_docx", "tajikistan_docx"])
def test_package_structure(name, request):
    check_structure(request.getfixturevalue(name))


def test_same_input_same_bytes(msq, tajikistan_docx):
    again = render(msq, "docx", load_response(TAJIKISTAN))
    assert again == tajikistan_docx
    with zipfile.ZipFile(io.BytesIO(again)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert archive.namelist()[0] == "[Content_Types].xml"


def test_python_docx_reads_page_headings_properties(msq, blank_docx):
    document = docx.Document(io.BytesIO(blank_docx))
    section = document.sections[0]
    assert (section.page_width, section.page_height) == (Twips(11906), Twips(16838))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == [f"{s.numeral}. {s.title.plain()}" for s in msq.sections]
    assert document.core_properties.title == msq.title
    assert document.core_properties.language == "en"
    heading = xml(blank_docx, "word/styles.xml").find(f"{W}style[@{W}styleId='Heading1']")
    assert heading.find(f"{W}pPr/{W}outlineLvl").get(W + "val") == "0"
    assert "PAGE" in parts(blank_docx)["word/footer1.xml"].decode()


def test_custom_properties_name_the_questionnaire(blank_docx):
    properties = {element.get("name"): "".join(element.itertext())
                  for element in xml(blank_docx, "docProps/custom.xml")}
    assert properties["msqschema.questionnaire"] == "msq2020"
    assert properties["msqschema.version"] == __version__
    assert properties["msqschema.edition"] == "2020"


def test_questions_are_numbered_as_in_the_form(msq, blank_docx):
    texts = [p.text for p in docx.Document(io.BytesIO(blank_docx)).paragraphs]
    for question in (q for section in msq.sections for q in section.questions):
        if question.number:
            assert any(text.startswith(f"{question.number}.\t") for text in texts), question.ref
        for item in getattr(question, "items", ()):
            assert any(text.startswith(f"{item.number})\t") for text in texts), item.ref
    assert any("(Maximum 250 words)" in text for text in texts)


def test_footnotes_are_real_and_numbered_in_order(msq, blank_docx):
    references = [int(element.get(W + "id"))
                  for element in xml(blank_docx, "word/document.xml").iter(W + "footnoteReference")]
    assert references == list(range(1, 12)) == [note.number for note in msq.footnotes]
    notes = {int(note.get(W + "id")): note for note in xml(blank_docx, "word/footnotes.xml")}
    assert sorted(notes) == list(range(-1, 12))
    assert notes[-1].get(W + "type") == "separator"
    assert notes[0].get(W + "type") == "continuationSeparator"
    for note in msq.footnotes:
        text = "".join(notes[note.number].itertext()).strip()
        assert text == note.text.plain()
        assert notes[note.number].find(f".//{W}footnoteRef") is not None


def test_hyperlinks_are_external_relationships(blank_docx):
    rels = xml(blank_docx, "word/_rels/document.xml.rels")
    targets = {rel.get("Id"): rel.get("Target") for rel in rels if rel.get("TargetMode")}
    links = list(xml(blank_docx, "word/document.xml").iter(W + "hyperlink"))
    assert {targets[link.get(R_ID)] for link in links} == {
        "mailto:dpidg@un.org", "https://sdgs.un.org/goals",
        "https://publicadministration.un.org/egovkb/en-us/About/Overview/E-Participation",
        "https://publicadministration.un.org/egovkb/en-us/Resources/Open-Government-Data-Toolkit"}
    assert len(list(xml(blank_docx, "word/footnotes.xml").iter(W + "hyperlink"))) == 2


LINKED = """\
msqschema: 1
id: linked
title: Linked
language: en
sections:
  - id: only
    title: Only
    questions:
      - id: portal
        type: multiple_choice
        prompt: See [the guide](https://guide.example).
        lead_in: Tick as in [the law](https://law.example).
        options:
          - {id: tax, label: "[Tax](https://tax.example)"}
"""


def test_link_relationships_follow_the_order_the_form_shows_texts(tmp_path):
    path = tmp_path / "linked.yaml"
    path.write_text(LINKED, encoding="utf-8")
    package = render(load_questionnaire(path), "docx")
    rels = xml(package, "word/_rels/document.xml.rels")
    targets = [rel.get("Target") for rel in rels if rel.get("TargetMode") == "External"]
    assert targets == ["https://guide.example", "https://law.example", "https://tax.example"]


def test_every_answer_place_is_a_tagged_control(msq, blank_docx):
    tags = [path for path, _ in controls(blank_docx)]
    expected = {tag for question in msq.questions()
                for tag in expected_tags(question, "/" + question.id)}
    assert set(tags) == expected
    rows = [path for path in tags if path == "/sector_agencies/health/*/name"]
    assert len(rows) == BLANK_ROWS


def test_blank_controls_show_placeholders_and_titles(blank_docx):
    found = dict(controls(blank_docx))
    social = found["/social_media"]
    assert control_text(social) is None
    assert social.find(f"{W}sdtPr/{W}alias").get(W + "val") == \
        "Q14 social_media (maximum 250 words)"
    assert "maximum 250 words" in "".join(social.itertext())
    assert checked(found["/usage_statistics/yes"]) is False
    assert "☐" in "".join(found["/usage_statistics/yes"].itertext())


def test_filled_controls_hold_the_answers(tajikistan_docx):
    answers = load_response(TAJIKISTAN).answers
    found = controls(tajikistan_docx)
    texts = dict(found)
    assert control_text(texts["/country"]) == "Tajikistan"
    assert control_text(texts["/egovernment_agency"]) == answers["egovernment_agency"]
    assert control_text(texts["/respondent/organization"]) == answers["respondent"]["organization"]
    assert control_text(texts["/chief_information_officer/phone"]) is None
    rows = [control_text(sdt) for path, sdt in found
            if path == "/sector_agencies/finance_taxation/*/name"]
    assert rows == ["Ministry of finance", "Tax committee", None]


def test_filled_checkboxes_are_ticked(msq):
    found = controls(render(msq, "docx", {"answers": TICKED}))
    ticks = {path: checked(sdt) for path, sdt in found if checked(sdt) is not None}
    assert {path for path, tick in ticks.items() if tick} == {
        "/usage_statistics/yes", "/satisfaction_measured/no", "/publication_consent",
        "/strategy_features/selected/implementation_plan",
        "/strategy_features/selected/aligned_sdgs",
        "/new_technology_strategies/selected/blockchain",
        "/new_technology_strategies/selected/other"}
    texts = dict(found)
    assert "☒" in "".join(texts["/publication_consent"].itertext())
    assert control_text(texts["/strategy_features/explanation"]) == "First line\nSecond line"
    assert control_text(texts["/new_technology_strategies/details/other"]) == "Drones"


def test_hostile_answers_stay_readable(msq):
    package = render(msq, "docx", hostile_response())
    check_structure(package)
    document = docx.Document(io.BytesIO(package))
    assert len(document.paragraphs) > 100
    texts = dict(controls(package))
    assert control_text(texts["/country"]) == HOSTILE_TEXTS["specials"]
    assert control_text(texts["/national_portal"]) == "bell null escape vertical form end"
    assert control_text(texts["/egovernment_strategy"]) == HOSTILE_TEXTS["rtl"]
    assert control_text(texts["/national_development_strategy"]) == HOSTILE_TEXTS["emoji"]
    assert control_text(texts["/ict_investment"]) == "a\tb\nc\nd"
    assert len(control_text(texts["/social_media"]).split()) == 10_000
    box = texts["/egovernment_strategy"]
    styles = {element.get(W + "val") for element in box.iter(W + "pStyle")}
    assert styles == {"AnswerRTL"}
    rtl = xml(package, "word/styles.xml").find(f"{W}style[@{W}styleId='AnswerRTL']")
    assert rtl.find(f"{W}pPr/{W}bidi") is not None


@pytest.mark.parametrize("answers", [
    {"country": ["a", "list"], "sector_agencies": "text", "strategy_features": ["x"]},
    {"sector_agencies": {"health": ["not a row", {"name": 5}]}, "respondent": [1]},
    {"usage_statistics": True, "publication_consent": "yes", "heard_about": {"selected": "x"}},
])
def test_answers_of_the_wrong_shape_render_blank(msq, answers):
    package = render(msq, "docx", {"answers": answers})
    assert docx.Document(io.BytesIO(package)).paragraphs


def test_a_template_override_replaces_one_part(msq, tmp_path):
    (tmp_path / "word").mkdir()
    (tmp_path / "word" / "header1.xml").write_text(
        '{% extends "builtin/word/header1.xml" %}', encoding="utf-8")
    (tmp_path / "word" / "footer1.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        '<w:p><w:r><w:t>{{ questionnaire.id }} &amp; more</w:t></w:r></w:p></w:ftr>',
        encoding="utf-8")
    package = render(msq, "docx", templates=tmp_path)
    assert "".join(xml(package, "word/footer1.xml").itertext()) == "msq2020 & more"
    assert parts(package)["word/header1.xml"] == parts(render(msq, "docx"))["word/header1.xml"]


def test_the_render_command_writes_docx_files(tmp_path, msq):
    from click.testing import CliRunner

    from msqschema.cli import cli

    runner = CliRunner()
    blank = tmp_path / "blank.docx"
    result = runner.invoke(cli, ["render", "--format", "docx", "-o", str(blank)])
    assert result.exit_code == 0, result.output
    assert blank.read_bytes() == render(msq, "docx")
    folder = tmp_path / "filled"
    folder.mkdir()
    other = tmp_path / "other.json"
    other.write_text('{"questionnaire": "msq2020", "answers": {"country": "Elsewhere"}}')
    result = runner.invoke(cli, ["render", "-f", "docx", "-r", str(TAJIKISTAN), "-r", str(other),
                                 "-o", str(folder)])
    assert result.exit_code == 0, result.output
    assert sorted(path.name for path in folder.iterdir()) == ["other.docx", "tajikistan-2019.docx"]
    filled = (folder / "tajikistan-2019.docx").read_bytes()
    assert filled == render(msq, "docx", load_response(TAJIKISTAN))
    assert control_text(dict(controls((folder / "other.docx").read_bytes()))["/country"]) == \
        "Elsewhere"
    assert docx.Document(folder / "other.docx").paragraphs


def test_xml_safe_removes_what_xml_forbids_and_keeps_built_markup():
    from markupsafe import Markup

    from msqschema.render.ooxml import xml_safe

    assert xml_safe("a\x00b\x1fc\td\ne\rf\ud800g\ufffe\uffff") == "abc\td\ne\rfg"
    built = Markup("<w:t>\x01</w:t>")
    assert xml_safe(built) is built
    assert xml_safe(7) == 7


def test_right_to_left_is_the_first_strong_direction():
    from msqschema.render.ooxml import is_rtl

    assert is_rtl("١٢ الحكومة e-gov") and is_rtl("«ממשל»")
    assert not is_rtl("e-gov الحكومة") and not is_rtl("123 ...")


def test_zip_package_is_reproducible():
    from msqschema.render.ooxml import zip_package

    def package() -> bytes:
        return zip_package([("a.xml", ["<a/>"]), ("b/c.xml", ["<", "c/>"])],
                           max_part_bytes=100, max_elements=1)

    one = package()
    assert one == package()
    with zipfile.ZipFile(io.BytesIO(one)) as archive:
        assert archive.namelist() == ["a.xml", "b/c.xml"]
        assert archive.read("b/c.xml") == b"<c/>"
