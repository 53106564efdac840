"""Booking rules (pure): identity-code guard, e-mail, questions, the session a booking goes to,
the cutoff, capacity and the waiting list, and which status changes are allowed.

Sources: shared/seeds/004_*.txt (book at the latest two weeks before; documents about a week
before; 1-3 questions) and the county's capacity (configuration). `today` is always an argument;
nothing here reads the clock, a file or the register: callers pass what the register holds.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from mastergroup.core import privacy
from mastergroup.core.errors import NotFoundError, RuleError, UsageError
from mastergroup.core.model import Case, CaseStatus, Matter, Session
from mastergroup.core.rules import ScheduleConfig, find_session, sessions_between, upcoming

MAX_QUESTIONS = 3
MAX_QUESTION_CHARS = 1000
MAX_REF = 64
MAX_NAME = 200  # worker, municipality
MAX_PHONE = 50
MAX_EMAIL = 254  # RFC 5321 path limit
MAX_REASON = 500
MAX_EXPERTISE = 10  # items
MAX_EXPERTISE_CHARS = 100
HORIZON = timedelta(days=731)  # how far ahead "the next open session" is looked for

# The identity-code guard lives in privacy.py (every command line is checked with it before
# parsing); it is part of every booking rule, so booking offers it too.
CHECK_CHARACTERS = privacy.CHECK_CHARACTERS
check_character = privacy.check_character
contains_identity_code = privacy.contains_identity_code
guard_privacy = privacy.guard_privacy

# --- text fields ---------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # tab and newline are checked apart
_UNSAFE = privacy.UNSAFE  # bidi, C1, U+2028/U+2029: refused in every stored field
_EMAIL = re.compile(
    r"^(?=.{3,254}$)[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@(?:[^\W_](?:[\w-]{0,61}[^\W_])?\.)+[^\W\d_]{2,63}$"
)


# `field` names what an error is about by its domain name ("email", "questions 2"), or as the
# caller knows it (a backup's "cases[3].ref"); the CLI says it as its option (cli/options.py:
# as_option), so no command-line option name reaches the core.


def clean_text(value: str, field: str, *, max_chars: int, required: bool = True) -> str:
    """A one-line text field, trimmed; UsageError naming the field if empty or malformed."""
    text = value.strip()
    refuse_unsafe(value, field)
    if required and not text:
        raise UsageError("case.empty_field", field=field)
    if len(text) > max_chars or _CONTROL.search(text) or "\n" in text or "\t" in text:
        raise UsageError("case.bad_text", field=field, max=max_chars)
    return text


def refuse_unsafe(value: str, field: str) -> None:
    """UsageError naming `field` if `value` holds a bidi control, a C1 control or U+2028/9."""
    if _UNSAFE.search(value):
        raise UsageError("text.unsafe_character", field=field)


def clean_email(value: str, field: str = "email") -> str:
    text = value.strip()
    local = text.split("@", 1)[0]
    if not _EMAIL.match(text) or len(local) > 64 or len(text) > MAX_EMAIL:
        raise UsageError("case.bad_email", field=field)
    return text


def clean_questions(raw: Sequence[str], field: str = "questions") -> tuple[str, ...]:
    """1 to 3 questions, each non-empty after trimming and at most 1,000 characters."""
    if not 1 <= len(raw) <= MAX_QUESTIONS:
        raise RuleError("case.question_count", count=len(raw), max=MAX_QUESTIONS)
    cleaned = []
    for number, question in enumerate(raw, start=1):
        refuse_unsafe(question, f"{field} {number}")  # ordinary line breaks stay allowed
        text = question.strip()
        if not text:
            raise RuleError("case.question_empty", field=field, number=number)
        if len(text) > MAX_QUESTION_CHARS:
            raise RuleError(
                "case.question_too_long",
                field=field,
                number=number,
                length=len(text),
                max=MAX_QUESTION_CHARS,
            )
        if _CONTROL.search(text):
            raise UsageError("case.bad_text", field=f"{field} {number}", max=MAX_QUESTION_CHARS)
        cleaned.append(text)
    return tuple(cleaned)


def clean_expertise(raw: Sequence[str], field: str = "expertise") -> tuple[str, ...]:
    """The expertise wished: trimmed, empty items and repeats dropped, order kept."""
    items = [clean_text(x, field, max_chars=MAX_EXPERTISE_CHARS, required=False) for x in raw]
    unique = tuple(dict.fromkeys(x for x in items if x))
    if len(unique) > MAX_EXPERTISE:
        raise UsageError("case.too_many_expertise", field=field, max=MAX_EXPERTISE)
    return unique


def parse_matter(value: str, field: str = "matter") -> Matter:
    key = value.strip().lower().replace("-", "_").replace(" ", "_")
    try:
        return Matter(key)
    except ValueError:
        raise UsageError(
            "case.bad_matter", field=field, allowed=", ".join(m.value for m in Matter)
        ) from None


# --- which session ---------------------------------------------------------------------------


def session_for_booking(schedule: ScheduleConfig, day: date, today: date) -> Session:
    """The session on `day`, if one can take bookings at all (exists, held, not past)."""
    session = find_session(schedule, day)
    if session is None:
        held = [
            s for s in sessions_between(schedule, day - HORIZON, day + HORIZON) if not s.cancelled
        ]
        before = max((s.date for s in held if s.date < day), default="-")
        after = min((s.date for s in held if s.date > day), default="-")
        raise NotFoundError("case.no_session", date=day, before=before, after=after)
    if session.cancelled:
        raise RuleError("case.session_cancelled", date=day)
    if session.date < today:
        raise RuleError("case.session_past", date=day, today=today)
    return session


def session_of(schedule: ScheduleConfig, slot: str, stored: date) -> Session | None:
    """The session a case belongs to, by its slot (which survives configuration moves)."""
    for year in (stored.year, stored.year - 1, stored.year + 1):
        for s in sessions_between(schedule, date(year, 1, 1), date(year, 12, 31)):
            if s.slot == slot:
                return s
    return None


def bookable(schedule: ScheduleConfig, today: date) -> list[Session]:
    """Held sessions from today to the horizon: the ones whose places a booking may look at."""
    found = []
    for s in upcoming(schedule, today, include_cancelled=False):
        if s.date > today + HORIZON:
            break
        found.append(s)
    return found


def is_open(session: Session, today: date) -> bool:
    """Bookings are taken until the cutoff day, inclusive."""
    return not session.cancelled and today <= session.booking_deadline


def next_open(schedule: ScheduleConfig, today: date, booked: Mapping[str, int]) -> Session | None:
    """The first session whose cutoff has not passed and that has a free place."""
    for s in bookable(schedule, today):
        if is_open(s, today) and booked.get(s.slot, 0) < s.capacity:
            return s
    return None


# --- cutoff, capacity, waiting list -----------------------------------------------------------


@dataclass(frozen=True)
class Placement:
    """Where a booking lands: a place, or the waiting list; late if past the cutoff."""

    session: Session
    waitlisted: bool
    late: bool


def place(
    schedule: ScheduleConfig,
    session: Session,
    today: date,
    booked: Mapping[str, int],
    *,
    late: bool = False,
    waitlist: bool = False,
) -> Placement:
    """Decide a booking (or a move) into `session`; RuleError naming the way forward if refused.

    `booked` maps slots to the cases holding a place (the register's counts, read in the same
    transaction that will write). `late` is the coordinator's override of the cutoff only;
    `waitlist` asks for the session's waiting list when it is full.
    """
    past_cutoff = today > session.booking_deadline
    if past_cutoff and not late:
        nxt = next_open(schedule, today, booked)
        if nxt is None:
            raise RuleError(
                "case.cutoff_passed_none", date=session.date, cutoff=session.booking_deadline
            )
        raise RuleError(
            "case.cutoff_passed",
            date=session.date,
            cutoff=session.booking_deadline,
            next=nxt.date,
            next_cutoff=nxt.booking_deadline,
        )
    taken = booked.get(session.slot, 0)
    if taken >= session.capacity:
        if waitlist:
            return Placement(session, waitlisted=True, late=past_cutoff)
        nxt = next_open(schedule, today, booked)
        if nxt is None:
            raise RuleError("case.full_none", date=session.date, capacity=session.capacity)
        raise RuleError(
            "case.full",
            date=session.date,
            capacity=session.capacity,
            next=nxt.date,
            next_cutoff=nxt.booking_deadline,
        )
    return Placement(session, waitlisted=False, late=past_cutoff)


def choose_next(schedule: ScheduleConfig, today: date, booked: Mapping[str, int]) -> Session:
    """`--next`: the next session still open with a free place."""
    found = next_open(schedule, today, booked)
    if found is None:
        raise RuleError("case.no_open_session", months=HORIZON.days * 12 // 366)
    return found


def to_promote(capacity: int, cases: Iterable[Case]) -> Case | None:
    """The first waiting case of a session, if the session (after a change) has a free place."""
    listed = list(cases)
    if sum(c.holds_place for c in listed) >= capacity:
        return None
    waiting = [c for c in listed if c.waiting]
    return min(waiting, key=lambda c: c.waitlist or 0, default=None)


# --- changes to a case ------------------------------------------------------------------------

_NEXT: dict[CaseStatus, frozenset[CaseStatus]] = {
    CaseStatus.BOOKED: frozenset(
        {CaseStatus.DOCUMENTS_RECEIVED, CaseStatus.DISCUSSED, CaseStatus.WITHDRAWN}
    ),
    CaseStatus.DOCUMENTS_RECEIVED: frozenset(
        {
            CaseStatus.BOOKED,  # correcting a mistaken record of arrival
            CaseStatus.DOCUMENTS_RECEIVED,  # correcting the date
            CaseStatus.DISCUSSED,
            CaseStatus.WITHDRAWN,
        }
    ),
    CaseStatus.DISCUSSED: frozenset({CaseStatus.STATEMENT_DELIVERED}),
    CaseStatus.STATEMENT_DELIVERED: frozenset(),
    CaseStatus.WITHDRAWN: frozenset(),
}


def check_status_change(case: Case, target: CaseStatus, session_date: date, today: date) -> None:
    """Refuse a status change the case's life does not allow (RuleError names both states)."""
    if target not in _NEXT[case.status]:
        raise RuleError("case.bad_transition", ref=case.ref, status=case.status, target=target)
    if target is CaseStatus.DISCUSSED:
        if case.waitlist is not None:
            raise RuleError("case.discussed_waiting", ref=case.ref)
        if session_date > today:
            raise RuleError("case.discussed_early", ref=case.ref, date=session_date)


def check_movable(case: Case) -> None:
    if case.status not in (CaseStatus.BOOKED, CaseStatus.DOCUMENTS_RECEIVED):
        raise RuleError("case.not_movable", ref=case.ref, status=case.status)


def check_questions_editable(session_date: date, documents_due: date, today: date) -> None:
    """Questions may change until the document deadline (the group prepares from them)."""
    if today > documents_due:
        raise RuleError("case.questions_locked", deadline=documents_due, date=session_date)


def check_documents_date(day: date, today: date) -> None:
    if day > today:
        raise UsageError("case.documents_future", date=day, today=today)


def check_purge_before(before: date, today: date) -> None:
    """Retention removes only sessions that have been held: never today's or a coming one."""
    if before > today:
        raise RuleError("case.purge_future", before=before, today=today)
