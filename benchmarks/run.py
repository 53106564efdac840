"""Start-up and scale benchmarks for the installed `mastergroup` console script.

Usage:
    python benchmarks/run.py            # 15 alternating runs per command, table of medians
    python benchmarks/run.py --runs 31  # more runs
    python benchmarks/run.py --smoke    # one run each: keeps the script working in CI

Every command is timed side by side with `python -c pass` on the same interpreter, alternating,
so that machine noise hits both; the table shows medians, the spread (interquartile range),
the ratio to the interpreter, the peak RSS of the process (from wait4), and the target.
Scale: a register of 10,000 invented cases over 40 years is built with the tool's own
`case import`, and the same commands are timed on it and on an empty register.
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
import time
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


def run_once(t: Timing) -> None:
    argv = t.argv() if callable(t.argv) else t.argv
    start = time.perf_counter()
    proc = subprocess.Popen(argv, env=t.env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode() if proc.stderr else ""
    if proc.returncode != 0:
        raise SystemExit(f"{t.label}: exit {proc.returncode}: {err.strip()}")
    t.seconds.append(elapsed)
    t.peak_kib = max(t.peak_kib, usage.ru_maxrss)


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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--smoke", action="store_true", help="one run each (CI)")
    args = parser.parse_args()
    runs = 1 if args.smoke else args.runs
    if SCRIPT is None:
        raise SystemExit("mastergroup is not installed: pip install -e .")
    # The targets are for bytecode-compiled code: compile the sources once (an editable install
    # runs them from src/, and PYTHONDONTWRITEBYTECODE may be set in this shell).
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "src")], check=True)
    with tempfile.TemporaryDirectory() as tmp:
        empty_env = environment(Path(tmp) / "empty")
        ten_env = environment(Path(tmp) / "ten")
        big_env = environment(Path(tmp) / "big")
        rows: list[Row] = []

        # Start-up, side by side with the interpreter and with importing Typer (the floor a
        # Typer CLI cannot go below).
        baseline = Timing("python -c pass", [sys.executable, "-c", "pass"], empty_env)
        floor = Timing(
            "python -c 'import typer.main'", [sys.executable, "-c", "import typer.main"], empty_env
        )
        sessions = Timing("sessions --year 2023", [SCRIPT, "sessions", "--year", "2023"], empty_env)
        helped = Timing("--help", [SCRIPT, "--help"], empty_env)
        measure([baseline, floor, sessions, helped], runs)
        base = baseline.median
        rows.append(row(baseline, "1.0"))
        rows.append(row(floor, f"{floor.median / base:.1f}", "(reference)"))
        for t, target in ((sessions, 5.0), (helped, 7.0)):
            rows.append(row(t, f"{t.median / base:.1f}", verdict(t.median / base, target)))

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

        # What a coordinator runs all day, on a register of 10 cases.
        build_register(empty_env, Path(tmp), 0)
        build_register(ten_env, Path(tmp), 8, ahead=True)  # 10: 2 in TARGET, 8 after it
        build_register(big_env, Path(tmp), 0 if args.smoke else 10_000)
        daily: list[tuple[Timing, float | None]] = [
            (Timing("sessions --year 2023 (register)", sessions.argv, ten_env), None)
        ]
        if available("agenda", ten_env):
            agenda = [SCRIPT, "agenda", "--session", TARGET]
            daily.append((Timing("agenda (10 cases)", agenda, ten_env), 6.0))
        measure([t for t, _ in daily], runs)
        for t, target in daily:
            ratio = t.median / base
            rows.append(row(t, f"{ratio:.1f}", "" if target is None else verdict(ratio, target)))

        # Scale: the same command on an empty register and on 10,000 cases.
        scale: list[tuple[str, list[str] | Callable[[], list[str]]]] = [
            ("case list --session", [SCRIPT, "case", "list", "--session", TARGET]),
        ]
        if available("agenda", empty_env):
            scale.insert(0, ("agenda", [SCRIPT, "agenda", "--session", TARGET]))
        pairs = [
            (Timing(f"{label} (empty)", argv, empty_env),
             Timing(f"{label} (10,000 cases)", argv, big_env))
            for label, argv in scale
        ]  # fmt: skip
        pairs.append(
            (
                Timing("case add (empty)", adder("e"), empty_env),
                Timing("case add (10,000 cases)", adder("b"), big_env),
            )
        )
        measure([t for pair in pairs for t in pair], runs)
        for small, big in pairs:
            ratio = big.median / small.median
            rows.append(row(small, f"{small.median / base:.1f}"))
            rows.append(
                row(big, f"{big.median / base:.1f}", verdict(ratio, 1.3, f"big/empty {ratio:.2f} "))
            )
        print(table(rows))
        peak = max(int(r[4]) for r in rows[1:])
        ok = "ok" if peak < 60 else "MISSED"
        print(f"\npeak RSS of any command: {peak} MB (target < 60 MB: {ok})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
