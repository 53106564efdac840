"""`--help` in the user's language (issue 12): --lang, MASTERGROUP_LANG, the configuration's
group.language, Finnish by default and when the configuration is broken; every help text has a
translation in every language, and the English in the code is what the `en` catalog holds."""

from __future__ import annotations

import re

import pytest
from typer.main import get_command

from mastergroup.cli import SUMMARIES, app
from mastergroup.cli.helptext import CLICK_HELP_OPTION, HELP_OPTION, sources
from mastergroup.i18n.catalog import translations
from mastergroup.i18n.messages import LANGUAGES
from tests.conftest import write_config

HELP = dict(sources(get_command(app)))  # key -> English, from the code (no context)


def use_swedish_config(home):
    config = home / "config.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace('language = "fi"', 'language = "sv"', 1), encoding="utf-8")


def test_sessions_help_is_finnish_by_default(run):
    shown = run("sessions", "--help")
    assert shown.exit_code == 0
    assert "Luettele kokoontumiset: päivät, kellonajat" in shown.stdout
    assert "Esimerkkejä:" in shown.stdout and "mastergroup sessions --year 2023" in shown.stdout
    assert "Kalenterivuosi, esim. 2023." in shown.stdout
    assert "Näytä tämä ohje ja lopeta." in shown.stdout
    assert "List the sessions" not in shown.stdout


def test_lang_option_gives_swedish_help_wherever_it_stands(run):
    for args in (("sessions", "--lang", "sv", "--help"), ("sessions", "--help", "--lang=sv")):
        shown = run(*args)
        assert shown.exit_code == 0, shown
        assert "Lista mötena: datum, tider" in shown.stdout
        assert "Exempel:" in shown.stdout and "Kalenderår, t.ex. 2023." in shown.stdout


def test_the_environment_gives_english_help(run, monkeypatch):
    monkeypatch.setenv("MASTERGROUP_LANG", "en")
    shown = run("sessions", "--help")
    assert "List the sessions: dates, times" in shown.stdout
    assert "Calendar year, e.g. 2023." in shown.stdout
    assert CLICK_HELP_OPTION in shown.stdout


def test_a_swedish_configuration_gives_swedish_help(home, run):
    use_swedish_config(home)
    shown = run("sessions", "--help")
    assert "Lista mötena" in shown.stdout
    top = run("--help")
    assert "Ärenderegistret: bokningar, frågor, handlingar." in top.stdout
    assert "Möten, bokningar, föredragningslistor" in top.stdout


def test_a_broken_configuration_still_shows_help_in_finnish(home, run):
    write_config(home, "this is [not toml")
    shown = run("sessions", "--help")
    assert shown.exit_code == 0, shown
    assert "Luettele kokoontumiset" in shown.stdout
    assert shown.stderr == ""


def test_a_swedish_configuration_with_a_bad_value_still_gives_swedish_help(home, run):
    """Help reads group.language without validating the rest (config/peek.py)."""
    (home / "config.toml").write_text(
        '[group]\nlanguage = "sv"\n[booking]\ncapacity = "many"\n', encoding="utf-8"
    )
    shown = run("sessions", "--help")
    assert shown.exit_code == 0, shown
    assert "Lista mötena" in shown.stdout
    assert run("sessions").exit_code == 3  # the configuration is still refused for real work


def test_top_level_help_lists_translated_summaries(run, monkeypatch):
    fi = run("--help").stdout
    assert "Asiarekisteri: varaukset, kysymykset, asiakirjat." in fi
    assert "Lastensuojelun moniammatillisen asiantuntijaryhmän" in fi
    monkeypatch.setenv("MASTERGROUP_LANG", "en")
    en = run("--help").stdout
    for summary in SUMMARIES.values():
        assert summary.split()[0] in en


def test_groups_list_their_subcommands_translated(run, monkeypatch):
    monkeypatch.setenv("MASTERGROUP_LANG", "sv")  # a group has no --lang of its own
    shown = run("case", "--help")  # a lazy group
    assert "Boka ett ärende till ett möte" in shown.stdout
    assert "Återkalla ett ärende" in shown.stdout
    shown = run("expert", "--help")  # an eager group
    assert "Lägg till en expert" in shown.stdout
    monkeypatch.delenv("MASTERGROUP_LANG")
    shown = run("case", "add", "--lang", "sv", "--help")
    assert "Socialarbetarens e-postadress." in shown.stdout
    assert "Ärendets referens." in run("case", "show", "--help", "--lang", "sv").stdout


def test_languages_alternate_in_one_process_and_introspection_stays_english(run, monkeypatch):
    assert "Luettele kokoontumiset" in run("sessions", "--help").stdout
    assert "Lista mötena" in run("sessions", "--help", "--lang", "sv").stdout
    assert "Luettele kokoontumiset" in run("sessions", "--help").stdout
    monkeypatch.setenv("MASTERGROUP_LANG", "en")
    assert "List the sessions" in run("sessions", "--help").stdout
    assert dict(sources(get_command(app))) == HELP  # the built commands were never changed


def test_a_command_still_speaks_the_configured_language(home, run):
    use_swedish_config(home)
    shown = run("sessions", "--year", "2023", "--format", "text")
    assert shown.exit_code == 0, shown
    assert "fre 27.1." in shown.stdout


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_command_and_option_has_help_in_every_language(lang):
    """A new option, or a changed English help, fails here until scripts/extract_help.py has
    run and the fi and sv entries are translated (an empty or fuzzy entry is not in the .mo)."""
    catalog = translations(lang)
    missing = [key for key in [*HELP, HELP_OPTION] if catalog.gettext(key) == key]
    assert not missing, f"{lang}: run scripts/extract_help.py and translate: {missing}"
    if lang == "en":
        stale = [key for key, text in HELP.items() if catalog.gettext(key) != text]
        assert not stale, f"the en catalog is behind the code: run scripts/extract_help.py: {stale}"
        assert catalog.gettext(HELP_OPTION) == CLICK_HELP_OPTION


def _examples(text: str) -> list[str]:
    """The command lines of a help text, without a trailing `   (comment)`."""
    found = re.findall(r"(?:^|: )((?:MASTERGROUP_\w+=\S+ )?mastergroup [^\n]*)", text, re.M)
    return [line.split("   (")[0].strip() for line in found]


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_translations_keep_the_examples_as_commands(lang):
    catalog = translations(lang)
    for key, english in HELP.items():
        translated = catalog.gettext(key)
        for command in _examples(english):
            assert command in translated, (lang, key, command)
        if "Example" in english:
            assert ("Esimerkk" if lang == "fi" else "Exempel:") in translated, (lang, key)
