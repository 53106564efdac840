"""`mastergroup report` (issue 17): the year's report of one group, from the rules and the
register (read only; none is created). Counts only: see core/report.py."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from mastergroup.services import App, check_year

if TYPE_CHECKING:
    from pathlib import Path

    from mastergroup.core.model import Case, Session
    from mastergroup.core.panel import Expert
    from mastergroup.core.report import Report


def annual_report(app: App, year: int) -> Report:
    from zoneinfo import ZoneInfo

    from mastergroup.core.holidays import FIRST_YEAR
    from mastergroup.core.report import build
    from mastergroup.core.rules import sessions_between
    from mastergroup.register import experts as store_experts
    from mastergroup.register import store

    check_year(year)
    settings = app.settings
    schedule = settings.schedule

    def sessions(y: int) -> list[Session]:
        return sessions_between(schedule, date(y, 1, 1), date(y, 12, 31))

    this: list[tuple[Case, date | None]] = []
    before: list[tuple[Case, date | None]] = []
    attendance: dict[str, list[Expert]] = {}
    these = sessions(year)
    with store.reading(app.where, app.scope) as register:
        if register is not None:
            this = list(register.each_case(since=date(year, 1, 1), before=date(year + 1, 1, 1)))
            before = list(register.each_case(since=date(year - 1, 1, 1), before=date(year, 1, 1)))
            attendance = store_experts.attendance(register, [s.slot for s in these])
    previous = (sessions(year - 1), before) if year - 1 >= FIRST_YEAR and before else None
    return build(
        year,
        these,
        this,
        app.today,
        group=settings.group.id,
        min_count=settings.report.min_count,
        target_days=settings.report.target_days,
        previous=previous,
        attendance=attendance,
        required=tuple(settings.experts.required),
        quorum=settings.experts.quorum,
        reason_groups=tuple(settings.report.withdrawn_reasons),
        zone=ZoneInfo(schedule.timezone),
    )


def report_template(app: App, lang: str) -> Path:
    """`report.LANG.docx`: the county's in `templates.folder` if it has one, else the shipped
    one beside the statement templates (config/templates/, scripts/make_docx_templates.py)."""
    from mastergroup.present import templates
    from mastergroup.services.statements import county_folder

    return templates.find(f"report.{lang}.docx", county_folder(app))
