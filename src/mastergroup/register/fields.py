"""The field tables of the register: case, expert, sent log, audit log; each field once.

Adding a case field is one `Field` here, one migration step (register/migrations.py), the
model's attribute (core/model.py), and what the commands do with it (input, rendering). A
table's order is its JSON key order (`case list/show --format json`, the backup): a contract,
so a new field goes at the end of its record. See register/fieldtable.py for what a field says.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from mastergroup.core import booking
from mastergroup.core.errors import UsageError
from mastergroup.core.model import AuditEntry, Case, CaseStatus, Matter, ReceivedDocument, Worker
from mastergroup.core.panel import Expert
from mastergroup.i18n.messages import phrase
from mastergroup.register.fieldtable import (
    DAY,
    FLAG,
    NAMES,
    NEVER,
    ON_INSERT,
    STAMP,
    TEXTS,
    Field,
    Kind,
    ReadFn,
    Table,
    choice,
)

if TYPE_CHECKING:
    from mastergroup.register.reader import Reader

MAX_SLOT = 40  # "2023-03", "extra-2023-05-10": a backup's slots are checked against this
MAX_ACTOR = 128  # a role or user name (PostgreSQL's are at most 63 bytes)
MAX_SENT_KEY = 100  # "documents:2023-03": a backup's sent-log keys and kinds


def is_slot(value: str) -> bool:
    return bool(value.strip()) and len(value) <= MAX_SLOT


# --- readers of a backup's values (each: reader, key, the values read so far) -----------------


def _text(max_chars: int, *, required: bool = True) -> ReadFn:
    """A text by `booking.clean_text`'s rules; an optional one may be missing ("")."""

    def read(f: Reader, key: str, _: Mapping[str, Any]) -> str:
        value = f.text(key, default=None if required else "")
        return booking.clean_text(value, f.field(key), max_chars=max_chars, required=required)

    return read


def _line(max_chars: int, *, required: bool = True) -> ReadFn:
    return lambda f, key, _: f.line(key, max_chars=max_chars, required=required)


def _stamp(f: Reader, key: str, _: Mapping[str, Any]) -> object:
    return f.stamp(key)


def _slot(f: Reader, key: str, _: Mapping[str, Any]) -> object:
    return f.slot(key)


def _status(f: Reader, key: str, _: Mapping[str, Any]) -> CaseStatus:
    try:
        return CaseStatus(f.text(key))
    except ValueError:
        raise f.bad(key, phrase("expect.one_of", options=", ".join(CaseStatus))) from None


def _queue_place(f: Reader, key: str, seen: Mapping[str, Any]) -> int | None:
    """The place in the waiting list: given exactly when `waitlisted`, never when withdrawn."""
    position = f.number(key)
    waitlisted = seen["waitlisted"]
    if waitlisted is not (position is not None) or (position == 0):
        raise f.bad(key, phrase("expect.queue_place"))
    if waitlisted and seen["status"] is CaseStatus.WITHDRAWN:
        raise f.bad("waitlisted", phrase("expect.not_waiting_withdrawn"))
    return position


def _delivered(f: Reader, key: str, seen: Mapping[str, Any]) -> object:
    day = f.optional_day(key)
    if day is not None and seen["status"] is not CaseStatus.STATEMENT_DELIVERED:
        raise f.bad(key, phrase("expect.delivered_null"))
    return day


def _email_or_empty(f: Reader, key: str, _: Mapping[str, Any]) -> str:
    email = f.line(key, max_chars=booking.MAX_EMAIL, required=False)
    try:
        return booking.clean_email(email) if email else email
    except UsageError:
        raise f.bad(key, phrase("expect.email_or_empty")) from None


def _is_area(value: str) -> bool:
    return value == value.strip() and 0 < len(value) <= booking.MAX_NAME and "\n" not in value


def _areas(f: Reader, key: str, _: Mapping[str, Any]) -> tuple[str, ...]:
    """Kept as written: the configuration's `experts.areas` may have changed since."""
    areas = f.texts(key)
    if any(not _is_area(a) for a in areas) or len(set(areas)) != len(areas):
        raise f.bad(key, phrase("expect.area_names", max=booking.MAX_NAME))
    return tuple(areas)


def _slots(f: Reader, key: str, _: Mapping[str, Any]) -> tuple[str, ...]:
    slots = f.texts(key)
    if any(not is_slot(s) for s in slots) or len(set(slots)) != len(slots):
        raise f.bad(key, phrase("expect.slot_list"))
    return tuple(slots)


def _group(f: Reader, key: str, _: Mapping[str, Any]) -> str:
    value = f.item.get(key, "")
    if not isinstance(value, str) or len(value) > MAX_SLOT or ":" in value:
        raise f.bad(key, phrase("expect.group_id"))
    return value


def _actor(f: Reader, key: str, _: Mapping[str, Any]) -> str:
    """A user or role name, one line by `booking.clean_text`'s rules (no control
    characters: `case audit` prints it), or "" (a line from before issue 16)."""
    value = f.item.get(key, "")
    if not isinstance(value, str) or value != value.strip():
        raise f.bad(key, phrase("expect.actor"))
    try:
        return booking.clean_text(value, f.field(key), max_chars=MAX_ACTOR, required=False)
    except UsageError:
        raise f.bad(key, phrase("expect.actor")) from None


def _text_or_null(f: Reader, key: str, _: Mapping[str, Any]) -> str | None:
    value = f.item.get(key)
    if value is not None and not isinstance(value, str):
        raise f.bad(key, phrase("expect.text_or_null"))
    return value


def _documents_sql(values: tuple[ReceivedDocument, ...]) -> str:
    return json.dumps([[d.kind, d.received.isoformat()] for d in values])


def _documents_from_sql(text: str | None) -> tuple[ReceivedDocument, ...]:
    return tuple(ReceivedDocument(k, date.fromisoformat(d)) for k, d in json.loads(text or "[]"))


def _documents_json(values: tuple[ReceivedDocument, ...]) -> list[dict[str, str]]:
    return [{"kind": d.kind, "received": d.received.isoformat()} for d in values]


# The documents that arrived, by kind: [["client_plan", "2023-03-20"], ...] in SQL,
# [{"kind": ..., "received": ...}, ...] in JSON.
DOCUMENTS = Kind(_documents_sql, _documents_from_sql, _documents_json)


def _received(f: Reader, key: str, _: Mapping[str, Any]) -> tuple[ReceivedDocument, ...]:
    """Kinds kept as written (the configuration's `documents.kinds` may have changed since),
    each once, each with its day."""
    value = f.item.get(key, [])
    expected = phrase("expect.documents", max=booking.MAX_NAME)
    if not isinstance(value, list):
        raise f.bad(key, expected)
    found = []
    for item in value:
        kind = item.get("kind") if isinstance(item, dict) else None
        day = item.get("received") if isinstance(item, dict) else None
        if not isinstance(kind, str) or not _is_area(kind) or not isinstance(day, str):
            raise f.bad(key, expected)
        try:
            found.append(ReceivedDocument(kind, date.fromisoformat(day)))
        except ValueError:
            raise f.bad(key, expected) from None
    if len({d.kind for d in found}) != len(found):
        raise f.bad(key, expected)
    return tuple(found)


_RANK = (  # the 1-based place in the queue: the stored numbers keep their gaps
    "CASE WHEN c.waitlist IS NULL THEN NULL ELSE (SELECT COUNT(*) FROM cases w "
    "WHERE w.slot = c.slot AND w.group_id = c.group_id AND w.waitlist IS NOT NULL "
    "AND w.waitlist <= c.waitlist) END"
)
_STATUSES = "('booked', 'documents_received', 'discussed', 'statement_delivered', 'withdrawn')"

CASE = Table(
    "cases",
    "c",
    Case,
    [
        Field(None, "id", "id", "INTEGER PRIMARY KEY", write=NEVER),
        Field("ref", "ref", "ref", "TEXT NOT NULL CHECK (length(ref) BETWEEN 1 AND 64)",
              audit=True, editable=True, read=_text(booking.MAX_REF)),
        Field("session_date", "session_date", "session_date", "TEXT NOT NULL", DAY,
              read=lambda f, key, _: f.day(key)),
        Field("slot", "slot", "slot", "TEXT NOT NULL", read=_slot),
        Field("status", "status", "status", f"TEXT NOT NULL CHECK (status IN {_STATUSES})",
              choice(CaseStatus), read=_status),
        Field("waitlisted", None, derive=lambda c: c.waiting,
              read=lambda f, key, _: f.item.get(key, False)),
        Field("waitlist_position", "waitlist", "waitlist", "INTEGER CHECK (waitlist IS NULL OR "
              "(waitlist > 0 AND status != 'withdrawn'))", select=_RANK,
              derive=lambda c: c.waitlist if c.waiting else None, read=_queue_place),
        Field("worker", "worker.name", "worker_name", "TEXT NOT NULL", audit=True,
              editable=True, read=_text(booking.MAX_NAME)),
        Field("worker_email", "worker.email", "worker_email", "TEXT NOT NULL", audit=True,
              editable=True,
              read=lambda f, key, _: booking.clean_email(f.text(key), f.field(key))),
        Field("worker_phone", "worker.phone", "worker_phone", "TEXT NOT NULL DEFAULT ''",
              audit=True, editable=True, read=_text(booking.MAX_PHONE, required=False)),
        Field("municipality", "municipality", "municipality", "TEXT NOT NULL", audit=True,
              editable=True, read=_text(booking.MAX_NAME)),
        Field("matter", "matter", "matter", "TEXT NOT NULL", choice(Matter), audit=True,
              editable=True, read=lambda f, key, _: booking.parse_matter(
                  f.text(key, default="other"), f.field(key))),
        Field("expertise", "expertise", "expertise", "TEXT NOT NULL DEFAULT '[]'", TEXTS,
              audit=True, editable=True,
              read=lambda f, key, _: booking.clean_expertise(f.texts(key), f.field(key))),
        Field("questions", "questions", None, kind=TEXTS, audit=True, editable=True,  # table
              read=lambda f, key, _: booking.clean_questions(f.texts(key), f.field(key))),
        Field("documents_received", "documents_received", "documents_received", "TEXT", DAY,
              read=lambda f, key, _: f.optional_day(key)),
        Field("late_reason", "late_reason", "late_reason", "TEXT NOT NULL DEFAULT ''",
              audit=True, read=_text(booking.MAX_REASON, required=False)),
        Field("withdrawn_reason", "withdrawn_reason", "withdrawn_reason",
              "TEXT NOT NULL DEFAULT ''", read=_text(booking.MAX_REASON, required=False)),
        Field("created_at", "created_at", "created_at", "TEXT NOT NULL", STAMP,
              write=ON_INSERT, read=_stamp),
        Field("updated_at", "updated_at", "updated_at", "TEXT NOT NULL", STAMP, read=_stamp),
        # issue 13; in a JSON record only when some arrived (register/records.py).
        Field("documents", "documents", "documents", "TEXT NOT NULL DEFAULT '[]'", DOCUMENTS,
              read=_received),
        # Not on the model: written by register/experts.py, in the backup's record only.
        Field("statement_delivered", None, "statement_delivered", "TEXT", DAY, write=NEVER,
              read=_delivered),
        # issue 15: the group's id; in a JSON record only when not "" (register/records.py);
        # a backup without it (version 1-3) imports into the group it is imported with
        Field("group", "group", "group_id", "TEXT NOT NULL DEFAULT ''", read=_group),
    ],
    parts={"worker": Worker},
    # A backup's faults are reported in the order they always were: where the case stands,
    # then its questions, then the rest.
    read_first=("status", "waitlisted", "waitlist_position", "slot", "session_date",
                "statement_delivered", "questions"),
)  # fmt: skip

EXPERT = Table(
    "experts",
    "e",
    Expert,
    [
        Field(None, "id", "id", "INTEGER PRIMARY KEY", write=NEVER),
        Field("name", "name", "name", "TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND "
              "200)", read=_line(booking.MAX_NAME)),
        Field("title", "title", "title", "TEXT NOT NULL DEFAULT ''",
              read=_line(booking.MAX_NAME)),
        Field("organisation", "organisation", "organisation", "TEXT NOT NULL DEFAULT ''",
              read=_line(booking.MAX_NAME, required=False)),
        Field("email", "email", "email", "TEXT NOT NULL DEFAULT ''", read=_email_or_empty),
        Field("areas", "areas", "areas", "TEXT NOT NULL DEFAULT '[]'", TEXTS, read=_areas),
        Field("removed", "removed", "removed", "INTEGER NOT NULL DEFAULT 0 CHECK (removed IN "
              "(0, 1))", FLAG, read=lambda f, key, _: f.flag(key)),
        Field("created_at", "created_at", "created_at", "TEXT NOT NULL", STAMP,
              write=ON_INSERT, read=_stamp),
        Field("updated_at", "updated_at", "updated_at", "TEXT NOT NULL", STAMP, read=_stamp),
        # The table session_experts, by slot: register/experts.py; in the backup only.
        Field("attended", None, read=_slots),
    ],
)  # fmt: skip

AUDIT = Table(
    "audit",
    "a",
    AuditEntry,
    [
        Field(None, None, "id", "INTEGER PRIMARY KEY AUTOINCREMENT", write=NEVER),
        Field("at", "at", "at", "TEXT NOT NULL", STAMP, read=_stamp),
        Field("command", "command", "command", "TEXT NOT NULL",
              read=lambda f, key, _: f.text(key)),
        Field("ref", "ref", "ref", "TEXT", read=_text_or_null),
        Field("slot", "slot", "slot", "TEXT", read=_text_or_null),
        Field("fields", "fields", "fields", "TEXT NOT NULL DEFAULT '[]'", NAMES,
              read=lambda f, key, _: tuple(f.texts(key))),
        Field("count", "count", "count", "INTEGER", read=lambda f, key, _: f.number(key)),
        Field("detail", "detail", "detail", "TEXT NOT NULL DEFAULT ''",
              read=lambda f, key, _: f.text(key, default="")),
        # issue 15: the group's id; in a JSON record only when not "" (register/records.py)
        Field("group", "group", "group_id", "TEXT NOT NULL DEFAULT ''", read=_group),
        # issue 16: who acted (the database role, or the OS user on SQLite); in a JSON record
        # only when not "" (register/records.py), so older lines read as they did
        Field("actor", "actor", "actor", "TEXT NOT NULL DEFAULT ''", read=_actor),
    ],
    read_first=("ref", "slot"),
)  # fmt: skip


def _sent_model(**values: Any) -> Any:
    from mastergroup.register.logs import SentRecord  # the record lives beside its log

    return SentRecord(**values)


SENT = Table(
    "sent",
    "s",
    _sent_model,
    [
        Field("key", "key", "key", "TEXT PRIMARY KEY", read=_line(MAX_SENT_KEY)),
        Field("kind", "kind", "kind", "TEXT NOT NULL", read=_line(MAX_SENT_KEY)),
        Field("slot", "slot", "slot", "TEXT NOT NULL", read=_slot),
        Field("sent_at", "at", "sent_at", "TEXT NOT NULL", STAMP, read=_stamp),
        Field("recipients", "recipients", "recipients", "INTEGER NOT NULL",
              read=lambda f, key, _: f.whole(key)),
        # issue 13: an agenda's fingerprint ("" for other kinds and older rows) and the
        # SEQUENCE of its .ics (null for other kinds and older rows)
        Field("fingerprint", "fingerprint", "fingerprint", "TEXT NOT NULL DEFAULT ''",
              read=_line(MAX_SENT_KEY, required=False)),
        Field("sequence", "sequence", "sequence", "INTEGER",
              read=lambda f, key, _: f.number(key)),
    ],
)  # fmt: skip
