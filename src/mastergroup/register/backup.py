"""The backup format: writing the whole register as one JSON document, and reading one back.

`document` is what `case export` writes; `load` reads, parses and checks a file of it before
the register is opened (a refused import leaves no register behind where there was none, and
an existing one as it was); `check_sessions` holds it against the configuration; `restore`
writes it into an empty register. Each record is read by its field table (register/fields.py)
through a `Reader`, whose errors name the file and the field (`cases[3].worker_email`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from mastergroup.core import booking
from mastergroup.core.errors import MastergroupError, RuleError, StorageError, UsageError
from mastergroup.core.model import AuditEntry, Case
from mastergroup.core.panel import Expert
from mastergroup.core.privacy import strings_in
from mastergroup.core.rules import ScheduleConfig
from mastergroup.i18n.messages import os_reason, phrase
from mastergroup.register import experts as store_experts
from mastergroup.register import records
from mastergroup.register.connection import now
from mastergroup.register.fields import AUDIT, CASE, EXPERT, SENT
from mastergroup.register.migrations import SCHEMA_VERSION
from mastergroup.register.reader import Reader

if TYPE_CHECKING:
    from mastergroup.register.logs import SentRecord
    from mastergroup.register.store import Register

BACKUP_FORMAT = "mastergroup-backup"
BACKUP_VERSION = 2  # 2: experts, attendance, statement delivery dates and the sent log
# 3: a case record may hold `documents` (issue 13). Written only when one does, so that a
# register without them exports as before, and an older mastergroup refuses (rather than
# silently drops) the documents of a newer backup.
BACKUP_VERSION_DOCUMENTS = 3
# 4: a case record may hold `group` (issue 15). Written only when a case is in a group of a
# configuration with [[groups]], so that a single group's register exports as before, byte for
# byte, and an older mastergroup refuses (rather than merges) several groups' cases.
BACKUP_VERSION_GROUPS = 4
# 5: audit lines name who acted (issue 16); an older mastergroup would drop the names
BACKUP_VERSION_ACTORS = 5
BACKUP_VERSIONS = (1, 2, 3, 4, 5)  # what `case import` reads
# A backup is read whole; a FIFO or /dev/zero must neither hang `case import` nor fill memory.
BACKUP_LIMIT = 1 << 30  # bytes


class Exported(NamedTuple):
    """A backup as it is read (`stream`): `fields` in the document's key order, each list a
    one-pass iterator of records read from the register while it is written; and the number
    of `cases` it holds (counted in the same transaction)."""

    fields: dict[str, Any]
    cases: int

    def close(self) -> None:
        """End the reads not written to the end (an error, a refused target) while the
        transaction is still open: a live statement would keep SQLite's WAL file behind."""
        for value in self.fields.values():
            close = getattr(value, "close", None)
            if close is not None:
                close()


def stream(register: Register | None) -> Exported:
    """The whole register as a versioned backup (README: "Backup format"), read as written:
    the caller writes it inside the register's transaction, a case at a time, so memory does
    not grow with the register (issue 18). The experts' pool is read whole (it is small)."""
    if register is not None:
        register.every_group = True  # the whole register: every group's cases, each its group
    head = {
        "format": BACKUP_FORMAT,
        # version 3 when a case holds documents by kind (issue 13), 4 when the configuration
        # has groups (issue 15): asked of the register before the first case is written, since
        # the header comes first in the stream
        "version": _version(register),
        "schema_version": SCHEMA_VERSION,
        "exported_at": now().isoformat(),
    }
    if register is None:
        return Exported(head | {"cases": [], "experts": [], "sent": [], "audit": []}, 0)
    pool = store_experts.experts(register, removed=True)
    attended = store_experts.attended_slots(register)
    experts = [records.expert_record(e, attended.get(e.id, []) if e.id else []) for e in pool]
    body = {
        "cases": (records.case_record(c, {c.id: day} if day and c.id else {})
                  for c, day in register.each_case()),
        "experts": experts,
        "sent": (records.sent_record(r) for r in register.each_sent()),
        "audit": (records.audit_record(a) for a in register.each_audit()),
    }  # fmt: skip
    return Exported(head | body, register.count())


def _version(register: Register | None) -> int:
    if register is not None and register.any_actor():
        return BACKUP_VERSION_ACTORS
    if register is not None and register.scope.first:
        return BACKUP_VERSION_GROUPS
    if register is not None and register.any_documents():
        return BACKUP_VERSION_DOCUMENTS
    return BACKUP_VERSION


def document(register: Register | None) -> dict[str, Any]:
    """The whole register as a versioned backup, in memory (`stream` writes it as read)."""
    fields = stream(register).fields
    return {key: value if isinstance(value, str | int) else list(value)
            for key, value in fields.items()}  # fmt: skip


@dataclass(frozen=True)
class Backup:
    """A parsed, checked backup (version 1 has no experts, sent log or delivery dates)."""

    cases: list[Case]
    delivered: list[date | None]  # the statement delivery day of each case, in the same order
    audit: list[AuditEntry]
    experts: list[Expert]
    attended: dict[str, tuple[str, ...]]  # expert name -> the slots of the sessions attended
    sent: list[SentRecord]


def load(path: Path) -> Backup:
    """Read, parse and check a backup file (everything but the configuration's sessions)."""
    from mastergroup.io.atomic import read_regular

    raw = read_regular(path, limit=BACKUP_LIMIT, error=StorageError, key="case.import_unreadable")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise StorageError("case.import_unreadable", file=str(path), detail=os_reason(e)) from None
    file = str(path)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise UsageError("case.import_bad_json", file=file, line=e.lineno) from None
    except RecursionError:  # arrays or objects nested thousands deep
        raise UsageError("case.import_too_deep", file=file) from None
    except ValueError:  # an integer past Python's 4,300-digit conversion limit
        raise UsageError("case.import_long_number", file=file) from None
    try:
        booking.guard_privacy(strings_in(data))  # every string anywhere, keys included
        _refuse_lone_surrogates(data, file)
        return _parse_backup(data, file)
    except RecursionError:  # nested deep enough to parse, too deep to walk
        raise UsageError("case.import_too_deep", file=file) from None


def restore(register: Register, backup: Backup) -> None:
    """Write a checked backup into an empty register (inside `store.writing`)."""
    # the advice names what makes a new, empty register: a home, or a database (issue 16)
    suffix = "_db" if register.on_postgres else ""
    present = register.count()
    if present:
        raise RuleError(f"case.import_not_empty{suffix}", count=present)
    # Experts or a sent log are never merged into ones already there; a backup without
    # them (version 1, or none recorded) may join a pool the coordinator has set up.
    if (backup.experts and store_experts.count(register)) or (
        backup.sent and register.sent_count()
    ):
        raise RuleError(f"case.import_not_empty_other{suffix}")
    ids = register.restore(backup.cases, backup.audit)
    for case_id, day in zip(ids, backup.delivered, strict=True):
        if day is not None:
            store_experts.set_delivered(register, case_id, day)
    store_experts.restore(register, backup.experts, backup.attended)
    register.restore_sent(backup.sent)


# --- refusals ------------------------------------------------------------------------------


def _refuse_lone_surrogates(data: object, file: str) -> None:
    """JSON may escape half a surrogate pair ("\\ud800"): Python reads it, SQLite and every
    output refuse to encode it. The field is named with the surrogate escaped."""
    for where, text in strings_in(data):
        if any("\ud800" <= c <= "\udfff" for c in text):
            shown = where.encode("utf-8", "backslashreplace").decode("utf-8")
            raise UsageError(
                "case.import_field", file=file, field=shown, expected=phrase("expect.unicode_text")
            )


def check_sessions(backup: Backup, schedule: ScheduleConfig, today: date, file: str) -> None:
    """The backup's cases against the sessions configured now."""
    _refuse_contradicting_slots(schedule, backup.cases, file)
    _refuse_over_capacity(schedule, today, backup.cases, file)


def _refuse_contradicting_slots(schedule: ScheduleConfig, cases: list[Case], file: str) -> None:
    """A case's slot must be its session's: a month's session stays in its month (a day off
    moves it within the month), an extra session is on the day its slot names; only the
    configuration (an override) moves one elsewhere. Otherwise the case would belong to no
    session, or to another one than its date says."""
    for n, case in enumerate(cases):
        day = case.session_date
        if case.slot in (f"{day.year:04d}-{day.month:02d}", f"extra-{day.isoformat()}"):
            continue
        session = booking.session_of(schedule, case.slot, day)
        if session is None or session.date != day:
            raise UsageError(
                "case.import_field",
                file=file,
                field=f"cases[{n}].slot",
                expected=phrase("expect.slot_of_date"),
            )


def _refuse_over_capacity(
    schedule: ScheduleConfig, today: date, cases: list[Case], file: str
) -> None:
    """A session still to be held (today included) may not get more cases holding a place
    than its capacity. A held session keeps what the backup says: those cases were discussed,
    whatever the capacity is now (it may have been lowered since)."""
    holding: dict[tuple[str, str], list[Case]] = {}
    for case in cases:
        if case.holds_place:  # issue 15: per group and slot
            holding.setdefault((case.group, case.slot), []).append(case)
    for (_, slot), held in holding.items():
        session = booking.session_of(schedule, slot, held[0].session_date)
        capacity = session.capacity if session else schedule.capacity
        day = session.date if session else held[0].session_date
        if len(held) > capacity and day >= today:
            raise RuleError(
                "case.import_over_capacity",
                file=file,
                date=day,
                count=len(held),
                capacity=capacity,
            )


# --- reading -------------------------------------------------------------------------------


def _parse_backup(data: object, file: str) -> Backup:
    if not isinstance(data, dict) or data.get("format") != BACKUP_FORMAT:
        raise UsageError("case.import_not_backup", file=file)
    version = data.get("version")
    known = ", ".join(str(v) for v in BACKUP_VERSIONS)
    if isinstance(version, bool) or not isinstance(version, int):  # "1", 1.0, null, missing
        raise UsageError("case.import_version_text", file=file, known=known)
    if version not in BACKUP_VERSIONS:
        shown = str(version) if abs(version) < 10**20 else f"{str(version)[:20]}..."
        raise UsageError("case.import_version", file=file, version=shown, known=known)
    lists = {"cases": data.get("cases"), "audit": data.get("audit", [])}
    if version >= 2:
        lists |= {"experts": data.get("experts", []), "sent": data.get("sent", [])}
    for name, value in lists.items():
        if not isinstance(value, list):
            raise UsageError(
                "case.import_field", file=file, field=name, expected=phrase("expect.list")
            )
    entries = [_case_from(item, f"cases[{n}]", file) for n, item in enumerate(lists["cases"])]
    cases = [case for case, _ in entries]
    seen: set[tuple[str, str, str]] = set()
    queue: set[tuple[str, str, int]] = set()  # a position is unique in its group's session
    for n, case in enumerate(cases):
        if (case.group, case.slot, case.ref) in seen:  # unique per group (issue 15)
            raise RuleError("case.import_duplicate", file=file, field=f"cases[{n}]", ref=case.ref)
        seen.add((case.group, case.slot, case.ref))
        if case.waitlist is not None:
            if (case.group, case.slot, case.waitlist) in queue:
                raise UsageError(
                    "case.import_field",
                    file=file,
                    field=f"cases[{n}].waitlist_position",
                    expected=phrase("expect.unique_in_session"),
                )
            queue.add((case.group, case.slot, case.waitlist))
    audit: list[AuditEntry] = [
        AUDIT.model_of(AUDIT.read(Reader(item, f"audit[{n}]", file)))
        for n, item in enumerate(lists["audit"])
    ]
    experts: list[Expert] = []
    attended: dict[str, tuple[str, ...]] = {}
    names: set[str] = set()
    for n, item in enumerate(lists.get("experts", [])):
        found = EXPERT.read(Reader(item, f"experts[{n}]", file))
        expert: Expert = EXPERT.model_of(found)
        if expert.name.casefold() in names:
            raise RuleError("case.import_duplicate_expert", file=file, field=f"experts[{n}].name")
        names.add(expert.name.casefold())
        experts.append(expert)
        attended[expert.name] = found["attended"]
    sent: list[SentRecord] = [
        SENT.model_of(SENT.read(Reader(item, f"sent[{n}]", file)))
        for n, item in enumerate(lists.get("sent", []))
    ]
    keys: set[str] = set()
    for n, record in enumerate(sent):
        if record.key in keys:
            raise UsageError(
                "case.import_field",
                file=file,
                field=f"sent[{n}].key",
                expected=phrase("expect.unique_key"),
            )
        keys.add(record.key)
    return Backup(cases, [day for _, day in entries], audit, experts, attended, sent)


def _case_from(item: object, where: str, file: str) -> tuple[Case, date | None]:
    """A case record and the day its statement was delivered (null in version 1)."""
    reader = Reader(item, where, file)
    try:
        found = CASE.read(reader)
    except MastergroupError as e:  # booking's checks name the field, not the file
        e.params.setdefault("file", file)
        raise
    case: Case = CASE.model_of(found)
    return case, found["statement_delivered"]
