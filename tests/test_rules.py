"""The response rules' plan: what `ruled_questions` decides once per questionnaire, and the
compiled conditions it evaluates (see also the V112/V201 properties in
test_questionnaire_properties.py)."""

from __future__ import annotations

import pickle

from msqschema import load_questionnaire, validate
from msqschema.conditions import Comparison, evaluator, holds
from msqschema.responses.rules import check_rules, ruled_questions

BUSINESS = load_questionnaire("business_survey")


def plan(questionnaire):
    """Each rule's path, and what it checks: its condition, its requirement, its type's
    findings, and its sub-items' rules."""
    def entry(rule):
        return (rule.path[1:], rule.when is not None,
                "always" if rule.required else "if" if rule.required_when else "",
                rule.findings is not None, [entry(item) for item in rule.items])
    return [entry(rule) for rule in ruled_questions(questionnaire)]


def test_the_plan_holds_only_what_can_find_something():
    """Questions that are neither conditional nor required and whose type finds nothing in
    their answers (reference_number, online_sales_share, hours_per_week, main_obstacle's
    details aside) are left out; so are a group's items that no rule applies to."""
    assert plan(BUSINESS) == [
        (("business_name",), False, "always", False, []),
        (("main_activity",), False, "always", False, []),
        (("employees",), False, "always", False, []),
        (("employees_by_contract",), False, "", True, []),  # its total
        (("employees_part_time",), False, "if", True, []),  # max: employees
        (("turnover",), False, "always", False, []),
        (("sites",), False, "", True, []),  # required columns
        (("technologies",), False, "always", True, []),  # details
        (("main_obstacle",), False, "", True, []),  # a detail
        (("support_wanted",), True, "", False, []),
        (("uses_ai_in_products",), False, "always", False, []),
        (("ai_products",), True, "always", False, []),
        (("sells_on_marketplaces",), True, "", False, []),  # the section's condition
        (("online_sales_abroad_share",), True, "", False, []),
        (("contact",), False, "always", False, []),
    ]


def test_a_record_checks_only_its_required_columns_and_those_with_rules():
    sites = BUSINESS.question("sites")
    assert [(column.id, column.required, column.ruled) for column in sites.ruled_columns] == [
        ("town", True, False), ("staff", True, True)]  # floor_area: neither


def test_the_findings_come_in_the_order_of_the_questions_and_their_parts():
    answers = {"employees": 3, "employees_by_contract": {"permanent": 1},
               "employees_part_time": 5, "sites": [{"staff": 4}], "technologies": None,
               "sells_on_marketplaces": "yes"}
    found = [(finding.code.code, finding.path[1:])
             for finding in check_rules(BUSINESS, answers, ruled_questions(BUSINESS))]
    assert found == [
        ("V112", ("business_name",)), ("V112", ("main_activity",)),
        ("V115", ("employees_by_contract",)), ("V110", ("employees_part_time",)),
        ("V112", ("turnover",)), ("V112", ("sites", 0)), ("V110", ("sites", 0, "staff")),
        ("V112", ("technologies",)), ("V112", ("uses_ai_in_products",)),
        ("V201", ("sells_on_marketplaces",)), ("V112", ("contact",))]


def test_a_compiled_condition_is_the_evaluator():
    condition = Comparison("a.b", "in", ("x", 1))
    compiled = evaluator(condition)
    for answers in ({"a": {"b": "x"}}, {"a": {"b": {"selected": "x"}}}, {"a": {"b": 1.0}},
                    {"a": {"b": True}}, {"a": "x"}, {}, {"a": {"b": "1"}}):
        assert compiled(answers) is holds(condition, answers)


def test_a_questionnaire_whose_conditions_were_evaluated_can_still_be_stored():
    """The stored model (questionnaire.stored) is a pickle: the conditions' compiled
    evaluators are left out of it, and compiled again when first needed."""
    report = validate(BUSINESS, b"questionnaire: business_survey\nanswers:\n"
                                b"  uses_ai_in_products: 'yes'\n  online_sales_share: 5\n")
    assert "V112" in [problem.code for problem in report.problems]
    stored = pickle.loads(pickle.dumps(BUSINESS))
    assert stored == BUSINESS
    when = stored.question("ai_products").when
    assert when.holds_in({"uses_ai_in_products": "yes"})
    assert not when.holds_in({"uses_ai_in_products": "no"})
