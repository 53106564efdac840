"""Issue 13: the agenda the experts have is the agenda that is true.

Through the CLI against a real SMTP server on loopback: a changed agenda goes out again as an
update (same UID, higher SEQUENCE), `agenda --send` twice needs `--again`, the session's experts
get the agenda, the dry run checks the mail configuration. Bookings as in test_remind_cli: the
session of 31.3.2023, its agenda due from 24.3.
"""

from __future__ import annotations

import os
import re
from email import policy
from email.header import decode_header, make_header
from email.parser import BytesParser

import icalendar
import pytest
import vobject

from tests.cli import test_agenda_cli
from tests.cli.test_agenda_cli import RECIPIENTS, mail_config
from tests.cli.test_case_cli import WORKER
from tests.conftest import query, write_config
from tests.smtpd import smtp_server

# issue 16: every test here runs on both backends, SQLite and PostgreSQL (tests/conftest.py)
pytestmark = pytest.mark.usefixtures("backend")

COORDINATOR = "koordinoija@hyvinvointialue.example"
booked = test_agenda_cli.booked  # LS-1 and LS-2 in the session of 31.3.2023 (capacity 2)
UID = "keski-suomi-2023-03@mastergroup"


@pytest.fixture
def on_day(monkeypatch):
    return lambda day: monkeypatch.setenv("MASTERGROUP_TODAY", day)


def _event(message):
    [part] = [p for p in message.iter_attachments() if p.get_content_type() == "text/calendar"]
    data = part.get_content()
    data = data.encode("utf-8") if isinstance(data, str) else data
    [event] = icalendar.Calendar.from_ical(data).walk("VEVENT")
    return event


def _text(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def _sent(home):
    return query(home, "SELECT key, sequence FROM sent WHERE kind = 'agenda'")


def _waitlisted(run) -> None:
    args = ["case", "add", "--session", "2023-03-31", "--ref", "W-1", *WORKER, "--waitlist"]
    args += ["--municipality", "Laukaa", "--matter", "other", "-q", "Mitä tehdään?"]
    result = run(*args)
    assert result.exit_code == 0, result


def test_a_withdrawal_after_sending_sends_an_update(booked, home, on_day, capsys):
    _waitlisted(booked)
    with smtp_server() as (box, port):
        mail_config(home, port)
        on_day("2023-03-24")
        assert booked("remind", "--lang", "en").exit_code == 0
        on_day("2023-03-27")
        withdrawn = booked("case", "withdraw", "LS-1", "--reason", "perhe muutti", "--lang", "en")
        assert withdrawn.exit_code == 0, withdrawn
        assert "W-1" in withdrawn.stdout  # promoted
        assert (
            "The agenda of the session Fri 31 Mar 2023 9:00–11:30 was already sent and has "
            "changed: `mastergroup remind` will send the experts an update."
        ) in withdrawn.stderr
        update = booked("remind", "--lang", "en")
        again = booked("remind", "--lang", "en")
    assert update.exit_code == 0 and "Sent: agenda:2023-03#2" in update.stdout, update
    assert "Already sent: agenda:2023-03#" not in update.stdout
    assert "Sent:" not in again.stdout and "Already sent: agenda:2023-03" in again.stdout
    agendas = [
        (m, e) for m, e in zip(box.messages, box.envelopes, strict=True) if "agenda" in m["Subject"]
    ]
    (first, _), (changed, envelope) = agendas
    assert "UPDATED agenda" in changed["Subject"] and "UPDATED" not in first["Subject"]
    assert _text(changed).startswith("UPDATE: the agenda has changed since it was sent.")
    assert "W-1" in _text(changed) and "LS-1" not in _text(changed)
    assert "W-1" not in _text(first)
    old, new = _event(first), _event(changed)
    assert str(old["UID"]) == str(new["UID"]) == UID
    assert int(new["SEQUENCE"]) == int(old["SEQUENCE"]) + 1
    assert sorted(envelope.rcpt_tos) == sorted([*RECIPIENTS, COORDINATOR])
    assert _sent(home) == [("agenda:2023-03", 0), ("agenda:2023-03#2", 1)]
    if os.environ.get("MASTERGROUP_SHOW_MAIL") == "1":  # the update mail as the server got it
        with capsys.disabled():
            raw = (envelope.original_content or envelope.content).decode("ascii")
            print("\n--- update mail as received ---\n" + raw)


def test_documents_arriving_change_the_agenda(booked, home, on_day):
    with smtp_server() as (box, port):
        mail_config(home, port)
        on_day("2023-03-24")
        assert booked("remind", "--lang", "en").exit_code == 0
        received = booked("case", "documents", "LS-2", "--received", "--lang", "en")
        assert "will send the experts an update" in received.stderr, received
        assert "Sent: agenda:2023-03#2" in booked("remind", "--lang", "en").stdout
        unchanged = booked("case", "documents", "LS-2", "--lang", "en")
        assert "update" not in unchanged.stderr
        other_language = booked("remind", "--lang", "sv")  # the same agenda, other words
        assert "Skickat" not in other_language.stdout, other_language
    changed = [m for m in box.messages if "UPDATED" in m["Subject"]]
    assert len(changed) == 1 and "2023-03-24" in _text(changed[0])


def test_agenda_send_twice_needs_again(booked, home, on_day):
    on_day("2023-03-20")
    with smtp_server() as (box, port):
        mail_config(home, port)
        first = booked("agenda", "--send", "--lang", "en")
        second = booked("agenda", "--send", "--lang", "en")
        assert len(box.envelopes) == 1
        again = booked("agenda", "--send", "--again", "--lang", "en")
    assert first.exit_code == 0, first
    assert second.exit_code == 4 and second.stderr.count("\n") == 1, second
    sent_at = r"\(\d{4}-\d\d-\d\d \d\d:\d\d\)"  # when it went, on the clock
    said = "mastergroup: the agenda of this session was already sent"
    assert re.match(f"{said} {sent_at}", second.stderr)
    assert "send it again with --again" in second.stderr
    assert again.exit_code == 0 and "Agenda sent to 3 recipients" in again.stdout, again
    assert len(box.envelopes) == 2
    assert _sent(home) == [("agenda:2023-03", 0), ("agenda:2023-03#2", 0)]  # nothing changed


def test_the_sessions_experts_get_the_agenda_each_once(booked, home, on_day):
    expert = ["expert", "add", "--name", "Lea Lakimies", "--title", "lakimies", "--area", "law"]
    assert booked(*expert, "--email", "lea@hyvinvointialue.example").exit_code == 0
    twin = ["expert", "add", "--name", "Toinen", "--title", "psykologi", "--area", "law"]
    assert booked(*twin, "--email", RECIPIENTS[0].upper()).exit_code == 0  # also a recipient
    attend = ["session", "experts", "2023-03-31", "--add", "Lea Lakimies", "--add", "Toinen"]
    assert booked(*attend).exit_code == 0
    with smtp_server() as (box, port):
        mail_config(home, port)
        on_day("2023-03-20")
        result = booked("agenda", "--send", "--lang", "en")
    assert result.exit_code == 0 and "Agenda sent to 4 recipients" in result.stdout, result
    [envelope] = box.envelopes
    expected = ["lea@hyvinvointialue.example", RECIPIENTS[0].upper(), RECIPIENTS[1], COORDINATOR]
    assert envelope.rcpt_tos == expected


def test_the_experts_alone_are_enough(booked, home, on_day):
    args = ["expert", "add", "--name", "Lea Lakimies", "--title", "lakimies", "--area", "law"]
    assert booked(*args, "--email", "lea@hyvinvointialue.example").exit_code == 0
    assert booked("session", "experts", "2023-03-31", "--add", "Lea Lakimies").exit_code == 0
    on_day("2023-03-24")
    with smtp_server() as (box, port):
        write_config(home, f'[mail]\nhost = "127.0.0.1"\nport = {port}\nsecurity = "none"\n')
        result = booked("remind", "--lang", "en")
    assert "Sent: agenda:2023-03" in result.stdout, result
    pairs = zip(box.messages, box.envelopes, strict=True)
    agenda = next(e for m, e in pairs if "agenda" in m["Subject"])
    assert agenda.rcpt_tos == ["lea@hyvinvointialue.example", COORDINATOR]


def test_the_dry_run_checks_the_mail_configuration(booked, home, on_day):
    on_day("2023-03-24")
    write_config(home, f"[mail]\nrecipients = {RECIPIENTS!r}\n".replace("'", '"'))
    dry = booked("remind", "--dry-run", "--lang", "en")
    real = booked("remind", "--lang", "en")
    assert dry.exit_code == real.exit_code == 3, (dry, real)
    assert dry.stderr == real.stderr
    assert dry.stderr.startswith("mastergroup: ") and "'mail.host'" in dry.stderr
    assert dry.stderr.count("\n") == 1 and "Traceback" not in dry.stderr


def test_the_dry_run_checks_the_password_too(booked, home, on_day):
    on_day("2023-03-24")
    mail_config(home, 2525, 'user = "koordinoija"\npassword_env = "MG_TEST_UNSET_PASSWORD"\n')
    dry = booked("remind", "--dry-run", "--lang", "en")
    assert dry.exit_code == 3 and "MG_TEST_UNSET_PASSWORD" in dry.stderr, dry


def test_the_update_is_in_the_backup(booked, home, on_day, tmp_path):
    with smtp_server() as (_, port):
        mail_config(home, port)
        on_day("2023-03-24")
        assert booked("remind").exit_code == 0
    out = tmp_path / "backup.json"
    assert booked("case", "export", "-o", str(out)).exit_code == 0
    import json

    [agenda] = [r for r in json.loads(out.read_text("utf-8"))["sent"] if r["kind"] == "agenda"]
    assert agenda["fingerprint"].startswith("a1:") and agenda["sequence"] == 0


# --- the Subject: every decoder shows the intended text ---------------------------------------

NAMES = [
    f"{prefix} {region}"
    for region in (
        "Varsinais-Suomen hyvinvointialue",
        "Egentliga Finlands välfärdsområde",
        "Pohjois-Pohjanmaan hyvinvointialue",
        "Österbottens välfärdsområde",
        "Länsi-Uudenmaan hyvinvointialue",
        "Västra Nylands välfärdsområde",
        "Etelä-Karjalan hyvinvointialue",
        "Keski-Suomen hyvinvointialue",
        "Päijät-Hämeen hyvinvointialue",
        "Itä-Uudenmaan hyvinvointialue",
        "Östra Nylands välfärdsområde",
        "Kanta-Hämeen hyvinvointialue",
        "Kymenlaakson hyvinvointialue",
        "Lapin hyvinvointialue",
        "Helsingin kaupunki",
    )
    for prefix in (
        "Lastensuojelun moniammatillinen asiantuntijaryhmä,",
        "Barnskyddets expertgrupp,",
        "Master –",
        "LS-asiantuntijaryhmä (Master)",
    )
]


def test_every_decoder_shows_the_subject_as_meant():
    from mastergroup.io.mail import build_message

    assert len(NAMES) == 60
    for name in NAMES:
        for subject in (
            f"{name}: föredragningslista fre 31.3.2023 kl. 9.00–11.30",
            f"{name}:  two  spaces",
            f"{name} =?utf-8?q?not_a_word?=",
            name,
        ):
            msg = build_message(
                sender=COORDINATOR, to=RECIPIENTS, subject=subject, text="x", html="<p>x</p>"
            )
            data = msg.as_bytes()
            assert all(len(line) <= 78 for line in data.split(b"\r\n"))
            modern = BytesParser(policy=policy.default).parsebytes(data)
            old = BytesParser(policy=policy.compat32).parsebytes(data)
            assert str(modern["Subject"]) == subject
            assert str(make_header(decode_header(old["Subject"]))) == subject
            assert modern["Message-ID"].endswith("@hyvinvointialue.example>")


def test_the_mailed_subject_decodes_exactly(booked, home, on_day):
    name = "Lastensuojelun moniammatillinen asiantuntijaryhmä, Egentliga Finlands välfärdsområde"
    on_day("2023-03-20")
    with smtp_server() as (box, port):
        mail_config(home, port)
        config = home / "config.toml"
        text = config.read_text("utf-8")
        old = 'name_sv = "Barnskyddets multiprofessionella expertgrupp"'
        assert old in text
        config.write_text(text.replace(old, f'name_sv = "{name}"'), "utf-8")
        assert booked("agenda", "--send", "--lang", "sv").exit_code == 0
    [envelope] = box.envelopes
    raw = envelope.original_content or envelope.content
    old = BytesParser(policy=policy.compat32).parsebytes(raw)
    expected = f"{name}: föredragningslista fre 31.3.2023 kl. 9.00–11.30"
    assert str(box.messages[0]["Subject"]) == expected
    assert str(make_header(decode_header(old["Subject"]))) == expected


# --- ORGANIZER --------------------------------------------------------------------------------


def test_the_ics_has_an_organizer(run, home):
    result = run("ics", "--year", "2024")
    assert result.exit_code == 0, result
    data = result.stdout.encode("utf-8")
    for event in icalendar.Calendar.from_ical(data).walk("VEVENT"):
        organizer = event["ORGANIZER"]
        assert str(organizer) == f"mailto:{COORDINATOR}"
        assert organizer.params["CN"] == "Kaija Koordinoija"
    parsed = vobject.readOne(data.decode("utf-8"))
    for event in parsed.vevent_list:
        assert event.organizer.value == f"mailto:{COORDINATOR}"
        assert event.organizer.params["CN"] == ["Kaija Koordinoija"]
