"""Issue 15: the rules other groups publish (shared/domain.md, "Other groups, other rules").

"book at the latest seven *working* days before" (a regional group); "the dates are agreed one
year at a time (a list, not a rule)"; "usually one case, lasting two hours"; "at least four of
its seven experts must attend (a quorum)".
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mastergroup.config.settings import parse
from mastergroup.core.errors import ConfigError
from mastergroup.core.rules import (
    booking_deadline,
    day_off,
    documents_due,
    is_working_day,
    sessions_in_year,
    working_days_before,
)


def working_days_between(schedule, first: date, last: date) -> int:
    """Working days in first..last-1 (the session's own day not counted)."""
    return sum(
        is_working_day(schedule, first + timedelta(days=n)) for n in range((last - first).days)
    )


# --- working days ---------------------------------------------------------------------------


def test_seven_working_days_before_skips_weekends_and_days_off(shipped):
    schedule = shipped.schedule._replace(booking_working_days=7)
    # Thursday 16 January 2025: back over Epiphany (Mon 6.1.) to Tuesday 7 January.
    assert booking_deadline(schedule, date(2025, 1, 16)) == date(2025, 1, 7)
    # Thursday 24 April 2025: Easter Monday 21.4. and Good Friday 18.4. are not counted.
    assert booking_deadline(schedule, date(2025, 4, 24)) == date(2025, 4, 11)
    # A configured day off (vappuaatto, 30.4.) counts as a day off too.
    assert working_days_before(schedule, date(2025, 5, 2), 1) == date(2025, 4, 29)


def test_the_shipped_calendar_days_are_unchanged(shipped):
    assert shipped.schedule.booking_working_days == 0
    s = sessions_in_year(shipped.schedule, 2023)[0]
    assert (s.date, s.booking_deadline, s.documents_due) == (
        date(2023, 1, 27),
        date(2023, 1, 13),
        date(2023, 1, 20),
    )


@settings(max_examples=300, deadline=None)
@given(
    day=st.dates(min_value=date(1992, 2, 1), max_value=date(2100, 12, 31)),
    count=st.integers(min_value=1, max_value=30),
)
def test_a_working_day_deadline_is_a_working_day_exactly_n_before(shipped, day, count):
    schedule = shipped.schedule
    deadline = working_days_before(schedule, day, count)
    assert is_working_day(schedule, deadline)
    assert deadline < day
    assert working_days_between(schedule, deadline, day) == count


@settings(max_examples=120, deadline=None)
@given(
    year=st.integers(min_value=1992, max_value=2100),
    cutoff=st.integers(min_value=2, max_value=20),
    documents=st.integers(min_value=1, max_value=19),
)
def test_every_session_of_every_year_obeys_working_day_deadlines(shipped, year, cutoff, documents):
    documents = min(documents, cutoff - 1)
    schedule = shipped.schedule._replace(
        booking_working_days=cutoff, documents_working_days=documents
    )
    for s in sessions_in_year(schedule, year):
        assert is_working_day(schedule, s.booking_deadline)
        assert is_working_day(schedule, s.documents_due)
        assert working_days_between(schedule, s.booking_deadline, s.date) == cutoff
        assert working_days_between(schedule, s.documents_due, s.date) == documents
        assert s.booking_deadline < s.documents_due < s.date
        assert s.booking_deadline == booking_deadline(schedule, s.date)
        assert s.documents_due == documents_due(schedule, s.date)


def test_working_days_from_the_file():
    settings = parse({"booking": {"cutoff_working_days": 7, "documents_working_days": 3}}, "c.toml")
    assert settings.schedule.booking_working_days == 7
    assert settings.schedule.documents_working_days == 3
    s = sessions_in_year(settings.schedule, 2025)[0]  # Friday 31 January 2025
    assert (s.date, s.booking_deadline, s.documents_due) == (
        date(2025, 1, 31),
        date(2025, 1, 22),
        date(2025, 1, 28),
    )


def test_a_working_day_cutoff_leaves_the_calendar_default_unset():
    # cutoff_days_before keeps its default (14) but does not count: no error, no mixing.
    settings = parse({"booking": {"cutoff_working_days": 7}}, "c.toml")
    assert settings.booking.cutoff_days_before == 14
    assert settings.schedule.booking_working_days == 7


@pytest.mark.parametrize(
    ("booking", "key"),
    [
        ({"cutoff_working_days": 7, "cutoff_days_before": 14}, "booking.cutoff_working_days"),
        (
            {"documents_working_days": 3, "documents_days_before": 7},
            "booking.documents_working_days",
        ),
    ],
)
def test_one_form_per_deadline(booking, key):
    with pytest.raises(ConfigError) as e:
        parse({"booking": booking}, "c.toml")
    assert e.value.key == "config.two_deadline_forms"
    assert e.value.params["key"] == key


def test_documents_stay_after_the_cutoff_in_working_days():
    with pytest.raises(ConfigError) as e:
        parse({"booking": {"cutoff_working_days": 5, "documents_working_days": 5}}, "c.toml")
    assert e.value.params["key"] == "booking.documents_working_days"


def test_mixed_forms_are_checked_session_by_session():
    # Documents 10 calendar days before, bookings 5 working days before: the documents would be
    # due before bookings close.
    with pytest.raises(ConfigError) as e:
        parse({"booking": {"cutoff_working_days": 5, "documents_days_before": 10}}, "c.toml")
    assert e.value.key == "config.documents_before_cutoff"
    assert e.value.params["key"] == "booking.documents_days_before"
    ok = parse({"booking": {"cutoff_working_days": 7, "documents_days_before": 5}}, "c.toml")
    for s in sessions_in_year(ok.schedule, 2025):
        assert s.booking_deadline < s.documents_due
        assert day_off(ok.schedule, s.documents_due) is None


def test_config_show_of_working_days_loads_again():
    import tomllib

    import tomli_w

    from mastergroup.config.reference import effective

    settings = parse({"booking": {"cutoff_working_days": 7, "documents_working_days": 3}}, "c.toml")
    shown = effective(settings)
    assert "cutoff_days_before" not in shown["booking"]
    again = parse(tomllib.loads(tomli_w.dumps(shown)), "again.toml")
    assert again.schedule == settings.schedule


# --- a list of dates ------------------------------------------------------------------------

# A city group's dates "agreed one year at a time", every other Thursday (invented example).
LISTED = (
    '[schedule]\nweekday = "thursday"\nrule = { kind = "none" }\n'
    'dates = [2025-01-16, { date = 2025-01-30, start = "13:00", end = "15:00" }, 2025-02-13]\n'
)


def listed(extra: str = "", base: str = LISTED):
    import tomllib

    return parse(tomllib.loads(base + extra), "c.toml")


def test_listed_dates_are_the_sessions_with_their_own_times():
    sessions = sessions_in_year(listed().schedule, 2025)
    assert [s.date for s in sessions] == [date(2025, 1, 16), date(2025, 1, 30), date(2025, 2, 13)]
    assert [s.slot for s in sessions] == ["2025-01-16", "2025-01-30", "2025-02-13"]
    assert sessions[1].start.strftime("%H:%M-") + sessions[1].end.strftime("%H:%M") == (
        "13:00-15:00"
    )
    assert sessions[0].start.strftime("%H:%M") == "09:00"  # schedule.start
    assert sessions[0].booking_deadline == date(2025, 1, 2)  # 14 days, previous working day
    assert sessions_in_year(listed().schedule, 2026) == ()


def test_slots_stay_when_dates_are_added():
    more = listed(base=LISTED.replace("2025-01-16,", "2025-01-09, 2025-01-16,"))
    before = {s.date: s.slot for s in sessions_in_year(listed().schedule, 2025)}
    after = {s.date: s.slot for s in sessions_in_year(more.schedule, 2025)}
    assert all(after[d] == slot for d, slot in before.items())


def test_a_rule_and_a_list_combine():
    import tomllib

    settings = parse(tomllib.loads("[schedule]\ndates = [2025-03-14]\n"), "c.toml")
    dates = [s.date for s in sessions_in_year(settings.schedule, 2025) if s.date.month == 3]
    assert dates == [date(2025, 3, 14), date(2025, 3, 28)]  # listed + the last Friday


def test_an_array_of_tables_reads_the_same():
    tables = (
        '[schedule]\nrule = { kind = "none" }\n[[schedule.dates]]\ndate = 2025-01-16\n'
        '[[schedule.dates]]\ndate = "2025-01-30"\nstart = "13:00"\nend = "15:00"\n'
    )
    assert [s.start for s in sessions_in_year(listed(base=tables).schedule, 2025)] == [
        s.start for s in sessions_in_year(listed().schedule, 2025)[:2]
    ]


@pytest.mark.parametrize(
    ("toml", "message", "key"),
    [
        ("[schedule]\ndates = [2025-01-31]\n", "config.listed_date_twice", "schedule.dates[1]"),
        ("[schedule]\ndates = [2025-01-16, 2025-01-16]\n", "config.listed_date_twice", None),
        (
            '[schedule]\ndates = [{ date = 2025-01-16, start = "12:00", end = "11:00" }]\n',
            "config.override_times",
            "schedule.dates[1]",
        ),
        ('[schedule]\ndates = ["16.1.2025"]\n', "config.bad_value", "schedule.dates[1].date"),
        ("[schedule]\ndates = [{ day = 2025-01-16 }]\n", "config.unknown_key", None),
        ('[schedule]\ndates = "2025-01-16"\n', "config.bad_value", "schedule.dates"),
    ],
)
def test_bad_lists_are_config_errors(toml, message, key):
    with pytest.raises(ConfigError) as e:
        listed(base=toml)
    assert e.value.key == message
    assert e.value.params["file"] == "c.toml"
    if key:
        assert e.value.params["key"] == key


def test_overrides_move_a_listed_date_keeping_its_slot():
    settings = listed(
        '[[overrides]]\naction = "move"\ndate = 2025-01-16\nto = 2025-01-23\nreason = "x"\n'
    )
    moved = sessions_in_year(settings.schedule, 2025)[0]
    assert (moved.date, moved.slot, moved.sequence) == (date(2025, 1, 23), "2025-01-16", 1)


def test_config_check_warns_when_the_list_runs_out_and_on_a_day_off(run, home, monkeypatch):
    from tests.conftest import write_config

    config = write_config(home, "")
    config.write_text(
        '[group]\nlanguage = "en"\n' + LISTED.replace("2025-02-13", "2025-12-24"), "utf-8"
    )
    monkeypatch.setenv("MASTERGROUP_TODAY", "2025-01-01")
    result = run("config", "check")
    assert result.exit_code == 0, result
    assert "Thu 16 Jan" in result.stdout
    warnings = result.stderr.splitlines()
    assert "'schedule.dates[3]': 2025-12-24 is a day off (Christmas Eve)" in warnings[0]
    assert "dates for 2025 but 2026 has no sessions" in warnings[1]
    ics = run("ics", "--year", "2025", "-o", "-")
    assert "UID:keski-suomi-2025-01-30@mastergroup" in ics.stdout.replace("\r\n ", "")
