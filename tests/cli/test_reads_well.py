"""Issue 14: a terminal that reads well, in the user's language. Tables at 80 and 120 columns
run the console script on a pseudo-terminal of that size, as a coordinator's terminal is.

Today is pinned to 2026-11-01: the listing of the next sessions crosses into 2027.
"""

from __future__ import annotations

import os
import re

import pytest

from tests import terminal

WORKER = ("--worker", "Sanna Sosiaalityöntekijä", "--email", "sanna@kunta.example")
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


@pytest.fixture
def cli(run, monkeypatch):
    monkeypatch.setenv("MASTERGROUP_TODAY", "2026-11-01")
    return run


def book(cli, ref, session="2026-11-27", *extra):
    result = cli("case", "add", "--ref", ref, *WORKER, "--municipality", "Jyväskylä",
                 "--session", session, "-q", "Mitä nyt tehdään?", *extra)  # fmt: skip
    assert result.exit_code == 0, result
    return result


def on_a_terminal(columns: int, *args: str) -> str:
    """What the console script showed on a pseudo-terminal `columns` wide, without colour."""
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "COLUMNS", "LINES")}
    out = terminal.on_a_terminal(args, columns=columns, env=env)
    return ANSI.sub("", out.decode("utf-8")).replace("\r\n", "\n")


def swedish(home):
    config = home / "config.toml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        'language = "fi"', 'language = "sv"'), encoding="utf-8")  # fmt: skip


# --- 1. tables fit the width, never the date or the reference ---------------------------------


@pytest.mark.parametrize("columns", [80, 120])
def test_the_case_table_keeps_dates_and_references_whole(cli, home, columns):
    for ref in ("BS-2026-0001", "BS-2026-0002"):
        book(cli, ref)
    book(cli, "BS-2027-0004", "2027-01-29")
    shown = on_a_terminal(columns, "case", "list", "--all")
    lines = shown.splitlines()
    assert max(len(line.rstrip()) for line in lines) <= columns
    assert "…" not in shown
    for ref in ("BS-2026-0001", "BS-2026-0002", "BS-2027-0004"):
        assert ref in shown
    assert "pe 27.11.2026" in shown and "pe 29.1.2027" in shown
    if columns == 120:
        assert "Jyväskylä" in shown and "Sosiaalityöntekijä" in shown  # room for every column
        assert "jätettiin pois" not in shown
    else:
        assert "saraketta jätettiin pois" in shown  # says that it left some out


@pytest.mark.parametrize("columns", [80, 120])
def test_the_sessions_table_keeps_the_dates_whole(cli, home, columns):
    book(cli, "BS-2026-0001")
    shown = on_a_terminal(columns, "sessions", "--next", "4")
    assert max(len(line.rstrip()) for line in shown.splitlines()) <= columns
    assert "…" not in shown
    for when in ("pe 27.11.2026", "pe 11.12.2026", "pe 29.1.2027", "pe 26.2.2027"):
        assert when in shown
    assert "1/2" in shown  # booked of places, even at 80 columns
    if columns == 120:
        assert "klo 9.00–11.30" in shown and "lähitapaaminen" in shown


def test_a_swedish_table_is_swedish_at_80_columns(cli, home):
    swedish(home)
    book(cli, "BS-2026-0001")
    shown = on_a_terminal(80, "case", "list", "--all")
    assert "BS-2026-0001" in shown and "fre 27.11.2026" in shown
    assert "kolumn" in shown  # "2 kolumner utelämnades ..."


# --- 2. a listing that crosses a year shows the year ------------------------------------------


def test_a_listing_across_a_year_shows_the_year(cli, home):
    result = cli("sessions", "--next", "3", "--format", "text")
    assert result.stdout.splitlines() == [
        "pe 27.11.2026 klo 9.00–11.30",
        "pe 11.12.2026 klo 9.00–11.30",
        "pe 29.1.2027 klo 9.00–11.30",
    ]
    for fmt in ("markdown", "html"):
        assert "pe 29.1.2027" in cli("sessions", "--next", "3", "--format", fmt).stdout


def test_a_listing_within_a_year_stays_as_published(cli, home):
    result = cli("sessions", "--year", "2023", "--format", "text")
    assert result.stdout.splitlines()[0] == "pe 27.1. klo 9.00–11.30"


# --- 3. one notation for booked places; a waiting case is "jonossa 1." -------------------------


def test_booked_of_places_is_one_notation(cli, home):
    book(cli, "BS-1")
    text = cli("sessions", "--next", "1", "--format", "text").stdout
    assert text.rstrip().endswith("[1/2]")  # booked/places
    table = on_a_terminal(120, "sessions", "--next", "1")
    assert "Varatut/" in table and "1/2" in table and "1/1" not in table
    added = book(cli, "BS-2").stdout
    assert "2/2" in added  # "(2/2 paikkaa varattu)": the same notation as the listing


def test_a_waiting_case_reads_in_the_queue_only(cli, home):
    book(cli, "BS-1")
    book(cli, "BS-2")
    book(cli, "BS-3", "2026-11-27", "--waitlist")
    text = cli("case", "list", "--all", "--format", "text").stdout
    line = next(x for x in text.splitlines() if "BS-3" in x)
    assert "jonossa 1." in line and "varattu" not in line
    shown = cli("case", "show", "BS-3").stdout
    assert "jonossa 1." in shown and "varattu, jonossa" not in shown


# --- 4. every message in the configured language, no internal names ---------------------------


def test_a_broken_swedish_configuration_is_refused_in_swedish(cli, home):
    from tests.conftest import assert_user_error

    swedish(home)
    config = home / "config.toml"
    good = config.read_text(encoding="utf-8")
    config.write_text(good.replace("capacity = 2", 'capacity = "x"'), encoding="utf-8")
    line = assert_user_error(cli("sessions"), 3)
    assert "värdet" in line and "heltal" in line
    config.write_text(good + "\n[[[\n", encoding="utf-8")  # not even TOML: read leniently
    line = assert_user_error(cli("sessions"), 3)
    assert "TOML-syntaxen" in line


def test_swedish_help_and_field_and_area_names(cli, home):
    swedish(home)
    assert "Lista ärenden" in cli("case", "list", "--help").stdout
    book(cli, "BS-1", "2026-11-27", "--expertise", "law")
    edited = cli("case", "edit", "BS-1", "--phone", "040 123").stdout
    assert "telefon" in edited and "worker_phone" not in edited
    shown = cli("case", "show", "BS-1").stdout
    assert "juridik" in shown and "law" not in shown


# --- 7. warnings: one summary line per session --------------------------------------------------


def test_one_warning_line_per_session(cli, home):
    book(cli, "BS-1", "2026-11-27", "--expertise", "law")
    book(cli, "BS-2", "2026-11-27", "--expertise", "law")
    book(cli, "BS-3", "2027-01-29")
    result = cli("sessions", "--next", "4", "--format", "text")
    lines = result.stderr.splitlines()
    assert len(lines) == 2, lines  # two sessions with cases, one line each
    assert lines[0].startswith("Varoitus 27.11.2026:") and "toive: BS-1, BS-2" in lines[0]
    assert "oikeudellinen asiantuntemus" in lines[1] and "toive" not in lines[1]
