"""Time the condition module on growing inputs: parsing, the static checks and evaluation
should all grow in step with the number of conditions (run by hand; never in the test suite).

    python benchmarks/conditions_bench.py                 # 1,000 to 8,000 conditions
    python benchmarks/conditions_bench.py --sizes 500 2000 --repeat 5

Shapes: a chain (question i asked when question i-1 is yes: the longest dependency paths),
a circle (the same chain closed: every condition is in one cycle and reported), and wide
conditions (`any` of N tests on N choice questions: a tree as large as the input), and
conditions that all name unknown questions (each reported, the first 100 with "did you mean").
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable, Iterable
from typing import Any

from msqschema.conditions import Guarded, Target, check, holds, parse


class Scope:
    """N yes/no questions q0 ... q(N-1)."""

    def __init__(self, size: int) -> None:
        self.targets = {f"q{index}": Target(kind="choice", order=index, label=f"Q{index}",
                                            options=("yes", "no")) for index in range(size)}

    def resolve(self, subject: str) -> Target | None:
        return self.targets.get(subject)

    def subjects(self) -> Iterable[str]:
        return self.targets


def chain(size: int, *, closed: bool) -> list[tuple[str, int, Any]]:
    """(owner, order, condition data): q_i asked when q_(i-1) is yes."""
    entries = [(f"q{index}", index, {"answer": f"q{index - 1}", "equals": "yes"})
               for index in range(1, size)]
    if closed:
        entries.append(("q0", 0, {"answer": f"q{size - 1}", "equals": "yes"}))
    return entries


def wide(size: int) -> list[tuple[str, int, Any]]:
    """One condition on a question after all others: any of N tests."""
    return [(f"q{size - 1}", size - 1, {"any": [{"answer": f"q{index}", "in": ["yes"]}
                                                for index in range(size - 1)]})]


def unknown(size: int) -> list[tuple[str, int, Any]]:
    """Every condition names a question that does not exist ("did you mean" for the first)."""
    return [(f"q{index}", index, {"answer": f"x{index}", "equals": "yes"})
            for index in range(size)]


def best(run: Callable[[], object], repeat: int) -> float:
    """The median wall time of `repeat` runs, in milliseconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def measure(shape: str, size: int, repeat: int) -> tuple[float, float, float, int]:
    entries = {"wide": wide, "unknown": unknown}.get(shape, lambda size: chain(
        size, closed=shape == "circle"))(size)
    scope = Scope(size)
    # Chains hold all along; the wide `any` holds nowhere, so every one of its tests runs.
    answers = {f"q{index}": "no" if shape == "wide" else "yes" for index in range(size)}

    def parse_all() -> list[Guarded]:
        guarded = []
        for owner, order, data in entries:
            condition, problems = parse(data)
            assert condition is not None, problems
            guarded.append(Guarded(owner, order, condition))
        return guarded

    guarded = parse_all()
    found = check(guarded, scope)
    return (best(parse_all, repeat), best(lambda: check(guarded, scope), repeat),
            best(lambda: [holds(entry.condition, answers) for entry in guarded], repeat),
            len(found))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 2000, 4000, 8000])
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    print("| shape | conditions' tests | parse ms | check ms | evaluate ms | problems |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for shape in ("chain", "circle", "wide", "unknown"):
        for size in options.sizes:
            parse_ms, check_ms, evaluate_ms, problems = measure(shape, size, options.repeat)
            print(f"| {shape} | {size:,} | {parse_ms:.1f} | {check_ms:.1f} | {evaluate_ms:.1f} "
                  f"| {problems:,} |")


if __name__ == "__main__":
    main()
