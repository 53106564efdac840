"""Every command has help with an example, and the README mentions it (sqlite-utils' habit)."""

from __future__ import annotations

from pathlib import Path

from typer.main import get_command
from typer.testing import CliRunner

from mastergroup.cli import app

README = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")


def commands() -> list[tuple[str, object]]:
    found: list[tuple[str, object]] = []

    def walk(prefix: str, command: object) -> None:
        # The top group builds its commands lazily: ask it through Click's own interface.
        if hasattr(command, "list_commands"):
            for name in command.list_commands(None):
                walk(f"{prefix} {name}".strip(), command.get_command(None, name))
        else:
            found.append((prefix, command))

    walk("", get_command(app))
    return found


def test_there_are_commands():
    names = [name for name, _ in commands()]
    assert "sessions" in names and "config check" in names


def test_every_command_has_help_and_an_example():
    missing = [name for name, cmd in commands()
               if "example" not in (getattr(cmd, "help", "") or "").lower()]  # fmt: skip
    assert not missing, f"commands without an example in their help: {missing}"


def test_every_command_is_in_the_readme():
    missing = [name for name, _ in commands() if f"mastergroup {name}" not in README]
    assert not missing, f"commands the README does not mention: {missing}"


def test_help_runs_for_every_command():
    runner = CliRunner()
    for name, _ in commands():
        result = runner.invoke(app, [*name.split(), "--help"])
        assert result.exit_code == 0, name
        assert "Usage:" in result.stdout


def _sh_blocks_after(heading: str) -> list[str]:
    part = README.split(heading, 1)[1].split("\n## ", 1)[0]
    return [block.split("```", 1)[0].strip() for block in part.split("```sh\n")[1:]]


def test_the_two_commands_make_a_virtual_environment_and_ci_runs_the_test_command():
    install, test = _sh_blocks_after("## The two commands")
    for command in (install, test):
        assert command.startswith("python3 -m venv .venv && . .venv/bin/activate && pip install")
    assert install.endswith("mastergroup sessions --year 2023")
    assert test.endswith("&& pytest")
    ci = (Path(__file__).parents[1] / ".ci" / "run").read_text(encoding="utf-8")
    assert test in ci.splitlines()


def test_contributing_maps_every_module():
    contributing = (Path(__file__).parents[1] / "CONTRIBUTING.md").read_text(encoding="utf-8")
    package = Path(__file__).parents[1] / "src" / "mastergroup"
    missing = [
        str(p.relative_to(package))
        for p in sorted(package.rglob("*.py"))
        if p.name != "__init__.py" or p.parent.name in ("services", "cli")
        if p.parent != package and f"`{p.relative_to(package)}`" not in contributing
    ]
    assert not missing, f"modules CONTRIBUTING.md does not map: {missing}"
