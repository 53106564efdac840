"""`mastergroup config init|check|show|reference`: the configuration file."""

from __future__ import annotations

from pathlib import Path

import typer

config_app = typer.Typer(
    help="Create, check and show the configuration (TOML).\n\nExample: mastergroup config check",
    no_args_is_help=True,
)


@config_app.command("init")
def init(
    ctx: typer.Context,
    path: Path | None = typer.Argument(None, help="Where to write (default: the user's config)."),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing file."),
    example: str | None = typer.Option(
        None,
        "--example",
        metavar="NAME",
        help="Start from an example of another group's rules instead: "
        "city-dates or region-working-days.",
    ),
) -> None:
    """Write a commented copy of the shipped configuration to edit.

    Example: mastergroup config init && mastergroup config check
    """
    from mastergroup.cli import state
    from mastergroup.i18n.messages import render
    from mastergroup.services import config_files as configfile

    app = state(ctx)
    written = configfile.init(path, force=force, example=example)
    typer.echo(render("config.written", app.language(), file=str(written)))


@config_app.command("check")
def check(
    ctx: typer.Context,
    path: Path | None = typer.Argument(
        None, readable=False, help="The file to check (default: the one in use)."
    ),  # readable=False: loading says why it cannot read it (exit 3, fi/sv/en)
    lang: str | None = typer.Option(None, "--lang", metavar="fi|sv|en", help="Output language."),
) -> None:
    """Validate a configuration and print the sessions of the coming twelve months it gives.

    Example: mastergroup config check ~/.config/mastergroup/config.toml
    """
    from mastergroup import services
    from mastergroup.cli import state
    from mastergroup.i18n.messages import render
    from mastergroup.present import output
    from mastergroup.services import config_files as configfile
    from mastergroup.services.statements import check_templates_folder

    app = state(ctx)
    if path is not None:
        app.config_file = path
    language = app.language(lang)
    groups = app.each_group()
    found = [services.coming_months(group) for group in groups]
    check_templates_folder(groups[0])  # templates are shared: any group reads them
    typer.echo(render("config.valid", language, file=str(app.config_path)))
    for group, sessions in zip(groups, found, strict=True):
        if app.root_settings.groups:  # issue 15: each group's sessions under its id and name
            typer.echo(f"\n{group.settings.group.id}: {group.settings.group_name(language)}")
        typer.echo(output.sessions_text(sessions, language))
    for group in groups:
        for warning in configfile.schedule_warnings(group.settings, app.today, language):
            typer.echo(warning, err=True)  # issue 15: a list of dates running out


@config_app.command("show")
def show(ctx: typer.Context) -> None:
    """Print the effective configuration (every default filled in) as TOML.

    Example: mastergroup config show > my-config.toml
    """
    from mastergroup.cli import state
    from mastergroup.services import config_files as configfile

    app = state(ctx)
    typer.echo(f"# {app.config_path}")
    typer.echo(configfile.dump(app.root_settings), nl=False)


@config_app.command("reference")
def reference() -> None:
    """Print the configuration reference (Markdown) generated from the spec.

    Example: mastergroup config reference
    """
    from mastergroup.config.settings import reference as ref

    typer.echo(ref(), nl=False)


def register(app: typer.Typer) -> None:
    app.add_typer(config_app, name="config")
