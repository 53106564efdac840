"""Options and parsers shared by several commands."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from mastergroup.core.errors import UsageError

LANG_HELP = "Language of the output: fi (default), sv or en."
GROUP_HELP = "The group (its id in the configuration); default: the only or the default group."
ALL_GROUPS = "all"  # `--group all`: every group of the configuration, one after another


def group_option(help_text: str = GROUP_HELP) -> Any:
    """`--group ID` (issue 15), defined once for every command that concerns sessions or
    cases; None: the only group, or the configured default (services.App.settings)."""
    import typer

    return typer.Option(None, "--group", metavar="ID", help=help_text)


GROUP = group_option()

# Context.meta keys (meta is shared by a context and its children): a --lang seen on the raw
# command line, and the command names parsed so far, for the help hint of a usage error.
RAW_LANG = "mastergroup.lang"
SUBCOMMAND = "mastergroup.subcommand"


def parse_date(value: str | None) -> date | None:
    """A YYYY-MM-DD option value; a bad one is a one-line user error."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError("input.bad_date", value=value) from None


def guard_raw_arguments(ctx: Any, args: list[str], *, positional: str = "ARGUMENT") -> None:
    """Refuse a personal identity code in any raw argument, before Click parses (or echoes) it.

    Runs for the whole command line at the top level and again inside `case` (where the
    argument names are known better); the refusal speaks the `--lang` given.
    """
    from mastergroup.core.privacy import guard_privacy
    from mastergroup.services import App

    app = ctx.find_object(App)
    lang = lang_of(args)
    if app is not None and lang is not None:
        app.lang_option = lang
    guard_privacy((_option_of(args, i, positional), arg) for i, arg in enumerate(args))


def not_utf8_argument(args: Sequence[str]) -> str | None:
    """Where the first argument that is not UTF-8 is ("4 (--name)"), or None.

    Python decodes such bytes (a Latin-1 terminal's "café") to lone surrogates, which SQLite,
    files and every output then refuse to encode: refuse them here, naming only the place.
    """
    for i, arg in enumerate(args):
        if any("\udc80" <= c <= "\udcff" for c in arg):
            option = _option_of(args, i)
            clean = option != "ARGUMENT" and option.isascii() and option.isprintable()
            return f"{i + 1} ({option})" if clean else str(i + 1)
    return None


def lang_of(args: Sequence[str]) -> str | None:
    """A valid `--lang` among raw arguments (before Click has parsed them)."""
    for i, arg in enumerate(args):
        value = arg.split("=", 1)[1] if arg.startswith("--lang=") else None
        if arg == "--lang" and i + 1 < len(args):
            value = args[i + 1]
        if value in ("fi", "sv", "en"):
            return value
    return None


def _name(arg: str) -> str:
    """The option an argument spells: `--ref=X` -> --ref, `-qX` and `-q` -> --question."""
    if arg.startswith("--"):
        return arg.split("=", 1)[0]
    return _LONG.get(arg[:2], arg[:2])


def _option_of(args: Sequence[str], index: int, positional: str = "ARGUMENT") -> str:
    """Where an argument belongs, for the error: `--question 2`, `--ref`, `REF`."""
    arg = args[index]
    inline = arg.startswith("-") and ("=" in arg if arg.startswith("--") else len(arg) > 2)
    if inline:
        name = _name(arg)
    elif index > 0 and args[index - 1].startswith("-"):
        name = _name(args[index - 1])
    else:
        return _POSITIONAL.get(args[0], positional) if index > 0 else "COMMAND"
    if name in ("--question", "--expertise"):  # repeatable: say which one
        number = sum(_name(a) == name for a in args[: index + 1] if a.startswith("-"))
        return f"{name} {number}"
    return name


_LONG = {"-q": "--question", "-f": "--format", "-o": "--output", "-y": "--yes"}
_POSITIONAL = {"import": "FILE", "status": "REF/STATUS"}


# The core names the fields of its errors by their domain names; a command says them as the
# options the user typed. (Fields a service names by their option already, like --ref, and a
# backup's field paths pass unchanged.)
_OPTION_OF_FIELD = {
    "email": "--email",
    "questions": "--question",
    "expertise": "--expertise",
    "matter": "--matter",
}


def as_option(field: object) -> object:
    """`email` -> `--email`, `questions 2` -> `--question 2`; anything else as it is."""
    if not isinstance(field, str):
        return field
    name, space, rest = field.partition(" ")
    option = _OPTION_OF_FIELD.get(name)
    return field if option is None else option + space + rest
