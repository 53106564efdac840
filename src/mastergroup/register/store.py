"""The case register: SQLite under MASTERGROUP_HOME; rows <-> model objects; the audit log.

One file, `mastergroup.db`, readable by its owner only (folder 0700, files 0600). WAL mode,
foreign keys on, `secure_delete` so purged cases are overwritten, `synchronous = FULL` so a
committed booking survives a power cut. Every command is one transaction; writers start with
`BEGIN IMMEDIATE`, so two processes can never both pass a capacity check, and wait for each
other (busy_timeout) instead of failing. The schema is a list of forward migrations numbered by
`PRAGMA user_version`. The audit log is append-only: triggers refuse UPDATE and DELETE on it.
No transaction waits on the network: sending mail holds `sending`, a lock file of its own.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import stat
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, NamedTuple

from mastergroup.core.errors import StorageError
from mastergroup.core.model import AuditEntry, Case, CaseStatus, Matter, Worker
from mastergroup.i18n.messages import os_reason
from mastergroup.io import environment

DB_NAME = environment.REGISTER_NAME
BUSY_TIMEOUT_S = 30.0  # the coordinator's terminal and a cron job wait for each other

_APPEND_ONLY = "SELECT RAISE(ABORT, 'the audit log is append-only')"

# Forward migrations: MIGRATIONS[n] takes a register from user_version n to n + 1. Never edit
# a released step; add one.
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
)
SCHEMA_VERSION = len(MIGRATIONS)


def db_path(home: Path) -> Path:
    return home / DB_NAME


def exists(home: Path) -> bool:
    return environment.register_exists(home)


def now() -> datetime:
    """Timestamps of the register and its audit log: real time, UTC, whole seconds."""
    return datetime.now(UTC).replace(microsecond=0)


# --- opening -------------------------------------------------------------------------------


def _tighten(path: Path, mode: int) -> None:
    """Remove group and other permissions (never loosen what the owner set). A symbolic link
    is left alone: chmod would change the mode of whatever file it points to."""
    with contextlib.suppress(FileNotFoundError):
        found = path.lstat()
        if not stat.S_ISLNK(found.st_mode) and stat.S_IMODE(found.st_mode) & 0o077:
            path.chmod(mode)


def _storage_error(error: sqlite3.Error, path: Path) -> StorageError:
    name = getattr(error, "sqlite_errorname", "") or type(error).__name__
    if name.startswith("SQLITE_BUSY"):
        return StorageError("case.store_busy", file=str(path), seconds=int(BUSY_TIMEOUT_S))
    return StorageError("case.store_failed", file=str(path), detail=name)


def _open(home: Path) -> sqlite3.Connection:
    """A connection to the register, created (0700/0600) and migrated as needed."""
    path = db_path(home)
    old_umask = os.umask(0o077)  # the folder, the database and its -wal/-shm: owner only
    try:
        home.mkdir(mode=0o700, parents=True, exist_ok=True)
        _tighten(Path(os.path.realpath(home)), 0o700)  # a linked home: the folder itself
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    except OSError as e:
        raise StorageError("io.write_failed", file=str(path), detail=os_reason(e)) from None
    except sqlite3.Error as e:
        raise _storage_error(e, path) from None
    finally:
        os.umask(old_umask)
    try:
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA secure_delete = ON")
        conn.execute("PRAGMA temp_store = MEMORY")  # sorts never spill case data to /tmp
        if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        _migrate(conn, path)
    except sqlite3.Error as e:
        conn.close()
        raise _storage_error(e, path) from None
    except BaseException:
        conn.close()
        raise
    for suffix in ("", "-wal", "-shm"):
        _tighten(Path(f"{path}{suffix}"), 0o600)
    return conn


def _migrate(conn: sqlite3.Connection, path: Path) -> None:
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise StorageError("case.store_newer", file=str(path), version=version)
    if version == SCHEMA_VERSION:
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]  # another process may have
        for number in range(version, SCHEMA_VERSION):
            for statement in MIGRATIONS[number]:
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number + 1}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


@contextlib.contextmanager
def _transaction(home: Path, begin: str) -> Iterator[Register]:
    path = db_path(home)
    conn = _open(home)
    try:
        conn.execute(begin)
        try:
            yield Register(conn)
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
    except sqlite3.Error as e:
        raise _storage_error(e, path) from None
    finally:
        conn.close()


def writing(home: Path) -> contextlib.AbstractContextManager[Register]:
    """One write transaction (BEGIN IMMEDIATE): all of it is stored, or none of it."""
    return _transaction(home, "BEGIN IMMEDIATE")


@contextlib.contextmanager
def reading(home: Path) -> Iterator[Register | None]:
    """A consistent read of the register; None (and nothing created) if there is none yet."""
    if not exists(home):
        yield None
        return
    with _transaction(home, "BEGIN") as register:
        yield register


SEND_LOCK_NAME = "mastergroup.send.lock"  # beside the register; never holds data


@contextlib.contextmanager
def sending(home: Path) -> Iterator[None]:
    """Held while one message is checked, handed to the SMTP server and recorded as sent.

    Not a transaction: the register stays free for bookings while the server takes its time.
    It is an exclusive flock(2) on a file of its own, so two `remind` (or `agenda --send`)
    processes send one message after the other, and the second sees the first's record. The
    kernel drops the lock when its process ends, however it ends: no stale claim to expire.
    """
    import fcntl  # POSIX, like the register's owner-only modes

    path = home / SEND_LOCK_NAME
    old_umask = os.umask(0o077)
    try:
        home.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW, 0o600)
    except OSError as e:
        raise StorageError("io.write_failed", file=str(path), detail=os_reason(e)) from None
    finally:
        os.umask(old_umask)
    try:
        # Blocking: the holder's wait on its server is bounded by mail.timeout_seconds a step.
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


# --- rows <-> objects ----------------------------------------------------------------------

_COLUMNS = (
    "c.id, c.ref, c.slot, c.session_date, c.status, "
    "CASE WHEN c.waitlist IS NULL THEN NULL ELSE (SELECT COUNT(*) FROM cases w "
    "WHERE w.slot = c.slot AND w.waitlist IS NOT NULL AND w.waitlist <= c.waitlist) END, "
    "c.worker_name, c.worker_email, c.worker_phone, c.municipality, c.matter, c.expertise, "
    "c.documents_received, c.late_reason, c.withdrawn_reason, c.created_at, c.updated_at"
)
_INSERTED = (
    "ref, slot, session_date, status, waitlist, worker_name, worker_email, worker_phone, "
    "municipality, matter, expertise, documents_received, late_reason, withdrawn_reason, "
    "created_at, updated_at"
)
_SELECT = f"SELECT {_COLUMNS} FROM cases c"  # noqa: S608 - constant text
_ORDER = "c.session_date, c.slot, c.waitlist IS NOT NULL, c.waitlist, c.id"


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _case(row: Sequence[Any], questions: tuple[str, ...]) -> Case:
    return Case(
        id=row[0],
        ref=row[1],
        slot=row[2],
        session_date=date.fromisoformat(row[3]),
        status=CaseStatus(row[4]),
        waitlist=row[5],
        worker=Worker(name=row[6], email=row[7], phone=row[8]),
        municipality=row[9],
        matter=Matter(row[10]),
        expertise=tuple(json.loads(row[11])),
        documents_received=_day(row[12]),
        late_reason=row[13],
        withdrawn_reason=row[14],
        created_at=datetime.fromisoformat(row[15]),
        updated_at=datetime.fromisoformat(row[16]),
        questions=questions,
    )


def _placeholders(values: Sequence[object]) -> str:
    return ", ".join("?" * len(values))


class SentRecord(NamedTuple):
    """One row of the sent log: a message `remind` or `agenda --send` handed to the server."""

    key: str  # the idempotency key, e.g. "agenda:2024-03"
    kind: str  # agenda, cutoff, documents, statements
    slot: str
    at: datetime
    recipients: int


class Register:
    """The register inside one transaction (see `reading` and `writing`)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    # --- reading ---

    def holders(self, slots: Iterable[str]) -> dict[str, int]:
        """Slot -> cases holding a place (not withdrawn, not waiting): one grouped query."""
        wanted = sorted(set(slots))
        if not wanted:
            return {}
        rows = self.conn.execute(
            f"SELECT slot, COUNT(*) FROM cases WHERE slot IN ({_placeholders(wanted)}) "  # noqa: S608 - only '?' marks are formatted in
            "AND status != 'withdrawn' AND waitlist IS NULL GROUP BY slot",
            wanted,
        )
        return dict(rows)

    def cases(
        self,
        *,
        slot: str | None = None,
        ref: str | None = None,
        since: date | None = None,
        before: date | None = None,
        status: CaseStatus | None = None,
        waiting: bool | None = None,
    ) -> list[Case]:
        """Cases matching every given filter, in session order (places first, then the queue)."""
        where, params = ["1"], []
        for clause, value in (
            ("c.slot = ?", slot),
            ("c.ref = ?", ref),
            ("c.session_date >= ?", since.isoformat() if since else None),
            ("c.session_date < ?", before.isoformat() if before else None),
            ("c.status = ?", status.value if status else None),
        ):
            if value is not None:
                where.append(clause)
                params.append(value)
        if waiting is not None:
            where.append("c.waitlist IS NOT NULL" if waiting else "c.waitlist IS NULL")
        condition = " AND ".join(where)
        # The condition joins constant clauses from above; every value is a bound parameter.
        questions: dict[int, list[str]] = {}
        owned = f"SELECT c.id FROM cases c WHERE {condition}"  # noqa: S608
        for case_id, text in self.conn.execute(
            f"SELECT case_id, text FROM questions WHERE case_id IN ({owned}) "  # noqa: S608
            "ORDER BY case_id, position",
            params,
        ):
            questions.setdefault(case_id, []).append(text)
        rows = self.conn.execute(f"{_SELECT} WHERE {condition} ORDER BY {_ORDER}", params)
        return [_case(row, tuple(questions.get(row[0], ()))) for row in rows]

    def get(self, case_id: int) -> Case:
        found = self.conn.execute(f"{_SELECT} WHERE c.id = ?", (case_id,)).fetchone()
        texts = self.conn.execute(
            "SELECT text FROM questions WHERE case_id = ? ORDER BY position", (case_id,)
        )
        return _case(found, tuple(t for (t,) in texts))

    def count(self) -> int:
        return int(self.conn.execute("SELECT COUNT(*) FROM cases").fetchone()[0])

    def audit(self, ref: str | None = None) -> list[AuditEntry]:
        sql = "SELECT at, command, ref, slot, fields, count, detail FROM audit"
        rows = self.conn.execute(
            sql + (" WHERE ref = ? ORDER BY id" if ref is not None else " ORDER BY id"),
            (ref,) if ref is not None else (),
        )
        return [
            AuditEntry(
                at=datetime.fromisoformat(at),
                command=command,
                ref=r,
                slot=slot,
                fields=tuple(json.loads(fields)),
                count=count,
                detail=detail,
            )
            for at, command, r, slot, fields, count, detail in rows
        ]

    # --- writing (inside `writing`) ---

    def _next_in_queue(self, slot: str) -> int:
        row = self.conn.execute(
            "SELECT COALESCE(MAX(waitlist), 0) + 1 FROM cases WHERE slot = ?", (slot,)
        ).fetchone()
        return int(row[0])

    def insert(self, case: Case, *, waiting: bool, at: datetime | None = None) -> Case:
        """Store a new case (places it at the end of the queue if `waiting`)."""
        queue = self._next_in_queue(case.slot) if waiting else None
        return self.get(self._insert_row(case, queue, at or now()))

    def _insert_row(self, case: Case, queue: int | None, stamp: datetime) -> int:
        """One row of `cases` and its questions; missing time stamps become `stamp`."""
        cursor = self.conn.execute(
            f"INSERT INTO cases ({_INSERTED}) VALUES ({_placeholders(_INSERTED.split(','))})",  # noqa: S608
            (
                case.ref,
                case.slot,
                case.session_date.isoformat(),
                case.status.value,
                queue,
                *self._values(case),
                (case.created_at or stamp).isoformat(),
                (case.updated_at or stamp).isoformat(),
            ),
        )
        case_id = int(cursor.lastrowid or 0)
        self._write_questions(case_id, case.questions)
        return case_id

    @staticmethod
    def _values(case: Case) -> tuple[object, ...]:
        return (
            case.worker.name,
            case.worker.email,
            case.worker.phone,
            case.municipality,
            case.matter.value,
            json.dumps(list(case.expertise), ensure_ascii=False),
            case.documents_received.isoformat() if case.documents_received else None,
            case.late_reason,
            case.withdrawn_reason,
        )

    def _write_questions(self, case_id: int, questions: Sequence[str]) -> None:
        self.conn.execute("DELETE FROM questions WHERE case_id = ?", (case_id,))
        self.conn.executemany(
            "INSERT INTO questions (case_id, position, text) VALUES (?, ?, ?)",
            [(case_id, n, text) for n, text in enumerate(questions, start=1)],
        )

    def update(self, case: Case, *, waiting: bool | None = None) -> Case:
        """Write every field of a stored case; `waiting` True/False joins or leaves the queue
        (a withdrawn case always leaves it; None keeps the case where it is)."""
        if case.id is None:
            raise ValueError("update() needs a stored case")
        old = self.get(case.id)
        key = self.conn.execute("SELECT waitlist FROM cases WHERE id = ?", (case.id,))
        queued: int | None = key.fetchone()[0]
        if waiting is False or case.status is CaseStatus.WITHDRAWN:
            queued = None
        elif waiting is True and (queued is None or old.slot != case.slot):
            queued = self._next_in_queue(case.slot)
        self.conn.execute(
            "UPDATE cases SET ref = ?, slot = ?, session_date = ?, status = ?, waitlist = ?, "
            "worker_name = ?, worker_email = ?, worker_phone = ?, municipality = ?, matter = ?, "
            "expertise = ?, documents_received = ?, late_reason = ?, withdrawn_reason = ?, "
            "updated_at = ? WHERE id = ?",
            (
                case.ref,
                case.slot,
                case.session_date.isoformat(),
                case.status.value,
                queued,
                *self._values(case),
                now().isoformat(),
                case.id,
            ),
        )
        if old.questions != case.questions:
            self._write_questions(case.id, case.questions)
        return self.get(case.id)

    def delete_before(self, day: date) -> int:
        """Remove every case whose session was before `day` (questions go with them)."""
        cursor = self.conn.execute("DELETE FROM cases WHERE session_date < ?", (day.isoformat(),))
        return cursor.rowcount

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
    ) -> None:
        """Append to the audit log: field names and counts, never the values themselves."""
        self.conn.execute(
            "INSERT INTO audit (at, command, ref, slot, fields, count, detail) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                (at or now()).isoformat(),
                command,
                ref,
                slot,
                json.dumps(list(fields)),
                count,
                detail,
            ),
        )

    def restore(self, cases: Sequence[Case], audit: Sequence[AuditEntry]) -> list[int]:
        """Insert a backup's cases (queue places, statuses and time stamps as given) and its
        audit lines, in their order; the new row ids of the cases, in the order given."""
        stamp = now()
        ids = [self._insert_row(case, case.waitlist, stamp) for case in cases]
        for entry in audit:
            self.log(
                entry.command,
                ref=entry.ref,
                slot=entry.slot,
                fields=entry.fields,
                count=entry.count,
                detail=entry.detail,
                at=entry.at,
            )
        return ids

    # --- the sent log (issue 5) ---

    def was_sent(self, key: str) -> bool:
        """Whether the message with this idempotency key was accepted by a server before."""
        row = self.conn.execute("SELECT 1 FROM sent WHERE key = ?", (key,)).fetchone()
        return row is not None

    def record_sent(
        self, key: str, *, kind: str, slot: str, recipients: int, at: datetime | None = None
    ) -> None:
        """Record a message the SMTP server accepted (call only after it did)."""
        self.conn.execute(
            "INSERT INTO sent (key, kind, slot, sent_at, recipients) VALUES (?, ?, ?, ?, ?)",
            (key, kind, slot, (at or now()).isoformat(), recipients),
        )

    def sent_log(self) -> list[SentRecord]:
        """Every recorded message, oldest first."""
        rows = self.conn.execute(
            "SELECT key, kind, slot, sent_at, recipients FROM sent ORDER BY sent_at, key"
        )
        return [
            SentRecord(key, kind, slot, datetime.fromisoformat(at), recipients)
            for key, kind, slot, at, recipients in rows
        ]

    def sent_count(self) -> int:
        return int(self.conn.execute("SELECT COUNT(*) FROM sent").fetchone()[0])

    def restore_sent(self, records: Sequence[SentRecord]) -> None:
        """Insert a backup's sent log as given (so a restored register sends nothing twice)."""
        for r in records:
            self.record_sent(r.key, kind=r.kind, slot=r.slot, recipients=r.recipients, at=r.at)


# --- the backup format ---------------------------------------------------------------------

BACKUP_FORMAT = "mastergroup-backup"
BACKUP_VERSION = 2  # 2: experts, attendance, statement delivery dates and the sent log
BACKUP_VERSIONS = (1, 2)  # what `case import` reads


def case_record(case: Case, delivered: Mapping[int, date] | None = None) -> dict[str, Any]:
    """One case as JSON: the `case list --format json` contract and the backup's case record.

    `delivered` is the register's statement delivery dates by case id
    (`store_experts.delivery_dates`); only a record made with them has `statement_delivered`
    (the backup's records do; `case list` does not read them yet).

    Fields are only ever added, never renamed or removed (README: "Case JSON"):
      ref                 the social worker's case number or pseudonym (unique per session)
      session_date        YYYY-MM-DD, the session's date as configured now
      slot                the session's stable identity ("2023-03", "extra-2023-05-10")
      status              booked, documents_received, discussed, statement_delivered, withdrawn
      waitlisted          true while the case waits for a place (its status stays booked)
      waitlist_position   1, 2, ... in the session's waiting list; null when not waiting
      worker, worker_email, worker_phone   the responsible social worker ("" if no phone)
      municipality        municipality or unit
      matter              care_order_preparation, substitute_care, ending_care_order,
                          community_care or other
      expertise           list of texts, e.g. ["law", "child psychiatry"]
      questions           list of 1-3 texts
      documents_received  YYYY-MM-DD the documents arrived, or null
      late_reason         why the coordinator booked after the cutoff ("" if on time)
      withdrawn_reason    why the case was withdrawn ("" if not)
      created_at, updated_at   ISO 8601 with offset (UTC)
      statement_delivered YYYY-MM-DD the statement was delivered, or null (see `delivered`)
    """
    record: dict[str, Any] = {
        "ref": case.ref,
        "session_date": case.session_date.isoformat(),
        "slot": case.slot,
        "status": case.status.value,
        "waitlisted": case.waiting,
        "waitlist_position": case.waitlist if case.waiting else None,
        "worker": case.worker.name,
        "worker_email": case.worker.email,
        "worker_phone": case.worker.phone,
        "municipality": case.municipality,
        "matter": case.matter.value,
        "expertise": list(case.expertise),
        "questions": list(case.questions),
        "documents_received": (
            case.documents_received.isoformat() if case.documents_received else None
        ),
        "late_reason": case.late_reason,
        "withdrawn_reason": case.withdrawn_reason,
        "created_at": case.created_at.isoformat() if case.created_at else None,
        "updated_at": case.updated_at.isoformat() if case.updated_at else None,
    }
    if delivered is not None:
        day = delivered.get(case.id) if case.id is not None else None
        record["statement_delivered"] = day.isoformat() if day else None
    return record


def audit_record(entry: AuditEntry) -> dict[str, Any]:
    return {
        "at": entry.at.isoformat(),
        "command": entry.command,
        "ref": entry.ref,
        "slot": entry.slot,
        "fields": list(entry.fields),
        "count": entry.count,
        "detail": entry.detail,
    }


def sent_record(record: SentRecord) -> dict[str, Any]:
    return {
        "key": record.key,
        "kind": record.kind,
        "slot": record.slot,
        "sent_at": record.at.isoformat(),
        "recipients": record.recipients,
    }
