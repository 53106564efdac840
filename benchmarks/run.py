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
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
SCRIPT = shutil.which("mastergroup", path=str(BIN)) or shutil.which("mastergroup")


@dataclass
class Timing:
    label: str
    argv: list[str]
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
    start = time.perf_counter()
    proc = subprocess.Popen(t.argv, env=t.env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
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
    env = {k: v for k, v in os.environ.items() if not k.startswith("MASTERGROUP_")}
    env.update(
        MASTERGROUP_HOME=str(home),
        MASTERGROUP_CONFIG=str(ROOT / "config" / "keski-suomi.toml"),
        MASTERGROUP_TODAY="2024-01-02",
        NO_COLOR="1",
        PYTHONDONTWRITEBYTECODE="",
    )
    return env


def available(command: str, env: dict[str, str]) -> bool:
    probe = subprocess.run(
        [SCRIPT, *command.split(), "--help"], env=env, capture_output=True, check=False
    )
    return probe.returncode == 0


def invented_backup(count: int, first_year: int = 1990, years: int = 40) -> dict[str, object]:
    """`count` invented cases spread over `years` years (the backup format of `case export`)."""
    cases = []
    day = date(first_year, 1, 1)
    step = timedelta(days=years * 365 // count or 1)
    for i in range(count):
        cases.append(
            {
                "ref": f"BENCH-{i:05d}",
                "session_date": (day + step * i).isoformat(),
            }
        )
    return {"format": "mastergroup-backup", "version": 1, "cases": cases}


def table(rows: list[tuple[str, str, str, str, str, str]]) -> str:
    head = ("command", "median ms", "IQR ms", "ratio", "peak MB", "target")
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(6)]
    line = lambda r: "| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |"  # noqa: E731
    return "\n".join([line(head), line(tuple("-" * w for w in widths)), *map(line, rows)])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--smoke", action="store_true", help="one run each (CI)")
    args = parser.parse_args()
    runs = 1 if args.smoke else args.runs
    if SCRIPT is None:
        raise SystemExit("mastergroup is not installed: pip install -e .")
    with tempfile.TemporaryDirectory() as tmp:
        empty_env = environment(Path(tmp) / "empty")
        big_env = environment(Path(tmp) / "big")
        baseline = Timing("python -c pass", [sys.executable, "-c", "pass"], empty_env)
        startup = [
            (
                Timing("sessions --year 2023", [SCRIPT, "sessions", "--year", "2023"], empty_env),
                5.0,
            ),
            (Timing("--help", [SCRIPT, "--help"], empty_env), 7.0),
        ]
        measure([baseline] + [t for t, _ in startup], runs)
        base = baseline.median
        rows = [
            (
                baseline.label,
                f"{base * 1000:.1f}",
                f"{baseline.spread * 1000:.1f}",
                "1.0",
                f"{baseline.peak_kib / 1024:.0f}",
                "",
            )
        ]
        for t, target in startup:
            ratio = t.median / base
            rows.append(
                (
                    t.label,
                    f"{t.median * 1000:.1f}",
                    f"{t.spread * 1000:.1f}",
                    f"{ratio:.1f}",
                    f"{t.peak_kib / 1024:.0f}",
                    f"<= {target}x {'ok' if ratio <= target else 'MISSED'}",
                )
            )
        one_year = startup[0][0].median
        wide = [
            Timing(
                "sessions 1992-2100 json",
                [
                    SCRIPT,
                    "sessions",
                    "--from",
                    "1992-01-01",
                    "--to",
                    "2100-12-31",
                    "--format",
                    "json",
                ],
                empty_env,
            ),
        ]
        if available("ics", empty_env):
            wide.append(
                Timing(
                    "ics 1992-2100",
                    [SCRIPT, "ics", "--from", "1992-01-01", "--to", "2100-12-31"],
                    empty_env,
                )
            )
        measure(wide, runs)
        for t in wide:
            ratio = t.median / one_year
            rows.append(
                (
                    t.label,
                    f"{t.median * 1000:.1f}",
                    f"{t.spread * 1000:.1f}",
                    f"{ratio:.1f} (vs 1 year)",
                    f"{t.peak_kib / 1024:.0f}",
                    f"<= 2x {'ok' if ratio <= 2 else 'MISSED'}",
                )
            )
        print(table(rows))
        _ = (big_env, json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
