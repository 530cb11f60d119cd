"""How a language is written, as the output formats need it: its direction, its script, the
language tags Word wants and the East Asian font of its runs (from Babel's locale data)."""

from __future__ import annotations

from functools import cache

from msqschema.frozen import frozen

EAST_ASIAN_FONTS = {"Hans": "Microsoft YaHei", "Hant": "Microsoft JhengHei", "Jpan": "Yu Gothic",
                    "Kore": "Malgun Gothic"}
"""The sans-serif font Word offers for each East Asian script (LibreOffice substitutes one)."""


@frozen
class Writing:
    """A language's direction, script and tags; `code` is the language code given."""

    code: str
    tag: str
    script: str
    rtl: bool

    @property
    def direction(self) -> str:
        """`rtl` or `ltr`, as HTML's `dir` says it."""
        return "rtl" if self.rtl else "ltr"

    @property
    def east_asian_font(self) -> str | None:
        """The font of the language's East Asian script, None if it has none."""
        return EAST_ASIAN_FONTS.get(self.script)


COMMON = {
    "en": ("en-US", "Latn", False),
    "fr": ("fr-FR", "Latn", False),
    "ar": ("ar-EG", "Arab", True),
    "es": ("es-ES", "Latn", False),
    "ru": ("ru-RU", "Cyrl", False),
    "zh": ("zh-CN", "Hans", False),
}
"""What Babel's locale data says of English and of the languages the forms' fixed texts are
translated into (tag, script, right to left), kept here so that rendering them does not load
that data (about 15 ms a process); a test checks each entry against Babel."""


@cache
def writing_of(code: str) -> Writing:
    """How the language `code` (`ar`, `zh`, `pt-BR`) is written; a code Babel does not know is
    taken as left to right, in the Latin script."""
    if code in COMMON:
        tag, script, rtl = COMMON[code]
        return Writing(code, tag, script, rtl)
    return babel_writing(code)


def babel_writing(code: str) -> Writing:
    """How the language `code` is written, from Babel's locale data."""
    from babel import Locale, UnknownLocaleError
    from babel.core import get_global, parse_locale

    name = code.replace("-", "_")
    try:
        locale = Locale.parse(name)
    except (UnknownLocaleError, ValueError):
        return Writing(code, code, "Latn", rtl=False)
    subtags = get_global("likely_subtags")
    _, likely_territory, likely_script, *_ = parse_locale(
        subtags.get(name) or subtags.get(locale.language) or name)
    script = locale.script or likely_script or "Latn"
    territory = locale.territory or likely_territory
    tag = f"{locale.language}-{territory}" if territory else locale.language
    return Writing(code, tag, script, rtl=locale.text_direction == "rtl")
