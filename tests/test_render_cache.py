"""The built-in templates' bytecode cache: the same bytes as compiling, and compiling again
whenever the cache is stale, damaged, unwritable, shared or turned off."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import jinja2
import pytest
from jinja2.bccache import bc_magic as MAGIC

from conftest import TAJIKISTAN
from msqschema import user_cache
from msqschema.render import bytecode, get_renderer, render
from msqschema.resources import templates_dir


@pytest.fixture
def cache_home(tmp_path, monkeypatch) -> Path:
    """A fresh user cache directory; renderers are rebuilt before and after the test."""
    home = tmp_path / "cache-home"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    monkeypatch.delenv("MSQSCHEMA_NO_CACHE", raising=False)
    get_renderer.cache_clear()
    yield home
    get_renderer.cache_clear()


@pytest.fixture
def compiled(monkeypatch) -> list[str]:
    """The names of the templates Jinja compiles from now on."""
    names: list[str] = []
    compile_template = jinja2.Environment.compile

    def counting(self, source, name=None, filename=None, *args, **kwargs):
        names.append(name)
        return compile_template(self, source, name, filename, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    return names


def render_all(msq2020, tajikistan) -> list[str | bytes]:
    """Every format, blank and filled, with renderers built afresh."""
    get_renderer.cache_clear()
    return [render(msq2020, format_name, response, sandbox=sandbox)
            for format_name in ("html", "md", "docx") for response in (None, tajikistan)
            for sandbox in (False, True)]


def cache_files(home: Path) -> list[Path]:
    return sorted((home / bytecode.CACHE_SUBFOLDER).glob("*.cache"))


def test_cached_templates_give_the_same_bytes_without_compiling(cache_home, compiled, msq2020,
                                                                 tajikistan, monkeypatch):
    monkeypatch.setenv("MSQSCHEMA_NO_CACHE", "1")
    uncached = render_all(msq2020, tajikistan)
    assert not cache_home.exists()
    monkeypatch.delenv("MSQSCHEMA_NO_CACHE")
    compiled.clear()
    assert render_all(msq2020, tajikistan) == uncached  # compiles, then writes the cache
    templates = sum(1 for folder in ("html", "md", "docx")
                    for path in templates_dir(folder).rglob("*") if path.suffix != ".css"
                    and path.suffix != ".js" and path.is_file())
    assert len(compiled) >= templates
    assert len(cache_files(cache_home)) == len(compiled)
    compiled.clear()
    assert render_all(msq2020, tajikistan) == uncached  # loads the cache
    assert compiled == []
    folder = cache_home / bytecode.CACHE_SUBFOLDER
    if hasattr(os, "getuid"):
        assert folder.stat().st_mode & 0o777 == 0o700


def test_a_whole_process_gives_the_same_file_from_the_cache(tmp_path, msq2020, tajikistan):
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "home")}
    env.pop("MSQSCHEMA_NO_CACHE", None)
    command = [sys.executable, "-m", "msqschema", "render", "-f", "docx", "-r", str(TAJIKISTAN)]
    outputs = []
    for run in ("compiles", "loads"):
        target = tmp_path / f"{run}.docx"
        subprocess.run([*command, "-o", str(target)], env=env, check=True)
        outputs.append(target.read_bytes())
    assert cache_files(tmp_path / "home")
    assert outputs == [render(msq2020, "docx", tajikistan)] * 2


@pytest.fixture
def folder_env(tmp_path) -> tuple[Path, Path]:
    """A template folder, and a private cache folder for it."""
    templates, cache = tmp_path / "templates", tmp_path / "cache"
    templates.mkdir()
    cache.mkdir(mode=0o700)
    return templates, cache


def environment(templates: Path, cache: Path) -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(templates),
                              bytecode_cache=bytecode.BuiltinBytecodeCache(cache, templates, "t"))


def test_a_stale_cache_is_compiled_again(folder_env, compiled):
    templates, cache = folder_env
    (templates / "page.j2").write_text("one {{ 1 + 1 }}")
    assert environment(templates, cache).get_template("page.j2").render() == "one 2"
    (templates / "page.j2").write_text("two {{ 2 + 2 }}")
    assert environment(templates, cache).get_template("page.j2").render() == "two 4"
    assert len(compiled) == 2
    assert environment(templates, cache).get_template("page.j2").render() == "two 4"
    assert len(compiled) == 2


def test_a_stale_cache_file_of_a_builtin_template_is_not_used(cache_home, msq2020):
    expected = render(msq2020, "md")
    environment = get_renderer("md").template.environment
    cache = environment.bytecode_cache
    builtin = templates_dir("md") / "form.md.j2"
    old_source = "STALE {{ questionnaire.id }}"  # as if form.md.j2 had been edited since
    bucket = jinja2.bccache.Bucket(environment, cache.get_cache_key("form.md.j2", str(builtin)),
                                   cache.get_source_checksum(old_source))
    bucket.code = environment.compile(old_source, "form.md.j2", str(builtin))
    cache.dump_bytecode(bucket)
    get_renderer.cache_clear()
    assert render(msq2020, "md") == expected


@pytest.mark.parametrize("damage", [
    lambda data: data[: len(data) // 2],                    # truncated
    lambda data: MAGIC + b"\x80\x04\x95garbage",               # the checksum's pickle broken
    lambda data: MAGIC + b"\x80\x02X",                          # the checksum cut short
    lambda data: b"",                                       # empty
    lambda data: os.urandom(len(data)),                     # noise
])
def test_a_damaged_cache_file_is_compiled_again(folder_env, compiled, damage):
    templates, cache = folder_env
    (templates / "page.j2").write_text("{% for n in range(3) %}{{ n }}{% endfor %}")
    assert environment(templates, cache).get_template("page.j2").render() == "012"
    [file] = cache.iterdir()
    file.write_bytes(damage(file.read_bytes()))
    assert environment(templates, cache).get_template("page.j2").render() == "012"
    assert len(compiled) == 2


def test_the_cache_is_kept_apart_for_each_environment_setting():
    assert len({bytecode.fingerprint(False, {}), bytecode.fingerprint(True, {}),
                bytecode.fingerprint(False, {"trim_blocks": True}),
                bytecode.fingerprint(False, {"finalize": str}),
                bytecode.fingerprint(False, {"finalize": repr})}) == 5


def test_user_templates_of_the_same_name_are_used_and_never_cached(cache_home, tmp_path,
                                                                   msq2020, compiled):
    builtin = render(msq2020, "md")  # fills the cache with the built-in form.md.j2
    before = cache_files(cache_home)
    override = tmp_path / "override"
    override.mkdir()
    (override / "form.md.j2").write_text(
        '{% extends "builtin/form.md.j2" %}{% block closing %}Sent by the team.{% endblock %}')
    compiled.clear()
    mine = render(msq2020, "md", templates=override)
    assert "Sent by the team." in mine and mine != builtin
    assert compiled[0] == "form.md.j2"  # the user's, compiled; not the cached built-in one
    (override / "form.md.j2").write_text("Only mine.")
    get_renderer.cache_clear()
    assert render(msq2020, "md", templates=override) == "Only mine.\n"
    assert render(msq2020, "md") == builtin
    assert cache_files(cache_home) == before  # builtin/form.md.j2 came from the cache


def test_an_unusable_cache_directory_means_compiling(cache_home, msq2020, tajikistan,
                                                     monkeypatch, compiled):
    expected = render(msq2020, "docx", tajikistan)
    not_a_folder = cache_home.parent / "a-file"
    not_a_folder.write_text("a file where the cache directory should be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(not_a_folder))
    get_renderer.cache_clear()
    compiled.clear()
    assert render(msq2020, "docx", tajikistan) == expected
    assert compiled  # no cache: compiled


def test_a_cache_folder_that_cannot_be_written_means_compiling(cache_home, msq2020, tajikistan,
                                                              monkeypatch):
    expected = render(msq2020, "md", tajikistan)
    for file in cache_files(cache_home):
        file.unlink()

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(jinja2.bccache.tempfile, "NamedTemporaryFile", refuse)
    get_renderer.cache_clear()
    assert render(msq2020, "md", tajikistan) == expected
    assert cache_files(cache_home) == []


def test_a_relative_or_missing_cache_home_means_no_cache(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")
    assert bytecode.bytecode_cache(tmp_path, False, {}) is None
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert user_cache.user_cache_dir() == tmp_path / "home" / ".cache"
    assert list(tmp_path.iterdir()) == []


def test_a_symbolic_link_is_not_trusted(tmp_path):
    real = tmp_path / "elsewhere"
    real.mkdir(mode=0o700)
    (tmp_path / "link").symlink_to(real)
    assert user_cache.private_folder(tmp_path / "link") is None
    assert user_cache.private_folder(real) == real


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX owners and modes only")
def test_a_folder_others_may_write_to_is_refused(tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    assert user_cache.private_folder(shared) is None  # others may have put files in it
    shared.chmod(0o755)
    assert user_cache.private_folder(shared) == shared  # others may read it: no harm
    if os.getuid() != 0:
        pytest.skip("giving the folder to another user needs root")
    os.chown(shared, 65534, 65534)
    assert user_cache.private_folder(shared) is None  # another user's: never trusted


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX owners and modes only")
@pytest.mark.parametrize(("mode", "usable"), [(0o777, False), (0o1777, True), (0o775, False),
                                              (0o755, True)])
def test_a_folder_inside_one_others_may_write_to_is_refused_unless_sticky(tmp_path, mode,
                                                                          usable):
    """Another user who may write to a folder on the way could swap ours for theirs between
    the check and the read (the sticky bit of /tmp keeps each entry to its owner)."""
    outer = tmp_path / "outer"
    outer.mkdir()
    outer.chmod(mode)
    found = user_cache.private_folder(outer / "cache" / "msqschema")
    assert (found is not None) == usable


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX owners and modes only")
def test_a_cached_file_is_read_only_if_it_is_a_regular_file_of_this_users(tmp_path):
    (tmp_path / "real").write_bytes(b"data")
    (tmp_path / "link").symlink_to(tmp_path / "real")
    assert user_cache.owned_file(tmp_path / "real") == b"data"
    assert user_cache.owned_file(tmp_path / "link") is None
    assert user_cache.owned_file(tmp_path / "missing") is None
    if os.getuid() == 0:
        os.chown(tmp_path / "real", 65534, 65534)
        assert user_cache.owned_file(tmp_path / "real") is None
