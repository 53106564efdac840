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
from datetime import date, tzinfo
from statistics import median
from typing import NamedTuple

from mastergroup.core.model import Case, CaseStatus, Change, Session, SessionStatus
from mastergroup.core.panel import REQUIRED_14, Expert, covers, has_quorum

# The outcome of each case: a partition of the year's cases (they add up to the total).
OUTCOMES = ("booked", "waitlisted", "withdrawn", "discussed", "statement_delivered")


class Cell(NamedTuple):
    """One count of a table: `value` None when it is suppressed; `small` when it is below
    min_count (shown as "< min_count"), not when it is hidden so that a small one cannot be
    computed from it (complementary suppression, shown as "..")."""

    key: str
    value: int | None
    small: bool = False

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
    total_small: bool = True  # a hidden total is small; else hidden as a complement ("..")


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

    # None (all three): hidden with places used, which the sessions with cases would give
    # away where a session takes one case
    sessions: int | None  # held sessions where at least one case held a place
    covered: int | None  # of them: the attending experts covered every area of experts.required
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
    # the hidden figures outside the tables that are hidden for being small ("places_used",
    # "previous.cases", "previous.places_used"); the others are hidden as complements
    small: frozenset[str] = frozenset()


OTHER = "other"  # the withdrawal reasons no listed group names, and the groups too small


def suppress(
    name: str,
    counts: Mapping[str, int],
    min_count: int,
    *,
    has_total: bool = True,
    hide: Collection[str] = (),
    bounds: Mapping[str, int] | None = None,
) -> Table:
    """A table with every count below `min_count` hidden, and no hidden count recoverable.

    With a total shown, the hidden cells add up to the total minus the shown ones, and each
    listed cell is at least 1: so cells are hidden until at least two are and their sum is at
    least `min_count` (complementary suppression, the smallest shown cell first). One hidden
    cell, or two that add up to 2, would each be known exactly. `bounds`: the most a cell can
    be (a month's places offered): hidden cells that add up to their bounds are each known
    too, so more are hidden, and the total as well when none is left to hide. A total below
    `min_count` hides the whole table. Zero counts are not listed (the keys come from the
    cases). `hide`: cells another table would give away, hidden as complements.
    """
    items = sorted(((k, v) for k, v in counts.items() if v > 0), key=lambda kv: kv[0])
    value = dict(items)
    total = sum(value.values())
    small = {k for k, v in items if v < min_count}
    hidden = small | {k for k in value if k in hide}
    pinned = False
    shown_total: int | None = total if has_total and (total >= min_count or total == 0) else None
    if has_total and total < min_count:
        hidden = set(value)

    def recoverable() -> bool:
        if not hidden or shown_total is None:
            return False
        hidden_sum = sum(value[k] for k in hidden)
        if len(hidden) < 2 or hidden_sum < min_count:
            return True
        return bounds is not None and hidden_sum == sum(bounds.get(k, 0) for k in hidden)

    while recoverable():
        rest = sorted((v, k) for k, v in items if k not in hidden)
        if not rest:  # every cell hidden and still known from the total: hide the total
            shown_total = None
            pinned = True
            break
        hidden.add(rest[0][1])
    cells = tuple(Cell(k, None if k in hidden else v, k in small) for k, v in items)
    # a total of none at all identifies no one: 0 is shown (as `_shown` does)
    return Table(name, cells, shown_total, has_total, not pinned)


def fold_hidden(table: Table, key: str = "other") -> Table:
    """The hidden cells as one, `key`, whose value is their sum (what the total and the shown
    cells say anyway, and at least min_count by `suppress`): their names, free text as typed
    (a municipality or unit), are not printed at all. None when the total is hidden too."""
    hidden = [c for c in table.cells if c.suppressed]
    if not hidden:
        return table
    shown = [c for c in table.cells if not c.suppressed]
    rest = None if table.total is None else table.total - sum(c.value or 0 for c in shown)
    return table._replace(cells=(*shown, Cell(key, rest, rest is None)))


def _hidden_whole(table: Table, small: bool) -> Table:
    """Every cell and the total hidden, because another figure is (`small`: that one is
    small, so the total, which equals it, is too; else ".." as a complement)."""
    cells = tuple(c._replace(value=None) for c in table.cells)
    return table._replace(cells=cells, total=None, total_small=small)


def month_key(day: date) -> str:
    return f"{day.month:02d}"


def _month_tables(
    cases: Sequence[Case],
    held: Mapping[str, Session],
    min_count: int,
    used_hidden: bool,
    caps: Mapping[str, int] | None = None,
    used_small: bool = False,
) -> tuple[Table, Table]:
    """Cases by the month of their session, and places used by month.

    A month's places used is hidden where it is small, where that month's cases are hidden
    (used equal to cases would give a hidden month away), and where the month's cases minus
    it is small (the withdrawn, waiting and not yet discussed of one month: a small count
    of its own). When the year's places used is hidden, so is every month's (their sum)."""
    months = suppress("cases_by_month", Counter(month_key(c.session_date) for c in cases),
                      min_count, bounds=caps)  # fmt: skip
    by_month = {c.key: c for c in months.cells}
    used = Counter(month_key(c.session_date) for c in cases if c.holds_place and c.slot in held)
    hide = {
        m
        for m, n in used.items()
        if by_month[m].suppressed or 0 < (by_month[m].value or 0) - n < min_count
    }
    offered: Counter[str] = Counter()
    for s in held.values():
        offered[month_key(s.date)] += s.capacity
    months_used = suppress("places_used_by_month", used, min_count, hide=hide, bounds=offered)
    return months, _hidden_whole(months_used, used_small) if used_hidden else months_used


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
    cases: Sequence[Case],
    groups: Sequence[str],
    min_count: int,
    withdrawn_hidden: bool,
    withdrawn_small: bool = False,
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
    return _hidden_whole(table, withdrawn_small) if withdrawn_hidden else table


def _coverage(
    cases: Sequence[Case],
    held: Mapping[str, Session],
    attendance: Mapping[str, Sequence[Expert]],
    required: Sequence[str],
    quorum: int,
    hidden: bool,
) -> Coverage:
    if hidden:  # with places used: one case a session makes them the same count
        return Coverage(None, None, quorum, None)
    with_cases = sorted({c.slot for c in cases if c.holds_place and c.slot in held})
    people = [list(attendance.get(slot, ())) for slot in with_cases]
    return Coverage(
        sessions=len(with_cases),
        covered=sum(covers(p, required) for p in people),
        quorum=quorum,
        quorate=sum(has_quorum(p, quorum) for p in people) if quorum else None,
    )


def _lead(
    days: Sequence[int], min_count: int, target: int | None, *, count_hidden: bool
) -> LeadTime:
    """The median and range of `days`; `cases` is None when `count_hidden` (the number of
    cases it is drawn from would give a hidden outcome away: the outcomes add up), and the
    share within the target is None when the cases within it, or those late, are few."""
    if len(days) < min_count or not days:
        return LeadTime(None, None, None, None, None)
    share = None
    if target is not None:
        within = sum(d <= target for d in days)
        late = len(days) - within
        if all(n == 0 or n >= min_count for n in (within, late)) and not count_hidden:
            share = round(100 * within / len(days), 1)
    cases = None if count_hidden else len(days)
    return LeadTime(cases, float(median(days)), min(days), max(days), share)


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
    zone: tzinfo | None = None,
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
    # the day of the booking in the group's time zone (created_at is UTC)
    booking_days = [
        days
        for c in taken
        if c.created_at is not None and c.waitlist is None
        if (days := (c.session_date - c.created_at.astimezone(zone).date()).days) >= 0
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
    small: set[str] = set()
    if used and used < min_count:
        small.add("places_used")
    if previous is not None and previous[1]:
        # the previous year's own report: its figures hidden as that report hides them (its
        # places used beside its case count would give its hidden withdrawals away)
        p = build(year - 1, previous[0], previous[1], today, min_count=min_count, zone=zone)
        prior = YearTotals(year - 1, p.sessions.held, p.outcomes.total, p.places_used)
        if p.outcomes.total is None:
            small.add("previous.cases")
        if "places_used" in p.small:
            small.add("previous.places_used")
    all_cases = [c for c, _ in cases]
    # With no withdrawn or waiting case, a month's cases are at most its places: hidden
    # months that add up to their places would each be known (every session full).
    caps: Counter[str] | None = None
    if not {c.key for c in outcomes.cells} & {"withdrawn", "waitlisted"}:
        caps = Counter()
        for s in sessions:
            if not s.cancelled:
                caps[month_key(s.date)] += s.capacity
    months, months_used = _month_tables(
        all_cases, held, min_count, shown_used is None, caps, "places_used" in small
    )
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
        # a municipality is typed in (it may be a unit's name, or worse): a hidden one is not
        # named, the hidden ones are one "other" cell
        municipalities=fold_hidden(
            suppress("municipalities", Counter(c.municipality for c, _ in cases), min_count)
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
        booking_lead=_lead(booking_days, min_count, None, count_hidden=bool(hidden)),
        statement_lead=_lead(statement_days, min_count, target_days, count_hidden=bool(hidden)),
        previous=prior,
        months=months,
        months_used=months_used,
        months_offered=tuple(sorted(offered_by_month.items())),
        expertise_present=suppress("expertise_present", present, min_count, has_total=False),
        withdrawn_reasons=_withdrawn_reasons(
            all_cases,
            reason_groups,
            min_count,
            "withdrawn" in hidden,
            any(c.key == "withdrawn" and c.small for c in outcomes.cells),
        ),
        coverage=_coverage(all_cases, held, attendance, required, quorum, shown_used is None),
        small=frozenset(small),
    )
