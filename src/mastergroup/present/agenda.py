"""Rendering an agenda and the reminders: JSON, Markdown, plain text, HTML, and a Rich table.

Mail bodies come from here too (`plain` and `html` with mail=True): by default they carry the
time slot, reference, municipality, matter and expertise of each case; the questions only with
`agenda.include_questions`; never the social worker's contact or anything else. Every value in
HTML is escaped, and every case value in Markdown (markdown_text.escape). Rich is imported
inside `table` only.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from mastergroup.config.settings import Settings
from mastergroup.core.agenda import Agenda, AgendaItem
from mastergroup.core.model import Case, Session
from mastergroup.i18n.dates import short_date, time_range
from mastergroup.i18n.messages import area_name, render
from mastergroup.present.cases import received_documents
from mastergroup.present.output import session_record
from mastergroup.present.place import location


def when(session: Session, lang: str) -> str:
    """`pe 31.3.2023 klo 9.00–11.30`."""
    day = short_date(session.date, lang)
    day = f"{day} {session.date.year}" if lang == "en" else f"{day}{session.date.year}"
    return f"{day} {time_range(session.start, session.end, lang)}"


def _slot(item: AgendaItem, lang: str) -> str:
    return time_range(item.start, item.end, lang)


def _expertise(c: Case, lang: str) -> str:
    """The expertise wished, each area by its name in `lang` (a wish stored as typed before
    issue 14, and a county's own area, as written)."""
    return ", ".join(area_name(a, lang) for a in c.expertise)


def _matter(case: Case, lang: str) -> str:
    return render(f"case.matter.{case.matter.value}", lang)


def _documents(case: Case, session: Session, lang: str) -> str:
    if case.documents_received is not None:
        text = render("agenda.docs_yes", lang, date=case.documents_received)
        if case.documents:  # issue 13: which ones came, each with its day
            text += ": " + received_documents(case, lang)
        return text
    return render("agenda.docs_no", lang, date=session.documents_due)


def _documents_record(case: Case) -> dict[str, Any]:
    """`documents` only when some arrived, as in the case JSON (register/records.py)."""
    if not case.documents:
        return {}
    return {"documents": [{"kind": d.kind, "received": d.received.isoformat()}
                          for d in case.documents]}  # fmt: skip


def _place(settings: Settings, lang: str) -> str:
    url = settings.location.url
    place = location(settings, lang)
    return f"{place} {url}" if url else place


def _fields(
    item: AgendaItem, session: Session, lang: str, *, mail: bool, questions: bool
) -> list[tuple[str, str]]:
    """(label, value) lines of one case; mail leaves out the worker (issue 13: it shows the
    documents' state, which the experts read before the session)."""
    c = item.case
    rows = [
        (render("case.label.municipality", lang), c.municipality),
        (render("case.label.matter", lang), _matter(c, lang)),
    ]
    if c.expertise:
        rows.append((render("case.label.expertise", lang), _expertise(c, lang)))
    rows.append((render("case.label.documents", lang), _documents(c, session, lang)))
    if not mail:
        worker = f"{c.worker.name} <{c.worker.email}>"
        rows.append((render("case.label.worker", lang), worker))
    return rows


def record(agenda: Agenda, settings: Settings, lang: str, group_id: str = "") -> dict[str, Any]:
    """The JSON contract (README: "Agenda JSON"): fields are added, never removed. `group` was
    always the group's name; `group_id` (issue 15) is its id, given only under a configuration
    with [[groups]], so that a single group's agenda is as before, byte for byte."""
    s = agenda.session
    found: dict[str, Any] = {
        "group": settings.group_name(lang),
        "session": session_record(s, lang),
        "location": location(settings, lang),
        "url": settings.location.url,
        "break_minutes": agenda.break_minutes,
        "cases": [
            {
                "number": i.number,
                "start": i.start.isoformat(),
                "end": i.end.isoformat(),
                "ref": i.case.ref,
                "municipality": i.case.municipality,
                "matter": i.case.matter.value,
                "expertise": list(i.case.expertise),
                "questions": list(i.case.questions),
                "status": i.case.status.value,
                "documents_received": (
                    i.case.documents_received.isoformat() if i.case.documents_received else None
                ),
                "documents_due": s.documents_due.isoformat(),
                "worker": i.case.worker.name,
                "worker_email": i.case.worker.email,
            }
            | _documents_record(i.case)
            for i in agenda.items
        ],
    }
    if group_id:
        found["group_id"] = group_id
    return found


def to_json(agenda: Agenda, settings: Settings, lang: str, group_id: str = "") -> str:
    return json.dumps(record(agenda, settings, lang, group_id), ensure_ascii=False, indent=2)


def _head(agenda: Agenda, settings: Settings, lang: str) -> tuple[str, str, list[str]]:
    s = agenda.session
    title = f"{render('agenda.title', lang)}: {when(s, lang)}"
    lines = [f"{render('label.location', lang)}: {_place(settings, lang)}"]
    if s.cancelled:
        lines.append(render("agenda.cancelled", lang, date=s.date))
    if len(agenda.items) > 1 and agenda.break_minutes:
        lines.append(render("agenda.break", lang, minutes=agenda.break_minutes))
    return settings.group_name(lang), title, lines


def markdown(
    agenda: Agenda, settings: Settings, lang: str, *, mail: bool = False, questions: bool = True
) -> str:
    """The agenda in Markdown; every value from a case is escaped (markdown_text.escape), so
    its text shows as typed: no HTML, link, emphasis or list comes from it."""
    from mastergroup.present.markdown import escape as e

    name, title, lines = _head(agenda, settings, lang)
    out = [f"# {name}", "", f"## {title}", "", *[f"{line}  " for line in lines], ""]
    if not agenda.items:
        out.append(render("agenda.no_cases", lang))
    for item in agenda.items:
        out += [f"### {item.number}. {_slot(item, lang)} — {e(item.case.ref)}", ""]
        fields = _fields(item, agenda.session, lang, mail=mail, questions=questions)
        out += [f"- **{label}:** {e(value)}" for label, value in fields]
        if questions:
            out.append(f"- **{render('case.label.questions', lang)}:**")
            out += [f"  {n}. {e(q)}" for n, q in enumerate(item.case.questions, 1)]
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def plain(
    agenda: Agenda, settings: Settings, lang: str, *, mail: bool = False, questions: bool = True
) -> str:
    name, title, lines = _head(agenda, settings, lang)
    out = [name, title, *lines, ""]
    if not agenda.items:
        out.append(render("agenda.no_cases", lang))
    for item in agenda.items:
        out.append(f"{item.number}. {_slot(item, lang)}  {item.case.ref}")
        for label, value in _fields(item, agenda.session, lang, mail=mail, questions=questions):
            out.append(f"   {label}: {value}")
        if questions:
            out.append(f"   {render('case.label.questions', lang)}:")
            out += [f"     {n}. {q}" for n, q in enumerate(item.case.questions, 1)]
        out.append("")
    if mail and not questions and agenda.items:
        out.append(render("agenda.questions_hidden", lang))
    if mail:
        out.append(render("agenda.attachment", lang))
    return "\n".join(out).rstrip() + "\n"


def html(agenda: Agenda, settings: Settings, lang: str, *, questions: bool = False) -> str:
    """The HTML alternative of the mail; every value escaped."""
    from html import escape as e  # mail only: not on the terminal's path (start-up time)

    name, title, lines = _head(agenda, settings, lang)
    out = [
        f'<!DOCTYPE html>\n<html lang="{e(lang)}"><head><meta charset="utf-8">'
        f"<title>{e(title)}</title></head><body>",
        f"<h1>{e(name)}</h1>",
        f"<h2>{e(title)}</h2>",
        *[f"<p>{e(line)}</p>" for line in lines],
    ]
    if not agenda.items:
        out.append(f"<p>{e(render('agenda.no_cases', lang))}</p>")
    for item in agenda.items:
        out.append(f"<h3>{item.number}. {e(_slot(item, lang))} — {e(item.case.ref)}</h3><ul>")
        for label, value in _fields(item, agenda.session, lang, mail=True, questions=questions):
            out.append(f"<li><strong>{e(label)}:</strong> {e(value)}</li>")
        out.append("</ul>")
        if questions:
            out.append(f"<p><strong>{e(render('case.label.questions', lang))}:</strong></p><ol>")
            out += [f"<li>{e(q)}</li>" for q in item.case.questions]
            out.append("</ol>")
    if not questions and agenda.items:
        out.append(f"<p>{e(render('agenda.questions_hidden', lang))}</p>")
    out.append(f"<p>{e(render('agenda.attachment', lang))}</p>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def with_intro(page: str, intro: str) -> str:
    """The HTML agenda with a first paragraph (an update says so, issue 13)."""
    from html import escape

    head, sep, rest = page.partition("<body>")
    if not sep:
        return f"<p><strong>{escape(intro)}</strong></p>\n{page}"
    return f"{head}<body>\n<p><strong>{escape(intro)}</strong></p>{rest}"


def table(agenda: Agenda, settings: Settings, lang: str) -> None:
    """The terminal view: a heading and one row a case, a rule between cases (drawn as Rich
    drew it, `drawn.py`; by Rich only for text that `drawn.py` does not measure)."""
    import sys

    from mastergroup.present import drawn

    name, title, lines = _head(agenda, settings, lang)
    keys = ("label.time", "case.label.ref", "case.label.municipality", "case.label.matter",
            "case.label.expertise", "case.label.questions", "case.label.documents",
            "case.label.worker")  # fmt: skip
    no_wrap = {"label.time", "case.label.ref", "case.label.municipality"}
    cols = [drawn.Col(render(key, lang), no_wrap=key in no_wrap) for key in keys]
    rows = []
    for item in agenda.items:
        c = item.case
        rows.append([
            f"{item.number}. {_slot(item, lang)}",
            c.ref,
            c.municipality,
            _matter(c, lang),
            _expertise(c, lang),
            "\n".join(f"{n}. {q}" for n, q in enumerate(c.questions, 1)),
            _documents(c, agenda.session, lang),
            f"{c.worker.name}\n{c.worker.email}",
        ])  # fmt: skip
    heading = [name, title, *lines] + ([] if rows else [render("agenda.no_cases", lang)])
    where = drawn.screen()
    drawn_table = drawn.draw(where, cols, rows, show_lines=True) if rows else ""
    if drawn_table is None or not all(map(drawn.drawable, heading)):
        text = _with_rich(heading, cols, rows)
    else:
        text = "".join(drawn.lines(line, "bold" if n == 0 else None, where)
                       for n, line in enumerate(heading)) + drawn_table  # fmt: skip
    sys.stdout.write(text)
    sys.stdout.flush()


def _with_rich(heading: Sequence[str], cols: Sequence[Any], rows: Sequence[Sequence[str]]) -> str:
    from rich.table import Table

    from mastergroup.present.fit import rich_text
    from mastergroup.present.output import console

    out = console()
    text = rich_text(out, heading[0], style="bold") + rich_text(out, *heading[1:])
    if not rows:
        return text
    t = Table(show_lines=True)
    for c in cols:
        t.add_column(c.header, no_wrap=c.no_wrap)
    for row in rows:
        t.add_row(*row)
    return text + rich_text(out, t)


# --- reminders ---------------------------------------------------------------------------------


def reminder_lines(cases: Sequence[Case], lang: str) -> list[str]:
    """One line a case: reference, municipality, the responsible social worker (to chase)."""
    return [f"{c.ref} ({c.municipality}): {c.worker.name} <{c.worker.email}>" for c in cases]


def reminder_html(intro: str, lines: Sequence[str], lang: str) -> str:
    from html import escape as e

    items = "".join(f"<li>{e(line)}</li>" for line in lines)
    body = f"<p>{e(intro)}</p>" + (f"<ul>{items}</ul>" if lines else "")
    return f'<!DOCTYPE html>\n<html lang="{e(lang)}"><body>{body}</body></html>\n'
