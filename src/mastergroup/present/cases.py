"""Rendering the case register for people and scripts: result lines, a case, lists, JSON.

Rich is imported inside `cases_table` only; text and JSON never pay for it. JSON records are
`store.case_record` (README: "Case JSON"), a contract: fields are added, never removed.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date
from functools import lru_cache
from typing import cast

from mastergroup.core.model import AuditEntry, Case
from mastergroup.core.results import Booked, CaseView, Changed, ListingShape
from mastergroup.i18n.dates import short_date, time_range
from mastergroup.i18n.messages import area_name, document_name, format_date, render
from mastergroup.register.store import audit_record, case_record


@lru_cache(maxsize=1024)  # a long list repeats a few dozen session dates
def day(value: date, lang: str) -> str:
    """`pe 31.3.2023` / `fre 31.3.2023` / `Fri 31 Mar 2023`."""
    short = short_date(value, lang)
    return f"{short} {value.year}" if lang == "en" else f"{short}{value.year}"


def session_label(view: CaseView, lang: str) -> str:
    """The case's session with its time when the configuration still has it."""
    text = day(view.case.session_date, lang)
    if view.session is None:
        return text
    note = f" ({render('label.cancelled', lang)})" if view.session.cancelled else ""
    return f"{text} {time_range(view.session.start, view.session.end, lang)}{note}"


def status_label(case: Case, lang: str) -> str:
    if case.waiting:  # "jonossa 1.", not "varattu, jonossa 1." (issue 14)
        return render("case.label.waiting", lang, position=case.waitlist)
    return render(f"case.status.{case.status.value}", lang)


# --- results of commands ------------------------------------------------------------------


def booked_text(result: Booked, lang: str) -> str:
    case, session = result.view.case, day(result.view.case.session_date, lang)
    if case.waiting:
        lines = [
            render(
                "case.added_waitlist", lang, ref=case.ref, session=session, position=case.waitlist
            )
        ]
    else:
        lines = [
            render(
                "case.added",
                lang,
                ref=case.ref,
                session=session,
                booked=result.booked,
                capacity=result.capacity,
            )
        ]
    if result.late and result.view.session is not None:
        cutoff = result.view.session.booking_deadline
        lines.append(render("case.late_note", lang, cutoff=cutoff, reason=case.late_reason))
    return "\n".join(lines)


def promoted_text(promoted: Case | None, lang: str) -> list[str]:
    if promoted is None:
        return []
    return [
        render("case.promoted", lang, ref=promoted.ref, session=day(promoted.session_date, lang))
    ]


def moved_text(result: Changed, lang: str) -> str:
    case = result.view.case
    params = {
        "ref": case.ref,
        "from_date": day(result.moved_from, lang) if result.moved_from else "?",
        "session": day(case.session_date, lang),
        "position": case.waitlist,
    }
    lines = [render("case.moved_waitlist" if case.waiting else "case.moved", lang, **params)]
    if result.late and result.view.session is not None:
        cutoff = result.view.session.booking_deadline
        lines.append(render("case.late_note", lang, cutoff=cutoff, reason=case.late_reason))
    return "\n".join(lines + promoted_text(result.promoted, lang))


def withdrawn_text(result: Changed, lang: str) -> str:
    case = result.view.case
    line = render("case.withdrawn_done", lang, ref=case.ref, session=day(case.session_date, lang))
    return "\n".join([line, *promoted_text(result.promoted, lang)])


def reinstated_text(result: Changed, lang: str) -> str:
    """`case reinstate`: back in a place, or on the waiting list and why."""
    case, session = result.view.case, result.view.session
    when = day(case.session_date, lang)
    if not case.waiting:
        capacity = session.capacity if session else 0
        lines = [render("case.reinstated", lang, ref=case.ref, session=when,
                        booked=result.held, capacity=capacity)]  # fmt: skip
        if result.late and session is not None:
            lines.append(render("case.late_note", lang, cutoff=session.booking_deadline,
                                reason=case.late_reason))  # fmt: skip
        return "\n".join(lines)
    key = "case.reinstated_full" if result.full else "case.reinstated_cutoff"
    cutoff = session.booking_deadline if session else case.session_date
    return render(key, lang, ref=case.ref, session=when, position=case.waitlist, cutoff=cutoff)


def edited_text(result: Changed, lang: str) -> str:
    ref = result.view.case.ref
    if not result.fields:
        return render("case.unchanged", lang, ref=ref)
    line = render("case.edited", lang, ref=ref, fields=", ".join(field_names(result.fields, lang)))
    if result.questions_before is not None:  # issue 13: never a silent "2 became 1"
        after = len(result.view.case.questions)
        counts = render("case.questions_counted", lang, before=result.questions_before,
                        count=after)  # fmt: skip
        line += "\n" + counts
    return line


def field_names(fields: Sequence[str], lang: str) -> list[str]:
    """`worker_phone` -> `puhelin`: a field as the user's language names it (issue 14)."""
    named = []
    for name in fields:
        text = render(f"case.field.{name}", lang)
        named.append(name if text == f"case.field.{name}" else text)
    return named


def documents_text(result: Changed, lang: str) -> str:
    case, kinds = result.view.case, result.documents
    if "documents" in result.fields:  # issue 13: which ones came, and all that have
        day_of = {d.kind: d.received for d in case.documents}
        return render(
            "case.documents_kinds_done",
            lang,
            ref=case.ref,
            date=day_of[kinds[-1]] if kinds else date.min,
            kinds=", ".join(document_name(k, lang) for k in kinds),
            documents=received_documents(case, lang),
        )
    received = case.documents_received or date.min
    return render("case.documents_done", lang, ref=case.ref, date=received)


def received_documents(case: Case, lang: str) -> str:
    """The documents that arrived, by kind with the day: "Asiakassuunnitelma (20.3.2023),
    ..."; a case with none says so."""
    if not case.documents:
        return "" if case.documents_received else render("case.label.no_documents", lang)
    return ", ".join(
        render("case.label.document_on", lang, name=document_name(d.kind, lang), date=d.received)
        for d in case.documents
    )


def status_text(result: Changed, lang: str) -> str:
    case = result.view.case
    return render("case.status_done", lang, ref=case.ref, status=status_label(case, lang))


# --- one case ------------------------------------------------------------------------------


def documents_label(view: CaseView, lang: str) -> str:
    due = view.session.documents_due if view.session else None
    received = view.case.documents_received
    return render(
        "case.label.documents_state",
        lang,
        due=day(due, lang) if due else "-",
        received=format_date(received, lang) if received else "-",
    )


def _documents_lines(view: CaseView, lang: str) -> str:
    """`case show`: when they are due and came, then each kind that arrived (issue 13)."""
    case = view.case
    lines = [
        render("case.label.document_on", lang, name=document_name(d.kind, lang), date=d.received)
        for d in case.documents
    ] or ([] if case.documents_received else [render("case.label.no_documents", lang)])
    return documents_label(view, lang) + "".join(f"\n  - {line}" for line in lines)


def case_text(view: CaseView, lang: str) -> str:
    """Every field of a case, one per line (`case show`)."""
    case = view.case
    worker = ", ".join(x for x in (case.worker.name, case.worker.email, case.worker.phone) if x)
    questions = "".join(f"\n  {n}. {q}" for n, q in enumerate(case.questions, start=1))
    rows = [
        ("ref", case.ref),
        ("session", session_label(view, lang)),
        ("status", status_label(case, lang)),
        ("worker", worker),
        ("municipality", case.municipality),
        ("matter", render(f"case.matter.{case.matter.value}", lang)),
        ("expertise", ", ".join(area_name(a, lang) for a in case.expertise) or "-"),
        ("questions", questions),
        ("documents", _documents_lines(view, lang)),
        ("late", case.late_reason),
        ("withdrawn", case.withdrawn_reason),
        ("created", case.created_at.isoformat() if case.created_at else ""),
        ("updated", case.updated_at.isoformat() if case.updated_at else ""),
    ]
    shown = [(render(f"case.label.{key}", lang) + ":", value) for key, value in rows if value]
    width = max(len(label) for label, _ in shown) + 1
    return "\n".join(
        label + value if value.startswith("\n") else f"{label:<{width}}{value}"
        for label, value in shown
    )


def case_json(view: CaseView) -> str:
    return json.dumps(case_record(view.case), ensure_ascii=False, indent=2)


# --- lists ---------------------------------------------------------------------------------


def _row(view: CaseView, lang: str) -> list[str]:
    case = view.case
    return [
        day(case.session_date, lang),
        case.ref,
        status_label(case, lang),
        case.worker.name,
        case.municipality,
        render(f"case.matter.{case.matter.value}", lang),
        render("case.label.count_questions", lang, count=len(case.questions)),
    ]


def cases_text(views: Sequence[CaseView], lang: str) -> str:
    """One case a line, columns two spaces apart (for pipes and mail)."""
    if not views:
        return render("case.none", lang)
    rows = [_row(v, lang) for v in views]
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return "\n".join(
        "  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)).rstrip() for r in rows
    )


def cases_text_of(views: Callable[[], Iterable[CaseView]], lang: str) -> Iterator[str]:
    """`cases_text` in pieces of about `CHUNK` characters without holding the cases. The column
    widths come from `views.shape()` when it has one (services.cases.listing: an aggregate
    query, then one pass for the lines, issue 18); else `views` is called twice."""
    shape = getattr(views, "shape", None)
    widths = text_widths(shape(), lang) if shape is not None else _widths_by_pass(views, lang)
    if not widths:
        return iter([render("case.none", lang)])
    lines = (
        "  ".join(cell.ljust(w) for cell, w in zip(_row(v, lang), widths, strict=True)).rstrip()
        for v in views()
    )
    return chunked(f"{chr(10) if n else ''}{line}" for n, line in enumerate(lines))


def _widths_by_pass(views: Callable[[], Iterable[CaseView]], lang: str) -> list[int]:
    widths: list[int] = []
    for view in views():
        cells = _row(view, lang)
        widths = [max(len(c), w) for c, w in zip(cells, widths or [0] * len(cells), strict=True)]
    return widths


def text_widths(shape: ListingShape, lang: str) -> list[int]:
    """The widths of `_row`'s columns over the cases `shape` describes ([] when there are none)."""
    if not shape.cases:
        return []
    states = [len(render(f"case.status.{s}", lang)) for s in shape.statuses]
    if shape.waiting:  # the highest place has the most digits: the longest label
        states.append(len(render("case.label.waiting", lang, position=shape.waiting)))
    return [
        max(len(day(d, lang)) for _, d in shape.sessions),
        shape.ref,
        max(states),
        shape.worker,
        shape.municipality,
        max(len(render(f"case.matter.{m}", lang)) for m in shape.matters),
        max(len(render("case.label.count_questions", lang, count=n)) for n in shape.questions),
    ]


def json_lines(items: Sequence[object], indent: str = "") -> str:
    """A JSON array with one item a line: grep-friendly, and json's C encoder stays in use
    (`indent=` switches to the pure-Python one, four times slower on 10,000 cases)."""
    return "".join(json_lines_of(items, indent))


def json_lines_of(items: Iterable[object], indent: str = "") -> Iterator[str]:
    """`json_lines` piece by piece, as `items` are read (one pass; memory stays flat)."""
    first = True
    for item in items:
        yield f"{'[' if first else ','}\n{indent}  {json.dumps(item, ensure_ascii=False)}"
        first = False
    yield "[]" if first else f"\n{indent}]"


def cases_json(views: Sequence[CaseView]) -> str:
    """A JSON array of case records (README: "Case JSON")."""
    return json_lines([case_record(v.case) for v in views])


def cases_json_of(views: Iterable[CaseView]) -> Iterator[str]:
    """`cases_json` in pieces of about `CHUNK` characters, as the cases are read."""
    return chunked(json_lines_of(case_record(v.case) for v in views))


def backup_json(data: dict[str, object]) -> str:
    """The backup (`services.cases.export`): header fields, then a case or audit line a line."""
    return "".join(backup_json_of(data))


def backup_json_of(data: Mapping[str, object]) -> Iterator[str]:
    """`backup_json` in pieces of about `CHUNK` characters; a
    field that is not a text or a number is an iterable of records, read once as written."""

    def pieces() -> Iterator[str]:
        yield "{"
        for n, (key, value) in enumerate(data.items()):
            yield f"{',' if n else ''}\n  {json.dumps(key)}: "
            if isinstance(value, str | int | None):
                yield json.dumps(value)
            else:
                yield from json_lines_of(cast(Iterable[object], value), "  ")
        yield "\n}\n"

    return chunked(pieces())


CHUNK = 1 << 16  # characters a write: few system calls, and memory flat


def chunked(pieces: Iterable[str], size: int = CHUNK) -> Iterator[str]:
    """`pieces` joined into texts of at least `size` characters (the last may be shorter)."""
    held: list[str] = []
    length = 0
    for piece in pieces:
        held.append(piece)
        length += len(piece)
        if length >= size:
            yield "".join(held)
            held, length = [], 0
    if held:
        yield "".join(held)


def cases_table(views: Sequence[CaseView], lang: str) -> None:
    """A table (the terminal view). It fits the width: the session date and the reference
    whole, the rest wrapped, the least needed columns left out first (issue 14)."""
    from mastergroup.present.fit import Column, fitted_table

    if not views:
        from mastergroup.present import drawn

        sys.stdout.write(drawn.lines(render("case.none", lang), None, drawn.screen()))
        return
    ranks = {"status": 7, "worker": 3, "municipality": 2, "matter": 5, "questions": 1}
    columns = [
        Column(render("case.label.session", lang), keep=True),
        Column(render("case.label.ref", lang), keep=True),
        *(Column(render(f"case.label.{key}", lang), rank=rank) for key, rank in ranks.items()),
        Column(render("case.label.documents", lang), rank=6),
    ]
    rows = [[*_row(view, lang), documents_label(view, lang)] for view in views]
    styles = ["dim" if view.case.status.value == "withdrawn" else None for view in views]
    fitted_table(columns, rows, lang, styles=styles)


def audit_text(entries: Sequence[AuditEntry], lang: str) -> str:
    if not entries:
        return render("case.none", lang)
    lines = []
    for e in entries:
        what = ",".join(e.fields) if e.fields else (str(e.count) if e.count is not None else "")
        # issue 16: who acted, after when (a line from before it was recorded: "-")
        parts = [e.at.isoformat(), e.actor or "-", e.command, e.ref or "-", e.slot or "-", what,
                 e.detail]  # fmt: skip
        lines.append("  ".join(p for p in parts if p).rstrip())
    return "\n".join(lines)


def audit_json(entries: Sequence[AuditEntry]) -> str:
    return json_lines([audit_record(e) for e in entries])
