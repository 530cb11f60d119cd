"""The rendering API: `msqschema.render` with a Response, a dict or nothing; renderers are built
once."""

from __future__ import annotations

import subprocess
import sys

import pytest

import msqschema
from msqschema.render import environment, get_renderer, render


@pytest.mark.parametrize("format_name", ["html", "md"])
def test_response_dict_and_response_object_render_alike(msq2020, tajikistan, format_name):
    as_dict = {"questionnaire": "msq2020", "answers": tajikistan.answers}
    assert msqschema.render(msq2020, format_name, as_dict) == render(
        msq2020, format_name, tajikistan)
    assert render(msq2020, format_name, None) == render(msq2020, format_name, {"answers": "x"})


def test_renderers_and_templates_are_built_once_per_process(msq2020, monkeypatch):
    get_renderer.cache_clear()
    built = []
    make = environment.make_environment
    monkeypatch.setattr(environment, "make_environment",
                        lambda *args, **kwargs: built.append(args[0]) or make(*args, **kwargs))
    for number in range(5):
        for format_name in ("html", "md"):
            render(msq2020, format_name, {"answers": {"country": f"Country {number}"}})
    assert built == ["html", "md"]
    assert get_renderer("md") is get_renderer("md")
    get_renderer.cache_clear()


def test_unknown_format(msq2020):
    with pytest.raises(ValueError, match="unknown format 'pdf'; choose one of html, md, docx"):
        render(msq2020, "pdf")


def test_render_stays_the_function_whatever_is_imported_first():
    code = ("import msqschema.render.markdown, msqschema; "
            "print(callable(msqschema.render), msqschema.render.__name__)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout == "True render\n"
