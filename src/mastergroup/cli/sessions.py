"""`mastergroup sessions`: the session calendar of a year or a range."""

from __future__ import annotations

import enum

import typer

from mastergroup.cli.options import LANG_HELP, parse_date


class SessionFormat(enum.StrEnum):
    TEXT = "text"
    TABLE = "table"
    JSON = "json"
    MARKDOWN = "markdown"
    HTML = "html"


def sessions(
    ctx: typer.Context,
    year: int | None = typer.Option(None, "--year", "-y", help="Calendar year, e.g. 2023."),
    first: str | None = typer.Option(None, "--from", metavar="YYYY-MM-DD", help="First date."),
    last: str | None = typer.Option(None, "--to", metavar="YYYY-MM-DD", help="Last date."),
    next_n: int | None = typer.Option(
        None, "--next", metavar="N", min=1, max=1000, help="The next N sessions from today."
    ),
    fmt: SessionFormat | None = typer.Option(
        None,
        "--format",
        "-f",
        help="text: one line a session, as published; table: with deadlines and notes (default "
        "on a terminal); json: for scripts (README: JSON output); markdown; html: a list for "
        "the county's web page.",
    ),
    view: bool = typer.Option(False, "--view", help="Draw the year as twelve month grids."),
    lang: str | None = typer.Option(None, "--lang", metavar="fi|sv|en", help=LANG_HELP),
) -> None:
    """List the sessions: dates, times, booking cutoff, document deadline, moves and cancellations.

    Examples:

      mastergroup sessions --year 2023

      mastergroup sessions --next 3 --format json

      mastergroup sessions --year 2024 --view
    """
    from mastergroup import services
    from mastergroup.cli import state
    from mastergroup.io import environment
    from mastergroup.present import output

    app = state(ctx)
    language = app.language(lang)
    if view:
        target = year if year is not None else app.today.year
        output.year_grid(services.year_view(app, target), language)
        return
    selection = services.select_range(
        app.today, year=year, first=parse_date(first), last=parse_date(last), next_n=next_n
    )
    found = services.list_sessions(app, selection)
    chosen = fmt or (SessionFormat.TABLE if output.is_terminal() else SessionFormat.TEXT)
    if chosen in (SessionFormat.MARKDOWN, SessionFormat.HTML):  # public pages: no case counts
        render = (
            output.sessions_markdown if chosen is SessionFormat.MARKDOWN else output.sessions_html
        )
        typer.echo(render(found, language))
        return
    seen = None  # booked/free per session and expertise warnings, when there is a register
    if environment.register_exists(app.home):
        from mastergroup.services.overview import overview

        seen = overview(app, found, language)
    slots = seen.slots if seen else None
    if chosen is SessionFormat.TABLE:
        output.sessions_table(found, language, app.settings, slots)
    elif chosen is SessionFormat.JSON:
        typer.echo(output.sessions_json(found, language, slots))
    else:
        typer.echo(output.sessions_text(found, language, slots))
    for warning in seen.warnings if seen else ():  # issue 6: coming sessions lacking expertise
        typer.echo(warning, err=True)


def register(app: typer.Typer) -> None:
    app.command("sessions")(sessions)
