"""The configuration spec (key, type, default, doc) -> a validated, frozen Settings.

SPEC is the single source of truth: it validates a TOML file (every error names the file, the
key and what is expected), fills in defaults, and generates the configuration reference
(`mastergroup config reference`, copied into the README and checked by a test).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Mapping
from datetime import date, time
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

from mastergroup.core.errors import ConfigError, PrivacyError
from mastergroup.core.holidays import FIRST_YEAR, LAST_YEAR
from mastergroup.core.panel import AREAS, REQUIRED_14, parse_area_list
from mastergroup.core.rules import (
    MONTHS,
    WEEKDAYS,
    DayOffPolicy,
    ExtraDayOff,
    MonthRule,
    Override,
    OverrideAction,
    RuleKind,
    ScheduleConfig,
    rule_date,
    sessions_in_year,
)
from mastergroup.i18n.messages import Phrase, os_reason, phrase

LANGUAGES = ("fi", "sv", "en")
_TIME = re.compile(r"^([01]?\d|2[0-3])[:.]([0-5]\d)\Z")
_MONTH_DAY = re.compile(r"^(?:(\d{4})-)?(\d{2})-(\d{2})\Z")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+\Z")
_URL = re.compile(r"^https?://[^\s\x00-\x1f\x7f]+\Z")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_GROUP_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}\Z")


class Key(NamedTuple):
    """One configuration key: its type (as a parser), default and documentation."""

    path: str
    default: Any
    doc: str
    expected: Phrase  # what a bad value is told it should be (in the user's language)
    parse: Callable[[Any], Any]


def _str(v: Any) -> str:
    """Text; control characters other than tab and line breaks are refused (they would reach
    calendars and mail, where RFC 5545 and RFC 5322 forbid them)."""
    if not isinstance(v, str) or _CONTROL.search(v):
        raise ValueError
    return v


def _int_at_least(low: int, high: int = 10_000) -> Callable[[Any], int]:
    def parse(v: Any) -> int:
        if isinstance(v, bool) or not isinstance(v, int) or not low <= v <= high:
            raise ValueError
        return v

    return parse


def _bool(v: Any) -> bool:
    if not isinstance(v, bool):
        raise ValueError
    return v


def _choice(*choices: str) -> Callable[[Any], str]:
    def parse(v: Any) -> str:
        if v not in choices:
            raise ValueError
        return str(v)

    return parse


def _time(v: Any) -> time:
    if isinstance(v, time):
        return v
    m = _TIME.match(v) if isinstance(v, str) else None
    if not m:
        raise ValueError
    return time(int(m.group(1)), int(m.group(2)))


def _email_or_empty(v: Any) -> str:
    if not isinstance(v, str) or (v and not _EMAIL.match(v)):
        raise ValueError
    return v


def _email_list(v: Any) -> list[str]:
    if not isinstance(v, list) or not all(isinstance(x, str) and _EMAIL.match(x) for x in v):
        raise ValueError
    return list(v)


def _url(v: Any) -> str:
    """"" or an http(s) address without spaces or control characters (calendars and mail
    carry it as a URI)."""
    if not isinstance(v, str) or (v and not _URL.match(v)):
        raise ValueError
    return v


def _group_id(v: Any) -> str:
    if not isinstance(v, str) or not _GROUP_ID.match(v):
        raise ValueError
    return v


def _timezone(v: Any) -> str:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(_str(v))
    # OSError: "Europe" names a folder of tzdata, not a zone file (IsADirectoryError).
    except (ZoneInfoNotFoundError, ValueError, OSError) as e:
        raise ValueError from e
    return str(v)


def _date(v: Any) -> date:
    if isinstance(v, date) and not hasattr(v, "hour"):
        return v
    if isinstance(v, str):
        return date.fromisoformat(v)
    raise ValueError


def _date_in_years(v: Any) -> date:
    """A date in the years whose days off are known (the rules look a year either side of a
    date: 0001-01-01 or 9999-12-31 would leave the calendar)."""
    day = _date(v)
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise ValueError
    return day


_DATE_DOC = phrase("expect.date_in_years", first=FIRST_YEAR, last=LAST_YEAR)


_TIME_DOC = phrase("expect.time")
_TEXT_DOC = phrase("expect.text")
_BOOL_DOC = phrase("expect.bool")

SPEC: tuple[Key, ...] = (
    Key(
        "group.id",
        "keski-suomi",
        "Short id of the group; part of every calendar UID, so never "
        "change it once calendars are published.",
        phrase("expect.group_id"),
        _group_id,
    ),
    Key(
        "group.name_fi",
        "Lastensuojelun moniammatillinen asiantuntijaryhmä",
        "The group's name in Finnish.",
        _TEXT_DOC,
        _str,
    ),
    Key(
        "group.name_sv",
        "Barnskyddets multiprofessionella expertgrupp",
        "The group's name in Swedish.",
        _TEXT_DOC,
        _str,
    ),
    Key(
        "group.name_en",
        "Child welfare multiprofessional expert group",
        "The group's name in English.",
        _TEXT_DOC,
        _str,
    ),
    Key(
        "group.county",
        "Keski-Suomen hyvinvointialue",
        "The wellbeing services county.",
        _TEXT_DOC,
        _str,
    ),
    Key(
        "group.language",
        "fi",
        "Language of output and messages: fi, sv or en (`--lang` and "
        "MASTERGROUP_LANG override it).",
        phrase("expect.one_of", options="fi, sv, en"),
        _choice(*LANGUAGES),
    ),
    Key(
        "group.url",
        "",
        "The group's public web page (shown in calendars), https://...",
        phrase("expect.url"),
        _url,
    ),
    Key("coordinator.name", "", "The coordinator's name.", _TEXT_DOC, _str),
    Key(
        "coordinator.title",
        "erityissosiaalityöntekijä",
        "The coordinator's title.",
        _TEXT_DOC,
        _str,
    ),
    Key(
        "coordinator.email",
        "",
        "The coordinator's e-mail address.",
        phrase("expect.email"),
        _email_or_empty,
    ),
    Key("coordinator.phone", "", "The coordinator's phone number.", _TEXT_DOC, _str),
    Key(
        "schedule.weekday",
        "friday",
        "Weekday of the sessions.",
        phrase("expect.one_of", options=", ".join(WEEKDAYS)),
        _choice(*WEEKDAYS),
    ),
    Key("schedule.start", time(9, 0), "Start time (local).", _TIME_DOC, _time),
    Key("schedule.end", time(11, 30), "End time (local).", _TIME_DOC, _time),
    Key(
        "schedule.timezone",
        "Europe/Helsinki",
        "IANA time zone of the times.",
        phrase("expect.zone"),
        _timezone,
    ),
    Key(
        "schedule.on_day_off",
        "week_earlier",
        "What happens to a session whose date is a day off: week_earlier, week_later or cancel.",
        phrase("expect.one_of", options="week_earlier, week_later, cancel"),
        _choice(*(p.value for p in DayOffPolicy)),
    ),
    Key(
        "days_off.public_holidays",
        True,
        "Finnish public holidays are days off.",
        _BOOL_DOC,
        _bool,
    ),
    Key(
        "days_off.de_facto",
        True,
        "Midsummer Eve and Christmas Eve are days off (Annual Holidays Act).",
        _BOOL_DOC,
        _bool,
    ),
    Key(
        "booking.cutoff_days_before",
        14,
        "Bookings close this many days before a session "
        "(moved to the previous working day if that is a day off).",
        phrase("expect.whole_number", low=0, high=365),
        _int_at_least(0, 365),
    ),
    Key(
        "booking.documents_days_before",
        7,
        "Documents are due this many days before a session "
        "(previous working day if a day off); must be less than the cutoff.",
        phrase("expect.whole_number", low=0, high=365),
        _int_at_least(0, 365),
    ),
    Key(
        "booking.capacity",
        2,
        "How many cases one session takes.",
        phrase("expect.whole_number", low=1, high=20),
        _int_at_least(1, 20),
    ),
    Key(
        "location.mode",
        "teams",
        "How sessions are held: teams, in_person or hybrid.",
        phrase("expect.one_of", options="teams, in_person, hybrid"),
        _choice("teams", "in_person", "hybrid"),
    ),
    Key("location.address", "", "Street address for in-person sessions.", _TEXT_DOC, _str),
    Key(
        "location.url",
        "",
        "Meeting link (Teams) shown to participants, https://...",
        phrase("expect.url"),
        _url,
    ),
    # --- calendar export (issue 3) ---
    # --- case register (issue 4) ---
    # --- agenda and mail (issue 5) ---
    Key(
        "agenda.break_minutes",
        10,
        "Break in minutes between two cases of a session (the rest is split evenly).",
        phrase("expect.whole_number", low=0, high=120),
        _int_at_least(0, 120),
    ),
    Key(
        "agenda.days_before",
        7,
        "`mastergroup remind` mails the agenda this many days before a session.",
        phrase("expect.whole_number", low=1, high=60),
        _int_at_least(1, 60),
    ),
    Key(
        "agenda.include_questions",
        False,
        "Mail carries the cases' questions (default: reference, municipality and matter only).",
        _BOOL_DOC,
        _bool,
    ),
    Key("mail.host", "", "SMTP server, e.g. smtp.hyvinvointialue.example.", _TEXT_DOC, _str),
    Key(
        "mail.port",
        587,
        "SMTP port (587 STARTTLS, 465 TLS).",
        phrase("expect.port"),
        _int_at_least(1, 65535),
    ),
    Key(
        "mail.security",
        "starttls",
        "starttls, tls (implicit, port 465) or none (only for a server on this machine).",
        phrase("expect.one_of", options="starttls, tls, none"),
        _choice("starttls", "tls", "none"),
    ),
    Key("mail.user", "", "SMTP user name (empty: no login).", _TEXT_DOC, _str),
    Key(
        "mail.password",
        "",
        "Never set: the password is read from mail.password_env or mail.password_file.",
        phrase("expect.nothing"),
        # The value is dropped at once (never echoed); mail.py refuses to run while it is set.
        lambda v: "(refused)" if v != "" else "",
    ),
    Key(
        "mail.password_env",
        "MASTERGROUP_SMTP_PASSWORD",
        "Environment variable that holds the SMTP password.",
        phrase("expect.env_name"),
        _str,
    ),
    Key(
        "mail.password_file",
        "",
        "A file (owner-readable only) whose first line is the SMTP password; wins over the "
        "environment variable.",
        phrase("expect.path"),
        _str,
    ),
    Key(
        "mail.ca_file",
        "",
        "PEM file of the CA(s) to trust for the server's certificate (default: the system's).",
        phrase("expect.path"),
        _str,
    ),
    Key(
        "mail.sender",
        "",
        "From address of the mail (default: coordinator.email).",
        phrase("expect.email"),
        _email_or_empty,
    ),
    Key(
        "mail.recipients",
        [],
        "Who gets the agenda: the experts (the coordinator is added).",
        phrase("expect.email_list"),
        _email_list,
    ),
    Key(
        "mail.coordinator",
        "",
        "Who gets the document and statement reminders (default: coordinator.email).",
        phrase("expect.email"),
        _email_or_empty,
    ),
    Key(
        "mail.units",
        [],
        "Social-work units that get the booking-cutoff notice.",
        phrase("expect.email_list"),
        _email_list,
    ),
    Key(
        "mail.timeout_seconds",
        30,
        "Give up on the SMTP server after this many seconds.",
        phrase("expect.whole_number", low=1, high=600),
        _int_at_least(1, 600),
    ),
    Key(
        "remind.cutoff_days_before",
        7,
        "The booking-cutoff notice goes out this many days before the cutoff.",
        phrase("expect.whole_number", low=0, high=60),
        _int_at_least(0, 60),
    ),
    Key(
        "remind.statements_after_days",
        14,
        "Statements not delivered this many days after a session are reminded of.",
        phrase("expect.whole_number", low=1, high=180),
        _int_at_least(1, 180),
    ),
    # --- experts and statements (issue 6) ---
    Key(
        "experts.areas",
        tuple(AREAS),
        "The expertise areas an expert can have (`expert add --area`): keys of the shipped "
        "list (social_work, growth_development, child_psychiatry, adult_psychiatry, "
        "health_care, education, substance_abuse, law) or the county's own names.",
        phrase("expect.area_list"),
        parse_area_list,
    ),
    Key(
        "experts.required",
        REQUIRED_14,
        "Areas a session's attending experts must cover (Child Welfare Act § 14), each one of "
        "experts.areas; `sessions` and `agenda` warn about a missing one.",
        phrase("expect.area_list"),
        parse_area_list,
    ),
    Key(
        "templates.folder",
        "",
        "Folder of the county's own statement templates (statement.LANG.md.j2, "
        "statement.LANG.txt.j2, statement.LANG.docx; LANG = fi, sv or en); a file there wins "
        "over the shipped one. A relative path is relative to this configuration file; "
        "`config check` refuses a folder that does not exist.",
        phrase("expect.folder"),
        _str,
    ),
)

# Tables whose entries are rule tables / arrays of tables, validated by their own parsers.
STRUCTURED = {
    "schedule.rule": "The default rule of every month: { kind = nth_weekday, n = 1-4 or "
    '"last" } | { kind = weeks_before_last_weekday_before, weeks = N, anchor = "MM-DD" } | '
    "{ kind = weeks_before_midsummer_eve, weeks = N } | { kind = none }; optional reason.",
    "schedule.months.<month>": "A month's own rule (month name in English, e.g. june); "
    "kind = none gives no session.",
    "days_off.extra": 'The county\'s own days off: [[days_off.extra]] date = "MM-DD" (every '
    'year) or "YYYY-MM-DD" (once), name = "..." (Finnish), optional name_sv and name_en.',
    "overrides": "[[overrides]] action = cancel, move or add; date = the session's date, to = "
    "the new date (move), start/end = new times, reason = shown in outputs.",
}

_RULE_KEYS = {"kind", "n", "weeks", "anchor", "reason", "source"}


class Settings(NamedTuple):
    """The validated configuration."""

    source: str  # the file it came from, or "<defaults>"
    values: Mapping[str, Any]  # dotted key -> parsed value, for every key of SPEC
    schedule: ScheduleConfig
    raw: Mapping[str, Any] = MappingProxyType({})  # the file as read

    def text(self, path: str) -> str:
        return str(self.values[path])

    def number(self, path: str) -> int:
        return int(self.values[path])

    def flag(self, path: str) -> bool:
        return bool(self.values[path])

    @property
    def language(self) -> str:
        return self.text("group.language")

    def group_name(self, lang: str) -> str:
        return self.text(f"group.name_{lang}") or self.text("group.name_fi")


class _Reader:
    def __init__(self, file: str) -> None:
        self.file = file

    def bad(self, key: str, value: Any, expected: Phrase) -> ConfigError:
        if value is None:  # the key is not there at all
            return ConfigError("config.missing_value", file=self.file, key=key, expected=expected)
        return ConfigError(
            "config.bad_value", file=self.file, key=key, value=_show(value), expected=expected
        )

    def unknown(self, key: str, allowed: Any) -> ConfigError:
        return ConfigError(
            "config.unknown_key", file=self.file, key=key, allowed=", ".join(sorted(allowed))
        )

    def table(self, value: Any, key: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.bad(key, value, phrase("expect.table"))
        return value

    def rule(self, value: Any, key: str) -> MonthRule:
        t = self.table(value, key)
        for k in t:
            if k not in _RULE_KEYS:
                raise self.unknown(f"{key}.{k}", _RULE_KEYS)
        kinds = [k.value for k in RuleKind]
        if t.get("kind") not in kinds:
            raise self.bad(
                f"{key}.kind", t.get("kind"), phrase("expect.one_of", options=", ".join(kinds))
            )
        n = t.get("n", -1)
        if n == "last":
            n = -1
        if n not in (-1, 1, 2, 3, 4) or isinstance(n, bool):
            raise self.bad(f"{key}.n", t.get("n"), phrase("expect.nth"))
        weeks = t.get("weeks", 0)
        if isinstance(weeks, bool) or not isinstance(weeks, int) or not 0 <= weeks <= 4:
            raise self.bad(f"{key}.weeks", weeks, phrase("expect.whole_number", low=0, high=4))
        anchor = t.get("anchor", "12-24")
        m = _MONTH_DAY.match(anchor) if isinstance(anchor, str) else None
        if not m or m.group(1) or not _valid_month_day(int(m.group(2)), int(m.group(3))):
            raise self.bad(f"{key}.anchor", anchor, phrase("expect.month_day"))
        reason = t.get("reason", "")
        if not isinstance(reason, str):
            raise self.bad(f"{key}.reason", reason, _TEXT_DOC)
        return MonthRule(
            RuleKind(t["kind"]),
            n=n,
            weeks=weeks,
            anchor_month=int(m.group(2)),
            anchor_day=int(m.group(3)),
            reason=reason,
        )

    def extra_day(self, value: Any, key: str) -> ExtraDayOff:
        t = self.table(value, key)
        names = {"date", "name", "name_sv", "name_en"}
        for k in t:
            if k not in names:
                raise self.unknown(f"{key}.{k}", names)
        raw = t.get("date")
        if isinstance(raw, date):
            raw = raw.isoformat()
        m = _MONTH_DAY.match(raw) if isinstance(raw, str) else None
        year = int(m.group(1)) if m and m.group(1) else None
        if (
            not m
            or not _valid_month_day(int(m.group(2)), int(m.group(3)), year)
            or (year is not None and not FIRST_YEAR <= year <= LAST_YEAR)
        ):
            expected = phrase("expect.extra_date_in_years", first=FIRST_YEAR, last=LAST_YEAR)
            raise self.bad(f"{key}.date", t.get("date"), expected)
        for k in ("name", "name_sv", "name_en"):
            value = t.get(k, "")
            if not isinstance(value, str) or (k == "name" and not value.strip()):
                raise self.bad(f"{key}.{k}", value, phrase("expect.day_name"))
        return ExtraDayOff(
            int(m.group(2)),
            int(m.group(3)),
            year,
            t["name"],
            name_sv=t.get("name_sv", ""),
            name_en=t.get("name_en", ""),
        )

    def override(self, value: Any, key: str) -> Override:
        t = self.table(value, key)
        allowed = {"action", "date", "to", "start", "end", "reason"}
        for k in t:
            if k not in allowed:
                raise self.unknown(f"{key}.{k}", allowed)
        actions = [a.value for a in OverrideAction]
        if t.get("action") not in actions:
            raise self.bad(
                f"{key}.action",
                t.get("action"),
                phrase("expect.one_of", options=", ".join(actions)),
            )
        parsed: dict[str, Any] = {}
        for k, parse, expected in (
            ("date", _date_in_years, _DATE_DOC),
            ("to", _date_in_years, _DATE_DOC),
            ("start", _time, _TIME_DOC),
            ("end", _time, _TIME_DOC),
            ("reason", _str, _TEXT_DOC),
        ):
            if k in t:
                try:
                    parsed[k] = parse(t[k])
                except (ValueError, TypeError):
                    raise self.bad(f"{key}.{k}", t[k], expected) from None
        if "date" not in parsed:
            raise self.bad(f"{key}.date", None, _DATE_DOC)
        action = OverrideAction(t["action"])
        if action is OverrideAction.MOVE and not ({"to", "start", "end"} & parsed.keys()):
            raise self.bad(f"{key}.to", None, phrase("expect.move_to"))
        return Override(action=action, key=key, **parsed)


def _valid_month_day(month: int, day: int, year: int | None = None) -> bool:
    try:
        date(year or 2024, month, day)  # 2024: a leap year, so 02-29 is a valid yearly day
    except ValueError:
        return False
    return True


def _show(value: Any) -> str:
    """A value as it was written in TOML (not as Python shows it), cut to 60 characters."""
    text = _toml(value)
    return text if len(text) <= 60 else text[:57] + "..."


_TOML_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape_control(c: str) -> str:
    return f"\\u{ord(c):04X}" if ord(c) < 0x20 or ord(c) == 0x7F else c


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):  # a TOML basic string: one line, control characters escaped
        return '"' + "".join(_TOML_ESCAPES.get(c) or _escape_control(c) for c in value) + '"'
    if isinstance(value, (date, time)):  # datetime is a date
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_toml(v)}" for k, v in value.items()) + " }"
    return str(value)


def parse(data: Mapping[str, Any], file: str) -> Settings:
    """Validate a configuration read from `file` (for error messages) into Settings."""
    r = _Reader(file)
    spec = {k.path: k for k in SPEC}
    sections = {p.split(".")[0] for p in spec} | {"overrides"}
    values = {k.path: k.default for k in SPEC}
    months: dict[int, MonthRule] = {}
    default_rule = MonthRule()
    extras: list[ExtraDayOff] = []
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
            elif path == "days_off.extra":
                if not isinstance(value, list):
                    raise r.bad(path, value, phrase("expect.tables", name="days_off.extra"))
                extras += [r.extra_day(v, f"{path}[{i + 1}]") for i, v in enumerate(value)]
            elif path in spec:
                try:
                    values[path] = spec[path].parse(value)
                except (ValueError, TypeError):
                    raise r.bad(path, value, spec[path].expected) from None
            else:
                allowed = {p.split(".", 1)[1] for p in spec if p.startswith(section + ".")}
                raise r.unknown(path, allowed | _structured_in(section))
    if values["schedule.end"] <= values["schedule.start"]:
        raise r.bad(
            "schedule.end", values["schedule.end"].strftime("%H:%M"), phrase("expect.after_start")
        )
    if values["booking.documents_days_before"] >= values["booking.cutoff_days_before"]:
        raise r.bad(
            "booking.documents_days_before",
            values["booking.documents_days_before"],
            phrase("expect.fewer_days"),
        )
    areas = {a.casefold() for a in values["experts.areas"]}  # areas compare ignoring case
    for area in values["experts.required"]:  # a requirement nobody could ever meet
        if area.casefold() not in areas:
            raise ConfigError("config.required_not_area", file=file, area=area)
    schedule = ScheduleConfig(
        weekday=WEEKDAYS.index(values["schedule.weekday"]),
        start=values["schedule.start"],
        end=values["schedule.end"],
        timezone=values["schedule.timezone"],
        default_rule=default_rule,
        months=tuple(sorted(months.items())),
        public_holidays=values["days_off.public_holidays"],
        de_facto_days_off=values["days_off.de_facto"],
        extra_days_off=tuple(extras),
        on_day_off=DayOffPolicy(values["schedule.on_day_off"]),
        booking_days_before=values["booking.cutoff_days_before"],
        documents_days_before=values["booking.documents_days_before"],
        capacity=values["booking.capacity"],
        overrides=tuple(overrides),
    )
    _check_rules(schedule, file)
    return Settings(source=file, values=values, schedule=schedule, raw=dict(data))


def _structured_in(section: str) -> set[str]:
    return {p.split(".")[1] for p in STRUCTURED if p.startswith(section + ".")}


def _check_rules(schedule: ScheduleConfig, file: str) -> None:
    """Fail now, naming the file, for a rule or override that cannot work."""
    try:
        for year in (2024, 2025, 2026, 2027, 2028, 2029, 2030):  # every weekday pattern
            for month in range(1, 13):
                rule_date(schedule, year, month)
        for year in sorted({o.date.year for o in schedule.overrides}):
            sessions_in_year(schedule, year)
    except ConfigError as e:
        e.params["file"] = file
        raise


CONFIG_LIMIT = 1 << 20  # bytes; the shipped configuration is about 10 kB


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


def effective(settings: Settings) -> dict[str, Any]:
    """The configuration with every default filled in, as a TOML-ready nested dict."""
    out: dict[str, Any] = {}
    for path, value in settings.values.items():
        section, name = path.split(".", 1)
        out.setdefault(section, {})[name] = (
            value.strftime("%H:%M") if isinstance(value, time) else value
        )
    for section in ("schedule", "days_off"):
        extra = settings.raw.get(section, {})
        for name in ("rule", "months", "extra"):
            if name in extra:
                out[section][name] = extra[name]
    if "overrides" in settings.raw:
        out["overrides"] = settings.raw["overrides"]
    return out


def reference() -> str:
    """The configuration reference as a Markdown table (generated from SPEC)."""
    lines = ["| key | default | meaning |", "| --- | --- | --- |"]
    for k in SPEC:
        default = k.default.strftime("%H:%M") if isinstance(k.default, time) else k.default
        shown = str(default).lower() if isinstance(default, bool) else default
        if isinstance(shown, (tuple, list)):
            shown = "[" + ", ".join(f'"{item}"' for item in shown) + "]"
        elif isinstance(shown, str):
            shown = f'"{shown}"'
        lines.append(f"| `{k.path}` | `{shown}` | {k.doc} |")
    for path, doc in STRUCTURED.items():
        lines.append(f"| `{path}` | (table) | {doc.replace('|', 'or')} |")
    return "\n".join(lines) + "\n"
