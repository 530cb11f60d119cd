"""Untrusted input to `msqschema extract`: each gives one line, exit 2, quickly, and no output."""

from __future__ import annotations

import io
import struct
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from msqschema.cli import cli
from msqschema.extraction.limits import MAX_PART_BYTES
from msqschema.extraction.reader import extract
from msqschema.problems import InputError

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTROL = (f'<w:sdt xmlns:w="{W}"><w:sdtPr><w:tag w:val="msq:/country"/></w:sdtPr>'
           '<w:sdtContent><w:r><w:t>Chad</w:t></w:r></w:sdtContent></w:sdt>')


def document(body: str = f"<w:p>{CONTROL}</w:p>", prolog: str = "") -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<w:document xmlns:w="{W}">'
            f"<w:body>{body}</w:body></w:document>").encode()


def custom(questionnaire: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?><Properties xmlns="http://schemas.openxmlformats.org/'
        'officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/'
        'officeDocument/2006/docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-'
        '08002B2CF9AE}" pid="2" name="msqschema.questionnaire"><vt:lpwstr>'
        f"{questionnaire}</vt:lpwstr></property></Properties>").encode()


def package(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


BILLION_LAUGHS = '<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa">' + "".join(
    f'<!ENTITY {chr(98 + level)} "{("&" + chr(97 + level) + ";") * 10}">' for level in range(9)
) + "]>"


def _lying_bomb() -> bytes:
    """A part whose headers declare 100 bytes but that inflates to 64 MB."""
    data = bytearray(package({"word/document.xml": b" " * (64 * 1024 * 1024)}))
    local = data.find(b"PK\x03\x04")
    central = data.find(b"PK\x01\x02")
    struct.pack_into("<I", data, local + 22, 100)
    struct.pack_into("<I", data, central + 24, 100)
    return bytes(data)


HOSTILE = {
    "not a zip": (b"%PDF-1.7 this is not a zip", "not a Word document"),
    "empty file": (b"", "not a Word document"),
    "zip without document.xml": (package({"word/other.xml": document()}), "no word/document.xml"),
    "zip bomb": (package({"word/document.xml": b" " * (MAX_PART_BYTES + 1)}), "zip bomb"),
    "zip bomb with lying sizes": (_lying_bomb(), "cannot be unpacked"),
    "part named twice": (package({"word/document.xml": document(), "Word/Document.xml":
                                  document()}), "more than once"),
    "entity declarations": (package({"word/document.xml": document(
        "<w:p><w:r><w:t>&j;</w:t></w:r></w:p>", BILLION_LAUGHS)}), "DTD"),
    "external entity": (package({"word/document.xml": document(
        "<w:p><w:r><w:t>&x;</w:t></w:r></w:p>",
        '<!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>')}), "DTD"),
    "DTD in custom properties": (package({
        "word/document.xml": document(),
        "docProps/custom.xml": b'<?xml version="1.0"?><!DOCTYPE p [<!ENTITY x "y">]><p>&x;</p>'}),
        "DTD"),
    "undeclared entity": (package({"word/document.xml": document(
        "<w:p><w:r><w:t>&x;</w:t></w:r></w:p>")}), "not well-formed"),
    "broken XML": (package({"word/document.xml": b"<w:document><w:body>"}), "not well-formed"),
    "unknown encoding": (package({"word/document.xml": b'<?xml version="1.0" encoding="bogus"?>'
                                  b"<w:document/>"}), "cannot be read"),
    "multi-byte encoding": (package({
        "word/document.xml": document(),
        "docProps/custom.xml": b'<?xml version="1.0" encoding="shift_jis"?><p/>'}),
        "cannot be read"),
    "deep nesting": (package({"word/document.xml": document(
        "<w:p>" * 10000 + "</w:p>" * 10000)}), "deeper than"),
    "too many elements": (package({"word/document.xml": document("<w:p/>" * 1_000_000)}),
                          "more than 100,000 elements"),
    "no answer places": (package({"word/document.xml": document(
        "<w:p><w:r><w:t>Just a letter.</w:t></w:r></w:p>")}), "no answer places"),
    "controls that lost their tags": (package({"word/document.xml": document(
        "<w:p><w:sdt><w:sdtPr/><w:sdtContent><w:r><w:t>Chad</w:t></w:r></w:sdtContent></w:sdt>"
        "</w:p>")}), "the text before it is nothing, not 'Country'"),
    "another questionnaire": (package({"word/document.xml": document(),
                                       "docProps/custom.xml": custom("census_2021")}),
                              "'census_2021'"),
}


@pytest.mark.parametrize("case", HOSTILE)
def test_hostile_input_raises_one_input_error_quickly(case: str) -> None:
    data, message = HOSTILE[case]
    started = time.perf_counter()
    with pytest.raises(InputError) as raised:
        extract(data)
    assert time.perf_counter() - started < 3  # about a second at most on a quiet machine
    assert message in raised.value.problem.message
    assert "\n" not in raised.value.problem.message


@pytest.mark.parametrize("case", HOSTILE)
def test_hostile_input_exits_2_with_one_line_and_writes_nothing(case: str, tmp_path: Path) -> None:
    source, output = tmp_path / "filled.docx", tmp_path / "response.yaml"
    source.write_bytes(HOSTILE[case][0])
    result = CliRunner().invoke(cli, ["extract", str(source), "-o", str(output)])
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith(f"{source}: error[")
    assert list(tmp_path.iterdir()) == [source]


def test_a_document_of_another_questionnaire_names_it(tmp_path: Path) -> None:
    source = tmp_path / "filled.docx"
    source.write_bytes(package({"word/document.xml": document(),
                                "docProps/custom.xml": custom("mini")}))
    mini = Path(__file__).parent / "fixtures" / "docx" / "mini.yaml"
    result = CliRunner().invoke(cli, ["extract", str(source), "-q", "msq2020"])
    assert result.exit_code == 2
    assert result.stderr == (f"{source}: error[X001] the document was rendered from questionnaire "
                             "'mini', not 'msq2020'\n")
    with pytest.raises(InputError, match="filled.docx: the document was rendered from "
                                         "questionnaire 'mini', which is not bundled$"):
        extract(source)  # the core words no hint of the command line
    result = CliRunner().invoke(cli, ["extract", str(source)])
    assert (result.exit_code, result.stderr) == (
        2, f"{source}: error[X001] the document was rendered from questionnaire 'mini', which "
           "is not bundled; give its file with -q\n")
    assert extract(source, mini).questionnaire.id == "mini"


def test_the_input_is_never_overwritten(tmp_path: Path) -> None:
    source = tmp_path / "filled.docx"
    data = package({"word/document.xml": document(), "docProps/custom.xml": custom("msq2020")})
    source.write_bytes(data)
    result = CliRunner().invoke(cli, ["extract", str(source), "-o", str(source)])
    assert result.exit_code == 2
    assert "refusing to overwrite an input file" in result.stderr
    assert source.read_bytes() == data
