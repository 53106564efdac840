"""`mastergroup db status|migrate`: the register itself (issue 16), SQLite or PostgreSQL."""

from __future__ import annotations

import enum

import typer

from mastergroup.cli.options import LANG_HELP

db_app = typer.Typer(
    help="The register itself: where it is, its schema version, its size.\n\n"
    "Example: mastergroup db status",
    no_args_is_help=True,
)


class StatusFormat(enum.StrEnum):
    TEXT = "text"
    JSON = "json"


@db_app.command("status")
def status(
    ctx: typer.Context,
    fmt: StatusFormat = typer.Option(
        StatusFormat.TEXT, "--format", "-f", help="text (default) or json (for scripts)."
    ),
    lang: str | None = typer.Option(None, "--lang", metavar="fi|sv|en", help=LANG_HELP),
) -> None:
    """Show where the register is (SQLite file or PostgreSQL), its schema version and counts.

    Counts only (cases, questions, experts, sent mail, audit lines): nothing of a case. Creates
    nothing: a register not made yet shows version 0.

    Example: mastergroup db status --format json
    """
    from mastergroup.cli import state
    from mastergroup.present import database as present
    from mastergroup.services.database import status as register_status

    app = state(ctx)
    language = app.language(lang)
    found = register_status(app)
    if fmt is StatusFormat.JSON:
        typer.echo(present.status_json(found))
    else:
        typer.echo(present.status_text(found, language))


@db_app.command("migrate")
def migrate(
    ctx: typer.Context,
    lang: str | None = typer.Option(None, "--lang", metavar="fi|sv|en", help=LANG_HELP),
) -> None:
    """Create the register, or bring its schema up to this version of mastergroup.

    On SQLite every command does this by itself. On PostgreSQL run it as the owner role after
    installing a new mastergroup: coordinators' roles may not change the schema.

    Example:

      MASTERGROUP_DATABASE=postgresql://owner@db.example/master mastergroup db migrate
    """
    from mastergroup.cli import state
    from mastergroup.i18n.messages import render
    from mastergroup.services.database import migrate as register_migrate

    app = state(ctx)
    language = app.language(lang)
    done = register_migrate(app)
    if done.before == done.after:
        current = render("db.migrate_current", language, register=done.register, version=done.after)
        typer.echo(current)
    else:
        typer.echo(
            render("db.migrated", language, register=done.register, before=done.before,
                   after=done.after)
        )  # fmt: skip


def register(app: typer.Typer) -> None:
    app.add_typer(db_app, name="db")
