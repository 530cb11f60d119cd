"""Templates from users: endless recursion and malformed Word parts are one-line template errors,
and the sandbox keeps templates away from Python's internals (docs/templates.md)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from jinja2 import TemplateRuntimeError
from jinja2.exceptions import SecurityError

from msqschema.cli import cli
from msqschema.questionnaire.loader import load_questionnaire
from msqschema.render import render
from test_extract_roundtrip import responses

WORD = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def run(*args: object):
    return CliRunner().invoke(cli, [*map(str, args)])


ITSELF = "this template includes, extends or calls itself without end"


@pytest.mark.parametrize("files, message", [
    ({"form.md.j2": '{% include "form.md.j2" %}'}, f"form.md.j2:1: {ITSELF}"),
    ({"form.md.j2": '\n{% extends "form.md.j2" %}'}, f"form.md.j2:2: {ITSELF}"),
    ({"form.md.j2": "{% macro loop(n) %}{{ loop(n + 1) }}{% endmacro %}\n\n{{ loop(0) }}"},
     f"form.md.j2:3: {ITSELF}"),
    ({"form.md.j2": 'Title\n{% include "part.md.j2" %}',
      "part.md.j2": 'Part\n{% include "form.md.j2" %}'},
     "form.md.j2:2: these templates include, extend or call each other without end: "
     "form.md.j2, part.md.j2"),
])
def test_endless_recursion_is_one_line_naming_the_template(tmp_path, files, message):
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    result = run("render", "-f", "md", "--templates", tmp_path, "-o", tmp_path / "out.md")
    assert (result.exit_code, result.output) == (
        2, f"msqschema: template error: {tmp_path}/{message}\n"), result.exception
    assert not (tmp_path / "out.md").exists()


def test_endless_recursion_is_a_template_error_in_the_api(tmp_path, msq2020):
    (tmp_path / "form.html.j2").write_text('\n\n{% include "form.html.j2" %}')
    with pytest.raises(TemplateRuntimeError, match=r"form\.html\.j2:3: this template includes"):
        render(msq2020, "html", templates=tmp_path)
    assert render(msq2020, "html").startswith("<!DOCTYPE html>")  # nothing left broken


def header(body: str) -> str:
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<w:hdr {WORD}>\n{body}\n</w:hdr>\n'


@pytest.mark.parametrize("body, where", [
    ("<w:p><w:r></w:p>", "3:13: the templates give malformed XML (mismatched tag)"),
    ("<w:p>{{ 'AT&T' | safe }}</w:p>",
     "3:10: the templates give malformed XML (not well-formed (invalid token))"),
    ("<x:p/>", "3:1: the templates give malformed XML (unbound prefix)"),
])
def test_malformed_xml_from_a_user_template_names_the_part_and_line(tmp_path, msq2020, body,
                                                                     where):
    (tmp_path / "word").mkdir()
    (tmp_path / "word" / "header1.xml").write_text(header(body))
    with pytest.raises(TemplateRuntimeError) as raised:
        render(msq2020, "docx", templates=tmp_path)
    assert str(raised.value) == f"word/header1.xml:{where}"
    result = run("render", "-f", "docx", "--templates", tmp_path, "-o", tmp_path / "form.docx")
    assert (result.exit_code, result.output) == (
        2, f"msqschema: template error: word/header1.xml:{where}\n")
    assert not (tmp_path / "form.docx").exists()


def test_a_well_formed_override_still_renders(tmp_path, msq2020):
    (tmp_path / "word").mkdir()
    (tmp_path / "word" / "header1.xml").write_text(
        header("<w:p><w:r><w:t>{{ questionnaire.id }} &amp; co</w:t></w:r></w:p>"))
    assert render(msq2020, "docx", templates=tmp_path)[:2] == b"PK"


@pytest.mark.parametrize("format_name", ["html", "md", "docx"])
def test_the_sandbox_renders_the_builtin_templates_byte_for_byte(msq2020, tajikistan,
                                                                  format_name):
    for response in (None, tajikistan):
        assert render(msq2020, format_name, response, sandbox=True) == render(
            msq2020, format_name, response)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(responses(load_questionnaire("msq2020")))
def test_the_sandbox_renders_any_response_alike(response):
    msq2020 = load_questionnaire("msq2020")
    for format_name in ("html", "md", "docx"):
        assert render(msq2020, format_name, response, sandbox=True) == render(
            msq2020, format_name, response)


PEEK = "{{ questionnaire.__class__.__init__.__globals__['__builtins__'] | length }}"
"""A template reaching Python's internals (the module globals, then the built-in functions)."""


def test_templates_are_code_unless_sandboxed(tmp_path, msq2020):
    (tmp_path / "form.md.j2").write_text(PEEK)
    assert int(render(msq2020, "md", templates=tmp_path)) > 100  # every built-in function
    with pytest.raises(SecurityError, match="unsafe"):
        render(msq2020, "md", templates=tmp_path, sandbox=True)


def test_render_sandbox_option(tmp_path):
    (tmp_path / "form.md.j2").write_text("{{ questionnaire.__class__ }}")
    assert run("render", "-f", "md", "--templates", tmp_path).output == (
        "<class 'msqschema.questionnaire.model.Questionnaire'>\n")
    result = run("render", "-f", "md", "--templates", tmp_path, "--sandbox")
    assert (result.exit_code, result.output) == (
        2, "msqschema: template error: access to attribute '__class__' of 'Questionnaire' "
           "object is unsafe.\n")


def test_extract_sandbox_option(tmp_path: Path, msq2020, tajikistan):
    filled = tmp_path / "filled.docx"
    filled.write_bytes(render(msq2020, "docx", tajikistan))
    (tmp_path / "templates" / "word").mkdir(parents=True)
    (tmp_path / "templates" / "word" / "header1.xml").write_text(
        header("<w:p><w:r><w:t>{{ questionnaire.__class__ }}</w:t></w:r></w:p>"))
    templates, output = tmp_path / "templates", tmp_path / "out.yaml"
    assert run("extract", filled, "--templates", templates, "-o", output).exit_code == 0
    output.unlink()
    result = run("extract", filled, "--templates", templates, "--sandbox", "-o", output)
    assert (result.exit_code, result.stderr) == (
        2, f"msqschema: template error in {templates}: access to attribute '__class__' of "
           "'Questionnaire' object is unsafe.\n")
    assert not output.exists()
