"""Where sessions are held, as calendars, tables, agendas and statements show it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mastergroup.core.model import Mode
from mastergroup.i18n.messages import render

if TYPE_CHECKING:
    from mastergroup.config.settings import Settings


def location(settings: Settings, lang: str) -> str:
    """Where sessions are held, as calendars and tables show it: the address, or "Teams"."""
    mode = settings.location.mode
    address = settings.location.address
    if mode is Mode.IN_PERSON and address:
        return address
    if mode is Mode.HYBRID and address:
        return f"Teams / {address}"
    return render(f"location.{mode.value}", lang)
