"""Time the Word form: the blank DOCX, then 193 filled ones (generated responses) in one process,
beside pandoc turning the same filled forms, rendered to Markdown, into DOCX one by one.

    python benchmarks/docx_bench.py [--count 193] [--seed 2020] [--keep FOLDER] [--no-pandoc]

Prints the time per document (median and mean) for each way. The responses are random but
repeatable (seeded): realistic answers to every question type, about a quarter left unanswered.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from msqschema import load_questionnaire
from msqschema.questionnaire.model import Question, Questionnaire
from msqschema.render import render
from msqschema.types import ChoiceQuestion

WORDS = (
    "government", "digital", "services", "portal", "citizens", "national", "strategy", "ministry",
    "data", "online", "agency", "public", "access", "platform", "development", "information",
    "policy", "open", "law", "local", "users", "survey", "e-government", "cooperation",
    "regional", "ICT", "programme", "framework", "support", "official", "training",
    "infrastructure", "security", "identity", "investment", "indicators", "satisfaction",
)


def sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def paragraphs(rng: random.Random, limit: int | None) -> str:
    """One to three paragraphs, within the word limit."""
    budget = min(limit or 120, rng.choice((8, 30, 80, 200)))
    parts, used = [], 0
    while used < budget and len(parts) < 3:
        count = min(budget - used, rng.randint(6, 60))
        parts.append(" ".join(sentence(rng, max(3, count // 3)) for _ in range(3)))
        used += count
    return "\n\n".join(parts)


def answer(question: Question, rng: random.Random) -> Any:
    """A plausible answer to one question."""
    kind = question.type
    if kind in ("text", "date"):
        return rng.choice(("31.07.2019", "2019-08-15")) if kind == "date" else sentence(rng, 3)
    if kind == "url":
        return f"https://www.{rng.choice(WORDS)}.gov.example/{rng.choice(WORDS)}"
    if kind == "long_text":
        return paragraphs(rng, getattr(question, "max_words", None))
    if kind == "yes_no":
        return rng.choice(("yes", "no"))
    if kind == "consent":
        return rng.random() < 0.8
    if isinstance(question, ChoiceQuestion):
        picked = rng.sample([option.id for option in question.options],
                            rng.randint(1, min(4, len(question.options))))
        if not question.multiple:
            return picked[0]
        result: dict[str, Any] = {"selected": picked}
        details = {option.id: sentence(rng, 5) for option in question.detailed_options
                   if option.id in picked}
        if details:
            result["details"] = details
        if question.explanation:
            result["explanation"] = paragraphs(rng, question.explanation.max_words)
        return result
    if kind == "group":
        return {item.id: answer(item, rng) for item in question.items if rng.random() < 0.8}
    if kind == "records":
        return [{"name": f"Ministry of {rng.choice(WORDS).title()} and {rng.choice(WORDS).title()}",
                 "url": f"www.{rng.choice(WORDS)}.gov.example"} for _ in range(rng.randint(0, 3))]
    if kind == "contact":
        values = {"name": "Example Respondent", "title": "Director",
                  "organization": f"Ministry of {rng.choice(WORDS).title()}",
                  "email": "respondent@example.org", "phone": "+1 212 555 0100"}
        return {field.id: values[field.id] for field in question.fields}
    return None


def responses(questionnaire: Questionnaire, count: int, seed: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    made = []
    for index in range(count):
        answers = {question.id: answer(question, rng) for question in questionnaire.questions()
                   if question.answerable and rng.random() < 0.75}
        answers["country"] = f"Member State {index + 1}"
        made.append({"questionnaire": questionnaire.id, "answers": answers})
    return made


def summary(label: str, seconds: list[float]) -> str:
    median, mean = statistics.median(seconds) * 1000, statistics.fmean(seconds) * 1000
    return (f"{label:<44} {len(seconds):>4} docs  median {median:8.1f} ms  mean {mean:8.1f} ms"
            f"  total {sum(seconds):7.2f} s")


def timed(action: Any) -> tuple[Any, float]:
    start = time.perf_counter()
    result = action()
    return result, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=193)
    parser.add_argument("--seed", type=int, default=2020)
    parser.add_argument("--keep", type=Path, help="write the documents into this folder")
    parser.add_argument("--no-pandoc", action="store_true")
    options = parser.parse_args()
    folder = options.keep or Path(tempfile.mkdtemp(prefix="docx-bench-"))
    folder.mkdir(parents=True, exist_ok=True)

    msq = load_questionnaire("msq2020")
    filled = responses(msq, options.count, options.seed)
    blank, first = timed(lambda: render(msq, "docx"))
    (folder / "blank.docx").write_bytes(blank)
    _, blank_warm = timed(lambda: render(msq, "docx"))
    print(f"blank DOCX: first {first * 1000:.1f} ms (builds the templates), then "
          f"{blank_warm * 1000:.1f} ms; {len(blank):,} bytes")

    ours, sizes = [], []
    for index, response in enumerate(filled):
        data, seconds = timed(lambda response=response: render(msq, "docx", response))
        (folder / f"filled-{index:03}.docx").write_bytes(data)
        ours.append(seconds)
        sizes.append(len(data))
    print(summary("msqschema render docx (filled)", ours)
          + f"  {statistics.fmean(sizes) / 1024:.0f} KiB each")

    if options.no_pandoc or shutil.which("pandoc") is None:
        print("pandoc: skipped" + ("" if options.no_pandoc else " (not installed)"))
        return
    markdown, pandoc = [], []
    for index, response in enumerate(filled):
        text, seconds = timed(lambda response=response: render(msq, "md", response))
        markdown.append(seconds)
        source = folder / f"filled-{index:03}.md"
        source.write_text(text, encoding="utf-8")
        _, seconds = timed(lambda source=source: subprocess.run(
            ["pandoc", "-f", "markdown", "-t", "docx",
             "-o", str(source.with_suffix(".pandoc.docx")), str(source)], check=True))
        pandoc.append(seconds)
    print(summary("msqschema render md", markdown))
    print(summary("pandoc md -> docx (one process per doc)", pandoc))
    both = [a + b for a, b in zip(markdown, pandoc, strict=True)]
    print(summary("md + pandoc", both))
    ratio = statistics.median(both) / statistics.median(ours)
    print(f"Markdown + pandoc / msqschema docx, median: {ratio:.1f}x")
    print(f"documents in {folder}", file=sys.stderr)


if __name__ == "__main__":
    main()
