"""Time loading the MSQ 2020 in a language against loading it in English, alone and followed by
rendering the blank form, as one `msqschema render` call would (nothing cached between rounds).

    python benchmarks/translate_bench.py [--rounds 20] [--languages fr ar zh]

Each round loads afresh (the loader's cache cleared) in English and in each language, in turns,
so that a slower moment of the machine weighs on every case alike; medians are printed.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from typing import Any

from msqschema import load_questionnaire, render
from msqschema.questionnaire import loader


def fresh(language: str | None) -> Any:
    """The questionnaire loaded as a new process would: nothing cached."""
    loader._cached_load.cache_clear()
    return load_questionnaire("msq2020", language=language)


def timed(action: Callable[[], Any]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--languages", nargs="+", default=["fr", "ar", "zh"])
    options = parser.parse_args()
    cases: list[str | None] = [None, *options.languages]
    for format_name in ("html", "md", "docx"):
        render(fresh(None), format_name)  # templates compiled before timing
    loads: dict[str | None, list[float]] = {case: [] for case in cases}
    renders: dict[tuple[str | None, str], list[float]] = {}
    for _ in range(options.rounds):
        for case in cases:
            loads[case].append(timed(lambda case=case: fresh(case)))
            for format_name in ("html", "md", "docx"):
                renders.setdefault((case, format_name), []).append(timed(
                    lambda case=case, f=format_name: render(fresh(case), f)))
    english = statistics.median(loads[None])
    print(f"{'load':<8} {'en':>4} {english * 1000:8.1f} ms")
    for case in options.languages:
        median = statistics.median(loads[case])
        print(f"{'load':<8} {case:>4} {median * 1000:8.1f} ms  {median / english - 1:+6.1%}")
    for format_name in ("html", "md", "docx"):
        base = statistics.median(renders[(None, format_name)])
        print(f"{'load+' + format_name:<8} {'en':>4} {base * 1000:8.1f} ms")
        for case in options.languages:
            median = statistics.median(renders[(case, format_name)])
            print(f"{'load+' + format_name:<8} {case:>4} {median * 1000:8.1f} ms  "
                  f"{median / base - 1:+6.1%}")


if __name__ == "__main__":
    main()
