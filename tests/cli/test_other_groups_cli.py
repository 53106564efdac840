"""Issue 15 as a user runs it: a quorum (`experts.quorum`) warned about by `sessions`, `agenda`
and `session experts`; a case length (`booking.case_minutes`) the agenda's slots follow."""

from __future__ import annotations

import json

import pytest

from tests.cli.test_case_cli import book
from tests.cli.test_expert_cli import DOC, LAW, PSY
from tests.conftest import write_config


@pytest.fixture
def cli(run, monkeypatch):
    monkeypatch.setenv("MASTERGROUP_TODAY", "2023-03-01")
    monkeypatch.setenv("MASTERGROUP_LANG", "en")
    return run


def ok(result):
    assert result.exit_code == 0, result
    return result


def test_a_session_with_cases_below_the_quorum_warns(cli, home):
    write_config(home, "[experts]\nquorum = 4\n")
    for expert in (PSY, LAW, DOC):
        ok(cli("expert", "add", *expert))
    # no cases yet: no quorum needed
    assert (
        "quorum" not in ok(cli("session", "experts", "2023-03-31", "--add", "Lea Lakimies")).stderr
    )
    ok(book(cli, "LS-1", "2023-03-31"))
    result = ok(cli("session", "experts", "2023-03-31", "--add", "Pertti Psykologi",
                    "--add", "Liisa Lääkäri"))  # fmt: skip
    assert "3 experts attending, the quorum is 4 (experts.quorum)" in result.stderr
    sessions = ok(cli("sessions", "--next", "2", "--format", "text"))
    assert "the quorum is 4" in sessions.stderr and "quorum" not in sessions.stdout
    agenda = ok(cli("agenda", "--session", "2023-03-31"))
    assert "the quorum is 4" in agenda.stderr


def test_without_a_quorum_nothing_is_said(cli):
    ok(book(cli, "LS-1", "2023-03-31"))
    assert "quorum" not in ok(cli("sessions", "--next", "2", "--format", "text")).stderr


def test_agenda_slots_follow_the_case_length(cli, home):
    text = (home / "config.toml").read_text("utf-8")
    text = text.replace("capacity = 2 ", "capacity = 2\ncase_minutes = 60 ")
    (home / "config.toml").write_text(text, "utf-8")
    ok(book(cli, "LS-1", "2023-03-31"))
    ok(book(cli, "LS-2", "2023-03-31"))
    agenda = json.loads(ok(cli("agenda", "--session", "2023-03-31", "--format", "json")).stdout)
    times = [(i["start"][11:16], i["end"][11:16]) for i in agenda["cases"]]
    assert times == [("09:00", "10:00"), ("10:10", "11:10")]  # 60 min, 10 min break


def test_a_case_length_that_does_not_fit_is_a_config_error(cli, home):
    text = (home / "config.toml").read_text("utf-8")
    (home / "config.toml").write_text(
        text.replace("capacity = 2 ", "capacity = 2\ncase_minutes = 120 "), "utf-8"
    )
    result = cli("sessions")
    assert result.exit_code == 3
    assert "booking.case_minutes" in result.stderr and "at most 70 minutes" in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_two_groups_in_one_configuration_sessions_and_routed_case_add(run, monkeypatch):
    """Issue 15: `--group` picks a group's sessions; `case add` routes by matter; ambiguity is
    one line naming the groups."""
    from mastergroup.io.environment import shipped_config_dir

    monkeypatch.setenv(
        "MASTERGROUP_CONFIG", str(shipped_config_dir() / "examples" / "county-by-matter.toml")
    )
    monkeypatch.setenv("MASTERGROUP_TODAY", "2025-01-10")
    eho = run("sessions", "--group", "eho", "--year", "2025", "--format", "text")
    assert eho.exit_code == 0 and eho.stdout.startswith("ke 29.1.")
    county = run("sessions", "--group", "maakunta", "--year", "2025", "--format", "json")
    assert county.exit_code == 0 and '"group": "maakunta"' in county.stdout
    unknown = run("sessions", "--group", "nowhere")
    assert unknown.exit_code == 2 and "eho, maakunta" in unknown.stderr
    add = (
        "case",
        "add",
        "--next",
        "--worker",
        "S",
        "--email",
        "s@kunta.example",
        "--municipality",
        "Jyväskylä",
        "--question",
        "Riittääkö?",
    )
    routed = run(*add, "--ref", "LS-1", "--matter", "eho_placement")
    assert routed.exit_code == 0 and "29.1.2025" in routed.stdout, routed
    other = run(*add, "--ref", "LS-2", "--matter", "sijaishuolto")
    assert other.exit_code == 0 and "28.1.2025" in other.stdout, other
    assert "LS-1" in run("case", "list", "--group", "eho").stdout
    assert "LS-1" not in run("case", "list", "--group", "maakunta").stdout
    ambiguous = run("case", "list")
    assert ambiguous.exit_code == 2 and len(ambiguous.stderr.splitlines()) == 1
