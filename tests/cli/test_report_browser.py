"""`report --format html` (issue 17) as a reader sees it: Debian's chromium, headless, renders
the page of an invented register and takes a screenshot; the page must be the window's size,
and each of the four charts (cases per month, slot use per month, per municipality, per
matter) must have drawn: its bars are on the screen, in four separate bands.

One browser start for the module (~1 s). Chromium is looked for on PATH and at
/usr/bin/chromium; `.ci/run` installs it (`apt-get install -y chromium`) where it is missing.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tests import report_register as gen
from tests.conftest import SHIPPED

pytest.importorskip("matplotlib")
Image = pytest.importorskip("PIL.Image", reason="Pillow comes with matplotlib")

WINDOW = (1200, 2000)
BAR = (0x3B, 0x6E, 0xA5)  # present/report_charts.py draws every bar in this colour


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None and Path("/usr/bin/chromium").is_file():
        found = "/usr/bin/chromium"
    if found is None:
        pytest.skip("chromium not found on PATH or at /usr/bin/chromium; on Debian "
                    "`apt-get install -y chromium` (.ci/run does)")  # fmt: skip
    return found


def mastergroup(env: dict[str, str], *args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "mastergroup", *args], env=env,
                          capture_output=True, text=True, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> Path:
    """The HTML report of 2024 of an invented three-year register (capacity 6 a session)."""
    folder = tmp_path_factory.mktemp("browser")
    config = folder / "config.toml"
    text = SHIPPED.read_text(encoding="utf-8").replace("capacity = 2 ", "capacity = 6 ")
    config.write_text(text + '\n[report]\nwithdrawn_reasons = ["asia ratkesi"]\n', "utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("MASTERGROUP_")}
    env |= {
        "MASTERGROUP_HOME": str(folder / "home"),
        "MASTERGROUP_CONFIG": str(config),
        "MASTERGROUP_TODAY": "2026-01-15",
        "MASTERGROUP_LANG": "fi",
        "NO_COLOR": "1",
    }
    made = gen.Generated()
    for year in (2023, 2024, 2025):
        sessions = json.loads(mastergroup(env, "sessions", "--year", str(year), "-f", "json"))
        gen.generate(sessions, seed=year, into=made)
    mastergroup(env, "case", "import", str(made.backup(folder / "backup.json")))
    out = folder / "report.html"
    mastergroup(env, "report", "--year", "2024", "--format", "html", "-o", str(out))
    return out


@pytest.fixture(scope="module")
def screenshot(page) -> Image.Image:
    browser = chromium()
    shot = page.with_suffix(".png")
    with tempfile.TemporaryDirectory() as profile:
        done = subprocess.run(
            [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
             "--no-first-run", "--disable-background-networking", "--disable-component-update",
             "--disable-sync", f"--user-data-dir={profile}", f"--screenshot={shot}",
             f"--window-size={WINDOW[0]},{WINDOW[1]}", page.as_uri()],
            capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip
    assert done.returncode == 0 and shot.is_file(), done.stderr[-2000:]
    return Image.open(shot).convert("RGB")


def bar_rows(image: Image.Image) -> list[int]:
    """For each pixel row: how many of its pixels have the bars' colour."""
    import numpy as np  # comes with matplotlib

    pixels = np.asarray(image, dtype=np.int16)
    near = (np.abs(pixels - np.array(BAR, dtype=np.int16)) < 25).all(axis=2)
    return [int(n) for n in near.sum(axis=1)]


def bands(rows: list[int], gap: int = 60) -> list[tuple[int, int]]:
    """Runs of rows with bar pixels, split where `gap` rows have none (between two charts)."""
    found: list[tuple[int, int]] = []
    for y, n in enumerate(rows):
        if not n:
            continue
        if found and y - found[-1][1] <= gap:
            found[-1] = (found[-1][0], y)
        else:
            found.append((y, y))
    return found


def test_the_page_is_the_windows_size_and_not_blank(screenshot):
    assert screenshot.size == WINDOW
    gray = screenshot.convert("L")
    dark = sum(gray.histogram()[:200])
    assert dark > 0.02 * WINDOW[0] * WINDOW[1]  # text, tables and charts, not a white page


def test_every_chart_has_drawn(screenshot, page):
    html = page.read_text(encoding="utf-8")
    assert html.count('<figure class="chart"') == 4
    rows = bar_rows(screenshot)
    found = bands(rows)
    assert len(found) == 4, found  # four charts, each with its bars, one below the other
    for top, bottom in found:
        assert bottom - top > 80  # a chart's worth of bars, not a stray line
        assert sum(rows[top : bottom + 1]) > 4000
