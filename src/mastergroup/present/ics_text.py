"""RFC 5545 content lines and values, written directly (issue 7: speed).

icalendar's serializer cost ~0.4 ms an event (per-character folding, parameter objects) and its
import ~45 ms; the export needs only the few value types below. Pure: no I/O, no icalendar. The
tests read what ics.py builds from these back with icalendar and vobject.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta

CRLF = b"\r\n"
# Octets per folded segment. With the space that starts a continuation line that is the 75 octets
# RFC 5545 allows; the first line gets the same 74, as icalendar writes it (identical files).
SEGMENT = 74
_FOLD = b"\r\n "
# Controls RFC 5545 allows in no parameter value (HTAB is allowed), and DQUOTE, which can't be
# quoted; RFC 6868's ^-escapes are not used.
_NOT_IN_PARAM = re.compile(r'["\x00-\x08\x0a-\x1f\x7f]')
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")
# RFC 5545 section 3.3.10's order of rule parts; some clients (Apple) want FREQ first.
_RECUR_ORDER = (
    "FREQ",
    "UNTIL",
    "COUNT",
    "INTERVAL",
    "BYSECOND",
    "BYMINUTE",
    "BYHOUR",
    "BYDAY",
    "BYMONTHDAY",
    "BYYEARDAY",
    "BYWEEKNO",
    "BYMONTH",
    "BYSETPOS",
    "WKST",
)


def text(value: str) -> str:
    r"""A TEXT value: `\`, `;` and `,` escaped; a line break (CRLF, LF or a lone CR) is `\n`."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\n")
        .replace("\r", "\n")
        .replace("\n", "\\n")
    )


def param_value(value: str) -> str:
    """A parameter value, in DQUOTEs when it holds `:`, `;` or `,` (which would end it).

    ValueError for a DQUOTE or a control character: RFC 5545 has no way to write them there.
    """
    if _NOT_IN_PARAM.search(value):
        raise ValueError(f"not allowed in an iCalendar parameter value: {value!r}")
    return f'"{value}"' if any(c in value for c in ":;,") else value


def uri(value: str) -> str:
    """A URI value, as it is (no TEXT escaping); ValueError for a control character."""
    if _CONTROL.search(value):
        raise ValueError(f"not allowed in an iCalendar URI: {value!r}")
    return value


def fold(line: str) -> bytes:
    r"""`line` as UTF-8, folded into segments of at most SEGMENT octets, ending with CRLF.

    A cut never splits a character, nor a backslash escape (`\,`, `\\`, `\n`): a backslash that
    would end a segment starts the next one instead (as icalendar >= 7 does, its issue #1501).
    """
    if "\n" in line or "\r" in line:
        raise ValueError("a content line holds no line break: escape the value")
    data = line.encode()
    if len(data) <= SEGMENT:  # most lines
        return data + CRLF
    parts = []
    start = 0
    while len(data) - start > SEGMENT:
        cut = start + SEGMENT
        while data[cut] & 0xC0 == 0x80:  # a UTF-8 continuation byte: cut before its character
            cut -= 1
        segment = data[start:cut]
        if (len(segment) - len(segment.rstrip(b"\\"))) % 2:  # ends with an escape's backslash
            cut -= 1
        parts.append(data[start:cut])
        start = cut
    parts.append(data[start:])
    return _FOLD.join(parts) + CRLF


def line(name: str, value: str, params: Mapping[str, str] | None = None) -> bytes:
    """The content line `NAME;PARAM=VALUE:value`, folded. `value` is formatted by the caller."""
    if params:
        name += "".join(f";{key}={param_value(v)}" for key, v in params.items())
    return fold(f"{name}:{value}")


def unfold(data: bytes) -> list[str]:
    """The content lines of folded `data` (for tests and debugging)."""
    return data.replace(_FOLD, b"").decode().split("\r\n")[:-1]


# --- values -------------------------------------------------------------------------------


def date_value(day: date) -> str:
    """DATE: `20240126`."""
    return f"{day.year:04}{day.month:02}{day.day:02}"


def local_datetime(moment: datetime) -> str:
    """DATE-TIME as the wall clock of `moment` (its tzinfo is not written; TZID= says it).

    Seconds precision: microseconds are dropped, as icalendar did.
    """
    return f"{date_value(moment)}T{moment.hour:02}{moment.minute:02}{moment.second:02}"


def utc_datetime(moment: datetime) -> str:
    """DATE-TIME in UTC: `20240126T070000Z`. ValueError for a naive `moment` (no instant)."""
    if moment.utcoffset() is None:
        raise ValueError(f"a UTC DATE-TIME needs an aware datetime: {moment!r}")
    return local_datetime(moment.astimezone(UTC)) + "Z"


def integer(value: int) -> str:
    """INTEGER."""
    return str(int(value))


def _whole_seconds(span: timedelta) -> timedelta:
    if span.microseconds:
        raise ValueError(f"iCalendar has no fractions of a second: {span!r}")
    return span


def duration(span: timedelta) -> str:
    """DURATION: `P1D`, `-P2D`, `PT15M`, `P1DT2H`, `PT1H0M5S` (an hour holds its minutes), `P0D`."""
    span = _whole_seconds(span)
    sign = "-" if span < timedelta(0) else ""
    span = abs(span)
    hours, rest = divmod(span.seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    clock = ""
    if span.seconds:
        clock = "T" + (f"{hours}H" if hours else "")
        clock += f"{minutes}M" if minutes or (hours and seconds) else ""
        clock += f"{seconds}S" if seconds else ""
    days = f"{span.days}D" if span.days or not clock else ""
    return f"{sign}P{days}{clock}"


def utc_offset(offset: timedelta) -> str:
    """UTC-OFFSET: `+0200`, `-0330`, `+0000`; `+013949` when there are seconds."""
    offset = _whole_seconds(offset)
    if abs(offset) >= timedelta(days=1):
        raise ValueError(f"not a UTC offset: {offset!r}")
    sign = "-" if offset < timedelta(0) else "+"
    hours, rest = divmod(abs(offset).seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{sign}{hours:02}{minutes:02}" + (f"{seconds:02}" if seconds else "")


def recur(parts: Mapping[str, str | int]) -> str:
    """RECUR: `FREQ=YEARLY;UNTIL=19950924T235959Z;BYDAY=-1SU;BYMONTH=9` (RFC 5545's part order).

    Values are formatted by the caller (UNTIL with utc_datetime or date_value).
    """
    unknown = set(parts) - set(_RECUR_ORDER)
    if unknown or "FREQ" not in parts:
        raise ValueError(f"not a recurrence rule: {dict(parts)!r}")
    return ";".join(f"{key}={parts[key]}" for key in _RECUR_ORDER if key in parts)
