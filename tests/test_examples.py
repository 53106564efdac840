"""The example configurations in config/examples/ (issue 15): each one is accepted by `config
check` and its sessions obey its own rules in every year: every cutoff and document deadline
exactly N working days before when given in working days, no session in a month that is off."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mastergroup.config.settings import load
from mastergroup.core.rules import RuleKind, is_working_day, sessions_in_year
from mastergroup.io.environment import shipped_config_dir

EXAMPLES = sorted((shipped_config_dir() / "examples").glob("*.toml"))


def working_days(schedule, first: date, last: date) -> int:
    return sum(is_working_day(schedule, first + timedelta(n)) for n in range((last - first).days))


def test_there_are_examples():
    assert {p.name for p in EXAMPLES} >= {"region-working-days.toml", "city-dates.toml"}


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_config_check_accepts_it(path: Path, run, monkeypatch):
    monkeypatch.setenv("MASTERGROUP_TODAY", "2025-01-01")
    result = run("config", "check", str(path))
    assert result.exit_code == 0, result
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
@settings(max_examples=40, deadline=None)
@given(year=st.integers(min_value=1992, max_value=2100))
def test_its_sessions_obey_its_rules(path: Path, year: int):
    for group in load(path).all_groups():  # issue 15: each group by its own rules
        _obeys_its_rules(group.schedule, year)


def _obeys_its_rules(schedule, year: int) -> None:  # type: ignore[no-untyped-def]
    listed = {d.date for d in schedule.dates}
    off_months = {m for m in range(1, 13) if schedule.rule_for(m).kind is RuleKind.NONE}
    for s in sessions_in_year(schedule, year):
        if s.date not in listed:
            assert s.date.month not in off_months, f"{s.date}: the month is off"
            assert s.date.weekday() == schedule.weekday
        assert s.booking_deadline < s.documents_due < s.date
        assert is_working_day(schedule, s.booking_deadline)
        assert is_working_day(schedule, s.documents_due)
        if schedule.booking_working_days:
            assert working_days(schedule, s.booking_deadline, s.date) == (
                schedule.booking_working_days
            )
        else:
            assert s.booking_deadline <= s.date - timedelta(schedule.booking_days_before)
        if schedule.documents_working_days:
            assert working_days(schedule, s.documents_due, s.date) == (
                schedule.documents_working_days
            )


def test_the_region_meets_monthly_but_in_july_and_august():
    schedule = load(shipped_config_dir() / "examples" / "region-working-days.toml").schedule
    sessions = sessions_in_year(schedule, 2025)
    assert [s.date.month for s in sessions] == [1, 2, 3, 4, 5, 6, 9, 10, 11, 12]
    # Tuesday 14 January 2025: seven working days back over Epiphany (Monday 6 January).
    assert (sessions[0].date, sessions[0].booking_deadline) == (date(2025, 1, 14), date(2025, 1, 2))


def test_the_city_group_meets_on_its_listed_dates_only():
    schedule = load(shipped_config_dir() / "examples" / "city-dates.toml").schedule
    held = [s.date for s in sessions_in_year(schedule, 2025)]
    assert held == [d.date for d in schedule.dates]
    assert held[:2] == [date(2025, 1, 16), date(2025, 2, 13)]
    assert sessions_in_year(schedule, 2026) == ()
    assert schedule.case_minutes == 120 and schedule.capacity == 1


def test_config_init_writes_an_example(run, home):
    target = home / "region.toml"
    result = run("config", "init", str(target), "--example", "region-working-days")
    assert result.exit_code == 0, result
    assert "cutoff_working_days = 7" in target.read_text("utf-8")
    unknown = run("config", "init", str(home / "x.toml"), "--example", "nowhere")
    assert unknown.exit_code == 2 and len(unknown.stderr.splitlines()) == 1
    assert "city-dates, city-two-areas, county-by-matter, region-working-days" in unknown.stderr
    assert not (home / "x.toml").exists()


def test_the_two_city_groups_meet_on_their_own_dates_about_every_two_weeks():
    settings = load(shipped_config_dir() / "examples" / "city-two-areas.toml")
    north, south = settings.all_groups()
    assert (north.group.id, south.group.id) == ("pohjoinen", "etela")
    assert settings.default_group() is north
    days = {g.group.id: [s.date for s in sessions_in_year(g.schedule, 2025)]
            for g in (north, south)}
    assert days["pohjoinen"][:2] == [date(2025, 1, 16), date(2025, 2, 13)]
    assert days["etela"][:2] == [date(2025, 1, 30), date(2025, 2, 27)]
    assert not set(days["pohjoinen"]) & set(days["etela"])
    both = sorted(days["pohjoinen"] + days["etela"])
    gaps = [(b - a).days for a, b in itertools.pairwise(both) if a.month not in (6, 7)]
    assert max(gaps) <= 21, gaps  # but over the summer break
    assert south.location.mode != north.location.mode  # its own table; the rest inherited
    assert south.schedule.capacity == north.schedule.capacity == 1


def test_the_county_groups_split_by_matter():
    settings = load(shipped_config_dir() / "examples" / "county-by-matter.toml")
    eho, county = settings.all_groups()
    assert eho.group.matters == ("eho_placement",)
    assert "eho_placement" not in county.group.matters
    assert eho.schedule.booking_working_days == 5 and county.schedule.booking_days_before == 14
    assert settings.default_group() is None  # two groups, no default: commands ask
