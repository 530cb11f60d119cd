"""Regular expressions compiled when first used, not when their module is imported.

Every command imports the model, the question types and the reporters, but most use few of
their patterns (a valid response prints no problem, validation reads no number typed into a
Word form): compiling each pattern at import cost every start-up a few milliseconds.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache, partial


def pattern(source: str, flags: int = 0) -> Callable[[], re.Pattern[str]]:
    """A function that returns `re.compile(source, flags)`, compiled on its first call."""
    return cache(partial(re.compile, source, flags))
