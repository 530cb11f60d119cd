"""Filled forms re-saved by LibreOffice, which drops the tags of their content controls, are read
back by position: directly (`--convert-to docx`) and through ODT (`--convert-to odt`, then back
to docx, which turns a long text's box into an input field). A re-saved form with a box deleted
is refused at that box's question.

Every form is converted in two `soffice` runs per session, with a profile of its own.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from conftest import ROOT, TAJIKISTAN
from msqschema import Questionnaire, load_questionnaire
from msqschema.extraction.reader import extract
from msqschema.problems import InputError
from msqschema.render import render
from msqschema.responses.response import load_response
from test_extract_roundtrip import normalised

pytestmark = pytest.mark.libreoffice

if shutil.which("soffice") is None:
    pytest.skip("needs soffice (Debian package libreoffice-writer-nogui)", allow_module_level=True)

FIXTURES = Path(__file__).parent / "fixtures" / "docx"
RESPONSES = {"tajikistan": ("msq2020", TAJIKISTAN),
             "every-place": ("msq2020", FIXTURES / "every-place.yaml"),
             "business": ("business_survey", ROOT / "examples" / "responses" /
                          "business-survey-example.yaml"),
             "mixed-scripts": ("msq2020", FIXTURES / "mixed-scripts.yaml")}
"""Name -> (questionnaire, response) of each filled form re-saved."""
READABLE = [f"{response}-{way}" for response in ("tajikistan", "every-place", "business")
            for way in ("direct", "odt")]
NS = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
      "w14": "http://schemas.microsoft.com/office/word/2010/wordml"}


@pytest.fixture(scope="session")
def msq():
    return load_questionnaire("msq2020")


def filled_form(name: str) -> tuple[Questionnaire, bytes]:
    """The questionnaire and the filled form of RESPONSES[name], as msqschema renders it."""
    questionnaire, response = RESPONSES[name]
    model = load_questionnaire(questionnaire)
    return model, render(model, "docx", load_response(response))


def soffice(folder: Path, target: str, outdir: Path, files: list[Path]) -> None:
    """Convert files with LibreOffice, in a profile of the session's own."""
    profile = (folder / "profile").as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--norestore",
                    "--convert-to", target, "--outdir", str(outdir), *map(str, files)],
                   check=True, capture_output=True, timeout=300)


@pytest.fixture(scope="session")
def resaved(tmp_path_factory) -> dict[str, bytes]:
    """'<response>-direct' and '<response>-odt' -> the filled form as LibreOffice saved it."""
    folder = tmp_path_factory.mktemp("libreoffice")
    filled = []
    for name in RESPONSES:
        filled.append(folder / f"{name}-direct.docx")
        filled[-1].write_bytes(filled_form(name)[1])
    soffice(folder, "odt", folder / "odt", filled)
    odt = [path.rename(path.with_name(path.name.replace("-direct", "-odt")))
           for path in sorted((folder / "odt").glob("*.odt"))]
    assert len(odt) == len(filled), "LibreOffice did not convert every form to ODT"
    soffice(folder, "docx", folder / "saved", filled + odt)
    saved = {path.stem: path.read_bytes() for path in (folder / "saved").glob("*.docx")}
    assert sorted(saved) == sorted(f"{name}-{way}" for name in RESPONSES
                                   for way in ("direct", "odt"))
    return saved


def document(docx: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        return etree.fromstring(archive.read("word/document.xml"))


def with_document(docx: bytes, root: etree._Element) -> bytes:
    """The package with another word/document.xml."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as source, \
            zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info) if info.filename != "word/document.xml" \
                else etree.tostring(root, xml_declaration=True, encoding="UTF-8")
            target.writestr(info.filename, data)
    return buffer.getvalue()


def test_libreoffice_drops_every_tag_and_keeps_the_boxes(resaved) -> None:
    """What the reader is built for, checked on each LibreOffice version CI has."""
    for name, docx in resaved.items():
        root, rendered = document(docx), document(filled_form(name.rpartition("-")[0])[1])
        assert root.xpath("//w:sdtPr/w:tag", namespaces=NS) == [], name
        assert len(root.xpath("//w14:checkbox", namespaces=NS)) == len(
            rendered.xpath("//w14:checkbox", namespaces=NS)), name


@pytest.mark.parametrize("name", READABLE)
def test_a_form_resaved_by_libreoffice_gives_the_response_back(resaved, name) -> None:
    questionnaire, response = RESPONSES[name.rpartition("-")[0]]
    model = load_questionnaire(questionnaire)
    result = extract(resaved[name], model, name=f"{name}.docx")
    assert result.answers == normalised(model, {"answers": load_response(response).answers})
    assert [problem.code for problem in result.problems] == ["X004"]


def test_a_resaved_form_with_a_box_deleted_is_refused_at_its_question(msq, resaved) -> None:
    root = document(resaved["every-place-direct"])
    boxes = root.xpath("//w:sdt[w:sdtPr/w14:checkbox]", namespaces=NS)
    legal = next(box for box in boxes if "personal data protection" in "".join(
        box.xpath("following-sibling::w:r//w:t/text()", namespaces=NS)))
    legal.getparent().remove(legal)
    with pytest.raises(InputError) as raised:
        extract(with_document(resaved["every-place-direct"], root), msq)
    problem = raised.value.problem
    assert (problem.code, problem.question, problem.question_id) == ("X005", "9",
                                                                      "legal_framework")
    assert "the text before it is 'personal data protection including digital securi…', not " \
           "'access to information such as Freedom of Informat…'" in problem.message


def test_a_row_added_to_a_resaved_table_is_read(msq, resaved) -> None:
    root = document(resaved["every-place-odt"])
    cell = root.xpath('//w:t[. = "www.medt.tj"]', namespaces=NS)[0]
    row = cell.xpath("ancestor::w:tr[1]", namespaces=NS)[0]
    added = etree.fromstring(etree.tostring(row))
    for sdt, text in zip(added.xpath(".//w:sdt", namespaces=NS), ("Planning office", "po.tj"),
                         strict=True):  # a row added by hand: text in its cells, no boxes
        sdt.getparent().replace(sdt, etree.fromstring(
            f'<w:r xmlns:w="{NS["w"]}"><w:t>{text}</w:t></w:r>'))
    row.addnext(added)
    result = extract(with_document(resaved["every-place-odt"], root), msq)
    assert result.answers["sector_agencies"]["planning_development"] == [
        {"name": "Ministry of Economic Development and Trade", "url": "www.medt.tj"},
        {"name": "Planning office", "url": "po.tj"}]


@pytest.mark.parametrize("way", ["direct", "odt"])
def test_a_long_text_libreoffice_split_is_refused_at_its_question(msq, resaved, way) -> None:
    """LibreOffice writes a long text's box once for each change of script in its first line
    (here Latin, Arabic, Latin), each copy showing the whole text: refused, not guessed."""
    root = document(resaved[f"mixed-scripts-{way}"])
    copies = root.xpath('//w:p[.//w:t[contains(., "Portal")]]//w:t[. = "Portal مرحبا gov.tj"]',
                        namespaces=NS)
    assert len(copies) > 1
    with pytest.raises(InputError) as raised:
        extract(resaved[f"mixed-scripts-{way}"], msq)
    problem = raised.value.problem
    assert (problem.code, problem.question, problem.question_id) == ("X005", "1",
                                                                      "national_portal")
    assert "the document has a box more than the form after it" in problem.message
