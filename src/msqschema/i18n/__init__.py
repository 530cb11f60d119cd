"""Translating a questionnaire with gettext PO files: its texts, catalogs, checks and loading."""
