"""`mastergroup sessions` as a user runs it."""

from __future__ import annotations

import json

PUBLISHED_2023 = """pe 27.1. klo 9.00–11.30
pe 24.2. klo 9.00–11.30
pe 31.3. klo 9.00–11.30
pe 28.4. klo 9.00–11.30
pe 26.5. klo 9.00–11.30
pe 16.6. klo 9.00–11.30
pe 25.8. klo 9.00–11.30
pe 29.9. klo 9.00–11.30
pe 27.10. klo 9.00–11.30
pe 24.11. klo 9.00–11.30
pe 15.12. klo 9.00–11.30
"""


def test_2023_exactly_as_published(run):
    result = run("sessions", "--year", "2023")
    assert result.exit_code == 0, result
    assert result.stdout == PUBLISHED_2023


def test_json_contract(run):
    result = run("sessions", "--year", "2024", "--format", "json")
    data = json.loads(result.stdout)
    assert len(data) == 11
    march = data[2]
    for key in (
        "date",
        "start",
        "end",
        "booking_deadline",
        "documents_due",
        "status",
        "note",
        "capacity",
    ):
        assert key in march
    assert march["date"] == "2024-03-22"
    assert march["start"] == "2024-03-22T09:00:00+02:00"
    assert march["end"] == "2024-03-22T11:30:00+02:00"
    assert march["status"] == "moved"
    assert "pitkäperjantai" in march["note"]
    assert data[4]["start"] == "2024-05-31T09:00:00+03:00"
    december = data[-1]
    assert (december["date"], december["documents_due"]) == ("2024-12-13", "2024-12-05")
    assert december["booking_deadline"] == "2024-11-29"
    assert december["capacity"] == 2


def test_bad_year_is_one_line(run):
    result = run("sessions", "--year", "0")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert "1992" in result.stderr


def test_2024_shows_why_march_moved(run):
    result = run("sessions", "--year", "2024")
    lines = result.stdout.splitlines()
    assert lines[2] == "pe 22.3. klo 9.00–11.30 (siirretty 29.3.2024 → 22.3.2024: pitkäperjantai)"
    assert lines[-1] == "pe 13.12. klo 9.00–11.30"


def test_swedish_and_english(run):
    sv = run("sessions", "--year", "2023", "--lang", "sv").stdout.splitlines()
    assert sv[0] == "fre 27.1. kl. 9.00–11.30"
    en = run("sessions", "--year", "2024", "--lang", "en").stdout.splitlines()
    assert en[0] == "Fri 26 Jan 9:00–11:30"
    assert "Good Friday" in en[2]


def test_language_from_environment(run, monkeypatch):
    monkeypatch.setenv("MASTERGROUP_LANG", "sv")
    assert run("sessions", "--year", "2023").stdout.startswith("fre 27.1.")


def test_html_fragment(run):
    out = run("sessions", "--year", "2024", "--format", "html").stdout
    assert out.startswith('<ul class="mastergroup-sessions">')
    assert "<li>pe 26.1. klo 9.00–11.30</li>" in out
    assert out.count("<li>") == 11
    assert out.rstrip().endswith("</ul>")


def test_markdown(run):
    out = run("sessions", "--year", "2023", "--format", "markdown").stdout
    assert out.splitlines()[0] == "- pe 27.1. klo 9.00–11.30"


def test_table_has_deadlines_and_notes(run):
    out = run("sessions", "--year", "2024", "--format", "table").stdout
    assert "Varaus viimeistään" in out and "Asiakirjat viimeistään" in out
    assert "to 5.12." in out  # the document deadline moved off Independence Day
    assert "pitkäperjantai" in out


def test_next_and_range_use_pinned_today(run, monkeypatch):
    monkeypatch.setenv("MASTERGROUP_TODAY", "2023-06-17")
    out = run("sessions", "--next", "2").stdout.splitlines()
    assert out == ["pe 25.8. klo 9.00–11.30", "pe 29.9. klo 9.00–11.30"]
    span = run("sessions", "--from", "2023-11-01", "--to", "2024-01-31").stdout.splitlines()
    assert span == ["pe 24.11.2023 klo 9.00–11.30", "pe 15.12.2023 klo 9.00–11.30",
                    "pe 26.1.2024 klo 9.00–11.30"]  # fmt: skip  (crosses a year: issue 14)
    assert run("sessions").stdout.splitlines()[0] == "pe 27.1. klo 9.00–11.30"


def test_bad_inputs_are_one_line_errors(run, monkeypatch):
    reversed_ = run("sessions", "--from", "2024-02-01", "--to", "2024-01-01")
    assert reversed_.exit_code == 2 and "--from" in reversed_.stderr
    bad_date = run("sessions", "--from", "2024-13-01")
    assert bad_date.exit_code == 2 and "2024-13-01" in bad_date.stderr
    both = run("sessions", "--year", "2024", "--next", "2")
    assert both.exit_code == 2
    lang = run("sessions", "--lang", "de")
    assert lang.exit_code == 2 and "fi, sv" in lang.stderr
    unknown = run("sessions", "--yaer", "2024")
    assert unknown.exit_code == 2 and unknown.stderr.count("\n") == 1
    monkeypatch.setenv("MASTERGROUP_TODAY", "tomorrow")
    today = run("sessions")
    assert today.exit_code == 2 and "MASTERGROUP_TODAY" in today.stderr
    for result in (reversed_, bad_date, both, lang, unknown, today):
        assert result.stdout == "" and result.stderr.count("\n") == 1


def test_year_view(run):
    out = run("sessions", "--year", "2024", "--view").stdout
    assert "2024" in out
    for month in ("Tammikuu", "Maaliskuu", "Joulukuu"):
        assert month in out
    assert "[22]" in out  # 22.3.2024, the moved March session
    assert "29*" in out  # Good Friday, a day off
    assert "6*" in out  # Independence Day
    assert "[13]" in out
    assert "pitkäperjantai" in out


def test_extra_and_cancelled_sessions_from_overrides(run, home):
    from tests.conftest import write_config

    write_config(home, """
[[overrides]]
action = "cancel"
date = 2024-09-27
reason = "henkilöstöpäivä"

[[overrides]]
action = "add"
date = 2024-07-12
""")
    data = json.loads(run("sessions", "--year", "2024", "--format", "json").stdout)
    july = next(s for s in data if s["date"] == "2024-07-12")
    assert july["status"] == "scheduled" and july["note"] == "lisäkokoontuminen"
    september = next(s for s in data if s["date"] == "2024-09-27")
    assert september["status"] == "cancelled" and "henkilöstöpäivä" in september["note"]


def identity_code() -> str:
    """An invented code with a valid check character, built here so no data file holds one."""
    digits = "010203" + "123"
    return f"010203A123{'0123456789ABCDEFHJKLMNPRSTUVWXY'[int(digits) % 31]}"


def test_no_command_echoes_an_identity_code(run):
    code = identity_code()
    for args in (["sessions", code], ["sessions", "--from", code], ["ics", "--year", code],
                 ["config", "check", code]):  # fmt: skip
        result = run(*args)
        assert result.exit_code == 6, (args, result)
        assert code not in result.stderr and code not in result.stdout
        assert result.stderr.count("\n") == 1
    assert "ARGUMENT" in run("sessions", code).stderr  # it names where, never what


def test_an_unsupported_mastergroup_lang_is_an_error_not_ignored(run, monkeypatch):
    monkeypatch.setenv("MASTERGROUP_LANG", "de")
    result = run("sessions", "--year", "2023")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "MASTERGROUP_LANG='de'" in result.stderr
    assert "fi, sv" in result.stderr
    assert run("sessions", "--year", "2023", "--lang", "en").stdout.startswith("Fri 27 Jan")


def test_an_empty_mastergroup_lang_means_the_default(run, monkeypatch):
    monkeypatch.setenv("MASTERGROUP_LANG", "")
    assert run("sessions", "--year", "2023").stdout == PUBLISHED_2023
