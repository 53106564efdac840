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
