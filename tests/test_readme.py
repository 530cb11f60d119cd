"""The README's examples work: its questionnaire lints clean and its response validates."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from msqschema.cli import cli

README = Path(__file__).resolve().parents[1] / "README.md"


def test_readme_questionnaire_and_response(tmp_path: Path) -> None:
    questionnaire, response = re.findall(r"```yaml\n(.*?)```", README.read_text(), re.S)[:2]
    (tmp_path / "survey.yaml").write_text(questionnaire)
    (tmp_path / "response.yaml").write_text(response)
    runner = CliRunner()
    lint = runner.invoke(cli, ["lint", str(tmp_path / "survey.yaml")])
    assert (lint.exit_code, lint.output) == (0, "1 questionnaire checked: no problems\n")
    validate = runner.invoke(cli, ["validate", "-q", str(tmp_path / "survey.yaml"),
                                   str(tmp_path / "response.yaml")])
    assert (validate.exit_code, validate.output) == (0, "1 file checked: no problems\n")
