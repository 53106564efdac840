"""The register on a PostgreSQL server (issue 16), through psycopg 3, imported only here.

The register's SQL is written once, for SQLite (register/cases.py, logs.py, experts.py and the
schema in migrations.py); this module says how each of its few SQLite forms reads in
PostgreSQL (`dml` and `ddl`), so both backends run the same statements and the same schema.
Text columns are `COLLATE "C"`, so that sorting and uniqueness are by code point, as in SQLite:
a backup exported from either lists its records in the same order, byte for byte.

Concurrency, decided: a write transaction takes one transaction-level advisory lock of the
register (per database and schema) before its first statement. That is what SQLite's
`BEGIN IMMEDIATE` does, so the capacity check and the insert that follows it can never
interleave with another writer's, and the code above is the same for both backends. Row locks
would need every check to name its rows (`SELECT ... FOR UPDATE` on a session that has no row);
SERIALIZABLE would fail the losers of every race and need a retry loop around whole commands.
Writes are a few milliseconds and never wait on the network (mail is sent outside them), so
one writer at a time costs nothing a county would notice; readers are never blocked (their
REPEATABLE READ snapshot is consistent). A wait over `BUSY_TIMEOUT_S`, a serialization failure
or a deadlock from someone else's SQL roll the command back and give one line (exit 7).

`sending` is a session-level advisory lock: two cron hosts at the same minute send each
message once, and the server drops the lock when a process's connection ends, like flock(2).
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import itertools
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from typing import Any

from mastergroup.core.errors import StorageError
from mastergroup.register import migrations
from mastergroup.register.where import Where

BUSY_TIMEOUT_S = 30
SCHEMA_TABLE = "mastergroup_schema"  # the schema version (SQLite: PRAGMA user_version)

Steps = Sequence[Sequence[str]]


def _psycopg() -> Any:
    """psycopg, imported on first use with the garbage collector paused.

    Importing psycopg is most of what a PostgreSQL command costs over the same command on
    SQLite (~80 ms of ~95 on the project's machine; its own modules alone ~47 ms). Its
    imports create thousands of objects (some 250 exception classes, the adapters), none of
    them garbage, and each generation-0 or -1 pass while they load walks them again: pausing
    the collector saves ~4 ms (benchmarks/run.py's PostgreSQL rows). The collector's state is
    restored whatever happens, so library use sees it as it was.
    """
    paused = gc.isenabled()
    if paused:
        gc.disable()
    try:
        import psycopg
    except ImportError:
        raise StorageError("register.db_needs_psycopg") from None
    finally:
        if paused:
            gc.enable()
    return psycopg


# --- SQLite's forms, as PostgreSQL reads them ----------------------------------------------

_RETURNING = re.compile(r"^INSERT INTO (cases|experts) ")  # the tables whose id is read back
_OR_IGNORE = "INSERT OR IGNORE INTO "


def _aggregates(sql: str) -> str:
    """`group_concat(DISTINCT x)` -> `string_agg(DISTINCT (x)::text, ',')` (x may nest)."""
    head = "group_concat(DISTINCT "
    while (start := sql.find(head)) >= 0:
        depth, i = 1, start + len(head)
        while depth:
            depth += {"(": 1, ")": -1}.get(sql[i], 0)
            i += 1
        inner = sql[start + len(head) : i - 1]
        sql = f"{sql[:start]}string_agg(DISTINCT ({inner})::text, ','){sql[i:]}"
    return sql


@lru_cache(maxsize=512)
def dml(sql: str, with_params: bool) -> tuple[str, bool]:
    """A query or change of the register, as PostgreSQL runs it; and whether it returns the
    new row's id (sqlite3's `lastrowid`)."""
    text = _aggregates(sql)
    if text.startswith(_OR_IGNORE):
        text = f"INSERT INTO {text.removeprefix(_OR_IGNORE)} ON CONFLICT DO NOTHING"
    returning = bool(_RETURNING.match(text))
    if returning:
        text = f"{text} RETURNING id"
    if with_params:
        text = text.replace("%", "%%").replace("?", "%s")
    return text, returning


_TRIGGER = re.compile(
    r"CREATE TRIGGER (\w+) BEFORE (UPDATE|DELETE) ON (\w+) BEGIN "
    r"SELECT RAISE\(ABORT, '([^']*)'\); END"
)
_REFUSE = (
    "CREATE OR REPLACE FUNCTION mastergroup_refuse() RETURNS trigger LANGUAGE plpgsql AS "
    "$$BEGIN RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'restrict_violation'; END$$"
)
_TABLE = re.compile(r"^CREATE TABLE (\w+) \(")
_COPY_IDS = re.compile(r"^INSERT INTO (\w+) \(id, ")  # a table rebuilt with its rows' ids


def ddl(statement: str) -> list[str]:
    """One statement of a migration step (written for SQLite), as PostgreSQL statements."""
    found = _TRIGGER.fullmatch(statement.strip())
    if found:
        name, event, table, message = found.groups()
        refused = [
            _REFUSE,
            f"CREATE TRIGGER {name} BEFORE {event} ON {table} FOR EACH ROW "
            f"EXECUTE FUNCTION mastergroup_refuse('{message}')",
        ]
        if event == "DELETE":  # TRUNCATE deletes without row triggers: refused as well
            refused.append(
                f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
                f"FOR EACH STATEMENT EXECUTE FUNCTION mastergroup_refuse('{message}')"
            )
        return refused
    copied = _COPY_IDS.match(statement)
    if copied:  # the identity must go on after the highest id copied, not from 1
        table = copied.group(1)  # a table name of the schema's own statements
        restart = f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE(MAX(id), 0) + 1, false) FROM {table}"  # noqa: E501, S608
        return [statement, restart]
    text = statement
    if text.startswith(("CREATE TABLE", "ALTER TABLE")):
        own_rowid = "INTEGER PRIMARY KEY" in text or "WITHOUT ROWID" in text
        text = re.sub(
            r"\bINTEGER PRIMARY KEY( AUTOINCREMENT)?",
            "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
            text,
        )
        text = re.sub(r"\bINTEGER\b", "BIGINT", text)
        text = re.sub(r"\bTEXT\b", 'TEXT COLLATE "C"', text)
        text = text.replace(") WITHOUT ROWID", ")")
        if text.startswith("CREATE TABLE") and not own_rowid:
            # SQLite's implicit rowid, which the sent log is ordered by
            text = _TABLE.sub(
                r"CREATE TABLE \1 (rowid BIGINT GENERATED ALWAYS AS IDENTITY, ", text, count=1
            )
    return [text]


# --- a connection that speaks like sqlite3's -----------------------------------------------


class Cursor:
    """The part of sqlite3.Cursor the register uses."""

    def __init__(self, cursor: Any, returning: bool) -> None:
        self._cursor = cursor
        self._id: int | None = cursor.fetchone()[0] if returning else None

    @property
    def lastrowid(self) -> int | None:
        return self._id

    @property
    def rowcount(self) -> int:
        return int(self._cursor.rowcount)

    def fetchone(self) -> Any:
        return self._cursor.fetchone()

    def fetchall(self) -> list[Any]:
        return list(self._cursor.fetchall())

    def __iter__(self) -> Iterator[Any]:
        return iter(self._cursor)


_names = itertools.count(1)


def lock_key(schema: str, purpose: str) -> int:
    """The advisory lock of the register in `schema` (advisory locks are per database) for
    `purpose` ("write", "send", "migrate"): two registers of one database never wait for
    each other."""
    digest = hashlib.blake2b(f"mastergroup.{purpose}:{schema}".encode(), digest_size=8)
    return int.from_bytes(digest.digest(), "big", signed=True)


class Connection:
    """A psycopg connection behind the methods of sqlite3.Connection that the register calls:
    `execute`, `executemany`, `in_transaction`; and `rows` (by column name, streamed)."""

    def __init__(self, raw: Any, where: Where) -> None:
        self.raw, self.where = raw, where
        found = raw.execute(
            "SELECT current_user, current_schema(), to_regclass(%s) IS NOT NULL",
            (SCHEMA_TABLE,),
        ).fetchone()
        self.actor, self.schema, self.created = str(found[0]), str(found[1] or ""), found[2]
        self.version: int | None = None
        self.cursors: list[Any] = []  # the server-side cursors of this transaction
        self.spare = False  # opened beside the process's busy one: closed after use

    def close_cursors(self) -> None:
        """Close the listings not read to their end (before the transaction ends)."""
        for cursor in self.cursors:
            with contextlib.suppress(Exception):
                cursor.close()
        self.cursors.clear()

    def lock_key(self, purpose: str) -> int:
        return lock_key(self.schema, purpose)

    @property
    def in_transaction(self) -> bool:
        return bool(self.raw.info.transaction_status != 0)  # 0: IDLE

    def execute(self, sql: str, parameters: Sequence[Any] = (), /) -> Cursor:
        text, returning = dml(sql, bool(parameters))
        return Cursor(self.raw.execute(text, list(parameters) or None), returning)

    def executemany(self, sql: str, parameters: Iterable[Sequence[Any]], /) -> None:
        values = [list(p) for p in parameters]
        if values:
            with self.raw.cursor() as cursor:
                cursor.executemany(dml(sql, True)[0], values)

    def rows(self, sql: str, parameters: Sequence[Any] = (), *, stream: bool = False) -> Any:
        """The rows of one query as dicts; `stream`: a server-side cursor, fetched 500 at a
        time, so memory stays flat however many cases (issue 18)."""
        from psycopg.rows import dict_row

        text, _ = dml(sql, bool(parameters))
        if stream:
            cursor = self.raw.cursor(name=f"mg_{next(_names)}", row_factory=dict_row)
            cursor.itersize = 500
            self.cursors.append(cursor)
        else:
            cursor = self.raw.cursor(row_factory=dict_row)
        cursor.execute(text, list(parameters) or None)
        return iter(cursor)


# --- opening, migrating, transactions --------------------------------------------------------

_open: dict[str, Connection] = {}  # one connection per process and database (a command's)


def close_all() -> None:
    """Close every connection this process holds (tests; a process's end does the same)."""
    for conn in list(_open.values()):
        with contextlib.suppress(Exception):
            conn.raw.close()
    _open.clear()


def _release(conn: Connection) -> None:
    """After an error: close the connection and, if it is the process's, forget it (a spare
    opened beside a busy one leaves the busy one alone: it may be an outer transaction's)."""
    if _open.get(conn.where.url) is conn:
        del _open[conn.where.url]
    with contextlib.suppress(Exception):
        conn.raw.close()


def _connect(where: Where) -> Connection:
    """The process's connection to the register; a new one (`spare`, closed after use)
    when that one is inside a transaction already."""
    conn = _open.get(where.url)
    if conn is not None and not conn.raw.closed and not conn.in_transaction:
        return conn
    busy = conn is not None and not conn.raw.closed
    psycopg = _psycopg()
    options: dict[str, Any] = {"autocommit": True, "application_name": "mastergroup"}
    if "connect_timeout" not in where.url and not os.environ.get("PGCONNECT_TIMEOUT"):
        options["connect_timeout"] = 10
    try:
        raw = psycopg.connect(where.url, **options)
    except psycopg.Error as e:
        raise connect_error(e, where) from None
    try:
        conn = Connection(raw, where)
    except psycopg.Error as e:
        raw.close()
        raise storage_error(e, where, raw) from None
    if not conn.schema:  # search_path names no schema that exists: nowhere to keep it
        raw.close()
        raise StorageError("register.db_no_schema", where=where.shown)
    if busy:
        conn.spare = True
    else:
        _open[where.url] = conn
    return conn


@contextlib.contextmanager
def _using(where: Where) -> Iterator[Connection]:
    """A connection for a step outside a transaction (exists, status, migrate, the send
    lock): its errors as one line, a spare closed afterwards."""
    conn = _connect(where)
    psycopg = _psycopg()
    try:
        yield conn
    except psycopg.Error as e:
        error = storage_error(e, where, conn.raw)
        _release(conn)
        raise error from None
    finally:
        if conn.spare:
            _release(conn)


def _created(conn: Connection) -> bool:
    if not conn.created:  # created since this connection was opened (another process)?
        found = conn.raw.execute("SELECT to_regclass(%s) IS NOT NULL", (SCHEMA_TABLE,))
        conn.created = bool(found.fetchone()[0])
    return bool(conn.created)


def exists(where: Where) -> bool:
    with _using(where) as conn:
        return _created(conn)


def schema_version(conn: Connection) -> int:
    """The version of the register's schema; 0 when it has none yet."""
    if not _created(conn):
        return 0
    row = conn.raw.execute(f"SELECT version FROM {SCHEMA_TABLE}").fetchone()  # noqa: S608
    return int(row[0]) if row else 0


def migrate(conn: Connection, steps: Steps) -> int:
    """Bring the schema to len(steps) in one transaction (another process may be doing the
    same: the migration lock orders them); refuse a newer schema. Returns the steps applied."""
    target = len(steps)
    if conn.version == target:
        return 0
    version = schema_version(conn)
    if version > target:
        raise StorageError("case.store_newer", file=conn.where.shown, version=version)
    if version == target:
        conn.version = target
        return 0
    raw = conn.raw
    raw.execute(f"BEGIN; SELECT pg_advisory_xact_lock({conn.lock_key('migrate')})")
    try:
        raw.execute(f"CREATE TABLE IF NOT EXISTS {SCHEMA_TABLE} (version INTEGER NOT NULL)")
        row = raw.execute(f"SELECT version FROM {SCHEMA_TABLE}").fetchone()  # noqa: S608
        if row is None:
            raw.execute(f"INSERT INTO {SCHEMA_TABLE} (version) VALUES (0)")  # noqa: S608
        version = int(row[0]) if row else 0
        for number in range(version, target):
            for statement in steps[number]:
                for text in ddl(statement):
                    raw.execute(text)
            for text in migrations.POSTGRES_AFTER.get(number, ()):
                raw.execute(text)
        raw.execute(f"UPDATE {SCHEMA_TABLE} SET version = %s", (target,))  # noqa: S608
        raw.execute("COMMIT")
    except BaseException:
        if conn.in_transaction and not raw.closed:
            raw.execute("ROLLBACK")
        raise
    conn.created, conn.version = True, target
    return target - version


def _migrated(conn: Connection, steps: Steps) -> None:
    """Migrate `conn`'s register when behind, if its role may; else say who may."""
    psycopg = _psycopg()
    try:
        if conn.version != len(steps):
            migrate(conn, steps)
    except psycopg.errors.InsufficientPrivilege as e:
        try:
            version = schema_version(conn)
        except psycopg.Error:  # not even the version may be read: grants are missing
            raise StorageError(
                "register.db_denied", where=conn.where.shown, detail=_detail(e)
            ) from None
        if version >= len(steps):  # current, but this role may not read what it needs
            raise StorageError(
                "register.db_denied", where=conn.where.shown, detail=_detail(e)
            ) from None
        raise StorageError(
            "register.db_migrate_denied", where=conn.where.shown, role=conn.actor,
            version=version, needed=len(steps),
        ) from None  # fmt: skip


@contextlib.contextmanager
def transaction(where: Where, *, write: bool, steps: Steps) -> Iterator[Connection]:
    """One transaction: a writer holds the register's write lock (see the module's note)."""
    psycopg = _psycopg()
    conn = _connect(where)
    raw = conn.raw
    try:
        _migrated(conn, steps)
        if write:
            raw.execute(
                f"BEGIN; SET LOCAL lock_timeout = '{BUSY_TIMEOUT_S}s'; "
                f"SELECT pg_advisory_xact_lock({conn.lock_key('write')})"
            )
        else:
            # a snapshot; READ ONLY: a write here would bypass the write lock, so it fails
            raw.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        try:
            yield conn
        except BaseException:
            conn.close_cursors()
            if not raw.closed and conn.in_transaction:
                raw.execute("ROLLBACK")
            raise
        conn.close_cursors()
        try:
            raw.execute("COMMIT")
        except psycopg.Error as e:  # as any error below, but its outcome may be unknown
            error = commit_error(e, where, raw)
            _release(conn)
            raise error from None
    except psycopg.Error as e:
        error = storage_error(e, where, raw)
        _release(conn)
        raise error from None
    except StorageError:
        if conn.in_transaction and not raw.closed:
            with contextlib.suppress(psycopg.Error):
                raw.execute("ROLLBACK")
        raise
    finally:
        if conn.spare:
            _release(conn)


@contextlib.contextmanager
def sending(where: Where) -> Iterator[None]:
    """The send lock of the register (see `connection.sending`): a session advisory lock,
    held by the process's own connection (or a spare) until the message is recorded."""
    psycopg = _psycopg()
    with _using(where) as conn:
        key = conn.lock_key("send")
        conn.raw.execute(f"SELECT pg_advisory_lock({key})")
        try:
            yield
        finally:
            if not conn.raw.closed:
                with contextlib.suppress(psycopg.Error):
                    conn.raw.execute(f"SELECT pg_advisory_unlock({key})")


def peek(where: Where, tables: Sequence[str]) -> tuple[int, dict[str, int], str, str]:
    """The schema version, the rows per table, the role and the schema, read without
    migrating or creating anything (`db status`)."""
    with _using(where) as conn:
        version = schema_version(conn)
        found = {}
        for table in tables if version else ():
            row = conn.raw.execute(f"SELECT COUNT(*) FROM {table}").fetchone()  # noqa: S608
            found[table] = int(row[0])
        return version, found, conn.actor, conn.schema


def migrate_now(where: Where, steps: Steps) -> tuple[int, int]:
    """`db migrate`: the schema version before and after bringing it to len(steps)."""
    with _using(where) as conn:
        conn.version = None  # look again: another host may have migrated since
        before = schema_version(conn)
        _migrated(conn, steps)
        return before, max(before, len(steps))


# --- errors: one line each, exit 7 -----------------------------------------------------------


def _detail(error: Exception) -> str:
    """The first line of the server's or libpq's message (never a password: none is sent)."""
    text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    text = text.removeprefix("connection failed: ")
    return text[:240]


def connect_error(error: Exception, where: Where) -> StorageError:
    text = str(error)
    if "password" in text or "authentication" in text or ("role" in text and "not exist" in text):
        return StorageError("register.db_login", where=where.shown, detail=_detail(error))
    if "SSL" in text or "TLS" in text or "certificate" in text:
        return StorageError("register.db_tls", where=where.shown, detail=_detail(error))
    return StorageError("register.db_unreachable", where=where.shown, detail=_detail(error))


def _lost(error: Exception, raw: Any) -> bool:
    state = getattr(error, "sqlstate", None) or ""
    return (raw is not None and (raw.closed or raw.broken)) or state.startswith("08") or state in (
        "57P01", "57P02", "57P03",  # the server shut down or terminated this connection
    )  # fmt: skip


def commit_error(error: Exception, where: Where, raw: Any) -> StorageError:
    """An error of COMMIT itself. A connection lost there leaves the outcome unknown: the
    server may have committed before the answer was lost, so the line must not say that
    nothing was stored. Any other error (a deferred check, a serialization failure) means the
    server rolled the transaction back."""
    if _lost(error, raw):
        return StorageError("register.db_lost_at_commit", where=where.shown)
    return storage_error(error, where, raw)


def storage_error(error: Exception, where: Where, raw: Any = None) -> StorageError:
    """A psycopg error during a command as the user's one line."""
    if isinstance(error, StorageError):
        return error
    state = getattr(error, "sqlstate", None) or ""
    if _lost(error, raw):
        return StorageError("register.db_lost", where=where.shown)
    if state == "55P03":  # a lock waited on for longer than lock_timeout
        return StorageError("register.db_busy", where=where.shown, seconds=BUSY_TIMEOUT_S)
    if state in ("40001", "40P01"):  # a serialization failure or deadlock: someone else's SQL
        return StorageError("register.db_conflict", where=where.shown, detail=_detail(error))
    if state == "42501":
        return StorageError("register.db_denied", where=where.shown, detail=_detail(error))
    return StorageError("register.db_failed", where=where.shown, detail=_detail(error))

