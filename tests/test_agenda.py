"""The agenda core: time slots and what `remind` sends on which day (pure, no clock)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from mastergroup.core.agenda import Kind, Policy, build, due, time_slots
from mastergroup.core.model import Case, CaseStatus, Matter, Session, SessionStatus, Worker

HKI = ZoneInfo("Europe/Helsinki")
START = datetime(2023, 3, 31, 9, 0, tzinfo=HKI)
END = datetime(2023, 3, 31, 11, 30, tzinfo=HKI)


def session(day: date = date(2023, 3, 31), capacity: int = 3) -> Session:
    return Session(
        slot=f"{day:%Y-%m}",
        date=day,
        start=datetime.combine(day, START.timetz()),
        end=datetime.combine(day, END.timetz()),
        status=SessionStatus.SCHEDULED,
        planned_date=day,
        booking_deadline=day - timedelta(days=14),
        documents_due=day - timedelta(days=7),
        capacity=capacity,
        sequence=0,
    )


def case(ref: str, status=CaseStatus.BOOKED, waitlist=None, slot="2023-03") -> Case:
    return Case(
        ref=ref,
        slot=slot,
        session_date=date(2023, 3, 31),
        status=status,
        worker=Worker("Testi Työntekijä", "testi@kunta.example"),
        municipality="Jyväskylä",
        matter=Matter.OTHER,
        questions=("Mitä tehdään?",),
        waitlist=waitlist,
    )


def hm(slots):
    return [(f"{a:%H:%M}", f"{b:%H:%M}") for a, b in slots]


def test_two_cases_with_a_ten_minute_break():
    assert hm(time_slots(START, END, 2, 10)) == [("09:00", "10:10"), ("10:20", "11:30")]


def test_one_case_takes_the_whole_session_and_none_gives_no_slots():
    assert hm(time_slots(START, END, 1, 10)) == [("09:00", "11:30")]
    assert time_slots(START, END, 0, 10) == []


def test_three_cases_the_last_absorbs_the_remainder():
    assert hm(time_slots(START, END, 3, 10)) == [
        ("09:00", "09:43"), ("09:53", "10:36"), ("10:46", "11:30"),
    ]  # fmt: skip


def test_a_break_too_long_shrinks():
    slots = time_slots(START, START + timedelta(minutes=10), 3, 60)
    assert all(b > a for a, b in slots) and slots[-1][1] == START + timedelta(minutes=10)


def test_waiting_and_withdrawn_cases_are_not_on_the_agenda():
    cases = [case("A"), case("W", waitlist=1), case("X", CaseStatus.WITHDRAWN), case("B")]
    agenda = build(session(), cases, 10)
    assert [i.case.ref for i in agenda.items] == ["A", "B"]
    assert [i.number for i in agenda.items] == [1, 2]


def kinds(today: date, cases, policy=None):
    found = due(today, [session()], {"2023-03": cases}, policy or Policy())
    return sorted(d.key for d in found)


def test_the_agenda_window_and_its_key():
    cases = [case("A", CaseStatus.DOCUMENTS_RECEIVED)]
    assert kinds(date(2023, 3, 23), cases) == []
    assert kinds(date(2023, 3, 24), cases) == ["agenda:2023-03"]
    assert kinds(date(2023, 3, 30), cases) == ["agenda:2023-03"]  # a missed day is made up
    assert kinds(date(2023, 3, 31), cases) == []


def test_documents_reminder_only_for_missing_documents():
    cases = [case("A"), case("B", CaseStatus.DOCUMENTS_RECEIVED)]
    missing = due(date(2023, 3, 24), [session()], {"2023-03": cases}, Policy())
    [documents] = [d for d in missing if d.kind is Kind.DOCUMENTS]
    assert [c.ref for c in documents.cases] == ["A"]


def test_cutoff_notice_only_with_free_places_and_units():
    assert "cutoff:2023-03" in kinds(date(2023, 3, 10), [case("A")])
    assert kinds(date(2023, 3, 9), [case("A")]) == []
    full = [case("A"), case("B"), case("C")]
    assert "cutoff:2023-03" not in kinds(date(2023, 3, 10), full)
    assert kinds(date(2023, 3, 10), [case("A")], Policy(units=False)) == []


def test_statements_reminder_after_n_days_for_discussed_cases():
    cases = [case("A", CaseStatus.DISCUSSED), case("B", CaseStatus.STATEMENT_DELIVERED)]
    assert kinds(date(2023, 4, 13), cases) == []
    assert kinds(date(2023, 4, 14), cases) == ["statements:2023-03"]
    assert kinds(date(2023, 6, 13), cases) == []  # older than the window: not reminded


def test_a_cancelled_session_sends_nothing():
    s = session()
    cancelled = s._replace(status=SessionStatus.CANCELLED)
    assert due(date(2023, 3, 24), [cancelled], {"2023-03": [case("A")]}, Policy()) == []
