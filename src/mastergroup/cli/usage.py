"""Click's usage errors in the user's language: one line that says what is wrong and where help is.

Click (vendored in Typer) writes its errors in English. The common ones (an unknown option or
command, a missing value, a value of the wrong type, extra arguments) are recognised here by
their exception class and attributes and said again from the message catalog; anything else
keeps Click's English text, still as one line with the help hint.
"""

from __future__ import annotations

import difflib
import re
from typing import Any

from typer._click import exceptions as clickexc
from typer._click import types as clicktypes

from mastergroup.i18n.messages import Phrase, phrase, render

_NO_SUCH_COMMAND = re.compile(r"^No such command '(?P<name>.*?)'\.")  # Typer may add a hint
_EXTRA = re.compile(r"^Got unexpected extra argument\(s\) \((?P<args>.*)\)$")


def message(error: clickexc.UsageError, lang: str, commands: list[str], where: str) -> str:
    """The error as one localized line, ending with where to find help (`where`: the command
    line's command when the error carries no context of its own)."""
    where = error.ctx.command_path if error.ctx else where
    return f"{_what(error, lang, commands)} {render('cli.see_help', lang, where=where)}"


def _what(error: clickexc.UsageError, lang: str, commands: list[str]) -> str:
    if isinstance(error, clickexc.NoSuchOption):
        return render(
            "cli.no_such_option",
            lang,
            option=error.option_name,
            suggestion=_suggestion(lang, sorted(error.possibilities or ())),
        )
    if isinstance(error, clickexc.MissingParameter):
        return render("cli.missing", lang, name=_hint(error))
    if isinstance(error, clickexc.BadParameter):
        expected = _expected(error.param.type if error.param is not None else None)
        if expected is not None:
            return render("cli.bad_value", lang, name=_hint(error), expected=expected)
        return error.format_message()
    if isinstance(error, clickexc.BadOptionUsage) and "requires" in error.message:
        return render("cli.needs_value", lang, option=error.option_name)
    found = _NO_SUCH_COMMAND.match(error.message)
    if found:
        name = found["name"]
        close = difflib.get_close_matches(name, commands, n=3, cutoff=0.6)
        return render("cli.no_such_command", lang, name=name, suggestion=_suggestion(lang, close))
    found = _EXTRA.match(error.message)
    if found:
        return render("cli.extra_arguments", lang, args=found["args"])
    return error.format_message()


def _hint(error: clickexc.BadParameter) -> str:
    if error.param_hint is not None:
        hint = error.param_hint
        return hint if isinstance(hint, str) else " / ".join(hint)
    param = error.param
    if param is None:
        return "?"
    if param.param_type_name == "argument":  # as the usage line shows it: REF
        return param.human_readable_name.upper()
    return " / ".join(param.opts)


def _expected(kind: Any) -> Phrase | None:
    if isinstance(kind, clicktypes.IntRange) and kind.min is not None and kind.max is not None:
        return phrase("expect.whole_number", low=kind.min, high=kind.max)
    if isinstance(kind, clicktypes.IntParamType):
        return phrase("expect.integer")
    choices = getattr(kind, "choices", None)  # click.Choice and Typer's enum choices
    if choices:
        return phrase(
            "expect.one_of", options=", ".join(str(getattr(c, "value", c)) for c in choices)
        )
    return None


def _suggestion(lang: str, names: list[str]) -> str:
    return render("cli.did_you_mean", lang, names=", ".join(names)) if names else ""
