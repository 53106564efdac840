"""Frozen value objects of the domain: sessions, the changes that moved them, days off."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass
from datetime import date, datetime
from typing import NamedTuple


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


class DayOff(NamedTuple):
    """A day on which no session or deadline may fall, with its names."""

    day: date
    key: str  # stable identifier, e.g. "good_friday", "extra"
    # The names a county configured for its own day off ("extra"); empty for the days the
    # core knows, whose names are in the catalogs (`dayoff.<key>`, i18n: day_off_name).
    name_fi: str
    name_sv: str
    name_en: str
    official: bool  # a public holiday by law, as opposed to a de-facto or county day off


class Change(NamedTuple):
    """One step that took a session away from its rule date or time."""

    kind: ChangeKind
    from_date: date
    to_date: date
    day_off: DayOff | None = None
    reason: str = ""  # free text from the configuration, shown as given


class Session(NamedTuple):
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
    changes: tuple[Change, ...] = ()

    @property
    def cancelled(self) -> bool:
        return self.status is SessionStatus.CANCELLED


# --- case register (issue 4) ---------------------------------------------------------------


class CaseStatus(enum.StrEnum):
    """Where a case is in its life; the JSON contract's `status` values of a case."""

    BOOKED = "booked"
    DOCUMENTS_RECEIVED = "documents_received"
    DISCUSSED = "discussed"
    STATEMENT_DELIVERED = "statement_delivered"
    WITHDRAWN = "withdrawn"


class Matter(enum.StrEnum):
    """The kind of child-welfare matter a case brings (domain.md: "What a booking holds")."""

    CARE_ORDER_PREPARATION = "care_order_preparation"  # huostaanoton valmistelu
    SUBSTITUTE_CARE = "substitute_care"  # sijaishuolto
    ENDING_CARE_ORDER = "ending_care_order"  # huostaanoton lopettaminen
    COMMUNITY_CARE = "community_care"  # avohuolto
    OTHER = "other"
    # issue 15: a placement that needs special care (erityisen huolenpidon jakso, EHO); last,
    # so that the older matters keep their order in every listing
    EHO_PLACEMENT = "eho_placement"


class Worker(NamedTuple):
    """The child's responsible social worker (vastuusosiaalityöntekijä) who brings the case."""

    name: str
    email: str
    phone: str = ""


class ReceivedDocument(NamedTuple):
    """A document of a case that arrived: its kind (a key of `documents.kinds`, e.g.
    client_plan) and the day. The document itself stays in the client system."""

    kind: str
    received: date


class Case(NamedTuple):
    """One booking: a case reference in a session, with its 1-3 questions.

    `slot` links the case to its session (Session.slot survives a configuration move of the
    session); `session_date` is the date it had when the case was last written. `waitlist` is
    the case's 1-based place in the session's waiting list, None when it holds a place.
    """

    ref: str
    slot: str
    session_date: date
    status: CaseStatus
    worker: Worker
    municipality: str
    matter: Matter
    questions: tuple[str, ...]
    expertise: tuple[str, ...] = ()
    waitlist: int | None = None
    documents_received: date | None = None
    late_reason: str = ""
    withdrawn_reason: str = ""
    created_at: datetime | None = None
    updated_at: datetime | None = None
    id: int | None = None  # the register's row id; None before the case is stored
    documents: tuple[ReceivedDocument, ...] = ()  # by kind, in the order they were recorded
    # issue 15: the group's id in the configuration; "" before groups existed and under a
    # single-group configuration (then: the configuration's first group; register/scope.py)
    group: str = ""

    @property
    def holds_place(self) -> bool:
        """Counts against the session's capacity: not withdrawn and not waiting."""
        return self.status is not CaseStatus.WITHDRAWN and self.waitlist is None

    @property
    def waiting(self) -> bool:
        return self.status is not CaseStatus.WITHDRAWN and self.waitlist is not None


@dataclass(frozen=True)
class AuditEntry:
    """One line of the append-only audit log: what was done, never the sensitive values."""

    at: datetime
    command: str
    ref: str | None
    slot: str | None
    fields: tuple[str, ...] = ()
    count: int | None = None
    detail: str = ""
    group: str = ""  # issue 15: as on `Case` ("" the first group's)
    actor: str = ""  # issue 16: the database role or OS user who acted ("" before it)
