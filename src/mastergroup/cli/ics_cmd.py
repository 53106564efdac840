"""`mastergroup ics`: the sessions as an .ics calendar file (import or subscribe)."""

from __future__ import annotations

from pathlib import Path

import typer

from mastergroup.cli.options import ALL_GROUPS, GROUP_HELP, LANG_HELP, parse_date
from mastergroup.core.export_choices import Cancelled


def ics(
    ctx: typer.Context,
    year: int | None = typer.Option(None, "--year", "-y", help="Calendar year, e.g. 2024."),
    first: str | None = typer.Option(None, "--from", metavar="YYYY-MM-DD", help="First date."),
    last: str | None = typer.Option(None, "--to", metavar="YYYY-MM-DD", help="Last date."),
    output: Path | None = typer.Option(
        None,
        "--output",
        "-o",
        metavar="FILE",
        help="Write to FILE (atomically: readers never see half a file). Default, or '-': "
        "stdout.",
    ),
    cancelled: Cancelled = typer.Option(
        Cancelled.KEEP,
        "--cancelled",
        help="keep: cancelled sessions stay in the file as STATUS:CANCELLED, so subscribed "
        "calendars remove them; omit: leave them out.",
    ),
    deadlines: bool = typer.Option(
        False,
        "--deadlines",
        help="Add the booking cutoff and the document deadline of each session as all-day events.",
    ),
    alarm: int | None = typer.Option(
        None,
        "--alarm",
        metavar="DAYS",
        min=0,
        max=365,
        help="Add a reminder DAYS days before each session (0: at its start).",
    ),
    lang: str | None = typer.Option(None, "--lang", metavar="fi|sv|en", help=LANG_HELP),
    group: str | None = typer.Option(None, "--group", metavar="ID", help=GROUP_HELP),
) -> None:
    """Export the sessions as an iCalendar (.ics) file for Outlook, Google, Apple or Thunderbird.

    Every session keeps its UID when it moves (a higher SEQUENCE tells clients it changed); a
    cancelled one is exported as cancelled. The default range is the current year.

    Examples:

      mastergroup ics --year 2024 -o master-2024.ics

      mastergroup ics --from 2024-01-01 --to 2025-12-31 --deadlines --alarm 3 -o master.ics

      mastergroup ics --year 2024 --lang sv > master-2024-sv.ics

      mastergroup ics --group all --year 2025 -o every-group-2025.ics
    """
    from mastergroup import services
    from mastergroup.cli import state
    from mastergroup.i18n.messages import render
    from mastergroup.io.atomic import is_stdout
    from mastergroup.present.ics import ExportOptions
    from mastergroup.services.calendar_export import export_calendar

    app = state(ctx)
    every = group == ALL_GROUPS  # one calendar of every group (issue 15)
    if not every:
        app.choose_group(group)
    language = app.language(lang)
    if not every:
        app.settings  # noqa: B018 - several groups and no --group: say which, before any file
    selection = services.select_range(
        app.today, year=year, first=parse_date(first), last=parse_date(last)
    )
    assert isinstance(selection, services.Range)  # noqa: S101 -- no --next here, so a Range
    options = ExportOptions(cancelled=cancelled, deadlines=deadlines, alarm_days=alarm)
    if output is not None and is_stdout(output):  # `-o -`, /dev/stdout: a stream, no rename
        output = None
    result = export_calendar(
        app, selection, lang=language, options=options, output=output, every_group=every
    )
    if result.path is None:
        typer.echo(result.data, nl=False)
        return
    typer.echo(render("ics.written", language, file=str(result.path), events=result.events))


def register(app: typer.Typer) -> None:
    app.command("ics")(ics)
