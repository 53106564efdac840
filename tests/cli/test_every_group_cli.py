"""`ics` and `agenda` for every group of a configuration at once (issue 15): `--group all`."""

from __future__ import annotations

import json
import shutil

import icalendar
import pytest

from mastergroup.io.environment import shipped_config_dir
from tests.conftest import assert_user_error, snapshot


@pytest.fixture
def two_groups(home, monkeypatch):
    config = home / "groups.toml"
    shutil.copy(shipped_config_dir() / "examples" / "county-by-matter.toml", config)
    monkeypatch.setenv("MASTERGROUP_CONFIG", str(config))
    monkeypatch.setenv("MASTERGROUP_TODAY", "2025-01-10")
    monkeypatch.setenv("MASTERGROUP_LANG", "en")
    return home


def test_one_calendar_holds_every_groups_sessions(run, two_groups):
    target = two_groups / "all.ics"
    result = run("ics", "--group", "all", "--year", "2025", "-o", str(target))
    assert result.exit_code == 0, result
    calendar = icalendar.Calendar.from_ical(target.read_bytes())
    events = list(calendar.walk("VEVENT"))
    groups = {str(e["UID"]).split("-")[0] for e in events}
    assert groups == {"eho", "maakunta"}
    assert len({str(e["UID"]) for e in events}) == len(events)  # UIDs stay unique
    for single in ("eho", "maakunta"):  # each group's events are its own calendar's events
        alone = run("ics", "--group", single, "--year", "2025", "-o", "-").stdout
        uids = {str(e["UID"]) for e in icalendar.Calendar.from_ical(alone).walk("VEVENT")}
        assert uids == {str(e["UID"]) for e in events if str(e["UID"]).startswith(single + "-")}
    assert len(calendar.walk("VTIMEZONE")) == 1  # both groups meet in Helsinki time


def test_every_groups_agenda_one_after_another(run, two_groups):
    shown = run("agenda", "--group", "all")
    assert shown.exit_code == 0, shown
    assert shown.stdout.index("eho: ") < shown.stdout.index("maakunta: ")
    records = json.loads(run("agenda", "--group", "all", "--format", "json").stdout)
    assert [r["group_id"] for r in records] == ["eho", "maakunta"]


def test_one_mail_message_cannot_hold_every_group(run, two_groups):
    before = snapshot(two_groups)
    line = assert_user_error(run("agenda", "--group", "all", "--format", "email"), 2)
    assert "--group" in line
    assert snapshot(two_groups) == before
