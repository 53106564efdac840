"""The console script's entry point keeps the collector out of start-up (issue 18); library use
(`import mastergroup.cli`, CliRunner) leaves `gc` alone."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).parents[1]

# Records whether the collector was on when Typer was imported, then runs the entry point.
PROBE = """
import gc, json, sys
seen = {}
def hook(event, args):
    if event == "import" and args[0] == "typer" and "typer" not in seen:
        seen["typer"] = gc.isenabled()
sys.addaudithook(hook)
sys.argv = ["mastergroup", *sys.argv[1:]]
from mastergroup.__main__ import run
try:
    run()
except SystemExit as e:
    code = e.code
print(json.dumps({"import": seen["typer"], "enabled": gc.isenabled(),
                  "frozen": gc.get_freeze_count(), "code": code}))
"""


def probe(*args: str, env: dict[str, str] | None = None) -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, check=True, env=env
    )
    return dict(json.loads(out.stdout.splitlines()[-1]))


def test_the_entry_point_disables_the_collector_while_importing_and_freezes(home):
    found = probe("--version")
    assert found["import"] is False  # off while the CLI's modules load
    assert found["enabled"] is True  # on again while the command runs
    assert isinstance(found["frozen"], int) and found["frozen"] > 5000  # the imports' objects
    assert found["code"] == 0


def test_the_entry_point_passes_exit_codes_through(home):
    assert probe("sessions", "--year", "x")["code"] == 2


def test_library_use_leaves_the_collector_alone():
    code = (
        "import gc, json, mastergroup, mastergroup.cli, mastergroup.__main__\n"
        "print(json.dumps([gc.isenabled(), gc.get_freeze_count()]))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == [True, 0]  # importing __main__ runs nothing either


def test_the_console_script_and_python_m_use_the_entry_point(home):
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["scripts"] == {"mastergroup": "mastergroup.__main__:run"}
    shown = subprocess.run(
        [sys.executable, "-m", "mastergroup", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (shown.returncode, shown.stdout.split()[0]) == (0, "mastergroup")
    wrong = subprocess.run(
        [sys.executable, "-m", "mastergroup", "sessions", "--year", "x"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert wrong.returncode == 2 and wrong.stderr.startswith("mastergroup: ")
