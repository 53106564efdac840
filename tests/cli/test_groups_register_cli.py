"""Issue 15, the second half, as a user runs it: one register for every group of a
configuration (`group_id` on each case), `--group` on every command about sessions or cases,
`group` in the JSON records and the backup, `remind` over every group in one run."""

from __future__ import annotations

import json

import pytest

from mastergroup.io.environment import shipped_config_dir
from tests.conftest import new_register, query

# issue 16: every test here runs on both backends, SQLite and PostgreSQL (tests/conftest.py)
pytestmark = pytest.mark.usefixtures("backend")

SOME = (
    "case", "add", "--worker", "Sanna S", "--email", "s@kunta.example",
    "--municipality", "Jyväskylä", "--question", "Riittääkö tuki?",
)  # fmt: skip
BOOK = (*SOME, "--next")


@pytest.fixture
def county(run, monkeypatch):
    """The example of two county-wide groups split by matter: eho and maakunta, both meeting in
    January 2025 (slot 2025-01 in each), neither of them the default."""
    example = shipped_config_dir() / "examples" / "county-by-matter.toml"
    monkeypatch.setenv("MASTERGROUP_CONFIG", str(example))
    monkeypatch.setenv("MASTERGROUP_TODAY", "2025-01-10")
    monkeypatch.setenv("MASTERGROUP_LANG", "en")
    return run


def ok(result):
    assert result.exit_code == 0, result
    return result


def test_two_groups_share_one_register_and_keep_their_places_apart(county, home):
    ok(county(*BOOK, "--ref", "EHO-1", "--matter", "eho_placement"))
    ok(county(*BOOK, "--ref", "MK-1", "--matter", "substitute_care"))
    # eho takes one case a session: its January is full, maakunta's is not touched by it
    full = county(*SOME, "--ref", "EHO-2", "--matter", "eho_placement", "--session", "2025-01-29")
    assert full.exit_code == 4 and len(full.stderr.splitlines()) == 1, full
    ok(county(*SOME, "--ref", "MK-2", "--matter", "other", "--session", "2025-01-28"))
    assert not (home / "home" / "groups").exists()  # no folder per group any more
    stored = dict(query(home, "SELECT ref, group_id FROM cases"))  # type: ignore[arg-type]
    assert stored == {"EHO-1": "", "MK-1": "maakunta", "MK-2": "maakunta"}  # eho is first
    eho = json.loads(ok(county("case", "list", "--group", "eho", "--format", "json")).stdout)
    assert [(c["ref"], c["group"]) for c in eho] == [("EHO-1", "eho")]
    shown = ok(county("case", "show", "MK-1", "--group", "maakunta", "--format", "json"))
    assert json.loads(shown.stdout)["group"] == "maakunta"
    missing = county("case", "show", "MK-1", "--group", "eho")
    assert missing.exit_code == 5 and len(missing.stderr.splitlines()) == 1, missing


def test_a_command_without_group_names_the_groups_when_ambiguous(county):
    ok(county(*BOOK, "--ref", "MK-1", "--matter", "substitute_care"))
    for args in (
        ("case", "show", "MK-1"),
        ("case", "withdraw", "MK-1", "--reason", "x"),
        ("agenda",),
        ("session", "experts", "2025-01-28"),
    ):
        result = county(*args)
        assert result.exit_code == 2, (args, result)
        assert "eho, maakunta" in result.stderr and len(result.stderr.splitlines()) == 1
    unknown = county("case", "show", "MK-1", "--group", "nowhere")
    assert unknown.exit_code == 2 and "eho, maakunta" in unknown.stderr
    ok(county("case", "withdraw", "MK-1", "--group", "maakunta", "--reason", "Ei tarvita"))


def test_agenda_json_names_the_group_id(county):
    ok(county(*BOOK, "--ref", "MK-1", "--matter", "substitute_care"))
    agenda = json.loads(ok(county("agenda", "--group", "maakunta", "--format", "json")).stdout)
    assert agenda["group_id"] == "maakunta" and [c["ref"] for c in agenda["cases"]] == ["MK-1"]
    assert agenda["group"] == "County-wide child welfare expert group"  # the name, as before


def test_the_backup_carries_each_group_and_restores_it(county, home, tmp_path, monkeypatch):
    ok(county(*BOOK, "--ref", "EHO-1", "--matter", "eho_placement"))
    ok(county(*BOOK, "--ref", "MK-1", "--matter", "substitute_care"))
    backup = tmp_path / "backup.json"
    ok(county("case", "export", "--output", str(backup)))
    data = json.loads(backup.read_text(encoding="utf-8"))
    assert data["version"] >= 4  # 5 when audit lines name who acted (issue 16)
    assert {c["ref"]: c["group"] for c in data["cases"]} == {"EHO-1": "eho", "MK-1": "maakunta"}
    new_register(monkeypatch, tmp_path / "restored")
    ok(county("case", "import", str(backup)))
    listed = ok(county("case", "list", "--group", "maakunta", "--format", "json")).stdout
    assert [c["ref"] for c in json.loads(listed)] == ["MK-1"]


def test_an_older_backup_imports_into_the_group_chosen(county, tmp_path, monkeypatch):
    """A single group's backup (version 2, no `group`) goes into --group (default: the only
    or the default group); without a choice among several groups: a usage error."""
    ok(county(*BOOK, "--ref", "MK-1", "--matter", "substitute_care", "--group", "maakunta"))
    backup = tmp_path / "backup.json"
    ok(county("case", "export", "--output", str(backup)))
    data = json.loads(backup.read_text(encoding="utf-8"))
    for case in data["cases"]:
        del case["group"]
    data["version"] = 2
    backup.write_text(json.dumps(data), encoding="utf-8")
    new_register(monkeypatch, tmp_path / "restored")
    refused = county("case", "import", str(backup))
    assert refused.exit_code == 2 and "eho, maakunta" in refused.stderr, refused
    ok(county("case", "import", str(backup), "--group", "maakunta"))
    listed = ok(county("case", "list", "--group", "maakunta", "--format", "json")).stdout
    assert [(c["ref"], c["group"]) for c in json.loads(listed)] == [("MK-1", "maakunta")]


def test_remind_runs_every_group_in_one_run(county, tmp_path, monkeypatch):
    """Two groups' January agendas share the slot 2025-01: the further group's key carries its
    id, so neither is taken for the other's as sent."""
    config = tmp_path / "county.toml"
    example = shipped_config_dir() / "examples" / "county-by-matter.toml"
    mail = '[mail]\nhost = "127.0.0.1"\nsecurity = "none"\nsender = "k@x.example"\n'
    mail += 'recipients = ["k@x.example"]\n'
    config.write_text(example.read_text(encoding="utf-8") + "\n" + mail, encoding="utf-8")
    monkeypatch.setenv("MASTERGROUP_CONFIG", str(config))
    ok(county(*BOOK, "--ref", "EHO-1", "--matter", "eho_placement"))
    ok(county(*BOOK, "--ref", "MK-1", "--matter", "substitute_care"))
    monkeypatch.setenv("MASTERGROUP_TODAY", "2025-01-22")
    both = ok(county("remind", "--dry-run")).stdout
    assert "Would send: agenda:2025-01: Expert group for periods of special care" in both
    assert "Would send: maakunta:agenda:2025-01: County-wide" in both
    one = ok(county("remind", "--dry-run", "--group", "eho")).stdout
    assert "agenda:2025-01" in one and "maakunta:" not in one


def test_the_audit_log_is_read_per_group(county):
    ok(county(*BOOK, "--ref", "EHO-1", "--matter", "eho_placement"))
    ok(county(*BOOK, "--ref", "MK-1", "--matter", "substitute_care"))
    eho = json.loads(ok(county("case", "audit", "--group", "eho", "--format", "json")).stdout)
    assert [(e["ref"], e["group"]) for e in eho] == [("EHO-1", "eho")]
    county_lines = ok(county("case", "audit", "--group", "maakunta", "--format", "json")).stdout
    assert [(e["ref"], e["group"]) for e in json.loads(county_lines)] == [("MK-1", "maakunta")]


def test_an_expert_attends_two_groups_sessions_of_one_month(county):
    """The pool is shared; attendance is per group, so slot 2025-01 of eho and of maakunta are
    two sessions."""
    from tests.cli.test_expert_cli import LAW

    ok(county("expert", "add", *LAW))
    ok(county("session", "experts", "2025-01-29", "--group", "eho", "--add", "Lea Lakimies"))
    county_day = ok(county("session", "experts", "2025-01-28", "--group", "maakunta"))
    assert "Lea Lakimies" not in county_day.stdout
    ok(county("session", "experts", "2025-01-28", "--group", "maakunta", "--add", "Lea Lakimies"))
    ok(county("session", "experts", "2025-01-29", "--group", "eho", "--remove", "Lea Lakimies"))
    assert (
        "Lea Lakimies"
        in ok(county("session", "experts", "2025-01-28", "--group", "maakunta")).stdout
    )
    assert (
        "Lea Lakimies"
        not in ok(county("session", "experts", "2025-01-29", "--group", "eho")).stdout
    )


def test_a_single_groups_register_becomes_the_first_groups(run, home, monkeypatch):
    """A register written before [[groups]] migrates without a change: its cases are the
    first group's, and a further group starts empty."""
    monkeypatch.setenv("MASTERGROUP_TODAY", "2025-01-10")
    ok(run(*BOOK, "--ref", "OLD-1", "--matter", "other"))
    example = shipped_config_dir() / "examples" / "county-by-matter.toml"
    monkeypatch.setenv("MASTERGROUP_CONFIG", str(example))
    first = json.loads(ok(run("case", "list", "--group", "eho", "--format", "json")).stdout)
    assert [(c["ref"], c["group"]) for c in first] == [("OLD-1", "eho")]
    assert (
        json.loads(ok(run("case", "list", "--group", "maakunta", "--format", "json")).stdout) == []
    )


def test_one_reference_in_two_groups_sessions_of_one_month(county, tmp_path, monkeypatch):
    """Unique per group and session (the issue-15 step rebuilds the cases table for it)."""
    ok(county(*SOME, "--ref", "LS-1", "--matter", "eho_placement", "--session", "2025-01-29"))
    ok(county(*SOME, "--ref", "LS-1", "--matter", "other", "--session", "2025-01-28"))
    again = county(*SOME, "--ref", "LS-1", "--matter", "other", "--session", "2025-01-28")
    assert again.exit_code == 4 and len(again.stderr.splitlines()) == 1, again
    backup = tmp_path / "backup.json"
    ok(county("case", "export", "--output", str(backup)))
    new_register(monkeypatch, tmp_path / "restored")
    ok(county("case", "import", str(backup)))
    for group in ("eho", "maakunta"):
        listed = ok(county("case", "list", "--group", group, "--format", "json")).stdout
        assert [c["ref"] for c in json.loads(listed)] == ["LS-1"]


@pytest.mark.sqlite_only  # SQLite's migration of an older file (PostgreSQL: tests/test_postgres.py)
def test_a_version_5_register_migrates_with_its_cases_and_questions(county, home):
    from mastergroup.register import connection
    from mastergroup.register.migrations import MIGRATIONS

    stamp = "2025-01-02T08:00:00+00:00"
    with connection.transaction(home / "home", "BEGIN IMMEDIATE", MIGRATIONS[:5]) as conn:
        conn.execute(
            "INSERT INTO cases (ref, slot, session_date, status, worker_name, worker_email, "
            "municipality, matter, created_at, updated_at) VALUES ('OLD-1', '2025-01', "
            "'2025-01-29', 'booked', 'S', 's@kunta.example', 'J', 'other', ?, ?)",
            (stamp, stamp),
        )
        conn.execute("INSERT INTO questions VALUES (1, 1, 'Riittääkö tuki?')")
    shown = json.loads(
        ok(county("case", "show", "OLD-1", "--group", "eho", "--format", "json")).stdout
    )
    assert (shown["questions"], shown["group"], shown["created_at"]) == (
        ["Riittääkö tuki?"],
        "eho",
        stamp,
    )
    missing = county("case", "show", "OLD-1", "--group", "maakunta")
    assert missing.exit_code == 5, missing


def test_a_statement_is_the_groups(county, monkeypatch):
    ok(county(*BOOK, "--ref", "MK-1", "--matter", "substitute_care"))
    monkeypatch.setenv("MASTERGROUP_TODAY", "2025-01-30")
    text = ok(county("statement", "MK-1", "--group", "maakunta", "--format", "md", "-o", "-"))
    assert "**County-wide child welfare expert group**" in text.stdout
    other = county("statement", "MK-1", "--group", "eho", "--format", "md", "-o", "-")
    assert other.exit_code == 5 and len(other.stderr.splitlines()) == 1, other


def test_two_groups_waiting_lists_of_one_month_survive_a_backup(county, tmp_path, monkeypatch):
    """Each group's waiting list starts at 1 in the same month (slot 2025-01): the backup's
    positions are the groups' own, and the restore keeps each group's order."""
    eho = (*SOME, "--matter", "eho_placement", "--session", "2025-01-29")
    mk = (*SOME, "--matter", "substitute_care", "--session", "2025-01-28")
    ok(county(*eho, "--ref", "EHO-1"))
    ok(county(*eho, "--ref", "EHO-2", "--waitlist"))
    for ref in ("MK-1", "MK-2"):
        ok(county(*mk, "--ref", ref))
    for ref in ("MK-3", "MK-4"):
        ok(county(*mk, "--ref", ref, "--waitlist"))

    def queues() -> dict[str, list[tuple[str, int]]]:
        found = {}
        for group in ("eho", "maakunta"):
            listed = json.loads(ok(county("case", "list", "--group", group, "--format", "json"))
                                .stdout)  # fmt: skip
            found[group] = [(c["ref"], c["waitlist_position"]) for c in listed if c["waitlisted"]]
        return found

    before = queues()
    assert before == {"eho": [("EHO-2", 1)], "maakunta": [("MK-3", 1), ("MK-4", 2)]}
    backup = tmp_path / "backup.json"
    ok(county("case", "export", "--output", str(backup)))
    new_register(monkeypatch, tmp_path / "restored")
    ok(county("case", "import", str(backup)))
    assert queues() == before


def test_a_groups_listing_is_measured_on_its_own_cases(county):
    """The column widths of `case list --group` come from that group's cases only: a long
    reference of the other group does not widen them (nor its waiting list the place column)."""
    ok(county(*BOOK, "--ref", "EHO-1", "--matter", "eho_placement"))
    long_ref = "MK-" + "X" * 40
    ok(county(*BOOK, "--ref", long_ref, "--matter", "substitute_care"))
    listed = ok(county("case", "list", "--group", "eho", "--all")).stdout  # measured by SQL
    [line] = [x for x in listed.splitlines() if "EHO-1" in x]
    assert "EHO-1" + " " * 10 not in line, line
