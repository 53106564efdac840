"""Review findings: identity codes never printed or exported, whatever the route."""

from __future__ import annotations

import pytest

from mastergroup.core.privacy import contains_identity_code, redact
from tests.conftest import write_config


def code() -> str:
    """An invented code with a valid check character (built, so no data file holds one)."""
    return "010203A123" + "0123456789ABCDEFHJKLMNPRSTUVWXY"[int("010203123") % 31]


@pytest.mark.parametrize(
    "written",
    ["010203A\u00a01230", "010203\u00adA1230", "0102\u200b03A1230", "010203 A 1230",
     "010203 - 1230", "01.02.03-1230", "010203-123 0"],
)  # fmt: skip
def test_codes_written_with_separators_are_recognised(written):
    assert contains_identity_code(f"Kysymys {written}?")


@pytest.mark.parametrize("harmless", ["040 123 4567", "0401234567", "31.03.2023 klo 9.00",
                                      "LS-2023-17", "2023-03-31"])  # fmt: skip
def test_ordinary_text_is_not_a_code(harmless):
    assert not contains_identity_code(harmless)


def test_redact():
    assert code() not in redact(f"arvo '{code()}' ei kelpaa")


def test_a_code_in_the_configuration_is_refused_and_not_printed(run, home):
    write_config(
        home, f'[[overrides]]\naction = "cancel"\ndate = 2024-05-31\nreason = "{code()}"\n'
    )
    for args in (["sessions"], ["config", "show"], ["ics", "--year", "2024"]):
        result = run(*args)
        assert result.exit_code == 6, (args, result)
        assert code() not in result.stdout + result.stderr


def test_a_code_in_a_config_value_error_is_not_echoed(run, home):
    (home / "config.toml").write_text(f'[schedule]\nweekday = "{code()}"\n', encoding="utf-8")
    result = run("sessions")
    assert result.exit_code == 6
    assert code() not in result.stderr


def test_a_code_in_mastergroup_today_is_not_echoed(run, monkeypatch):
    monkeypatch.setenv("MASTERGROUP_TODAY", code())
    result = run("sessions")
    assert result.exit_code == 2
    assert code() not in result.stderr and "MASTERGROUP_TODAY" in result.stderr


def test_next_is_bounded(run):
    result = run("sessions", "--next", "99999999999999999999")
    assert result.exit_code == 2 and result.stderr.count("\n") == 1


def test_an_override_cannot_move_onto_another_session(run, home):
    write_config(home, '[[overrides]]\naction = "move"\ndate = 2023-03-31\nto = 2023-04-28\n')
    result = run("sessions", "--year", "2023")
    assert result.exit_code == 3
    assert "overrides[1]" in result.stderr
