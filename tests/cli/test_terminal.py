"""Bidi and C1 controls already in a register (stored before the rule refused them) never
reach a terminal raw; pipes get the data as stored (issue 11, item 4)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from contextlib import closing

import pytest

from mastergroup.io.terminal import SafeTerminal
from tests import terminal
from tests.cli.test_case_cli import book

RLO = "\u202e"  # right-to-left override: "LS-1" + RLO + "cba" shows as "LS-1abc"
C1 = "\u009b"  # CSI, which some terminals obey as ESC [


@pytest.fixture
def cli(run, monkeypatch):
    monkeypatch.setenv("MASTERGROUP_TODAY", "2023-03-01")
    monkeypatch.setenv("MASTERGROUP_LANG", "en")
    return run


def _old_register(cli, home):
    assert book(cli, "LS-1").exit_code == 0
    with closing(sqlite3.connect(home / "home" / "mastergroup.db")) as conn, conn:
        conn.execute("UPDATE cases SET worker_name = ?, municipality = ?",
                     (f"Sanna {RLO}cba", f"Jyv{C1}2Jäskylä"))  # fmt: skip


def _on_a_terminal(args: list[str]) -> bytes:
    return terminal.on_a_terminal(args)


@pytest.mark.parametrize(
    "args", [["case", "list", "--all"], ["case", "show", "LS-1"], ["agenda", "--session",
             "2023-03-31"]],
)  # fmt: skip
def test_unsafe_characters_are_escaped_on_a_terminal(cli, home, args):
    _old_register(cli, home)
    shown = _on_a_terminal(args).decode("utf-8")
    assert RLO not in shown and C1 not in shown
    assert "\\u202e" in shown or "\\u009b" in shown


def test_a_pipe_gets_the_data_as_stored(cli, home):
    _old_register(cli, home)
    result = subprocess.run([sys.executable, "-m", "mastergroup", "case", "show", "LS-1",
                             "--format", "json"], capture_output=True, check=True)  # fmt: skip
    assert RLO in result.stdout.decode("utf-8")


def test_the_wrapper_escapes_every_write_and_passes_the_rest():
    import io

    raw = io.StringIO()
    safe = SafeTerminal(raw)  # type: ignore[arg-type]
    assert safe.write(f"a{RLO}b\u2028c{C1}") == 6
    safe.writelines(["x\u2066", "y"])
    assert raw.getvalue() == "a\\u202eb\\u2028c\\u009bx\\u2066y"
    assert safe.getvalue() == raw.getvalue()  # other attributes pass through
