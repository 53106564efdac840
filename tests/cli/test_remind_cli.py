"""`mastergroup remind` (cron): what is due today goes out once, a failure loses nothing.

Bookings are made on 2023-03-01 for the session of 31.3.2023 (cutoff 17.3., documents due
24.3.); the agenda is due from 24.3. (7 days before), so is the missing-documents reminder.
"""

from __future__ import annotations

import json

import pytest

from tests.cli import test_agenda_cli
from tests.cli.test_agenda_cli import mail_config
from tests.conftest import query, write_config
from tests.smtpd import Inbox, free_port, smtp_server

# issue 16: every test here runs on both backends, SQLite and PostgreSQL (tests/conftest.py)
pytestmark = pytest.mark.usefixtures("backend")

COORDINATOR = "koordinoija@hyvinvointialue.example"
booked = test_agenda_cli.booked  # the same two bookings (fixture)


def sent_rows(home):
    return query(home, "SELECT key, kind, slot, recipients FROM sent ORDER BY key")


@pytest.fixture
def on_day(monkeypatch):
    def set_day(day: str) -> None:
        monkeypatch.setenv("MASTERGROUP_TODAY", day)

    return set_day


def test_twice_on_the_same_day_sends_once(booked, home, on_day):
    on_day("2023-03-24")
    with smtp_server() as (box, port):
        mail_config(home, port)
        first = booked("remind", "--lang", "en")
        second = booked("remind", "--lang", "en")
    assert first.exit_code == 0 and second.exit_code == 0, (first, second)
    assert "Sent: agenda:2023-03" in first.stdout and "Sent: documents:2023-03" in first.stdout
    assert "Already sent: agenda:2023-03" in second.stdout and "Sent:" not in second.stdout
    assert len(box.envelopes) == 2
    by_subject = {m["Subject"]: (m, e) for m, e in zip(box.messages, box.envelopes, strict=True)}
    documents = next(v for k, v in by_subject.items() if "documents missing" in k)
    assert documents[1].rcpt_tos == [COORDINATOR]
    text = documents[0].get_body(preferencelist=("plain",)).get_content()
    assert "LS-1" in text and "LS-2" in text
    assert sent_rows(home) == [
        ("agenda:2023-03", "agenda", "2023-03", 3),
        ("documents:2023-03", "documents", "2023-03", 1),
    ]


def test_nothing_due_before_the_window(booked, home, on_day):
    on_day("2023-03-20")
    mail_config(home, free_port())
    result = booked("remind", "--lang", "en")
    assert result.exit_code == 0 and "Nothing to send today (2023-03-20)" in result.stdout


def test_a_failure_records_nothing_and_the_next_run_sends(booked, home, on_day):
    on_day("2023-03-24")
    port = free_port()
    mail_config(home, port)
    down = booked("remind", "--lang", "en")
    assert down.exit_code == 8
    assert down.stderr.count("\n") == 1 and f"127.0.0.1:{port}" in down.stderr
    assert sent_rows(home) == []
    with smtp_server() as (box, _):
        config = home / "config.toml"
        config.write_text(
            config.read_text("utf-8").replace(f"port = {port}", f"port = {_}"), "utf-8"
        )
        again = booked("remind", "--lang", "en")
    assert again.exit_code == 0 and len(box.envelopes) == 2
    assert [k for k, *_ in sent_rows(home)] == ["agenda:2023-03", "documents:2023-03"]


def test_a_refusing_server(booked, home, on_day):
    on_day("2023-03-24")
    with smtp_server(Inbox(reply="554 5.7.1 spam")) as (_, port):
        mail_config(home, port)
        result = booked("remind", "--lang", "en")
    assert result.exit_code == 8 and "554" in result.stderr and sent_rows(home) == []


def test_dry_run_sends_and_records_nothing(booked, home, on_day):
    on_day("2023-03-25")
    with smtp_server() as (box, port):
        mail_config(home, port)
        result = booked("remind", "--dry-run", "--lang", "en")
    assert result.exit_code == 0
    assert "Would send: agenda:2023-03" in result.stdout
    assert "Would send: documents:2023-03" in result.stdout and COORDINATOR in result.stdout
    assert box.envelopes == []
    assert sent_rows(home) == []


def test_cutoff_notice_to_the_units(run, home, on_day):
    on_day("2023-03-01")
    from tests.cli.test_case_cli import add_args

    assert run(*add_args("LS-9")).exit_code == 0
    on_day("2023-03-10")
    units = ["perhesosiaalityo@kunta.example", "lastensuojelu@kunta.example"]
    with smtp_server() as (box, port):
        mail_config(home, port, f"units = {json.dumps(units)}\n")
        result = run("remind", "--lang", "en")
    assert result.exit_code == 0, result
    assert "Sent: cutoff:2023-03" in result.stdout
    [envelope] = box.envelopes
    assert envelope.rcpt_tos == units
    text = box.messages[0].get_body(preferencelist=("plain",)).get_content()
    assert "1 of 2 places free" in text and "Book by 2023-03-17" in text


def test_statements_not_delivered(booked, home, on_day):
    on_day("2023-04-03")
    assert booked("case", "status", "LS-1", "discussed").exit_code == 0
    on_day("2023-04-14")
    with smtp_server() as (box, port):
        mail_config(home, port)
        result = booked("remind", "--lang", "en")
    assert "Sent: statements:2023-03" in result.stdout, result
    [envelope] = box.envelopes
    assert envelope.rcpt_tos == [COORDINATOR]
    text = box.messages[0].get_body(preferencelist=("plain",)).get_content()
    assert "LS-1" in text and "LS-2" not in text


def test_no_recipients_is_skipped_with_the_key_to_set(booked, home, on_day):
    on_day("2023-03-24")
    write_config(home, '[mail]\nhost = "127.0.0.1"\nsecurity = "none"\n')  # no recipients
    result = booked("remind", "--dry-run", "--lang", "en")
    assert "Skipped agenda:2023-03: no recipient (set mail.recipients)" in result.stdout
