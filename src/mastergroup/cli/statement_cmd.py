"""`mastergroup statement` (render statements) and `mastergroup template check`.

`case delivered` is a case command: it lives in cli/case_cmd.py with the others.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from mastergroup.cli.options import GROUP, LANG_HELP, parse_date

LANG = typer.Option(None, "--lang", metavar="fi|sv|en", help=LANG_HELP)
FORMAT_HELP = "docx (Word, default), md (Markdown) or txt."

template_app = typer.Typer(
    help="Statement templates.\n\nExample: mastergroup template check ~/pohjat/statement.fi.docx",
    no_args_is_help=True,
)


def _app(ctx: typer.Context, lang: str | None) -> tuple[Any, str]:
    from mastergroup.cli import app_and_language

    return app_and_language(ctx, lang)


def statement(
    ctx: typer.Context,
    ref: str | None = typer.Argument(None, help="The case reference (see `case list`)."),
    session: str | None = typer.Option(
        None,
        "--session",
        metavar="YYYY-MM-DD",
        help="With REF: the session the case is in, when REF is in several. Without REF: "
        "all cases of this session, into a folder.",
    ),
    in_session: str | None = typer.Option(
        None,
        "--in",
        metavar="YYYY-MM-DD",
        help="The same as --session with REF (the older name, kept).",
    ),
    fmt: str = typer.Option("docx", "--format", "-f", help=FORMAT_HELP),
    to: Path | None = typer.Option(
        None,
        "--output",
        "-o",
        help="File (one case; '-' prints md/txt) or folder (--session). Default: "
        "lausunto-REF-DATE.EXT here, or the folder lausunnot-DATE (in Swedish utlatande-, "
        "utlatanden-; in English statement-, statements-).",
    ),
    document: list[str] = typer.Option(
        [], "--document", "-d", help="A document the group had, by kind (repeatable)."
    ),
    template: Path | None = typer.Option(
        None, "--template", dir_okay=False, help="Use this template file instead."
    ),
    force: bool = typer.Option(
        False,
        "--force",
        help="Replace an existing statement file; the earlier one is kept as NAME.1.EXT "
        "(.2, ...). Without it, an existing file is never touched (exit 7).",
    ),
    lang: str | None = LANG,
    group: str | None = GROUP,
) -> None:
    """Write the statement (lausunto) of a case from its template: confidential, mode 0600.

    A file that exists (a statement you may have edited) is never replaced: the command
    refuses and names it, unless --force, which first keeps the old file as NAME.1.EXT.
    A withdrawn case, or one still on the waiting list, has no statement (exit 4).

    Examples:

      mastergroup statement LS-2023-17 --format md -o -

      mastergroup statement LS-2023-17 --lang sv -o utlatande.docx

      mastergroup statement --session 2023-03-31 --format docx -o lausunnot/

      mastergroup statement LS-2023-17 --format md --force   (keeps the old file as .1.md)
    """
    from mastergroup.core.booking import guard_privacy
    from mastergroup.core.errors import StorageError, UsageError
    from mastergroup.i18n.messages import os_reason, render
    from mastergroup.io.atomic import is_stdout, make_private_folders
    from mastergroup.services import statements

    guard_privacy([("REF", ref), ("--session", session), ("--in", in_session), ("-o", str(to))])
    app, language = _app(ctx, lang)
    app.choose_group(group)
    if ref is not None and session is not None:  # --session names the case's session, as
        if in_session not in (None, session):  # everywhere else; --in is its older name
            raise UsageError("statement.session_twice")
        in_session, session = session, None
    if (ref is None) == (session is None):
        raise UsageError("statement.ref_or_session")
    if session is not None:
        day = parse_date(session)
        assert day is not None  # noqa: S101 - given
        if to is not None and is_stdout(to):
            raise UsageError("statement.session_to_stdout")
        done = statements.render_session(app, day, kind=fmt, lang=language, template=template)
        folder = to or Path(statements.folder_name(day, language))
        existed = folder.exists()
        if not existed:  # confidential: the file names alone name the cases
            try:
                make_private_folders(folder)
                folder.chmod(0o700)
            except OSError as e:
                raise StorageError("io.write_failed", file=str(folder),
                                   detail=os_reason(e)) from None  # fmt: skip
        items = [(folder / item.filename, item.data) for item in done]
        saved = statements.save(items, force=force)
        if existed:  # the user's folder keeps the mode they gave it
            _warn_if_open(folder, language)
        _say_kept(saved, language)
        typer.echo(render("statement.written_many", language, count=len(done), folder=folder))
        return
    assert ref is not None  # noqa: S101 - checked above
    result = statements.render_statement(
        app, ref, kind=fmt, lang=language, session=parse_date(in_session),
        documents=document, template=template,
    )  # fmt: skip
    if to is not None and is_stdout(to):  # a stream: never a temp file renamed over it
        if fmt == "docx":
            raise UsageError("statement.docx_stdout")
        typer.echo(result.data.decode("utf-8"), nl=False)
        return
    target = to or Path(result.filename)
    into = target if target.is_dir() else None
    if into is not None:
        target = target / result.filename
    saved = statements.save([(target, result.data)], force=force)
    if into is not None:  # a folder named with -o keeps its mode
        _warn_if_open(into, language)
    _say_kept(saved, language)
    typer.echo(render("statement.written", language, file=target))


def _say_kept(saved: list[Any], language: str) -> None:
    from mastergroup.i18n.messages import render

    for item in saved:
        if item.kept is not None:
            typer.echo(render("statement.kept", language, file=item.file, kept=item.kept))


def _warn_if_open(folder: Path, language: str) -> None:
    """A folder the user made keeps its mode (it is theirs), but the names of the statements
    in it name the cases: say so on stderr when others may list it."""
    import stat

    from mastergroup.i18n.messages import render

    try:
        mode = stat.S_IMODE(folder.stat().st_mode)
    except OSError:  # writing into it will say what is wrong
        return
    if mode & 0o044:
        shown = f"{mode:04o}"
        message = render("statement.folder_open", language, folder=folder, mode=shown)
        typer.echo(f"mastergroup: {message}", err=True)


@template_app.command("check")
def check(
    ctx: typer.Context,
    file: Path | None = typer.Argument(
        None, dir_okay=False, help="A template; default: the one in use for --format/--lang."
    ),
    fmt: str = typer.Option("docx", "--format", "-f", help=FORMAT_HELP),
    lang: str | None = LANG,
) -> None:
    """Render a template with an invented case; report errors, unfilled and split placeholders.

    Exit status 0 if it is fine, 3 if not.

    Examples:

      mastergroup template check ~/pohjat/statement.fi.md.j2

      mastergroup template check --format docx --lang sv
    """
    from mastergroup.core.errors import EXIT_CONFIG
    from mastergroup.i18n.messages import render
    from mastergroup.services import statements

    app, language = _app(ctx, lang)
    report = statements.check_template(app, file, kind=fmt, lang=language)
    for line in report.errors:
        typer.echo(f"mastergroup: {line}", err=True)
    for what in report.unfilled:
        typer.echo(render("template.unfilled", language, file=report.file, what=what), err=True)
    for paragraph, tag in report.split:
        typer.echo(
            render("template.split", language, file=report.file, paragraph=paragraph, tag=tag),
            err=True,
        )
    if report.ok:
        typer.echo(render("template.ok", language, file=report.file))
        return
    count = len(report.errors) + len(report.unfilled) + len(report.split)
    typer.echo(render("template.problems", language, file=report.file, count=count), err=True)
    raise typer.Exit(EXIT_CONFIG)


def register(app: typer.Typer) -> None:
    app.command("statement")(statement)
    app.add_typer(template_app, name="template")
