"""Loading: a TOML file -> validated Settings, each key parsed by its type from the key table.

Every error names the file, the key and what is expected; defaults fill the keys not given.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from mastergroup.config.sections import Settings
from mastergroup.config.spec import SPEC, STRUCTURED, Agenda, Booking, DaysOff, Experts, Schedule
from mastergroup.config.tables import Reader
from mastergroup.core.errors import ConfigError, PrivacyError
from mastergroup.core.rules import (
    MONTHS,
    WEEKDAYS,
    ExtraDayOff,
    ListedDate,
    MonthRule,
    Override,
    ScheduleConfig,
    rule_date,
    sessions_in_year,
)
from mastergroup.i18n.messages import os_reason, phrase

CONFIG_LIMIT = 1 << 20  # bytes; the shipped configuration is about 10 kB


def parse(data: Mapping[str, Any], file: str) -> Settings:
    """Validate a configuration read from `file` (for error messages) into Settings; each
    `[[groups]]` table becomes a Settings of its own (`Settings.groups`)."""
    top = {k: v for k, v in data.items() if k != "groups"}
    settings = _parse_one(top, file)
    if "groups" not in data:
        return settings
    r = Reader(file)
    tables = data["groups"]
    if not isinstance(tables, list) or not tables or not all(isinstance(t, dict) for t in tables):
        raise r.bad("groups", tables, phrase("expect.tables", name="groups"))
    groups: list[Settings] = []
    for i, table in enumerate(tables):
        group = _parse_one(_overlay(top, table, f"groups[{i + 1}]", r), file)
        if any(g.group.id == group.group.id for g in groups):
            raise ConfigError("config.group_twice", file=file, id=group.group.id)
        groups.append(group)
    default = settings.group.default
    if default and default not in {g.group.id for g in groups}:
        raise ConfigError("config.default_group", file=file, id=default, groups=_ids(groups))
    return settings._replace(groups=tuple(groups))


def _ids(groups: list[Settings]) -> str:
    return ", ".join(g.group.id for g in groups)


# What a `[[groups]]` table may set: the group's own keys at its top, and these tables.
_GROUP_TABLES = ("schedule", "days_off", "booking", "location")
_GROUP_KEYS = tuple(p.split(".")[1] for p in (k.path for k in SPEC) if p.startswith("group."))


def _overlay(top: Mapping[str, Any], table: Mapping[str, Any], where: str, r: Reader) -> Any:
    """The top level with a group's own values laid over it, key by key in each table; a
    deadline the group sets in one form drops the form it would inherit."""
    merged: dict[str, Any] = {k: dict(v) if isinstance(v, dict) else v for k, v in top.items()}
    merged.setdefault("group", {})
    for name, value in table.items():
        if name in _GROUP_TABLES:
            inherited = dict(merged.get(name, {}))
            given = r.table(value, f"{where}.{name}")
            if name == "booking":
                for calendar, working in _DEADLINES:
                    for key, other in ((calendar, working), (working, calendar)):
                        if key.path.split(".")[1] in given:
                            inherited.pop(other.path.split(".")[1], None)
            merged[name] = {**inherited, **given}
        elif name == "overrides":
            merged["overrides"] = value
        elif name in _GROUP_KEYS and name != "default":
            merged["group"][name] = value
        else:
            allowed = set(_GROUP_TABLES) | {"overrides"} | set(_GROUP_KEYS) - {"default"}
            raise r.unknown(f"{where}.{name}", allowed)
    if "id" not in table:
        raise ConfigError("config.group_without_id", file=r.file, where=where)
    merged["group"].pop("default", None)
    return merged


def _parse_one(data: Mapping[str, Any], file: str) -> Settings:
    r = Reader(file)
    spec = {k.path: k for k in SPEC}
    sections = {p.split(".")[0] for p in spec} | {"overrides"}
    values = {k.path: k.default for k in SPEC}
    given: set[str] = set()  # the keys the file sets (a default is not "set")
    months: dict[int, MonthRule] = {}
    default_rule = MonthRule()
    extras: list[ExtraDayOff] = []
    listed: list[ListedDate] = []
    overrides: list[Override] = []
    for section, content in data.items():
        if section not in sections:
            raise r.unknown(section, sections)
        if section == "overrides":
            if not isinstance(content, list):
                raise r.bad("overrides", content, phrase("expect.tables", name="overrides"))
            overrides += [r.override(o, f"overrides[{i + 1}]") for i, o in enumerate(content)]
            continue
        for name, value in r.table(content, section).items():
            path = f"{section}.{name}"
            if path == "schedule.rule":
                default_rule = r.rule(value, path)
            elif path == "schedule.months":
                for month, rule in r.table(value, path).items():
                    if month not in MONTHS:
                        raise r.unknown(f"{path}.{month}", MONTHS)
                    months[MONTHS.index(month) + 1] = r.rule(rule, f"{path}.{month}")
            elif path == "schedule.dates":
                if not isinstance(value, list):
                    raise r.bad(path, value, phrase("expect.listed_dates"))
                listed += [r.listed_date(v, f"{path}[{i + 1}]") for i, v in enumerate(value)]
            elif path == "days_off.extra":
                if not isinstance(value, list):
                    raise r.bad(path, value, phrase("expect.tables", name="days_off.extra"))
                extras += [r.extra_day(v, f"{path}[{i + 1}]") for i, v in enumerate(value)]
            elif path in spec:
                given.add(path)
                try:
                    values[path] = spec[path].parse(value)
                except (ValueError, TypeError):
                    shown = value if spec[path].type.echo else "…"
                    raise r.bad(path, shown, spec[path].expected) from None
            else:
                allowed = {p.split(".", 1)[1] for p in spec if p.startswith(section + ".")}
                raise r.unknown(path, allowed | _structured_in(section))
    _one_form_per_deadline(values, given, r)
    schedule = _schedule(values, r, default_rule, months, extras, overrides)
    schedule = schedule._replace(dates=tuple(sorted(listed, key=lambda d: d.date)))
    _check_rules(schedule, file)
    _check_deadlines(schedule, r)
    return Settings(source=file, values=values, schedule=schedule, raw=dict(data))


def _schedule(
    values: Mapping[str, Any],
    r: Reader,
    default_rule: MonthRule,
    months: dict[int, MonthRule],
    extras: list[ExtraDayOff],
    overrides: list[Override],
) -> ScheduleConfig:
    """The checks across keys, then the schedule the rules run on."""
    times, days_off, booking = Schedule(values), DaysOff(values), Booking(values)
    if times.end <= times.start:
        raise r.bad(Schedule.end.path, times.end.strftime("%H:%M"), phrase("expect.after_start"))
    if (
        not booking.cutoff_working_days
        and not booking.documents_working_days
        and booking.documents_days_before >= booking.cutoff_days_before
    ):
        raise r.bad(
            Booking.documents_days_before.path,
            booking.documents_days_before,
            phrase("expect.fewer_days"),
        )
    if (
        booking.cutoff_working_days
        and booking.documents_working_days
        and booking.documents_working_days >= booking.cutoff_working_days
    ):
        raise r.bad(
            Booking.documents_working_days.path,
            booking.documents_working_days,
            phrase("expect.fewer_working_days"),
        )
    minutes = (times.end.hour * 60 + times.end.minute) - (
        times.start.hour * 60 + times.start.minute
    )
    breaks = Agenda(values).break_minutes * (booking.capacity - 1)
    if booking.case_minutes and booking.case_minutes * booking.capacity + breaks > minutes:
        raise r.bad(  # capacity cases of this length, with their breaks, must fit in a session
            Booking.case_minutes.path,
            booking.case_minutes,
            phrase(
                "expect.cases_fit",
                most=(minutes - breaks) // booking.capacity,
                capacity=booking.capacity,
                minutes=minutes,
            ),
        )
    experts = Experts(values)
    areas = {a.casefold() for a in experts.areas}  # areas compare ignoring case
    for area in experts.required:  # a requirement nobody could ever meet
        if area.casefold() not in areas:
            raise ConfigError("config.required_not_area", file=r.file, area=area)
    return ScheduleConfig(
        weekday=WEEKDAYS.index(times.weekday),
        start=times.start,
        end=times.end,
        timezone=times.timezone,
        default_rule=default_rule,
        months=tuple(sorted(months.items())),
        public_holidays=days_off.public_holidays,
        de_facto_days_off=days_off.de_facto,
        extra_days_off=tuple(extras),
        on_day_off=times.on_day_off,
        booking_days_before=booking.cutoff_days_before,
        documents_days_before=booking.documents_days_before,
        capacity=booking.capacity,
        overrides=tuple(overrides),
        booking_working_days=booking.cutoff_working_days,
        documents_working_days=booking.documents_working_days,
        case_minutes=booking.case_minutes,
    )


# Each deadline in one form: (calendar days, working days).
_DEADLINES = (
    (Booking.cutoff_days_before, Booking.cutoff_working_days),
    (Booking.documents_days_before, Booking.documents_working_days),
)


def _one_form_per_deadline(values: Mapping[str, Any], given: set[str], r: Reader) -> None:
    """A deadline is counted in calendar days or in working days, never both: a file that sets
    both keys of one deadline is refused (the calendar key's default does not count)."""
    for calendar, working in _DEADLINES:
        if values[working.path] and calendar.path in given:
            raise ConfigError(
                "config.two_deadline_forms", file=r.file, key=working.path, other=calendar.path
            )


def _check_deadlines(schedule: ScheduleConfig, r: Reader) -> None:
    """With the two deadlines in different forms no number comparison says which comes first:
    the documents must be due after the cutoff in every session of the years checked."""
    if bool(schedule.booking_working_days) == bool(schedule.documents_working_days):
        return  # the same form: _schedule compared the numbers
    key = (
        Booking.documents_working_days
        if schedule.documents_working_days
        else Booking.documents_days_before
    )
    for year in _CHECK_YEARS:
        for s in sessions_in_year(schedule, year):
            if s.documents_due <= s.booking_deadline:
                raise ConfigError(
                    "config.documents_before_cutoff",
                    file=r.file,
                    key=key.path,
                    date=s.date,
                    due=s.documents_due,
                    cutoff=s.booking_deadline,
                )


def _structured_in(section: str) -> set[str]:
    return {p.split(".")[1] for p in STRUCTURED if p.startswith(section + ".")}


_CHECK_YEARS = (2024, 2025, 2026, 2027, 2028, 2029, 2030)  # every weekday pattern


def _check_rules(schedule: ScheduleConfig, file: str) -> None:
    """Fail now, naming the file, for a rule or override that cannot work."""
    try:
        for year in _CHECK_YEARS:
            for month in range(1, 13):
                rule_date(schedule, year, month)
        for year in sorted({o.date.year for o in schedule.overrides} | _listed_years(schedule)):
            sessions_in_year(schedule, year)
    except ConfigError as e:
        e.params["file"] = file
        raise


def _listed_years(schedule: ScheduleConfig) -> set[int]:
    return {d.date.year for d in schedule.dates}


def load(path: Path) -> Settings:
    """Read and validate a TOML file."""
    from mastergroup.io.atomic import read_regular

    # Only a regular file, and a bounded read: MASTERGROUP_CONFIG=/dev/zero or a FIFO must not
    # hang the tool or fill its memory.
    raw = read_regular(path, limit=CONFIG_LIMIT, error=ConfigError, key="config.unreadable")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise ConfigError("config.unreadable", file=str(path), detail=os_reason(e)) from None
    try:
        data = tomllib.loads(text)
        _refuse_identity_codes(data, str(path))
        return parse(data, str(path))
    except tomllib.TOMLDecodeError as e:
        raise ConfigError("config.toml_syntax", file=str(path), detail=str(e)) from None
    except RecursionError:  # arrays or inline tables nested thousands deep: no configuration
        raise ConfigError("config.too_deep", file=str(path)) from None


def _refuse_identity_codes(data: Mapping[str, Any], file: str) -> None:
    """A configuration is printed, exported to calendars and templates: it never holds a code."""
    from mastergroup.core.privacy import contains_identity_code, strings_in

    if any(contains_identity_code(text) for _, text in strings_in(dict(data))):
        raise PrivacyError("config.identity_code", file=file)
