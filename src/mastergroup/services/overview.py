"""What the calendar shows beside each session when there is a register: places booked and free,
and the expertise the attending experts lack (issue 6) — from one read of the register.

`sessions` runs many times a day; this module keeps its path free of the case use cases
(services/cases.py) and reads the register once. Nothing here creates a register or prints.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple

from mastergroup.core.model import Session
from mastergroup.core.panel import Expert, has_quorum, missing_expertise
from mastergroup.i18n.messages import area_name, render
from mastergroup.register import experts as store_experts
from mastergroup.register import store
from mastergroup.services import App

Wished = dict[str, list[tuple[str, tuple[str, ...]]]]


class Overview(NamedTuple):
    slots: dict[str, tuple[int, int]]  # slot -> (booked, free)
    warnings: list[str]


def overview(app: App, sessions: Sequence[Session], lang: str) -> Overview | None:
    """Booked/free places of `sessions` and the expertise warnings of the coming ones; None
    when there is no register (none is created)."""
    with store.reading(app.where, app.scope) as register:
        if register is None:
            return None
        counts = register.holders(s.slot for s in sessions)
        warnings = _warnings(app, register, sessions, lang, counts)
    booked = {s.slot: counts.get(s.slot, 0) for s in sessions}
    slots = {s.slot: (booked[s.slot], max(s.capacity - booked[s.slot], 0)) for s in sessions}
    return Overview(slots, warnings)


def expertise_warnings(app: App, sessions: Sequence[Session], lang: str) -> list[str]:
    """Warnings for the coming, not cancelled sessions among `sessions` that have cases booked
    (cheap: nothing is read, and no register created, when there is none)."""
    if not store.exists(app.where):
        return []
    with store.reading(app.where, app.scope) as register:
        if register is None:
            return []
        return _warnings(app, register, sessions, lang, register.holders(s.slot for s in sessions))


def _warnings(
    app: App,
    register: store.Register,
    sessions: Sequence[Session],
    lang: str,
    holders: dict[str, int],
) -> list[str]:
    # Only sessions with cases holding a place can lack wished expertise: one query each.
    today = app.today
    coming = [s for s in sessions if not s.cancelled and s.date >= today and holders.get(s.slot)]
    if not coming:
        return []
    wished = wished_expertise(register, coming)
    booked = [s for s in coming if wished.get(s.slot)]
    if not booked:
        return []
    attendance = store_experts.attendance(register, [s.slot for s in booked])
    return summaries_for(app, booked, lang, attendance, wished)


def summaries_for(
    app: App,
    sessions: Sequence[Session],
    lang: str,
    attendance: dict[str, list[Expert]],
    wished: Wished,
) -> list[str]:
    """One short line per session lacking expertise, § 14's and the cases' wishes together
    (issue 14: a listing gets one line a session, not a sentence per gap)."""
    required = tuple(app.settings.experts.required)
    lines: list[str] = []
    for session in sessions:
        people = attendance.get(session.slot, [])
        gaps: dict[str, list[str]] = {a: [] for a in missing_expertise(people, (), required)}
        for ref, wishes in wished.get(session.slot, []):
            for area in missing_expertise(people, wishes, ()):
                gaps.setdefault(area, []).append(ref)
        lines += _quorum(app, session, people, lang)
        if not gaps:
            continue
        areas = [
            render("expert.warn_summary_wished", lang, area=area_name(a, lang), refs=", ".join(r))
            if r
            else area_name(a, lang)
            for a, r in gaps.items()
        ]
        lines.append(
            render(
                "expert.warn_summary",
                lang,
                date=session.date,
                iso=session.date.isoformat(),
                areas="; ".join(areas),
            )
        )
    return lines


def _quorum(app: App, session: Session, people: Sequence[Expert], lang: str) -> list[str]:
    """The quorum warning (issue 15: "at least four of its seven experts must attend"), or
    nothing: experts.quorum 0 means no quorum."""
    quorum = app.settings.experts.quorum
    if has_quorum(people, quorum):
        return []
    return [
        render(
            "expert.warn_quorum",
            lang,
            date=session.date,
            iso=session.date.isoformat(),
            count=len(people),
            quorum=quorum,
        )
    ]


def wished_expertise(register: store.Register, sessions: Iterable[Session]) -> Wished:
    """Slot -> (case ref, expertise wished) of the cases holding a place in the session."""
    out: Wished = {}
    for session in sessions:
        out[session.slot] = [
            (c.ref, c.expertise) for c in register.cases(slot=session.slot) if c.holds_place
        ]
    return out


def warnings_for(
    app: App,
    sessions: Sequence[Session],
    lang: str,
    attendance: dict[str, list[Expert]],
    wished: Wished,
) -> list[str]:
    """One sentence per session lacking § 14 expertise and per case whose wish no attendee meets."""
    required = tuple(app.settings.experts.required)
    lines: list[str] = []
    for session in sessions:
        people = attendance.get(session.slot, [])
        if wished.get(session.slot):  # a quorum is needed where there are cases to discuss
            lines += _quorum(app, session, people, lang)
        gaps = missing_expertise(people, (), required)
        if gaps:
            lines.append(
                render(
                    "expert.warn_required",
                    lang,
                    date=session.date,
                    iso=session.date.isoformat(),
                    areas=", ".join(area_name(a, lang) for a in gaps),
                )
            )
        for ref, wishes in wished.get(session.slot, []):
            lacking = missing_expertise(people, wishes, ())
            if lacking:
                lines.append(
                    render(
                        "expert.warn_wished",
                        lang,
                        date=session.date,
                        ref=ref,
                        areas=", ".join(area_name(a, lang) for a in lacking),
                    )
                )
    return lines
