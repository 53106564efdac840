"""The configuration's mail section, turned into the server to send through (io.mail)."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from mastergroup.config.spec import Mail
from mastergroup.core.errors import ConfigError
from mastergroup.io.mail import MailConfig, read_password_file

if TYPE_CHECKING:
    from mastergroup.config.settings import Settings


def _password(settings: Settings, file: str) -> str:
    path = settings.mail.password_file
    if path:
        return read_password_file(path)
    variable = settings.mail.password_env
    value = os.environ.get(variable, "") if variable else ""
    if not value:
        raise ConfigError("mail.no_password", file=file, variable=variable or "?")
    return value


def check_no_password(settings: Settings) -> None:
    """A password written into the TOML is refused (its value was never kept)."""
    if settings.mail.password:
        raise ConfigError("mail.password_in_config", file=settings.source)


def sender(settings: Settings) -> str:
    """From: mail.sender, else coordinator.email; ConfigError naming the key if neither."""
    address = settings.mail.sender or settings.coordinator.email
    if not address:
        raise ConfigError("mail.not_configured", file=settings.source, key=Mail.sender.path)
    return address


def mail_config(settings: Settings) -> MailConfig:
    """The server to send through; ConfigError naming the key to set when it cannot work."""
    check_no_password(settings)
    host = settings.mail.host
    if not host:
        raise ConfigError("mail.not_configured", file=settings.source, key=Mail.host.path)
    user = settings.mail.user
    return MailConfig(
        host=host,
        port=settings.mail.port,
        security=settings.mail.security,
        user=user,
        password=_password(settings, settings.source) if user else "",
        ca_file=settings.mail.ca_file,
        sender=sender(settings),
        timeout=float(settings.mail.timeout_seconds),
    )
