"""The shared conditions: the case table of tests/conditions/, a scope of every kind of answer,
and Hypothesis strategies for trees and answers (used by the Python and the browser tests)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from msqschema import conditions
from msqschema.conditions import AllOf, AnyOf, Comparison, Count, Not, Target
from msqschema.yamlio import load_yaml

CASES_DIR = Path(__file__).parent / "conditions"


def load_cases() -> list[dict[str, Any]]:
    """Every case of tests/conditions/*.yaml, read as response files are (YAML 1.2 core)."""
    cases = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        for case in load_yaml(path.read_bytes()).data:
            cases.append({**case, "file": path.name})
    return cases


CASES = load_cases()


class Scope:
    """A scope from a table of targets, as the question-type registry will give one."""

    def __init__(self, targets: dict[str, Target]) -> None:
        self.targets = targets

    def resolve(self, subject: str) -> Target | None:
        return self.targets.get(subject)

    def subjects(self) -> Iterable[str]:
        return self.targets


SCOPE = Scope({
    "country": Target(kind="text", order=1, label="Q1 country"),
    "staff": Target(kind="number", order=2, label="Q2 staff"),
    "adopted": Target(kind="date", order=3, label="Q3 adopted"),
    "has_strategy": Target(kind="choice", order=4, label="Q4 has_strategy",
                           options=("yes", "no")),
    "usage": Target(kind="choice", order=5, label="Q5 usage",
                    options=("yes", "partly", "no")),
    "technologies": Target(kind="choices", order=6, label="Q6 technologies",
                           options=("ai", "iot", "blockchain")),
    "agencies": Target(kind="records", order=7, label="Q7 agencies"),
    "portals": Target(kind="mapping", order=8, label="Q8 portals"),
    "portals.e_services": Target(kind="text", order=8, label="Q8a e_services"),
    "consent": Target(kind="consent", order=9, label="Q9 consent"),
    "note": Target(kind="none", order=10, label="note"),
    "later": Target(kind="choice", order=20, label="Q20 later", options=("yes", "no")),
})


SUBJECTS = {
    "country": st.one_of(st.none(), st.sampled_from(["", "  ", "\u3000", "x", "Tajikistan"]),
                         st.text(max_size=5)),
    "staff": st.one_of(st.none(), st.integers(-5, 5),
                       st.floats(-10, 10, allow_nan=False)),
    "adopted": st.one_of(st.none(), st.dates(datetime.date(2018, 1, 1),
                                             datetime.date(2021, 12, 31)).map(str)),
    "usage": st.one_of(st.none(), st.sampled_from(["yes", "partly", "no"])),
    "technologies": st.one_of(st.none(), st.builds(
        lambda ticks: {"selected": ticks},
        st.lists(st.sampled_from(["ai", "iot", "blockchain"]), unique=True))),
    "agencies": st.one_of(st.none(), st.lists(st.fixed_dictionaries(
        {}, optional={"name": st.sampled_from(["", "a"])}), max_size=4)),
    "consent": st.one_of(st.none(), st.booleans()),
}
VALUES = {
    "country": st.sampled_from(["", "x", "Tajikistan"]),
    "staff": st.integers(-5, 5),
    "adopted": st.dates(datetime.date(2018, 1, 1), datetime.date(2021, 12, 31)).map(str),
    "usage": st.sampled_from(["yes", "partly", "no"]),
    "technologies": st.sampled_from(["ai", "iot", "blockchain"]),
    "consent": st.booleans(),
}


@st.composite
def leaves(draw: st.DrawFn) -> conditions.Condition:
    subject = draw(st.sampled_from(sorted(SUBJECTS)))
    target = SCOPE.targets[subject]
    operator = draw(st.sampled_from(sorted(target.fitting)))
    if operator == "count":
        return Count(subject, draw(st.sampled_from(conditions.COUNT_OPERATORS)),
                     draw(st.integers(0, 4)))
    if operator == "answered":
        return Comparison(subject, "answered", draw(st.booleans()))
    values = VALUES[subject]
    if operator in ("in", "includes_any", "includes_all", "includes_none"):
        return Comparison(subject, operator,  # type: ignore[arg-type]
                          tuple(draw(st.lists(values, min_size=1, max_size=3))))
    return Comparison(subject, operator, draw(values))  # type: ignore[arg-type]


trees = st.recursive(leaves(), lambda children: st.one_of(
    st.lists(children, min_size=1, max_size=3).map(lambda items: AllOf(tuple(items))),
    st.lists(children, min_size=1, max_size=3).map(lambda items: AnyOf(tuple(items))),
    children.map(Not)), max_leaves=8)
answer_sets = st.fixed_dictionaries({}, optional=SUBJECTS)
json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-2**53, 2**53), st.floats(allow_nan=False),
              st.text(max_size=4)),
    lambda inner: st.one_of(st.lists(inner, max_size=3),
                            st.dictionaries(st.sampled_from(["selected", "a", "name"]), inner,
                                            max_size=3)), max_leaves=6)
anything = st.dictionaries(st.sampled_from([*SUBJECTS, "portals"]), json_values, max_size=4)
