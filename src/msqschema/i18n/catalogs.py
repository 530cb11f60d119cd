"""PO files through Babel: the template of a questionnaire's texts, reading, writing, merging."""

from __future__ import annotations

import re
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileError, read_po, write_po

from msqschema import problems as codes
from msqschema.frozen import frozen
from msqschema.i18n.texts import SourceText, source_texts
from msqschema.problems import InputError
from msqschema.questionnaire.loader import load_questionnaire, read_document, resolve_questionnaire
from msqschema.questionnaire.model import Questionnaire

FUZZY = "fuzzy"
MSGID_LINE = re.compile(rb"(?:#~ ?)?msgid ")
"""The line that starts an entry (or an obsolete one) of a PO file."""


def questionnaire_template(name_or_path: str | Path) -> Catalog:
    """The template (POT) of a questionnaire given by path or bundled name."""
    path = resolve_questionnaire(name_or_path)
    questionnaire = load_questionnaire(path)
    texts = source_texts(questionnaire)
    document, _ = read_document(path, str(name_or_path))
    lines = {text.context: document.value_pos(text.path).line for text in texts}
    return template_catalog(questionnaire, texts, lines, path.name)


def template_catalog(questionnaire: Questionnaire, texts: list[SourceText],
                     lines: dict[str, int], file_name: str) -> Catalog:
    """The template (POT) of a questionnaire: one entry per text, its id path as context,
    a comment saying what it is, and its source line in `file_name`."""
    catalog = Catalog(project=questionnaire.id, version=questionnaire.edition,
                      header_comment=f"# Texts of the questionnaire {questionnaire.id!r}, for "
                                     "translators.\n#", fuzzy=False)
    for text in texts:
        catalog.add(text.source, context=text.context, auto_comments=[text.comment],
                    locations=[(file_name, lines[text.context])])
    return catalog


def read_catalog(path: Path, display_name: str | None = None) -> Catalog:
    """Read a PO or POT file; unreadable or malformed input raises `InputError`."""
    name = display_name or str(path)
    try:
        data = path.read_bytes().removeprefix(b"\xef\xbb\xbf")  # a BOM, as Windows tools write
        catalog = read_po(BytesIO(data), abort_invalid=True)
    except OSError as error:
        reason = error.strerror or str(error)
        raise InputError(codes.make_problem(codes.UNREADABLE, file=name, reason=reason)) from None
    except PoFileError as error:
        raise InputError(codes.make_problem(
            codes.UNREADABLE, file=name, line=error.lineno + 1, column=1,
            reason=f"not a valid PO file: {error.args[0].rsplit(' on ', 1)[0]}")) from None
    except (UnicodeDecodeError, LookupError, ValueError) as error:
        raise InputError(codes.make_problem(
            codes.UNREADABLE, file=name, reason=f"not a valid PO file: {error}")) from None
    repeated = _repeated_entries(data, catalog)
    if repeated:
        raise InputError(codes.make_problem(
            codes.UNREADABLE, file=name, line=repeated[0], column=1,
            reason="not a valid PO file: an earlier entry has the same msgctxt and msgid "
                   "(gettext refuses repeated entries; keep one)"))
    return catalog


def _repeated_entries(data: bytes, catalog: Catalog) -> list[int]:
    """The msgid lines of entries Babel merged into an earlier one with the same key.

    Babel keeps the first entry's translation and drops the others' silently; every entry it
    kept records its msgid line, so a msgid line it did not record (the header aside) is one.
    """
    lines = [number for number, line in enumerate(data.splitlines(), start=1)
             if MSGID_LINE.match(line)]
    kept = {message.lineno for message in (*catalog, *catalog.obsolete.values())
            if message.id}
    unrecorded = [line for line in lines if line not in kept]
    if unrecorded and unrecorded[0] == lines[0]:
        unrecorded = unrecorded[1:]  # the header: the first entry, with an empty msgid
    return unrecorded


def catalog_bytes(catalog: Catalog) -> bytes:
    """The PO text of a catalog, previous source texts of fuzzy entries included."""
    stream = BytesIO()
    write_po(stream, catalog, include_previous=True, width=100)
    return stream.getvalue()


@frozen
class UpdateSummary:
    """What merging a new template changed in one PO file."""

    changed: int
    """Entries whose source text changed: now fuzzy, the old translation kept as a suggestion."""
    added: int
    """New texts, untranslated."""
    obsolete: int
    """Texts no longer in the questionnaire, kept as obsolete (#~) entries."""


def update_catalog(catalog: Catalog, template: Catalog) -> UpdateSummary:
    """Merge a new template into a translation, in place.

    A text whose source changed is matched by its context (its id path), never by similar
    wording elsewhere: it becomes fuzzy, keeps its old translation and records the previous
    source text (``#| msgid``), so that translators see exactly what changed.
    """
    by_context = {message.context: message for message in catalog if message.id}
    before_obsolete = len(catalog.obsolete)
    previous: dict[tuple[str, str | None], str] = {}
    added = 0
    for new in template:
        if not new.id or catalog.get(new.id, new.context) is not None:
            continue
        old = by_context.get(new.context)
        if old is None or not old.string:
            added += 1
            continue
        catalog.delete(old.id, context=old.context)
        catalog.add(new.id, old.string, context=new.context, flags={*old.flags, FUZZY},
                    user_comments=old.user_comments)
        previous[(str(new.id), new.context)] = str(old.id)
    catalog.update(template, no_fuzzy_matching=True)
    for (message_id, context), old_id in previous.items():
        message = catalog.get(message_id, context)
        if message is not None:
            message.previous_id = [old_id]
    return UpdateSummary(changed=len(previous), added=added,
                         obsolete=len(catalog.obsolete) - before_obsolete)
