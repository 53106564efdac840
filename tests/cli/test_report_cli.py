"""`mastergroup report` (issue 17) as a user runs it, on an invented register: counts only, and
a small count neither shown nor derivable from a total minus the shown counts.

The register of 2025 (capacity 2, booked on 2025-01-02): Jyväskylä 6 cases, Muurame 5,
Uurainen 1. Uurainen's 1 is below report.min_count (5); 12 - 6 would give Muurame + Uurainen, so
Muurame's 5 is hidden too.
"""

from __future__ import annotations

import json
import shutil
from datetime import date, timedelta

import pytest

from mastergroup.core.report import suppress
from tests.conftest import write_config

SESSIONS = ["2025-01-31", "2025-02-28", "2025-03-28", "2025-04-25", "2025-05-30", "2025-06-13"]
PLACES = ["Jyväskylä"] * 6 + ["Muurame"] * 5 + ["Uurainen"]
WORKER = "Sanna Sosiaalityöntekijä"
QUESTION = "Riittääkö avohuollon tuki perheelle?"


@pytest.fixture
def cli(run, monkeypatch):
    monkeypatch.setenv("MASTERGROUP_LANG", "en")
    return run


def build_register(cli, monkeypatch) -> None:
    monkeypatch.setenv("MASTERGROUP_TODAY", "2025-01-02")
    for i, place in enumerate(PLACES):
        args = ["case", "add", "--ref", f"LS-{i:02}", "--worker", WORKER,
                "--email", "sanna@kunta.example", "--municipality", place,
                "--session", SESSIONS[i // 2], "-q", QUESTION]  # fmt: skip
        if i % 3 == 0:
            args += ["-q", "Täyttyvätkö huostaanoton edellytykset?"]
        result = cli(*args)
        assert result.exit_code == 0, result.stderr
    monkeypatch.setenv("MASTERGROUP_TODAY", "2025-07-01")
    for i in range(8):  # the first four sessions' cases were discussed ...
        assert cli("case", "status", f"LS-{i:02}", "discussed").exit_code == 0
    for i in range(6):  # ... and six statements delivered, 10, 10, 20, 20, 30, 30 days on
        day = date.fromisoformat(SESSIONS[i // 2]) + timedelta(days=10 * (1 + i // 2))
        result = cli("case", "delivered", f"LS-{i:02}", "--date", day.isoformat())
        assert result.exit_code == 0, result.stderr
    monkeypatch.setenv("MASTERGROUP_TODAY", "2026-01-15")


def test_report_json_counts_and_suppression(cli, monkeypatch):
    build_register(cli, monkeypatch)
    result = cli("report", "--year", "2025", "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["sessions"] == {"planned": 11, "held": 11, "cancelled": 0, "moved": 0,
                                "reasons": []}  # fmt: skip
    assert data["places_offered"] == 22
    assert data["places_used"] == 12
    assert data["slot_use_percent"] == 54.5
    # Uurainen's 1 is hidden, and Muurame's 5 with it (one hidden cell would be the total
    # minus the rest); the hidden ones are one "other" cell and never named (a municipality
    # is typed in: the review found a family's name in one)
    assert data["municipalities"]["counts"] == {"Jyväskylä": 6, "other": 6}
    assert data["municipalities"]["total"] == 12
    assert "Uurainen" not in result.stdout and "Muurame" not in result.stdout
    assert data["matters"]["counts"] == {"other": 12}
    # 4 cases brought two questions: hidden, and so the 8 with one (12 - 8 would give 4)
    assert data["questions"]["counts"] == {"1": None, "2": None}
    assert data["questions"]["total"] == 12
    # 4 booked and 2 discussed are both small: hidden; together (12 - 6) they reveal neither
    expected = {"booked": None, "discussed": None, "statement_delivered": 6}
    assert data["outcomes"]["counts"] == expected
    assert data["outcomes"]["total"] == 12
    statement = data["session_to_statement"]
    # its case count would give the hidden outcomes away (12 - 6 - booked = discussed), and
    # 2 of 6 within the target is a small count: both hidden
    assert statement["cases"] is None and statement["median_days"] == 20.0
    assert statement["shortest_days"] == 10 and statement["longest_days"] == 30
    assert statement["within_target_percent"] is None
    assert "session_to_statement.cases" in data["suppressed"]
    assert data["previous_year"] is None
    # the month tables: two cases a month, every month hidden; with no withdrawn or waiting
    # case and two places a month, 12 over six months would make each exactly 2 (their
    # places): the total is hidden too
    months = data["cases_by_month"]
    assert months["counts"] == dict.fromkeys(["01", "02", "03", "04", "05", "06"])
    assert months["total"] is None
    assert set(data["places_used_by_month"]["counts"].values()) == {None}
    assert all(v is None for m, v in data["slot_use_by_month_percent"].items() if m <= "06")


def test_report_never_shows_references_names_or_questions(cli, monkeypatch):
    build_register(cli, monkeypatch)
    for fmt in ("text", "markdown", "json"):
        out = cli("report", "--year", "2025", "--format", fmt).stdout
        assert "LS-" not in out
        assert WORKER not in out and "sanna@" not in out
        assert QUESTION not in out and "huostaanoton edellytykset" not in out


def test_report_text_hides_the_single_case(cli, monkeypatch):
    build_register(cli, monkeypatch)
    out = cli("report", "--year", "2025").stdout
    assert "Uurainen" not in out and "Muurame" not in out
    line = next(x for x in out.splitlines() if "Other municipalities" in x)
    assert " 6 " in f"{line} "
    line = next(x for x in out.splitlines() if x.strip().startswith("Discussed"))
    assert "< 5" in line  # 2: small
    assert "█" in out


def test_report_min_count_is_configurable(cli, monkeypatch, home):
    build_register(cli, monkeypatch)
    write_config(home, "[report]\nmin_count = 1\n")
    data = json.loads(cli("report", "--year", "2025", "-f", "json").stdout)
    assert data["municipalities"]["counts"] == {"Jyväskylä": 6, "Muurame": 5, "Uurainen": 1}
    assert data["suppressed"] == []


def test_report_to_a_file_in_finnish(cli, monkeypatch, tmp_path):
    build_register(cli, monkeypatch)
    target = tmp_path / "report.md"
    result = cli("report", "--year", "2025", "-f", "markdown", "-o", str(target), "--lang", "fi")
    assert result.exit_code == 0, result.stderr
    assert str(target) in result.stdout
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Asiantuntijaryhmän toimintakertomus 2025")
    assert "| Käsitelty | &lt; 5 |" in text  # "< 5", inert in Markdown
    assert "| Muut kunnat (yhteensä) | 6 |" in text and "Uurainen" not in text


def test_report_without_a_register(cli, monkeypatch):
    monkeypatch.setenv("MASTERGROUP_TODAY", "2026-01-15")
    result = cli("report", "--year", "2025", "-f", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["places_used"] == 0 and data["municipalities"]["counts"] == {}


def test_report_bad_year_is_one_line(cli):
    result = cli("report", "--year", "1800")
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1


# --- the suppression itself ----------------------------------------------------------------


def test_one_small_cell_hides_the_next_smallest():
    table = suppress("m", {"a": 1, "b": 7, "c": 9}, 5)
    assert {c.key: c.value for c in table.cells} == {"a": None, "b": None, "c": 9}
    assert table.total == 17


def test_two_small_cells_that_add_up_to_a_small_count_need_a_complement():
    """1 and 2 hidden beside a total of 12 and a shown 9 add up to 3: 12 - 9 = 3 is itself a
    small count (and 1 + 1 would pin both): the next smallest is hidden too."""
    table = suppress("m", {"a": 1, "b": 2, "c": 9}, 5)
    assert {c.key: c.value for c in table.cells} == {"a": None, "b": None, "c": None}
    assert [c.small for c in table.cells] == [True, True, False]  # "< 5", "< 5", ".."
    assert table.total == 12


def test_two_hidden_cells_of_one_each_are_never_left_alone():
    table = suppress("m", {"Jyväskylä": 10, "Uurainen": 1, "Petäjävesi": 1}, 5)
    assert all(c.suppressed for c in table.cells)  # else both would be exactly 1


def test_hidden_cells_that_add_up_to_their_bounds_are_hidden_with_the_total():
    """Hidden months at their places (every session full) would each be known exactly: one
    more is hidden, or, with none left, the total."""
    caps = {"01": 2, "02": 2, "03": 2, "04": 10}
    table = suppress("m", {"01": 2, "02": 2, "03": 2, "04": 9}, 5, bounds=caps)
    assert all(c.suppressed for c in table.cells) and table.total == 15  # 04: 9..10
    full = suppress("m", {"01": 2, "02": 2, "03": 2}, 5, bounds=caps)
    assert full.total is None and all(c.suppressed for c in full.cells)


def test_enough_hidden_that_none_is_known():
    table = suppress("m", {"a": 1, "b": 4, "c": 9}, 5)  # 5 over two cells: 1..4 each
    assert {c.key: c.value for c in table.cells} == {"a": None, "b": None, "c": 9}


def test_a_small_total_hides_everything():
    table = suppress("m", {"a": 1, "b": 2}, 5)
    assert table.total is None and all(c.suppressed for c in table.cells)


def test_without_a_total_no_complement():
    table = suppress("e", {"a": 1, "b": 7, "c": 9}, 5, has_total=False)
    assert {c.key: c.value for c in table.cells} == {"a": None, "b": 7, "c": 9}


def test_nothing_small_nothing_hidden():
    table = suppress("m", {"a": 5, "b": 7}, 5)
    assert [c.value for c in table.cells] == [5, 7] and table.total == 12


def test_why_sessions_moved_in_the_users_language(cli, monkeypatch):
    monkeypatch.setenv("MASTERGROUP_TODAY", "2025-01-10")
    data = json.loads(cli("report", "--year", "2024", "-f", "json").stdout)
    assert data["sessions"]["moved"] == 1  # Good Friday 29.3.2024, one week earlier
    assert data["sessions"]["reasons"] == [
        {"kind": "day_off_moved", "day_off": "good_friday", "reason": "Good Friday"}
    ]
    assert data["places_used"] == 0  # no case at all identifies no one
    text = cli("report", "--year", "2024", "--lang", "fi").stdout
    assert "pitkäperjantai" in text


def test_every_group_one_report_each(cli, monkeypatch, home):
    from mastergroup.io.environment import shipped_config_dir

    config = home / "groups.toml"
    shutil.copy(shipped_config_dir() / "examples" / "county-by-matter.toml", config)
    monkeypatch.setenv("MASTERGROUP_CONFIG", str(config))
    monkeypatch.setenv("MASTERGROUP_TODAY", "2025-01-10")
    result = cli("report", "--year", "2024", "--group", "all", "-f", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert isinstance(data, list) and len(data) == 2
    assert len({r["group"] for r in data}) == 2
    one = data[0]["group"]
    alone = json.loads(cli("report", "--year", "2024", "--group", one, "-f", "json").stdout)
    assert alone == data[0]


def test_a_single_withdrawal_cannot_be_computed_from_other_totals(cli, monkeypatch):
    build_register(cli, monkeypatch)
    monkeypatch.setenv("MASTERGROUP_TODAY", "2025-09-01")
    assert cli("case", "withdraw", "LS-11", "--reason", "Perhe muutti").exit_code == 0
    monkeypatch.setenv("MASTERGROUP_TODAY", "2026-01-15")
    data = json.loads(cli("report", "--year", "2025", "-f", "json").stdout)
    assert data["outcomes"]["counts"]["withdrawn"] is None
    totals = {data[t]["total"] for t in ("outcomes", "municipalities", "matters", "questions")}
    assert totals == {12}  # every table counts the same cases: no difference gives it away
    assert data["places_used"] is None  # 12 - 11 would give the one withdrawal
    out = (
        cli("report", "--year", "2025", "-f", "json").stdout
        + cli("report", "--year", "2025").stdout
    )
    assert "Perhe muutti" not in out


def test_a_municipality_typed_with_a_familys_name_never_reaches_the_report(cli, monkeypatch):
    """The municipality is free text ("Kunta tai yksikkö"): a hidden one is never named, in
    any format, nor in the JSON's `suppressed` (the review found this one printed)."""
    build_register(cli, monkeypatch)
    monkeypatch.setenv("MASTERGROUP_TODAY", "2025-07-01")
    typed = "Laukaa, Virtasen perhe (Matti 7 v)"
    result = cli("case", "add", "--ref", "LS-99", "--worker", WORKER, "--email",
                 "sanna@kunta.example", "--municipality", typed, "--session", "2025-08-29",
                 "-q", QUESTION)  # fmt: skip
    assert result.exit_code == 0, result.stderr
    monkeypatch.setenv("MASTERGROUP_TODAY", "2026-01-15")
    for fmt in ("text", "markdown", "json", "html"):
        out = cli("report", "--year", "2025", "--format", fmt).stdout
        assert "Virtasen" not in out and "Matti" not in out, fmt
