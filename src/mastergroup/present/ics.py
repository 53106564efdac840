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
- ORGANIZER is the coordinator (`coordinator.name`, `coordinator.email`), as RFC 5546 wants of
  a PUBLISH (issue 13); without `coordinator.email` there is none.

Times carry `TZID=<schedule.timezone>` and the file holds a VTIMEZONE built here from the IANA
data: one STANDARD and one DAYLIGHT sub-component per stretch of years with the same rule, each
with a yearly RRULE (for Europe/Helsinki since 1996: DST from the last Sunday of March 03:00,
back on the last Sunday of October 04:00). icalendar's own generator writes every transition into
one RDATE property, of which vobject and ical.js read only the first value (summer sessions of
later years come out an hour off), and stops at 2037. A zone that is UTC all through the file
(Etc/UTC, Atlantic/Reykjavik, ...) gets UTC times (`...Z`) instead: vobject reads a VTIMEZONE
equal to UTC as no zone at all.

The export holds sessions only: no case, booking or person data besides the coordinator's
published contact. The text is written by ics_text.py, not icalendar, whose serializer cost
~0.4 ms an event (issue 7); the tests read every export back with icalendar and vobject.
"""

from __future__ import annotations

import calendar as monthcal
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import NamedTuple
from zoneinfo import ZoneInfo

from mastergroup import __version__
from mastergroup.core.export_choices import Cancelled
from mastergroup.core.model import Session
from mastergroup.i18n.dates import published, session_note, short_date
from mastergroup.i18n.messages import render
from mastergroup.present.ics_text import (
    date_value,
    duration,
    integer,
    line,
    local_datetime,
    recur,
    text,
    uri,
    utc_datetime,
    utc_offset,
)

UID_DOMAIN = "mastergroup"
PRODID = f"-//mastergroup//mastergroup {__version__}//EN"
_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


class CalendarInfo(NamedTuple):
    """What the calendar says besides the sessions (from the configuration, in one language)."""

    group_id: str
    name: str  # the group's name: SUMMARY and X-WR-CALNAME
    timezone: str  # IANA zone of the session times
    lang: str
    location: str = ""
    contact: str = ""  # the coordinator's published contact, one line
    url: str = ""
    organizer_name: str = ""  # ORGANIZER (RFC 5546 PUBLISH requires one): the coordinator
    organizer_email: str = ""  # no ORGANIZER without an address


class ExportOptions(NamedTuple):
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
    return groups_calendar_bytes([(sessions, info)], options, years=years, stamp=stamp)


def groups_calendar_bytes(
    parts: Sequence[tuple[Sequence[Session], CalendarInfo]],
    options: ExportOptions,
    *,
    years: tuple[int, int],
    stamp: datetime,
    name: str | None = None,
) -> bytes:
    """One calendar of several groups' sessions (issue 15: `ics --group all`), each event with
    its own group's name, place and organizer; one VTIMEZONE per time zone used. Their UIDs
    already differ (`<group.id>-<slot>@mastergroup`). One part gives `calendar_bytes` exactly."""
    sessions = [s for listed, _ in parts for s in listed]
    first = min([years[0], *(s.start.year for s in sessions)])
    last = max([years[1], *(s.end.year for s in sessions)])
    lead = parts[0][1]
    out = [
        line("BEGIN", "VCALENDAR"),
        line("VERSION", "2.0"),
        line("PRODID", text(PRODID)),
        line("CALSCALE", "GREGORIAN"),
        line("METHOD", "PUBLISH"),
        line("X-WR-CALNAME", text(name or lead.name)),
        # A subscribed feed: ask clients to refresh daily (RFC 7986 and the older Outlook property).
        line("REFRESH-INTERVAL", duration(timedelta(days=1)), {"VALUE": "DURATION"}),
        line("X-PUBLISHED-TTL", "P1D"),
        line("X-WR-TIMEZONE", text(lead.timezone)),
    ]
    utc_of: dict[str, bool] = {}
    for _, info in parts:
        if info.timezone not in utc_of:
            zone_lines, utc_of[info.timezone] = _vtimezone(info.timezone, first, last)
            out.append(zone_lines)
    for listed, info in parts:
        common = _Common(info, stamp, utc=utc_of[info.timezone])
        for s in exported(listed, options):
            out.append(_session_event(s, info, options, common))
            if options.deadlines:
                for part, day in (("booking", s.booking_deadline), ("documents", s.documents_due)):
                    out.append(_deadline_event(s, part, day, info, common))
    out.append(line("END", "VCALENDAR"))
    return b"".join(out)


def _summary(s: Session, info: CalendarInfo) -> str:
    if s.cancelled:  # for clients that show a cancelled event instead of removing it
        return render("ics.cancelled", info.lang, summary=info.name)
    return info.name


class _Common:
    """What every event of one export shares, rendered and written once (up to ~3,600 events)."""

    def __init__(self, info: CalendarInfo, stamp: datetime, *, utc: bool) -> None:
        lang = info.lang
        self.group_id = info.group_id
        self.zone = ZoneInfo(info.timezone)
        self.utc = utc
        self.tzid = {"TZID": info.timezone}
        self.stamp = line("DTSTAMP", utc_datetime(stamp))
        self.url = line("URL", uri(info.url)) if info.url else b""
        self.location = line("LOCATION", text(info.location)) if info.location else b""
        contact = render("ics.coordinator", lang, contact=info.contact) if info.contact else ""
        self.coordinator = [contact] if contact else []
        self.categories = {
            kind: line("CATEGORIES", text(render(f"ics.category_{kind}", lang)))
            for kind in ("session", "deadline")
        }
        self.status = {c: line("STATUS", "CANCELLED" if c else "CONFIRMED") for c in (False, True)}
        self.organizer = _organizer(info)

    def identity(self, s: Session, part: str) -> bytes:
        """DTSTAMP, UID and SEQUENCE, in the order the file has always had (icalendar's)."""
        uid_line = line("UID", text(uid(self.group_id, s.slot, part)))
        return self.stamp + uid_line + line("SEQUENCE", integer(s.sequence))

    def moment(self, name: str, when: datetime) -> bytes:
        """DTSTART or DTEND: the wall clock with TZID=, or in UTC (`Z`) for a zone that is UTC
        all through the file (vobject takes a VTIMEZONE equal to UTC for no zone at all)."""
        if self.utc:
            return line(name, utc_datetime(when))
        return line(name, local_datetime(when.astimezone(self.zone)), self.tzid)


def _organizer(info: CalendarInfo) -> bytes:
    """`ORGANIZER;CN=<name>:mailto:<address>` (RFC 5545 3.8.4.3), or nothing without an address.
    A CN cannot hold a DQUOTE or a control character: they become a space."""
    if not info.organizer_email:
        return b""
    name = " ".join(_NOT_IN_CN.sub(" ", info.organizer_name).split())
    params = {"CN": name} if name else None
    return line("ORGANIZER", uri(f"mailto:{info.organizer_email}"), params)


_NOT_IN_CN = re.compile(r'["\x00-\x1f\x7f]')


# Property order within a component is the one icalendar wrote (SUMMARY, DTSTART, DTEND, DTSTAMP,
# UID, SEQUENCE, then the others alphabetically, sub-components last), so that files stay
# byte-identical across the change (apart from DTSTAMP) and a published feed does not churn.


def _session_event(
    s: Session, info: CalendarInfo, options: ExportOptions, common: _Common
) -> bytes:
    lang = info.lang
    lines = [session_note(s, lang)] if s.changes else []
    lines += [
        render("ics.booking_by", lang, date=short_date(s.booking_deadline, lang)),
        render("ics.documents_by", lang, date=short_date(s.documents_due, lang)),
        *common.coordinator,
    ]
    out = [
        line("BEGIN", "VEVENT"),
        line("SUMMARY", text(_summary(s, info))),
        common.moment("DTSTART", s.start),
        common.moment("DTEND", s.end),
        common.identity(s, ""),
        common.categories["session"],
        line("DESCRIPTION", text("\n".join(lines))),
        common.location,
        common.organizer,
        common.status[s.cancelled],
        line("TRANSP", "OPAQUE"),
        common.url,
    ]
    if options.alarm_days is not None and not s.cancelled:
        out += [
            line("BEGIN", "VALARM"),
            line("ACTION", "DISPLAY"),
            line("DESCRIPTION", text(_summary(s, info))),
            line("TRIGGER", duration(timedelta(days=-options.alarm_days))),
            line("END", "VALARM"),
        ]
    out.append(line("END", "VEVENT"))
    return b"".join(out)


def _deadline_event(s: Session, part: str, day: date, info: CalendarInfo, common: _Common) -> bytes:
    lang = info.lang
    summary = render(f"ics.{part}_summary", lang, date=short_date(s.date, lang))
    if s.cancelled:
        summary = render("ics.cancelled", lang, summary=summary)
    lines = [render("ics.session_on", lang, name=info.name, when=published(s, lang))]
    if s.changes:
        lines.append(session_note(s, lang))
    lines += common.coordinator
    whole_day = {"VALUE": "DATE"}
    return b"".join(
        [
            line("BEGIN", "VEVENT"),
            line("SUMMARY", text(summary)),
            line("DTSTART", date_value(day), whole_day),
            line("DTEND", date_value(day + timedelta(days=1)), whole_day),
            common.identity(s, part),
            common.categories["deadline"],
            line("DESCRIPTION", text("\n".join(lines))),
            common.organizer,
            common.status[s.cancelled],
            line("TRANSP", "TRANSPARENT"),  # a deadline does not make anyone busy
            common.url,
            line("END", "VEVENT"),
        ]
    )


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


_State = tuple[timedelta, timedelta, str]  # UTC offset, DST, abbreviation

# transitions() looks at the zone every STRIDE seconds and bisects where the state differs. It
# misses a state only if the one before comes back within one stride (A -> B -> A); a change to a
# third state (A -> B -> C) is found, as the scan goes on from each change it finds. In the IANA
# data over 1991-2101 (all of zoneinfo.available_timezones(), tzdata 2025b and 2026.6) the
# shortest A -> B -> A is 6 days 23 hours (summer time 2000 in America/Boa_Vista, Recife and
# Noronha; Ramadan in Asia/Gaza and Hebron in 2040, 2054 and 2072): a 7-day stride misses those,
# 6 days finds every transition a day-by-day scan finds. Three days leaves room for a shorter
# stretch in a later tzdata and costs a third of the day-by-day scan (~55 ms instead of ~140 ms
# for 1991-2101); tests/test_ics.py compares it with the day-by-day scan for odd zones.
STRIDE = 3 * 86400


_ZERO = timedelta(0)


def _state(zone: ZoneInfo, timestamp: int) -> _State:
    local = datetime.fromtimestamp(timestamp, zone)
    return (local.utcoffset() or _ZERO, local.dst() or _ZERO, local.tzname() or "")


def transitions(
    tzid: str, first_year: int, last_year: int, *, stride: int = STRIDE
) -> list[Transition]:
    """Every transition of `tzid` from 1 January `first_year` to 31 December `last_year` (UTC).

    `stride` (seconds) is for the tests, which compare the default with a day-by-day scan.
    """
    zone = ZoneInfo(tzid)
    at = int(datetime(first_year, 1, 1, tzinfo=UTC).timestamp())
    end = int(datetime(last_year + 1, 1, 1, tzinfo=UTC).timestamp())
    state = _state(zone, at)
    found: list[Transition] = []
    while at < end:
        step = min(at + stride, end)
        if _state(zone, step) == state:
            at = step
            continue
        low, high = at, step
        while high - low > 1:  # the first second in a new state
            middle = (low + high) // 2
            if _state(zone, middle) == state:
                low = middle
            else:
                high = middle
        at = high
        offset, dst, name = _state(zone, at)
        instant = datetime.fromtimestamp(at, UTC)
        local = (instant + state[0]).replace(tzinfo=None)
        found.append(Transition(instant, local, state[0], offset, name, bool(dst)))
        state = (offset, dst, name)  # and look again from here: two changes in one stride
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


def vtimezone(tzid: str, first_year: int, last_year: int) -> bytes:
    """A VTIMEZONE for `tzid` exact for every instant of first_year..last_year (content lines).

    Built from the IANA data (zoneinfo): each stretch of years in which the zone changes by the
    same rule becomes one STANDARD/DAYLIGHT sub-component with DTSTART at its first onset and a
    yearly RRULE (UNTIL the last onset when the rule ends inside the range); a lone transition is
    just a DTSTART. No RDATE lists: independent parsers read RRULEs the same way.
    """
    return _vtimezone(tzid, first_year, last_year)[0]


def _vtimezone(tzid: str, first_year: int, last_year: int) -> tuple[bytes, bool]:
    """vtimezone(), and whether the zone is UTC all through the range."""
    scan_last = last_year + 1  # a rule still in force after the range stays open-ended
    found = transitions(tzid, first_year - 1, scan_last)  # -1: the onset in force on 1 January
    out = [line("BEGIN", "VTIMEZONE"), line("TZID", text(tzid)), line("X-LIC-LOCATION", text(tzid))]
    utc = False
    if not found:  # no transition at all: one fixed offset
        start = int(datetime(first_year, 1, 1, tzinfo=UTC).timestamp())
        offset, dst, name = _state(ZoneInfo(tzid), start)
        out += _observance(bool(dst), datetime(first_year - 1, 1, 1), offset, offset, name, {})
        utc = not offset
    for run in _runs(found):
        rule: dict[str, str | int] = {}
        if run.count > 1:
            key, value = _preferred(run.rules)
            rule = {"FREQ": "YEARLY", "BYMONTH": run.first.local.month, key: value}
            if run.last.at.year < scan_last:
                rule["UNTIL"] = utc_datetime(_until(run.last))
        first = run.first
        out += _observance(first.dst, first.local, first.before, first.after, first.name, rule)
    out.append(line("END", "VTIMEZONE"))
    return b"".join(out), utc


def _observance(
    dst: bool,
    start: datetime,
    before: timedelta,
    after: timedelta,
    name: str,
    rule: dict[str, str | int],
) -> list[bytes]:
    """One DAYLIGHT or STANDARD sub-component (properties in icalendar's order)."""
    kind = "DAYLIGHT" if dst else "STANDARD"
    return [
        line("BEGIN", kind),
        line("DTSTART", local_datetime(start)),
        *([line("RRULE", recur(rule))] if rule else []),
        line("TZNAME", text(name)),
        line("TZOFFSETFROM", utc_offset(before)),
        line("TZOFFSETTO", utc_offset(after)),
        line("END", kind),
    ]
