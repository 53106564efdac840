"""The calendar engine: published dates, days off, overrides, and invariants for every year."""

from __future__ import annotations

from datetime import date, time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mastergroup.core.errors import ConfigError
from mastergroup.core.model import ChangeKind, SessionStatus
from mastergroup.core.rules import (
    DayOffPolicy,
    MonthRule,
    Override,
    OverrideAction,
    RuleKind,
    day_off,
    documents_due,
    find_session,
    sessions_between,
    sessions_in_year,
    upcoming,
)

# The county's page (shared/seeds/004_*.txt): "Vuoden 2023 kokoontumisajat".
PUBLISHED_2023 = [
    date(2023, 1, 27), date(2023, 2, 24), date(2023, 3, 31), date(2023, 4, 28),
    date(2023, 5, 26), date(2023, 6, 16), date(2023, 8, 25), date(2023, 9, 29),
    date(2023, 10, 27), date(2023, 11, 24), date(2023, 12, 15),
]  # fmt: skip


def dates(schedule, year):
    return [s.date for s in sessions_in_year(schedule, year) if not s.cancelled]


def test_2023_as_published(shipped):
    sessions = sessions_in_year(shipped.schedule, 2023)
    assert [s.date for s in sessions] == PUBLISHED_2023
    assert all(s.status is SessionStatus.SCHEDULED for s in sessions)
    assert {(s.start.time(), s.end.time()) for s in sessions} == {(time(9), time(11, 30))}
    assert {s.start.tzname() for s in sessions} == {"EET", "EEST"}


@pytest.mark.parametrize(
    ("year", "moved_to"), [(2024, date(2024, 3, 22)), (2027, date(2027, 3, 19))]
)
def test_good_friday_moves_a_week_earlier(shipped, year, moved_to):
    march = next(s for s in sessions_in_year(shipped.schedule, year) if s.date.month == 3)
    assert march.date == moved_to
    assert march.status is SessionStatus.MOVED
    (change,) = march.changes
    assert change.kind is ChangeKind.DAY_OFF_MOVED
    assert change.day_off is not None and change.day_off.key == "good_friday"
    assert change.from_date == date(year, 3, moved_to.day + 7)


def test_june_is_a_week_before_midsummer_eve(shipped):
    june = {y: next(s.date for s in sessions_in_year(shipped.schedule, y) if s.date.month == 6)
            for y in (2023, 2024, 2025, 2026)}  # fmt: skip
    # Midsummer Eve 2026 is 19.6.: one week earlier is 12.6. ("third Friday" would be 19.6.)
    assert june == {2023: date(2023, 6, 16), 2024: date(2024, 6, 14),
                    2025: date(2025, 6, 13), 2026: date(2026, 6, 12)}  # fmt: skip


@pytest.mark.parametrize(("year", "day"), [(2023, 15), (2021, 10), (2027, 10), (2024, 13)])
def test_december_is_strictly_before_christmas_eve(shipped, year, day):
    december = [d for d in dates(shipped.schedule, year) if d.month == 12]
    assert december == [date(year, 12, day)]


def test_july_is_off_and_others_have_one(shipped):
    for year in (2023, 2030):
        months = [d.month for d in dates(shipped.schedule, year)]
        assert months == [1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12]


def test_documents_due_on_independence_day_moves_to_previous_working_day(shipped):
    session = find_session(shipped.schedule, date(2024, 12, 13))
    assert session is not None
    assert day_off(shipped.schedule, date(2024, 12, 6)) is not None
    assert session.documents_due == date(2024, 12, 5)
    assert session.booking_deadline == date(2024, 11, 29)
    assert documents_due(shipped.schedule, date(2023, 12, 15)) == date(2023, 12, 8)


def test_may_day_eve_is_a_configured_day_off(shipped):
    april = next(s for s in sessions_in_year(shipped.schedule, 2027) if s.date.month == 4)
    assert april.date == date(2027, 4, 23)
    assert april.changes[0].day_off.name_fi == "vappuaatto"


def test_other_policies(shipped):
    later = shipped.schedule._replace(on_day_off=DayOffPolicy.WEEK_LATER)
    march = [s for s in sessions_in_year(later, 2024) if s.planned_date.month == 3]
    # A week later leaves March, so the policy falls back to a week earlier.
    assert [s.date for s in march] == [date(2024, 3, 22)]
    cancel = shipped.schedule._replace(on_day_off=DayOffPolicy.CANCEL)
    march = next(s for s in sessions_in_year(cancel, 2024) if s.planned_date.month == 3)
    assert march.status is SessionStatus.CANCELLED
    assert march.changes[0].kind is ChangeKind.DAY_OFF_CANCELLED


def test_nth_weekday_rule(shipped):
    first = shipped.schedule._replace(default_rule=MonthRule(RuleKind.NTH_WEEKDAY, n=1), months=())
    assert dates(first, 2023)[:3] == [date(2023, 1, 13), date(2023, 2, 3), date(2023, 3, 3)]
    # 6.1.2023 (Epiphany) is the first Friday: a week earlier leaves January, so a week later.


def test_overrides_move_cancel_add_and_count_sequence(shipped):
    schedule = shipped.schedule._replace(overrides=(
        Override(OverrideAction.MOVE, date(2024, 5, 31), to=date(2024, 5, 24), reason="koulutus"),
        Override(OverrideAction.MOVE, date(2024, 5, 24), start=time(12), end=time(14)),
        Override(OverrideAction.CANCEL, date(2024, 9, 27), reason="ei asioita"),
        Override(OverrideAction.ADD, date(2024, 7, 12), start=time(10), end=time(11)),
    ))  # fmt: skip
    by_slot = {s.slot: s for s in sessions_in_year(schedule, 2024)}
    may = by_slot["2024-05"]
    assert (may.date, may.start.time(), may.end.time()) == (date(2024, 5, 24), time(12), time(14))
    assert may.sequence == 2
    assert may.status is SessionStatus.MOVED
    assert may.changes[0].reason == "koulutus"
    september = by_slot["2024-09"]
    assert september.status is SessionStatus.CANCELLED and september.sequence == 1
    extra = by_slot["extra-2024-07-12"]
    assert extra.start.time() == time(10) and extra.sequence == 0
    assert extra.changes[0].kind is ChangeKind.EXTRA


def test_override_errors(shipped):
    missing = shipped.schedule._replace(
                      overrides=(Override(OverrideAction.CANCEL, date(2024, 5, 30)),))  # fmt: skip
    with pytest.raises(ConfigError) as e:
        sessions_in_year(missing, 2024)
    assert e.value.key == "config.override_no_session"
    onto_day_off = shipped.schedule._replace(overrides=(
        Override(OverrideAction.MOVE, date(2024, 12, 13), to=date(2024, 12, 6)),))  # fmt: skip
    with pytest.raises(ConfigError) as e:
        sessions_in_year(onto_day_off, 2024)
    assert e.value.key == "config.override_day_off"


def test_rule_that_leaves_its_month_is_a_config_error(shipped):
    bad = shipped.schedule._replace(months=((6, MonthRule(RuleKind.WEEKS_BEFORE_MIDSUMMER_EVE,
                                                          weeks=3)),))  # fmt: skip
    with pytest.raises(ConfigError) as e:
        sessions_in_year(bad, 2026)
    assert e.value.key == "config.rule_leaves_month"


def test_upcoming_and_ranges(shipped):
    nxt = upcoming(shipped.schedule, date(2023, 6, 17))
    assert [next(nxt).date for _ in range(2)] == [date(2023, 8, 25), date(2023, 9, 29)]
    span = sessions_between(shipped.schedule, date(2023, 12, 1), date(2024, 1, 31))
    assert [s.date for s in span] == [date(2023, 12, 15), date(2024, 1, 26)]


@settings(max_examples=150, deadline=None)
@given(year=st.integers(min_value=1992, max_value=2100))
def test_invariants_for_every_year(shipped, year):
    schedule = shipped.schedule
    sessions = [s for s in sessions_in_year(schedule, year) if not s.cancelled]
    months = [s.date.month for s in sessions]
    assert len(months) == len(set(months)), "at most one session a month"
    assert 7 not in months, "July is configured off"
    for s in sessions:
        assert s.date.weekday() == schedule.weekday
        assert day_off(schedule, s.date) is None, f"{s.date} is a day off"
        assert s.booking_deadline < s.documents_due < s.date
        assert day_off(schedule, s.documents_due) is None
        assert s.documents_due.weekday() < 5 and s.booking_deadline.weekday() < 5
        assert s.start.utcoffset() is not None and s.start < s.end


@settings(max_examples=200, deadline=None)
@given(
    year=st.integers(min_value=1992, max_value=2100),
    weekday=st.integers(min_value=0, max_value=4),
    policy=st.sampled_from(list(DayOffPolicy)),
    n=st.sampled_from([1, 2, 3, 4, -1]),
)
def test_invariants_for_other_configurations(shipped, year, weekday, policy, n):
    schedule = shipped.schedule._replace(weekday=weekday, on_day_off=policy,
                       default_rule=MonthRule(RuleKind.NTH_WEEKDAY, n=n))  # fmt: skip
    held = [s for s in sessions_in_year(schedule, year) if not s.cancelled]
    assert len({s.date.month for s in held}) == len(held)
    for s in held:
        assert s.date.weekday() == weekday
        assert day_off(schedule, s.date) is None
        assert s.booking_deadline < s.documents_due < s.date


def test_upcoming_stops_at_the_last_verified_year(shipped):
    found = list(upcoming(shipped.schedule, date(2100, 6, 1)))
    assert found and all(s.date.year == 2100 for s in found)
    assert found[0].date >= date(2100, 6, 1)
    assert list(upcoming(shipped.schedule, date(2101, 1, 1))) == []
