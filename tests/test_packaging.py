"""The bundled questionnaire is found from a checkout and from the layout of an installed wheel."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import msqschema
from msqschema.questionnaire.loader import load_questionnaire
from msqschema.resources import bundled_questionnaires, data_dir

ROOT = Path(__file__).resolve().parents[1]


def test_bundled_questionnaires_lists_msq2020():
    bundled = bundled_questionnaires()
    assert "msq2020" in bundled
    assert bundled["msq2020"].name == "msq2020.yaml"
    assert bundled["msq2020"].is_file()


def test_from_a_checkout_the_top_level_folder_is_used():
    package = Path(msqschema.__file__).resolve().parent
    if (package / "_data").is_dir():  # running against an installed wheel
        assert data_dir("questionnaires") == package / "_data" / "questionnaires"
    else:
        assert data_dir("questionnaires") == ROOT / "questionnaires"


def test_the_bundled_name_loads_the_same_model_as_its_path():
    assert load_questionnaire("msq2020") == load_questionnaire(bundled_questionnaires()["msq2020"])


def test_the_wheel_ships_the_folders_where_resources_looks():
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    force_include = config["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    assert force_include["questionnaires"] == "msqschema/_data/questionnaires"


def test_an_installed_layout_finds_its_own_copy(tmp_path):
    # The wheel's layout: the package with the questionnaires under msqschema/_data/, and no
    # checkout around it. Imported first on the path, it must use its own copy.
    site = tmp_path / "site"
    shutil.copytree(Path(msqschema.__file__).parent, site / "msqschema",
                    ignore=shutil.ignore_patterns("__pycache__", "_data"))
    shutil.copytree(ROOT / "questionnaires", site / "msqschema" / "_data" / "questionnaires")
    script = ("import msqschema.resources as r; "
              "print(r.bundled_questionnaires()['msq2020'])")
    environment = {"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"}
    found = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                           cwd=tmp_path, env=environment, check=True)
    assert found.stdout.strip() == str(site / "msqschema" / "_data" / "questionnaires" /
                                       "msq2020.yaml")
    lint = subprocess.run([sys.executable, "-m", "msqschema", "lint", "msq2020"],
                          capture_output=True, text=True, cwd=tmp_path, env=environment,
                          check=False)
    assert (lint.returncode, lint.stdout, lint.stderr) == (
        0, "1 questionnaire checked: no problems\n", "")
