"""Use case: the sessions of a range as an .ics calendar, to a file (atomically) or as bytes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from mastergroup.config.settings import Settings
from mastergroup.io.atomic import write_atomic
from mastergroup.present import ics
from mastergroup.present.place import location
from mastergroup.services import App, Range, list_sessions


@dataclass(frozen=True)
class CalendarExport:
    """What was exported: the file's bytes, how many sessions and events, and where it went."""

    data: bytes
    sessions: int  # sessions in the file (cancelled ones included unless omitted)
    events: int  # VEVENTs, deadlines included
    path: Path | None  # the file written, or None for stdout


def calendar_info(settings: Settings, lang: str) -> ics.CalendarInfo:
    """The calendar's names, place and contact from the configuration, in `lang`."""
    contact = ", ".join(
        v
        for v in (
            settings.coordinator.name,
            settings.coordinator.email,
            settings.coordinator.phone,
        )
        if v
    )
    return ics.CalendarInfo(
        group_id=settings.group.id,
        name=settings.group_name(lang),
        timezone=settings.schedule.timezone,
        lang=lang,
        location=location(settings, lang),
        contact=contact,
        url=settings.group.url,
        organizer_name=settings.coordinator.name,
        organizer_email=settings.coordinator.email,
    )


def export_calendar(
    app: App,
    selection: Range,
    *,
    lang: str,
    options: ics.ExportOptions,
    output: Path | None = None,
    now: datetime | None = None,
    every_group: bool = False,
) -> CalendarExport:
    """Build the calendar of `selection`; write it to `output` (temp file + rename) if given.
    `every_group`: one calendar of every group's sessions (`ics --group all`).

    Nothing is written unless the whole calendar was built; a failed write leaves no file.
    """
    groups = app.each_group() if every_group else [app]
    parts = [
        (ics.exported(list_sessions(g, selection), options), calendar_info(g.settings, lang))
        for g in groups
    ]
    data = ics.groups_calendar_bytes(
        parts,
        options,
        years=(selection.first.year, selection.last.year),
        stamp=now or datetime.now(UTC),
        name=app.root_settings.group_name(lang) if every_group else None,
    )
    if output is not None:
        write_atomic(output, data, create_dirs=False)
    kept = sum(len(listed) for listed, _ in parts)
    events = kept * (3 if options.deadlines else 1)
    return CalendarExport(data, kept, events, output)
