"""The `mastergroup` command: global options, the one error handler, and the command groups.

Each command module registers itself on `app`; commands parse, call one service and render.
"""

from __future__ import annotations

import errno
import functools
import importlib
import os
import sys
from pathlib import Path
from typing import Any

import typer
import typer.main
from typer._click import exceptions as clickexc
from typer._click.core import Context
from typer.core import TyperGroup

from mastergroup import __version__
from mastergroup.cli.helptext import HelpContext
from mastergroup.cli.options import (
    RAW_LANG,
    SUBCOMMAND,
    as_option,
    guard_raw_arguments,
    lang_of,
    not_utf8_argument,
)
from mastergroup.core.errors import EXIT_USAGE, ConfigError, MastergroupError, StorageError
from mastergroup.i18n.messages import os_reason, render
from mastergroup.io import environment
from mastergroup.services import App


class UserError(clickexc.ClickException):
    """A MastergroupError rendered in the user's language: one line on stderr, its exit code."""

    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(message)
        self.exit_code = exit_code

    def show(self, file: Any = None) -> None:
        from mastergroup.core.privacy import printable, redact

        # The last guard: a value echoed in a message (a config value, an environment
        # variable, a path) never prints an identity code, nor a bidi or C1 control raw.
        typer.echo(f"mastergroup: {printable(redact(self.message))}", err=True)


class OneLineUsageError(clickexc.UsageError):
    """Click's usage errors, as one line in the user's language that says where help is."""

    @classmethod
    def of(cls, error: clickexc.UsageError, ctx: Context | None) -> OneLineUsageError:
        from mastergroup.cli.usage import message

        where = "mastergroup"
        if ctx is not None:  # the subcommand being parsed, for the help hint
            where = " ".join([ctx.command_path, *ctx.meta.get(SUBCOMMAND, [])])
        known = ctx or error.ctx
        lang = (known.meta.get(RAW_LANG) if known else None) or _language(known)
        names = list(COMMANDS)
        if error.ctx is not None and isinstance(error.ctx.command, TyperGroup):
            names = error.ctx.command.list_commands(error.ctx)  # suggest among its own commands
        return cls(message(error, lang, names, where), error.ctx)

    def show(self, file: Any = None) -> None:
        from mastergroup.core.privacy import printable, redact

        typer.echo(f"mastergroup: {printable(redact(self.message))}", err=True)


def _language(ctx: Context | None) -> str:
    """The language of an error: --lang, MASTERGROUP_LANG, then the configuration's (read now
    if the error came before any command ran); Finnish when even that fails. The App remembers
    a failed load, so a broken configuration is never read a second time here."""
    app = ctx.find_object(App) if ctx else None
    try:
        app = app or App()
        return app.language()
    except Exception:  # the configuration itself is broken (or worse): never fail here
        return environment.env_language() or _declared_language(app) or "fi"


def _declared_language(app: App | None) -> str | None:
    """The broken configuration's own `group.language`, read leniently (issue 14): a Swedish
    county's configuration errors are said in Swedish."""
    if app is None:
        return None
    try:
        from mastergroup.config.peek import configured_language

        return configured_language(app.config_path)
    except Exception:  # never fail while saying another failure
        return None


def _silence_stdout() -> None:
    """Point stdout at /dev/null so that the interpreter's final flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # not a real file (tests): nothing to do
        pass


# Why a write to an open stream fails: the disk (or /dev/full) is full, a quota, an I/O error.
_STREAM_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO})


def _stdout_failed(error: OSError) -> bool:
    """Whether the command's OSError came from writing its output, not from a file it opened:
    every file the tool opens turns its errors into a StorageError naming the file, so an
    error without a file name on a write is the output stream's (or its buffer is stuck)."""
    if error.filename is None and error.errno in _STREAM_ERRNOS:
        return True
    try:
        sys.stdout.flush()
    except (OSError, ValueError):
        return True
    return False


def _user_error(error: MastergroupError, ctx: Context | None) -> UserError:
    if isinstance(error, ConfigError) and "file" not in error.params and ctx is not None:
        app = ctx.find_object(App)
        if app is not None:
            error.params["file"] = str(app.config_path)
    params = dict(error.params)
    if "field" in params:  # the core's domain name, said as the option the user typed
        params["field"] = as_option(params["field"])
    return UserError(render(error.key, _language(ctx), **params), error.exit_code)


def _internal(error: Exception, ctx: Context | None) -> UserError:
    # Never a traceback (it could hold case data); MASTERGROUP_DEBUG=1 shows it to a developer.
    if os.environ.get("MASTERGROUP_DEBUG"):
        raise error
    return UserError(render("internal", _language(ctx), detail=type(error).__name__), 70)


class Group(TyperGroup):
    """The top group: builds commands lazily; maps every error to one line on stderr."""

    def list_commands(self, ctx: Context) -> list[str]:
        return list(COMMANDS)

    context_class = HelpContext  # --help in the user's language (cli/helptext.py)

    def get_command(self, ctx: Context | None, cmd_name: str) -> Any:
        from mastergroup.cli import helptext

        return helptext.fetched(_lazy_command(cmd_name), ctx, (cmd_name,))

    def format_commands(self, ctx: Context, formatter: Any) -> None:
        from mastergroup.cli import helptext

        lang = helptext.language(ctx)
        rows = [(name, helptext.summary(name, line, lang)) for name, line in SUMMARIES.items()]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def make_context(self, *args: Any, **kwargs: Any) -> Context:
        try:
            return super().make_context(*args, **kwargs)
        except clickexc.NoArgsIsHelpError:
            raise
        except clickexc.UsageError as e:
            raise OneLineUsageError.of(e, None) from None
        except OSError as e:  # `--help` or `--version` printed on a full disk
            if not _stdout_failed(e):
                raise
            _silence_stdout()
            lang = environment.env_language() or "fi"
            message = render("io.stdout_failed", lang, detail=os_reason(e))
            raise UserError(message, StorageError.exit_code) from None

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        ctx.meta[RAW_LANG] = lang_of(args)  # usage errors speak it before --lang is parsed
        position = not_utf8_argument(args)
        if position is not None:
            lang = lang_of(args) or environment.env_language() or "fi"
            message = render("input.not_utf8_argument", lang, position=position)
            raise UserError(message, EXIT_USAGE)
        # Nothing may echo an identity code, not even a usage error: look before Click parses.
        # `case` looks again itself, naming the options more precisely.
        if not args or args[0] != "case":
            try:
                guard_raw_arguments(ctx, args)
            except MastergroupError as e:
                lang = lang_of(args) or environment.env_language() or "fi"
                raise UserError(render(e.key, lang, **e.params), e.exit_code) from None
        rest = super().parse_args(ctx, args)
        ctx.meta[SUBCOMMAND] = ctx._protected_args[:1]
        return rest

    def invoke(self, ctx: Context) -> Any:
        try:
            return super().invoke(ctx)
        except MastergroupError as e:
            raise _user_error(e, ctx) from None
        except (clickexc.NoArgsIsHelpError, OneLineUsageError):
            raise
        except clickexc.UsageError as e:
            raise OneLineUsageError.of(e, ctx) from None
        except (clickexc.ClickException, typer.Exit, typer.Abort):
            raise
        except BrokenPipeError:  # `mastergroup ... | head`: the reader left; stop quietly
            _silence_stdout()
            raise typer.Exit(141) from None
        except OSError as e:
            if not _stdout_failed(e):
                raise _internal(e, ctx) from None
            # `> /dev/full`, a full disk or quota: the output was not written (exit 7). Silence
            # stdout first, or the interpreter's last flush fails again with more lines.
            _silence_stdout()
            raise _user_error(StorageError("io.stdout_failed", detail=os_reason(e)), ctx) from None
        except Exception as e:
            raise _internal(e, ctx) from None


app = typer.Typer(
    cls=Group,
    name="mastergroup",
    # English is the source; `mastergroup --help` shows it in the user's language (helptext.py).
    help="Sessions, bookings, agendas and statements for a child-welfare multiprofessional "
    "expert group.\n\nExample: mastergroup sessions --year 2023",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"mastergroup {__version__}")
        raise typer.Exit


@app.callback()
def _global(
    ctx: typer.Context,
    config: Path | None = typer.Option(
        None,
        "--config",
        envvar="MASTERGROUP_CONFIG",
        metavar="PATH",
        readable=False,  # settings.load refuses folders and unreadable files (exit 3, fi/sv/en)
        help="Configuration file (TOML). Default: the user's config.toml if it exists, else the "
        "shipped config/keski-suomi.toml.",
    ),
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """Global options (MASTERGROUP_HOME: data; MASTERGROUP_TODAY=YYYY-MM-DD pins today)."""
    ctx.obj = App(config_file=config)


def state(ctx: typer.Context) -> App:
    """The App of this invocation (set by the global callback)."""
    found = ctx.find_object(App)
    return found if found is not None else App()


def app_and_language(ctx: typer.Context, lang: str | None) -> tuple[App, str]:
    """The App and the language of the output (--lang, else MASTERGROUP_LANG, else config)."""
    app = state(ctx)
    return app, app.language(lang)


# The commands, by top-level name, and the modules that define them. They are imported and
# turned into Click commands only when used: Typer converts every command it knows at each
# start (signature inspection, ~30 ms for all of them), so the top group stays empty and
# builds only the one a command line names (issue 7).
COMMANDS: dict[str, tuple[str, ...]] = {
    "sessions": ("sessions",),
    "case": ("case_cmd",),
    "agenda": ("agenda_cmd",),
    "remind": ("agenda_cmd",),
    "ics": ("ics_cmd",),
    "statement": ("statement_cmd",),
    "expert": ("expert_cmd",),
    "session": ("expert_cmd",),
    "template": ("statement_cmd",),
    "config": ("config_cmd",),
    "report": ("report_cmd",),
    "db": ("db_cmd",),
}

# The one-line summaries that `mastergroup --help` lists: the first line of each command's help,
# kept here so that the top-level help imports no command module (tests/test_startup.py checks
# that they equal the commands' own help).
SUMMARIES: dict[str, str] = {
    "sessions": "List the sessions: dates, times, booking cutoff, document deadline, moves and "
    "cancellations.",
    "case": "The case register: bookings, questions, documents.",
    "agenda": "Show the agenda of a session: its cases with their time slots; or mail it.",
    "remind": "Send today's due mail, each message at most once (run it daily from cron).",
    "ics": "Export the sessions as an iCalendar (.ics) file for Outlook, Google, Apple or "
    "Thunderbird.",
    "statement": "Write the statement (lausunto) of a case from its template: confidential, "
    "mode 0600.",
    "expert": "The group's experts: name, profession, organisation, expertise.",
    "session": "One session's details.",
    "template": "Statement templates.",
    "config": "Create, check and show the configuration (TOML).",
    "report": "Write the group's annual report: sessions, places, cases by municipality, matter "
    "and month.",
    "db": "The register itself: where it is, its schema version, its size.",
}


@functools.cache
def _typer_holder(modules: tuple[str, ...]) -> typer.Typer:
    holder = typer.Typer(
        rich_markup_mode=None, add_completion=False, pretty_exceptions_enable=False
    )
    for name in modules:
        importlib.import_module(f"mastergroup.cli.{name}").register(holder)
    return holder


@functools.cache
def _click_holder(modules: tuple[str, ...]) -> Any:
    return typer.main.get_command(_typer_holder(modules))


def _lazy_command(name: str) -> Any:
    modules = COMMANDS.get(name)
    if modules is None:
        return None
    built = _click_holder(modules)
    commands = getattr(built, "commands", None)
    if commands is None:  # a holder of one command is that command
        return built if built.name == name else None
    return commands.get(name)


def main() -> None:
    """The command line as a user runs it; the console script and `python -m mastergroup`
    call it through `mastergroup.__main__.run`, which keeps the collector out of start-up."""
    from mastergroup.io.terminal import guard_stdout

    guard_stdout()  # bidi and C1 controls from an old register never reach a terminal raw
    app(prog_name="mastergroup")


if __name__ == "__main__":  # pragma: no cover
    main()
    sys.exit(0)
