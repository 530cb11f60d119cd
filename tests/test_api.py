"""The public API: every exported name is what it says, even after every submodule is imported."""

from __future__ import annotations

import importlib
import pkgutil
import types

import pytest

import msqschema


def test_exports_are_not_shadowed_by_submodules() -> None:
    for module in pkgutil.walk_packages(msqschema.__path__, "msqschema."):
        if module.name != "msqschema.__main__":
            importlib.import_module(module.name)
    for name in msqschema.__all__:
        assert not isinstance(getattr(msqschema, name), types.ModuleType), name


def test_api_functions_are_callable() -> None:
    for name in ("load_questionnaire", "load_response", "validate", "response_schema", "render",
                 "extract", "lint"):
        assert callable(getattr(msqschema, name)), name


def test_unknown_name_raises_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no_such_name"):
        msqschema.no_such_name  # noqa: B018


def test_all_lists_exactly_the_exports() -> None:
    assert set(msqschema.__all__) == {"__version__", "render", *msqschema._EXPORTS}
