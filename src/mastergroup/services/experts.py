"""Use cases of the experts' pool and session attendance (warnings: services/overview.py).

Every input passes the identity-code guard first; every change is one transaction with an
audit line (field names, never values). Nothing here prints.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from mastergroup.core import booking
from mastergroup.core.errors import NotFoundError, RuleError, UsageError
from mastergroup.core.model import Session
from mastergroup.core.panel import Expert, area_key
from mastergroup.core.rules import find_session
from mastergroup.register import experts as store_experts
from mastergroup.register import store
from mastergroup.services import App
from mastergroup.services.overview import warnings_for, wished_expertise


@dataclass(frozen=True)
class ExpertInput:
    """Options of `expert add` and `expert edit`; None: not given."""

    name: str | None = None
    title: str | None = None
    organisation: str | None = None
    email: str | None = None
    areas: Sequence[str] | None = None

    def texts(self) -> list[tuple[str, str | None]]:
        pairs: list[tuple[str, str | None]] = [
            ("--name", self.name),
            ("--title", self.title),
            ("--organisation", self.organisation),
            ("--email", self.email),
        ]
        return pairs + [(f"--area {n}", a) for n, a in enumerate(self.areas or (), start=1)]


@dataclass(frozen=True)
class Attendance:
    """A session with its attending experts and what expertise it lacks."""

    session: Session
    experts: list[Expert]
    warnings: list[str]
    unknown: tuple[str, ...] = ()  # names given to --remove that did not attend


def resolve_areas(
    app: App, raw: Sequence[str], option: str = "--area", *, key: str = "expert.bad_area"
) -> tuple[str, ...]:
    """Area keys for `raw`, in order, repeats dropped: each a key of experts.areas or its name
    in fi/sv/en (i18n/vocabulary.py), or a common synonym (core/panel.py), or a county's own
    area by its name; the first that names none is refused with the list (`key`)."""
    from mastergroup.i18n import vocabulary

    allowed = tuple(app.pool_settings.experts.areas)
    chosen: list[str] = []
    for number, text in enumerate(raw, start=1):
        if not text.strip():
            continue
        found = vocabulary.resolve("area", allowed, text, synonyms=area_key)
        if found is None:
            names = vocabulary.choices("area", allowed, app.language())
            field = f"{option} {number}" if len(raw) > 1 else option  # which one, not its text
            raise UsageError(key, field=field, value=text, allowed=names)
        if found not in chosen:
            chosen.append(found)
    return tuple(chosen)


def _areas(app: App, raw: Sequence[str]) -> tuple[str, ...]:
    return resolve_areas(app, raw)


def _clean(app: App, data: ExpertInput, *, new: bool) -> dict[str, object]:
    """The given fields, checked; for a new expert --name and --title are required."""
    booking.guard_privacy(data.texts())
    if new:
        missing = [o for o, v in (("--name", data.name), ("--title", data.title)) if not v]
        if missing:
            raise UsageError("expert.missing", options=", ".join(missing))
    out: dict[str, object] = {}
    if data.name is not None:
        out["name"] = booking.clean_text(data.name, "--name", max_chars=booking.MAX_NAME)
    if data.title is not None:
        out["title"] = booking.clean_text(data.title, "--title", max_chars=booking.MAX_NAME)
    if data.organisation is not None:
        out["organisation"] = booking.clean_text(
            data.organisation, "--organisation", max_chars=booking.MAX_NAME, required=False
        )
    if data.email is not None:
        out["email"] = booking.clean_email(data.email) if data.email.strip() else ""
    if data.areas is not None:
        out["areas"] = _areas(app, data.areas)
    return out


def _get(register: store.Register, name: str) -> Expert:
    found = store_experts.find(register, name)
    if found is None or found.removed:
        raise NotFoundError("expert.not_found", name=name)
    return found


def add_expert(app: App, data: ExpertInput) -> Expert:
    """Add an expert to the pool (one removed earlier under the same name comes back)."""
    fields = _clean(app, data, new=True)
    with store.writing(app.where) as register:  # the pool: shared by every group
        old = store_experts.find(register, str(fields["name"]))
        if old is not None and not old.removed:
            raise RuleError("expert.exists", name=old.name)
        base = old or Expert(name="", title="")
        saved = store_experts.save(register, base._replace(removed=False, **fields))  # type: ignore[arg-type]
        register.log("expert add", fields=sorted(fields), detail="restored" if old else "")
    return saved


def list_experts(app: App, *, removed: bool = False) -> list[Expert]:
    with store.reading(app.where) as register:  # the pool: shared by every group
        return store_experts.experts(register, removed=removed) if register else []


def edit_expert(app: App, name: str, data: ExpertInput) -> tuple[Expert, tuple[str, ...]]:
    booking.guard_privacy([("NAME", name)])
    fields = _clean(app, data, new=False)
    if not fields:
        raise UsageError("expert.nothing_to_edit")
    if not store.exists(app.where):
        raise NotFoundError("expert.not_found", name=name)
    with store.writing(app.where) as register:  # the pool: shared by every group
        old = _get(register, name)
        new_name = fields.get("name")
        if new_name is not None and new_name != old.name:
            clash = store_experts.find(register, str(new_name))
            if clash is not None and clash.id != old.id:
                raise RuleError("expert.exists", name=clash.name)
        edited = old._replace(**fields)  # type: ignore[arg-type]
        changed = tuple(k for k in sorted(fields) if getattr(old, k) != getattr(edited, k))
        if changed:
            edited = store_experts.save(register, edited)
            register.log("expert edit", fields=changed)
    return edited, changed


def remove_expert(app: App, name: str) -> bool:
    """Remove an expert from the pool; True if deleted, False if kept (marked removed) because
    past sessions name them."""
    booking.guard_privacy([("NAME", name)])
    if not store.exists(app.where):
        raise NotFoundError("expert.not_found", name=name)
    with store.writing(app.where) as register:  # the pool: shared by every group
        expert = _get(register, name)
        assert expert.id is not None  # noqa: S101 - a stored expert has an id
        if store_experts.attended_any(register, expert.id):
            store_experts.save(register, expert._replace(removed=True))
            register.log("expert remove", detail="kept for past sessions")
            return False
        store_experts.delete(register, expert.id)
        register.log("expert remove")
        return True


def _session(app: App, day: date) -> Session:
    session = find_session(app.settings.schedule, day)
    if session is None:
        raise NotFoundError("expert.no_session", date=day)
    return session


def session_experts(
    app: App, day: date, *, add: Sequence[str] = (), remove: Sequence[str] = ()
) -> Attendance:
    """Record who attends the session on `day` (add/remove by name); the attendance and its
    warnings. Without add or remove, only reads."""
    booking.guard_privacy([*(("--add", n) for n in add), *(("--remove", n) for n in remove)])
    session = _session(app, day)
    lang = app.language()
    if not add and not remove:
        with store.reading(app.where, app.scope) as register:
            if register is None:
                return Attendance(session, [], warnings_for(app, [session], lang, {}, {}))
            people = store_experts.attendees(register, session.slot)
            wished = wished_expertise(register, [session])
        return Attendance(
            session, people, warnings_for(app, [session], lang, {session.slot: people}, wished)
        )
    if not store.exists(app.where):
        raise NotFoundError("expert.not_found", name=(add or remove)[0])
    with store.writing(app.where, app.scope) as register:
        adding = [_get(register, n) for n in add]
        before = {e.name for e in store_experts.attendees(register, session.slot)}
        taking = [store_experts.find(register, n) for n in remove]
        unknown = tuple(
            n for n, e in zip(remove, taking, strict=True) if e is None or e.name not in before
        )
        store_experts.set_attendance(
            register, session.slot, [e.id for e in adding if e.id], add=True
        )
        store_experts.set_attendance(
            register, session.slot, [e.id for e in taking if e is not None and e.id], add=False
        )
        register.log(
            "session experts",
            slot=session.slot,
            count=len(adding) + len(taking) - len(unknown),
            detail=f"+{len(adding)} -{len(taking) - len(unknown)}",
        )
        people = store_experts.attendees(register, session.slot)
        wished = wished_expertise(register, [session])
    warnings = warnings_for(app, [session], lang, {session.slot: people}, wished)
    return Attendance(session, people, warnings, unknown)
