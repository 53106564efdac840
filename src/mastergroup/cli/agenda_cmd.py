"""`mastergroup agenda` (show or mail a session's agenda) and `mastergroup remind` (cron)."""

from __future__ import annotations

import enum
import sys
from typing import TYPE_CHECKING, Any

import typer

from mastergroup.cli.options import ALL_GROUPS, GROUP, LANG_HELP, group_option, parse_date

if TYPE_CHECKING:
    from mastergroup.services import App


class AgendaFormat(enum.StrEnum):
    TEXT = "text"
    MARKDOWN = "markdown"
    JSON = "json"
    EMAIL = "email"


def agenda(
    ctx: typer.Context,
    session: str | None = typer.Option(
        None, "--session", metavar="YYYY-MM-DD", help="The session's date (default: the next one)."
    ),
    fmt: AgendaFormat = typer.Option(
        AgendaFormat.TEXT,
        "--format",
        "-f",
        help="text (terminal), markdown, json, or email (an RFC 5322 message for `sendmail -t`).",
    ),
    send: bool = typer.Option(
        False,
        "--send",
        help="Mail the agenda to the session's experts, mail.recipients and the coordinator now.",
    ),
    again: bool = typer.Option(
        False, "--again", help="With --send: send it even though it was sent before."
    ),
    lang: str | None = typer.Option(None, "--lang", metavar="fi|sv|en", help=LANG_HELP),
    group: str | None = GROUP,
) -> None:
    """Show the agenda of a session: its cases with their time slots; or mail it.

    Mail (--format email, --send) carries each case's reference, municipality, matter and
    expertise, and the questions only with agenda.include_questions = true; the session is
    attached as an .ics with the same UID as `mastergroup ics`.

    Examples:

      mastergroup agenda

      mastergroup agenda --session 2024-03-22 --format markdown > asialista.md

      mastergroup agenda --format email | sendmail -t

      mastergroup agenda --send --lang sv

      mastergroup agenda --group all   (every group's next agenda)
    """
    from mastergroup.cli import state

    app = state(ctx)
    language = app.language(lang)
    day = parse_date(session)
    if group == ALL_GROUPS:  # every group's agenda, one after another (issue 15)
        _every_group(app, day, fmt, send, again, language)
        return
    app.choose_group(group)
    _one_group(app, day, fmt, send, again, language)


def _every_group(
    app: Any, day: Any, fmt: AgendaFormat, send: bool, again: bool, language: str
) -> None:
    """`agenda --group all`: each group's agenda under its id and name; JSON as one list; mail
    (`--send`) per group. One RFC 5322 message cannot hold several agendas: --format email
    needs one group."""
    import json

    from mastergroup.core.errors import UsageError
    from mastergroup.present import agenda as output_agenda
    from mastergroup.services import agenda as service

    if fmt is AgendaFormat.EMAIL and not send:
        raise UsageError("agenda.email_one_group")
    groups = app.each_group()
    if fmt is AgendaFormat.JSON and not send:
        records = [
            json.loads(output_agenda.to_json(service.build_agenda(g, day), g.settings, language,
                                             g.scope.name))
            for g in groups
        ]  # fmt: skip
        typer.echo(json.dumps(records, ensure_ascii=False, indent=2))
        return
    for n, g in enumerate(groups):
        if not send:
            heading = f"{g.settings.group.id}: {g.settings.group_name(language)}"
            typer.echo(("\n" if n else "") + heading)
        _one_group(g, day, fmt, send, again, language)


def _one_group(
    app: Any, day: Any, fmt: AgendaFormat, send: bool, again: bool, language: str
) -> None:
    from mastergroup.present import agenda as output_agenda
    from mastergroup.services import agenda as service

    if send:
        from mastergroup.i18n.messages import render

        sent = service.send_agenda(app, day, language, again=again)
        key = "agenda.sent_update" if sent.update else "agenda.sent"
        typer.echo(render(key, language, count=sent.recipients, server=sent.server))
        return
    built = service.build_agenda(app, day)
    from mastergroup.services.overview import expertise_warnings  # issue 6

    for warning in expertise_warnings(app, [built.session], language):
        typer.echo(warning, err=True)
    settings = app.settings
    if fmt is AgendaFormat.EMAIL:
        from mastergroup.io.mail import as_bytes

        data = as_bytes(service.agenda_message(app, built, language))
        sys.stdout.buffer.write(data)  # bytes: the same whatever LANG says
        sys.stdout.buffer.flush()
    elif fmt is AgendaFormat.JSON:
        typer.echo(output_agenda.to_json(built, settings, language, app.scope.name))
    elif fmt is AgendaFormat.MARKDOWN:
        typer.echo(output_agenda.markdown(built, settings, language), nl=False)
    else:
        from mastergroup.present.output import is_terminal

        if is_terminal():  # a Rich table on a terminal; plain lines into a pipe or cron mail
            output_agenda.table(built, settings, language)
        else:
            typer.echo(output_agenda.plain(built, settings, language), nl=False)


def remind(
    ctx: typer.Context,
    dry_run: bool = typer.Option(
        False, "--dry-run", help="Show what would be sent today; send and record nothing."
    ),
    lang: str | None = typer.Option(None, "--lang", metavar="fi|sv|en", help=LANG_HELP),
    group: str | None = group_option(
        "The group (its id in the configuration); default: every group, one after another."
    ),
) -> None:
    """Send today's due mail, each message at most once (run it daily from cron).

    Due: the agenda agenda.days_before days before a session; the coordinator's reminder of
    missing documents from the document deadline; the booking-cutoff notice to mail.units
    remind.cutoff_days_before days before the cutoff; the coordinator's reminder of statements
    not delivered remind.statements_after_days days after a session. What was sent is recorded
    and never sent again; a failure exits 8 and the next run sends it. With several groups:
    every group in one run (a further group's keys begin with its id, e.g. eho:agenda:2025-03).

    Examples:

      mastergroup remind

      mastergroup remind --dry-run

      MASTERGROUP_TODAY=2024-03-15 mastergroup remind --dry-run   (a preview of that day)

      crontab: 0 7 * * * mastergroup remind >> ~/mastergroup-remind.log 2>&1
    """
    from mastergroup.cli import state
    from mastergroup.i18n.messages import render
    from mastergroup.services import agenda as service

    app = state(ctx)
    language = app.language(lang)
    result = service.remind_groups(app, language, group, dry_run=dry_run)
    for key in result.already:
        typer.echo(render("remind.already", language, key=key))
    for o in result.skipped:
        typer.echo(render("remind.no_to", language, key=o.key, setting=o.setting))
    for o in result.planned:
        to = ", ".join(o.to)
        typer.echo(render("remind.would_send", language, key=o.key, subject=o.subject, to=to))
    for o in result.sent:
        typer.echo(render("remind.sent", language, key=o.key, count=len(o.to)))
    if not (result.already or result.skipped or result.planned or result.sent):
        typer.echo(render("remind.nothing", language, date=result.today))


def note_agenda_updates(app: App, language: str) -> None:
    """After a command that changed the register: say which sent agendas changed, so that the
    coordinator knows `remind` sends the experts an update (issue 13). On stderr, a notice."""
    from mastergroup.i18n.messages import render
    from mastergroup.present.agenda import when
    from mastergroup.services import agenda as service

    for session in service.pending_updates(app):
        note = render("agenda.update_pending", language, when=when(session, language))
        typer.echo(note, err=True)


def register(app: typer.Typer) -> None:
    app.command("agenda")(agenda)
    app.command("remind")(remind)
