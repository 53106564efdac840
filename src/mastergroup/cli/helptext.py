"""`--help` in the user's language: the English help written in the code is the source, the
catalogs (`help.<command path>`, `help.<command path>.<option>`) hold its translations.

The language of help is the one the command would speak: `--lang` among the raw arguments,
else MASTERGROUP_LANG, else the configuration's `group.language`; Finnish when the
configuration is broken (help must always show). It is looked up only when help is shown:
every command a group hands out gets HelpContext, whose `get_help` (both `--help` and a group
called without arguments come through it) renders a translated copy of the command. The
commands Typer built stay English, for every later language and for introspection without a
context (tests/test_docs.py); a command that runs never pays for translation, and never has
its configuration read early (`config check PATH` names the file to read).

`scripts/extract_help.py` collects the English into the three catalogs;
tests/cli/test_help_cli.py checks that no translation is missing.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator, Sequence
from typing import Any, TypeVar

from typer._click.core import Command, Context, Parameter
from typer.core import TyperArgument, TyperGroup

from mastergroup.cli.options import RAW_LANG

# Context.meta keys: the language of help once found, and "help is being rendered" (a lazy
# group then translates the subcommands it lists).
LANGUAGE = "mastergroup.help_lang"
HELPING = "mastergroup.helping"
ROOT = "mastergroup"  # the key of the top command's own help: help.mastergroup
HELP_OPTION = "help.--help"  # Click's "Show this message and exit.", one entry for all
CLICK_HELP_OPTION = "Show this message and exit."

C = TypeVar("C", bound=Command)


class HelpContext(Context):
    """A context whose help speaks the language of help."""

    def get_help(self) -> str:
        self.meta[HELPING] = True
        return translated(self.command, path_of(self), self).get_help(self)


def adopt(command: C) -> C:
    """Give `command` and the subcommands it holds built a HelpContext (idempotent)."""
    command.context_class = HelpContext
    if isinstance(command, TyperGroup) and not hasattr(command, "source"):
        for sub in command.commands.values():
            adopt(sub)
    return command


def helping(ctx: Context | None) -> bool:
    return ctx is not None and bool(ctx.meta.get(HELPING))


def path_of(ctx: Context) -> tuple[str, ...]:
    """The command names from the top to `ctx`'s command: ("case", "add")."""
    names: list[str] = []
    while ctx.parent is not None:
        names.append(ctx.info_name or "")
        ctx = ctx.parent
    return tuple(reversed(names))


def key(path: Sequence[str], param: str | None = None) -> str:
    """`help.case.add`, `help.case.add.--email`, `help.case.show.REF`, `help.mastergroup`."""
    parts = ["help", *(path or [ROOT])]
    return ".".join([*parts, param] if param else parts)


def param_name(param: Parameter) -> str:
    """An option by its first long name (`--email`), an argument by its metavar (`REF`)."""
    if isinstance(param, TyperArgument):
        return param.human_readable_name.upper()
    longs = [o for o in param.opts if o.startswith("--")]
    return (longs or param.opts)[0]


def sources(command: Command, path: tuple[str, ...] = ()) -> Iterator[tuple[str, str]]:
    """(key, English help) of a command, its parameters and subcommands, in order."""
    if command.help:
        yield key(path), command.help
    if command.short_help:
        yield key(path, "short_help"), command.short_help
    for param in command.params:
        text = getattr(param, "help", None)
        if text:
            yield key(path, param_name(param)), text
    if isinstance(command, TyperGroup):
        for name in command.list_commands(None):  # type: ignore[arg-type]
            sub = command.get_command(None, name)  # type: ignore[arg-type]
            if sub is not None:
                yield from sources(sub, (*path, name))


def english() -> dict[str, str]:
    """Every help key of the CLI and its English, in the order `--help` shows them."""
    import typer.main

    from mastergroup.cli import app

    found = dict(sources(typer.main.get_command(app)))
    found[HELP_OPTION] = CLICK_HELP_OPTION
    return found


def language(ctx: Context) -> str:
    """The language of help for the invocation `ctx` belongs to (see the module's docstring)."""
    found = ctx.meta.get(RAW_LANG) or ctx.meta.get(LANGUAGE)
    if not found:
        found = ctx.meta[LANGUAGE] = _language(ctx)
    return str(found)


def _language(ctx: Context) -> str:
    from mastergroup.io import environment
    from mastergroup.services import App

    env = environment.env_language()
    if env:
        return env
    app = ctx.find_object(App)
    if app is not None and app.lang_option:
        return app.lang_option
    # The configured language, read from the file without validating it: help shows even
    # when the configuration is broken, and costs no settings import (~8 ms).
    from mastergroup.config.peek import configured_language

    path = app.config_path if app is not None else environment.config_path(
        ctx.find_root().params.get("config")
    )
    return configured_language(path) or "fi"


def text(lang: str, entry: str, source: str) -> str:
    """The catalog's translation of `entry`, else the English `source`."""
    from mastergroup.i18n.catalog import translations

    found = translations(lang).gettext(entry)
    return source if found == entry else found


def translated(command: C, path: tuple[str, ...], ctx: Context) -> C:
    """A copy of `command` whose help texts speak the language of help of `ctx`."""
    lang = language(ctx)
    shown = copy.copy(command)
    if command.help:
        shown.help = text(lang, key(path), command.help)
    if command.short_help:
        shown.short_help = text(lang, key(path, "short_help"), command.short_help)
    shown.params = [_param(p, lang, path) for p in command.params]
    shown._help_option = None  # made again for the copy, in its language
    option = shown.get_help_option(ctx)
    if option is not None and option.help:
        option.help = text(lang, HELP_OPTION, option.help)
    if isinstance(shown, TyperGroup) and not hasattr(shown, "source"):
        # An eager group holds its commands built; a lazy one (cli/lazy.py, a group with a
        # `source`) translates each it lists itself.
        shown.commands = {
            name: translated(sub, (*path, name), ctx) for name, sub in shown.commands.items()
        }
    return shown


def _param(param: Parameter, lang: str, path: tuple[str, ...]) -> Parameter:
    source = getattr(param, "help", None)
    if not source:
        return param
    shown = copy.copy(param)
    shown.help = text(lang, key(path, param_name(param)), source)  # type: ignore[attr-defined]
    return shown


def summary(name: str, source: str, lang: str) -> str:
    """A command's line in `mastergroup --help`: the first line of its translated help."""
    return text(lang, key((name,)), source).split("\n", 1)[0]


def fetched(command: Any, ctx: Context | None, path: tuple[str, ...]) -> Any:
    """A command a group hands out: with a HelpContext; translated while help is rendered."""
    if command is None:
        return None
    adopt(command)
    return translated(command, path, ctx) if ctx is not None and helping(ctx) else command
