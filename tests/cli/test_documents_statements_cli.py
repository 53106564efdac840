"""Issue 13 through the CLI: statements never lost or wrong, documents recorded, edits that
lose nothing. Invented people only."""

from __future__ import annotations

from tests.cli.test_case_cli import book
from tests.cli.test_statement_cli import cli  # noqa: F401 - the fixture: a case, its experts
from tests.conftest import assert_user_error, snapshot

# --- a statement never replaces a file silently ----------------------------------------------


def test_a_statement_run_twice_keeps_the_edited_file(cli, tmp_path):  # noqa: F811
    out = tmp_path / "lausunto.md"
    first = cli("statement", "LS-2023-17", "--format", "md", "-o", str(out))
    assert first.exit_code == 0, first
    edited = out.read_text(encoding="utf-8").replace("Ryhmän näkemys: …", "Ryhmä näki näin.")
    out.write_text(edited, encoding="utf-8")

    again = cli("statement", "LS-2023-17", "--format", "md", "-o", str(out))
    line = assert_user_error(again, 7)
    assert str(out) in line and "--force" in line
    assert out.read_text(encoding="utf-8") == edited  # untouched

    forced = cli("statement", "LS-2023-17", "--format", "md", "-o", str(out), "--force")
    assert forced.exit_code == 0, forced
    kept = tmp_path / "lausunto.1.md"
    assert kept.read_text(encoding="utf-8") == edited  # the coordinator's edits survive
    assert f"{kept}" in forced.stdout
    assert "Ryhmä näki näin." not in out.read_text(encoding="utf-8")
    assert (kept.stat().st_mode & 0o777) == 0o600

    forced = cli("statement", "LS-2023-17", "--format", "md", "-o", str(out), "--force")
    assert forced.exit_code == 0, forced
    assert (tmp_path / "lausunto.2.md").exists() and kept.read_text(encoding="utf-8") == edited


def test_a_session_run_twice_writes_nothing_without_force(cli, tmp_path):  # noqa: F811
    folder = tmp_path / "lausunnot"
    args = ("statement", "--session", "2023-03-31", "--format", "txt", "-o", str(folder))
    assert cli(*args).exit_code == 0
    [written] = folder.iterdir()
    written.write_text("muokattu", encoding="utf-8")
    line = assert_user_error(cli(*args), 7)
    assert str(written) in line
    assert [p.name for p in folder.iterdir()] == [written.name]
    assert written.read_text(encoding="utf-8") == "muokattu"
    forced = cli(*args, "--force")
    assert forced.exit_code == 0, forced
    copy = written.with_name(written.stem + ".1.txt")
    assert copy.read_text(encoding="utf-8") == "muokattu"


def test_a_withdrawn_case_has_no_statement(cli, home, tmp_path):  # noqa: F811
    assert cli("case", "withdraw", "LS-2023-17", "--reason", "asia ratkesi").exit_code == 0
    before = snapshot(home)
    out = tmp_path / "s.md"
    line = assert_user_error(cli("statement", "LS-2023-17", "--format", "md", "-o", str(out)), 4)
    assert "LS-2023-17" in line and "case reinstate" in line
    assert not out.exists() and snapshot(home) == before


def test_a_waiting_case_has_no_statement(run, monkeypatch, tmp_path):
    monkeypatch.setenv("MASTERGROUP_TODAY", "2023-03-01")
    for ref in ("A-1", "A-2"):
        assert book(run, ref, "2023-03-31").exit_code == 0
    assert book(run, "A-3", "2023-03-31", "--waitlist").exit_code == 0
    line = assert_user_error(run("statement", "A-3", "--format", "md", "-o", "-"), 4)
    assert "A-3" in line
