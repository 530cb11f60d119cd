"""Time and peak memory of msqschema on inputs that once grew faster than their size, at sizes
1x, 10x and 100x, each run as a whole process (`python -m msqschema ...`), as users run it.

    python benchmarks/scaling_bench.py                  # every input, 1x 10x 100x
    python benchmarks/scaling_bench.py --only keys --only chain --keep /tmp/scaling

The inputs (generated; see benchmarks/README.md for the figures):

- keys: a response with N unknown keys (2,000, 20,000, 200,000), validated;
- rows: a response with N invalid agency rows (2,200, 22,000, 220,000: 68 KB to 7.7 MB),
  validated, then rendered to DOCX with --force (refused past the size `extract` reads back);
- form: a valid response with N agency rows (25, 250, 2,500), rendered to DOCX and read back
  with `extract` (2,500 rows is near the most a Word form holds);
- chain: a questionnaire of N questions whose conditions form a chain (40, 400, 4,000),
  linted, exported as a JSON Schema and rendered to HTML.

For each run it prints the input's size, the wall time, the CPU time (user + system, steadier
than the wall time on a busy machine) and the peak memory (maximum resident set size), and the
ratio of each to the run ten times smaller: linear growth shows as ratios near 10 (less at
small sizes, where start-up dominates).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NamedTuple

SIZES = (1, 10, 100)


def unknown_keys(count: int) -> Iterator[str]:
    """The lines of a response that answers one question and has `count` unknown keys."""
    yield "questionnaire: msq2020\nanswers:\n  country: Chad\n"
    for number in range(count):
        yield f"  unknown_{number}: x\n"


def agency_rows(count: int, *, valid: bool) -> Iterator[str]:
    """The lines of a response with `count` rows of agencies (invalid ones: numbers where text
    is asked)."""
    row = ("      - {{name: Ministry {0:06}, url: www.m{0:06}.example}}\n" if valid
           else "      - {{name: {0}, url: {0}}}\n")
    yield "questionnaire: msq2020\nanswers:\n  sector_agencies:\n    education:\n"
    for number in range(count):
        yield row.format(number)


def condition_chain(count: int) -> Iterator[str]:
    """The lines of a questionnaire of `count` yes/no questions, each asked only if the one
    before is answered 'yes'."""
    yield ("msqschema: 1\nid: chain\ntitle: A chain of conditions\nlanguage: en\nsections:\n"
           "  - id: only\n    title: Only\n    questions:\n")
    for number in range(count):
        condition = f", when: {{question: q{number - 1}, equals: 'yes'}}" if number else ""
        yield f"      - {{id: q{number}, type: yes_no, prompt: 'Question {number}?'{condition}}}\n"


class Case(NamedTuple):
    """One input at three sizes, and the commands run on it (`{input}`; outputs `{docx}`,
    `{html}`, `{yaml}` beside it)."""

    name: str
    base: int
    unit: str
    make: Callable[[int], Iterator[str]]
    commands: tuple[tuple[str, ...], ...]


CASES = (
    Case("keys", 2_000, "unknown keys", unknown_keys, (("validate", "{input}"),)),
    Case("rows", 2_200, "invalid rows", lambda count: agency_rows(count, valid=False),
         (("validate", "{input}"),
          ("render", "-f", "docx", "--force", "-r", "{input}", "-o", "{docx}"))),
    Case("form", 25, "valid rows", lambda count: agency_rows(count, valid=True),
         (("render", "-f", "docx", "-r", "{input}", "-o", "{docx}"),
          ("extract", "{docx}", "-o", "{yaml}"))),
    Case("chain", 40, "questions", condition_chain,
         (("lint", "{input}"), ("schema", "{input}"), ("render", "{input}", "-o", "{html}"))),
)


class Run(NamedTuple):
    wall: float
    cpu: float
    peak_mb: float
    status: int


def run(arguments: list[str], timeout: float) -> Run:
    """Run `python -m msqschema ARGUMENTS` and measure it (wall, CPU, maximum RSS); a run
    longer than `timeout` seconds is killed (its exit status is then -9).

    Linux counts in a child's maximum RSS the size of this process when it started the child,
    so this process never holds a whole input (the smallest run, about 30 MB, is above it)."""
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "msqschema", *arguments],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    timer = threading.Timer(timeout, process.kill)
    timer.start()
    _, status, usage = os.wait4(process.pid, 0)  # this child's own resource usage
    timer.cancel()
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)  # waited for: tell Popen
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, process.returncode)


def ratio(now: float, before: float | None) -> str:
    return f"{now / before:5.1f}x" if before else "     "


def bench(case: Case, folder: Path, timeout: float) -> None:
    print(f"\n{case.name}: {case.unit}")
    print(f"{'command':<16} {'size':>9} {'bytes':>10} {'wall s':>8} {'':>6} {'cpu s':>7} "
          f"{'':>6} {'peak MB':>8} {'':>6} exit")
    inputs = []
    for scale in SIZES:
        count = case.base * scale
        path = folder / f"{case.name}-{count}.yaml"
        with path.open("w", encoding="utf-8") as file:  # line by line: this process stays
            file.writelines(case.make(count))            # small (see run)
        inputs.append((count, path))
    for command in case.commands:
        before: Run | None = None
        for count, path in inputs:
            outputs = {suffix: path.with_name(f"{path.stem}-out.{suffix}")
                       for suffix in ("docx", "html", "yaml")}
            arguments = [part.format(input=path, **outputs) for part in command]
            measured = run(arguments, timeout)
            print(f"{command[0]:<16} {count:>9,} {path.stat().st_size:>10,} "
                  f"{measured.wall:>8.2f} {ratio(measured.wall, before and before.wall)} "
                  f"{measured.cpu:>7.2f} {ratio(measured.cpu, before and before.cpu)} "
                  f"{measured.peak_mb:>8.1f} {ratio(measured.peak_mb, before and before.peak_mb)}"
                  f" {measured.status:>4}")
            before = measured


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", action="append", choices=[case.name for case in CASES],
                        help="run only this input (repeatable)")
    parser.add_argument("--keep", type=Path, help="write the inputs and outputs here")
    parser.add_argument("--timeout", type=float, default=900,
                        help="kill a run after this many seconds (default 900)")
    options = parser.parse_args()
    chosen = [case for case in CASES if not options.only or case.name in options.only]
    with tempfile.TemporaryDirectory() as temporary:
        folder = options.keep or Path(temporary)
        folder.mkdir(parents=True, exist_ok=True)
        for case in chosen:
            bench(case, folder, options.timeout)


if __name__ == "__main__":
    main()
