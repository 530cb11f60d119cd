"""Checking a translation against its questionnaire: what is missing, fuzzy, outdated or
obsolete, and translations that break the structure of their source text."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

from babel.messages.catalog import Catalog, Message

from msqschema import problems as codes
from msqschema.frozen import frozen
from msqschema.i18n.catalogs import FUZZY
from msqschema.i18n.texts import SourceText
from msqschema.problems import Problem, sort_key
from msqschema.questionnaire.inline import Inline, Link, Plain
from msqschema.questionnaire.markup import Markup

INCOMPLETE_CODES = frozenset({codes.MISSING_ENTRY.code, codes.UNTRANSLATED.code,
                              codes.FUZZY_ENTRY.code, codes.OUTDATED_ENTRY.code})
"""The problems of an entry that is not (yet) translated: a fallback to the source covers them."""


@frozen
class CheckedTranslation:
    """A translation checked: its problems, and the translated texts that may be used."""

    problems: tuple[Problem, ...]
    translations: dict[str, str | Markup]
    """Translated text by context, for every entry translated, current and not fuzzy (a
    markup text parsed, as the check had to)."""


def check_translation(texts: list[SourceText], catalog: Catalog, file: str
                      ) -> CheckedTranslation:
    """Check every entry of a catalog (read from `file`) against its questionnaire's texts."""
    by_context: dict[str | None, Message] = {}
    strays: list[Message] = []
    for message in catalog:
        if not message.id:
            continue  # the header
        if message.context in by_context:
            strays.append(message)
        else:
            by_context[message.context] = message
    problems: list[Problem] = []
    translations: dict[str, str | Markup] = {}
    known = set()
    for text in texts:
        known.add(text.context)
        entry = by_context.get(text.context)
        translation = Markup(str(entry.string)) if entry is not None and text.markup else None
        found = list(_entry_problems(text, entry, translation, file))
        problems.extend(found)
        if not found and entry is not None:
            translations[text.context] = translation or str(entry.string)
    unknown = [message for context, message in by_context.items() if context not in known]
    for message in sorted([*unknown, *strays, *catalog.obsolete.values()],
                          key=lambda message: message.lineno or 0):
        problems.append(_problem(codes.OBSOLETE_ENTRY, file, message, None,
                                 context=message.context or "(none)"))
    return CheckedTranslation(tuple(sorted(problems, key=sort_key)), translations)


def _entry_problems(text: SourceText, message: Message | None, translation: Markup | None,
                    file: str) -> Iterator[Problem]:
    if message is None:
        yield codes.make_problem(codes.MISSING_ENTRY, file=file, context=text.context,
                                 **_subject(text))
        return
    if message.id != text.source:
        yield _problem(codes.OUTDATED_ENTRY, file, message, text)
    elif not message.string:
        yield _problem(codes.UNTRANSLATED, file, message, text)
    elif FUZZY in message.flags:
        yield _problem(codes.FUZZY_ENTRY, file, message, text)
    elif text.markup and translation:
        yield from _structure_problems(text, text.markup, message, translation, file)


def _structure_problems(text: SourceText, source: Markup, message: Message,
                        translation: Markup, file: str) -> Iterator[Problem]:
    """Footnote references dropped or added, link targets changed, markup that does not parse."""
    if translation.problems:  # what did not parse would only show again as changed structure
        for problem in translation.problems:
            yield _problem(codes.TRANSLATION_BAD_MARKUP, file, message, text,
                           situation=problem.situation, **dict(problem.values))
        return
    wanted, given = Counter(source.footnote_ids), Counter(translation.footnote_ids)
    if dropped := wanted - given:
        yield _problem(codes.FOOTNOTE_DROPPED, file, message, text, refs=_refs(dropped))
    if added := given - wanted:
        yield _problem(codes.FOOTNOTE_ADDED, file, message, text, refs=_refs(added))
    source_links, translated_links = _link_targets(source), _link_targets(translation)
    if source_links != translated_links:
        yield _problem(codes.LINK_CHANGED, file, message, text,
                       source=_targets(source_links), translation=_targets(translated_links))


def _link_targets(text: Markup) -> Counter[str]:
    return Counter(_hrefs(node for paragraph in text.paragraphs for node in paragraph))


def _hrefs(nodes: Iterable[Inline]) -> Iterator[str]:
    for node in nodes:
        if isinstance(node, Link):
            yield node.href
        if not isinstance(node, Plain):
            yield from _hrefs(getattr(node, "children", ()))


def _refs(ids: Counter[str]) -> str:
    return ", ".join(f"[^{footnote_id}]" for footnote_id in sorted(ids.elements()))


def _targets(hrefs: Counter[str]) -> str:
    return ", ".join(f"<{href}>" for href in sorted(hrefs.elements())) or "none"


def _subject(text: SourceText | None) -> dict[str, Any]:
    """The question a problem concerns, as the reporters show it."""
    question = text.question if text else None
    if question is None:
        return {}
    return {"question": question.ref if question.numbered else "", "question_id": question.id}


def _problem(code: codes.Code, file: str, entry: Message, text: SourceText | None,
             **values: Any) -> Problem:
    """A problem at the line of a PO entry (its msgid)."""
    values.setdefault("context", str(entry.context))
    return codes.make_problem(code, file=file, line=entry.lineno, column=1,
                              **_subject(text), **values)
