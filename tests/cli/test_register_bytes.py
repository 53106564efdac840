"""The register's JSON, byte for byte: `case export`, `case list/show --format json` and
`case audit --format json` of one register compared with golden files written before the store
was split into field tables (issue 12). Only the clock's two stamps (`exported_at` and the
import's own audit line) are made constant.

A change of these files is a change of a contract: fields are added, never removed or
reordered. Regenerate on purpose with `MASTERGROUP_UPDATE_GOLDEN=1 pytest <this file>`.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

GOLDEN = Path(__file__).parents[1] / "golden"
STAMP = "2023-02-01T08:00:00+00:00"
_CLOCK = re.compile(r'("exported_at": |"at": )"20\d\d-[^"]+"')


def _case(ref: str, **changes: object) -> dict[str, object]:
    record: dict[str, object] = {
        "ref": ref, "session_date": "2023-03-31", "slot": "2023-03", "status": "booked",
        "waitlisted": False, "waitlist_position": None, "worker": "Sanna Sosiaalityöntekijä",
        "worker_email": "sanna@kunta.example", "worker_phone": "040 000 0001",
        "municipality": "Jyväskylä", "matter": "substitute_care",
        "expertise": ["law", "lasten psykiatria"], "questions": ["Mitä nyt tehdään?", "Entä?"],
        "documents_received": None, "late_reason": "", "withdrawn_reason": "",
        "created_at": STAMP, "updated_at": "2023-02-02T09:30:00+00:00",
        "statement_delivered": None,
    }  # fmt: skip
    return record | changes


BACKUP: dict[str, object] = {
    "format": "mastergroup-backup",
    "version": 2,
    "schema_version": 3,
    "exported_at": STAMP,
    "cases": [
        _case(
            "HELD-1",
            session_date="2023-02-24",
            slot="2023-02",
            status="statement_delivered",
            statement_delivered="2023-02-28",
            documents_received="2023-02-17",
        ),
        _case(
            "HELD-2",
            session_date="2023-02-24",
            slot="2023-02",
            status="discussed",
            worker_phone="",
            matter="other",
            expertise=[],
        ),
        _case(
            "A-1",
            status="documents_received",
            documents_received="2023-02-20",
            late_reason='Kiireellinen: "sijoitus" alkaa',
        ),
        _case("A-2", questions=["Yksi kysymys?"]),
        _case("A-3", waitlisted=True, waitlist_position=1, matter="care_order_preparation"),
        _case("A-4", waitlisted=True, waitlist_position=2, worker="Ärrä Öhman"),
        _case("GONE", status="withdrawn", withdrawn_reason="Perhe muutti"),
        _case("B-1", session_date="2023-04-28", slot="2023-04", matter="ending_care_order"),
    ],
    "experts": [
        {
            "name": "Lea Lakimies",
            "title": "lakimies",
            "organisation": "",
            "email": "",
            "areas": ["law"],
            "removed": True,
            "created_at": STAMP,
            "updated_at": STAMP,
            "attended": ["2023-02"],
        },
        {
            "name": "Pertti Psykologi",
            "title": "psykologi",
            "organisation": "Perheneuvola",
            "email": "pertti@kunta.example",
            "areas": ["growth_development", "law"],
            "removed": False,
            "created_at": STAMP,
            "updated_at": STAMP,
            "attended": ["2023-02", "2023-03"],
        },
    ],
    "sent": [
        {
            "key": "agenda:2023-02",
            "kind": "agenda",
            "slot": "2023-02",
            "sent_at": STAMP,
            "recipients": 3,
        },
        {
            "key": "documents:2023-02",
            "kind": "documents",
            "slot": "2023-02",
            "sent_at": "2023-02-17T06:00:00+00:00",
            "recipients": 1,
        },
    ],
    "audit": [
        {
            "at": STAMP,
            "command": "add",
            "ref": "A-1",
            "slot": "2023-03",
            "fields": ["ref", "worker", "questions"],
            "count": None,
            "detail": "late",
        },
        {
            "at": STAMP,
            "command": "purge",
            "ref": None,
            "slot": None,
            "fields": [],
            "count": 4,
            "detail": "before 2022-01-01",
        },
    ],
}

OUTPUTS: dict[str, list[str]] = {
    "register-export.json": ["case", "export"],
    "register-list.json": ["case", "list", "--all", "--format", "json"],
    "register-show.json": ["case", "show", "A-4", "--format", "json"],
    "register-audit.json": ["case", "audit", "--format", "json"],
}


@pytest.fixture
def restored(run, home, tmp_path, monkeypatch):
    monkeypatch.setenv("MASTERGROUP_TODAY", "2023-03-01")
    monkeypatch.setenv("MASTERGROUP_LANG", "en")
    source = tmp_path / "in.json"
    source.write_text(json.dumps(BACKUP, ensure_ascii=False), encoding="utf-8")
    result = run("case", "import", str(source))
    assert result.exit_code == 0, result
    return run


@pytest.mark.parametrize("name", list(OUTPUTS))
def test_the_registers_json_is_byte_identical(restored, name):
    result = restored(*OUTPUTS[name])
    assert result.exit_code == 0, result
    produced = _CLOCK.sub(r'\1"<clock>"', result.stdout.replace(STAMP, "<stamp>"))
    golden = GOLDEN / name
    if os.environ.get("MASTERGROUP_UPDATE_GOLDEN") == "1":
        golden.write_text(produced, encoding="utf-8")
    assert produced == golden.read_text(encoding="utf-8")


def test_the_schema_of_a_new_register_is_as_before(restored, home):
    """Migrations only ever add: a new register's tables, indexes and triggers, as SQL."""
    import sqlite3
    from contextlib import closing

    with closing(sqlite3.connect(home / "home" / "mastergroup.db")) as conn:
        rows = conn.execute("SELECT type, name, sql FROM sqlite_master ORDER BY type, name")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        produced = f"-- user_version {version}\n" + "".join(
            f"-- {kind} {name}\n{sql};\n" for kind, name, sql in rows if sql
        )
    golden = GOLDEN / "register-schema.sql"
    if os.environ.get("MASTERGROUP_UPDATE_GOLDEN") == "1":
        golden.write_text(produced, encoding="utf-8")
    assert produced == golden.read_text(encoding="utf-8")
