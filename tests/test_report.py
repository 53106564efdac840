"""core/report.py (issue 17): lead times, the previous year, places; counts only."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from mastergroup.config.settings import load
from mastergroup.core.model import Case, CaseStatus, Matter, Worker
from mastergroup.core.report import build
from mastergroup.core.rules import sessions_between
from mastergroup.io import environment


def sessions(year: int):
    schedule = load(environment.config_path(None)).schedule
    return sessions_between(schedule, date(year, 1, 1), date(year, 12, 31))


def case(i: int, session, *, days_before: int, status=CaseStatus.DISCUSSED, waitlist=None):
    booked = datetime.combine(session.date - timedelta(days=days_before), datetime.min.time(), UTC)
    worker = Worker("Invented", "i@x.example")
    return Case(
        f"R-{i}", session.slot, session.date, status, worker, "Kunta", Matter.SUBSTITUTE_CARE,
        ("Q?",), created_at=booked, waitlist=waitlist,
    )  # fmt: skip


def test_booking_lead_time_median_and_range_and_the_previous_year(monkeypatch):
    monkeypatch.delenv("MASTERGROUP_CONFIG", raising=False)
    these = sessions(2025)
    cases = [(case(i, these[i], days_before=20 + 5 * i), None) for i in range(5)]
    cases.append((case(9, these[0], days_before=99, waitlist=1), None))  # waiting: no lead
    before = sessions(2024)
    old = [(case(i, before[i], days_before=30), None) for i in range(3)]
    report = build(2025, these, cases, date(2026, 1, 10), previous=(before, old))
    lead = report.booking_lead
    assert (lead.cases, lead.median_days, lead.shortest, lead.longest) == (5, 30.0, 20, 40)
    assert report.places_offered == 2 * len(these)
    # one case waits: hidden (< 5), so places used (6 - 1 waiting) is hidden too
    assert report.outcomes.cells[-1] == ("waitlisted", None)
    assert report.places_used is None and report.slot_use is None
    assert report.previous is not None
    assert report.previous.year == 2024 and report.previous.cases is None  # 3 < 5
    assert report.outcomes.total == 6


def test_sessions_not_yet_held_offer_no_places(monkeypatch):
    monkeypatch.delenv("MASTERGROUP_CONFIG", raising=False)
    these = sessions(2025)
    report = build(2025, these, [], date(2025, 3, 1))
    assert report.sessions.held == 2 and report.places_offered == 4
    assert report.places_used == 0 and report.slot_use == 0.0  # no case identifies no one


def test_withdrawal_reasons_by_configured_group_never_as_typed(monkeypatch):
    """A reason counts in the first listed group whose words it contains (case, spacing and
    punctuation aside); every other reason, and a group of fewer than min_count, is "other"."""
    from mastergroup.core.report import reason_group

    groups = ("asia ratkesi", "perhe muutti")
    assert reason_group("ASIA  ratkesi!", groups) == "asia ratkesi"
    assert reason_group("Virtasen perhe muutti Ouluun", groups) == "perhe muutti"
    assert reason_group("asiat ratkesivat", groups) == "other"  # whole words only
    monkeypatch.delenv("MASTERGROUP_CONFIG", raising=False)
    these = sessions(2025)
    reasons = ["asia ratkesi"] * 6 + ["perhe muutti"] * 2 + ["Lapsi sijoitettiin"] * 4
    cases = [(case(i, these[i % 10], days_before=20, status=CaseStatus.WITHDRAWN)
              ._replace(withdrawn_reason=r), None) for i, r in enumerate(reasons)]  # fmt: skip
    report = build(2025, these, cases, date(2026, 1, 10), reason_groups=groups)
    table = report.withdrawn_reasons
    assert {c.key: c.value for c in table.cells} == {"asia ratkesi": 6, "other": 6}
    assert table.total == 12
