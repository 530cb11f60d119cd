"""Forms whose content controls lost their `msq:` tags (LibreOffice drops them) are read by
position: each untagged place is matched, in order, with the blank form's place of the same kind
after the same text; where the two differ the form is refused at the first such question.

The edits are made at the XML level on rendered forms (tests/test_extract.py's `Form`), the way
LibreOffice 7.4 writes them (tests/test_extract_libreoffice.py re-saves forms with LibreOffice).
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from lxml import etree

from msqschema.cli import cli
from msqschema.extraction.reader import extract
from msqschema.problems import InputError
from msqschema.render import render
from test_extract import MINI, NS, Form, W, fragment, run
from test_extract_roundtrip import MSQ, normalised, questionnaire_and_response, responses

X004 = ("X004", "the document's answer places have lost their tags (it was saved by LibreOffice "
        "or another editor that drops them); its {} places were read by their order and the "
        "text before each, as in the blank form")


def untagged(form: Form) -> Form:
    """The form with every `msq:` tag removed, as LibreOffice saves it."""
    for tag in form.root.xpath("//w:sdtPr/w:tag", namespaces=NS):
        tag.getparent().remove(tag)
    return form


def filled(form: Form) -> Form:
    """The mini form with an answer of every kind."""
    form.type("/country", run("Chad"))
    form.type("/social_media", f"<w:p>{run('First line')}</w:p><w:p/><w:p>{run('Third')}</w:p>")
    form.tick("/usage_statistics/no").tick("/language/option/french")
    form.tick("/features/selected/plan").tick("/features/selected/other")
    form.type("/features/details/other", run("Drones")).type("/portals/open_data", run("data.td"))
    form.type("/agencies/*/name", run("Ministry of Finance"), index=0)
    form.type("/agencies/*/url", run("www.andoz.td"), index=1)
    return form.type("/respondent/email", run("a@b.td"))


ANSWERS = {
    "country": "Chad", "social_media": "First line\n\nThird", "usage_statistics": "no",
    "language": "french",
    "features": {"selected": ["plan", "other"], "details": {"other": "Drones"}},
    "portals": {"open_data": "data.td"},
    "agencies": [{"name": "Ministry of Finance"}, {"url": "www.andoz.td"}],
    "respondent": {"email": "a@b.td"},
}


@pytest.fixture
def form(mini) -> Form:
    return filled(Form(render(mini, "docx")))


@pytest.fixture(scope="module")
def mini():
    from msqschema.questionnaire.loader import load_questionnaire

    return load_questionnaire(MINI)


def places(form: Form) -> list[etree._Element]:
    """The content controls of the form that are answer places (not a record row's wrappers)."""
    return form.root.xpath("//w:sdt[not(.//w:sdt)]", namespaces=NS)


def refusal(form: Form, questionnaire) -> tuple[str, str, str, str]:
    with pytest.raises(InputError) as raised:
        extract(form.docx(), questionnaire)
    problem = raised.value.problem
    return problem.code, problem.question, problem.question_id, problem.message


def test_a_form_with_its_tags_kept_is_read_by_tag(form, mini) -> None:
    result = extract(form.docx(), mini)
    assert (result.answers, result.problems) == (ANSWERS, ())


def test_a_form_whose_tags_were_dropped_is_read_by_position_with_a_warning(form, mini) -> None:
    count = len(places(form))
    result = extract(untagged(form).docx(), mini)
    assert result.answers == ANSWERS
    assert [(p.code, p.severity, p.message) for p in result.problems] == [
        (X004[0], "warning", X004[1].format(count))]


def test_the_cli_reads_it_and_says_so(form, mini, tmp_path) -> None:
    (tmp_path / "chad.docx").write_bytes(untagged(form).docx())
    result = CliRunner().invoke(cli, ["extract", str(tmp_path / "chad.docx"), "-q", str(MINI),
                                      "-o", str(tmp_path / "chad.yaml")])
    assert result.exit_code == 0
    assert result.output == (f"{tmp_path / 'chad.docx'}: warning[{X004[0]}] "
                             f"{X004[1].format(len(places(form)))}\n"
                             "1 form checked: 1 with problems (1 warning)\n"
                             f"response file written to {tmp_path / 'chad.yaml'}\n")
    assert "social_media: |-\n    First line\n\n    Third\n" in (tmp_path / "chad.yaml").read_text()


def block(form: Form, path: str) -> etree._Element:
    """The block content control tagged `path` (before the tags are removed)."""
    return form.controls(path)[0]


def test_a_long_text_whose_box_kept_only_its_first_paragraph(form, mini) -> None:
    """LibreOffice turns a long text's block control into a control inside the first paragraph
    and writes the answer's other paragraphs after it, outside any control."""
    social = block(form, "/social_media")
    lines = "".join(f'<w:p><w:pPr><w:pStyle w:val="Answer"/></w:pPr>{run(text) if text else ""}'
                    "</w:p>" for text in ("", "Third", ""))
    for element in reversed(fragment(
            '<w:p><w:pPr><w:pStyle w:val="Answer"/></w:pPr><w:sdt><w:sdtPr/><w:sdtContent>'
            f"{run('First line')}</w:sdtContent></w:sdt></w:p>{lines}")):
        social.addnext(element)
    social.getparent().remove(social)
    result = extract(untagged(form).docx(), mini)
    assert result.answers == ANSWERS
    assert [p.code for p in result.problems] == ["X004"]


def fill_in(text: str) -> str:
    """A paragraph holding a FILLIN field showing `text`, as LibreOffice writes an input field."""
    return ('<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText '
            'xml:space="preserve"> FILLIN ""</w:instrText></w:r><w:r><w:fldChar '
            f'w:fldCharType="separate"/></w:r>{run(text)}<w:r><w:fldChar w:fldCharType="end"/>'
            "</w:r></w:p>")


@pytest.mark.parametrize(("shown", "answer"), [
    ("First line", {"social_media": "First line\n\nThird"}),
    ("Enter your answer (maximum 250 words)", {}),  # the placeholder: an ODT has no other sign
])
def test_a_long_text_turned_into_an_input_field(form, mini, shown, answer) -> None:
    """Through ODT, LibreOffice makes a long text's box an input field (FILLIN) holding the
    first paragraph; its placeholder becomes the field's text."""
    social = block(form, "/social_media")
    later = "" if answer == {} else f"<w:p/><w:p>{run('Third')}</w:p>"
    for element in reversed(fragment(fill_in(shown) + later)):
        social.addnext(element)
    social.getparent().remove(social)
    result = extract(untagged(form).docx(), mini)
    expected = {key: value for key, value in ANSWERS.items() if key != "social_media"}
    assert result.answers == {**expected, **answer}
    assert [p.code for p in result.problems] == ["X004"]


def test_rows_added_to_a_records_table_are_read(form, mini) -> None:
    """A copy of the last row with its controls, and a row added without any, below it."""
    last = form.controls("/agencies/*/name")[-1].xpath("ancestor::w:tr[1]", namespaces=NS)[0]
    copied = etree.fromstring(etree.tostring(last))
    copied.xpath(".//w:t", namespaces=NS)[0].text = "Tax committee"
    for flag in copied.xpath(".//w:showingPlcHdr", namespaces=NS)[:1]:
        flag.getparent().remove(flag)
    cells = "".join(f"<w:tc><w:p>{run(text)}</w:p></w:tc>" for text in ("Customs", "www.c.td"))
    last.getparent().append(copied)
    last.getparent().append(fragment(f"<w:tr>{cells}</w:tr>")[0])
    result = extract(untagged(form).docx(), mini)
    assert result.answers["agencies"] == [
        *ANSWERS["agencies"], {"name": "Tax committee", "url": "www.andoz.td"},
        {"name": "Customs", "url": "www.c.td"}]
    assert [p.code for p in result.problems] == ["X004"]


def test_text_typed_between_the_boxes_is_reported_and_shifts_nothing(form, mini) -> None:
    form.add_after("/usage_statistics/no", f"<w:p>{run('We do not, yet.')}</w:p>")
    result = extract(untagged(form).docx(), mini)
    assert result.answers == ANSWERS
    assert [(p.code, p.question_id) for p in result.problems] == [("X004", ""),
                                                                   ("X201", "")]


MESSAGE = ("the document's answer places have lost their tags, and from this question on they "
           "no longer match the blank form: {}; it cannot be read by position")


def test_a_deleted_box_is_refused_at_its_question(form, mini) -> None:
    form.delete("/features/selected/sdgs")
    assert refusal(untagged(form), mini) == (
        "X005", "4", "features",
        MESSAGE.format("the text before it is 'is aligned with the SDGs.', not "
                       "'has an implementation plan.'"))


def test_a_box_of_another_kind_is_refused_at_its_question(form, mini) -> None:
    box = form.controls("/usage_statistics/yes")[0]
    box.addprevious(fragment(f"<w:sdt><w:sdtPr/><w:sdtContent>{run('yes')}"
                             "</w:sdtContent></w:sdt>")[0])
    box.getparent().remove(box)
    assert refusal(untagged(form), mini) == (
        "X005", "2", "usage_statistics",
        MESSAGE.format("the document has a text box where the form has a check box"))


def test_a_changed_prompt_is_refused_at_its_question(form, mini) -> None:
    prompt = form.root.xpath('//w:t[contains(., "Open data:")]', namespaces=NS)[0]
    prompt.text = "Open government data:"
    assert refusal(untagged(form), mini) == (
        "X005", "5b", "open_data",
        MESSAGE.format("the text before it is 'a) E-services:', not 'b) Open data:'"))


def test_a_box_copied_is_refused_at_the_question_before_the_copy(form, mini) -> None:
    form.duplicate("/social_media")
    assert refusal(untagged(form), mini) == (
        "X005", "1", "social_media",
        MESSAGE.format("the document has a box more than the form after it: a box copied, or "
                       "one that LibreOffice split (it writes a long text's box once for each "
                       "change of script in its first line, as from Latin to Arabic)"))


def test_a_box_added_at_the_end_is_refused(form, mini) -> None:
    body = form.root.find(f"{{{W}}}body")
    body.insert(len(body) - 1, fragment(f"<w:p><w:sdt><w:sdtPr/><w:sdtContent>{run('x')}"
                                        "</w:sdtContent></w:sdt></w:p>")[0])
    assert refusal(untagged(form), mini) == (
        "X005", "", "respondent",
        MESSAGE.format("the document has 1 more answer place(s) after it than the form"))


def test_a_row_that_lost_a_cell_is_refused_at_its_table(form, mini) -> None:
    cell = form.controls("/agencies/*/url")[0]
    cell.getparent().remove(cell)
    assert refusal(untagged(form), mini) == (
        "X005", "6", "agencies",
        MESSAGE.format("its table no longer has one box per column in each row"))


def test_the_cli_refuses_with_one_line_and_exit_2(form, mini, tmp_path) -> None:
    (tmp_path / "chad.docx").write_bytes(untagged(form.delete("/country")).docx())
    result = CliRunner().invoke(cli, ["extract", str(tmp_path / "chad.docx"), "-q", str(MINI),
                                      "-o", str(tmp_path / "chad.yaml")])
    assert result.exit_code == 2
    assert result.output == (
        f"{tmp_path / 'chad.docx'}: error[X005] country: "
        + MESSAGE.format("the document has a check box where the form has a text box") + "\n")
    assert not (tmp_path / "chad.yaml").exists()


def test_a_form_read_by_tag_keeps_the_text_of_untagged_controls_and_fields(form, mini) -> None:
    """Inside a tagged box, untagged controls and input fields are text of its answer; outside
    the boxes, their text is reported as not read."""
    form.type("/portals/e_services", f"<w:sdt><w:sdtPr/><w:sdtContent>{run('www.e.td')}"
                                     "</w:sdtContent></w:sdt>")
    form.type("/social_media", fill_in("In a field"))
    form.add_after("/country", f"<w:p><w:sdt><w:sdtPr/><w:sdtContent>{run('Stray')}"
                               "</w:sdtContent></w:sdt></w:p>" + fill_in("Loose field"))
    result = extract(form.docx(), mini)
    assert result.answers == {**ANSWERS, "social_media": "In a field",
                              "portals": {"e_services": "www.e.td", "open_data": "data.td"}}
    assert [(p.code, p.message) for p in result.problems] == [
        ("X201", "text typed outside the answer places is not read: 'Stray'"),
        ("X201", "text typed outside the answer places is not read: 'Loose field'")]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(responses(MSQ))
def test_msq2020_responses_come_back_from_a_form_whose_tags_were_dropped(response) -> None:
    result = extract(untagged(Form(render(MSQ, "docx", response))).docx(), MSQ)
    assert result.answers == normalised(MSQ, response)
    assert [problem.code for problem in result.problems] == ["X004"]


def test_responses_to_any_questionnaire_come_back_without_their_tags(tmp_path_factory) -> None:
    folder = tmp_path_factory.mktemp("questionnaires")

    @settings(max_examples=20, deadline=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(questionnaire_and_response(folder))
    def check(drawn) -> None:
        questionnaire, response = drawn
        result = extract(untagged(Form(render(questionnaire, "docx", response))).docx(),
                         questionnaire)
        assert result.answers == normalised(questionnaire, response)
        assert [problem.code for problem in result.problems] in ([], ["X004"])

    check()


def test_an_input_field_that_never_ends_takes_no_answer_and_loses_no_text(form, mini) -> None:
    """A FILLIN field begun before a box and never ended: the box keeps its answer, and the
    field's text is reported as not read rather than dropped."""
    form.add_after("/country", '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r>'
                               '<w:instrText> FILLIN ""</w:instrText></w:r><w:r><w:fldChar '
                               f'w:fldCharType="separate"/></w:r>{run("Unended")}</w:p>')
    result = extract(form.docx(), mini)
    assert result.answers == ANSWERS
    assert [(p.code, p.message.partition(": ")[2][:15]) for p in result.problems] == [
        ("X201", "'Unended I agre")]
