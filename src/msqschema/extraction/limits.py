"""How large a part of a Word form may be: `extract` reads no more, and `render` writes no more.

A module of its own so that rendering does not import the reader (`docx_package`) for them.
"""

MAX_PART_BYTES = 16 * 1024 * 1024
"""The most bytes one part of the package may inflate to."""

MAX_ELEMENTS = 100_000
"""The most elements accepted in a part (a filled MSQ form has about 4,000, and each row of a
records answer adds about 40)."""
