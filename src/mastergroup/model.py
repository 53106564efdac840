"""Frozen value objects of the domain: sessions, the changes that moved them, days off."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field
from datetime import date, datetime


class SessionStatus(enum.StrEnum):
    """The JSON contract's `status` values."""

    SCHEDULED = "scheduled"
    MOVED = "moved"
    CANCELLED = "cancelled"


class ChangeKind(enum.StrEnum):
    """Why a session differs from what its month's rule gives."""

    DAY_OFF_MOVED = "day_off_moved"  # the rule date was a day off; moved by the policy
    DAY_OFF_CANCELLED = "day_off_cancelled"  # the rule date was a day off; policy = cancel
    OVERRIDE_MOVED = "override_moved"  # [[overrides]] action = "move" (date and/or time)
    OVERRIDE_CANCELLED = "override_cancelled"  # [[overrides]] action = "cancel"
    EXTRA = "extra"  # [[overrides]] action = "add"


class Mode(enum.StrEnum):
    """How a session is held."""

    TEAMS = "teams"
    IN_PERSON = "in_person"
    HYBRID = "hybrid"


@dataclass(frozen=True)
class DayOff:
    """A day on which no session or deadline may fall, with its names."""

    day: date
    key: str  # stable identifier, e.g. "good_friday", "extra"
    name_fi: str
    name_sv: str
    name_en: str
    official: bool  # a public holiday by law, as opposed to a de-facto or county day off

    def name(self, lang: str) -> str:
        return {"fi": self.name_fi, "sv": self.name_sv}.get(lang, self.name_en)


@dataclass(frozen=True)
class Change:
    """One step that took a session away from its rule date or time."""

    kind: ChangeKind
    from_date: date
    to_date: date
    day_off: DayOff | None = None
    reason: str = ""  # free text from the configuration, shown as given


@dataclass(frozen=True)
class Session:
    """One meeting of the group, with its deadlines, as the rules and overrides give it."""

    slot: str  # stable identity: "2024-03" for a month's session, "extra-2024-05-10" for extras
    date: date
    start: datetime  # timezone-aware
    end: datetime  # timezone-aware
    status: SessionStatus
    planned_date: dt.date  # what the month's rule gave, before days off and overrides
    booking_deadline: dt.date
    documents_due: dt.date
    capacity: int
    sequence: int  # how many times the session changed after publication (RFC 5545 SEQUENCE)
    changes: tuple[Change, ...] = field(default=())

    @property
    def cancelled(self) -> bool:
        return self.status is SessionStatus.CANCELLED
