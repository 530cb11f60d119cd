"""Benchmark `msqschema export` (CSV, XLSX, Parquet) and `msqschema report` on large collections.

Generates the demo collection's synthetic MSQ 2020 responses (benchmarks/demo_responses.py) at
each size, then runs each command once as a subprocess (after a warm-up run on the smallest
size) and prints files per second and peak memory (maximum resident set size). Peak memory
must not grow with the number of files: every response is read, validated, written or counted,
and let go before the next one is read.

    python benchmarks/results_bench.py                    # 1,000 and 10,000 files
    python benchmarks/results_bench.py --sizes 200 2000 --commands report
    python benchmarks/results_bench.py --keep /tmp/bench   # generate there once, reuse after

Nothing is timed in the test suite.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from demo_responses import generate  # noqa: E402
from validate_bench import measure  # noqa: E402

COMMANDS = {
    "export csv": ["export", "{folder}", "-o", "{out}/responses.csv", "--quiet"],
    "export xlsx": ["export", "{folder}", "-o", "{out}/responses.xlsx", "--quiet"],
    "export parquet": ["export", "{folder}", "-o", "{out}/responses.parquet", "--quiet"],
    "report": ["report", "{folder}", "-o", "{out}/report.html", "--quiet"],
}


def command(msqschema: str, name: str, folder: Path, out: Path) -> list[str]:
    return [msqschema, *(part.format(folder=folder, out=out) for part in COMMANDS[name])]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--commands", nargs="+", choices=list(COMMANDS), default=list(COMMANDS),
                        metavar="COMMAND", help=f"among: {', '.join(COMMANDS)}")
    parser.add_argument("--keep", type=Path,
                        help="generate the responses here (if not there yet) and keep them")
    args = parser.parse_args()
    msqschema = shutil.which("msqschema") or sys.exit("msqschema is not installed")
    work = Path(tempfile.mkdtemp(prefix="msq-results-bench-"))
    try:
        folders = {size: (args.keep or work) / f"responses-{size}" for size in args.sizes}
        for size, folder in folders.items():
            if not folder.is_dir():
                generate(folder, size)
        os.sync()
        print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs; synthetic MSQ 2020 "
              f"responses, {_mean_kb(folders[args.sizes[0]]):.1f} KB each on average")
        for name in args.commands:
            measure(command(msqschema, name, folders[args.sizes[0]], work / "warm-up"))
            for size, folder in folders.items():
                wall, peak, status, _ = measure(command(msqschema, name, folder, work / "out"))
                print(f"{name:15} {size:6} files: {size / wall:6.0f} files/s ({wall:6.1f} s, "
                      f"exit {status}), peak memory {peak / 1024:4.0f} MB")
    finally:
        shutil.rmtree(work)


def _mean_kb(folder: Path) -> float:
    sizes = [path.stat().st_size for path in folder.iterdir()]
    return sum(sizes) / len(sizes) / 1024


if __name__ == "__main__":
    main()
