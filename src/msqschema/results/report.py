"""`msqschema.report`: one self-contained HTML page summing up the valid responses of a
collection, question by question, with charts."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from msqschema.frozen import frozen
from msqschema.questionnaire.model import Question, Questionnaire
from msqschema.resources import DEFAULT_QUESTIONNAIRE
from msqschema.responses.files import response_files
from msqschema.results.collection import Collected, Tally, collect
from msqschema.results.formats import EXTRA, ResultsError
from msqschema.results.output import Outputs, check_target
from msqschema.results.summaries import Summary, summary_of

TEMPLATE = "report.html.j2"


@frozen
class LeftOut:
    """A file the report leaves out, and why."""

    file: str
    errors: int
    first: str


@dataclass
class Reported:
    """What a report read: the files, and those it left out."""

    tally: Tally = field(default_factory=Tally)
    left_out: list[LeftOut] = field(default_factory=list)


@dataclass
class Part:
    """A part of the page: the header questions, or a section with its numeral."""

    numeral: str
    title: str
    summaries: list[Summary]


def respondent_question(questionnaire: Questionnaire) -> Question | None:
    """The question that names a respondent in the report: the first one-line text of the
    header (the MSQ 2020's Country)."""
    return next((question for question in questionnaire.header if question.type == "text"), None)


def parts(questionnaire: Questionnaire) -> list[Part]:
    """The page's parts, each with an empty summary of every question it holds."""
    def summaries(questions: Iterable[Question]) -> list[Summary]:
        return [summary_of(question, (question.id,)) for question in questions
                if question.answerable]

    found = [Part("", "About the responses", summaries(questionnaire.header))]
    found += [Part(section.numeral, " ".join(section.title.plain().split()),
                   summaries(section.questions)) for section in questionnaire.sections]
    return [part for part in found if part.summaries]


def _every(found: list[Part]) -> Iterator[Summary]:
    for part in found:
        yield from part.summaries


def report(
    paths: Iterable[str | Path],
    output: str | Path,
    *,
    questionnaire: Questionnaire | str | Path = DEFAULT_QUESTIONNAIRE,
    on_file: Callable[[Collected], None] | None = None,
) -> Reported:
    """Validate every response file of `paths` and write the report of the valid ones to
    `output`, a self-contained HTML page (charts inline, nothing fetched). The same
    responses give the same bytes. Nothing is written unless all of it is."""
    from msqschema.render.environment import make_environment

    _need_plotting()
    if not isinstance(questionnaire, Questionnaire):
        from msqschema.questionnaire.loader import load_questionnaire

        questionnaire = load_questionnaire(questionnaire)
    target = Path(output)
    check_target(target)
    template = make_environment("report", None, autoescape=True).get_template(TEMPLATE)
    found, done = parts(questionnaire), Reported()
    respondent = respondent_question(questionnaire)
    with Outputs() as outputs:
        page = outputs.new(target)
        try:
            for collected in collect(questionnaire, response_files(map(str, paths))):
                done.tally.add(collected)
                if on_file is not None:
                    on_file(collected)
                if not collected.valid:
                    done.left_out.append(_left_out(collected))
                    continue
                who = _who(collected, respondent)
                for summary in _every(found):
                    summary.add(collected.answers, who)
            with page.open("w", encoding="utf-8") as stream:
                stream.writelines(template.generate(
                    questionnaire=questionnaire, tally=done.tally, parts=found,
                    left_out=done.left_out))
        finally:
            for summary in _every(found):
                summary.close()
        outputs.commit()
    return done


def _need_plotting() -> None:
    """ResultsError naming the extra, before any work, if matplotlib is missing."""
    from importlib.util import find_spec

    if find_spec("matplotlib") is None:
        raise ResultsError(f"the report needs the matplotlib package: {EXTRA}")


def _left_out(collected: Collected) -> LeftOut:
    from msqschema.reporters import text_line

    errors = collected.report.errors
    return LeftOut(collected.file, len(errors), text_line(errors[0]) if errors else "")


def _who(collected: Collected, respondent: Question | None) -> str:
    value = collected.answers.get(respondent.id) if respondent else None
    return value if isinstance(value, str) and value.strip() else Path(collected.file).stem

