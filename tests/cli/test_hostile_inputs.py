"""Issue 11, item 3 (and the slot check of item 4): inputs that once printed a traceback or
exited 70. Each is now one line on stderr with its documented exit code, and no stored data
changes, byte for byte: a refused `case import` leaves the register as it was, and creates none
where there was none. Invented data only.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import docx
import pytest

from mastergroup.core.errors import EXIT_CONFIG, EXIT_USAGE
from tests.cli.test_backup_cli import backup, case, expert, sent
from tests.cli.test_case_cli import book, data_dir
from tests.conftest import assert_user_error, snapshot

DEEP = 100_000  # levels of nesting: far past Python's recursion limit

# --- the configuration: exit 3, naming the file --------------------------------------------

CONFIGS = {
    "timezone names a tzdata folder": '[schedule]\ntimezone = "Europe"\n',
    "override dated 0001-01-01": '[[overrides]]\naction = "cancel"\ndate = 0001-01-01\n',
    "override moved to 9999-12-31": (
        '[[overrides]]\naction = "move"\ndate = 2023-03-31\nto = 9999-12-31\n'
    ),
    "extra day off in the year 1": '[[days_off.extra]]\ndate = "0001-05-02"\nname = "Juhla"\n',
    "deeply nested array": "a = " + "[" * DEEP + "]" * DEEP + "\n",
    "deeply nested inline table": "a = " + "{b = " * DEEP + "1" + "}" * DEEP + "\n",
}


@pytest.mark.parametrize("name", list(CONFIGS))
@pytest.mark.parametrize("args", [("sessions", "--year", "2023"), ("config", "check")])
def test_a_hostile_configuration_is_one_line_exit_3(run, home, name, args):
    config = home / "config.toml"
    config.write_text(CONFIGS[name], encoding="utf-8")
    before = snapshot(home)
    line = assert_user_error(run(*args), EXIT_CONFIG)
    assert str(config) in line
    assert snapshot(home) == before


def test_a_broken_configuration_is_loaded_once(run, home, monkeypatch):
    """The error handler does not read the broken file again to choose its language."""
    from mastergroup.config import settings

    loads: list[Path] = []
    real = settings.load

    def counting(path: Path) -> settings.Settings:
        loads.append(path)
        return real(path)

    monkeypatch.setattr(settings, "load", counting)
    (home / "config.toml").write_text('[schedule]\nstart = "9.75"\n', encoding="utf-8")
    assert_user_error(run("sessions", "--year", "2023"), EXIT_CONFIG)
    assert len(loads) == 1
    loads.clear()
    assert_user_error(run("agenda"), EXIT_CONFIG)
    assert len(loads) == 1


# --- MASTERGROUP_TODAY outside the years the tool knows: exit 2 ----------------------------


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
@pytest.mark.parametrize(
    "args",
    [
        ("sessions",),
        ("sessions", "--next", "3"),
        ("agenda",),
        ("remind", "--dry-run"),
        ("config", "check"),
        ("case", "purge", "--before", "2023-01-01", "--yes"),
        ("ics", "-o", "-"),
    ],
)
def test_a_pinned_today_out_of_range_is_one_line_exit_2(run, home, monkeypatch, day, args):
    monkeypatch.setenv("MASTERGROUP_TODAY", day)
    before = snapshot(home)
    line = assert_user_error(run(*args), EXIT_USAGE)
    assert "MASTERGROUP_TODAY" in line
    assert snapshot(home) == before


# --- backups: `case import` ----------------------------------------------------------------


def _deep_json() -> str:
    return (
        '{"format": "mastergroup-backup", "version": 2, "cases": ' + "[" * DEEP + "]" * DEEP + "}"
    )


BACKUPS: dict[str, str] = {
    "cases holds a number": json.dumps(backup(cases=[1])),
    "experts holds a text": json.dumps(backup(experts=["Pertti"])),
    "sent holds a list": json.dumps(backup(sent=[[]])),
    "audit holds null": json.dumps(backup(audit=[None])),
    "a 5,000-digit version": json.dumps(backup()).replace(
        '"version": 2', '"version": ' + "9" * 5000
    ),
    "a 4,000-digit version": json.dumps(backup()).replace(
        '"version": 2', '"version": ' + "9" * 4000
    ),
    "a 5,000-digit count": json.dumps(backup(sent=[sent()])).replace(
        '"recipients": 2', '"recipients": ' + "7" * 5000
    ),
    "a lone surrogate in a value": json.dumps(backup(cases=[case("A", worker="Sanna \ud800")])),
    "a lone surrogate in a key": json.dumps(backup(cases=[case("A") | {"x\udc80": 1}])),
    "deeply nested JSON": _deep_json(),
    "a slot in another month than its session": json.dumps(
        backup(cases=[case("A", slot="2023-03", session_date="2023-04-28")])
    ),
    "a slot years away from its session": json.dumps(
        backup(cases=[case("A", slot="2031-07", session_date="2023-03-31")])
    ),
    "an extra slot on another day": json.dumps(
        backup(cases=[case("A", slot="extra-2023-03-24", session_date="2023-03-31")])
    ),
    "a slot that names no session": json.dumps(backup(cases=[case("A", slot="hello")])),
}


@pytest.mark.parametrize("name", list(BACKUPS))
@pytest.mark.parametrize("existing", [False, True], ids=["no register", "a register"])
def test_a_hostile_backup_is_one_line_and_changes_nothing(run, home, monkeypatch, name, existing):
    monkeypatch.setenv("MASTERGROUP_TODAY", "2023-03-01")
    monkeypatch.setenv("MASTERGROUP_LANG", "en")
    if existing:  # a register with an expert and no cases: a backup may still be restored
        ok = run("expert", "add", "--name", "Lea Lakimies", "--title", "lakimies", "--area", "law")
        assert ok.exit_code == 0, ok
    file = home / "backup.json"
    file.write_text(BACKUPS[name], encoding="utf-8")
    before = snapshot(data_dir(home))
    assert (data_dir(home) / "mastergroup.db").exists() is existing
    line = assert_user_error(run("case", "import", str(file)), EXIT_USAGE)
    assert str(file) in line
    assert snapshot(data_dir(home)) == before
    assert (data_dir(home) / "mastergroup.db").exists() is existing


def test_a_valid_slot_still_imports(run, home, monkeypatch):
    """The slot check refuses only contradictions: a month's session moved off a day off (or by
    an override) keeps its slot, and an extra session's slot names its own day."""
    monkeypatch.setenv("MASTERGROUP_TODAY", "2023-03-01")
    monkeypatch.setenv("MASTERGROUP_LANG", "en")
    (home / "config.toml").write_text(
        '[[overrides]]\naction = "move"\ndate = 2023-05-26\nto = 2023-06-02\n'
        '[[overrides]]\naction = "add"\ndate = 2023-03-24\n',
        encoding="utf-8",
    )
    cases = [
        case("A"),
        case("B", slot="2023-05", session_date="2023-06-02"),  # moved by the override
        case("C", slot="extra-2023-03-24", session_date="2023-03-24"),
        case("D", slot="2023-06", session_date="2023-06-16"),  # the config may have changed
    ]
    file = home / "backup.json"
    file.write_text(json.dumps(backup(cases=cases, experts=[expert("P")])), encoding="utf-8")
    result = run("case", "import", str(file))
    assert result.exit_code == 0, result


# --- templates: exit 3 with the file and the line ------------------------------------------


@pytest.fixture
def booked(run, monkeypatch):
    monkeypatch.setenv("MASTERGROUP_TODAY", "2023-03-01")
    monkeypatch.setenv("MASTERGROUP_LANG", "en")
    result = book(run, "LS-2023-17", "2023-03-31")
    assert result.exit_code == 0, result
    monkeypatch.setenv("MASTERGROUP_TODAY", "2023-04-03")
    return run


@pytest.mark.parametrize("body", ["{{ 1/0 }}", "{{ [].pop() }}", "{{ 'a' + 1 }}"])
def test_a_template_that_fails_while_rendering_names_file_and_line(booked, home, body):
    custom = home / "oma.md.j2"
    custom.write_text("{{ case.ref }}\n\n" + body + "\n", encoding="utf-8")
    before = snapshot(data_dir(home))
    result = booked("statement", "LS-2023-17", "--format", "md", "--template", str(custom),
                    "-o", "-")  # fmt: skip
    line = assert_user_error(result, EXIT_CONFIG)
    assert f"{custom}:3:" in line
    assert result.stdout == ""
    assert snapshot(data_dir(home)) == before
    check = booked("template", "check", str(custom))
    assert check.exit_code == EXIT_CONFIG, check
    assert f"{custom}:3:" in check.stderr and "Traceback" not in check.stderr


def test_a_word_template_that_divides_by_zero_names_the_paragraph(booked, home):
    path = home / "oma.docx"
    document = docx.Document()
    document.add_paragraph("{{ case.ref }}")
    document.add_paragraph("{{ 1/0 }}")
    document.save(str(path))
    out = home / "out.docx"
    result = booked("statement", "LS-2023-17", "--template", str(path), "-o", str(out))
    line = assert_user_error(result, EXIT_CONFIG)
    assert str(path) in line
    assert not out.exists()


# --- the real console script: bytes that are not UTF-8 in an argument ----------------------


def _script(tmp_path: Path, *args: bytes | str) -> subprocess.CompletedProcess[bytes]:
    script = Path(sys.executable).with_name("mastergroup")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MASTERGROUP_", "LC_", "LANG"))}
    env |= {
        "MASTERGROUP_HOME": str(tmp_path / "home"),
        "MASTERGROUP_CONFIG": str(tmp_path / "config.toml"),
        "MASTERGROUP_TODAY": "2023-03-01",
        "MASTERGROUP_LANG": "en",
        "LC_ALL": "C.UTF-8",
        "NO_COLOR": "1",
    }
    return subprocess.run(
        [str(script), *args], env=env, capture_output=True, timeout=60, check=False
    )


LATIN_1 = b"caf\xe9"  # "café" typed on a Latin-1 terminal

ARGV = {
    "expert add": ("expert", "add", "--name", LATIN_1, "--title", "psykologi", "--area", "law"),
    "case add": (
        "case", "add", "--ref", LATIN_1, "--session", "2023-03-31", "--worker", "Sanna S",
        "--email", "sanna@kunta.example", "--municipality", "Jyväskylä", "-q", "Mitä nyt?",
    ),
    "case show": ("case", "show", LATIN_1),
    "sessions": ("sessions", "--year", LATIN_1),
    "a command name": (LATIN_1,),
}  # fmt: skip


@pytest.mark.parametrize("name", list(ARGV))
def test_an_argument_that_is_not_utf8_is_one_line_exit_2(home, name):
    tmp_path = home
    before = snapshot(tmp_path)
    args = ARGV[name]
    done = _script(tmp_path, *args)
    stderr = done.stderr.decode("utf-8", "replace")
    assert done.returncode == EXIT_USAGE, (done.returncode, stderr)
    lines = stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("mastergroup: "), stderr
    assert "Traceback" not in stderr
    position = args.index(LATIN_1) + 1
    assert f"{position}" in lines[0], lines[0]
    assert done.stdout == b""
    assert snapshot(tmp_path) == before


def test_every_catalog_field_is_a_plain_name():
    """A literal brace in a sentence ("an object { ... }") is read by format_map as a field and
    fails as the error is shown: every field of every sentence must be a plain name."""
    import string

    from mastergroup.i18n.messages import CATALOG

    for key, texts in CATALOG.items():
        for text in texts:
            fields = [f for _, f, _, _ in string.Formatter().parse(text) if f is not None]
            assert all(f.isidentifier() for f in fields), (key, text)
