"""Schedule rules (configuration as data) -> the sessions of any range, each move with its reason.

The rules follow the Central Finland page (shared/seeds/004_*.txt, 2023): the last Friday of each
month 9.00-11.30; June one week before Midsummer Eve; December one week before the last Friday
before Christmas Eve; July a summer break. Which rule applies to which month is configuration
(`[schedule]` in the TOML); this module only knows the kinds of rule.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Iterator
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import NamedTuple
from zoneinfo import ZoneInfo

from mastergroup.core.errors import ConfigError
from mastergroup.core.holidays import LAST_YEAR, finnish_days_off, midsummer_eve
from mastergroup.core.model import Change, ChangeKind, DayOff, Session, SessionStatus

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
WEEK = timedelta(days=7)


class RuleKind(enum.StrEnum):
    NTH_WEEKDAY = "nth_weekday"  # n = 1..4 or -1 (last)
    WEEKS_BEFORE_LAST_WEEKDAY_BEFORE = "weeks_before_last_weekday_before"  # December
    WEEKS_BEFORE_MIDSUMMER_EVE = "weeks_before_midsummer_eve"  # June
    NONE = "none"  # no session this month (July's summer break)


class DayOffPolicy(enum.StrEnum):
    WEEK_EARLIER = "week_earlier"  # falls back to a week later if earlier leaves the month
    WEEK_LATER = "week_later"  # falls back to a week earlier if later leaves the month
    CANCEL = "cancel"


class OverrideAction(enum.StrEnum):
    CANCEL = "cancel"
    MOVE = "move"
    ADD = "add"


class MonthRule(NamedTuple):
    kind: RuleKind = RuleKind.NTH_WEEKDAY
    n: int = -1
    weeks: int = 0
    anchor_month: int = 12
    anchor_day: int = 24
    reason: str = ""


class ExtraDayOff(NamedTuple):
    """A county's own day off: every year on month-day, or once when `year` is set."""

    month: int
    day: int
    year: int | None
    name: str
    name_sv: str = ""
    name_en: str = ""

    def on(self, year: int) -> date | None:
        if self.year not in (None, year):
            return None
        try:
            return date(year, self.month, self.day)
        except ValueError:  # 29 February in a common year
            return None


class Override(NamedTuple):
    action: OverrideAction
    date: date
    to: dt.date | None = None
    start: time | None = None
    end: time | None = None
    reason: str = ""
    key: str = "overrides"  # where it stands in the configuration, for error messages


class ListedDate(NamedTuple):
    """A session agreed by date ("the dates are agreed one year at a time"): held as published,
    at its own times if given (else schedule.start/end)."""

    date: date
    start: time | None = None
    end: time | None = None
    key: str = "schedule.dates"  # where it stands in the configuration, for error messages


class ScheduleConfig(NamedTuple):
    weekday: int = 4
    start: time = time(9, 0)
    end: time = time(11, 30)
    timezone: str = "Europe/Helsinki"
    default_rule: MonthRule = MonthRule()
    months: tuple[tuple[int, MonthRule], ...] = ()  # (month number, rule) for overridden months
    public_holidays: bool = True
    de_facto_days_off: bool = True
    extra_days_off: tuple[ExtraDayOff, ...] = ()
    on_day_off: DayOffPolicy = DayOffPolicy.WEEK_EARLIER
    booking_days_before: int = 14
    documents_days_before: int = 7
    capacity: int = 2
    overrides: tuple[Override, ...] = ()
    # issue 15: other groups' rules. A working-day count (>= 1) replaces the calendar days of
    # its deadline; 0 means the deadline is counted in calendar days.
    booking_working_days: int = 0
    documents_working_days: int = 0
    case_minutes: int = 0  # 0: the session is split evenly between its cases
    dates: tuple[ListedDate, ...] = ()  # sessions agreed date by date (a list, not a rule)

    def rule_for(self, month: int) -> MonthRule:
        return dict(self.months).get(month, self.default_rule)


# --- days off ---------------------------------------------------------------------------


@lru_cache(maxsize=512)
def days_off(config: ScheduleConfig, year: int) -> dict[date, DayOff]:
    """Every configured day off of `year`: public holidays, de-facto ones, the county's own."""
    result: dict[date, DayOff] = {}
    if config.public_holidays:
        result.update(finnish_days_off(year, de_facto=config.de_facto_days_off))
    elif config.de_facto_days_off:
        result.update({d: o for d, o in finnish_days_off(year).items() if not o.official})
    for extra in config.extra_days_off:
        day = extra.on(year)
        if day is not None and day not in result:
            result[day] = DayOff(
                day,
                "extra",
                extra.name,
                extra.name_sv or extra.name,
                extra.name_en or extra.name,
                official=False,
            )
    return result


def day_off(config: ScheduleConfig, day: date) -> DayOff | None:
    return days_off(config, day.year).get(day)


def is_working_day(config: ScheduleConfig, day: date) -> bool:
    return day.weekday() < 5 and day_off(config, day) is None


def working_day_on_or_before(config: ScheduleConfig, day: date) -> date:
    while not is_working_day(config, day):
        day -= timedelta(days=1)
    return day


def working_days_before(config: ScheduleConfig, day: date, count: int) -> date:
    """The `count`-th working day before `day`, `day` itself not counted: "at the latest seven
    working days before the meeting" is the day with exactly seven working days from it up to
    the meeting (it included, the meeting's day not). Working days are the days that are
    neither Saturdays, Sundays nor configured days off (issue 15; not the Annual Holidays Act's
    "arkipäivä", which counts Saturdays)."""
    while count > 0:
        day -= timedelta(days=1)
        if is_working_day(config, day):
            count -= 1
    return day


def booking_deadline(config: ScheduleConfig, session_date: date) -> date:
    """The last day a slot can be booked (the seed: "viimeistään kaksi viikkoa ennen"), or
    booking_working_days working days before (another group: "viimeistään seitsemän
    arkipäivää ennen")."""
    if config.booking_working_days:
        return working_days_before(config, session_date, config.booking_working_days)
    return working_day_on_or_before(
        config, session_date - timedelta(days=config.booking_days_before)
    )


def documents_due(config: ScheduleConfig, session_date: date) -> date:
    """When documents should reach the coordinator (the seed: "noin viikko ennen"), or
    documents_working_days working days before."""
    if config.documents_working_days:
        return working_days_before(config, session_date, config.documents_working_days)
    return working_day_on_or_before(
        config, session_date - timedelta(days=config.documents_days_before)
    )


# --- the rule date of a month -----------------------------------------------------------


def _last_weekday_on_or_before(day: date, weekday: int) -> date:
    return day - timedelta(days=(day.weekday() - weekday) % 7)


def rule_date(config: ScheduleConfig, year: int, month: int) -> date | None:
    """The date the month's rule gives, before days off and overrides; None for no session."""
    rule = config.rule_for(month)
    wd = config.weekday
    if rule.kind is RuleKind.NONE:
        return None
    if rule.kind is RuleKind.NTH_WEEKDAY:
        if rule.n == -1:
            last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)  # month's end
            result = _last_weekday_on_or_before(last, wd) - rule.weeks * WEEK
        else:
            first = date(year, month, 1)
            result = first + timedelta(days=(wd - first.weekday()) % 7) + (rule.n - 1) * WEEK
    elif rule.kind is RuleKind.WEEKS_BEFORE_LAST_WEEKDAY_BEFORE:
        anchor = date(year, rule.anchor_month, rule.anchor_day)
        result = _last_weekday_on_or_before(anchor - timedelta(days=1), wd) - rule.weeks * WEEK
    else:  # WEEKS_BEFORE_MIDSUMMER_EVE
        result = _last_weekday_on_or_before(midsummer_eve(year), wd) - rule.weeks * WEEK
    if (result.year, result.month) != (year, month):
        raise ConfigError(
            "config.rule_leaves_month",
            key=f"schedule.months.{MONTHS[month - 1]}",
            year=year,
            month=month,
            date=result,
        )
    return result


# --- sessions ---------------------------------------------------------------------------


def _make(config: ScheduleConfig, slot: str, day: date, planned: date) -> Session:
    zone = ZoneInfo(config.timezone)
    return Session(
        slot=slot,
        date=day,
        start=datetime.combine(day, config.start, tzinfo=zone),
        end=datetime.combine(day, config.end, tzinfo=zone),
        status=SessionStatus.SCHEDULED,
        planned_date=planned,
        booking_deadline=booking_deadline(config, day),
        documents_due=documents_due(config, day),
        capacity=config.capacity,
        sequence=0,
    )


def _step_off(config: ScheduleConfig, planned: date) -> date | None:
    """Where the day-off policy puts a session whose rule date is a day off (None: cancel)."""
    if config.on_day_off is DayOffPolicy.CANCEL:
        return None
    first = -WEEK if config.on_day_off is DayOffPolicy.WEEK_EARLIER else WEEK
    for step in (first, -first):
        day = planned + step
        while day.month == planned.month and day_off(config, day) is not None:
            day += step
        if day.month == planned.month:
            return day
    return None


def _month_session(config: ScheduleConfig, year: int, month: int) -> Session | None:
    planned = rule_date(config, year, month)
    if planned is None:
        return None
    slot = f"{year:04d}-{month:02d}"
    off = day_off(config, planned)
    if off is None:
        return _make(config, slot, planned, planned)
    moved_to = _step_off(config, planned)
    if moved_to is None:
        change = Change(ChangeKind.DAY_OFF_CANCELLED, planned, planned, day_off=off)
        session = _make(config, slot, planned, planned)
        return session._replace(status=SessionStatus.CANCELLED, changes=(change,))
    change = Change(ChangeKind.DAY_OFF_MOVED, planned, moved_to, day_off=off)
    session = _make(config, slot, moved_to, planned)
    return session._replace(status=SessionStatus.MOVED, changes=(change,))


def _apply(config: ScheduleConfig, sessions: list[Session], o: Override) -> None:
    if o.action is OverrideAction.ADD:
        if any(s.date == o.date and not s.cancelled for s in sessions):
            raise ConfigError("config.override_add_exists", key=o.key, date=o.date)
        _refuse_day_off(config, o, o.date)
        base = _make(config, f"extra-{o.date.isoformat()}", o.date, o.date)
        extra = Change(ChangeKind.EXTRA, o.date, o.date, reason=o.reason)
        sessions.append(_retime(config, base, o.start, o.end, o)._replace(changes=(extra,)))
        return
    index = next((i for i, s in enumerate(sessions) if s.date == o.date and not s.cancelled), None)
    if index is None:
        raise ConfigError("config.override_no_session", key=o.key, date=o.date)
    s = sessions[index]
    if o.action is OverrideAction.CANCEL:
        change = Change(ChangeKind.OVERRIDE_CANCELLED, s.date, s.date, reason=o.reason)
        sessions[index] = s._replace(
            status=SessionStatus.CANCELLED, changes=(*s.changes, change), sequence=s.sequence + 1
        )
        return
    new_date = o.to or s.date
    if new_date != s.date:
        _refuse_day_off(config, o, new_date)
        if any(other.date == new_date and not other.cancelled for other in sessions):
            raise ConfigError("config.override_move_onto", key=o.key, date=new_date)
    moved = _make(config, s.slot, new_date, s.planned_date)
    sessions[index] = _retime(
        config, moved, o.start or s.start.time(), o.end or s.end.time(), o, history=s
    )


def _retime(
    config: ScheduleConfig,
    s: Session,
    start: time | None,
    end: time | None,
    o: Override,
    history: Session | None = None,
) -> Session:
    zone = ZoneInfo(config.timezone)
    start_at = datetime.combine(s.date, start or config.start, tzinfo=zone)
    end_at = datetime.combine(s.date, end or config.end, tzinfo=zone)
    if end_at <= start_at:
        raise ConfigError("config.override_times", key=o.key, date=o.date)
    if history is None:
        return s._replace(start=start_at, end=end_at)
    change = Change(ChangeKind.OVERRIDE_MOVED, history.date, s.date, reason=o.reason)
    return s._replace(
        start=start_at,
        end=end_at,
        status=SessionStatus.MOVED,
        changes=(*history.changes, change),
        sequence=history.sequence + 1,
    )


def _refuse_day_off(config: ScheduleConfig, o: Override, day: date) -> None:
    off = day_off(config, day)
    if off is not None:
        # the DayOff itself: the message names it in its own language (i18n: day_off_name)
        raise ConfigError("config.override_day_off", key=o.key, date=day, day_off=off)


def listed_slot(day: date) -> str:
    """The slot of a listed date: the date itself, `2025-01-16`. It differs from a month's
    `2025-01` and an extra's `extra-2025-01-16`, stays unique with two dates in a month (two
    city groups, one every two weeks) and does not change when dates are added to the list:
    the calendar UID `<group.id>-<slot>@...` stays stable. To move a published listed date,
    an override (action = move) keeps its slot; editing the date in the list makes another
    session."""
    return day.isoformat()


def _listed_sessions(config: ScheduleConfig, year: int, held: list[Session]) -> list[Session]:
    """The listed dates of `year`, held as published: a listed date is not moved by a day off
    (the group agreed it on purpose; `config check` warns, see listed_on_days_off)."""
    found: list[Session] = []
    for listed in config.dates:
        if listed.date.year != year:
            continue
        if any(s.date == listed.date and not s.cancelled for s in [*held, *found]):
            raise ConfigError("config.listed_date_twice", key=listed.key, date=listed.date)
        zone = ZoneInfo(config.timezone)
        session = _make(config, listed_slot(listed.date), listed.date, listed.date)
        start = datetime.combine(listed.date, listed.start or config.start, tzinfo=zone)
        end = datetime.combine(listed.date, listed.end or config.end, tzinfo=zone)
        if end <= start:
            raise ConfigError("config.override_times", key=listed.key, date=listed.date)
        found.append(session._replace(start=start, end=end))
    return found


def listed_on_days_off(config: ScheduleConfig) -> list[tuple[ListedDate, DayOff]]:
    """The listed dates that fall on a day off (held all the same: a warning, not an error)."""
    return [(d, off) for d in config.dates if (off := day_off(config, d.date)) is not None]


def years_without_next(config: ScheduleConfig, today: date) -> list[int]:
    """Listed years from today's on after which the next year has no session at all: the
    dates are agreed one year at a time, so the next year's are due before this one ends."""
    listed = sorted({d.date.year for d in config.dates if d.date.year >= today.year})
    return [
        y
        for y in listed
        if y < LAST_YEAR and not any(not s.cancelled for s in sessions_in_year(config, y + 1))
    ]


@lru_cache(maxsize=256)
def _year(config: ScheduleConfig, year: int) -> tuple[Session, ...]:
    sessions = [s for m in range(1, 13) if (s := _month_session(config, year, m)) is not None]
    sessions += _listed_sessions(config, year, sessions)
    for override in config.overrides:
        if override.date.year == year:
            _apply(config, sessions, override)
    return tuple(sorted(sessions, key=lambda s: (s.date, s.start)))


def sessions_in_year(config: ScheduleConfig, year: int) -> tuple[Session, ...]:
    """All sessions of `year` (cancelled ones included, with their reason)."""
    return tuple(sessions_between(config, date(year, 1, 1), date(year, 12, 31)))


def sessions_between(config: ScheduleConfig, first: date, last: date) -> list[Session]:
    """Sessions dated first..last inclusive, in order."""
    found: Iterable[Session] = (
        s for y in range(first.year - 1, last.year + 2) for s in _year(config, y)
    )
    return sorted((s for s in found if first <= s.date <= last), key=lambda s: (s.date, s.start))


def upcoming(
    config: ScheduleConfig, today: date, *, include_cancelled: bool = True
) -> Iterator[Session]:
    """Sessions from `today` on, in order, through the last year whose days off are verified
    (holidays.LAST_YEAR); later years are never listed, as with --year."""
    for year in range(today.year, LAST_YEAR + 1):
        for s in sessions_between(config, date(year, 1, 1), date(year, 12, 31)):
            if s.date >= today and (include_cancelled or not s.cancelled):
                yield s


def find_session(config: ScheduleConfig, day: date) -> Session | None:
    """The session held (or cancelled) on `day`, if any; a held one wins over a cancelled one."""
    on_day = [s for s in sessions_in_year(config, day.year) if s.date == day]
    return min(on_day, key=lambda s: s.cancelled, default=None)
