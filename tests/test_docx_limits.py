"""What `render` writes as a Word form, `extract` reads back: the renderer keeps to the
extractor's limits (bytes and elements per part) and refuses, in one line, a form beyond them."""

from __future__ import annotations

import io
import zipfile
from xml.etree import ElementTree

import pytest
from click.testing import CliRunner

from msqschema.cli import cli
from msqschema.extraction import limits
from msqschema.extraction.reader import extract
from msqschema.problems import InputError
from msqschema.questionnaire.loader import load_questionnaire
from msqschema.render import render
from msqschema.render.ooxml import _BLOCK, PartTooLarge, _write_part


@pytest.fixture(scope="module")
def msq2020():
    return load_questionnaire("msq2020")


def with_rows(count: int) -> dict:
    rows = [{"name": f"Ministry {i:05}", "url": f"www.m{i:05}.example"} for i in range(count)]
    return {"questionnaire": "msq2020", "answers": {"sector_agencies": {"education": rows}}}


def document_xml(docx: bytes) -> bytes:
    return zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml")


def elements(docx: bytes) -> int:
    return sum(1 for _ in ElementTree.fromstring(document_xml(docx)).iter())


def test_the_most_rows_render_writes_extract_reads_back_and_one_more_is_refused(msq2020):
    one, two = (elements(render(msq2020, "docx", with_rows(count))) for count in (1, 2))
    most = 1 + (limits.MAX_ELEMENTS - one) // (two - one)
    docx = render(msq2020, "docx", with_rows(most))
    assert isinstance(docx, bytes)
    assert limits.MAX_ELEMENTS - (two - one) < elements(docx) <= limits.MAX_ELEMENTS
    read = extract(docx)
    assert len(read.answers["sector_agencies"]["education"]) == most
    assert read.answers["sector_agencies"]["education"][-1]["url"] == f"www.m{most - 1:05}.example"
    with pytest.raises(PartTooLarge, match=r"^word/document.xml would have more than 100,000 "
                                           r"elements, the most a form is read back with$"):
        render(msq2020, "docx", with_rows(most + 1))


def test_a_part_of_the_most_bytes_is_read_back_and_one_byte_more_is_refused(msq2020, monkeypatch):
    docx = render(msq2020, "docx", with_rows(3))
    size = len(document_xml(docx))
    monkeypatch.setattr(limits, "MAX_PART_BYTES", size)
    assert render(msq2020, "docx", with_rows(3)) == docx
    assert len(extract(docx).answers["sector_agencies"]["education"]) == 3
    monkeypatch.setattr(limits, "MAX_PART_BYTES", size - 1)
    with pytest.raises(PartTooLarge, match=f"larger than {size - 1:,} bytes"):
        render(msq2020, "docx", with_rows(3))
    with pytest.raises(InputError, match="inflates to more than"):
        extract(docx)


def test_an_element_split_between_two_blocks_is_counted_once():
    end_tag = ["<r>" + "x" * (_BLOCK - 4) + "<", "/r>"]  # an end tag's '<' ends the first block
    _write_part(io.BytesIO(), "part", end_tag, 10 * _BLOCK, max_elements=1)
    start_tag = ["<r>" + "x" * (_BLOCK - 4) + "<", "a/></r>"]
    with pytest.raises(PartTooLarge, match="more than 1 elements"):
        _write_part(io.BytesIO(), "part", start_tag, 10 * _BLOCK, max_elements=1)


def test_the_command_line_refuses_a_form_too_large_in_one_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(limits, "MAX_ELEMENTS", 1000)
    (tmp_path / "rows.yaml").write_text(
        "questionnaire: msq2020\nanswers:\n  sector_agencies:\n    education:\n"
        + "      - {name: Ministry, url: www.m.example}\n" * 100)
    result = CliRunner().invoke(cli, ["render", "-f", "docx", "-r", "rows.yaml", "-o", "f.docx"])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == ("msqschema: the Word form is too large: word/document.xml would "
                             "have more than 1,000 elements, the most a form is read back with\n")
    assert not (tmp_path / "f.docx").exists()
