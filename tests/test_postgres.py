"""The PostgreSQL backend's own promises (issue 16), against a real server (tests/pg.py).

The shared behaviour (booking, backups, remind, races) runs on both backends in the suites that
use the `backend` fixture; here: the schema from one description, migrations and a newer schema,
the append-only audit log enforced by the server, least privilege as the README writes it, who
acted, moving a register between the backends, and each failure as one line with nothing stored.
"""

from __future__ import annotations

import contextlib
import gc
import importlib.abc
import importlib.util
import json
import re
import sqlite3
import subprocess
import sys
import threading
import time
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from mastergroup.core.errors import StorageError
from mastergroup.register import migrations, postgres
from mastergroup.register.where import Where
from tests.cli.test_case_cli import WORKER
from tests.cli.test_expert_cli import LAW, PSY
from tests.conftest import ACTOR, assert_user_error, new_register, snapshot
from tests.pg import with_query
from tests.smtpd import smtp_server

psycopg = pytest.importorskip("psycopg")

README = Path(__file__).resolve().parent.parent / "README.md"
BOOK = ["case", "add", "--session", "2023-03-31", *WORKER, "--municipality", "Jyväskylä",
        "-q", "Mitä tehdään?"]  # fmt: skip


@pytest.fixture
def pg(pg_url, home, monkeypatch):
    """Commands run on a new PostgreSQL register; English; 2023-03-01."""
    monkeypatch.setenv("MASTERGROUP_DATABASE", pg_url)
    monkeypatch.setenv("MASTERGROUP_TODAY", "2023-03-01")
    monkeypatch.setenv("MASTERGROUP_LANG", "en")
    return pg_url


def sql(url: str, statement: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    with psycopg.connect(url, autocommit=True) as conn:
        cursor = conn.execute(statement, params or None)
        return [tuple(r) for r in cursor.fetchall()] if cursor.description else []


def ok(result):
    assert result.exit_code == 0, result
    return result


# --- one schema description, both backends --------------------------------------------------------


def columns_sqlite(home: Path) -> dict[str, list[str]]:
    with closing(sqlite3.connect(home / "mastergroup.db")) as conn:
        names = [n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {t: [r[1] for r in conn.execute(f"PRAGMA table_info({t})")] for t in names}


def test_both_backends_get_the_same_tables_and_columns(pg, run, home, monkeypatch):
    ok(run(*BOOK, "--ref", "A"))
    monkeypatch.delenv("MASTERGROUP_DATABASE")
    ok(run(*BOOK, "--ref", "A"))
    on_sqlite = columns_sqlite(home / "home")
    found = sql(
        pg,
        "SELECT table_name, column_name FROM information_schema.columns WHERE "
        "table_schema = current_schema() ORDER BY table_name, ordinal_position",
    )
    on_pg: dict[str, list[str]] = {}
    for table, column in found:
        on_pg.setdefault(str(table), []).append(str(column))
    on_pg.pop("mastergroup_schema")  # SQLite keeps the version in PRAGMA user_version
    on_pg["sent"].remove("rowid")  # SQLite's implicit rowid, made explicit
    on_sqlite.pop("sqlite_sequence", None)
    assert on_pg == on_sqlite
    # text sorts and compares by code point, as in SQLite
    collations = sql(pg, "SELECT DISTINCT collation_name FROM information_schema.columns WHERE "
                         "table_schema = current_schema() AND data_type = 'text'")  # fmt: skip
    assert collations == [("C",)]
    # the same indexes of their own (a constraint's index is named by each backend its way):
    # the queries that count on one (the waiting-list place) find it on both
    with closing(sqlite3.connect(home / "home" / "mastergroup.db")) as conn:
        named = conn.execute("SELECT name FROM sqlite_master WHERE type = 'index' "
                             "AND sql IS NOT NULL ORDER BY name").fetchall()  # fmt: skip
    assert sql(pg, "SELECT indexname FROM pg_indexes i WHERE schemaname = current_schema() "
                   "AND NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conindid = "
                   "format('%I.%I', i.schemaname, i.indexname)::regclass) "
                   "ORDER BY indexname") == named  # fmt: skip
    assert ("cases_waitlist_group",) in named


def test_every_migration_statement_reads_in_postgresql():
    translated = [t for step in migrations.MIGRATIONS for s in step for t in postgres.ddl(s)]
    assert not any("AUTOINCREMENT" in t or "WITHOUT ROWID" in t or "RAISE(ABORT" in t
                   for t in translated)  # fmt: skip
    # UPDATE, DELETE and (PostgreSQL only) TRUNCATE of the audit log
    assert sum("EXECUTE FUNCTION mastergroup_refuse" in t for t in translated) == 3


def test_an_older_schema_is_migrated_and_a_newer_one_refused(pg, run):
    conn = postgres._connect(Where(Path(), pg))
    postgres.migrate(conn, migrations.MIGRATIONS[:6])  # a register of before issue 16
    sql(pg, "INSERT INTO audit (at, command) VALUES ('2023-01-01T00:00:00+00:00', 'add')")
    postgres.close_all()
    status = json.loads(ok(run("db", "status", "--format", "json")).stdout)
    assert (status["backend"], status["schema_version"], status["tool_schema_version"]) == (
        "postgresql", 6, 8)  # fmt: skip
    assert "older than this mastergroup" in ok(run("db", "status")).stdout
    assert ok(run("db", "migrate")).stdout.endswith("migrated from schema 6 to 8.\n")
    assert sql(pg, "SELECT to_regclass('cases_waitlist_group') IS NOT NULL") == [(True,)]
    assert sql(pg, "SELECT command, actor FROM audit") == [("add", "")]  # the old line kept
    assert ok(run("db", "migrate")).stdout.endswith("is up to date (schema 8).\n")

    sql(pg, "UPDATE mastergroup_schema SET version = 99")
    postgres.close_all()
    before = snapshot(Path("/nonexistent"))
    line = assert_user_error(run("case", "list"), 7)
    assert "newer mastergroup (schema 99)" in line
    assert snapshot(Path("/nonexistent")) == before


def test_db_status_creates_nothing(pg, run):
    status = json.loads(ok(run("db", "status", "--format", "json")).stdout)
    assert (status["exists"], status["schema_version"]) == (False, 0)
    assert sql(pg, "SELECT count(*) FROM information_schema.tables "
                   "WHERE table_schema = current_schema()") == [(0,)]  # fmt: skip


# --- the audit log: who acted, and append-only in the server --------------------------------------


def test_the_audit_log_names_the_database_role_and_the_server_keeps_it(pg, run):
    ok(run(*BOOK, "--ref", "A"))
    [entry] = json.loads(ok(run("case", "audit", "--format", "json")).stdout)
    assert entry["actor"] == "mastergroup_admin"  # the connection's role, not the OS user
    assert "  mastergroup_admin  add  A  2023-03" in ok(run("case", "audit")).stdout
    for statement in ("UPDATE audit SET detail = 'x'", "DELETE FROM audit"):
        with pytest.raises(psycopg.errors.RestrictViolation, match="append-only"):
            sql(pg, statement)  # even the superuser: the trigger
    assert len(sql(pg, "SELECT * FROM audit")) == 1


def readme_sql() -> tuple[str, str]:
    blocks = re.findall(r"```sql\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    assert len(blocks) == 2, "README: PostgreSQL has the two SQL blocks"
    return blocks[0], blocks[1]


@pytest.fixture
def county_db(pg_server):
    """A database `master` set up exactly as the README says, roles included."""
    server = pg_server["server"]
    roles = ("coordinator_anna", "coordinator_ville", "mastergroup_coordinators",
             "mastergroup_owner")  # fmt: skip

    def clean() -> None:
        sql(server, "DROP DATABASE IF EXISTS master WITH (FORCE)")
        for role in roles:
            sql(server, f"DROP ROLE IF EXISTS {role}")

    clean()
    superuser, owner = readme_sql()
    with psycopg.connect(server, autocommit=True) as conn:
        for statement in superuser.split(";"):
            if statement.strip():
                conn.execute(statement)
    as_owner = with_query(with_query(server, dbname="master"), user="mastergroup_owner")
    yield as_owner, owner
    postgres.close_all()
    clean()


def test_least_privilege_as_the_readme_writes_it(county_db, home, run, monkeypatch):
    as_owner, grants = county_db
    monkeypatch.setenv("MASTERGROUP_TODAY", "2023-03-01")
    monkeypatch.setenv("MASTERGROUP_LANG", "en")
    monkeypatch.setenv("MASTERGROUP_DATABASE", as_owner)
    assert "migrated from schema 0 to 8" in ok(run("db", "migrate")).stdout
    with psycopg.connect(as_owner, autocommit=True) as conn:
        conn.execute(grants)
    anna = with_query(as_owner, user="coordinator_anna")
    monkeypatch.setenv("MASTERGROUP_DATABASE", anna)
    postgres.close_all()
    ok(run(*BOOK, "--ref", "A"))
    ok(run("case", "withdraw", "A", "--reason", "asia ratkesi"))
    actors = {e["actor"] for e in json.loads(ok(run("case", "audit", "--format", "json")).stdout)}
    assert actors == {"coordinator_anna"}

    # the coordinator may not alter or delete audit lines, nor change the schema
    for statement in ("DELETE FROM audit", "UPDATE audit SET detail = 'x'", "TRUNCATE audit",
                      "DROP TABLE cases", "ALTER TABLE cases ADD COLUMN x TEXT"):  # fmt: skip
        with pytest.raises(psycopg.errors.InsufficientPrivilege) as refused:
            sql(anna, statement)
        print(f"coordinator_anna: {statement}: {refused.value}")
    with pytest.raises(psycopg.errors.InsufficientPrivilege, match="permission denied for table"):
        sql(anna, "DELETE FROM audit")
    # and the owner only by the trigger
    with pytest.raises(psycopg.errors.RestrictViolation, match="append-only"):
        sql(as_owner, "DELETE FROM audit")
    assert len(sql(as_owner, "SELECT * FROM audit")) == 2


def test_a_coordinator_cannot_migrate_and_is_told_who_can(county_db, home, run, monkeypatch):
    as_owner, grants = county_db
    monkeypatch.setenv("MASTERGROUP_LANG", "en")
    conn = postgres._connect(Where(Path(), as_owner))
    postgres.migrate(conn, migrations.MIGRATIONS[:6])
    with psycopg.connect(as_owner, autocommit=True) as c:
        c.execute(grants)
    postgres.close_all()
    monkeypatch.setenv("MASTERGROUP_DATABASE", with_query(as_owner, user="coordinator_anna"))
    line = assert_user_error(run("case", "list"), 7)
    assert "has schema 6, this mastergroup needs 8, and the role coordinator_anna may not" in line
    assert "mastergroup db migrate" in line


# --- moving between the backends ------------------------------------------------------------------


SECOND = "pohjoinen"  # the second group of `rich_register`'s configuration (issue 15)


def two_groups(home: Path) -> None:
    """The test's configuration with two groups: the shipped one's (first, the default; its
    cases are stored with group_id "") and a northern one of capacity 1 on the same dates."""
    config = home / "config.toml"
    text = config.read_text(encoding="utf-8").replace(
        "[group]\n", '[group]\ndefault = "keski-suomi"\n', 1
    )
    text += (
        '\n[[groups]]\nid = "keski-suomi"\n'
        f'\n[[groups]]\nid = "{SECOND}"\nname_fi = "Pohjoisen alueen asiantuntijaryhmä"\n'
        "\n[groups.booking]\ncapacity = 1\n"
    )
    config.write_text(text, encoding="utf-8")


def rich_register(run, monkeypatch, home: Path) -> None:
    """Every kind of record a backup holds: cases of each state in two groups (the same
    reference in both), the waiting list, documents, experts with attendance, a removed expert,
    a delivered statement, and the sent log (each group's agenda mailed to a real SMTP server
    on loopback, so a row per group: `agenda:2023-03` and `pohjoinen:agenda:2023-03`)."""
    two_groups(home)
    for ref in ("A", "B"):
        ok(run(*BOOK, "--ref", ref, "--expertise", "law"))
    ok(run(*BOOK, "--ref", "W", "--waitlist"))
    ok(run(*BOOK, "--ref", "Ö-ä", "--session", "2023-04-28"))
    ok(run(*BOOK, "--ref", "A", "--group", SECOND))  # a reference is unique in its group only
    for ref in ("P-1", "P-2"):  # they stay on the second group's waiting list
        ok(run(*BOOK, "--ref", ref, "--group", SECOND, "--waitlist"))
    ok(run("case", "documents", "A", "--received", "client_plan", "summary"))
    ok(run("case", "withdraw", "B", "--reason", "asia ratkesi"))  # W gets the place
    ok(run(*BOOK, "--ref", "V", "--waitlist"))  # first in its group's queue, as P-1 in the other
    ok(run("expert", "add", *PSY))
    ok(run("expert", "add", *LAW))
    ok(run("session", "experts", "2023-03-31", "--add", "Pertti Psykologi", "--add",
           "Lea Lakimies"))  # fmt: skip
    ok(run("session", "experts", "2023-03-31", "--add", "Pertti Psykologi", "--group", SECOND))
    with smtp_server() as (inbox, port):
        with (home / "config.toml").open("a", encoding="utf-8") as f:
            f.write(f'\n[mail]\nhost = "127.0.0.1"\nport = {port}\nsecurity = "none"\n'
                    'recipients = ["asiantuntija@hyvinvointialue.example"]\n'
                    "timeout_seconds = 5\n")  # fmt: skip
        ok(run("agenda", "--group", "all", "--send"))
    assert len(inbox.envelopes) == 2  # one agenda per group
    ok(run("expert", "remove", "Lea Lakimies"))
    monkeypatch.setenv("MASTERGROUP_TODAY", "2023-04-03")
    ok(run("case", "status", "A", "discussed"))
    ok(run("case", "delivered", "W", "--date", "2023-04-03"))


def without_stamp(text: str) -> dict[str, object]:
    data = json.loads(text)
    data.pop("exported_at")
    return data


def test_sqlite_to_postgresql_and_back_round_trips_byte_for_byte(
    pg_url, home, run, tmp_path, monkeypatch
):
    monkeypatch.setenv("MASTERGROUP_TODAY", "2023-03-01")
    rich_register(run, monkeypatch, home)
    first = ok(run("case", "export")).stdout
    source = tmp_path / "from-sqlite.json"
    source.write_text(first, encoding="utf-8")

    monkeypatch.setenv("MASTERGROUP_DATABASE", pg_url)
    ok(run("case", "import", str(source)))
    second = ok(run("case", "export")).stdout
    back = tmp_path / "from-postgresql.json"
    back.write_text(second, encoding="utf-8")

    monkeypatch.delenv("MASTERGROUP_DATABASE")
    new_register(monkeypatch, tmp_path / "again")
    ok(run("case", "import", str(back)))
    third = ok(run("case", "export")).stdout

    stamp = re.compile(r'^  "exported_at": "[^"]*",\n', re.M)
    imported = re.compile(r',\n    \{"at": "[^"]*", "command": "import", [^\n]*\}(?=\n  \])')

    def same(text: str, imports: list[str]) -> str:
        """The text but `exported_at` and the audit lines the imports added (checked)."""
        actors = []
        while found := imported.search(text):  # the last line of the audit log, again
            actors.insert(0, re.search(r'"actor": "([^"]*)"', found.group()).group(1))  # type: ignore[union-attr]
            text = text[: found.start()] + text[found.end() :]
        assert actors == imports
        return stamp.sub("", text)

    assert "mastergroup_admin" not in first
    # byte for byte but exported_at and the import's own audit line (who imported: the role)
    assert same(second, ["mastergroup_admin"]) == same(first, [])
    assert same(third, ["mastergroup_admin", ACTOR]) == same(first, [])
    data = without_stamp(first)
    cases: list[dict[str, Any]] = data["cases"]  # type: ignore[assignment]
    first_group = "keski-suomi"  # each record names its group, the first one's too
    assert sorted((c["group"], c["ref"], c["waitlist_position"]) for c in cases) == [
        (first_group, "A", None), (first_group, "B", None), (first_group, "V", 1),
        (first_group, "W", None), (first_group, "Ö-ä", None), (SECOND, "A", None),
        (SECOND, "P-1", 1), (SECOND, "P-2", 2)]  # fmt: skip
    sent: list[dict[str, str]] = data["sent"]  # type: ignore[assignment]
    assert sorted(r["key"] for r in sent) == ["agenda:2023-03", f"{SECOND}:agenda:2023-03"]
    assert data["experts"] and data["audit"] and data["version"] == 5
    assert {a["actor"] for a in data["audit"]} == {ACTOR}  # type: ignore[index]


# --- failures: one line, exit 7, nothing stored ---------------------------------------------------


def test_a_server_that_does_not_answer(home, run, monkeypatch):
    monkeypatch.setenv("MASTERGROUP_DATABASE", "postgresql://nobody@127.0.0.1:1/master")
    line = assert_user_error(run("case", "list", "--lang", "en"), 7)
    assert line.startswith("mastergroup: Cannot reach the database postgresql://nobody@127.0.0.1:1")
    assert "Connection refused" in line


def test_a_wrong_password(pg_server, home, run, monkeypatch):
    monkeypatch.setenv("MASTERGROUP_DATABASE", pg_server["tcp"])
    monkeypatch.setenv("PGPASSWORD", "not-the-password")
    monkeypatch.setenv("PGPASSFILE", "/nonexistent")
    line = assert_user_error(run("case", "list", "--lang", "en"), 7)
    assert "refused the login" in line and "password authentication failed" in line
    assert "not-the-password" not in line


def test_tls_required_but_refused(pg_server, home, run, monkeypatch):
    monkeypatch.setenv("MASTERGROUP_DATABASE", with_query(pg_server["tcp"], sslmode="require"))
    line = assert_user_error(run("case", "list", "--lang", "en"), 7)
    assert "No encrypted connection" in line and "SSL" in line


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://anna:Salasana123@db.example/master",
        "postgresql://anna@db.example/master?password=Salasana123",
        "postgresql://anna@db.example/master?sslmode=verify-full&sslpassword=Salasana123",
        "postgres://anna@db.example/master?sslmode=require&pass%77ord=Salasana123",  # libpq decodes
    ],
    ids=["user-part", "password", "sslpassword", "encoded-key"],
)
@pytest.mark.parametrize("where", ["env", "config"])
def test_a_password_in_the_url_is_refused_and_never_echoed(home, run, monkeypatch, where, url):
    if where == "env":
        monkeypatch.setenv("MASTERGROUP_DATABASE", url)
        result = run("case", "list", "--lang", "en")
        line = assert_user_error(result, 2)
    else:
        with (home / "config.toml").open("a", encoding="utf-8") as f:
            f.write(f'\n[register]\nurl = "{url}"\n')
        result = run("case", "list", "--lang", "en")
        line = assert_user_error(result, 3)
    assert "without a password" in line
    assert "Salasana123" not in result.stdout + result.stderr
    assert not (home / "home").exists()  # refused before any register was opened


def test_the_configured_url_is_used(pg_url, home, run, monkeypatch):
    with (home / "config.toml").open("a", encoding="utf-8") as f:
        f.write(f'\n[register]\nurl = "{pg_url}"\n')
    monkeypatch.setenv("MASTERGROUP_TODAY", "2023-03-01")
    ok(run(*BOOK, "--ref", "A"))
    assert sql(pg_url, "SELECT ref FROM cases") == [("A",)]
    assert not (home / "home" / "mastergroup.db").exists()


def holding_the_write_lock(url: str) -> psycopg.Connection:
    conn = psycopg.connect(url, autocommit=True)
    schema = conn.execute("SELECT current_schema()").fetchone()[0]
    key = postgres.lock_key(schema, "write")
    conn.execute("BEGIN")
    conn.execute("SELECT pg_advisory_xact_lock(%s)", (key,))
    return conn


def test_a_register_busy_for_too_long_is_one_line_and_stores_nothing(pg, run, monkeypatch):
    ok(run(*BOOK, "--ref", "A"))
    monkeypatch.setattr(postgres, "BUSY_TIMEOUT_S", 1)
    blocker = holding_the_write_lock(pg)
    try:
        before = snapshot(Path("/nonexistent"))
        started = time.monotonic()
        line = assert_user_error(run(*BOOK, "--ref", "B"), 7)
        assert time.monotonic() - started < 10
    finally:
        blocker.close()
    assert "was busy for over 1 s" in line
    assert snapshot(Path("/nonexistent")) == before
    ok(run(*BOOK, "--ref", "B"))  # and once free, it goes through


def _command(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "mastergroup", *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def _backend_of_the_command(admin: str, condition: str) -> tuple[int, str]:
    """The pid and query of the command's server process once `condition` holds for it."""
    query = "SELECT pid, query FROM pg_stat_activity WHERE application_name = 'mastergroup' AND "
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        found = sql(admin, query + condition)  # the conditions are this file's own literals
        if found:
            return int(found[0][0]), str(found[0][1])  # type: ignore[call-overload]
        time.sleep(0.05)
    raise AssertionError(f"the command's server process never had {condition}")


def _failed_in_one_line(command: subprocess.Popen[str]) -> str:
    """The command's end as the house style promises a storage failure: exit 7, one line on
    stderr starting with `mastergroup:`, no traceback. Returns that line."""
    _, err = command.communicate(timeout=60)
    assert command.returncode == 7, err
    assert len(err.splitlines()) == 1 and "Traceback" not in err, err
    assert err.startswith("mastergroup: "), err
    return err.strip()


def test_a_connection_lost_mid_command_stores_nothing(pg, run, pg_server):
    """A booking waits for the write lock; its server process is killed meanwhile."""
    ok(run(*BOOK, "--ref", "A"))
    postgres.close_all()
    blocker = holding_the_write_lock(pg)
    before = snapshot(Path("/nonexistent"))
    booking = _command(*BOOK, "--ref", "B")
    try:  # the booking waits for the lock
        pid, _ = _backend_of_the_command(pg_server["admin"], "wait_event_type = 'Lock'")
        sql(pg_server["admin"], "SELECT pg_terminate_backend(%s)", (pid,))
        err = _failed_in_one_line(booking)
    finally:
        blocker.close()
    assert err.startswith("mastergroup: The connection to the database") and "lost" in err
    assert snapshot(Path("/nonexistent")) == before


def test_a_conflict_caused_by_someone_elses_sql_is_its_own_line():
    """A deadlock or serialization failure is not a lock waited on for 30 s: its line says
    what happened (the busy line said "busy for over 30 s" after one second)."""
    where = Where(Path(), "postgresql://anna@db.example/master")
    for error in (psycopg.errors.SerializationFailure("x"), psycopg.errors.DeadlockDetected("x")):
        found = postgres.storage_error(error, where)
        assert (found.key, found.exit_code) == ("register.db_conflict", 7)
    found = postgres.storage_error(psycopg.errors.LockNotAvailable("x"), where)
    assert (found.key, found.exit_code) == ("register.db_busy", 7)


def test_a_real_deadlock_with_someone_elses_sql_is_one_line_and_stores_nothing(
    pg, run, pg_server
):
    """Another client holds case A's row and then asks for the register's write lock, which
    the command holds while it waits for that row: the server breaks the deadlock by failing
    the command (it waited first), which rolls back and says so in one line."""
    ok(run(*BOOK, "--ref", "A"))
    postgres.close_all()
    before = snapshot(Path("/nonexistent"))
    other = psycopg.connect(pg, autocommit=True)
    schema = other.execute("SELECT current_schema()").fetchone()[0]
    other.execute("BEGIN")
    other.execute("UPDATE cases SET municipality = municipality WHERE ref = 'A'")
    edit = _command("case", "edit", "A", "--municipality", "Muurame")
    outcome: list[object] = []
    try:
        _backend_of_the_command(pg_server["admin"], "wait_event_type = 'Lock'")
        taking = threading.Thread(target=lambda: outcome.append(other.execute(
            "SELECT pg_advisory_xact_lock(%s)", (postgres.lock_key(schema, "write"),)
        ).fetchone()))  # fmt: skip
        taking.start()
        err = _failed_in_one_line(edit)
        taking.join(timeout=60)
    finally:
        with contextlib.suppress(psycopg.Error):
            other.execute("ROLLBACK")
        other.close()
    assert outcome == [("",)]  # the other client got the lock once the command gave way
    assert err.startswith("mastergroup: Another user of the database") and "deadlock" in err
    assert snapshot(Path("/nonexistent")) == before


SLOW = (
    "CREATE FUNCTION slow() RETURNS trigger LANGUAGE plpgsql AS "
    "$$BEGIN PERFORM pg_sleep(60); RETURN NULL; END$$"
)


def test_a_connection_lost_after_a_partial_write_stores_nothing(pg, run, pg_server):
    """The booking's case row is written and its questions are being written when its server
    process is killed: the transaction is gone whole, the line says nothing was stored."""
    ok(run(*BOOK, "--ref", "A"))
    postgres.close_all()
    sql(pg, SLOW.replace("RETURN NULL", "RETURN NEW"))
    sql(pg, "CREATE TRIGGER slow BEFORE INSERT ON questions FOR EACH ROW EXECUTE FUNCTION slow()")
    before = snapshot(Path("/nonexistent"))
    booking = _command(*BOOK, "--ref", "B")
    pid, query = _backend_of_the_command(pg_server["admin"], "wait_event = 'PgSleep'")
    assert query.startswith("INSERT INTO questions")  # the case row is written by now
    sql(pg_server["admin"], "SELECT pg_terminate_backend(%s)", (pid,))
    err = _failed_in_one_line(booking)
    assert err.startswith("mastergroup: The connection to the database") and "lost" in err
    assert "no half-made change was stored" in err
    assert snapshot(Path("/nonexistent")) == before


def test_a_connection_lost_during_commit_does_not_claim_nothing_was_stored(pg, run, pg_server):
    """Lost while COMMIT runs, a change may have been stored before the answer was lost: the
    line says so and asks to check first (claiming "nothing stored" could make a coordinator
    book twice)."""
    ok(run(*BOOK, "--ref", "A"))
    postgres.close_all()
    sql(pg, SLOW)
    sql(pg, "CREATE CONSTRAINT TRIGGER slow AFTER INSERT ON cases DEFERRABLE INITIALLY DEFERRED "
            "FOR EACH ROW EXECUTE FUNCTION slow()")  # fmt: skip  # runs at COMMIT
    booking = _command(*BOOK, "--ref", "B")
    pid, query = _backend_of_the_command(pg_server["admin"], "wait_event = 'PgSleep'")
    assert query == "COMMIT"
    sql(pg_server["admin"], "SELECT pg_terminate_backend(%s)", (pid,))
    err = _failed_in_one_line(booking)
    assert err.startswith("mastergroup: The connection to the database") and "committed" in err
    assert "may or may not have been stored" in err and "no half-made" not in err


def test_without_psycopg_the_line_says_what_to_install(home, run, monkeypatch):
    monkeypatch.setenv("MASTERGROUP_DATABASE", "postgresql://anna@db.example/master")
    monkeypatch.setitem(sys.modules, "psycopg", None)  # import fails
    postgres.close_all()
    line = assert_user_error(run("case", "list", "--lang", "en"), 7)
    assert "pip install 'mastergroup[postgresql]'" in line


class _Recorder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Stands in for psycopg and notes whether the collector ran while it was imported."""

    def __init__(self) -> None:
        self.collector_on: list[bool] = []

    def find_spec(self, name, path=None, target=None):
        return importlib.util.spec_from_loader(name, self) if name == "psycopg" else None

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        self.collector_on.append(gc.isenabled())


@pytest.mark.parametrize("enabled", [True, False])
def test_psycopg_loads_with_the_collector_paused_and_restored(monkeypatch, enabled):
    recorder = _Recorder()
    monkeypatch.delitem(sys.modules, "psycopg")
    monkeypatch.setattr(sys, "meta_path", [recorder, *sys.meta_path])
    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        module = postgres._psycopg()
        assert gc.isenabled() is enabled  # library use sees the collector as it left it
    finally:
        (gc.enable if was else gc.disable)()
    assert recorder.collector_on == [False]
    assert module is sys.modules["psycopg"]
    assert postgres._psycopg() is module  # once loaded, not imported again


def test_the_write_lock_is_per_register(pg, run, monkeypatch):
    """Two registers (schemas) of one database do not wait for each other: with the first's
    write lock held, the second books at once."""
    ok(run(*BOOK, "--ref", "A"))
    blocker = holding_the_write_lock(pg)
    try:
        new_register(monkeypatch, Path("/nonexistent/other"))
        monkeypatch.setattr(postgres, "BUSY_TIMEOUT_S", 1)
        ok(run(*BOOK, "--ref", "B"))
    finally:
        blocker.close()
    assert postgres.lock_key("t_a", "write") != postgres.lock_key("t_b", "write")


def test_a_transaction_opened_inside_another_gets_its_own_connection(pg, run):
    ok(run(*BOOK, "--ref", "A"))
    where = Where(Path(), pg)
    steps = migrations.MIGRATIONS
    with (
        postgres.transaction(where, write=False, steps=steps) as first,
        postgres.transaction(where, write=False, steps=steps) as second,
    ):
        assert first is not second


def test_a_failing_migration_leaves_nothing_behind(pg_url):
    where = Where(Path(), pg_url)
    broken = ((*migrations.MIGRATIONS[0], "CREATE TABLE cases (x TEXT)"),)  # the 2nd CREATE fails
    with pytest.raises(Exception, match="already exists"):
        postgres.migrate(postgres._connect(where), broken)
    postgres.close_all()
    assert sql(pg_url, "SELECT count(*) FROM information_schema.tables "
                       "WHERE table_schema = current_schema()") == [(0,)]  # fmt: skip


def test_a_new_step_runs_once_and_forward(pg, run, monkeypatch):
    from mastergroup.register import store

    ok(run(*BOOK, "--ref", "A"))
    extra = "ALTER TABLE cases ADD COLUMN consent INTEGER NOT NULL DEFAULT 0"
    monkeypatch.setattr(store, "MIGRATIONS", (*store.MIGRATIONS, (extra,)))
    postgres.close_all()
    for _ in range(2):
        with store.reading(Where(Path(), pg)) as register:
            assert register is not None and [c.ref for c in register.cases()] == ["A"]
    assert sql(pg, "SELECT version FROM mastergroup_schema") == [(len(store.MIGRATIONS),)]
    assert sql(pg, "SELECT consent FROM cases") == [(0,)]


# --- what the review found (each failed before its fix) -------------------------------------------


def test_truncate_is_refused_too(pg, run):
    ok(run(*BOOK, "--ref", "A"))
    with pytest.raises(psycopg.errors.RestrictViolation, match="append-only"):
        sql(pg, "TRUNCATE audit")
    assert len(sql(pg, "SELECT * FROM audit")) == 1


def test_a_coordinator_cannot_write_a_line_as_someone_else(county_db, home, run, monkeypatch):
    as_owner, grants = county_db
    monkeypatch.setenv("MASTERGROUP_DATABASE", as_owner)
    ok(run("db", "migrate"))
    with psycopg.connect(as_owner, autocommit=True) as conn:
        conn.execute(grants)
    anna = with_query(as_owner, user="coordinator_anna")
    sql(anna, "INSERT INTO audit (at, command, actor) VALUES ('2023-03-01T08:00:00+00:00', "
              "'add', 'coordinator_ville')")  # fmt: skip
    sql(as_owner, "INSERT INTO audit (at, command, actor) VALUES ('2023-03-01T08:00:00+00:00', "
                  "'import', 'from-a-backup')")  # fmt: skip
    assert sql(as_owner, "SELECT actor FROM audit ORDER BY id") == [
        ("coordinator_anna",), ("from-a-backup",)]  # fmt: skip


def test_a_role_without_grants_gets_one_line(county_db, home, run, monkeypatch):
    """The state after a `db migrate` that added a table nobody granted yet."""
    as_owner, _ = county_db
    monkeypatch.setenv("MASTERGROUP_LANG", "en")
    monkeypatch.setenv("MASTERGROUP_TODAY", "2023-03-01")
    monkeypatch.setenv("MASTERGROUP_DATABASE", as_owner)
    ok(run("db", "migrate"))
    sql(as_owner, "GRANT USAGE ON SCHEMA public TO mastergroup_coordinators")
    monkeypatch.setenv("MASTERGROUP_DATABASE", with_query(as_owner, user="coordinator_anna"))
    postgres.close_all()
    for args in (["case", "list"], ["case", "export"], ["db", "migrate"], ["db", "status"],
                 [*BOOK, "--ref", "A"]):  # fmt: skip
        line = assert_user_error(run(*args), 7)
        assert "does not allow this" in line and "permission denied" in line, (args, line)


def test_a_search_path_naming_no_schema_is_one_line(pg_server, home, run, monkeypatch):
    monkeypatch.setenv("MASTERGROUP_TODAY", "2023-03-01")
    monkeypatch.setenv("MASTERGROUP_DATABASE", with_query(
        pg_server["admin"], options="-csearch_path=no_such_schema"))  # fmt: skip
    for args in (["case", "list", "--lang", "en"], [*BOOK, "--ref", "A", "--lang", "en"]):
        line = assert_user_error(run(*args), 7)
        assert "names a schema that does not exist" in line


def test_a_register_with_data_migrates_through_the_rebuild(pg, run):
    """Step 6 rebuilds the cases table copying ids: the identity must go on after them."""
    where = Where(Path(), pg)
    postgres.migrate(postgres._connect(where), migrations.MIGRATIONS[:5])
    sql(pg, "INSERT INTO cases (ref, slot, session_date, status, worker_name, worker_email, "
            "municipality, matter, created_at, updated_at) VALUES ('OLD-1', '2023-03', "
            "'2023-03-31', 'booked', 'S', 's@kunta.example', 'Muurame', 'other', "
            "'2023-01-02T08:00:00+00:00', '2023-01-02T08:00:00+00:00')")  # fmt: skip
    postgres.close_all()
    ok(run(*BOOK, "--ref", "NEW-1"))  # migrates 5 -> 8, then inserts with a fresh id
    listed = json.loads(ok(run("case", "list", "--format", "json")).stdout)
    assert [c["ref"] for c in listed] == ["OLD-1", "NEW-1"]
    assert sql(pg, "SELECT count(DISTINCT id) FROM cases") == [(2,)]


def test_a_failing_inner_transaction_leaves_the_outer_one_alone(pg, run):
    from mastergroup.register import store

    ok(run(*BOOK, "--ref", "A"))
    where = Where(Path(), pg)
    with store.writing(where) as outer:
        outer.log("test", detail="outer")
        with pytest.raises(StorageError), store.reading(where) as inner:
            assert inner is not None
            inner.conn.execute("SELECT no_such_column FROM cases")
        outer.log("test", detail="still here")
    details = [d for (d,) in sql(pg, "SELECT detail FROM audit WHERE command = 'test'")]
    assert details == ["outer", "still here"]


def test_no_connection_is_left_open_by_a_nested_step(pg, run):
    import gc
    import warnings

    from mastergroup.register import store

    ok(run(*BOOK, "--ref", "A"))
    where = Where(Path(), pg)
    with warnings.catch_warnings():
        warnings.simplefilter("error", ResourceWarning)
        with store.writing(where):
            assert store.exists(where)
            assert store.status(where).counts["cases"] == 1
            with store.sending(where):
                pass
        gc.collect()
    assert sql(pg, "SELECT count(*) FROM pg_stat_activity WHERE application_name = "
                   "'mastergroup' AND pid != pg_backend_pid()") == [(1,)]  # fmt: skip
