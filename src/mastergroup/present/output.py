"""Rendering results for people and scripts: plain text, JSON, Markdown, HTML and tables.

The terminal tables are drawn by `drawn.py` without Rich (issue 18); Rich is imported inside
the functions that need it (the year grid, a table with text `drawn.py` does not measure), so
other output never pays for it. Output to a pipe has no colour codes or wrapping.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from mastergroup.config.settings import Settings
from mastergroup.core.model import Session
from mastergroup.i18n.dates import (
    dated,
    month_name,
    published,
    session_note,
    time_range,
    weekday_names,
)
from mastergroup.i18n.messages import render
from mastergroup.present.place import location

if TYPE_CHECKING:  # an annotation only: `sessions` need not define the result records
    from mastergroup.core.results import YearView

Slots = Mapping[str, tuple[int, int]]  # session slot -> (booked, free), when the register is read


def is_terminal() -> bool:
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def console(pipe_width: int = 200) -> Any:
    """A Rich console on stdout: colour only on a terminal; into a pipe, a fixed width."""
    from rich.console import Console

    terminal = is_terminal()
    return Console(
        highlight=False,
        markup=False,
        emoji=False,  # register text as stored: `:bus:` is not a picture (as in drawn.py)
        no_color=not terminal,
        soft_wrap=not terminal,
        width=None if terminal else pipe_width,
    )


# --- sessions -----------------------------------------------------------------------------


def session_record(s: Session, lang: str, slots: Slots | None = None) -> dict[str, Any]:
    """One session as the JSON contract has it (README: "JSON output"). Add fields, never remove."""
    record: dict[str, Any] = {
        "date": s.date.isoformat(),
        "start": s.start.isoformat(),
        "end": s.end.isoformat(),
        "booking_deadline": s.booking_deadline.isoformat(),
        "documents_due": s.documents_due.isoformat(),
        "status": s.status.value,
        "note": session_note(s, lang),
        "capacity": s.capacity,
        "slot": s.slot,
        "planned_date": s.planned_date.isoformat(),
        "sequence": s.sequence,
        "changes": [
            {
                "kind": c.kind.value,
                "from": c.from_date.isoformat(),
                "to": c.to_date.isoformat(),
                "day_off": c.day_off.key if c.day_off else None,
                "reason": c.reason,
            }
            for c in s.changes
        ],
    }
    if slots is not None:
        booked, free = slots.get(s.slot, (0, s.capacity))
        record["booked"] = booked
        record["free"] = free
    return record


def sessions_json(
    sessions: Sequence[Session],
    lang: str,
    slots: Slots | None = None,
    groups: Sequence[str] | None = None,
) -> str:
    """`groups` (issue 15, a configuration with `[[groups]]`): each session's group id, added
    to its record as `group`; without it the records are as they always were."""
    import json  # here, not at the top: the text listing is the common case (start-up time)

    records = [session_record(s, lang, slots) for s in sessions]
    for record, group in zip(records, groups or (), strict=False):
        record["group"] = group
    return json.dumps(records, ensure_ascii=False, indent=2)


def with_year(sessions: Sequence[Session]) -> bool:
    """Whether a listing crosses a year, so that its dates need the year (issue 14): the
    sessions, their booking cutoffs and document deadlines are not all in one year."""
    years = {d.year for s in sessions for d in (s.date, s.booking_deadline, s.documents_due)}
    return len(years) > 1


def slot_count(s: Session, slots: Slots) -> str:
    """Booked of capacity, `2/3`: the one notation of text, table and `case add` (issue 14)."""
    booked, free = slots.get(s.slot, (0, s.capacity))
    return f"{booked}/{booked + free}"


def _line(s: Session, lang: str, year: bool = False) -> str:
    note = session_note(s, lang)
    text = published(s, lang, year)
    return f"{text} ({note})" if note else text


def sessions_text(sessions: Sequence[Session], lang: str, slots: Slots | None = None) -> str:
    """One session a line, as the county publishes them: `pe 27.1. klo 9.00–11.30`."""
    if not sessions:
        return render("label.no_sessions", lang)
    lines = []
    year = with_year(sessions)
    for s in sessions:
        line = _line(s, lang, year)
        if slots is not None and not s.cancelled:
            line += f"  [{slot_count(s, slots)}]"
        lines.append(line)
    return "\n".join(lines)


def sessions_markdown(sessions: Sequence[Session], lang: str) -> str:
    lines = []
    year = with_year(sessions)
    for s in sessions:
        text = published(s, lang, year)
        note = session_note(s, lang)
        text = f"~~{text}~~" if s.cancelled else text
        lines.append(f"- {text}" + (f" ({note})" if note else ""))
    return "\n".join(lines) or render("label.no_sessions", lang)


def sessions_html(sessions: Sequence[Session], lang: str) -> str:
    """A list fragment for the county's web page (replaces the hand-written list)."""
    import html

    items = []
    year = with_year(sessions)
    for s in sessions:
        text = html.escape(published(s, lang, year))
        note = html.escape(session_note(s, lang))
        if s.cancelled:
            text = f"<del>{text}</del>"
        items.append(f"  <li>{text}" + (f" <small>({note})</small>" if note else "") + "</li>")
    return '<ul class="mastergroup-sessions">\n' + "\n".join(items) + "\n</ul>"


def sessions_table(
    sessions: Sequence[Session], lang: str, settings: Settings, slots: Slots | None = None
) -> None:
    """A table with deadlines, place and notes (the terminal view). It fits the width:
    the date whole, the notes and the place wrapped, the place left out first (issue 14)."""
    from mastergroup.present.fit import Column, fitted_table

    def head(key: str) -> str:
        return render(f"label.{key}", lang)

    columns = [
        Column(head("date"), keep=True),
        Column(head("time"), rank=3, wrap=False),
        Column(head("booking_deadline"), rank=6, wrap=False),
        Column(head("documents_due"), rank=5, wrap=False),
        Column(head("location"), rank=1),
    ]
    if slots is not None:
        columns.append(Column(head("slots"), rank=7, justify="right"))
    columns.append(Column(head("note"), rank=4))
    year = with_year(sessions)
    place = location(settings, lang)
    rows, styles = [], []
    for s in sessions:
        row = [
            dated(s.date, lang, year),
            time_range(s.start, s.end, lang),
            dated(s.booking_deadline, lang, year),
            dated(s.documents_due, lang, year),
            place,
        ]
        if slots is not None:
            row.append("" if s.cancelled else slot_count(s, slots))
        row.append(session_note(s, lang))
        rows.append(row)
        styles.append("strike dim" if s.cancelled else ("yellow" if s.changes else None))
    fitted_table(columns, rows, lang, styles=styles, title=settings.group_name(lang))


def year_grid(view: YearView, lang: str) -> None:
    """Twelve month grids like `cal -y`, session days in brackets, days off starred."""
    from rich.columns import Columns
    from rich.table import Table
    from rich.text import Text

    held = {s.date: s for s in view.sessions}
    heads = weekday_names(lang)
    months = []
    for month in range(1, 13):
        grid = Table(
            title=month_name(month, lang),
            box=None,
            padding=(0, 0),
            show_edge=False,
            title_style="bold",
        )
        for head in heads:
            grid.add_column(f" {head:>2} ", width=4, no_wrap=True)
        first = date(view.year, month, 1)
        cells: list[Text] = [Text("")] * first.weekday()
        day = first
        while day.month == month:
            cells.append(_cell(day, held.get(day), day in view.days_off))
            day = date.fromordinal(day.toordinal() + 1)
        cells += [Text("")] * (-len(cells) % 7)
        for i in range(0, len(cells), 7):
            grid.add_row(*cells[i : i + 7])
        months.append(grid)
    out = console(pipe_width=100)  # three months a row, like `cal -y`
    out.print(Text(str(view.year), style="bold"), justify="center")
    out.print(Columns(months, padding=(1, 3), equal=True))
    out.print(render("label.legend", lang))
    for s in view.sessions:
        out.print(f"  {_line(s, lang)}")


def _cell(day: date, session: Session | None, off: bool) -> Any:
    from rich.text import Text

    if session is not None and session.cancelled:
        return Text(f"~{day.day:>2}~", style="strike dim")
    if session is not None:
        return Text(f"[{day.day:>2}]", style="bold reverse green")
    if off:
        return Text(f" {day.day:>2}*", style="red")
    return Text(f" {day.day:>2} ", style="dim" if day.weekday() >= 5 else "")
