"""Directed graphs of named nodes and the circles in them: the one search behind the lint
checks of conditions that go round in a circle (L304) and of calculated questions that add
each other up (L214).

Circles are found once, in linear time, as the strongly connected components of the graph
(Tarjan's algorithm, without recursion); a circle is then spelt out by a breadth-first search
inside its component, so it is one of the shortest.
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Iterable, Iterator, Mapping


class Graph:
    """A directed graph: each node with the nodes it points to."""

    def __init__(self, edges: Mapping[str, Iterable[str]]) -> None:
        self.edges: dict[str, list[str]] = {node: list(dict.fromkeys(targets))
                                             for node, targets in edges.items()}
        for targets in list(self.edges.values()):
            for target in targets:
                self.edges.setdefault(target, [])
        self.component = _components(self.edges)
        self.sizes = Counter(self.component.values())

    def size(self, node: str) -> int:
        """How many nodes share a circle with `node` (itself included; 0 when unknown)."""
        component = self.component.get(node)
        return 0 if component is None else self.sizes[component]

    def on_circle(self, node: str, target: str) -> bool:
        """Whether an edge from `node` to `target` would lie on a circle: both are on one
        circle (a node on itself: it has that edge). The edge itself is not looked up."""
        if node == target:
            return target in self.edges.get(node, ())
        component = self.component.get(node)
        return component is not None and self.component.get(target) == component

    def circle(self, start: str, through: str) -> list[str]:
        """A shortest circle leaving `start` by its edge to `through`: [start, through, ...,
        start]; [] when that edge lies on none."""
        return self._way_round(start, [through]) if self.on_circle(start, through) else []

    def circles(self) -> Iterator[list[str]]:
        """One shortest circle of each component that has one, through its first node (in
        the order the edges were given)."""
        seen: set[int] = set()
        for node, targets in self.edges.items():
            if self.component[node] in seen:
                continue
            inside = [target for target in targets if self.on_circle(node, target)]
            if inside:
                seen.add(self.component[node])
                yield self._way_round(node, inside)

    def _way_round(self, start: str, first: list[str]) -> list[str]:
        """A shortest circle from `start` back to it, leaving by one of `first` (each on a
        circle through `start`); neighbours are tried in sorted order."""
        component = self.component[start]
        previous = dict.fromkeys(first, start)
        waiting = deque(sorted(first))
        while start not in previous:
            current = waiting.popleft()
            for target in sorted(self.edges[current]):
                if target not in previous and self.component.get(target) == component:
                    previous[target] = current
                    waiting.append(target)
        backwards, node = [start], previous[start]
        while node != start:
            backwards.append(node)
            node = previous[node]
        return [start, *reversed(backwards)]


def _components(edges: Mapping[str, Iterable[str]]) -> dict[str, int]:
    """The strongly connected component of every node (Tarjan's algorithm, without
    recursion): two nodes share one when each can be reached from the other."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    component: dict[str, int] = {}

    def visit(node: str) -> Iterator[str]:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        return iter(edges.get(node, ()))

    for root in edges:
        if root in index:
            continue
        work = [(root, visit(root))]
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    work.append((child, visit(child)))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component[member] = index[node]
                        if member == node:
                            break
    return component
