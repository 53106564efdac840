"""Every sentence exists in Finnish, Swedish and English, with the same placeholders."""

from __future__ import annotations

import string

from mastergroup.messages import CATALOG, render


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_three_languages_same_placeholders():
    for key, texts in CATALOG.items():
        assert len(texts) == 3, key
        assert all(t.strip() for t in texts), key
        fi, sv, en = (placeholders(t) for t in texts)
        assert fi == sv == en, key


def test_one_line_each():
    for key, texts in CATALOG.items():
        assert all("\n" not in t for t in texts), key


def test_missing_parameter_does_not_crash():
    assert "?" in render("config.unknown_key", "en")
