"""`mastergroup case ...`: the case register (bookings, questions, documents, retention, backup).

Commands parse, call one service in `services/cases.py` and render with `output_cases.py`.
Every raw argument passes the identity-code guard before Click parses it, so not even a usage
error can echo a personal identity code.
"""

from __future__ import annotations

import enum
import sys
from datetime import date
from pathlib import Path
from typing import Any

import typer
from typer._click.core import Context

from mastergroup.cli.agenda_cmd import note_agenda_updates
from mastergroup.cli.lazy import LazyTyperGroup
from mastergroup.cli.options import GROUP, LANG_HELP, group_option, guard_raw_arguments, parse_date

SESSION_HELP = "The session's date, YYYY-MM-DD (see `mastergroup sessions`)."
WHICH_HELP = "The session the case is in, when REF is in several (YYYY-MM-DD)."
MATTERS = "care_order_preparation, substitute_care, ending_care_order, community_care, other"


# The subcommands of `case`; CaseGroup converts only the one a command line names (cli/lazy.py).
case_commands = typer.Typer()


class CaseGroup(LazyTyperGroup):
    """The `case` group: refuses identity codes in the raw arguments before anything parses."""

    source = case_commands

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        guard_raw_arguments(ctx, args, positional="REF")
        return super().parse_args(ctx, args)


case_app = typer.Typer(
    cls=CaseGroup,
    help="The case register: bookings, questions, documents.\n\n"
    "Example: mastergroup case add --session 2023-03-31 --ref LS-17 "
    '--worker "Sanna Sosiaalityöntekijä" --email sanna@kunta.example --municipality Jyväskylä '
    '-q "Onko huostaanotto tarpeen?"',
    no_args_is_help=True,
)


class Format(enum.StrEnum):
    TEXT = "text"
    TABLE = "table"
    JSON = "json"


def _interactive() -> bool:
    """Missing values are asked for only on a terminal (never from cron or a script)."""
    return sys.stdin.isatty()


def _day(value: str | None, option: str) -> date | None:
    from mastergroup.core.booking import guard_privacy

    guard_privacy([(option, value)])
    return parse_date(value)


def _app(ctx: typer.Context, lang: str | None, group: str | None = None) -> tuple[Any, str]:
    """The App and the language; `group`: the command's --group (issue 15), checked at once."""
    from mastergroup.cli import app_and_language

    app, language = app_and_language(ctx, lang)
    app.choose_group(group)
    return app, language


def _ask(key: str, lang: str, **params: Any) -> str:
    from mastergroup.i18n.messages import render

    return str(typer.prompt(render(key, lang, **params)))


def _ask_questions(lang: str) -> list[str]:
    from mastergroup.core.booking import MAX_QUESTIONS
    from mastergroup.i18n.messages import render

    asked = [_ask("case.prompt.question", lang, number=1)]
    for number in range(2, MAX_QUESTIONS + 1):
        more = typer.prompt(
            render("case.prompt.more", lang, number=number), default="", show_default=False
        )
        if not str(more).strip():
            break
        asked.append(str(more))
    return asked


LANG = typer.Option(None, "--lang", metavar="fi|sv|en", help=LANG_HELP)


@case_commands.command("add")
def add(
    ctx: typer.Context,
    session: str | None = typer.Option(None, "--session", metavar="YYYY-MM-DD", help=SESSION_HELP),
    next_: bool = typer.Option(
        False, "--next", help="The next session still open for booking, with a free place."
    ),
    ref: str | None = typer.Option(
        None, "--ref", help="The social worker's own case number or a pseudonym (never a name)."
    ),
    worker: str | None = typer.Option(
        None, "--worker", metavar="NAME", help="The responsible social worker."
    ),
    email: str | None = typer.Option(None, "--email", help="The social worker's e-mail address."),
    phone: str | None = typer.Option(None, "--phone", help="The social worker's phone (optional)."),
    municipality: str | None = typer.Option(None, "--municipality", help="Municipality or unit."),
    matter: str | None = typer.Option(
        None, "--matter", help=f"One of {MATTERS}, or its name in fi/sv/en (default other)."
    ),
    expertise: list[str] | None = typer.Option(
        None,
        "--expertise",
        help="Expertise wished (repeatable): an area of experts.areas by its key or its name in "
        "fi/sv/en, e.g. law, juridiikka; an unknown one is refused with the list.",
    ),
    question: list[str] | None = typer.Option(
        None, "--question", "-q", help="A question for the group: 1 to 3, repeat -q for each."
    ),
    late: bool = typer.Option(
        False, "--late", help="The coordinator books after the cutoff (needs --reason)."
    ),
    reason: str | None = typer.Option(
        None, "--reason", help="Why the late booking (kept and shown)."
    ),
    waitlist: bool = typer.Option(
        False, "--waitlist", help="If the session is full, join its waiting list."
    ),
    lang: str | None = LANG,
    group: str | None = group_option(
        "The group (its id in the configuration); default: the group whose matters "
        "include the case's."
    ),
) -> None:
    """Book a case into a session: 1-3 questions, by the cutoff and capacity rules.

    Missing values are asked for on a terminal; from cron or a script they are an error.

    Examples:

      mastergroup case add --session 2023-03-31 --ref LS-2023-17 --worker "Sanna Sosiaalityöntekijä"
      --email sanna@kunta.example --municipality Jyväskylä --matter care_order_preparation
      --expertise law -q "Onko huostaanoton edellytykset?" -q "Mikä sijaishuoltopaikka?"

      mastergroup case add --next --ref P-4 ...   (the next open session with a free place)
    """
    from mastergroup.present import cases as output_cases
    from mastergroup.services import cases

    app, language = _app(ctx, lang)
    if group is not None:
        app.choose_group(group)
    elif app.root_settings.groups:  # issue 15: the group that takes this matter
        app.route(cases.parse_matter(matter or "other", language).value)
    if _interactive():
        if session is None and not next_:
            session = _ask("case.prompt.session", language)
        ref = ref or _ask("case.prompt.ref", language)
        worker = worker or _ask("case.prompt.worker", language)
        email = email or _ask("case.prompt.email", language)
        municipality = municipality or _ask("case.prompt.municipality", language)
        question = question or _ask_questions(language)
        if late and reason is None:
            reason = _ask("case.prompt.reason", language)
    data = cases.CaseInput(
        ref=ref,
        worker=worker,
        email=email,
        phone=phone,
        municipality=municipality,
        matter=matter,
        expertise=expertise,
        questions=question,
    )
    result = cases.add_case(
        app,
        data,
        session=_day(session, "--session"),
        next_=next_,
        late=late,
        reason=reason,
        waitlist=waitlist,
    )
    typer.echo(output_cases.booked_text(result, language))
    note_agenda_updates(app, language)  # issue 13


@case_commands.command("list")
def list_(
    ctx: typer.Context,
    session: str | None = typer.Option(None, "--session", metavar="YYYY-MM-DD", help=SESSION_HELP),
    status: str | None = typer.Option(
        None,
        "--status",
        help="Only cases in this state: booked, documents_received, discussed, "
        "statement_delivered, withdrawn or waitlisted, or its name in fi/sv/en.",
    ),
    everything: bool = typer.Option(
        False, "--all", help="Every session, held ones too, whatever their cases' state."
    ),
    first: str | None = typer.Option(
        None, "--from", metavar="YYYY-MM-DD", help="Sessions on or after this day."
    ),
    last: str | None = typer.Option(
        None, "--to", metavar="YYYY-MM-DD", help="Sessions on or before this day."
    ),
    municipality: str | None = typer.Option(
        None, "--municipality", help="Only cases whose municipality or unit contains this."
    ),
    matter: str | None = typer.Option(
        None, "--matter", help=f"Only cases of this matter: {MATTERS}, or its name in fi/sv/en."
    ),
    search: str | None = typer.Option(
        None,
        "--search",
        metavar="TEXT",
        help="Only cases whose reference, social worker, e-mail, phone, unit, questions or "
        "reasons contain TEXT (case-insensitive).",
    ),
    fmt: Format | None = typer.Option(
        None,
        "--format",
        "-f",
        help="table (default on a terminal), text (one line a case) or json (README: Case JSON).",
    ),
    lang: str | None = LANG,
    group: str | None = GROUP,
) -> None:
    """List cases. By default: the cases of the coming sessions, and those of held sessions
    that are still open (booked, documents received or discussed: not withdrawn, statement not
    delivered), so a case stays in view after its meeting until its statement is out.

    --session, --from/--to or --all choose other sessions; --status, --municipality, --matter
    and --search narrow any of them (case-insensitive).

    Examples:

      mastergroup case list

      mastergroup case list --session 2023-03-31 --format json

      mastergroup case list --all --status waitlisted

      mastergroup case list --from 2023-01-01 --to 2023-06-30 --municipality jyväskylä

      mastergroup case list --all --search ls-2023
    """
    from mastergroup.core.booking import guard_privacy
    from mastergroup.present import cases as output_cases
    from mastergroup.present import output
    from mastergroup.services import cases

    app, language = _app(ctx, lang)
    app.choose_group(group)
    app.settings  # noqa: B018 - several groups and no --group: say which
    guard_privacy([("--status", status)])
    wanted = cases.parse_status(status, lang=language) if status else None
    where = cases.CaseFilter(
        session=_day(session, "--session"),
        first=_day(first, "--from"),
        last=_day(last, "--to"),
        everything=everything,
        status=wanted,
        municipality=municipality,
        matter=matter,
        search=search,
    )
    chosen = fmt or (Format.TABLE if output.is_terminal() else Format.TEXT)
    if chosen is Format.TABLE:  # a table is drawn whole: it needs every row's width
        output_cases.cases_table(cases.list_cases(app, where=where), language)
        return
    # Text and JSON are written as the cases are read: memory stays flat (issue 18).
    with cases.listing(app, where=where) as views:
        if chosen is Format.JSON:
            pieces = output_cases.cases_json_of(views())
        else:
            pieces = output_cases.cases_text_of(views, language)
        for piece in pieces:
            typer.echo(piece, nl=False)
    typer.echo("")


@case_commands.command("show")
def show(
    ctx: typer.Context,
    ref: str = typer.Argument(..., help="The case reference."),
    session: str | None = typer.Option(None, "--session", metavar="YYYY-MM-DD", help=WHICH_HELP),
    fmt: Format | None = typer.Option(None, "--format", "-f", help="text (default) or json."),
    lang: str | None = LANG,
    group: str | None = GROUP,
) -> None:
    """Show one case with its questions, documents and history stamps.

    Example: mastergroup case show LS-2023-17
    """
    from mastergroup.present import cases as output_cases
    from mastergroup.services import cases

    app, language = _app(ctx, lang, group)
    view = cases.show_case(app, ref, session=_day(session, "--session"))
    if fmt is Format.JSON:
        typer.echo(output_cases.case_json(view))
    else:
        typer.echo(output_cases.case_text(view, language))


@case_commands.command("edit")
def edit(
    ctx: typer.Context,
    ref: str = typer.Argument(..., help="The case reference."),
    session: str | None = typer.Option(None, "--session", metavar="YYYY-MM-DD", help=WHICH_HELP),
    new_ref: str | None = typer.Option(None, "--new-ref", help="A new reference."),
    worker: str | None = typer.Option(None, "--worker", metavar="NAME", help="The social worker."),
    email: str | None = typer.Option(None, "--email", help="E-mail address."),
    phone: str | None = typer.Option(None, "--phone", help='Phone ("" removes it).'),
    municipality: str | None = typer.Option(None, "--municipality", help="Municipality or unit."),
    matter: str | None = typer.Option(
        None, "--matter", help=f"One of {MATTERS}, or its name in fi/sv/en."
    ),
    expertise: list[str] | None = typer.Option(
        None,
        "--expertise",
        help='Replaces the expertise wished (repeatable; "" clears): areas by key or name, as '
        "in case add (wishes stored as free text before are kept until replaced).",
    ),
    question: list[str] | None = typer.Option(
        None, "--question", "-q", help="Replaces all questions (1-3), until the document deadline."
    ),
    add_question: list[str] | None = typer.Option(
        None, "--add-question", metavar="TEXT", help="Adds a question at the end (repeatable)."
    ),
    remove_question: list[int] | None = typer.Option(
        None, "--remove-question", metavar="N", help="Removes question N (repeatable)."
    ),
    replace_question: tuple[int, str] | None = typer.Option(
        None,
        "--replace-question",
        metavar="N TEXT",
        help="Replaces the text of question N (one a command).",
    ),
    lang: str | None = LANG,
    group: str | None = GROUP,
) -> None:
    """Change any field of a case; questions until the document deadline.

    Questions one at a time: --add-question, --remove-question N, --replace-question N TEXT
    (N as `case show` numbers them before the edit); -q replaces them all. Either way the
    command says how many there were and are ("2 -> 1").

    Examples:

      mastergroup case edit LS-2023-17 --email sanna.s@kunta.example

      mastergroup case edit LS-2023-17 --replace-question 2 "Tarkennettu kysymys 2"

      mastergroup case edit LS-2023-17 --add-question "Kolmas kysymys?"

      mastergroup case edit LS-2023-17 -q "Uusi kysymys 1" -q "Uusi kysymys 2"
    """
    from mastergroup.present import cases as output_cases
    from mastergroup.services import cases

    app, language = _app(ctx, lang, group)
    data = cases.CaseInput(
        ref=new_ref,
        worker=worker,
        email=email,
        phone=phone,
        municipality=municipality,
        matter=matter,
        expertise=expertise,
        questions=question,
        add_questions=add_question or (),
        remove_questions=remove_question or (),
        replace_questions=[replace_question] if replace_question else (),
    )
    result = cases.edit_case(app, ref, data, session=_day(session, "--session"))
    typer.echo(output_cases.edited_text(result, language))
    note_agenda_updates(app, language)  # issue 13


@case_commands.command("move")
def move(
    ctx: typer.Context,
    ref: str = typer.Argument(..., help="The case reference."),
    to: str | None = typer.Option(
        None, "--session", "--to", metavar="YYYY-MM-DD", help="The session to move to."
    ),
    from_: str | None = typer.Option(
        None, "--from", metavar="YYYY-MM-DD", help=WHICH_HELP + " (--session is the target.)"
    ),
    late: bool = typer.Option(False, "--late", help="Past the cutoff (needs --reason)."),
    reason: str | None = typer.Option(None, "--reason", help="Why the late booking."),
    waitlist: bool = typer.Option(False, "--waitlist", help="If full, join its waiting list."),
    lang: str | None = LANG,
    group: str | None = GROUP,
) -> None:
    """Move a case to another session (same rules as a booking); its old place goes to the
    first case on that session's waiting list.

    Example: mastergroup case move LS-2023-17 --from 2023-03-31 --to 2023-04-28
    (--to is another name for --session, the session to move to.)
    """
    from mastergroup.present import cases as output_cases
    from mastergroup.services import cases

    app, language = _app(ctx, lang, group)
    target = _day(to, "--session")
    if target is None:
        from mastergroup.core.errors import UsageError

        raise UsageError("cli.missing_option", options="--session", command="case move")
    result = cases.move_case(
        app,
        ref,
        to=target,
        session=_day(from_, "--from"),
        late=late,
        reason=reason,
        waitlist=waitlist,
    )
    typer.echo(output_cases.moved_text(result, language))
    note_agenda_updates(app, language)  # issue 13


@case_commands.command("withdraw")
def withdraw(
    ctx: typer.Context,
    ref: str = typer.Argument(..., help="The case reference."),
    reason: str | None = typer.Option(None, "--reason", help="Why (kept and shown)."),
    session: str | None = typer.Option(None, "--session", metavar="YYYY-MM-DD", help=WHICH_HELP),
    lang: str | None = LANG,
    group: str | None = GROUP,
) -> None:
    """Withdraw a case; the first case on the session's waiting list takes its place.

    Example: mastergroup case withdraw LS-2023-17 --reason "asia ratkesi"
    """
    from mastergroup.core.errors import UsageError
    from mastergroup.present import cases as output_cases
    from mastergroup.services import cases

    app, language = _app(ctx, lang, group)
    if reason is None and _interactive():
        reason = _ask("case.prompt.reason", language)
    if reason is None:
        raise UsageError("cli.missing_no_terminal", options="--reason", command="case withdraw")
    result = cases.withdraw_case(app, ref, reason=reason, session=_day(session, "--session"))
    typer.echo(output_cases.withdrawn_text(result, language))
    note_agenda_updates(app, language)  # issue 13


@case_commands.command("reinstate")
def reinstate(
    ctx: typer.Context,
    ref: str = typer.Argument(..., help="The case reference."),
    session: str | None = typer.Option(None, "--session", metavar="YYYY-MM-DD", help=WHICH_HELP),
    late: bool = typer.Option(
        False, "--late", help="Give it a place although the cutoff has passed (needs --reason)."
    ),
    reason: str | None = typer.Option(None, "--reason", help="Why after the cutoff (kept)."),
    lang: str | None = LANG,
    group: str | None = GROUP,
) -> None:
    """Undo a withdrawal: the case goes back to its session with its questions and documents.

    It gets a place if the session has room and the booking cutoff has not passed (or with
    --late --reason); otherwise it goes to the end of the session's waiting list, and the
    command says why. A session that is over or cancelled refuses (book the case anew).

    Examples:

      mastergroup case reinstate LS-2023-17

      mastergroup case reinstate LS-2023-17 --late --reason "perhe palasi kuntaan"
    """
    from mastergroup.present import cases as output_cases
    from mastergroup.services import cases

    app, language = _app(ctx, lang, group)
    result = cases.reinstate_case(
        app, ref, session=_day(session, "--session"), late=late, reason=reason
    )
    typer.echo(output_cases.reinstated_text(result, language))


@case_commands.command("documents")
def documents(
    ctx: typer.Context,
    ref: str = typer.Argument(..., help="The case reference."),
    kinds: list[str] | None = typer.Argument(
        None,
        metavar="[KIND]...",
        help="Which documents arrived (with --received): keys of documents.kinds, by default "
        "client_plan, care_order_application, summary.",
        show_default=False,
    ),
    received: bool = typer.Option(False, "--received", help="Record that the documents arrived."),
    on: str | None = typer.Option(
        None, "--date", metavar="YYYY-MM-DD", help="The day they arrived (default today)."
    ),
    session: str | None = typer.Option(None, "--session", metavar="YYYY-MM-DD", help=WHICH_HELP),
    lang: str | None = LANG,
    group: str | None = GROUP,
) -> None:
    """Record which of a case's documents arrived and when (the documents themselves are
    never stored); without --received, show when they are due and which came.

    Each KIND is kept with its day; a later call adds kinds (or corrects a kind's day). The
    statement, the agenda and `case show` list exactly the documents recorded here.

    Examples:

      mastergroup case documents LS-2023-17 --received client_plan summary

      mastergroup case documents LS-2023-17 --received care_order_application --date 2023-03-20

      mastergroup case documents LS-2023-17
    """
    from mastergroup.core.errors import UsageError
    from mastergroup.present import cases as output_cases
    from mastergroup.services import cases

    app, language = _app(ctx, lang, group)
    which = _day(session, "--session")
    day = _day(on, "--date")
    if not received:
        if kinds:
            raise UsageError("case.documents_kinds_need_received")
        view = cases.show_case(app, ref, session=which)
        label = output_cases.documents_label(view, language)
        if view.case.documents:  # issue 13: which came (a case without kinds reads as ever)
            label += ": " + output_cases.received_documents(view.case, language)
        typer.echo(f"{view.case.ref}: {label}")
        return
    result = cases.record_documents(app, ref, received=day, session=which, kinds=kinds or ())
    typer.echo(output_cases.documents_text(result, language))
    note_agenda_updates(app, language)  # issue 13


@case_commands.command("status")
def status(
    ctx: typer.Context,
    ref: str = typer.Argument(..., help="The case reference."),
    new_status: str = typer.Argument(
        ..., metavar="STATUS", help="discussed, statement_delivered, or booked (undo documents)."
    ),
    session: str | None = typer.Option(None, "--session", metavar="YYYY-MM-DD", help=WHICH_HELP),
    lang: str | None = LANG,
    group: str | None = GROUP,
) -> None:
    """Set a case's status: booked -> documents_received -> discussed -> statement_delivered.

    Documents are recorded with `case documents`, withdrawals with `case withdraw`.

    Example: mastergroup case status LS-2023-17 discussed
    """
    from mastergroup.present import cases as output_cases
    from mastergroup.services import cases

    app, language = _app(ctx, lang, group)
    result = cases.set_status(app, ref, new_status, session=_day(session, "--session"))
    typer.echo(output_cases.status_text(result, language))


@case_commands.command("purge")
def purge(
    ctx: typer.Context,
    before: str | None = typer.Option(
        None, "--before", metavar="YYYY-MM-DD", help="Delete cases of sessions before this day."
    ),
    yes: bool = typer.Option(False, "--yes", "-y", help="Do not ask for confirmation."),
    lang: str | None = LANG,
    group: str | None = GROUP,
) -> None:
    """Delete the cases of sessions held before a date (retention); the count goes to the
    audit log.

    Example: mastergroup case purge --before 2023-01-01 --yes
    """
    from mastergroup.core.errors import UsageError
    from mastergroup.i18n.messages import render
    from mastergroup.services import cases

    app, language = _app(ctx, lang, group)
    day = _day(before, "--before")
    if day is None:
        raise UsageError("cli.missing_option", options="--before", command="case purge")
    count = cases.purge_count(app, day)
    if not yes:
        if not _interactive():
            raise UsageError("case.purge_needs_yes", count=count)
        if not typer.confirm(render("case.purge_confirm", language, count=count, before=day)):
            typer.echo(render("case.purge_cancelled", language))
            return
    removed = cases.purge(app, day)
    typer.echo(render("case.purged", language, count=removed, before=day))


@case_commands.command("export")
def export(
    ctx: typer.Context,
    fmt: str = typer.Option("json", "--format", "-f", help="json (the only backup format)."),
    to: Path | None = typer.Option(
        None,
        "--output",
        "-o",
        dir_okay=False,
        help="Write here (mode 0600) instead of stdout ('-' or /dev/stdout: stdout).",
    ),
    lang: str | None = LANG,
) -> None:
    """Write a complete, versioned backup of the register as JSON: cases, experts and who
    attended which session, statement delivery dates, the sent-mail log and the audit log.
    With several groups: every group's cases, each with its group.

    Example: mastergroup case export --output backup.json
    """
    from mastergroup.core.errors import UsageError
    from mastergroup.i18n.messages import render
    from mastergroup.io.atomic import is_stdout, write_atomic_stream
    from mastergroup.present import cases as output_cases
    from mastergroup.services import cases

    app, language = _app(ctx, lang)
    if fmt != "json":
        raise UsageError("case.bad_status", field="--format", allowed="json")
    # Written as the register is read, a case at a time (issue 18): the same bytes as a
    # document built whole, and memory that does not grow with the register.
    with cases.exporting(app) as exported:
        pieces = output_cases.backup_json_of(exported.fields)
        if to is None or is_stdout(to):  # a stream: never a temp file renamed over /dev/stdout
            for piece in pieces:
                typer.echo(piece, nl=False)
            return
        encoded = (piece.encode("utf-8") for piece in pieces)
        write_atomic_stream(to, encoded, mode=0o600, create_dirs=False)
    typer.echo(render("case.exported", language, file=str(to), count=exported.cases))


@case_commands.command("import")
def import_(
    ctx: typer.Context,
    file: Path = typer.Argument(
        ..., dir_okay=False, readable=False, help="A file from `case export`."
    ),  # readable=False: the service says why it cannot read it (exit 7, fi/sv/en)
    lang: str | None = LANG,
    group: str | None = group_option(
        "The group a backup's cases without a group go into (an older backup's); default: "
        "the only or the default group."
    ),
) -> None:
    """Restore a backup into an empty register: all of it in one transaction, or nothing.

    Example: MASTERGROUP_HOME=~/restored mastergroup case import backup.json
    """
    from mastergroup.i18n.messages import render
    from mastergroup.services import cases

    app, language = _app(ctx, lang, group)
    result = cases.import_backup(app, file)
    key = "case.imported_all" if result.experts or result.sent else "case.imported"
    counts = {"cases": result.cases, "audit": result.audit}
    typer.echo(render(key, language, **counts, experts=result.experts, sent=result.sent))


@case_commands.command("delivered")
def delivered(
    ctx: typer.Context,
    ref: str = typer.Argument(..., help="The case reference."),
    day: str | None = typer.Option(
        None, "--date", metavar="YYYY-MM-DD", help="The day it was delivered (default: today)."
    ),
    in_session: str | None = typer.Option(
        None, "--session", metavar="YYYY-MM-DD", help="The session, when REF is in several."
    ),
    lang: str | None = LANG,
    group: str | None = GROUP,
) -> None:
    """Record that the case's statement was delivered to the responsible social worker.

    Example: mastergroup case delivered LS-2023-17 --date 2023-04-05
    """
    from mastergroup.i18n.messages import render
    from mastergroup.services import statements

    app, language = _app(ctx, lang, group)
    when = parse_date(day) or app.today
    case = statements.deliver(app, ref, day=when, session=parse_date(in_session))
    typer.echo(render("statement.delivered", language, ref=case.ref, date=when))


@case_commands.command("audit")
def audit(
    ctx: typer.Context,
    ref: str | None = typer.Option(None, "--ref", help="Only the lines of this case."),
    fmt: Format | None = typer.Option(None, "--format", "-f", help="text (default) or json."),
    lang: str | None = LANG,
    group: str | None = GROUP,
) -> None:
    """Show the audit log: when, which command, which case, which fields (never the values).

    Example: mastergroup case audit --ref LS-2023-17
    """
    from mastergroup.present import cases as output_cases
    from mastergroup.services import cases

    app, language = _app(ctx, lang, group)
    entries = cases.audit_log(app, ref)
    if fmt is Format.JSON:
        typer.echo(output_cases.audit_json(entries))
    else:
        typer.echo(output_cases.audit_text(entries, language))


def register(app: typer.Typer) -> None:
    app.add_typer(case_app, name="case")
