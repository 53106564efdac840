"""Use cases of the case register: book, list, show, edit, move, withdraw, documents, status,
purge, export and import.

Every use case checks all of its input (the identity-code guard first) before the register is
opened for writing, runs as one transaction, and returns a result; nothing here prints. A
refused command leaves the register as it was, and never creates one.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from mastergroup.core import booking
from mastergroup.core.errors import (
    MastergroupError,
    NotFoundError,
    RuleError,
    StorageError,
    UsageError,
)
from mastergroup.core.model import AuditEntry, Case, CaseStatus, Matter, Session, Worker
from mastergroup.core.panel import Expert
from mastergroup.core.privacy import strings_in
from mastergroup.core.results import Booked, CaseView, Changed
from mastergroup.core.rules import documents_due, find_session
from mastergroup.i18n.messages import Phrase, os_reason, phrase
from mastergroup.register import experts as store_experts
from mastergroup.register import store
from mastergroup.services import App

WAITLISTED = "waitlisted"  # `case list --status waitlisted`: not a status, a place in the queue
MAX_SLOT = 40  # "2023-03", "extra-2023-05-10": a backup's slots are checked against this
MAX_SENT_KEY = 100  # "documents:2023-03": a backup's sent-log keys and kinds


@dataclass(frozen=True)
class CaseInput:
    """What a user gives for a case (options of `case add` and `case edit`); None: not given."""

    ref: str | None = None
    worker: str | None = None
    email: str | None = None
    phone: str | None = None
    municipality: str | None = None
    matter: str | None = None
    expertise: Sequence[str] | None = None
    questions: Sequence[str] | None = None

    def texts(self, ref_option: str = "--ref") -> list[tuple[str, str | None]]:
        """Every text with the option it came from, for the identity-code guard."""
        pairs: list[tuple[str, str | None]] = [
            (ref_option, self.ref),
            ("--worker", self.worker),
            ("--email", self.email),
            ("--phone", self.phone),
            ("--municipality", self.municipality),
            ("--matter", self.matter),
        ]
        pairs += [(f"--expertise {n}", x) for n, x in enumerate(self.expertise or (), start=1)]
        pairs += [(f"--question {n}", q) for n, q in enumerate(self.questions or (), start=1)]
        return pairs


@dataclass(frozen=True)
class Imported:
    cases: int
    audit: int
    experts: int = 0
    sent: int = 0


# --- shared steps --------------------------------------------------------------------------


def _required(pairs: Iterable[tuple[str, str | Sequence[str] | None]]) -> None:
    missing = [option for option, value in pairs if not value]
    if missing:
        raise UsageError("case.missing", options=", ".join(missing))


def _reason(late: bool, reason: str | None, *, next_: bool = False) -> str:
    if late and next_:
        raise UsageError("case.late_with_next")
    if late and not (reason or "").strip():
        raise UsageError("case.late_needs_reason")
    if reason is not None and not late:
        raise UsageError("case.reason_needs_late")
    return booking.clean_text(
        reason or "", "--reason", max_chars=booking.MAX_REASON, required=False
    )


def _view(app: App, case: Case) -> CaseView:
    return _views(app, [case])[0]


def _views(app: App, cases: Iterable[Case]) -> list[CaseView]:
    """Cases with their sessions as configured now (a moved session shows its new date)."""
    schedule = app.settings.schedule
    sessions: dict[tuple[str, date], Session | None] = {}
    views = []
    for stored in cases:
        key = (stored.slot, stored.session_date)
        if key not in sessions:  # thousands of cases share a few dozen sessions
            sessions[key] = booking.session_of(schedule, stored.slot, stored.session_date)
        session = sessions[key]
        moved = session is not None and session.date != stored.session_date
        shown = stored._replace(session_date=session.date) if session and moved else stored
        views.append(CaseView(shown, session))
    return views


def _watched_slots(app: App, *extra: str) -> list[str]:
    """The slots whose counts a booking decision reads: the coming sessions and the target."""
    return [s.slot for s in booking.bookable(app.settings.schedule, app.today)] + list(extra)


def _find(app: App, register: store.Register, ref: str, session: date | None) -> Case:
    """The case `ref` (in the session on `session`, when given); NotFound or ambiguous."""
    if session is not None:
        found_session = find_session(app.settings.schedule, session)
        if found_session is not None:
            found = register.cases(ref=ref, slot=found_session.slot)
        else:
            found = [c for c in register.cases(ref=ref) if c.session_date == session]
        if not found:
            raise NotFoundError("case.not_found_in", ref=ref, date=session)
        return found[0]
    found = register.cases(ref=ref)
    if not found:
        raise NotFoundError("case.not_found", ref=ref)
    if len(found) > 1:
        dates = ", ".join(c.session_date.isoformat() for c in found)
        raise UsageError("case.ambiguous", ref=ref, dates=dates)
    return found[0]


def _existing(app: App, ref: str) -> None:
    """Commands on a stored case refuse before a register is created for nothing."""
    if not store.exists(app.home):
        raise NotFoundError("case.not_found", ref=ref)


def _check_ref(ref: str, option: str = "REF") -> str:
    booking.guard_privacy([(option, ref)])
    return booking.clean_text(ref, option, max_chars=booking.MAX_REF)


def _refuse_duplicate(register: store.Register, ref: str, slot: str, day: date) -> None:
    """A reference is unique within a session (withdrawn cases keep theirs)."""
    if register.cases(ref=ref, slot=slot):
        raise RuleError("case.duplicate_ref", ref=ref, date=day)


def _promote(
    app: App, register: store.Register, slot: str, stored: date, command: str
) -> Case | None:
    """After a case left a place: the first waiting case of that session takes it."""
    session = booking.session_of(app.settings.schedule, slot, stored)
    capacity = session.capacity if session else app.settings.schedule.capacity
    chosen = booking.to_promote(capacity, register.cases(slot=slot))
    if chosen is None:
        return None
    promoted = register.update(chosen, waiting=False)
    register.log(command, ref=promoted.ref, slot=slot, fields=("waitlist",), detail="promoted")
    return promoted


# --- booking -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _NewCase:
    ref: str
    worker: Worker
    municipality: str
    matter: Matter
    expertise: tuple[str, ...]
    questions: tuple[str, ...]


def _clean_new(data: CaseInput) -> _NewCase:
    _required(
        (
            ("--ref", data.ref),
            ("--worker", data.worker),
            ("--email", data.email),
            ("--municipality", data.municipality),
            ("--question", data.questions),
        )
    )
    return _NewCase(
        ref=booking.clean_text(data.ref or "", "--ref", max_chars=booking.MAX_REF),
        worker=Worker(
            name=booking.clean_text(data.worker or "", "--worker", max_chars=booking.MAX_NAME),
            email=booking.clean_email(data.email or ""),
            phone=booking.clean_text(
                data.phone or "", "--phone", max_chars=booking.MAX_PHONE, required=False
            ),
        ),
        municipality=booking.clean_text(
            data.municipality or "", "--municipality", max_chars=booking.MAX_NAME
        ),
        matter=booking.parse_matter(data.matter) if data.matter else Matter.OTHER,
        expertise=booking.clean_expertise(data.expertise or ()),
        questions=booking.clean_questions(data.questions or ()),
    )


def add_case(
    app: App,
    data: CaseInput,
    *,
    session: date | None,
    next_: bool = False,
    late: bool = False,
    reason: str | None = None,
    waitlist: bool = False,
) -> Booked:
    """Book a case into the session on `session` (or the next open one), by the rules."""
    booking.guard_privacy([*data.texts(), ("--reason", reason)])
    if session is not None and next_:
        raise UsageError("case.session_or_next")
    if session is None and not next_:
        raise UsageError("case.missing", options="--session/--next")
    new = _clean_new(data)
    late_reason = _reason(late, reason, next_=next_)
    schedule, today = app.settings.schedule, app.today
    target = booking.session_for_booking(schedule, session, today) if session else None

    def decide(register: store.Register | None) -> booking.Placement:
        slots = _watched_slots(app, *([target.slot] if target else []))
        counts = register.holders(slots) if register else {}
        chosen = target or booking.choose_next(schedule, today, counts)
        if register is not None:
            _refuse_duplicate(register, new.ref, chosen.slot, chosen.date)
        return booking.place(schedule, chosen, today, counts, late=late, waitlist=waitlist)

    with store.reading(app.home) as register:  # refusals never create a register
        decide(register)
    with store.writing(app.home) as register:  # the decision again, under the write lock
        placement = decide(register)
        chosen = placement.session
        case = register.insert(
            Case(
                ref=new.ref,
                slot=chosen.slot,
                session_date=chosen.date,
                status=CaseStatus.BOOKED,
                worker=new.worker,
                municipality=new.municipality,
                matter=new.matter,
                expertise=new.expertise,
                questions=new.questions,
                late_reason=late_reason if placement.late else "",
            ),
            waiting=placement.waitlisted,
        )
        fields = [name for name, value in _fields(case).items() if value]
        register.log(
            "add",
            ref=case.ref,
            slot=case.slot,
            fields=fields,
            detail="waitlisted" if placement.waitlisted else ("late" if placement.late else ""),
        )
        booked = register.holders([chosen.slot]).get(chosen.slot, 0)
    return Booked(CaseView(case, chosen), placement.late, booked, chosen.capacity)


def _fields(case: Case) -> dict[str, object]:
    """A case's user-given fields by name (the names the audit log records)."""
    return {
        "ref": case.ref,
        "worker": case.worker.name,
        "worker_email": case.worker.email,
        "worker_phone": case.worker.phone,
        "municipality": case.municipality,
        "matter": case.matter,
        "expertise": case.expertise,
        "questions": case.questions,
        "late_reason": case.late_reason,
    }


# --- reading -------------------------------------------------------------------------------


def parse_status(value: str, option: str = "--status") -> CaseStatus | str:
    key = value.strip().lower().replace("-", "_").replace(" ", "_")
    if key == WAITLISTED:
        return WAITLISTED
    try:
        return CaseStatus(key)
    except ValueError:
        allowed = ", ".join([*(s.value for s in CaseStatus), WAITLISTED])
        raise UsageError("case.bad_status", field=option, allowed=allowed) from None


def list_cases(
    app: App,
    *,
    session: date | None = None,
    status: CaseStatus | str | None = None,
    everything: bool = False,
) -> list[CaseView]:
    """Cases of one session, or of the coming sessions (all of them with `everything`)."""
    kind = status if isinstance(status, CaseStatus) else None
    waiting = True if status == WAITLISTED else None
    with store.reading(app.home) as register:
        if register is None:
            return []
        if session is not None:
            found = find_session(app.settings.schedule, session)
            if found is None:
                raise NotFoundError("case.no_session_listed", date=session)
            cases = register.cases(slot=found.slot, status=kind, waiting=waiting)
        else:
            since = None if everything else app.today
            cases = register.cases(since=since, status=kind, waiting=waiting)
    return _views(app, cases)


def show_case(app: App, ref: str, *, session: date | None = None) -> CaseView:
    ref = _check_ref(ref)
    with store.reading(app.home) as register:
        if register is None:
            raise NotFoundError("case.not_found", ref=ref)
        return _view(app, _find(app, register, ref, session))


def audit_log(app: App, ref: str | None = None) -> list[AuditEntry]:
    if ref is not None:
        ref = _check_ref(ref, "--ref")
    with store.reading(app.home) as register:
        return register.audit(ref) if register else []


# --- changes -------------------------------------------------------------------------------


def edit_case(app: App, ref: str, data: CaseInput, *, session: date | None = None) -> Changed:
    """Change any field given in `data` (questions until the document deadline)."""
    ref = _check_ref(ref)
    booking.guard_privacy(data.texts("--new-ref"))
    changes: dict[str, Any] = {}
    if data.ref is not None:
        changes["ref"] = booking.clean_text(data.ref, "--new-ref", max_chars=booking.MAX_REF)
    if data.municipality is not None:
        changes["municipality"] = booking.clean_text(
            data.municipality, "--municipality", max_chars=booking.MAX_NAME
        )
    if data.matter is not None:
        changes["matter"] = booking.parse_matter(data.matter)
    if data.expertise is not None:
        changes["expertise"] = booking.clean_expertise(data.expertise)
    if data.questions is not None:
        changes["questions"] = booking.clean_questions(data.questions)
    worker: dict[str, str] = {}
    if data.worker is not None:
        worker["name"] = booking.clean_text(data.worker, "--worker", max_chars=booking.MAX_NAME)
    if data.email is not None:
        worker["email"] = booking.clean_email(data.email)
    if data.phone is not None:
        worker["phone"] = booking.clean_text(
            data.phone, "--phone", max_chars=booking.MAX_PHONE, required=False
        )
    if not changes and not worker:
        raise UsageError("case.nothing_to_edit")
    _existing(app, ref)
    with store.writing(app.home) as register:
        case = _find(app, register, ref, session)
        edited = case._replace(worker=case.worker._replace(**worker), **changes)
        before, after = _fields(case), _fields(edited)
        changed = tuple(name for name in after if after[name] != before[name])
        if "questions" in changed:
            view = _view(app, case)
            due = (
                view.session.documents_due
                if view.session
                else documents_due(app.settings.schedule, case.session_date)
            )
            booking.check_questions_editable(view.case.session_date, due, app.today)
        if "ref" in changed:
            _refuse_duplicate(register, edited.ref, case.slot, case.session_date)
        if not changed:
            return Changed(_view(app, case))
        saved = register.update(edited)
        register.log(
            "edit",
            ref=saved.ref,
            slot=saved.slot,
            fields=changed,
            detail="renamed" if "ref" in changed else "",
        )
    return Changed(_view(app, saved), fields=changed)


def move_case(
    app: App,
    ref: str,
    *,
    to: date,
    session: date | None = None,
    late: bool = False,
    reason: str | None = None,
    waitlist: bool = False,
) -> Changed:
    """Move a case to the session on `to`, by the same rules as a booking; promotes the queue."""
    ref = _check_ref(ref)
    booking.guard_privacy([("--reason", reason)])
    late_reason = _reason(late, reason)
    schedule, today = app.settings.schedule, app.today
    target = booking.session_for_booking(schedule, to, today)
    _existing(app, ref)
    with store.writing(app.home) as register:
        case = _find(app, register, ref, session)
        booking.check_movable(case)
        if case.slot == target.slot:
            raise RuleError("case.same_session", ref=ref, date=target.date)
        _refuse_duplicate(register, case.ref, target.slot, target.date)
        counts = register.holders(_watched_slots(app, target.slot))
        placement = booking.place(schedule, target, today, counts, late=late, waitlist=waitlist)
        moved = register.update(
            case._replace(
                slot=target.slot,
                session_date=target.date,
                late_reason=late_reason if placement.late else "",
            ),
            waiting=placement.waitlisted,
        )
        register.log(
            "move",
            ref=moved.ref,
            slot=moved.slot,
            fields=("session",),
            detail=f"{case.slot} -> {target.slot}",
        )
        promoted = None
        if case.holds_place:
            promoted = _promote(app, register, case.slot, case.session_date, "move")
    return Changed(
        CaseView(moved, target),
        fields=("session",),
        promoted=promoted,
        moved_from=case.session_date,
        late=placement.late,
    )


def withdraw_case(app: App, ref: str, *, reason: str, session: date | None = None) -> Changed:
    """Withdraw a case (the reason is kept); the first waiting case takes its place."""
    ref = _check_ref(ref)
    booking.guard_privacy([("--reason", reason)])
    reason = booking.clean_text(reason, "--reason", max_chars=booking.MAX_REASON)
    _existing(app, ref)
    with store.writing(app.home) as register:
        case = _find(app, register, ref, session)
        booking.check_status_change(case, CaseStatus.WITHDRAWN, case.session_date, app.today)
        saved = register.update(
            case._replace(status=CaseStatus.WITHDRAWN, withdrawn_reason=reason), waiting=False
        )
        register.log(
            "withdraw", ref=saved.ref, slot=saved.slot, fields=("status", "withdrawn_reason")
        )
        promoted = None
        if case.holds_place:
            promoted = _promote(app, register, case.slot, case.session_date, "withdraw")
    return Changed(_view(app, saved), fields=("status",), promoted=promoted)


def record_documents(
    app: App, ref: str, *, received: date | None = None, session: date | None = None
) -> Changed:
    """Record the day the documents arrived (they themselves stay in the client system)."""
    ref = _check_ref(ref)
    day = received or app.today
    booking.check_documents_date(day, app.today)
    _existing(app, ref)
    with store.writing(app.home) as register:
        case = _find(app, register, ref, session)
        booking.check_status_change(
            case, CaseStatus.DOCUMENTS_RECEIVED, case.session_date, app.today
        )
        saved = register.update(
            case._replace(status=CaseStatus.DOCUMENTS_RECEIVED, documents_received=day)
        )
        register.log(
            "documents", ref=saved.ref, slot=saved.slot, fields=("status", "documents_received")
        )
    return Changed(_view(app, saved), fields=("status", "documents_received"))


def set_status(app: App, ref: str, target: str, *, session: date | None = None) -> Changed:
    """Mark a case discussed or its statement delivered (or undo a record of documents)."""
    ref = _check_ref(ref)
    booking.guard_privacy([("STATUS", target)])
    status = parse_status(target, "STATUS")
    if status == CaseStatus.WITHDRAWN:
        raise UsageError("case.status_use_withdraw")
    if status == CaseStatus.DOCUMENTS_RECEIVED:
        raise UsageError("case.status_use_documents")
    if not isinstance(status, CaseStatus):
        raise UsageError("case.status_use_move")
    _existing(app, ref)
    with store.writing(app.home) as register:
        case = _find(app, register, ref, session)
        held = _view(app, case).case.session_date
        saved = change_status(register, case, status, held, app.today, command="status")
    return Changed(_view(app, saved), fields=("status",))


def change_status(
    register: store.Register,
    case: Case,
    status: CaseStatus,
    held: date,
    today: date,
    *,
    command: str,
) -> Case:
    """One checked status step inside a write transaction, with its audit line.

    Back to `booked` forgets the documents' arrival (that is what the step undoes).
    """
    booking.check_status_change(case, status, held, today)
    received = None if status is CaseStatus.BOOKED else case.documents_received
    saved = register.update(case._replace(status=status, documents_received=received))
    register.log(
        command,
        ref=saved.ref,
        slot=saved.slot,
        fields=("status",),
        detail=f"{case.status.value} -> {status.value}",
    )
    return saved


# --- retention, backup -----------------------------------------------------------------------


def purge_count(app: App, before: date) -> int:
    """How many cases `purge` would remove (for the confirmation prompt)."""
    booking.check_purge_before(before, app.today)
    with store.reading(app.home) as register:
        return len(register.cases(before=before)) if register else 0


def purge(app: App, before: date) -> int:
    """Delete the cases of sessions before `before` (retention); the count goes to the log."""
    booking.check_purge_before(before, app.today)
    if not store.exists(app.home):
        return 0
    with store.writing(app.home) as register:
        removed = register.delete_before(before)
        register.log("purge", count=removed, detail=f"before {before.isoformat()}")
    return removed


def export(app: App) -> dict[str, Any]:
    """The whole register as a versioned backup (README: "Backup format")."""
    with store.reading(app.home) as register:
        if register is None:
            cases, audit, pool, attended, delivered, sent = [], [], [], {}, {}, []
        else:
            cases, audit = register.cases(), register.audit()
            pool = store_experts.experts(register, removed=True)
            attended = store_experts.attended_slots(register)
            delivered = store_experts.delivery_dates(register)
            sent = register.sent_log()
    return {
        "format": store.BACKUP_FORMAT,
        "version": store.BACKUP_VERSION,
        "schema_version": store.SCHEMA_VERSION,
        "exported_at": store.now().isoformat(),
        "cases": [store.case_record(c, delivered) for c in cases],
        "experts": [
            store_experts.expert_record(e, attended.get(e.id, []) if e.id else []) for e in pool
        ],
        "sent": [store.sent_record(r) for r in sent],
        "audit": [store.audit_record(a) for a in audit],
    }


@dataclass(frozen=True)
class _Backup:
    """A parsed, checked backup (version 1 has no experts, sent log or delivery dates)."""

    cases: list[Case]
    delivered: list[date | None]  # the statement delivery day of each case, in the same order
    audit: list[AuditEntry]
    experts: list[Expert]
    attended: dict[str, tuple[str, ...]]  # expert name -> the slots of the sessions attended
    sent: list[store.SentRecord]


# A backup is read whole; a FIFO or /dev/zero must neither hang `case import` nor fill memory.
BACKUP_LIMIT = 1 << 30  # bytes


def import_backup(app: App, path: Path) -> Imported:
    """Restore a backup into an empty register: all of it in one transaction, or nothing."""
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
    # Everything is checked before the register is opened: a refused import leaves no register
    # behind where there was none, and an existing one as it was.
    try:
        booking.guard_privacy(strings_in(data))  # every string anywhere, keys included
        _refuse_lone_surrogates(data, file)
        backup = _parse_backup(data, file)
    except RecursionError:  # nested deep enough to parse, too deep to walk
        raise UsageError("case.import_too_deep", file=file) from None
    _refuse_contradicting_slots(app, backup.cases, file)
    _refuse_over_capacity(app, backup.cases, file)
    with store.writing(app.home) as register:
        present = register.count()
        if present:
            raise RuleError("case.import_not_empty", count=present)
        # Experts or a sent log are never merged into ones already there; a backup without
        # them (version 1, or none recorded) may join a pool the coordinator has set up.
        if (backup.experts and store_experts.count(register)) or (
            backup.sent and register.sent_count()
        ):
            raise RuleError("case.import_not_empty_other")
        ids = register.restore(backup.cases, backup.audit)
        for case_id, day in zip(ids, backup.delivered, strict=True):
            if day is not None:
                store_experts.set_delivered(register, case_id, day)
        store_experts.restore(register, backup.experts, backup.attended)
        register.restore_sent(backup.sent)
        register.log("import", count=len(backup.cases))
    return Imported(len(backup.cases), len(backup.audit), len(backup.experts), len(backup.sent))


def _refuse_lone_surrogates(data: object, file: str) -> None:
    """JSON may escape half a surrogate pair ("\\ud800"): Python reads it, SQLite and every
    output refuse to encode it. The field is named with the surrogate escaped."""
    for where, text in strings_in(data):
        if any("\ud800" <= c <= "\udfff" for c in text):
            shown = where.encode("utf-8", "backslashreplace").decode("utf-8")
            raise UsageError(
                "case.import_field", file=file, field=shown, expected=phrase("expect.unicode_text")
            )


def _refuse_contradicting_slots(app: App, cases: Sequence[Case], file: str) -> None:
    """A case's slot must be its session's: a month's session stays in its month (a day off
    moves it within the month), an extra session is on the day its slot names; only the
    configuration (an override) moves one elsewhere. Otherwise the case would belong to no
    session, or to another one than its date says."""
    schedule = app.settings.schedule
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


def _refuse_over_capacity(app: App, cases: Sequence[Case], file: str) -> None:
    """A session still to be held (today included) may not get more cases holding a place
    than its capacity. A held session keeps what the backup says: those cases were discussed,
    whatever the capacity is now (it may have been lowered since)."""
    schedule = app.settings.schedule
    holding: dict[str, list[Case]] = {}
    for case in cases:
        if case.holds_place:
            holding.setdefault(case.slot, []).append(case)
    for slot, held in holding.items():
        session = booking.session_of(schedule, slot, held[0].session_date)
        capacity = session.capacity if session else schedule.capacity
        day = session.date if session else held[0].session_date
        if len(held) > capacity and day >= app.today:
            raise RuleError(
                "case.import_over_capacity",
                file=file,
                date=day,
                count=len(held),
                capacity=capacity,
            )


def _parse_backup(data: object, file: str) -> _Backup:
    if not isinstance(data, dict) or data.get("format") != store.BACKUP_FORMAT:
        raise UsageError("case.import_not_backup", file=file)
    version = data.get("version")
    known = ", ".join(str(v) for v in store.BACKUP_VERSIONS)
    if isinstance(version, bool) or not isinstance(version, int):  # "1", 1.0, null, missing
        raise UsageError("case.import_version_text", file=file, known=known)
    if version not in store.BACKUP_VERSIONS:
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
    seen: set[tuple[str, str]] = set()
    queue: set[tuple[str, int]] = set()
    for n, case in enumerate(cases):
        if (case.slot, case.ref) in seen:
            raise RuleError("case.import_duplicate", file=file, field=f"cases[{n}]", ref=case.ref)
        seen.add((case.slot, case.ref))
        if case.waitlist is not None:
            if (case.slot, case.waitlist) in queue:
                raise UsageError(
                    "case.import_field",
                    file=file,
                    field=f"cases[{n}].waitlist_position",
                    expected=phrase("expect.unique_in_session"),
                )
            queue.add((case.slot, case.waitlist))
    audit = [_audit_from(item, f"audit[{n}]", file) for n, item in enumerate(lists["audit"])]
    experts: list[Expert] = []
    attended: dict[str, tuple[str, ...]] = {}
    names: set[str] = set()
    for n, item in enumerate(lists.get("experts", [])):
        expert, slots = _expert_from(item, f"experts[{n}]", file)
        if expert.name.casefold() in names:
            raise RuleError("case.import_duplicate_expert", file=file, field=f"experts[{n}].name")
        names.add(expert.name.casefold())
        experts.append(expert)
        attended[expert.name] = slots
    sent = [_sent_from(item, f"sent[{n}]", file) for n, item in enumerate(lists.get("sent", []))]
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
    return _Backup(cases, [day for _, day in entries], audit, experts, attended, sent)


class _Fields:
    """Typed access to one JSON object of a backup; errors name the file and the field."""

    def __init__(self, item: object, where: str, file: str) -> None:
        if not isinstance(item, dict):
            raise UsageError(
                "case.import_field", file=file, field=where, expected=phrase("expect.object")
            )
        self.item, self.where, self.file = item, where, file

    def bad(self, name: str, expected: Phrase) -> UsageError:
        return UsageError(
            "case.import_field", file=self.file, field=f"{self.where}.{name}", expected=expected
        )

    def text(self, name: str, *, default: str | None = None) -> str:
        value = self.item.get(name, default)
        if not isinstance(value, str):
            raise self.bad(name, phrase("expect.text"))
        return value

    def texts(self, name: str) -> list[str]:
        value = self.item.get(name, [])
        if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
            raise self.bad(name, phrase("expect.text_list"))
        return value

    def day(self, name: str) -> date:
        value = self.item.get(name)
        try:
            return date.fromisoformat(value) if isinstance(value, str) else _raise()
        except ValueError:
            raise self.bad(name, phrase("expect.date")) from None

    def optional_day(self, name: str) -> date | None:
        return None if self.item.get(name) is None else self.day(name)

    def stamp(self, name: str) -> datetime:
        value = self.item.get(name)
        try:
            parsed = datetime.fromisoformat(value) if isinstance(value, str) else _raise()
        except ValueError:
            raise self.bad(name, phrase("expect.timestamp")) from None
        if parsed.tzinfo is None:
            raise self.bad(name, phrase("expect.timestamp"))
        return parsed

    def number(self, name: str) -> int | None:
        value = self.item.get(name)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise self.bad(name, phrase("expect.count_or_null"))
        return value

    def whole(self, name: str) -> int:
        value = self.item.get(name)
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise self.bad(name, phrase("expect.count"))
        return value

    def flag(self, name: str) -> bool:
        value = self.item.get(name, False)
        if not isinstance(value, bool):
            raise self.bad(name, phrase("expect.bool"))
        return value

    def line(self, name: str, *, max_chars: int, required: bool = True) -> str:
        """A one-line text (trimmed), `booking.clean_text`'s rules."""
        try:
            return booking.clean_text(
                self.text(name, default=None if required else ""),
                name,
                max_chars=max_chars,
                required=required,
            )
        except UsageError:
            key = "expect.line" if required else "expect.line_or_empty"
            raise self.bad(name, phrase(key, max=max_chars)) from None

    def slot(self, name: str) -> str:
        value = self.text(name)
        if not _is_slot(value):
            raise self.bad(name, phrase("expect.slot"))
        return value

    def field(self, name: str) -> str:
        return f"{self.where}.{name}"


def _is_slot(value: str) -> bool:
    return bool(value.strip()) and len(value) <= MAX_SLOT


def _raise() -> Any:
    raise ValueError


def _case_from(item: object, where: str, file: str) -> tuple[Case, date | None]:
    """A case record and the day its statement was delivered (null in version 1)."""
    f = _Fields(item, where, file)
    try:
        status = CaseStatus(f.text("status"))
    except ValueError:
        raise f.bad("status", phrase("expect.one_of", options=", ".join(CaseStatus))) from None
    waitlisted = f.item.get("waitlisted", False)
    position = f.number("waitlist_position")
    if waitlisted is not (position is not None) or (position == 0):
        raise f.bad("waitlist_position", phrase("expect.queue_place"))
    if waitlisted and status is CaseStatus.WITHDRAWN:
        raise f.bad("waitlisted", phrase("expect.not_waiting_withdrawn"))
    slot = f.slot("slot")
    session_date = f.day("session_date")
    delivered = f.optional_day("statement_delivered")
    if delivered is not None and status is not CaseStatus.STATEMENT_DELIVERED:
        raise f.bad("statement_delivered", phrase("expect.delivered_null"))
    try:
        questions = booking.clean_questions(f.texts("questions"), f.field("questions"))
        case = Case(
            ref=booking.clean_text(f.text("ref"), f.field("ref"), max_chars=booking.MAX_REF),
            slot=slot,
            session_date=session_date,
            status=status,
            worker=Worker(
                name=booking.clean_text(
                    f.text("worker"), f.field("worker"), max_chars=booking.MAX_NAME
                ),
                email=booking.clean_email(f.text("worker_email"), f.field("worker_email")),
                phone=booking.clean_text(
                    f.text("worker_phone", default=""),
                    f.field("worker_phone"),
                    max_chars=booking.MAX_PHONE,
                    required=False,
                ),
            ),
            municipality=booking.clean_text(
                f.text("municipality"), f.field("municipality"), max_chars=booking.MAX_NAME
            ),
            matter=booking.parse_matter(f.text("matter", default="other"), f.field("matter")),
            expertise=booking.clean_expertise(f.texts("expertise"), f.field("expertise")),
            questions=questions,
            waitlist=position,
            documents_received=f.optional_day("documents_received"),
            late_reason=booking.clean_text(
                f.text("late_reason", default=""),
                f.field("late_reason"),
                max_chars=booking.MAX_REASON,
                required=False,
            ),
            withdrawn_reason=booking.clean_text(
                f.text("withdrawn_reason", default=""),
                f.field("withdrawn_reason"),
                max_chars=booking.MAX_REASON,
                required=False,
            ),
            created_at=f.stamp("created_at"),
            updated_at=f.stamp("updated_at"),
        )
    except MastergroupError as e:
        e.params.setdefault("file", file)
        raise
    return case, delivered


def _expert_from(item: object, where: str, file: str) -> tuple[Expert, tuple[str, ...]]:
    """An expert record (version 2) and the slots of the sessions they attended. Areas are
    kept as written: the configuration's `experts.areas` may have changed since the export."""
    f = _Fields(item, where, file)
    name = f.line("name", max_chars=booking.MAX_NAME)
    title = f.line("title", max_chars=booking.MAX_NAME)
    organisation = f.line("organisation", max_chars=booking.MAX_NAME, required=False)
    email = f.line("email", max_chars=booking.MAX_EMAIL, required=False)
    if email:
        try:
            email = booking.clean_email(email)
        except UsageError:
            raise f.bad("email", phrase("expect.email_or_empty")) from None
    areas = f.texts("areas")
    if any(not _is_area(a) for a in areas) or len(set(areas)) != len(areas):
        raise f.bad("areas", phrase("expect.area_names", max=booking.MAX_NAME))
    expert = Expert(
        name=name,
        title=title,
        organisation=organisation,
        email=email,
        areas=tuple(areas),
        removed=f.flag("removed"),
        created_at=f.stamp("created_at"),
        updated_at=f.stamp("updated_at"),
    )
    attended = f.texts("attended")
    if any(not _is_slot(s) for s in attended) or len(set(attended)) != len(attended):
        raise f.bad("attended", phrase("expect.slot_list"))
    return expert, tuple(attended)


def _is_area(value: str) -> bool:
    return value == value.strip() and 0 < len(value) <= booking.MAX_NAME and "\n" not in value


def _sent_from(item: object, where: str, file: str) -> store.SentRecord:
    """A record of the sent log (version 2): which message already went out."""
    f = _Fields(item, where, file)
    return store.SentRecord(
        key=f.line("key", max_chars=MAX_SENT_KEY),
        kind=f.line("kind", max_chars=MAX_SENT_KEY),
        slot=f.slot("slot"),
        at=f.stamp("sent_at"),
        recipients=f.whole("recipients"),
    )


def _audit_from(item: object, where: str, file: str) -> AuditEntry:
    f = _Fields(item, where, file)
    ref = f.item.get("ref")
    slot = f.item.get("slot")
    if ref is not None and not isinstance(ref, str):
        raise f.bad("ref", phrase("expect.text_or_null"))
    if slot is not None and not isinstance(slot, str):
        raise f.bad("slot", phrase("expect.text_or_null"))
    return AuditEntry(
        at=f.stamp("at"),
        command=f.text("command"),
        ref=ref,
        slot=slot,
        fields=tuple(f.texts("fields")),
        count=f.number("count"),
        detail=f.text("detail", default=""),
    )
