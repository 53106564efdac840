"""Every sentence exists in Finnish, Swedish and English, with the same placeholders."""

from __future__ import annotations

import string

from mastergroup.i18n.messages import CATALOG, render


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
        if not key.startswith("help."):  # --help texts are paragraphs (tests/test_catalogs.py)
            assert all("\n" not in t for t in texts), key


def test_missing_parameter_does_not_crash():
    assert "?" in render("config.unknown_key", "en")


def test_a_count_of_one_takes_the_singular_sentence():
    assert render("case.exported", "fi", file="b.json", count=1).startswith(
        "Varmuuskopio kirjoitettu: b.json (1 asia)."
    )
    assert "(1 ärende)" in render("case.exported", "sv", file="b.json", count=1)
    assert "(1 case)" in render("case.exported", "en", file="b.json", count=1)
    assert "(2 asiaa)" in render("case.exported", "fi", file="b.json", count=2)
    assert "(0 cases)" in render("case.exported", "en", file="b.json", count=0)


def test_every_singular_variant_belongs_to_a_counted_sentence():
    for key in CATALOG:
        if key.endswith(".one"):
            base = key.removesuffix(".one")
            assert base in CATALOG, key
            assert all("{count}" in t for t in CATALOG[base]), base
            assert not placeholders(CATALOG[key][0]) - placeholders(CATALOG[base][0]), key


def test_the_systems_reasons_are_said_in_the_users_language():
    import errno

    from mastergroup.i18n.messages import os_reason

    missing = os_reason(FileNotFoundError(errno.ENOENT, "No such file or directory"))
    assert render("io.write_failed", "fi", file="x.ics", detail=missing).startswith(
        "Tiedostoa x.ics ei voitu kirjoittaa (tiedostoa tai kansiota ei ole)"
    )
    assert "(filen eller mappen finns inte)" in render(
        "io.write_failed", "sv", file="x", detail=missing
    )
    assert "(No such file or directory)" in render(
        "io.write_failed", "en", file="x", detail=missing
    )
    assert os_reason(OSError(errno.EIO, "Input/output error")) == "Input/output error"
    assert os_reason(ValueError("x")) == "ValueError"
    assert render("os.not_utf8", "fi") == "ei UTF-8-tekstiä"
