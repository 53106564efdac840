"""Opening the register: its file and modes, the pragmas, transactions and the send lock.

One file, `mastergroup.db`, readable by its owner only (folder 0700, files 0600). WAL mode,
foreign keys on, `secure_delete` so purged cases are overwritten, `synchronous = FULL` so a
committed booking survives a power cut. Every command is one transaction; writers start with
`BEGIN IMMEDIATE`, so two processes can never both pass a capacity check, and wait for each
other (busy_timeout) instead of failing. No transaction waits on the network: sending mail
holds `sending`, a lock file of its own.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
import time
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path

from mastergroup.core.errors import StorageError
from mastergroup.i18n.messages import os_reason
from mastergroup.io import environment
from mastergroup.register import migrations

DB_NAME = environment.REGISTER_NAME
BUSY_TIMEOUT_S = 30.0  # the coordinator's terminal and a cron job wait for each other
SEND_LOCK_NAME = "mastergroup.send.lock"  # beside the register; never holds data

Steps = Sequence[Sequence[str]]


def db_path(home: Path) -> Path:
    return home / DB_NAME


def exists(home: Path) -> bool:
    return environment.register_exists(home)


def actor() -> str:
    """Who acts on a SQLite register (issue 16): the operating system's user, as
    `getpass.getuser` finds it (LOGNAME, USER, then the password database)."""
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return str(os.getuid())


def now() -> datetime:
    """Timestamps of the register and its audit log: real time, UTC, whole seconds."""
    return datetime.now(UTC).replace(microsecond=0)


def _tighten(path: Path, mode: int) -> None:
    """Remove group and other permissions (never loosen what the owner set). A symbolic link
    is left alone: chmod would change the mode of whatever file it points to."""
    with contextlib.suppress(FileNotFoundError):
        found = path.lstat()
        if not stat.S_ISLNK(found.st_mode) and stat.S_IMODE(found.st_mode) & 0o077:
            path.chmod(mode)


def storage_error(error: sqlite3.Error, path: Path) -> StorageError:
    name = getattr(error, "sqlite_errorname", "") or type(error).__name__
    if _busy(error):
        return StorageError("case.store_busy", file=str(path), seconds=int(BUSY_TIMEOUT_S))
    return StorageError("case.store_failed", file=str(path), detail=name)


def _casefold(value: object) -> str | None:
    return value.casefold() if isinstance(value, str) else None


def _busy(error: sqlite3.Error) -> bool:
    return str(getattr(error, "sqlite_errorname", "")).startswith("SQLITE_BUSY")


def use_wal(conn: sqlite3.Connection, timeout_s: float = BUSY_TIMEOUT_S) -> None:
    """Switch a new register to WAL, waiting for the others that open it at the same moment.

    The switch takes the file's exclusive lock while holding its shared one; when another
    connection is doing the same, SQLite answers SQLITE_BUSY at once instead of calling the
    busy handler (it would be a deadlock), so ten `case add` on a register that does not yet
    exist lost one or two of them with "busy for over 30 s" (the CI's booking race). Retried
    here, with a short growing pause, until `timeout_s` has passed; once a register is WAL
    this is one read."""
    deadline = time.monotonic() + timeout_s
    pause = 0.002
    while True:
        try:
            if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as e:
            if not _busy(e) or time.monotonic() + pause > deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.1)


def connect(home: Path, steps: Steps) -> sqlite3.Connection:
    """A connection to the register, created (0700/0600) and migrated by `steps` as needed."""
    path = db_path(home)
    old_umask = os.umask(0o077)  # the folder, the database and its -wal/-shm: owner only
    try:
        home.mkdir(mode=0o700, parents=True, exist_ok=True)
        _tighten(Path(os.path.realpath(home)), 0o700)  # a linked home: the folder itself
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    except OSError as e:
        raise StorageError("io.write_failed", file=str(path), detail=os_reason(e)) from None
    except sqlite3.Error as e:
        raise storage_error(e, path) from None
    finally:
        os.umask(old_umask)
    try:
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        # references match whatever their case (`ls-17` finds `LS-17`), Unicode-wide: SQLite's
        # own NOCASE folds ASCII only
        conn.create_function("casefold", 1, _casefold, deterministic=True)
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA secure_delete = ON")
        conn.execute("PRAGMA temp_store = MEMORY")  # sorts never spill case data to /tmp
        use_wal(conn)
        conn.execute("PRAGMA synchronous = FULL")
        migrations.migrate(conn, path, steps)
    except sqlite3.Error as e:
        conn.close()
        raise storage_error(e, path) from None
    except BaseException:
        conn.close()
        raise
    for suffix in ("", "-wal", "-shm"):
        _tighten(Path(f"{path}{suffix}"), 0o600)
    return conn


TABLES = ("cases", "questions", "experts", "session_experts", "sent", "audit")


def peek(home: Path) -> tuple[int, dict[str, int]]:
    """The schema version and the rows per table, read without migrating or creating
    anything (`db status`); (0, {}) when there is no register yet."""
    path = db_path(home)
    if not exists(home):
        return 0, {}
    try:
        uri = f"{path.resolve().as_uri()}?mode=ro"  # read only: status changes nothing
        conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_S)
    except sqlite3.Error as e:
        raise storage_error(e, path) from None
    try:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        names = {name for (name,) in conn.execute("SELECT name FROM sqlite_master")}
        counts = {
            table: int(conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])  # noqa: S608
            for table in TABLES
            if table in names
        }
    except sqlite3.Error as e:
        raise storage_error(e, path) from None
    finally:
        conn.close()
    return version, counts


@contextlib.contextmanager
def transaction(home: Path, begin: str, steps: Steps) -> Iterator[sqlite3.Connection]:
    """One transaction (`begin` is BEGIN or BEGIN IMMEDIATE): committed when the block ends,
    rolled back when it raises; SQLite's errors become StorageError."""
    path = db_path(home)
    conn = connect(home, steps)
    try:
        conn.execute(begin)
        try:
            yield conn
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
    except sqlite3.Error as e:
        raise storage_error(e, path) from None
    finally:
        conn.close()


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
