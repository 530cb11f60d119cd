"""Grids: answers of any shape render without a traceback; two ticks in one row of a Word form
are reported for that row."""

from __future__ import annotations

import io
import zipfile

from msqschema.extraction.reader import extract
from msqschema.questionnaire.loader import load_questionnaire
from msqschema.render import render


def test_answers_of_the_wrong_shape_in_a_grid_render_as_unanswered():
    wellbeing = load_questionnaire("wellbeing_scale")
    answers = {"feelings": {"rested": {"a": 1}, "calm": ["most_days", {"b": 2}], "enjoyed": 3}}
    text = render(wellbeing, "md", {"questionnaire": "wellbeing_scale", "answers": answers})
    rows = [line for line in text.splitlines() if "felt calm" in line or "rested" in line]
    assert rows[0].count("[x]") == 0 and rows[1].count("[x]") == 1


def test_two_ticks_in_one_row_of_a_word_form_are_reported_for_that_row():
    wellbeing = load_questionnaire("wellbeing_scale")
    form = render(wellbeing, "docx", {"questionnaire": "wellbeing_scale",
                                       "answers": {"feelings": {"rested": "some_days"}}})
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(form)) as source, zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/document.xml":  # tick a second box in the row
                text = data.decode()
                tag = 'w:val="msq:/feelings/rested/most_days"'
                start = text.index(tag)
                end = text.index("</w:sdt>", start)
                box = text[start:end].replace('w14:val="0"', 'w14:val="1"').replace("☐", "☒")
                data = (text[:start] + box + text[end:]).encode()
            target.writestr(item, data)
    result = extract(buffer.getvalue(), wellbeing)
    assert [(p.code, p.message) for p in result.problems if p.code == "X104"] == [
        ("X104", "row 'rested': only one option may be ticked, not some_days, most_days; "
                 "read as unanswered")]
    assert "rested" not in result.answers.get("feelings", {})
