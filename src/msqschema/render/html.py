"""HTML: one self-contained page; a fillable form when blank, a document when filled."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from jinja2 import pass_context
from markupsafe import Markup as Markup_

from msqschema.render.environment import TemplateRenderer
from msqschema.render.writing import writing_of

if TYPE_CHECKING:
    from msqschema.questionnaire.markup import Markup
    from msqschema.questionnaire.model import Questionnaire


class Renderer(TemplateRenderer):
    """Renders `templates/html/form.html.j2` with HTML autoescaping."""

    format_name = "html"
    template_name = "form.html.j2"
    extension = ".html"
    options = {"autoescape": True}

    def setup(self, environment: Any) -> None:
        environment.globals["word_pattern"] = word_pattern()
        environment.globals["character_pattern"] = character_pattern()
        environment.globals["language_attributes"] = language_attributes

    def render(self, questionnaire: Questionnaire, answers: Mapping[str, Any]) -> str:
        from msqschema.render.context import build_context
        from msqschema.render.messages import script_messages

        context = build_context(questionnaire, answers)
        context["form_messages"] = script_messages(questionnaire.language)
        context["required_answers"] = required_answers(questionnaire, context["messages"])
        return str(self.template.render(context))


def required_answers(questionnaire: Questionnaire, messages: Any) -> list[dict[str, Any]]:
    """What the form's script lists as still missing when it saves: each required answer's
    question (by its answer's path, which names its element), its name on the form (its
    number, or its prompt when it has none; an option's detail beside its option's label: "9
    (Another technology)") and the condition under which `validate` finds it missing
    (msqschema.responses.requirements); a record's required columns (key and heading) are
    missing in each row given that leaves them empty: the script names the row ("8 (Town, row
    2)")."""
    from msqschema.conditions import to_data
    from msqschema.render.condition_lines import FormNames
    from msqschema.responses.requirements import unanswered_conditions

    names = FormNames(questionnaire, messages)

    def label(path: str, part: Markup | None) -> str:
        name = names.question_name(path)
        return f"{name} ({part.plain().rstrip(': ')})" if part else name

    return [{"path": required.question_path, "test": to_data(required.missing),
             "label": label(required.question_path, required.part),
             **({"columns": required.columns} if required.columns else {})}
            for required in unanswered_conditions(questionnaire)]


@pass_context
def language_attributes(context: Any, text: Any) -> Markup_:
    """` lang="en"` for a text in another language than the page's (a translation's fallback),
    with its `dir` where that differs from the page's; nothing for the page's own texts."""
    language = getattr(text, "language", None)
    if not language:
        return Markup_("")
    writing = writing_of(language)
    if writing.rtl == context["writing"].rtl:
        return Markup_(' lang="{}"').format(language)
    return Markup_(' lang="{}" dir="{}"').format(language, writing.direction)


def character_pattern() -> dict[str, str]:
    """The character counting rule of `msqschema.responses.wordcount`: `joining` matches (flags
    `gu`) what does not count as a character of its own."""
    from msqschema.responses.wordcount import joining

    return {"joining": joining().pattern}


def word_pattern() -> dict[str, str]:
    """The word counting rule of `msqschema.responses.wordcount`, as JavaScript regular expressions.

    Each match of `cjk` (flags `gu`) is a word; so is each match of `pieces` (runs of other
    non-space characters) in which `word` matches. Whitespace is Python's, so that the form's
    counter and `msqschema validate` agree on every text.
    """
    from msqschema.responses.wordcount import CJK_RANGES

    cjk = "".join(f"\\u{{{first:X}}}-\\u{{{last:X}}}" for first, last, _ in CJK_RANGES)
    space = "".join(f"\\u{{{ord(char):X}}}" for char in map(chr, range(0x3001)) if char.isspace())
    return {"cjk": f"[{cjk}]", "pieces": f"[^{space}{cjk}]+", "word": "[\\p{L}\\p{N}]"}
