"""Click's usage errors in the user's language: one line, what is wrong, where help is."""

from __future__ import annotations

import pytest


def one_line(result) -> str:
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    return result.stderr.strip()


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["sessions", "--yaer", "2023"],
         "mastergroup: Tuntematon valitsin --yaer. Tarkoititko: --year? "
         "(katso 'mastergroup sessions --help')"),
        (["sessions", "--year", "abc"],
         "mastergroup: Arvo ei kelpaa kohtaan --year / -y: odotetaan kokonaisluku. "
         "(katso 'mastergroup sessions --help')"),
        (["sessions", "--year"],
         "mastergroup: Valitsimelle --year puuttuu arvo. (katso 'mastergroup sessions --help')"),
        (["sesions"],
         "mastergroup: Tuntematon komento 'sesions'. Tarkoititko: sessions, session? "
         "(katso 'mastergroup --help')"),
        (["sessions", "extra"],
         "mastergroup: Ylimääräisiä argumentteja: extra. (katso 'mastergroup sessions --help')"),
        (["case", "show"], "mastergroup: Puuttuu: REF. (katso 'mastergroup case show --help')"),
        (["sessions", "--format", "pdf"],
         "mastergroup: Arvo ei kelpaa kohtaan --format / -f: odotetaan yksi näistä: text, table, "
         "json, markdown, html. (katso 'mastergroup sessions --help')"),
        (["sessions", "--next", "0"],
         "mastergroup: Arvo ei kelpaa kohtaan --next: odotetaan kokonaisluku 1–1000. "
         "(katso 'mastergroup sessions --help')"),
    ],
)  # fmt: skip
def test_usage_errors_are_finnish_by_default(run, args, expected):
    assert one_line(run(*args)) == expected


def test_usage_errors_speak_the_lang_option_and_the_environment(run, monkeypatch):
    assert one_line(run("sessions", "--next", "0", "--lang", "sv")) == (
        "mastergroup: Värdet duger inte för --next: väntat ett heltal 1–1000. "
        "(se 'mastergroup sessions --help')"
    )
    monkeypatch.setenv("MASTERGROUP_LANG", "en")
    assert one_line(run("case", "add", "--sesion", "2024-01-01")) == (
        "mastergroup: No such option: --sesion. Did you mean: --question, --reason, --session? "
        "(see 'mastergroup case add --help')"
    )


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["case", "move", "LS-1"], "Puuttuu: --session. Katso `mastergroup case move --help`."),
        (["case", "withdraw", "LS-1"], "Puuttuu: --reason. Anna se valitsimena (ei päätettä, "
         "jolta kysyä); katso `mastergroup case withdraw --help`."),
        (["case", "purge"], "Puuttuu: --before. Katso `mastergroup case purge --help`."),
    ],
)  # fmt: skip
def test_a_missing_option_points_at_the_commands_own_help(run, args, expected):
    assert one_line(run(*args)) == f"mastergroup: {expected}"


def test_a_reader_that_goes_away_stops_the_command_quietly(home):
    import os
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    script = shutil.which("mastergroup", path=str(Path(sys.executable).parent))
    assert script is not None
    env = {
        **os.environ,
        "MASTERGROUP_HOME": str(home / "home"),
        "MASTERGROUP_CONFIG": str(home / "config.toml"),
    }
    with subprocess.Popen(
        [script, "config", "check"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
    ) as proc:
        assert proc.stdout is not None
        proc.stdout.close()  # the reader has gone before the first line
        _, err = proc.communicate()
    assert proc.returncode == 141 and err == b""


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["case", "list", "--format"],
         "Valitsimelle --format puuttuu arvo. (katso 'mastergroup case list --help')"),
        (["case", "add", "--session"],
         "Valitsimelle --session puuttuu arvo. (katso 'mastergroup case add --help')"),
        (["config", "chek"],
         "Tuntematon komento 'chek'. Tarkoititko: check? (katso 'mastergroup config --help')"),
        (["case", "lst"],
         "Tuntematon komento 'lst'. Tarkoititko: list? (katso 'mastergroup case --help')"),
    ],
)  # fmt: skip
def test_errors_inside_a_group_point_at_the_subcommands_help(run, args, expected):
    assert one_line(run(*args)) == f"mastergroup: {expected}"


def test_an_error_before_any_command_speaks_the_configurations_language(run, home):
    from tests.conftest import write_config

    write_config(home, "")
    text = (
        (home / "config.toml")
        .read_text(encoding="utf-8")
        .replace('language = "fi"', 'language = "sv"')
    )
    (home / "config.toml").write_text(text, encoding="utf-8")
    assert one_line(run("sesions")).startswith("mastergroup: Okänt kommando 'sesions'.")
