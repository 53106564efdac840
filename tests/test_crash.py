"""A process killed (SIGKILL) in the middle of a large import leaves a sound register that holds
all of the import or none of it.

The import runs as one transaction; SQLite's WAL keeps uncommitted pages out of the database,
so recovery after the kill drops them. The test waits until the WAL grows (the transaction is
writing) and kills then; if the import happened to finish first, it tries again.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

from mastergroup.io.environment import shipped_config_dir

CASES = 20_000
ATTEMPTS = 6

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")


def backup(path: Path) -> None:
    """An invented register of CASES cases over a century of monthly sessions."""
    stamp = "2023-01-02T08:00:00+00:00"
    cases = []
    for n in range(CASES):
        year, month = 2000 + n // 1200, n // 100 % 12 + 1
        cases.append(
            {
                "ref": f"R{n:05d}",
                "session_date": f"{year}-{month:02d}-20",
                "slot": f"{year}-{month:02d}",
                "status": "booked",
                "waitlisted": False,
                "waitlist_position": None,
                "worker": "Sanna Sosiaalityöntekijä",
                "worker_email": "sanna@kunta.example",
                "worker_phone": "",
                "municipality": "Jyväskylä",
                "matter": "other",
                "expertise": ["law"],
                "questions": [f"Kysymys {q} asiassa {n}: mitä perheessä tehdään?" for q in "123"],
                "documents_received": None,
                "late_reason": "",
                "withdrawn_reason": "",
                "created_at": stamp,
                "updated_at": stamp,
            }
        )
    data = {"format": "mastergroup-backup", "version": 1, "cases": cases, "audit": []}
    path.write_text(json.dumps(data), encoding="utf-8")


def environment(home: Path) -> dict[str, str]:
    return {
        **os.environ,
        "MASTERGROUP_HOME": str(home),
        "MASTERGROUP_CONFIG": str(shipped_config_dir() / "keski-suomi.toml"),
        "MASTERGROUP_LANG": "en",
    }


def import_and_kill(file: Path, home: Path, wal_bytes: int) -> bool:
    """Start an import; SIGKILL it once the WAL holds `wal_bytes`. True if it was killed."""
    process = subprocess.Popen(
        [sys.executable, "-m", "mastergroup", "case", "import", str(file)],
        env=environment(home),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    wal = home / "mastergroup.db-wal"
    deadline = time.monotonic() + 120
    while process.poll() is None and time.monotonic() < deadline:
        try:
            if wal.stat().st_size >= wal_bytes:
                process.send_signal(signal.SIGKILL)
                break
        except FileNotFoundError:
            pass
        time.sleep(0.001)
    _, err = process.communicate(timeout=120)
    if process.returncode == 0:
        return False
    assert process.returncode == -signal.SIGKILL, err
    return True


def register_state(home: Path) -> tuple[str, int, int]:
    with closing(sqlite3.connect(home / "mastergroup.db")) as conn:
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        cases = conn.execute("SELECT COUNT(*) FROM cases").fetchone()[0]
        questions = conn.execute("SELECT COUNT(*) FROM questions").fetchone()[0]
        logged = conn.execute("SELECT COUNT(*) FROM audit WHERE command = 'import'").fetchone()[0]
    assert questions == 3 * cases
    return integrity, cases, logged


def test_a_killed_import_leaves_all_or_nothing(tmp_path):
    file = tmp_path / "backup.json"
    backup(file)
    killed_midway = False
    for attempt in range(ATTEMPTS):
        home = tmp_path / f"home{attempt}"
        # The schema's migration leaves ~40 KB in the WAL: beyond 256 KB the import is writing.
        killed = import_and_kill(file, home, wal_bytes=256 * 1024 * (1 + attempt * 4))
        integrity, cases, logged = register_state(home)
        assert integrity == "ok"
        assert (cases, logged) in {(0, 0), (CASES, 1)}, (cases, logged)
        if killed and cases == 0:
            killed_midway = True
            break
    assert killed_midway, "every import finished before the kill: nothing was demonstrated"

    # The register recovered from the crash takes the whole import afterwards.
    retry = subprocess.run(
        [sys.executable, "-m", "mastergroup", "case", "import", str(file)],
        env=environment(home),
        capture_output=True,
        text=True,
        check=False,
    )
    assert retry.returncode == 0, retry.stderr
    assert register_state(home) == ("ok", CASES, 1)
