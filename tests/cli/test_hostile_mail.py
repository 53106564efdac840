"""Issue 11, mail and Markdown: a slow or odd SMTP server, a loose password file, hostile text.

The SMTP server is real (aiosmtpd on loopback, tests/smtpd.py), `remind` and `case add` run as
separate processes against one SQLite file, and Markdown is read back by a CommonMark parser
(markdown-it-py, which Rich already brings). Invented people and values only.
"""

from __future__ import annotations

import asyncio
import os
import stat
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from typing import Any

import pytest
from markdown_it import MarkdownIt

from tests.cli import test_agenda_cli
from tests.cli.test_agenda_cli import mail_config
from tests.cli.test_case_cli import add_args
from tests.conftest import assert_user_error, query, snapshot, write_config
from tests.smtpd import Inbox, smtp_server

booked = test_agenda_cli.booked  # two bookings for 31.3.2023 (fixture), made on 2023-03-01
pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
DUE = "2023-03-24"  # the agenda and the missing-documents reminder of 31.3.2023 are due
STALL = 3.0  # seconds the slow server waits before it answers DATA


@dataclass
class SlowInbox(Inbox):
    """Waits `delay` seconds before it answers DATA; `data_started` is set when DATA arrives."""

    delay: float = 0.0
    data_started: threading.Event = field(default_factory=threading.Event)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.data_started.set()
        await asyncio.sleep(self.delay)
        return await super().handle_DATA(server, session, envelope)


@dataclass
class QuitFails(Inbox):
    """Accepts every message, then answers QUIT with an error."""

    quit_reply: str = "421 4.3.0 closing after a local error"

    async def handle_QUIT(self, server: Any, session: Any, envelope: Any) -> str:
        return self.quit_reply


def sent_rows(home):
    return query(home, "SELECT key, kind, slot, recipients FROM sent ORDER BY key")


def mastergroup(*args: str) -> list[str]:
    return [sys.executable, "-m", "mastergroup", *args]


def env_on(day: str) -> dict[str, str]:
    return {**os.environ, "MASTERGROUP_TODAY": day, "MASTERGROUP_LANG": "en"}


# --- remind does not hold the register's lock while it talks to the server ---------------------


@pytest.mark.usefixtures("backend")  # issue 16: on SQLite and on PostgreSQL
def test_a_booking_does_not_wait_for_a_slow_mail_server(booked, home):
    inbox = SlowInbox(delay=STALL)
    with smtp_server(inbox) as (box, port):
        mail_config(home, port)
        remind = subprocess.Popen(
            mastergroup("remind"), env=env_on(DUE), stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        try:
            assert inbox.data_started.wait(60), "remind never reached DATA"
            started = time.monotonic()
            add = subprocess.run(
                mastergroup(*add_args("LS-3", "2023-04-28")), env=env_on(DUE),
                capture_output=True, text=True, check=False, timeout=60,
            )  # fmt: skip
            took = time.monotonic() - started
            stalled = not box.envelopes  # the server still sits on the first message
        finally:
            out, err = remind.communicate(timeout=120)
    assert add.returncode == 0, add.stderr
    assert add.stdout.startswith("Booked: LS-3")
    assert stalled and took < STALL - 1.0, f"the booking took {took:.2f} s"
    assert remind.returncode == 0, err
    assert "Sent: agenda:2023-03" in out and "Sent: documents:2023-03" in out
    assert [k for k, *_ in sent_rows(home)] == ["agenda:2023-03", "documents:2023-03"]


def test_several_remind_processes_at_once_send_each_message_once(backend, booked, home):
    def host(n: int) -> dict[str, str]:
        env = env_on(DUE)
        if backend == "postgresql":  # issue 16: four cron hosts, each with a home of its own:
            env["MASTERGROUP_HOME"] = str(home / f"host-{n}")  # only the database is shared
        return env

    with smtp_server(SlowInbox(delay=0.5)) as (box, port):
        mail_config(home, port)
        runs = [
            subprocess.Popen(
                mastergroup("remind"),
                env=host(n),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for n in range(4)
        ]
        outcomes = [(p.wait(timeout=120), *p.communicate()) for p in runs]
        received = len(box.envelopes)
    for code, _, err in outcomes:
        assert code == 0 and "Traceback" not in err, err
    assert received == 2
    lines = [line for _, out, _ in outcomes for line in out.splitlines()]
    assert sorted(line for line in lines if line.startswith("Sent:")) == [
        "Sent: agenda:2023-03 (3 recipients)",
        "Sent: documents:2023-03 (1 recipient)",
    ]
    assert sum(line.startswith("Already sent:") for line in lines) == 2 * 3
    assert sent_rows(home) == [
        ("agenda:2023-03", "agenda", "2023-03", 3),
        ("documents:2023-03", "documents", "2023-03", 1),
    ]


@pytest.mark.usefixtures("backend")
def test_agenda_send_does_not_hold_the_lock_either(booked, home):
    inbox = SlowInbox(delay=STALL)
    with smtp_server(inbox) as (_, port):
        mail_config(home, port)
        send = subprocess.Popen(
            mastergroup("agenda", "--send"), env=env_on(DUE), stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        try:
            assert inbox.data_started.wait(60), "agenda --send never reached DATA"
            started = time.monotonic()
            add = subprocess.run(
                mastergroup(*add_args("LS-3", "2023-04-28")), env=env_on(DUE),
                capture_output=True, text=True, check=False, timeout=60,
            )  # fmt: skip
            took = time.monotonic() - started
        finally:
            _, err = send.communicate(timeout=120)
    assert add.returncode == 0 and send.returncode == 0, (add.stderr, err)
    assert took < STALL - 1.0, f"the booking took {took:.2f} s"
    assert sent_rows(home) == [("agenda:2023-03", "agenda", "2023-03", 3)]


# --- a server that accepts the message and then fails at QUIT ----------------------------------


@pytest.mark.parametrize("reply", ["421 4.3.0 closing after a local error", "554 5.0.0 no"])
def test_a_failure_at_quit_counts_as_sent(booked, home, monkeypatch, reply):
    monkeypatch.setenv("MASTERGROUP_TODAY", DUE)
    with smtp_server(QuitFails(quit_reply=reply)) as (box, port):
        mail_config(home, port)
        first = booked("remind", "--lang", "en")
        second = booked("remind", "--lang", "en")
        received = len(box.envelopes)
    assert first.exit_code == 0, first
    assert "Sent: agenda:2023-03" in first.stdout and first.stderr == ""
    assert second.exit_code == 0 and "Sent:" not in second.stdout, second
    assert "Already sent: agenda:2023-03" in second.stdout
    assert received == 2  # the second run sent nothing again
    assert [k for k, *_ in sent_rows(home)] == ["agenda:2023-03", "documents:2023-03"]


def test_agenda_send_with_a_failure_at_quit_is_sent(booked, home, monkeypatch):
    monkeypatch.setenv("MASTERGROUP_TODAY", DUE)
    with smtp_server(QuitFails()) as (box, port):
        mail_config(home, port)
        result = booked("agenda", "--send", "--lang", "en")
        received = len(box.envelopes)
    assert result.exit_code == 0 and result.stderr == "", result
    assert received == 1 and sent_rows(home) == [("agenda:2023-03", "agenda", "2023-03", 3)]


def test_a_refusal_before_quit_is_still_a_failure(booked, home, monkeypatch):
    monkeypatch.setenv("MASTERGROUP_TODAY", DUE)
    with smtp_server(QuitFails(reply="554 5.7.1 spam")) as (_, port):
        mail_config(home, port)
        result = booked("remind", "--lang", "en")
    assert "554 5.7.1" in assert_user_error(result, 8)
    assert sent_rows(home) == []


# --- the password file is the owner's only ------------------------------------------------------

LOGIN = ("koordinoija", "salasana-keksitty")


def password_config(home, port: int):
    secret = home / "smtp-password"
    secret.write_text(LOGIN[1] + "\n", encoding="utf-8")
    mail_config(home, port, f'user = "{LOGIN[0]}"\npassword_file = "{secret}"\n')
    return secret


@pytest.mark.parametrize("mode", [0o644, 0o640, 0o604, 0o660])
def test_a_password_file_others_can_read_is_refused(booked, home, monkeypatch, mode):
    monkeypatch.setenv("MASTERGROUP_TODAY", DUE)
    with smtp_server(login=LOGIN) as (box, port):
        secret = password_config(home, port)
        secret.chmod(mode)
        before = snapshot(home / "home")
        result = booked("remind", "--lang", "en")
        received = len(box.envelopes)
    line = assert_user_error(result, 3)
    assert str(secret) in line and f"chmod 600 {secret}" in line
    assert LOGIN[1] not in line
    assert received == 0
    assert snapshot(home / "home") == before


def test_a_password_file_refused_in_finnish(booked, home, monkeypatch):
    monkeypatch.setenv("MASTERGROUP_TODAY", DUE)
    secret = password_config(home, 2525)
    secret.chmod(0o644)
    line = assert_user_error(booked("agenda", "--send"), 3)
    assert "chmod 600" in line and "salasanatiedosto" in line.lower()


def test_an_owner_only_password_file_logs_in(booked, home, monkeypatch):
    monkeypatch.setenv("MASTERGROUP_TODAY", DUE)
    with smtp_server(login=LOGIN) as (box, port):
        secret = password_config(home, port)
        secret.chmod(0o600)
        result = booked("remind", "--lang", "en")
        received = len(box.envelopes)
    assert result.exit_code == 0, result
    assert received == 2 and stat.S_IMODE(secret.stat().st_mode) == 0o600


# --- Markdown outputs escape what Markdown would interpret -------------------------------------

SCRIPT = "<script>alert(1)</script>"
HOSTILE_PLACE = f"Jyväskylä {SCRIPT} | extra cell"
HOSTILE_QUESTIONS = (
    "Mitä <img src=x onerror=alert(1)> tarkoittaa?",
    "[klikkaa](javascript:alert(1)) ja **lihavoitu** ja `koodi` ja &lt;b&gt;",
    "# otsikko\n- lista\n<iframe src=x></iframe>",
)


def commonmark(text: str) -> str:
    return MarkdownIt("commonmark").enable("table").render(text)


def assert_inert(html: str) -> None:
    """No tag, link or emphasis came from a case's text."""
    for made in (
        "<script",
        "<img",
        "<iframe",
        "<a ",
        "<strong>lihavoitu",
        "<code>",
        "<ul>\n<li>lista",
    ):
        assert made not in html, (made, html)
    assert html.count("<h1>") == 1, html  # only the document's own heading, no "# otsikko"


@pytest.fixture
def hostile(run, home, monkeypatch):
    monkeypatch.setenv("MASTERGROUP_TODAY", "2023-03-01")
    # --expertise takes only an area of experts.areas (issue 14): a county's own area name is
    # where hostile expertise text can still come from (and old registers' free texts)
    write_config(home, '[experts]\nareas = ["growth_development", "health_care", "law", '
                 '"law | *child psychiatry*"]\n')  # fmt: skip
    args = ["case", "add", "--ref", "LS-1", "--session", "2023-03-31", "--worker",
            "Sanna | Sosiaalityöntekijä <b>", "--email", "sanna_s@kunta.example",
            "--municipality", HOSTILE_PLACE, "--expertise", "law | *child psychiatry*"]  # fmt: skip
    for q in HOSTILE_QUESTIONS:
        args += ["-q", q]
    result = run(*args)
    assert result.exit_code == 0, result
    return run


def test_agenda_markdown_shows_case_text_and_runs_nothing(hostile):
    result = hostile("agenda", "--session", "2023-03-31", "--format", "markdown", "--lang", "en")
    assert result.exit_code == 0, result
    html = commonmark(result.stdout)
    assert_inert(html)
    assert "Jyväskylä &lt;script&gt;alert(1)&lt;/script&gt; | extra cell" in html
    assert "[klikkaa](javascript:alert(1)) ja **lihavoitu** ja `koodi` ja &amp;lt;b&amp;gt;" in html
    assert "law | *child psychiatry*" in html
    assert "Sanna | Sosiaalityöntekijä &lt;b&gt; &lt;sanna_s@kunta.example&gt;" in html


def test_statement_markdown_keeps_its_table_and_runs_nothing(hostile, monkeypatch):
    monkeypatch.setenv("MASTERGROUP_TODAY", "2023-04-03")
    result = hostile("statement", "LS-1", "--format", "md", "--lang", "en", "-o", "-")
    assert result.exit_code == 0, result
    html = commonmark(result.stdout)
    assert_inert(html)
    rows = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0].split("<tr>")[1:]
    assert len(rows) == 4 and all(r.count("<td>") == 2 for r in rows), rows
    assert "Sanna | Sosiaalityöntekijä &lt;b&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    for heading in ("<h3>1. ", "<h3>2. ", "<h3>3. "):
        assert heading in html


def test_statement_text_stays_as_written(hostile, monkeypatch):
    monkeypatch.setenv("MASTERGROUP_TODAY", "2023-04-03")
    result = hostile("statement", "LS-1", "--format", "txt", "--lang", "en", "-o", "-")
    assert result.exit_code == 0, result
    assert "Sanna | Sosiaalityöntekijä <b>, " in result.stdout
    for n, question in enumerate(HOSTILE_QUESTIONS, start=1):
        assert f"{n}. {question}\n" in result.stdout
    assert "\\" not in result.stdout and "&amp;" not in result.stdout


def test_agenda_text_and_json_stay_as_written(hostile):
    text = hostile("agenda", "--session", "2023-03-31", "--format", "text", "--lang", "en")
    assert HOSTILE_PLACE in text.stdout and "&amp;" not in text.stdout
    assert f"1. {HOSTILE_QUESTIONS[0]}\n" in text.stdout and "\\" not in text.stdout
    data = hostile("agenda", "--session", "2023-03-31", "--format", "json").stdout
    assert SCRIPT in data.replace("\\u003c", "<")


ROUND_TRIP = [
    SCRIPT,
    "a | b | c",
    "[x](javascript:alert(1)) ![y](http://x.example/y.png)",
    "**b** __b__ *i* _i_ ~~s~~ `c` ``c``",
    "AT&T &amp; &#60;script&#62; <!-- c --> <sanna@kunta.example> <https://x.example>",
    "# h",
    "###### h",
    "- item",
    "+ item",
    "* item",
    "1. item",
    "12) item",
    "> quote",
    "---",
    "===",
    "```",
    "~~~",
    "\\*not emphasis\\* and a trailing backslash \\",
    "5.4.2023 and 9.00–11.30 stay as they are",
]


@pytest.mark.parametrize("text", ROUND_TRIP)
@pytest.mark.parametrize("where", ["{}", "- **Label:** {}", "  1. {}", "### 1. {}", "| x | {} |"])
def test_escaped_text_renders_as_typed(text, where):
    from html import escape as html_escape

    from mastergroup.present.markdown import escape

    source = where.format(escape(text))
    if where.startswith("|"):
        source = "| a | b |\n| --- | --- |\n" + source
    html = commonmark(source)
    assert html_escape(text, quote=False) in html.replace("&quot;", '"'), (source, html)
    assert "<script" not in html and "<a " not in html and "<img" not in html


def test_a_line_break_in_a_value_becomes_a_space():
    from mastergroup.present.markdown import escape

    # one line: the "#" and "-" are inside it, where they start nothing
    assert escape("first line\r\n\n   # second\u2028- third") == "first line # second - third"
    assert escape("# first\nsecond") == "\\# first second"
