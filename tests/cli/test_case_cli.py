"""`mastergroup case ...` as a user runs it: every rule refuses with one line, its exit code and
no change to the stored data (compared byte for byte and row for row).

Today is pinned to 2023-03-01: the session of 31.3.2023 is open until 17.3.2023 (documents by
24.3.2023); 28.4.2023 is the next one, then 26.5.2023. Capacity is 2 (the shipped default).
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import stat
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest

from mastergroup.i18n.messages import CATALOG
from tests.conftest import new_register, write_config
from tests.pg import dump
from tests.test_booking import identity_code

# issue 16: every test here runs on both backends, SQLite and PostgreSQL (tests/conftest.py)
pytestmark = pytest.mark.usefixtures("backend")

WORKER = ("--worker", "Sanna Sosiaalityöntekijä", "--email", "sanna@kunta.example")
PLACE = ("--municipality", "Jyväskylä")
CASE_FIELDS = {
    "ref", "session_date", "slot", "status", "waitlisted", "waitlist_position", "worker",
    "worker_email", "worker_phone", "municipality", "matter", "expertise", "questions",
    "documents_received", "late_reason", "withdrawn_reason", "created_at", "updated_at",
}  # fmt: skip


@pytest.fixture
def cli(run, monkeypatch):
    monkeypatch.setenv("MASTERGROUP_TODAY", "2023-03-01")
    monkeypatch.setenv("MASTERGROUP_LANG", "en")
    return run


def data_dir(home: Path) -> Path:
    return home / "home"


def add_args(ref="X", session="2023-03-31", *extra, questions=("Mitä nyt tehdään?",)):
    """`case add` with a complete, valid booking; `extra` options are appended."""
    args = ["case", "add", "--ref", ref, *WORKER, *PLACE]
    if session:
        args += ["--session", session]
    for q in questions:
        args += ["-q", q]
    return [*args, *extra]


def book(cli, ref="LS-1", session="2023-03-31", *extra, questions=("Mitä nyt tehdään?",)):
    return cli(*add_args(ref, session, *extra, questions=questions))


def booked(cli, *refs, session="2023-03-31"):
    for ref in refs:
        result = book(cli, ref, session)
        assert result.exit_code == 0, result


def snapshot(home: Path) -> tuple[dict[str, bytes], list[str]] | None:
    """Every file of the data folder, byte for byte, and every row of the register."""
    folder = data_dir(home)
    if not folder.exists():
        return None
    files = {p.name: p.read_bytes() for p in sorted(folder.iterdir())}
    db = folder / "mastergroup.db"
    if not db.exists():
        return files, []
    with closing(sqlite3.connect(db)) as conn:
        rows = list(conn.iterdump())
    return files, rows


def refused(cli, home: Path, args: list[str], code: int, *phrases: str) -> str:
    """Run a command that must be refused; return its one stderr line."""
    before = snapshot(home)
    result = cli(*args)
    assert result.exit_code == code, result
    assert result.stdout == ""
    assert result.stderr.startswith("mastergroup: ") and result.stderr.count("\n") == 1, result
    for phrase in phrases:
        assert phrase in result.stderr, (phrase, result.stderr)
    assert snapshot(home) == before, "a refused command changed the stored data"
    return result.stderr


def records(cli, *args: str) -> list[dict]:
    result = cli("case", "list", "--all", "--format", "json", *args)
    assert result.exit_code == 0, result
    return json.loads(result.stdout)


def by_ref(cli) -> dict[str, dict]:
    return {r["ref"]: r for r in records(cli)}


# --- booking and the JSON contract ----------------------------------------------------------


def test_book_list_show(cli, home):
    result = book(
        cli,
        "LS-2023-17",
        "2023-03-31",
        "--expertise",
        "law",
        "--phone",
        "040 1",
        "--matter",
        "care_order_preparation",
        questions=("Yksi?", "Kaksi?"),
    )
    assert result.exit_code == 0, result
    assert result.stdout == "Booked: LS-2023-17, Fri 31 Mar 2023 (1/2 places taken).\n"
    [record] = records(cli)
    assert set(record) == CASE_FIELDS
    assert record | {"created_at": None, "updated_at": None} == {
        "ref": "LS-2023-17",
        "session_date": "2023-03-31",
        "slot": "2023-03",
        "status": "booked",
        "waitlisted": False,
        "waitlist_position": None,
        "worker": "Sanna Sosiaalityöntekijä",
        "worker_email": "sanna@kunta.example",
        "worker_phone": "040 1",
        "municipality": "Jyväskylä",
        "matter": "care_order_preparation",
        "expertise": ["law"],
        "questions": ["Yksi?", "Kaksi?"],
        "documents_received": None,
        "late_reason": "",
        "withdrawn_reason": "",
        "created_at": None,
        "updated_at": None,
    }
    shown = cli("case", "show", "LS-2023-17", "--lang", "fi")
    assert "Kokoontuminen:    pe 31.3.2023 klo 9.00–11.30" in shown.stdout
    assert "  2. Kaksi?" in shown.stdout
    assert "viimeistään pe 24.3.2023; saapuneet -" in shown.stdout
    text = cli("case", "list")
    assert text.stdout.split()[:3] == ["Fri", "31", "Mar"]


def test_next_books_the_next_open_session_with_a_free_place(cli, home, monkeypatch):
    monkeypatch.setenv("MASTERGROUP_TODAY", "2023-03-20")  # March's cutoff has passed
    booked(cli, "A", "B", session="2023-04-28")
    result = book(cli, "C", None, "--next")
    assert result.exit_code == 0, result
    assert "Fri 26 May 2023" in result.stdout


def test_references_match_whatever_their_case_unicode_wide(cli):
    """`ö-ä` is `Ö-Ä`, `ss` is `ß` (str.casefold) on both backends (issue 16: PostgreSQL's
    lower() is not casefold, so the rows are compared in Python there)."""
    assert book(cli, "Ö-ä", "2023-03-31").exit_code == 0
    again = book(cli, "ö-Ä", "2023-03-31")
    assert again.exit_code == 4 and "already booked" in again.stderr, again
    assert json.loads(cli("case", "show", "ö-Ä", "--format", "json").stdout)["ref"] == "Ö-ä"
    assert book(cli, "Straße-1", "2023-04-28").exit_code == 0
    assert json.loads(cli("case", "show", "STRASSE-1", "--format", "json").stdout)["ref"] == (
        "Straße-1"
    )


@pytest.mark.sqlite_only  # the SQLite file's modes; a PostgreSQL register has no file
def test_permissions_of_the_data_folder_and_file(cli, home):
    booked(cli, "LS-1")
    assert stat.S_IMODE(data_dir(home).stat().st_mode) == 0o700
    assert stat.S_IMODE((data_dir(home) / "mastergroup.db").stat().st_mode) == 0o600


# --- the cutoff ------------------------------------------------------------------------------


def test_cutoff_refused_names_the_cutoff_and_the_next_open_session(cli, home, monkeypatch):
    booked(cli, "EARLY")
    monkeypatch.setenv("MASTERGROUP_TODAY", "2023-03-18")
    refused(
        cli,
        home,
        add_args("LATE", "2023-03-31"),
        4,
        "The booking cutoff for the session on 2023-03-31 was 2023-03-17",
        "The next session still open is 2023-04-28 (book by 2023-04-14)",
        "--late --reason",
    )


def test_cutoff_in_finnish(cli, home, monkeypatch):
    monkeypatch.setenv("MASTERGROUP_TODAY", "2023-03-18")
    monkeypatch.delenv("MASTERGROUP_LANG")
    refused(
        cli,
        home,
        add_args("X", "2023-03-31"),
        4,
        "Varausaika kokoontumiseen 31.3.2023 päättyi 17.3.2023",
        "Seuraava avoin kokoontuminen on 28.4.2023",
    )


def test_the_cutoff_day_itself_is_open(cli, monkeypatch):
    monkeypatch.setenv("MASTERGROUP_TODAY", "2023-03-17")
    assert book(cli).exit_code == 0


def test_late_override_keeps_and_shows_the_reason(cli, monkeypatch):
    monkeypatch.setenv("MASTERGROUP_TODAY", "2023-03-20")
    result = book(cli, "LS-1", "2023-03-31", "--late", "--reason", "kiireellinen sijoitus")
    assert result.exit_code == 0, result
    assert "Late booking (cutoff 2023-03-17), reason: kiireellinen sijoitus" in result.stdout
    assert by_ref(cli)["LS-1"]["late_reason"] == "kiireellinen sijoitus"
    assert "kiireellinen sijoitus" in cli("case", "show", "LS-1").stdout


def test_late_needs_a_reason_and_a_reason_needs_late(cli, home, monkeypatch):
    monkeypatch.setenv("MASTERGROUP_TODAY", "2023-03-20")
    refused(cli, home, add_args("X", "2023-03-31", "--late"), 2, "--late needs a reason")
    refused(cli, home, add_args("X", "2023-03-31", "--reason", "why"), 2, "--reason goes with")


def test_late_overrides_neither_capacity_nor_the_past(cli, home, monkeypatch):
    booked(cli, "A", "B")
    monkeypatch.setenv("MASTERGROUP_TODAY", "2023-03-20")
    late = ["--late", "--reason", "sovittu"]
    refused(cli, home, add_args("C", "2023-03-31", *late), 4, "is full")
    refused(cli, home, add_args("C", "2023-02-24", *late), 4, "in the past")


# --- capacity and the waiting list ---------------------------------------------------------------


def test_a_full_session_is_refused_naming_the_next_free_one(cli, home):
    booked(cli, "A", "B")
    booked(cli, "C", "D", session="2023-04-28")
    refused(
        cli,
        home,
        add_args("E", "2023-03-31"),
        4,
        "The session on 2023-03-31 is full (2/2)",
        "The next session with a free place: 2023-05-26 (book by 2023-05-12)",
        "--waitlist",
    )


def test_waiting_list_keeps_its_order_and_promotes_on_withdraw(cli):
    booked(cli, "A", "B")
    for ref, position in (("W1", 1), ("W2", 2)):
        result = book(cli, ref, "2023-03-31", "--waitlist")
        assert result.exit_code == 0, result
        assert f"Waiting list: {ref}, Fri 31 Mar 2023, position {position}." in result.stdout
    cases = by_ref(cli)
    assert [cases[r]["waitlist_position"] for r in ("A", "W1", "W2")] == [None, 1, 2]
    assert cases["W1"]["waitlisted"] is True and cases["W1"]["status"] == "booked"
    result = cli("case", "withdraw", "A", "--reason", "perhe muutti")
    assert result.exit_code == 0, result
    assert result.stdout == (
        "Withdrawn: A, Fri 31 Mar 2023.\n"
        "Promoted W1 from the waiting list to a place (Fri 31 Mar 2023).\n"
    )
    cases = by_ref(cli)
    assert (cases["W1"]["waitlisted"], cases["W2"]["waitlist_position"]) == (False, 1)
    assert cases["A"]["status"] == "withdrawn"
    assert cases["A"]["withdrawn_reason"] == "perhe muutti"


def test_moving_a_booked_case_away_promotes_the_first_waiting(cli):
    booked(cli, "A", "B")
    assert book(cli, "W1", "2023-03-31", "--waitlist").exit_code == 0
    result = cli("case", "move", "B", "--session", "2023-04-28")
    assert result.exit_code == 0, result
    assert result.stdout.splitlines() == [
        "Moved: B, Fri 31 Mar 2023 → Fri 28 Apr 2023.",
        "Promoted W1 from the waiting list to a place (Fri 31 Mar 2023).",
    ]
    assert not by_ref(cli)["W1"]["waitlisted"]


def test_withdrawing_a_waiting_case_promotes_nobody(cli):
    booked(cli, "A", "B")
    for ref in ("W1", "W2"):
        assert book(cli, ref, "2023-03-31", "--waitlist").exit_code == 0
    result = cli("case", "withdraw", "W1", "--reason", "ei tarvetta")
    assert result.exit_code == 0, result
    assert "Promoted" not in result.stdout
    cases = by_ref(cli)
    assert (cases["W2"]["waitlisted"], cases["W2"]["waitlist_position"]) == (True, 1)


def test_capacity_counts_only_cases_holding_a_place(cli):
    booked(cli, "A", "B")
    cli("case", "withdraw", "A", "--reason", "peruttu")
    assert book(cli, "C").exit_code == 0


# --- questions -------------------------------------------------------------------------------


def test_questions_one_to_three(cli, home):
    booked(cli, "EXISTING")
    base = ["case", "add", "--ref", "X", *WORKER, *PLACE, "--session", "2023-03-31"]
    refused(cli, home, base, 2, "Missing: --question")
    four = [arg for n in range(4) for arg in ("-q", f"Kysymys {n}?")]
    refused(cli, home, [*base, *four], 4, "4 questions given: give 1 to 3")
    refused(cli, home, [*base, "-q", "Hyvä?", "-q", "  \t "], 4, "--question 2 is empty")
    refused(cli, home, [*base, "-q", "ä" * 1001], 4, "--question 1 has 1001 characters")
    assert book(cli, "MAX", questions=("ä" * 1000, "b", "c")).exit_code == 0


def test_questions_can_change_until_the_document_deadline(cli, home, monkeypatch):
    booked(cli, "LS-1")
    monkeypatch.setenv("MASTERGROUP_TODAY", "2023-03-24")
    result = cli("case", "edit", "LS-1", "-q", "Tarkennettu kysymys?")
    assert result.stdout == "Changed: LS-1 (questions).\nQuestions: 1 → 1.\n"  # issue 13
    monkeypatch.setenv("MASTERGROUP_TODAY", "2023-03-25")
    refused(
        cli,
        home,
        ["case", "edit", "LS-1", "-q", "Liian myöhään?"],
        4,
        "until the document deadline 2023-03-24",
    )
    result = cli("case", "edit", "LS-1", "--email", "s.s@kunta.example")  # other fields: yes
    assert result.stdout == "Changed: LS-1 (e-mail).\n"  # the field by its name (issue 14)


# --- sessions that cannot be booked -----------------------------------------------------------


def test_no_session_on_that_date(cli, home):
    booked(cli, "EXISTING")
    refused(
        cli,
        home,
        add_args("X", "2023-03-30"),
        5,
        "There is no session on 2023-03-30 (the nearest: 2023-02-24 and 2023-03-31)",
    )


def test_a_session_in_the_past(cli, home):
    booked(cli, "EXISTING")
    refused(
        cli,
        home,
        add_args("X", "2023-02-24"),
        4,
        "The session on 2023-02-24 is in the past (today is 2023-03-01)",
    )


def test_a_cancelled_session(cli, home):
    write_config(home, '[[overrides]]\naction = "cancel"\ndate = 2023-04-28\nreason = "koulutus"\n')
    booked(cli, "EXISTING")
    refused(cli, home, add_args("X", "2023-04-28"), 4, "The session on 2023-04-28 is cancelled")


def test_refusals_create_no_register(cli, home):
    refused(cli, home, add_args("X", "2023-03-30"), 5, "no session")
    refused(cli, home, ["case", "show", "X"], 5, "No case X")
    assert not data_dir(home).exists()


# --- identity codes ---------------------------------------------------------------------------

CODE = identity_code()


def everywhere_on_disk(home: Path) -> bytes:
    folder = data_dir(home)
    return b"".join(p.read_bytes() for p in folder.iterdir()) if folder.exists() else b""


@pytest.mark.parametrize(
    ("option", "field"),
    [
        ("--ref", "--ref"),
        ("--worker", "--worker"),
        ("--email", "--email"),
        ("--phone", "--phone"),
        ("--municipality", "--municipality"),
        ("--matter", "--matter"),
        ("--expertise", "--expertise 1"),
        ("-q", "--question 2"),
        ("--session", "--session"),
    ],
)
def test_an_identity_code_in_any_field_is_refused_and_written_nowhere(cli, home, option, field):
    booked(cli, "EXISTING")
    args = add_args("X", "2023-03-31", questions=("Q?",))
    value = f"tieto {CODE} tässä"
    if option in args and option != "-q":
        args[args.index(option) + 1] = value
    else:
        args += [option, value]
    line = refused(cli, home, args, 6, f"The field {field} contains what looks like a personal")
    assert CODE not in line and CODE.lower() not in line
    assert CODE.encode() not in everywhere_on_disk(home)


@pytest.mark.parametrize(
    "args",
    [
        ["case", "add", "--ref", "X", f"--question={CODE}"],
        ["case", "add", "--ref", "X", f"-q{CODE}"],
        ["case", "add", "--ref", "X", "stray", CODE],  # even an argument Click would echo
        ["case", "add", "--late", "--reason", CODE],
        ["case", "show", CODE],
        ["case", "edit", "EXISTING", "--new-ref", CODE],
        ["case", "edit", "EXISTING", "-q", "ok?", "-q", CODE.lower()],
        ["case", "withdraw", "EXISTING", "--reason", CODE],
        ["case", "move", "EXISTING", "--session", "2023-04-28", "--late", "--reason", CODE],
        ["case", "list", "--status", CODE],
    ],
)
def test_identity_codes_are_refused_by_every_command(cli, home, args):
    booked(cli, "EXISTING")
    line = refused(cli, home, args, 6, "looks like a personal identity code")
    assert CODE not in line and CODE.lower() not in line
    assert CODE.encode() not in everywhere_on_disk(home)


def test_the_privacy_refusal_speaks_the_language_given(cli, home, monkeypatch):
    monkeypatch.delenv("MASTERGROUP_LANG")
    args = add_args("X", "2023-03-31", "--lang", "sv", questions=(CODE,))
    refused(cli, home, args, 6, "Fältet --question 1 innehåller något som ser ut som")


def test_an_identity_code_typed_at_a_prompt(cli, home, monkeypatch):
    from mastergroup.cli import case_cmd

    monkeypatch.setattr(case_cmd, "_interactive", lambda: True)
    before = snapshot(home)
    answers = f"2023-03-31\nX\nSanna\nsanna@kunta.example\nJyväskylä\n{CODE}\n\n"
    result = cli("case", "add", input=answers)
    assert result.exit_code == 6, result
    assert "--question 1" in result.stderr and CODE not in result.stderr
    assert snapshot(home) == before


def test_an_identity_code_in_an_import_file(cli, home, tmp_path):
    booked(cli, "EXISTING")
    backup = json.loads(cli("case", "export").stdout)
    backup["cases"][0]["questions"].append(f"Lapsen tunnus {CODE}")
    source = tmp_path / "backup.json"
    source.write_text(json.dumps(backup), encoding="utf-8")
    cli("case", "withdraw", "EXISTING", "--reason", "tyhjennys")  # the register is not empty
    line = refused(cli, home, ["case", "import", str(source)], 6, "cases[0].questions[1]")
    assert CODE not in line


# --- other input --------------------------------------------------------------------------------


@pytest.mark.parametrize("email", ["sanna", "sanna@kunta", "sanna@@kunta.fi", "sanna kunta.fi"])
def test_an_email_that_is_not_one(cli, home, email):
    booked(cli, "EXISTING")
    args = [
        "case",
        "add",
        "--ref",
        "X",
        "--worker",
        "Sanna",
        "--email",
        email,
        *PLACE,
        "--session",
        "2023-03-31",
        "-q",
        "Q?",
    ]
    refused(cli, home, args, 2, "--email is not an e-mail address")
    refused(cli, home, ["case", "edit", "EXISTING", "--email", email], 2, "not an e-mail")


def test_missing_values_are_an_error_without_a_terminal(cli, home):
    refused(
        cli,
        home,
        ["case", "add", "--session", "2023-03-31"],
        2,
        "Missing: --ref, --worker, --email, --municipality, --question",
        "no terminal to ask on",
    )
    refused(cli, home, ["case", "add", "--ref", "X"], 2, "Missing: --session/--next")


def test_missing_values_are_asked_for_on_a_terminal(cli, monkeypatch):
    from mastergroup.cli import case_cmd

    monkeypatch.setattr(case_cmd, "_interactive", lambda: True)
    answers = "2023-03-31\nLS-9\nSanna\nsanna@kunta.example\nJyväskylä\nEka?\nToka?\n\n"
    result = cli("case", "add", input=answers)
    assert result.exit_code == 0, result
    assert "Booked: LS-9" in result.stdout
    assert by_ref(cli)["LS-9"]["questions"] == ["Eka?", "Toka?"]


def test_a_reference_is_unique_within_a_session(cli, home):
    booked(cli, "LS-1")
    refused(
        cli,
        home,
        add_args("LS-1", "2023-03-31"),
        4,
        "The reference LS-1 is already booked for 2023-03-31",
    )
    booked(cli, "LS-1", session="2023-04-28")  # another session: fine
    refused(cli, home, ["case", "show", "LS-1"], 2, "in several sessions (2023-03-31, 2023-04-28)")
    assert "Fri 28 Apr 2023" in cli("case", "show", "LS-1", "--session", "2023-04-28").stdout


# --- move, documents, status -------------------------------------------------------------------


def test_move_follows_the_booking_rules(cli, home):
    booked(cli, "A")
    booked(cli, "B", "C", session="2023-04-28")
    refused(cli, home, ["case", "move", "A", "--session", "2023-04-28"], 4, "is full")
    refused(cli, home, ["case", "move", "A", "--session", "2023-03-31"], 4, "already in")
    refused(cli, home, ["case", "move", "A", "--session", "2023-02-24"], 4, "in the past")
    refused(cli, home, ["case", "move", "NOPE", "--session", "2023-05-26"], 5, "No case NOPE")
    result = cli("case", "move", "A", "--session", "2023-04-28", "--waitlist")
    assert result.stdout.startswith("Moved to the waiting list: A, Fri 31 Mar 2023 → Fri 28 Apr")
    assert by_ref(cli)["A"]["session_date"] == "2023-04-28"


def test_documents_are_recorded_never_stored(cli, home):
    booked(cli, "LS-1")
    assert cli("case", "documents", "LS-1").stdout == "LS-1: due Fri 24 Mar 2023; received -\n"
    refused(
        cli,
        home,
        ["case", "documents", "LS-1", "--received", "--date", "2023-03-02"],
        2,
        "in the future",
    )
    result = cli("case", "documents", "LS-1", "--received")
    assert result.stdout == "Documents received: LS-1, 2023-03-01.\n"
    record = by_ref(cli)["LS-1"]
    assert (record["status"], record["documents_received"]) == ("documents_received", "2023-03-01")


def test_status_follows_the_case_life(cli, home, monkeypatch):
    booked(cli, "LS-1")
    refused(cli, home, ["case", "status", "LS-1", "discussed"], 4, "discussed on 2023-03-31")
    refused(cli, home, ["case", "status", "LS-1", "withdrawn"], 2, "case withdraw")
    refused(
        cli,
        home,
        ["case", "status", "LS-1", "statement_delivered"],
        4,
        "cannot go from 'booked' to 'statement delivered'",  # names, not keys (issue 14)
    )
    monkeypatch.setenv("MASTERGROUP_TODAY", "2023-03-31")
    for status in ("discussed", "statement_delivered"):
        assert cli("case", "status", "LS-1", status).exit_code == 0
    assert by_ref(cli)["LS-1"]["status"] == "statement_delivered"
    refused(cli, home, ["case", "withdraw", "LS-1", "--reason", "x"], 4, "cannot go from")


# --- retention --------------------------------------------------------------------------------


def test_purge_deletes_old_cases_after_confirmation_and_logs_the_count(cli, home, monkeypatch):
    booked(cli, "OLD-1", "OLD-2")
    booked(cli, "NEW", session="2023-04-28")
    monkeypatch.setenv("MASTERGROUP_TODAY", "2023-04-10")
    refused(
        cli,
        home,
        ["case", "purge", "--before", "2023-04-01"],
        2,
        "2 cases would be deleted: confirm with --yes",
    )
    refused(cli, home, ["case", "purge", "--before", "2023-04-11", "--yes"], 4, "after today")
    from mastergroup.cli import case_cmd

    monkeypatch.setattr(case_cmd, "_interactive", lambda: True)
    before = snapshot(home)
    declined = cli("case", "purge", "--before", "2023-04-01", input="n\n")
    assert "Nothing was deleted." in declined.stdout and snapshot(home) == before
    result = cli("case", "purge", "--before", "2023-04-01", input="y\n")
    assert "Deleted 2 cases (sessions before 2023-04-01)." in result.stdout
    assert list(by_ref(cli)) == ["NEW"]
    log = json.loads(cli("case", "audit", "--format", "json").stdout)
    assert (log[-1]["command"], log[-1]["count"], log[-1]["ref"]) == ("purge", 2, None)


# --- backup ---------------------------------------------------------------------------------------


def test_export_import_round_trip(cli, home, tmp_path, monkeypatch):
    booked(cli, "A", "B")
    assert book(cli, "W", "2023-03-31", "--waitlist").exit_code == 0
    cli("case", "documents", "A", "--received")
    cli("case", "withdraw", "B", "--reason", "asia ratkesi")  # promotes W
    backup = tmp_path / "backup.json"
    result = cli("case", "export", "--output", str(backup))
    assert (
        result.stdout
        == f"Backup written: {backup} (3 cases). Keep it readable by its owner only.\n"
    )
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    first = json.loads(backup.read_text(encoding="utf-8"))
    assert (first["format"], first["version"]) == ("mastergroup-backup", 5)  # issue 16: actors
    assert [c["statement_delivered"] for c in first["cases"]] == [None, None, None]

    new_register(monkeypatch, tmp_path / "restored")
    result = cli("case", "import", str(backup))
    assert result.stdout == f"Imported 3 cases and {len(first['audit'])} audit lines.\n"
    second = json.loads(cli("case", "export").stdout)
    assert second["cases"] == first["cases"]
    assert second["audit"][:-1] == first["audit"]
    assert (second["audit"][-1]["command"], second["audit"][-1]["count"]) == ("import", 3)


def test_import_refuses_a_non_empty_register_and_bad_files(cli, home, tmp_path):
    booked(cli, "A")
    backup = tmp_path / "backup.json"
    backup.write_text(cli("case", "export").stdout, encoding="utf-8")
    refused(cli, home, ["case", "import", str(backup)], 4, "already holds 1 case:")
    data = json.loads(backup.read_text(encoding="utf-8"))
    cli("case", "purge", "--before", "2023-03-01", "--yes")
    variants = {
        "not json": ("{", 2, "is not valid JSON (line 1)"),
        "not ours": (json.dumps({"format": "x"}), 2, "is not a mastergroup backup"),
        "newer": (json.dumps({**data, "version": 6}), 2, "version 6; this mastergroup reads"),
        "bad email": (
            json.dumps({**data, "cases": [{**data["cases"][0], "worker_email": "x"}]}),
            2,
            "cases[0].worker_email is not an e-mail address",
        ),
        "duplicate": (
            json.dumps({**data, "cases": data["cases"] * 2}),
            4,
            "cases[1]: the reference A appears twice",
        ),
    }
    for text, code, phrase in variants.values():
        backup.write_text(text, encoding="utf-8")
        refused(cli, home, ["case", "import", str(backup)], code, phrase)


# --- sessions show booked and free places ------------------------------------------------------


def test_sessions_show_booked_and_free_places(cli, home):
    without = cli("sessions", "--from", "2023-03-01", "--to", "2023-04-30", "--lang", "fi")
    assert without.stdout == "pe 31.3. klo 9.00–11.30\npe 28.4. klo 9.00–11.30\n"
    assert not data_dir(home).exists()  # listing sessions never creates a register
    booked(cli, "A")
    assert book(cli, "B", "2023-04-28").exit_code == 0
    cli("case", "withdraw", "B", "--reason", "x")
    text = cli("sessions", "--from", "2023-03-01", "--to", "2023-04-30", "--lang", "fi")
    assert text.stdout == "pe 31.3. klo 9.00–11.30  [1/2]\npe 28.4. klo 9.00–11.30  [0/2]\n"
    data = json.loads(cli("sessions", "--year", "2023", "--format", "json").stdout)
    march = next(s for s in data if s["date"] == "2023-03-31")
    assert (march["booked"], march["free"]) == (1, 1)


# --- the audit log -----------------------------------------------------------------------------


def test_the_audit_log_names_fields_never_values(cli, home):
    assert (
        book(
            cli, "LS-1", "2023-03-31", "--phone", "040 999", questions=("Salainen kysymys?",)
        ).exit_code
        == 0
    )
    cli("case", "edit", "LS-1", "--worker", "Sanna Uusinimi")
    cli("case", "move", "LS-1", "--session", "2023-04-28")
    log = json.loads(cli("case", "audit", "--ref", "LS-1", "--format", "json").stdout)
    assert [e["command"] for e in log] == ["add", "edit", "move"]
    assert log[1]["fields"] == ["worker"]
    if os.environ.get("MASTERGROUP_DATABASE"):  # issue 16: the rows of the PostgreSQL register
        rows = "\n".join(
            line for line in dump(os.environ["MASTERGROUP_DATABASE"]).decode().splitlines()
            if line.startswith("audit ")
        )
    else:
        with closing(sqlite3.connect(data_dir(home) / "mastergroup.db")) as conn:
            rows = repr(conn.execute("SELECT * FROM audit").fetchall())
    assert "'add'" in rows or "add" in rows
    for value in ("Salainen", "Sanna", "sanna@", "040 999", "Jyväskylä"):
        assert value not in rows


# --- help and messages ----------------------------------------------------------------------------

COMMANDS = ["add", "list", "show", "edit", "move", "withdraw", "documents", "status", "purge",
            "export", "import", "audit"]  # fmt: skip


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(run, command):
    result = run("case", command, "--help", "--lang", "en")  # tests/cli/test_help_cli.py: fi, sv
    assert result.exit_code == 0
    assert "Example" in result.stdout and f"mastergroup case {command}" in result.stdout


def test_every_case_key_used_exists_in_the_catalog():
    import inspect

    from mastergroup.cli import case_cmd
    from mastergroup.core import booking
    from mastergroup.present import cases as output_cases
    from mastergroup.register import store
    from mastergroup.services import cases

    modules = (booking, store, cases, case_cmd, output_cases)
    source = "".join(inspect.getsource(m) for m in modules)
    used = set(re.findall(r'"(case\.[a-z_.]+)"', source))
    assert len(used) > 40
    assert used <= CATALOG.keys(), used - CATALOG.keys()
    for prefix, count in (("case.status.", 6), ("case.matter.", 6)):  # + waitlisted; + eho (15)
        assert sum(k.startswith(prefix) for k in CATALOG) == count


def test_dates_in_results_follow_the_language(cli):
    result = book(cli, "A", "2023-03-31", "--lang", "sv")
    assert result.stdout == "Bokat: A, fre 31.3.2023 (1/2 platser bokade).\n"
    assert date(2023, 3, 31).isoformat() in cli("case", "list", "--format", "json").stdout


def test_export_to_a_missing_folder_is_refused_and_creates_nothing(cli, tmp_path):
    booked(cli, "A")
    target = tmp_path / "no-such-folder" / "backup.json"
    result = cli("case", "export", "--output", str(target))
    assert result.exit_code == 7 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "no-such-folder" in result.stderr
    assert not target.parent.exists()
