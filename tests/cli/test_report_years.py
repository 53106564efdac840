"""`mastergroup report` (issue 17) on an invented register of three years (2023-2025), several
municipalities and matters, withdrawals with reasons, statements delivered and experts
attending: every number of one year's report checked against counts made here from the
generated records (tests/report_register.py), not by mastergroup's report code. Then the same
for one group of two (`--group`), and the suppression rules over the whole report.
"""

from __future__ import annotations

import json
import shutil
from collections import Counter
from datetime import date
from statistics import median

import pytest

from tests import report_register as gen
from tests.conftest import write_config

TODAY = "2026-01-15"
YEAR = 2024


@pytest.fixture
def cli(run, monkeypatch, home):
    monkeypatch.setenv("MASTERGROUP_LANG", "en")
    monkeypatch.setenv("MASTERGROUP_TODAY", TODAY)
    config = home / "config.toml"
    text = config.read_text(encoding="utf-8").replace("capacity = 2 ", "capacity = 6 ")
    config.write_text(text, encoding="utf-8")
    reasons = ", ".join(f'"{r}"' for r in gen.REASON_GROUPS)
    write_config(home, f"[experts]\nquorum = 3\n\n[report]\nwithdrawn_reasons = [{reasons}]\n")
    return run


def sessions_of(cli, year, *extra):
    result = cli("sessions", "--year", str(year), "--format", "json", *extra)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture
def register(cli, home):
    """Three years of invented cases, imported; returns what was generated."""
    made = gen.Generated()
    for year in (2023, 2024, 2025):
        gen.generate(sessions_of(cli, year), seed=year, into=made)
    result = cli("case", "import", str(made.backup(home / "backup.json")))
    assert result.exit_code == 0, result.stderr
    return made


def report(cli, year=YEAR, *extra):
    result = cli("report", "--year", str(year), "--format", "json", *extra)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def outcome(c):
    if c["status"] == "withdrawn":
        return "withdrawn"
    if c["waitlisted"]:
        return "waitlisted"
    return c["status"]  # discussed, statement_delivered (booked: none in past sessions here)


def holds_place(c):
    return c["status"] != "withdrawn" and not c["waitlisted"]


def expected(made, year, sessions, group=None):
    """The report's numbers for `year`, counted from the generated records."""
    cases = made.of_year(year, group)
    held = [s for s in sessions if s["status"] != "cancelled"]
    slots = {s["slot"] for s in held}
    taking = [c for c in cases if holds_place(c)]
    lead = [(date.fromisoformat(c["session_date"]) - date.fromisoformat(c["created_at"][:10])).days
            for c in taking]  # fmt: skip
    statement = [(date.fromisoformat(c["statement_delivered"])
                  - date.fromisoformat(c["session_date"])).days
                 for c in cases if c["statement_delivered"]]  # fmt: skip
    group_of = dict(gen.REASONS)
    present = Counter(
        area
        for name, _, areas in gen.EXPERTS
        for slot in made.attended.get(name, [])
        if slot in slots
        for area in areas
    )
    with_cases = sorted({c["slot"] for c in taking})
    people = {slot: [areas for name, _, areas in gen.EXPERTS if slot in made.attended.get(name, [])]
              for slot in with_cases}  # fmt: skip
    covered = sum(set(gen.REQUIRED) <= {a for areas in p for a in areas} for p in people.values())
    return {
        "held": len(held),
        "offered": sum(s["capacity"] for s in held),
        "used": len(taking),
        "outcomes": Counter(outcome(c) for c in cases),
        "municipalities": Counter(c["municipality"] for c in cases),
        "matters": Counter(c["matter"] for c in cases),
        "expertise": Counter(e for c in cases for e in c["expertise"]),
        "questions": Counter(str(len(c["questions"])) for c in cases),
        "cases_by_month": Counter(c["session_date"][5:7] for c in cases),
        "places_used_by_month": Counter(c["session_date"][5:7] for c in taking),
        "withdrawn_reasons": Counter(group_of[c["withdrawn_reason"]]
                                     for c in cases if c["status"] == "withdrawn"),
        "expertise_present": present,
        "lead": (len(lead), float(median(lead)), min(lead), max(lead)),
        "statement": (len(statement), float(median(statement)), min(statement), max(statement),
                      round(100 * sum(d <= 14 for d in statement) / len(statement), 1)),
        "coverage": (len(with_cases), covered, sum(len(p) >= 3 for p in people.values())),
        "total": len(cases),
    }  # fmt: skip


COUNTED = ("outcomes", "municipalities", "matters", "expertise", "questions", "cases_by_month",
           "places_used_by_month", "withdrawn_reasons", "expertise_present")  # fmt: skip


def test_one_year_every_number_as_counted_here(cli, home, register):
    write_config(home, "min_count = 1\n")  # appended to [report]: nothing hidden, all exact
    data = report(cli)
    want = expected(register, YEAR, sessions_of(cli, YEAR))
    assert want["total"] > 60 and len(want["municipalities"]) == 5  # a register worth the name
    assert data["sessions"]["held"] == want["held"]
    assert data["places_offered"] == want["offered"]
    assert data["places_used"] == want["used"]
    assert data["slot_use_percent"] == round(100 * want["used"] / want["offered"], 1)
    for name in COUNTED:
        assert data[name]["counts"] == dict(want[name]), name
    for name in ("outcomes", "municipalities", "matters", "questions", "cases_by_month"):
        assert data[name]["total"] == want["total"], name
    assert data["withdrawn_reasons"]["total"] == want["outcomes"]["withdrawn"]
    assert set(data["withdrawn_reasons"]["counts"]) <= {*gen.REASON_GROUPS, "other"}
    b = data["booking_to_session"]
    assert (b["cases"], b["median_days"], b["shortest_days"], b["longest_days"]) == want["lead"]
    s = data["session_to_statement"]
    assert (s["cases"], s["median_days"], s["shortest_days"], s["longest_days"],
            s["within_target_percent"]) == want["statement"]  # fmt: skip
    c = data["coverage_14"]
    assert (c["sessions_with_cases"], c["covered"], c["quorate"]) == want["coverage"]
    assert c["quorum"] == 3
    offered = {s["date"][5:7]: s["capacity"] for s in sessions_of(cli, YEAR)}
    assert data["places_offered_by_month"] == offered
    used = want["places_used_by_month"]
    assert data["slot_use_by_month_percent"] == {
        m: round(100 * used.get(m, 0) / n, 1) for m, n in offered.items()
    }
    previous = data["previous_year"]
    before = register.of_year(YEAR - 1)
    assert previous["year"] == YEAR - 1 and previous["cases"] == len(before)
    assert previous["places_used"] == sum(holds_place(c) for c in before)
    assert data["suppressed"] == []


def test_suppression_over_the_whole_report(cli, register):
    """With report.min_count 5: every count shown is the count made here; every hidden one is
    small or hidden beside another in its table, so no total minus the shown gives one."""
    data = report(cli)
    want = expected(register, YEAR, sessions_of(cli, YEAR))
    hidden_somewhere = 0
    for name in COUNTED:
        counts, truth = dict(data[name]["counts"]), want[name]
        if name == "municipalities" and "other" in counts:
            # the hidden municipalities are one cell, never named: its value is their sum
            folded = [k for k in truth if k not in counts]
            assert len(folded) >= 2 and counts.pop("other") == sum(truth[k] for k in folded)
            assert sum(truth[k] for k in folded) >= 5
            hidden_somewhere += len(folded)
        assert set(counts) <= set(truth), name
        hidden = [k for k, v in counts.items() if v is None]
        hidden_somewhere += len(hidden)
        for key, value in counts.items():
            assert value is None or value == truth[key], (name, key)
        if data[name].get("total") is not None and hidden:
            # the total minus the shown is the hidden cells' sum: at least two cells, and a
            # sum that is not itself small, or each would be known (1 + 1 = 2)
            assert len(hidden) >= 2, name
            assert sum(truth[k] for k in hidden) >= 5, name
        for key in hidden:
            assert f"{name}.{key}" in data["suppressed"]
    # the withdrawn groups: Uurainen's few cases and the small groups are hidden or "other"
    assert hidden_somewhere > 0
    assert "Uurainen" not in data["municipalities"]["counts"]
    assert "Uurainen" not in json.dumps(data, ensure_ascii=False)
    for month, value in data["places_used_by_month"]["counts"].items():
        cases = data["cases_by_month"]["counts"][month]
        # a month's places used is shown only beside its cases, and never a small difference
        if value is not None:
            assert cases is not None and (cases == value or cases - value >= 5)
    for month, value in data["slot_use_by_month_percent"].items():
        used = data["places_used_by_month"]["counts"].get(month, 0)
        assert (value is None) == (used is None)


def test_no_reference_name_question_or_reason_as_typed(cli, register, tmp_path):
    outputs = [cli("report", "--year", str(YEAR), "-f", fmt).stdout
               for fmt in ("text", "markdown", "json", "html")]  # fmt: skip
    for out in outputs:
        for secret in (*gen.SECRETS, *gen.QUESTIONS, *(n for n, _, _ in gen.EXPERTS)):
            assert secret not in out, secret
    assert "Asia ratkesi neuvottelussa" not in "".join(outputs)


def test_every_year_has_its_own_cases(cli, register):
    for year in (2023, 2025):
        data = report(cli, year)
        assert data["municipalities"]["total"] == len(register.of_year(year))
    assert report(cli, 2023)["previous_year"] is None  # the register holds no 2022


# --- one group of two (issue 15's [[groups]]) ---------------------------------------------


@pytest.fixture
def groups(run, home, monkeypatch):
    from mastergroup.io.environment import shipped_config_dir

    config = home / "groups.toml"
    shutil.copy(shipped_config_dir() / "examples" / "county-by-matter.toml", config)
    reasons = ", ".join(f'"{r}"' for r in gen.REASON_GROUPS)
    text = config.read_text(encoding="utf-8") + (
        f"\n[report]\nmin_count = 1\nwithdrawn_reasons = [{reasons}]\n")  # fmt: skip
    config.write_text(text, encoding="utf-8")
    monkeypatch.setenv("MASTERGROUP_CONFIG", str(config))
    monkeypatch.setenv("MASTERGROUP_LANG", "en")
    monkeypatch.setenv("MASTERGROUP_TODAY", TODAY)
    made = gen.Generated()
    # No waiting lists here: `case import` refuses waitlist position 1 in two groups' sessions
    # of the same month (register/backup.py checks positions per slot, not per group and slot).
    for year in (2023, 2024, 2025):
        gen.generate(sessions_of(run, year, "--group", "eho"), seed=year, group="eho",
                     matters=("eho_placement",), per_session=(0, 1), experts=False, into=made)
        gen.generate(sessions_of(run, year, "--group", "maakunta"), seed=year, group="maakunta",
                     matters=gen.MATTERS, per_session=(1, 2), experts=False, into=made)  # fmt: skip
    result = run("case", "import", str(made.backup(home / "groups.json", version=4)))
    assert result.exit_code == 0, result.stderr
    return run, made


@pytest.mark.parametrize("group", ["eho", "maakunta"])
def test_one_group_counts_only_its_cases(groups, group):
    run, made = groups
    data = report(run, YEAR, "--group", group)
    want = expected(made, YEAR, sessions_of(run, YEAR, "--group", group), group)
    assert data["group"] == group
    assert data["sessions"]["held"] == want["held"]
    assert data["places_offered"] == want["offered"] and data["places_used"] == want["used"]
    for name in ("outcomes", "municipalities", "matters", "questions", "cases_by_month",
                 "places_used_by_month", "withdrawn_reasons"):  # fmt: skip
        assert data[name]["counts"] == dict(want[name]), name
    assert data["municipalities"]["total"] == len(made.of_year(YEAR, group))
    both = json.loads(run("report", "--year", str(YEAR), "--group", "all", "-f", "json").stdout)
    assert [r["group"] for r in both] == ["eho", "maakunta"]
    assert sum(r["municipalities"]["total"] for r in both) == len(made.of_year(YEAR))
