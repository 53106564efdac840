"""The key table is the single source of truth: the typed sections are its classes, and
nothing else lists a key."""

from __future__ import annotations

import inspect

import pytest

from mastergroup.config import spec
from mastergroup.config.keys import Key, Section
from mastergroup.config.settings import SECTIONS, SPEC, Settings, parse
from mastergroup.config.types import Choice, KeyType
from mastergroup.core.model import Mode
from mastergroup.core.rules import DayOffPolicy


def test_every_section_class_is_in_the_table_once():
    defined = [v for v in vars(spec).values() if inspect.isclass(v) and issubclass(v, Section)]
    assert set(SECTIONS) == set(defined) - {Section}
    assert len({s.section for s in SECTIONS}) == len(SECTIONS)


def test_spec_is_the_section_classes_keys_in_order():
    assert tuple(key for section in SECTIONS for key in section.keys) == SPEC
    assert len({k.path for k in SPEC}) == len(SPEC)
    for section in SECTIONS:
        for key in section.keys:
            name = key.path.split(".", 1)[1]
            assert key.path == f"{section.section}.{name}"
            assert getattr(section, name) is key


def test_settings_reads_every_section_by_attribute():
    """A section without its property on Settings could not be read typed."""
    settings = parse({}, "c.toml")
    for section in SECTIONS:
        if section is spec.Schedule:  # read as the built ScheduleConfig
            assert "schedule" in Settings._fields
            continue
        view = getattr(settings, section.section)
        assert type(view) is section
        for key in section.keys:
            assert getattr(view, key.path.split(".", 1)[1]) == settings.values[key.path]


def test_every_default_is_a_value_its_type_accepts():
    for key in SPEC:
        assert isinstance(key.type, KeyType)
        if key.path == "mail.password":  # its type keeps only whether it was set
            continue
        shown = list(key.default) if isinstance(key.default, tuple) else key.default
        assert key.parse(shown) == key.default, key.path


def test_a_section_reads_the_values_it_is_given():
    settings = parse({"mail": {"sender": "a@b.fi"}}, "c.toml")
    assert settings.mail.sender == "a@b.fi"
    changed = settings._replace(values=dict(settings.values) | {"mail.sender": "c@d.fi"})
    assert changed.mail.sender == "c@d.fi"
    assert spec.Mail.sender.path == "mail.sender"


def test_choices_from_an_enum_parse_into_its_members():
    settings = parse({"location": {"mode": "hybrid"}}, "c.toml")
    assert settings.location.mode is Mode.HYBRID
    assert parse({}, "c.toml").schedule.on_day_off is DayOffPolicy.WEEK_EARLIER
    with pytest.raises(ValueError):
        Choice.of(Mode).parse("online")
    assert Choice.of(Mode).expected.params == (("options", "teams, in_person, hybrid"),)


def test_a_key_is_a_descriptor_on_its_section():
    assert isinstance(spec.Group.__dict__["id"], Key)
    assert spec.Group(parse({}, "c.toml").values).name("sv").startswith("Barnskyddets")
