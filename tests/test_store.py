"""The register's storage: permissions, pragmas, migrations, transactions, audit log, speed."""

from __future__ import annotations

import contextlib
import sqlite3
import stat
import time
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from mastergroup.core.errors import StorageError
from mastergroup.core.model import AuditEntry, Case, CaseStatus, Matter, Worker
from mastergroup.core.panel import Expert
from mastergroup.register import experts as store_experts
from mastergroup.register import store
from mastergroup.register.scope import Scope
from mastergroup.register.where import Where


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def new_case(ref: str = "LS-1", slot: str = "2023-03", **changes: object) -> Case:
    fields: dict[str, object] = {
        "ref": ref,
        "slot": slot,
        "session_date": date(2023, 3, 31),
        "status": CaseStatus.BOOKED,
        "worker": Worker("Sanna Sosiaalityöntekijä", "sanna@kunta.example", "040 000 0001"),
        "municipality": "Jyväskylä",
        "matter": Matter.SUBSTITUTE_CARE,
        "questions": ("Ensimmäinen kysymys?", "Toinen kysymys?"),
        "expertise": ("law", "child psychiatry"),
    }
    fields.update(changes)
    return Case(**fields)  # type: ignore[arg-type]


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest) -> str:
    """Issue 16: every test here runs on the SQLite file and on a PostgreSQL register of its
    own; those marked sqlite_only look into the SQLite file itself."""
    return str(request.param)


@pytest.fixture
def home(tmp_path: Path, backend: str, request: pytest.FixtureRequest) -> Path | Where:
    if backend == "postgresql":
        return Where(tmp_path / "data", request.getfixturevalue("pg_url"))
    return tmp_path / "data"


# --- files and permissions ---------------------------------------------------------------------


@pytest.mark.sqlite_only  # the SQLite file itself (PostgreSQL: tests/test_postgres.py)
def test_first_use_creates_owner_only_folder_and_file(home):
    with store.writing(home) as register:
        register.insert(new_case(), waiting=False)
        # while the connection is open the WAL files exist: owner only too
        for suffix in ("-wal", "-shm"):
            assert mode(Path(f"{store.db_path(home)}{suffix}")) == 0o600
    assert mode(home) == 0o700
    assert mode(store.db_path(home)) == 0o600


@pytest.mark.sqlite_only  # the SQLite file itself (PostgreSQL: tests/test_postgres.py)
def test_a_loose_existing_folder_and_file_are_tightened(home):
    with store.writing(home):
        pass
    home.chmod(0o755)
    store.db_path(home).chmod(0o644)
    with store.reading(home):
        pass
    assert (mode(home), mode(store.db_path(home))) == (0o700, 0o600)


def test_reading_creates_nothing(home):
    with store.reading(home) as register:
        assert register is None
    assert not store.exists(home)
    assert not (home.home if isinstance(home, Where) else home).exists()


@pytest.mark.sqlite_only  # the SQLite file itself (PostgreSQL: tests/test_postgres.py)
def test_pragmas_and_schema_version(home):
    with store.writing(home) as register:
        conn = register.conn
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == 30_000
        assert conn.execute("PRAGMA secure_delete").fetchone()[0] == 1
        assert conn.execute("PRAGMA temp_store").fetchone()[0] == 2  # MEMORY
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert conn.execute("PRAGMA user_version").fetchone()[0] == store.SCHEMA_VERSION


class _BusyOnce:
    """A connection whose first `busy` WAL switches answer SQLITE_BUSY, as SQLite does when
    another connection is switching the same new file at that moment (no busy handler then)."""

    def __init__(self, conn: sqlite3.Connection, busy: int, name: str = "SQLITE_BUSY") -> None:
        self.conn, self.busy, self.name, self.tries = conn, busy, name, 0

    def execute(self, sql: str) -> sqlite3.Cursor:
        if sql == "PRAGMA journal_mode = WAL":
            self.tries += 1
            if self.tries <= self.busy:
                error = sqlite3.OperationalError("database is locked")
                error.sqlite_errorname = self.name  # type: ignore[attr-defined]
                raise error
        return self.conn.execute(sql)


@pytest.mark.sqlite_only
def test_switching_a_new_register_to_wal_waits_out_a_busy_answer(tmp_path):
    from mastergroup.register import connection

    with contextlib.closing(sqlite3.connect(tmp_path / "new.db", isolation_level=None)) as raw:
        busy = _BusyOnce(raw, busy=3)
        connection.use_wal(busy)  # type: ignore[arg-type]
        assert busy.tries == 4
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        connection.use_wal(busy)  # type: ignore[arg-type]
        assert busy.tries == 4  # already WAL: read, not switched again


@pytest.mark.sqlite_only
def test_a_wal_switch_busy_past_the_timeout_or_failing_otherwise_is_raised(tmp_path):
    from mastergroup.register import connection

    with contextlib.closing(sqlite3.connect(tmp_path / "new.db", isolation_level=None)) as raw:
        started = time.monotonic()
        with pytest.raises(sqlite3.OperationalError):
            connection.use_wal(_BusyOnce(raw, busy=10**6), timeout_s=0.2)  # type: ignore[arg-type]
        assert time.monotonic() - started < 2
        other = _BusyOnce(raw, busy=1, name="SQLITE_IOERR")
        with pytest.raises(sqlite3.OperationalError):
            connection.use_wal(other)  # type: ignore[arg-type]
        assert other.tries == 1  # not a busy answer: no retry


@pytest.mark.sqlite_only
def test_twelve_first_uses_at_once_all_open_the_register(tmp_path):
    """The CI's booking race, in threads: every opener of a register that does not yet exist
    gets it (before the WAL retry, about one in a thousand was refused as busy)."""
    import threading

    from mastergroup.register import connection
    from mastergroup.register.migrations import MIGRATIONS

    failures: list[BaseException] = []
    for n in range(15):
        home = tmp_path / f"home-{n}"
        start = threading.Barrier(12)

        def open_it(home: Path = home, start: threading.Barrier = start) -> None:
            start.wait()
            try:
                connection.connect(home, MIGRATIONS).close()
            except BaseException as e:  # collected, asserted below
                failures.append(e)

        threads = [threading.Thread(target=open_it) for _ in range(12)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert failures == []


# --- migrations --------------------------------------------------------------------------------


@pytest.mark.sqlite_only  # the SQLite file itself (PostgreSQL: tests/test_postgres.py)
def test_a_register_from_a_newer_version_is_refused(home):
    with store.writing(home):
        pass
    with sqlite3.connect(store.db_path(home)) as conn:
        conn.execute(f"PRAGMA user_version = {store.SCHEMA_VERSION + 1}")
    with pytest.raises(StorageError) as caught:
        store.writing(home).__enter__()
    assert caught.value.key == "case.store_newer"


@pytest.mark.sqlite_only  # the SQLite file itself (PostgreSQL: tests/test_postgres.py)
def test_a_failing_migration_leaves_nothing_behind(home, monkeypatch):
    broken = ((*store.MIGRATIONS[0], "CREATE TABLE cases (x)"),)  # the second CREATE fails
    monkeypatch.setattr(store, "MIGRATIONS", broken)
    with pytest.raises(StorageError):
        store.writing(home).__enter__()
    with sqlite3.connect(store.db_path(home)) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 0
        assert conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()[0] == 0


@pytest.mark.sqlite_only  # the SQLite file itself (PostgreSQL: tests/test_postgres.py)
def test_migrations_run_once_and_forward(home, monkeypatch):
    with store.writing(home) as register:
        register.insert(new_case(), waiting=False)
    extra = "ALTER TABLE cases ADD COLUMN consent INTEGER NOT NULL DEFAULT 0"
    monkeypatch.setattr(store, "MIGRATIONS", (*store.MIGRATIONS, (extra,)))
    monkeypatch.setattr(store, "SCHEMA_VERSION", store.SCHEMA_VERSION + 1)
    for _ in range(2):
        with store.reading(home) as register:
            assert register is not None
            assert [c.ref for c in register.cases()] == ["LS-1"]
            version = register.conn.execute("PRAGMA user_version").fetchone()[0]
            assert version == store.SCHEMA_VERSION


# --- transactions and the audit log --------------------------------------------------------------


def test_an_error_inside_a_write_rolls_everything_back(home):
    with store.writing(home) as register:
        register.insert(new_case("KEEP"), waiting=False)
    with pytest.raises(RuntimeError), store.writing(home) as register:
        register.insert(new_case("GONE"), waiting=False)
        register.log("add", ref="GONE", fields=("ref",))
        raise RuntimeError
    with store.reading(home) as register:
        assert register is not None
        assert [c.ref for c in register.cases()] == ["KEEP"]
        assert register.audit() == []


@pytest.mark.sqlite_only  # the SQLite file itself (PostgreSQL: tests/test_postgres.py)
def test_the_audit_log_is_append_only(home):
    with store.writing(home) as register:
        register.log("add", ref="LS-1", slot="2023-03", fields=("ref", "questions"))
    conn = sqlite3.connect(store.db_path(home))
    try:
        for sql in ("UPDATE audit SET ref = 'x'", "DELETE FROM audit"):
            with pytest.raises(sqlite3.IntegrityError, match="append-only"):
                conn.execute(sql)
    finally:
        conn.close()
    with store.reading(home) as register:
        assert register is not None
        [entry] = register.audit()
        assert (entry.ref, entry.fields) == ("LS-1", ("ref", "questions"))


def test_reference_is_unique_within_a_session(home):
    with store.writing(home) as register:
        register.insert(new_case("LS-1"), waiting=False)
        register.insert(new_case("LS-1", slot="2023-04"), waiting=False)  # another session
        with pytest.raises(Exception, match=r"UNIQUE|unique") as refused:
            register.insert(new_case("LS-1"), waiting=False)
        assert type(refused.value).__name__ in ("IntegrityError", "UniqueViolation")


# --- rows <-> objects ---------------------------------------------------------------------------


def test_a_case_round_trips_with_every_field(home):
    original = new_case(
        documents_received=date(2023, 3, 20),
        late_reason="sovittu puhelimessa",
        status=CaseStatus.DOCUMENTS_RECEIVED,
    )
    with store.writing(home) as register:
        stored = register.insert(original, waiting=False)
    assert stored.id is not None
    assert stored.created_at is not None and stored.created_at.tzinfo is not None
    assert stored == original._replace(
        id=stored.id, created_at=stored.created_at, updated_at=stored.updated_at
    )


def test_queue_positions_and_leaving_the_queue(home):
    with store.writing(home) as register:
        register.insert(new_case("A"), waiting=False)
        w1 = register.insert(new_case("W1"), waiting=True)
        w2 = register.insert(new_case("W2"), waiting=True)
        assert (w1.waitlist, w2.waitlist) == (1, 2)
        register.update(w1, waiting=False)
        assert register.get(w2.id or 0).waitlist == 1
        assert register.holders(["2023-03"]) == {"2023-03": 2}
        assert [c.ref for c in register.cases(waiting=True)] == ["W2"]


def test_purge_removes_questions_too_and_overwrites_them(home):
    secret = "Kysymys-jonka-pitää-kadota-levyltä"
    with store.writing(home) as register:
        register.insert(new_case("OLD", questions=(secret,)), waiting=False)
        later = new_case("NEW", slot="2023-04", session_date=date(2023, 4, 28))
        register.insert(later, waiting=False)
    with store.writing(home) as register:
        assert register.delete_before(date(2023, 4, 1)) == 1
        orphans = register.conn.execute(
            "SELECT COUNT(*) FROM questions WHERE case_id NOT IN (SELECT id FROM cases)"
        )
        assert orphans.fetchone()[0] == 0
    if isinstance(home, Where):  # PostgreSQL keeps its own files: the rows are gone
        with store.reading(home) as register:
            assert register is not None and [c.ref for c in register.cases()] == ["NEW"]
        return
    raw = b"".join(p.read_bytes() for p in home.iterdir())
    assert secret.encode() not in raw  # secure_delete: the freed pages were zeroed


def test_backup_records_round_trip(home):
    stamp = datetime(2023, 3, 1, 8, 0, tzinfo=UTC)
    cases = [
        new_case("A", created_at=stamp, updated_at=stamp),
        new_case("W", waitlist=1, created_at=stamp, updated_at=stamp),
    ]
    audit = [AuditEntry(stamp, "add", "A", "2023-03", ("ref",))]
    with store.writing(home) as register:
        register.restore(cases, audit)
    with store.reading(home) as register:
        assert register is not None
        back = register.cases()
        assert [store.case_record(c) for c in back] == [store.case_record(c) for c in cases]
        assert register.audit() == audit


def test_experts_attendance_delivery_dates_and_the_sent_log_round_trip(home):
    stamp = datetime(2023, 3, 1, 8, 0, tzinfo=UTC)
    pool = [
        Expert("Lea Lakimies", "lakimies", areas=("law",), removed=True,
               created_at=stamp, updated_at=stamp),
        Expert("Pertti Psykologi", "psykologi", "Perheneuvola", "pertti@example.fi",
               ("growth_development",), created_at=stamp, updated_at=stamp),
    ]  # fmt: skip
    sent = [store.SentRecord("agenda:2023-03", "agenda", "2023-03", stamp, 3)]
    with store.writing(home) as register:
        ids = register.restore([new_case("A", created_at=stamp, updated_at=stamp)], [])
        store_experts.set_delivered(register, ids[0], date(2023, 4, 3))
        store_experts.restore(register, pool, {"Lea Lakimies": ("2023-02", "2023-03")})
        register.restore_sent(sent)
    with store.reading(home) as register:
        assert register is not None
        back = store_experts.experts(register, removed=True)
        assert [e._replace(id=None) for e in back] == pool
        slots = store_experts.attended_slots(register)
        assert {e.name: slots.get(e.id or 0, []) for e in back} == {
            "Lea Lakimies": ["2023-02", "2023-03"],
            "Pertti Psykologi": [],
        }
        delivered = store_experts.delivery_dates(register)
        assert delivered == {ids[0]: date(2023, 4, 3)}
        [case] = register.cases()
        assert store.case_record(case, delivered)["statement_delivered"] == "2023-04-03"
        assert "statement_delivered" not in store.case_record(case)  # `case list` as before
        assert register.sent_log() == sent and register.was_sent("agenda:2023-03")


# --- speed: 10,000 cases ------------------------------------------------------------------------


def many(count: int) -> list[Case]:
    stamp = datetime(2023, 1, 1, tzinfo=UTC)
    cases = []
    for n in range(count):
        year, month = 2020 + n // 1200, n // 100 % 12 + 1
        cases.append(
            new_case(
                f"R{n}",
                slot=f"{year}-{month:02d}",
                session_date=date(year, month, 20),
                created_at=stamp,
                updated_at=stamp,
            )
        )
    return cases


@pytest.mark.sqlite_only  # the SQLite file itself (PostgreSQL: tests/test_postgres.py)
def test_ten_thousand_cases_stay_fast_and_use_indexes(home):
    with store.writing(home) as register:
        register.restore(many(10_000), [])
    with store.reading(home) as register:
        assert register is not None
        statements: list[str] = []
        register.conn.set_trace_callback(statements.append)
        started = time.perf_counter()
        assert register.holders(["2023-03", "2023-04"]) == {"2023-03": 100, "2023-04": 100}
        assert [c.ref for c in register.cases(ref="R4242")] == ["R4242"]
        assert len(register.cases(slot="2023-03")) == 100
        assert len(register.cases(since=date(2028, 1, 1))) == 400
        elapsed = time.perf_counter() - started
        register.conn.set_trace_callback(None)
        for sql in statements:
            if not sql.startswith("SELECT"):
                continue
            plan = " | ".join(r[3] for r in register.conn.execute("EXPLAIN QUERY PLAN " + sql))
            assert "SCAN c " not in plan + " " and "SCAN cases" not in plan, (sql, plan)
            assert "SCAN questions" not in plan, (sql, plan)
    assert elapsed < 0.5, elapsed


@pytest.mark.sqlite_only  # SQLite's query plans (PostgreSQL's depend on its statistics)
def test_a_waiting_place_is_counted_in_the_index_alone(home):
    """The place shown in a waiting list (fields._RANK, and the widest one a listing makes room
    for) counts the earlier waiting cases of the session within the case's group. The index
    of migration 8 holds all three columns: through cases_waitlist (slot, waitlist), which has
    no group, every earlier waiting case of the session was read from the table to check its
    group (~11 million rows for `case list --all` at 100,000 cases: ~11 s instead of ~5 s)."""
    eho = Scope("eho", "eho:", "eho", "first")
    with store.writing(home) as register:
        for ref in ("A", "B"):
            register.insert(new_case(ref), waiting=True)
    with store.writing(home, eho) as register:
        register.insert(new_case("E"), waiting=True)  # number 3 of the session, place 1
    with store.reading(home, eho) as register:
        assert register is not None
        statements: list[str] = []
        register.conn.set_trace_callback(statements.append)
        assert [(c.ref, c.waitlist) for c in register.cases()] == [("E", 1)]
        assert register.listing_shape().waiting == 1
        register.conn.set_trace_callback(None)
        counted = [sql for sql in statements if "FROM cases w" in sql]
        assert len(counted) == 2, statements  # the cases and the listing's widths
        for sql in counted:
            plan = " | ".join(r[3] for r in register.conn.execute("EXPLAIN QUERY PLAN " + sql))
            assert (
                "SEARCH w USING COVERING INDEX cases_waitlist_group "
                "(slot=? AND group_id=? AND waitlist>? AND waitlist<?)"
            ) in plan, (sql, plan)


def test_withdrawing_a_waiting_case_leaves_the_queue_in_one_statement(home):
    """The CHECK forbids a withdrawn case with a queue place, even for a moment."""
    with store.writing(home) as register:
        waiting = register.insert(new_case("W"), waiting=True)
        gone = register.update(waiting._replace(status=CaseStatus.WITHDRAWN))
        assert (gone.status, gone.waitlist) == (CaseStatus.WITHDRAWN, None)
