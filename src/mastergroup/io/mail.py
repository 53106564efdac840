"""Mail: the SMTP server's parameters, RFC 5322 messages, and sending them.

Messages are `email.message.EmailMessage` with the SMTP policy: CRLF, headers RFC 2047-encoded,
bodies UTF-8 in a 7-bit transfer encoding, so `as_bytes()` is the same whatever the locale
(cron's LANG=C) and any server takes it. Every header value passes `header_text`, which turns
CR, LF and other control characters into spaces: no value can start a header of its own.
Sending maps every failure of the server, the network or TLS to a one-line MailError (exit 8)
naming the server and what failed, up to the server's acceptance of the message: what fails
after it (QUIT) is not a failure, the message was delivered. email, smtplib and ssl are
imported inside the functions.
"""

from __future__ import annotations

import functools
import os
import re
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mastergroup.core.errors import ConfigError, MailError
from mastergroup.i18n.messages import Phrase, os_reason

if TYPE_CHECKING:
    import email.policy
    import smtplib
    from email.message import EmailMessage


_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029\x85]+")


def header_text(value: str) -> str:
    """A value safe for a header: control characters (CR and LF among them) become a space."""
    return _CONTROL.sub(" ", value).strip()


@dataclass(frozen=True)
class MailConfig:
    host: str
    port: int
    security: str  # starttls | tls | none
    user: str
    password: str = ""  # never from the TOML: see config/mail.py
    ca_file: str = ""
    sender: str = ""
    timeout: float = 30.0

    @property
    def server(self) -> str:
        return f"{self.host}:{self.port}"


def read_password_file(path: str) -> str:
    """The first line of the password file; ConfigError if group or others may open it.

    The mode is read from the open file (fstat), so it is the file actually read, and it is
    checked before a byte of the password is: a password others could read is no secret.
    """
    try:
        with Path(path).expanduser().open("rb") as f:
            mode = stat.S_IMODE(os.fstat(f.fileno()).st_mode)
            if os.name == "posix" and mode & 0o077:
                raise ConfigError("mail.password_file_open", file=path, mode=f"{mode:04o}")
            lines = f.read().decode("utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError("mail.password_file_unreadable", file=path, detail=os_reason(e)) from None
    return lines[0] if lines else ""


@dataclass(frozen=True)
class Attachment:
    data: bytes
    maintype: str
    subtype: str
    filename: str
    params: tuple[tuple[str, str], ...] = ()


# --- the Subject, encoded by us (issue 13) -----------------------------------------------------
# Python's header folding splits and re-joins RFC 2047 encoded words so that decoders show a
# doubled or a lost space in about a third of real group names ("…Finlands  välfärdsområde").
# So a Subject that is not short plain ASCII is written here as encoded words only (RFC 2047
# section 5: the white space between two encoded words is not part of the text), each word
# whole UTF-8 characters, one word a line, and the policy below leaves it exactly as written.

# 39 bytes are 52 base64 characters: "=?utf-8?b?...?=" is 64, a line at most 74 with "Subject: "
_WORD_BYTES = 39
_PLAIN_MAX = 78 - len("Subject: ")


class _Encoded(str):
    """A header value already encoded and folded (lines separated by "\n")."""

    __slots__ = ()


def encoded_words(value: str) -> str:
    """`value` as RFC 2047 "B" encoded words of whole characters, one a line (folded)."""
    import base64

    words: list[str] = []
    chunk: list[str] = []
    size = 0
    for char in value:
        n = len(char.encode("utf-8"))
        if chunk and size + n > _WORD_BYTES:
            words.append("".join(chunk))
            chunk, size = [], 0
        chunk.append(char)
        size += n
    if chunk:
        words.append("".join(chunk))
    encoded = [
        "=?utf-8?b?" + base64.b64encode(w.encode("utf-8")).decode("ascii") + "?=" for w in words
    ]
    return "\n ".join(encoded)


def _subject(value: str) -> str:
    text = header_text(value)
    plain = text.isascii() and "=?" not in text and len(text) <= _PLAIN_MAX
    return text if plain or not text else _Encoded(encoded_words(text))


@functools.cache
def _policy() -> email.policy.EmailPolicy:
    from email.policy import SMTP, EmailPolicy

    class Policy(EmailPolicy):
        """The SMTP policy, except that a value encoded by us is stored and written as is."""

        def header_store_parse(self, name: str, value: Any) -> tuple[str, Any]:
            if isinstance(value, _Encoded):
                return (name, str(value))
            return super().header_store_parse(name, value)

    return Policy(**{k: getattr(SMTP, k) for k in ("linesep", "max_line_length")})


def _domain(sender: str) -> str:
    from email.utils import parseaddr

    address = parseaddr(sender)[1]
    return address.rpartition("@")[2] if "@" in address else ""


def build_message(
    *,
    sender: str,
    to: Sequence[str],
    subject: str,
    text: str,
    html: str,
    attachments: Sequence[Attachment] = (),
    message_id_domain: str = "",
) -> EmailMessage:
    """A multipart/alternative message (plain text first, HTML preferred), with attachments.

    The Message-ID's domain is the sender's (`message_id_domain` overrides it)."""
    from email.message import EmailMessage
    from email.utils import formatdate, make_msgid

    msg = EmailMessage(policy=_policy())
    msg["From"] = header_text(sender)
    msg["To"] = ", ".join(header_text(a) for a in to)
    msg["Subject"] = _subject(subject)
    msg["Date"] = formatdate(localtime=False, usegmt=True)
    domain = header_text(message_id_domain or _domain(sender)) or "mastergroup"
    msg["Message-ID"] = make_msgid(domain=domain)
    msg["Auto-Submitted"] = "auto-generated"  # RFC 3834: no vacation replies to a cron job
    msg.set_content(text, subtype="plain", charset="utf-8", cte="quoted-printable")
    msg.add_alternative(html, subtype="html", charset="utf-8", cte="quoted-printable")
    for a in attachments:
        msg.add_attachment(
            a.data,
            maintype=a.maintype,
            subtype=a.subtype,
            filename=header_text(a.filename),
            params=dict(a.params),
        )
    return msg


def as_bytes(msg: EmailMessage) -> bytes:
    """The message as bytes on the wire (CRLF line ends, 7-bit)."""
    return msg.as_bytes()


def send(config: MailConfig, msg: EmailMessage, recipients: Sequence[str]) -> None:
    """Hand the message to the server; MailError (exit 8) with the server and the failure.

    Returns only when the server accepted it for every recipient.
    """
    import smtplib
    import ssl

    if not recipients:
        raise MailError("mail.no_recipients")
    server = config.server
    try:
        context = ssl.create_default_context(cafile=config.ca_file or None)
    except (OSError, ssl.SSLError) as e:
        raise MailError("mail.ca_file", file=config.ca_file, detail=_detail(e)) from None
    step = "connect"
    try:
        smtp: smtplib.SMTP
        if config.security == "tls":
            smtp = smtplib.SMTP_SSL(
                config.host, config.port, timeout=config.timeout, context=context
            )
        else:
            smtp = smtplib.SMTP(config.host, config.port, timeout=config.timeout)
        accepted = False
        try:
            if config.security == "starttls":
                step = "starttls"
                smtp.starttls(context=context)
            if config.user:
                step = "login"
                try:
                    smtp.login(config.user, config.password)
                except UnicodeEncodeError:  # smtplib sends AUTH as ASCII only
                    raise MailError("mail.auth_failed", server=server, detail="non-ASCII") from None
            step = "send"
            refused = smtp.send_message(msg, from_addr=config.sender, to_addrs=list(recipients))
            if refused:
                raise MailError("mail.refused", server=server, detail=_refused(refused))
            accepted = True
        finally:
            # Not `with smtp`: its QUIT raises on an error reply, which would report a message
            # the server already accepted as refused (and mask the real error of a failure).
            if accepted:
                _quit(smtp)
            else:
                smtp.close()
    except MailError:
        raise
    except smtplib.SMTPAuthenticationError as e:
        raise MailError("mail.auth_failed", server=server, detail=_smtp_detail(e)) from None
    except smtplib.SMTPNotSupportedError:
        raise MailError("mail.not_supported", server=server, step=step) from None
    except smtplib.SMTPRecipientsRefused as e:
        raise MailError("mail.refused", server=server, detail=_refused(e.recipients)) from None
    except (smtplib.SMTPResponseException, smtplib.SMTPSenderRefused) as e:
        raise MailError("mail.refused", server=server, detail=_smtp_detail(e)) from None
    except ssl.SSLError as e:
        raise MailError("mail.tls_failed", server=server, detail=_detail(e)) from None
    except TimeoutError:
        raise MailError("mail.timeout", server=server, step=step, seconds=config.timeout) from None
    except (OSError, smtplib.SMTPException) as e:
        raise MailError("mail.failed", server=server, step=step, detail=_detail(e)) from None


def _quit(smtp: smtplib.SMTP) -> None:
    """Say goodbye after the server accepted the message (the end of DATA, RFC 5321 4.1.1.4):
    it is delivered, so an error reply, a timeout or a dropped line at QUIT loses nothing."""
    import smtplib

    try:
        smtp.quit()
    except (smtplib.SMTPException, OSError):
        smtp.close()


def _detail(e: BaseException) -> Phrase | str:
    import ssl

    if isinstance(e, ssl.SSLError) and e.reason:
        return str(e.reason)
    if isinstance(e, OSError) and e.strerror:
        return os_reason(e)
    return header_text(str(e))[:120] or type(e).__name__


def _smtp_detail(e: Exception) -> str:
    code = getattr(e, "smtp_code", "")
    raw = getattr(e, "smtp_error", b"")
    text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
    return header_text(f"{code} {text}")[:160]


def _refused(refused: dict[str, tuple[int, bytes]]) -> str:
    return "; ".join(
        f"{addr}: {code} {msg.decode('utf-8', 'replace')}" for addr, (code, msg) in refused.items()
    )[:200]
