"""`mastergroup report` (issue 17): the year's report of one group, from the rules and the
register (read only; none is created). Counts only: see core/report.py."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from mastergroup.services import App, check_year

if TYPE_CHECKING:
    from mastergroup.core.model import Case, Session
    from mastergroup.core.report import Report


def annual_report(app: App, year: int) -> Report:
    from mastergroup.core.holidays import FIRST_YEAR
    from mastergroup.core.report import build
    from mastergroup.core.rules import sessions_between
    from mastergroup.register import store

    check_year(year)
    settings = app.settings
    schedule = settings.schedule

    def sessions(y: int) -> list[Session]:
        return sessions_between(schedule, date(y, 1, 1), date(y, 12, 31))

    this: list[tuple[Case, date | None]] = []
    before: list[tuple[Case, date | None]] = []
    with store.reading(app.where, app.scope) as register:
        if register is not None:
            this = list(register.each_case(since=date(year, 1, 1), before=date(year + 1, 1, 1)))
            before = list(register.each_case(since=date(year - 1, 1, 1), before=date(year, 1, 1)))
    previous = (sessions(year - 1), before) if year - 1 >= FIRST_YEAR and before else None
    return build(
        year,
        sessions(year),
        this,
        app.today,
        group=settings.group.id,
        min_count=settings.report.min_count,
        target_days=settings.report.target_days,
        previous=previous,
    )


def report_template(app: App, lang: str) -> Path | None:
    """The county's `report.LANG.docx` in its templates folder, if it has one (none is shipped:
    without it the Word report uses python-docx's default styles)."""
    folder = app.settings.templates.folder
    if not folder:
        return None
    path = Path(folder).expanduser()
    base = path if path.is_absolute() else app.config_path.parent / path
    found = base / f"report.{lang}.docx"
    return found if found.is_file() else None
