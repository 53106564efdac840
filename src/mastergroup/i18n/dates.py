"""Dates, times and session notes as each language writes them (CLDR names, Babel's patterns).

fi: `pe 27.1.` and `klo 9.00–11.30`; sv (Finland): `fre 27.1.` and `kl. 9.00–11.30`;
en: `Fri 27 Jan` and `9:00–11:30`. The weekday and month names are CLDR's, generated into
cldr_names.py by scripts/gen_cldr_names.py with a pinned Babel (importing Babel costs ~45 ms
of every command, so the tool never does). The generated file is the source of truth;
tests/test_localize.py checks the words themselves.

Finnish inflects the weekday: on its own or after a label it is nominative (`Kokous:
perjantai 31.3.2023`, `long_date`), inside a sentence essive (`kokous pidettiin perjantaina
31.3.2023`, `sentence_date`). Swedish and English have one form.
"""

from __future__ import annotations

from datetime import date, datetime

from mastergroup.core.model import Change, ChangeKind, Session
from mastergroup.i18n.cldr_names import NAMES
from mastergroup.i18n.messages import day_off_name, render


def _names(lang: str) -> dict[str, list[str]]:
    return NAMES.get(lang, NAMES["fi"])


def short_date(day: date, lang: str) -> str:
    """`pe 27.1.` / `fre 27.1.` / `Fri 27 Jan` (CLDR `EEE d.M.` / `EEE d MMM`)."""
    names = _names(lang)
    weekday = names["weekday_abbr"][day.weekday()]
    if lang == "en":
        return f"{weekday} {day.day} {names['month_abbr'][day.month - 1]}"
    return f"{weekday} {day.day}.{day.month}."


def long_date(day: date, lang: str) -> str:
    """`perjantai 27.1.2023` / `fredag 27.1.2023` / `Friday 27 January 2023` (after a label)."""
    return _wide_date(day, lang, "weekday_wide")


def sentence_date(day: date, lang: str) -> str:
    """`perjantaina 31.3.2023` / `fredag 31.3.2023` / `Friday 31 March 2023`: inside a sentence."""
    return _wide_date(day, lang, "weekday_wide_format")


def _wide_date(day: date, lang: str, weekdays: str) -> str:
    """The date with its weekday written out, the weekday from the CLDR list `weekdays`."""
    names = _names(lang)
    weekday = names[weekdays][day.weekday()]
    if lang == "en":
        return f"{weekday} {day.day} {names['month_wide_format'][day.month - 1]} {day.year}"
    return f"{weekday} {day.day}.{day.month}.{day.year}"


def clock(moment: datetime, lang: str) -> str:
    """`9.00` (fi, sv) / `9:00` (en): CLDR `H.mm` / `H:mm`."""
    sep = ":" if lang == "en" else "."
    return f"{moment.hour}{sep}{moment.minute:02d}"


def time_range(start: datetime, end: datetime, lang: str) -> str:
    """`klo 9.00–11.30` / `kl. 9.00–11.30` / `9:00–11:30` (the catalogs' `time.range`)."""
    return render("time.range", lang, start=clock(start, lang), end=clock(end, lang))


def dated(day: date, lang: str, year: bool = False) -> str:
    """`pe 27.1.`, or with `year` (a listing that crosses a year) `pe 27.1.2023` /
    `Fri 27 Jan 2023`."""
    short = short_date(day, lang)
    if not year:
        return short
    return f"{short} {day.year}" if lang == "en" else f"{short}{day.year}"


def published(session: Session, lang: str, year: bool = False) -> str:
    """One session as the county publishes it: `pe 27.1. klo 9.00–11.30` (`pe 27.1.2023 klo
    9.00–11.30` with `year`, in a listing that crosses a year)."""
    return f"{dated(session.date, lang, year)} {time_range(session.start, session.end, lang)}"


def month_name(month: int, lang: str) -> str:
    """`Tammikuu` / `Januari` / `January` (stand-alone, capitalised for headings)."""
    return _names(lang)["month_wide"][month - 1].capitalize()


def month_abbr(month: int, lang: str) -> str:
    """`tammi` / `jan.` / `Jan` (CLDR's abbreviated month: chart axes, report tables)."""
    return _names(lang)["month_abbr"][month - 1]


def weekday_names(lang: str) -> list[str]:
    """Monday-first short weekday names for calendar grids: `Ma Ti Ke ...`."""
    return [name.capitalize() for name in _names(lang)["weekday_short"]]


def change_note(change: Change, lang: str) -> str:
    """Why a session moved or was cancelled, in `lang`."""
    params: dict[str, object] = {"from_date": change.from_date, "to_date": change.to_date}
    if change.day_off is not None:
        params["day_off"] = day_off_name(change.day_off, lang)
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
