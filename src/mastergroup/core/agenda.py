"""CORE: a session's agenda (cases with their time slots) and what `remind` should send today.

Pure functions of (session, cases, numbers from the configuration, today): no clock, no files.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import NamedTuple

from mastergroup.core.model import Case, CaseStatus, Session


class AgendaItem(NamedTuple):
    """One case of the agenda with its time slot within the session."""

    number: int  # 1-based place in the session
    start: datetime
    end: datetime
    case: Case


class Agenda(NamedTuple):
    session: Session
    items: tuple[AgendaItem, ...]
    break_minutes: int


def time_slots(
    start: datetime, end: datetime, count: int, break_minutes: int
) -> list[tuple[datetime, datetime]]:
    """`count` equal slots from start to end with `break_minutes` between two of them.

    Slots are whole minutes; the last one absorbs the remainder and ends at `end`. A break too
    long for the session shrinks to what leaves every case at least one minute.
    """
    if count <= 0:
        return []
    total = int((end - start).total_seconds() // 60)
    gap = max(0, min(break_minutes, (total - count) // max(count - 1, 1))) if count > 1 else 0
    each = max(1, (total - gap * (count - 1)) // count)
    slots = []
    at = start
    for number in range(count):
        slot_end = end if number == count - 1 else at + timedelta(minutes=each)
        slots.append((at, slot_end))
        at = slot_end + timedelta(minutes=gap)
    return slots


def fixed_slots(
    start: datetime, end: datetime, count: int, case_minutes: int, break_minutes: int
) -> list[tuple[datetime, datetime]]:
    """`count` slots of `case_minutes` each from `start`, `break_minutes` between two (a group
    whose case lasts two hours: "usually one case, lasting two hours"). A slot never ends after
    `end` (an override may have shortened the session): it is cut there, keeping one minute."""
    slots = []
    at = start
    for _ in range(count):
        at = min(at, end - timedelta(minutes=1))
        slot_end = min(at + timedelta(minutes=case_minutes), end)
        slots.append((at, slot_end))
        at = slot_end + timedelta(minutes=break_minutes)
    return slots


def build(
    session: Session, cases: Iterable[Case], break_minutes: int, case_minutes: int = 0
) -> Agenda:
    """The agenda: cases holding a place (not withdrawn, not waiting), in booking order; each
    case `case_minutes` long when given (booking.case_minutes), else the session split evenly."""
    held = [c for c in cases if c.holds_place and c.slot == session.slot]
    if case_minutes:
        slots = fixed_slots(session.start, session.end, len(held), case_minutes, break_minutes)
    else:
        slots = time_slots(session.start, session.end, len(held), break_minutes)
    items = tuple(
        AgendaItem(n, s, e, c) for n, ((s, e), c) in enumerate(zip(slots, held, strict=True), 1)
    )
    return Agenda(session, items, break_minutes)


# --- what `remind` sends ---------------------------------------------------------------------


class Kind(enum.StrEnum):
    AGENDA = "agenda"  # the agenda to the experts, N days before the session
    DOCUMENTS = "documents"  # to the coordinator: cases whose documents are missing
    CUTOFF = "cutoff"  # to the units: the next session's booking cutoff and free places
    STATEMENTS = "statements"  # to the coordinator: statements not yet delivered


class Policy(NamedTuple):
    """The configuration's numbers that decide when a message is due."""

    agenda_days_before: int = 7
    cutoff_days_before: int = 7
    statements_after_days: int = 14
    statements_window_days: int = 60  # older sessions are not reminded of (a fresh install)
    units: bool = True  # a cutoff notice needs somebody to send it to


class Due(NamedTuple):
    """One message `remind` should send today, unless its key is in the sent log."""

    kind: Kind
    session: Session
    cases: tuple[Case, ...] = ()  # the cases it is about (documents, statements)

    @property
    def key(self) -> str:
        """The idempotency key, e.g. "agenda:2024-03": one message per kind and session."""
        return f"{self.kind.value}:{self.session.slot}"


def due(
    today: date,
    sessions: Sequence[Session],
    cases: Mapping[str, Sequence[Case]],
    policy: Policy,
) -> list[Due]:
    """Every message due today by the windows below; the caller skips keys already sent.

    A window (not a single day) means a day cron missed, or a send that failed, is made up for
    on the next run: the agenda from N days before the session until the day before it; the
    document reminder from the document deadline until the day before; the cutoff notice from N
    days before the cutoff until the cutoff; the statement reminder from N days after the
    session for `statements_window_days`.
    """
    found: list[Due] = []
    for s in sessions:
        if s.cancelled:
            continue
        held = [c for c in cases.get(s.slot, ()) if c.holds_place]
        if s.date - timedelta(days=policy.agenda_days_before) <= today < s.date and held:
            found.append(Due(Kind.AGENDA, s))
        missing = tuple(c for c in held if c.status is CaseStatus.BOOKED)
        if s.documents_due <= today < s.date and missing:
            found.append(Due(Kind.DOCUMENTS, s, missing))
        free = s.capacity - len(held)
        cutoff_from = s.booking_deadline - timedelta(days=policy.cutoff_days_before)
        if policy.units and free > 0 and cutoff_from <= today <= s.booking_deadline:
            found.append(Due(Kind.CUTOFF, s))
        owed = tuple(c for c in held if c.status is CaseStatus.DISCUSSED)
        first = s.date + timedelta(days=policy.statements_after_days)
        if owed and first <= today < first + timedelta(days=policy.statements_window_days):
            found.append(Due(Kind.STATEMENTS, s, owed))
    return found


def window(today: date, policy: Policy) -> tuple[date, date]:
    """The session dates `due` may find something for on `today` (what to read)."""
    back = policy.statements_after_days + policy.statements_window_days
    return today - timedelta(days=back), today + timedelta(days=400)


# --- what a mailed agenda showed (issue 13) ----------------------------------------------------

FINGERPRINT_VERSION = "a1"


def fingerprint(agenda: Agenda, *, questions: bool, place: str = "") -> str:
    """A short hash of what the mailed agenda shows the experts, so a change they would notice
    (a booking, a withdrawal or promotion, a move, a document arriving, other times, the session
    moved, cancelled or held elsewhere) gives another value, and nothing else does.

    Covered: the session's date, times and status; `place` (location and link); per case its
    number, time slot, reference, municipality, matter, expertise, the date its documents
    arrived, and its questions when the mail carries them. Left out: the language and wording
    of the mail (catalogs, group name), the social worker's name and contact (never mailed),
    the case's status beyond the documents' date, the break (it shows only through the times).
    """
    import hashlib
    import json

    s = agenda.session
    data = [
        FINGERPRINT_VERSION,
        s.date.isoformat(),
        s.start.isoformat(),
        s.end.isoformat(),
        s.cancelled,
        place,
        [
            [
                i.number,
                i.start.isoformat(),
                i.end.isoformat(),
                i.case.ref,
                i.case.municipality,
                i.case.matter.value,
                list(i.case.expertise),
                i.case.documents_received.isoformat() if i.case.documents_received else None,
                list(i.case.questions) if questions else None,
            ]
            for i in agenda.items
        ],
    ]
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]
    return f"{FINGERPRINT_VERSION}:{digest}"
