"""Start-up and scale benchmarks for the installed `mastergroup` console script.

Usage:
    python benchmarks/run.py            # 15 alternating runs per command, table of medians
    python benchmarks/run.py --runs 31  # more runs
    python benchmarks/run.py --smoke    # one run each: keeps the script working in CI
    python benchmarks/run.py --postgres URL  # PostgreSQL rows too (default: MASTERGROUP_TEST_PG)

Every command is timed side by side with `python -c pass` on the same interpreter, alternating,
so that machine noise hits both; the table shows medians, the spread (interquartile range),
the ratio to the interpreter, the peak RSS of the process, and the target.
Commands run as a user gets them: into a pipe that a reader drains, or ("tty" rows) on a
pseudo-terminal of 120 x 50 with colour, where the default output is the table.
Scale: registers of 10,000 and (not in --smoke) 100,000 invented cases over 40 years are built
with the tool's own `case import`; the same commands are timed on them and on an empty one.

PostgreSQL (issue 16), when a server is named: `case add`, `case list --session` and `agenda` on
10 and 10,000 cases on both backends, alternating, with the PostgreSQL/SQLite ratio (target <=
1.5x) and its floor (the SQLite command plus what importing psycopg adds to a Typer CLI,
measured alongside; ">=": plus psycopg's own modules only, a bound no PostgreSQL command can go
below even if every standard-library module it uses were already loaded); and the booking race
on both: 50 (--smoke: 10) processes `case add` at once for one session of capacity 2, a fresh
register each run. Exactly 2 must be stored in every run, else the script exits 1. Without a
server the race runs on SQLite only and the rest is skipped.

Peak RSS: every command is started by a small launcher process (LAUNCHER) that the benchmark
starts first, while it is small. A child's ru_maxrss includes the memory of the process it was
forked from, so a child of the benchmark itself (which grows to hundreds of MB building the
backups) would "peak" at the benchmark's size (issue 18: every command showed 38 MB). The
launcher's own peak is the floor of the column (printed under the table); `python -c pass`
shows it.
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import itertools
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
SCRIPT = shutil.which("mastergroup", path=str(BIN)) or shutil.which("mastergroup")


@dataclass
class Timing:
    label: str
    argv: list[str] | Callable[[], list[str]]
    env: dict[str, str]
    tty: bool = False  # on a pseudo-terminal (the table), else into a pipe
    seconds: list[float] = field(default_factory=list)
    peak_kib: int = 0

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def spread(self) -> float:
        if len(self.seconds) < 4:
            return 0.0
        q = statistics.quantiles(self.seconds, n=4)
        return q[2] - q[0]


# Started once, before the benchmark grows: reads one JSON request a line (argv, env, tty),
# runs it with stdout on a pipe or a pseudo-terminal that it drains, and answers with the
# wall time, the child's peak RSS (wait4) and its exit status and stderr.
LAUNCHER = r"""
import fcntl, json, os, struct, sys, termios, time
for line in sys.stdin:
    job = json.loads(line)
    if job["tty"]:
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 120, 0, 0))
    else:
        master, slave = os.pipe()
    err = os.open("/tmp", os.O_TMPFILE | os.O_RDWR, 0o600)
    null = os.open(os.devnull, os.O_RDONLY)
    acts = [(os.POSIX_SPAWN_DUP2, null, 0), (os.POSIX_SPAWN_DUP2, slave, 1),
            (os.POSIX_SPAWN_DUP2, err, 2)]
    start = time.perf_counter()
    pid = os.posix_spawnp(job["argv"][0], job["argv"], job["env"], file_actions=acts)
    os.close(slave)
    os.close(null)
    while True:
        try:
            if not os.read(master, 1 << 16):
                break
        except OSError:  # EIO: the pseudo-terminal's last writer is gone
            break
    _, status, usage = os.wait4(pid, 0)
    seconds = time.perf_counter() - start
    os.close(master)
    os.lseek(err, 0, 0)
    text = os.read(err, 1 << 16).decode(errors="replace")
    os.close(err)
    with open("/proc/self/status") as f:  # its own high-water mark, not what it inherited
        own = next(int(l.split()[1]) for l in f if l.startswith("VmHWM:"))
    print(json.dumps({"seconds": seconds, "kib": usage.ru_maxrss, "own_kib": own,
                      "code": os.waitstatus_to_exitcode(status), "stderr": text}), flush=True)
"""


class Launcher:
    """The launcher process (see LAUNCHER): one request, one answer."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-c", LAUNCHER], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            text=True, bufsize=1,
        )  # fmt: skip
        self.own_kib = 0

    def run(self, argv: list[str], env: dict[str, str], tty: bool) -> dict[str, object]:
        if self.proc.stdin is None or self.proc.stdout is None:
            raise SystemExit("the launcher has no pipes")
        self.proc.stdin.write(json.dumps({"argv": argv, "env": env, "tty": tty}) + "\n")
        answer: dict[str, object] = json.loads(self.proc.stdout.readline())
        self.own_kib = max(self.own_kib, int(str(answer["own_kib"])))
        return answer

    def close(self) -> None:
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        self.proc.wait()


LAUNCH: Launcher | None = None


def python_c(code: str, env: dict[str, str], label: str = "") -> Timing:
    """The interpreter running `code` (a reference row), labelled as typed unless told."""
    return Timing(label or f"python -c '{code}'", [sys.executable, "-c", code], env)


def run_once(t: Timing) -> None:
    if LAUNCH is None:
        raise SystemExit("the launcher is not running")
    argv = t.argv() if callable(t.argv) else t.argv
    done = LAUNCH.run(argv, t.env, t.tty)
    if done["code"] != 0:
        raise SystemExit(f"{t.label}: exit {done['code']}: {str(done['stderr']).strip()}")
    t.seconds.append(float(str(done["seconds"])))
    t.peak_kib = max(t.peak_kib, int(str(done["kib"])))


def measure(timings: Sequence[Timing], runs: int, *, warm: bool = True) -> None:
    for t in timings if warm else ():  # warm-up: bytecode compiled, files cached
        run_once(t)
        t.seconds.clear()
    for _ in range(runs):
        for t in timings:  # alternate, so that noise is shared
            run_once(t)


def environment(home: Path) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("MASTERGROUP_") and k != "PYTHONDONTWRITEBYTECODE"
    }
    env.update(
        MASTERGROUP_HOME=str(home),
        MASTERGROUP_CONFIG=str(ROOT / "config" / "keski-suomi.toml"),
        MASTERGROUP_TODAY="2024-01-02",
        NO_COLOR="1",
    )
    return env


def available(command: str, env: dict[str, str]) -> bool:
    probe = subprocess.run(
        [SCRIPT, *command.split(), "--help"], env=env, capture_output=True, check=False
    )
    return probe.returncode == 0


TARGET = "2024-01-26"  # the session the scale commands look at (MASTERGROUP_TODAY=2024-01-02)


def _case(ref: str, session: dict[str, str], stamp: str, queue: int = 0) -> dict[str, object]:
    """A booked case; `queue` > 0: its place in the session's waiting list."""
    return {
        "ref": ref,
        "session_date": session["date"],
        "slot": session["slot"],
        "status": "booked",
        "waitlisted": queue > 0,
        "waitlist_position": queue or None,
        "worker": "Testi Työntekijä",
        "worker_email": "testi@kunta.example",
        "worker_phone": "",
        "municipality": "Esimerkkilä",
        "matter": "other",
        "expertise": ["juridiikka"],
        "questions": ["Mikä olisi lapsen edun mukainen ratkaisu?", "Mitä tukea perhe tarvitsee?"],
        "documents_received": None,
        "late_reason": "",
        "withdrawn_reason": "",
        "created_at": stamp,
        "updated_at": stamp,
    }


def build_register(env: dict[str, str], folder: Path, count: int, *, ahead: bool = False) -> None:
    """`count` invented cases over 40 years of sessions (`ahead`: in the sessions after TARGET,
    one each), plus 2 in TARGET, via `case import`."""
    listing = subprocess.run(
        [SCRIPT, "sessions", "--from", "1992-01-01", "--to", "2031-12-31", "--format", "json"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    sessions = [s for s in json.loads(listing) if s["status"] != "cancelled"]
    target = next(s for s in sessions if s["date"] == TARGET)
    others = (
        [s for s in sessions if s["date"] > TARGET]
        if ahead
        else [s for s in sessions if s["date"] != TARGET]
    )
    stamp = "2023-12-01T08:00:00+00:00"
    # Round-robin over the sessions; beyond a session's capacity (2) a case waits in its queue,
    # as `case import` refuses more places than a coming session has.
    cases = []
    for i in range(count):
        session, nth = others[i % len(others)], i // len(others)
        cases.append(_case(f"BENCH-{i:05d}", session, stamp, queue=max(nth - 1, 0)))
    cases += [_case(f"TARGET-{i}", target, stamp) for i in range(2)]
    backup = {"format": "mastergroup-backup", "version": 1, "cases": cases, "audit": []}
    path = folder / f"backup-{env['MASTERGROUP_HOME'].rsplit('/', 1)[-1]}.json"
    path.write_text(json.dumps(backup), encoding="utf-8")
    subprocess.run([SCRIPT, "case", "import", str(path)], env=env, check=True, capture_output=True)


def adder(env_name: str) -> Callable[[], list[str]]:
    counter = iter(range(10**6))

    def argv() -> list[str]:
        return [
            SCRIPT,
            "case",
            "add",
            "--session",
            "2024-02-23",
            "--ref",
            f"ADD-{env_name}-{next(counter)}",
            "--worker",
            "Testi Työntekijä",
            "--email",
            "testi@kunta.example",
            "--municipality",
            "Esimerkkilä",
            "-q",
            "Kysymys?",
            "--waitlist",
        ]

    return argv


Row = tuple[str, str, str, str, str, str]


HEAD: Row = ("command", "median ms", "IQR ms", "ratio", "peak MB", "target")


def table(rows: list[Row], head: Row = HEAD) -> str:
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(6)]
    line = lambda r: "| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |"  # noqa: E731
    return "\n".join([line(head), line(tuple("-" * w for w in widths)), *map(line, rows)])


def row(t: Timing, ratio: str, note: str = "") -> Row:
    """One line of the table: label, median, IQR, ratio, peak RSS, target or note."""
    ms = f"{t.median * 1000:.1f}"
    return (t.label, ms, f"{t.spread * 1000:.1f}", ratio, f"{t.peak_kib / 1024:.0f}", note)


def verdict(ratio: float, target: float, what: str = "") -> str:
    return f"{what}<= {target}x {'ok' if ratio <= target else 'MISSED'}"


def terminal(env: dict[str, str]) -> dict[str, str]:
    """What a terminal user has: colour on (no NO_COLOR), a TERM that Rich knows."""
    return {k: v for k, v in env.items() if k != "NO_COLOR"} | {"TERM": "xterm-256color"}


def ratio_row(t: Timing, base: float, target: float | None = None) -> Row:
    ratio = t.median / base
    return row(t, f"{ratio:.1f}", "" if target is None else verdict(ratio, target))


# --- PostgreSQL (issue 16) ---------------------------------------------------------------------
# The same commands on a register on a PostgreSQL server, measured alternating with SQLite (run
# by run, so that the machine's noise hits both); target: within 1.5x of SQLite. The server is
# `--postgres URL`, else MASTERGROUP_TEST_PG (`scripts/pg_test_server.sh start` prints it): a
# role that may create a database. The benchmark makes a database of its own on it, a schema per
# register (`search_path` in the URL's options, as tests/pg.py does), and drops it at the end.

PG_TARGET = 1.5  # PostgreSQL within 1.5x of the same command on SQLite
RACE_SESSION, RACE_SLOT = "2024-02-23", "2024-02"  # capacity 2 in the shipped configuration


# The standard library's modules psycopg 3.3 imports that a Typer CLI has not yet loaded
# (`python -X importtime -c 'import typer.main, psycopg'`), and importlib.metadata (`m`), which
# psycopg_binary's version lookup loads.
PSYCOPG_STDLIB = (
    "asyncio, ssl, socket, logging, ctypes, ctypes.util, decimal, zoneinfo, json, queue, "
    "dataclasses, concurrent.futures, typing_extensions, importlib.metadata as m"
)


def with_query(url: str, **changes: str) -> str:
    """`url` with its query's parameters changed (and its path = the database, if given)."""
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    path = changes.pop("dbname", None)
    query.update(changes)
    path = f"/{path}" if path else parts.path
    return urlunsplit(parts._replace(path=path, query=urlencode(query)))


class Postgres:
    """The benchmark's own database on the server: a schema per register, all dropped by
    `close` (also after a failed run)."""

    def __init__(self, server: str) -> None:
        import psycopg  # the test extra installs it; only needed when a server is named

        self.psycopg: Any = psycopg
        self.server = server
        self.database = f"mastergroup_bench_{os.getpid()}"
        with psycopg.connect(server, autocommit=True, connect_timeout=10) as conn:
            self.version = str(conn.execute("SHOW server_version").fetchone()[0])
            conn.execute(f"CREATE DATABASE {self.database}")
        self.admin = with_query(server, dbname=self.database)
        self.schemas = itertools.count(1)

    def register(self, name: str) -> str:
        """The URL of a new, empty register (MASTERGROUP_DATABASE): a schema of its own."""
        schema = f"{name}_{next(self.schemas)}"
        with self.psycopg.connect(self.admin, autocommit=True) as conn:
            conn.execute(f"CREATE SCHEMA {schema}")
        return with_query(self.admin, options=f"-csearch_path={schema}")

    def drop(self, url: str) -> None:
        schema = dict(parse_qsl(urlsplit(url).query))["options"].partition("=")[2]
        with self.psycopg.connect(self.admin, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")

    def stored(self, url: str, slot: str) -> int:
        """The cases of `slot` in the register's table, read past the tool."""
        with self.psycopg.connect(url, autocommit=True) as conn:
            found = conn.execute("SELECT COUNT(*) FROM cases WHERE slot = %s", (slot,))
            return int(found.fetchone()[0])

    def close(self) -> None:
        with self.psycopg.connect(self.server, autocommit=True) as conn:
            conn.execute(  # the server ends what is still connected (PostgreSQL >= 13)
                f"DROP DATABASE IF EXISTS {self.database} WITH (FORCE)"
            )


def postgres_server(given: str | None) -> tuple[Postgres | None, str]:
    """The server to benchmark on, or None and why not. A server that is named but cannot be
    used fails the run (CI names one on purpose); none named: the rows are skipped."""
    url = given or os.environ.get("MASTERGROUP_TEST_PG")
    if not url:
        return None, (
            "PostgreSQL rows skipped: no server (--postgres URL or MASTERGROUP_TEST_PG; "
            '`eval "$(bash scripts/pg_test_server.sh start)"` starts a throwaway one)'
        )
    source = "--postgres" if given else "MASTERGROUP_TEST_PG"
    try:
        pg = Postgres(url)
    except ImportError:
        raise SystemExit(f"{source} names a server, but psycopg is not installed "
                         "(pip install -e '.[test]')") from None  # fmt: skip
    except Exception as e:  # psycopg.Error: whatever the server or libpq said
        first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        raise SystemExit(f"{source}: cannot use the server: {first}") from None
    return pg, f"PostgreSQL {pg.version} from {source}, database {pg.database} (dropped at the end)"


def on_postgres(env: dict[str, str], url: str) -> dict[str, str]:
    return env | {"MASTERGROUP_DATABASE": url}


@dataclass
class Race:
    """`processes` real `mastergroup case add` processes at once for the same session of
    capacity 2, on a fresh register each run: exactly 2 must be stored, every time."""

    label: str
    processes: int
    seconds: list[float] = field(default_factory=list)
    stored: list[int] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def correct(self) -> bool:
        return not self.problems and all(n == 2 for n in self.stored)

    def run(self, env: dict[str, str], direct: Callable[[], int]) -> None:
        """One race; `direct` counts the session's cases in the database, past the tool."""
        procs = []
        start = time.perf_counter()
        for n in range(self.processes):
            argv = [
                SCRIPT, "case", "add", "--session", RACE_SESSION, "--ref", f"RACE-{n:02d}",
                "--worker", "Testi Työntekijä", "--email", "testi@kunta.example",
                "--municipality", "Esimerkkilä", "-q", "Kysymys?",
            ]  # fmt: skip
            procs.append(
                subprocess.Popen(argv, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True)
            )  # fmt: skip
        outcomes = []
        for proc in procs:
            out, err = proc.communicate(timeout=600)
            outcomes.append((proc.returncode, out, err))
        self.seconds.append(time.perf_counter() - start)
        run = len(self.seconds)
        won = sum(code == 0 for code, _, _ in outcomes)
        odd = [(code, err.strip()) for code, _, err in outcomes if code not in (0, 4)]
        odd += [(code, err.strip()) for code, _, err in outcomes if "Traceback" in err]
        if won != 2 or odd:
            self.problems.append(f"run {run}: {won} booked; other exits: {odd[:3]}")
        listed = subprocess.run(
            [SCRIPT, "case", "list", "--all", "--format", "json"],
            env=env, capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        shown = sum(r["slot"] == RACE_SLOT for r in json.loads(listed))
        in_table = direct()
        if shown != in_table:
            self.problems.append(f"run {run}: case list shows {shown}, the table holds {in_table}")
        self.stored.append(in_table)

    def row(self, ratio: str) -> Row:
        median = statistics.median(self.seconds)
        spread = 0.0
        if len(self.seconds) >= 4:
            q = statistics.quantiles(self.seconds, n=4)
            spread = q[2] - q[0]
        counts = sorted(set(self.stored))
        stored = f"{counts[0]} in all {len(self.stored)}" if len(counts) == 1 else str(self.stored)
        verdict = "exactly 2 every run ok" if self.correct else "MISSED"
        return (self.label, f"{median * 1000:.0f}", f"{spread * 1000:.0f}", ratio, stored, verdict)


def sqlite_count(env: dict[str, str]) -> Callable[[], int]:
    def count() -> int:
        with contextlib.closing(
            sqlite3.connect(Path(env["MASTERGROUP_HOME"]) / "mastergroup.db")
        ) as c:
            found = c.execute("SELECT COUNT(*) FROM cases WHERE slot = ?", (RACE_SLOT,))
            return int(found.fetchone()[0])

    return count


def races(pg: Postgres | None, folder: Path, processes: int, repeat: int) -> list[Race]:
    """The race on SQLite and (with a server) on PostgreSQL, alternating run by run."""
    on_sqlite = Race(f"race {processes} x case add, capacity 2 (SQLite)", processes)
    on_pg = Race(f"race {processes} x case add, capacity 2 (PostgreSQL)", processes)
    for n in range(repeat):
        env = environment(folder / f"race-{n}")
        on_sqlite.run(env, sqlite_count(env))
        if pg is not None:
            url = pg.register("race")
            on_pg.run(on_postgres(environment(folder / f"race-pg-{n}"), url),
                      lambda url=url: pg.stored(url, RACE_SLOT))  # fmt: skip
            pg.drop(url)
    return [on_sqlite, on_pg] if pg is not None else [on_sqlite]


def backends(
    pg: Postgres | None, smoke: bool, runs: int, folder: Path,
    ten_env: dict[str, str], big_env: dict[str, str],
) -> tuple[list[Row], list[Race]]:  # fmt: skip
    """`case add`, `case list --session` and `agenda` on 10 and 10,000 cases on SQLite (the
    registers of the rows above) and on PostgreSQL (the same cases, imported the same way);
    then the race. Without a server: no rows, and the race on SQLite only."""
    compared: list[Row] = []
    if pg is not None:
        pg_ten = on_postgres(environment(folder / "pg-ten"), pg.register("ten"))
        pg_big = on_postgres(environment(folder / "pg-big"), pg.register("big"))
        build_register(pg_ten, folder, 8, ahead=True)
        build_register(pg_big, folder, 200 if smoke else 10_000)
        big = "200 cases" if smoke else "10,000 cases"
        agenda = [SCRIPT, "agenda", "--session", TARGET]
        listed = [SCRIPT, "case", "list", "--session", TARGET]
        pairs: list[tuple[Timing, Timing]] = []
        for n, (size, sq, on) in enumerate((("10 cases", ten_env, pg_ten), (big, big_env, pg_big))):
            for what, lite, post in (
                ("case add", adder(f"s{n}"), adder(f"p{n}")),  # each its own references
                ("case list --session", listed, listed),
                ("agenda", agenda, agenda),
            ):
                pairs.append((Timing(f"{what} ({size})", lite, sq),
                              Timing(f"{what} ({size}, PostgreSQL)", post, on)))  # fmt: skip
        # The driver alone: what importing psycopg adds to a Typer CLI, measured alongside. A
        # PostgreSQL command cannot cost less than its SQLite twin plus this, so the floor
        # column says the best ratio each command could reach if nothing else cost anything.
        typer_only = python_c("import typer.main", ten_env)
        with_driver = python_c("import typer.main, psycopg", ten_env)
        # Its own modules: the same with the standard library's modules it uses (and the
        # version lookup psycopg_binary makes) loaded first, which a command may share: a
        # bound that holds even if all of those were free.
        deps = f"import typer.main, {PSYCOPG_STDLIB}; m.version('psycopg-binary')"
        stdlib_only = python_c(deps, ten_env, "(the same with its standard-library imports)")
        own = python_c(f"{deps}; import psycopg", ten_env, "(the same and psycopg)")
        drivers = [typer_only, with_driver, stdlib_only, own]
        measure([*drivers, *(t for pair in pairs for t in pair)], runs, warm=not smoke)
        added = with_driver.median - typer_only.median
        own_added = own.median - stdlib_only.median
        compared.append(row(typer_only, "", "(reference)"))
        compared.append(row(with_driver, f"+{added * 1000:.1f} ms", "psycopg's import alone"))
        compared.append(row(stdlib_only, "", "(reference)"))
        compared.append(row(own, f"+{own_added * 1000:.1f} ms", "psycopg's own modules"))
        for sq, on in pairs:
            ratio = on.median / sq.median
            floor = (sq.median + added) / sq.median
            least = (sq.median + own_added) / sq.median
            compared.append(row(sq, "1.0"))
            note = verdict(ratio, PG_TARGET, "SQLite ") + f" (floor {floor:.2f}x, >= {least:.2f}x)"
            compared.append(row(on, f"{ratio:.2f} (vs SQLite)", note))
    repeat = 1 if smoke else max(3, runs // 3)
    raced = races(pg, folder, 10 if smoke else 50, repeat)
    return compared, raced


def main() -> int:
    global LAUNCH  # noqa: PLW0603 - one launcher for the whole run, started before anything grows
    LAUNCH = Launcher()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--smoke", action="store_true", help="one run each (CI)")
    parser.add_argument(
        "--postgres", metavar="URL",
        help="a PostgreSQL server (a role that may create a database) for the PostgreSQL rows; "
        "default: MASTERGROUP_TEST_PG; neither: those rows are skipped",
    )  # fmt: skip
    args = parser.parse_args()
    runs = 1 if args.smoke else args.runs
    big_runs = 1 if args.smoke else max(3, runs // 5)  # the 100,000-case rows take seconds
    if SCRIPT is None:
        raise SystemExit("mastergroup is not installed: pip install -e .")
    pg, why = postgres_server(args.postgres)  # now: a named server that fails stops the run early
    if pg is not None:
        atexit.register(pg.close)  # its database goes, however the run ends (SystemExit too)
    # The targets are for bytecode-compiled code: compile the sources once (an editable install
    # runs them from src/, and PYTHONDONTWRITEBYTECODE may be set in this shell).
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "src")], check=True)
    load_at_start = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        empty_env = environment(Path(tmp) / "empty")
        ten_env = environment(Path(tmp) / "ten")
        big_env = environment(Path(tmp) / "big")
        huge_env = environment(Path(tmp) / "huge")
        rows: list[Row] = []

        # Start-up, side by side with the interpreter and with importing Typer (the floor a
        # Typer CLI cannot go below); `sessions` into a pipe and on a terminal.
        baseline = python_c("pass", empty_env, "python -c pass")
        floor = python_c("import typer.main", empty_env)
        year = [SCRIPT, "sessions", "--year", "2023"]
        sessions = Timing("sessions --year 2023", year, empty_env)
        on_tty = Timing("sessions --year 2023 (tty)", year, terminal(empty_env), tty=True)
        helped = Timing("--help", [SCRIPT, "--help"], empty_env)
        measure([baseline, floor, sessions, on_tty, helped], runs)
        base = baseline.median
        rows.append(row(baseline, "1.0"))
        rows.append(row(floor, f"{floor.median / base:.1f}", "(reference)"))
        for t, target in ((sessions, 6.5), (on_tty, 9.0), (helped, 6.0)):
            rows.append(ratio_row(t, base, target))

        # Range commands against their own one-year form.
        wide = [(sessions, Timing("sessions 1992-2100 json", [SCRIPT, "sessions", "--from",
                 "1992-01-01", "--to", "2100-12-31", "--format", "json"], empty_env))]  # fmt: skip
        if available("ics", empty_env):
            one_ics = Timing("ics --year 2023", [SCRIPT, "ics", "--year", "2023"], empty_env)
            whole = [SCRIPT, "ics", "--from", "1992-01-01", "--to", "2100-12-31"]
            wide.append((one_ics, Timing("ics 1992-2100", whole, empty_env)))
        measure([t for pair in wide for t in pair if t is not sessions], runs)
        for one, long in wide:
            if one is not sessions:
                rows.append(row(one, f"{one.median / base:.1f}", "(one year)"))
            ratio = long.median / one.median
            rows.append(row(long, f"{ratio:.1f} (vs 1 year)", verdict(ratio, 2)))

        # What a coordinator runs all day, on a register of 10 cases; the terminal rows as a
        # terminal user gets them (the table).
        build_register(empty_env, Path(tmp), 0)
        build_register(ten_env, Path(tmp), 8, ahead=True)  # 10: 2 in TARGET, 8 after it
        build_register(big_env, Path(tmp), 200 if args.smoke else 10_000)
        agenda = [SCRIPT, "agenda", "--session", TARGET]
        listed = [SCRIPT, "case", "list", "--session", TARGET]
        daily: list[tuple[Timing, float | None]] = [
            (Timing("sessions --year 2023 (register)", year, ten_env), None),
            (Timing("agenda (10 cases)", agenda, ten_env), 7.5),
            (Timing("agenda (10 cases, tty)", agenda, terminal(ten_env), tty=True), 9.0),
            (Timing("case list --session (10 cases)", listed, ten_env), 7.5),
            (Timing("case list --session (10, tty)", listed, terminal(ten_env), tty=True), 9.0),
            (Timing("remind --dry-run (10 cases)", [SCRIPT, "remind", "--dry-run"], ten_env), None),
        ]
        measure([t for t, _ in daily], runs)
        rows += [ratio_row(t, base, target) for t, target in daily]

        # Scale: the same command on an empty register and on 10,000 cases.
        big = "200 cases" if args.smoke else "10,000 cases"
        pairs = [
            (Timing(f"{label} (empty)", argv, empty_env),
             Timing(f"{label} ({big})", argv, big_env), target)
            for label, argv, target in (
                ("agenda", agenda, 7.5), ("case list --session", listed, 7.5))
        ]  # fmt: skip
        pairs.append(
            (
                Timing("case add (empty)", adder("e"), empty_env),
                Timing(f"case add ({big})", adder("b"), big_env),
                8.0,
            )
        )
        measure([t for small, large, _ in pairs for t in (small, large)], runs)
        for small, large, target in pairs:
            ratio = large.median / small.median
            rows.append(ratio_row(small, base, target))
            rows.append(
                row(large, f"{large.median / base:.1f}",
                    verdict(ratio, 1.3, f"big/empty {ratio:.2f} "))
            )  # fmt: skip

        # The whole register: `case export` and `case list --all` at 0 / 10,000 / 100,000.
        registers = [("empty", empty_env), (big, big_env)]
        if not args.smoke:
            build_register(huge_env, Path(tmp), 100_000)
            registers.append(("100,000 cases", huge_env))
        export = [SCRIPT, "case", "export"]
        every = [SCRIPT, "case", "list", "--all"]
        whole_rows = [
            (Timing(f"{what} ({name})", argv, env), name)
            for what, argv in (("case export", export), ("case list --all", every))
            for name, env in registers
        ]
        measure([t for t, name in whole_rows if name != "100,000 cases"], runs)
        measure([t for t, name in whole_rows if name == "100,000 cases"], big_runs)
        exported = {name: t for t, name in whole_rows if t.label.startswith("case export")}
        for t, name in whole_rows:
            note = ""
            if t.label.startswith("case export") and name == "100,000 cases":
                per_case = (t.median / 100_000) / (exported[big].median / 10_000)
                note = f"per case {per_case:.2f}x of 10,000 " + (
                    "<= 1.2x ok" if per_case <= 1.2 else "<= 1.2x MISSED"
                )
            rows.append(row(t, f"{t.median / base:.1f}", note))

        # SQLite and PostgreSQL side by side (issue 16), then the booking race on both.
        compared, raced = backends(pg, args.smoke, runs, Path(tmp), ten_env, big_env)

        print(table(rows))
        if pg is not None:
            print(f"\nSQLite and PostgreSQL, measured alternating run by run ({why}):")
            print(table(compared))
        else:
            print(f"\n{why}")
        print(f"\nThe booking race: {raced[0].processes} processes `case add` at once for one "
              f"session of capacity 2, a fresh register each run (wall time: first start to "
              f"last exit):")  # fmt: skip
        race_rows = [raced[0].row("1.0")] + [
            r.row(f"{statistics.median(r.seconds) / statistics.median(raced[0].seconds):.2f}"
                  " (vs SQLite)")
            for r in raced[1:]
        ]  # fmt: skip
        print(table(race_rows, ("race", "median ms", "IQR ms", "ratio", "stored", "target")))
        for r in raced:
            for problem in r.problems:
                print(f"  {r.label}: {problem}")
        peak = max(int(r[4]) for r in [*rows[1:], *compared])
        ok = "ok" if peak < 60 else "MISSED"
        floor_mb = LAUNCH.own_kib / 1024
        print(f"\npeak RSS of any command: {peak} MB (target < 60 MB: {ok}); the launcher "
              f"that starts them peaks at {floor_mb:.0f} MB (the column's floor)")  # fmt: skip
        cores, load_at_end = os.cpu_count() or 1, os.getloadavg()[0]
        busy = max(load_at_start, load_at_end) > cores
        noisy = " (more than the cores: noisy numbers)" if busy else ""
        print(f"machine: {cores} cores, load average {load_at_start:.1f} at the start and "
              f"{load_at_end:.1f} at the end{noisy}")  # fmt: skip
    LAUNCH.close()
    if not all(r.correct for r in raced):
        print("a race stored other than exactly 2 cases, or a process failed", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
