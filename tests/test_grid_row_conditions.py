"""`when:` on a grid row: the model, V201 for a row answered outside its condition (once), the
three formats and the row's `when_text` as a text to translate. The lint checks are the
invalid example grid-row-conditions.yaml (test_lint)."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path
from typing import Any

import docx
import pytest

import msqschema
from msqschema.conditions import to_data
from msqschema.i18n.texts import map_texts, source_texts

GRID_ROWS = (Path(__file__).parent / "examples" / "questionnaires" / "valid" / "grid-rows.yaml")


@pytest.fixture(scope="module")
def grid_rows() -> Any:
    return msqschema.load_questionnaire(GRID_ROWS)


def problems(questionnaire: Any, answers: str) -> list[str]:
    text = f"questionnaire: {questionnaire.id}\nanswers:\n{answers}"
    report = msqschema.validate(questionnaire, text.encode())
    return [f"{p.line}:{p.column} {p.code} {p.message}" for p in report.problems]


def test_the_model_keeps_each_rows_condition_and_words(grid_rows):
    shop, website, app = grid_rows.question("ratings").rows
    assert (shop.when, shop.when_text) == (None, None)
    assert to_data(website.when.tree) == {"answer": "has_website", "equals": "yes"}
    assert (website.when.pos.line, website.when_text) == (25, None)
    assert app.when_text.plain() == "Only if the business has a website or a shop you liked."
    assert website.asked({"has_website": "yes"}) and not website.asked({"has_website": "no"})
    assert shop.asked({})


def test_a_row_answered_outside_its_condition_is_a_warning_at_its_key(grid_rows):
    assert problems(grid_rows, '  has_website: "no"\n  ratings: {shop: low, website: high}\n') == [
        "4:24 V201 row 'website' is answered although it is asked only if Q1 has_website is "
        "'yes'"]
    assert problems(grid_rows, "  ratings:\n    app: low\n") == [
        "4:5 V201 row 'app' is answered although it is asked only if you answered 'yes' to "
        "Q1 has_website or you answered 'high' to Q2 ratings.shop"]


def test_a_row_asked_or_left_unanswered_is_no_problem(grid_rows):
    assert problems(grid_rows, '  has_website: "yes"\n  ratings: {shop: low, website: high}\n'
                    ) == []
    assert problems(grid_rows, "  ratings: {shop: high, app: low, website: null}\n") == []


def test_a_row_in_a_question_not_asked_is_reported_once_by_the_question(grid_rows):
    callback = "  phone:\n    phone_ratings: {callback: high}\n"
    assert problems(grid_rows, '  sells_by_phone: "no"\n' + callback) == [
        "4:3 V201 answered although Q3 sells_by_phone is 'no' (asked only if it is 'yes')"]
    assert problems(grid_rows, '  sells_by_phone: "yes"\n' + callback) == [
        "5:21 V201 row 'callback' is answered although it is asked only if Q2 ratings.shop is "
        "'high'"]


def test_markdown_says_when_a_row_is_asked_after_its_label(grid_rows):
    markdown = msqschema.render(grid_rows, "md")
    assert ("   | The shop | [ ] | [ ] |\n"
            "   | The website *Answer only if you answered “Yes” to 1.* | [ ] | [ ] |\n"
            "   | The app *Only if the business has a website or a shop you liked.* | [ ] | [ ] |\n"
            ) in markdown
    assert "| Call-backs *Answer only if you answered “High” to 2 (The shop).* |" in markdown


def test_the_html_form_shows_a_row_by_its_condition_and_says_it(grid_rows):
    page = msqschema.render(grid_rows, "html")
    assert ('<tr role="radiogroup" aria-labelledby="ratings.shop--label">\n'
            '<th scope="row" id="ratings.shop--label">The shop</th>') in page
    assert ('<tr role="radiogroup" aria-labelledby="ratings.website--label" data-when="'
            '{&#34;answer&#34;: &#34;has_website&#34;, &#34;equals&#34;: &#34;yes&#34;}">\n'
            '<th scope="row"><span id="ratings.website--label">The website</span>\n'
            '<p class="hint condition">Answer only if you answered “Yes” to 1.</p></th>') in page
    filled = msqschema.render(grid_rows, "html", {"answers": {"ratings": {"shop": "low"}}})
    assert "data-when" not in filled.split('id="q-ratings"')[1].split("</fieldset>")[0]


def test_word_says_when_a_row_is_asked_under_its_label(grid_rows):
    document = docx.Document(BytesIO(msqschema.render(grid_rows, "docx")))  # python-docx
    cells = [[paragraph.text for paragraph in row.cells[0].paragraphs]
             for row in document.tables[0].rows]
    assert cells == [[""], ["The shop"], ["The website", "Answer only if you answered “Yes” to 1."],
                     ["The app", "Only if the business has a website or a shop you liked."]]
    assert all(run.italic for row in document.tables[0].rows[2:]
               for run in row.cells[0].paragraphs[1].runs)


def test_a_rows_when_text_is_a_text_to_translate(grid_rows):
    texts = [(text.context, text.source, text.comment) for text in source_texts(grid_rows)
             if text.context.endswith("when_text")]
    assert texts == [("sections/only/questions/ratings/rows/app/when_text",
                      "Only if the business has a website or a shop you liked.",
                      "row 'app' condition in words of Q2 ratings")]
    translated = map_texts(grid_rows, lambda text: "Seulement si ..." if text.context.endswith(
        "when_text") else text.source, language="fr")
    assert "| The app *Seulement si ...* |" in msqschema.render(translated, "md")


def test_the_response_schema_says_when_a_row_is_asked(grid_rows):
    rows = msqschema.response_schema(grid_rows)["properties"]["answers"]["properties"][
        "ratings"]["properties"]
    assert "description" not in rows["shop"]
    assert rows["website"]["description"] == "Asked only if you answered 'yes' to 'has_website'."
