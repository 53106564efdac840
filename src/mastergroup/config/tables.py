"""The configuration's structured tables (month rules, extra days off, overrides) and how a
bad value is shown: every error names the file, the key and what is expected.
"""

from __future__ import annotations

import re
from datetime import date, time
from typing import Any

from mastergroup.config.types import DateInYears, Text, Time
from mastergroup.core.errors import ConfigError
from mastergroup.core.holidays import FIRST_YEAR, LAST_YEAR
from mastergroup.core.rules import (
    ExtraDayOff,
    ListedDate,
    MonthRule,
    Override,
    OverrideAction,
    RuleKind,
)
from mastergroup.i18n.messages import Phrase, phrase

_MONTH_DAY = re.compile(r"^(?:(\d{4})-)?(\d{2})-(\d{2})\Z")
_RULE_KEYS = {"kind", "n", "weeks", "anchor", "reason", "source"}
_DATE, _TIME, _TEXT = DateInYears(), Time(), Text()


class Reader:
    """Reads the structured tables of one file; makes the errors that name it."""

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
            raise self.bad(f"{key}.reason", reason, _TEXT.expected)
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
        parsed = self.typed(t, key, (
            ("date", _DATE), ("to", _DATE), ("start", _TIME), ("end", _TIME), ("reason", _TEXT),
        ))  # fmt: skip
        if "date" not in parsed:
            raise self.bad(f"{key}.date", None, _DATE.expected)
        action = OverrideAction(t["action"])
        if action is OverrideAction.MOVE and not ({"to", "start", "end"} & parsed.keys()):
            raise self.bad(f"{key}.to", None, phrase("expect.move_to"))
        return Override(action=action, key=key, **parsed)


    def typed(
        self, t: dict[str, Any], key: str, kinds: tuple[tuple[str, DateInYears | Time | Text], ...]
    ) -> dict[str, Any]:
        """The keys of table `t` that `kinds` names, each parsed by its type; a bad value is a
        ConfigError naming `key.name` and what it should be."""
        parsed: dict[str, Any] = {}
        for k, kind in kinds:
            if k in t:
                try:
                    parsed[k] = kind.parse(t[k])
                except (ValueError, TypeError):
                    raise self.bad(f"{key}.{k}", t[k], kind.expected) from None
        return parsed

    def listed_date(self, value: Any, key: str) -> ListedDate:
        """One agreed date: `2025-01-16` (or "2025-01-16"), or a table { date = 2025-01-16,
        start = "13:00", end = "15:00" } whose times replace schedule.start/end."""
        t = {"date": value} if not isinstance(value, dict) else value
        allowed = {"date", "start", "end"}
        for k in t:
            if k not in allowed:
                raise self.unknown(f"{key}.{k}", allowed)
        if "date" not in t:
            raise self.bad(f"{key}.date", None, _DATE.expected)
        parsed = self.typed(t, key, (("date", _DATE), ("start", _TIME), ("end", _TIME)))
        return ListedDate(key=key, **parsed)


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
