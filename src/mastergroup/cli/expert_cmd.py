"""`mastergroup expert ...` (the pool of experts) and `mastergroup session experts` (attendance).

Commands parse, call one service in `services/experts.py` and print; warnings go to stderr.
"""

from __future__ import annotations

import json
from typing import Any

import typer

from mastergroup.cli.options import GROUP, LANG_HELP, parse_date

LANG = typer.Option(None, "--lang", metavar="fi|sv|en", help=LANG_HELP)
AREA_HELP = (
    "Expertise area (repeatable): social_work, growth_development, child_psychiatry, "
    "adult_psychiatry, health_care, education, substance_abuse, law, or its name in fi/sv/en "
    "(setting experts.areas)."
)

expert_app = typer.Typer(
    help="The group's experts: name, profession, organisation, expertise.\n\n"
    'Example: mastergroup expert add --name "Pertti Psykologi" --title psykologi '
    "--area growth_development",
    no_args_is_help=True,
)
session_app = typer.Typer(
    help="One session's details.\n\n"
    'Example: mastergroup session experts 2023-03-31 --add "Pertti Psykologi"',
    no_args_is_help=True,
)


def _app(ctx: typer.Context, lang: str | None) -> tuple[Any, str]:
    from mastergroup.cli import app_and_language

    return app_and_language(ctx, lang)


def _input(**given: Any) -> Any:
    from mastergroup.services.experts import ExpertInput

    return ExpertInput(**given)


@expert_app.command("add")
def add(
    ctx: typer.Context,
    name: str | None = typer.Option(None, "--name", help="Full name."),
    title: str | None = typer.Option(None, "--title", help="Profession or title."),
    organisation: str = typer.Option("", "--organisation", "--org", help="Organisation."),
    email: str = typer.Option("", "--email", help="E-mail address."),
    area: list[str] = typer.Option([], "--area", "-a", help=AREA_HELP),
    lang: str | None = LANG,
) -> None:
    """Add an expert to the group's pool.

    Example: mastergroup expert add --name "Lea Lakimies" --title lakimies --org
    Hyvinvointialue --email lea@hyvinvointialue.example --area law
    """
    from mastergroup.i18n.messages import render
    from mastergroup.services import experts

    app, language = _app(ctx, lang)
    data = _input(name=name, title=title, organisation=organisation, email=email, areas=area)
    saved = experts.add_expert(app, data)
    typer.echo(render("expert.added", language, name=saved.name, title=saved.title))


def _record(e: Any, lang: str) -> dict[str, Any]:
    from mastergroup.i18n.messages import area_name

    return {
        "name": e.name,
        "title": e.title,
        "organisation": e.organisation,
        "email": e.email,
        "areas": list(e.areas),
        "area_names": [area_name(a, lang) for a in e.areas],
        "removed": e.removed,
    }


def _line(e: Any, lang: str) -> str:
    from mastergroup.i18n.messages import area_name, render

    parts = [e.name, e.title]
    if e.organisation:
        parts.append(e.organisation)
    if e.email:
        parts.append(e.email)
    text = " | ".join(parts)
    if e.areas:
        text += " | " + ", ".join(area_name(a, lang) for a in e.areas)
    if e.removed:
        text += f" ({render('expert.label.removed', lang)})"
    return text


@expert_app.command("list")
def list_(
    ctx: typer.Context,
    everyone: bool = typer.Option(False, "--all", help="Include removed experts."),
    fmt: str = typer.Option("text", "--format", "-f", help="text or json (one object a line)."),
    lang: str | None = LANG,
) -> None:
    """List the experts: name, title, organisation, e-mail and expertise areas.

    Example: mastergroup expert list --format json
    """
    from mastergroup.core.errors import UsageError
    from mastergroup.i18n.messages import render
    from mastergroup.services import experts

    app, language = _app(ctx, lang)
    if fmt not in ("text", "json"):
        raise UsageError("statement.bad_format", value=fmt, allowed="text, json")
    found = experts.list_experts(app, removed=everyone)
    if fmt == "json":
        for e in found:
            typer.echo(json.dumps(_record(e, language), ensure_ascii=False))
        return
    if not found:
        typer.echo(render("expert.none", language))
    for e in found:
        typer.echo(_line(e, language))


@expert_app.command("edit")
def edit(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="The expert's name as listed."),
    new_name: str | None = typer.Option(None, "--name", help="New name."),
    title: str | None = typer.Option(None, "--title", help="New profession or title."),
    organisation: str | None = typer.Option(None, "--organisation", "--org"),
    email: str | None = typer.Option(None, "--email", help="New e-mail ('' clears it)."),
    area: list[str] | None = typer.Option(None, "--area", "-a", help=AREA_HELP + " Replaces."),
    lang: str | None = LANG,
) -> None:
    """Change an expert's details (areas given replace the old ones).

    Example: mastergroup expert edit "Lea Lakimies" --area law --area social_work
    """
    from mastergroup.i18n.messages import render
    from mastergroup.services import experts

    app, language = _app(ctx, lang)
    data = _input(name=new_name, title=title, organisation=organisation, email=email,
                  areas=area or None)  # fmt: skip
    saved, changed = experts.edit_expert(app, name, data)
    key = "expert.edited" if changed else "expert.unchanged"
    typer.echo(render(key, language, name=saved.name, fields=", ".join(changed)))


@expert_app.command("remove")
def remove(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="The expert's name as listed."),
    lang: str | None = LANG,
) -> None:
    """Remove an expert (one who attended a session stays in that session's record).

    Example: mastergroup expert remove "Lea Lakimies"
    """
    from mastergroup.i18n.messages import render
    from mastergroup.services import experts

    app, language = _app(ctx, lang)
    deleted = experts.remove_expert(app, name)
    typer.echo(render("expert.removed" if deleted else "expert.retired", language, name=name))


@session_app.command("experts")
def session_experts(
    ctx: typer.Context,
    day: str | None = typer.Argument(None, metavar="DATE", help="The session's date, YYYY-MM-DD."),
    session: str | None = typer.Option(
        None, "--session", metavar="YYYY-MM-DD", help="The session's date, instead of DATE."
    ),
    add: list[str] = typer.Option([], "--add", help="An expert who attends (repeatable)."),
    remove: list[str] = typer.Option([], "--remove", help="An expert who does not (repeatable)."),
    lang: str | None = LANG,
    group: str | None = GROUP,
) -> None:
    """Record or show who attends a session; warns about expertise § 14 or a case needs.

    Examples:

      mastergroup session experts 2023-03-31 --add "Pertti Psykologi" --add "Lea Lakimies"

      mastergroup session experts --session 2023-03-31
    """
    from mastergroup.core.errors import UsageError
    from mastergroup.i18n.messages import render
    from mastergroup.services import experts

    app, language = _app(ctx, lang)
    app.choose_group(group)
    if (day is None) == (session is None):  # --session, as in every other command, or DATE
        raise UsageError("expert.date_or_session")
    given = day if day is not None else session
    when = parse_date(given)
    if when is None:
        raise UsageError("input.bad_date", value=given)
    result = experts.session_experts(app, when, add=add, remove=remove)
    if result.unknown:
        typer.echo(render("expert.not_attending", language, names=", ".join(result.unknown)),
                   err=True)  # fmt: skip
    if not result.experts:
        typer.echo(render("expert.session_none", language, date=result.session.date))
    else:
        typer.echo(render("expert.session_heading", language, date=result.session.date,
                          count=len(result.experts)))  # fmt: skip
        for e in result.experts:
            typer.echo("  " + _line(e, language))
    for warning in result.warnings:
        typer.echo(warning, err=True)


def register(app: typer.Typer) -> None:
    app.add_typer(expert_app, name="expert")
    app.add_typer(session_app, name="session")
