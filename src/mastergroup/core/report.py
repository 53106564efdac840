"""The group's annual report (issue 17): counts from a year's sessions and cases, small counts
suppressed so that no child can be recognised from the report.

Pure: the sessions, the cases (with their statement delivery days) and `today` are arguments.
No reference, name or question reaches a `Report`: only counts, shares and lead times in days.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import date
from statistics import median
from typing import NamedTuple

from mastergroup.core.model import Case, CaseStatus, Change, Session, SessionStatus
from mastergroup.core.panel import REQUIRED_14, Expert, covers, has_quorum

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


class Coverage(NamedTuple):
    """The held sessions with cases, and how many of them had the expertise and the experts the
    law and the configuration ask for (core/panel.py decides both, as `sessions` warns)."""

    sessions: int  # held sessions where at least one case held a place
    covered: int  # of them: the attending experts covered every area of experts.required
    quorum: int  # experts.quorum (0: the group has none)
    quorate: int | None  # of them: at least `quorum` experts attended; None without a quorum


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
    # Added for the charts and the rest of issue 17 (the JSON adds them, renames nothing):
    months: Table = Table("cases_by_month", (), 0, True)  # keys "01".."12", the session's month
    months_used: Table = Table("places_used_by_month", (), 0, True)
    months_offered: tuple[tuple[str, int], ...] = ()  # places offered by held sessions, a month
    expertise_present: Table = Table("expertise_present", (), None, False)
    withdrawn_reasons: Table = Table("withdrawn_reasons", (), 0, True)
    coverage: Coverage = Coverage(0, 0, 0, None)


OTHER = "other"  # the withdrawal reasons no listed group names, and the groups too small


def suppress(
    name: str,
    counts: Mapping[str, int],
    min_count: int,
    *,
    has_total: bool = True,
    hide: Collection[str] = (),
) -> Table:
    """A table with every count below `min_count` hidden, and no hidden count recoverable.

    With a total shown, one hidden cell equals the total minus the shown ones: then the next
    smallest shown cell is hidden too (complementary suppression). A total below `min_count`
    hides the whole table. Zero counts are not listed (the keys come from the cases). `hide`:
    cells another table would give away, hidden as if they were small.
    """
    items = sorted(((k, v) for k, v in counts.items() if v > 0), key=lambda kv: kv[0])
    total = sum(v for _, v in items)
    hidden = {k for k, v in items if v < min_count or k in hide}
    if has_total and total < min_count:
        hidden = {k for k, _ in items}
    elif has_total and len(hidden) == 1:
        shown = sorted((v, k) for k, v in items if k not in hidden)
        if shown:
            hidden.add(shown[0][1])
    cells = tuple(Cell(k, None if k in hidden else v) for k, v in items)
    # a total of none at all identifies no one: 0 is shown (as `_shown` does)
    shown_total = total if has_total and (total >= min_count or total == 0) else None
    return Table(name, cells, shown_total, has_total)


def _hidden_whole(table: Table) -> Table:
    return table._replace(cells=tuple(c._replace(value=None) for c in table.cells), total=None)


def month_key(day: date) -> str:
    return f"{day.month:02d}"


def _month_tables(
    cases: Sequence[Case], held: Mapping[str, Session], min_count: int, used_hidden: bool
) -> tuple[Table, Table]:
    """Cases by the month of their session, and places used by month.

    A month's places used is hidden where it is small, where that month's cases are hidden
    (used equal to cases would give a hidden month away), and where the month's cases minus
    it is small (the withdrawn, waiting and not yet discussed of one month: a small count
    of its own). When the year's places used is hidden, so is every month's (their sum)."""
    months = suppress("cases_by_month", Counter(month_key(c.session_date) for c in cases),
                      min_count)  # fmt: skip
    by_month = {c.key: c for c in months.cells}
    used = Counter(month_key(c.session_date) for c in cases if c.holds_place and c.slot in held)
    hide = {
        m
        for m, n in used.items()
        if by_month[m].suppressed or 0 < (by_month[m].value or 0) - n < min_count
    }
    months_used = suppress("places_used_by_month", used, min_count, hide=hide)
    return months, _hidden_whole(months_used) if used_hidden else months_used


def normalise_reason(text: str) -> str:
    """A withdrawal reason as it is compared: NFC, case and spacing folded, no punctuation."""
    folded = unicodedata.normalize("NFC", text).casefold()
    return " ".join(re.sub(r"[^\w\s]", " ", folded).split())


def reason_group(text: str, groups: Sequence[str]) -> str:
    """The first of the configured `groups` whose words the reason contains, else OTHER."""
    words = f" {normalise_reason(text)} "
    for group in groups:
        wanted = normalise_reason(group)
        if wanted and f" {wanted} " in words:
            return group
    return OTHER


def _withdrawn_reasons(
    cases: Sequence[Case], groups: Sequence[str], min_count: int, withdrawn_hidden: bool
) -> Table:
    """Withdrawals by reason group. Privacy: a reason is free text the coordinator typed and
    may name a family, a place or a child ("siblings moved to their grandmother in X"), so
    it never reaches the report as written: only the groups listed in `report.withdrawn_reasons`
    (texts the coordinator wrote for the report) are named; every other reason is counted as
    OTHER, and so is a listed group with fewer than `min_count` withdrawals (naming it would
    say that such a reason occurred). The total is the outcomes' withdrawn count: hidden with
    it."""
    counted = Counter(reason_group(c.withdrawn_reason, groups)
                      for c in cases if c.status is CaseStatus.WITHDRAWN)  # fmt: skip
    folded: Counter[str] = Counter()
    for key, n in counted.items():
        folded[key if n >= min_count else OTHER] += n
    table = suppress("withdrawn_reasons", folded, min_count)
    return _hidden_whole(table) if withdrawn_hidden else table


def _coverage(
    cases: Sequence[Case],
    held: Mapping[str, Session],
    attendance: Mapping[str, Sequence[Expert]],
    required: Sequence[str],
    quorum: int,
) -> Coverage:
    with_cases = sorted({c.slot for c in cases if c.holds_place and c.slot in held})
    people = [list(attendance.get(slot, ())) for slot in with_cases]
    return Coverage(
        sessions=len(with_cases),
        covered=sum(covers(p, required) for p in people),
        quorum=quorum,
        quorate=sum(has_quorum(p, quorum) for p in people) if quorum else None,
    )


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
    attendance: Mapping[str, Sequence[Expert]] | None = None,
    required: Sequence[str] = REQUIRED_14,
    quorum: int = 0,
    reason_groups: Sequence[str] = (),
) -> Report:
    """The report of `year` from its sessions and its cases (each with its delivery day), the
    experts who attended each session (by slot), `experts.required`, `experts.quorum` and the
    withdrawal reason groups of `report.withdrawn_reasons`."""
    attendance = attendance or {}
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
    all_cases = [c for c, _ in cases]
    months, months_used = _month_tables(all_cases, held, min_count, shown_used is None)
    offered_by_month: Counter[str] = Counter()
    for s in held.values():
        offered_by_month[month_key(s.date)] += s.capacity
    present = Counter(
        area for slot in held for e in attendance.get(slot, ()) for area in dict.fromkeys(e.areas)
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
        months=months,
        months_used=months_used,
        months_offered=tuple(sorted(offered_by_month.items())),
        expertise_present=suppress("expertise_present", present, min_count, has_total=False),
        withdrawn_reasons=_withdrawn_reasons(
            all_cases, reason_groups, min_count, "withdrawn" in hidden
        ),
        coverage=_coverage(all_cases, held, attendance, required, quorum),
    )
