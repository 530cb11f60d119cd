"""Where the CPU time of one DOCX render (or of validating one file) goes, phase by phase, in
fresh processes.

    python benchmarks/startup_phases.py [--runs 15] [--response FILE] [--baseline SRC]
                                        [--command render|validate]

Each run is a new Python process that does what `msqschema render -f docx -r FILE -o one.docx`
does, step by step, and reads the process's CPU clock between steps: importing click and the
command line, PyYAML and the response reader, the questionnaire loader (the model and the
question types), loading the questionnaire, validating, importing Jinja and the DOCX renderer,
building its templates, rendering and writing. Medians (and the fastest run) of each step; the
caches are filled by one run first. With `--baseline SRC` the same steps run with another source
tree first on PYTHONPATH (a checkout of main), in turns with this one. The garbage collector is
set as the `msqschema` program sets it, before anything is imported; the interpreter's own
start-up (about 10-15 ms) comes before the first reading and is not counted.

With `--command validate` the steps are those of `msqschema validate FILE` instead: importing
click and the command line, the validate command, the validation modules (PyYAML, the model and
the question types), loading the bundled questionnaire the response names (the stored model),
reading the response, compiling the questionnaire's checks, validating and writing the report.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]


def child(response: Path, output: Path) -> None:
    """Time the steps of one render in this process; print `step<TAB>milliseconds` lines."""
    import gc
    import time

    gc.set_threshold(70_000, *gc.get_threshold()[1:])
    readings = [("", time.process_time())]

    def step(name: str) -> None:
        readings.append((name, time.process_time()))

    import click  # noqa: F401

    import msqschema.cli.render  # noqa: F401
    step("import click and the command line")
    from msqschema.responses.response import load_response
    step("import the response reader (PyYAML)")
    response = load_response(response)
    step("read the response")
    from msqschema.questionnaire.loader import load_questionnaire
    step("import the loader (model, question types)")
    questionnaire = load_questionnaire("msq2020")
    step("load the questionnaire")
    from msqschema.responses.validation import validate
    validate(questionnaire, response)
    step("import and validate")
    import msqschema.render.docx  # noqa: F401
    from msqschema.render import get_renderer, render
    step("import Jinja and the DOCX renderer")
    get_renderer("docx")
    step("build the renderer (templates)")
    document = render(questionnaire, "docx", response)
    step("render")
    from msqschema.atomic import write_atomic
    write_atomic(output, document if isinstance(document, bytes) else document.encode())
    step("write the file")
    for (_, before), (name, after) in zip(readings, readings[1:], strict=False):
        print(f"{name}\t{(after - before) * 1000:.2f}")
    print(f"total\t{(readings[-1][1] - readings[0][1]) * 1000:.2f}")


def validate_child(response: Path) -> None:
    """Time the steps of `msqschema validate FILE` in this process, as `child` does a render."""
    import gc
    import time

    gc.set_threshold(70_000, *gc.get_threshold()[1:])
    readings = [("", time.process_time())]

    def step(name: str) -> None:
        readings.append((name, time.process_time()))

    import click  # noqa: F401

    import msqschema.cli  # noqa: F401
    step("import click and the command line")
    import msqschema.cli.validate  # noqa: F401
    step("import the validate command")
    from msqschema.responses.batch import validate_files
    step("import validation (PyYAML, model, types)")
    from msqschema.questionnaire.loader import load_bundled
    from msqschema.responses.response import load_response
    from msqschema.responses.validation import _compiled
    step("import the loader")
    read = load_response(response)
    step("read the response")
    questionnaire = load_bundled(read.questionnaire_id or "msq2020", for_validation=True)
    assert questionnaire is not None
    step("load the questionnaire (stored)")
    _compiled(questionnaire)
    step("compile its checks")
    from msqschema.reporters import REPORTERS, Totals
    reporter, totals = REPORTERS["text"](), Totals()
    output = [reporter.begin()]
    for _, report, unreadable in validate_files(None, [str(response)], max_problems=100, jobs=1):
        totals.add(report, unreadable=unreadable)
        output.append(reporter.file(report))
    output.append(reporter.end(totals))
    step("validate and report")
    for (_, before), (name, after) in zip(readings, readings[1:], strict=False):
        print(f"{name}\t{(after - before) * 1000:.2f}")
    print(f"total\t{(readings[-1][1] - readings[0][1]) * 1000:.2f}")


def run_child(response: Path, work: Path, env: dict[str, str],
              command: str = "render") -> dict[str, float]:
    child_arguments = (["--child-validate", str(response)] if command == "validate" else
                       ["--child", str(response), str(work / "one.docx")])
    result = subprocess.run(
        [sys.executable, __file__, *child_arguments],
        env=env, capture_output=True, text=True)
    if result.returncode:
        sys.exit(result.stderr)
    return {name: float(ms) for name, ms in
            (line.split("\t") for line in result.stdout.splitlines())}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="fresh processes of each tree")
    parser.add_argument("--response", type=Path,
                        default=REPOSITORY / "examples" / "responses" / "tajikistan-2019.yaml")
    parser.add_argument("--baseline", type=Path, metavar="SRC",
                        help="also time the msqschema of this source tree (a checkout of main)")
    parser.add_argument("--command", choices=("render", "validate"), default="render",
                        help="the steps of a DOCX render, or of validating the response")
    parser.add_argument("--child", nargs=2, type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--child-validate", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    if args.child_validate:
        validate_child(args.child_validate)
        return
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        env = {name: value for name, value in os.environ.items()
               if name not in ("PYTHONDONTWRITEBYTECODE", "MSQSCHEMA_NO_CACHE")}
        env["XDG_CACHE_HOME"] = str(work / "cache")
        trees = {"this tree": env}
        if args.baseline is not None:
            trees[args.baseline.name] = env | {"PYTHONPATH": str(args.baseline.resolve() / "src")}
        runs: dict[str, list[dict[str, float]]] = {name: [] for name in trees}
        for tree_env in trees.values():
            run_child(args.response, work, tree_env, args.command)  # fills the caches
        for number in range(args.runs):
            order = list(trees) if number % 2 == 0 else list(reversed(trees))
            for name in order:
                runs[name].append(run_child(args.response, work, trees[name], args.command))
    print(f"CPU ms per step, median (fastest) of {args.runs} fresh processes:")
    steps = list(runs["this tree"][0])
    print(f"  {'step':44}" + "".join(f"{name:>22}" for name in trees))
    for step in steps:
        cells = []
        for name in trees:
            values = [run[step] for run in runs[name]]
            cells.append(f"{statistics.median(values):8.1f} ({min(values):6.1f})")
        print(f"  {step:44}" + "".join(f"{cell:>22}" for cell in cells))


if __name__ == "__main__":
    main()
