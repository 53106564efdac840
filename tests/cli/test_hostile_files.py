"""Issue 11: hostile files. `-o` never replaces a special file, `-o -` and /dev/stdout are
streams, a configuration or backup that is no regular file (or cannot be read) is one line in
the user's language, a full stdout is exit 7, a symlinked register keeps its target's mode.

The tests run as root here and in CI: nothing is aimed at the real /dev/null or /dev/stdout by
a path that a wrong fix could replace. Special files are our own (a FIFO, a link to /dev/null
in tmp_path), a direct /dev/stdout runs with the temporary-file functions made to fail first,
and "cannot read" runs the console script as `nobody` (root reads everything).
"""

from __future__ import annotations

import os
import resource
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.cli.test_case_cli import book
from tests.conftest import SHIPPED, Result, assert_user_error, snapshot

NOBODY = 65534
TIMEOUT = 30  # seconds: a FIFO read that waits for a writer fails the test, never hangs it


def data(home: Path) -> dict[str, bytes]:
    return snapshot(home / "home")


def assert_dev_null_intact() -> None:
    assert stat.S_ISCHR(Path("/dev/null").stat().st_mode)
    stdout = Path("/dev/stdout")
    assert stdout.is_symlink() or not stdout.exists()


@pytest.fixture
def booked(run, monkeypatch):
    """A register with one invented case (LS-2023-17 in the session of 2023-03-31)."""
    monkeypatch.setenv("MASTERGROUP_TODAY", "2023-03-01")
    assert book(run, "LS-2023-17", "2023-03-31").exit_code == 0
    return run


# Every `-o` that writes one file: (command line before the target, what its output starts with)
OUTPUTS = {
    "ics": (["ics", "--year", "2023", "-o"], "BEGIN:VCALENDAR"),
    "case export": (["case", "export", "-o"], "{"),
    "statement": (["statement", "LS-2023-17", "--format", "md", "-o"], "**SALASSA"),
}


def special(kind: str, folder: Path) -> Path:
    if kind == "link to /dev/null":
        (folder / "null").symlink_to("/dev/null")
        return folder / "null"
    os.mkfifo(folder / "fifo")
    return folder / "fifo"


def special_intact(kind: str, path: Path) -> None:
    if kind == "link to /dev/null":
        assert path.is_symlink() and str(path.readlink()) == "/dev/null"
    else:
        assert stat.S_ISFIFO(path.lstat().st_mode)
    assert_dev_null_intact()


# --- item 2: `-o` never replaces a special file --------------------------------------------


@pytest.mark.parametrize("kind", ["link to /dev/null", "FIFO"])
@pytest.mark.parametrize("command", list(OUTPUTS))
def test_o_refuses_a_special_file(booked, home, command, kind):
    target = special(kind, home)
    before = data(home)
    args, _ = OUTPUTS[command]
    line = assert_user_error(booked(*args, str(target)), 7)
    assert str(target) in line and "ei ole tavallinen tiedosto" in line
    special_intact(kind, target)
    assert data(home) == before
    assert sorted(p.name for p in home.iterdir() if p.name.startswith(".")) == []  # no temp


def forbid_temp_files(monkeypatch: pytest.MonkeyPatch) -> None:
    """A stream must be written without a temporary file or a rename: fail before either."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a temporary file or a rename for standard output")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    monkeypatch.setattr(os, "replace", refuse)


@pytest.mark.parametrize("stream", ["-", "/dev/stdout"])
@pytest.mark.parametrize("command", list(OUTPUTS))
def test_o_dash_and_dev_stdout_are_streams(booked, home, monkeypatch, command, stream):
    monkeypatch.chdir(home)
    before = data(home)
    args, start = OUTPUTS[command]
    with pytest.MonkeyPatch.context() as patch:
        forbid_temp_files(patch)
        result = booked(*args, stream)
    assert result.exit_code == 0, result
    assert result.stdout.startswith(start), result
    assert "LS-2023-17" in result.stdout or command == "ics"
    assert not (home / "-").exists()
    assert data(home) == before
    assert_dev_null_intact()


def console(
    *args: str,
    env: dict[str, str],
    stdout: int | object = subprocess.PIPE,
    user: int | None = None,
) -> Result:
    """The installed command in a subprocess (its own stdout, a timeout, at most 2 GB)."""

    def limit() -> None:  # /dev/zero read whole (the bug) must not take the machine with it
        resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))

    command = [sys.executable, "-m", "mastergroup", *args]
    if user is not None:  # setpriv, not subprocess's user=: that exec is refused in a container
        ids = [f"--reuid={user}", f"--regid={user}", "--clear-groups"]
        command = [shutil.which("setpriv") or "setpriv", *ids, *command]
    try:
        done = subprocess.run(
            command,
            check=False,
            env=env,
            stdout=stdout,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            timeout=TIMEOUT,
            preexec_fn=limit,
            cwd="/",
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"mastergroup {' '.join(args)} hung for {TIMEOUT} s")
    out = done.stdout.decode("utf-8", "replace") if isinstance(done.stdout, bytes) else ""
    return Result(done.returncode, out, done.stderr.decode("utf-8", "replace"))


@pytest.fixture
def env(home: Path) -> dict[str, str]:
    keep = {k: v for k, v in os.environ.items() if k in ("PATH", "LANG", "LC_ALL", "SYSTEMROOT")}
    names = ("MASTERGROUP_HOME", "MASTERGROUP_CONFIG", "XDG_CONFIG_HOME", "XDG_DATA_HOME")
    return {**keep, "NO_COLOR": "1", **{k: os.environ[k] for k in names}}


@pytest.mark.parametrize("command", ["ics", "case export"])
def test_a_link_to_dev_stdout_streams_through_the_console_script(booked, home, env, command):
    link = home / "out"
    link.symlink_to("/dev/stdout")
    before = data(home)
    args, start = OUTPUTS[command]
    result = console(*args, str(link), env=env)
    assert result.exit_code == 0, result
    assert result.stdout.startswith(start), result
    assert result.stderr == ""
    assert link.is_symlink() and str(link.readlink()) == "/dev/stdout"
    assert data(home) == before
    assert_dev_null_intact()


@pytest.mark.parametrize("command", list(OUTPUTS))
def test_a_link_to_a_regular_file_is_written_through(booked, home, command):
    """The link stays (the user made it); its target is replaced atomically."""
    real = home / "elsewhere" / "real.out"
    real.parent.mkdir()
    real.write_bytes(b"old")
    link = home / "link.out"
    link.symlink_to(real)
    args, start = OUTPUTS[command]
    force = ["--force"] if command == "statement" else []  # issue 13: never replaced unasked
    result = booked(*args, str(link), *force)
    assert result.exit_code == 0, result
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert real.read_text("utf-8").startswith(start)


def test_a_symlinked_register_keeps_its_targets_mode(booked, home):
    db = home / "home" / "mastergroup.db"
    real = home / "elsewhere" / "register.db"
    real.parent.mkdir()
    shutil.move(db, real)
    for suffix in ("-wal", "-shm"):
        assert not Path(f"{db}{suffix}").exists()
    db.symlink_to(real)
    real.chmod(0o640)  # the owner's choice for the file they keep elsewhere
    result = booked("case", "list")
    assert result.exit_code == 0, result
    assert "LS-2023-17" in result.stdout
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    assert db.is_symlink()


# --- from item 3: configuration, home, stdout and backup files -----------------------------


@pytest.mark.parametrize("kind", ["/dev/zero", "FIFO", "folder", "too large"])
def test_a_configuration_that_is_no_regular_file(home, env, kind):
    if kind == "/dev/zero":
        config = "/dev/zero"
    elif kind == "FIFO":
        os.mkfifo(home / "config.fifo")
        config = str(home / "config.fifo")
    elif kind == "folder":
        (home / "config.d").mkdir()
        config = str(home / "config.d")
    else:
        big = home / "big.toml"
        big.write_bytes(b"# " + b"x" * (2 << 20) + b"\n")
        config = str(big)
    before = data(home)
    result = console("sessions", "--year", "2023", env={**env, "MASTERGROUP_CONFIG": config})
    line = assert_user_error(result, 3)
    assert config in line and "asetustiedostoa ei voi lukea" in line
    assert data(home) == before


@pytest.mark.parametrize("how", ["--config", "MASTERGROUP_CONFIG", "config check"])
@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_a_configuration_folder_is_exit_3_in_the_users_language(run, home, monkeypatch, how, lang):
    folder = home / "config.d"
    folder.mkdir()
    monkeypatch.setenv("MASTERGROUP_LANG", lang)
    if how == "--config":
        result = run("--config", str(folder), "sessions", "--year", "2023")
    elif how == "MASTERGROUP_CONFIG":
        monkeypatch.setenv("MASTERGROUP_CONFIG", str(folder))
        result = run("sessions", "--year", "2023")
    else:
        result = run("config", "check", str(folder))
    line = assert_user_error(result, 3)
    said = {"fi": "asetustiedostoa ei voi lukea", "sv": "inställningsfilen kan inte läsas",
            "en": "cannot read the configuration file"}  # fmt: skip
    assert said[lang] in line and str(folder) in line


@pytest.fixture
def shared() -> Iterator[Path]:
    """A folder that `nobody` may pass through (tmp_path's parents are root's alone)."""
    folder = Path(tempfile.mkdtemp(prefix="mastergroup-hostile-"))
    folder.chmod(0o711)
    try:
        yield folder
    finally:
        shutil.rmtree(folder)


@pytest.fixture
def other_user(shared: Path, env: dict[str, str]) -> Callable[..., Result]:
    """Run the console script as a user who cannot read root's 0600 files (as root: `nobody`;
    otherwise the current user, for whom mode 000 does the same)."""
    if os.geteuid() != 0:
        return lambda *args, env: console(*args, env=env)
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: no user that permissions stop")
    probe = console("--version", env={**env, "MASTERGROUP_HOME": str(shared)}, user=NOBODY)
    if probe.exit_code != 0:
        pytest.skip(f"`nobody` cannot run this interpreter: {probe.stderr.strip()[-200:]}")
    return lambda *args, env: console(*args, env=env, user=NOBODY)


def locked(path: Path) -> Path:
    path.chmod(0o000 if os.geteuid() != 0 else 0o700 if path.is_dir() else 0o600)
    return path


@pytest.mark.parametrize(
    "args", [["case", "list"], ["sessions", "--year", "2023"], ["agenda"], ["expert", "list"]]
)
def test_a_home_the_user_cannot_enter_is_exit_7(shared, other_user, env, args):
    config = shared / "config.toml"
    shutil.copy(SHIPPED, config)
    config.chmod(0o644)
    home = shared / "home"
    home.mkdir()
    (home / "note").write_bytes(b"kept")
    locked(home)
    before = {p.name: p.read_bytes() for p in home.iterdir()}
    run_env = {**env, "MASTERGROUP_HOME": str(home / "data"), "MASTERGROUP_CONFIG": str(config),
               "MASTERGROUP_TODAY": "2023-03-01"}  # fmt: skip
    try:
        line = assert_user_error(other_user(*args, env=run_env), 7)
    finally:
        home.chmod(0o700)
    assert str(home / "data") in line and "MASTERGROUP_HOME" in line
    assert {p.name: p.read_bytes() for p in home.iterdir()} == before


@pytest.mark.parametrize("how", ["MASTERGROUP_CONFIG", "--config", "config check"])
def test_an_unreadable_configuration_is_exit_3(shared, other_user, env, how):
    config = shared / "config.toml"
    shutil.copy(SHIPPED, config)
    locked(config)
    run_env = {**env, "MASTERGROUP_HOME": str(shared / "home"), "MASTERGROUP_LANG": "en"}
    run_env.pop("MASTERGROUP_CONFIG")
    if how == "MASTERGROUP_CONFIG":
        result = other_user("sessions", env={**run_env, "MASTERGROUP_CONFIG": str(config)})
    elif how == "--config":
        result = other_user("--config", str(config), "sessions", env=run_env)
    else:
        result = other_user("config", "check", str(config), env=run_env)
    line = assert_user_error(result, 3)
    assert "cannot read the configuration file" in line and "Permission denied" in line
    assert not (shared / "home").exists()


def test_an_unreadable_backup_is_exit_7(shared, other_user, env):
    backup = shared / "backup.json"
    backup.write_text('{"format": "mastergroup-backup", "version": 1, "cases": []}\n', "utf-8")
    locked(backup)
    run_env = {**env, "MASTERGROUP_HOME": str(shared / "home"), "MASTERGROUP_LANG": "sv"}
    line = assert_user_error(other_user("case", "import", str(backup), env=run_env), 7)
    assert str(backup) in line and "kan inte läsas" in line
    assert not (shared / "home").exists()


@pytest.mark.parametrize("kind", ["FIFO", "/dev/zero"])
def test_a_backup_that_is_no_regular_file_is_exit_7(booked, home, env, kind):
    if kind == "FIFO":
        os.mkfifo(home / "backup.fifo")
        source = str(home / "backup.fifo")
    else:
        source = "/dev/zero"
    before = data(home)
    line = assert_user_error(console("case", "import", source, env=env), 7)
    assert source in line
    assert data(home) == before


@pytest.mark.parametrize(
    "args",
    [
        ["sessions", "--year", "2023"],
        ["ics", "--year", "2023"],
        ["ics", "--year", "2023", "-o", "-"],
        ["case", "export"],
        ["--help"],
        ["--version"],
    ],
)
def test_stdout_on_a_full_disk_is_exit_7_and_one_line(booked, home, env, args):
    before = data(home)
    with Path("/dev/full").open("wb") as full:
        result = console(*args, env={**env, "MASTERGROUP_LANG": "en"}, stdout=full)
    line = assert_user_error(result, 7)
    assert "Could not write the output (No space left on device)" in line
    assert data(home) == before


# --- from item 4: statements written into a folder that exists -----------------------------


@pytest.mark.parametrize("how", ["--session", "one case"])
def test_an_existing_folder_keeps_its_mode_and_is_named_if_others_can_read_it(
    booked, home, monkeypatch, how
):
    monkeypatch.setenv("MASTERGROUP_TODAY", "2023-04-03")
    folder = home / "lausunnot"
    folder.mkdir()
    folder.chmod(0o755)
    args = ["--session", "2023-03-31"] if how == "--session" else ["LS-2023-17"]
    result = booked("statement", *args, "--format", "md", "-o", str(folder))
    assert result.exit_code == 0, result
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("mastergroup: "), result
    assert str(folder) in lines[0] and "0755" in lines[0] and "chmod 700" in lines[0]
    assert stat.S_IMODE(folder.stat().st_mode) == 0o755
    (written,) = folder.iterdir()
    assert stat.S_IMODE(written.stat().st_mode) == 0o600

    folder.chmod(0o700)  # private: nothing to say
    again = booked("statement", *args, "--format", "md", "-o", str(folder), "--force")
    assert again.exit_code == 0 and again.stderr == "", again
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
