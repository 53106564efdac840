"""Dates, times and session notes as each language writes them (CLDR data through Babel).

Babel is imported inside the functions: it costs ~30 ms that commands without dates skip.
fi: `pe 27.1.` and `klo 9.00–11.30`; sv (Finland): `fre 27.1.` and `kl. 9.00–11.30`;
en: `Fri 27 Jan` and `9:00–11:30`.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from mastergroup.messages import render
from mastergroup.model import Change, ChangeKind, Session

if TYPE_CHECKING:
    from mastergroup.settings import Settings

_LOCALE = {"fi": "fi_FI", "sv": "sv_FI", "en": "en_GB"}
_SHORT = {"fi": "EEE d.M.", "sv": "EEE d.M.", "en": "EEE d MMM"}
_LONG = {"fi": "EEEE d.M.yyyy", "sv": "EEEE d.M.yyyy", "en": "EEEE d MMMM yyyy"}
_TIME = {"fi": "H.mm", "sv": "H.mm", "en": "H:mm"}
_AT = {"fi": "klo ", "sv": "kl. ", "en": ""}


def locale(lang: str) -> str:
    return _LOCALE.get(lang, "fi_FI")


def short_date(day: date, lang: str) -> str:
    """`pe 27.1.` / `fre 27.1.` / `Fri 27 Jan`."""
    from babel.dates import format_date

    return format_date(day, _SHORT.get(lang, _SHORT["fi"]), locale=locale(lang))


def long_date(day: date, lang: str) -> str:
    """`perjantai 27.1.2023` / `fredag 27.1.2023` / `Friday 27 January 2023`."""
    from babel.dates import format_date

    return format_date(day, _LONG.get(lang, _LONG["fi"]), locale=locale(lang))


def time_range(start: datetime, end: datetime, lang: str) -> str:
    """`klo 9.00–11.30` / `kl. 9.00–11.30` / `9:00–11:30`."""
    from babel.dates import format_time

    pattern, loc = _TIME.get(lang, _TIME["fi"]), locale(lang)
    first = format_time(start, pattern, locale=loc)
    return f"{_AT.get(lang, _AT['fi'])}{first}–{format_time(end, pattern, locale=loc)}"


def published(session: Session, lang: str) -> str:
    """One session as the county publishes it: `pe 27.1. klo 9.00–11.30`."""
    return f"{short_date(session.date, lang)} {time_range(session.start, session.end, lang)}"


def month_name(month: int, lang: str) -> str:
    from babel.dates import get_month_names

    return str(get_month_names("wide", "stand-alone", locale=locale(lang))[month]).capitalize()


def weekday_names(lang: str) -> list[str]:
    """Monday-first two-letter weekday names for calendar grids."""
    from babel.dates import get_day_names

    names = get_day_names("short", locale=locale(lang))
    return [str(names[i]).capitalize() for i in range(7)]


def change_note(change: Change, lang: str) -> str:
    """Why a session moved or was cancelled, in `lang`."""
    params: dict[str, object] = {"from_date": change.from_date, "to_date": change.to_date}
    if change.day_off is not None:
        params["day_off"] = change.day_off.name(lang)
    key = {
        ChangeKind.DAY_OFF_MOVED: "note.day_off_moved",
        ChangeKind.DAY_OFF_CANCELLED: "note.day_off_cancelled",
        ChangeKind.OVERRIDE_MOVED: "note.override_moved",
        ChangeKind.OVERRIDE_CANCELLED: "note.override_cancelled",
        ChangeKind.EXTRA: "note.extra",
    }[change.kind]
    if change.kind is ChangeKind.OVERRIDE_MOVED and change.from_date == change.to_date:
        key = "note.override_retimed"
    text = render(key, lang, **params)
    return f"{text} ({change.reason})" if change.reason else text


def session_note(session: Session, lang: str) -> str:
    """All of a session's changes, in order, as one line ("" when it is as the rule gives)."""
    return "; ".join(change_note(c, lang) for c in session.changes)


def location(settings: Settings, lang: str) -> str:
    """Where sessions are held, as calendars and tables show it: the address, or "Teams"."""
    mode = settings.text("location.mode")
    address = settings.text("location.address")
    if mode == "in_person" and address:
        return address
    if mode == "hybrid" and address:
        return f"Teams / {address}"
    return render(f"location.{mode}", lang)
