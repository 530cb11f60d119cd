"""`msqschema i18n extract | update | check` through click's CliRunner: exact output, statuses."""

from __future__ import annotations

import json
import shutil
from io import BytesIO
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from click.testing import CliRunner

from msqschema.cli import cli

EXAMPLES = Path(__file__).parent / "examples" / "translations"
INVALID = sorted((EXAMPLES / "invalid").glob("*.po"))
PROMPT = "sections/strategy/questions/technologies/prompt"


def run(*args: str):
    result = CliRunner().invoke(cli, ["i18n", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


@pytest.fixture
def here(tmp_path, monkeypatch):
    """A working folder holding the example survey and its valid French translation."""
    monkeypatch.chdir(tmp_path)
    shutil.copy(EXAMPLES / "survey.yaml", tmp_path / "survey.yaml")
    shutil.copy(EXAMPLES / "valid" / "fr.po", tmp_path / "fr.po")
    return tmp_path


def entries(path: Path) -> dict[str, object]:
    catalog = read_po(BytesIO(path.read_bytes()))
    return {str(message.context): message for message in catalog if message.id}


def test_extract_writes_one_entry_per_text(here):
    result = run("extract", "survey.yaml", "-o", "survey.pot")
    assert (result.exit_code, result.output) == (0, "")
    found = entries(here / "survey.pot")
    assert len(found) == 10
    prompt = found["sections/strategy/questions/has_strategy/prompt"]
    assert prompt.id == "Is there a **national digital strategy**[^strategy]?"
    assert prompt.auto_comments == ["prompt of Q1 has_strategy"]
    assert prompt.locations == [("survey.yaml", 11)]


def test_extract_without_output_prints_the_template(here):
    result = run("extract", "survey.yaml")
    assert result.exit_code == 0
    assert 'msgctxt "footnotes/strategy"\nmsgid "A strategy adopted by the government."\n' \
        in result.output


def test_extract_refuses_an_unreadable_questionnaire(here):
    result = run("extract", "nothing.yaml", "-o", "x.pot")
    assert result.exit_code == 2
    assert result.output.startswith("nothing.yaml: error[R001] no such questionnaire file")
    assert not (here / "x.pot").exists()


def change_prompt(folder: Path, old: str, new: str) -> None:
    survey = folder / "survey.yaml"
    survey.write_text(survey.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def test_update_after_changing_one_prompt_makes_exactly_that_entry_fuzzy(here):
    before = entries(here / "fr.po")
    change_prompt(here, "Which technologies does it cover?",
                  "Which technologies does the strategy cover?")
    assert run("extract", "survey.yaml", "-o", "survey.pot").exit_code == 0
    result = run("update", "survey.pot", "fr.po")
    assert (result.exit_code, result.output) == (
        0, "fr.po: 1 changed (now fuzzy), 0 new, 0 obsolete\n")
    after = entries(here / "fr.po")
    assert [context for context, message in after.items() if message.fuzzy] == [PROMPT]
    changed = after[PROMPT]
    assert changed.id == "Which technologies does the strategy cover?"
    assert changed.string == before[PROMPT].string  # the old translation, as a suggestion
    # the previous source text, for translators' tools (Babel writes it but does not read it)
    assert '#| msgid "Which technologies does it cover?"' in (here / "fr.po").read_text("utf-8")
    for context, message in after.items():
        if context != PROMPT:
            assert (message.id, message.string) == (before[context].id, before[context].string)
    check = run("check", "survey.yaml", "fr.po")
    assert check.exit_code == 1
    assert check.output == (
        "fr.po:40:1: error[T103] Q2 technologies: " + PROMPT + " is marked fuzzy: review it "
        "and remove the flag\n1 translation checked: 1 with problems (1 error)\n")


def test_update_adds_new_texts_and_keeps_removed_ones_obsolete(here):
    change_prompt(here, "        explanation: {prompt: \"If any checked, please explain further.\","
                  " max_words: 250}\n", "")
    change_prompt(here, "    questions:\n", "    questions:\n      - id: budget\n"
                  "        type: text\n        prompt: What is its budget?\n")
    assert run("extract", "survey.yaml", "-o", "survey.pot").exit_code == 0
    result = run("update", "survey.pot", "fr.po")
    assert result.output == "fr.po: 0 changed (now fuzzy), 1 new, 1 obsolete\n"
    text = (here / "fr.po").read_text(encoding="utf-8")
    assert '#~ msgctxt "sections/strategy/questions/technologies/explanation/prompt"' in text
    assert entries(here / "fr.po")["sections/strategy/questions/budget/prompt"].string == ""


def test_update_writes_nothing_when_a_file_cannot_be_read(here):
    (here / "bad.po").write_text('msgid "x"\nmsgtxt "y"\n', encoding="utf-8")
    assert run("extract", "survey.yaml", "-o", "survey.pot").exit_code == 0
    original = (here / "fr.po").read_bytes()
    result = run("update", "survey.pot", "fr.po", "bad.po")
    assert result.exit_code == 2
    assert result.output == (
        "bad.po:2:1: error[R001] not a valid PO file: Unknown or misformatted keyword\n")
    assert (here / "fr.po").read_bytes() == original


def test_check_passes_on_a_complete_translation(here):
    result = run("check", "survey.yaml", "fr.po")
    assert (result.exit_code, result.output) == (0, "1 translation checked: no problems\n")


def test_check_the_bundled_sample_translations():
    result = run("check")
    assert (result.exit_code, result.output) == (0, "3 translations checked: no problems\n")


@pytest.mark.parametrize("example", INVALID, ids=[path.stem for path in INVALID])
def test_invalid_translations(example, monkeypatch):
    monkeypatch.chdir(EXAMPLES)
    result = run("check", "survey.yaml", f"invalid/{example.name}")
    expected = example.with_suffix(".expected").read_text(encoding="utf-8")
    assert result.output == expected
    assert result.exit_code == (2 if example.stem in ("unreadable", "repeated-entry") else 1)


def test_every_translation_code_has_an_invalid_example():
    from msqschema.problems import CODES

    shown = {line.split("[", 1)[1].split("]", 1)[0]
             for path in (EXAMPLES / "invalid").glob("*.expected")
             for line in path.read_text(encoding="utf-8").splitlines() if "error[" in line}
    assert {code for code in CODES if code.startswith("T")} <= shown


def test_check_as_json(monkeypatch):
    monkeypatch.chdir(EXAMPLES)
    result = run("check", "survey.yaml", "invalid/fuzzy.po", "--format", "json")
    report = json.loads(result.output)
    assert result.exit_code == 1
    (problem,) = report["files"][0]["problems"]
    assert (problem["code"], problem["line"], problem["question"], problem["question_id"]) == (
        "T103", 28, "2", "technologies")


def test_check_without_translations_says_so(here):
    result = run("check", "survey.yaml")
    assert result.exit_code == 2
    assert result.output == (
        "msqschema: no translations beside survey.yaml: name the PO files to check\n")


def test_i18n_is_listed_in_the_help():
    result = CliRunner().invoke(cli, ["--help"])
    assert "i18n" in result.output


def test_check_reads_a_po_file_with_a_byte_order_mark(here):
    (here / "fr.po").write_bytes(b"\xef\xbb\xbf" + (here / "fr.po").read_bytes())
    result = run("check", "survey.yaml", "fr.po")
    assert (result.exit_code, result.output) == (0, "1 translation checked: no problems\n")


def test_check_reports_a_missing_po_file_and_goes_on(here):
    result = run("check", "survey.yaml", "de.po", "fr.po")
    assert result.exit_code == 2
    assert result.output == ("de.po: error[R001] No such file or directory\n"
                             "2 translations checked: 1 with problems (1 error, 1 unreadable)\n")
