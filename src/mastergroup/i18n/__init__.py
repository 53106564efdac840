"""Translations and dates in each language (fi, sv, en)."""
