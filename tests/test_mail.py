"""mail.py against a real SMTP server on loopback: what arrives, and every way it can fail."""

from __future__ import annotations

import ssl
from pathlib import Path

import pytest
import trustme

from mastergroup.core.errors import MailError
from mastergroup.io.mail import Attachment, MailConfig, as_bytes, build_message, header_text, send
from tests.smtpd import Inbox, free_port, smtp_server

SENDER = "koordinoija@hyvinvointialue.example"
TO = ["asiantuntija@hyvinvointialue.example"]


def message(subject: str = "Asialista pe 31.3.2023", text: str = "Jyväskylä\n") -> object:
    return build_message(
        sender=SENDER,
        to=TO,
        subject=subject,
        text=text,
        html=f"<p>{text}</p>",
        attachments=[
            Attachment(
                b"BEGIN:VCALENDAR\r\nMETHOD:PUBLISH\r\nEND:VCALENDAR\r\n",
                "text",
                "calendar",
                "master.ics",
                (("method", "PUBLISH"), ("charset", "utf-8")),
            )
        ],
    )


def config(port: int, **extra: object) -> MailConfig:
    values: dict[str, object] = {
        "host": "127.0.0.1",
        "port": port,
        "security": "none",
        "user": "",
        "sender": SENDER,
        "timeout": 5.0,
    }
    values.update(extra)
    return MailConfig(**values)  # type: ignore[arg-type]


def test_the_server_receives_both_parts_and_the_attachment():
    with smtp_server() as (box, port):
        send(config(port), message(), TO)  # type: ignore[arg-type]
    [received] = box.messages
    assert box.envelopes[0].mail_from == SENDER and box.envelopes[0].rcpt_tos == TO
    assert received["Subject"] == "Asialista pe 31.3.2023"
    assert received["Auto-Submitted"] == "auto-generated"
    body = received.get_body(preferencelist=("plain",))
    assert body is not None and body.get_content().replace("\r\n", "\n") == "Jyväskylä\n"
    html = received.get_body(preferencelist=("html",))
    assert html is not None and "Jyväskylä" in html.get_content()
    [ics] = list(received.iter_attachments())
    assert ics.get_content_type() == "text/calendar"
    assert ics.get_param("method") == "PUBLISH" and ics.get_filename() == "master.ics"


def test_no_value_can_inject_a_header():
    evil = "Jyväskylä\r\nBcc: evil@x.example\nX-Evil: 1"
    msg = message(subject=evil, text=evil)
    raw = as_bytes(msg)  # type: ignore[arg-type]
    head = raw.split(b"\r\n\r\n", 1)[0].split(b"\r\n")
    assert not any(line.startswith((b"Bcc", b"X-Evil")) for line in head)
    assert header_text(evil) == "Jyväskylä Bcc: evil@x.example X-Evil: 1"
    with smtp_server() as (box, port):
        send(config(port), msg, TO)  # type: ignore[arg-type]
    [received] = box.messages
    assert received["Bcc"] is None and received["X-Evil"] is None
    assert box.envelopes[0].rcpt_tos == TO


def test_message_bytes_are_7bit_and_need_no_locale():
    raw = as_bytes(message())  # type: ignore[arg-type]
    raw.decode("ascii")  # every non-ASCII character is transfer-encoded
    assert b"\r\n" in raw


def test_a_refusing_server_is_a_one_line_mail_error():
    refusing = smtp_server(Inbox(reply="554 5.7.1 Rejected by policy"))
    with refusing as (_, port), pytest.raises(MailError) as e:
        send(config(port), message(), TO)  # type: ignore[arg-type]
    assert e.value.exit_code == 8 and e.value.key == "mail.refused"
    assert f"127.0.0.1:{port}" in str(e.value) and "554" in str(e.value)
    assert "\n" not in str(e.value)


def test_a_server_that_is_down():
    port = free_port()
    with pytest.raises(MailError) as e:
        send(config(port), message(), TO)  # type: ignore[arg-type]
    assert e.value.key == "mail.failed" and f"127.0.0.1:{port}" in str(e.value)
    assert "connect" in str(e.value)


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_a_refused_login():
    with smtp_server(login=("koordinoija", "oikea")) as (box, port):
        with pytest.raises(MailError) as e:
            send(config(port, user="koordinoija", password="väärä"), message(), TO)  # type: ignore[arg-type]
        assert e.value.key == "mail.auth_failed" and f"127.0.0.1:{port}" in str(e.value)
        send(config(port, user="koordinoija", password="oikea"), message(), TO)  # type: ignore[arg-type]
    assert len(box.messages) == 1


@pytest.fixture(scope="module")
def tls(tmp_path_factory: pytest.TempPathFactory) -> tuple[ssl.SSLContext, Path]:
    """A CA made here, a server certificate for 127.0.0.1, and the CA's PEM file."""
    ca = trustme.CA()
    server = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(server)
    pem = tmp_path_factory.mktemp("ca") / "ca.pem"
    ca.cert_pem.write_to_path(str(pem))
    return server, pem


def test_starttls_with_a_ca_from_the_configuration(tls):
    server_context, ca_file = tls
    with smtp_server(tls_context=server_context) as (box, port):
        send(config(port, security="starttls", ca_file=str(ca_file)), message(), TO)  # type: ignore[arg-type]
    assert len(box.messages) == 1


def test_starttls_refuses_an_untrusted_certificate(tls):
    server_context, _ = tls
    with smtp_server(tls_context=server_context) as (box, port), pytest.raises(MailError) as e:
        send(config(port, security="starttls"), message(), TO)  # type: ignore[arg-type]
    assert e.value.key == "mail.tls_failed" and f"127.0.0.1:{port}" in str(e.value)
    assert "CERTIFICATE_VERIFY_FAILED" in str(e.value)
    assert box.messages == []


def test_without_starttls_a_server_that_requires_it_refuses(tls):
    server_context, _ = tls
    with smtp_server(tls_context=server_context) as (box, port), pytest.raises(MailError) as e:
        send(config(port), message(), TO)  # type: ignore[arg-type]
    assert e.value.exit_code == 8 and box.messages == []
