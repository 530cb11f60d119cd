"""Golden files: the blank and filled forms of the bundled questionnaires (the MSQ 2020 with the
Tajikistan answers, the example business survey with its example response) in HTML and
Markdown, compared byte for byte.

After an intended change of the output, regenerate them and review the diff:

    python -m pytest tests/test_render_golden.py --update-golden
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT, TAJIKISTAN
from msqschema.questionnaire.loader import load_questionnaire
from msqschema.render import render
from msqschema.responses.response import load_response

GOLDEN = Path(__file__).parent / "golden"
FORMS = {
    "blank": ("msq2020", None),
    "tajikistan": ("msq2020", TAJIKISTAN),
    "business-blank": ("business_survey", None),
    "business-example": ("business_survey",
                         ROOT / "examples" / "responses" / "business-survey-example.yaml"),
    "wellbeing-blank": ("wellbeing_scale", None),
    "wellbeing-example": ("wellbeing_scale",
                          ROOT / "examples" / "responses" / "wellbeing-example.yaml"),
}
"""Golden file name -> the bundled questionnaire and the response it is filled with."""


@pytest.mark.parametrize("format_name", ["html", "md"])
@pytest.mark.parametrize("name", FORMS)
def test_golden(update_golden, name, format_name):
    questionnaire, source = FORMS[name]
    output = render(load_questionnaire(questionnaire), format_name,
                    load_response(source) if source else None).encode()
    golden = GOLDEN / f"{name}.{format_name}"
    if update_golden:
        golden.write_bytes(output)
    assert golden.read_bytes() == output, (
        f"{golden} differs: if the change is intended, run "
        "`python -m pytest tests/test_render_golden.py --update-golden` and review the diff")
