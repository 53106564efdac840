"""Configuration: every broken file fails with one sentence naming the file and the key."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from mastergroup.config.settings import SPEC, effective, load, parse, reference
from mastergroup.core.errors import ConfigError
from mastergroup.i18n.messages import render
from tests.conftest import SHIPPED


def shipped_data() -> dict:
    return tomllib.loads(SHIPPED.read_text(encoding="utf-8"))


def error_of(data: dict) -> ConfigError:
    with pytest.raises(ConfigError) as e:
        parse(data, "county.toml")
    return e.value


@pytest.mark.parametrize(
    ("change", "key", "expected"),
    [
        (lambda d: d["group"].update(colour="red"), "group.colour", "unknown_key"),
        (lambda d: d.update(meetings={}), "meetings", "unknown_key"),
        (lambda d: d["schedule"].update(start="9.75"), "schedule.start", "bad_value"),
        (lambda d: d["schedule"].update(end="08:00"), "schedule.end", "bad_value"),
        (lambda d: d["schedule"].update(weekday="fredag"), "schedule.weekday", "bad_value"),
        (lambda d: d["schedule"].update(timezone="Europe/Turku"), "schedule.timezone", "bad_value"),
        (lambda d: d["booking"].update(capacity=0), "booking.capacity", "bad_value"),
        (lambda d: d["booking"].update(capacity=True), "booking.capacity", "bad_value"),
        (lambda d: d["booking"].update(documents_days_before=20), "booking.documents_days_before",
         "bad_value"),
        (lambda d: d["schedule"]["months"]["june"].update(weeks=3), "schedule.months.june",
         "rule_leaves_month"),
        (lambda d: d["schedule"]["months"].update(juni={"kind": "none"}), "schedule.months.juni",
         "unknown_key"),
        (lambda d: d["schedule"]["months"]["july"].update(kind="never"),
         "schedule.months.july.kind", "bad_value"),
        (lambda d: d["schedule"]["rule"].update(n=5), "schedule.rule.n", "bad_value"),
        (lambda d: d["days_off"]["extra"][0].update(date="02-30"), "days_off.extra[1].date",
         "bad_value"),
        (lambda d: d.update(overrides=[{"action": "move", "date": "2024-05-31"}]),
         "overrides[1].to", "missing_value"),
        (lambda d: d.update(overrides=[{"action": "cancel", "date": "2024-05-30"}]),
         "overrides[1]", "override_no_session"),
    ],
)  # fmt: skip
def test_broken_configuration_names_file_and_key(change, key, expected):
    data = shipped_data()
    change(data)
    error = error_of(data)
    assert error.key == f"config.{expected}"
    assert error.params["key"] == key
    assert error.params["file"] == "county.toml"
    for lang in ("fi", "sv", "en"):
        line = render(error.key, lang, **error.params)
        assert "\n" not in line and "county.toml" in line and key in line


def test_toml_syntax_error(tmp_path: Path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[group\nid = "x"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as e:
        load(bad)
    assert e.value.key == "config.toml_syntax"
    assert str(bad) in render(e.value.key, "en", **e.value.params)


def test_missing_file(tmp_path: Path):
    with pytest.raises(ConfigError) as e:
        load(tmp_path / "nope.toml")
    assert e.value.key == "config.unreadable"


def test_empty_file_means_defaults():
    settings = parse({}, "empty.toml")
    assert settings.number("booking.capacity") == 2
    assert settings.text("schedule.weekday") == "friday"


def test_effective_round_trips(shipped):
    import tomli_w

    again = parse(tomllib.loads(tomli_w.dumps(effective(shipped))), "again.toml")
    assert again.schedule == shipped.schedule
    assert again.values == shipped.values


def test_reference_lists_every_key():
    text = reference()
    for key in SPEC:
        assert f"`{key.path}`" in text


@pytest.mark.parametrize(
    ("toml", "shown"),
    [
        ("start = 2024-01-01T09:00:00", "2024-01-01T09:00:00"),
        ("start = 2024-01-01", "2024-01-01"),
        ("weekday = true", "true"),
        ('start = ["9", "10"]', '["9", "10"]'),
        ("start = {a = 1}", "{ a = 1 }"),
        ('start = "9\\"30"', '"9\\"30"'),
    ],
)
def test_a_wrong_value_is_shown_as_toml_not_as_python(toml, shown):
    with pytest.raises(ConfigError) as raised:
        parse(tomllib.loads(f"[schedule]\n{toml}\n"), "c.toml")
    assert raised.value.params["value"] == shown


def test_what_a_key_expects_is_said_in_the_users_language():
    english = re.compile(r"\b(a|an|or|of|one|number|list|time|date|name|nothing)\b")
    for k in SPEC:
        fi = render(k.expected.key, "fi", **dict(k.expected.params))
        sv = render(k.expected.key, "sv", **dict(k.expected.params))
        assert "?" not in fi and not english.search(fi.replace('"last"', "")), (k.path, fi)
        assert "?" not in sv and not english.search(sv.replace('"last"', "")), (k.path, sv)
    error = error_of({"schedule": {"start": "9.75"}})
    line = render(error.key, "fi", **error.params)
    assert line.endswith('odotetaan kellonaika "HH:MM", esim. "09:00".'), line


@pytest.mark.parametrize(
    "bad", ["www.example.org", "https://a b", "https://ok\u0007", "ftp://x", "https://ok.fi\n"]
)
def test_a_url_must_be_an_http_address_without_spaces(bad):
    for section, key in (("group", "url"), ("location", "url")):
        with pytest.raises(ConfigError) as raised:
            parse({section: {key: bad}}, "c.toml")
        assert raised.value.params["key"] == f"{section}.{key}"
    ok = parse({"group": {"url": "https://hyvinvointialue.example/master?a=1;b"}}, "c.toml")
    assert ok.text("group.url").startswith("https://")


def test_control_characters_in_text_are_refused_and_shown_escaped_on_one_line():
    with pytest.raises(ConfigError) as raised:
        parse({"location": {"address": "Kauppakatu 1\u0007"}}, "c.toml")
    assert raised.value.params["key"] == "location.address"
    assert raised.value.params["value"] == '"Kauppakatu 1\\u0007"'
    with pytest.raises(ConfigError) as raised:
        parse({"group": {"id": "keski\nsuomi"}}, "c.toml")
    assert raised.value.params["value"] == '"keski\\nsuomi"'
    assert "\n" not in render(raised.value.key, "fi", **raised.value.params)
    assert parse({"location": {"address": "Kauppakatu 1\n40100 Jyväskylä"}}, "c.toml")


def test_a_required_area_may_differ_from_the_areas_in_case_only():
    data = {"experts": {"areas": ["Perheneuvola", "law"], "required": ["perheneuvola", "LAW"]}}
    assert parse(data, "c.toml").values["experts.required"]
