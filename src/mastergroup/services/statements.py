"""Use cases of statements (lausunto): render a case's statement, a session's statements,
check a template, record the delivery.

The context a template gets is built here (`statement_context`); README "Statement templates"
lists its names. It holds the case reference, never a name of the child or an identity code
(the register has none).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from mastergroup.core import booking
from mastergroup.core.errors import ConfigError, NotFoundError, RuleError, UsageError
from mastergroup.core.model import Case, CaseStatus, Session
from mastergroup.core.panel import Expert
from mastergroup.core.results import CaseView
from mastergroup.core.rules import find_session
from mastergroup.i18n.dates import long_date, sentence_date, time_range
from mastergroup.i18n.messages import area_name, document_name, format_date, render
from mastergroup.present import templates
from mastergroup.present.place import location
from mastergroup.register import experts as store_experts
from mastergroup.register import store
from mastergroup.services import App
from mastergroup.services.cases import find_case, show_case, view_of

# The shipped kinds of documents a social worker sends (domain.md), the default of the setting
# `documents.kinds`; their names are in the catalogs (`document.<kind>`). A statement lists
# the kinds recorded by `case documents` (issue 13), never these unasked.
DOCUMENT_KINDS = ("client_plan", "care_order_application", "summary")
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class Rendered:
    ref: str
    kind: str
    data: bytes
    template: Path
    filename: str  # the default file name


def county_folder(app: App) -> Path | None:
    folder = app.settings.templates.folder
    if not folder:
        return None
    path = Path(folder).expanduser()
    return path if path.is_absolute() else app.config_path.parent / path


def check_templates_folder(app: App) -> None:
    """`config check`: a templates.folder that is set must name an existing folder."""
    folder = county_folder(app)
    if folder is not None and not folder.is_dir():
        raise ConfigError("config.templates_folder", folder=str(folder))


def template_for(app: App, kind: str, lang: str) -> Path:
    if kind not in templates.KINDS:
        raise UsageError("statement.bad_format", value=kind, allowed=", ".join(templates.KINDS))
    return templates.find(templates.template_name(kind, lang), county_folder(app))


def _file_word(key: str, lang: str) -> str:
    """A word of a file or folder name in `lang` (`file.<key>`: lausunto, utlatande,
    statement), ASCII only whatever a catalog says: names travel to shares, zips and mail."""
    return _UNSAFE.sub("_", render(f"file.{key}", lang)).strip("._") or key


def file_name(ref: str, day: date, kind: str, lang: str) -> str:
    safe = _UNSAFE.sub("_", ref).strip("._") or "case"
    return f"{_file_word('statement', lang)}-{safe}-{day.isoformat()}.{kind}"


def folder_name(day: date, lang: str) -> str:
    """The default folder of a session's statements: lausunnot-, utlatanden-, statements-DATE."""
    return f"{_file_word('statements_folder', lang)}-{day.isoformat()}"


def _expert(e: Expert, lang: str) -> dict[str, Any]:
    return {
        "name": e.name,
        "title": e.title,
        "organisation": e.organisation,
        "areas": ", ".join(area_name(a, lang) for a in e.areas),
    }


def statement_context(
    app: App,
    case: Case,
    session: Session | None,
    experts: Sequence[Expert],
    lang: str,
    documents: Sequence[str] = (),
) -> dict[str, Any]:
    """Everything a statement template may use (plain strings, lists and dicts)."""
    s = app.settings
    when = session.date if session else case.session_date
    received, listed = case.documents_received, bool(case.documents)
    return {
        "lang": lang,
        "group": {"name": s.group_name(lang), "county": s.group.county},
        "session": {
            "date": format_date(when, lang),
            "long_date": long_date(when, lang),
            "sentence_date": sentence_date(when, lang),
            "time": time_range(session.start, session.end, lang) if session else "",
            "mode": location(s, lang),
        },
        "case": {
            "ref": case.ref,
            "matter": render(f"case.matter.{case.matter.value}", lang),
            "municipality": case.municipality,
            "expertise": list(case.expertise),
        },
        "worker": {
            "name": case.worker.name,
            "email": case.worker.email,
            "phone": case.worker.phone,
            "unit": case.municipality,
        },
        "experts": [_expert(e, lang) for e in experts],
        "documents": list(documents) or _documents(case, lang),
        "documents_given": bool(documents),
        # no document arrived and none was named: templates say so instead of listing
        "documents_none": not documents and not case.documents and not case.documents_received,
        # the one day of a record made without kinds (each kind has its own day otherwise)
        "documents_received": format_date(received, lang) if received and not listed else "",
        "documents_list": [
            {
                "kind": d.kind,
                "name": document_name(d.kind, lang),
                "received": format_date(d.received, lang),
            }
            for d in case.documents
        ],
        "questions": list(case.questions),
        "coordinator": {
            "name": s.coordinator.name,
            "title": s.coordinator.title,
            "email": s.coordinator.email,
            "phone": s.coordinator.phone,
        },
        "today": format_date(app.today, lang),
    }


def _documents(case: Case, lang: str) -> list[str]:
    """What the group had: each recorded kind with its day; a case whose documents never
    arrived says so (never a list of documents that did not come)."""
    if case.documents:
        return [
            render("statement.document_on", lang, name=document_name(d.kind, lang), date=d.received)
            for d in case.documents
        ]
    if case.documents_received:
        return [render("statement.documents_unlisted", lang)]
    return [render("statement.no_documents", lang)]


def _render(app: App, view: CaseView, experts: Sequence[Expert], kind: str, lang: str,
            documents: Sequence[str], template: Path | None) -> Rendered:  # fmt: skip
    path = template or template_for(app, kind, lang)
    context = statement_context(app, view.case, view.session, experts, lang, documents)
    if kind == "docx":
        data = templates.render_docx(path, context)
    else:
        data = templates.render_text(path, context, markdown=kind == "md").encode("utf-8")
    when = view.session.date if view.session else view.case.session_date
    return Rendered(view.case.ref, kind, data, path, file_name(view.case.ref, when, kind, lang))


def render_statement(
    app: App,
    ref: str,
    *,
    kind: str,
    lang: str,
    session: date | None = None,
    documents: Sequence[str] = (),
    template: Path | None = None,
) -> Rendered:
    """The statement of one case, from the template of `kind` and `lang`."""
    named = [(f"--document {n}", d) for n, d in enumerate(documents, start=1)]
    booking.guard_privacy(named)
    documents = [booking.clean_text(d, name, max_chars=booking.MAX_NAME) for name, d in named]
    if kind not in templates.KINDS:
        raise UsageError("statement.bad_format", value=kind, allowed=", ".join(templates.KINDS))
    view = show_case(app, ref, session=session)
    _refuse_not_discussed(view.case)
    with store.reading(app.where, app.scope) as register:
        experts = store_experts.attendees(register, view.case.slot) if register else []
    return _render(app, view, experts, kind, lang, documents, template)


def _refuse_not_discussed(case: Case) -> None:
    """A statement is what the group said about a case it discussed: never of a withdrawn
    case, nor of one still waiting for a place."""
    if case.status is CaseStatus.WITHDRAWN:
        raise RuleError("statement.withdrawn", ref=case.ref)
    if case.waiting:
        raise RuleError("statement.waiting", ref=case.ref, position=case.waitlist)


@dataclass(frozen=True)
class Saved:
    file: Path
    kept: Path | None = None  # the earlier file's copy, when `force` replaced one


def save(items: Sequence[tuple[Path, bytes]], *, force: bool = False) -> list[Saved]:
    """Write each statement to its file (mode 0600). An existing file is never replaced
    unless `force`; then the earlier one is first kept as `NAME.1.EXT` (`.2`, ...). Without
    `force`, one existing file refuses them all before anything is written."""
    from mastergroup.core.errors import StorageError
    from mastergroup.io.atomic import numbered_copy, write_atomic

    existing = [path for path, _ in items if path.is_file()]  # others: write_atomic says
    if existing and not force:
        key = "statement.exists" if len(existing) == 1 else "statement.exists_many"
        raise StorageError(key, file=str(existing[0]), count=len(existing))
    saved = []
    for path, data in items:
        kept = numbered_copy(path) if path in existing else None
        write_atomic(path, data, mode=0o600, create_dirs=False)
        saved.append(Saved(path, kept))
    return saved


def render_session(
    app: App, day: date, *, kind: str, lang: str, template: Path | None = None
) -> list[Rendered]:
    """The statements of every case that held a place in the session on `day`."""
    found = find_session(app.settings.schedule, day)
    if found is None:
        raise NotFoundError("expert.no_session", date=day)
    with store.reading(app.where, app.scope) as register:
        cases = register.cases(slot=found.slot) if register else []
        experts = store_experts.attendees(register, found.slot) if register else []
    chosen = [c for c in cases if c.holds_place]
    if not chosen:
        raise NotFoundError("statement.none_in_session", date=day)
    views = [CaseView(c._replace(session_date=found.date), found) for c in chosen]
    return [_render(app, v, experts, kind, lang, (), template) for v in views]


def check_template(app: App, path: Path | None, *, kind: str, lang: str) -> templates.CheckReport:
    """Render a template (the given file, or the one in use for kind/lang) with invented data."""
    chosen = path or template_for(app, kind, lang)
    if not chosen.is_file():
        raise NotFoundError("template.not_a_file", file=str(chosen))
    file_lang = _lang_of(chosen.name) or lang
    return templates.check(chosen, sample_context(app, file_lang), lang)


def _lang_of(name: str) -> str | None:
    m = re.search(r"\.(fi|sv|en)\.", name)
    return m.group(1) if m else None


def sample_context(app: App, lang: str) -> dict[str, Any]:
    """The context of an invented case (invented people; a reference, no identity code)."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from mastergroup.core.model import Matter, ReceivedDocument, SessionStatus, Worker

    day = date(2023, 3, 31)
    tz = ZoneInfo("Europe/Helsinki")
    session = Session(
        slot="2023-03",
        date=day,
        start=datetime(2023, 3, 31, 9, 0, tzinfo=tz),
        end=datetime(2023, 3, 31, 11, 30, tzinfo=tz),
        status=SessionStatus.SCHEDULED,
        planned_date=day,
        booking_deadline=date(2023, 3, 17),
        documents_due=date(2023, 3, 24),
        capacity=2,
        sequence=0,
    )
    case = Case(
        ref="MALLI-1",
        slot="2023-03",
        session_date=day,
        status=CaseStatus.DISCUSSED,
        worker=Worker("Testi Työntekijä", "testi@kunta.example", "040 000 0001"),
        municipality="Esimerkkilä",
        matter=Matter.CARE_ORDER_PREPARATION,
        questions=("Kysymys yksi?", "Kysymys kaksi?"),
        expertise=("law",),
        documents_received=date(2023, 3, 24),
        documents=(
            ReceivedDocument("client_plan", date(2023, 3, 20)),
            ReceivedDocument("summary", date(2023, 3, 24)),
        ),
    )
    experts = [
        Expert("Pertti Psykologi", "psykologi", "Perheneuvola", areas=("growth_development",)),
        Expert("Lea Lakimies", "lakimies", "Hyvinvointialue", areas=("law",)),
    ]
    return statement_context(app, case, session, experts, lang)


def deliver(app: App, ref: str, *, day: date | None = None, session: date | None = None) -> Case:
    """Record that the statement was delivered on `day` (default today): status
    statement_delivered, via discussed when the session has been held."""
    from mastergroup.services.cases import change_status, check_ref, require_register

    ref = check_ref(ref)
    when = day or app.today
    if when > app.today:
        raise UsageError("statement.delivered_future", date=when, today=app.today)
    require_register(app, ref)
    with store.writing(app.where, app.scope) as register:
        case = find_case(app, register, ref, session)
        held = view_of(app, case).case.session_date
        if when < held:
            raise RuleError("statement.delivered_early", ref=case.ref, date=held)
        steps = [CaseStatus.STATEMENT_DELIVERED]
        if case.status is CaseStatus.STATEMENT_DELIVERED:
            steps = []  # correcting the date of an earlier record
        elif case.status in (CaseStatus.BOOKED, CaseStatus.DOCUMENTS_RECEIVED):
            steps.insert(0, CaseStatus.DISCUSSED)
        for status in steps:
            case = change_status(register, case, status, held, app.today, command="delivered")
        assert case.id is not None  # noqa: S101 - a stored case has an id
        store_experts.set_delivered(register, case.id, when)
        register.log("delivered", ref=case.ref, slot=case.slot, fields=("statement_delivered",))
    return case
