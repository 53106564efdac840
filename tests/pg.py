"""A real PostgreSQL server for the tests (issue 16); no mock of PostgreSQL counts.

`MASTERGROUP_TEST_PG` (the superuser's URL, as `scripts/pg_test_server.sh start` prints it and
`.ci/run` exports it) names the server; unset, the session starts a throwaway one itself with
that script when PostgreSQL is installed. Each test gets a schema of its own in one database
(`search_path` in the URL's options), dropped afterwards: a fresh register per test, fast.
Without a server the PostgreSQL half of the suite is skipped with the reason, except under
CI=true, where it fails: CI must run both backends.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATABASE = "mastergroup_test"
_schemas = itertools.count(1)
_server: dict[str, str] = {}  # pg_server's URLs, for `new_schema`
_made: list[str] = []  # the schemas of the running test, dropped after it


def with_query(url: str, **changes: str) -> str:
    """`url` with its query's parameters changed (and its path = the database, if given)."""
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    path = changes.pop("dbname", None)
    query.update(changes)
    path = f"/{path}" if path else parts.path
    return urlunsplit(parts._replace(path=path, query=urlencode(query)))


def _start() -> tuple[dict[str, str], Path | None]:
    """A server: the one named by MASTERGROUP_TEST_PG, else one started now."""
    if os.environ.get("MASTERGROUP_TEST_PG"):
        names = ("MASTERGROUP_TEST_PG", "MASTERGROUP_TEST_PG_TCP", "MASTERGROUP_TEST_PG_DIR")
        return {k: os.environ[k] for k in names if k in os.environ}, None
    started = subprocess.run(
        ["bash", str(ROOT / "scripts" / "pg_test_server.sh"), "start"],
        capture_output=True, text=True, check=False, timeout=180,
    )  # fmt: skip
    if started.returncode != 0:
        raise RuntimeError(started.stderr.strip().splitlines()[-1] if started.stderr else "?")
    found = {}
    for line in started.stdout.splitlines():
        name, _, value = line.removeprefix("export ").partition("=")
        found[name] = value.strip("'")
    return found, Path(found["MASTERGROUP_TEST_PG_DIR"])


@pytest.fixture(scope="session")
def pg_server() -> Iterator[dict[str, str]]:
    """The server's URLs: `admin` (the superuser on the socket, database mastergroup_test),
    `tcp` (the same over 127.0.0.1, password-checked) and `dir` (its folder)."""
    try:
        import psycopg
    except ImportError:
        _unavailable("psycopg is not installed (pip install -e '.[test]')")
    try:
        found, started = _start()
    except (RuntimeError, OSError, subprocess.SubprocessError) as e:
        _unavailable(f"no PostgreSQL server: {e} (see README: PostgreSQL, for developers)")
    admin = found["MASTERGROUP_TEST_PG"]
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (DATABASE,))
        if exists.fetchone() is None:
            conn.execute(f"CREATE DATABASE {DATABASE}")
    _server.update(
        admin=with_query(admin, dbname=DATABASE),
        tcp=with_query(found.get("MASTERGROUP_TEST_PG_TCP", ""), dbname=DATABASE),
        dir=found.get("MASTERGROUP_TEST_PG_DIR", ""),
        server=admin,
    )
    try:
        yield dict(_server)
    finally:
        if started is not None:
            env = {**os.environ, "MASTERGROUP_TEST_PG_DIR": str(started)}
            subprocess.run(
                ["bash", str(ROOT / "scripts" / "pg_test_server.sh"), "stop"],
                env=env, capture_output=True, check=False, timeout=120,
            )  # fmt: skip


def _unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI runs both backends, but {reason}")
    pytest.skip(reason)


def schema_url(admin: str, schema: str) -> str:
    return with_query(admin, options=f"-csearch_path={schema}")


def new_schema() -> str:
    """The URL of another new, empty register (a test that restores into a new one); dropped
    with the test's own."""
    import psycopg

    schema = f"t_{os.getpid()}_{next(_schemas)}"
    with psycopg.connect(_server["admin"], autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    _made.append(schema)
    return schema_url(_server["admin"], schema)


@pytest.fixture
def pg_url(pg_server: dict[str, str]) -> Iterator[str]:
    """The URL of a new, empty register: a schema of its own, dropped after the test."""
    import psycopg

    from mastergroup.register import postgres

    try:
        yield new_schema()
    finally:
        postgres.close_all()
        with psycopg.connect(pg_server["admin"], autocommit=True) as conn:
            conn.execute(  # what the test's processes left connected
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = %s AND pid != pg_backend_pid()",
                (DATABASE,),
            )
            while _made:
                with contextlib.suppress(psycopg.Error):
                    conn.execute(f"DROP SCHEMA {_made.pop()} CASCADE")


def dump(url: str) -> bytes:
    """Every row of every table of the register at `url`, in a stable order: a refused
    command must leave this byte for byte as it was (the PostgreSQL half of `snapshot`)."""
    import psycopg

    lines: list[str] = []
    with psycopg.connect(url, autocommit=True) as conn:
        tables = conn.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = current_schema() ORDER BY table_name"
        ).fetchall()
        for (table,) in tables:
            for row in conn.execute(f"SELECT * FROM {table} ORDER BY 1"):  # noqa: S608
                lines.append(f"{table} {row!r}")
    return "\n".join(lines).encode()
