"""Golden files: the shipped configuration's sessions 2020-2040 and a year of .ics, byte for byte.

A rule change, a holiday fix or a change in the calendar writer shows up as a diff of these
files in review. Regenerate them on purpose with `python scripts/update_golden.py`.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import SHIPPED

GOLDEN = Path(__file__).parent / "golden"
# file name -> the command line that produces it (MASTERGROUP_TODAY pinned, shipped config)
COMMANDS: dict[str, list[str]] = {
    "sessions-keski-suomi-2020-2040.json": [
        "sessions", "--from", "2020-01-01", "--to", "2040-12-31", "--format", "json",
    ],
    "keski-suomi-2024.ics": ["ics", "--year", "2024", "--deadlines", "--alarm", "2"],
}  # fmt: skip
_STAMP = re.compile(rb"DTSTAMP:\d{8}T\d{6}Z")


def produce(name: str, home: Path) -> bytes:
    """The current output for golden file `name` (DTSTAMP, the export time, made constant)."""
    from typer.testing import CliRunner

    from mastergroup.cli import app

    env = {
        "MASTERGROUP_HOME": str(home),
        "MASTERGROUP_CONFIG": str(SHIPPED),
        "MASTERGROUP_TODAY": "2024-01-02",
        "MASTERGROUP_LANG": "fi",
        "NO_COLOR": "1",
    }
    result = CliRunner().invoke(app, COMMANDS[name], env=env)
    assert result.exit_code == 0, result.output
    return _STAMP.sub(b"DTSTAMP:20240102T000000Z", result.stdout_bytes)


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_output_equals_the_golden_file(name, tmp_path):
    expected = (GOLDEN / name).read_bytes()
    assert produce(name, tmp_path) == expected, (
        f"regenerate: python scripts/update_golden.py ({name})"
    )
