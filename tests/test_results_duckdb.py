"""The DuckDB queries of docs/results.md, run on the Parquet export of the demo collection."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT
from msqschema.responses.files import response_files
from msqschema.results.collection import collect
from msqschema.results.columns import selected
from msqschema.results.export import export

duckdb = pytest.importorskip("duckdb", reason="duckdb is missing: pip install -e '.[test]'")
QUERIES = re.findall(r"```sql\n(.*?)```", (ROOT / "docs" / "results.md").read_text(), re.S)


@pytest.fixture(scope="module")
def answers(msq2020, demo) -> list[dict]:
    return [collected.answers for collected in collect(msq2020, response_files([str(demo)]))
            if collected.valid]


@pytest.fixture(scope="module")
def exported(msq2020, demo, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("duckdb")
    export([demo], folder / "results" / "msq2020.parquet", questionnaire=msq2020)
    return folder


@pytest.fixture
def results(exported, monkeypatch) -> Path:
    """The folder the docs' queries run in: results/msq2020.parquet and its tables."""
    monkeypatch.chdir(exported)
    return exported


def test_the_docs_hold_the_three_queries():
    assert len(QUERIES) == 3


def test_share_with_an_ai_strategy_in_one_query(results, answers):
    with_ai = sum("artificial_intelligence" in (selected(a.get("new_technology_strategies"))
                                                or ()) for a in answers)
    assert duckdb.sql(QUERIES[0]).fetchall() == [
        (len(answers), with_ai, round(100 * with_ai / len(answers), 1))]


def test_yes_no_counts(results, answers):
    counts = [(value, sum(a.get("usage_statistics") == value for a in answers))
              for value in ("no", "yes")]
    assert duckdb.sql(QUERIES[1]).fetchall() == counts


def test_records_join_on_the_response(results, answers):
    found = duckdb.sql(QUERIES[2]).fetchall()
    most = max(len(a.get("sector_agencies", {}).get("health") or []) for a in answers)
    assert len(found) == 3 and found[0][1] == most
    assert all(country.startswith("Synthetic Member State ") for country, _ in found)
