"""The field tables (register/fields.py) agree with the schema the migrations create, and
generate what the register used to write by hand."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from mastergroup.register import store
from mastergroup.register.fields import AUDIT, CASE, EXPERT, SENT

TABLES = [CASE, EXPERT, SENT, AUDIT]


@pytest.mark.parametrize("table", TABLES, ids=lambda t: t.name)
def test_each_column_is_declared_once_as_the_migrations_created_it(tmp_path: Path, table):
    with store.writing(tmp_path):
        pass
    with closing(sqlite3.connect(store.db_path(tmp_path))) as conn:
        info = conn.execute(f"PRAGMA table_info({table.name})").fetchall()
    created = {name: (kind, bool(notnull)) for _, name, kind, notnull, _, _ in info}
    declared = {
        f.column: (f.sql.split()[0], "NOT NULL" in f.sql)
        for f in table.fields
        if f.column
    }
    assert declared == created
    assert len(table.columns) == len(set(table.columns))


@pytest.mark.parametrize("table", TABLES, ids=lambda t: t.name)
def test_keys_are_unique_and_every_backup_key_is_read(table):
    keys = [f.key for f in table.fields if f.key]
    assert len(keys) == len(set(keys))
    assert all(f.read for f in table.fields if f.key), table.name


def test_the_generated_statements_name_the_columns():
    assert CASE.insert == (
        "INSERT INTO cases (ref, session_date, slot, status, waitlist, worker_name, "
        "worker_email, worker_phone, municipality, matter, expertise, documents_received, "
        "late_reason, withdrawn_reason, created_at, updated_at, documents, group_id) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    )
    assert "created_at" not in CASE.update and CASE.update.endswith("WHERE id = ?")
    assert "statement_delivered" not in CASE.select  # register/experts.py reads it
    assert CASE.audited == (
        "ref", "worker", "worker_email", "worker_phone", "municipality", "matter",
        "expertise", "questions", "late_reason",
    )  # fmt: skip
    assert CASE.editable == CASE.audited[:-1]
