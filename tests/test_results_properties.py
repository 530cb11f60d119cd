"""Properties of the export over generated questionnaires and responses: unique column names,
and every text of every valid answer in its row (records nested) after a trip through JSON.
(Generated questionnaires seldom draw explanations; the MSQ 2020 has three.)"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, assume, given, settings

from conftest import answer_leaves
from msqschema.questionnaire.model import Questionnaire
from msqschema.results.columns import as_date
from msqschema.results.export import export
from msqschema.results.layout import headers, layout
from strategies import to_yaml
from test_extract_roundtrip import MSQ, questionnaire_and_response, responses


def _cells(value: Any) -> set[str]:
    if isinstance(value, dict):
        return {cell for item in value.values() for cell in _cells(item)}
    if isinstance(value, list):
        return {cell for item in value for cell in _cells(item)}
    return set() if value is None else {" ".join(str(value).split())}


def exports_every_answer(questionnaire: Questionnaire, response: dict[str, Any],
                         folder: Path) -> None:
    """The names of every table are unique; each text of the answers is in the exported row."""
    for table in layout(questionnaire, multiple="both", include_invalid=True).tables:
        names = [field.name for field in table.fields]
        assert len(set(names)) == len(names)
        assert len(set(headers(table, labels=True))) == len(names)
    source = folder / "response.yaml"
    source.write_text(to_yaml(response), encoding="utf-8")
    done = export([source], folder / "out.json", questionnaire=questionnaire, multiple="both")
    assume(done.tally.valid == 1)  # a drawn answer may break a rule of another (conditions)
    assert done.responses == 1
    row = json.loads((folder / "out.json").read_text(encoding="utf-8"))["responses"][0]
    cells = _cells(row)
    missing = [leaf for leaf in answer_leaves(response["answers"])
               if leaf and leaf not in cells and str(as_date(leaf)) not in cells]
    assert missing == []


SETTINGS = settings(max_examples=30, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def test_every_answer_of_any_questionnaire_is_exported(tmp_path_factory) -> None:
    folder = tmp_path_factory.mktemp("generated")

    @SETTINGS
    @given(questionnaire_and_response(folder))
    def check(drawn: tuple[Questionnaire, dict[str, Any]]) -> None:
        exports_every_answer(*drawn, folder)

    check()


def test_every_answer_to_the_msq2020_is_exported(tmp_path_factory) -> None:
    folder = tmp_path_factory.mktemp("msq2020")

    @SETTINGS
    @given(responses(MSQ))
    def check(response: dict[str, Any]) -> None:
        exports_every_answer(MSQ, response, folder)

    check()
