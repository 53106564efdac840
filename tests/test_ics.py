"""ics.py: the calendar file read back by icalendar and by vobject, an independent parser.

The VTIMEZONE is checked by parsing with the TZID renamed as well, so that neither parser can
fall back on its own copy of Europe/Helsinki: the instants then come from our definition alone.
"""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject
import vobject.icalendar

from mastergroup.core.model import Session, SessionStatus
from mastergroup.core.rules import sessions_between
from mastergroup.present import ics
from mastergroup.services.calendar_export import calendar_info

HELSINKI = ZoneInfo("Europe/Helsinki")
STAMP = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
_renames = itertools.count()


@pytest.fixture
def engine(shipped):
    """The shipped configuration's sessions 2023-2040, as the engine gives them."""
    return sessions_between(shipped.schedule, date(2023, 1, 1), date(2040, 12, 31))


def export(settings, sessions, years=(2023, 2040), lang="fi", **options) -> str:
    data = ics.calendar_bytes(
        sessions,
        calendar_info(settings, lang),
        ics.ExportOptions(**options),
        years=years,
        stamp=STAMP,
    )
    return data.decode("utf-8")


def renamed(text: str, tzid: str = "Europe/Helsinki") -> str:
    """The same file with a TZID no parser knows: only the file's VTIMEZONE can define it."""
    return text.replace(tzid, f"X-Mastergroup-Test/Zone{next(_renames)}")


def read_vobject(text: str):
    """vobject's reading, using the file's VTIMEZONE (vobject caches a TZID's first definition
    for the whole process; forget it so that this file's own definition is the one used)."""
    registry = vars(vobject.icalendar)["__tzidMap"]
    for line in text.splitlines():
        if line.startswith("TZID:"):
            registry.pop(line[5:], None)
    cal = vobject.readOne(text)
    for ev in cal.vevent_list:
        if isinstance(ev.dtstart.value, datetime):  # not pytz's or zoneinfo's copy: the file's
            assert type(ev.dtstart.value.tzinfo).__name__ == "_tzicalvtz"
    return cal


def timed(cal_events):
    return [e for e in cal_events if isinstance(e.dtstart.value, datetime)]


def utc(value: datetime) -> datetime:
    return value.astimezone(UTC)


# --- the VTIMEZONE ------------------------------------------------------------------------


def vtimezone(tzid: str, first_year: int, last_year: int) -> icalendar.Timezone:
    """ics.vtimezone()'s lines as icalendar reads them."""
    return icalendar.Timezone.from_ical(ics.vtimezone(tzid, first_year, last_year))


def test_helsinki_vtimezone_is_the_eu_rule_as_two_rrules():
    data = ics.vtimezone("Europe/Helsinki", 2023, 2040)
    assert data.decode().split("\r\n") == [
        "BEGIN:VTIMEZONE",
        "TZID:Europe/Helsinki",
        "X-LIC-LOCATION:Europe/Helsinki",
        "BEGIN:DAYLIGHT",
        "DTSTART:20220327T030000",
        "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3",
        "TZNAME:EEST",
        "TZOFFSETFROM:+0200",
        "TZOFFSETTO:+0300",
        "END:DAYLIGHT",
        "BEGIN:STANDARD",
        "DTSTART:20221030T040000",
        "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10",
        "TZNAME:EET",
        "TZOFFSETFROM:+0300",
        "TZOFFSETTO:+0200",
        "END:STANDARD",
        "END:VTIMEZONE",
        "",
    ]
    tz = vtimezone("Europe/Helsinki", 2023, 2040)
    daylight, standard = tz.subcomponents
    assert daylight.name == "DAYLIGHT"
    assert daylight.decoded("DTSTART") == datetime(2022, 3, 27, 3, 0)
    assert daylight["RRULE"].to_ical() == b"FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3"
    assert (daylight.decoded("TZOFFSETFROM"), daylight.decoded("TZOFFSETTO")) == (
        timedelta(hours=2),
        timedelta(hours=3),
    )
    assert standard.name == "STANDARD"
    assert standard.decoded("DTSTART") == datetime(2022, 10, 30, 4, 0)
    assert standard["RRULE"].to_ical() == b"FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10"
    assert (standard.decoded("TZOFFSETFROM"), standard.decoded("TZOFFSETTO")) == (
        timedelta(hours=3),
        timedelta(hours=2),
    )
    assert [str(tz["TZID"]), str(daylight["TZNAME"]), str(standard["TZNAME"])] == [
        "Europe/Helsinki",
        "EEST",
        "EET",
    ]


def test_a_rule_change_inside_the_range_ends_with_until():
    # Until 1995 summer time ended on the last Sunday of September, from 1996 of October.
    data = ics.vtimezone("Europe/Helsinki", 1993, 1998)
    assert b"RRULE:FREQ=YEARLY;UNTIL=19950924T235959Z;BYDAY=-1SU;BYMONTH=9\r\n" in data
    tz = icalendar.Timezone.from_ical(data)
    parts = {(p.name, p.decoded("DTSTART").month): p for p in tz.subcomponents}
    assert set(parts) == {("DAYLIGHT", 3), ("STANDARD", 9), ("STANDARD", 10)}
    # UNTIL: the end of the last onset's UTC day (dateutil reads UNTIL as local time).
    september = parts["STANDARD", 9]["RRULE"].to_ical()
    assert september == b"FREQ=YEARLY;UNTIL=19950924T235959Z;BYDAY=-1SU;BYMONTH=9"
    assert "UNTIL" not in parts["STANDARD", 10]["RRULE"]
    assert parts["STANDARD", 10].decoded("DTSTART") == datetime(1996, 10, 27, 4, 0)


def test_transitions_are_those_of_zoneinfo():
    found = ics.transitions("Europe/Helsinki", 2024, 2024)
    assert [(t.at, t.local, t.dst) for t in found] == [
        (datetime(2024, 3, 31, 1, tzinfo=UTC), datetime(2024, 3, 31, 3), True),
        (datetime(2024, 10, 27, 1, tzinfo=UTC), datetime(2024, 10, 27, 4), False),
    ]


@pytest.mark.parametrize(
    "tzid",
    [
        "Europe/Helsinki",
        "America/Sao_Paulo",  # DST by decree year by year, abolished 2019
        "Africa/Casablanca",  # Ramadan breaks; since 2018 +01 with -1 h in Ramadan
        "Asia/Tehran",  # DST by the Persian calendar until 2022
        "Australia/Lord_Howe",  # half-hour DST
        "Pacific/Apia",  # skipped 30 December 2011
        "Europe/Moscow",  # permanent summer time 2011, back 2014
        "America/Nuuk",  # -03 to -02 in 2023, EU-rule DST from 2024 (was America/Godthab)
        "America/Boa_Vista",  # summer time 8-15 October 2000: the shortest stretch
        "Asia/Gaza",  # predicted Ramadan breaks as short as 6 days 23 hours
    ],
)
def test_the_stride_scan_finds_what_a_day_by_day_scan_finds(tzid):
    found = ics.transitions(tzid, 1992, 2100)
    assert found == ics.transitions(tzid, 1992, 2100, stride=86400)
    zone = ZoneInfo(tzid)
    for t in found:  # and each is zoneinfo's change, to the second
        after = t.at.astimezone(zone)
        assert (after.utcoffset(), after.tzname(), bool(after.dst())) == (t.after, t.name, t.dst)
        assert (t.at - timedelta(seconds=1)).astimezone(zone).utcoffset() == t.before


def test_a_stride_longer_than_a_stretch_would_miss_it():
    """The comparison above can fail: a 7-day stride misses Boa Vista's week of summer time."""
    day_by_day = ics.transitions("America/Boa_Vista", 2000, 2000, stride=86400)
    week = [(t.local, t.dst) for t in day_by_day[1:]]
    assert week == [(datetime(2000, 10, 8), True), (datetime(2000, 10, 15), False)]
    assert ics.transitions("America/Boa_Vista", 2000, 2000, stride=7 * 86400) == day_by_day[:1]


def test_no_module_imports_icalendar():
    """icalendar is a test dependency only: ics_text.py writes the lines."""
    src = Path(ics.__file__).parent
    for path in src.rglob("*.py"):
        code = path.read_text(encoding="utf-8")
        assert "import icalendar" not in code, path
        assert "from icalendar" not in code, path


def synthetic(tzid: str, years: range) -> list[Session]:
    """Sessions at 12.00 on the 1st and the 15th of every month, in zone `tzid`."""
    zone = ZoneInfo(tzid)
    out = []
    for year, month, day, hour in itertools.product(years, range(1, 13), (1, 15), (12,)):
        start = datetime(year, month, day, hour, tzinfo=zone)
        out.append(
            Session(
                slot=f"{year}-{month:02d}-{day:02d}-{hour:02d}",
                date=start.date(),
                start=start,
                end=start + timedelta(hours=2),
                status=SessionStatus.SCHEDULED,
                planned_date=start.date(),
                booking_deadline=start.date(),
                documents_due=start.date(),
                capacity=1,
                sequence=0,
            )
        )
    return out


@pytest.mark.parametrize(
    "tzid",
    [
        "Europe/Helsinki",
        "America/New_York",  # rule changed in 2007
        "Australia/Sydney",  # southern hemisphere, rules changed 2008
        "Europe/Moscow",  # DST ended 2011, offset changed 2014
        "America/Sao_Paulo",  # DST abolished 2019
        "Asia/Tokyo",  # no DST at all
    ],
)
def test_any_zone_reads_the_same_in_vobject(shipped, tzid):
    sessions = synthetic(tzid, range(2000, 2031))
    settings = shipped._replace(schedule=shipped.schedule._replace(timezone=tzid))
    text = renamed(export(settings, sessions, years=(2000, 2030)), tzid)
    events = read_vobject(text).vevent_list
    assert [utc(e.dtstart.value) for e in events] == [utc(s.start) for s in sessions]


@pytest.mark.parametrize("tzid", ["Etc/UTC", "Atlantic/Reykjavik", "Africa/Monrovia"])
def test_a_zone_that_is_utc_throughout_gets_utc_times(shipped, tzid):
    """vobject takes a VTIMEZONE equal to UTC for no zone (floating times): write `Z` times."""
    sessions = synthetic(tzid, range(2020, 2023))
    settings = shipped._replace(schedule=shipped.schedule._replace(timezone=tzid))
    text = export(settings, sessions, years=(2020, 2022))
    assert "DTSTART:20200101T120000Z\r\n" in text
    assert "TZID=" not in text
    assert f"TZID:{tzid}\r\n" in text  # the VTIMEZONE stays, as X-WR-TIMEZONE names it
    starts = [utc(s.start) for s in sessions]
    assert [e.dtstart.value for e in vobject.readOne(text).vevent_list] == starts
    events = icalendar.Calendar.from_ical(text).walk("VEVENT")
    assert [e.decoded("DTSTART") for e in events] == starts


# --- reading the calendar back --------------------------------------------------------------


def test_icalendar_round_trip_2023_2040(shipped, engine):
    text = export(shipped, engine)
    for source in (text, renamed(text)):
        events = icalendar.Calendar.from_ical(source).walk("VEVENT")
        assert len(events) == len(engine) > 190
        for ev, s in zip(events, engine, strict=True):
            assert str(ev["UID"]) == f"keski-suomi-{s.slot}@mastergroup"
            assert utc(ev.decoded("DTSTART")) == utc(s.start)
            assert utc(ev.decoded("DTEND")) == utc(s.end)
            assert ev.decoded("SEQUENCE") == s.sequence
            assert str(ev["STATUS"]) == ("CANCELLED" if s.cancelled else "CONFIRMED")


def test_vobject_reads_the_same_instants_2023_2040(shipped, engine):
    text = export(shipped, engine)
    summer = winter = 0
    for source in (text, renamed(text)):
        events = read_vobject(source).vevent_list
        assert len(events) == len(engine)
        for ev, s in zip(events, engine, strict=True):
            assert ev.uid.value == f"keski-suomi-{s.slot}@mastergroup"
            assert utc(ev.dtstart.value) == utc(s.start), s.slot
            assert utc(ev.dtend.value) == utc(s.end), s.slot
            assert ev.dtstart.value.utcoffset() == s.start.utcoffset()
            if s.start.utcoffset() == timedelta(hours=3):
                summer += 1
                assert utc(ev.dtstart.value).hour == 6  # 9.00 in summer time is 6.00 UTC
            else:
                winter += 1
                assert utc(ev.dtstart.value).hour == 7
    assert summer > 80
    assert winter > 80


def test_the_trap_icalendars_generated_vtimezone_misleads_vobject(shipped, engine):
    """Why ics.py builds its own VTIMEZONE: icalendar's puts every transition into one RDATE
    property, vobject reads the first value only, and summer sessions come out an hour off."""
    cal = icalendar.Calendar.from_ical(export(shipped, engine))
    cal.subcomponents = [c for c in cal.subcomponents if c.name != "VTIMEZONE"]
    cal.add_missing_timezones()
    events = read_vobject(renamed(cal.to_ical().decode())).vevent_list
    wrong = [
        s.slot
        for ev, s in zip(events, engine, strict=True)
        if utc(ev.dtstart.value) != utc(s.start)
    ]
    if not wrong:
        pytest.skip("icalendar's generated VTIMEZONE no longer has the RDATE trap")
    assert "2030-06" in wrong


# --- identity, status and options ------------------------------------------------------------


def test_uid_depends_on_the_slot_not_the_date(shipped, engine):
    may = next(s for s in engine if s.slot == "2024-05")
    moved = may._replace(date=date(2024, 5, 24), start=may.start - timedelta(days=7), sequence=1)
    first, second = (
        icalendar.Calendar.from_ical(export(shipped, [s], years=(2024, 2024))).walk("VEVENT")[0]
        for s in (may, moved)
    )
    assert first["UID"] == second["UID"] == "keski-suomi-2024-05@mastergroup"
    assert (first.decoded("SEQUENCE"), second.decoded("SEQUENCE")) == (0, 1)
    assert ics.uid("keski-suomi", "extra-2024-05-10") == "keski-suomi-extra-2024-05-10@mastergroup"


def test_cancelled_kept_as_cancelled_or_omitted(shipped, engine):
    may = next(s for s in engine if s.slot == "2024-05")
    off = may._replace(status=SessionStatus.CANCELLED, sequence=1)
    kept = icalendar.Calendar.from_ical(export(shipped, [off], years=(2024, 2024), alarm_days=2))
    (ev,) = kept.walk("VEVENT")
    assert (str(ev["STATUS"]), ev.decoded("SEQUENCE")) == ("CANCELLED", 1)
    assert str(ev["SUMMARY"]).startswith("PERUTTU: ")
    assert not ev.walk("VALARM")  # no reminder for a session that will not take place
    omitted = export(shipped, [off], years=(2024, 2024), cancelled=ics.Cancelled.OMIT)
    assert "BEGIN:VEVENT" not in omitted
    assert "BEGIN:VTIMEZONE" in omitted  # still a valid calendar with one component


def test_deadlines_are_all_day_events_with_their_own_uids(shipped, engine):
    sessions = [s for s in engine if s.date.year == 2024]
    cal = icalendar.Calendar.from_ical(
        export(shipped, sessions, years=(2024, 2024), deadlines=True)
    )
    events = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    assert len(events) == 3 * len(sessions)
    december = next(s for s in sessions if s.slot == "2024-12")
    booking = events["keski-suomi-2024-12-booking@mastergroup"]
    documents = events["keski-suomi-2024-12-documents@mastergroup"]
    assert booking.decoded("DTSTART") == december.booking_deadline == date(2024, 11, 29)
    assert booking.decoded("DTEND") == date(2024, 11, 30)
    assert documents.decoded("DTSTART") == december.documents_due == date(2024, 12, 5)
    assert str(booking["TRANSP"]) == "TRANSPARENT"
    assert "pe 13.12." in str(booking["SUMMARY"])


def test_alarm_before_each_session(shipped, engine):
    sessions = [s for s in engine if s.date.year == 2024]
    cal = icalendar.Calendar.from_ical(export(shipped, sessions, years=(2024, 2024), alarm_days=3))
    for ev in cal.walk("VEVENT"):
        (alarm,) = ev.walk("VALARM")
        assert alarm.decoded("TRIGGER") == timedelta(days=-3)
        assert str(alarm["ACTION"]) == "DISPLAY"


def test_description_location_and_categories(shipped, engine):
    march = next(s for s in engine if s.slot == "2024-03")
    (ev,) = icalendar.Calendar.from_ical(export(shipped, [march], years=(2024, 2024))).walk(
        "VEVENT"
    )
    description = str(ev["DESCRIPTION"]).splitlines()
    assert description == [
        "siirretty 29.3.2024 → 22.3.2024: pitkäperjantai",
        "Varaus viimeistään pe 8.3.",
        "Asiakirjat viimeistään pe 15.3.",
        "Koordinoija: Kaija Koordinoija, koordinoija@hyvinvointialue.example, 040 000 0000",
    ]
    assert str(ev["LOCATION"]) == "Teams tai lähitapaaminen"
    assert ev["CATEGORIES"].cats == ["Kokoontuminen"]
    assert str(ev["SUMMARY"]) == "Lastensuojelun moniammatillinen asiantuntijaryhmä"


def test_calendar_properties_crlf_and_folding(shipped, engine):
    data = export(shipped, engine).encode("utf-8")
    lines = data.split(b"\r\n")
    assert lines[-1] == b""
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert max(len(line) for line in lines) <= 75
    cal = icalendar.Calendar.from_ical(data)
    assert str(cal["VERSION"]) == "2.0"
    assert str(cal["METHOD"]) == "PUBLISH"
    assert str(cal["PRODID"]).startswith("-//mastergroup//")
    assert str(cal["X-WR-CALNAME"]) == "Lastensuojelun moniammatillinen asiantuntijaryhmä"
    assert str(cal["X-WR-TIMEZONE"]) == "Europe/Helsinki"


SESSION_PROPERTIES = {
    "UID",
    "DTSTAMP",
    "SEQUENCE",
    "DTSTART",
    "DTEND",
    "SUMMARY",
    "LOCATION",
    "DESCRIPTION",
    "ORGANIZER",  # the coordinator (issue 13), already published in DESCRIPTION
    "CATEGORIES",
    "STATUS",
    "TRANSP",
    "URL",
}


def test_events_hold_session_properties_only(shipped, engine):
    cal = icalendar.Calendar.from_ical(export(shipped, engine, deadlines=True, alarm_days=1))
    for ev in cal.walk("VEVENT"):
        assert set(ev.keys()) <= SESSION_PROPERTIES


def test_two_exports_differ_only_in_dtstamp(shipped, engine):
    info = calendar_info(shipped, "fi")
    options = ics.ExportOptions(deadlines=True)
    one, two = (
        ics.calendar_bytes(engine, info, options, years=(2023, 2040), stamp=stamp)
        for stamp in (STAMP, STAMP + timedelta(days=40))
    )
    assert one != two
    strip = lambda data: [x for x in data.split(b"\r\n") if not x.startswith(b"DTSTAMP")]  # noqa: E731
    assert strip(one) == strip(two)


def test_odd_text_reads_back_the_same_in_both_parsers(shipped, engine):
    """Separators, backslashes and long non-ASCII text in the configuration survive the export."""
    contact = 'Kaija; Koordinoija, \\ "K" \\n 😀 € ' + "ä" * 40 + ", 040 000 0000"
    place = "Cygnaeuksenkatu 1, 40100 Jyväskylä; 2. krs \\"
    url = "https://example.org/master;a,b?c=d"
    info = calendar_info(shipped, "fi")._replace(contact=contact, location=place, url=url)
    march = next(s for s in engine if s.slot == "2024-03")
    data = ics.calendar_bytes([march], info, ics.ExportOptions(), years=(2024, 2024), stamp=STAMP)
    text = data.decode()
    (ev,) = icalendar.Calendar.from_ical(text).walk("VEVENT")
    (other,) = read_vobject(text).vevent_list
    for location, description, link in (
        (str(ev["LOCATION"]), str(ev["DESCRIPTION"]), str(ev["URL"])),
        (other.location.value, other.description.value, other.url.value),
    ):
        assert location == place
        assert description.splitlines()[-1] == f"Koordinoija: {contact}"
        assert link == url


def test_url_when_configured(shipped, engine):
    values = dict(shipped.values) | {"group.url": "https://example.org/master"}
    text = export(shipped._replace(values=values), engine[:1], years=(2023, 2023))
    assert "URL:https://example.org/master" in text
