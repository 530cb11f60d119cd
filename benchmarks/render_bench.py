"""Time rendering: the blank form and 200 filled ones to each format, in one process and in one
`msqschema render` call, and show that each format's Jinja environment is built once.

    python benchmarks/render_bench.py [--count 200] [--seed 2020] [--formats html md docx]
                                      [--languages fr ar zh]

The responses are the DOCX benchmark's: random but repeatable, realistic answers to every
question type, about a quarter left unanswered. For comparison, the same responses are also
rendered with a fresh renderer (environment and templates rebuilt) for each one, and in each
of `--languages` (the questionnaire's translation and the fixed texts' catalog), against English.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from docx_bench import responses, summary, timed

from msqschema import load_questionnaire
from msqschema.questionnaire.model import Questionnaire
from msqschema.render import FORMATS, environment, get_renderer, render


def count_environments() -> list[str]:
    """Record the format of every Jinja environment built from now on."""
    built: list[str] = []
    make = environment.make_environment

    def counting(format_name: str, *args: object, **kwargs: object) -> object:
        built.append(format_name)
        return make(format_name, *args, **kwargs)

    environment.make_environment = counting  # type: ignore[assignment]
    return built


def in_process(msq: Questionnaire, format_name: str, filled: list[dict[str, Any]],
               built: list[str]) -> None:
    """The blank form twice, every response with one renderer, then 20 with a fresh one each."""
    _, first = timed(lambda: render(msq, format_name))
    _, blank = timed(lambda: render(msq, format_name))
    print(f"\n{format_name}: blank form {first * 1000:.1f} ms the first time (builds the "
          f"environment and templates), then {blank * 1000:.1f} ms")
    reused = [timed(lambda r=r: render(msq, format_name, r))[1] for r in filled]
    print(summary(f"{format_name} filled, one renderer", reused))
    print(f"{format_name}: Jinja environments built for {1 + 1 + len(filled)} documents: "
          f"{built.count(format_name)}")
    rebuilt = []
    for response in filled[:20]:
        get_renderer.cache_clear()
        rebuilt.append(timed(lambda r=response: render(msq, format_name, r))[1])
    print(summary(f"{format_name} filled, renderer rebuilt each time", rebuilt))


def in_languages(msq: Questionnaire, format_name: str, filled: list[dict[str, Any]],
                 languages: list[str]) -> None:
    """The same responses rendered in English and in each language, with warm renderers, the
    languages taking turns on each response (so that a noisy machine weighs on all alike)."""
    models = {language: load_questionnaire("msq2020", language=language)
              for language in ["en", *languages]}
    seconds: dict[str, list[float]] = {language: [] for language in models}
    for model in models.values():
        render(model, format_name, filled[0])  # warm: catalog compiled, templates built
    for response in filled:
        for language, model in models.items():
            seconds[language].append(
                timed(lambda m=model, r=response: render(m, format_name, r))[1])
    english = statistics.median(seconds["en"])
    for language, times in seconds.items():
        print(summary(f"{format_name} filled in {language}", times)
              + f"  {statistics.median(times) / english - 1:+.0%} vs en")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--seed", type=int, default=2020)
    parser.add_argument("--formats", nargs="+", default=list(FORMATS), choices=list(FORMATS))
    parser.add_argument("--languages", nargs="*", default=["fr", "ar", "zh"])
    options = parser.parse_args()
    msq = load_questionnaire("msq2020")
    filled = responses(msq, options.count, options.seed)
    built = count_environments()

    for format_name in options.formats:
        in_process(msq, format_name, filled, built)
    for format_name in options.formats:
        in_languages(msq, format_name, filled, options.languages)

    with tempfile.TemporaryDirectory(prefix="render-bench-") as folder:
        files = []
        for index, response in enumerate(filled):
            files.append(Path(folder) / f"response-{index:03}.json")
            files[-1].write_text(json.dumps(response), encoding="utf-8")
        for format_name in options.formats:
            command = [sys.executable, "-m", "msqschema", "render", "-f", format_name,
                       *[arg for path in files for arg in ("-r", str(path))],
                       "-o", str(Path(folder) / format_name)]
            _, seconds = timed(lambda command=command: subprocess.run(command, check=True))
            print(f"`msqschema render -f {format_name}` with {len(files)} responses, one call: "
                  f"{seconds:.2f} s ({seconds / len(files) * 1000:.1f} ms per form, start-up "
                  "and reading included)")


if __name__ == "__main__":
    main()
