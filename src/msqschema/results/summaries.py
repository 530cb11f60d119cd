"""What the report says about each question, summed up as responses stream past.

Counts are kept, never the responses: memory stays flat however many files there are. The one
exception, long texts listed in full, goes to a temporary file and is read back while the page
is written.
"""

from __future__ import annotations

import datetime
import json
import tempfile
from collections import Counter
from collections.abc import Iterator
from typing import IO, Any

from msqschema.conditions import answered
from msqschema.questionnaire.model import Question
from msqschema.responses.wordcount import count_words
from msqschema.results.columns import (
    Field,
    Path,
    Style,
    as_date,
    as_number,
    columns_of,
    row_count,
    selected,
    wording,
)
from msqschema.types import GroupQuestion


def _at(answers: Any, path: Path) -> Any:
    for key in path:
        answers = answers.get(key) if isinstance(answers, dict) else None
    return answers


def spread(counts: Counter[Any]) -> tuple[Any, Any, Any] | None:
    """The minimum, median (the lower one of an even count) and maximum of counted values."""
    if not counts:
        return None
    values = sorted(counts)
    middle, seen = (sum(counts.values()) - 1) // 2, 0
    median = values[-1]
    for value in values:
        seen += counts[value]
        if seen > middle:
            median = value
            break
    return values[0], median, values[-1]


class Summary:
    """A question's answers, summed up: how many answered, and what the kind adds."""

    kind = "answered"

    def __init__(self, question: Question, path: Path) -> None:
        self.question = question
        self.path = path
        self.title = wording(question)
        self.answered = 0

    @property
    def anchor(self) -> str:
        """The id of the question's part of the page."""
        return "q-" + "-".join(self.path)

    @property
    def number(self) -> str:
        """The question's display number, if it has one ('8', '2a', 'X.1')."""
        return self.question.ref if self.question.numbered else ""

    @property
    def short(self) -> str:
        """How captions name the question: 'Q8', or its wording when it has no number."""
        return f"Q{self.number}" if self.number else self.prompt

    @property
    def prompt(self) -> str:
        """The question's wording (with its lead-in, if any), or its id in words."""
        texts = [text for text in (self.question.prompt, getattr(self.question, "lead_in", None))
                 if text is not None]
        if not texts:
            return self.question.id.replace("_", " ").capitalize()
        return " ".join(" ".join(text.plain() for text in texts).split())

    def chart(self) -> str | None:
        """The question's chart as inline SVG, if its kind has one."""
        return None

    def add(self, answers: Any, who: str) -> None:
        """Count one response's answer (`who`: the respondent, as the report names them)."""
        answer = _at(answers, self.path)
        if answered(answer):
            self.answered += 1
            self.count(answer, who)

    def count(self, answer: Any, who: str) -> None:
        """What the kind keeps of an answer given."""

    def close(self) -> None:
        """Let go of what was kept aside."""


class Categories(Summary):
    """Yes/no, single choice, consent: how many gave each value."""

    kind = "categories"

    def __init__(self, question: Question, path: Path) -> None:
        super().__init__(question, path)
        self.field = _first(question, path)
        self.categories = self.field.categories
        self.counts: Counter[Any] = Counter()

    def count(self, answer: Any, who: str) -> None:
        self.counts[self.field.pick(answer)] += 1  # a single choice with details: its id

    def rows(self) -> list[tuple[str, int]]:
        """Each category's label and count, in the questionnaire's order."""
        return [(" ".join(label.split()), self.counts[value]) for value, label in self.categories]

    def chart(self) -> str | None:
        from msqschema.results.charts import bar_chart

        rows = self.rows()
        shares = ", ".join(f"{label}: {count}" for label, count in rows)
        return bar_chart([label for label, _ in rows], [count for _, count in rows],
                         self.answered, prefix=self.anchor,
                         title=f"Bar chart of the answers to {self.title} ({shares}; "
                               f"{self.answered} answered)")


class Choices(Categories):
    """Multiple choice: how many ticked each option."""

    kind = "choices"

    def count(self, answer: Any, who: str) -> None:
        self.counts.update(selected(answer) or ())

    def add(self, answers: Any, who: str) -> None:
        answer = _at(answers, self.path)
        if selected(answer):  # an explanation alone ticks nothing
            self.answered += 1
            self.count(answer, who)


class Dates(Summary):
    """Dates: how many fell in each period, and the first, middle and last."""

    kind = "dates"

    def __init__(self, question: Question, path: Path) -> None:
        super().__init__(question, path)
        self.dates: Counter[datetime.date] = Counter()

    def count(self, answer: Any, who: str) -> None:
        date = as_date(answer)
        if date is not None:
            self.dates[date] += 1

    def periods(self) -> list[tuple[str, int]]:
        """Counts by day (within a month), by week (within half a year), else by month."""
        if not self.dates:
            return []
        first, last = min(self.dates), max(self.dates)
        days = (last - first).days
        if days <= 31:
            step, start = 1, first
        elif days <= 183:
            step, start = 7, first - datetime.timedelta(days=first.weekday())
        else:
            months: Counter[str] = Counter(f"{d:%Y-%m}" for d in self.dates.elements())
            return [(month, months[month]) for month in _months(first, last)]
        bins: list[tuple[str, int]] = []
        day = start
        while day <= last:
            end = day + datetime.timedelta(days=step)
            label = f"{day:%d %b}" if step == 1 else f"week of {day:%d %b}"
            bins.append((label, sum(n for d, n in self.dates.items() if day <= d < end)))
            day = end
        return bins

    def spread(self) -> tuple[Any, Any, Any] | None:
        return spread(self.dates)

    def chart(self) -> str | None:
        from msqschema.results.charts import column_chart

        periods = self.periods()
        if not periods:
            return None
        first, _, last = spread(self.dates) or (None, None, None)
        return column_chart([label for label, _ in periods], [count for _, count in periods],
                            prefix=self.anchor, axis_label="",
                            title=f"Column chart of the dates given to {self.title}, from "
                                  f"{first} to {last}, by period; the table below gives "
                                  "the numbers")


def _months(first: datetime.date, last: datetime.date) -> Iterator[str]:
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        yield f"{year:04d}-{month:02d}"
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


class Numbers(Summary):
    """Numbers: their distribution (a histogram), and the smallest, median and largest."""

    kind = "numbers"
    BINS = 10

    def __init__(self, question: Question, path: Path) -> None:
        super().__init__(question, path)
        self.values: Counter[int | float] = Counter()

    def count(self, answer: Any, who: str) -> None:
        number = as_number(answer)
        if number is not None:
            self.values[number] += 1

    def spread(self) -> tuple[Any, Any, Any] | None:
        found = spread(self.values)
        return None if found is None else tuple(map(_number, found))  # type: ignore[return-value]

    def bins(self) -> list[tuple[str, int]]:
        """Counts in up to ten ranges of equal width between the smallest and the largest."""
        if not self.values:
            return []
        low, high = min(self.values), max(self.values)
        whole = all(isinstance(value, int) for value in self.values)
        if high == low:
            return [(_number(low), sum(self.values.values()))]
        count = min(self.BINS, int(high - low) + 1) if whole else self.BINS
        width = (high - low) / count
        totals = [0] * count
        for value, times in self.values.items():
            totals[min(int((value - low) / width), count - 1)] += times
        edges = [low + width * index for index in range(count + 1)]
        return [(f"{_number(edges[index])} to {_number(edges[index + 1])}", total)
                for index, total in enumerate(totals)]

    def chart(self) -> str | None:
        from msqschema.results.charts import column_chart

        bins = self.bins()
        if not bins:
            return None
        return column_chart([label for label, _ in bins], [count for _, count in bins],
                            prefix=self.anchor, axis_label="",
                            title=f"Histogram of the answers to {self.title}: how many fell in "
                                  "each range; the table beside gives the numbers")


def _number(value: float) -> str:
    """A number as the report shows it: at most three decimals, no trailing zeros."""
    return f"{value:,.3f}".rstrip("0").rstrip(".")


class Words(Summary):
    """Long texts: their word counts, and every answer with who gave it (kept in a file)."""

    kind = "words"

    def __init__(self, question: Question, path: Path) -> None:
        super().__init__(question, path)
        self.words: Counter[int] = Counter()
        self.spool: IO[str] = tempfile.TemporaryFile(  # noqa: SIM115 -- closed by close()
            "w+", encoding="utf-8")

    def count(self, answer: Any, who: str) -> None:
        text = answer if isinstance(answer, str) else json.dumps(answer, ensure_ascii=False)
        self.words[count_words(text)] += 1
        self.spool.write(json.dumps([who, text], ensure_ascii=False) + "\n")

    def spread(self) -> tuple[Any, Any, Any] | None:
        return spread(self.words)

    def answers(self) -> Iterator[tuple[str, str]]:
        """Every answer and who gave it, in the order read."""
        self.spool.seek(0)
        for line in self.spool:
            who, text = json.loads(line)
            yield who, text

    def close(self) -> None:
        self.spool.close()


class Rows(Summary):
    """Records: how many rows each response gave."""

    kind = "rows"

    def __init__(self, question: Question, path: Path) -> None:
        super().__init__(question, path)
        self.rows: Counter[int] = Counter()

    def count(self, answer: Any, who: str) -> None:
        self.rows[row_count(answer) or 0] += 1

    @property
    def total(self) -> int:
        return sum(rows * times for rows, times in self.rows.items())

    def spread(self) -> tuple[Any, Any, Any] | None:
        return spread(self.rows)


class Items(Summary):
    """A group: how many answered any item, and each item summed up."""

    kind = "items"

    def __init__(self, question: GroupQuestion, path: Path) -> None:
        super().__init__(question, path)
        self.items = [summary_of(item, (*path, item.id))
                      for item in question.items if item.answerable]

    def add(self, answers: Any, who: str) -> None:
        super().add(answers, who)
        for item in self.items:
            item.add(answers, who)

    def close(self) -> None:
        for item in self.items:
            item.close()


def _first(question: Question, path: Path) -> Field:
    return columns_of(question, path, Style("list")).fields[0]


SUMMARIES: dict[str, type[Summary]] = {
    summary.kind: summary
    for summary in (Summary, Categories, Choices, Dates, Numbers, Words, Rows, Items)}
"""Each kind of summary a question type's entry names (`QuestionType.summary`)."""


def summary_of(question: Question, path: Path) -> Summary:
    """An empty summary of one question's answers."""
    from msqschema.types import TYPES

    return SUMMARIES[TYPES[question.type].summary](question, path)
