"""The fixed texts the forms add around a questionnaire's own ("Answer:", "Save answers",
"Maximum 250 words"), in the questionnaire's language.

Templates take them from gettext (Jinja's i18n extension: `{% trans %}`, `_()`); the catalogs
are the PO files in `msqschema/render/messages/`, compiled once per process with Babel, whose
plural rules they follow (Arabic has six forms). A language without a catalog keeps English.
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Iterable
from decimal import Decimal, localcontext
from functools import cache
from io import BytesIO
from pathlib import Path
from typing import Any

from jinja2 import pass_context

from msqschema.frozen import frozen

MESSAGES_DIR = Path(__file__).resolve().parent / "messages"
"""The PO files of the fixed texts, one per language (`fr.po`, `ar.po`, `zh.po` ...)."""


def catalog_languages() -> list[str]:
    """The languages the fixed texts are translated into."""
    return sorted(path.stem for path in MESSAGES_DIR.glob("*.po"))


@cache
def messages_for(language: str) -> gettext.NullTranslations:
    """The compiled catalog of a language (`pt-BR` falls back on `pt`); English texts where
    there is none, and for entries that are untranslated or fuzzy."""
    name = language.replace("-", "_")
    for candidate in (name, name.split("_")[0]):
        path = MESSAGES_DIR / f"{candidate}.po"
        if path.is_file():
            from babel.messages.mofile import write_mo  # English, the most used, needs no Babel
            from babel.messages.pofile import read_po

            with path.open("rb") as po:
                catalog = read_po(po, locale=candidate)
            compiled = BytesIO()
            write_mo(compiled, catalog)
            compiled.seek(0)
            return gettext.GNUTranslations(compiled)
    return gettext.NullTranslations()


@frozen
class Wording:
    """The fixed texts of one language with its way of writing numbers, for code that writes
    words (number ranges, the JSON Schema's descriptions)."""

    language: str
    messages: gettext.NullTranslations

    def text(self, message: str, **values: object) -> str:
        """A catalog text in the language, its `%(name)s` placeholders filled from `values`."""
        return self.messages.gettext(message) % values

    def text_in(self, context: str, message: str, **values: object) -> str:
        """A catalog text of a message context (`msgctxt`), filled from `values`."""
        return self.messages.pgettext(context, message) % values

    def plural(self, singular: str, plural: str, num: int, **values: object) -> str:
        """The plural form of a catalog text for `num`, filled with `num` and `values`."""
        return self.messages.ngettext(singular, plural, num) % {"num": num, **values}

    def number(self, value: int | float) -> str:
        """A number as the language writes it, every digit kept: `1,234.5`, `1 234,5`."""
        from babel.numbers import format_decimal

        from msqschema.types.number import format_number

        digits = format_number(value)
        with localcontext() as exact:
            exact.prec = len(digits) + 10  # room for Babel's rounding, at any size
            return format_decimal(Decimal(digits), locale=_locale(self.language),
                                  decimal_quantization=False, numbering_system="latn")


@cache
def _locale(language: str) -> Any:
    """The Babel locale of a language code; English where Babel does not know it."""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


@cache
def wording_for(language: str) -> Wording:
    """The fixed texts and number format of a language (English texts without a catalog)."""
    return Wording(language, messages_for(language))


@pass_context
def _gettext(context: Any, message: str) -> str:
    return context["messages"].gettext(message)  # type: ignore[no-any-return]


@pass_context
def _ngettext(context: Any, singular: str, plural: str, count: int) -> str:
    return context["messages"].ngettext(singular, plural, count)  # type: ignore[no-any-return]


@pass_context
def _pgettext(context: Any, message_context: str, message: str) -> str:
    return context["messages"].pgettext(message_context, message)  # type: ignore[no-any-return]


@pass_context
def word_list(context: Any, names: Iterable[str]) -> str:
    """Questions named by id as words: `Q3, Q4 and Q5` (the separators from the catalog)."""
    questionnaire, messages = context["questionnaire"], context["messages"]
    refs = [question.ref if (question := questionnaire.question(name)) else name
            for name in names]
    if len(refs) < 2:
        return "".join(refs)
    return str(messages.pgettext("list", ", ").join(refs[:-1])
               + messages.pgettext("list", " and ") + refs[-1])


_PAGE_FIELDS = re.compile(r"(%\(pages?\)s)")


@pass_context
def page_of_pages(context: Any) -> list[str]:
    """"Page %(page)s of %(pages)s" in the catalog's words, cut into its texts and its two
    placeholders, for a template to put page number fields in their place."""
    return _PAGE_FIELDS.split(context["messages"].gettext("Page %(page)s of %(pages)s"))


SCRIPT_MESSAGES: dict[str, str | tuple[str, str]] = {
    "countWords": ("%(count)d of %(num)d word", "%(count)d of %(num)d words"),
    "countChars": ("%(count)d of %(num)d character", "%(count)d of %(num)d characters"),
    "maxWords": ("Maximum %(num)d word", "Maximum %(num)d words"),
    "maxChars": ("Maximum %(num)d character", "Maximum %(num)d characters"),
    "tooMany": ("%(text)s: too many", "%(text)s: too many"),
    "saved": ("Saved %(num)d answer to %(file)s.", "Saved %(num)d answers to %(file)s."),
    "missing": ("%(num)d required answer is still missing:",
                "%(num)d required answers are still missing:"),
    "cell": "%(column)s, row %(row)s",
}
"""The texts the HTML form's script writes (templates/html/form.js), by its names: a pair of
plural forms, or one text that has none."""


@cache
def script_messages(language: str) -> dict[str, dict[str, str]]:
    """The form script's texts in a language, each by CLDR plural category (the form picks one
    with `Intl.PluralRules`); {} where the language has no catalog (the script's English)."""
    from babel import Locale

    messages = messages_for(language)
    if type(messages) is gettext.NullTranslations:
        return {}
    rule = Locale.parse(language.replace("-", "_")).plural_form
    samples: dict[str, int] = {}
    for count in (*range(1000), 1_000_000):
        samples.setdefault(rule(count), count)
    return {name: {"other": messages.gettext(text)} if isinstance(text, str) else
            {category: messages.ngettext(*text, count) for category, count in samples.items()}
            for name, text in SCRIPT_MESSAGES.items()}


def install(environment: Any) -> None:
    """Let an environment's templates translate their fixed texts with the catalog of the
    `messages` variable of the context they render in (so one environment serves every
    language)."""
    environment.install_gettext_callables(_gettext, _ngettext, newstyle=True,
                                          pgettext=_pgettext)
    environment.globals.update(word_list=word_list, page_of_pages=page_of_pages)
