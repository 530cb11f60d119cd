"""Benchmark `msqschema validate` against `check-jsonschema --schemafile` on the same files.

Generates N realistic MSQ 2020 response files (about 5 KB each; most valid, a quarter with a
typical mistake), exports the response schema with `msqschema schema`, then times both tools as
subprocesses in one run: files per second on the whole folder (msqschema in one process, and
with `-j N` worker processes), the ratio (fastest against fastest, and run by run), the wall
time on one valid and on one invalid file (medians of runs taken in turns), and the peak memory
of each run (for N files and for 4 N, to show it stays flat).

    python benchmarks/validate_bench.py                # 1,000 files, memory at 1,000 and 4,000
    python benchmarks/validate_bench.py --files 200 --repeat 1 --jobs 1
    python benchmarks/validate_bench.py --questionnaire business_survey

Both tools run with Python's bytecode cache allowed (as in any pip-installed environment), after
one warm-up run each. Nothing is timed in the test suite.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sentences import text  # noqa: E402

AGENCIES = [("Ministry of Finance", "www.minfin.example"), ("Tax Committee", "andoz.example"),
            ("Ministry of Health", "https://health.example.gov/en"),
            ("Ministry of Education and Science", "www.edu.example"),
            ("Committee for Environmental Protection", "nature.example")]
SECTORS = ["planning_development", "education", "health", "social_protection", "employment",
           "environment", "energy_water", "finance_taxation", "industry_trade"]
LONG_ANSWERS = ["national_development_strategy", "egovernment_strategy", "social_media",
                "new_technology_body", "satisfied_population", "regional_cooperation",
                "support_to_other_countries", "partnerships", "digital_literacy_indicators"]


def quoted(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def response(rng: random.Random, number: int) -> str:
    """One response file as YAML text; every fourth one has a typical mistake."""
    lines = [f"# Response {number}", "questionnaire: msq2020", "answers:",
             f"  country: Country {number}", f"  response_date: {rng.randint(1, 28):02d}.07.2019",
             "  national_portal: https://www.gov.example", "  specific_portals:",
             "    e_services: https://services.gov.example",
             "    open_government_data: data.gov.example", "  sector_agencies:"]
    for sector in rng.sample(SECTORS, 5):
        lines.append(f"    {sector}:")
        for name, url in rng.sample(AGENCIES, rng.randint(1, 2)):
            lines.append(f"      - {{name: {name}, url: {url}}}")
    for question in rng.sample(LONG_ANSWERS, 6):
        lines.append(f"  {question}: >-")
        lines.append("    " + text(rng, rng.randint(50, 100)))
    lines += ["  strategy_features:", "    selected: [implementation_plan, aligned_sdgs]",
              f"    explanation: {quoted(text(rng, 40))}",
              "  usage_statistics: 'yes'", f"  usage_statistics_published: {quoted(text(rng, 20))}",
              "  respondent:", "    name: Example Respondent", "    title: Director",
              "    email: someone@example.org"]
    if number % 4 == 3:
        lines = MISTAKES[number // 4 % len(MISTAKES)].change(lines)
    return "\n".join(lines) + "\n"


class Mistake(NamedTuple):
    """A typical mistake planted in a response, and the codes msqschema reports for it."""

    change: Callable[[list[str]], list[str]]
    codes: tuple[str, ...]


def _append(*extra: str) -> Callable[[list[str]], list[str]]:
    return lambda lines: lines + list(extra)


def _replace(pattern: str, replacement: str) -> Callable[[list[str]], list[str]]:
    return lambda lines: [re.sub(pattern, replacement, line) for line in lines]


MISTAKES = [
    Mistake(_append("  social_medai: a key with a typo"), ("V101",)),
    Mistake(_append("  satisfaction_published: " + " ".join(["word"] * 260)), ("V104",)),
    Mistake(_append("  heard_about:", "    selected: [linkedin, twitter]"), ("V103",)),
    Mistake(_append("  new_technology_strategies:", "    selected: [blockchain, other]"),
            ("V202",)),
    Mistake(_append("  ict_investment: 2.5"), ("V102",)),
    Mistake(_append("  country: Another country"), ("V106",)),
    Mistake(lambda lines: _replace(r"response_date: .*", "response_date: 31.02.2019")(
        _replace(r"url: www\.minfin\.example", "url: minfin dot example")(lines)),
        ("V105", "V105")),
    Mistake(_append("  response_basis:", "    details: {other: I was asked to answer}"),
            ("V203",)),
]
"""What every fourth file gets wrong, in turn."""


def business_response(rng: random.Random, number: int) -> str:
    """One response to the example business survey; every fourth one has a typical mistake."""
    employees = rng.randint(5, 5000)
    permanent = rng.randint(0, employees)
    fixed_term = rng.randint(0, employees - permanent)
    ticked = rng.sample(["cloud", "ai", "iot", "robots", "other_technology"], rng.randint(1, 3))
    uses_ai = "ai" in ticked
    details = {option: quoted(text(rng, words)[:90]) for option, words in
               (("ai", 8), ("other_technology", 3)) if option in ticked}
    technologies = ", ".join(ticked) + "]" + (", details: {" + ", ".join(
        f"{option}: {written}" for option, written in details.items()) + "}" if details else "")
    obstacle = rng.choice(["cost", "skills", "security", "no_obstacle", "other_obstacle"])
    if obstacle == "other_obstacle":
        obstacle = ("{selected: other_obstacle, details: {other_obstacle: "
                    f"{quoted(text(rng, 6)[:140])}}}}}")
    lines = [f"# Response {number}", "questionnaire: business_survey", "answers:",
             f"  business_name: Business {number} Ltd", f"  reference_number: '2026-{number:05d}'",
             f"  main_activity: {quoted(text(rng, 12)[:290])}",
             f"  employees: {employees}", "  employees_by_contract:",
             f"    permanent: {permanent}", f"    fixed_term: {fixed_term}",
             f"    apprentices: {employees - permanent - fixed_term}",
             f"  employees_part_time: {rng.randint(0, employees)}",
             f"  turnover: {rng.randint(10_000, 90_000_000)}",
             f"  online_sales_share: {rng.randint(0, 1000) / 10}",
             f"  hours_per_week: {rng.randint(300, 450) / 10}",
             "  sites:", *(f"    - {{town: Town {site}, staff: {rng.randint(0, employees)}, "
                           f"floor_area: {rng.randint(100, 99_999) / 10}}}"
                           for site in range(1, rng.randint(1, 3) + 1)),
             f"  technologies: {{selected: [{technologies}}}",
             f"  main_obstacle: {obstacle}",
             f"  uses_ai_in_products: '{'yes' if uses_ai else 'no'}'"]
    if uses_ai:
        lines.append(f"  ai_products: {quoted(text(rng, 60))}")
    lines += ["  contact:", "    name: Example Person", "    email: person@example.org"]
    if number % 4 == 3:
        lines = BUSINESS_MISTAKES[number // 4 % len(BUSINESS_MISTAKES)].change(lines)
    return "\n".join(lines) + "\n"


BUSINESS_MISTAKES = [
    Mistake(_replace(r"^  employees: (\d+)", r"  employees: '\1'"), ("V102",)),
    Mistake(_replace(r"^    apprentices: \d+", "    apprentices: 100000"), ("V115",)),
    Mistake(_replace(r"^  online_sales_share: .*", "  online_sales_share: 140"), ("V110",)),
    Mistake(_replace(r"^  technologies: \{selected: \[", "  technologies: {selected: [none, "),
            ("V113",)),
    Mistake(_replace(r"^  hours_per_week: .*", "  hours_per_week: 38.25"), ("V111",)),
    Mistake(lambda lines: [line for line in lines if not line.startswith("  business_name:")],
            ("V112",)),
    Mistake(_replace(r"^    - \{town: Town 1, ", "    - {"), ("V112",)),
    Mistake(_replace(r"^  main_obstacle: .*",
                     "  main_obstacle: {selected: cost, details: {other_obstacle: The rules}}"),
            ("V203",)),
]
"""What every fourth business survey file gets wrong, in turn."""

QUESTIONNAIRES = {"msq2020": response, "business_survey": business_response}
"""The questionnaires the benchmark can generate responses to."""


def generate(folder: Path, count: int, questionnaire: str = "msq2020") -> list[Path]:
    """Write `count` response files, then flush them to disk, so that the system's write-back
    does not fall into a timed run."""
    rng = random.Random(2020)
    folder.mkdir(parents=True, exist_ok=True)
    write = QUESTIONNAIRES[questionnaire]
    files = []
    for number in range(count):
        path = folder / f"response-{number:05d}.yaml"
        path.write_text(write(rng, number), encoding="utf-8")
        files.append(path)
    os.sync()
    return files


def environment() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


Run = tuple[float, int, int, str]
"""Wall seconds, peak memory (KB), exit status and standard output of one run."""

MEASURE = ("import resource, subprocess, sys, time; start = time.perf_counter(); "
           "run = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.PIPE); "
           "wall = time.perf_counter() - start; "
           "sys.stdout.write(f'{wall} {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss} "
           "{run.returncode}\\n'); sys.stderr.buffer.write(run.stdout)")


def measure(command: list[str]) -> Run:
    """Run a command once, measured."""
    done = subprocess.run([sys.executable, "-c", MEASURE, *command], capture_output=True,
                          env=environment(), check=True)
    wall, peak, status = done.stdout.decode().split()
    return float(wall), int(peak), int(status), done.stderr.decode("utf-8", "replace")


def in_turns(commands: list[list[str]], repeat: int) -> list[list[Run]]:
    """`repeat` runs of each command, taken in turns so that all see the same machine (other
    work on it slows every run down); the runs of each command, in order."""
    rounds = [[measure(command) for command in commands] for _ in range(repeat)]
    return [[round_[index] for round_ in rounds] for index in range(len(commands))]


def fastest(runs: list[Run]) -> Run:
    return min(runs, key=lambda run: run[0])


def spread(runs: list[Run]) -> str:
    walls = sorted(run[0] for run in runs)
    return f"{walls[0]:.2f}-{walls[-1]:.2f} s, median {statistics.median(walls):.2f}"


def one_file(label: str, ours: list[str], theirs: list[str], runs: int) -> None:
    """Time both tools on one file, `runs` times each in turns; print medians and fastest."""
    pairs = [(measure(ours)[0], measure(theirs)[0]) for _ in range(runs)]
    our_times, their_times = ([pair[index] * 1000 for pair in pairs] for index in (0, 1))
    our_median, their_median = statistics.median(our_times), statistics.median(their_times)
    print(f"one {label} file, {runs} runs: msqschema {our_median:.0f} ms median "
          f"({min(our_times):.0f} fastest), check-jsonschema {their_median:.0f} ms "
          f"({min(their_times):.0f}): msqschema takes {our_median / their_median:.0%} of the "
          "time")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=1000, help="files in the timed folder")
    parser.add_argument("--repeat", type=int, default=3, help="runs per timing; the best counts")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2], metavar="N",
                        help="time msqschema validate -j N for each N (0: one per CPU)")
    parser.add_argument("--one-file-runs", type=int, default=21,
                        help="runs of each tool on one valid and one invalid file")
    parser.add_argument("--keep", type=Path, help="generate the files here and keep them")
    parser.add_argument("--questionnaire", choices=list(QUESTIONNAIRES), default="msq2020",
                        help="the bundled questionnaire the responses answer")
    args = parser.parse_args()
    msqschema = shutil.which("msqschema") or sys.exit("msqschema is not installed")
    checker = shutil.which("check-jsonschema") or sys.exit("check-jsonschema is not installed")
    work = args.keep or Path(tempfile.mkdtemp(prefix="msq-bench-"))
    try:
        run(args, work, msqschema, checker)
    finally:
        if args.keep is None:
            shutil.rmtree(work)


def run(args: argparse.Namespace, work: Path, msqschema: str, checker: str) -> None:
    files = generate(work / "responses", args.files, args.questionnaire)
    sizes = [path.stat().st_size for path in files]
    schema = work / f"{args.questionnaire}.response.schema.json"
    subprocess.run([msqschema, "schema", args.questionnaire, "-o", str(schema), "--quiet"],
                   check=True, env=environment())
    ours = [[msqschema, "validate", "-j", str(jobs), str(work / "responses")]
            for jobs in args.jobs]
    theirs = [checker, "--schemafile", str(schema), *map(str, files)]
    print(f"{len(files)} files, {statistics.mean(sizes) / 1024:.1f} KB each on average; "
          f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average "
          f"{', '.join(f'{load:.1f}' for load in os.getloadavg())}")
    for command in (*ours, theirs):
        measure(command)  # warm-up: bytecode caches, file system cache

    *our_runs, their_runs = in_turns([*ours, theirs], args.repeat)
    their_wall, their_peak, their_status, _ = fastest(their_runs)
    print(f"check-jsonschema:        {len(files) / their_wall:6.0f} files/s (fastest "
          f"{their_wall:.2f} s, exit {their_status}; runs {spread(their_runs)})")
    for jobs, runs in zip(args.jobs, our_runs, strict=True):
        our_wall, _, our_status, output = fastest(runs)
        problems = [line for line in output.splitlines() if re.search(r"\]\s", line)]
        located = [line for line in problems if re.match(r"[^:]+:\d+:\d+: ", line)]
        flagged = {line.split(":", 1)[0] for line in problems}
        bad_files = len({line.split(":", 1)[0] for line in problems if ": error[" in line})
        ratios = sorted(theirs_run[0] / ours_run[0]
                        for ours_run, theirs_run in zip(runs, their_runs, strict=True))
        print(f"msqschema validate -j {jobs}: {len(files) / our_wall:6.0f} files/s (fastest "
              f"{our_wall:.2f} s, exit {our_status}; runs {spread(runs)}); {len(problems)} "
              f"problems in {bad_files} files with errors, {len(located)} with line:col; "
              f"summary: {output.splitlines()[-1]}")
        print(f"  ratio, -j {jobs}: {their_wall / our_wall:.1f} x as many files per second "
              f"(fastest against fastest); run by run, in turns: {ratios[0]:.1f}-"
              f"{ratios[-1]:.1f} x, median {statistics.median(ratios):.1f}")
    if len({run[3] for runs in our_runs for run in runs}) > 1:
        print("msqschema's output differs between runs!")

    valid = next(path for path in files if str(path) not in flagged)
    invalid = next(path for path in files if str(path) in flagged)
    for label, path in (("valid", valid), ("invalid", invalid)):
        one_file(label, [msqschema, "validate", str(path)],
                 [checker, "--schemafile", str(schema), str(path)], args.one_file_runs)

    more = generate(work / "more", args.files * 4, args.questionnaire)
    their_more = measure([checker, "--schemafile", str(schema), *map(str, more)])[1]
    print(f"peak memory (of the largest process), {len(files)} -> {len(more)} files: "
          f"check-jsonschema {their_peak / 1024:.0f} -> {their_more / 1024:.0f} MB")
    for jobs, runs in zip(args.jobs, our_runs, strict=True):
        our_more = measure([msqschema, "validate", "-j", str(jobs), str(work / "more")])[1]
        print(f"  msqschema -j {jobs} {max(run[1] for run in runs) / 1024:.0f} -> "
              f"{our_more / 1024:.0f} MB")


if __name__ == "__main__":
    main()
