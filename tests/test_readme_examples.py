"""The README executed (issue 14): every ```console block is run, in order, in one bash in a
temporary home, by the installed `mastergroup`, and must show what its commands print now.
After a change of output: `python scripts/update_readme_examples.py` (then read the diff)."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).parents[1] / "scripts" / "update_readme_examples.py"
needs_bash = pytest.mark.skipif(shutil.which("bash") is None, reason="the README's shell is bash")


def _script():  # the script is not a module of the package; load it from its file
    spec = importlib.util.spec_from_file_location("update_readme_examples", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


script = _script()
README = script.README.read_text(encoding="utf-8")


@needs_bash
def test_every_console_example_prints_what_the_readme_shows():
    new, blocks, commands = script.regenerate(README)
    assert blocks >= 7 and commands >= 25  # the tour is not silently skipped
    if new != README:
        pytest.fail(
            "README.md's console examples print something else now (run"
            " `python scripts/update_readme_examples.py` and read the diff):\n"
            + script.diff(README, new)
        )


def commands() -> list[str]:
    return [c.shell for block in script.parse(README) for c in block.commands]


def test_the_tour_starts_in_a_scratch_folder_with_its_own_register_and_today():
    first = commands()[:2]
    assert first[0] == 'cd "$(mktemp -d)"'
    assert first[1].startswith("export MASTERGROUP_HOME=") and "MASTERGROUP_TODAY=" in first[1]


def test_no_example_is_a_placeholder_or_touches_the_real_home():
    for command in commands():
        assert "..." not in command, command  # type the real thing
        assert "~" not in command and "$HOME" not in command, command


def test_a_console_block_is_commands_each_followed_by_its_output():
    blocks = script.parse(
        "text\n```console\n$ one \\\n    --two\nout 1\n$ three   # full: exit 4\n```\n"
        "```sh\nnot run\n```\n"
    )
    assert len(blocks) == 1
    first, second = blocks[0].commands
    assert first.shell == "one \\\n    --two" and first.output == ["out 1"]
    assert first.expected_exit == 0 and second.expected_exit == 4 and second.output == []


def test_output_without_its_command_is_refused():
    with pytest.raises(script.ExampleError, match="starts with `\\$ command`"):
        script.parse("```console\nVaroitus: ...\n```\n")


@needs_bash
def test_a_failing_command_stops_the_run_unless_its_comment_names_the_status():
    ran = script.regenerate("```console\n$ echo a; false   # exit 1\n$ printf 'b  \\n\\n'\n```\n")
    assert ran == (
        "```console\n$ echo a; false   # exit 1\na\n$ printf 'b  \\n\\n'\nb  \n```\n",
        1,
        2,
    )
    with pytest.raises(script.ExampleError, match="exit 1, expected 0"):
        script.regenerate("```console\n$ false\n```\n")


@needs_bash
def test_the_examples_run_in_a_fixed_environment_without_the_users_settings(monkeypatch):
    monkeypatch.setenv("MASTERGROUP_HOME", "/somewhere/real")
    text = '```console\n$ echo "$HOME|${MASTERGROUP_HOME-unset}|$COLUMNS|$NO_COLOR|$LC_ALL"\n```\n'
    new, _, _ = script.regenerate(text)
    assert new.split("\n")[2] == "~|unset|100|1|C.UTF-8"


def test_what_varies_between_runs_is_normalised_for_the_comparison():
    lines = ['"exported_at": "2025-06-01T08:12:30.123+00:00",  ', "in /tmp/tmp.Ab12Cd34Ef", ""]
    assert script.normalise(lines) == ['"exported_at": "<timestamp>",', "in /tmp/tmp.XXXXXXXXXX"]
    assert script.normalise(["pe 31.3.2023 klo 9.00"]) == ["pe 31.3.2023 klo 9.00"]
