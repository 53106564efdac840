"""`mastergroup report` (issue 17) in the terminal: on a terminal each table's bars are drawn by
Rich; into a pipe the text is plain lines of █, the same bytes every run, and Rich is not even
imported (start-up, cron mail)."""

from __future__ import annotations

import os
import re

from tests import terminal
from tests.cli.test_report_cli import build_register
from tests.test_startup import loaded_after

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def test_rich_bars_on_a_terminal_plain_lines_into_a_pipe(run, monkeypatch):
    monkeypatch.setenv("MASTERGROUP_LANG", "en")
    build_register(run, monkeypatch)
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "COLUMNS", "LINES")}
    shown = terminal.on_a_terminal(["report", "--year", "2025"], columns=100, env=env)
    text = shown.decode("utf-8")
    assert ANSI.search(text)  # Rich's colours: a terminal
    plain = ANSI.sub("", text).replace("\r\n", "\n")
    line = next(x for x in plain.splitlines() if "Jyväskylä" in x)
    assert "6" in line and "█" in line  # Rich's Bar, full blocks
    line = next(x for x in plain.splitlines() if x.strip().startswith("Discussed"))
    assert "< 5" in line and "█" not in line  # a hidden count has no bar
    assert "Sanna" not in plain and "LS-" not in plain

    piped = run("report", "--year", "2025")  # CliRunner: stdout is no terminal
    assert piped.exit_code == 0 and not ANSI.search(piped.stdout)
    assert piped.stdout == run("report", "--year", "2025").stdout  # deterministic
    assert re.search(r"^  Jyväskylä +6  █{30}$", piped.stdout, re.M), piped.stdout


def test_the_plain_report_does_not_import_rich(run, monkeypatch):
    monkeypatch.setenv("MASTERGROUP_LANG", "en")
    build_register(run, monkeypatch)
    modules = loaded_after(
        "from typer.testing import CliRunner\n"
        "from mastergroup.cli import app\n"
        "assert CliRunner().invoke(app, ['report', '--year', '2025']).exit_code == 0"
    )
    assert "mastergroup.cli.report_cmd" in modules
    assert not {m for m in modules if m.split(".")[0] in ("rich", "matplotlib")}
