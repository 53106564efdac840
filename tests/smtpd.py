"""A real SMTP server on loopback for the mail tests (aiosmtpd), with a free port each time."""

from __future__ import annotations

import socket
import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Inbox:
    """What the server received; `reply` is its answer to DATA (e.g. "554 ..." to refuse)."""

    reply: str = "250 Message accepted for delivery"
    envelopes: list[Any] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.reply.startswith("250"):
            self.envelopes.append(envelope)
        return self.reply

    @property
    def messages(self) -> list[EmailMessage]:
        parser = BytesParser(policy=policy.default)
        return [parser.parsebytes(e.original_content or e.content) for e in self.envelopes]


@contextmanager
def smtp_server(
    inbox: Inbox | None = None,
    *,
    tls_context: ssl.SSLContext | None = None,
    login: tuple[str, str] | None = None,
) -> Iterator[tuple[Inbox, int]]:
    """Serve on 127.0.0.1:<free port>; STARTTLS required when `tls_context` is given; a
    required login when `login` is given (plain auth, allowed without TLS for the test)."""
    box = inbox or Inbox()
    port = free_port()
    kwargs: dict[str, Any] = {}
    if tls_context is not None:
        kwargs.update(tls_context=tls_context, require_starttls=True)
    if login is not None:

        def check(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> Any:
            ok = data.login.decode() == login[0] and data.password.decode() == login[1]
            return AuthResult(success=ok, handled=False)

        kwargs.update(authenticator=check, auth_required=True, auth_require_tls=False)
    controller = Controller(box, hostname="127.0.0.1", port=port, **kwargs)
    controller.start()
    try:
        yield box, port
    finally:
        controller.stop()
