"""Use cases of the case register: book, list, show, edit, move, withdraw, documents, status,
purge, export and import.

Every use case checks all of its input (the identity-code guard first) before the register is
opened for writing, runs as one transaction, and returns a result; nothing here prints. A
refused command leaves the register as it was, and never creates one.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from mastergroup.core import booking
from mastergroup.core.errors import (
    NotFoundError,
    RuleError,
    UsageError,
)
from mastergroup.core.model import (
    AuditEntry,
    Case,
    CaseStatus,
    Matter,
    ReceivedDocument,
    Session,
    Worker,
)
from mastergroup.core.results import Booked, CaseView, Changed, ListingShape
from mastergroup.core.rules import documents_due, find_session
from mastergroup.i18n.messages import phrase
from mastergroup.register import backup, store
from mastergroup.register.fields import CASE
from mastergroup.services import App

WAITLISTED = "waitlisted"  # `case list --status waitlisted`: not a status, a place in the queue


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
    # `case edit`, one question at a time (issue 13): numbers are the questions' numbers
    # before the edit; removals and replacements apply first, additions go at the end.
    add_questions: Sequence[str] = ()
    remove_questions: Sequence[int] = ()
    replace_questions: Sequence[tuple[int, str]] = ()

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
        pairs += [(f"--add-question {n}", q) for n, q in enumerate(self.add_questions, start=1)]
        pairs += [(f"--replace-question {n}", q) for n, q in self.replace_questions]
        return pairs

    @property
    def one_by_one(self) -> bool:
        return bool(self.add_questions or self.remove_questions or self.replace_questions)


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


def view_of(app: App, case: Case) -> CaseView:
    return views_of(app, [case])[0]


def views_of(app: App, cases: Iterable[Case]) -> list[CaseView]:
    """Cases with their sessions as configured now (a moved session shows its new date)."""
    return list(each_view(app, cases))


def each_view(app: App, cases: Iterable[Case]) -> Iterator[CaseView]:
    """`views_of` as `cases` are read."""
    schedule = app.settings.schedule
    sessions: dict[tuple[str, date], Session | None] = {}
    for stored in cases:
        key = (stored.slot, stored.session_date)
        if key not in sessions:  # thousands of cases share a few dozen sessions
            sessions[key] = booking.session_of(schedule, stored.slot, stored.session_date)
        session = sessions[key]
        moved = session is not None and session.date != stored.session_date
        shown = stored._replace(session_date=session.date) if session and moved else stored
        yield CaseView(shown, session)


def _watched_slots(app: App, *extra: str) -> list[str]:
    """The slots whose counts a booking decision reads: the coming sessions and the target."""
    return [s.slot for s in booking.bookable(app.settings.schedule, app.today)] + list(extra)


def find_case(app: App, register: store.Register, ref: str, session: date | None) -> Case:
    """The case `ref` (in the session on `session`, when given); NotFound or ambiguous."""
    if session is not None:
        found_session = find_session(app.settings.schedule, session)
        if found_session is not None:
            found = register.cases(ref_any_case=ref, slot=found_session.slot)
        else:
            found = [c for c in _by_ref(register, ref) if c.session_date == session]
        found = _exact_first(found, ref)
        if not found:
            raise NotFoundError("case.not_found_in", ref=ref, date=session)
        return found[0]
    found = _by_ref(register, ref)
    if not found:
        raise NotFoundError("case.not_found", ref=ref)
    if len(found) > 1:
        dates = ", ".join(c.session_date.isoformat() for c in found)
        raise UsageError("case.ambiguous", ref=ref, dates=dates)
    return found[0]


def _by_ref(register: store.Register, ref: str) -> list[Case]:
    """The cases written exactly `ref` (by the index), else those whatever the case."""
    return register.cases(ref=ref) or register.cases(ref_any_case=ref)


def _exact_first(found: list[Case], ref: str) -> list[Case]:
    """References match whatever their case; one written exactly as given comes first (a
    register from before issue 14 may hold `LS-1` and `ls-1`)."""
    return sorted(found, key=lambda c: c.ref != ref)


def require_register(app: App, ref: str) -> None:
    """Commands on a stored case refuse before a register is created for nothing."""
    if not store.exists(app.where):
        raise NotFoundError("case.not_found", ref=ref)


def check_ref(ref: str, option: str = "REF") -> str:
    booking.guard_privacy([(option, ref)])
    return booking.clean_text(ref, option, max_chars=booking.MAX_REF)


def _refuse_duplicate(register: store.Register, ref: str, slot: str, day: date) -> None:
    """A reference is unique within a session (withdrawn cases keep theirs)."""
    if register.cases(ref_any_case=ref, slot=slot):
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


def expertise_keys(app: App, raw: Sequence[str], option: str = "--expertise") -> tuple[str, ...]:
    """The expertise wished, as area keys (or a county's own areas, experts.areas): each text
    must name one (a key or a name in fi/sv/en); an unknown one is refused with the list.
    Free texts stored before this check stay as they are and are shown as written."""
    from mastergroup.services.experts import resolve_areas

    cleaned = booking.clean_expertise(raw, option)
    return resolve_areas(app, cleaned, option, key="case.bad_expertise")


def _clean_new(app: App, data: CaseInput) -> _NewCase:
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
        matter=parse_matter(data.matter, app.language()) if data.matter else Matter.OTHER,
        expertise=expertise_keys(app, data.expertise or ()),
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
    new = _clean_new(app, data)
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

    with store.reading(app.where, app.scope) as register:  # refusals never create a register
        decide(register)
    # the decision again, under the write lock
    with store.writing(app.where, app.scope) as register:
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
    return CASE.given(case)


# --- reading -------------------------------------------------------------------------------


STATUS_WORDS: tuple[str, ...] = (*(s.value for s in CaseStatus), WAITLISTED)


def parse_status(value: str, option: str = "--status", lang: str = "fi") -> CaseStatus | str:
    """A status by its key or its name in fi/sv/en (`peruttu`, `återkallat`, `withdrawn`)."""
    from mastergroup.i18n import vocabulary

    key = vocabulary.resolve("status", STATUS_WORDS, value)
    if key is None:
        allowed = vocabulary.choices("status", STATUS_WORDS, lang)
        raise UsageError("case.bad_status", field=option, allowed=allowed)
    return WAITLISTED if key == WAITLISTED else CaseStatus(key)


def parse_matter(value: str, lang: str, option: str = "--matter") -> Matter:
    """A matter by its key or its name in fi/sv/en (`sijaishuolto`, `vård utom hemmet`)."""
    from mastergroup.i18n import vocabulary

    keys = [m.value for m in Matter]
    key = vocabulary.resolve("matter", keys, value)
    if key is None:
        allowed = vocabulary.choices("matter", keys, lang)
        raise UsageError("case.bad_matter", field=option, allowed=allowed)
    return Matter(key)


# A case of a held session is still the coordinator's business until its statement is out.
OPEN: tuple[CaseStatus, ...] = (
    CaseStatus.BOOKED,
    CaseStatus.DOCUMENTS_RECEIVED,
    CaseStatus.DISCUSSED,
)


@dataclass(frozen=True)
class CaseFilter:
    """What `case list` narrows to; None or empty: not given."""

    session: date | None = None
    first: date | None = None  # --from: sessions on or after
    last: date | None = None  # --to: sessions on or before
    everything: bool = False  # --all: held sessions too, whatever their cases' state
    status: CaseStatus | str | None = None
    municipality: str | None = None
    matter: str | None = None
    search: str | None = None

    def texts(self) -> list[tuple[str, str | None]]:
        return [
            ("--municipality", self.municipality),
            ("--matter", self.matter),
            ("--search", self.search),
        ]


def _haystack(case: Case) -> str:
    """What `--search` looks in: reference, social worker, contact, unit, questions, reasons."""
    parts = (
        case.ref, case.worker.name, case.worker.email, case.worker.phone, case.municipality,
        *case.questions, case.late_reason, case.withdrawn_reason,
    )  # fmt: skip
    return "\n".join(parts).casefold()


def list_cases(
    app: App,
    *,
    session: date | None = None,
    status: CaseStatus | str | None = None,
    everything: bool = False,
    where: CaseFilter | None = None,
) -> list[CaseView]:
    """Cases of one session, of a range, or by default of the coming sessions and of held ones
    still open (not withdrawn, statement not delivered); `everything`: all sessions.

    The other filters (municipality, matter, free text) narrow any of these, case-insensitively.
    """
    with listing(app, session=session, status=status, everything=everything, where=where) as found:
        return list(found())


class Listed:
    """The cases of a listing: each call reads them once more as they are read. `shape`, when a
    listing is one SQL selection with no filter applied in Python, gives a text listing its
    column widths by an aggregate query instead of a second pass (issue 18); else None."""

    def __init__(
        self,
        read: Callable[[], Iterator[CaseView]],
        shape: Callable[[], ListingShape] | None = None,
    ) -> None:
        self._read, self.shape = read, shape

    def __call__(self) -> Iterator[CaseView]:
        return self._read()


@contextlib.contextmanager
def listing(
    app: App,
    *,
    session: date | None = None,
    status: CaseStatus | str | None = None,
    everything: bool = False,
    where: CaseFilter | None = None,
) -> Iterator[Listed]:
    """`list_cases` as they are read (issue 18): inside the `with`, each call of what it
    gives reads the cases once more, in one consistent transaction, without holding them
    (a text listing gets its column widths from `shape` when it has one, else by a pass)."""
    given = where or CaseFilter(session=session, status=status, everything=everything)
    booking.guard_privacy(given.texts())
    if given.session is not None and (given.first or given.last or given.everything):
        raise UsageError("case.list_session_or_range")
    if given.first and given.last and given.first > given.last:
        raise UsageError("case.list_bad_range", first=given.first, last=given.last)
    matter = parse_matter(given.matter, app.language()) if given.matter else None
    kind = given.status if isinstance(given.status, CaseStatus) else None
    waiting = True if given.status == WAITLISTED else None
    municipality = given.municipality.strip().casefold() if given.municipality else None
    text = given.search.strip().casefold() if given.search else None
    today = app.today

    def wanted(case: Case) -> bool:
        return (
            (matter is None or case.matter is matter)
            and (municipality is None or municipality in case.municipality.casefold())
            and (text is None or text in _haystack(case))
        )

    with store.reading(app.where, app.scope) as register:
        if register is None:
            yield Listed(lambda: iter(()))
            return
        held: store.Register = register
        shape_filters: dict[str, Any] | None = None
        Selection = Callable[[], Generator[tuple[Case, date | None], None, None]]
        selections: list[Selection]
        if given.session is not None:
            found = find_session(app.settings.schedule, given.session)
            if found is None:
                raise NotFoundError("case.no_session_listed", date=given.session)
            slot = found.slot
            selections = [lambda: held.each_case(slot=slot, status=kind, waiting=waiting)]
            shape_filters = {"slot": slot, "status": kind, "waiting": waiting}
        elif given.first or given.last or given.everything:
            first = given.first
            before = given.last + timedelta(days=1) if given.last else None
            selections = [
                lambda: held.each_case(since=first, before=before, status=kind, waiting=waiting)
            ]
            shape_filters = {"since": first, "before": before, "status": kind, "waiting": waiting}
        else:  # held sessions' open cases, then the coming sessions (session order throughout)
            still_open = [s for s in OPEN if kind in (None, s)]
            selections = [
                lambda: held.each_case(before=today, statuses=still_open, waiting=waiting),
                lambda: held.each_case(since=today, status=kind, waiting=waiting),
            ]
        passes: list[Generator[tuple[Case, date | None], None, None]] = []

        def read() -> Iterator[Case]:
            for select in selections:
                each = select()
                passes.append(each)
                yield from (case for case, _ in each if wanted(case))

        def shape() -> ListingShape:
            found = held.listing_shape(**(shape_filters or {}))
            schedule = app.settings.schedule
            shown = set()
            for slot_, day in found.sessions:  # the date each view shows: moved or not
                session_ = booking.session_of(schedule, slot_, day)
                shown.add((slot_, session_.date if session_ is not None else day))
            return found._replace(sessions=sorted(shown))

        sql_only = shape_filters is not None and matter is None and not municipality and not text
        try:
            yield Listed(lambda: each_view(app, read()), shape if sql_only else None)
        finally:  # a pass stopped early (a full disk) ends its statement inside the transaction
            for each in passes:
                each.close()


@contextlib.contextmanager
def exporting(app: App) -> Iterator[backup.Exported]:
    """The whole register as a versioned backup, read while it is written inside the `with`
    (README: "Backup format"; `export` holds it in memory)."""
    with store.reading(app.where, app.any_scope) as register:  # every group's cases
        exported = backup.stream(register)
        try:
            yield exported
        finally:
            exported.close()


def show_case(app: App, ref: str, *, session: date | None = None) -> CaseView:
    ref = check_ref(ref)
    with store.reading(app.where, app.scope) as register:
        if register is None:
            raise NotFoundError("case.not_found", ref=ref)
        return view_of(app, find_case(app, register, ref, session))


def audit_log(app: App, ref: str | None = None) -> list[AuditEntry]:
    if ref is not None:
        ref = check_ref(ref, "--ref")
    with store.reading(app.where, app.scope) as register:
        return register.audit(ref) if register else []


# --- changes -------------------------------------------------------------------------------


def edit_case(app: App, ref: str, data: CaseInput, *, session: date | None = None) -> Changed:
    """Change any field given in `data` (questions until the document deadline)."""
    ref = check_ref(ref)
    booking.guard_privacy(data.texts("--new-ref"))
    changes: dict[str, Any] = {}
    if data.ref is not None:
        changes["ref"] = booking.clean_text(data.ref, "--new-ref", max_chars=booking.MAX_REF)
    if data.municipality is not None:
        changes["municipality"] = booking.clean_text(
            data.municipality, "--municipality", max_chars=booking.MAX_NAME
        )
    if data.matter is not None:
        changes["matter"] = parse_matter(data.matter, app.language())
    if data.expertise is not None:
        changes["expertise"] = expertise_keys(app, data.expertise)
    if data.questions is not None:
        if data.one_by_one:
            raise UsageError("case.questions_all_or_one")
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
    if not changes and not worker and not data.one_by_one:
        raise UsageError("case.nothing_to_edit")
    require_register(app, ref)
    with store.writing(app.where, app.scope) as register:
        case = find_case(app, register, ref, session)
        if data.one_by_one:
            changes["questions"] = _questions_one_by_one(case.questions, data)
        edited = case._replace(worker=case.worker._replace(**worker), **changes)
        before, after = _fields(case), _fields(edited)
        changed = tuple(name for name in after if after[name] != before[name])
        if "questions" in changed:
            view = view_of(app, case)
            due = (
                view.session.documents_due
                if view.session
                else documents_due(app.settings.schedule, case.session_date)
            )
            booking.check_questions_editable(view.case.session_date, due, app.today)
        if "ref" in changed:
            _refuse_duplicate(register, edited.ref, case.slot, case.session_date)
        if not changed:
            return Changed(view_of(app, case))
        saved = register.update(edited)
        counted = f"questions {len(case.questions)} -> {len(saved.questions)}"
        register.log(
            "edit",
            ref=saved.ref,
            slot=saved.slot,
            fields=changed,
            detail="renamed" if "ref" in changed else (counted if "questions" in changed else ""),
        )
    had = len(case.questions) if "questions" in changed else None
    return Changed(view_of(app, saved), fields=changed, questions_before=had)


def _questions_one_by_one(current: Sequence[str], data: CaseInput) -> tuple[str, ...]:
    """The questions after --remove-question, --replace-question and --add-question (numbers
    as they were before the edit), checked like a booking's (1-3, none empty)."""
    count = len(current)
    numbers = [*data.remove_questions, *(n for n, _ in data.replace_questions)]
    for number in numbers:
        if not 1 <= number <= count:
            raise UsageError("case.no_such_question", number=number, count=count)
    if len(set(numbers)) != len(numbers):
        raise UsageError("case.question_twice")
    replaced = dict(data.replace_questions)
    kept = [replaced.get(n, q) for n, q in enumerate(current, start=1)
            if n not in data.remove_questions]  # fmt: skip
    return booking.clean_questions([*kept, *data.add_questions])


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
    ref = check_ref(ref)
    booking.guard_privacy([("--reason", reason)])
    late_reason = _reason(late, reason)
    schedule, today = app.settings.schedule, app.today
    target = booking.session_for_booking(schedule, to, today)
    require_register(app, ref)
    with store.writing(app.where, app.scope) as register:
        case = find_case(app, register, ref, session)
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
    ref = check_ref(ref)
    booking.guard_privacy([("--reason", reason)])
    reason = booking.clean_text(reason, "--reason", max_chars=booking.MAX_REASON)
    require_register(app, ref)
    with store.writing(app.where, app.scope) as register:
        case = find_case(app, register, ref, session)
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
    return Changed(view_of(app, saved), fields=("status",), promoted=promoted)


def reinstate_case(
    app: App,
    ref: str,
    *,
    session: date | None = None,
    late: bool = False,
    reason: str | None = None,
) -> Changed:
    """Undo a withdrawal: the case goes back to its session, holding a place if there is room
    and the cutoff allows (or `late` with a reason), else at the end of its waiting list.
    Its questions and documents are as they were; the status is booked, or
    documents_received when they had arrived."""
    ref = check_ref(ref)
    booking.guard_privacy([("--reason", reason)])
    late_reason = _reason(late, reason)
    schedule, today = app.settings.schedule, app.today
    require_register(app, ref)
    with store.writing(app.where, app.scope) as register:
        case = find_case(app, register, ref, session)
        if case.status is not CaseStatus.WITHDRAWN:
            shown = phrase(f"case.status.{case.status.value}")  # in words, not the key
            raise RuleError("case.not_withdrawn", ref=case.ref, status=shown)
        target = booking.session_of(schedule, case.slot, case.session_date)
        if target is None or target.cancelled:
            raise RuleError("case.session_cancelled", date=case.session_date)
        if target.date < today:
            raise RuleError("case.session_past", date=target.date, today=today)
        counts = register.holders(_watched_slots(app, target.slot))
        past_cutoff = today > target.booking_deadline
        full = counts.get(target.slot, 0) >= target.capacity
        waiting = full or (past_cutoff and not late)
        status = CaseStatus.DOCUMENTS_RECEIVED if case.documents_received else CaseStatus.BOOKED
        saved = register.update(
            case._replace(
                status=status,
                session_date=target.date,
                withdrawn_reason="",  # "" when not withdrawn (README: Case JSON)
                late_reason=late_reason if past_cutoff and not waiting else case.late_reason,
            ),
            waiting=waiting,
        )
        detail = "waitlisted" if waiting else ("late" if past_cutoff else "")
        register.log("reinstate", ref=saved.ref, slot=saved.slot,
                     fields=("status", "withdrawn_reason"), detail=detail)  # fmt: skip
        booked = register.holders([target.slot]).get(target.slot, 0)
    return Changed(
        CaseView(saved, target),
        fields=("status",),
        late=past_cutoff and not waiting,
        held=booked,
        full=full,
    )


def record_documents(
    app: App,
    ref: str,
    *,
    received: date | None = None,
    session: date | None = None,
    kinds: Sequence[str] = (),
) -> Changed:
    """Record that documents arrived on `received` (default today): the case's status becomes
    documents_received; each of `kinds` (keys of `documents.kinds`) is kept with its day. A
    kind recorded again gets the new day; kinds may be added after the first arrival. The
    documents themselves stay in the client system."""
    ref = check_ref(ref)
    named = [(f"KIND {n}", k) for n, k in enumerate(kinds, start=1)]
    booking.guard_privacy(named)
    wanted = _document_kinds(app, kinds)
    day = received or app.today
    booking.check_documents_date(day, app.today)
    require_register(app, ref)
    with store.writing(app.where, app.scope) as register:
        case = find_case(app, register, ref, session)
        first = case.status is CaseStatus.BOOKED or not wanted
        if first:
            booking.check_status_change(
                case, CaseStatus.DOCUMENTS_RECEIVED, case.session_date, app.today
            )
        elif case.status is CaseStatus.WITHDRAWN:
            raise RuleError("case.bad_transition", ref=case.ref, status=case.status,
                            target=CaseStatus.DOCUMENTS_RECEIVED)  # fmt: skip
        kept = [d for d in case.documents if d.kind not in wanted]
        documents = tuple(kept + [ReceivedDocument(k, day) for k in wanted])
        changes: dict[str, Any] = {"documents": documents}
        fields = ["documents"] if wanted else []
        if first:
            changes |= {"status": CaseStatus.DOCUMENTS_RECEIVED, "documents_received": day}
            fields = ["status", "documents_received", *fields]
        saved = register.update(case._replace(**changes))
        register.log("documents", ref=saved.ref, slot=saved.slot, fields=fields,
                     detail=",".join(wanted))  # fmt: skip
    return Changed(view_of(app, saved), fields=tuple(fields), documents=wanted)


def _document_kinds(app: App, kinds: Sequence[str]) -> tuple[str, ...]:
    """The kinds given, each once, every one a key of the configuration's `documents.kinds`."""
    allowed = app.settings.documents.kinds
    found = []
    for number, raw in enumerate(kinds, start=1):
        kind = raw.strip().lower().replace("-", "_")
        if kind not in allowed:  # the value is not echoed: it might be anything typed
            raise UsageError("case.bad_document_kind", field=f"KIND {number}",
                             allowed=", ".join(allowed))  # fmt: skip
        if kind not in found:
            found.append(kind)
    return tuple(found)


def set_status(app: App, ref: str, target: str, *, session: date | None = None) -> Changed:
    """Mark a case discussed or its statement delivered (or undo a record of documents)."""
    ref = check_ref(ref)
    booking.guard_privacy([("STATUS", target)])
    status = parse_status(target, "STATUS", app.language())
    if status == CaseStatus.WITHDRAWN:
        raise UsageError("case.status_use_withdraw")
    if status == CaseStatus.DOCUMENTS_RECEIVED:
        raise UsageError("case.status_use_documents")
    if not isinstance(status, CaseStatus):
        raise UsageError("case.status_use_move")
    require_register(app, ref)
    with store.writing(app.where, app.scope) as register:
        case = find_case(app, register, ref, session)
        held = view_of(app, case).case.session_date
        saved = change_status(register, case, status, held, app.today, command="status")
    return Changed(view_of(app, saved), fields=("status",))


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
    undo = status is CaseStatus.BOOKED
    saved = register.update(
        case._replace(
            status=status,
            documents_received=None if undo else case.documents_received,
            documents=() if undo else case.documents,
        )
    )
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
    with store.reading(app.where, app.scope) as register:
        return sum(1 for _ in register.each_case(before=before)) if register else 0


def purge(app: App, before: date) -> int:
    """Delete the cases of sessions before `before` (retention); the count goes to the log."""
    booking.check_purge_before(before, app.today)
    if not store.exists(app.where):
        return 0
    with store.writing(app.where, app.scope) as register:
        removed = register.delete_before(before)
        register.log("purge", count=removed, detail=f"before {before.isoformat()}")
    return removed


def export(app: App) -> dict[str, Any]:
    """The whole register as a versioned backup (README: "Backup format")."""
    with store.reading(app.where, app.any_scope) as register:
        return backup.document(register)


def import_backup(app: App, path: Path) -> Imported:
    """Restore a backup into an empty register: all of it in one transaction, or nothing."""
    # Everything is checked before the register is opened: a refused import leaves no register
    # behind where there was none, and an existing one as it was.
    found = backup.load(path)
    # issue 15: each group's cases against its own sessions; a case without a group (a backup
    # of version 1-3) goes into the group chosen (--group, else the only or the default one)
    scope = app.scope if any(not c.group for c in found.cases) else app.any_scope
    for group in sorted({c.group or scope.name for c in found.cases}):
        settings = app.root_settings.group_by_id(group) if group else app.settings
        if settings is None:
            ids = ", ".join(g.group.id for g in app.root_settings.all_groups())
            raise UsageError("input.unknown_group", value=group, groups=ids)
        mine = [c for c in found.cases if (c.group or scope.name) == group]
        checked = dataclasses.replace(found, cases=mine)
        backup.check_sessions(checked, settings.schedule, app.today, str(path))
    with store.writing(app.where, scope) as register:
        backup.restore(register, found)
        register.log("import", count=len(found.cases))
    return Imported(len(found.cases), len(found.audit), len(found.experts), len(found.sent))
