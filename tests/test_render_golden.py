"""Golden files: the blank and the Tajikistan forms in HTML and Markdown, compared byte for byte.

After an intended change of the output, regenerate them and review the diff:

    python -m pytest tests/test_render_golden.py --update-golden
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import TAJIKISTAN
from msqschema.render import render
from msqschema.responses.response import load_response

GOLDEN = Path(__file__).parent / "golden"
RESPONSES = {"blank": None, "tajikistan": TAJIKISTAN}


@pytest.mark.parametrize("format_name", ["html", "md"])
@pytest.mark.parametrize("name", RESPONSES)
def test_golden(msq2020, update_golden, name, format_name):
    source = RESPONSES[name]
    output = render(msq2020, format_name, load_response(source) if source else None).encode()
    golden = GOLDEN / f"{name}.{format_name}"
    if update_golden:
        golden.write_bytes(output)
    assert golden.read_bytes() == output, (
        f"{golden} differs: if the change is intended, run "
        "`python -m pytest tests/test_render_golden.py --update-golden` and review the diff")
