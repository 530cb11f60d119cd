"""Validate many response files, in this process or in worker processes, in the files' order.

Workers are forked after the first file was validated here, so each starts with the
questionnaire already loaded and compiled. At most a few chunks of files are in flight at
once, so memory does not grow with the number of files.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, NamedTuple

from msqschema.problems import DEFAULT_MAX_PROBLEMS, InputError, LoadError, Problem, Report
from msqschema.questionnaire.model import Questionnaire
from msqschema.responses.response import STDIN
from msqschema.responses.validation import validate

if TYPE_CHECKING:
    from concurrent.futures import Future

CHUNK = 32
"""Files a worker validates per task (fewer when that would leave a worker idle)."""
IN_FLIGHT = 4
"""Chunks handed out per worker ahead of the one whose reports are being read."""


class Checked(NamedTuple):
    """One file's report; `unreadable`: the file could not be read (its one problem says why)."""

    file: str
    report: Report
    unreadable: bool


class WorkerLost(Exception):
    """A worker process stopped before it reported (killed, out of memory)."""

    def __str__(self) -> str:
        return ("a worker process stopped before it reported (killed, or out of memory?); "
                "the reports above are complete, run again with -j 1 for the rest")


class _Broken(NamedTuple):
    """A questionnaire that could not be loaded, carried back from a worker."""

    problems: tuple[Problem, ...]


def cpu_count() -> int:
    """The CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    """Whether worker processes can be forked here (not on Windows)."""
    import multiprocessing  # only runs with workers import it (a tenth of a validate's start)

    return "fork" in multiprocessing.get_all_start_methods()


def validate_files(questionnaire: Questionnaire | None, files: Sequence[str], *,
                   max_problems: int = DEFAULT_MAX_PROBLEMS, jobs: int = 1) -> Iterator[Checked]:
    """Each file's report, in the order of `files` (`-`: standard input), checked against
    `questionnaire` (None: the bundled one each response names); `jobs` worker processes (1:
    this process only; a run that reads standard input or has few files stays in it).

    Raises `LoadError` when a questionnaire is broken, after the reports of the files before,
    and `WorkerLost` when a worker process dies (never waits for it forever).
    """
    if not files:
        return
    yield _raise_broken(_check(questionnaire, files[0], max_problems))
    rest = files[1:]
    # a worker's standard input is empty: a run that reads it stays in this process
    jobs = min(jobs, -(-len(rest) // CHUNK))
    jobs = jobs if jobs > 1 and STDIN not in rest and can_fork() else 1
    if jobs <= 1:
        for file in rest:
            yield _raise_broken(_check(questionnaire, file, max_problems))
        return
    yield from _in_workers(questionnaire, rest, max_problems, jobs)


def _in_workers(questionnaire: Questionnaire | None, files: Sequence[str], max_problems: int,
                jobs: int) -> Iterator[Checked]:
    size = max(1, min(CHUNK, len(files) // (jobs * IN_FLIGHT)))
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_start_worker,
                             initargs=(questionnaire, max_problems)) as pool:
        pending: deque[Future[list[Checked | _Broken]]] = deque()
        try:
            for start in range(0, len(files), size):
                pending.append(pool.submit(_check_chunk, list(files[start:start + size])))
                if len(pending) >= jobs * IN_FLIGHT:
                    yield from map(_raise_broken, pending.popleft().result())
            while pending:
                yield from map(_raise_broken, pending.popleft().result())
        except BrokenProcessPool as error:
            raise WorkerLost from error


_worker: tuple[Questionnaire | None, int] = (None, DEFAULT_MAX_PROBLEMS)
"""A worker's questionnaire and problem limit."""


def _start_worker(questionnaire: Questionnaire | None, max_problems: int) -> None:
    """Set up a worker: Ctrl-C is the parent's to handle."""
    import signal  # only workers need it

    global _worker
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker = (questionnaire, max_problems)


def _check_chunk(files: list[str]) -> list[Checked | _Broken]:
    questionnaire, max_problems = _worker
    return [_check(questionnaire, file, max_problems) for file in files]


def _check(questionnaire: Questionnaire | None, file: str, max_problems: int
           ) -> Checked | _Broken:
    try:
        return Checked(file, validate(questionnaire, file, max_problems=max_problems), False)
    except InputError as error:
        return Checked(file, Report(error.problem.file, (error.problem,)), True)
    except LoadError as error:
        return _Broken(error.problems)


def _raise_broken(outcome: Checked | _Broken) -> Checked:
    if isinstance(outcome, _Broken):
        raise LoadError(outcome.problems)
    return outcome
