"""Where the time of validating a folder goes, phase by phase, in one process.

    python benchmarks/validate_phases.py [--questionnaire business_survey] [--files 1000]
                                         [--repeat 7] [--folder DIR] [--profile]

Generates the files `validate_bench.py` generates (or reads `--folder`), then times, in this
process and with the garbage collector set as the `msqschema` program sets it, each phase of
`msqschema validate` on all of them: reading the bytes, libyaml's parser events alone (the
least that reading them as YAML can cost), reading them as YAML into responses, the fast check
of the schema, the rules (`check_rules`), and the whole validation of the read
responses (fast check, explanation of what it refuses, rules, problems written). Fastest of
`--repeat` rounds, in milliseconds for all the files. Also the CPU time of importing what
`validate` imports, in a fresh process (median of `--repeat` processes). `--profile`: then
where the rules' time goes (cProfile of `check_rules` on all the files, the functions that
take most time of their own).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from validate_bench import QUESTIONNAIRES, generate  # noqa: E402

_IMPORTS = """
import gc, time
gc.set_threshold(70_000, *gc.get_threshold()[1:])
start = time.process_time()
import msqschema.cli.validate, msqschema.responses.batch, msqschema.questionnaire.stored
print((time.process_time() - start) * 1000)
"""


def fastest(action: Callable[[], Any], repeat: int) -> float:
    """The fastest of `repeat` runs of `action`, in milliseconds."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - start)
    return best * 1000


def _events(text: str) -> None:
    """Let libyaml's parser make every event of `text`, and do nothing with them."""
    from yaml.cyaml import CParser  # type: ignore[attr-defined]

    get_event = CParser(text).get_event
    while get_event() is not None:
        pass


def import_time(repeat: int) -> float:
    """The median CPU time of importing validate's modules in a fresh process, in ms."""
    runs = [float(subprocess.run([sys.executable, "-c", _IMPORTS], check=True,
                                 capture_output=True, text=True).stdout) for _ in range(repeat)]
    return statistics.median(runs)


def profile(action: Callable[[], Any], lines: int = 15) -> None:
    """Where `action`'s time goes: cProfile's functions by the time spent in them alone."""
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    profiler.runcall(action)
    pstats.Stats(profiler).sort_stats("tottime").print_stats(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questionnaire", choices=sorted(QUESTIONNAIRES),
                        default="business_survey")
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--folder", type=Path, help="validate these files instead")
    parser.add_argument("--profile", action="store_true", help="profile the rules")
    args = parser.parse_args()

    import gc

    gc.set_threshold(70_000, *gc.get_threshold()[1:])
    from msqschema.questionnaire.loader import load_bundled
    from msqschema.responses import validation
    from msqschema.responses.response import load_response
    from msqschema.responses.rules import check_rules

    with tempfile.TemporaryDirectory() as work:
        files = (sorted(args.folder.glob("*.yaml")) if args.folder else
                 generate(Path(work), args.files, args.questionnaire))
        questionnaire = load_bundled(args.questionnaire, for_validation=True)
        assert questionnaire is not None
        compiled = validation._compiled(questionnaire)
        validation.validate(questionnaire, load_response(files[0]))  # builds what is lazy
        responses = [load_response(file) for file in files]
        texts = [file.read_text(encoding="utf-8") for file in files]
        invalid = sum(bool(validation.validate(questionnaire, response).problems)
                      for response in responses)
        phases = {
            "read the bytes": lambda: [file.read_bytes() for file in files],
            "libyaml's events alone": lambda: [_events(text) for text in texts],
            "read as YAML (load_response)": lambda: [load_response(file) for file in files],
            "fast check": lambda: [compiled.passes(response.data) for response in responses],
            "rules": lambda: [list(check_rules(questionnaire, response.answers, compiled.ruled))
                              for response in responses],
            "validate the read responses": lambda: [validation.validate(questionnaire, response)
                                                    for response in responses],
        }
        print(f"{len(files)} files of {args.questionnaire}, {invalid} with problems; "
              f"fastest of {args.repeat} rounds, ms for all files")
        for name, action in phases.items():
            print(f"  {name:32} {fastest(action, args.repeat):8.1f}")
        if args.profile:
            profile(phases["rules"])
    print(f"  {'import (fresh process, CPU)':32} {import_time(args.repeat):8.1f}")


if __name__ == "__main__":
    main()
