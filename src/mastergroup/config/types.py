"""What a configuration value may be: each type one object that parses a value and describes it.

A type's `parse(value)` returns the value as the program uses it, or raises ValueError (or
TypeError); its `expected` is the Phrase that `config.bad_value` tells the user a good value
looks like. One object holds both, so a parser and its description cannot drift apart. The
types are plain slotted classes, not dataclasses: the key table builds about fifty of them on
every command's start-up.
"""

from __future__ import annotations

import enum
import re
from datetime import date, time
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from mastergroup.core.holidays import FIRST_YEAR, LAST_YEAR
from mastergroup.core.panel import parse_area_list
from mastergroup.i18n.messages import Phrase, phrase
from mastergroup.io.dburl import check_database_url

T = TypeVar("T")
C = TypeVar("C", bound=str)  # a choice: a text, or a member of a StrEnum
E = TypeVar("E", bound=enum.StrEnum)

_TIME = re.compile(r"^([01]?\d|2[0-3])[:.]([0-5]\d)\Z")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+\Z")
_URL = re.compile(r"^https?://[^\s\x00-\x1f\x7f]+\Z")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_KEY = re.compile(r"^[a-z][a-z0-9_]{0,39}\Z")
_GROUP_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}\Z")


class KeyType(Generic[T]):
    """A type of configuration value: `parse` checks and converts, `expected` describes."""

    __slots__ = ("expected",)
    echo = True  # whether a refused value is shown in the error (not a secret's)

    if not TYPE_CHECKING:
        # `KeyType[str]` is for mypy: at run time it is KeyType itself, which spares every
        # command's start-up typing's generic-alias machinery for each type below.
        def __class_getitem__(cls, item):
            return cls

    def __init__(self, expected: Phrase) -> None:
        self.expected = expected

    def parse(self, value: Any) -> T:
        raise NotImplementedError


class Text(KeyType[str]):
    """Text; control characters other than tab and line breaks are refused (they would reach
    calendars and mail, where RFC 5545 and RFC 5322 forbid them)."""

    __slots__ = ()

    def __init__(self, expected: Phrase | None = None) -> None:
        super().__init__(expected or phrase("expect.text"))

    def parse(self, value: Any) -> str:
        if not isinstance(value, str) or _CONTROL.search(value):
            raise ValueError
        return value


class File(Text):
    """The name of a file, as text ("" where the key is optional)."""

    __slots__ = ()

    def __init__(self) -> None:
        super().__init__(phrase("expect.path"))


class Folder(Text):
    """The name of a folder, as text; `config check` looks whether it exists."""

    __slots__ = ()

    def __init__(self) -> None:
        super().__init__(phrase("expect.folder"))


class EnvName(Text):
    """The name of an environment variable."""

    __slots__ = ()

    def __init__(self) -> None:
        super().__init__(phrase("expect.env_name"))


class GroupId(KeyType[str]):
    """A short id of lower-case letters, digits and hyphens (it becomes part of UIDs)."""

    __slots__ = ()

    def __init__(self) -> None:
        super().__init__(phrase("expect.group_id"))

    def parse(self, value: Any) -> str:
        if not isinstance(value, str) or not _GROUP_ID.match(value):
            raise ValueError
        return value


class OptionalGroupId(GroupId):
    """A group id, or "" for none (`group.default`)."""

    __slots__ = ()

    def parse(self, value: Any) -> str:
        return "" if value == "" else super().parse(value)


class MatterList(KeyType[tuple[str, ...]]):
    """A list of matter keys (`group.matters`), each once; empty: every matter."""

    __slots__ = ("values",)

    def __init__(self, *values: str) -> None:
        super().__init__(phrase("expect.matter_list", options=", ".join(values)))
        self.values = values

    def parse(self, value: Any) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(x in self.values for x in value):
            raise ValueError
        if len(set(value)) != len(value):
            raise ValueError
        return tuple(value)


class Choice(KeyType[C]):
    """One of some texts, or of a StrEnum's members (`Choice.of(Mode)`), which it returns."""

    __slots__ = ("values",)

    def __init__(self, *values: C) -> None:
        super().__init__(phrase("expect.one_of", options=", ".join(values)))
        self.values = values

    @staticmethod
    def of(members: type[E]) -> Choice[E]:
        """One of an enum's values, parsed into its member (in the enum's order)."""
        return Choice(*members)

    def parse(self, value: Any) -> C:
        for choice in self.values:
            if isinstance(value, str) and value == choice:
                return choice
        raise ValueError


class WholeNumber(KeyType[int]):
    """A whole number from `low` to `high` (a TOML boolean is not a number)."""

    __slots__ = ("high", "low")

    def __init__(self, low: int, high: int, expected: Phrase | None = None) -> None:
        super().__init__(expected or phrase("expect.whole_number", low=low, high=high))
        self.low, self.high = low, high

    def parse(self, value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError
        if not self.low <= value <= self.high:
            raise ValueError
        return value


class Port(WholeNumber):
    """A TCP port."""

    __slots__ = ()

    def __init__(self) -> None:
        super().__init__(1, 65535, phrase("expect.port"))


class Flag(KeyType[bool]):
    """true or false."""

    __slots__ = ()

    def __init__(self) -> None:
        super().__init__(phrase("expect.bool"))

    def parse(self, value: Any) -> bool:
        if not isinstance(value, bool):
            raise ValueError
        return value


class Time(KeyType[time]):
    """A time of day: a TOML local time, or "HH:MM" / "HH.MM"."""

    __slots__ = ()

    def __init__(self) -> None:
        super().__init__(phrase("expect.time"))

    def parse(self, value: Any) -> time:
        if isinstance(value, time):
            return value
        m = _TIME.match(value) if isinstance(value, str) else None
        if not m:
            raise ValueError
        return time(int(m.group(1)), int(m.group(2)))


class DateInYears(KeyType[date]):
    """A date in the years whose days off are known (the rules look a year either side of a
    date: 0001-01-01 or 9999-12-31 would leave the calendar)."""

    __slots__ = ()

    def __init__(self) -> None:
        super().__init__(phrase("expect.date_in_years", first=FIRST_YEAR, last=LAST_YEAR))

    def parse(self, value: Any) -> date:
        if isinstance(value, date) and not hasattr(value, "hour"):
            day = value
        elif isinstance(value, str):
            day = date.fromisoformat(value)
        else:
            raise ValueError
        if not FIRST_YEAR <= day.year <= LAST_YEAR:
            raise ValueError
        return day


class Email(KeyType[str]):
    """An e-mail address, or "" (not set)."""

    __slots__ = ()

    def __init__(self) -> None:
        super().__init__(phrase("expect.email"))

    def parse(self, value: Any) -> str:
        if not isinstance(value, str) or (value and not _EMAIL.match(value)):
            raise ValueError
        return value


class EmailList(KeyType[list[str]]):
    """A list of e-mail addresses."""

    __slots__ = ()

    def __init__(self) -> None:
        super().__init__(phrase("expect.email_list"))

    def parse(self, value: Any) -> list[str]:
        if not isinstance(value, list):
            raise ValueError
        if not all(isinstance(x, str) and _EMAIL.match(x) for x in value):
            raise ValueError
        return list(value)


class Url(KeyType[str]):
    """An http(s) address without spaces or control characters (calendars and mail carry it
    as a URI), or "" (not set)."""

    __slots__ = ()

    def __init__(self) -> None:
        super().__init__(phrase("expect.url"))

    def parse(self, value: Any) -> str:
        if not isinstance(value, str) or (value and not _URL.match(value)):
            raise ValueError
        return value


class DatabaseUrl(KeyType[str]):
    """A `postgresql://` URL (issue 16) without a password, or "" (the SQLite file). A
    refused value is not echoed: it may hold the password that must not be there."""

    __slots__ = ()
    echo = False

    def __init__(self) -> None:
        super().__init__(phrase("expect.database_url"))

    def parse(self, value: Any) -> str:
        if not isinstance(value, str) or (value and not check_database_url(value)):
            raise ValueError
        return value


class Zone(KeyType[str]):
    """An IANA time zone that this machine's zone data knows."""

    __slots__ = ()

    def __init__(self) -> None:
        super().__init__(phrase("expect.zone"))

    def parse(self, value: Any) -> str:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(Text().parse(value))
        # OSError: "Europe" names a folder of tzdata, not a zone file (IsADirectoryError).
        except (ZoneInfoNotFoundError, ValueError, OSError) as e:
            raise ValueError from e
        return str(value)


class AreaList(KeyType[tuple[str, ...]]):
    """A list of expertise areas: the shipped keys or names, or a county's own names."""

    __slots__ = ()

    def __init__(self) -> None:
        super().__init__(phrase("expect.area_list"))

    def parse(self, value: Any) -> tuple[str, ...]:
        return parse_area_list(value)


class KeyList(KeyType[tuple[str, ...]]):
    """A list of short keys (`documents.kinds`): lower-case letters, digits and underscores,
    at least one, each once."""

    __slots__ = ()

    def __init__(self) -> None:
        super().__init__(phrase("expect.key_list"))

    def parse(self, value: Any) -> tuple[str, ...]:
        if not isinstance(value, list) or not value:
            raise ValueError
        if not all(isinstance(x, str) and _KEY.match(x) for x in value):
            raise ValueError
        if len(set(value)) != len(value):
            raise ValueError
        return tuple(value)


class TextList(KeyType[tuple[str, ...]]):
    """A list of short texts, each once (ignoring case and spacing), none empty; at most
    `longest` characters each (`report.withdrawn_reasons`: a few words a group)."""

    __slots__ = ("longest",)

    def __init__(self, expected: Phrase, longest: int = 60) -> None:
        super().__init__(expected)
        self.longest = longest

    def parse(self, value: Any) -> tuple[str, ...]:
        if not isinstance(value, list):
            raise ValueError
        texts = [Text().parse(x).strip() for x in value]
        if not all(0 < len(x) <= self.longest for x in texts):
            raise ValueError
        folded = [" ".join(x.casefold().split()) for x in texts]
        if len(set(folded)) != len(folded):
            raise ValueError
        return tuple(texts)


class Refused(KeyType[str]):
    """A key that must never be set (a secret): its value is dropped at once, never echoed;
    what is kept is only whether it was set ("(refused)") or not ("")."""

    __slots__ = ()

    def __init__(self) -> None:
        super().__init__(phrase("expect.nothing"))

    def parse(self, value: Any) -> str:
        return "(refused)" if value != "" else ""
