"""A questionnaire in another language: its PO file found beside it (or in a folder given),
checked, and applied to the model, which keeps its ids and structure."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.catalog import Catalog

from msqschema import problems as codes
from msqschema.i18n.catalogs import read_catalog
from msqschema.i18n.check import INCOMPLETE_CODES, check_translation
from msqschema.i18n.texts import SourceText, map_texts, source_texts
from msqschema.problems import InputError, LoadError
from msqschema.questionnaire.markup import ForeignText, Markup
from msqschema.questionnaire.model import Questionnaire

LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(?:[_-][A-Za-z0-9]{2,8})*")
"""A language code as PO files are named: ``fr``, ``ar``, ``zh``, ``zh_Hant``, ``pt-BR``."""


class TranslationError(LoadError):
    """A translation cannot be used; `problems` says every reason, at its line of the PO file."""


def translations_dir(questionnaire_file: Path) -> Path:
    """The folder of a questionnaire's translations: beside it, named after it
    (``questionnaires/msq2020.yaml`` -> ``questionnaires/msq2020/``)."""
    return questionnaire_file.with_suffix("")


def available_languages(folder: Path) -> list[str]:
    """The language codes of the PO files in a folder."""
    return sorted(path.stem for path in folder.glob("*.po"))


def po_path(folder: Path, language: str) -> Path:
    """Where the PO file of a language is in a folder of translations (``pt-BR`` -> pt_BR.po)."""
    return folder / f"{language.replace('-', '_')}.po"


def translation_file(questionnaire_file: Path, language: str, folder: Path | None = None
                     ) -> Path:
    """The PO file translating a questionnaire into `language`; `InputError` if there is none."""
    folder = folder or translations_dir(questionnaire_file)
    path = po_path(folder, language)
    if not LANGUAGE_CODE.fullmatch(language):
        reason = f"{language!r} is not a language code (such as fr, ar, zh)"
    elif path.is_file():
        return path
    else:
        reason = (f"no translation into {language!r} (available in {folder}: "
                  f"{', '.join(available_languages(folder)) or 'none'})")
    raise InputError(codes.make_problem(codes.UNREADABLE, file=str(path), reason=reason))


def translate(questionnaire: Questionnaire, catalog: Catalog, language: str, file: str, *,
              fallback: bool = False) -> Questionnaire:
    """The questionnaire with the catalog's translations.

    Raises `TranslationError` for entries that break their text's structure, and for texts
    without a usable translation unless `fallback` keeps their source text (marked with the
    questionnaire's language, for the forms to say so).
    """
    checked = check_translation(source_texts(questionnaire), catalog, file)
    blocking = tuple(problem for problem in checked.problems
                     if problem.code != codes.OBSOLETE_ENTRY.code
                     and not (fallback and problem.code in INCOMPLETE_CODES))
    if blocking:
        raise TranslationError(blocking)
    source_language = questionnaire.language

    def translated(text: SourceText) -> str | Markup:
        found = checked.translations.get(text.context)
        if found is not None:
            return found
        if text.markup is None:
            return ForeignText(text.source, source_language)
        return Markup(text.source, source_language)

    return map_texts(questionnaire, translated, language=language)


def load_translated(questionnaire: Questionnaire, questionnaire_file: Path, language: str, *,
                    folder: Path | None = None, fallback: bool = False) -> Questionnaire:
    """A loaded questionnaire translated with its PO file for `language` (see `translate`);
    in its own language, without such a file, the questionnaire itself."""
    folder = folder or translations_dir(questionnaire_file)
    if language == questionnaire.language and not po_path(folder, language).is_file():
        return questionnaire
    path = translation_file(questionnaire_file, language, folder)
    return translate(questionnaire, read_catalog(path), language, str(path), fallback=fallback)
