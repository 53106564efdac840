"""Issue 14, the remaining items, each through the CLI: one vocabulary for `--matter`,
`--expertise`, `--area` and statuses; one option name for the session a case is in; finding
cases (`case list` filters); Swedish folder and file names."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Result, assert_user_error, snapshot, write_config

Run = Callable[..., Result]

BOOK = ("--worker", "Sanna Testi", "--email", "sanna@kunta.example", "-q", "Mitä tehdään?")


@pytest.fixture
def today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MASTERGROUP_TODAY", "2023-03-01")


def _add(run: Run, ref: str, *extra: str, session: str = "2023-03-31") -> Result:
    base = ("case", "add", "--session", session, "--ref", ref, *BOOK)
    if "--municipality" not in extra:
        base += ("--municipality", "Jyväskylä")
    return run(*base, *extra)


def _cases(run: Run, *args: str) -> list[dict[str, object]]:
    result = run("case", "list", *args, "--format", "json")
    assert result.exit_code == 0, result
    return list(json.loads(result.stdout))


# --- one vocabulary ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "word", ["substitute_care", "substitute-care", "Sijaishuolto", "vård utom hemmet",
             "Substitute care"],
)  # fmt: skip
def test_matter_accepts_the_key_and_its_name_in_every_language(
    run: Run, today: None, word: str
) -> None:
    assert _add(run, "M-1", "--matter", word).exit_code == 0
    assert _cases(run)[0]["matter"] == "substitute_care"


@pytest.mark.parametrize(
    "word", ["law", "juridiikka", "Oikeudellinen asiantuntemus", "juridik", "LAW"]
)
def test_expertise_and_area_accept_the_same_words(run: Run, today: None, word: str) -> None:
    assert _add(run, "E-1", "--expertise", word).exit_code == 0
    assert _cases(run)[0]["expertise"] == ["law"]
    assert run("expert", "add", "--name", "Lea Testi", "--title", "lakimies", "--area", word)
    shown = json.loads(run("expert", "list", "--format", "json").stdout.splitlines()[0])
    assert shown["areas"] == ["law"]


def test_an_accent_counts_as_typed(run: Run, home: Path, today: None) -> None:
    line = assert_user_error(_add(run, "A-1", "--expertise", "paihdetyo"), 2)
    assert line.startswith("mastergroup: --expertise: ") and "päihdetyö (substance_abuse)" in line


def test_an_unknown_expertise_is_refused_with_the_list_and_not_stored(
    run: Run, home: Path, today: None
) -> None:
    assert _add(run, "U-0").exit_code == 0
    before = snapshot(home / "home")
    line = assert_user_error(_add(run, "U-1", "--expertise", "law", "--expertise", "astrologia"), 2)
    assert "--expertise 2" in line and "oikeudellinen asiantuntemus (law)" in line
    assert "astrologia" not in line  # a case's free text is never echoed in an error
    assert snapshot(home / "home") == before
    line = assert_user_error(run("case", "edit", "U-0", "--expertise", "astrologia"), 2)
    assert snapshot(home / "home") == before
    sv = assert_user_error(_add(run, "U-1", "--expertise", "astrologia", "--lang", "sv"), 2)
    assert "okänd expertis" in sv and "juridik (law)" in sv


def test_a_county_area_is_accepted_by_its_name(run: Run, home: Path, today: None) -> None:
    write_config(home, '[experts]\nareas = ["law", "Perheterapia"]\nrequired = ["law"]\n')
    assert _add(run, "C-1", "--expertise", "perheterapia", "--expertise", "laki").exit_code == 0
    assert _cases(run)[0]["expertise"] == ["Perheterapia", "law"]


def test_statuses_are_accepted_and_shown_in_the_users_language(run: Run, today: None) -> None:
    assert _add(run, "S-1").exit_code == 0
    assert run("case", "withdraw", "S-1", "--reason", "ratkesi").exit_code == 0
    for word in ("withdrawn", "peruttu", "återkallat", "Withdrawn"):
        assert [c["ref"] for c in _cases(run, "--status", word)] == ["S-1"]
    line = assert_user_error(run("case", "status", "S-1", "käsitelty"), 4)
    assert "'peruttu'" in line and "'käsitelty'" in line and "withdrawn" not in line
    line = assert_user_error(run("case", "move", "S-1", "--session", "2023-04-28"), 4)
    assert "withdrawn" not in line and "peruttu" in line
    sv = assert_user_error(run("case", "list", "--status", "xx", "--lang", "sv"), 2)
    assert "återkallat (withdrawn)" in sv and "i kö (waitlisted)" in sv


def test_the_agenda_shows_a_wish_by_the_areas_name(run: Run, home: Path, today: None) -> None:
    assert _add(run, "G-1", "--expertise", "juridiikka").exit_code == 0
    text = run("agenda", "--session", "2023-03-31", "--format", "text").stdout
    assert "Asiantuntemus: oikeudellinen asiantuntemus" in text
    sv = run("agenda", "--session", "2023-03-31", "--format", "text", "--lang", "sv").stdout
    assert "juridik" in sv and "juridiikka" not in sv


# --- one option name for the session a case is in -----------------------------------------


def test_session_names_the_cases_session_everywhere(run: Run, home: Path, today: None) -> None:
    assert _add(run, "O-1").exit_code == 0
    moved = run("case", "move", "O-1", "--from", "2023-03-31", "--to", "2023-04-28")
    assert moved.exit_code == 0, moved  # --to: another name for move's --session (the target)
    assert run("case", "move", "O-1", "--session", "2023-05-26").exit_code == 0  # still there
    by_option = run("session", "experts", "--session", "2023-05-26")
    assert by_option.exit_code == 0 and by_option.stdout == run(
        "session", "experts", "2023-05-26"
    ).stdout  # DATE stays
    assert_user_error(run("session", "experts"), 2)
    assert_user_error(run("session", "experts", "2023-05-26", "--session", "2023-05-26"), 2)
    old = run("statement", "O-1", "--in", "2023-05-26", "--format", "md", "-o", "-")
    new = run("statement", "O-1", "--session", "2023-05-26", "--format", "md", "-o", "-")
    assert new.exit_code == 0 and new.stdout == old.stdout and "O-1" in new.stdout
    assert_user_error(
        run("statement", "O-1", "--session", "2023-05-26", "--in", "2023-04-28", "-o", "-"), 2
    )


# --- finding cases ----------------------------------------------------------------------------


@pytest.fixture
def register(run: Run, today: None) -> None:
    assert _add(run, "LS-1", "-q", "Onko sijoitus tarpeen?").exit_code == 0
    matter = ("--matter", "community_care")
    assert _add(run, "P-2", "--municipality", "Äänekoski", *matter).exit_code == 0
    assert _add(run, "LS-3", "--municipality", "Jyväskylän perhepalvelut",
                session="2023-04-28").exit_code == 0  # fmt: skip
    assert run("case", "withdraw", "P-2", "--reason", "ratkesi").exit_code == 0


def _refs(run: Run, *args: str) -> list[object]:
    return [c["ref"] for c in _cases(run, *args)]


def test_held_sessions_open_cases_stay_in_the_default_list(
    run: Run, register: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MASTERGROUP_TODAY", "2023-04-03")  # the day after is long past
    assert _refs(run) == ["LS-1", "LS-3"]  # held but open; withdrawn P-2 is not
    assert run("case", "status", "LS-1", "discussed").exit_code == 0
    assert _refs(run) == ["LS-1", "LS-3"]  # discussed, statement not yet out
    assert run("case", "status", "LS-1", "statement_delivered").exit_code == 0
    assert _refs(run) == ["LS-3"]
    assert _refs(run, "--all") == ["LS-1", "P-2", "LS-3"]
    assert "statement not" in run("case", "list", "--help", "--lang", "en").stdout


def test_case_list_filters(run: Run, register: None) -> None:
    assert _refs(run, "--from", "2023-03-01", "--to", "2023-03-31") == ["LS-1", "P-2"]
    assert _refs(run, "--from", "2023-04-01") == ["LS-3"]
    assert _refs(run, "--municipality", "jyväskylä") == ["LS-1", "LS-3"]
    assert _refs(run, "--matter", "avohuolto") == ["P-2"]
    assert _refs(run, "--matter", "öppenvård", "--status", "peruttu") == ["P-2"]
    assert _refs(run, "--status", "withdrawn") == ["P-2"]
    assert _refs(run, "--search", "SIJOITUS") == ["LS-1"]
    assert _refs(run, "--search", "ls-") == ["LS-1", "LS-3"]
    assert_user_error(run("case", "list", "--session", "2023-03-31", "--all"), 2)
    assert_user_error(run("case", "list", "--from", "2023-05-01", "--to", "2023-03-01"), 2)
    assert_user_error(run("case", "list", "--matter", "adoptio"), 2)


def test_references_match_case_insensitively(run: Run, home: Path, register: None) -> None:
    assert "LS-1" in run("case", "show", "ls-1").stdout
    before = snapshot(home / "home")
    assert_user_error(_add(run, "ls-1"), 4)  # the same reference in the same session
    assert snapshot(home / "home") == before
    assert run("case", "edit", "ls-3", "--phone", "040 1").exit_code == 0


# --- Swedish folder and file names -------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "folder", "file"),
    [("fi", "lausunnot", "lausunto"), ("sv", "utlatanden", "utlatande"),
     ("en", "statements", "statement")],
)  # fmt: skip
def test_statement_names_follow_the_language(
    run: Run, home: Path, today: None, monkeypatch: pytest.MonkeyPatch,
    lang: str, folder: str, file: str,
) -> None:  # fmt: skip
    write_config(home, "")  # the shipped file; the language from group.language
    config = home / "config.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace('language = "fi"', f'language = "{lang}"'), encoding="utf-8")
    assert f'language = "{lang}"' in config.read_text(encoding="utf-8")
    assert _add(run, "LS-1").exit_code == 0
    monkeypatch.setenv("MASTERGROUP_TODAY", "2023-04-03")
    monkeypatch.chdir(home)
    assert run("statement", "--session", "2023-03-31", "--format", "md").exit_code == 0
    assert (home / f"{folder}-2023-03-31" / f"{file}-LS-1-2023-03-31.md").is_file()
    assert run("statement", "LS-1", "--format", "txt").exit_code == 0
    assert (home / f"{file}-LS-1-2023-03-31.txt").is_file()
    assert all(name.isascii() for name in (folder, file))
