"""Tests for `msqschema.extract`: forms rendered by msqschema, then edited the way Word edits them.

Each Word-style edit is made at the XML level on the rendered blank form: the content of one
content control is replaced by what Word writes when someone types, ticks or tracks changes.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from msqschema.extraction.reader import extract
from msqschema.questionnaire.loader import load_questionnaire
from msqschema.render import render

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
NS = {"w": W, "w14": W14,
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
MINI = Path(__file__).parent / "fixtures" / "docx" / "mini.yaml"


def fragment(xml: str) -> list[etree._Element]:
    """Elements written as WordprocessingML with the usual prefixes."""
    declarations = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in NS.items())
    return list(etree.fromstring(f"<root {declarations}>{xml}</root>"))


class Form:
    """A rendered DOCX opened for editing at the XML level, the way Word changes it."""

    def __init__(self, docx: bytes) -> None:
        with zipfile.ZipFile(io.BytesIO(docx)) as archive:
            self.parts = {name: archive.read(name) for name in archive.namelist()}
        self.root = etree.fromstring(self.parts["word/document.xml"])

    def controls(self, path: str) -> list[etree._Element]:
        return self.root.xpath(f'//w:sdt[w:sdtPr/w:tag/@w:val="msq:{path}"]', namespaces=NS)

    def type(self, path: str, xml: str, index: int = 0) -> Form:
        """Replace what a text control shows, as typing over its placeholder does."""
        control = self.controls(path)[index]
        for flag in control.xpath("w:sdtPr/w:showingPlcHdr", namespaces=NS):
            flag.getparent().remove(flag)
        content = control.find(f"{{{W}}}sdtContent")
        content[:] = fragment(xml)
        return self

    def tick(self, path: str, checked: bool = True, glyph: str | None = None) -> Form:
        """Tick (or untick) a checkbox as Word does: w14:checked and the box glyph."""
        control = self.controls(path)[0]
        control.find(f".//{{{W14}}}checked").set(f"{{{W14}}}val", "1" if checked else "0")
        control.find(f".//{{{W}}}sdtContent//{{{W}}}t").text = glyph or ("☒" if checked else "☐")
        return self

    def delete(self, path: str) -> Form:
        for control in self.controls(path):
            control.getparent().remove(control)
        return self

    def duplicate(self, path: str) -> Form:
        control = self.controls(path)[0]
        control.addnext(etree.fromstring(etree.tostring(control)))
        return self

    def add_after(self, path: str, xml: str) -> Form:
        """Add body elements after the paragraph (or block control) holding a control."""
        anchor = self.controls(path)[0]
        while anchor.getparent().tag != f"{{{W}}}body":
            anchor = anchor.getparent()
        for element in reversed(fragment(xml)):
            anchor.addnext(element)
        return self

    def docx(self) -> bytes:
        parts = {**self.parts, "word/document.xml": etree.tostring(
            self.root, xml_declaration=True, encoding="UTF-8", standalone=True)}
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in parts.items():
                archive.writestr(name, data)
        return buffer.getvalue()


@pytest.fixture(scope="module")
def mini():
    return load_questionnaire(MINI)


@pytest.fixture
def form(mini) -> Form:
    return Form(render(mini, "docx"))


def answers(form: Form, questionnaire) -> dict:
    result = extract(form.docx(), questionnaire)
    assert result.problems == ()
    return result.answers


def codes(form: Form, questionnaire) -> list[tuple[str, str]]:
    return [(p.code, p.question_id) for p in extract(form.docx(), questionnaire).problems]


def run(text: str, properties: str = "") -> str:
    rpr = f"<w:rPr>{properties}</w:rPr>" if properties else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{text}</w:t></w:r>'


def test_the_blank_form_has_no_answers_and_no_problems(form, mini) -> None:
    assert answers(form, mini) == {}


def test_typed_text_split_over_several_runs(form, mini) -> None:
    form.type("/social_media", "<w:p>" + run("We use ") + run("Face", "<w:b/>")
              + run("book", '<w:i/><w:lang w:val="fr-FR"/>') + run(" daily.") + "</w:p>")
    assert answers(form, mini) == {"social_media": "We use Facebook daily."}


def test_placeholder_is_unanswered_until_replaced(form, mini) -> None:
    placeholder = form.controls("/social_media")[0]
    assert "Enter your answer" in "".join(placeholder.itertext())
    assert answers(form, mini) == {}
    # Word removes w:showingPlcHdr when typing starts; the run may keep the placeholder style.
    form.type("/social_media", '<w:p><w:r><w:rPr><w:rStyle w:val="PlaceholderText"/></w:rPr>'
              "<w:t>Telegram</w:t></w:r></w:p>")
    assert answers(form, mini) == {"social_media": "Telegram"}


def test_proofing_marks_are_ignored(form, mini) -> None:
    form.type("/respondent/name", run("Ms. ") + '<w:proofErr w:type="spellStart"/>'
              + run("Nigora") + '<w:proofErr w:type="spellEnd"/>' + '<w:proofErr w:type='
              '"gramStart"/>' + run(" Karimova") + '<w:proofErr w:type="gramEnd"/>')
    assert answers(form, mini) == {"respondent": {"name": "Ms. Nigora Karimova"}}


def test_tracked_changes_take_insertions_and_ignore_deletions(form, mini) -> None:
    tracked = 'w:author="Reviewer" w:date="2019-07-31T10:00:00Z"'
    form.type("/social_media", f'<w:p>{run("Not ")}<w:del w:id="1" {tracked}><w:r><w:delText>'
              f'yet</w:delText></w:r></w:del><w:ins w:id="2" {tracked}>{run("since 2019")}'
              f'</w:ins></w:p><w:p><w:moveFrom w:id="3" {tracked}><w:r><w:t>moved</w:t></w:r>'
              f'</w:moveFrom></w:p>')
    form.type("/country", f'<w:ins w:id="4" {tracked}>{run("Chad")}</w:ins>')
    assert answers(form, mini) == {"country": "Chad", "social_media": "Not since 2019"}


def test_ticked_checkboxes(form, mini) -> None:
    form.tick("/consent").tick("/usage_statistics/no").tick("/language/option/french")
    form.tick("/features/selected/sdgs").tick("/features/selected/plan")
    assert answers(form, mini) == {
        "consent": True, "usage_statistics": "no", "language": "french",
        "features": {"selected": ["plan", "sdgs"]}}


def test_unticking_a_box_ticked_when_rendered(mini) -> None:
    form = Form(render(mini, "docx", {"answers": {"usage_statistics": "yes"}}))
    assert answers(form, mini) == {"usage_statistics": "yes"}
    form.tick("/usage_statistics/yes", checked=False).tick("/usage_statistics/no")
    assert answers(form, mini) == {"usage_statistics": "no"}


def test_paragraphs_line_breaks_and_tabs_keep_the_text_and_drop_the_formatting(form, mini) -> None:
    form.type("/social_media", '<w:p><w:pPr><w:pStyle w:val="Heading2"/></w:pPr>'
              f'{run("First", "<w:b/>")}</w:p><w:p/>'
              f'<w:p><w:r><w:t>Second</w:t><w:br/><w:t>line</w:t><w:tab/><w:t>tabbed</w:t>'
              f'</w:r></w:p><w:p>{run("  indented  ")}</w:p><w:p/>')
    form.type("/features/details/other", f'{run("one")}<w:r><w:br/></w:r>{run("two")}')
    form.tick("/features/selected/other")
    assert answers(form, mini) == {
        "social_media": "First\n\nSecond\nline\ttabbed\n  indented",
        "features": {"selected": ["other"], "details": {"other": "one\ntwo"}}}


def test_links_fields_bookmarks_and_comments_keep_their_text(form, mini) -> None:
    form.type("/portals/e_services", '<w:p><w:bookmarkStart w:id="0" w:name="x"/>'
              '<w:hyperlink r:id="rId99" w:history="1"><w:r><w:rPr><w:rStyle w:val="Hyperlink"/>'
              '</w:rPr><w:t>www.e-gov.tj</w:t></w:r></w:hyperlink><w:bookmarkEnd w:id="0"/>'
              '<w:commentRangeStart w:id="1"/><w:commentRangeEnd w:id="1"/>'
              '<w:r><w:commentReference w:id="1"/></w:r></w:p>')
    form.type("/portals/open_data", '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r>'
              '<w:instrText xml:space="preserve"> HYPERLINK "https://data.tj" </w:instrText>'
              '</w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>data.tj</w:t>'
              '</w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>')
    assert answers(form, mini) == {"portals": {"e_services": "www.e-gov.tj",
                                               "open_data": "data.tj"}}


def test_whitespace_word_would_not_show_and_blank_answers(form, mini) -> None:
    form.type("/country", "<w:r><w:t>  Chad  </w:t></w:r>")  # no xml:space: Word trims it
    form.type("/social_media", f"<w:p/><w:p>{run('   ')}</w:p>")
    assert answers(form, mini) == {"country": "Chad"}


def test_record_rows_in_table_order_empty_rows_skipped(form, mini) -> None:
    form.type("/agencies/*/name", run("Ministry of Finance"), index=0)
    form.type("/agencies/*/url", run("www.minfin.tj"), index=0)
    form.type("/agencies/*/url", run("www.andoz.tj"), index=1)
    assert answers(form, mini) == {"agencies": [
        {"name": "Ministry of Finance", "url": "www.minfin.tj"}, {"url": "www.andoz.tj"}]}


def test_a_row_added_with_words_plus_button_is_read(form, mini) -> None:
    row = form.controls("/agencies/*/name")[1].xpath("ancestor::w:sdt[1]", namespaces=NS)[0]
    row.addnext(etree.fromstring(etree.tostring(row)))  # the repeating section's "+"
    form.type("/agencies/*/name", run("Tax committee"), index=2)
    form.type("/agencies/*/name", run("Ministry of Finance"), index=0)
    assert answers(form, mini) == {"agencies": [{"name": "Ministry of Finance"},
                                                {"name": "Tax committee"}]}


def test_a_deleted_control_names_its_question(form, mini) -> None:
    form.type("/country", run("Chad")).delete("/social_media").delete("/features/selected/sdgs")
    result = extract(form.docx(), mini)
    assert result.answers == {"country": "Chad"}
    assert [(p.code, p.question, p.question_id, p.message) for p in result.problems] == [
        ("X101", "1", "social_media", "answer place missing from the document (deleted?): "
         "/social_media; that answer cannot be read"),
        ("X101", "4", "features", "answer place missing from the document (deleted?): "
         "/features/selected/sdgs; that answer cannot be read"),
    ]


def test_a_duplicated_control_names_its_question(form, mini) -> None:
    form.duplicate("/country").type("/country", run("Chad"), index=1)
    form.duplicate("/agencies/*/name")
    result = extract(form.docx(), mini)
    assert result.answers == {"country": "Chad"}
    assert [(p.code, p.question_id, p.message) for p in result.problems] == [
        ("X102", "country", "answer place in the document more than once (copied?): /country; "
         "the first one filled in is read"),
        ("X102", "agencies", "answer place in the document more than once (copied?): "
         "/agencies/*/name; the first one filled in is read"),
    ]


def test_text_typed_outside_the_controls_is_a_warning_with_its_paragraph(form, mini) -> None:
    form.type("/social_media", f"<w:p>{run('Facebook')}</w:p>")
    form.add_after("/social_media", f"<w:p>{run('We also use Telegram, ')}"
                                    f"{run('since 2018.', '<w:b/>')}</w:p>")
    result = extract(form.docx(), mini)
    assert result.answers == {"social_media": "Facebook"}
    assert [(p.code, p.severity, p.question, p.question_id, p.message)
            for p in result.problems] == [
        ("X201", "warning", "1", "social_media",
         "text typed outside the answer places is not read: 'We also use Telegram, since 2018.'"),
    ]


def test_conflicting_ticks_and_a_glyph_that_disagrees(form, mini) -> None:
    form.tick("/usage_statistics/yes").tick("/usage_statistics/no")
    form.tick("/language/option/english").tick("/language/option/french")
    form.tick("/features/selected/plan", checked=True, glyph="☐")
    result = extract(form.docx(), mini)
    assert result.answers == {"features": {"selected": ["plan"]}}
    assert [(p.code, p.question_id, p.message) for p in result.problems] == [
        ("X104", "usage_statistics", "both Yes and No are ticked; read as unanswered"),
        ("X104", "language", "only one option may be ticked, not english, french; "
         "read as unanswered"),
        ("X105", "features", "the box '/features/selected/plan' shows ☐ but Word records it as "
         "ticked; read as ticked"),
    ]


def test_an_unknown_control_is_a_warning(form, mini) -> None:
    form.add_after("/social_media", '<w:sdt><w:sdtPr><w:tag w:val="msq:/hobbies"/></w:sdtPr>'
                                    f"<w:sdtContent><w:p>{run('Chess')}</w:p></w:sdtContent></w:sdt>")
    assert codes(form, mini) == [("X103", "")]
    assert "'/hobbies' belongs to no question of 'mini'; ignored (it holds 'Chess')" in \
        extract(form.docx(), mini).problems[0].message


def test_a_document_without_its_questionnaire_property_is_read_with_a_warning(form, mini) -> None:
    form.parts["docProps/custom.xml"] = b"<Properties/>"
    result = extract(form.docx(), mini)
    assert [(p.code, p.message) for p in result.problems] == [
        ("X002", "the document does not say which questionnaire it was rendered from; "
                 "read as 'mini'")]


def test_the_tajikistan_response_comes_back(tmp_path: Path) -> None:
    from msqschema.responses.response import load_response

    msq = load_questionnaire("msq2020")
    response = load_response(Path(__file__).parents[1] / "examples/responses/tajikistan-2019.yaml")
    source = tmp_path / "tajikistan.docx"
    source.write_bytes(render(msq, "docx", response))
    result = extract(source)
    assert result.problems == ()
    assert result.answers == response.answers
    assert list(result.answers) == list(response.answers)
    assert load_response(result.to_yaml().encode()).data == response.data


def test_forms_rendered_with_other_templates_are_compared_with_those(mini, tmp_path) -> None:
    builtin = Path(__file__).parents[1] / "templates" / "docx" / "word" / "document.xml"
    (tmp_path / "word").mkdir()
    (tmp_path / "word" / "document.xml").write_text(builtin.read_text(encoding="utf-8").replace(
        "<w:body>", "<w:body><w:p><w:r><w:t>Ministry of Foreign Affairs</w:t></w:r></w:p>", 1),
        encoding="utf-8")
    branded = render(mini, "docx", templates=tmp_path)
    assert extract(branded, mini, templates=tmp_path).problems == ()
    assert [p.code for p in extract(branded, mini).problems] == ["X201"]


def test_a_row_added_without_controls_is_read_by_its_columns(form, mini) -> None:
    """Tab in the last cell, or "Insert row below", adds a row of empty cells, no controls."""
    form.type("/agencies/*/name", run("Ministry of Finance"), index=0)
    last = form.controls("/agencies/*/name")[-1].xpath("ancestor::w:tr[1]", namespaces=NS)[0]
    cells = "".join(f'<w:tc><w:tcPr><w:tcW w:w="4000" w:type="dxa"/></w:tcPr><w:p>{run(text)}'
                    "</w:p></w:tc>" for text in ("Tax committee", "www.andoz.tj"))
    last.addnext(fragment(f"<w:tr>{cells}</w:tr>")[0])
    assert answers(form, mini) == {"agencies": [
        {"name": "Ministry of Finance"}, {"name": "Tax committee", "url": "www.andoz.tj"}]}


def test_a_form_filled_and_saved_by_python_docx(mini, tmp_path) -> None:
    docx = pytest.importorskip("docx")
    from docx.oxml.ns import qn

    document = docx.Document(io.BytesIO(render(mini, "docx")))
    for sdt in document.element.body.iter(qn("w:sdt")):
        tag = sdt.find(f"{qn('w:sdtPr')}/{qn('w:tag')}")
        if tag is not None and tag.get(qn("w:val")) == "msq:/country":
            sdt.find(qn("w:sdtPr")).remove(sdt.find(f"{qn('w:sdtPr')}/{qn('w:showingPlcHdr')}"))
            next(sdt.iter(qn("w:t"))).text = "Chad"
    document.save(tmp_path / "filled.docx")
    result = extract(tmp_path / "filled.docx", MINI)  # not bundled: named by its file
    assert result.answers == {"country": "Chad"}
