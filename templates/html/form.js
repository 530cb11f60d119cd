(() => {
  "use strict";
  const form = document.getElementById("questionnaire");
  const CJK = new RegExp({{ word_pattern.cjk | tojson }}, "gu");
  const PIECES = new RegExp({{ word_pattern.pieces | tojson }}, "gu");
  const WORD = new RegExp({{ word_pattern.word | tojson }}, "u");

  /* Words as `msqschema validate` counts them: each CJK character is one word; every other run
     of non-space characters is one word when it holds a letter or a digit. */
  function countWords(text) {
    const pieces = (text.match(PIECES) || []).filter((piece) => WORD.test(piece));
    return pieces.length + (text.match(CJK) || []).length;
  }

  /* The answers typed so far, shaped as a response file: each control's name is its answer's
     dotted path (a number is a record row); empty fields are left out. */
  function collectAnswers(skipHidden) {
    const answers = {};
    for (const control of form.elements) {
      if (!control.name || (skipHidden && control.closest("[hidden]"))) continue;
      if ((control.type === "radio" || control.type === "checkbox") && !control.checked) continue;
      if (control.type === "checkbox" && !("boolean" in control.dataset)) {
        place(answers, control.name, control.value, true);
      } else if (control.type === "checkbox") {
        place(answers, control.name, true, false);
      } else if (control.type === "number") {
        if (!Number.isNaN(control.valueAsNumber)) place(answers, control.name, control.valueAsNumber, false);
      } else if (control.value.trim() !== "") {
        place(answers, control.name, control.value, false);
      }
    }
    return compact(answers);
  }

  function place(answers, name, value, listed) {
    const path = name.split(".").map((part) => (/^\d+$/.test(part) ? Number(part) : part));
    let target = answers;
    path.slice(0, -1).forEach((part, index) => {
      if (target[part] === undefined) target[part] = typeof path[index + 1] === "number" ? [] : {};
      target = target[part];
    });
    const last = path[path.length - 1];
    if (listed) (target[last] = target[last] || []).push(value);
    else target[last] = value;
  }

  /* Record rows left empty leave holes in their lists: close them up. */
  function compact(value) {
    if (Array.isArray(value)) return value.filter((row) => row !== undefined).map(compact);
    if (value && typeof value === "object") {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, compact(item)]));
    }
    return value;
  }

  /* Calculated questions: the sum of the numbers and of the scores of the options chosen in
     the questions they name, as people answer. */
  function calculate() {
    for (const output of form.querySelectorAll("output[data-sum]")) {
      let total = 0;
      let any = false;
      for (const name of JSON.parse(output.dataset.sum)) {
        for (const control of form.elements) {
          if (!control.name || !(control.name === name || control.name.startsWith(`${name}.`))) continue;
          if (control.type === "number" && !Number.isNaN(control.valueAsNumber)) {
            total += control.valueAsNumber;
            any = true;
          } else if ("score" in control.dataset && control.checked) {
            total += Number(control.dataset.score);
            any = true;
          }
        }
      }
      output.value = any ? String(Math.round(total * 1e9) / 1e9) : "–";
    }
    for (const output of form.querySelectorAll("output[data-total-of]")) {
      let total = 0;
      for (const control of form.elements) {
        if (control.type === "number" && control.name.startsWith(`${output.dataset.totalOf}.`)
            && !Number.isNaN(control.valueAsNumber)) total += control.valueAsNumber;
      }
      output.value = String(Math.round(total * 1e9) / 1e9);
    }
  }

  function showFollowUps() {
    const answers = collectAnswers(false);
    for (const element of form.querySelectorAll("[data-when]")) {
      element.hidden = !window.msqConditions.holds(JSON.parse(element.dataset.when), answers);
    }
  }

  /* Characters as `msqschema validate` counts them: code points, less those that join the one
     before (marks, variation selectors, skin tones, a CR before an LF), a zero-width joiner and
     the character it joins on, and the second of a flag's regional indicators. */
  const JOINING = new RegExp({{ character_pattern.joining | tojson }}, "gu");
  const FLAGS = /[\u{1F1E6}-\u{1F1FF}]+/gu;
  function countCharacters(text) {
    const flags = (text.match(FLAGS) || []).reduce((sum, run) => sum + Math.floor([...run].length / 2), 0);
    const joiners = (text.match(/\u200d/gu) || []).length;
    return [...text].length - (text.match(JOINING) || []).length - joiners - flags;
  }

  /* The texts this script writes, by plural category (Intl.PluralRules): English, unless the
     page carries its language's (#form-messages, from msqschema's catalog). */
  const MESSAGES = {
    countWords: { other: "%(count)d of %(num)d words" },
    countChars: { other: "%(count)d of %(num)d characters" },
    maxWords: { other: "Maximum %(num)d words" },
    maxChars: { other: "Maximum %(num)d characters" },
    tooMany: { other: "%(text)s: too many" },
    saved: { one: "Saved %(num)d answer to %(file)s.", other: "Saved %(num)d answers to %(file)s." },
    missing: { one: "%(num)d required answer is still missing:", other: "%(num)d required answers are still missing:" },
    cell: { other: "%(column)s, row %(row)s" },
    ...JSON.parse(document.getElementById("form-messages")?.textContent || "{}"),
  };
  const PLURALS = new Intl.PluralRules(document.documentElement.lang || "en");

  function message(name, num, values = {}) {
    const forms = MESSAGES[name];
    const text = forms[PLURALS.select(num)] ?? forms.other;
    return text.replace(/%\((\w+)\)[sd]/gu, (_, key) => String(key === "num" ? num : values[key]));
  }

  /* The live counters under a text field: its words and its characters, each with its limit. */
  const COUNTERS = [
    { limit: "maxWords", line: "limit", counted: "countWords", most: "maxWords", count: countWords },
    { limit: "maxChars", line: "chars", counted: "countChars", most: "maxChars", count: countCharacters },
  ];

  function updateCount(control) {
    for (const counter of COUNTERS) {
      const limit = Number(control.dataset[counter.limit]);
      const line = document.getElementById(`${control.id}-${counter.line}`);
      if (!limit || !line) continue;
      const count = counter.count(control.value);
      const text = count ? message(counter.counted, limit, { count }) : message(counter.most, limit);
      line.classList.toggle("over", count > limit);
      line.textContent = count > limit ? message("tooMany", limit, { text }) : text;
    }
  }

  function tableOf(button) {
    return form.querySelector(`table[data-records="${button.dataset.addRow}"]`);
  }

  /* A record table with as many rows as its question allows offers no more. */
  function full(table) {
    return Number(table.dataset.maxRows) <= table.tBodies[0].rows.length;
  }

  function addRow(button) {
    const table = tableOf(button);
    const rows = table.tBodies[0].rows;
    const row = rows[rows.length - 1].cloneNode(true);
    const index = rows.length;
    for (const input of row.querySelectorAll("input")) {
      const parts = input.name.split(".");
      parts[parts.length - 2] = String(index);
      input.name = input.id = parts.join(".");
      input.value = "";
      input.setAttribute("aria-label", input.getAttribute("aria-label").replace(/\d+$/, String(index + 1)));
    }
    table.tBodies[0].append(row);
    row.querySelector("input").focus();
    button.hidden = full(table);
  }

  /* The required answers a response still misses, as `msqschema validate` finds them (V112):
     each with the condition under which it is asked, required and unanswered (#form-required),
     listed as links to the questions, joined in the page's language. A record's required
     columns (`columns`: key and heading) are missing, while the question is asked, in each
     row given (a row with an answer) that leaves them empty: as Requirement.missing_in. */
  const REQUIRED = JSON.parse(document.getElementById("form-required")?.textContent || "[]");
  function missingIn(rule, answers) {
    const { holds, lookup, answered } = window.msqConditions;
    if (!holds(rule.test, answers)) return [];
    if (rule.columns === undefined) return [rule];
    const rows = lookup(answers, rule.path);
    const given = (row) => row !== null && typeof row === "object" && !Array.isArray(row) &&
      Object.values(row).some(answered);
    return (Array.isArray(rows) ? rows : []).flatMap((row, index) => (given(row)
      ? rule.columns.filter(([key]) => !answered(row[key])).map(([, heading]) => ({
        path: rule.path,
        label: `${rule.label} (${message("cell", index + 1, { column: heading, row: index + 1 })})`,
      }))
      : []));
  }

  function listMissing(answers) {
    const line = document.getElementById("missing-answers");
    const missing = REQUIRED.flatMap((rule) => missingIn(rule, answers));
    line.replaceChildren();
    line.hidden = missing.length === 0;
    if (line.hidden) return;
    line.append(`${message("missing", missing.length)} `);
    const names = new Intl.ListFormat(document.documentElement.lang || "en", { type: "conjunction" });
    const links = missing.map((rule) => {
      const link = document.createElement("a");
      link.href = `#q-${rule.path}`;
      link.textContent = rule.label;
      return link;
    });
    for (const part of names.formatToParts(missing.map((rule) => rule.label))) {
      line.append(part.type === "element" ? links.shift() : part.value);
    }
  }

  function save() {
    const id = form.dataset.questionnaire;
    const response = { questionnaire: id, answers: collectAnswers(true) };
    const file = new Blob([`${JSON.stringify(response, null, 2)}\n`], { type: "application/json" });
    const link = document.createElement("a");
    link.href = URL.createObjectURL(file);
    link.download = `${id}-response.json`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
    const count = Object.keys(response.answers).length;
    document.getElementById("save-status").textContent =
      message("saved", count, { file: link.download });
    listMissing(response.answers);
  }

  form.addEventListener("input", (event) => {
    if (event.target.dataset.maxWords || event.target.dataset.maxChars) updateCount(event.target);
    showFollowUps();
    calculate();
  });
  /* An exclusive option ("None of the above") and the other options of its question untick
     each other. */
  function untickOthers(box) {
    if (box.type !== "checkbox" || !box.checked || "boolean" in box.dataset) return;
    for (const other of form.querySelectorAll(`input[type="checkbox"][name="${box.name}"]`)) {
      if (other !== box && ("exclusive" in box.dataset || "exclusive" in other.dataset)) {
        other.checked = false;
      }
    }
  }

  form.addEventListener("change", (event) => {
    untickOthers(event.target);
    showFollowUps();
    calculate();
  });
  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("click", (event) => {
    if (event.target.matches("button.add-row")) addRow(event.target);
  });
  document.getElementById("save-answers").addEventListener("click", save);
  document.getElementById("actions").hidden = false;
  for (const button of form.querySelectorAll("button.add-row")) button.hidden = full(tableOf(button));
  for (const control of form.querySelectorAll("[data-max-words], [data-max-chars]")) updateCount(control);
  showFollowUps();
  calculate();
  window.msqschema = { countWords, collectAnswers };
})();
