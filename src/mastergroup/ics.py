"""Sessions -> RFC 5545 calendar bytes (.ics) that Outlook, Google, Apple and Thunderbird agree on.

Identity and versions of the events (README, "Calendar export"):

- Every session is one VEVENT whose UID is `<group.id>-<slot>@mastergroup`, e.g.
  `keski-suomi-2024-03@mastergroup`. The slot is the session's month ("2024-03") or, for an
  extra session, `extra-<date>`; it never changes when the session moves, so a re-import or a
  subscribed feed updates the event instead of adding a second one. The UID holds no random part
  and no date the session can move away from. `group.id` must therefore never change once a
  calendar is published. The optional deadline events add `-booking` / `-documents` to the slot:
  `keski-suomi-2024-03-booking@mastergroup`.
- SEQUENCE is the session's `sequence` from the schedule engine (rules.py): 0 as the month's rule
  and the days off give it, plus one for every `[[overrides]]` entry (move, retime, cancel)
  applied to it, in the configuration's order. It is a pure function of the configuration, never
  of the clock or of earlier exports, so two exports of the same configuration are identical apart
  from DTSTAMP. To change a published session, add an override; do not delete old ones (the
  SEQUENCE would go down and clients would ignore the change).
- A cancelled session stays in the file with STATUS:CANCELLED (and the same UID, a higher
  SEQUENCE), so subscribed clients remove it; `--cancelled omit` leaves it out instead.
- DTSTAMP is the time of the export (UTC).

Times carry `TZID=<schedule.timezone>` and the file holds a VTIMEZONE built here from the IANA
data: one STANDARD and one DAYLIGHT sub-component per stretch of years with the same rule, each
with a yearly RRULE (for Europe/Helsinki since 1996: DST from the last Sunday of March 03:00,
back on the last Sunday of October 04:00). icalendar's own generator writes every transition into
one RDATE property, of which vobject and ical.js read only the first value (summer sessions of
later years come out an hour off), and stops at 2037.

The export holds sessions only: no case, booking or person data besides the coordinator's
published contact. icalendar is imported inside the functions (start-up time).
"""

from __future__ import annotations

import calendar as monthcal
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from mastergroup import __version__
from mastergroup.export_choices import Cancelled
from mastergroup.localize import published, session_note, short_date
from mastergroup.messages import render
from mastergroup.model import Session

if TYPE_CHECKING:
    from icalendar import Component, Event, Timezone

UID_DOMAIN = "mastergroup"
PRODID = f"-//mastergroup//mastergroup {__version__}//EN"
_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@dataclass(frozen=True)
class CalendarInfo:
    """What the calendar says besides the sessions (from the configuration, in one language)."""

    group_id: str
    name: str  # the group's name: SUMMARY and X-WR-CALNAME
    timezone: str  # IANA zone of the session times
    lang: str
    location: str = ""
    contact: str = ""  # the coordinator's published contact, one line
    url: str = ""


@dataclass(frozen=True)
class ExportOptions:
    cancelled: Cancelled = Cancelled.KEEP
    deadlines: bool = False  # booking cutoff and document deadline as all-day events
    alarm_days: int | None = None  # a VALARM this many days before each session


def exported(sessions: Sequence[Session], options: ExportOptions) -> list[Session]:
    """The sessions that go into the file (`--cancelled omit` leaves cancelled ones out)."""
    omit = options.cancelled is Cancelled.OMIT
    return [s for s in sessions if not (omit and s.cancelled)]


def uid(group_id: str, slot: str, part: str = "") -> str:
    """The stable UID of a session (`part` "" ) or of one of its deadlines ("booking", ...)."""
    suffix = f"-{part}" if part else ""
    return f"{group_id}-{slot}{suffix}@{UID_DOMAIN}"


def calendar_bytes(
    sessions: Sequence[Session],
    info: CalendarInfo,
    options: ExportOptions,
    *,
    years: tuple[int, int],
    stamp: datetime,
) -> bytes:
    """The calendar as RFC 5545 text (CRLF, folded): one VEVENT per session (and deadline).

    `years` is the range the file covers (the VTIMEZONE is exact for all of it, and for the years
    of the given sessions); `stamp` becomes every DTSTAMP (converted to UTC).
    """
    from icalendar import Calendar

    stamp = stamp.astimezone(UTC).replace(microsecond=0)
    first = min([years[0], *(s.start.year for s in sessions)])
    last = max([years[1], *(s.end.year for s in sessions)])
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", info.name)
    cal.add("x-wr-timezone", info.timezone)
    # A subscribed feed: ask clients to refresh daily (RFC 7986 and the older Outlook property).
    cal.add("refresh-interval", timedelta(days=1), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "P1D")
    cal.add_component(vtimezone(info.timezone, first, last))
    for s in exported(sessions, options):
        cal.add_component(_session_event(s, info, options, stamp))
        if options.deadlines:
            for part, day in (("booking", s.booking_deadline), ("documents", s.documents_due)):
                cal.add_component(_deadline_event(s, part, day, info, stamp))
    return bytes(cal.to_ical())


def _summary(s: Session, info: CalendarInfo) -> str:
    if s.cancelled:  # for clients that show a cancelled event instead of removing it
        return render("ics.cancelled", info.lang, summary=info.name)
    return info.name


def _common(ev: Component, s: Session, info: CalendarInfo, stamp: datetime, part: str) -> None:
    ev.add("uid", uid(info.group_id, s.slot, part))
    ev.add("dtstamp", stamp)
    ev.add("sequence", s.sequence)
    ev.add("status", "CANCELLED" if s.cancelled else "CONFIRMED")
    if info.url:
        ev.add("url", info.url)


def _session_event(
    s: Session, info: CalendarInfo, options: ExportOptions, stamp: datetime
) -> Event:
    from icalendar import Alarm, Event

    zone = ZoneInfo(info.timezone)
    lang = info.lang
    ev = Event()
    _common(ev, s, info, stamp, "")
    ev.add("dtstart", s.start.astimezone(zone))
    ev.add("dtend", s.end.astimezone(zone))
    ev.add("summary", _summary(s, info))
    if info.location:
        ev.add("location", info.location)
    lines = [session_note(s, lang)] if s.changes else []
    lines += [
        render("ics.booking_by", lang, date=short_date(s.booking_deadline, lang)),
        render("ics.documents_by", lang, date=short_date(s.documents_due, lang)),
    ]
    if info.contact:
        lines.append(render("ics.coordinator", lang, contact=info.contact))
    ev.add("description", "\n".join(lines))
    ev.add("categories", [render("ics.category_session", lang)])
    ev.add("transp", "OPAQUE")
    if options.alarm_days is not None and not s.cancelled:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", _summary(s, info))
        alarm.add("trigger", timedelta(days=-options.alarm_days))
        ev.add_component(alarm)
    return ev


def _deadline_event(s: Session, part: str, day: date, info: CalendarInfo, stamp: datetime) -> Event:
    from icalendar import Event

    lang = info.lang
    ev = Event()
    _common(ev, s, info, stamp, part)
    ev.add("dtstart", day)
    ev.add("dtend", day + timedelta(days=1))
    summary = render(f"ics.{part}_summary", lang, date=short_date(s.date, lang))
    if s.cancelled:
        summary = render("ics.cancelled", lang, summary=summary)
    ev.add("summary", summary)
    lines = [render("ics.session_on", lang, name=info.name, when=published(s, lang))]
    if s.changes:
        lines.append(session_note(s, lang))
    if info.contact:
        lines.append(render("ics.coordinator", lang, contact=info.contact))
    ev.add("description", "\n".join(lines))
    ev.add("categories", [render("ics.category_deadline", lang)])
    ev.add("transp", "TRANSPARENT")  # a deadline does not make anyone busy
    return ev


# --- the VTIMEZONE ------------------------------------------------------------------------


@dataclass(frozen=True)
class Transition:
    """One change of a zone's offset, DST flag or abbreviation."""

    at: datetime  # the instant, UTC
    local: datetime  # naive wall-clock time of the instant in the offset before it (DTSTART)
    before: timedelta
    after: timedelta
    name: str
    dst: bool

    def rules(self) -> frozenset[tuple[str, str]]:
        """RRULE parts that give this day in its month: (BYDAY, "-1SU"), (BYDAY, "4SU"), ..."""
        day = self.local.date()
        weekday = _WEEKDAYS[day.weekday()]
        found = {("BYDAY", f"{(day.day - 1) // 7 + 1}{weekday}"), ("BYMONTHDAY", str(day.day))}
        if day.day + 7 > monthcal.monthrange(day.year, day.month)[1]:
            found.add(("BYDAY", f"-1{weekday}"))
        return frozenset(found)


def _state(zone: ZoneInfo, at: datetime) -> tuple[timedelta, timedelta, str]:
    local = at.astimezone(zone)
    return (local.utcoffset() or timedelta(0), local.dst() or timedelta(0), local.tzname() or "")


def transitions(tzid: str, first_year: int, last_year: int) -> list[Transition]:
    """Every transition of `tzid` from 1 January `first_year` to 31 December `last_year` (UTC)."""
    zone = ZoneInfo(tzid)
    day = timedelta(days=1)
    at = datetime(first_year, 1, 1, tzinfo=UTC)
    end = datetime(last_year + 1, 1, 1, tzinfo=UTC)
    state = _state(zone, at)
    found: list[Transition] = []
    while at < end:
        step = min(at + day, end)
        if _state(zone, step) == state:
            at = step
            continue
        low, high = int(at.timestamp()), int(step.timestamp())
        while high - low > 1:  # the first second in the new state
            middle = (low + high) // 2
            if _state(zone, datetime.fromtimestamp(middle, UTC)) == state:
                low = middle
            else:
                high = middle
        at = datetime.fromtimestamp(high, UTC)
        offset, dst, name = _state(zone, at)
        local = (at + state[0]).replace(tzinfo=None)
        found.append(Transition(at, local, state[0], offset, name, bool(dst)))
        state = (offset, dst, name)  # and look again from here: two changes in one day
    return found


@dataclass(frozen=True)
class _Run:
    """Transitions of consecutive years that one yearly RRULE describes."""

    first: Transition
    last: Transition
    rules: frozenset[tuple[str, str]]
    count: int


def _kind(t: Transition) -> tuple[object, ...]:
    return (t.dst, t.before, t.after, t.name, t.local.month, t.local.time())


def _runs(found: list[Transition]) -> list[_Run]:
    runs: list[_Run] = []
    open_runs: dict[tuple[object, ...], int] = {}  # kind -> index in runs
    for t in found:
        index = open_runs.get(_kind(t))
        if index is not None:
            run = runs[index]
            common = run.rules & t.rules()
            if common and run.last.local.year + 1 == t.local.year:
                runs[index] = _Run(run.first, t, common, run.count + 1)
                continue
        open_runs[_kind(t)] = len(runs)
        runs.append(_Run(t, t, t.rules(), 1))
    return runs


def _preferred(rules: frozenset[tuple[str, str]]) -> tuple[str, str]:
    """The clearest of equivalent RRULE parts: last weekday, then nth weekday, then day."""
    return min(rules, key=lambda r: (r[0] != "BYDAY", not r[1].startswith("-"), r[1]))


def _until(last: Transition) -> datetime:
    """UNTIL for a rule whose last onset is `last`: the end of that day in UTC.

    RFC 5545 wants UTC here; dateutil (and so vobject) compares it with the local DTSTART as if
    both were local. The end of the UTC day of the later of the two readings is on or after the
    last onset either way, and long before the next year's would-be onset.
    """
    latest = max(last.at, last.local.replace(tzinfo=UTC))
    return datetime.combine(latest.date(), time(23, 59, 59), tzinfo=UTC)


def vtimezone(tzid: str, first_year: int, last_year: int) -> Timezone:
    """A VTIMEZONE for `tzid` exact for every instant of first_year..last_year.

    Built from the IANA data (zoneinfo): each stretch of years in which the zone changes by the
    same rule becomes one STANDARD/DAYLIGHT sub-component with DTSTART at its first onset and a
    yearly RRULE (UNTIL the last onset when the rule ends inside the range); a lone transition is
    just a DTSTART. No RDATE lists: independent parsers read RRULEs the same way.
    """
    from icalendar import Timezone, TimezoneDaylight, TimezoneStandard, vRecur

    scan_last = last_year + 1  # a rule still in force after the range stays open-ended
    found = transitions(tzid, first_year - 1, scan_last)  # -1: the onset in force on 1 January
    tz = Timezone()
    tz.add("tzid", tzid)
    tz.add("x-lic-location", tzid)
    if not found:  # no transition at all: one fixed offset
        offset, dst, name = _state(ZoneInfo(tzid), datetime(first_year, 1, 1, tzinfo=UTC))
        fixed = TimezoneDaylight() if dst else TimezoneStandard()
        fixed.add("dtstart", datetime(first_year - 1, 1, 1))
        fixed.add("tzoffsetfrom", offset)
        fixed.add("tzoffsetto", offset)
        fixed.add("tzname", name)
        tz.add_component(fixed)
        return tz
    for run in _runs(found):
        part = TimezoneDaylight() if run.first.dst else TimezoneStandard()
        part.add("dtstart", run.first.local)
        part.add("tzoffsetfrom", run.first.before)
        part.add("tzoffsetto", run.first.after)
        part.add("tzname", run.first.name)
        if run.count > 1:
            key, value = _preferred(run.rules)
            rule = vRecur(FREQ="YEARLY", BYMONTH=run.first.local.month)
            rule[key] = value
            if run.last.at.year < scan_last:
                rule["UNTIL"] = _until(run.last)
            part.add("rrule", rule)
        tz.add_component(part)
    return tz
