"""Shared fixtures: an isolated home and configuration for every CLI test."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mastergroup.cli import app
from mastergroup.config.settings import Settings, load
from mastergroup.io.environment import shipped_config_dir

SHIPPED = shipped_config_dir() / "keski-suomi.toml"


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
    monkeypatch.delenv("MASTERGROUP_LANG", raising=False)
    monkeypatch.delenv("MASTERGROUP_TODAY", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    return tmp_path


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
    if not folder.exists():
        return {}
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


def assert_user_error(result: Result, exit_code: int) -> str:
    """A user error as the house style promises: the documented exit code, exactly one line on
    stderr starting with `mastergroup:`, and no traceback anywhere. Returns that line."""
    assert result.exit_code == exit_code, result
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result
    assert lines[0].startswith("mastergroup: "), result
    assert "Traceback" not in result.stdout + result.stderr, result
    return lines[0]
