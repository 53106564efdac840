"""Twenty processes book the same session (capacity 2) at once: exactly two get a place.

Real processes, not threads: the coordinator's terminal and a cron job are separate programs,
and SQLite's locking between processes is what must hold (BEGIN IMMEDIATE + busy_timeout). On
PostgreSQL (issue 16) fifty, each with a home of its own, as on several hosts: only the
database's write lock orders them. Twelve more, each with `--waitlist`: two places, and a
waiting list numbered 1 to 10 exactly.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from mastergroup.io.environment import shipped_config_dir
from tests.conftest import query

PROCESSES = 20


def environment(home: Path) -> dict[str, str]:
    return {
        **os.environ,
        "LOGNAME": "koordinaattori",
        "MASTERGROUP_HOME": str(home),
        "MASTERGROUP_CONFIG": str(shipped_config_dir() / "keski-suomi.toml"),
        "MASTERGROUP_TODAY": "2023-03-01",
        "MASTERGROUP_LANG": "en",
        "NO_COLOR": "1",
    }


def command(ref: str, session: str = "2023-03-31") -> list[str]:
    return [
        sys.executable, "-m", "mastergroup", "case", "add", "--session", session,
        "--ref", ref, "--worker", "Sanna Sosiaalityöntekijä", "--email", "sanna@kunta.example",
        "--municipality", "Jyväskylä", "-q", "Mitä tehdään?",
    ]  # fmt: skip


def at_once(env, host, count: int, register: str, *extra: str) -> list[tuple[int, str, str]]:
    """`count` real `case add` processes (R0, R1, ...) started together, each with `host(n)`'s
    environment; with `register == "existing"` another session's booking is made first (the
    register and its WAL exist). Their exit codes, stdout and stderr."""
    if register == "existing":
        setup = subprocess.run(
            command("SETUP", "2023-04-28"), env=env, capture_output=True, text=True, check=False
        )
        assert setup.returncode == 0, setup.stderr
    processes = [
        subprocess.Popen(
            [*command(f"R{n}"), *extra],
            env=host(n),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(count)
    ]
    outcomes = []
    for process in processes:
        out, err = process.communicate(timeout=120)
        outcomes.append((process.returncode, out, err))
    return outcomes


def listed_in_march(env) -> list[dict[str, object]]:
    listed = subprocess.run(
        [sys.executable, "-m", "mastergroup", "case", "list", "--format", "json"],
        env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return [r for r in json.loads(listed.stdout) if r["slot"] == "2023-03"]


@pytest.mark.parametrize("register", ["fresh", "existing"])
def test_twenty_processes_race_for_two_places(tmp_path, register, backend):
    home = tmp_path / "home"
    env = environment(home)
    count = 50 if backend == "postgresql" else PROCESSES

    def host(n: int) -> dict[str, str]:
        return {**env, "MASTERGROUP_HOME": str(tmp_path / f"host-{n}")} if count == 50 else env

    outcomes = at_once(env, host, count, register)
    for _, out, err in outcomes:
        assert "Traceback" not in out + err and "locked" not in err.lower(), err
    won = [out for code, out, _ in outcomes if code == 0]
    lost = [(code, err) for code, _, err in outcomes if code != 0]
    assert len(won) == 2, outcomes
    assert all(out.startswith("Booked: R") for out in won)
    assert len(lost) == count - 2
    for code, err in lost:
        assert code == 4, err
        assert err.startswith("mastergroup: The session on 2023-03-31 is full (2/2).")
        assert "2023-04-28" in err and "--waitlist" in err

    if backend == "sqlite":
        with closing(sqlite3.connect(home / "mastergroup.db")) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    rows = query(home, "SELECT ref FROM cases WHERE slot = '2023-03'")
    [(adds,)] = query(home, "SELECT COUNT(*) FROM audit WHERE slot = '2023-03'")
    assert len(rows) == 2 and adds == 2
    march = listed_in_march(env)
    assert sorted(str(r["ref"]) for r in march) == sorted(str(ref) for (ref,) in rows)


WAITING = 12
POSITION = re.compile(r"^Waiting list: (R\d+), Fri 31 Mar 2023, position (\d+)\. ")


@pytest.mark.parametrize("register", ["fresh", "existing"])
def test_twelve_processes_with_waitlist_get_two_places_and_one_queue(tmp_path, register, backend):
    """`--waitlist` at once from twelve processes (on PostgreSQL each with a home of its own):
    every one succeeds, two get the places and the other ten a waiting-list position each,
    1 to 10 with no number twice and none missing, as each was told and as `case list` says."""
    home = tmp_path / "home"
    env = environment(home)

    def host(n: int) -> dict[str, str]:
        on_pg = backend == "postgresql"  # as on several hosts
        return {**env, "MASTERGROUP_HOME": str(tmp_path / f"host-{n}")} if on_pg else env

    outcomes = at_once(env, host, WAITING, register, "--waitlist")
    assert all(code == 0 and err == "" for code, _, err in outcomes), outcomes
    booked = sorted(out.split(",")[0].removeprefix("Booked: ") for _, out, _ in outcomes
                    if out.startswith("Booked: R"))  # fmt: skip
    told = {}
    for _, out, _ in outcomes:
        if found := POSITION.match(out):
            told[found.group(1)] = int(found.group(2))
    assert len(booked) == 2 and len(told) == WAITING - 2, outcomes
    assert sorted(told.values()) == list(range(1, WAITING - 1))  # no duplicate, no gap

    # what is stored: two places, and the queue numbers in the order of the positions told
    stored = query(home, "SELECT ref, waitlist FROM cases WHERE slot = '2023-03'")
    assert sorted(str(ref) for ref, number in stored if number is None) == booked
    queue = sorted((int(str(number)), str(ref)) for ref, number in stored if number is not None)
    assert [ref for _, ref in queue] == sorted(told, key=told.__getitem__)
    [(adds,)] = query(home, "SELECT COUNT(*) FROM audit WHERE slot = '2023-03'")
    assert adds == WAITING
    march = listed_in_march(env)
    assert sorted(str(r["ref"]) for r in march if not r["waitlisted"]) == booked
    assert {r["ref"]: r["waitlist_position"] for r in march if r["waitlisted"]} == told
    assert all(r["status"] == "booked" for r in march)
