"""The demo collection is what docs/results.md says: 193 synthetic responses, plainly marked,
12 with a planted mistake that validation finds."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from msqschema.responses.files import response_files
from msqschema.results.collection import collect


def test_193_synthetic_responses_12_of_them_invalid(msq2020, demo):
    files = list(response_files([str(demo)]))
    assert len(files) == 193
    codes: Counter[str] = Counter()
    valid = 0
    for collected in collect(msq2020, files):
        text = Path(collected.file).read_text(encoding="utf-8")
        assert text.startswith("# SYNTHETIC response to the MSQ 2020")
        assert "Synthetic Member State" in text
        valid += collected.valid
        codes.update(problem.code for problem in collected.report.problems)
    assert valid == 181
    assert codes == {"V101": 2, "V102": 2, "V103": 2, "V104": 2, "V105": 2, "V203": 2}
