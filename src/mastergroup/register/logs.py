"""The register's two logs: the append-only audit log and the sent log (issue 5).

The audit log records what was done, with field names and counts, never the values (its
triggers refuse UPDATE and DELETE). The sent log holds one row per message `remind` or
`agenda --send` handed to a server, so each goes out once. Methods of `store.Register`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, NamedTuple

from mastergroup.core.model import AuditEntry
from mastergroup.register.connection import now
from mastergroup.register.fields import AUDIT, SENT
from mastergroup.register.fieldtable import rows

if TYPE_CHECKING:
    from mastergroup.register.fieldtable import Conn
from mastergroup.register.scope import ONLY, Scope


class SentRecord(NamedTuple):
    """One row of the sent log: a message `remind` or `agenda --send` handed to the server."""

    key: str  # the idempotency key, e.g. "agenda:2024-03"
    kind: str  # agenda, cutoff, documents, statements
    slot: str
    at: datetime
    recipients: int
    fingerprint: str = ""  # an agenda's: what it showed (services/agenda.py); "" otherwise
    sequence: int | None = None  # an agenda's .ics SEQUENCE; None otherwise


class Logs:
    """The audit and sent logs inside one transaction."""

    conn: Conn
    scope: Scope = ONLY  # issue 15: a further group's keys and slots carry its prefix
    actor: str = ""  # issue 16: the database role, or the OS user on SQLite
    every_group: bool = False  # a backup: every group's audit lines

    # --- the audit log ---

    def audit(self, ref: str | None = None) -> list[AuditEntry]:
        return list(self.each_audit(ref))

    def each_audit(self, ref: str | None = None) -> Iterator[AuditEntry]:
        """The audit log, oldest first, as it is read (a backup streams it)."""
        where, params = ["TRUE"], []
        if ref is not None:
            where.append("a.ref = ?")
            params.append(ref)
        if not self.every_group:  # issue 15: this group's lines only
            where.append("a.group_id = ?")
            params.append(self.scope.write)
        condition = " AND ".join(where)  # constant clauses; every value is a bound "?"
        query = f"{AUDIT.select} WHERE {condition} ORDER BY a.id"
        for row in rows(self.conn, query, params, stream=True):
            entry: AuditEntry = AUDIT.from_row(row)
            if not entry.group and self.scope.first:  # the first group's, as on cases
                entry = dataclasses.replace(entry, group=self.scope.first)
            yield entry

    def log(
        self,
        command: str,
        *,
        ref: str | None = None,
        slot: str | None = None,
        fields: Sequence[str] = (),
        count: int | None = None,
        detail: str = "",
        at: datetime | None = None,
        group: str | None = None,
        actor: str | None = None,
    ) -> None:
        """Append to the audit log: field names and counts, never the values themselves.
        `group`: a restored line's own (None: the transaction's group); `actor` likewise
        (None: who acts now, issue 16)."""
        stored = self.scope.write if group is None else group
        stored = "" if stored == self.scope.first else stored
        who = self.actor if actor is None else actor
        entry = AuditEntry(
            at or now(), command, ref, slot, tuple(fields), count, detail, stored, who
        )
        self.conn.execute(AUDIT.insert, AUDIT.values(entry, insert=True))

    # --- the sent log ---

    def was_sent(self, key: str) -> bool:
        """Whether the message with this idempotency key was accepted by a server before."""
        row = self.conn.execute(
            "SELECT 1 FROM sent WHERE key = ?", (self.scope.key(key),)
        ).fetchone()
        return row is not None

    def record_sent(
        self,
        key: str,
        *,
        kind: str,
        slot: str,
        recipients: int,
        at: datetime | None = None,
        fingerprint: str = "",
        sequence: int | None = None,
    ) -> None:
        """Record a message the SMTP server accepted (call only after it did)."""
        record = SentRecord(
            self.scope.key(key), kind, self.scope.key(slot), at or now(), recipients,
            fingerprint, sequence,
        )  # fmt: skip
        self._insert_sent(record)

    def _insert_sent(self, record: SentRecord) -> None:
        self.conn.execute(SENT.insert, SENT.values(record, insert=True))

    def sent_agendas(self, slot: str) -> list[SentRecord]:
        """The agendas (first and updates) sent for a session, oldest first (issue 13)."""
        found = rows(
            self.conn,
            f"{SENT.select} WHERE s.kind = 'agenda' AND s.slot = ? ORDER BY s.sent_at, s.rowid",
            (self.scope.key(slot),),
        )
        return [SENT.from_row(row) for row in found]

    def sent_log(self) -> list[SentRecord]:
        """Every recorded message, oldest first."""
        return list(self.each_sent())

    def each_sent(self) -> Iterator[SentRecord]:
        """`sent_log` as it is read (a backup streams it)."""
        for row in rows(self.conn, f"{SENT.select} ORDER BY s.sent_at, s.key", stream=True):
            yield SENT.from_row(row)

    def any_actor(self) -> bool:
        """Whether some audit line names who acted (issue 16: the backup is version 5)."""
        found = self.conn.execute("SELECT EXISTS (SELECT 1 FROM audit WHERE actor != '')")
        return bool(found.fetchone()[0])

    def sent_count(self) -> int:
        return int(self.conn.execute("SELECT COUNT(*) FROM sent").fetchone()[0])

    def restore_sent(self, records: Sequence[SentRecord]) -> None:
        """Insert a backup's sent log as given (so a restored register sends nothing twice)."""
        for r in records:  # keys and slots as given: a further group's carry their prefix
            self._insert_sent(r)
