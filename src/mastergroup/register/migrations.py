"""The register's schema: forward migrations numbered by `PRAGMA user_version`.

MIGRATIONS[n] takes a register from user_version n to n + 1. A released step is never edited,
only followed by a new one: the SQLite schema of existing registers only ever grows. A new
column of a field table (register/fields.py) is one step `ALTER TABLE ... ADD COLUMN` with the
field's declaration, written out (tests/test_fields.py checks that the two agree). The audit
log is append-only: triggers refuse UPDATE and DELETE on it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path

from mastergroup.core.errors import StorageError

_APPEND_ONLY = "SELECT RAISE(ABORT, 'the audit log is append-only')"

MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        """CREATE TABLE cases (
            id INTEGER PRIMARY KEY,
            ref TEXT NOT NULL CHECK (length(ref) BETWEEN 1 AND 64),
            slot TEXT NOT NULL,
            session_date TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('booked', 'documents_received',
                'discussed', 'statement_delivered', 'withdrawn')),
            waitlist INTEGER CHECK (waitlist IS NULL OR (waitlist > 0 AND status != 'withdrawn')),
            worker_name TEXT NOT NULL,
            worker_email TEXT NOT NULL,
            worker_phone TEXT NOT NULL DEFAULT '',
            municipality TEXT NOT NULL,
            matter TEXT NOT NULL,
            expertise TEXT NOT NULL DEFAULT '[]',
            documents_received TEXT,
            late_reason TEXT NOT NULL DEFAULT '',
            withdrawn_reason TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            UNIQUE (slot, ref)
        )""",
        "CREATE INDEX cases_ref ON cases (ref)",
        "CREATE INDEX cases_session_date ON cases (session_date)",
        "CREATE UNIQUE INDEX cases_waitlist ON cases (slot, waitlist) WHERE waitlist IS NOT NULL",
        """CREATE TABLE questions (
            case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
            position INTEGER NOT NULL CHECK (position BETWEEN 1 AND 3),
            text TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 1000),
            PRIMARY KEY (case_id, position)
        ) WITHOUT ROWID""",
        """CREATE TABLE audit (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            at TEXT NOT NULL,
            command TEXT NOT NULL,
            ref TEXT,
            slot TEXT,
            fields TEXT NOT NULL DEFAULT '[]',
            count INTEGER,
            detail TEXT NOT NULL DEFAULT ''
        )""",
        f"CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN {_APPEND_ONLY}; END",
        f"CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN {_APPEND_ONLY}; END",
    ),
    (  # issue 5: what `remind` and `agenda --send` sent, so each message goes out once
        """CREATE TABLE sent (
            key TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            slot TEXT NOT NULL,
            sent_at TEXT NOT NULL,
            recipients INTEGER NOT NULL
        )""",
    ),
    (  # issue 6: the experts' pool, who attended which session, when a statement was delivered
        """CREATE TABLE experts (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
            title TEXT NOT NULL DEFAULT '',
            organisation TEXT NOT NULL DEFAULT '',
            email TEXT NOT NULL DEFAULT '',
            areas TEXT NOT NULL DEFAULT '[]',
            removed INTEGER NOT NULL DEFAULT 0 CHECK (removed IN (0, 1)),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""",
        # RESTRICT: an expert who attended a session is only marked removed, so the statements
        # of past sessions keep naming who was there.
        """CREATE TABLE session_experts (
            slot TEXT NOT NULL,
            expert_id INTEGER NOT NULL REFERENCES experts (id) ON DELETE RESTRICT,
            PRIMARY KEY (slot, expert_id)
        ) WITHOUT ROWID""",
        "ALTER TABLE cases ADD COLUMN statement_delivered TEXT",
    ),
    (  # issue 13: what a sent agenda showed (its fingerprint) and its calendar SEQUENCE, so a
        # changed agenda goes out again as an update with a higher SEQUENCE
        "ALTER TABLE sent ADD COLUMN fingerprint TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE sent ADD COLUMN sequence INTEGER",
    ),
    (  # issue 13: which documents arrived, by kind, each with its day (JSON)
        "ALTER TABLE cases ADD COLUMN documents TEXT NOT NULL DEFAULT '[]'",
    ),
    (  # issue 15: one register for every group of a configuration. Existing rows get "":
        # the configuration's first group (the top level when it has no [[groups]]), so that
        # no row's values change and a single-group register reads exactly as it did. A case
        # reference is unique per group and session, so the table is rebuilt (SQLite cannot
        # change a UNIQUE constraint in place): the new table beside the old, the rows copied,
        # the questions moved to a table that refers to the new one (so dropping the old cases
        # table cascades to nothing), then both renamed, which also renames the reference.
        """CREATE TABLE cases_g (
            id INTEGER PRIMARY KEY,
            ref TEXT NOT NULL CHECK (length(ref) BETWEEN 1 AND 64),
            slot TEXT NOT NULL,
            session_date TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('booked', 'documents_received',
                'discussed', 'statement_delivered', 'withdrawn')),
            waitlist INTEGER CHECK (waitlist IS NULL OR (waitlist > 0 AND status != 'withdrawn')),
            worker_name TEXT NOT NULL,
            worker_email TEXT NOT NULL,
            worker_phone TEXT NOT NULL DEFAULT '',
            municipality TEXT NOT NULL,
            matter TEXT NOT NULL,
            expertise TEXT NOT NULL DEFAULT '[]',
            documents_received TEXT,
            late_reason TEXT NOT NULL DEFAULT '',
            withdrawn_reason TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            statement_delivered TEXT,
            documents TEXT NOT NULL DEFAULT '[]',
            group_id TEXT NOT NULL DEFAULT '',
            UNIQUE (group_id, slot, ref)
        )""",
        """INSERT INTO cases_g (id, ref, slot, session_date, status, waitlist, worker_name,
            worker_email, worker_phone, municipality, matter, expertise, documents_received,
            late_reason, withdrawn_reason, created_at, updated_at, statement_delivered,
            documents)
        SELECT id, ref, slot, session_date, status, waitlist, worker_name, worker_email,
            worker_phone, municipality, matter, expertise, documents_received, late_reason,
            withdrawn_reason, created_at, updated_at, statement_delivered, documents
        FROM cases""",
        """CREATE TABLE questions_g (
            case_id INTEGER NOT NULL REFERENCES cases_g (id) ON DELETE CASCADE,
            position INTEGER NOT NULL CHECK (position BETWEEN 1 AND 3),
            text TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 1000),
            PRIMARY KEY (case_id, position)
        ) WITHOUT ROWID""",
        "INSERT INTO questions_g (case_id, position, text) SELECT case_id, position, text "
        "FROM questions",
        "DROP TABLE questions",
        "DROP TABLE cases",
        "ALTER TABLE cases_g RENAME TO cases",
        "ALTER TABLE questions_g RENAME TO questions",
        "CREATE INDEX cases_ref ON cases (ref)",
        "CREATE INDEX cases_session_date ON cases (session_date)",
        # The waiting-list numbers are drawn over every group (register/cases.py), so this
        # index stays as it was; the place shown is counted within the group.
        "CREATE UNIQUE INDEX cases_waitlist ON cases (slot, waitlist) WHERE waitlist IS NOT NULL",
        "CREATE INDEX cases_group_slot ON cases (group_id, slot)",
        "ALTER TABLE audit ADD COLUMN group_id TEXT NOT NULL DEFAULT ''",
    ),
    (  # issue 16: who acted, on every audit line (older lines: "")
        "ALTER TABLE audit ADD COLUMN actor TEXT NOT NULL DEFAULT ''",
    ),
    (  # a waiting case's place is counted within its group (fields._RANK, and the widths of
        # a listing in register/cases.py): cases_waitlist has no group_id, so each count read
        # every earlier waiting case of the month from the table (~11 million rows for
        # `case list --all` at 100,000 cases). With the group in the index the count is a
        # search of the index alone. An index only: nothing to grant, nothing in a backup.
        "CREATE INDEX cases_waitlist_group ON cases (slot, group_id, waitlist) "
        "WHERE waitlist IS NOT NULL",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)

# What PostgreSQL runs after a step (by its index in MIGRATIONS), beyond the step itself as
# register/postgres.py reads it: what the database enforces there and SQLite cannot.
POSTGRES_AFTER: dict[int, tuple[str, ...]] = {
    # issue 16: who acted is the connection's role for every role but the table's owner (who
    # restores backups, keeping their lines' actors): a coordinator cannot write as another
    6: (
        "CREATE OR REPLACE FUNCTION mastergroup_actor() RETURNS trigger LANGUAGE plpgsql AS "
        "$$BEGIN IF current_user <> (SELECT pg_get_userbyid(relowner) FROM pg_class "
        "WHERE oid = TG_RELID) THEN NEW.actor := current_user; END IF; RETURN NEW; END$$",
        "CREATE TRIGGER audit_actor BEFORE INSERT ON audit FOR EACH ROW "
        "EXECUTE FUNCTION mastergroup_actor()",
    ),
}


def migrate(conn: sqlite3.Connection, path: Path, steps: Sequence[Sequence[str]]) -> None:
    """Bring the register to version len(steps), in one transaction; refuse a newer one."""
    target = len(steps)
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > target:
        raise StorageError("case.store_newer", file=str(path), version=version)
    if version == target:
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]  # another process may have
        for number in range(version, target):
            for statement in steps[number]:
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number + 1}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
