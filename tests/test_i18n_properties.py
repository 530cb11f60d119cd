"""Properties of translating generated questionnaires: a complete translation round-trips, and
each entry taken away is reported, alone, as missing."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from msqschema.i18n.catalogs import catalog_bytes, questionnaire_template, read_catalog
from msqschema.i18n.check import check_translation
from msqschema.i18n.texts import source_texts
from msqschema.i18n.translate import TranslationError
from msqschema.questionnaire.loader import load_questionnaire
from strategies import questionnaires, to_yaml

fast = settings(max_examples=25, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
_names = itertools.count()


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("translated")


def write(folder: Path, data: dict[str, object]) -> Path:
    """A new questionnaire file (a new name each time, so no cache answers for an older one)."""
    path = folder / f"q{next(_names)}.yaml"
    path.write_text(to_yaml(data), encoding="utf-8")
    return path


def translated_copy(folder: Path, data: dict[str, object], *, drop: int | None = None
                    ) -> tuple[Path, Path]:
    """A questionnaire file and its 'xx' translation: every text marked '≈ ... ≈', except
    the entry numbered `drop`, left out."""
    path = write(folder, data)
    catalog = questionnaire_template(path)
    for number, message in enumerate(message for message in list(catalog) if message.id):
        if number == drop:
            catalog.delete(message.id, context=message.context)
        else:
            message.string = f"≈ {message.id} ≈"
    po = path.with_suffix("") / "xx.po"
    po.parent.mkdir()
    po.write_bytes(catalog_bytes(catalog))
    return path, po


@fast
@given(data=questionnaires())
def test_a_complete_translation_round_trips(folder, data):
    path, po = translated_copy(folder, data)
    source = load_questionnaire(path)
    texts = source_texts(source)
    assert check_translation(texts, read_catalog(po), str(po)).problems == ()
    translated = load_questionnaire(path, language="xx")
    pairs = list(zip(texts, source_texts(translated), strict=True))
    assert all(new.context == old.context and new.source == f"≈ {old.source} ≈"
               for old, new in pairs)
    assert [(q.id, q.type, q.ref, q.when) for q in translated.questions()] == [
        (q.id, q.type, q.ref, q.when) for q in source.questions()]
    assert [(note.id, note.number) for note in translated.footnotes] == [
        (note.id, note.number) for note in source.footnotes]


@fast
@given(data=questionnaires(), choice=st.data())
def test_an_entry_left_out_is_the_one_reported(folder, data, choice):
    count = len(source_texts(load_questionnaire(write(folder, data))))
    drop = choice.draw(st.integers(0, count - 1))
    path, po = translated_copy(folder, data, drop=drop)
    missing = source_texts(load_questionnaire(path))[drop].context
    with pytest.raises(TranslationError) as caught:
        load_questionnaire(path, language="xx")
    assert [(p.code, p.message.split(":")[0]) for p in caught.value.problems] == [
        ("T101", f"no entry for {missing}")]
    fallback = load_questionnaire(path, language="xx", fallback=True)
    kept = [text.source for text in source_texts(fallback) if not text.source.startswith("≈")]
    assert kept == [source_texts(load_questionnaire(path))[drop].source]
