/* Conditions in the form: the same tree and the same rules as msqschema.conditions (Python).
   A tree is plain data in its canonical spelling (msqschema.conditions.to_data):
   {answer: PATH, OPERATOR: VALUE}, {count: PATH, OPERATOR: NUMBER}, {all: [...]}, {any: [...]},
   {not: TREE}. tests/conditions/*.yaml holds the cases both must agree on. */
(() => {
  "use strict";
  /* Unicode White_Space, the set Python's conditions.answered uses (not \s, not trim()). */
  const BLANK = /^[\t\n\v\f\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$/u;
  const ISO_DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;
  const OPERATORS = ["equals", "not_equals", "in", "includes", "includes_any", "includes_all",
    "includes_none", "gt", "ge", "lt", "le", "answered"];

  const own = (object, key) => Object.prototype.hasOwnProperty.call(object, key);
  const isMapping = (value) => value !== null && typeof value === "object" && !Array.isArray(value);

  /* Whether a value counts as an answer: see conditions.answered. */
  function answered(value) {
    if (value === null || value === undefined) return false;
    if (typeof value === "string") return !BLANK.test(value);
    if (Array.isArray(value)) return value.some(answered);
    if (isMapping(value)) {
      if (own(value, "selected") && (Array.isArray(value.selected) || typeof value.selected === "string")) {
        return answered(value.selected);
      }
      return Object.values(value).some(answered);
    }
    return true;
  }

  /* The answer at a dotted path, or undefined. */
  function lookup(answers, subject) {
    let value = answers;
    for (const step of subject.split(".")) {
      if (!isMapping(value) || !own(value, step)) return undefined;
      value = value[step];
    }
    /* A single choice answered with its details is the option id. */
    if (isMapping(value) && own(value, "selected") && typeof value.selected === "string") return value.selected;
    return value;
  }

  /* The ticked options of a choice answer, or the answered rows of a list; else 0. */
  function count(value) {
    if (isMapping(value)) value = own(value, "selected") ? value.selected : undefined;
    return Array.isArray(value) ? value.filter(answered).length : 0;
  }

  /* Equal and of the same JSON kind: true is not 1, "1" is not 1. */
  function same(answer, value) {
    const kind = typeof answer;
    return (kind === "boolean" || kind === "number" || kind === "string") &&
      kind === typeof value && answer === value;
  }

  /* The options ticked: a choice answer's selected, or a list itself (a grid row of
     several ticks); else none. */
  function ticked(answer) {
    const selected = isMapping(answer) ? (own(answer, "selected") ? answer.selected : undefined)
      : answer;
    return Array.isArray(selected) ? selected : [];
  }

  const includes = (answer, value) => ticked(answer).some((item) => same(item, value));

  /* answer OPERATOR value for two numbers or two ISO dates; false for anything else. */
  function order(operator, answer, value) {
    if (operator === "equals") return same(answer, value);
    if (operator === "not_equals") return !same(answer, value);
    const numbers = typeof answer === "number" && typeof value === "number";
    const dates = typeof answer === "string" && typeof value === "string" &&
      ISO_DATE.test(answer) && ISO_DATE.test(value);
    if (!numbers && !dates) return false;
    if (operator === "gt") return answer > value;
    if (operator === "ge") return answer >= value;
    if (operator === "lt") return answer < value;
    return answer <= value;
  }

  function compare(operator, answer, value) {
    const values = Array.isArray(value) ? value : [value];
    switch (operator) {
      case "answered": return answered(answer) === value;
      case "in": return values.some((item) => same(answer, item));
      case "includes":
      case "includes_any": return values.some((item) => includes(answer, item));
      case "includes_all": return values.every((item) => includes(answer, item));
      case "includes_none": return !values.some((item) => includes(answer, item));
      default: return order(operator, answer, value);
    }
  }

  /* Whether the condition `tree` holds for `answers` (a response's answers mapping). */
  function holds(tree, answers) {
    if (own(tree, "all")) return tree.all.every((child) => holds(child, answers));
    if (own(tree, "any")) return tree.any.some((child) => holds(child, answers));
    if (own(tree, "not")) return !holds(tree.not, answers);
    const operator = OPERATORS.find((key) => own(tree, key));
    if (operator === undefined) throw new Error(`not a condition: ${JSON.stringify(tree)}`);
    if (own(tree, "count")) return order(operator, count(lookup(answers, tree.count)), tree[operator]);
    return compare(operator, lookup(answers, tree.answer), tree[operator]);
  }

  window.msqConditions = { holds, answered, count, lookup };
})();
