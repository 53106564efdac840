"""Issue 13 through the CLI: statements never lost or wrong, documents recorded, edits that
lose nothing. Invented people only."""

from __future__ import annotations

import json

import pytest

from tests.cli.test_case_cli import book
from tests.cli.test_statement_cli import cli  # noqa: F401 - the fixture: a case, its experts
from tests.conftest import assert_user_error, new_register, snapshot, write_config

# issue 16: every test here runs on both backends, SQLite and PostgreSQL (tests/conftest.py)
pytestmark = pytest.mark.usefixtures("backend")

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


# --- which documents arrived, and when ------------------------------------------------------


def test_documents_by_kind_reach_show_agenda_and_statement(run, monkeypatch, tmp_path):
    monkeypatch.setenv("MASTERGROUP_TODAY", "2023-03-01")
    monkeypatch.setenv("MASTERGROUP_LANG", "fi")
    assert book(run, "LS-1", "2023-03-31").exit_code == 0
    assert "ei saapuneita asiakirjoja" in run("case", "show", "LS-1").stdout
    done = run("case", "documents", "LS-1", "--received", "client_plan", "--date", "2023-02-27")
    assert done.exit_code == 0, done
    assert "asiakassuunnitelma (27.2.2023)" in done.stdout
    later = run("case", "documents", "LS-1", "--received", "summary")
    assert later.exit_code == 0, later
    shown = run("case", "show", "LS-1").stdout
    assert "- asiakassuunnitelma (27.2.2023)" in shown and "- yhteenveto (1.3.2023)" in shown
    assert "huostaanottohakemus" not in shown
    agenda = run("agenda", "--session", "2023-03-31").stdout
    assert "asiakassuunnitelma (27.2.2023), yhteenveto (1.3.2023)" in agenda
    monkeypatch.setenv("MASTERGROUP_TODAY", "2023-04-03")
    text = run("statement", "LS-1", "--format", "md", "-o", "-").stdout
    assert "- asiakassuunnitelma, saapunut 27.2.2023" in text
    assert "- yhteenveto, saapunut 1.3.2023" in text
    assert "huostaanottohakemus" not in text  # never a document that did not come


def test_a_case_without_documents_says_so_in_its_statement(run, monkeypatch):
    monkeypatch.setenv("MASTERGROUP_TODAY", "2023-03-01")
    assert book(run, "LS-2", "2023-03-31").exit_code == 0
    monkeypatch.setenv("MASTERGROUP_TODAY", "2023-04-03")
    for lang, words in (("fi", "Ryhmälle ei toimitettu asiakirjoja."),
                        ("sv", "Gruppen fick inga handlingar."),
                        ("en", "No documents were sent to the group.")):  # fmt: skip
        text = run("statement", "LS-2", "--format", "txt", "--lang", lang, "-o", "-").stdout
        assert words in text
        assert "asiakassuunnitelma" not in text and "huostaanottohakemus" not in text


@pytest.mark.parametrize("fmt", ["txt", "md", "docx"])
def test_a_statement_without_documents_does_not_announce_a_list(run, home, monkeypatch, fmt):
    """'The group had the following documents:' is not followed by 'none came' (issue 13)."""
    monkeypatch.setenv("MASTERGROUP_TODAY", "2023-03-01")
    assert book(run, "LS-4", "2023-03-31").exit_code == 0
    monkeypatch.setenv("MASTERGROUP_TODAY", "2023-04-03")
    target = home / f"s.{fmt}"
    assert run("statement", "LS-4", "--format", fmt, "-o", str(target)).exit_code == 0
    if fmt == "docx":
        from docx import Document

        text = "\n".join(p.text for p in Document(str(target)).paragraphs)
    else:
        text = target.read_text(encoding="utf-8")
    assert "Ryhmälle ei toimitettu asiakirjoja." in text
    assert "seuraavat asiakirjat" not in text


def test_an_unknown_kind_is_refused_and_the_list_is_configurable(run, home, monkeypatch):
    monkeypatch.setenv("MASTERGROUP_TODAY", "2023-03-01")
    monkeypatch.setenv("MASTERGROUP_LANG", "en")
    assert book(run, "LS-3", "2023-03-31").exit_code == 0
    before = snapshot(home)
    line = assert_user_error(run("case", "documents", "LS-3", "--received", "diary"), 2)
    assert "client_plan, care_order_application, summary" in line and "documents.kinds" in line
    assert snapshot(home) == before
    write_config(home, '[documents]\nkinds = ["client_plan", "school_report"]\n')
    done = run("case", "documents", "LS-3", "--received", "school_report")
    assert done.exit_code == 0, done
    assert "school_report (2023-03-01)" in run("case", "show", "LS-3").stdout


def test_received_documents_survive_export_and_import(run, home, monkeypatch, tmp_path):
    monkeypatch.setenv("MASTERGROUP_TODAY", "2023-03-01")
    assert book(run, "LS-4", "2023-03-31").exit_code == 0
    assert book(run, "LS-5", "2023-03-31").exit_code == 0
    args = ("case", "documents", "LS-4", "--received", "client_plan", "summary")
    assert run(*args, "--date", "2023-02-20").exit_code == 0
    exported = run("case", "export").stdout
    data = json.loads(exported)
    assert data["version"] >= 3  # an older mastergroup refuses it rather than drop them
    [with_docs, without] = data["cases"]
    assert with_docs["documents"] == [
        {"kind": "client_plan", "received": "2023-02-20"},
        {"kind": "summary", "received": "2023-02-20"},
    ]
    assert list(with_docs)[-1] == "documents" and "documents" not in without
    backup = tmp_path / "b.json"
    backup.write_text(exported, encoding="utf-8")
    new_register(monkeypatch, tmp_path / "restored")
    assert run("case", "import", str(backup)).exit_code == 0
    assert json.loads(run("case", "export").stdout)["cases"] == data["cases"]


# --- editing questions without losing one ---------------------------------------------------


def _questions(run, ref):
    return json.loads(run("case", "show", ref, "--format", "json").stdout)["questions"]


def test_questions_are_edited_one_at_a_time_and_counted(run, home, monkeypatch):
    monkeypatch.setenv("MASTERGROUP_TODAY", "2023-03-01")
    monkeypatch.setenv("MASTERGROUP_LANG", "en")
    assert book(run, "Q-1", "2023-03-31", questions=("Yksi?", "Kaksi?")).exit_code == 0
    done = run("case", "edit", "Q-1", "--replace-question", "2", "Kaksi tarkemmin?")
    assert done.stdout.splitlines()[-1] == "Questions: 2 → 2."
    done = run("case", "edit", "Q-1", "--add-question", "Kolme?")
    assert done.stdout.splitlines()[-1] == "Questions: 2 → 3."
    assert _questions(run, "Q-1") == ["Yksi?", "Kaksi tarkemmin?", "Kolme?"]
    done = run("case", "edit", "Q-1", "--remove-question", "1")
    assert done.stdout.splitlines()[-1] == "Questions: 3 → 2."
    assert _questions(run, "Q-1") == ["Kaksi tarkemmin?", "Kolme?"]
    done = run("case", "edit", "Q-1", "-q", "Vain yksi?")  # the contract: -q replaces all
    assert done.stdout.splitlines()[-1] == "Questions: 2 → 1."
    before = snapshot(home)
    assert "no question 4" in assert_user_error(run("case", "edit", "Q-1", "--remove-question",
                                                    "4"), 2)  # fmt: skip
    assert_user_error(run("case", "edit", "Q-1", "--remove-question", "1"), 4)  # none left
    assert_user_error(run("case", "edit", "Q-1", "-q", "A?", "--add-question", "B?"), 2)
    assert snapshot(home) == before
    audit = run("case", "audit", "--ref", "Q-1").stdout
    assert "questions 2 -> 1" in audit and "Vain yksi" not in audit  # counts, never the text


# --- a withdrawal can be undone ---------------------------------------------------------------


def test_reinstate_puts_a_case_back_in_its_place_or_on_the_waiting_list(run, home, monkeypatch):
    monkeypatch.setenv("MASTERGROUP_TODAY", "2023-03-01")
    monkeypatch.setenv("MASTERGROUP_LANG", "en")
    for ref in ("R-1", "R-2"):
        assert book(run, ref, "2023-03-31").exit_code == 0
    assert run("case", "documents", "R-1", "--received", "summary").exit_code == 0
    assert run("case", "withdraw", "R-1", "--reason", "perhe muutti").exit_code == 0
    back = run("case", "reinstate", "R-1")
    assert back.stdout == "Reinstated: R-1, Fri 31 Mar 2023 (2/2 places taken).\n", back
    record = json.loads(run("case", "show", "R-1", "--format", "json").stdout)
    assert record["status"] == "documents_received" and record["withdrawn_reason"] == ""
    assert record["documents"] == [{"kind": "summary", "received": "2023-03-01"}]
    assert record["questions"] == ["Mitä nyt tehdään?"]
    before = snapshot(home)
    line = assert_user_error(run("case", "reinstate", "R-1"), 4)  # not withdrawn
    assert "R-1" in line and "documents received" in line and "documents_received" not in line
    assert snapshot(home) == before

    # full: the waiting list
    assert run("case", "withdraw", "R-1", "--reason", "x").exit_code == 0
    assert book(run, "R-3", "2023-03-31").exit_code == 0
    back = run("case", "reinstate", "R-1")
    assert "waiting list" in back.stdout and "place 1" in back.stdout and "full" in back.stdout

    # past the cutoff: the waiting list, unless --late --reason
    assert run("case", "withdraw", "R-3", "--reason", "x").exit_code == 0  # R-1 promoted
    assert run("case", "withdraw", "R-2", "--reason", "x").exit_code == 0
    monkeypatch.setenv("MASTERGROUP_TODAY", "2023-03-20")
    back = run("case", "reinstate", "R-2")
    assert "waiting list" in back.stdout and "--late" in back.stdout, back
    late = run("case", "reinstate", "R-3", "--late", "--reason", "sovittu")
    assert late.stdout.startswith("Reinstated: R-3"), late
    assert run("case", "withdraw", "R-3", "--reason", "x").exit_code == 0

    # a session that is over: refused, nothing changed
    monkeypatch.setenv("MASTERGROUP_TODAY", "2023-04-03")
    before = snapshot(home)
    line = assert_user_error(run("case", "reinstate", "R-3", "--late", "--reason", "x"), 4)
    assert "in the past" in line and snapshot(home) == before
