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
