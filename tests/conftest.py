"""Shared fixtures: an isolated home and configuration for every CLI test."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mastergroup.cli import app
from mastergroup.config.settings import Settings, load
from mastergroup.io.environment import shipped_config_dir
from tests.pg import dump, new_schema, pg_server, pg_url  # noqa: F401 - fixtures for every module

SHIPPED = shipped_config_dir() / "keski-suomi.toml"
ACTOR = "koordinaattori"  # the invented OS user of every test's SQLite register


@pytest.fixture(scope="session")
def shipped() -> Settings:
    return load(SHIPPED)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """MASTERGROUP_HOME and MASTERGROUP_CONFIG in tmp_path; no colour; Finnish by default."""
    data = tmp_path / "home"
    config = tmp_path / "config.toml"
    shutil.copy(SHIPPED, config)
    monkeypatch.setenv("MASTERGROUP_HOME", str(data))
    monkeypatch.setenv("MASTERGROUP_CONFIG", str(config))
    monkeypatch.setenv("NO_COLOR", "1")
    # issue 16: who acts on a SQLite register is the OS user (getpass reads LOGNAME first);
    # pinned so that audit lines and backups are the same on every machine
    monkeypatch.setenv("LOGNAME", ACTOR)
    monkeypatch.delenv("MASTERGROUP_DATABASE", raising=False)
    monkeypatch.delenv("MASTERGROUP_LANG", raising=False)
    monkeypatch.delenv("MASTERGROUP_TODAY", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    return tmp_path


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest, home: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """Both backends (issue 16): a test module that says `pytestmark =
    pytest.mark.usefixtures("backend")` runs each of its tests on the SQLite file and on a
    PostgreSQL register of its own (MASTERGROUP_DATABASE); a test marked `sqlite_only`
    (it looks into the SQLite file itself) runs on SQLite only."""
    if request.param == "postgresql":
        monkeypatch.setenv("MASTERGROUP_DATABASE", request.getfixturevalue("pg_url"))
    return str(request.param)


def new_register(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """Point the commands at a new, empty register: MASTERGROUP_HOME `folder`, and on the
    PostgreSQL backend a new schema of its own (a restore into an empty register)."""
    monkeypatch.setenv("MASTERGROUP_HOME", str(folder))
    if os.environ.get("MASTERGROUP_DATABASE"):
        monkeypatch.setenv("MASTERGROUP_DATABASE", new_schema())


def query(home: Path, sql: str) -> list[tuple[object, ...]]:
    """The rows of one SQL query on the test's register, whichever the backend: the SQLite
    file under `home`, or the PostgreSQL register of MASTERGROUP_DATABASE."""
    url = os.environ.get("MASTERGROUP_DATABASE")
    if url:
        import psycopg

        with psycopg.connect(url, autocommit=True) as conn:
            return [tuple(row) for row in conn.execute(sql)]
    import sqlite3
    from contextlib import closing

    [db] = list(home.rglob("mastergroup.db"))
    with closing(sqlite3.connect(db)) as conn:
        return [tuple(row) for row in conn.execute(sql)]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    keep, drop = [], []
    for item in items:
        callspec = getattr(item, "callspec", None)
        on_pg = callspec is not None and callspec.params.get("backend") == "postgresql"
        (drop if on_pg and item.get_closest_marker("sqlite_only") else keep).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


class Result:
    def __init__(self, exit_code: int, stdout: str, stderr: str) -> None:
        self.exit_code, self.stdout, self.stderr = exit_code, stdout, stderr

    def __repr__(self) -> str:
        return f"Result({self.exit_code}, stdout={self.stdout!r}, stderr={self.stderr!r})"


@pytest.fixture
def run(home: Path) -> Callable[..., Result]:
    """Run `mastergroup ARGS` in-process through Typer's CliRunner, stdout and stderr apart."""

    def invoke(*args: str, input: str | None = None) -> Result:
        runner = CliRunner()
        result = runner.invoke(app, list(args), input=input, catch_exceptions=False)
        return Result(result.exit_code, result.stdout, result.stderr)

    return invoke


def write_config(home: Path, extra: str) -> Path:
    """Append TOML to the test's configuration file."""
    config = home / "config.toml"
    config.write_text(config.read_text(encoding="utf-8") + "\n" + extra, encoding="utf-8")
    return config


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file below `folder` (relative path -> bytes): compare before and after a refused
    command to prove that it changed no stored data, byte for byte."""
    found: dict[str, bytes] = {}
    if folder.exists():
        found = {
            str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.is_symlink()
        }
    url = os.environ.get("MASTERGROUP_DATABASE")
    if url:  # issue 16: the register is on PostgreSQL: its rows too
        found["<postgresql>"] = dump(url)
    return found


def assert_user_error(result: Result, exit_code: int) -> str:
    """A user error as the house style promises: the documented exit code, exactly one line on
    stderr starting with `mastergroup:`, and no traceback anywhere. Returns that line."""
    assert result.exit_code == exit_code, result
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result
    assert lines[0].startswith("mastergroup: "), result
    assert "Traceback" not in result.stdout + result.stderr, result
    return lines[0]
