"""`mastergroup ics` as a user runs it: round trips, UID stability, bad input, atomic files."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, date, datetime

import icalendar
import pytest

from mastergroup.config.settings import load
from mastergroup.core.rules import sessions_between
from tests.conftest import write_config
from tests.test_ics import read_vobject

ALL_YEARS = ("--from", "2023-01-01", "--to", "2040-12-31")


def events(text: str) -> dict[str, icalendar.Event]:
    return {str(e["UID"]): e for e in icalendar.Calendar.from_ical(text).walk("VEVENT")}


def utc(value: datetime) -> datetime:
    return value.astimezone(UTC)


def test_a_year_to_stdout(run):
    result = run("ics", "--year", "2024")
    assert result.exit_code == 0, result
    assert result.stderr == ""
    found = events(result.stdout)
    assert len(found) == 11  # July is a summer break
    first = found["keski-suomi-2024-01@mastergroup"]
    assert first.decoded("DTSTART") == datetime(
        2024, 1, 26, 9, 0, tzinfo=first.decoded("DTSTART").tzinfo
    )
    assert first["DTSTART"].params["TZID"] == "Europe/Helsinki"
    assert "BEGIN:VTIMEZONE" in result.stdout
    assert "METHOD:PUBLISH" in result.stdout


def test_round_trip_2023_2040_with_icalendar_and_vobject(run, home):
    result = run("ics", *ALL_YEARS)
    assert result.exit_code == 0, result
    engine = sessions_between(
        load(home / "config.toml").schedule, date(2023, 1, 1), date(2040, 12, 31)
    )
    parsed = events(result.stdout)
    assert list(parsed) == [f"keski-suomi-{s.slot}@mastergroup" for s in engine]
    for s, ev in zip(engine, parsed.values(), strict=True):
        assert utc(ev.decoded("DTSTART")) == utc(s.start)
        assert utc(ev.decoded("DTEND")) == utc(s.end)
    others = read_vobject(result.stdout).vevent_list
    for s, ev in zip(engine, others, strict=True):
        assert ev.uid.value == f"keski-suomi-{s.slot}@mastergroup"
        assert utc(ev.dtstart.value) == utc(s.start), s.slot
        assert utc(ev.dtend.value) == utc(s.end), s.slot
    summer = [s for s in engine if s.start.utcoffset().total_seconds() == 3 * 3600]
    assert summer
    assert all(utc(s.start).hour == 6 for s in summer)


def test_move_keeps_the_uid_and_raises_sequence_cancel_marks_cancelled(run, home):
    before = events(run("ics", "--year", "2024").stdout)
    may = "keski-suomi-2024-05@mastergroup"
    assert before[may].decoded("SEQUENCE") == 0
    assert before[may].decoded("DTSTART").date() == date(2024, 5, 31)

    write_config(home, '[[overrides]]\naction = "move"\ndate = 2024-05-31\nto = 2024-05-24\n')
    moved = events(run("ics", "--year", "2024").stdout)
    assert set(moved) == set(before)  # no duplicate after re-import
    assert moved[may].decoded("SEQUENCE") == 1
    assert moved[may].decoded("DTSTART").date() == date(2024, 5, 24)
    assert str(moved[may]["STATUS"]) == "CONFIRMED"

    write_config(home, '[[overrides]]\naction = "cancel"\ndate = 2024-05-24\n')
    cancelled = events(run("ics", "--year", "2024").stdout)
    assert set(cancelled) == set(before)
    assert str(cancelled[may]["STATUS"]) == "CANCELLED"
    assert cancelled[may].decoded("SEQUENCE") == 2
    others = set(before) - {may}
    assert all(cancelled[u].decoded("SEQUENCE") == 0 for u in others)

    omitted = events(run("ics", "--year", "2024", "--cancelled", "omit").stdout)
    assert set(omitted) == others


def test_extra_session_keeps_its_uid_when_moved(run, home):
    write_config(home, '[[overrides]]\naction = "add"\ndate = 2024-05-10\n')
    extra = "keski-suomi-extra-2024-05-10@mastergroup"
    assert events(run("ics", "--year", "2024").stdout)[extra].decoded("SEQUENCE") == 0
    write_config(home, '[[overrides]]\naction = "move"\ndate = 2024-05-10\nto = 2024-05-17\n')
    moved = events(run("ics", "--year", "2024").stdout)[extra]
    assert (moved.decoded("DTSTART").day, moved.decoded("SEQUENCE")) == (17, 1)


def test_deadlines_alarm_and_language(run):
    result = run("ics", "--year", "2024", "--deadlines", "--alarm", "2", "--lang", "sv")
    assert result.exit_code == 0, result
    found = events(result.stdout)
    assert len(found) == 33
    session = found["keski-suomi-2024-12@mastergroup"]
    assert str(session["SUMMARY"]) == "Barnskyddets multiprofessionella expertgrupp"
    assert "Bokning senast fre 29.11." in str(session["DESCRIPTION"])
    assert session.walk("VALARM")
    assert found["keski-suomi-2024-12-documents@mastergroup"].decoded("DTSTART") == date(
        2024, 12, 5
    )


def test_output_file_is_written_atomically(run, home):
    target = home / "out" / "master.ics"
    target.parent.mkdir()
    result = run("ics", "--year", "2024", "-o", str(target), "--lang", "en")
    assert result.exit_code == 0, result
    assert result.stdout == f"Calendar written: {target} (11 events).\n"
    data = target.read_bytes()
    assert data.startswith(b"BEGIN:VCALENDAR\r\n")
    assert data.endswith(b"END:VCALENDAR\r\n")
    assert [p.name for p in target.parent.iterdir()] == ["master.ics"]  # no temporary file
    strip = lambda text: [x for x in text.splitlines() if not x.startswith("DTSTAMP")]  # noqa: E731
    assert strip(data.decode()) == strip(run("ics", "--year", "2024", "--lang", "en").stdout)


def test_real_stdout_has_crlf_line_ends(home):
    out = subprocess.run(
        [sys.executable, "-m", "mastergroup", "ics", "--year", "2024"],
        capture_output=True,
        check=True,
        env=os.environ.copy(),
    ).stdout
    assert out.startswith(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert b"\n" not in out.replace(b"\r\n", b"")


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (("--year", "0"), 2, "1992"),
        (("--from", "2024-06-01", "--to", "2024-01-01"), 2, "--to"),
        (("--from", "2024-13-01"), 2, "2024-13-01"),
        (("--alarm", "-1"), 2, "--alarm"),
        (("--cancelled", "maybe"), 2, "--cancelled"),
    ],
)
def test_bad_input_is_one_line_and_writes_nothing(run, home, args, code, words):
    target = home / "bad.ics"
    result = run("ics", *args, "-o", str(target))
    assert result.exit_code == code, result
    assert result.stdout == ""
    assert result.stderr.startswith("mastergroup: ")
    assert result.stderr.count("\n") == 1
    assert words in result.stderr
    assert not target.exists()


@pytest.mark.parametrize("where", ["missing/dir/out.ics", "a-file.txt/out.ics", "."])
def test_unwritable_output_is_one_line_and_leaves_nothing(run, home, where):
    (home / "a-file.txt").write_text("not a folder", encoding="utf-8")
    before = sorted(p.name for p in home.iterdir())
    result = run("ics", "--year", "2024", "-o", str(home / where))
    assert result.exit_code == 7, result
    assert result.stdout == ""
    assert result.stderr.startswith("mastergroup: ")
    assert result.stderr.count("\n") == 1
    assert sorted(p.name for p in home.iterdir()) == before
    assert not (home / "missing").exists()


def test_replacing_an_existing_file_keeps_it_whole_on_failure(run, home, monkeypatch):
    target = home / "master.ics"
    target.write_bytes(b"old calendar")

    def fail(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", fail)
    result = run("ics", "--year", "2024", "-o", str(target))
    assert result.exit_code == 7, result
    assert target.read_bytes() == b"old calendar"
    assert sorted(p.name for p in home.iterdir() if p.name.startswith(".master")) == []


def test_help_has_examples(run):
    result = run("ics", "--help")
    assert result.exit_code == 0
    assert "mastergroup ics --year 2024" in result.stdout
    for option in ("--from", "--to", "--output", "--cancelled", "--deadlines", "--alarm", "--lang"):
        assert option in result.stdout


def test_the_export_reads_no_case_data(home):
    """Sessions only: exporting does not even load the case register's modules."""
    probe = (
        "import sys, json\n"
        "from typer.testing import CliRunner\n"
        "from mastergroup.cli import app\n"
        "r = CliRunner().invoke(app, ['ics', '--year', '2024', '--deadlines'])\n"
        "assert r.exit_code == 0, r.output\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    loaded = out.splitlines()[-1]
    # mastergroup.core.booking (pure) is loaded: its identity-code guard checks every command line.
    for module in (
        "mastergroup.register.store",
        "mastergroup.services.cases",
        "sqlite3",
    ):
        assert f'"{module}"' not in loaded, module
