"""Stored questionnaires (questionnaire/stored.py): a later load unpickles the same model and
renders the same bytes; a stale, damaged, foreign, unwritable or turned-off store means building
the model as before."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from conftest import TAJIKISTAN
from msqschema import render
from msqschema.problems import LoadError
from msqschema.questionnaire import loader, stored
from msqschema.questionnaire.loader import load_for_validation, load_questionnaire
from msqschema.render import get_renderer
from msqschema.resources import bundled_questionnaires
from msqschema.responses.response import load_response
from test_render_golden import FORMS, GOLDEN

EXAMPLES = Path(__file__).parent / "examples" / "questionnaires"


@pytest.fixture
def cache_home(tmp_path, monkeypatch) -> Path:
    """A fresh user cache directory, and no questionnaire loaded in this process yet."""
    home = tmp_path / "cache-home"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    monkeypatch.delenv("MSQSCHEMA_NO_CACHE", raising=False)
    loader._cached_load.cache_clear()
    yield home
    loader._cached_load.cache_clear()


@pytest.fixture
def builds(monkeypatch) -> list[str]:
    """The files the loader builds a model from (rather than finding it stored) from now on."""
    built: list[str] = []
    build = loader._Builder.build

    def counting(self):
        built.append(self.file)
        return build(self)

    monkeypatch.setattr(loader._Builder, "build", counting)
    return built


@pytest.fixture
def fresh_fingerprint(monkeypatch):
    """The code fingerprint computed afresh during the test and after it."""
    stored.code_fingerprint.cache_clear()
    yield
    stored.code_fingerprint.cache_clear()


def stored_files(home: Path) -> list[Path]:
    return sorted((home / stored.CACHE_SUBFOLDER).glob("*" + stored.SUFFIX))


def fresh_load(name: str | Path = "msq2020"):
    """A load as a new process does it (the in-process cache emptied first)."""
    loader._cached_load.cache_clear()
    return load_questionnaire(name)


def test_a_stored_model_is_used_and_renders_the_same_bytes(cache_home, builds, tajikistan,
                                                           monkeypatch):
    monkeypatch.setenv("MSQSCHEMA_NO_CACHE", "1")
    built = fresh_load()
    uncached = [render(built, name, response) for name in ("html", "md", "docx")
                for response in (None, tajikistan)]
    assert not cache_home.exists()
    monkeypatch.delenv("MSQSCHEMA_NO_CACHE")
    assert fresh_load() == built  # built, then stored
    assert len(builds) == 2 and len(stored_files(cache_home)) == 1
    unpickled = fresh_load()
    assert len(builds) == 2  # not built again
    assert unpickled == built
    get_renderer.cache_clear()
    assert [render(unpickled, name, response) for name in ("html", "md", "docx")
            for response in (None, tajikistan)] == uncached
    if hasattr(os, "getuid"):
        assert (cache_home / stored.CACHE_SUBFOLDER).stat().st_mode & 0o777 == 0o700


@pytest.mark.parametrize("name", FORMS)
def test_the_golden_forms_come_out_of_the_stored_models(cache_home, builds, name):
    questionnaire, source = FORMS[name]
    fresh_load(questionnaire)  # built and stored
    unpickled = fresh_load(questionnaire)
    assert len(builds) == 1
    response = load_response(source) if source else None
    for format_name in ("html", "md"):
        golden = GOLDEN / f"{name}.{format_name}"
        assert render(unpickled, format_name, response).encode() == golden.read_bytes()


def test_a_load_for_validation_is_stored_apart_without_parsed_texts(cache_home, builds):
    full = fresh_load()
    loader._cached_load.cache_clear()
    for_validation = load_for_validation("msq2020")
    assert len(stored_files(cache_home)) == 2
    loader._cached_load.cache_clear()
    again = load_for_validation("msq2020")
    assert len(builds) == 2
    texts = [*again.texts(), *(note.text for note in again.footnote_definitions)]
    assert all("_parsed" not in vars(text) for text in texts)
    assert again == for_validation == full


def test_a_whole_process_gives_the_same_file_from_the_stored_model(tmp_path, msq2020,
                                                                   tajikistan):
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "home")}
    command = [sys.executable, "-m", "msqschema", "render", "-f", "docx", "-r", str(TAJIKISTAN)]
    outputs = []
    for run in ("builds", "unpickles"):
        target = tmp_path / f"{run}.docx"
        subprocess.run([*command, "-o", str(target), "--quiet"], env=env, check=True)
        outputs.append(target.read_bytes())
    assert stored_files(tmp_path / "home")
    assert outputs == [render(msq2020, "docx", tajikistan)] * 2


UNNEEDED = ("babel", "markdown_it", "jsonschema", "msqschema.questionnaire.checks",
            "msqschema.i18n.translate", "msqschema.extraction.docx_package")
"""What a process rendering one English form from a stored model has no use for: the Markdown
parser, the questionnaire checks, jsonschema, Babel, translations and the form reader."""


def test_a_render_from_the_stored_model_imports_nothing_it_does_not_need(tmp_path):
    script = (
        "import sys\n"
        "from msqschema.cli import cli\n"
        f"cli.main(['render', '-f', 'docx', '-r', {str(TAJIKISTAN)!r}, '-o', sys.argv[1],"
        " '--quiet'], standalone_mode=False)\n"
        f"print(*sorted(name for name in sys.modules if name.startswith({UNNEEDED!r})))\n")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "home")}
    runs = [subprocess.run([sys.executable, "-c", script, str(tmp_path / "one.docx")], env=env,
                           check=True, capture_output=True, text=True).stdout.split()
            for _ in range(2)]
    assert "markdown_it" in runs[0]  # the first run parses the texts
    assert runs[1] == []


def test_a_questionnaire_of_ones_own_is_checked_against_the_language_once(cache_home,
                                                                         monkeypatch):
    path = EXAMPLES / "valid" / "every-type.yaml"
    expected = fresh_load(path)

    def refuse():
        raise AssertionError("checked against the meta-schema again")

    monkeypatch.setattr(loader, "meta_schema_validator", refuse)
    assert fresh_load(path) == expected


def test_an_edited_questionnaire_is_built_again(cache_home, builds, tmp_path):
    path = tmp_path / "q.yaml"
    text = (EXAMPLES / "valid" / "minimal.yaml").read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    assert fresh_load(path).title == "Minimal"
    path.write_text(text.replace("title: Minimal", "title: Edited"), encoding="utf-8")
    assert fresh_load(path).title == "Edited"
    assert fresh_load(path).title == "Edited"
    assert len(builds) == 2 and len(stored_files(cache_home)) == 2


def test_another_version_or_edited_code_gives_another_key(monkeypatch, tmp_path,
                                                         fresh_fingerprint):
    key = stored.cache_key(b"id: q", "q.yaml", True, True)
    assert stored.cache_key(b"id: q", "q.yaml", True, False) != key
    assert stored.cache_key(b"id: r", "q.yaml", True, True) != key
    assert stored.cache_key(b"id: q", "other.yaml", True, True) != key
    monkeypatch.setattr(stored, "__version__", "0.0.0-other")
    assert stored.cache_key(b"id: q", "q.yaml", True, True) != key
    package = tmp_path / "package"
    (package / "sub").mkdir(parents=True)
    module = package / "sub" / "model.py"
    module.write_text("class Model: pass\n")
    monkeypatch.setattr(stored, "_PACKAGE", package)
    before = stored.code_fingerprint()
    module.write_text("class Model:\n    field = 1\n")
    stored.code_fingerprint.cache_clear()
    assert stored.code_fingerprint() != before
    schema = package / "schemas" / "questionnaire.schema.json"  # what lint checks against
    schema.parent.mkdir()
    stored.code_fingerprint.cache_clear()
    before = stored.code_fingerprint()
    schema.write_text("{}")
    stored.code_fingerprint.cache_clear()
    assert stored.code_fingerprint() != before


@pytest.mark.parametrize("damage", [
    lambda data: data[: len(data) // 2],                                   # truncated
    lambda data: b"",                                                      # empty
    lambda data: os.urandom(len(data)),                                    # noise
    lambda data: data[:-1] + bytes([data[-1] ^ 1]),                        # one bit flipped
    lambda data: stored.MAGIC + data[len(stored.MAGIC):].replace(b"Questionnaire", b"Q"),
])
def test_a_damaged_stored_file_means_building_again(cache_home, builds, damage):
    expected = fresh_load()
    [file] = stored_files(cache_home)
    file.write_bytes(damage(file.read_bytes()))
    assert fresh_load() == expected
    assert len(builds) == 2
    assert fresh_load() == expected  # stored again, whole
    assert len(builds) == 2


def test_a_stored_file_that_is_not_a_questionnaire_is_not_used(cache_home, builds):
    expected = fresh_load()
    [file] = stored_files(cache_home)
    payload = pickle.dumps({"not": "a questionnaire"})
    file.write_bytes(stored.MAGIC + stored.digest(payload) + payload)
    assert fresh_load() == expected
    assert len(builds) == 2


def test_an_unusable_cache_directory_means_building(cache_home, builds, monkeypatch):
    not_a_folder = cache_home.parent / "a-file"
    not_a_folder.write_text("a file where the cache directory should be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(not_a_folder))
    expected = fresh_load()
    assert fresh_load() == expected
    assert len(builds) == 2


def test_a_cache_folder_that_cannot_be_written_means_building(cache_home, builds, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    expected = fresh_load()
    assert fresh_load() == expected
    assert len(builds) == 2
    assert stored_files(cache_home) == []


def test_a_symbolic_link_for_the_folder_is_not_trusted(cache_home, builds, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    (cache_home / "msqschema").mkdir(parents=True)
    (cache_home / stored.CACHE_SUBFOLDER).symlink_to(elsewhere)
    fresh_load()
    fresh_load()
    assert len(builds) == 2
    assert list(elsewhere.iterdir()) == []


def test_turned_off_it_neither_reads_nor_writes(cache_home, builds, monkeypatch):
    monkeypatch.setenv("MSQSCHEMA_NO_CACHE", "1")
    fresh_load()
    fresh_load()
    assert len(builds) == 2
    assert not cache_home.exists()


def test_code_that_cannot_be_listed_means_building(cache_home, builds, monkeypatch, tmp_path,
                                                   fresh_fingerprint):
    monkeypatch.setattr(stored, "_PACKAGE", tmp_path / "msqschema.zip" / "msqschema")
    expected = fresh_load()
    assert fresh_load() == expected
    assert len(builds) == 2
    assert stored_files(cache_home) == []


def test_a_questionnaire_with_errors_is_never_stored(cache_home):
    broken = EXAMPLES / "invalid" / "bad-markup.yaml"
    for _ in range(2):
        with pytest.raises(LoadError):
            fresh_load(broken)
    assert stored_files(cache_home) == []


def test_the_oldest_stored_models_go_beyond_the_limit(cache_home, tmp_path, monkeypatch):
    monkeypatch.setattr(stored, "MAX_FILES", 3)
    text = (EXAMPLES / "valid" / "minimal.yaml").read_text(encoding="utf-8")
    keys = []
    for number in range(5):
        path = tmp_path / f"q{number}.yaml"
        path.write_text(text.replace("title: Minimal", f"title: Number {number}"),
                        encoding="utf-8")
        raw = path.read_bytes()
        keys.append(stored.cache_key(raw, str(path), False, True))
        fresh_load(path)
        file = cache_home / stored.CACHE_SUBFOLDER / (keys[-1] + stored.SUFFIX)
        os.utime(file, ns=(number * 10**9, number * 10**9))  # distinct ages, oldest first
    assert [path.stem for path in stored_files(cache_home)] == sorted(keys[2:])


def test_the_bundled_questionnaire_is_stored_under_its_path(cache_home):
    fresh_load()
    path = bundled_questionnaires()["msq2020"]
    key = stored.cache_key(path.read_bytes(), str(path.resolve()), True, True)
    assert [file.stem for file in stored_files(cache_home)] == [key]
