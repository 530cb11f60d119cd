"""Tests for the one circle search (msqschema.graphs) behind L304 (conditions) and L214
(calculated questions)."""

from __future__ import annotations

from msqschema.graphs import Graph
from msqschema.questionnaire.loader import lint


def test_a_graph_without_circles_has_none():
    graph = Graph({"a": ["b", "c"], "b": ["c"]})
    assert list(graph.circles()) == []
    assert not graph.on_circle("a", "b")
    assert graph.circle("a", "b") == []
    assert graph.size("c") == 1 and graph.size("unknown") == 0


def test_a_node_pointing_at_itself_is_a_circle():
    graph = Graph({"a": ["b", "a"]})
    assert graph.on_circle("a", "a") and not graph.on_circle("b", "b")
    assert graph.circle("a", "a") == ["a", "a"]
    assert list(graph.circles()) == [["a", "a"]]


def test_a_circle_is_spelt_out_from_the_edge_asked_about():
    graph = Graph({"a": ["b"], "b": ["c"], "c": ["a"]})
    assert graph.circle("a", "b") == ["a", "b", "c", "a"]
    assert graph.circle("c", "a") == ["c", "a", "b", "c"]
    assert graph.size("b") == 3


def test_the_shortest_way_round_is_taken():
    graph = Graph({"a": ["b", "x"], "b": ["c", "a"], "c": ["a"], "x": ["y"], "y": ["a"]})
    assert graph.circle("a", "x") == ["a", "x", "y", "a"]
    assert graph.circle("a", "b") == ["a", "b", "a"]
    assert list(graph.circles()) == [["a", "b", "a"]]


def test_each_component_with_a_circle_gives_one_circle_through_its_first_node():
    graph = Graph({"p": ["q"], "q": ["p", "r"], "r": ["s"], "s": ["r"], "t": ["t"], "u": ["p"]})
    assert list(graph.circles()) == [["p", "q", "p"], ["r", "s", "r"], ["t", "t"]]
    assert not graph.on_circle("q", "r") and not graph.on_circle("u", "p")


def test_a_long_circle_is_found_without_recursion():
    size = 20_000
    graph = Graph({f"n{index}": [f"n{(index + 1) % size}"] for index in range(size)})
    circles = list(graph.circles())
    assert len(circles) == 1 and len(circles[0]) == size + 1
    assert graph.size("n0") == size


SUMS = """\
msqschema: 1
id: sums
title: Sums
language: en
sections:
  - id: s
    title: S
    questions:
      - {id: base, type: integer, prompt: Base}
      - {id: one, type: calculated, prompt: One, sum: [three, base]}
      - {id: two, type: calculated, prompt: Two, sum: [one]}
      - {id: three, type: calculated, prompt: Three, sum: [two]}
      - {id: self, type: calculated, prompt: Self, sum: [self]}
"""


def test_lint_reports_each_circle_of_sums_once_at_the_sum_closing_it(tmp_path):
    path = tmp_path / "sums.yaml"
    path.write_text(SUMS, encoding="utf-8")
    assert [(p.code, p.line, p.column, p.message) for p in lint(path).problems] == [
        ("L214", 11, 56, "calculated questions add each other up in a circle: "
                         "'one' -> 'three' -> 'two' -> 'one'"),
        ("L214", 13, 58, "calculated questions add each other up in a circle: 'self' -> 'self'")]
