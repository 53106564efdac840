"""The gettext catalogs: every message in every language, the same placeholders, plural forms,
the compiled .mo equal to the .po translators edit, and each file in its own language."""

from __future__ import annotations

import re
import string

import pytest

from mastergroup.i18n.catalog import po_path, read_po, translations
from mastergroup.i18n.messages import LANGUAGES, render

CATALOGS = {lang: read_po(po_path(lang)) for lang in LANGUAGES}


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_message_is_in_every_language():
    keys = {lang: set(entries) for lang, entries in CATALOGS.items()}
    assert keys["fi"] == keys["sv"] == keys["en"], {
        lang: sorted(keys["fi"] ^ k) for lang, k in keys.items()
    }
    assert len(keys["fi"]) > 300


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_message_is_empty_and_each_is_one_line(lang):
    for key, forms in CATALOGS[lang].items():
        # --help texts are paragraphs with examples (Click wraps them); a message is one line
        one_line = not key.startswith("help.")
        assert all(form.strip() and not (one_line and "\n" in form) for form in forms), (lang, key)


def test_the_same_placeholders_in_every_language_and_form():
    for key, fi_forms in CATALOGS["fi"].items():
        plural = placeholders(fi_forms[-1])
        for lang in LANGUAGES:
            forms = CATALOGS[lang][key]
            assert len(forms) == len(fi_forms), (lang, key)
            assert placeholders(forms[-1]) == plural, (lang, key)
            # a singular form may write "1" instead of {count}, but adds nothing
            assert placeholders(forms[0]) <= plural, (lang, key)


def test_counted_sentences_have_plural_forms():
    plural = [key for key, forms in CATALOGS["fi"].items() if len(forms) == 2]
    assert len(plural) >= 10
    for key in plural:
        assert "count" in placeholders(CATALOGS["en"][key][1]), key
    assert render("case.purged", "en", count=1) != render("case.purged", "en", count=2)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_catalog_declares_its_language_and_plural_rule(lang):
    head = po_path(lang).read_text(encoding="utf-8")
    assert f'"Language: {lang}\\n"' in head
    assert '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"' in head
    assert translations(lang).info()["language"] == lang


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_compiled_catalog_says_what_the_po_says(lang):
    """A .po edited without running scripts/compile_catalogs.py fails here."""
    compiled = translations(lang)
    for key, forms in CATALOGS[lang].items():
        if len(forms) == 2:
            assert compiled.ngettext(key, key, 1) == forms[0], key
            assert compiled.ngettext(key, key, 5) == forms[1], key
        else:
            assert compiled.gettext(key) == forms[0], key


# Words that only one of the three languages uses: a catalog swapped with another, or a
# sentence pasted into the wrong file, shows up as the wrong language's words.
MARKERS = {
    "fi": re.compile(r"\b(ei|tai|ja|on|tiedosto\w*|kokous\w*|asia\w*|aja|käytä)\b", re.I),
    "sv": re.compile(r"\b(och|inte|eller|är|filen|mötet?|ärende\w*|kör|använd)\b", re.I),
    "en": re.compile(r"\b(the|and|not|or|is|file|session|case|run|use)\b", re.I),
}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_catalog_is_written_in_its_own_language(lang):
    wrong = []
    for key, forms in CATALOGS[lang].items():
        # Placeholders, code, options, quoted values and example command lines (the
        # `mastergroup case list` of a --help text) are in no language.
        text = re.sub(r"\{[^}]*\}|`[^`]*`|--?[\w-]+|'[^']*'|mastergroup .*", " ", forms[-1])
        hits = {other: len(MARKERS[other].findall(text)) for other in LANGUAGES}
        best = max(hits, key=lambda other: hits[other])
        if hits[best] >= 2 and best != lang and hits[best] > hits[lang]:
            wrong.append(key)
    assert not wrong, f"{lang} catalog: sentences that read like another language: {wrong}"
