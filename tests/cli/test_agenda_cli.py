"""`mastergroup agenda` as a user runs it: formats, languages, the e-mail message and --send.

Today is pinned to 2023-03-01; two cases are booked into the session of 31.3.2023
(klo 9.00–11.30, capacity 2): with a 10-minute break each gets 70 minutes.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from email import policy
from email.parser import BytesParser

import pytest

from tests.cli.test_case_cli import WORKER
from tests.conftest import write_config
from tests.smtpd import Inbox, free_port, smtp_server

# issue 16: every test here runs on both backends, SQLite and PostgreSQL (tests/conftest.py)
pytestmark = pytest.mark.usefixtures("backend")

RECIPIENTS = ["asiantuntija1@hyvinvointialue.example", "asiantuntija2@hyvinvointialue.example"]


def mail_config(home, port: int = 25, extra: str = "") -> None:
    write_config(
        home,
        f'[mail]\nhost = "127.0.0.1"\nport = {port}\nsecurity = "none"\n'
        f"recipients = {json.dumps(RECIPIENTS)}\ntimeout_seconds = 5\n{extra}",
    )


@pytest.fixture
def booked(run, monkeypatch):
    monkeypatch.setenv("MASTERGROUP_TODAY", "2023-03-01")
    for ref, place, matter, questions in (
        ("LS-1", "Jyväskylä", "care_order_preparation", ("Onko huostaanotto tarpeen?",)),
        ("LS-2", "Äänekoski", "substitute_care", ("Miten tukea sijoitusta?", "Entä koulu?")),
    ):
        args = ["case", "add", "--session", "2023-03-31", "--ref", ref, *WORKER]
        args += ["--municipality", place, "--matter", matter, "--expertise", "law"]
        for q in questions:
            args += ["-q", q]
        result = run(*args)
        assert result.exit_code == 0, result
    return run


def test_text_shows_slots_cases_questions_documents_and_worker(booked):
    result = booked("agenda")
    assert result.exit_code == 0, result
    out = result.stdout
    assert "Asialista: pe 31.3.2023 klo 9.00–11.30" in out
    assert "1. klo 9.00–10.10" in out and "2. klo 10.20–11.30" in out
    expected = ["LS-1", "Jyväskylä", "huostaanoton valmistelu", "Onko huostaanotto tarpeen?"]
    expected += ["eivät ole saapuneet", "Sanna Sosiaalityöntekijä", "Äänekoski", "Entä koulu?"]
    for text in expected:
        assert text in out
    assert "\x1b[" not in out  # no colour into a pipe
    assert "│" not in out and "┃" not in out  # plain lines, no table, into a pipe or cron mail


def test_session_option_and_languages(booked):
    sv = booked("agenda", "--session", "2023-03-31", "--format", "markdown", "--lang", "sv")
    assert "Föredragningslista: fre 31.3.2023 kl. 9.00–11.30" in sv.stdout
    assert "### 1. kl. 9.00–10.10 — LS-1" in sv.stdout
    en = booked("agenda", "--format", "markdown", "--lang", "en")
    assert "## Agenda: Fri 31 Mar 2023 9:00–11:30" in en.stdout
    assert "care order preparation" in en.stdout


def test_json_contract(booked):
    data = json.loads(booked("agenda", "--format", "json").stdout)
    assert data["session"]["date"] == "2023-03-31" and data["break_minutes"] == 10
    assert [c["ref"] for c in data["cases"]] == ["LS-1", "LS-2"]
    first = data["cases"][0]
    assert first["start"] == "2023-03-31T09:00:00+03:00"
    assert first["end"] == "2023-03-31T10:10:00+03:00"
    assert set(first) >= {
        "number", "start", "end", "ref", "municipality", "matter", "expertise", "questions",
        "status", "documents_received", "documents_due", "worker", "worker_email",
    }  # fmt: skip


def test_no_session_on_the_date(booked):
    result = booked("agenda", "--session", "2023-03-30")
    assert result.exit_code == 5 and result.stderr.startswith("mastergroup: ")


def test_break_minutes_is_configuration(booked, home):
    write_config(home, "[agenda]\nbreak_minutes = 0\n")
    data = json.loads(booked("agenda", "--format", "json").stdout)
    assert data["cases"][0]["end"] == "2023-03-31T10:15:00+03:00"
    assert data["cases"][1]["start"] == "2023-03-31T10:15:00+03:00"


def parse(raw: bytes):
    return BytesParser(policy=policy.default).parsebytes(raw)


def email_bytes(home) -> bytes:
    """`agenda --format email` in a subprocess with LANG=C, as cron runs it."""
    env = {**os.environ, "LANG": "C", "LC_ALL": "C", "PYTHONIOENCODING": "", "PYTHONUTF8": "0"}
    done = subprocess.run(
        [sys.executable, "-m", "mastergroup", "agenda", "--format", "email"],
        capture_output=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert b"Error" not in done.stderr  # a warning (issue 6) may go to stderr; no failure
    return done.stdout


def test_email_format_is_a_complete_message_under_lang_c(booked, home):
    mail_config(home)
    raw = email_bytes(home)
    msg = parse(raw)
    assert msg["To"].addresses[0].addr_spec == RECIPIENTS[0]
    assert "koordinoija@hyvinvointialue.example" in str(msg["To"])
    assert msg["From"] == "koordinoija@hyvinvointialue.example"
    assert msg["Subject"] == (
        "Lastensuojelun moniammatillinen asiantuntijaryhmä: asialista pe 31.3.2023 klo 9.00–11.30"
    )
    text = msg.get_body(preferencelist=("plain",)).get_content()
    html = msg.get_body(preferencelist=("html",)).get_content()
    for part in (text, html):
        assert "LS-1" in part and "Jyväskylä" in part and "huostaanoton valmistelu" in part
        assert "Äänekoski" in part and "sijaishuolto" in part
        assert "Onko huostaanotto" not in part  # questions stay out of mail by default
        assert "sanna@kunta.example" not in part
    assert "asiantuntijaryhmä" in text
    [ics] = list(msg.iter_attachments())
    assert ics.get_content_type() == "text/calendar" and ics.get_param("method") == "PUBLISH"
    calendar = ics.get_content()
    calendar = calendar.decode() if isinstance(calendar, bytes) else calendar
    assert "METHOD:PUBLISH" in calendar and "UID:keski-suomi-2023-03@mastergroup" in calendar


def test_include_questions(booked, home):
    mail_config(home, extra="")
    write_config(home, "[agenda]\ninclude_questions = true\n")
    msg = parse(email_bytes(home))
    assert "Onko huostaanotto tarpeen?" in msg.get_body(preferencelist=("plain",)).get_content()
    assert "Entä koulu?" in msg.get_body(preferencelist=("html",)).get_content()


def test_the_ics_uid_is_the_calendar_exports(booked, home):
    mail_config(home)
    msg = parse(email_bytes(home))
    [ics] = list(msg.iter_attachments())
    content = ics.get_content()
    attached = content.decode() if isinstance(content, bytes) else content
    exported = booked("ics", "--year", "2023").stdout
    uid = "UID:keski-suomi-2023-03@mastergroup"
    assert uid in attached and uid in exported


def test_send_delivers_to_the_experts_and_the_coordinator(booked, home):
    with smtp_server() as (box, port):
        mail_config(home, port)
        result = booked("agenda", "--send", "--lang", "en")
    assert result.exit_code == 0, result
    assert f"127.0.0.1:{port}" in result.stdout
    [envelope] = box.envelopes
    assert set(envelope.rcpt_tos) == {*RECIPIENTS, "koordinoija@hyvinvointialue.example"}
    [msg] = box.messages
    assert msg["Subject"].startswith("Child welfare multiprofessional expert group: agenda")
    assert "LS-2" in msg.get_body(preferencelist=("plain",)).get_content()


def test_send_to_a_server_that_is_down(booked, home):
    port = free_port()
    mail_config(home, port)
    result = booked("agenda", "--send", "--lang", "en")
    assert result.exit_code == 8
    assert result.stderr.count("\n") == 1 and f"127.0.0.1:{port}" in result.stderr
    assert result.stdout == ""


def test_send_refused(booked, home):
    with smtp_server(Inbox(reply="554 5.7.1 no thanks")) as (_, port):
        mail_config(home, port)
        result = booked("agenda", "--send", "--lang", "en")
    assert result.exit_code == 8 and "554" in result.stderr


def test_mail_not_configured_names_the_key(booked):
    result = booked("agenda", "--send", "--lang", "en")
    assert result.exit_code == 3 and "mail.host" in result.stderr
    result = booked("agenda", "--format", "email", "--lang", "en")
    assert result.exit_code == 3 and "mail.recipients" in result.stderr


def test_a_password_in_the_toml_is_refused_without_echoing_it(booked, home):
    mail_config(home, extra='password = "salainen-123"\n')
    for args in (("agenda", "--send"), ("agenda", "--format", "email"), ("remind",)):
        result = booked(*args, "--lang", "en")
        assert result.exit_code == 3, result
        assert "mail.password_env" in result.stderr and "mail.password_file" in result.stderr
        assert "salainen" not in result.stderr + result.stdout


def test_password_from_the_environment(booked, home, monkeypatch):
    monkeypatch.setenv("MG_TEST_PW", "oikea")
    with smtp_server(login=("koordinoija", "oikea")) as (box, port):
        mail_config(home, port, 'user = "koordinoija"\npassword_env = "MG_TEST_PW"\n')
        assert booked("agenda", "--send").exit_code == 0
        monkeypatch.delenv("MG_TEST_PW")
        result = booked("agenda", "--send", "--lang", "en")
        assert result.exit_code == 3 and "MG_TEST_PW" in result.stderr
    assert len(box.envelopes) == 1


def test_password_from_a_file(booked, home, tmp_path):
    secret = tmp_path / "smtp-password"
    secret.write_text("oikea\n", encoding="utf-8")
    secret.chmod(0o600)  # owner-only, or it is refused (issue 11)
    with smtp_server(login=("koordinoija", "oikea")) as (box, port):
        mail_config(home, port, f'user = "koordinoija"\npassword_file = "{secret}"\n')
        assert booked("agenda", "--send").exit_code == 0
    assert len(box.envelopes) == 1


pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
