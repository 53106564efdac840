"""The group's annual report (issue 17): counts from a year's sessions and cases, small counts
suppressed so that no child can be recognised from the report.

Pure: the sessions, the cases (with their statement delivery days) and `today` are arguments.
No reference, name or question reaches a `Report`: only counts, shares and lead times in days.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from statistics import median
from typing import NamedTuple

from mastergroup.core.model import Case, CaseStatus, Change, Session, SessionStatus

# The outcome of each case: a partition of the year's cases (they add up to the total).
OUTCOMES = ("booked", "waitlisted", "withdrawn", "discussed", "statement_delivered")


class Cell(NamedTuple):
    """One count of a table: `value` None when it is suppressed (shown as "< min_count")."""

    key: str
    value: int | None

    @property
    def suppressed(self) -> bool:
        return self.value is None


class Table(NamedTuple):
    """Counts by category; `total` None when the table has no total of its own (a case may
    wish several kinds of expertise) or when the total itself is small."""

    name: str
    cells: tuple[Cell, ...]
    total: int | None
    has_total: bool


class LeadTime(NamedTuple):
    """Days between two events of the cases: None values when too few cases to show."""

    cases: int | None
    median_days: float | None
    shortest: int | None
    longest: int | None
    within_target: float | None  # share (0-100) within the target, or None


class SessionCounts(NamedTuple):
    planned: int  # the year's sessions that were not cancelled
    held: int  # planned, and the day has passed
    cancelled: int
    moved: int
    # why sessions moved or were cancelled: each kind of change, day off and reason once
    reasons: tuple[Change, ...]


class YearTotals(NamedTuple):
    """The previous year's headline figures, for comparison (None: suppressed)."""

    year: int
    held: int
    cases: int | None
    places_used: int | None


class Report(NamedTuple):
    year: int
    group: str  # the group's id in the configuration
    min_count: int
    target_days: int
    sessions: SessionCounts
    places_offered: int
    places_used: int | None
    slot_use: float | None  # percent of places offered that were used
    outcomes: Table
    municipalities: Table
    matters: Table
    expertise: Table
    questions: Table  # cases by how many questions they brought
    booking_lead: LeadTime
    statement_lead: LeadTime
    previous: YearTotals | None


def suppress(
    name: str, counts: Mapping[str, int], min_count: int, *, has_total: bool = True
) -> Table:
    """A table with every count below `min_count` hidden, and no hidden count recoverable.

    With a total shown, one hidden cell equals the total minus the shown ones: then the next
    smallest shown cell is hidden too (complementary suppression). A total below `min_count`
    hides the whole table. Zero counts are not listed (the keys come from the cases).
    """
    items = sorted(((k, v) for k, v in counts.items() if v > 0), key=lambda kv: kv[0])
    total = sum(v for _, v in items)
    hidden = {k for k, v in items if v < min_count}
    if has_total and total < min_count:
        hidden = {k for k, _ in items}
    elif has_total and len(hidden) == 1:
        shown = sorted((v, k) for k, v in items if k not in hidden)
        if shown:
            hidden.add(shown[0][1])
    cells = tuple(Cell(k, None if k in hidden else v) for k, v in items)
    shown_total = total if has_total and total >= min_count else None
    return Table(name, cells, shown_total, has_total)


def _lead(days: Sequence[int], min_count: int, target: int | None) -> LeadTime:
    if len(days) < min_count or not days:
        return LeadTime(None, None, None, None, None)
    share = None
    if target is not None:
        share = round(100 * sum(d <= target for d in days) / len(days), 1)
    return LeadTime(len(days), float(median(days)), min(days), max(days), share)


def outcome(case: Case) -> str:
    if case.status is CaseStatus.WITHDRAWN:
        return "withdrawn"
    if case.waitlist is not None:
        return "waitlisted"
    if case.status is CaseStatus.STATEMENT_DELIVERED:
        return "statement_delivered"
    if case.status is CaseStatus.DISCUSSED:
        return "discussed"
    return "booked"


def _shown(value: int, min_count: int) -> int | None:
    """A count, or None when it is small (none at all identifies no one: 0 is shown)."""
    return value if value == 0 or value >= min_count else None


def session_counts(sessions: Iterable[Session], today: date) -> SessionCounts:
    sessions = list(sessions)
    planned = [s for s in sessions if not s.cancelled]
    reasons: dict[tuple[str, str, str], Change] = {}
    for s in sessions:
        for change in s.changes:
            key = (change.kind.value, change.day_off.key if change.day_off else "", change.reason)
            reasons.setdefault(key, change)
    return SessionCounts(
        planned=len(planned),
        held=sum(s.date < today for s in planned),
        cancelled=sum(s.cancelled for s in sessions),
        moved=sum(s.status is SessionStatus.MOVED for s in sessions),
        reasons=tuple(reasons.values()),
    )


def build(
    year: int,
    sessions: Sequence[Session],
    cases: Sequence[tuple[Case, date | None]],
    today: date,
    *,
    group: str = "",
    min_count: int = 5,
    target_days: int = 14,
    previous: tuple[Sequence[Session], Sequence[tuple[Case, date | None]]] | None = None,
) -> Report:
    """The report of `year` from its sessions and its cases (each with its delivery day)."""
    counts = session_counts(sessions, today)
    held = {s.slot: s for s in sessions if not s.cancelled and s.date < today}
    offered = sum(s.capacity for s in held.values())
    used = sum(c.holds_place and c.slot in held for c, _ in cases)
    # Every table counts all the year's cases (withdrawn ones too), so that all show the same
    # total: a table over fewer cases would give the difference (a hidden count) away.
    taken = [c for c, _ in cases if c.status is not CaseStatus.WITHDRAWN]
    # A case recorded after its session (entered afterwards, or imported) has no lead time.
    booking_days = [
        days
        for c in taken
        if c.created_at is not None and c.waitlist is None
        if (days := (c.session_date - c.created_at.date()).days) >= 0
    ]
    statement_days = [
        (day - c.session_date).days for c, day in cases if day is not None and c.session_date <= day
    ]
    outcomes = suppress("outcomes", Counter(outcome(c) for c, _ in cases), min_count)
    # Places used = the cases minus the withdrawn, the waiting and those of sessions still to
    # come: shown beside the outcomes, it would give a hidden withdrawn or waitlisted count.
    hidden = {c.key for c in outcomes.cells if c.suppressed}
    shown_used = None if hidden & {"withdrawn", "waitlisted"} else _shown(used, min_count)
    prior = None
    if previous is not None and previous[1]:
        p_sessions, p_cases = previous
        p_held = {s.slot for s in p_sessions if not s.cancelled and s.date < today}
        p_used = sum(c.holds_place and c.slot in p_held for c, _ in p_cases)
        prior = YearTotals(
            year - 1, len(p_held), _shown(len(p_cases), min_count), _shown(p_used, min_count)
        )
    return Report(
        year=year,
        group=group,
        min_count=min_count,
        target_days=target_days,
        sessions=counts,
        places_offered=offered,
        places_used=shown_used,
        slot_use=round(100 * used / offered, 1) if offered and shown_used is not None else None,
        outcomes=outcomes,
        municipalities=suppress(
            "municipalities", Counter(c.municipality for c, _ in cases), min_count
        ),
        matters=suppress("matters", Counter(c.matter.value for c, _ in cases), min_count),
        expertise=suppress(
            "expertise",
            Counter(e for c, _ in cases for e in dict.fromkeys(c.expertise)),
            min_count,
            has_total=False,
        ),
        questions=suppress(
            "questions", Counter(str(len(c.questions)) for c, _ in cases), min_count
        ),
        booking_lead=_lead(booking_days, min_count, None),
        statement_lead=_lead(statement_days, min_count, target_days),
        previous=prior,
    )
