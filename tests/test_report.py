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
    # its case count is hidden: beside the outcomes (one of them hidden) it would give it away
    assert (lead.cases, lead.median_days, lead.shortest, lead.longest) == (None, 30.0, 20, 40)
    assert report.places_offered == 2 * len(these)
    # one case waits: hidden (< 5), so places used (6 - 1 waiting) is hidden too
    assert report.outcomes.cells[-1][:2] == ("waitlisted", None)
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


# --- what the review found: hidden counts that could be computed (each failed before) ---------


def mixed_year(these, *, withdrawn: int = 1):
    """18 cases: 6 booked, 6 discussed, 5 delivered and `withdrawn` withdrawn, each in its own
    month's session (two a session, capacity 2)."""
    made = []
    states = [CaseStatus.BOOKED] * 6 + [CaseStatus.DISCUSSED] * 6
    states += [CaseStatus.STATEMENT_DELIVERED] * 5 + [CaseStatus.WITHDRAWN] * withdrawn
    for i, status in enumerate(states):
        session = these[i // 2]
        c = case(i, session, days_before=20, status=status)
        delivered = status is CaseStatus.STATEMENT_DELIVERED
        day = session.date + timedelta(days=10) if delivered else None
        made.append((c, day))
    return made


def test_a_lead_times_case_count_does_not_give_a_hidden_outcome_away(monkeypatch):
    monkeypatch.delenv("MASTERGROUP_CONFIG", raising=False)
    these = sessions(2025)
    report = build(2025, these, mixed_year(these), date(2026, 1, 10))
    hidden = {c.key for c in report.outcomes.cells if c.suppressed}
    assert {"withdrawn", "statement_delivered"} <= hidden  # 1 and 5: 5 as the complement
    # 18 - 6 - 6 - cases(statements) would be the withdrawn 1
    assert report.statement_lead.cases is None and report.booking_lead.cases is None
    assert report.statement_lead.median_days == 10.0  # the median itself is no count


def test_coverage_is_hidden_with_places_used(monkeypatch):
    """One case a session: the sessions with cases are the places used."""
    monkeypatch.delenv("MASTERGROUP_CONFIG", raising=False)
    these = [s._replace(capacity=1) for s in sessions(2025)]
    made = [(case(i, these[i], days_before=20), None) for i in range(len(these))]
    made.append((case(99, these[0], days_before=30, status=CaseStatus.WITHDRAWN), None))
    report = build(2025, these, made, date(2026, 1, 10))
    assert report.places_used is None  # beside a hidden withdrawn count
    assert report.coverage.sessions is None and report.coverage.covered is None


def test_the_previous_year_is_hidden_as_its_own_report_hides_it(monkeypatch):
    monkeypatch.delenv("MASTERGROUP_CONFIG", raising=False)
    these, before = sessions(2025), sessions(2024)
    old = [(case(i, before[i], days_before=20), None) for i in range(5)]
    old.append((case(9, before[6], days_before=20, status=CaseStatus.WITHDRAWN), None))
    its_own = build(2024, before, old, date(2026, 1, 10))
    assert its_own.places_used is None  # 6 cases, 1 withdrawn: places used would say 1
    report = build(2025, these, mixed_year(these), date(2026, 1, 10), previous=(before, old))
    assert report.previous is not None
    assert report.previous.cases == 6 and report.previous.places_used is None
    assert "previous.places_used" not in report.small  # hidden as a complement: ".."


def test_the_booking_day_is_the_day_in_helsinki(monkeypatch):
    """A booking at 01:30 Helsinki time is 23:30 UTC the day before."""
    from zoneinfo import ZoneInfo

    monkeypatch.delenv("MASTERGROUP_CONFIG", raising=False)
    these = sessions(2025)
    made = []
    for i in range(5):
        c = case(i, these[i], days_before=0)
        night = datetime.combine(these[i].date - timedelta(days=10), datetime.min.time())
        stamp = night.replace(hour=1, minute=30, tzinfo=ZoneInfo("Europe/Helsinki"))
        made.append((c._replace(created_at=stamp.astimezone(UTC)), None))
    report = build(2025, these, made, date(2026, 1, 10), zone=ZoneInfo("Europe/Helsinki"))
    assert report.booking_lead.median_days == 10.0  # not 11
