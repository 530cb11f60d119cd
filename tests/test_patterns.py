"""msqschema.patterns: a regular expression compiled on first use, once."""

from __future__ import annotations

import re

from msqschema.patterns import pattern


def test_a_pattern_is_compiled_on_its_first_use_only(monkeypatch):
    compiled: list[str] = []
    original = re.compile

    def counting(source: str, flags: int = 0) -> re.Pattern[str]:
        compiled.append(source)
        return original(source, flags)

    monkeypatch.setattr(re, "compile", counting)
    digits = pattern(r"[0-9]+", re.ASCII)
    assert compiled == []
    assert digits().fullmatch("2019") and not digits().fullmatch("٢٠١٩")  # ASCII digits only
    assert digits() is digits()
    assert compiled == ["[0-9]+"]
