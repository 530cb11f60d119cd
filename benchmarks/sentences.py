"""A bank of plausible sentences about e-government, and made-up texts drawn from it: the long
answers of the benchmarks' synthetic responses (validate_bench.py, demo_responses.py)."""

from __future__ import annotations

import random

SENTENCES = [
    "The national portal offers more than 300 e-services to citizens and businesses.",
    "A single sign-on based on the national electronic identity is used by every ministry.",
    "The ministry in charge of digital development coordinates the e-government programme.",
    "Usage statistics are collected monthly and published on the open data portal.",
    "Each agency publishes its open data sets in machine-readable formats under an open licence.",
    "Citizens can follow the status of their applications online and by SMS.",
    "The strategy for 2020-2030 gives priority to digital-first and once-only principles.",
    "About a third of the civil servants received training in digital skills last year.",
    "Public consultations on draft laws are held on the e-participation portal.",
    "Regional centres help people without Internet access to use the online services.",
    "Guidelines for the use of social media by officials were adopted in 2018.",
    "The procurement portal publishes every tender and contract award since 2016.",
    "A working group studies the use of artificial intelligence and blockchain in government.",
    "Mobile applications give access to tax declarations, health records and school results.",
    "Cooperation with neighbouring countries covers interoperability and cross-border services.",
    "Surveys of user satisfaction are carried out every year by an independent institute.",
]


def text(rng: random.Random, words: int) -> str:
    """Sentences drawn from the bank until they hold at least `words` words."""
    out: list[str] = []
    while sum(len(sentence.split()) for sentence in out) < words:
        out.append(rng.choice(SENTENCES))
    return " ".join(out)
