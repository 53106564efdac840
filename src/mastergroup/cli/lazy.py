"""A Typer group that turns only the subcommand a command line names into a Click command.

Typer converts every command of a group at start-up (inspecting each signature, ~1.5 ms a
command): `case` has fourteen, so `case list` paid ~18 ms for thirteen it never ran. A
LazyTyperGroup serves the commands registered on its `source` Typer app, converting one when
it is named and all of them only for `--help`.
"""

from __future__ import annotations

from typing import Any, ClassVar

import typer
import typer.main
from typer._click.core import Command, Context
from typer.core import TyperGroup
from typer.models import CommandInfo

from mastergroup.cli.options import SUBCOMMAND


class LazyTyperGroup(TyperGroup):
    """Subclass it with `source` set to the Typer app whose commands the group holds."""

    source: ClassVar[typer.Typer]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._built: dict[str, Command] = {}

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        rest = super().parse_args(ctx, args)
        # `case list --format` fails in the subcommand's parser, with no context of its own:
        # record the name so that the error points at `mastergroup case list --help`.
        ctx.meta[SUBCOMMAND] = [*ctx.meta.get(SUBCOMMAND, []), *ctx._protected_args[:1]]
        return rest

    def list_commands(self, ctx: Context) -> list[str]:
        return list(dict.fromkeys(_name(info) for info in self.source.registered_commands))

    def get_command(self, ctx: Context | None, cmd_name: str) -> Command | None:
        if cmd_name not in self._built:
            info = next((i for i in self.source.registered_commands if _name(i) == cmd_name), None)
            if info is None:
                return None
            self._built[cmd_name] = typer.main.get_command_from_info(
                info, pretty_exceptions_short=True, rich_markup_mode=None
            )
        from mastergroup.cli import helptext

        path = (*helptext.path_of(ctx), cmd_name) if ctx is not None else ()
        return helptext.fetched(self._built[cmd_name], ctx, path)  # type: ignore[no-any-return]


def _name(info: CommandInfo) -> str:
    callback_name = info.callback.__name__ if info.callback else ""
    return info.name or typer.main.get_command_name(callback_name)
