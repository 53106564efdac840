"""`case export` / `case import` (backup version 2) as a user runs them: the whole register
comes back (cases, statement delivery dates, the experts' pool incl. removed experts,
attendance, the sent log), version 1 still imports, and every refusal is one line that leaves
no register behind. Real SQLite files; invented people only.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from mastergroup.core.errors import StorageError
from mastergroup.core.model import AuditEntry
from mastergroup.register import store
from tests.cli.test_agenda_cli import mail_config
from tests.cli.test_case_cli import book, booked, data_dir, refused
from tests.cli.test_expert_cli import DOC, LAW, PSY, ok
from tests.conftest import new_register, query
from tests.smtpd import smtp_server

# issue 16: every test here runs on both backends, SQLite and PostgreSQL (tests/conftest.py)
pytestmark = pytest.mark.usefixtures("backend")

NOW = datetime(2023, 3, 1, 8, 0, tzinfo=UTC)
STAMP = NOW.isoformat()
TABLES = ("cases", "questions", "experts", "session_experts", "sent")


@pytest.fixture
def cli(run, monkeypatch):
    monkeypatch.setenv("MASTERGROUP_TODAY", "2023-03-01")
    monkeypatch.setenv("MASTERGROUP_LANG", "en")
    return run


@pytest.fixture
def on_day(monkeypatch):
    def set_day(day: str) -> None:
        monkeypatch.setenv("MASTERGROUP_TODAY", day)

    return set_day


def rows(home: Path) -> dict[str, int]:
    return {t: int(query(home, f"SELECT COUNT(*) FROM {t}")[0][0]) for t in TABLES}  # type: ignore[call-overload]  # noqa: S608


def case(ref: str, **changes: object) -> dict[str, object]:
    """A complete case record as `case export` writes it (version 2)."""
    record: dict[str, object] = {
        "ref": ref, "session_date": "2023-03-31", "slot": "2023-03", "status": "booked",
        "waitlisted": False, "waitlist_position": None, "worker": "Sanna Sosiaalityöntekijä",
        "worker_email": "sanna@kunta.example", "worker_phone": "", "municipality": "Jyväskylä",
        "matter": "other", "expertise": [], "questions": ["Mitä nyt tehdään?"],
        "documents_received": None, "late_reason": "", "withdrawn_reason": "",
        "created_at": STAMP, "updated_at": STAMP, "statement_delivered": None,
    }  # fmt: skip
    return record | changes


def expert(name: str, **changes: object) -> dict[str, object]:
    record: dict[str, object] = {
        "name": name, "title": "psykologi", "organisation": "Perheneuvola", "email": "",
        "areas": ["growth_development"], "removed": False, "created_at": STAMP,
        "updated_at": STAMP, "attended": [],
    }  # fmt: skip
    return record | changes


def sent(key: str = "cutoff:2023-03", **changes: object) -> dict[str, object]:
    record = {"key": key, "kind": "cutoff", "slot": "2023-03", "sent_at": STAMP, "recipients": 2}
    return record | changes


def backup(**changes: object) -> dict[str, object]:
    """A valid version 2 backup with one case, one expert and one sent message."""
    data: dict[str, object] = {
        "format": "mastergroup-backup",
        "version": 2,
        "schema_version": 3,
        "exported_at": STAMP,
        "cases": [case("A")],
        "experts": [expert("Pertti Psykologi", attended=["2023-03"])],
        "sent": [sent()],
        "audit": [],
    }
    return data | changes


def write(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_round_trip_keeps_experts_attendance_delivery_dates_and_the_sent_log(
    cli, home, tmp_path, monkeypatch, on_day
):
    booked(cli, "LS-1", "LS-2")
    for person in (PSY, LAW, DOC):
        ok(cli("expert", "add", *person))
    ok(cli("session", "experts", "2023-03-31", "--add", "Pertti Psykologi", "--add",
           "Lea Lakimies"))  # fmt: skip
    ok(cli("expert", "remove", "Lea Lakimies"))  # attended: kept, marked removed
    on_day("2023-03-24")
    with smtp_server() as (box, port):
        mail_config(home, port)
        ok(cli("remind"))  # sends agenda:2023-03 and documents:2023-03
    assert len(box.envelopes) == 2
    on_day("2023-04-03")
    ok(cli("case", "delivered", "LS-1", "--date", "2023-04-03"))
    first_file = tmp_path / "backup.json"
    ok(cli("case", "export", "--output", str(first_file)))
    first = json.loads(first_file.read_text(encoding="utf-8"))
    assert first["version"] == 5  # issue 16: its audit lines name who acted
    delivered = {c["ref"]: c["statement_delivered"] for c in first["cases"]}
    assert delivered == {"LS-1": "2023-04-03", "LS-2": None}
    pool = {e["name"]: (e["removed"], e["attended"]) for e in first["experts"]}
    assert pool == {
        "Lea Lakimies": (True, ["2023-03"]),
        "Liisa Lääkäri": (False, []),
        "Pertti Psykologi": (False, ["2023-03"]),
    }
    assert [(s["key"], s["recipients"]) for s in first["sent"]] == [
        ("agenda:2023-03", 3),
        ("documents:2023-03", 1),
    ]

    new_register(monkeypatch, tmp_path / "restored")
    result = ok(cli("case", "import", str(first_file)))
    assert result.stdout == (
        f"Imported 2 cases, {len(first['experts'])} experts with their attendance, 2 sent-mail "
        f"records and {len(first['audit'])} audit lines.\n"
    )
    second = json.loads(ok(cli("case", "export")).stdout)
    assert second["exported_at"] >= first["exported_at"]
    assert second["audit"][:-1] == first["audit"]
    assert (second["audit"][-1]["command"], second["audit"][-1]["count"]) == ("import", 2)
    apart = ("exported_at", "audit")
    assert {k: v for k, v in second.items() if k not in apart} == {
        k: v for k, v in first.items() if k not in apart
    }

    attending = ok(cli("session", "experts", "2023-03-31")).stdout
    assert "Lea Lakimies" in attending and "Pertti Psykologi" in attending
    assert "Lea Lakimies" not in ok(cli("expert", "list")).stdout  # still removed
    on_day("2023-03-25")  # the agenda would be due again: it was sent, so it is not planned
    again = ok(cli("remind", "--dry-run"))
    assert "Already sent: agenda:2023-03" in again.stdout
    assert "Would send: agenda:2023-03" not in again.stdout


def test_a_version_1_backup_still_imports(cli, home, tmp_path):
    record = case("A")
    del record["statement_delivered"]
    old = {
        "format": "mastergroup-backup",
        "version": 1,
        "schema_version": 1,
        "exported_at": STAMP,
        "cases": [record],
        "audit": [store.audit_record(AuditEntry(NOW, "add", "A", "2023-03", ("ref",)))],
    }
    result = ok(cli("case", "import", str(write(tmp_path / "v1.json", old))))
    assert result.stdout == "Imported 1 cases and 1 audit lines.\n"
    now = json.loads(ok(cli("case", "export")).stdout)
    assert now["cases"] == [case("A")]  # statement_delivered: null
    assert (now["version"], now["experts"], now["sent"]) == (5, [], [])  # the import: actor


def test_a_full_version_2_backup_imports_everything(cli, home, tmp_path):
    data = backup(
        cases=[
            case("A", status="discussed", session_date="2023-02-24", slot="2023-02"),
            case("B", status="statement_delivered", session_date="2023-02-24", slot="2023-02",
                 statement_delivered="2023-03-01"),
        ],
    )  # fmt: skip
    ok(cli("case", "import", str(write(tmp_path / "b.json", data))))
    assert rows(home) == {"cases": 2, "questions": 2, "experts": 1, "session_experts": 1,
                          "sent": 1}  # fmt: skip
    again = json.loads(ok(cli("case", "export")).stdout)
    assert again["cases"] == data["cases"] and again["experts"] == data["experts"]
    # a backup from before issue 13 comes back with the agenda fields empty (additive format)
    assert again["sent"] == [{**r, "fingerprint": "", "sequence": None} for r in data["sent"]]


_WRONG = {
    "version as text": (
        {"version": "1"},
        2,
        "the field version must be a whole number without quotes (1, 2, 3, 4, 5)",
    ),
    "version as null": (
        {"version": None}, 2, "must be a whole number without quotes (1, 2, 3, 4, 5)"
    ),
    "version unknown": ({"version": 6}, 2, "version 6"),
    "experts not a list": ({"experts": {}}, 2, "field experts is not valid: expected a list"),
    "expert areas": (
        {"experts": [expert("P"), expert("Q", areas="law")]},
        2,
        "experts[1].areas",
    ),
    "expert name": ({"experts": [expert(" ")]}, 2, "experts[0].name is not valid"),
    "expert email": ({"experts": [expert("P", email="p@")]}, 2, "experts[0].email"),
    "expert removed": ({"experts": [expert("P", removed="yes")]}, 2, "experts[0].removed"),
    "expert stamp": (
        {"experts": [expert("P", created_at="2023-03-01T08:00:00")]},
        2,
        "experts[0].created_at",
    ),
    "attended slot": (
        {"experts": [expert("P", attended=["2023-03", ""])]},
        2,
        "experts[0].attended",
    ),
    "attended twice": (
        {"experts": [expert("P", attended=["2023-03", "2023-03"])]},
        2,
        "experts[0].attended",
    ),
    "duplicate expert": (
        {"experts": [expert("Pertti Psykologi"), expert("pertti psykologi")]},
        4,
        "experts[1].name: the same expert name appears twice",
    ),
    "sent recipients": ({"sent": [sent(recipients=-1)]}, 2, "sent[0].recipients"),
    # issue 16: who acted is one line like every text (case audit prints it), on both backends
    "actor with a NUL": (
        {"audit": [{"at": "2023-03-01T08:00:00+00:00", "command": "add", "actor": "a\u0000b"}]},
        2,
        "audit[0].actor",
    ),
    "actor not a text": (
        {"audit": [{"at": "2023-03-01T08:00:00+00:00", "command": "add", "actor": 7}]},
        2,
        "audit[0].actor",
    ),
    "sent key twice": ({"sent": [sent(), sent(kind="agenda")]}, 2, "sent[1].key"),
    "sent without slot": ({"sent": [sent(slot=None)]}, 2, "sent[0].slot"),
    "sent stamp": ({"sent": [sent(sent_at="2023-03-01")]}, 2, "sent[0].sent_at"),
    "delivery date": (
        {"cases": [case("A", status="statement_delivered", statement_delivered="3.4.2023")]},
        2,
        "cases[0].statement_delivered",
    ),
    "delivered but booked": (
        {"cases": [case("A", statement_delivered="2023-04-03")]},
        2,
        "cases[0].statement_delivered is not valid: expected null unless the status",
    ),
    "over capacity": (
        {"cases": [*map(case, "ABC"), case("D", waitlisted=True, waitlist_position=1)]},
        4,
        "the session on 2023-03-31 would have 3 cases holding a place, but its capacity is 2",
    ),
}


@pytest.mark.parametrize("name", list(_WRONG))
def test_each_fault_is_one_line_and_creates_no_register(cli, home, tmp_path, name):
    changes, code, phrase = _WRONG[name]
    source = write(tmp_path / "backup.json", backup(**changes))
    line = refused(cli, home, ["case", "import", str(source)], code, phrase, str(source))
    assert "Nothing was imported" in line or name == "version unknown"  # an older message
    assert "ertti" not in line  # errors name fields, never a person's name from the file
    assert not data_dir(home).exists()  # not even an empty register


def test_the_version_message_speaks_finnish_too(cli, home, tmp_path, monkeypatch):
    monkeypatch.setenv("MASTERGROUP_LANG", "fi")
    source = write(tmp_path / "backup.json", backup(version="2"))
    line = refused(cli, home, ["case", "import", str(source)], 2)
    assert "kentän version on oltava kokonaisluku ilman lainausmerkkejä (1, 2, 3, 4, 5)" in line


def test_over_capacity_is_restored_after_raising_the_capacity(cli, home, tmp_path):
    source = write(tmp_path / "b.json", backup(cases=[case("A"), case("B"), case("C")]))
    refused(cli, home, ["case", "import", str(source)], 4, "Raise booking.capacity to 3")
    config = home / "config.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("capacity = 2 ", "capacity = 3 "), encoding="utf-8")
    ok(cli("case", "import", str(source)))
    assert rows(home)["cases"] == 3


def test_a_held_session_keeps_its_cases_whatever_the_capacity_is_now(cli, home, tmp_path, on_day):
    on_day("2023-04-03")  # 31.3.2023 was held with three cases; the capacity is 2 now
    held = [case(ref, status="discussed") for ref in ("A", "B", "C")]
    ok(cli("case", "import", str(write(tmp_path / "b.json", backup(cases=held)))))
    assert rows(home)["cases"] == 3


def test_a_register_with_experts_is_not_empty(cli, home, tmp_path):
    ok(cli("expert", "add", *LAW))
    source = write(tmp_path / "b.json", backup())
    refused(
        cli,
        home,
        ["case", "import", str(source)],
        4,
        "already holds experts or records of sent mail",
    )


def test_a_failure_while_writing_restores_nothing(cli, home, tmp_path, monkeypatch):
    """Cases, experts and attendance are written before the sent log: a failure there rolls
    all of them back (one transaction)."""

    def broken(self, records):
        raise StorageError("case.store_failed", file="mastergroup.db", detail="SQLITE_FULL")

    monkeypatch.setattr(store.Register, "restore_sent", broken)
    source = write(tmp_path / "b.json", backup())
    result = cli("case", "import", str(source))
    assert result.exit_code == 7 and result.stderr.count("\n") == 1, result
    assert rows(home) == dict.fromkeys(TABLES, 0)


def test_an_identity_code_in_an_expert_record(cli, home, tmp_path):
    from tests.test_booking import identity_code

    code = identity_code()
    source = write(tmp_path / "b.json", backup(experts=[expert("P", title=f"x {code}")]))
    line = refused(cli, home, ["case", "import", str(source)], 6, "experts[0].title")
    assert code not in line


def test_book_after_restore_counts_the_restored_places(cli, home, tmp_path):
    ok(cli("case", "import", str(write(tmp_path / "b.json", backup(cases=[case("A"), case("B")])))))
    full = book(cli, "C", "2023-03-31")
    assert full.exit_code == 4 and "2" in full.stderr


@pytest.mark.parametrize(
    ("change", "fi", "en"),
    [
        ({"slot": " "}, "odotetaan kokoontumisen tunnus, esim. 2023-03",
         "expected a session slot such as 2023-03"),
        ({"created_at": "2023-03-01"}, "aikaleima aikavyöhykkeineen (ISO 8601)",
         "a time stamp with offset (ISO 8601)"),
        ({"waitlisted": True}, "jonopaikka (1, 2, …) kun waitlisted on true, muuten null",
         "a place (1, 2, ...) when waitlisted is true, else null"),
    ],
)  # fmt: skip
def test_what_a_backup_field_should_be_is_said_in_the_users_language(
    cli, home, tmp_path, monkeypatch, change, fi, en
):
    source = write(tmp_path / "backup.json", backup(cases=[case("A", **change)]))
    for lang, expected in (("fi", fi), ("en", en)):
        monkeypatch.setenv("MASTERGROUP_LANG", lang)
        assert expected in refused(cli, home, ["case", "import", str(source)], 2)


def test_a_negative_recipient_count_is_not_told_that_null_would_do(cli, home, tmp_path):
    source = write(tmp_path / "backup.json", backup(sent=[sent(recipients=-1)]))
    line = refused(cli, home, ["case", "import", str(source)], 2, "sent[0].recipients")
    assert "a whole number 0 or more" in line and "null" not in line


def test_a_backup_without_experts_joins_a_pool_set_up_already(cli, home, tmp_path):
    ok(cli("expert", "add", *LAW))
    v1 = write(
        tmp_path / "v1.json", backup(version=1, schema_version=2) | {"experts": [], "sent": []}
    )
    ok(cli("case", "import", str(v1)))
    assert rows(home)["cases"] == 1 and rows(home)["experts"] == 1
