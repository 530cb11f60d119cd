"""Time one Word form as a whole process, beside pandoc turning the same form's Markdown into DOCX,
and the cost of the sandbox; or, with `--command validate`, `msqschema validate` on one file.

    python benchmarks/startup_bench.py [--runs 21] [--renders 41] [--response FILE]
                                       [--baseline SRC] [--command render|validate]

Whole processes, in turns (the order rotating each round), medians of wall and CPU time:
- `msqschema render -f docx -r RESPONSE -o one.docx` with its caches warm (the built-in
  templates' bytecode and the stored questionnaire, both filled by one run before timing), the
  way every run but a user's first goes;
- `pandoc one.md -o one.docx`, the same filled form rendered to Markdown first;
- the same render with no cache (`MSQSCHEMA_NO_CACHE=1`: every template compiled and the
  questionnaire built from its YAML) and with an empty cache folder each time (compiling and
  building, then writing both caches: a user's first run);
- with `--baseline SRC`, the same warm render as `python -m msqschema`, by this tree and by
  the msqschema of another source tree (its `src` folder put first on PYTHONPATH), such as a
  checkout of main, for a before/after.
The ratio of msqschema's warm run to pandoc's run of the same round is given as a distribution
(quartiles, extremes, and how many rounds msqschema was no slower), for wall and CPU time.
Then, in this process, the median time of one render of each format with and without
`sandbox=True`. Python's bytecode cache is allowed, as in any pip-installed environment; the
programs are run by absolute path (no pyenv shims).

With `--command validate` (the response defaults to the business survey's example, which has no
problem): `msqschema validate RESPONSE` with its stored questionnaire warm, beside what no Python
command line can avoid, `python -c pass` and `python -c "import click, yaml"` (the interpreter,
and the two libraries validate is built on, with the collector set as `msqschema` sets it);
with `--baseline SRC`, `python -m msqschema validate` by this tree and by the other. Medians of
wall and CPU time, the runs in turns.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]


def environment(**extra: str) -> dict[str, str]:
    """This process's environment with Python's bytecode cache allowed, plus `extra`."""
    env = {name: value for name, value in os.environ.items()
           if name not in ("PYTHONDONTWRITEBYTECODE", "MSQSCHEMA_NO_CACHE")}
    return env | extra


def run(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one run of `command`, in seconds."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def paired(commands: dict[str, tuple[list[str], Callable[[], dict[str, str]]]],
           runs: int) -> dict[str, list[tuple[float, float]]]:
    """Run each command `runs` times, in turns, the order rotating from one round to the next."""
    names = list(commands)
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in names}
    for round_number in range(runs):
        shift = round_number % len(names)
        for name in names[shift:] + names[:shift]:
            command, env = commands[name]
            times[name].append(run(command, env()))
    return times


def median_ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:6.0f} ms"


def quartiles(values: list[float]) -> str:
    """The minimum, quartiles and maximum of `values`, as ratios."""
    low, median, high = statistics.quantiles(values, n=4, method="inclusive")
    return (f"min {min(values):.2f}, quartiles {low:.2f} / {median:.2f} / {high:.2f}, "
            f"max {max(values):.2f}")


def whole_processes(args: argparse.Namespace, work: Path) -> None:
    msqschema = str(Path(sys.executable).parent / "msqschema")
    pandoc = shutil.which("pandoc")
    if pandoc is None:
        sys.exit("pandoc is needed for the comparison")
    pandoc = str(Path(pandoc).resolve())
    markdown = work / "one.md"
    cache = work / "cache"
    warm = environment(XDG_CACHE_HOME=str(cache))
    subprocess.run([msqschema, "render", "-f", "md", "-r", str(args.response), "-o",
                    str(markdown), "--quiet"], env=warm, check=True)
    render = [msqschema, "render", "-f", "docx", "-r", str(args.response), "-o",
              str(work / "one.docx"), "--quiet"]
    subprocess.run(render, env=warm, check=True)  # fills the caches

    def empty_cache() -> dict[str, str]:
        return environment(XDG_CACHE_HOME=tempfile.mkdtemp(dir=work))

    commands = {
        WARM: (render, lambda: warm),
        PANDOC: ([pandoc, str(markdown), "-o", str(work / "pandoc.docx")], lambda: warm),
        "msqschema render -f docx (no cache)": (render, lambda: warm | {"MSQSCHEMA_NO_CACHE": "1"}),
        "msqschema render -f docx (first run)": (render, empty_cache),
    }
    if args.baseline is not None:  # both by `python -m`: the baseline's entry point may differ
        module = [sys.executable, "-m", "msqschema", *render[1:]]
        baseline = warm | {"PYTHONPATH": str(args.baseline.resolve() / "src")}
        subprocess.run(module, env=baseline, check=True)
        commands["python -m msqschema render (cache warm)"] = (module, lambda: warm)
        commands[f"the same, {args.baseline.name} (cache warm)"] = (module, lambda: baseline)
    times = paired(commands, args.runs)
    print_medians(f"Whole processes, {args.runs} paired runs each", times)
    for index, measure in ((0, "wall"), (1, "CPU")):
        ratios = [mine[index] / other[index]
                  for mine, other in zip(times[WARM], times[PANDOC], strict=True)]
        no_slower = sum(1 for ratio in ratios if ratio <= 1)
        print(f"  msqschema (cache warm) / pandoc, {measure} of each round: "
              f"{quartiles(ratios)}; no slower in {no_slower} of {len(ratios)}")


FLOOR = "import gc; gc.set_threshold(70_000, 10, 10); import click, yaml"
"""The libraries every validate imports, the collector set as the `msqschema` program sets it."""


def validate_processes(args: argparse.Namespace, work: Path) -> None:
    """`msqschema validate` on one file as a whole process, beside Python's floor."""
    msqschema = str(Path(sys.executable).parent / "msqschema")
    warm = environment(XDG_CACHE_HOME=str(work / "cache"))
    validate = [msqschema, "validate", str(args.response)]
    subprocess.run(validate, env=warm, check=True, stdout=subprocess.DEVNULL)  # stores the model
    commands = {
        "msqschema validate (cache warm)": (validate, lambda: warm),
        "python -c pass": ([sys.executable, "-c", "pass"], lambda: warm),
        "python -c 'import click, yaml'": ([sys.executable, "-c", FLOOR], lambda: warm),
    }
    if args.baseline is not None:
        module = [sys.executable, "-m", "msqschema", *validate[1:]]
        baseline = warm | {"PYTHONPATH": str(args.baseline.resolve() / "src")}
        subprocess.run(module, env=baseline, check=True, stdout=subprocess.DEVNULL)
        commands["python -m msqschema validate"] = (module, lambda: warm)
        commands[f"the same, {args.baseline.name}"] = (module, lambda: baseline)
    print_medians(f"Whole processes, {args.runs} runs each in turns", paired(commands, args.runs))


def print_medians(heading: str, times: dict[str, list[tuple[float, float]]]) -> None:
    """Each command's median wall and CPU time, under `heading`."""
    print(f"{heading}; medians (CPU = user + system):")
    for name, pairs in times.items():
        print(f"  {name:40} wall {median_ms([wall for wall, _ in pairs])}"
              f"   CPU {median_ms([cpu for _, cpu in pairs])}")


WARM = "msqschema render -f docx (cache warm)"
PANDOC = "pandoc one.md -o one.docx"


def sandbox_cost(args: argparse.Namespace) -> None:
    from msqschema import load_questionnaire, render
    from msqschema.responses.response import load_response

    questionnaire = load_questionnaire("msq2020")
    response = load_response(args.response)
    print(f"\nOne render in this process (the templates built once), median of {args.renders}:")
    for format_name in ("html", "md", "docx"):
        medians = []
        for sandbox in (False, True):
            render(questionnaire, format_name, response, sandbox=sandbox)  # builds the renderer
            seconds = []
            for _ in range(args.renders):
                start = time.perf_counter()
                render(questionnaire, format_name, response, sandbox=sandbox)
                seconds.append(time.perf_counter() - start)
            medians.append(statistics.median(seconds))
        print(f"  {format_name:4}  {medians[0] * 1000:6.1f} ms, sandboxed {medians[1] * 1000:6.1f}"
              f" ms (+{(medians[1] / medians[0] - 1) * 100:.0f} %)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21, help="paired runs of each process")
    parser.add_argument("--renders", type=int, default=41, help="renders for the sandbox cost")
    parser.add_argument("--response", type=Path, help="the response to render or validate "
                        "(default: the Tajikistan example, or the business survey's to validate)")
    parser.add_argument("--baseline", type=Path, metavar="SRC",
                        help="also time the msqschema of this source tree (a checkout of main)")
    parser.add_argument("--command", choices=("render", "validate"), default="render")
    args = parser.parse_args()
    if args.response is None:
        args.response = REPOSITORY / "examples" / "responses" / (
            "business-survey-example.yaml" if args.command == "validate"
            else "tajikistan-2019.yaml")
    with tempfile.TemporaryDirectory() as work:
        if args.command == "validate":
            validate_processes(args, Path(work))
            return
        whole_processes(args, Path(work))
    sandbox_cost(args)


if __name__ == "__main__":
    main()
