"""Hints the command line adds to the problems of the core: the option a user needs, and a
file of the other kind (a questionnaire given as a response) said in one line."""

from __future__ import annotations

from dataclasses import replace

from msqschema import problems as codes
from msqschema.problems import Problem, Report

GIVE_QUESTIONNAIRE = "give its file with -q"
"""The hint for a questionnaire that is not bundled."""


def validation_hints(report: Report, file: str, *, questionnaire_given: bool
                     ) -> tuple[Report, bool]:
    """A response file's report with the hints of `validate`: (report, whether unreadable).

    A questionnaire given as a response (its top-level `msqschema` key is unknown to a
    response) becomes one unreadable-input problem instead of a V101 for each of its keys.
    """
    if any(problem.code == codes.ANSWER_UNKNOWN_KEY.code and problem.pointer == "/msqschema"
           for problem in report.problems):
        return Report(report.file, (codes.make_problem(
            codes.UNREADABLE, file=report.file,
            reason="this is a questionnaire file, not a response: lint it with `msqschema "
                   "lint`, or give it with -q to check responses against it"),)), True
    if questionnaire_given or not any(problem.code == codes.WRONG_QUESTIONNAIRE.code
                                      for problem in report.problems):
        return report, False
    unbundled = _unbundled_questionnaire(file)
    return replace(report, problems=tuple(
        with_hint(problem) if problem.code == codes.WRONG_QUESTIONNAIRE.code and unbundled
        else problem for problem in report.problems)), False


def with_hint(problem: Problem, hint: str = GIVE_QUESTIONNAIRE) -> Problem:
    """The problem with a hint after its message."""
    return replace(problem, message=f"{problem.message}; {hint}")


def _unbundled_questionnaire(file: str) -> bool:
    """True when a response file names, as text, a questionnaire that is not bundled."""
    from msqschema.problems import InputError
    from msqschema.resources import bundled_questionnaires
    from msqschema.responses.response import load_response

    if file == "-":
        return False
    try:
        named = load_response(file).questionnaire_id
    except InputError:
        return False
    return named is not None and named not in bundled_questionnaires()
