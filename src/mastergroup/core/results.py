"""What use cases return and renderers show: results cross the boundary, never prints.

They live in the core so that `present/` can render them without importing `services/`. They
are NamedTuples, not frozen dataclasses: `services` imports this module on every command's path,
and three frozen dataclasses cost ~3 ms to define there (CONTRIBUTING, "Start-up speed").
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:  # annotations only: `services` imports this module on every command's path
    from mastergroup.core.model import Case, DayOff, Session


class YearView(NamedTuple):
    year: int
    sessions: list[Session]
    days_off: dict[date, DayOff]


class ListingShape(NamedTuple):
    """What the widest line of a case listing needs, read by an aggregate query before the
    cases (issue 18: `case list` reads the cases once). Lengths are in characters."""

    cases: int
    ref: int  # the longest reference
    worker: int
    municipality: int
    sessions: list[tuple[str, date]]  # (slot, date): stored, then as shown (services)
    statuses: set[str]  # of the cases not waiting
    waiting: int  # the highest place shown in a waiting list, 0 when none waits
    matters: set[str]
    questions: set[int]  # how many questions cases have


class CaseView(NamedTuple):
    """A case with its session as the configuration gives it now (None if the slot is gone)."""

    case: Case
    session: Session | None


class Booked(NamedTuple):
    view: CaseView
    late: bool
    booked: int  # cases holding a place in the session, this one included
    capacity: int


class Changed(NamedTuple):
    """The result of edit, move, withdraw, documents and status."""

    view: CaseView
    fields: tuple[str, ...] = ()
    promoted: Case | None = None
    moved_from: date | None = None
    late: bool = False
    documents: tuple[str, ...] = ()  # `case documents`: the kinds this command recorded
    questions_before: int | None = None  # `case edit`: how many questions there were
    held: int = 0  # `case reinstate`: the places taken in the session afterwards
    full: bool = False  # `case reinstate`: the session had no room


class RegisterStatus(NamedTuple):
    """`mastergroup db status` (issue 16): where the register is and what it holds."""

    backend: str  # "sqlite" or "postgresql"
    register: str  # the file, or the URL without a password
    exists: bool
    schema_version: int  # 0: not created yet
    tool_schema_version: int  # what this mastergroup writes
    actor: str  # who this mastergroup acts as: the database role, or the OS user
    counts: dict[str, int]  # rows per table (cases, questions, experts, ...)
    schema: str = ""  # PostgreSQL: the schema the register is in (search_path); SQLite: ""


class Migrated(NamedTuple):
    """`mastergroup db migrate`: the schema version before and after."""

    register: str
    before: int
    after: int
