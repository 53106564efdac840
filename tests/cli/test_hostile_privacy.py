"""Issue 11, items 1 and 4 (bidi/C1): hostile identity codes and control characters, through the
CLI. Every refusal: its exit code, one `mastergroup:` line on stderr, no traceback, and the data
home unchanged byte for byte; the identity-code cases also grep the home, the outputs and the
agenda e-mail for the code.

Today is 2023-03-01; a template home (one booked case LS-1 in the session of 31.3.2023, one
expert) is built once and copied into every test.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mastergroup.cli import app
from mastergroup.core.privacy import contains_identity_code
from tests.conftest import SHIPPED, Result, assert_user_error, snapshot
from tests.test_privacy import FORMS, code

TODAY = "2023-03-01"
WORKER = ("--worker", "Sanna Sosiaalityöntekijä", "--email", "sanna@kunta.example")
BOOKING = ("--ref", "LS-1", *WORKER, "--municipality", "Jyväskylä", "--session", "2023-03-31")
MAIL = '[mail]\nhost = "127.0.0.1"\nport = 25\nsecurity = "none"\n'
MAIL += 'sender = "master@hva.example"\nrecipients = ["lea@hva.example"]\n'


def invoke(args: list[str], env: dict[str, str] | None = None) -> Result:
    result = CliRunner().invoke(app, args, env=env, catch_exceptions=False)
    return Result(result.exit_code, result.stdout, result.stderr)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("template")
    config = root / "config.toml"
    config.write_text(SHIPPED.read_text(encoding="utf-8") + "\n" + MAIL, encoding="utf-8")
    env = {"MASTERGROUP_HOME": str(root / "home"), "MASTERGROUP_CONFIG": str(config),
           "MASTERGROUP_TODAY": TODAY, "MASTERGROUP_LANG": "en", "NO_COLOR": "1"}  # fmt: skip
    for args in (
        ["case", "add", *BOOKING, "-q", "Mitä nyt tehdään?", "--phone", "040 123 4567"],
        ["expert", "add", "--name", "Lea Lakimies", "--title", "lakimies", "--area", "law"],
    ):
        assert invoke(args, env).exit_code == 0, args
    return root


@pytest.fixture
def cli(template, tmp_path, monkeypatch) -> Callable[..., Result]:
    """`mastergroup ARGS` on a fresh copy of the template home."""
    shutil.copytree(template, tmp_path, dirs_exist_ok=True)
    monkeypatch.setenv("MASTERGROUP_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("MASTERGROUP_CONFIG", str(tmp_path / "config.toml"))
    monkeypatch.setenv("MASTERGROUP_TODAY", TODAY)
    monkeypatch.setenv("MASTERGROUP_LANG", "en")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.chdir(tmp_path)
    return lambda *args: invoke(list(args))


def no_code_anywhere(folder: Path, *texts: str) -> None:
    """Neither a file below `folder` nor any of `texts` holds an identity code, in any form."""
    for name, data in snapshot(folder).items():
        assert not contains_identity_code(data.decode("utf-8", "replace")), name
    for text in texts:
        assert not contains_identity_code(text)


# --- item 1: the identity-code guard ----------------------------------------------------------

# Where a hostile value goes: every stored text field of a case, of an edit and of an expert.
FIELDS: dict[str, Callable[[str], list[str]]] = {
    "add --ref": lambda v: ["case", "add", *BOOKING[2:], "--ref", v, "-q", "Mitä?"],
    "add --worker": lambda v: ["case", "add", *BOOKING, "--worker", v, "-q", "Mitä?"],
    "add --question": lambda v: ["case", "add", *BOOKING, "-q", "Mitä?", "-q", v],
    "add --municipality": lambda v: ["case", "add", *BOOKING, "--municipality", v, "-q", "?"],
    "add --phone": lambda v: ["case", "add", *BOOKING, "--phone", v, "-q", "Mitä?"],
    "add --expertise": lambda v: ["case", "add", *BOOKING, "--expertise", v, "-q", "Mitä?"],
    "edit --worker": lambda v: ["case", "edit", "LS-1", "--worker", v],
    "edit --question": lambda v: ["case", "edit", "LS-1", "-q", v],
    "edit --new-ref": lambda v: ["case", "edit", "LS-1", "--new-ref", v],
    "withdraw --reason": lambda v: ["case", "withdraw", "LS-1", "--reason", v],
    "expert add --name": lambda v: ["expert", "add", "--name", v, "--title", "psykologi"],
    "expert add --org": lambda v: [
        "expert", "add", "--name", "Olli", "--title", "psykologi", "--org", v],
}  # fmt: skip


@pytest.mark.parametrize("field", list(FIELDS))
@pytest.mark.parametrize("form", [t for _, t in FORMS], ids=[i for i, _ in FORMS])
def test_a_hostile_code_is_refused_in_every_field(cli, tmp_path, field, form):
    before = snapshot(tmp_path / "home")
    line = assert_user_error(cli(*FIELDS[field](form)), 6)
    assert field.split()[-1] in line  # the error names the field, never the value
    assert snapshot(tmp_path / "home") == before
    assert not contains_identity_code(line)


def test_after_every_attempt_no_output_and_no_mail_holds_a_code(cli, tmp_path):
    """All 27 forms through four fields; then the home, `case list`, `case show`, the
    statement, and both parts of the agenda e-mail are searched for a code."""
    before = snapshot(tmp_path / "home")
    for _, form in FORMS:
        for field in ("add --ref", "add --question", "edit --worker", "expert add --name"):
            assert cli(*FIELDS[field](form)).exit_code == 6, (field, form)
    assert snapshot(tmp_path / "home") == before
    outputs = [
        cli("case", "list", "--all"),
        cli("case", "show", "LS-1"),
        cli("statement", "LS-1", "--format", "md", "-o", "-"),
        cli("agenda", "--format", "email"),
        cli("agenda"),
    ]
    assert [r.exit_code for r in outputs] == [0] * len(outputs), outputs
    assert "LS-1" in outputs[0].stdout and "text/plain" in outputs[3].stdout
    assert "text/html" in outputs[3].stdout  # both parts of the mail were looked at
    no_code_anywhere(tmp_path / "home", *(r.stdout + r.stderr for r in outputs))


@pytest.mark.parametrize("form", [t for _, t in FORMS], ids=[i for i, _ in FORMS])
def test_a_code_in_an_output_file_name_is_refused(cli, tmp_path, form):
    before = snapshot(tmp_path)
    assert_user_error(cli("statement", "LS-1", "--format", "md", "-o", f"{form}.md"), 6)
    assert_user_error(cli("ics", "--year", "2023", "-o", f"kalenteri-{form}.ics"), 6)
    assert snapshot(tmp_path) == before  # no file of any name was written


USES = {"MASTERGROUP_HOME": [["case", "list"], ["case", "add", *BOOKING, "-q", "?"]],
        "MASTERGROUP_CONFIG": [["config", "check"], ["sessions"], ["case", "list"]]}  # fmt: skip


@pytest.mark.parametrize("variable", list(USES))
@pytest.mark.parametrize("form", [t for _, t in FORMS], ids=[i for i, _ in FORMS])
def test_a_code_in_an_environment_path_is_refused(cli, tmp_path, monkeypatch, variable, form):
    before = snapshot(tmp_path)
    monkeypatch.setenv(variable, str(tmp_path / form / "x"))
    for args in USES[variable]:
        result = cli(*args)
        line = assert_user_error(result, 6)
        assert variable in line
        assert not contains_identity_code(result.stdout + result.stderr)
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize(
    "phone", ["040 123 4567", "+358 40 123 4567", "0401234567", "+358401234567", "(014) 123 456"]
)
def test_phone_numbers_references_postcodes_and_dates_still_pass(cli, phone):
    result = cli(
        "case", "add", *BOOKING[2:], "--ref", "LS-2023-17", "--phone", phone,
        "--municipality", "40100 Jyväskylä", "-q", "Riittääkö avohuolto 31.3.2023 jälkeen?",
    )  # fmt: skip
    assert result.exit_code == 0, result
    assert phone in cli("case", "show", "LS-2023-17").stdout


def test_ten_digits_that_form_a_code_get_the_phone_number_hint(cli, tmp_path):
    digits = next(code(birth=f"0{d}0123", number="456") for d in "123456789"
                  if code(birth=f"0{d}0123", number="456")[-1].isdigit())  # fmt: skip
    before = snapshot(tmp_path / "home")
    line = assert_user_error(cli("case", "edit", "LS-1", "--phone", digits), 6)
    assert "--phone" in line and "040 123 4567" in line and digits not in line
    assert snapshot(tmp_path / "home") == before


# --- item 4: bidi controls, C1 controls, U+2028/U+2029 ----------------------------------------

UNSAFE = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068",
          "\u2069", "\u0080", "\u0085", "\u009b", "\u009f", "\u2028", "\u2029"]  # fmt: skip
TEXT_FIELDS: dict[str, Callable[[str], list[str]]] = {
    **{k: v for k, v in FIELDS.items() if k != "add --phone"},
    "add --phone": lambda v: ["case", "add", *BOOKING, "--phone", f"040{v} 123", "-q", "?"],
    "late --reason": lambda v: ["case", "add", *BOOKING[:-2], "--session", "2023-03-31",
                                "--late", "--reason", v, "-q", "?"],
    "expert add --title": lambda v: ["expert", "add", "--name", "Olli", "--title", v],
    "expert edit --name": lambda v: ["expert", "edit", "Lea Lakimies", "--name", v],
    "case show REF": lambda v: ["case", "show", v],
}  # fmt: skip


@pytest.mark.parametrize("field", list(TEXT_FIELDS))
@pytest.mark.parametrize("char", UNSAFE, ids=[f"U+{ord(c):04X}" for c in UNSAFE])
def test_control_characters_are_refused_in_every_stored_field(cli, tmp_path, field, char):
    value = f"Sanna{char}Virta" if "phone" not in field else char
    before = snapshot(tmp_path / "home")
    line = assert_user_error(cli(*TEXT_FIELDS[field](value)), 2)
    assert field.split()[-1] in line, line
    assert char not in line  # never raw on a terminal
    assert snapshot(tmp_path / "home") == before


def test_questions_keep_ordinary_line_breaks(cli):
    result = cli("case", "edit", "LS-1", "-q", "Ensimmäinen rivi.\nToinen rivi?")
    assert result.exit_code == 0, result


@pytest.mark.parametrize("char", UNSAFE, ids=[f"U+{ord(c):04X}" for c in UNSAFE])
def test_a_control_character_echoed_in_an_error_is_escaped(cli, char):
    result = cli("sessions", "--from", f"2023-03{char}-31")
    line = assert_user_error(result, 2)
    assert char not in result.stderr and f"\\u{ord(char):04x}" in line
