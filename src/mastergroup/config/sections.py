"""Settings: the validated configuration, read by typed section (`settings.mail.sender`).

`values` (dotted key -> parsed value, every key of SPEC) is the one store; each section
property is a view over it built on access, so `settings._replace(values=...)` changes what
the sections read. The sections are the key table's classes (config/spec.py); a test checks
that Settings has a property for each one, so a new section cannot be forgotten here.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, NamedTuple

from mastergroup.config import spec
from mastergroup.core.rules import ScheduleConfig


class Settings(NamedTuple):
    """The validated configuration."""

    source: str  # the file it came from, or "<defaults>"
    values: Mapping[str, Any]  # dotted key -> parsed value, for every key of SPEC
    # The schedule section's keys with the rules, days off and overrides, built and checked.
    schedule: ScheduleConfig
    raw: Mapping[str, Any] = MappingProxyType({})  # the file as read
    # issue 15: the `[[groups]]` of the file, each the top level with its own tables laid
    # over it; () when the file has none (then the top level is the one group)
    groups: tuple[Settings, ...] = ()

    def all_groups(self) -> tuple[Settings, ...]:
        """Every group of the configuration, in the file's order."""
        return self.groups or (self,)

    def default_group(self) -> Settings | None:
        """The group commands use without --group: the configured default, else the only one."""
        chosen = self.group.default
        found = [g for g in self.all_groups() if g.group.id == chosen] if chosen else []
        if found:
            return found[0]
        return self.all_groups()[0] if len(self.all_groups()) == 1 else None

    def group_by_id(self, group_id: str) -> Settings | None:
        return next((g for g in self.all_groups() if g.group.id == group_id), None)

    @property
    def group(self) -> spec.Group:
        return spec.Group(self.values)

    @property
    def coordinator(self) -> spec.Coordinator:
        return spec.Coordinator(self.values)

    @property
    def days_off(self) -> spec.DaysOff:
        return spec.DaysOff(self.values)

    @property
    def booking(self) -> spec.Booking:
        return spec.Booking(self.values)

    @property
    def location(self) -> spec.Location:
        return spec.Location(self.values)

    @property
    def agenda(self) -> spec.Agenda:
        return spec.Agenda(self.values)

    @property
    def report(self) -> spec.Report:
        return spec.Report(self.values)

    @property
    def register(self) -> spec.Register:
        return spec.Register(self.values)

    @property
    def mail(self) -> spec.Mail:
        return spec.Mail(self.values)

    @property
    def remind(self) -> spec.Remind:
        return spec.Remind(self.values)

    @property
    def experts(self) -> spec.Experts:
        return spec.Experts(self.values)

    @property
    def templates(self) -> spec.Templates:
        return spec.Templates(self.values)

    @property
    def documents(self) -> spec.Documents:
        return spec.Documents(self.values)

    @property
    def language(self) -> str:
        return self.group.language

    def group_name(self, lang: str) -> str:
        return self.group.name(lang)

    # Reading a key by its dotted name: for tests and generic code only. Code that reads one
    # known key uses its section's attribute, which mypy checks.
    def text(self, path: str) -> str:
        return str(self.values[path])

    def number(self, path: str) -> int:
        return int(self.values[path])

    def flag(self, path: str) -> bool:
        return bool(self.values[path])
