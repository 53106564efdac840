"""The register behind one interface: `reading`, `writing` and `sending`, and `Register`.

A command opens one transaction and works on a `Register`: cases (register/cases.py), the audit
and sent logs (register/logs.py), and with register/experts.py the experts' pool. Underneath:
the connection (connection.py), the schema's migrations (migrations.py), one field table per
record (fields.py), the JSON records (records.py) and the backup format (backup.py). The names
below are the register's public interface; import them from here.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from mastergroup.core.model import AuditEntry, Case
from mastergroup.core.results import Migrated, RegisterStatus
from mastergroup.register import connection
from mastergroup.register.backup import BACKUP_FORMAT, BACKUP_VERSION, BACKUP_VERSIONS
from mastergroup.register.cases import CaseRows
from mastergroup.register.connection import (
    BUSY_TIMEOUT_S,
    DB_NAME,
    SEND_LOCK_NAME,
    db_path,
    now,
)
from mastergroup.register.logs import Logs, SentRecord
from mastergroup.register.migrations import MIGRATIONS, SCHEMA_VERSION
from mastergroup.register.records import audit_record, case_record, expert_record, sent_record
from mastergroup.register.scope import ONLY, Scope
from mastergroup.register.where import Where
from mastergroup.register.where import of as where_of

if TYPE_CHECKING:
    from mastergroup.register.fieldtable import Conn

__all__ = [
    "BACKUP_FORMAT",
    "BACKUP_VERSION",
    "BACKUP_VERSIONS",
    "BUSY_TIMEOUT_S",
    "DB_NAME",
    "MIGRATIONS",
    "ONLY",
    "SCHEMA_VERSION",
    "SEND_LOCK_NAME",
    "Register",
    "Scope",
    "SentRecord",
    "Where",
    "audit_record",
    "case_record",
    "db_path",
    "exists",
    "expert_record",
    "now",
    "reading",
    "sending",
    "sent_record",
    "writing",
]


class Register(CaseRows, Logs):
    """The register inside one transaction (see `reading` and `writing`)."""

    def __init__(self, conn: Conn, scope: Scope = ONLY, actor: str = "") -> None:
        self.conn = conn
        self.scope = scope  # issue 15: the group this transaction works on
        self.actor = actor  # issue 16: who acts (the database role, or the OS user)
        self.on_postgres = not isinstance(conn, sqlite3.Connection)

    def restore(self, cases: Sequence[Case], audit: Sequence[AuditEntry]) -> list[int]:
        """Insert a backup's cases (queue places, statuses and time stamps as given) and its
        audit lines, in their order; the new row ids of the cases, in the order given."""
        stamp: datetime = now()
        # issue 15: a case without a group (a backup of version 1-3) goes into the group it
        # is imported with; a version-4 backup's cases keep theirs
        self.every_group = True
        # The stored queue numbers are unique per slot over every group (the index
        # cases_waitlist); a backup's positions are each group's own, so two groups may both
        # have a first in the same month: number them anew per slot. Each group's waiting
        # cases take the places in the slot's queue that the backup lists them at (an export
        # lists a slot's queue in its stored order, every group interleaved), in the order of
        # their positions: each group keeps its order (the place shown is counted within the
        # group), and the groups stay interleaved as stored, so that a register re-exported
        # after a restore lists its cases as the backup does, byte for byte.
        queues: dict[tuple[str, str], list[int]] = {}
        for n, case in enumerate(cases):
            if case.waitlist is not None:
                queues.setdefault((case.slot, case.group or self.scope.name), []).append(n)
        place: dict[int, int] = {}  # a waiting case -> the backup index whose place it takes
        for listed in queues.values():
            by_position = sorted(listed, key=lambda n: cases[n].waitlist or 0)
            place.update(zip(by_position, listed, strict=True))
        numbers: dict[int, int] = {}
        counted: dict[str, int] = {}
        for n in sorted(place, key=lambda n: (cases[n].slot, place[n])):
            slot = cases[n].slot
            counted[slot] = numbers[n] = counted.get(slot, 0) + 1
        ids = [
            self._insert_row(
                case._replace(group=case.group or self.scope.name), numbers.get(n), stamp
            )
            for n, case in enumerate(cases)
        ]
        self.every_group = False
        for entry in audit:
            self.log(
                entry.command,
                ref=entry.ref,
                slot=entry.slot,
                fields=entry.fields,
                count=entry.count,
                detail=entry.detail,
                at=entry.at,
                group=entry.group or self.scope.name,  # an older backup's: the group chosen
                actor=entry.actor,  # as recorded ("" in a backup from before issue 16)
            )
        return ids


@contextlib.contextmanager
def _transaction(at: Path | Where, write: bool, scope: Scope) -> Iterator[Register]:
    # MIGRATIONS is looked up here, when a transaction begins: the schema is this module's
    # (a test adds a step to it).
    where = where_of(at)
    if where.postgres:
        from mastergroup.register import postgres

        with postgres.transaction(where, write=write, steps=MIGRATIONS) as pg:
            yield Register(pg, scope, pg.actor)
        return
    begin = "BEGIN IMMEDIATE" if write else "BEGIN"
    with connection.transaction(where.home, begin, MIGRATIONS) as conn:
        yield Register(conn, scope, connection.actor())


def writing(at: Path | Where, scope: Scope = ONLY) -> contextlib.AbstractContextManager[Register]:
    """One write transaction (BEGIN IMMEDIATE; on PostgreSQL the register's write lock): all
    of it is stored, or none of it. `scope`: the group it works on (register/scope.py)."""
    return _transaction(at, True, scope)


@contextlib.contextmanager
def reading(at: Path | Where, scope: Scope = ONLY) -> Iterator[Register | None]:
    """A consistent read of the register; None (and nothing created) if there is none yet."""
    if not exists(at):
        yield None
        return
    with _transaction(at, False, scope) as register:
        yield register


def exists(at: Path | Where) -> bool:
    """Whether the register has been created (the file; on PostgreSQL its schema)."""
    where = where_of(at)
    if where.postgres:
        from mastergroup.register import postgres

        return postgres.exists(where)
    return connection.exists(where.home)


def status(at: Path | Where) -> RegisterStatus:
    """`db status`: the backend, the schema version and the rows per table; creates nothing."""
    where = where_of(at)
    if where.postgres:
        from mastergroup.register import postgres

        version, counts, actor, schema = postgres.peek(where, connection.TABLES)
        backend = "postgresql"
    else:
        version, counts = connection.peek(where.home)
        actor, backend, schema = connection.actor(), "sqlite", ""
    return RegisterStatus(
        backend, where.shown, version > 0, version, SCHEMA_VERSION, actor,
        {table: counts.get(table, 0) for table in connection.TABLES}, schema,
    )  # fmt: skip


def migrate(at: Path | Where) -> Migrated:
    """`db migrate`: create the register or bring its schema to this mastergroup's."""
    where = where_of(at)
    if where.postgres:
        from mastergroup.register import postgres

        before, after = postgres.migrate_now(where, MIGRATIONS)
        return Migrated(where.shown, before, after)
    before, _ = connection.peek(where.home)
    connection.connect(where.home, MIGRATIONS).close()
    return Migrated(where.shown, before, SCHEMA_VERSION)


def sending(at: Path | Where) -> contextlib.AbstractContextManager[None]:
    """The send lock (connection.sending; on PostgreSQL an advisory lock of the register)."""
    where = where_of(at)
    if where.postgres:
        from mastergroup.register import postgres

        return postgres.sending(where)
    return connection.sending(where.home)
