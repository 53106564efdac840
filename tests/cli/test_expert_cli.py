"""`mastergroup expert ...` and `session experts` as a user runs them, and the § 14 warnings
that `sessions`, `agenda` and `session experts` print on stderr. Invented people only."""

from __future__ import annotations

import json

import pytest

from tests.cli.test_case_cli import book
from tests.conftest import new_register
from tests.test_booking import identity_code

# issue 16: every test here runs on both backends, SQLite and PostgreSQL (tests/conftest.py)
pytestmark = pytest.mark.usefixtures("backend")

PSY = ("--name", "Pertti Psykologi", "--title", "psykologi", "--org", "Perheneuvola",
       "--area", "growth_development")  # fmt: skip
LAW = ("--name", "Lea Lakimies", "--title", "lakimies", "--email", "lea@hyvinvointialue.example",
       "--area", "juridiikka")  # fmt: skip
DOC = ("--name", "Liisa Lääkäri", "--title", "lastenpsykiatri", "--area", "health_care",
       "--area", "child_psychiatry")  # fmt: skip


@pytest.fixture
def cli(run, monkeypatch):
    monkeypatch.setenv("MASTERGROUP_TODAY", "2023-03-01")
    monkeypatch.setenv("MASTERGROUP_LANG", "en")
    return run


def ok(result):
    assert result.exit_code == 0, result
    return result


def test_add_list_edit_remove(cli):
    ok(cli("expert", "add", *PSY))
    ok(cli("expert", "add", *LAW))
    listed = [json.loads(x) for x in ok(cli("expert", "list", "-f", "json")).stdout.splitlines()]
    assert [e["name"] for e in listed] == ["Lea Lakimies", "Pertti Psykologi"]
    assert listed[0]["areas"] == ["law"]  # "juridiikka" is the Finnish word for the area
    assert listed[1]["organisation"] == "Perheneuvola"
    edited = ok(cli("expert", "edit", "Lea Lakimies", "--area", "law", "--area", "social_work"))
    assert "areas" in edited.stdout
    assert "social work" in ok(cli("expert", "list")).stdout
    ok(cli("expert", "remove", "Pertti Psykologi"))
    assert "Pertti" not in ok(cli("expert", "list")).stdout


def test_refusals_are_one_line_with_their_exit_code(cli):
    ok(cli("expert", "add", *PSY))
    dup = cli("expert", "add", *PSY)
    assert dup.exit_code == 4 and dup.stderr.count("\n") == 1 and "already" in dup.stderr
    bad = cli("expert", "add", "--name", "X Y", "--title", "t", "--area", "astrology")
    assert bad.exit_code == 2 and "astrology" in bad.stderr
    missing = cli("expert", "edit", "Nobody Here", "--title", "x")
    assert missing.exit_code == 5 and "Nobody Here" in missing.stderr
    code = cli("expert", "add", "--name", identity_code(), "--title", "t")
    assert code.exit_code == 6 and identity_code() not in code.stderr


def test_attendance_and_the_section_14_warning(cli):
    ok(book(cli, "LS-1", "2023-03-31", "--expertise", "lastenpsykiatria"))
    for expert in (PSY, LAW):
        ok(cli("expert", "add", *expert))
    result = ok(cli("session", "experts", "2023-03-31", "--add", "Pertti Psykologi",
                    "--add", "Lea Lakimies"))  # fmt: skip
    assert "Pertti Psykologi" in result.stdout and "Lea Lakimies" in result.stdout
    assert "health care" in result.stderr  # § 14: nobody covers health care
    assert "LS-1" in result.stderr and "child and adolescent psychiatry" in result.stderr
    sessions = ok(cli("sessions", "--next", "2", "--format", "text"))
    assert "health care" in sessions.stderr and "2023-03-31" in sessions.stderr
    assert "Warning" not in sessions.stdout  # warnings never mix into piped output
    ok(cli("expert", "add", *DOC))
    ok(cli("session", "experts", "2023-03-31", "--add", "Liisa Lääkäri"))
    assert "Warning" not in ok(cli("sessions", "--next", "2", "--format", "text")).stderr


def test_sessions_without_cases_and_without_a_register_do_not_warn(cli, home):
    result = ok(cli("sessions", "--next", "3", "--format", "text"))
    assert result.stderr == ""
    assert not (home / "home" / "mastergroup.db").exists()


def test_removing_an_expert_who_attended_keeps_the_session_record(cli):
    ok(cli("expert", "add", *LAW))
    ok(cli("session", "experts", "2023-03-31", "--add", "Lea Lakimies"))
    result = ok(cli("expert", "remove", "Lea Lakimies"))
    assert "past sessions" in result.stdout
    assert "Lea Lakimies" not in ok(cli("expert", "list")).stdout
    assert "removed" in ok(cli("expert", "list", "--all")).stdout
    assert "Lea Lakimies" in ok(cli("session", "experts", "2023-03-31")).stdout
    again = ok(cli("expert", "add", *LAW))  # the same person comes back
    assert "Lea Lakimies" in again.stdout


def test_session_experts_needs_a_session_date(cli):
    result = cli("session", "experts", "2023-03-30")
    assert result.exit_code == 5 and "no session" in result.stderr


def test_names_equal_but_for_case_are_one_expert_even_with_non_ascii_letters(
    cli, tmp_path, monkeypatch
):
    ok(cli("expert", "add", "--name", "Öhman Testi", "--title", "psykologi"))
    again = cli("expert", "add", "--name", "öhman testi", "--title", "psykologi")
    assert again.exit_code == 4 and "Öhman Testi" in again.stderr
    edited = ok(cli("expert", "edit", "ÖHMAN TESTI", "--title", "psykoterapeutti"))
    assert "Öhman Testi" in edited.stdout and "title" in edited.stdout
    backup = tmp_path / "b.json"
    ok(cli("case", "export", "-o", str(backup)))
    new_register(monkeypatch, tmp_path / "restored")
    restored = cli("case", "import", str(backup))
    assert restored.exit_code == 0, restored.stderr
