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


def test_readme_pre_commit_example_uses_the_hook_and_a_rev_that_exists(tmp_path: Path) -> None:
    """A `rev` naming a tag the repository does not have fails in pre-commit ("pathspec ...
    did not match"): the example names the default branch, which `pre-commit autoupdate
    --freeze` turns into a commit, or a tag this repository has."""
    import subprocess

    import yaml

    (config,) = [yaml.safe_load(block) for block in
                 re.findall(r"```yaml\n(repos:.*?)```", README.read_text(), re.S)]
    (repo,) = config["repos"]
    (hook,) = repo["hooks"]
    hooks = yaml.safe_load((README.parent / ".pre-commit-hooks.yaml").read_text())
    assert hook["id"] in {entry["id"] for entry in hooks}
    tags = subprocess.run(["git", "-C", str(README.parent), "tag", "--list"],
                          capture_output=True, text=True).stdout.split()
    assert repo["rev"] == "main" or repo["rev"] in tags
    assert "pre-commit autoupdate --freeze" in README.read_text()


def test_response_files_doc_exports_the_schema_where_it_points_editors_and_validators() -> None:
    doc = (README.parent / "docs" / "response-files.md").read_text()
    (written,) = re.findall(r"msqschema schema -o (\S+)", doc)
    assert re.findall(r"\$schema=\.\./(\S+)", doc) == [written]  # from a file in responses/
    assert re.findall(r'"yaml\.schemas": \{\n\s*"\./([^"]+)"', doc) == [written]
    assert re.findall(r'"url": "\./([^"]+)"', doc) == [written]
    assert re.findall(r"--schemafile (\S+)", doc) == [written]
    assert f"msqschema schema -o {written}" in README.read_text()
