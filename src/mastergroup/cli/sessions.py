"""`mastergroup sessions`: the session calendar of a year or a range."""

from __future__ import annotations

import enum

import typer

from mastergroup.cli.options import ALL_GROUPS, LANG_HELP, parse_date


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
    group: str | None = typer.Option(
        None,
        "--group",
        metavar="ID",
        help="The group (its id in the configuration), or all; default: the only or the "
        "default group.",
    ),
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
    if group == ALL_GROUPS or (group is None and len(app.root_settings.all_groups()) > 1):
        if group is None and app.root_settings.default_group() is not None:
            pass  # a configured default: that group, as below
        else:
            _each_group(app, year, first, last, next_n, fmt, language)
            return
    app.choose_group(group)
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
    if app.where.postgres or environment.register_exists(app.home):
        from mastergroup.services.overview import overview

        seen = overview(app, found, language)
    slots = seen.slots if seen else None
    if chosen is SessionFormat.TABLE:
        output.sessions_table(found, language, app.settings, slots)
    elif chosen is SessionFormat.JSON:
        ids = [app.settings.group.id] * len(found) if app.root_settings.groups else None
        typer.echo(output.sessions_json(found, language, slots, ids))
    else:
        typer.echo(output.sessions_text(found, language, slots))
    for warning in seen.warnings if seen else ():  # issue 6: coming sessions lacking expertise
        typer.echo(warning, err=True)


def _each_group(
    app: object,
    year: int | None,
    first: str | None,
    last: str | None,
    next_n: int | None,
    fmt: SessionFormat | None,
    language: str,
) -> None:
    """`--group all` (issue 15): every group's sessions; text under each group's id and
    name, JSON as one list whose records say their group."""
    from mastergroup import services
    from mastergroup.present import output

    assert isinstance(app, services.App)  # noqa: S101 - typed loosely to keep imports lazy
    selection = services.select_range(
        app.today, year=year, first=parse_date(first), last=parse_date(last), next_n=next_n
    )
    found = [(g, services.list_sessions(g, selection)) for g in app.each_group()]
    if fmt is SessionFormat.JSON:
        sessions = [s for _, listed in found for s in listed]
        ids = [g.settings.group.id for g, listed in found for _ in listed]
        typer.echo(output.sessions_json(sessions, language, None, ids))
        return
    for i, (g, listed) in enumerate(found):
        heading = f"{g.settings.group.id}: {g.settings.group_name(language)}"
        typer.echo(("\n" if i else "") + heading)
        typer.echo(output.sessions_text(listed, language))


def register(app: typer.Typer) -> None:
    app.command("sessions")(sessions)
