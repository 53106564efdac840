"""Start-up and scale benchmarks for the installed `mastergroup` console script.

Usage:
    python benchmarks/run.py            # 15 alternating runs per command, table of medians
    python benchmarks/run.py --runs 31  # more runs
    python benchmarks/run.py --smoke    # one run each: keeps the script working in CI

Every command is timed side by side with `python -c pass` on the same interpreter, alternating,
so that machine noise hits both; the table shows medians, the spread (interquartile range),
the ratio to the interpreter, the peak RSS of the process, and the target.
Commands run as a user gets them: into a pipe that a reader drains, or ("tty" rows) on a
pseudo-terminal of 120 x 50 with colour, where the default output is the table.
Scale: registers of 10,000 and (not in --smoke) 100,000 invented cases over 40 years are built
with the tool's own `case import`; the same commands are timed on them and on an empty one.

Peak RSS: every command is started by a small launcher process (LAUNCHER) that the benchmark
starts first, while it is small. A child's ru_maxrss includes the memory of the process it was
forked from, so a child of the benchmark itself (which grows to hundreds of MB building the
backups) would "peak" at the benchmark's size (issue 18: every command showed 38 MB). The
launcher's own peak is the floor of the column (printed under the table); `python -c pass`
shows it.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

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


def run_once(t: Timing) -> None:
    if LAUNCH is None:
        raise SystemExit("the launcher is not running")
    argv = t.argv() if callable(t.argv) else t.argv
    done = LAUNCH.run(argv, t.env, t.tty)
    if done["code"] != 0:
        raise SystemExit(f"{t.label}: exit {done['code']}: {str(done['stderr']).strip()}")
    t.seconds.append(float(str(done["seconds"])))
    t.peak_kib = max(t.peak_kib, int(str(done["kib"])))


def measure(timings: Sequence[Timing], runs: int) -> None:
    for t in timings:  # warm-up: bytecode compiled, files cached
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


def table(rows: list[Row]) -> str:
    head = ("command", "median ms", "IQR ms", "ratio", "peak MB", "target")
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


def main() -> int:
    global LAUNCH  # noqa: PLW0603 - one launcher for the whole run, started before anything grows
    LAUNCH = Launcher()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--smoke", action="store_true", help="one run each (CI)")
    args = parser.parse_args()
    runs = 1 if args.smoke else args.runs
    big_runs = 1 if args.smoke else max(3, runs // 5)  # the 100,000-case rows take seconds
    if SCRIPT is None:
        raise SystemExit("mastergroup is not installed: pip install -e .")
    # The targets are for bytecode-compiled code: compile the sources once (an editable install
    # runs them from src/, and PYTHONDONTWRITEBYTECODE may be set in this shell).
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "src")], check=True)
    with tempfile.TemporaryDirectory() as tmp:
        empty_env = environment(Path(tmp) / "empty")
        ten_env = environment(Path(tmp) / "ten")
        big_env = environment(Path(tmp) / "big")
        huge_env = environment(Path(tmp) / "huge")
        rows: list[Row] = []

        # Start-up, side by side with the interpreter and with importing Typer (the floor a
        # Typer CLI cannot go below); `sessions` into a pipe and on a terminal.
        baseline = Timing("python -c pass", [sys.executable, "-c", "pass"], empty_env)
        floor = Timing(
            "python -c 'import typer.main'", [sys.executable, "-c", "import typer.main"], empty_env
        )
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

        print(table(rows))
        peak = max(int(r[4]) for r in rows[1:])
        ok = "ok" if peak < 60 else "MISSED"
        floor_mb = LAUNCH.own_kib / 1024
        print(f"\npeak RSS of any command: {peak} MB (target < 60 MB: {ok}); the launcher "
              f"that starts them peaks at {floor_mb:.0f} MB (the column's floor)")  # fmt: skip
    LAUNCH.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
