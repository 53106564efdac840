"""The configuration's mail section, turned into the server to send through (io.mail)."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from mastergroup.core.errors import ConfigError
from mastergroup.io.mail import MailConfig, read_password_file

if TYPE_CHECKING:
    from mastergroup.config.settings import Settings


def _password(settings: Settings, file: str) -> str:
    path = settings.text("mail.password_file")
    if path:
        return read_password_file(path)
    variable = settings.text("mail.password_env")
    value = os.environ.get(variable, "") if variable else ""
    if not value:
        raise ConfigError("mail.no_password", file=file, variable=variable or "?")
    return value


def check_no_password(settings: Settings) -> None:
    """A password written into the TOML is refused (its value was never kept)."""
    if settings.values.get("mail.password"):
        raise ConfigError("mail.password_in_config", file=settings.source)


def sender(settings: Settings) -> str:
    """From: mail.sender, else coordinator.email; ConfigError naming the key if neither."""
    address = settings.text("mail.sender") or settings.text("coordinator.email")
    if not address:
        raise ConfigError("mail.not_configured", file=settings.source, key="mail.sender")
    return address


def mail_config(settings: Settings) -> MailConfig:
    """The server to send through; ConfigError naming the key to set when it cannot work."""
    check_no_password(settings)
    host = settings.text("mail.host")
    if not host:
        raise ConfigError("mail.not_configured", file=settings.source, key="mail.host")
    user = settings.text("mail.user")
    return MailConfig(
        host=host,
        port=settings.number("mail.port"),
        security=settings.text("mail.security"),
        user=user,
        password=_password(settings, settings.source) if user else "",
        ca_file=settings.text("mail.ca_file"),
        sender=sender(settings),
        timeout=float(settings.number("mail.timeout_seconds")),
    )
